#include "core/recovery_plan.h"

#include <functional>
#include <random>
#include <set>
#include <stdexcept>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/plan_check.h"

namespace sokuo::core {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// t = 0 is 08:00 on the day of the plan; staff work 9:00-18:00.
std::vector<Window> OfficeHours(int days) {
  std::vector<Window> out;
  for (PlanMinutes d = 0; d < days; ++d) out.push_back({d * 1440 + 60, d * 1440 + 600});
  return out;
}

std::string Describe(const std::vector<PlanProblem>& problems) {
  std::string out;
  for (const PlanProblem& p : problems) out += p.system + " " + p.rule + ": " + p.detail + "\n";
  return out;
}

std::vector<std::string> Rules(const std::vector<PlanProblem>& problems) {
  std::vector<std::string> out;
  out.reserve(problems.size());
  for (const PlanProblem& p : problems) out.push_back(p.rule);
  return out;
}

const PlannedSystem* Planned(const Plan& plan, const std::string& id) {
  for (const PlannedSystem& p : plan.planned) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

const UnplannedSystem* Unplanned(const Plan& plan, const std::string& id) {
  for (const UnplannedSystem& u : plan.unplanned) {
    if (u.id == id) return &u;
  }
  return nullptr;
}

PlanSystem Down(std::string id, PlanMinutes effort, std::vector<std::string> skills = {"server"}) {
  return {.id = std::move(id),
          .status = SurveyStatus::kDown,
          .effort = effort,
          .skills = std::move(skills)};
}

// An earthquake takes out the head office at 08:00. Utility power returns after 6 hours (14:00);
// the core network and the tier-a systems need it; half the IS department can work (a network
// and server engineer and a server engineer, 9:00-18:00, three days). The generator needs an
// electrician nobody present is, so the lab behind it has no power; the PBX has no estimate.
PlanInput Earthquake() {
  PlanInput in;
  auto add = [&](PlanSystem s) { in.systems.push_back(std::move(s)); };
  add({.id = "utility-power",
       .tier = Tier::kA,
       .category = SystemCategory::kPower,
       .status = SurveyStatus::kDown,
       .external_eta = 360});
  add({.id = "core-network",
       .tier = Tier::kA,
       .category = SystemCategory::kNetwork,
       .depends_on = {"utility-power"},
       .status = SurveyStatus::kDown,
       .effort = 120,
       .skills = {"network"}});
  add({.id = "directory",
       .tier = Tier::kA,
       .category = SystemCategory::kPlatform,
       .depends_on = {"core-network"},
       .status = SurveyStatus::kDown,
       .effort = 90,
       .skills = {"server"}});
  add({.id = "vm-cluster",
       .tier = Tier::kA,
       .category = SystemCategory::kPlatform,
       .depends_on = {"core-network", "utility-power"},
       .status = SurveyStatus::kDown,
       .effort = 240,
       .skills = {"server"}});
  add({.id = "erp",
       .tier = Tier::kB,
       .category = SystemCategory::kApplication,
       .depends_on = {"directory", "vm-cluster"},
       .status = SurveyStatus::kDown,
       .effort = 180,
       .skills = {"server"},
       .rto_deadline = 1440});
  add({.id = "web-shop",
       .tier = Tier::kB,
       .category = SystemCategory::kApplication,
       .customer_service = true,
       .depends_on = {"core-network", "vm-cluster", "mail"},
       .status = SurveyStatus::kDown,
       .effort = 120,
       .skills = {"server"},
       .rto_deadline = 480});
  add({.id = "file-server",
       .depends_on = {"directory"},
       .status = SurveyStatus::kUnknown,
       .effort = 60,
       .skills = {"server"}});
  add({.id = "mail", .tier = Tier::kB, .status = SurveyStatus::kOk});
  add({.id = "wifi", .category = SystemCategory::kNetwork, .status = SurveyStatus::kDegraded});
  add({.id = "pbx", .tier = Tier::kB, .status = SurveyStatus::kDown, .skills = {"pbx"}});
  add({.id = "generator",
       .tier = Tier::kA,
       .category = SystemCategory::kPower,
       .status = SurveyStatus::kDown,
       .effort = 60,
       .skills = {"electrical"}});
  add({.id = "lab-servers",
       .product_development = true,
       .depends_on = {"generator"},
       .status = SurveyStatus::kDown,
       .effort = 60,
       .skills = {"server"}});
  add({.id = "dev-build",
       .product_development = true,
       .depends_on = {"lab-servers"},
       .status = SurveyStatus::kDown,
       .effort = 30,
       .skills = {"server"}});
  in.workers = {{.person = "p-suzuki", .skills = {"network", "server"}, .windows = OfficeHours(3)},
                {.person = "p-kato", .skills = {"server"}, .windows = OfficeHours(3)}};
  return in;
}

TEST(RecoveryPlanTest, EarthquakeAtTheHeadOffice) {
  PlanInput in = Earthquake();
  Plan plan = PlanRecovery(in);
  EXPECT_THAT(CheckPlan(in, plan), IsEmpty()) << Describe(CheckPlan(in, plan));

  struct Row {
    const char* id;
    int order;
    PlanMinutes start, finish;
    const char* worker;
    bool rto_met;
  };
  // Power at 14:00; the network after it; the tier-a platforms; the customer-facing shop before
  // the ERP; the file server last. Day 2 starts at 1500 (9:00).
  const Row rows[] = {
      {"utility-power", 1, 360, 360, "", true},
      {"core-network", 2, 360, 480, "p-suzuki", true},
      {"directory", 3, 480, 570, "p-suzuki", true},  // a tie with p-kato: input order
      {"vm-cluster", 4, 480, 1620, "p-kato", true},  // 2 h on day 1, 2 h on day 2
      {"web-shop", 5, 1620, 1740, "p-suzuki", false},
      {"erp", 6, 1620, 1800, "p-kato", false},
      {"file-server", 7, 1740, 1800, "p-suzuki", true},
  };
  ASSERT_EQ(plan.planned.size(), std::size(rows));
  for (std::size_t k = 0; k < std::size(rows); ++k) {
    const PlannedSystem& p = plan.planned[k];
    EXPECT_EQ(p.id, rows[k].id);
    EXPECT_EQ(p.order, rows[k].order) << p.id;
    EXPECT_EQ(p.start, rows[k].start) << p.id;
    EXPECT_EQ(p.finish, rows[k].finish) << p.id;
    EXPECT_EQ(p.worker, rows[k].worker) << p.id;
    EXPECT_EQ(p.rto_met, rows[k].rto_met) << p.id;
  }
  EXPECT_THAT(plan.planned[3].work, ElementsAre(Window{480, 600}, Window{1500, 1620}));
  EXPECT_THAT(plan.running, ElementsAre("mail", "wifi"));
  EXPECT_THAT(plan.unplanned,
              ElementsAre(UnplannedSystem{"pbx", "plan.no_estimate", {}},
                          UnplannedSystem{"generator", "plan.no_skill", {"electrical"}},
                          UnplannedSystem{"lab-servers", "plan.power_not_restored", {"generator"}},
                          UnplannedSystem{"dev-build", "plan.power_not_restored", {"generator"}}));
}

TEST(RecoveryPlanTest, EachReasonNamesWhatIsAtFault) {
  std::vector<PlanWorker> staff = {
      {.person = "p-a", .skills = {"server", "db"}, .windows = OfficeHours(1)},
      {.person = "p-b", .skills = {"network"}, .windows = OfficeHours(1)}};
  PlanSystem power_no_eta{.id = "ups",
                          .category = SystemCategory::kPower,
                          .status = SurveyStatus::kDown,
                          .effort = 60,
                          .skills = {"electrical"}};
  PlanSystem grid = power_no_eta;  // comes back by itself, but only after the UPS
  grid.id = "grid";
  grid.external_eta = 60;
  grid.depends_on = {"ups"};
  PlanSystem no_estimate = Down("x", 0);
  no_estimate.effort.reset();
  struct Case {
    const char* name;
    std::vector<PlanSystem> systems;
    std::string id, reason;
    std::vector<std::string> because;
  };
  auto with = [](PlanSystem s, std::vector<std::string> deps) {
    s.depends_on = std::move(deps);
    return s;
  };
  PlanSystem negative_effort = Down("x", -5);
  PlanSystem two_skills = Down("x", 60, {"server", "network", "server"});
  const Case cases[] = {
      {"no effort, no eta", {no_estimate}, "x", "plan.no_estimate", {}},
      {"effort <= 0 is no estimate", {negative_effort}, "x", "plan.no_estimate", {}},
      {"a skill nobody has", {Down("x", 60, {"server", "sap"})}, "x", "plan.no_skill", {"sap"}},
      {"skills no one holds together", {two_skills}, "x", "plan.no_skill", {"server", "network"}},
      {"more work than the day holds", {Down("x", 600)}, "x", "plan.no_time", {}},
      {"a dependency that does not exist",
       {with(Down("x", 60), {"ghost", "ghost"})},
       "x",
       "plan.unknown_dependency",
       {"ghost"}},
      {"in a cycle",
       {with(Down("x", 60), {"y"}), with(Down("y", 60), {"x"})},
       "x",
       "plan.dependency_cycle",
       {"y"}},
      {"behind a cycle",
       {with(Down("x", 60), {"y"}), with(Down("y", 60), {"y"}), Down("z", 60)},
       "x",
       "plan.dependency_cycle",
       {"y"}},
      {"its own reason before its dependency's",
       {with(no_estimate, {"y"}), with(Down("y", 60, {"sap"}), {})},
       "x",
       "plan.no_estimate",
       {}},
      {"a dependency that cannot be planned",
       {with(Down("y", 60), {"x"}), no_estimate},
       "y",
       "plan.dependency_unplanned",
       {"x"}},
      {"power without an eta, directly",
       {with(Down("x", 60), {"ups"}), power_no_eta},
       "x",
       "plan.power_not_restored",
       {"ups"}},
      {"power without an eta, through others",
       {with(Down("x", 60), {"y"}), with(Down("y", 60), {"ups"}), power_no_eta},
       "x",
       "plan.power_not_restored",
       {"ups"}},
      {"power through a system that has its own reason",
       {with(Down("x", 60), {"y"}), with(Down("y", 60, {"sap"}), {"ups"}), power_no_eta},
       "x",
       "plan.power_not_restored",
       {"ups"}},
      {"power behind a power system with an eta",
       {with(Down("x", 60), {"grid"}), grid, with(power_no_eta, {})},
       "x",
       "plan.power_not_restored",
       {"ups"}},
  };
  for (const Case& c : cases) {
    PlanInput in{.systems = c.systems, .workers = staff};
    Plan plan = PlanRecovery(in);
    EXPECT_THAT(CheckPlan(in, plan), IsEmpty()) << c.name << "\n" << Describe(CheckPlan(in, plan));
    const UnplannedSystem* u = Unplanned(plan, c.id);
    ASSERT_NE(u, nullptr) << c.name;
    EXPECT_EQ(u->reason, c.reason) << c.name;
    EXPECT_EQ(u->because, c.because) << c.name;
  }
}

TEST(RecoveryPlanTest, TimesFollowDependenciesWindowsAndWorkers) {
  PlanWorker a{.person = "p-a", .skills = {"server"}, .windows = OfficeHours(3)};
  PlanWorker b{.person = "p-b", .skills = {"server"}, .windows = {{300, 400}, {1500, 2000}}};
  struct Expect {
    std::string id;
    PlanMinutes start, finish;
    std::string worker;
  };
  struct Case {
    const char* name;
    PlanInput in;
    std::vector<Expect> expect;
  };
  auto with = [](PlanSystem s, auto f) {
    f(s);
    return s;
  };
  const Case cases[] = {
      {"work starts when the window opens", {{Down("x", 60)}, {a}}, {{"x", 60, 120, "p-a"}}},
      {"a running dependency is met at once",
       {{with(Down("x", 60), [](PlanSystem& s) { s.depends_on = {"up"}; }),
         {.id = "up", .status = SurveyStatus::kDegraded}},
        {a}},
       {{"x", 60, 120, "p-a"}}},
      {"work splits over days", {{Down("x", 600)}, {a}}, {{"x", 60, 1560, "p-a"}}},
      {"earliest start: the vendor's part arrives at noon",
       {{with(Down("x", 60), [](PlanSystem& s) { s.earliest_start = 240; })}, {a}},
       {{"x", 240, 300, "p-a"}}},
      {"a part after hours waits for the next morning",
       {{with(Down("x", 60), [](PlanSystem& s) { s.earliest_start = 700; })}, {a}},
       {{"x", 1500, 1560, "p-a"}}},
      {"an external return waits for its dependencies",
       {{with(Down("x", 60), [](PlanSystem& s) { s.depends_on = {"y"}; }),
         with(Down("y", 90),
              [](PlanSystem& s) {
                s.external_eta = 30;
                s.depends_on = {"z"};
              }),
         Down("z", 90)},
        {a}},
       {{"z", 60, 150, "p-a"}, {"y", 150, 150, ""}, {"x", 150, 210, "p-a"}}},
      {"an external eta in the past counts from now",
       {{with(Down("x", 0), [](PlanSystem& s) { s.external_eta = -30; })}, {a}},
       {{"x", 0, 0, ""}}},
      {"the worker who finishes first",
       {{Down("x", 60), Down("y", 100)}, {a, b}},
       {{"x", 60, 120, "p-a"}, {"y", 120, 220, "p-a"}}},
      {"a later worker when the first is busy",
       {{Down("x", 500), Down("y", 100)}, {a, b}},
       {{"x", 60, 560, "p-a"}, {"y", 300, 400, "p-b"}}},
      {"a dependency's finish, then the worker's cursor",
       {{Down("x", 200), with(Down("y", 60), [](PlanSystem& s) { s.depends_on = {"x"}; })}, {a}},
       {{"x", 60, 260, "p-a"}, {"y", 260, 320, "p-a"}}},
  };
  for (const Case& c : cases) {
    Plan plan = PlanRecovery(c.in);
    EXPECT_THAT(CheckPlan(c.in, plan), IsEmpty()) << c.name << "\n"
                                                  << Describe(CheckPlan(c.in, plan));
    for (const Expect& e : c.expect) {
      const PlannedSystem* p = Planned(plan, e.id);
      ASSERT_NE(p, nullptr) << c.name << ": " << e.id;
      EXPECT_EQ(p->start, e.start) << c.name << ": " << e.id;
      EXPECT_EQ(p->finish, e.finish) << c.name << ": " << e.id;
      EXPECT_EQ(p->worker, e.worker) << c.name << ": " << e.id;
    }
  }
}

TEST(RecoveryPlanTest, OrderIsTierThenBoostThenPowerAndNetwork) {
  auto sys = [](std::string id, Tier tier, SystemCategory category, bool cs, bool pd) {
    PlanSystem s = Down(std::move(id), 30);
    s.tier = tier;
    s.category = category;
    s.customer_service = cs;
    s.product_development = pd;
    return s;
  };
  constexpr auto kApp = SystemCategory::kApplication;
  struct Case {
    const char* name;
    std::vector<PlanSystem> systems;
    std::vector<std::string> order;
  };
  const Case cases[] = {
      {"a before b before c",
       {sys("c", Tier::kC, kApp, false, false), sys("b", Tier::kB, kApp, false, false),
        sys("a", Tier::kA, kApp, false, false)},
       {"a", "b", "c"}},
      {"customer service and product development count the same",
       {sys("plain", Tier::kB, kApp, false, false), sys("pd", Tier::kB, kApp, false, true),
        sys("both", Tier::kB, kApp, true, true), sys("cs", Tier::kB, kApp, true, false)},
       {"pd", "both", "cs", "plain"}},
      {"a boost does not jump a tier",
       {sys("b-cs", Tier::kB, kApp, true, false), sys("a", Tier::kA, kApp, false, false)},
       {"a", "b-cs"}},
      {"power, then network, then others",
       {sys("app", Tier::kA, kApp, false, false),
        sys("net", Tier::kA, SystemCategory::kNetwork, false, false),
        sys("power", Tier::kA, SystemCategory::kPower, false, false)},
       {"power", "net", "app"}},
      {"a boost before power within a tier",
       {sys("power", Tier::kB, SystemCategory::kPower, false, false),
        sys("cs", Tier::kB, kApp, true, false)},
       {"cs", "power"}},
      {"never before what it depends on",
       {[&] {
          PlanSystem s = sys("a", Tier::kA, kApp, false, false);
          s.depends_on = {"c"};
          return s;
        }(),
        sys("b", Tier::kB, kApp, false, false), sys("c", Tier::kC, kApp, false, false)},
       {"b", "c", "a"}},
  };
  for (const Case& c : cases) {
    PlanInput in{.systems = c.systems,
                 .workers = {{.person = "p", .skills = {"server"}, .windows = OfficeHours(1)}}};
    Plan plan = PlanRecovery(in);
    EXPECT_THAT(CheckPlan(in, plan), IsEmpty()) << c.name << "\n" << Describe(CheckPlan(in, plan));
    std::vector<std::string> order;
    for (const PlannedSystem& p : plan.planned) order.push_back(p.id);
    EXPECT_EQ(order, c.order) << c.name;
  }
}

TEST(RecoveryPlanTest, RtoIsMetWhenTheSystemIsBackInTime) {
  auto rto = [](std::string id, PlanMinutes deadline) {
    PlanSystem s = Down(std::move(id), 60);
    s.rto_deadline = deadline;
    return s;
  };
  PlanInput in{
      .systems = {rto("in-time", 120), rto("late", 150), rto("passed", -10), Down("none", 60)},
      .workers = {{.person = "p", .skills = {"server"}, .windows = OfficeHours(1)}}};
  Plan plan = PlanRecovery(in);
  EXPECT_THAT(CheckPlan(in, plan), IsEmpty()) << Describe(CheckPlan(in, plan));
  EXPECT_TRUE(Planned(plan, "in-time")->rto_met);  // 60-120
  EXPECT_FALSE(Planned(plan, "late")->rto_met);    // 120-180
  EXPECT_FALSE(Planned(plan, "passed")->rto_met);
  EXPECT_TRUE(Planned(plan, "none")->rto_met);
}

// Random organizations: the plan always passes the independent check, and over the run every
// reason occurs, so the check is not passing vacuously.
PlanInput RandomOrganization(std::mt19937& rng) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  auto skill = [](int k) { return "s" + std::to_string(k); };
  PlanInput in;
  int n = pick(50, 300);
  for (int i = 0; i < n; ++i) {
    PlanSystem s{.id = "sys-" + std::to_string(i)};
    s.tier = static_cast<Tier>(pick(0, 2));
    int category = pick(0, 9);
    s.category = category == 0   ? SystemCategory::kPower
                 : category == 1 ? SystemCategory::kNetwork
                                 : SystemCategory::kApplication;
    s.customer_service = pick(0, 5) == 0;
    s.product_development = pick(0, 7) == 0;
    int status = pick(0, 9);
    s.status = status == 0   ? SurveyStatus::kOk
               : status == 1 ? SurveyStatus::kDegraded
               : status == 2 ? SurveyStatus::kUnknown
                             : SurveyStatus::kDown;
    int kind = pick(0, 29);
    if (kind == 0) {
      // no estimate
    } else if (kind < 3) {
      s.external_eta = pick(-60, 3000);
    } else {
      s.effort = pick(10, 700);
    }
    int skills = pick(0, 2);
    for (int k = 0; k < skills; ++k) s.skills.push_back(skill(pick(0, 7)));
    int deps = pick(0, 3);
    for (int k = 0; k < deps && i > 0; ++k) {
      int roll = pick(0, 99);
      if (roll == 0) {
        s.depends_on.push_back("ghost-" + std::to_string(pick(0, 3)));
      } else if (roll < 3) {
        s.depends_on.push_back("sys-" + std::to_string(pick(0, n - 1)));  // may close a cycle
      } else {
        s.depends_on.push_back("sys-" + std::to_string(pick(std::max(0, i - 30), i - 1)));
      }
    }
    if (pick(0, 4) == 0) s.earliest_start = pick(-100, 2000);
    if (pick(0, 2) == 0) s.rto_deadline = pick(-100, 5000);
    in.systems.push_back(std::move(s));
  }
  int workers = pick(2, 25);
  for (int w = 0; w < workers; ++w) {
    PlanWorker worker{.person = "p" + std::to_string(w)};
    int skills = pick(1, 4);
    for (int k = 0; k < skills; ++k) worker.skills.push_back(skill(pick(0, 6)));  // s7: nobody
    PlanMinutes t = pick(-200, 300);
    int windows = pick(0, 6);
    for (int k = 0; k < windows; ++k) {
      PlanMinutes from = t + pick(0, 600);
      PlanMinutes to = from + pick(1, 600);
      worker.windows.push_back({from, to});
      t = to;
    }
    in.workers.push_back(std::move(worker));
  }
  return in;
}

TEST(RecoveryPlanTest, RandomOrganizationsPassTheCheck) {
  std::mt19937 rng(12);
  std::set<std::string> reasons;
  std::size_t planned = 0;
  for (int round = 0; round < 200; ++round) {
    PlanInput in = RandomOrganization(rng);
    Plan plan = PlanRecovery(in);
    auto problems = CheckPlan(in, plan);
    ASSERT_THAT(problems, IsEmpty()) << "round " << round << "\n" << Describe(problems);
    EXPECT_EQ(PlanRecovery(in), plan) << "round " << round << ": not deterministic";
    for (const UnplannedSystem& u : plan.unplanned) reasons.insert(u.reason);
    planned += plan.planned.size();
  }
  EXPECT_THAT(reasons, ElementsAre("plan.dependency_cycle", "plan.dependency_unplanned",
                                   "plan.no_estimate", "plan.no_skill", "plan.no_time",
                                   "plan.power_not_restored", "plan.unknown_dependency"));
  EXPECT_GT(planned, 2000u);
}

// The check catches broken plans: each mutation of a valid plan is reported under its rule.
TEST(PlanCheckTest, CatchesEachKindOfBrokenPlan) {
  PlanInput in = Earthquake();
  const Plan good = PlanRecovery(in);
  ASSERT_THAT(CheckPlan(in, good), IsEmpty());
  auto at = [](Plan& plan, const std::string& id) -> PlannedSystem& {
    for (PlannedSystem& p : plan.planned) {
      if (p.id == id) return p;
    }
    throw std::runtime_error("no " + id);
  };
  auto unplanned = [](Plan& plan, const std::string& id) -> UnplannedSystem& {
    for (UnplannedSystem& u : plan.unplanned) {
      if (u.id == id) return u;
    }
    throw std::runtime_error("no " + id);
  };
  struct Case {
    const char* name;
    std::function<void(Plan&)> mutate;
    const char* rule;
  };
  const Case cases[] = {
      {"a dependent placed before its dependency",
       [&](Plan& p) { std::swap(at(p, "core-network").order, at(p, "directory").order); },
       "dependency_order"},
      {"a dependent started before its dependency is back",
       [&](Plan& p) {
         PlannedSystem& d = at(p, "directory");
         d.work = {{300, 390}};
         d.start = 300;
         d.finish = 390;
       },
       "dependency_order"},
      {"one person in two places",
       [&](Plan& p) {
         PlannedSystem& f = at(p, "file-server");
         f.worker = "p-kato";  // busy on the ERP until 1800
       },
       "double_booked"},
      {"work outside the person's hours",
       [&](Plan& p) {
         PlannedSystem& f = at(p, "file-server");
         f.work = {{2000, 2060}};  // 2000 is 17:20 on day 2; the day ends at 2040
         f.start = 2000;
         f.finish = 2060;
       },
       "outside_window"},
      {"a worker without the skill",
       [&](Plan& p) {
         PlannedSystem& n = at(p, "core-network");
         n.worker = "p-kato";
       },
       "skill"},
      {"a lower tier ahead of a ready higher one",
       [&](Plan& p) { std::swap(at(p, "web-shop").order, at(p, "erp").order); }, "tier_order"},
      {"planned systems out of order",
       [&](Plan& p) {
         std::swap(p.planned[5], p.planned[6]);  // erp and file-server, orders kept
       },
       "order"},
      {"a system left out", [&](Plan& p) { p.planned.pop_back(); }, "missing"},
      {"a system planned twice",
       [&](Plan& p) {
         p.unplanned.push_back({"file-server", "plan.no_time", {}});
       },
       "duplicate"},
      {"a running system restored",
       [&](Plan& p) {
         p.unplanned.push_back({"mail", "plan.no_estimate", {}});
       },
       "running"},
      {"less work than the estimate",
       [&](Plan& p) {
         PlannedSystem& f = at(p, "file-server");
         f.work = {{1740, 1770}};
         f.finish = 1770;
       },
       "effort"},
      {"start and finish not the work's", [&](Plan& p) { at(p, "file-server").finish = 1900; },
       "bounds"},
      {"started before the part arrives",
       [&](Plan& p) {
         PlannedSystem& f = at(p, "file-server");
         f.work = {{-60, 0}};
         f.start = -60;
         f.finish = 0;
       },
       "earliest_start"},
      {"RTO claimed met", [&](Plan& p) { at(p, "web-shop").rto_met = true; }, "rto"},
      {"power back before its eta", [&](Plan& p) { at(p, "utility-power").finish = 0; },
       "external"},
      {"no skill claimed while someone has it",
       [&](Plan& p) { unplanned(p, "generator").because = {"server"}; }, "reason"},
      {"no skill for a system someone can do",
       [&](Plan& p) {
         std::erase_if(p.planned, [](const PlannedSystem& s) { return s.id == "file-server"; });
         p.unplanned.push_back({"file-server", "plan.no_skill", {"server"}});
       },
       "reason"},
      {"no time while someone has time",
       [&](Plan& p) {
         std::erase_if(p.planned, [](const PlannedSystem& s) { return s.id == "file-server"; });
         p.unplanned.push_back({"file-server", "plan.no_time", {}});
       },
       "reason"},
      {"power blamed for a system that has power",
       [&](Plan& p) { unplanned(p, "pbx").reason = "plan.power_not_restored"; }, "reason"},
      {"an unknown worker", [&](Plan& p) { at(p, "erp").worker = "p-nobody"; }, "worker"},
  };
  for (const Case& c : cases) {
    Plan plan = good;
    c.mutate(plan);
    auto problems = CheckPlan(in, plan);
    EXPECT_THAT(Rules(problems), ::testing::Contains(c.rule)) << c.name << "\n"
                                                              << Describe(problems);
  }
}

}  // namespace
}  // namespace sokuo::core
