#include <unistd.h>

#include <filesystem>
#include <map>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/app.h"
#include "app/memory_blobs.h"
#include "base/sha256.h"
#include "base/temp_dir.h"
#include "core/org_fixture.h"
#include "orgfile/org_file.h"
#include "store/forwarding_store.h"
#include "store/sqlite/sqlite_store.h"

namespace sokuo::app {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class IncidentAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(*store::SqliteStore::Open({.path = dir_.File("sokuo.db")}));
    app_ = std::make_unique<App>(*store_, clock_, &blobs_);
    ASSERT_TRUE(app_->organization().Import(orgfile::Emit(core::SmallOrganization()), "o", {"t"}));
  }
  void TearDown() override {
    app_.reset();
    store_.reset();
  }

  // 2026-12-31T23:30 in Tokyo is still 14:30 UTC on the 31st; 2027 starts 15:00 UTC.
  FakeClock clock_{*ParseRfc3339("2026-12-31T14:30:00Z")};
  MemoryBlobs blobs_;
  TempDir dir_{"app"};
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<App> app_;
};

TEST_F(IncidentAppTest, KeysCountPerYearOfTheCompanyCalendar) {
  auto a = app_->incidents().Report({.title = "a"}, {"p-tanaka"});
  ASSERT_TRUE(a) << a.error().ToString();
  EXPECT_EQ(a->incident.key, "INC-2026-0001");
  EXPECT_EQ(a->incident.reporter_department, "sales");
  clock_.Advance(std::chrono::minutes(45));  // 00:15 on 1 January in Tokyo
  EXPECT_EQ(app_->incidents().Report({.title = "b"}, {"p-tanaka"})->incident.key, "INC-2027-0001");
  EXPECT_EQ(app_->incidents().Report({.title = "c"}, {"p-tanaka"})->incident.key, "INC-2027-0002");
}

TEST_F(IncidentAppTest, AReportReachesTheIsDepartment) {
  auto r =
      app_->incidents().Report({.title = "不審なメール", .summary = "添付を開いた"}, {"p-tanaka"});
  ASSERT_TRUE(r);
  auto out = app_->incidents().Notifications(r->incident.key, {"t"});
  ASSERT_TRUE(out);
  ASSERT_EQ(out->size(), 1u);
  EXPECT_EQ((*out)[0].message.kind, "incident.reported");
  EXPECT_THAT((*out)[0].message.recipients, ElementsAre("p-suzuki"));  // IS head and IS staff, once
  ASSERT_TRUE(app_->incidents().Triage(r->incident.key, {.confirmed = true}, {"p-suzuki"}));
  ASSERT_TRUE(app_->incidents().RequestConvocation(r->incident.key, {"p-suzuki"}));
  out = app_->incidents().Notifications(r->incident.key, {"t"});
  ASSERT_EQ(out->size(), 2u);
  EXPECT_EQ((*out)[1].message.kind, "incident.convocation");
  EXPECT_THAT((*out)[1].message.recipients, ElementsAre("p-sato"));
}

