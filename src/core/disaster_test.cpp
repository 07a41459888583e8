#include "core/disaster.h"

#include <functional>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/disaster_rules.h"
#include "core/org_fixture.h"
#include "core/plan_check.h"

namespace sokuo::core {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// The small organization with an IS department of four and the systems of a head office:
// utility power, the core network, the directory, the ERP, the web orders, a PBX nobody has
// estimated and a lab system that needs a skill nobody has.
Organization DisasterOrganization() {
  Organization org = SmallOrganization();
  auto person = [&](const char* id, const char* dept, std::vector<std::string> skills) {
    org.people.push_back({.id = id,
                          .name = id,
                          .email = std::string(id) + "@example.jp",
                          .department = dept,
                          .skills = std::move(skills)});
  };
  person("p-kato", "it-dept", {});
  person("p-ito", "it-dept", {"network"});
  person("p-watanabe", "it-dept", {"server"});
  org.roles.push_back({.role = RoleKind::kIsStaff, .person = "p-kato"});
  org.roles.push_back({.role = RoleKind::kActionPlan,
                       .person = "p-ito",
                       .department = "it-dept",
                       .title = "復旧責任者",
                       .deputies = {"p-watanabe", "p-kato"}});
  org.roles[2].deputies = {"p-sato"};  // sales' liaison: p-tanaka, then p-sato
  org.systems[1].restore_effort_hours = 2;
  org.systems[1].skills = {"network"};
  org.systems[2].restore_effort_hours = 3;
  org.systems[2].skills = {"server"};
  org.systems[2].depends_on = {"core-network", "power", "directory"};
  org.systems.push_back({.id = "directory",
                         .category = SystemCategory::kPlatform,
                         .tier = Tier::kA,
                         .owner = "it-dept",
                         .depends_on = {"core-network"},
                         .restore_effort_hours = 2,
                         .skills = {"server"}});
  org.systems.push_back({.id = "erp",
                         .tier = Tier::kB,
                         .owner = "it-dept",
                         .depends_on = {"directory"},
                         .rto_hours = 48,
                         .restore_effort_hours = 4,
                         .skills = {"server"}});
  org.systems.push_back({.id = "pbx", .tier = Tier::kB, .owner = "it-dept"});
  org.systems.push_back({.id = "lab",
                         .owner = "sales",
                         .depends_on = {"power"},
                         .restore_effort_hours = 1,
                         .skills = {"cobol"}});
  org.systems.push_back({.id = "mail", .tier = Tier::kB, .owner = "it-dept"});
  return org;
}

Timestamp At(const char* rfc3339) { return *ParseRfc3339(rfc3339); }

class DisasterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    org_ = DisasterOrganization();
    // Wednesday 25 November 2026, 09:00 in Tokyo; now is 10:00.
    d_ = {.key = DisasterKey(2026, 1),
          .year = 2026,
          .number = 1,
          .title = "本社 震度6弱",
          .sites = {"本社"},
          .departments = {"it-dept", "sales"},
          .declared_by = "p-sato",
          .declared_at = "2026-11-25T00:00:00Z"};
  }
  PlanInput Input() {
    auto calendar = CompanyCalendar(org_);
    EXPECT_TRUE(calendar);
    return DisasterPlanInput(d_, org_, now_, *calendar);
  }
  void Survey(const char* dept, SurveyItem item, const char* target, SurveyStatus status,
              const char* at = "2026-11-25T00:40:00Z", const char* site = "本社") {
    d_.survey.push_back({.department = dept,
                         .site = site,
                         .item = item,
                         .target = target,
                         .status = status,
                         .surveyed_by = "p-tanaka",
                         .at = at});
  }
  void Progress(const char* system, RecoveryStatus status, const char* at, const char* eta = "") {
    d_.progress.push_back(
        {.system = system, .status = status, .eta = eta, .by = "p-suzuki", .at = at});
  }
  void Answer(Availability a) {
    if (a.at.empty()) a.at = "2026-11-25T00:30:00Z";
    d_.roll_call.push_back(std::move(a));
  }

  Organization org_;
  Disaster d_;
  Timestamp now_ = At("2026-11-25T01:00:00Z");
};

