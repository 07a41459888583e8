// What the application benchmarks share: the example company in a fresh SQLite file, on a fake
// clock, with an evidence vault in the same temporary directory.
#pragma once

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "app/app.h"
#include "base/temp_dir.h"
#include "platform/file_blob_store.h"
#include "store/sqlite/sqlite_store.h"

namespace sokuo::bench {

inline std::string ExampleOrg() {
  std::ifstream in(std::string(SOKUO_SOURCE_DIR) + "/examples/org.yaml");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Fixture {
  TempDir dir{"bench"};
  FakeClock clock{*ParseRfc3339("2026-11-26T00:00:00Z")};
  std::unique_ptr<store::SqliteStore> store =
      std::move(*store::SqliteStore::Open({.path = dir.File("sokuo.db")}));
  platform::FileBlobStore vault{dir.File("evidence")};
  app::App app{*store, clock, &vault};
  Fixture() { (void)app.organization().Import(ExampleOrg(), "org.yaml", {"bench"}); }
};

}  // namespace sokuo::bench
