// Costs of the organization path on the example company: parsing and validating the file,
// importing it into a fresh SQLite store, and verifying the journal. Results and the command
// to rerun them are in docs/performance.md.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <benchmark/benchmark.h>

#include "app/app.h"
#include "orgfile/org_file.h"
#include "store/org_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace sokuo {
namespace {

std::string ExampleText() {
  std::ifstream in(std::string(SOKUO_SOURCE_DIR) + "/examples/org.yaml");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void BM_ParseOrgFile(benchmark::State& state) {
  std::string text = ExampleText();
  for (auto _ : state) {
    auto org = orgfile::Parse(text, "org.yaml");
    benchmark::DoNotOptimize(org);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ParseOrgFile);

std::string FreshDb(const char* name) {
  std::string path = std::filesystem::temp_directory_path() /
                     ("sokuo-bench-" + std::to_string(::getpid()) + "-" + name + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return path;
}

// Import into an empty database: every row written, one journal entry, fsync at commit.
void BM_ImportIntoEmptyStore(benchmark::State& state) {
  std::string text = ExampleText();
  FakeClock clock(*ParseRfc3339("2026-11-26T00:00:00Z"));
  for (auto _ : state) {
    state.PauseTiming();
    std::string path = FreshDb("import");
    auto store = std::move(*store::SqliteStore::Open({.path = path}));
    app::App app(*store, clock);
    state.ResumeTiming();
    auto r = app.organization().Import(text, "org.yaml", {"bench"});
    if (!r) state.SkipWithError(r.error().message.c_str());
  }
}
BENCHMARK(BM_ImportIntoEmptyStore)->Unit(benchmark::kMillisecond);

// Reading the organization back, as every API read does.
void BM_LoadOrganization(benchmark::State& state) {
  std::string path = FreshDb("load");
  auto store = std::move(*store::SqliteStore::Open({.path = path}));
  FakeClock clock(*ParseRfc3339("2026-11-26T00:00:00Z"));
  app::App app(*store, clock);
  (void)app.organization().Import(ExampleText(), "org.yaml", {"bench"});
  for (auto _ : state) {
    auto org = store::LoadOrganization(*store);
    benchmark::DoNotOptimize(org);
  }
}
BENCHMARK(BM_LoadOrganization)->Unit(benchmark::kMicrosecond);

// Verifying a journal of N re-imports, each changing one person.
void BM_VerifyJournal(benchmark::State& state) {
  std::string path = FreshDb("verify");
  auto store = std::move(*store::SqliteStore::Open({.path = path}));
  FakeClock clock(*ParseRfc3339("2026-11-26T00:00:00Z"));
  app::App app(*store, clock);
  std::string text = ExampleText();
  (void)app.organization().Import(text, "org.yaml", {"bench"});
  auto org = *orgfile::Parse(text, "org.yaml");
  for (int64_t i = 1; i < state.range(0); ++i) {
    org.people[0].title = "rev " + std::to_string(i);
    (void)app.organization().Import(orgfile::Emit(org), "org.yaml", {"bench"});
  }
  for (auto _ : state) {
    auto report = store->Verify();
    if (!report || !report->ok()) state.SkipWithError("verify failed");
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_VerifyJournal)->Arg(10)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sokuo
