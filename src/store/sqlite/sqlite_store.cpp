#include "store/sqlite/sqlite_store.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <span>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>

#include "store/journal.h"
#include "store/journaled_tx.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/incident_index.h"
#include "store/tables.h"

namespace sokuo::store {
namespace {

// Creates the database file private to its owner when it is missing; SQLite would create it
// with 0644 less the umask, and gives its -wal and -shm files the mode of the database.
void CreatePrivately(const std::string& path) {
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) return;
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) ::close(fd);  // otherwise it exists, or SQLite reports why it cannot open it
}

// All rows of `table`, or those whose `column` equals `value` when a column is given.
Result<Table> ReadTable(SqliteConnection& conn, const std::string& table,
                        const std::string& column = {}, const Row& value = nullptr) {
  TRY(CheckReadNames(table, {&column}));
  std::string sql = "SELECT * FROM " + table + (column.empty() ? "" : " WHERE " + column + " = ?");
  ASSIGN_OR_RETURN(Statement stmt, conn.Prepare(sql));
  if (!column.empty()) stmt.Bind(1, value);
  Table rows;
  while (true) {
    ASSIGN_OR_RETURN(bool more, stmt.Step());
    if (!more) break;
    Row row = stmt.RowImage();
    std::string id = row.value("id", "");
    rows.emplace(std::move(id), std::move(row));
  }
  return rows;
}

Result<JournalHead> ReadHead(SqliteConnection& conn) {
  ASSIGN_OR_RETURN(Statement stmt,
                   conn.Prepare("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1"));
  ASSIGN_OR_RETURN(bool found, stmt.Step());
  if (!found) return JournalHead{0, kGenesisHash};
  return JournalHead{stmt.Int(0), stmt.Text(1)};
}

// Tx::LastChange without this transaction's unjournaled changes: the newest entry recorded for
// any of `tables` or for all ("*", the head when table_changes was made). The table has a row
// per journaled table at most: reading it whole costs less than an IN list and an ORDER BY,
// for which SQLite opens a temporary table.
Result<std::string> ReadLastChange(SqliteConnection& conn, std::span<const std::string> tables) {
  ASSIGN_OR_RETURN(Statement stmt, conn.Prepare("SELECT tbl, seq, hash FROM table_changes"));
  int64_t newest = -1;
  std::string hash;
  while (true) {
    ASSIGN_OR_RETURN(bool more, stmt.Step());
    if (!more) break;
    std::string table = stmt.Text(0);
    if (stmt.Int(1) <= newest ||
        (table != "*" && std::find(tables.begin(), tables.end(), table) == tables.end())) {
      continue;
    }
    newest = stmt.Int(1);
    hash = stmt.Text(2);
  }
  return hash;
}

// Whether every deferred foreign key of the open transaction is met (SQLite counts the unmet
// ones; COMMIT refuses while any is).
Result<void> DeferredKeysMet(sqlite3* db) {
  int unmet = 0, highest = 0;
  if (sqlite3_db_status(db, SQLITE_DBSTATUS_DEFERRED_FKS, &unmet, &highest, 0) != SQLITE_OK) {
    return Fail(SqlError(db, "deferred keys"));
  }
  if (unmet != 0) return Fail(ErrorCode::kConflict, Msg("store.reference_missing"));
  return {};
}

// The table whose rows the incident lists index (incident_index.h).
constexpr const char* kListedTable = "incidents";

// A write transaction on the writing connection: the journaling is JournaledTx's, the rows and
// the journal are SQLite's.
class SqliteTx final : public JournaledTx {
 public:
  SqliteTx(SqliteConnection& conn, JournalHead head, int64_t checkpoint_every)
      : JournaledTx(std::move(head), checkpoint_every), conn_(conn) {}

  Result<Table> Read(const std::string& table) override { return ReadTable(conn_, table); }
  Result<Table> ReadWhere(const std::string& table, const std::string& column,
                          const Row& value) override {
    return ReadTable(conn_, table, column, value);
  }

