// Costs of the incident path and of accounts: reporting (one transaction with the outbox and the
// journal, fsync at commit), adding a record to a large incident (only the record is written),
// listing with need-to-know, and hashing a password at the production cost.
#include <benchmark/benchmark.h>

#include "app_fixture.h"
#include "platform/sodium.h"

namespace sokuo {
namespace {

using bench::Fixture;

void BM_ReportIncident(benchmark::State& state) {
  Fixture f;
  for (auto _ : state) {
    auto r = f.app.incidents().Report({.title = "不審なログイン", .systems = {"order-system"}},
                                      {"p-takahashi"});
    if (!r) state.SkipWithError(r.error().message.c_str());
  }
}
BENCHMARK(BM_ReportIncident)->Unit(benchmark::kMillisecond);

// Adding a task to an incident that already has N tasks.
void BM_AddTaskToLargeIncident(benchmark::State& state) {
  Fixture f;
  std::string key = f.app.incidents().Report({.title = "大規模"}, {"p-takahashi"})->incident.key;
  for (int64_t i = 0; i < state.range(0); ++i) {
    (void)f.app.incidents().AddTask(key, {.kind = core::TaskKind::kOther, .title = "t"},
                                    {"p-fujita"});
  }
  for (auto _ : state) {
    auto r = f.app.incidents().AddTask(key, {.kind = core::TaskKind::kOther, .title = "t"},
                                       {"p-fujita"});
    if (!r) state.SkipWithError(r.error().message.c_str());
  }
}
BENCHMARK(BM_AddTaskToLargeIncident)->Arg(10)->Arg(500)->Unit(benchmark::kMillisecond);

// One page of the incident list as a department member (need-to-know on every incident).
void BM_ListIncidents(benchmark::State& state) {
  Fixture f;
  for (int64_t i = 0; i < state.range(0); ++i) {
    (void)f.app.incidents().Report({.title = "x", .restricted = i % 3 == 0},
                                   {i % 2 ? "p-takahashi" : "p-okamoto"});
  }
  auto org = **f.app.organization().Current();
  app::Actor member{"p-ueda", {"p-ueda", core::DeriveRoles(org, "p-ueda", {}), false}};
  for (auto _ : state) {
    auto page = f.app.incidents().List({}, {0, 50}, member);
    if (!page) state.SkipWithError(page.error().message.c_str());
  }
}
BENCHMARK(BM_ListIncidents)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_PasswordHashInteractive(benchmark::State& state) {
  if (!platform::InitSodium()) state.SkipWithError("libsodium");
  platform::HashTurns turns(1);
  platform::Argon2Hasher hasher(platform::PasswordCost::kInteractive, turns);
  for (auto _ : state) benchmark::DoNotOptimize(hasher.Hash("correct horse battery staple"));
}
BENCHMARK(BM_PasswordHashInteractive)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sokuo
