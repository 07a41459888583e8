#include "core/incident_plan.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/org_fixture.h"
#include "core/plan_input.h"

namespace sokuo::core {
namespace {

using ::testing::ElementsAre;

const PlanSystem& SystemIn(const PlanInput& in, const std::string& id) {
  for (const PlanSystem& s : in.systems) {
    if (s.id == id) return s;
  }
  throw std::out_of_range(id);
}

class IncidentPlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    org_ = SmallOrganization();
    org_.company.holidays = {{"2026-11-30", "創立記念日"}};
    org_.systems[1].restore_effort_hours = 4;
    org_.systems[1].skills = {"network"};
    org_.systems[2].restore_effort_hours = 10;
    org_.people[1].skills = {"network", "erp"};  // p-suzuki, the IS department's head and staff
    incident_.systems = {"core-network", "orders"};
    incident_.aware_at = "2026-11-27T01:00:00Z";  // 10:00 in Tokyo, a Friday
  }

  PlanInput Input() {
    auto calendar = CompanyCalendar(org_);
    EXPECT_TRUE(calendar);
    return IncidentPlanInput(incident_, org_, now_, *calendar);
  }

  Organization org_;
  Incident incident_;
  Timestamp now_ = *ParseRfc3339("2026-11-27T03:00:00Z");  // 12:00 in Tokyo
};

TEST_F(IncidentPlanTest, AffectedSystemsAreDownTheOthersRunningAsTheirRecoverySays) {
  EXPECT_EQ(SystemIn(Input(), "power").status, SurveyStatus::kOk);  // not affected
  EXPECT_EQ(SystemIn(Input(), "core-network").status, SurveyStatus::kDown);
  incident_.recovery = {{.system = "core-network", .status = RecoveryStatus::kRestoring}};
  EXPECT_EQ(SystemIn(Input(), "core-network").status, SurveyStatus::kDown);
  incident_.recovery = {{.system = "core-network", .status = RecoveryStatus::kDegraded}};
  EXPECT_EQ(SystemIn(Input(), "core-network").status, SurveyStatus::kDegraded);
  incident_.recovery = {{.system = "core-network", .status = RecoveryStatus::kRestored}};
  EXPECT_EQ(SystemIn(Input(), "core-network").status, SurveyStatus::kOk);
}

TEST_F(IncidentPlanTest, EffortSkillsAndTheRtoCountedFromAwareness) {
  PlanInput in = Input();
  const PlanSystem& network = SystemIn(in, "core-network");
  EXPECT_EQ(network.effort, 240);
  EXPECT_THAT(network.skills, ElementsAre("network"));
  EXPECT_THAT(network.depends_on, ElementsAre("power"));
  EXPECT_EQ(network.rto_deadline, std::nullopt);  // no RTO
  // Orders: RTO 24 h from 10:00 on the 27th; now is two hours later.
  EXPECT_EQ(SystemIn(in, "orders").rto_deadline, 22 * 60);
  EXPECT_TRUE(SystemIn(in, "orders").customer_service);
  EXPECT_EQ(SystemIn(in, "power").effort, std::nullopt);
}

TEST_F(IncidentPlanTest, TheIsDepartmentWorksTheCompanysOpenDaysInItsHours) {
  PlanInput in = Input();
  ASSERT_EQ(in.workers.size(), 1u);  // p-suzuki: head of the IS department and its staff, once
  const PlanWorker& w = in.workers[0];
  EXPECT_EQ(w.person, "p-suzuki");
  EXPECT_THAT(w.skills, ElementsAre("network", "erp"));
  ASSERT_GE(w.windows.size(), 2u);
  // Today from now to 18:00; then Tuesday the 1st: the weekend and the company's own holiday
  // (Monday the 30th) are closed.
  EXPECT_EQ(w.windows[0], (Window{0, 6 * 60}));
  PlanMinutes tuesday_9 = (4 * 24 - 3) * 60;  // 09:00 on Dec 1 in Tokyo, from 12:00 on Nov 27
  EXPECT_EQ(w.windows[1], (Window{tuesday_9, tuesday_9 + 9 * 60}));
  // A company whose day starts at 7.
  org_.company.workday_start_hour = 7;
  EXPECT_EQ(Input().workers[0].windows[1].from, tuesday_9 - 2 * 60);
}

TEST_F(IncidentPlanTest, WhoCannotBeCalledInDoesNotWork) {
  org_.people[1].available_for_emergency_work = false;
  EXPECT_TRUE(Input().workers.empty());
}

TEST_F(IncidentPlanTest, ThePlanOrdersTheAffectedSystems) {
  Plan plan = PlanRecovery(Input());
  ASSERT_EQ(plan.planned.size(), 2u);
  EXPECT_EQ(plan.planned[0].id, "core-network");  // tier a, and orders needs it
  EXPECT_EQ(plan.planned[0].start, 0);
  EXPECT_EQ(plan.planned[0].finish, 240);
  // Orders: 10 hours of work after the network: 2 left today, 8 on Tuesday; its RTO (22 hours
  // from now) is missed.
  PlanMinutes tuesday_9 = (4 * 24 - 3) * 60;
  EXPECT_EQ(plan.planned[1].id, "orders");
  EXPECT_EQ(plan.planned[1].start, 240);
  EXPECT_EQ(plan.planned[1].finish, tuesday_9 + 8 * 60);
  EXPECT_FALSE(plan.planned[1].rto_met);
  // A skill nobody in the IS department has leaves it unplanned, with the skill named.
  org_.systems[2].skills = {"cobol"};
  plan = PlanRecovery(Input());
  ASSERT_EQ(plan.unplanned.size(), 1u);
  EXPECT_EQ(plan.unplanned[0].id, "orders");
  EXPECT_EQ(plan.unplanned[0].reason, kPlanNoSkill);
  EXPECT_THAT(plan.unplanned[0].because, ElementsAre("cobol"));
}

TEST(LocalHourTest, ADayWhenTheClockChangesStartsAtTheSameLocalHour) {
  Calendar berlin = *Calendar::Create("Europe/Berlin");
  // 09:00 on the days summer time begins (CEST, UTC+2) and ends (CET, UTC+1).
  EXPECT_EQ(FormatRfc3339(LocalHour(
                berlin, Day{std::chrono::year{2026}, std::chrono::March, std::chrono::day{29}}, 9)),
            "2026-03-29T07:00:00Z");
  EXPECT_EQ(
      FormatRfc3339(LocalHour(
          berlin, Day{std::chrono::year{2026}, std::chrono::October, std::chrono::day{25}}, 9)),
      "2026-10-25T08:00:00Z");
  Calendar tokyo = *Calendar::Create("Asia/Tokyo");
  EXPECT_EQ(
      FormatRfc3339(LocalHour(
          tokyo, Day{std::chrono::year{2026}, std::chrono::November, std::chrono::day{27}}, 0)),
      "2026-11-26T15:00:00Z");
}

}  // namespace
}  // namespace sokuo::core