 private:
  Result<int64_t> MaxWhere(const std::string& table, const std::string& column,
                           const std::string& where_column, const Row& value) override {
    ASSIGN_OR_RETURN(Statement stmt, conn_.Prepare("SELECT COALESCE(MAX(" + column + "), 0) FROM " +
                                                   table + " WHERE " + where_column + " = ?"));
    stmt.Bind(1, value);
    TRY(stmt.Step());
    return stmt.Int(0);
  }

  Result<void> DeleteWhere(const std::string& table, const std::string& column,
                           const Row& value) override {
    ASSIGN_OR_RETURN(Statement stmt,
                     conn_.Prepare("DELETE FROM " + table + " WHERE " + column + " = ?"));
    stmt.Bind(1, value);
    TRY(stmt.Step());
    return {};
  }

  Result<std::optional<Row>> StoredRow(const std::string& table, const std::string& id) override {
    ASSIGN_OR_RETURN(Statement stmt, conn_.Prepare("SELECT * FROM " + table + " WHERE id = ?"));
    stmt.Bind(1, id);
    ASSIGN_OR_RETURN(bool found, stmt.Step());
    if (!found) return std::optional<Row>();
    return std::optional<Row>(stmt.RowImage());
  }

  Result<void> UpsertRow(const std::string& table, const std::string& id, const Row& row,
                         bool fresh) override {
    if (!row.is_object() || row.value("id", "") != id) {
      return Fail(ErrorCode::kInternal,
                  Msg("store.row_without_id", {{"table", table}, {"id", id}}));
    }
    // An incident's place in the lists is read first: a row it cannot be read from is refused
    // before anything is written.
    std::optional<IncidentIndex> listed;
    if (table == kListedTable) {
      ASSIGN_OR_RETURN(listed, IndexOf(row));
    }
    std::string columns, values, updates;
    for (const auto& [name, value] : row.items()) {
      if (!IsColumnName(name)) {
        return Fail(ErrorCode::kInternal, Msg("store.bad_column", {{"column", name}}));
      }
      columns += (columns.empty() ? "" : ", ") + name;
      values += values.empty() ? "?" : ", ?";
      if (name != "id") updates += (updates.empty() ? "" : ", ") + name + " = excluded." + name;
    }
    std::string sql = "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")";
    if (!fresh) {
      sql += updates.empty() ? " ON CONFLICT(id) DO NOTHING"
                             : " ON CONFLICT(id) DO UPDATE SET " + updates;
    }
    ASSIGN_OR_RETURN(Statement stmt, conn_.Prepare(sql));
    int index = 1;
    for (const auto& [name, value] : row.items()) stmt.Bind(index++, value);
    TRY(stmt.Step());
    if (listed) {
      TRY(WriteIndex(conn_, *listed));
    }
    return {};
  }

  Result<bool> DeleteRow(const std::string& table, const std::string& id) override {
    if (table == kListedTable) {
      ASSIGN_OR_RETURN(std::optional<Row> was, StoredRow(table, id));
      if (was) {
        ASSIGN_OR_RETURN(IncidentIndex listed, IndexOf(*was));
        TRY(RemoveIndex(conn_, listed));
      }
    }
    ASSIGN_OR_RETURN(Statement stmt, conn_.Prepare("DELETE FROM " + table + " WHERE id = ?"));
    stmt.Bind(1, id);
    TRY(stmt.Step());
    return sqlite3_changes(conn_.db()) > 0;
  }

  Result<void> InsertEntry(const JournalEntry& e) override {
    ASSIGN_OR_RETURN(Statement stmt,
                     conn_.Prepare(std::string("INSERT INTO journal (") + kEntryColumns +
                                   ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    stmt.Bind(1, e.seq);
    stmt.Bind(2, e.at);
    stmt.Bind(3, e.actor);
    stmt.Bind(4, e.action);
    stmt.Bind(5, e.subject);
    stmt.Bind(6, e.body);
    stmt.Bind(7, e.prev_hash);
    stmt.Bind(8, e.hash);
    TRY(stmt.Step());
    return {};
  }

  Result<void> RecordTableChange(std::string_view table, int64_t seq,
                                 const std::string& hash) override {
    ASSIGN_OR_RETURN(Statement stmt,
                     conn_.Prepare("INSERT INTO table_changes (tbl, seq, hash) VALUES (?, ?, ?) "
                                   "ON CONFLICT(tbl) DO UPDATE SET seq = excluded.seq, "
                                   "hash = excluded.hash"));
    stmt.Bind(1, std::string(table));
    stmt.Bind(2, seq);
    stmt.Bind(3, hash);
    TRY(stmt.Step());
    return {};
  }

  Result<std::string> RecordedLastChange(std::span<const std::string> tables) override {
    return ReadLastChange(conn_, tables);
  }

  Result<std::optional<std::pair<int64_t, StateDigest>>> StoredState() override {
    using Stored = std::optional<std::pair<int64_t, StateDigest>>;
    ASSIGN_OR_RETURN(Statement stmt, conn_.Prepare("SELECT seq, digest, rows FROM journal_state "
                                                   "WHERE id = 'state'"));
    ASSIGN_OR_RETURN(bool found, stmt.Step());
    if (!found) return Stored();
    auto state = StateDigest::FromJson({{"digest", stmt.Text(1)}, {"rows", stmt.Int(2)}});
    if (!state) return Stored();
    return Stored(std::in_place, stmt.Int(0), *state);
  }

  Result<void> StoreState(int64_t seq, const StateDigest& state) override {
    ASSIGN_OR_RETURN(Statement stmt,
                     conn_.Prepare("INSERT OR REPLACE INTO journal_state (id, seq, digest, rows) "
                                   "VALUES ('state', ?, ?, ?)"));
    stmt.Bind(1, seq);
    stmt.Bind(2, state.Hex());
    stmt.Bind(3, state.rows());
    TRY(stmt.Step());
    return {};
  }

  Result<void> EachRow(const std::string& table,
                       const std::function<void(const Row&)>& each) override {
    ASSIGN_OR_RETURN(Statement stmt, conn_.Prepare("SELECT * FROM " + table));
    while (true) {
      ASSIGN_OR_RETURN(bool more, stmt.Step());
      if (!more) break;
      each(stmt.RowImage());
    }
    return {};
  }

  SqliteConnection& conn_;
};

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const SqliteOptions& options) {
  CreatePrivately(options.path);
  ASSIGN_OR_RETURN(sqlite3 * db,
                   Connect(options, {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
                                     "PRAGMA foreign_keys = ON", "PRAGMA temp_store = MEMORY"}));
  std::unique_ptr<SqliteStore> store(new SqliteStore(db, options));
  TRY(store->Migrate());
  TRY(store->OpenReader());
  return store;
}

