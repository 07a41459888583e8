#include "core/readiness.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>

namespace sokuo::core {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

Day ReadinessTestDay(const char* text) { return *ParseDay(text); }

// An organization with nothing missing on 2026-11-27.
Organization ReadyOrganization() {
  Organization org;
  org.company = {.name = "架空商事株式会社"};
  org.departments = {
      {.id = "committee", .name = "委員会", .kind = DepartmentKind::kCommittee},
      {.id = "it-dept", .name = "情報システム部", .kind = DepartmentKind::kIt},
      {.id = "sales", .name = "営業部", .name_en = "Sales", .kind = DepartmentKind::kUser},
  };
  org.people = {{.id = "p-sato", .name = "佐藤 一郎", .department = "committee"},
                {.id = "p-suzuki", .name = "鈴木 花子", .department = "it-dept"},
                {.id = "p-tanaka", .name = "田中 次郎", .department = "sales"}};
  org.roles = {
      {.role = RoleKind::kCommitteeChair, .person = "p-sato", .deputies = {"p-suzuki"}},
      {.role = RoleKind::kCommitteeMember, .person = "p-suzuki"},
      {.role = RoleKind::kSteeringCouncilChair, .person = "p-suzuki", .deputies = {"p-sato"}},
      {.role = RoleKind::kIsStaff, .person = "p-suzuki"},
      {.role = RoleKind::kActionPlan,
       .person = "p-tanaka",
       .department = "sales",
       .title = "連絡責任者",
       .deputies = {"p-sato"}},
  };
  org.contacts = {{.id = "vendor",
                   .name = "保守会社",
                   .kind = ContactKind::kVendor,
                   .contract = MaintenanceContract{.expires = "2027-03-31"},
                   .reviewed = "2026-04-01"}};
  org.systems = {{.id = "erp",
                  .name = "基幹システム",
                  .name_en = "ERP",
                  .category = SystemCategory::kApplication,
                  .tier = Tier::kA,
                  .owner = "it-dept",
                  .rto_hours = 24,
                  .backup = {.method = "nightly", .last_verified = "2026-10-01"},
                  .redundancy = "two nodes",
                  .vendor = "vendor",
                  .workaround = "paper"}};
  return org;
}

std::vector<std::string> GapKinds(const Organization& org, const char* today,
                                  const ReadinessThresholds& t = {}) {
  std::vector<std::string> out;
  for (const ReadinessGap& g : Readiness(org, ReadinessTestDay(today), t)) {
    out.push_back(g.clause + " " + g.kind + " " + g.subject.id);
  }
  return out;
}

TEST(ReadinessTest, AReadyOrganizationHasNoGaps) {
  EXPECT_THAT(GapKinds(ReadyOrganization(), "2026-11-27"), IsEmpty());
}

TEST(ReadinessTest, EachMissingMeasureIsOneGapOfItsClause) {
  struct Case {
    const char* name;
    std::function<void(Organization&)> change;
    std::vector<std::string> gaps;
  };
  const Case cases[] = {
      {"no action-plan role",
       [](Organization& o) { o.roles.pop_back(); },
       {"G3.3 no_action_plan sales"}},
      {"an action-plan role without a deputy",
       [](Organization& o) { o.roles[4].deputies.clear(); },
       {"G3.3 no_deputy sales"}},
      {"the committee chair without a deputy",
       [](Organization& o) { o.roles[0].deputies.clear(); },
       {"G3.3 no_deputy committee"}},
      {"the steering council chair without a deputy",
       [](Organization& o) { o.roles[2].deputies.clear(); },
       {"G3.3 no_deputy it-dept"}},
      {"members and staff need no deputy",
       [](Organization& o) {
         o.roles.push_back({.role = RoleKind::kCommitteeMember, .person = "p-tanaka"});
       },
       {}},
      {"no backup", [](Organization& o) { o.systems[0].backup = {}; }, {"G5.1.1 no_backup erp"}},
      {"a backup never tested",
       [](Organization& o) { o.systems[0].backup.last_verified.clear(); },
       {"G5.1.1 backup_not_verified erp"}},
      {"no redundancy on tier a",
       [](Organization& o) { o.systems[0].redundancy.clear(); },
       {"G5.1.3 no_redundancy erp", "G5.1.4 no_alternate erp"}},
      {"an alternate site stands in for redundancy under G5.1.4 only",
       [](Organization& o) {
         o.systems[0].redundancy.clear();
         o.systems[0].alternate_site = "Osaka";
       },
       {"G5.1.3 no_redundancy erp"}},
      {"a tier-b system needs no redundancy, but an alternate",
       [](Organization& o) {
         o.systems[0].tier = Tier::kB;
         o.systems[0].redundancy.clear();
       },
       {"G5.1.4 no_alternate erp"}},
      {"a tier-c network still needs redundancy",
       [](Organization& o) {
         o.systems[0].tier = Tier::kC;
         o.systems[0].category = SystemCategory::kNetwork;
         o.systems[0].redundancy.clear();
       },
       {"G5.1.3 no_redundancy erp"}},
      {"tier c is left out otherwise",
       [](Organization& o) { o.systems[0] = {.id = "misc", .tier = Tier::kC, .owner = "sales"}; },
       {}},
      {"power needs no backup",
       [](Organization& o) {
         o.systems[0].category = SystemCategory::kPower;
         o.systems[0].backup = {};
       },
       {}},
      {"no vendor", [](Organization& o) { o.systems[0].vendor.clear(); }, {"G5.1.5 no_vendor erp"}},
      {"a vendor without a contract",
       [](Organization& o) { o.contacts[0].contract.reset(); },
       {"G5.1.5 no_contract erp"}},
      {"no rto", [](Organization& o) { o.systems[0].rto_hours.reset(); }, {"G5.2.6b no_rto erp"}},
      {"no workaround",
       [](Organization& o) { o.systems[0].workaround.clear(); },
       {"G5.2.6b no_workaround erp"}},
      {"a contact never reviewed",
       [](Organization& o) { o.contacts[0].reviewed.clear(); },
       {"G5.2.2 contact_not_reviewed vendor"}},
      {"ordered by clause, then subject",
       [](Organization& o) {
         o.systems[0].workaround.clear();
         o.contacts[0].reviewed.clear();
         o.roles.pop_back();
         o.systems[0].backup = {};
       },
       {"G3.3 no_action_plan sales", "G5.1.1 no_backup erp", "G5.2.2 contact_not_reviewed vendor",
        "G5.2.6b no_workaround erp"}},
  };
  for (const Case& c : cases) {
    Organization org = ReadyOrganization();
    c.change(org);
    EXPECT_EQ(GapKinds(org, "2026-11-27"), c.gaps) << c.name;
  }
}

TEST(ReadinessTest, ThresholdsCountDaysAndMonthsToTheBoundary) {
  struct Case {
    const char* name;
    const char* today;
    const char* last_verified;
    const char* expires;
    const char* reviewed;
    std::vector<std::string> gaps;
  };
  const Case cases[] = {
      // 180 days after 2026-06-01 is 2026-11-28.
      {"restore test exactly 180 days ago",
       "2026-11-28",
       "2026-06-01",
       "2027-12-31",
       "2026-11-01",
       {}},
      {"restore test 181 days ago",
       "2026-11-29",
       "2026-06-01",
       "2027-12-31",
       "2026-11-01",
       {"G5.1.1 backup_not_verified erp"}},
      // Across February of a leap year: 2028-02-29 is a day.
      {"181 days across a leap February",
       "2028-08-28",
       "2028-02-29",
       "2029-12-31",
       "2028-08-01",
       {"G5.1.1 backup_not_verified erp"}},
      {"contract ends in 61 days", "2026-11-27", "2026-11-01", "2027-01-27", "2026-11-01", {}},
      {"contract ends in exactly 60 days",
       "2026-11-27",
       "2026-11-01",
       "2027-01-26",
       "2026-11-01",
       {"G5.1.5 contract_expiring erp"}},
      {"contract ends today",
       "2026-11-27",
       "2026-11-01",
       "2026-11-27",
       "2026-11-01",
       {"G5.1.5 contract_expiring erp"}},
      {"contract ended yesterday",
       "2026-11-27",
       "2026-11-01",
       "2026-11-26",
       "2026-11-01",
       {"G5.1.5 contract_expired erp"}},
      {"reviewed exactly 12 months ago",
       "2026-11-27",
       "2026-11-01",
       "2027-12-31",
       "2025-11-27",
       {}},
      {"reviewed 12 months and a day ago",
       "2026-11-28",
       "2026-11-01",
       "2027-12-31",
       "2025-11-27",
       {"G5.2.2 contact_not_reviewed vendor"}},
      // A month end: 12 months after 2024-02-29 is 2025-02-28.
      {"reviewed on a leap day, a year on",
       "2025-02-28",
       "2025-02-01",
       "2027-12-31",
       "2024-02-29",
       {}},
      {"reviewed on a leap day, a year and a day on",
       "2025-03-01",
       "2025-02-01",
       "2027-12-31",
       "2024-02-29",
       {"G5.2.2 contact_not_reviewed vendor"}},
  };
  for (const Case& c : cases) {
    Organization org = ReadyOrganization();
    org.systems[0].backup.last_verified = c.last_verified;
    org.contacts[0].contract->expires = c.expires;
    org.contacts[0].reviewed = c.reviewed;
    EXPECT_EQ(GapKinds(org, c.today), c.gaps) << c.name;
  }
}

TEST(ReadinessTest, TheOrganizationFileOverridesTheThresholds) {
  Organization org = ReadyOrganization();
  EXPECT_EQ(ThresholdsOf(org), ReadinessThresholds{});
  org.readiness = {.backup_verified_days = 30, .contact_review_months = 6};
  ReadinessThresholds t = ThresholdsOf(org);
  EXPECT_EQ(
      t, (ReadinessThresholds{
             .backup_verified_days = 30, .contract_warning_days = 60, .contact_review_months = 6}));
  EXPECT_THAT(GapKinds(org, "2026-11-27", t),
              ElementsAre("G5.1.1 backup_not_verified erp", "G5.2.2 contact_not_reviewed vendor"));
}

TEST(ReadinessTest, AGapSaysWhatIsWrongAndWhatToDo) {
  Organization org = ReadyOrganization();
  org.roles[4].deputies.clear();
  org.systems[0].backup.last_verified = "2026-01-10";
  auto gaps = Readiness(org, ReadinessTestDay("2026-11-27"), {});
  ASSERT_EQ(gaps.size(), 2u);
  EXPECT_EQ(gaps[0].subject,
            (ReadinessSubject{SubjectKind::kDepartment, "sales", "営業部", "Sales"}));
  EXPECT_EQ(Render(gaps[0].problem, Lang::kEn), "Emergency action plan (p-tanaka) has no deputy");
  EXPECT_EQ(Render(gaps[0].action, Lang::kEn),
            "name deputies (deputies) for when the holder is away");
  EXPECT_EQ(gaps[1].subject.kind, SubjectKind::kSystem);
  EXPECT_EQ(Render(gaps[1].problem, Lang::kEn),
            "the last restore test was on 2026-01-10 (321 days ago; the limit is 180 days)");
  EXPECT_EQ(Render(gaps[1].problem, Lang::kJa),
            "最後のリストアテストは 2026-01-10（321 日前、基準は 180 日以内）です");
}

}  // namespace
}  // namespace sokuo::core