TEST_F(IncidentAppTest, InvalidInputChangesNothing) {
  auto r = app_->incidents().Report({.title = "x", .systems = {"orders"}}, {"p-tanaka"});
  ASSERT_TRUE(r);
  auto head = app_->journal().Head();
  std::string key = r->incident.key;
  struct Case {
    const char* name;
    std::function<Result<IncidentView>()> call;
    ErrorCode code;
    const char* where;
  };
  const Case cases[] = {
      {"empty title", [&] { return app_->incidents().Report({.title = ""}, {"p-tanaka"}); },
       ErrorCode::kInvalidInput, "/title"},
      {"unknown system",
       [&] {
         return app_->incidents().Update(key, {.systems = std::vector<std::string>{"ordrs"}},
                                         {"a"});
       },
       ErrorCode::kInvalidInput, "/systems/0"},
      {"decision by a non-member",
       [&] {
         return app_->incidents().Decide(
             key, {.kind = core::DecisionKind::kPolicy, .text = "x", .decided_by = "p-tanaka"},
             {"a"});
       },
       ErrorCode::kInvalidInput, "/decided_by"},
      {"police without approval",
       [&] {
         return app_->incidents().AddContact(
             key, {.audience = core::Audience::kPolice, .contact = "police", .summary = "相談"},
             {"p-suzuki"});
       },
       ErrorCode::kInvalidInput, "/approved_by"},
      {"recovery of an unknown system",
       [&] {
         return app_->incidents().Recover(
             key, {.system = "powr", .status = core::RecoveryStatus::kRestored}, {"a"});
       },
       ErrorCode::kInvalidInput, "/system"},
      {"unknown incident", [&] { return app_->incidents().Update("INC-2026-0099", {}, {"a"}); },
       ErrorCode::kNotFound, ""},
      {"task that does not exist", [&] { return app_->incidents().UpdateTask(key, 9, {}, {"a"}); },
       ErrorCode::kNotFound, ""},
      {"transition out of order",
       [&] {
         return app_->incidents().Transition(key, core::IncidentState::kRecovering, "", {"a"});
       },
       ErrorCode::kConflict, "/state"},
      {"meeting before request",
       [&] { return app_->incidents().RecordConvened(key, "", {}, {"a"}); }, ErrorCode::kConflict,
       "/convocation"},
  };
  for (const Case& c : cases) {
    auto result = c.call();
    ASSERT_FALSE(result) << c.name;
    EXPECT_EQ(result.error().code, c.code) << c.name << ": " << result.error().ToString();
    EXPECT_EQ(result.error().where, c.where) << c.name;
  }
  EXPECT_EQ(app_->journal().Head()->hash, head->hash);
  EXPECT_EQ(app_->incidents().Get(key, {"t"})->incident, r->incident);
}

// G4.3.5: recovery in dependency order; scope grows with the records about new systems.
TEST_F(IncidentAppTest, RecoveryFollowsDependenciesAndGrowsTheScope) {
  auto r =
      app_->incidents().Report({.title = "ランサムウェア", .systems = {"orders"}}, {"p-tanaka"});
  ASSERT_TRUE(r);
  std::string key = r->incident.key;
  auto grown = app_->incidents().Recover(
      key,
      {.system = "core-network", .status = core::RecoveryStatus::kDown, .note = "L3SW も暗号化"},
      {"a"});
  ASSERT_TRUE(grown) << grown.error().ToString();
  EXPECT_THAT(grown->incident.systems, ElementsAre("orders", "core-network"));
  ASSERT_EQ(grown->incident.scope_changes.size(), 1u);
  EXPECT_EQ(grown->incident.scope_changes[0].reason, "L3SW も暗号化");
  EXPECT_EQ(grown->incident.scope_changes[0].via, "recovery");

  auto head = app_->journal().Head();
  auto refused = app_->incidents().Recover(
      key, {.system = "orders", .status = core::RecoveryStatus::kRestored}, {"a"});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(refused.error().message, "orders cannot be marked restored yet");
  ASSERT_EQ(refused.error().details.size(), 1u);
  EXPECT_THAT(refused.error().details[0].message,
              HasSubstr("orders depends on core-network, which is still down"));
  EXPECT_EQ(app_->journal().Head()->hash, head->hash) << "a refusal journals nothing";

  auto ahead = app_->incidents().Recover(key,
                                         {.system = "orders",
                                          .status = core::RecoveryStatus::kRestored,
                                          .override_reason = "予備回線で受注のみ再開"},
                                         {"a"});
  ASSERT_TRUE(ahead) << ahead.error().ToString();
  auto again = app_->incidents().Get(key, {"t"});
  ASSERT_TRUE(again);
  ASSERT_EQ(again->incident.recovery.size(), 2u);
  EXPECT_EQ(again->incident.recovery[1].system, "orders");
  EXPECT_EQ(again->incident.recovery[1].override_reason, "予備回線で受注のみ再開");
  EXPECT_EQ(again->incident.scope_changes, grown->incident.scope_changes);
}

