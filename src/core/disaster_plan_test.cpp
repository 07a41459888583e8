// The recovery planner inside a disaster: the status of each system from the disaster's records,
// the planner's input, and the scenario planned and checked.
#include <functional>
#include <random>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/disaster_fixture.h"
#include "core/disaster_rules.h"
#include "core/plan_check.h"

namespace sokuo::core {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const PlanSystem& DisasterSystemIn(const PlanInput& in, const std::string& id) {
  for (const PlanSystem& s : in.systems) {
    if (s.id == id) return s;
  }
  throw std::out_of_range(id);
}

std::string DescribeDisasterPlan(const std::vector<PlanProblem>& problems) {
  std::string out;
  for (const PlanProblem& p : problems) out += p.system + " " + p.rule + ": " + p.detail + "\n";
  return out;
}

TEST_F(DisasterTest, ASystemsStatusFromTheSurveyAndTheProgress) {
  using S = SurveyStatus;
  using I = SurveyItem;
  using R = RecoveryStatus;
  struct Case {
    const char* name;
    std::function<void()> records;
    const char* system;
    SurveyStatus expected;
  };
  const Case cases[] = {
      {"nothing recorded", [] {}, "erp", S::kUnknown},
      {"surveyed down", [&] { Survey("it-dept", I::kSystems, "erp", S::kDown); }, "erp", S::kDown},
      {"the worst site",
       [&] {
         Survey("it-dept", I::kSystems, "erp", S::kOk);
         Survey("it-dept", I::kSystems, "erp", S::kDegraded, "2026-11-25T00:40:00Z", "DC");
       },
       "erp", S::kDegraded},
      {"a survey of systems in general is about none",
       [&] { Survey("it-dept", I::kSystems, "", S::kDown); }, "erp", S::kUnknown},
      {"restoring is still down", [&] { Progress("erp", R::kRestoring, "2026-11-25T02:00:00Z"); },
       "erp", S::kDown},
      {"degraded", [&] { Progress("erp", R::kDegraded, "2026-11-25T02:00:00Z"); }, "erp",
       S::kDegraded},
      {"restored after the survey",
       [&] {
         Survey("it-dept", I::kSystems, "erp", S::kDown);
         Progress("erp", R::kRestored, "2026-11-25T05:00:00Z");
       },
       "erp", S::kOk},
      {"surveyed again after the progress",
       [&] {
         Progress("erp", R::kRestored, "2026-11-25T05:00:00Z");
         Survey("it-dept", I::kSystems, "erp", S::kDown, "2026-11-25T06:00:00Z");
       },
       "erp", S::kDown},
      {"a survey from before the progress says less than one after it",
       [&] {
         Survey("it-dept", I::kSystems, "erp", S::kDown, "2026-11-25T01:00:00Z");
         Progress("erp", R::kRestored, "2026-11-25T05:00:00Z");
         Survey("sales", I::kSystems, "erp", S::kOk, "2026-11-25T06:00:00Z");
       },
       "erp", S::kOk},
      {"power from its owner's power survey", [&] { Survey("it-dept", I::kPower, "", S::kOk); },
       "power", S::kOk},
      {"not from another department's", [&] { Survey("sales", I::kPower, "", S::kDown); }, "power",
       S::kUnknown},
      {"the power survey is about power systems only",
       [&] { Survey("it-dept", I::kPower, "", S::kDown); }, "erp", S::kUnknown},
  };
  for (const Case& c : cases) {
    d_.survey.clear();
    d_.progress.clear();
    c.records();
    EXPECT_EQ(SystemStatus(d_, org_, c.system), c.expected) << c.name;
  }
}

TEST_F(DisasterTest, PlanInputSystemsWithRtoPowerAndVendorEtas) {
  Progress("power", RecoveryStatus::kDown, "2026-11-25T00:50:00Z", "2026-11-25T06:00:00Z");
  Progress("erp", RecoveryStatus::kDown, "2026-11-25T00:50:00Z", "2026-11-25T06:00:00Z");
  auto request = [&](int id, const char* asked, const char* eta, VendorRequestState state) {
    d_.vendor_requests.push_back({.id = id,
                                  .vendor = "dc-vendor",
                                  .system = "directory",
                                  .asked_at = asked,
                                  .eta = eta,
                                  .state = state});
  };
  request(1, "2026-11-25T00:30:00Z", "2026-11-25T05:00:00Z", VendorRequestState::kAsked);
  request(2, "2026-11-25T00:50:00Z", "2026-11-25T04:00:00Z", VendorRequestState::kAnswered);
  request(3, "2026-11-25T01:00:00Z", "2026-11-25T08:00:00Z", VendorRequestState::kDeclined);
  request(4, "2026-11-25T00:10:00Z", "2026-11-25T09:00:00Z", VendorRequestState::kAsked);
  PlanInput in = Input();
  ASSERT_EQ(in.systems.size(), org_.systems.size());
  // The utility's word on power: back at 15:00, five hours from now, by itself.
  EXPECT_EQ(DisasterSystemIn(in, "power").status, SurveyStatus::kDown);
  EXPECT_EQ(DisasterSystemIn(in, "power").external_eta, 300);
  EXPECT_EQ(DisasterSystemIn(in, "erp").external_eta, std::nullopt);  // staff restore it
  // The latest open request, by when it was asked: #2 (#3 was declined).
  EXPECT_EQ(DisasterSystemIn(in, "directory").earliest_start, 180);
  d_.vendor_requests[1].state = VendorRequestState::kDone;
  EXPECT_EQ(DisasterSystemIn(Input(), "directory").earliest_start, 240);
  // Effort, skills and boosts from the organization; the RTO from the declaration.
  const PlanSystem& orders = DisasterSystemIn(in, "orders");
  EXPECT_EQ(orders.effort, 180);
  EXPECT_THAT(orders.skills, ElementsAre("server"));
  EXPECT_TRUE(orders.customer_service);
  EXPECT_EQ(orders.rto_deadline, 23 * 60);
  EXPECT_EQ(orders.status, SurveyStatus::kUnknown);  // not surveyed: assumed down
}

TEST_F(DisasterTest, PlanInputWorkersFromTheRollCall) {
  Answer({.person = "p-suzuki", .can_work = true, .skills = {"server", "network"}});
  Answer({.person = "p-kato",
          .can_work = true,
          .from = "2026-11-25T03:00:00Z",
          .hours_per_day = 12,
          .day_starts_hour = 8,
          .skills = {"server"}});
  Answer({.person = "p-ito", .can_work = true, .hours_per_day = 24});
  Answer({.person = "p-watanabe", .can_work = false});
  PlanInput in = Input();
  ASSERT_EQ(in.workers.size(), 3u);
  const PlanWorker& suzuki = in.workers[0];
  EXPECT_EQ(suzuki.person, "p-suzuki");
  EXPECT_THAT(suzuki.skills, ElementsAre("network", "forensics", "server"));
  // 10:00 to 18:00 today, Thursday and Friday from 9:00; the weekend is closed.
  ASSERT_GE(suzuki.windows.size(), 4u);
  EXPECT_EQ(suzuki.windows[0], (Window{0, 480}));
  EXPECT_EQ(suzuki.windows[1], (Window{1380, 1920}));
  EXPECT_EQ(suzuki.windows[3], (Window{7140, 7680}));  // Monday the 30th
  // From noon, twelve hours a day from 8:00.
  const PlanWorker& kato = in.workers[1];
  EXPECT_EQ(kato.person, "p-kato");
  EXPECT_THAT(kato.skills, ElementsAre("server"));
  EXPECT_EQ(kato.windows[0], (Window{120, 600}));
  EXPECT_EQ(kato.windows[1], (Window{1320, 2040}));
  // Around the clock, every day: one window to the end of the 30 days.
  EXPECT_THAT(in.workers[2].windows, ElementsAre(Window{0, 30 * 1440 - 60}));
  // A company whose day starts at 7; someone who may not be called in does not work.
  org_.company.workday_start_hour = 7;
  org_.people[1].available_for_emergency_work = false;
  in = Input();
  ASSERT_EQ(in.workers.size(), 2u);
  EXPECT_EQ(in.workers[0].person, "p-kato");
  // Around the clock from 7:00: the 30th day ends two hours earlier.
  EXPECT_EQ(in.workers[1].windows[0], (Window{0, 30 * 1440 - 60 - 120}));
  org_.people[1].available_for_emergency_work = true;
  EXPECT_EQ(Input().workers[0].windows[1], (Window{1260, 1800}));
}

TEST_F(DisasterTest, ANightShiftThatBeganYesterdayIsStillOn) {
  now_ = At("2026-11-24T17:00:00Z");  // 02:00 on Wednesday in Tokyo
  Answer({.person = "p-ito",
          .can_work = true,
          .hours_per_day = 8,
          .day_starts_hour = 22,
          .at = "2026-11-24T16:00:00Z"});
  PlanInput in = Input();
  ASSERT_EQ(in.workers.size(), 1u);
  // Tuesday 22:00 to Wednesday 6:00, then Wednesday 22:00 to Thursday 6:00.
  ASSERT_GE(in.workers[0].windows.size(), 2u);
  EXPECT_EQ(in.workers[0].windows[0], (Window{0, 240}));
  EXPECT_EQ(in.workers[0].windows[1], (Window{1200, 1680}));
  // Someone who answered for a department that does not exist is listed with their own.
  d_.roll_call[0].department = "no-such";
  EXPECT_EQ(StaffView(d_, org_, now_)[1].people[2].person, "p-ito");
}

TEST_F(DisasterTest, TheOutlookOfEachSystemNotBack) {
  org_.systems[2].degraded_mode = "照会のみ";
  org_.systems[2].workaround = "FAX で受注";
  Survey("it-dept", SurveyItem::kSystems, "mail", SurveyStatus::kOk);
  Survey("it-dept", SurveyItem::kPower, "", SurveyStatus::kOk);
  Progress("core-network", RecoveryStatus::kRestored, "2026-11-25T00:50:00Z");
  d_.progress.push_back({.system = "erp",
                         .status = RecoveryStatus::kDegraded,
                         .eta = "2026-11-26T09:00:00Z",
                         .note = "月次処理は停止",
                         .by = "p-suzuki",
                         .at = "2026-11-25T00:55:00Z"});
  d_.vendor_requests = {{.id = 1, .vendor = "dc-vendor", .system = "erp"},
                        {.id = 2,
                         .vendor = "dc-vendor",
                         .system = "erp",
                         .answer = "部品なし",
                         .state = VendorRequestState::kDeclined},
                        {.id = 3,
                         .vendor = "dc-vendor",
                         .system = "erp",
                         .answer = "明朝伺います",
                         .state = VendorRequestState::kAnswered}};
  std::vector<SystemOutlook> outlook = Outlook(d_, org_);
  std::vector<std::string> ids;
  for (const SystemOutlook& o : outlook) ids.push_back(o.system);
  // power, core-network and mail are back.
  EXPECT_THAT(ids, ElementsAre("orders", "directory", "erp", "pbx", "lab"));
  EXPECT_FALSE(outlook[0].ask_is_department);  // sales' own system
  EXPECT_EQ(outlook[0].degraded_mode, "照会のみ");
  EXPECT_EQ(outlook[0].workaround, "FAX で受注");
  EXPECT_EQ(outlook[0].status, SurveyStatus::kUnknown);
  const SystemOutlook& erp = outlook[2];
  EXPECT_TRUE(erp.ask_is_department);
  EXPECT_EQ(erp.status, SurveyStatus::kDegraded);
  EXPECT_EQ(erp.eta, "2026-11-26T09:00:00Z");
  EXPECT_EQ(erp.note, "月次処理は停止");
  EXPECT_THAT(erp.vendor_requests, ElementsAre(1, 3));
}

// Random roll calls, surveys and progress on two clocks (one with summer time): every worker's
// windows are sorted, disjoint and ahead of now, and the planner's plan passes CheckPlan.
TEST_F(DisasterTest, RandomDisastersGiveValidInputsAndPlans) {
  std::mt19937 rng(20261125);
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  const SurveyStatus statuses[] = {SurveyStatus::kOk, SurveyStatus::kDegraded, SurveyStatus::kDown,
                                   SurveyStatus::kUnknown};
  const char* skills[] = {"server", "network", "cobol"};
  for (int round = 0; round < 100; ++round) {
    org_ = DisasterOrganization();
    org_.company.time_zone = round % 2 == 0 ? "Asia/Tokyo" : "Europe/Berlin";
    d_.roll_call.clear();
    d_.survey.clear();
    d_.progress.clear();
    for (const Person& p : org_.people) {
      if (pick(4) == 0) continue;  // not answered
      Availability a{.person = p.id, .can_work = pick(3) != 0};
      if (pick(2) == 0) a.from = FormatRfc3339(now_ + std::chrono::minutes(pick(4000) - 600));
      if (pick(2) == 0) a.hours_per_day = 1 + pick(24);
      if (pick(2) == 0) a.day_starts_hour = pick(24);
      for (const char* skill : skills) {
        if (pick(2) == 0) a.skills.emplace_back(skill);
      }
      Answer(std::move(a));
    }
    for (const InfoSystem& s : org_.systems) {
      if (pick(3) != 0) Survey("it-dept", SurveyItem::kSystems, s.id.c_str(), statuses[pick(4)]);
    }
    if (pick(2) == 0) {
      std::string eta = FormatRfc3339(now_ + std::chrono::minutes(pick(2000)));
      Progress("power", RecoveryStatus::kDown, "2026-11-25T00:50:00Z", eta.c_str());
    }
    PlanInput in = Input();
    for (const PlanWorker& w : in.workers) {
      for (size_t k = 0; k < w.windows.size(); ++k) {
        EXPECT_GE(w.windows[k].from, 0) << round << " " << w.person;
        EXPECT_LT(w.windows[k].from, w.windows[k].to) << round << " " << w.person;
        if (k > 0) {
          EXPECT_LT(w.windows[k - 1].to, w.windows[k].from) << round << " " << w.person;
        }
      }
    }
    Plan plan = PlanRecovery(in);
    EXPECT_THAT(CheckPlan(in, plan), IsEmpty()) << round << "\n"
                                                << DescribeDisasterPlan(CheckPlan(in, plan));
  }
}

// The scenario: an earthquake takes out the head office at 9:00; the utility says power
// returns at 15:00; half of the IS department can work.
TEST_F(DisasterTest, EarthquakeAtTheHeadOffice) {
  using S = SurveyStatus;
  Survey("it-dept", SurveyItem::kPower, "", S::kDown);
  for (const char* system : {"core-network", "directory", "pbx", "lab"}) {
    Survey("it-dept", SurveyItem::kSystems, system, S::kDown);
  }
  Survey("it-dept", SurveyItem::kSystems, "mail", S::kOk);  // in the cloud
  Survey("sales", SurveyItem::kSystems, "orders", S::kDown);
  Progress("power", RecoveryStatus::kDown, "2026-11-25T00:50:00Z", "2026-11-25T06:00:00Z");
  Answer({.person = "p-suzuki", .can_work = true, .skills = {"server"}});
  Answer({.person = "p-kato",
          .can_work = true,
          .from = "2026-11-25T03:00:00Z",
          .hours_per_day = 12,
          .day_starts_hour = 8,
          .skills = {"server"}});
  Answer({.person = "p-ito", .can_work = false});
  Answer({.person = "p-watanabe", .can_work = false});

  PlanInput in = Input();
  Plan plan = PlanRecovery(in);
  EXPECT_THAT(CheckPlan(in, plan), IsEmpty()) << DescribeDisasterPlan(CheckPlan(in, plan));
  struct Row {
    const char* id;
    PlanMinutes start, finish;
    const char* worker;
    bool rto_met;
  };
  // Power at 15:00, then the core network and the directory (tier a); the web orders (customer
  // service) before the ERP; Thursday starts at 1320 (p-kato, 8:00) and 1380 (p-suzuki, 9:00).
  const Row rows[] = {
      {"power", 300, 300, "", true},
      {"core-network", 300, 420, "p-suzuki", true},
      {"directory", 420, 540, "p-kato", true},
      {"orders", 540, 1440, "p-kato", false},  // 1 h today, 2 h on Thursday: its RTO is 1380
      {"erp", 1380, 1620, "p-suzuki", true},
  };
  ASSERT_EQ(plan.planned.size(), std::size(rows));
  for (size_t k = 0; k < std::size(rows); ++k) {
    const PlannedSystem& p = plan.planned[k];
    EXPECT_EQ(p.id, rows[k].id);
    EXPECT_EQ(p.start, rows[k].start) << p.id;
    EXPECT_EQ(p.finish, rows[k].finish) << p.id;
    EXPECT_EQ(p.worker, rows[k].worker) << p.id;
    EXPECT_EQ(p.rto_met, rows[k].rto_met) << p.id;
  }
  EXPECT_THAT(plan.running, ElementsAre("mail"));
  EXPECT_THAT(plan.unplanned,
              ElementsAre(UnplannedSystem{"pbx", std::string(kPlanNoEstimate), {}},
                          UnplannedSystem{"lab", std::string(kPlanNoSkill), {"cobol"}}));
}

}  // namespace
}  // namespace sokuo::core
