#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/app.h"
#include "app/memory_blobs.h"
#include "base/temp_dir.h"
#include "core/org_fixture.h"
#include "orgfile/org_file.h"
#include "store/sqlite/sqlite_store.h"

namespace sokuo::app {
namespace {

using ::testing::HasSubstr;

// Lines as sshd and useradd write them on ord-app01, a host of the "orders" system; 15:00 in
// Berlin (the organization's zone), half an hour before the test's clock.
std::vector<IngestLine> Lines(const std::vector<std::string>& texts, Timestamp received) {
  std::vector<IngestLine> out;
  for (const std::string& t : texts) {
    out.push_back({"Dec 31 15:00:00 ord-app01 " + t, "syslog:192.0.2.5:514",
                   detect::Format::kSyslog, received});
  }
  return out;
}

std::vector<std::string> BruteForceThenLogin() {
  std::vector<std::string> t;
  for (int i = 0; i < 12; ++i) {
    t.push_back("sshd[99]: Failed password for invalid user admin from 203.0.113.7 port " +
                std::to_string(4000 + i) + " ssh2");
  }
  t.push_back("sshd[99]: Accepted password for alice from 203.0.113.7 port 4712 ssh2");
  return t;
}

const std::string kNewUser =
    "useradd[901]: new user: name=svc, UID=1005, GID=1005, home=/home/svc, shell=/bin/bash";

class DetectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(*store::SqliteStore::Open({.path = dir_.File("sokuo.db")}));
    app_ = std::make_unique<App>(*store_, clock_, &blobs_);
    org_ = core::FullOrganization();  // its systems name their hosts
    ASSERT_TRUE(app_->organization().Import(orgfile::Emit(org_), "o", {"t"}));
    Configure({});
  }
  void TearDown() override {
    app_.reset();
    store_.reset();
  }
  void Configure(DetectionOptions options) {
    LoadedRules rules = LoadRules(BuiltinRules(), {});
    ASSERT_TRUE(rules.problems.empty());
    app_->detection().Configure(std::move(rules), std::move(options));
  }
  Actor As(const std::string& person, std::vector<core::Role> granted = {}) {
    return {person, {person, core::DeriveRoles(org_, person, granted), false}};
  }
  std::vector<AlertView> Alerts() {
    auto page = app_->detection().List({}, {}, is_);
    EXPECT_TRUE(page) << page.error().ToString();
    return page ? page->items : std::vector<AlertView>{};
  }
  const AlertView* Find(const std::vector<AlertView>& all, std::string_view title) {
    for (const AlertView& v : all) {
      if (v.alert.rule_title == title) return &v;
    }
    return nullptr;
  }

  FakeClock clock_{*ParseRfc3339("2026-12-31T14:30:00Z")};
  MemoryBlobs blobs_;
  TempDir dir_{"detect"};
  core::Organization org_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<App> app_;
  Actor is_{"p-suzuki", {"p-suzuki", {core::Role::kIsDepartment}, false}};
};