// Every record takes the time it happened, and none may lie in the future beyond the skew: each
// refusal names its field and changes nothing.
TEST_F(IncidentAppTest, EveryRecordRefusesTheFuture) {
  auto r = app_->incidents().Report({.title = "x", .systems = {"orders"}}, {"p-tanaka"});
  ASSERT_TRUE(r);
  auto head = app_->journal().Head();
  std::string key = r->incident.key;
  const std::string later = "2026-12-31T14:35:01Z";  // the clock is 14:30; 5 minutes are allowed
  struct Case {
    const char* name;
    std::function<Result<IncidentView>()> call;
    const char* where;
  };
  IncidentService& s = app_->incidents();
  const Case cases[] = {
      {"report", [&] { return s.Report({.title = "y", .reported_at = later}, {"p-tanaka"}); },
       "/reported_at"},
      {"awareness", [&] { return s.Report({.title = "y", .aware_at = later}, {"p-tanaka"}); },
       "/aware_at"},
      {"triage", [&] { return s.Triage(key, {.at = later}, {"a"}); }, "/at"},
      {"convocation", [&] { return s.RequestConvocation(key, {"a"}, later); }, "/at"},
      {"meeting", [&] { return s.RecordConvened(key, later, {}, {"a"}); }, "/convened_at"},
      {"decision",
       [&] {
         return s.Decide(key,
                         {.kind = core::DecisionKind::kPolicy,
                          .text = "x",
                          .decided_by = "p-sato",
                          .decided_at = later},
                         {"a"});
       },
       "/decided_at"},
      {"contact",
       [&] {
         return s.AddContact(key,
                             {.audience = core::Audience::kInternal,
                              .contact = "sales",
                              .summary = "x",
                              .at = later},
                             {"a"});
       },
       "/at"},
      {"task", [&] { return s.AddTask(key, {.title = "x", .at = later}, {"a"}); }, "/at"},
      {"task status", [&] { return s.UpdateTask(key, 1, {.at = later}, {"a"}); }, "/at"},
      {"assessment", [&] { return s.Assess(key, {.scope = "x", .assessed_at = later}, {"a"}); },
       "/at"},
      {"recovery",
       [&] {
         return s.Recover(
             key, {.system = "orders", .status = core::RecoveryStatus::kDown, .at = later}, {"a"});
       },
       "/at"},
      {"finding", [&] { return s.AddFinding(key, {.text = "x", .at = later}, {"a"}); }, "/at"},
      {"backdoor check",
       [&] { return s.CheckBackdoor(key, {.system = "orders", .at = later}, {"a"}); }, "/at"},
      {"transition",
       [&] { return s.Transition(key, core::IncidentState::kTriaged, "", {"a"}, later); }, "/at"},
  };
  for (const Case& c : cases) {
    auto result = c.call();
    ASSERT_FALSE(result) << c.name;
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidInput) << c.name;
    EXPECT_EQ(result.error().where, c.where) << c.name << ": " << result.error().ToString();
    EXPECT_THAT(result.error().ToString(), HasSubstr("is in the future")) << c.name;
  }
  EXPECT_EQ(app_->journal().Head()->hash, head->hash);
  // At the limit it is accepted, kept as given, and the timeline puts it where it happened.
  ASSERT_TRUE(s.Triage(key, {.at = "2026-12-31T23:35:00+09:00"}, {"p-suzuki"}));
  auto backdated = s.AddFinding(key, {.text = "古いVPN", .at = "2026-12-30T09:00:00+09:00"}, {"a"});
  ASSERT_TRUE(backdated) << backdated.error().ToString();
  EXPECT_EQ(backdated->incident.findings[0].at, "2026-12-30T00:00:00Z");
  auto timeline = s.Timeline(key, {"a"});
  ASSERT_TRUE(timeline);
  std::vector<std::string> order;
  for (const auto& e : *timeline) order.push_back(e.entry.action + " " + e.at);
  EXPECT_THAT(order, ElementsAre("incident.finding 2026-12-30T00:00:00Z",
                                 "incident.report 2026-12-31T14:30:00Z",
                                 "incident.triage 2026-12-31T14:35:00Z"));
  EXPECT_EQ((*timeline)[0].entry.at, "2026-12-31T14:30:00Z");  // recorded now
}

