// A Store on PostgreSQL, for a company that runs sokuo at a head office and continues at a
// backup site from a streaming replica (docs/operations.md). The rows, the journal, its hashing
// and replay are the same as SQLite's (journaled_tx.h, journal.h); the schema is the same
// numbered list (migrations.h), rendered for PostgreSQL and recorded in `schema_version`.
//
// Writers take turns on the journal: a write transaction begins by locking the journal table
// in SHARE ROW EXCLUSIVE mode, which only one transaction holds at a time and which lets every
// reader go on; whoever holds it reads the head and chains the next entry to it. So writers in
// several processes and on several servers over one database never fork the chain and never
// take the same key (INC-2026-0001 comes from the newest number as the lock holder sees it).
// A commit returns once PostgreSQL reports it durable (synchronous_commit as the server is set:
// docs/operations.md says what each setting loses).
//
// Group commit (write_batcher.h): the writes that queue while a batch runs go together, in one
// transaction and one turn on the journal's lock.
//
// Thread-safety: one connection for writes and one for reads, each guarded by its mutex; a
// verification opens a connection of its own and reads in one REPEATABLE READ transaction, so
// that the journal and the tables are seen at one moment. A connection that broke is opened
// again at the next call; the call that found it broken fails with store.unavailable.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "store/change_signal.h"
#include "store/head_cache.h"
#include "store/store.h"
#include "store/write_batcher.h"

namespace sokuo::store {

namespace pg {
class Connection;  // pg_connection.h
}

struct PostgresOptions {
  // A libpq connection string: "postgresql://user@host:port/db" or "host=… dbname=…".
  std::string conninfo;
  int64_t checkpoint_every = 1000;  // as SqliteOptions::checkpoint_every
  // Head() answers from memory when it read the head less than this long ago (0: always reads);
  // this process's writes drop it at once, other servers' are seen within this time.
  int head_cache_ms = 0;
  size_t verify_run_bytes = size_t{16} << 20;  // as SqliteOptions::verify_run_bytes
};

// true for the --store values that name PostgreSQL (postgresql:// or postgres://).
bool IsPostgresUrl(const std::string& store);

class PostgresStore final : public Store {
 public:
  [[nodiscard]] static Result<std::unique_ptr<PostgresStore>> Open(const PostgresOptions& options);
  ~PostgresStore() override;
  PostgresStore(const PostgresStore&) = delete;
  PostgresStore& operator=(const PostgresStore&) = delete;

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
  Result<bool> ReadOnly() override;
  Result<RowPage> ListIncidentRows(const IncidentQuery& q) override;  // pg_lists.cpp
  Result<RowPage> ListAlertRows(const AlertQuery& q) override;        // pg_lists.cpp
  Result<VerifyReport> Verify() override;                             // pg_verify.cpp
  Result<VerifyReport> VerifyFrom(int64_t seq) override;              // pg_verify.cpp
  // Starts listening (pg_listen.cpp) with the first listener: every server's commits, this
  // one's included, are heard within milliseconds.
  void OnChange(std::function<void()> on_change) override;

  // The newest migration applied; -1 when it cannot be read.
  int SchemaVersion();

 private:
  explicit PostgresStore(PostgresOptions options);
  Result<void> Migrate();
  // Runs `read` on the reading connection, opening it again first when it broke.
  template <class T>
  Result<T> OnReader(const std::function<Result<T>(pg::Connection&)>& read);
  Result<VerifyReport> Verifying(int64_t from_seq);
  // Runs `batch` in one transaction (write_batcher.h) and sets each result.
  void CommitBatch(const std::vector<WriteBatcher::Queued*>& batch);
  // The listening thread: LISTEN on a connection of its own, Fire() for every other process's
  // commit, opened again after a failure (pg_listen.cpp).
  void Listen();

  const PostgresOptions options_;
  WriteBatcher batcher_;
  std::mutex mu_;
  std::unique_ptr<pg::Connection> writer_;  // guarded by mu_
  std::mutex read_mu_;
  std::unique_ptr<pg::Connection> reader_;  // guarded by read_mu_
  HeadCache head_{options_.head_cache_ms};
  ChangeSignal changed_;
  std::string channel_;  // of LISTEN/NOTIFY (pg::ChangeChannel), set by Open
  // What this store sends with its NOTIFY, to know its own (it fires for those at commit).
  const std::string notify_token_;
  std::mutex listen_mu_;
  std::thread listener_;  // guarded by listen_mu_
  std::atomic<bool> stop_listening_{false};
};

}  // namespace sokuo::store