// The reading connection is opened after the migrations, so it sees the schema they made.
Result<void> SqliteStore::OpenReader() {
  ASSIGN_OR_RETURN(sqlite3 * db, Connect(options_, {"PRAGMA query_only = ON"}));
  std::lock_guard lock(read_mu_);
  read_db_ = db;
  read_conn_ = std::make_unique<SqliteConnection>(db);
  if (options_.head_cache_ms <= 0) return {};  // the head is read every time: nothing to ask
  ASSIGN_OR_RETURN(sqlite3 * version_db, Connect(options_, {"PRAGMA query_only = ON"}));
  // Asked on the network threads: never waits for another connection's lock (a read of the
  // WAL's index, and of the first page after a commit, is all it does).
  sqlite3_busy_timeout(version_db, 0);
  std::lock_guard version_lock(version_mu_);
  version_db_ = version_db;
  if (sqlite3_prepare_v2(version_db, "PRAGMA data_version", -1, &version_stmt_, nullptr) !=
      SQLITE_OK) {
    return Fail(SqlError(version_db, "prepare"));
  }
  return {};
}

std::optional<int64_t> SqliteStore::DataVersion(bool wait) {
  std::unique_lock lock(version_mu_, std::defer_lock);
  if (wait) {
    lock.lock();
  } else if (!lock.try_lock()) {
    return std::nullopt;
  }
  if (version_stmt_ == nullptr) return std::nullopt;
  std::optional<int64_t> version;
  if (sqlite3_step(version_stmt_) == SQLITE_ROW) version = sqlite3_column_int64(version_stmt_, 0);
  sqlite3_reset(version_stmt_);
  return version;
}