TEST_F(IncidentAppTest, ClosedIncidentsAcceptNothingUntilReopened) {
  auto r = app_->incidents().Report({.title = "訓練"}, {"p-tanaka"});
  std::string key = r->incident.key;
  auto dismissed =
      app_->incidents().Triage(key, {.confirmed = false, .reason = "訓練メール"}, {"p-suzuki"});
  ASSERT_TRUE(dismissed) << dismissed.error().ToString();
  EXPECT_EQ(dismissed->incident.state, core::IncidentState::kDismissed);
  auto refused = app_->incidents().Update(key, {.summary = std::string("追記")}, {"a"});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_THAT(refused.error().message, HasSubstr("reopen it"));
  EXPECT_EQ(refused.error().Text(Lang::kJa),
            key + " は「却下」です。変更する前に再開（理由を付けた状態遷移）してください");
  auto reopened =
      app_->incidents().Transition(key, core::IncidentState::kReported, "本物の攻撃だった", {"a"});
  ASSERT_TRUE(reopened) << reopened.error().ToString();
  EXPECT_TRUE(app_->incidents().Update(key, {.summary = std::string("追記")}, {"a"}));
}

TEST_F(IncidentAppTest, EvidenceIsStoredByContent) {
  auto r = app_->incidents().Report({.title = "x"}, {"p-tanaka"});
  auto e = app_->incidents().AddEvidence(r->incident.key,
                                         {.name = "auth.log",
                                          .kind = core::EvidenceKind::kAccessLog,
                                          .content = BytesSource("Failed password for root")},
                                         {"p-suzuki"});
  ASSERT_TRUE(e) << e.error().ToString();
  ASSERT_EQ(e->incident.evidence.size(), 1u);
  EXPECT_EQ(e->incident.evidence[0].sha256, Sha256Hex("Failed password for root"));
  EXPECT_EQ(*blobs_.Get(e->incident.evidence[0].sha256), "Failed password for root");
  EXPECT_FALSE(app_->incidents().AddEvidence(r->incident.key, {.name = "empty"}, {"a"}));

  auto file = app_->incidents().Evidence(r->incident.key, 1, {"p-suzuki"});
  ASSERT_TRUE(file) << file.error().ToString();
  EXPECT_EQ(file->length, 24u);
  EXPECT_EQ(file->evidence.name, "auth.log");
  EXPECT_EQ(*file->read(7, 8), "password");
  EXPECT_EQ(app_->incidents().Evidence(r->incident.key, 2, {"p-suzuki"}).error().code,
            ErrorCode::kNotFound);
  auto verified = app_->journal().Verify({"p-suzuki"});
  ASSERT_TRUE(verified) << verified.error().ToString();
  EXPECT_TRUE(verified->ok());
  EXPECT_EQ(verified->evidence_files, 1);

  blobs_.Damage(e->incident.evidence[0].sha256);
  EXPECT_EQ(app_->incidents().Evidence(r->incident.key, 1, {"p-suzuki"}).error().code,
            ErrorCode::kIntegrity);
  // The journal still holds; the evidence does not, and journal verify says which.
  verified = app_->journal().Verify({"p-suzuki"});
  ASSERT_TRUE(verified) << verified.error().ToString();
  EXPECT_FALSE(verified->ok());
  EXPECT_FALSE(verified->first_bad_seq);
  ASSERT_EQ(verified->problems.size(), 1u);
  EXPECT_EQ(verified->problems[0].code, "journal.evidence_changed");
}

