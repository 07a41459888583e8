// Detection on one core: decoding alone, and decoding plus the shipped rules (the prefilter, the
// rules it lets through and the correlation windows), over the auth log kept in the repository
// (tests/golden/detect/logs/auth.log: every kind of auth event), repeated. Items are lines.
// The side-by-side comparison with sshguard and fail2ban on a real log is bench/detect-bench;
// both are in docs/performance.md.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <benchmark/benchmark.h>

#include "app/log_stream.h"
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

}  // namespace
}  // namespace sokuo
