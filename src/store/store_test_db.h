// The databases that the store tests run against (tests only): a fresh SQLite file in a
// temporary directory, or a fresh schema in the PostgreSQL cluster that CTest starts for the
// tests (scripts/test-postgres; the fixture "postgres" sets SOKUO_TEST_POSTGRES_DIR). A test
// with PostgreSQL skips, saying why, when no cluster is there; SOKUO_TEST_POSTGRES (a libpq
// connection string) names another server to use instead.
#pragma once

#include <memory>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "core/organization.h"
#include "store/store.h"

namespace sokuo::store {

enum class Engine { kSqlite, kPostgres };

// "Sqlite" or "Postgres", for INSTANTIATE_TEST_SUITE_P.
std::string EngineName(const ::testing::TestParamInfo<Engine>& info);

struct TestStoreOptions {
  int64_t checkpoint_every = 1000;
  size_t verify_run_bytes = size_t{16} << 20;
};

// Imports `org` as `actor` in one journaled write (none when nothing changed).
Result<void> ImportOrganization(Store& store, const core::Organization& org,
                                const std::string& actor = "test");

class TestDatabase {
 public:
  // A fresh, empty database; nullptr with `why` set when `engine` cannot run here.
  static std::unique_ptr<TestDatabase> Make(Engine engine, std::string& why);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // A store over the database (another one each call: as a second process would open it).
  Result<std::unique_ptr<Store>> Open(const TestStoreOptions& options = {}) const;
  // Runs SQL on the database outside sokuo, as someone with sqlite3 or psql would.
  [[nodiscard]] Result<void> Exec(const std::string& sql) const;
  Engine engine() const { return engine_; }
  // PostgreSQL: the connection string of the database (its schema), and the application_name
  // its connections give (to find them in pg_stat_activity).
  const std::string& conninfo() const { return location_; }
  const std::string& application_name() const { return schema_; }

 private:
  TestDatabase(Engine engine, std::string location)
      : engine_(engine), location_(std::move(location)) {}
  Engine engine_;
  std::string location_;  // the SQLite file, or the libpq connection string of the schema
  std::string dir_;       // SQLite: the temporary directory
  std::string schema_;    // PostgreSQL: the schema, dropped at the end
  std::string server_;    // PostgreSQL: the connection string of the server
};

// A fresh database of `engine` in `db`, opened in `store`; what keeps it from running here
// ("" when it runs), for the test to skip with. A failure to open is the test's failure.
inline std::string OpenFresh(Engine engine, std::unique_ptr<TestDatabase>& db,
                             std::unique_ptr<Store>& store) {
  std::string why;
  db = TestDatabase::Make(engine, why);
  if (!db) return why;
  auto s = db->Open();
  EXPECT_TRUE(s) << s.error().ToString();
  if (s) store = std::move(*s);
  return "";
}

// A test over a fresh database of the engine it is given: `store_` opened on `db_`; skips,
// saying why, when the engine cannot run here.
class EngineTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (std::string why = OpenFresh(GetParam(), db_, store_); !why.empty()) GTEST_SKIP() << why;
    ASSERT_TRUE(store_);
  }
  void TearDown() override {
    store_.reset();
    db_.reset();
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Store> store_;
};

}  // namespace sokuo::store