// Whoever may not add evidence to an incident stores nothing, not even a file without a record.
TEST_F(IncidentAppTest, EvidenceRefusedBeforeTheFileIsStored) {
  core::Organization org = core::SmallOrganization();
  Actor is{"p-suzuki", {"p-suzuki", core::DeriveRoles(org, "p-suzuki", {}), false}};
  Actor member{"p-tanaka", {"p-tanaka", core::DeriveRoles(org, "p-tanaka", {}), false}};
  auto hidden = app_->incidents().Report({.title = "内部調査", .restricted = true}, is);
  ASSERT_TRUE(hidden) << hidden.error().ToString();
  EvidenceInput file{.name = "dump.bin", .content = BytesSource(std::string(1 << 20, 'x'))};
  auto unseen = app_->incidents().AddEvidence(hidden->incident.key, file, member);
  ASSERT_FALSE(unseen);
  EXPECT_EQ(unseen.error().code, ErrorCode::kNotFound);
  auto missing = app_->incidents().AddEvidence("INC-2026-0999", file, is);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(blobs_.size(), 0u);
}

TEST_F(IncidentAppTest, TheOrganizationChoosesItsCategories) {
  EXPECT_TRUE(app_->incidents().Report({.title = "a", .category = "intrusions"}, {"p-tanaka"}));
  core::Organization org = core::SmallOrganization();
  org.incident_categories = {"ransomware", "phishing"};
  ASSERT_TRUE(app_->organization().Import(orgfile::Emit(org), "o", {"t"}));
  auto old = app_->incidents().Report({.title = "b", .category = "intrusions"}, {"p-tanaka"});
  ASSERT_FALSE(old);
  EXPECT_EQ(old.error().where, "/category");
  EXPECT_TRUE(app_->incidents().Report({.title = "c", .category = "ransomware"}, {"p-tanaka"}));
  EXPECT_TRUE(app_->journal().Verify({"op"})->ok());
}

TEST_F(IncidentAppTest, ListsFilterByStateAndPriority) {
  ASSERT_TRUE(app_->incidents().Report({.title = "a", .systems = {"core-network"}}, {"p-tanaka"}));
  ASSERT_TRUE(app_->incidents().Report({.title = "b", .harm = core::Harm::kSerious}, {"p-tanaka"}));
  auto c = app_->incidents().Report({.title = "c"}, {"p-tanaka"});
  ASSERT_TRUE(app_->incidents().Triage(c->incident.key, {.confirmed = false, .reason = "誤報"},
                                       {"p-suzuki"}));
  auto p1 = app_->incidents().List({.priority = core::Priority::kP1}, {}, {"t"});
  ASSERT_EQ(p1->items.size(), 1u);
  EXPECT_EQ(p1->items[0].incident.title, "b");
  auto open = app_->incidents().List({.open_only = true}, {}, {"t"});
  EXPECT_EQ(open->total, 2u);
  auto all = app_->incidents().List({}, {}, {"t"});
  EXPECT_EQ(all->items[0].incident.title, "c");  // newest first
}

// A store whose verification finds the problems it is given: tampering without a database shell.
class TamperedStore final : public store::ForwardingStore {
 public:
  TamperedStore(store::Store& real, std::vector<Message> problems)
      : ForwardingStore(real), problems_(std::move(problems)) {}
  Result<store::VerifyReport> Verify() override {
    ASSIGN_OR_RETURN(store::VerifyReport report, real().Verify());
    report.first_bad_seq = 2;
    report.problems = problems_;
    return report;
  }

 private:
  std::vector<Message> problems_;
};