TEST_F(DisasterTest, KeysAndNames) {
  EXPECT_EQ(d_.key, "DIS-2026-0001");
  EXPECT_EQ(kDisasterKinds.Joined(), "earthquake, flood, fire, power_outage, pandemic, other");
  EXPECT_EQ(kSurveyItems.Joined(), "telephones, power, network, systems, confidential_media");
  EXPECT_EQ(kWorkPlaces.Parse("alternate_site"), WorkPlace::kAlternateSite);
  EXPECT_EQ(kVendorRequestStates.Name(VendorRequestState::kDeclined), "declined");
  EXPECT_EQ(kDisasterStates.Name(DisasterState::kRecovering), "recovering");
}

TEST_F(DisasterTest, TheLatestRecordByEventTimeCounts) {
  // Written up later, but it happened earlier: the answer taken at 10:00 still counts.
  Answer({.person = "p-ito", .can_work = true, .at = "2026-11-25T01:00:00Z"});
  Answer({.person = "p-ito", .can_work = false, .at = "2026-11-25T00:10:00Z"});
  ASSERT_NE(LatestAvailability(d_, "p-ito"), nullptr);
  EXPECT_TRUE(LatestAvailability(d_, "p-ito")->can_work);
  EXPECT_EQ(LatestAvailability(d_, "p-kato"), nullptr);
  // Equal times: the later record.
  Answer({.person = "p-kato", .can_work = true, .at = "2026-11-25T00:10:00Z"});
  Answer({.person = "p-kato", .can_work = false, .at = "2026-11-25T00:10:00Z"});
  EXPECT_FALSE(LatestAvailability(d_, "p-kato")->can_work);

  Survey("sales", SurveyItem::kPower, "", SurveyStatus::kDown, "2026-11-25T00:20:00Z");
  Survey("sales", SurveyItem::kPower, "", SurveyStatus::kOk, "2026-11-25T00:50:00Z", "倉庫");
  Survey("sales", SurveyItem::kPower, "", SurveyStatus::kDegraded, "2026-11-25T00:10:00Z");
  std::vector<const SurveyEntry*> latest = LatestSurvey(d_);
  ASSERT_EQ(latest.size(), 2u);  // one per site, in the order first recorded
  EXPECT_EQ(latest[0]->status, SurveyStatus::kDown);
  EXPECT_EQ(latest[1]->site, "倉庫");

  Progress("erp", RecoveryStatus::kRestored, "2026-11-25T05:00:00Z");
  Progress("erp", RecoveryStatus::kRestoring, "2026-11-25T03:00:00Z");
  EXPECT_EQ(LatestProgress(d_, "erp")->status, RecoveryStatus::kRestored);
  EXPECT_EQ(LatestProgress(d_, "mail"), nullptr);
}

TEST_F(DisasterTest, AMaintenanceContractIsInForceUntilItExpires) {
  ExternalContact c = *org_.FindContact("dc-vendor");  // expires 2027-03-31
  EXPECT_TRUE(UnderContract(c, *ParseDay("2027-03-31")));
  EXPECT_FALSE(UnderContract(c, *ParseDay("2027-04-01")));
  c.contract->expires.clear();
  EXPECT_TRUE(UnderContract(c, *ParseDay("2030-01-01")));
  EXPECT_FALSE(UnderContract(*org_.FindContact("police"), *ParseDay("2026-01-01")));
}

