#include "store/store_test_db.h"

#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <pqxx/pqxx>

#include "store/org_rows.h"
#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"

namespace sokuo::store {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// The test cluster's connection string, or "" with `why`.
std::string PostgresServer(std::string& why) {
  if (const char* given = std::getenv("SOKUO_TEST_POSTGRES"); given != nullptr && *given) {
    return given;
  }
  const char* dir = std::getenv("SOKUO_TEST_POSTGRES_DIR");
  if (dir == nullptr || *dir == '\0') {
    why =
        "no PostgreSQL for the tests: run them with ctest, which starts one "
        "(scripts/test-postgres), or set SOKUO_TEST_POSTGRES";
    return "";
  }
  std::string skip = Slurp(std::string(dir) + "/skip");
  if (!skip.empty()) {
    why = skip;
    return "";
  }
  std::string conninfo = Slurp(std::string(dir) + "/conninfo");
  if (conninfo.empty()) why = std::string("the test cluster at ") + dir + " did not start";
  return conninfo;
}

std::atomic<int> next_database{0};

}  // namespace

// libpqxx 6.4 does not free the result of a BEGIN that found the connection broken (216 bytes
// per broken connection, store/postgres ABrokenConnectionIsOpenedAgain): LeakSanitizer is told
// to leave libpqxx's own allocations alone in these tests.
extern "C" const char* __lsan_default_suppressions() { return "leak:libpqxx-6.4.so\n"; }

Result<void> ImportOrganization(Store& store, const core::Organization& org,
                                const std::string& actor) {
  return store.Write([&](Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(auto changes, ReplaceOrganization(tx, org));
    if (changes.empty()) return {};
    TRY(tx.Append({.at = *ParseRfc3339("2026-11-26T00:00:00Z"),
                   .actor = actor,
                   .action = "org.import",
                   .subject = "org"}));
    return {};
  });
}

std::string EngineName(const ::testing::TestParamInfo<Engine>& info) {
  return info.param == Engine::kSqlite ? "Sqlite" : "Postgres";
}

std::unique_ptr<TestDatabase> TestDatabase::Make(Engine engine, std::string& why) {
  int n = next_database++;
  if (engine == Engine::kSqlite) {
    auto dir = std::filesystem::temp_directory_path() /
               ("sokuo-store-" + std::to_string(::getpid()) + "-" + std::to_string(n));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::unique_ptr<TestDatabase> db(new TestDatabase(engine, (dir / "sokuo.db").string()));
    db->dir_ = dir.string();
    return db;
  }
  std::string server = PostgresServer(why);
  if (server.empty()) return nullptr;
  std::string schema = "t" + std::to_string(::getpid()) + "_" + std::to_string(n) + "_" +
                       std::to_string(std::random_device()() % 100000);
  try {
    pqxx::connection conn(server);
    pqxx::nontransaction t(conn);
    t.exec("CREATE SCHEMA " + schema);
  } catch (const std::exception& e) {
    why = std::string("cannot reach the PostgreSQL for the tests: ") + e.what();
    return nullptr;
  }
  std::unique_ptr<TestDatabase> db(new TestDatabase(
      engine, server + " application_name=" + schema + " options='-c search_path=" + schema + "'"));
  db->schema_ = schema;
  db->server_ = server;
  return db;
}

TestDatabase::~TestDatabase() {
  if (!dir_.empty()) std::filesystem::remove_all(dir_);
  if (!schema_.empty()) {
    try {
      pqxx::connection conn(server_);
      pqxx::nontransaction t(conn);
      t.exec("DROP SCHEMA " + schema_ + " CASCADE");
    } catch (const std::exception&) {  // the cluster goes at the end of the run anyway
    }
  }
}

Result<std::unique_ptr<Store>> TestDatabase::Open(const TestStoreOptions& options) const {
  if (engine_ == Engine::kSqlite) {
    ASSIGN_OR_RETURN(auto s, SqliteStore::Open({.path = location_,
                                                .checkpoint_every = options.checkpoint_every,
                                                .verify_run_bytes = options.verify_run_bytes}));
    return std::unique_ptr<Store>(std::move(s));
  }
  ASSIGN_OR_RETURN(auto s, PostgresStore::Open({.conninfo = location_,
                                                .checkpoint_every = options.checkpoint_every,
                                                .verify_run_bytes = options.verify_run_bytes}));
  return std::unique_ptr<Store>(std::move(s));
}

Result<void> TestDatabase::Exec(const std::string& sql) const {
  if (engine_ == Engine::kSqlite) {
    sqlite3* db = nullptr;
    int rc = sqlite3_open(location_.c_str(), &db);
    char* err = nullptr;
    if (rc == SQLITE_OK) rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    std::string text = err != nullptr ? err : (rc == SQLITE_OK ? "" : sqlite3_errmsg(db));
    sqlite3_free(err);
    sqlite3_close(db);
    if (rc != SQLITE_OK)
      return Fail(ErrorCode::kStorage, Msg("store.sql_failed", {{"step", "exec"}, {"text", text}}));
    return {};
  }
  try {
    pqxx::connection conn(location_);
    pqxx::nontransaction t(conn);
    // As a superuser can, past the foreign keys (SQLite's shell checks none unless asked).
    t.exec("SET session_replication_role = replica");
    t.exec(sql);
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kStorage,
                Msg("store.sql_failed", {{"step", "exec"}, {"text", e.what()}}));
  }
  return {};
}

}  // namespace sokuo::store