TEST_F(DetectionTest, ABruteForceAndTheLoginAfterItAreOneIncidentWithTheLinesAsEvidence) {
  auto r = app_->detection().Process(Lines(BruteForceThenLogin(), clock_.Now()));
  ASSERT_TRUE(r) << r.error().ToString();
  std::vector<AlertView> all = Alerts();
  const AlertView* brute = Find(all, "SSH brute force from one address");
  const AlertView* login = Find(all, "SSH login after a brute force from the same address");
  ASSERT_NE(brute, nullptr);
  ASSERT_NE(login, nullptr);
  EXPECT_NE(brute->alert.key, login->alert.key);  // two alerts made in one transaction
  // The informational base rules (every failure, every login) are below the alert level.
  EXPECT_EQ(Find(all, "Successful SSH login"), nullptr);
  EXPECT_EQ(Find(all, "Failed logins (SSH or PAM)"), nullptr);
  // Medium: an alert for the IS department; critical: an incident at once.
  EXPECT_EQ(brute->alert.state, core::AlertState::kOpen);
  EXPECT_EQ(brute->alert.group, "src_ip=203.0.113.7");
  EXPECT_EQ(login->alert.state, core::AlertState::kIncident);
  ASSERT_FALSE(login->alert.incident.empty());
  EXPECT_EQ(login->alert.author, "sokuo");
  EXPECT_EQ(login->alert.level, "critical");
  EXPECT_EQ(login->alert.host, "ord-app01");
  EXPECT_EQ(login->alert.first_at, "2026-12-31T14:00:00Z");

  auto incident = app_->incidents().Get(login->alert.incident, is_);
  ASSERT_TRUE(incident) << incident.error().ToString();
  EXPECT_EQ(incident->incident.detection, core::Detection::kAlert);
  EXPECT_EQ(incident->incident.reporter_department, "it-dept");
  EXPECT_THAT(incident->incident.systems, ::testing::ElementsAre("orders"));
  EXPECT_THAT(incident->incident.title, HasSubstr("src_ip=203.0.113.7"));
  // G4.4.3: the lines that matched are the incident's evidence, by their SHA-256.
  ASSERT_EQ(incident->incident.evidence.size(), 1u);
  const core::Evidence& e = incident->incident.evidence[0];
  EXPECT_EQ(e.kind, core::EvidenceKind::kAccessLog);
  EXPECT_EQ(e.system, "orders");
  auto bytes = blobs_.Get(e.sha256);
  ASSERT_TRUE(bytes);
  EXPECT_EQ(Sha256Hex(*bytes), e.sha256);
  EXPECT_THAT(*bytes, HasSubstr("Accepted password for alice from 203.0.113.7"));
  EXPECT_THAT(*bytes, HasSubstr("Failed password for invalid user admin"));

  auto detail = app_->detection().Get(login->alert.key, is_);
  ASSERT_TRUE(detail);
  ASSERT_FALSE(detail->lines.empty());
  EXPECT_TRUE(detail->lines.back().matched);
  EXPECT_THAT(detail->lines.back().text, HasSubstr("Accepted password for alice"));
  EXPECT_EQ(detail->lines.back().source, "syslog:192.0.2.5:514");

  // A later alert of the same group joins the same incident instead of opening another one.
  clock_.Advance(std::chrono::minutes(10));
  auto again = app_->detection().Process(Lines(
      {"sshd[120]: Accepted publickey for bob from 203.0.113.7 port 5000 ssh2"}, clock_.Now()));
  ASSERT_TRUE(again) << again.error().ToString();
  auto list = app_->incidents().List({}, {}, is_);
  ASSERT_TRUE(list);
  EXPECT_EQ(list->total, 1u);
  auto verify = store_->Verify();
  ASSERT_TRUE(verify);
  EXPECT_TRUE(verify->ok());
}

TEST_F(DetectionTest, ANewAccountIsAnAlertThatThePromotionMakesAnIncidentWithItsBackdoorItem) {
  ASSERT_TRUE(app_->detection().Process(Lines({kNewUser}, clock_.Now())));
  std::vector<AlertView> all = Alerts();
  const AlertView* alert = Find(all, "New local user or group");
  ASSERT_NE(alert, nullptr);
  EXPECT_EQ(alert->alert.state, core::AlertState::kOpen);
  EXPECT_EQ(alert->alert.detections, 1);
  std::string key = alert->alert.key;
  EXPECT_EQ(key, "ALR-2026-0001");

  // A department member cannot see alerts; the auditor reads them but changes nothing.
  Actor member = As("p-tanaka");
  EXPECT_EQ(app_->detection().Get(key, member).error().code, ErrorCode::kForbidden);
  Actor auditor{"p-sato", {"p-sato", {core::Role::kAuditor}, false}};
  EXPECT_TRUE(app_->detection().Get(key, auditor));
  EXPECT_EQ(app_->detection().Promote(key, "", auditor).error().code, ErrorCode::kForbidden);

  auto promoted = app_->detection().Promote(key, "confirmed with the server owner", is_);
  ASSERT_TRUE(promoted) << promoted.error().ToString();
  EXPECT_EQ(promoted->alert.state, core::AlertState::kIncident);
  EXPECT_EQ(promoted->alert.decided_by, "p-suzuki");
  EXPECT_EQ(promoted->alert.backdoor, "added_users");
  auto incident = app_->incidents().Get(promoted->alert.incident, is_);
  ASSERT_TRUE(incident);
  EXPECT_EQ(incident->incident.reported_by, "p-suzuki");
  ASSERT_EQ(incident->incident.backdoor_checks.size(), 1u);
  const core::BackdoorCheck& c = incident->incident.backdoor_checks[0];
  EXPECT_EQ(c.item, core::BackdoorItem::kAddedUsers);
  EXPECT_EQ(c.result, core::CheckResult::kFound);
  EXPECT_EQ(c.host, "ord-app01");
  EXPECT_THAT(c.note, HasSubstr(key));
  EXPECT_THAT(incident->incident.summary, HasSubstr("confirmed with the server owner"));

  // Decided once: a second decision is a conflict.
  EXPECT_EQ(app_->detection().Dismiss(key, "noise", is_).error().code, ErrorCode::kConflict);
}

