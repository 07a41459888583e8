// The recovery planner at the size of a large group after a wide-area disaster: 10,000 systems
// with 30,000 dependencies and 1,000 staff, generated deterministically. Goal: under 200 ms on
// one core. Results and the command to rerun them are in docs/performance.md.
#include <random>

#include <benchmark/benchmark.h>

#include "core/recovery_plan.h"

namespace sokuo {
namespace {

using core::PlanInput;
using core::PlanMinutes;

// Systems depend only on earlier ones (the organization rules reject cycles); about one in ten is
// tier a, three in ten tier b; the first fifty are power, the next two hundred network; one in
// twenty is running. Each worker has 3-6 of 30 skills and works 9:00-18:00 for 30 days.
PlanInput LargeOrganization(int systems, int dependencies, int workers) {
  std::mt19937 rng(20261127);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  constexpr int kSkills = 30;
  auto skill = [](int k) { return "skill-" + std::to_string(k); };
  PlanInput in;
  in.systems.reserve(static_cast<std::size_t>(systems));
  for (int i = 0; i < systems; ++i) {
    core::PlanSystem s;
    s.id = "sys-" + std::to_string(i);
    int t = pick(0, 9);
    s.tier = t == 0 ? core::Tier::kA : t <= 3 ? core::Tier::kB : core::Tier::kC;
    s.category = i < 50    ? core::SystemCategory::kPower
                 : i < 250 ? core::SystemCategory::kNetwork
                           : core::SystemCategory::kApplication;
    s.customer_service = pick(0, 9) == 0;
    s.product_development = pick(0, 19) == 0;
    int status = pick(0, 19);
    s.status = status == 0   ? core::SurveyStatus::kOk
               : status == 1 ? core::SurveyStatus::kUnknown
                             : core::SurveyStatus::kDown;
    // Half the power comes back from the utility. Systems without an estimate sit among the
    // last thousand, so that what cannot be planned stays a small part of the plan.
    if (i < 50 && i % 2 == 0) {
      s.external_eta = pick(60, 24 * 60);
    } else if (i < systems - 1000 || pick(0, 19) != 0) {
      s.effort = pick(30, 480);
    }
    s.skills.push_back(skill(pick(0, kSkills - 1)));
    if (pick(0, 2) == 0) s.skills.push_back(skill(pick(0, kSkills - 1)));
    if (pick(0, 9) == 0) s.earliest_start = pick(0, 3 * 24 * 60);
    if (s.tier != core::Tier::kC) s.rto_deadline = pick(4, 72) * 60;
    in.systems.push_back(std::move(s));
  }
  for (int e = 0; e < dependencies; ++e) {
    int i = pick(1, systems - 1);
    int d = pick(std::max(0, i - 3000), i - 1);
    in.systems[static_cast<std::size_t>(i)].depends_on.push_back(
        in.systems[static_cast<std::size_t>(d)].id);
  }
  in.workers.reserve(static_cast<std::size_t>(workers));
  for (int w = 0; w < workers; ++w) {
    core::PlanWorker worker{.person = "p-" + std::to_string(w)};
    int n = pick(3, 6);
    for (int k = 0; k < n; ++k) worker.skills.push_back(skill(pick(0, kSkills - 1)));
    for (PlanMinutes day = 0; day < 30; ++day) {
      worker.windows.push_back({day * 1440 + 60, day * 1440 + 600});
    }
    in.workers.push_back(std::move(worker));
  }
  return in;
}

void BM_PlanRecovery(benchmark::State& state) {
  PlanInput in = LargeOrganization(10'000, 30'000, 1'000);
  std::size_t planned = 0;
  for (auto _ : state) {
    core::Plan plan = core::PlanRecovery(in);
    planned = plan.planned.size();
    benchmark::DoNotOptimize(plan);
  }
  state.counters["planned"] = static_cast<double>(planned);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(in.systems.size()));
}
BENCHMARK(BM_PlanRecovery)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sokuo
