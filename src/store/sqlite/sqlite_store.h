// The default Store: one SQLite file, WAL mode, synchronous=FULL (a write acknowledged to a user
// is on disk), foreign keys on. Schema changes are numbered migrations compiled in and applied by
// Open(). The file is created private (0600; SQLite gives its -wal and -shm files the same mode).
//
// Writers from several processes (the server and the CLI) take turns: a write transaction starts
// with BEGIN IMMEDIATE, for which SQLite waits up to the busy timeout; when SQLite still reports
// the database busy or locked (it does so at once in some cases, e.g. while another process
// opens or checkpoints the WAL), the statement is tried again after a pause of 1 ms that doubles
// up to 50 ms, for at most `busy_retry_ms` from the first try. Only statements that leave
// nothing half done are tried again (BEGIN, COMMIT, the opening pragmas, reads): the work of a
// transaction runs once. What remains busy is ErrorCode::kUnavailable with the message
// store.busy; SQLite's own text goes only into Error::message (for logs).
//
// Thread-safety: two connections, each guarded by its mutex. Writes (and migrations) use the
// first; reads (Read, ReadWhere, ReadJournal, Head, Verify) the second, so that a read never
// waits for a commit's fsync: in WAL mode a reader sees the last commit made before its statement
// began, and never blocks a writer.
//
// Group commit (write_batcher.h): writes that arrive while another commits wait and then go
// together, each in a savepoint of one transaction with one COMMIT (and one fsync).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "store/change_signal.h"
#include "store/head_cache.h"
#include "store/migrations.h"
#include "store/store.h"
#include "store/write_batcher.h"

struct sqlite3;
struct sqlite3_stmt;

namespace sokuo::store {

class SqliteConnection;

struct SqliteOptions {
  std::string path;            // the database file; created (mode 0600) when missing
  int busy_timeout_ms = 5000;  // how long SQLite itself waits for another writer, per attempt
  int busy_retry_ms = 2000;    // how long sokuo tries again while SQLite still reports busy
  // Head() answers from memory when it read the head less than this long ago (0: always reads),
  // and past that while SQLite's data_version says that no connection has committed since.
  // This process's own writes drop the remembered head at once; a write by another process (the
  // command line beside the server) is seen within this time.
  int head_cache_ms = 0;
  // A checkpoint entry (store/journal.h) at every multiple of this sequence number, so that
  // `journal verify --from` has somewhere recent to start; 0: none. One entry in a thousand
  // costs nothing noticeable, and the newest checkpoint is then never more than a thousand
  // entries behind the head.
  int64_t checkpoint_every = 1000;
  // Verification sorts its spill in runs of this many bytes in memory (the bulk of its peak
  // memory), merged from a temporary file when there is more than one. Tests make it tiny so
  // that a small journal is merged from many runs.
  size_t verify_run_bytes = size_t{16} << 20;
  // Asked, in the transaction that would migrate the file, before the first migration it needs
  // (from the file's schema version to this sokuo's): an error leaves the file as it was. The
  // command line uses it to refuse upgrading a database that a running server, maybe of an older
  // sokuo, is writing.
  std::function<Result<void>(int64_t from, int64_t to)> before_migrating;
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
  Result<std::vector<Row>> ReadFirst(const std::string& table, const std::string& column,
                                     const Row& value, const std::string& order,
                                     size_t limit) override;
  Result<std::vector<JournalEntry>> ReadJournal(const JournalQuery& q) override;
  Result<JournalHead> Head() override;
  std::optional<JournalHead> KnownHead() override;
  Result<std::string> LastChange(std::span<const std::string> tables) override;
  Result<RowPage> ListIncidentRows(const IncidentQuery& q) override;  // incident_list.cpp
  Result<RowPage> ListAlertRows(const AlertQuery& q) override;        // alert_list.cpp
  Result<VerifyReport> Verify() override;
  Result<VerifyReport> VerifyFrom(int64_t seq) override;
  // This process's commits only (see Store::OnChange).
  void OnChange(std::function<void()> on_change) override;

  int SchemaVersion();

 private:
  SqliteStore(sqlite3* db, SqliteOptions options);
  Result<void> Migrate();
  Result<void> OpenReader();
  // SQLite's data_version on a connection of its own that never writes: it changes when any
  // connection commits. nullopt when the connection is busy and `wait` is false, or on an error.
  std::optional<int64_t> DataVersion(bool wait);
  Result<VerifyReport> OnOwnReader(
      const std::function<Result<VerifyReport>(SqliteConnection&)>& run);

  // Runs `batch` in one transaction (write_batcher.h) and sets each result.
  void CommitBatch(const std::vector<WriteBatcher::Queued*>& batch);

  const SqliteOptions options_;
  std::mutex mu_;
  sqlite3* db_;                             // guarded by mu_
  std::unique_ptr<SqliteConnection> conn_;  // db_ and its prepared statements; guarded by mu_
  std::mutex read_mu_;
  sqlite3* read_db_ = nullptr;                   // guarded by read_mu_
  std::unique_ptr<SqliteConnection> read_conn_;  // guarded by read_mu_
  std::mutex version_mu_;
  sqlite3* version_db_ = nullptr;          // guarded by version_mu_; busy_timeout 0
  sqlite3_stmt* version_stmt_ = nullptr;   // PRAGMA data_version; guarded by version_mu_
  HeadCache head_{options_.head_cache_ms,  // the head last read (see head_cache_ms)
                  [this](bool wait) { return DataVersion(wait); }};
  ChangeSignal changed_;
  WriteBatcher batcher_;
};

}  // namespace sokuo::store