TEST_F(DetectionTest, DismissNeedsAReasonAndAttachNeedsAnOpenIncident) {
  ASSERT_TRUE(app_->detection().Process(Lines({kNewUser}, clock_.Now())));
  std::string key = Alerts().at(0).alert.key;
  const std::string second_user =
      "useradd[902]: new user: name=svc2, UID=1006, GID=1006, home=/home/svc2, shell=/bin/bash";
  ASSERT_TRUE(app_->detection().Process(Lines({second_user}, clock_.Now())));
  // The same rule and host within the window, while the alert is open: the same alert.
  auto same = app_->detection().Get(key, is_);
  ASSERT_TRUE(same);
  EXPECT_EQ(same->alert.detections, 2);
  EXPECT_EQ(Alerts().size(), 1u);
  // Each line is kept once, though the second detection's context repeats the first line.
  ASSERT_EQ(same->lines.size(), 2u);
  EXPECT_TRUE(same->lines[0].matched);
  EXPECT_TRUE(same->lines[1].matched);

  auto empty = app_->detection().Dismiss(key, "  ", is_);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(app_->detection().Get(key, is_)->alert.state, core::AlertState::kOpen);
  EXPECT_EQ(app_->detection().Attach(key, "INC-2026-0099", "", is_).error().code,
            ErrorCode::kNotFound);

  auto report = app_->incidents().Report({.title = "odd accounts", .systems = {"orders"}}, is_);
  ASSERT_TRUE(report) << report.error().ToString();
  auto attached = app_->detection().Attach(key, report->incident.key, "same admin", is_);
  ASSERT_TRUE(attached) << attached.error().ToString();
  EXPECT_EQ(attached->alert.incident, report->incident.key);
  EXPECT_EQ(app_->incidents().Get(report->incident.key, is_)->incident.evidence.size(), 1u);

  // Once part of an incident, an alert takes no more: the next detection is a new alert.
  ASSERT_TRUE(app_->detection().Process(Lines({second_user}, clock_.Now())));
  EXPECT_EQ(app_->detection().Get(key, is_)->alert.detections, 2);
  EXPECT_EQ(Alerts().size(), 2u);
}

TEST_F(DetectionTest, ADismissedAlertStaysDismissedAndTheNextDetectionOpensANewOne) {
  ASSERT_TRUE(app_->detection().Process(Lines({kNewUser}, clock_.Now())));
  std::string key = Alerts().at(0).alert.key;
  auto dismissed = app_->detection().Dismiss(key, "planned account for the batch job", is_);
  ASSERT_TRUE(dismissed) << dismissed.error().ToString();
  EXPECT_EQ(dismissed->alert.reason, "planned account for the batch job");
  ASSERT_TRUE(app_->detection().Process(Lines({kNewUser}, clock_.Now())));
  auto open = app_->detection().List({.state = core::AlertState::kOpen}, {}, is_);
  ASSERT_TRUE(open);
  ASSERT_EQ(open->total, 1u);
  EXPECT_NE(open->items[0].alert.key, key);
}

TEST_F(DetectionTest, ThePolicyFollowsTheRulesItNames) {
  DetectionOptions o;
  o.policy.rules["fc40d189-aefb-4fcd-8f00-a8a22e492f86"] =
      core::AlertAction::kIncident;  // new account
  o.policy.rules["SSH brute force from one address"] = core::AlertAction::kIgnore;
  o.policy.incident_level = "none";
  Configure(o);
  std::vector<std::string> lines = BruteForceThenLogin();
  lines.push_back(kNewUser);
  ASSERT_TRUE(app_->detection().Process(Lines(lines, clock_.Now())));
  std::vector<AlertView> all = Alerts();
  EXPECT_EQ(Find(all, "SSH brute force from one address"), nullptr);
  const AlertView* login = Find(all, "SSH login after a brute force from the same address");
  ASSERT_NE(login, nullptr);
  EXPECT_EQ(login->alert.state, core::AlertState::kOpen);  // critical, but never on its own
  const AlertView* account = Find(all, "New local user or group");
  ASSERT_NE(account, nullptr);
  EXPECT_EQ(account->alert.state, core::AlertState::kIncident);
  auto rules = app_->detection().Rules(is_);
  ASSERT_TRUE(rules);
  EXPECT_EQ(rules->incident_level, "none");
  auto named = std::find_if(rules->rules.begin(), rules->rules.end(),
                            [](const RuleView& r) { return r.title == "New local user or group"; });
  ASSERT_NE(named, rules->rules.end());
  EXPECT_EQ(named->action, core::AlertAction::kIncident);
}

