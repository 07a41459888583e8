// The default Store: one SQLite file, WAL mode, synchronous=FULL (a write acknowledged to a user
// is on disk), foreign keys on, a busy timeout so that the CLI and a running server can share
// the file. Schema changes are numbered migrations compiled in and applied by Open().
//
// Thread-safety: one connection, guarded by a mutex; every public method holds it for its whole
// duration, so transactions never interleave. Reads are small (an organization is hundreds of
// rows); a connection pool can come when measurements ask for it.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "store/store.h"

struct sqlite3;

namespace sokuo::store {

class SqliteConnection;

struct SqliteOptions {
  std::string path;  // the database file; created when missing
  int busy_timeout_ms = 5000;
};

class SqliteStore final : public Store {
 public:
  [[nodiscard]] static Result<std::unique_ptr<SqliteStore>> Open(const SqliteOptions& options);
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  Result<void> Write(const std::function<Result<void>(Tx&)>& work) override;
  Result<Table> Read(const std::string& table) override;
  Result<Table> ReadWhere(const std::string& table, const std::string& column,
                          const Row& value) override;
  Result<std::vector<JournalEntry>> ReadJournal(const JournalQuery& q) override;
  Result<JournalHead> Head() override;
  Result<VerifyReport> Verify() override;

  int SchemaVersion();

 private:
  explicit SqliteStore(sqlite3* db);
  Result<void> Migrate();

  std::mutex mu_;
  sqlite3* db_;                             // guarded by mu_
  std::unique_ptr<SqliteConnection> conn_;  // db_ and its prepared statements; guarded by mu_
};

// The numbered migrations, in order; exposed for tests.
struct Migration {
  int version;
  const char* name;
  const char* sql;
};
const std::vector<Migration>& Migrations();

}  // namespace sokuo::store