SqliteStore::SqliteStore(sqlite3* db, SqliteOptions options)
    : options_(std::move(options)), db_(db), conn_(std::make_unique<SqliteConnection>(db)) {}

SqliteStore::~SqliteStore() {
  // Statements are finalized before their connection closes.
  {
    std::lock_guard lock(version_mu_);
    sqlite3_finalize(std::exchange(version_stmt_, nullptr));
    sqlite3_close(std::exchange(version_db_, nullptr));
  }
  read_conn_.reset();
  sqlite3_close(read_db_);
  conn_.reset();
  sqlite3_close(db_);
}

int SqliteStore::SchemaVersion() {
  std::lock_guard lock(mu_);
  auto stmt = Statement::Prepare(db_, "PRAGMA user_version");
  if (!stmt || !stmt->Step().value_or(false)) return -1;
  return static_cast<int>(stmt->Int(0));
}

Result<void> SqliteStore::Migrate() {
  std::lock_guard lock(mu_);
  TRY(Retrying(options_, [&] { return Exec(db_, "BEGIN IMMEDIATE"); }));
  auto run = [&]() -> Result<void> {
    int64_t current = 0;
    {
      // Finished before the migrations run: SQLite drops no table while a statement is active.
      ASSIGN_OR_RETURN(Statement stmt, Statement::Prepare(db_, "PRAGMA user_version"));
      TRY(stmt.Step());
      current = stmt.Int(0);
    }
    if (current < NewestMigration() && options_.before_migrating) {
      TRY(options_.before_migrating(current, NewestMigration()));
    }
    return ApplyMigrations(current, [&](const Migration& m) -> Result<void> {
      TRY(Exec(db_, m.sql));
      return Exec(db_, ("PRAGMA user_version = " + std::to_string(m.version)).c_str());
    });
  };
  if (auto r = run(); !r) {
    (void)Exec(db_, "ROLLBACK");
    return r;
  }
  auto committed = Retrying(options_, [&] { return Exec(db_, "COMMIT"); });
  if (!committed) (void)Exec(db_, "ROLLBACK");
  return committed;
}

// Group commit (write_batcher.h).
Result<void> SqliteStore::Write(const std::function<Result<void>(Tx&)>& work) {
  return batcher_.Write(work, [this](const auto& batch) { CommitBatch(batch); });
}

void SqliteStore::CommitBatch(const std::vector<WriteBatcher::Queued*>& batch) {
  std::unique_lock lock(mu_);
  // Whatever the batch did, a head read before it ends is no longer to be trusted.
  struct Moved {
    HeadCache& head;
    ~Moved() { head.Moved(); }
  } moved{head_};
  auto begun = Retrying(options_, [&] { return Exec(db_, "BEGIN IMMEDIATE"); });
  if (!begun) {
    for (WriteBatcher::Queued* q : batch) q->result = begun;
    return;
  }
  // One work: the transaction's head as the works before it left it, the work, the check that
  // it journaled every change.
  bool appended = false;  // by a work that succeeded
  auto run = [&](const std::function<Result<void>(Tx&)>& work) -> Result<void> {
    ASSIGN_OR_RETURN(JournalHead head, ReadHead(*conn_));
    SqliteTx tx(*conn_, head, options_.checkpoint_every);
    TRY(work(tx));
    if (tx.HasUnjournaledChanges()) {
      return Fail(ErrorCode::kInternal, Msg("store.unjournaled_change"));
    }
    appended = appended || tx.Appended();
    return {};
  };
  bool any = WriteBatcher::RunEach(batch, run,
                                   {.begin = [&] { return Exec(db_, "SAVEPOINT work"); },
                                    .undo = [&] { return Exec(db_, "ROLLBACK TO work"); },
                                    .release = [&] { return Exec(db_, "RELEASE work"); },
                                    .settled = [&] { return DeferredKeysMet(db_); }});
  if (!any) {
    if (!sqlite3_get_autocommit(db_)) (void)Exec(db_, "ROLLBACK");
    return;
  }
  if (auto indexed = IndexQueuedTexts(*conn_); !indexed) {
    if (!sqlite3_get_autocommit(db_)) (void)Exec(db_, "ROLLBACK");
    for (WriteBatcher::Queued* q : batch) {
      if (q->result) q->result = indexed;
    }
    return;
  }
  // A COMMIT refused as busy leaves the transaction open, so it can be tried again.
  auto committed = Retrying(options_, [&]() -> Result<void> {
    if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
      return Fail(SqlError(db_, "commit"));
    }
    return {};
  });
  if (committed) {
    if (appended) {
      head_.Moved();  // before the listener, which may ask for the head at once
      lock.unlock();  // the listener's work is not the writer's
      changed_.Fire();
    }
    return;
  }
  if (!sqlite3_get_autocommit(db_)) (void)Exec(db_, "ROLLBACK");
  for (WriteBatcher::Queued* q : batch) {
    if (q->result) q->result = committed;
  }
}