// Every check reports its problem where it is, with its code; the valid record reports none.
TEST_F(DisasterTest, EachCheckReportsItsProblem) {
  const Availability answer{.person = "p-ito", .department = "it-dept", .can_work = true};
  const SurveyEntry entry{
      .department = "sales", .item = SurveyItem::kPower, .surveyed_by = "p-tanaka"};
  const SystemProgress progress{.system = "erp", .by = "p-suzuki"};
  const VendorRequest request{.vendor = "dc-vendor", .system = "erp", .by = "p-suzuki"};
  const Exemption exemption{.rule = "持出し申請規程",
                            .scope = "復旧用機材の持出し",
                            .expires_at = "2026-11-30T00:00:00Z",
                            .decided_by = "p-sato",
                            .reason = "夜間に申請を受け付ける者がいない",
                            .at = "2026-11-25T02:00:00Z"};
  struct Case {
    const char* name;
    std::function<std::vector<Detail>()> check;
    const char* where;  // nullptr: no problem
    const char* code;
  };
  auto header = [&](std::function<void(Disaster&)> f) {
    return [this, f] {
      Disaster d = d_;
      f(d);
      return CheckDisasterHeader(d, org_);
    };
  };
  auto avail = [&](std::function<void(Availability&)> f) {
    return [this, answer, f] {
      Availability a = answer;
      f(a);
      return CheckAvailability(a, org_);
    };
  };
  auto survey = [&](std::function<void(SurveyEntry&)> f) {
    return [this, entry, f] {
      SurveyEntry e = entry;
      f(e);
      return CheckSurveyEntry(e, org_);
    };
  };
  auto prog = [&](std::function<void(SystemProgress&)> f) {
    return [this, progress, f] {
      SystemProgress p = progress;
      f(p);
      return CheckProgress(p, org_);
    };
  };
  auto vendor = [&](std::function<void(VendorRequest&)> f) {
    return [this, request, f] {
      VendorRequest r = request;
      f(r);
      return CheckVendorRequest(r, org_);
    };
  };
  auto exempt = [&](std::function<void(Exemption&)> f) {
    return [this, exemption, f] {
      Exemption x = exemption;
      f(x);
      return CheckExemption(x, org_);
    };
  };
  auto none = [](auto&) {};
  const Case cases[] = {
      {"valid header", header(none), nullptr, nullptr},
      {"no title", header([](Disaster& d) { d.title.clear(); }), "/title", "field.required"},
      {"unknown department", header([](Disaster& d) { d.departments[1] = "sale"; }),
       "/departments/1", "ref.unknown"},
      {"department twice", header([](Disaster& d) { d.departments.push_back("sales"); }),
       "/departments/2", "list.duplicate"},
      {"site twice", header([](Disaster& d) { d.sites.push_back("本社"); }), "/sites/1",
       "list.duplicate"},
      {"unknown declarer", header([](Disaster& d) { d.declared_by = "p-sat"; }), "/declared_by",
       "ref.unknown"},
      {"declared when", header([](Disaster& d) { d.declared_at = "yesterday"; }), "/declared_at",
       "time.not_rfc3339"},
      {"valid answer", avail(none), nullptr, nullptr},
      {"unknown person", avail([](Availability& a) { a.person = "p-it"; }), "/person",
       "ref.unknown"},
      {"no person", avail([](Availability& a) { a.person.clear(); }), "/person", "field.required"},
      {"works for nobody", avail([](Availability& a) { a.department = "it"; }), "/department",
       "ref.unknown"},
      {"0 hours", avail([](Availability& a) { a.hours_per_day = 0; }), "/hours_per_day",
       "org.out_of_range"},
      {"25 hours", avail([](Availability& a) { a.hours_per_day = 25; }), "/hours_per_day",
       "org.out_of_range"},
      {"24 hours", avail([](Availability& a) { a.hours_per_day = 24; }), nullptr, nullptr},
      {"day starts at 24", avail([](Availability& a) { a.day_starts_hour = 24; }),
       "/day_starts_hour", "org.out_of_range"},
      {"from when", avail([](Availability& a) { a.from = "2026-11-25 13:00"; }), "/from",
       "time.not_rfc3339"},
      {"empty skill", avail([](Availability& a) {
         a.skills = {"server", ""};
       }),
       "/skills/1", "field.required"},
      {"skill twice", avail([](Availability& a) {
         a.skills = {"server", "server"};
       }),
       "/skills/1", "list.duplicate"},
      {"valid survey", survey(none), nullptr, nullptr},
      {"no department", survey([](SurveyEntry& e) { e.department.clear(); }), "/department",
       "field.required"},
      {"power names no target", survey([](SurveyEntry& e) { e.target = "power"; }), "/target",
       "disaster.target_not_allowed"},
      {"unknown system", survey([](SurveyEntry& e) {
         e.item = SurveyItem::kSystems;
         e.target = "ERP";
       }),
       "/target", "ref.unknown"},
      {"a system", survey([](SurveyEntry& e) {
         e.item = SurveyItem::kSystems;
         e.target = "erp";
       }),
       nullptr, nullptr},
      {"unknown medium", survey([](SurveyEntry& e) {
         e.item = SurveyItem::kConfidentialMedia;
         e.target = "erp";
       }),
       "/target", "ref.unknown"},
      {"a medium", survey([](SurveyEntry& e) {
         e.item = SurveyItem::kConfidentialMedia;
         e.target = "backup-tapes";
       }),
       nullptr, nullptr},
      {"no surveyor", survey([](SurveyEntry& e) { e.surveyed_by.clear(); }), "/surveyed_by",
       "field.required"},
      {"valid progress", prog(none), nullptr, nullptr},
      {"unknown system", prog([](SystemProgress& p) { p.system = "erq"; }), "/system",
       "ref.unknown"},
      {"eta", prog([](SystemProgress& p) { p.eta = "tomorrow"; }), "/eta", "time.not_rfc3339"},
      {"valid request", vendor(none), nullptr, nullptr},
      {"unknown vendor", vendor([](VendorRequest& r) { r.vendor = "dc"; }), "/vendor",
       "ref.unknown"},
      {"the police are no vendor", vendor([](VendorRequest& r) { r.vendor = "police"; }), "/vendor",
       "disaster.not_vendor"},
      {"a contract will do", vendor([this](VendorRequest& r) {
         r.vendor = "police";
         org_.contacts[0].contract = MaintenanceContract{.number = "X-1"};
       }),
       nullptr, nullptr},
      {"answered without answer",
       vendor([](VendorRequest& r) { r.state = VendorRequestState::kAnswered; }), "/answer",
       "disaster.vendor_answer_required"},
      {"vendor eta", vendor([](VendorRequest& r) { r.eta = "2026-11-26"; }), "/eta",
       "time.not_rfc3339"},
      {"valid exemption", exempt(none), nullptr, nullptr},
      {"no rule", exempt([](Exemption& x) { x.rule.clear(); }), "/rule", "field.required"},
      {"no scope", exempt([](Exemption& x) { x.scope.clear(); }), "/scope", "field.required"},
      {"no reason", exempt([](Exemption& x) { x.reason.clear(); }), "/reason", "field.required"},
      {"not the committee", exempt([](Exemption& x) { x.decided_by = "p-tanaka"; }), "/decided_by",
       "decision.not_committee"},
      {"no expiry", exempt([](Exemption& x) { x.expires_at.clear(); }), "/expires_at",
       "field.required"},
      {"expiry not a time", exempt([](Exemption& x) { x.expires_at = "next week"; }), "/expires_at",
       "time.not_rfc3339"},
      {"expires when decided", exempt([](Exemption& x) { x.expires_at = x.at; }), "/expires_at",
       "disaster.expiry_not_after_decision"},
  };
  for (const Case& c : cases) {
    Organization saved = org_;
    std::vector<Detail> got = c.check();
    org_ = saved;
    if (c.where == nullptr) {
      EXPECT_THAT(got, IsEmpty()) << c.name << ": " << (got.empty() ? Detail{} : got[0]);
      continue;
    }
    ASSERT_EQ(got.size(), 1u) << c.name << (got.empty() ? "" : ": " + got[0].message);
    EXPECT_EQ(got[0].where, c.where) << c.name;
    EXPECT_EQ(got[0].msg.code, c.code) << c.name << ": " << got[0];
  }
}

}  // namespace
}  // namespace sokuo::core
