// A disaster on a small organization, for the tests of disaster.h and disaster_rules.h. Not
// used by the product itself.
#pragma once

#include <gtest/gtest.h>

#include "core/disaster.h"
#include "core/disaster_rules.h"
#include "core/org_fixture.h"

namespace sokuo::core {

// The small organization with an IS department of four and the systems of a head office:
// utility power, the core network, the directory, the ERP, the web orders, a PBX nobody has
// estimated and a lab system that needs a skill nobody has.
inline Organization DisasterOrganization() {
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

inline Timestamp At(const char* rfc3339) { return *ParseRfc3339(rfc3339); }

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

}  // namespace sokuo::core