void SqliteStore::OnChange(std::function<void()> on_change) { changed_.Set(std::move(on_change)); }

Result<Table> SqliteStore::Read(const std::string& table) {
  std::lock_guard lock(read_mu_);
  return Retrying(options_, [&] { return ReadTable(*read_conn_, table); });
}

Result<Table> SqliteStore::ReadWhere(const std::string& table, const std::string& column,
                                     const Row& value) {
  std::lock_guard lock(read_mu_);
  return Retrying(options_, [&] { return ReadTable(*read_conn_, table, column, value); });
}

Result<std::vector<Row>> SqliteStore::ReadFirst(const std::string& table, const std::string& column,
                                                const Row& value, const std::string& order,
                                                size_t limit) {
  TRY(CheckReadNames(table, {&column, &order}));
  std::string sql =
      "SELECT * FROM " + table + " WHERE " + column + " = ? ORDER BY " + order + ", id LIMIT ?";
  std::lock_guard lock(read_mu_);
  return Retrying(options_, [&]() -> Result<std::vector<Row>> {
    ASSIGN_OR_RETURN(Statement stmt, read_conn_->Prepare(sql));
    stmt.Bind(1, value);
    stmt.Bind(2, static_cast<int64_t>(limit));
    std::vector<Row> rows;
    while (true) {
      ASSIGN_OR_RETURN(bool more, stmt.Step());
      if (!more) break;
      rows.push_back(stmt.RowImage());
    }
    return rows;
  });
}

Result<std::vector<JournalEntry>> SqliteStore::ReadJournal(const JournalQuery& q) {
  std::lock_guard lock(read_mu_);
  std::string sql = std::string("SELECT ") + kEntryColumns + " FROM journal WHERE seq > ?" +
                    (q.subject.empty() ? "" : " AND subject = ?") + " ORDER BY seq LIMIT ?";
  return Retrying(options_, [&]() -> Result<std::vector<JournalEntry>> {
    ASSIGN_OR_RETURN(Statement stmt, read_conn_->Prepare(sql));
    int i = 1;
    stmt.Bind(i++, q.after_seq);
    if (!q.subject.empty()) stmt.Bind(i++, q.subject);
    stmt.Bind(i++, static_cast<int64_t>(q.limit));
    std::vector<JournalEntry> out;
    while (true) {
      ASSIGN_OR_RETURN(bool more, stmt.Step());
      if (!more) break;
      out.push_back(EntryFrom(stmt));
    }
    return out;
  });
}

Result<std::string> SqliteStore::LastChange(std::span<const std::string> tables) {
  std::lock_guard lock(read_mu_);
  return Retrying(options_, [&] { return ReadLastChange(*read_conn_, tables); });
}

std::optional<JournalHead> SqliteStore::KnownHead() { return head_.Known(); }

Result<JournalHead> SqliteStore::Head() {
  return head_.Get([this]() -> Result<JournalHead> {
    std::lock_guard lock(read_mu_);
    return Retrying(options_, [&] { return ReadHead(*read_conn_); });
  });
}

}  // namespace sokuo::store