TEST_F(DetectionTest, AFullQueueRefusesLinesAndCountsThem) {
  DetectionOptions o;
  o.queue_lines = 3;
  Configure(o);
  DetectionService& d = app_->detection();
  auto batch = d.Ingest("{\"a\":1}\n\n{\"b\":2}\r\n", detect::Format::kJson, is_);
  ASSERT_TRUE(batch) << batch.error().ToString();
  EXPECT_EQ(*batch, 2u);
  // A batch that does not fit is refused whole.
  auto full = d.Ingest("1\n2\n", detect::Format::kJson, is_);
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().code, ErrorCode::kUnavailable);
  EXPECT_TRUE(d.Offer("x", "syslog:t", detect::Format::kSyslog));
  // A line the listener gets back is its to count: dropped (UDP) or offered again (TCP).
  EXPECT_FALSE(d.Offer("y", "syslog:t", detect::Format::kSyslog));
  d.SetSyslogCounts([] { return SyslogCounts{.received = 1, .rejected = 5}; });
  auto c = d.Counters(is_);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->received, 3u);
  EXPECT_EQ(c->rejected, 2u + 5u);
  EXPECT_EQ(c->syslog.rejected, 5u);
  EXPECT_EQ(c->queued, 3u);
  auto ran = d.Drain(100, std::chrono::milliseconds(0));
  ASSERT_TRUE(ran);
  EXPECT_EQ(*ran, 3u);
  c = d.Counters(is_);
  EXPECT_EQ(c->queued, 0u);
  EXPECT_EQ(c->processed, 3u);
  // Who may not work on alerts may not feed lines either.
  EXPECT_EQ(d.Ingest("x\n", detect::Format::kJson, As("p-tanaka")).error().code,
            ErrorCode::kForbidden);
  d.Close();
  EXPECT_FALSE(d.Offer("z", "syslog:t", detect::Format::kSyslog));
}

TEST_F(DetectionTest, AnAdministratorsNewAddressIsReportedOnceEvenAcrossARestart) {
  const std::string kTitle = "Administrator logged in from a new address";
  auto login = [&](const std::string& user, const std::string& from) {
    return Lines({"sshd[7]: Accepted publickey for " + user + " from " + from + " port 50022 ssh2"},
                 clock_.Now());
  };
  auto count = [&] {
    std::vector<AlertView> all = Alerts();
    return std::count_if(all.begin(), all.end(),
                         [&](const AlertView& v) { return v.alert.rule_title == kTitle; });
  };
  ASSERT_TRUE(app_->detection().Process(login("root", "192.0.2.50")));
  ASSERT_TRUE(app_->detection().Process(login("root", "192.0.2.50")));
  ASSERT_TRUE(app_->detection().Process(login("alice", "192.0.2.77")));  // not an administrator
  EXPECT_EQ(count(), 1);
  std::vector<AlertView> all = Alerts();
  const AlertView* first = Find(all, kTitle);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->alert.group, "host=ord-app01, user=root, src_ip=192.0.2.50");
  EXPECT_EQ(first->alert.state, core::AlertState::kOpen);  // medium: for the IS department
  ASSERT_TRUE(app_->detection().Dismiss(first->alert.key, "山田さんの自宅回線", is_));

  // sokuo restarts: the stream starts empty, the alert it kept remembers the address.
  app_ = std::make_unique<App>(*store_, clock_, &blobs_);
  Configure({});
  clock_.Advance(std::chrono::hours(48));  // past the alert window too
  ASSERT_TRUE(app_->detection().Process(login("root", "192.0.2.50")));
  EXPECT_EQ(count(), 1);
  ASSERT_TRUE(app_->detection().Process(login("root", "198.51.100.23")));
  EXPECT_EQ(count(), 2);

  // The administrators are configurable (the placeholder admin_accounts).
  LoadedRules rules =
      LoadRules(BuiltinRules(), {.placeholders = {{"admin_accounts", {"root", "alice"}}}});
  ASSERT_TRUE(rules.problems.empty());
  app_ = std::make_unique<App>(*store_, clock_, &blobs_);
  app_->detection().Configure(std::move(rules), {});
  ASSERT_TRUE(app_->detection().Process(login("alice", "192.0.2.77")));
  EXPECT_EQ(count(), 3);
}

TEST_F(DetectionTest, TheQueueIsBoundedInBytesToo) {
  DetectionOptions o;
  o.queue_bytes = 8;
  Configure(o);
  auto big = app_->detection().Ingest("123456789\n", detect::Format::kJson, is_);
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().code, ErrorCode::kUnavailable);
  EXPECT_TRUE(app_->detection().Ingest("1234\n5678\n", detect::Format::kJson, is_));
  EXPECT_FALSE(app_->detection().Offer("9", "syslog:t", detect::Format::kSyslog));
}

}  // namespace
}  // namespace sokuo::app