// Need-to-know in the journal: an administrator reads no entry of a restricted incident, the
// auditor reads all, and verification names the entry but not the hidden row.
TEST_F(IncidentAppTest, TheJournalLeavesOutWhatTheReaderMayNotSee) {
  auto hidden = app_->incidents().Report({.title = "内密", .restricted = true}, {"p-tanaka"});
  auto open = app_->incidents().Report({.title = "公開"}, {"p-tanaka"});
  ASSERT_TRUE(hidden && open);
  const std::string& h = hidden->incident.key;
  const std::string& o = open->incident.key;
  Actor admin{"p-admin", {"p-admin", {core::Role::kMember, core::Role::kAdministrator}, false}};
  Actor auditor{"p-audit", {"p-audit", {core::Role::kMember, core::Role::kAuditor}, false}};
  auto subjects = [&](const Actor& a, const std::string& subject) {
    std::vector<std::string> out;
    auto page = app_->journal().Read({.subject = subject}, a);
    EXPECT_TRUE(page) << page.error().ToString();
    for (const auto& e : page->entries) out.push_back(e.subject);
    return out;
  };
  EXPECT_THAT(subjects(admin, ""), ElementsAre("org", o));
  EXPECT_THAT(subjects(admin, h), ElementsAre());
  EXPECT_THAT(subjects(admin, o), ElementsAre(o));
  EXPECT_THAT(subjects(auditor, ""), ElementsAre("org", h, o));
  EXPECT_THAT(subjects(auditor, h), ElementsAre(h));
  // A page counts what it looked at: the hidden entry uses up a page of one.
  auto first = app_->journal().Read({.after_seq = 1, .limit = 1}, admin);
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->entries.empty());
  EXPECT_EQ(first->next_after, 2);
  auto last = app_->journal().Read({.after_seq = 2, .limit = 10}, admin);
  EXPECT_EQ(last->entries.size(), 1u);
  EXPECT_EQ(last->next_after, std::nullopt);
  // The live changes leave it out too, and still move past it.
  auto changed = [&](const Actor& a) {
    std::vector<std::string> out;
    auto page = app_->journal().Changes(0, a);
    EXPECT_TRUE(page) << page.error().ToString();
    for (const auto& c : page->changes) out.push_back(c.subject);
    EXPECT_EQ(page->last_seq, 3);
    return out;
  };
  EXPECT_THAT(changed(admin), ElementsAre("org", o));
  EXPECT_THAT(changed(auditor), ElementsAre("org", h, o));

  TamperedStore tampered(
      *store_, {Msg("journal.row_altered", {{"seq", "2"}, {"row", "incidents/" + h}}),
                Msg("journal.row_unwritten", {{"row", "incident_records/" + h + "/task/000001"}}),
                Msg("journal.row_altered", {{"seq", "3"}, {"row", "incidents/" + o}})});
  App over(tampered, clock_, &blobs_);
  auto seen_by_admin = over.journal().Verify(admin);
  ASSERT_TRUE(seen_by_admin);
  EXPECT_FALSE(seen_by_admin->ok());
  EXPECT_EQ(seen_by_admin->first_bad_seq, 2);
  EXPECT_THAT(seen_by_admin->problems,
              ElementsAre(Msg("journal.row_withheld", {{"seq", "2"}}),
                          Msg("journal.row_withheld", {{"seq", "3"}}),
                          Msg("journal.row_altered", {{"seq", "3"}, {"row", "incidents/" + o}})));
  auto seen_by_auditor = over.journal().Verify(auditor);
  EXPECT_EQ(seen_by_auditor->problems[0],
            Msg("journal.row_altered", {{"seq", "2"}, {"row", "incidents/" + h}}));
}

