#include "app/recovery_plan_view.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/org_fixture.h"

namespace sokuo::app {
namespace {

using ::testing::ElementsAre;

TEST(RecoveryPlanViewTest, TimesOnTheClockWhoseOutlookAndSystemsNoLongerKnown) {
  core::Organization org = core::SmallOrganization();
  Timestamp now = *ParseRfc3339("2026-11-27T03:00:00Z");
  core::PlanInput input{.systems = {{.id = "core-network", .rto_deadline = 60},
                                    {.id = "orders"},
                                    {.id = "power", .status = core::SurveyStatus::kOk}}};
  core::Plan plan{.planned = {{.id = "core-network",
                               .order = 1,
                               .start = 0,
                               .finish = 90,
                               .worker = "p-suzuki",
                               .work = {{0, 30}, {60, 90}},
                               .rto_met = false}},
                  .unplanned = {{.id = "orders", .reason = "plan.no_estimate"}},
                  .running = {"power"}};
  RecoveryPlanView v =
      MakePlanView("INC-2026-0001", plan, input, org, now, {"core-network", "orders", "gone"});
  EXPECT_EQ(v.as_of, "2026-11-27T03:00:00Z");
  ASSERT_EQ(v.steps.size(), 1u);
  EXPECT_EQ(v.steps[0].finish_at, "2026-11-27T04:30:00Z");
  EXPECT_EQ(v.steps[0].rto_at, "2026-11-27T04:00:00Z");
  EXPECT_THAT(
      v.steps[0].work,
      ElementsAre(
          std::pair<std::string, std::string>{"2026-11-27T03:00:00Z", "2026-11-27T03:30:00Z"},
          std::pair<std::string, std::string>{"2026-11-27T04:00:00Z", "2026-11-27T04:30:00Z"}));
  EXPECT_TRUE(v.steps[0].ask_is);  // the IS department owns the core network
  ASSERT_EQ(v.unplanned.size(), 2u);
  EXPECT_EQ(v.unplanned[0].id, "orders");
  EXPECT_EQ(v.unplanned[1].id, "gone");
  EXPECT_EQ(v.unplanned[1].reason, kPlanUnknownSystem);
  EXPECT_TRUE(v.running.empty());  // power runs, but is not in the scope
}

}  // namespace
}  // namespace sokuo::app
