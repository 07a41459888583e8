// The readiness report (core/readiness.h) on the shipped example organization: what it shows
// as it is, and exactly which gaps appear when one measure after another is taken away.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/readiness.h"
#include "orgfile/org_file.h"

namespace sokuo {
namespace {

using ::testing::Contains;

core::Organization ExampleOrganizationForReadiness() {
  std::ifstream in(std::filesystem::path(SOKUO_SOURCE_DIR) / "examples/org.yaml");
  std::stringstream text;
  text << in.rdbuf();
  auto org = orgfile::Parse(text.str(), "org.yaml");
  EXPECT_TRUE(org) << org.error().ToString();
  return org ? *org : core::Organization{};
}

std::vector<std::string> ExampleGaps(const core::Organization& org) {
  std::vector<std::string> out;
  for (const core::ReadinessGap& g :
       core::Readiness(org, *ParseDay("2026-11-27"), core::ThresholdsOf(org))) {
    out.push_back(g.clause + " " + g.kind + " " + g.subject.id);
  }
  return out;
}

// The gaps of `after` that `before` does not have, in the report's order.
std::vector<std::string> NewGaps(const std::vector<std::string>& before,
                                 const std::vector<std::string>& after) {
  std::vector<std::string> out;
  for (const std::string& g : after) {
    if (std::find(before.begin(), before.end(), g) == before.end()) out.push_back(g);
  }
  return out;
}

TEST(ReadinessExampleTest, TheExampleShowsItsStaleAndMissingContacts) {
  std::vector<std::string> gaps = ExampleGaps(ExampleOrganizationForReadiness());
  EXPECT_THAT(gaps, Contains("G5.2.2 contact_not_reviewed press-desk"));
  EXPECT_THAT(gaps, Contains("G5.2.2 contact_not_reviewed sanyo-parts"));
  EXPECT_THAT(gaps, Contains("G5.1.3 no_redundancy wan"));
  // Every user department has its plan with deputies.
  EXPECT_EQ(std::count_if(gaps.begin(), gaps.end(),
                          [](const std::string& g) { return g.starts_with("G3.3"); }),
            0);
  EXPECT_TRUE(std::is_sorted(gaps.begin(), gaps.end(), [](const auto& a, const auto& b) {
    return a.substr(0, a.find(' ')) < b.substr(0, b.find(' '));
  }));
}

TEST(ReadinessExampleTest, PlantedGapsAppearExactly) {
  const core::Organization example = ExampleOrganizationForReadiness();
  const std::vector<std::string> before = ExampleGaps(example);
  core::Organization org = example;
  auto system = [&](const char* id) -> core::InfoSystem& {
    return *std::find_if(org.systems.begin(), org.systems.end(),
                         [&](const core::InfoSystem& s) { return s.id == id; });
  };
  auto contact = [&](const char* id) -> core::ExternalContact& {
    return *std::find_if(org.contacts.begin(), org.contacts.end(),
                         [&](const core::ExternalContact& c) { return c.id == id; });
  };
  // The directory's restore test is forgotten; the ERP vendor's contract ran out; the order
  // system loses its redundancy and its workaround; logistics loses its action plan; the
  // finance liaison its deputy; the police desk is not checked any more.
  system("directory").backup.last_verified.clear();
  contact("erp-vendor").contract->expires = "2026-10-31";
  system("order-system").redundancy.clear();
  system("order-system").workaround.clear();
  std::erase_if(org.roles, [](const core::RoleAssignment& r) {
    return r.role == core::RoleKind::kActionPlan && r.department == "logistics";
  });
  for (core::RoleAssignment& r : org.roles) {
    if (r.department == "finance") r.deputies.clear();
  }
  contact("police-cyber").reviewed = "2025-11-26";
  EXPECT_EQ(NewGaps(before, ExampleGaps(org)), (std::vector<std::string>{
                                                   "G3.3 no_action_plan logistics",
                                                   "G3.3 no_deputy finance",
                                                   "G5.1.1 backup_not_verified directory",
                                                   "G5.1.3 no_redundancy order-system",
                                                   "G5.1.4 no_alternate order-system",
                                                   "G5.1.5 contract_expired erp",
                                                   "G5.1.5 contract_expired order-system",
                                                   "G5.1.5 contract_expired production-mgmt",
                                                   "G5.1.5 contract_expired accounting",
                                                   "G5.2.2 contact_not_reviewed police-cyber",
                                                   "G5.2.6b no_workaround order-system",
                                               }));
}

}  // namespace
}  // namespace sokuo