// G3.3: a member reports for their own department; the IS department for any (one rule in core,
// so the CLI's --as and the API agree).
TEST_F(IncidentAppTest, AReportForAnotherDepartmentIsRefused) {
  // p-tanaka of sales, signed in (not the operator's CLI, which may report for anyone).
  Actor member{"p-tanaka", {"p-tanaka", {core::Role::kMember, core::Role::kDepartmentHead}, false}};
  auto refused = app_->incidents().Report({.title = "x", .reporter_department = "it-dept"}, member);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(refused.error().where, "/reporter_department");
  EXPECT_TRUE(app_->incidents().Report({.title = "x", .reporter_department = "sales"}, member));
  Actor is{"p-suzuki", {"p-suzuki", {core::Role::kMember, core::Role::kIsDepartment}, false}};
  EXPECT_TRUE(app_->incidents().Report({.title = "x", .reporter_department = "sales"}, is));
}

}  // namespace
}  // namespace sokuo::app

namespace sokuo::app {
namespace {

// G4.3.2c: a duty the facts trigger is on the incident, is filed, and keeps it open until then.
TEST_F(IncidentAppTest, AReportingDutyIsFiledOrWaivedByTheCommitteeBeforeClosing) {
  core::Organization org = core::SmallOrganization();
  org.obligations = {
      {.id = "ppc-final",
       .name = "確報",
       .name_en = "Final report",
       .recipient = "police",
       .when = {"over_1000_persons"},
       .days = 30,
       .next_open_day = true},
      {.id = "customer", .name = "取引先への通知", .when = {"customers_affected"}, .hours = 48}};
  org.roles[0].deputies.clear();  // p-suzuki: the IS department, not the committee
  ASSERT_TRUE(app_->organization().Import(orgfile::Emit(org), "o", {"t"}));
  auto r =
      app_->incidents().Report({.title = "漏えい", .harm = core::Harm::kPossible}, {"p-tanaka"});
  ASSERT_TRUE(r);
  std::string key = r->incident.key;
  auto v = app_->incidents().Get(key, {"t"});
  ASSERT_TRUE(v);
  ASSERT_EQ(v->obligations.size(), 1u);
  EXPECT_EQ(v->obligations[0].obligation, "customer");
  // Refused: an unknown duty, no proof of filing, a waiver without a reason or by someone who
  // is not on the committee. Nothing changes.
  struct Case {
    const char* name;
    core::Filing f;
    Actor who;
    ErrorCode code;
  };
  const Case cases[] = {
      {"unknown duty",
       {.obligation = "gdpr", .reference = "x"},
       {"p-suzuki"},
       ErrorCode::kInvalidInput},
      {"no proof", {.obligation = "customer"}, {"p-suzuki"}, ErrorCode::kInvalidInput},
      {"waived without reason",
       {.obligation = "customer", .waived = true},
       {"p-sato"},
       ErrorCode::kInvalidInput},
  };
  for (const Case& c : cases) {
    auto refused = app_->incidents().File(key, c.f, c.who);
    ASSERT_FALSE(refused) << c.name;
    EXPECT_EQ(refused.error().code, c.code) << c.name;
  }
  core::Principal is_staff{.person = "p-suzuki", .roles = {core::Role::kIsDepartment}};
  auto not_committee = app_->incidents().File(
      key, {.obligation = "customer", .waived = true, .reason = "契約対象外"},
      {"p-suzuki", is_staff});
  ASSERT_FALSE(not_committee);
  EXPECT_EQ(not_committee.error().code, ErrorCode::kForbidden);
  EXPECT_TRUE(app_->incidents().Get(key, {"t"})->incident.filings.empty());
  auto filed = app_->incidents().File(key, {.obligation = "customer", .reference = "書面-1"},
                                      {"p-suzuki", is_staff});
  ASSERT_TRUE(filed) << filed.error().ToString();
  EXPECT_EQ(filed->obligations[0].state, core::ClockState::kFiled);
  auto twice = app_->incidents().File(key, {.obligation = "customer", .reference = "書面-2"},
                                      {"p-suzuki", is_staff});
  ASSERT_FALSE(twice);
}

}  // namespace
}  // namespace sokuo::app
