#include "core/alert_rules.h"

#include <gtest/gtest.h>

#include "core/org_fixture.h"

namespace sokuo::core {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

TEST(AlertRulesTest, LevelsRankInSigmaOrderAndOthersAreMediumForThePolicy) {
  EXPECT_EQ(AlertLevelRank("informational"), 0);
  EXPECT_EQ(AlertLevelRank("critical"), 4);
  EXPECT_EQ(AlertLevelRank("High"), std::nullopt);  // Sigma's levels are lower case
  EXPECT_EQ(AlertLevelRank(""), std::nullopt);
  EXPECT_EQ(PolicyLevelRank(""), *AlertLevelRank("medium"));
  EXPECT_GT(PolicyLevelRank("none"), *AlertLevelRank("critical"));
}

TEST(AlertRulesTest, ThePolicyGoesByRuleIdThenTitleThenLevel) {
  AlertPolicy policy;  // incidents from high, alerts from low
  policy.rules = {{"0f-id", AlertAction::kIgnore}, {"Brute force", AlertAction::kIncident}};
  struct Case {
    const char* id;
    const char* title;
    const char* level;
    AlertAction expected;
  };
  const Case cases[] = {
      {"0f-id", "Brute force", "critical", AlertAction::kIgnore},  // the id wins over the title
      {"other", "Brute force", "low", AlertAction::kIncident},     // the title over the level
      {"", "0f-id", "low", AlertAction::kIgnore},                  // a title can be what is named
      {"x", "t", "informational", AlertAction::kIgnore},
      {"x", "t", "low", AlertAction::kAlert},
      {"x", "t", "medium", AlertAction::kAlert},
      {"x", "t", "", AlertAction::kAlert},  // no level: medium
      {"x", "t", "high", AlertAction::kIncident},
      {"x", "t", "critical", AlertAction::kIncident},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(policy.ActionFor(c.id, c.title, c.level), c.expected)
        << c.id << " / " << c.title << " / " << c.level;
  }
  AlertPolicy never{.incident_level = "none", .alert_level = "informational"};
  EXPECT_EQ(never.ActionFor("x", "t", "critical"), AlertAction::kAlert);
  EXPECT_EQ(never.ActionFor("x", "t", "informational"), AlertAction::kAlert);
}

TEST(AlertRulesTest, TheWindowHoldsEitherWayRoundAndRefusesWhatIsNotATime) {
  struct Case {
    const char* a;
    const char* b;
    bool within;
  };
  const Case cases[] = {
      {"2026-11-27T03:00:00Z", "2026-11-28T03:00:00Z", true},  // exactly the window
      {"2026-11-28T03:00:00Z", "2026-11-27T03:00:00Z", true},
      {"2026-11-27T03:00:00Z", "2026-11-28T03:00:01Z", false},
      {"2026-11-27T12:00:00+09:00", "2026-11-27T03:00:00Z", true},  // offsets count
      {"2026-11-27T03:00:00Z", "yesterday", false},
      {"", "", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(WithinWindow(c.a, c.b, hours(24)), c.within) << c.a << " / " << c.b;
  }
  EXPECT_FALSE(WithinWindow("2026-11-27T03:00:00Z", "2026-11-27T03:10:00Z", minutes(5)));
}

TEST(AlertRulesTest, ABackdoorTagNamesAChecklistItem) {
  using Tags = std::vector<std::string>;
  EXPECT_EQ(BackdoorItemOf(Tags{"attack.persistence", "sokuo.backdoor.added-users"}),
            BackdoorItem::kAddedUsers);
  EXPECT_EQ(BackdoorItemOf(Tags{"sokuo.backdoor.unexpected_services"}),
            BackdoorItem::kUnexpectedServices);
  EXPECT_EQ(BackdoorItemOf(Tags{"sokuo.backdoor.nonsense", "sokuo.backdoor.planted-programs"}),
            BackdoorItem::kPlantedPrograms);  // the first item that exists
  EXPECT_EQ(BackdoorItemOf(Tags{"sokuo.backdoor.", "attack.t1136", "backdoor.added-users"}),
            std::nullopt);
  EXPECT_EQ(BackdoorItemOf(Tags{}), std::nullopt);
}

TEST(AlertRulesTest, AHostIsFoundByNameOrAddress) {
  Organization org = FullOrganization();
  const std::string system = org.systems[2].id;
  EXPECT_EQ(LocateHost(org, "ord-db01"), (AffectedHost{system, "ord-db01"}));
  EXPECT_EQ(LocateHost(org, "10.0.1.11"), (AffectedHost{system, "ord-app01"}));
  EXPECT_EQ(LocateHost(org, "ORD-DB01"), std::nullopt);  // names are compared as written
  EXPECT_EQ(LocateHost(org, "10.0.1.99"), std::nullopt);
  EXPECT_EQ(LocateHost(org, ""), std::nullopt);
}

TEST(AlertRulesTest, TheIsDepartmentIsTheDepartmentOfKindIt) {
  Organization org = SmallOrganization();
  EXPECT_EQ(IsDepartmentOf(org), "it-dept");
  org.departments.erase(org.departments.begin() + 1);
  EXPECT_EQ(IsDepartmentOf(org), "");
}

}  // namespace
}  // namespace sokuo::core
