// Detection on one core: decoding alone, and decoding plus the shipped rules (the prefilter, the
// rules it lets through and the correlation windows), over the auth log kept in the repository
// (tests/golden/detect/logs/auth.log: every kind of auth event), repeated. Items are lines.
// The side-by-side comparison with sshguard and fail2ban on a real log is bench/detect-bench;
// both are in docs/performance.md. Live ingestion adds storing what the rules found: alerts in
// SQLite, and the policy's incidents and evidence.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <benchmark/benchmark.h>

#include "app/log_stream.h"
#include "app_fixture.h"
#include "detect/decode.h"

namespace sokuo {
namespace {

std::vector<std::string> AuthLines() {
  std::ifstream in(std::string(SOKUO_SOURCE_DIR) + "/tests/golden/detect/logs/auth.log");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

void BM_DecodeAuthLog(benchmark::State& state) {
  std::vector<std::string> lines = AuthLines();
  detect::DecodeOptions options;
  options.year = 2026;
  detect::Decoder decoder(options);
  detect::Event event;
  for (auto _ : state) {
    for (const std::string& line : lines) {
      decoder.Decode(line, event);
      benchmark::DoNotOptimize(event.fields().size());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(lines.size()));
}
BENCHMARK(BM_DecodeAuthLog);

void BM_HuntAuthLog(benchmark::State& state) {
  std::vector<std::string> lines = AuthLines();
  std::vector<app::RuleSource> sources = app::BuiltinRules();
  app::LoadedRules rules = app::LoadRules(sources, {});
  app::LogStream stream(rules.set);
  detect::DecodeOptions options;
  options.year = 2026;
  stream.Begin(options);
  std::vector<detect::Detection> found;
  size_t detections = 0;
  for (auto _ : state) {
    for (const std::string& line : lines) {
      found.clear();
      stream.Feed(line, found);
      detections += found.size();
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(lines.size()));
  state.counters["rules"] = static_cast<double>(rules.set->rules().size());
  state.counters["evaluated_per_line"] =
      static_cast<double>(stream.matcher().stats().evaluated) / static_cast<double>(stream.lines());
  benchmark::DoNotOptimize(detections);
}
BENCHMARK(BM_HuntAuthLog);

// Live ingestion end to end, as the server's loop runs it: batches of 4,096 lines through the
// rules, and what they found stored in one transaction per batch (alerts, their lines, the
// journal) with the policy joining its incidents. The log's attacks repeat batch after batch,
// as a long attack does: after the first, detections count on the open alerts.
void BM_IngestAuthLogIntoAlerts(benchmark::State& state) {
  bench::Fixture f;
  f.clock.Advance(std::chrono::hours(48));  // the log's lines are of 27 November
  f.app.detection().Configure(app::LoadRules(app::BuiltinRules(), {}), {});
  std::vector<std::string> lines = AuthLines();
  std::vector<app::IngestLine> batch;
  while (batch.size() < 4096) {
    for (const std::string& line : lines) {
      batch.push_back({line, "syslog:192.0.2.5", detect::Format::kSyslog, f.clock.Now()});
    }
  }
  for (auto _ : state) {
    if (auto r = f.app.detection().Process(batch); !r) {
      state.SkipWithError(r.error().ToString(Lang::kEn).c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(batch.size()));
  auto counters = f.app.detection().Counters(app::Actor{"bench", core::Operator()});
  if (counters) {
    state.counters["detections_per_batch"] =
        static_cast<double>(counters->detections) / static_cast<double>(state.iterations());
    state.counters["alerts"] = static_cast<double>(counters->alerts);
  }
}
BENCHMARK(BM_IngestAuthLogIntoAlerts)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sokuo
