#include "store/sqlite/sqlite_store.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>

#include "store/journal.h"
#include "store/tables.h"

namespace sokuo::store {
namespace {

bool IsBusyCode(int code) {
  int primary = code & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

// An error of SQLite: `code` is its (extended) result code. The database being busy or locked
// is kUnavailable with store.busy, which names no SQLite internals; SQLite's text stays in
// `message`, which is for logs.
Error SqlError(int code, std::string_view step, const std::string& text) {
  Message detailed = Msg("store.sql_failed", {{"step", std::string(step)}, {"text", text}});
  std::string log = Render(detailed, Lang::kEn);
  if (IsBusyCode(code))
    return Error{ErrorCode::kUnavailable, std::move(log), {}, {}, Msg("store.busy")};
  ErrorCode ec = (code & 0xff) == SQLITE_CONSTRAINT ? ErrorCode::kConflict : ErrorCode::kStorage;
  return Error{ec, std::move(log), {}, {}, std::move(detailed)};
}

Error SqlError(sqlite3* db, std::string_view step) {
  return SqlError(sqlite3_extended_errcode(db), step, sqlite3_errmsg(db));
}

bool IsBusy(const Error& e) {
  return e.code == ErrorCode::kUnavailable && e.msg.code == "store.busy";
}

Result<void> Exec(sqlite3* db, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message != nullptr ? message : "unknown error";
    sqlite3_free(message);
    return Fail(SqlError(sqlite3_extended_errcode(db), "exec", text));
  }
  return {};
}

// Runs `attempt` again while it fails because the database is busy (see sqlite_store.h), for
// at most `options.busy_retry_ms`. Only for attempts that leave nothing half done.
template <class Attempt>
auto Retrying(const SqliteOptions& options, Attempt&& attempt) -> decltype(attempt()) {
  using std::chrono::milliseconds;
  auto deadline = std::chrono::steady_clock::now() + milliseconds(options.busy_retry_ms);
  milliseconds pause(1);
  while (true) {
    auto r = attempt();
    if (r || !IsBusy(r.error()) || std::chrono::steady_clock::now() + pause > deadline) return r;
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, milliseconds(50));
  }
}

// Creates the database file private to its owner when it is missing; SQLite would create it
// with 0644 less the umask, and gives its -wal and -shm files the mode of the database.
void CreatePrivately(const std::string& path) {
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) return;
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) ::close(fd);  // otherwise it exists, or SQLite reports why it cannot open it
}

// A prepared statement. One lent by a SqliteConnection's cache is reset and given back on
// destruction; one of its own is finalized.
class Statement {
 public:
  static Result<Statement> Prepare(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr) !=
        SQLITE_OK) {
      return Fail(SqlError(db, "prepare"));
    }
    return Statement(db, stmt);
  }
  static Statement Lent(sqlite3* db, sqlite3_stmt* stmt, bool& in_use) {
    in_use = true;
    Statement s(db, stmt);
    s.in_use_ = &in_use;
    return s;
  }
  Statement(Statement&& other) noexcept
      : db_(other.db_),
        stmt_(std::exchange(other.stmt_, nullptr)),
        in_use_(std::exchange(other.in_use_, nullptr)) {}
  Statement& operator=(Statement&&) = delete;
  ~Statement() {
    if (in_use_ == nullptr) {
      sqlite3_finalize(stmt_);
      return;
    }
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    *in_use_ = false;
  }

  void Bind(int index, const nlohmann::json& value) {
    if (value.is_null()) {
      sqlite3_bind_null(stmt_, index);
    } else if (value.is_number_integer()) {
      sqlite3_bind_int64(stmt_, index, value.get<int64_t>());
    } else if (value.is_boolean()) {
      sqlite3_bind_int64(stmt_, index, value.get<bool>() ? 1 : 0);
    } else if (value.is_string()) {
      const auto& s = value.get_ref<const std::string&>();
      sqlite3_bind_text(stmt_, index, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    } else {
      std::string s = value.dump();
      sqlite3_bind_text(stmt_, index, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    }
  }
  void Bind(int index, const std::string& s) {
    sqlite3_bind_text(stmt_, index, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
  }
  void Bind(int index, int64_t v) { sqlite3_bind_int64(stmt_, index, v); }

  // true: a row is ready; false: done.
  Result<bool> Step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return Fail(SqlError(db_, "step"));
  }

  std::string Text(int col) {
    const unsigned char* p = sqlite3_column_text(stmt_, col);
    return p == nullptr ? ""
                        : std::string(reinterpret_cast<const char*>(p),
                                      static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
  }
  int64_t Int(int col) { return sqlite3_column_int64(stmt_, col); }
  bool IsNull(int col) { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  // Ready to run again with new bindings.
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  // The current row as a flat JSON object of its columns.
  Row RowImage() {
    Row row = Row::object();
    int n = sqlite3_column_count(stmt_);
    for (int i = 0; i < n; ++i) {
      std::string name = sqlite3_column_name(stmt_, i);
      switch (sqlite3_column_type(stmt_, i)) {
        case SQLITE_NULL:
          row[name] = nullptr;
          break;
        case SQLITE_INTEGER:
          row[name] = Int(i);
          break;
        case SQLITE_FLOAT:
          row[name] = sqlite3_column_double(stmt_, i);
          break;
        default:
          row[name] = Text(i);
      }
    }
    return row;
  }

 private:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  bool* in_use_ = nullptr;
};

}  // namespace

// The connection and the statements prepared on it, kept for reuse: preparing a statement costs
// about as much as running a small query, and the SQL texts are few (one per table and kind of
// access). A statement already lent out (a query inside another's loop) gets a fresh one.
class SqliteConnection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() {
    for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
  }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  sqlite3* db() const { return db_; }

  Result<Statement> Prepare(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
      sqlite3_stmt* stmt = nullptr;
      if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                             SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
        return Fail(SqlError(db_, "prepare"));
      }
      it = cache_.emplace(sql, Cached{stmt, false}).first;
    }
    if (it->second.in_use) return Statement::Prepare(db_, sql);
    return Statement::Lent(db_, it->second.stmt, it->second.in_use);
  }

 private:
  struct Cached {
    sqlite3_stmt* stmt;
    bool in_use;
  };
  sqlite3* db_;
  std::unordered_map<std::string, Cached> cache_;  // node-based: `in_use` stays put
};

namespace {

bool IsIdentifier(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// All rows of `table`, or those whose `column` equals `value` when a column is given.
Result<Table> ReadTable(SqliteConnection& conn, const std::string& table,
                        const std::string& column = {}, const Row& value = nullptr) {
  if (!IsJournaledTable(table) && !IsPrivateTable(table)) {
    return Fail(ErrorCode::kInternal, Msg("store.unknown_table", {{"table", table}}));
  }
  if (!column.empty() && !IsIdentifier(column)) {
    return Fail(ErrorCode::kInternal, Msg("store.bad_column", {{"column", column}}));
  }
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

JournalEntry EntryFrom(Statement& s) {
  return JournalEntry{s.Int(0),  s.Text(1), s.Text(2), s.Text(3),
                      s.Text(4), s.Text(5), s.Text(6), s.Text(7)};
}

constexpr const char* kEntryColumns = "seq, at, actor, action, subject, body, prev_hash, hash";

class SqliteTx final : public Tx {
 public:
  SqliteTx(SqliteConnection& conn, JournalHead head, int64_t checkpoint_every)
      : conn_(conn), start_(head), head_(std::move(head)), checkpoint_every_(checkpoint_every) {}

  const JournalHead& Start() const override { return start_; }

  Result<int64_t> Max(const std::string& table, const std::string& column,
                      const std::string& where_column, const Row& value) override {
    if (!IsJournaledTable(table)) {
      return Fail(ErrorCode::kInternal, Msg("store.unknown_table", {{"table", table}}));
    }
    for (const std::string* c : {&column, &where_column}) {
      if (!IsIdentifier(*c)) {
        return Fail(ErrorCode::kInternal, Msg("store.bad_column", {{"column", *c}}));
      }
    }
    ASSIGN_OR_RETURN(Statement stmt, conn_.Prepare("SELECT COALESCE(MAX(" + column + "), 0) FROM " +
                                                   table + " WHERE " + where_column + " = ?"));
    stmt.Bind(1, value);
    TRY(stmt.Step());
    return stmt.Int(0);
  }

  Result<Table> Read(const std::string& table) override { return ReadTable(conn_, table); }
  Result<Table> ReadWhere(const std::string& table, const std::string& column,
                          const Row& value) override {
    return ReadTable(conn_, table, column, value);
  }

  Result<void> Put(const std::string& table, const std::string& id, const Row& row) override {
    TRY(Check(table, id));
    ASSIGN_OR_RETURN(std::string prev, PrevHash(table, id));
    TRY(Upsert(table, id, row));
    std::string hash = RowHash(table, id, row);
    if (!prev.empty()) delta_.Remove(prev);
    delta_.Add(hash);
    pending_.push_back({.table = table, .id = id, .row = row, .created = false, .prev = prev});
    return {};
  }

  Result<void> PutPrivate(const std::string& table, const std::string& id,
                          const Row& row) override {
    if (!IsPrivateTable(table)) {
      return Fail(ErrorCode::kInternal, Msg("store.journaled_table", {{"table", table}}));
    }
    return Upsert(table, id, row);
  }

  Result<void> RemovePrivate(const std::string& table, const std::string& column,
                             const Row& value) override {
    if (!IsPrivateTable(table) || !IsIdentifier(column)) {
      return Fail(ErrorCode::kInternal, Msg("store.bad_private_removal", {{"table", table}}));
    }
    ASSIGN_OR_RETURN(Statement stmt,
                     conn_.Prepare("DELETE FROM " + table + " WHERE " + column + " = ?"));
    stmt.Bind(1, value);
    TRY(stmt.Step());
    return {};
  }

  Result<void> Remove(const std::string& table, const std::string& id) override {
    TRY(Check(table, id));
    ASSIGN_OR_RETURN(std::string prev, PrevHash(table, id));
    ASSIGN_OR_RETURN(Statement stmt, conn_.Prepare("DELETE FROM " + table + " WHERE id = ?"));
    stmt.Bind(1, id);
    TRY(stmt.Step());
    if (sqlite3_changes(conn_.db()) == 0) {
      return Fail(ErrorCode::kNotFound, Msg("store.not_found", {{"table", table}, {"id", id}}));
    }
    delta_.Remove(prev);
    pending_.push_back(
        {.table = table, .id = id, .row = std::nullopt, .created = false, .prev = prev});
    return {};
  }

  Result<JournalEntry> Append(const JournalDraft& draft) override {
    JournalEntry e = MakeEntry(head_, draft, pending_);
    TRY(Insert(e));
    pending_.clear();
    // The state digest follows the entry when it was known for the entry before.
    ASSIGN_OR_RETURN(std::optional<StateDigest> state, ReadState(e.seq - 1));
    if (state) {
      state->Add(delta_);
      TRY(WriteState(e.seq, *state));
    }
    delta_ = {};
    if (checkpoint_every_ > 0 && (e.seq + 1) % checkpoint_every_ == 0) {
      // A database from before checkpoints (or whose state row was lost) is summed once.
      if (!state) {
        ASSIGN_OR_RETURN(StateDigest scanned, ScanState());
        state = scanned;
      }
      TRY(Insert(MakeCheckpoint(head_, draft.at, *state)));
      TRY(WriteState(head_.seq, *state));
    }
    return e;
  }

  bool HasUnjournaledChanges() const { return !pending_.empty(); }

 private:
  Result<void> Insert(const JournalEntry& e) {
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
    head_ = {e.seq, e.hash};
    return {};
  }

  // The RowHash of the row as it is before this change; "" when there is none.
  Result<std::string> PrevHash(const std::string& table, const std::string& id) {
    ASSIGN_OR_RETURN(Statement stmt, conn_.Prepare("SELECT * FROM " + table + " WHERE id = ?"));
    stmt.Bind(1, id);
    ASSIGN_OR_RETURN(bool found, stmt.Step());
    if (!found) return std::string();
    return RowHash(table, id, stmt.RowImage());
  }

  // The stored state digest if it describes the state right after entry `seq`.
  Result<std::optional<StateDigest>> ReadState(int64_t seq) {
    ASSIGN_OR_RETURN(Statement stmt, conn_.Prepare("SELECT seq, digest, rows FROM journal_state "
                                                   "WHERE id = 'state'"));
    ASSIGN_OR_RETURN(bool found, stmt.Step());
    if (!found || stmt.Int(0) != seq) return std::optional<StateDigest>();
    return StateDigest::FromJson({{"digest", stmt.Text(1)}, {"rows", stmt.Int(2)}});
  }

  Result<void> WriteState(int64_t seq, const StateDigest& state) {
    ASSIGN_OR_RETURN(Statement stmt,
                     conn_.Prepare("INSERT OR REPLACE INTO journal_state (id, seq, digest, rows) "
                                   "VALUES ('state', ?, ?, ?)"));
    stmt.Bind(1, seq);
    stmt.Bind(2, state.Hex());
    stmt.Bind(3, state.rows());
    TRY(stmt.Step());
    return {};
  }

  // The state digest summed over every journaled table, as this transaction sees them.
  Result<StateDigest> ScanState() {
    StateDigest state;
    for (const std::string& table : JournaledTables()) {
      ASSIGN_OR_RETURN(Statement stmt, conn_.Prepare("SELECT * FROM " + table));
      while (true) {
        ASSIGN_OR_RETURN(bool more, stmt.Step());
        if (!more) break;
        Row row = stmt.RowImage();
        state.Add(RowHash(table, row.value("id", ""), row));
      }
    }
    return state;
  }

  Result<void> Upsert(const std::string& table, const std::string& id, const Row& row) {
    if (!row.is_object() || row.value("id", "") != id) {
      return Fail(ErrorCode::kInternal,
                  Msg("store.row_without_id", {{"table", table}, {"id", id}}));
    }
    std::string columns, values, updates;
    for (const auto& [name, value] : row.items()) {
      if (!IsIdentifier(name)) {
        return Fail(ErrorCode::kInternal, Msg("store.bad_column", {{"column", name}}));
      }
      columns += (columns.empty() ? "" : ", ") + name;
      values += values.empty() ? "?" : ", ?";
      if (name != "id") updates += (updates.empty() ? "" : ", ") + name + " = excluded." + name;
    }
    std::string sql = "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")";
    sql += updates.empty() ? " ON CONFLICT(id) DO NOTHING"
                           : " ON CONFLICT(id) DO UPDATE SET " + updates;
    ASSIGN_OR_RETURN(Statement stmt, conn_.Prepare(sql));
    int index = 1;
    for (const auto& [name, value] : row.items()) stmt.Bind(index++, value);
    TRY(stmt.Step());
    return {};
  }

  static Result<void> Check(const std::string& table, const std::string& id) {
    if (!IsJournaledTable(table))
      return Fail(ErrorCode::kInternal, Msg("store.unknown_table", {{"table", table}}));
    if (id.empty()) return Fail(ErrorCode::kInternal, Msg("store.empty_id", {{"table", table}}));
    return {};
  }

  SqliteConnection& conn_;
  const JournalHead start_;
  JournalHead head_;
  const int64_t checkpoint_every_;
  std::vector<RowChange> pending_;
  StateDigest delta_;  // what the changes since the last Append moved the state digest by
};

}  // namespace

namespace {

// A connection to the file with sokuo's settings; `pragmas` run first (retried while busy).
Result<sqlite3*> Connect(const SqliteOptions& options, std::initializer_list<const char*> pragmas) {
  sqlite3* db = nullptr;
  int rc =
      sqlite3_open_v2(options.path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Fail(ErrorCode::kStorage,
                Msg("store.open_failed", {{"path", options.path}, {"reason", message}}));
  }
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  for (const char* pragma : pragmas) {
    if (auto r = Retrying(options, [&] { return Exec(db, pragma); }); !r) {
      sqlite3_close(db);
      return Fail(ErrorCode::kStorage, Msg("store.open_failed", {{"path", options.path},
                                                                 {"reason", r.error().message}}));
    }
  }
  return db;
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const SqliteOptions& options) {
  CreatePrivately(options.path);
  ASSIGN_OR_RETURN(sqlite3 * db,
                   Connect(options, {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
                                     "PRAGMA foreign_keys = ON"}));
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
  return {};
}

SqliteStore::SqliteStore(sqlite3* db, SqliteOptions options)
    : options_(std::move(options)), db_(db), conn_(std::make_unique<SqliteConnection>(db)) {}

SqliteStore::~SqliteStore() {
  // Statements are finalized before their connection closes.
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
    ASSIGN_OR_RETURN(Statement stmt, Statement::Prepare(db_, "PRAGMA user_version"));
    TRY(stmt.Step());
    int64_t current = stmt.Int(0);
    int64_t newest = Migrations().empty() ? 0 : Migrations().back().version;
    if (current > newest) {
      return Fail(ErrorCode::kStorage,
                  Msg("store.schema_newer",
                      {{"current", std::to_string(current)}, {"newest", std::to_string(newest)}}));
    }
    for (const Migration& m : Migrations()) {
      if (m.version <= current) continue;
      if (auto r = Exec(db_, m.sql); !r) {
        return Fail(ErrorCode::kStorage,
                    Msg("store.migration_failed", {{"version", std::to_string(m.version)},
                                                   {"name", m.name},
                                                   {"reason", r.error().message}}));
      }
      TRY(Exec(db_, ("PRAGMA user_version = " + std::to_string(m.version)).c_str()));
    }
    return {};
  };
  if (auto r = run(); !r) {
    (void)Exec(db_, "ROLLBACK");
    return r;
  }
  auto committed = Retrying(options_, [&] { return Exec(db_, "COMMIT"); });
  if (!committed) (void)Exec(db_, "ROLLBACK");
  return committed;
}

// Group commit: a writer queues its work; whoever finds no batch running leads one, taking
// every work queued so far into one transaction, each inside a savepoint so that a failing
// work is undone alone, and commits once (one fsync for the batch). A writer returns when the
// batch that holds its work has committed, so an acknowledged write is on disk.
Result<void> SqliteStore::Write(const std::function<Result<void>(Tx&)>& work) {
  Queued me{&work, {}, false};
  std::unique_lock lock(queue_mu_);
  queue_.push_back(&me);
  while (!me.done) {
    if (leading_) {
      queue_cv_.wait(lock);
      continue;
    }
    leading_ = true;
    std::vector<Queued*> batch;
    batch.swap(queue_);
    lock.unlock();
    CommitBatch(batch);
    lock.lock();
    for (Queued* q : batch) q->done = true;
    leading_ = false;
    queue_cv_.notify_all();
  }
  return std::move(me.result);
}

void SqliteStore::CommitBatch(const std::vector<Queued*>& batch) {
  std::lock_guard lock(mu_);
  // Whatever the batch did, a head read before it ends is no longer to be trusted.
  struct Moved {
    std::atomic<uint64_t>& commits;
    ~Moved() { ++commits; }
  } moved{commits_};
  auto begun = Retrying(options_, [&] { return Exec(db_, "BEGIN IMMEDIATE"); });
  if (!begun) {
    for (Queued* q : batch) q->result = begun;
    return;
  }
  // One work: the transaction's head as the works before it left it, the work, the check that
  // it journaled every change.
  auto run = [&](const std::function<Result<void>(Tx&)>& work) -> Result<void> {
    ASSIGN_OR_RETURN(JournalHead head, ReadHead(*conn_));
    SqliteTx tx(*conn_, head, options_.checkpoint_every);
    TRY(work(tx));
    if (tx.HasUnjournaledChanges()) {
      return Fail(ErrorCode::kInternal, Msg("store.unjournaled_change"));
    }
    return {};
  };
  bool alone = batch.size() == 1;
  bool any = false;
  for (Queued* q : batch) {
    if (!alone) {
      if (auto saved = Exec(db_, "SAVEPOINT work"); !saved) {
        q->result = saved;
        continue;
      }
    }
    try {
      q->result = run(*q->work);
    } catch (const std::exception& e) {  // one writer's bug must not leave the others waiting
      q->result = Fail(ErrorCode::kInternal, Msg("store.work_threw", {{"what", e.what()}}));
    }
    if (!alone) {
      if (!q->result) (void)Exec(db_, "ROLLBACK TO work");
      (void)Exec(db_, "RELEASE work");
    }
    any = any || q->result.has_value();
  }
  if (!any) {
    if (!sqlite3_get_autocommit(db_)) (void)Exec(db_, "ROLLBACK");
    return;
  }
  // A COMMIT refused as busy leaves the transaction open, so it can be tried again.
  auto committed = Retrying(options_, [&]() -> Result<void> {
    if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
      return Fail(SqlError(db_, "commit"));
    }
    return {};
  });
  if (committed) return;
  if (!sqlite3_get_autocommit(db_)) (void)Exec(db_, "ROLLBACK");
  for (Queued* q : batch) {
    if (q->result) q->result = committed;
  }
}

Result<Table> SqliteStore::Read(const std::string& table) {
  std::lock_guard lock(read_mu_);
  return Retrying(options_, [&] { return ReadTable(*read_conn_, table); });
}

Result<Table> SqliteStore::ReadWhere(const std::string& table, const std::string& column,
                                     const Row& value) {
  std::lock_guard lock(read_mu_);
  return Retrying(options_, [&] { return ReadTable(*read_conn_, table, column, value); });
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

std::optional<JournalHead> SqliteStore::KnownHead() {
  auto now = std::chrono::steady_clock::now();
  uint64_t commits = commits_.load();
  std::lock_guard lock(head_mu_);
  if (head_ && head_commits_ == commits &&
      now - head_read_at_ < std::chrono::milliseconds(options_.head_cache_ms)) {
    return head_;
  }
  return std::nullopt;
}

Result<JournalHead> SqliteStore::Head() {
  if (std::optional<JournalHead> known = KnownHead()) return *known;
  auto now = std::chrono::steady_clock::now();
  uint64_t commits = commits_.load();
  JournalHead head;
  {
    std::lock_guard lock(read_mu_);
    ASSIGN_OR_RETURN(head, Retrying(options_, [&] { return ReadHead(*read_conn_); }));
  }
  // Read after `commits` batches had ended: it is at least as new as the last of them.
  std::lock_guard lock(head_mu_);
  head_ = head;
  head_read_at_ = now;
  head_commits_ = commits;
  return head;
}

namespace {

// A verification's spill (journal.h): a private temporary database on disk, which SQLite
// deletes when it is closed, with a small page cache, so memory stays bounded however long the
// journal is. Its sort is SQLite's external merge sort.
class SqliteSpill final : public ReplaySpill {
 public:
  static Result<std::unique_ptr<SqliteSpill>> Open() {
    sqlite3* db = nullptr;
    // "": a private temporary on-disk database.
    if (sqlite3_open_v2("", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
      sqlite3_close(db);
      return Fail(ErrorCode::kStorage,
                  Msg("store.open_failed", {{"path", "(temporary)"}, {"reason", "cannot open"}}));
    }
    std::unique_ptr<SqliteSpill> spill(new SqliteSpill(db));
    for (const char* sql : {"PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF",
                            "PRAGMA temp_store = FILE", "PRAGMA cache_size = -16384",
                            "CREATE TABLE spill (t INTEGER, id TEXT, seq INTEGER, kind INTEGER, "
                            "hash BLOB, prev TEXT)",
                            "BEGIN"}) {
      TRY(Exec(db, sql));
    }
    ASSIGN_OR_RETURN(Statement insert,
                     Statement::Prepare(db, "INSERT INTO spill VALUES (?, ?, ?, ?, ?, ?)"));
    spill->insert_.emplace(std::move(insert));
    return spill;
  }
  ~SqliteSpill() override {
    insert_.reset();
    sqlite3_close(db_);
  }
  SqliteSpill(const SqliteSpill&) = delete;
  SqliteSpill& operator=(const SqliteSpill&) = delete;

  Result<void> Add(const SpilledChange& c) override {
    Statement& s = *insert_;
    s.Bind(1, static_cast<int64_t>(c.table));
    s.Bind(2, c.id);
    s.Bind(3, c.seq);
    s.Bind(4, static_cast<int64_t>(c.kind));
    s.Bind(5, c.hash);
    if (c.prev) s.Bind(6, *c.prev);
    TRY(s.Step());
    s.Reset();
    return {};
  }

  // Arrival order is rowid order.
  Result<void> ForEachSorted(
      const std::function<Result<void>(const SpilledChange&)>& each) override {
    ASSIGN_OR_RETURN(Statement stmt,
                     Statement::Prepare(db_,
                                        "SELECT t, id, seq, kind, hash, prev, rowid FROM spill "
                                        "ORDER BY t, id, rowid"));
    SpilledChange c;
    while (true) {
      ASSIGN_OR_RETURN(bool more, stmt.Step());
      if (!more) break;
      c.table = static_cast<int>(stmt.Int(0));
      c.id = stmt.Text(1);
      c.seq = stmt.Int(2);
      c.kind = static_cast<SpilledChange::Kind>(stmt.Int(3));
      c.hash = stmt.Text(4);
      if (stmt.IsNull(5)) {
        c.prev.reset();
      } else {
        c.prev = stmt.Text(5);
      }
      c.order = stmt.Int(6);
      TRY(each(c));
    }
    return {};
  }

 private:
  explicit SqliteSpill(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::optional<Statement> insert_;
};

constexpr int64_t kVerifyChunk = 4096;  // entries read per query

// Feeds `verifier` the entries after `after_seq` in chunks, then every journaled row.
Result<VerifyReport> RunVerifier(SqliteConnection& conn, JournalVerifier& verifier,
                                 int64_t after_seq) {
  ASSIGN_OR_RETURN(Statement stmt,
                   conn.Prepare(std::string("SELECT ") + kEntryColumns +
                                " FROM journal WHERE seq > ? ORDER BY seq LIMIT ?"));
  while (true) {
    stmt.Bind(1, after_seq);
    stmt.Bind(2, kVerifyChunk);
    int64_t read = 0;
    while (true) {
      ASSIGN_OR_RETURN(bool more, stmt.Step());
      if (!more) break;
      JournalEntry e = EntryFrom(stmt);
      after_seq = e.seq;
      ++read;
      TRY(verifier.Add(e));
    }
    stmt.Reset();
    if (read < kVerifyChunk) break;
  }
  const auto& tables = JournaledTables();
  for (size_t i = 0; i < tables.size(); ++i) {
    ASSIGN_OR_RETURN(Statement rows, conn.Prepare("SELECT * FROM " + tables[i]));
    while (true) {
      ASSIGN_OR_RETURN(bool more, rows.Step());
      if (!more) break;
      Row row = rows.RowImage();
      TRY(verifier.AddCurrent(static_cast<int>(i), row.value("id", ""), row));
    }
  }
  return verifier.Finish();
}

}  // namespace

// A verification reads for seconds or minutes: on a connection of its own, so that the reads of
// everyone else (and the journal head they need) never wait for it; in one read transaction, so
// the journal and the tables are seen at the same moment.
Result<VerifyReport> SqliteStore::OnOwnReader(
    const std::function<Result<VerifyReport>(SqliteConnection&)>& run) {
  ASSIGN_OR_RETURN(sqlite3 * db, Connect(options_, {"PRAGMA query_only = ON"}));
  Result<VerifyReport> r = [&]() -> Result<VerifyReport> {
    SqliteConnection conn(db);
    TRY(Exec(db, "BEGIN"));
    Result<VerifyReport> report = run(conn);
    (void)Exec(db, "COMMIT");
    return report;
  }();
  sqlite3_close(db);
  return r;
}

Result<VerifyReport> SqliteStore::Verify() {
  return OnOwnReader([](SqliteConnection& conn) -> Result<VerifyReport> {
    ASSIGN_OR_RETURN(std::unique_ptr<SqliteSpill> spill, SqliteSpill::Open());
    JournalVerifier verifier(*spill, JournaledTables());
    return RunVerifier(conn, verifier, 0);
  });
}

Result<VerifyReport> SqliteStore::VerifyFrom(int64_t seq) {
  return OnOwnReader([seq](SqliteConnection& conn) -> Result<VerifyReport> {
    // The partial index journal_checkpoints (migration 16) finds it without a scan.
    ASSIGN_OR_RETURN(Statement stmt,
                     conn.Prepare(std::string("SELECT ") + kEntryColumns +
                                  " FROM journal WHERE action = 'journal.checkpoint' AND "
                                  "seq <= ? ORDER BY seq DESC LIMIT 1"));
    stmt.Bind(1, seq);
    ASSIGN_OR_RETURN(bool found, stmt.Step());
    if (!found) {
      return Fail(ErrorCode::kNotFound,
                  Msg("journal.no_checkpoint", {{"seq", std::to_string(seq)}}));
    }
    JournalEntry checkpoint = EntryFrom(stmt);
    ASSIGN_OR_RETURN(std::unique_ptr<SqliteSpill> spill, SqliteSpill::Open());
    JournalVerifier verifier(*spill, JournaledTables());
    verifier.StartFrom(checkpoint);
    return RunVerifier(conn, verifier, checkpoint.seq);
  });
}

}  // namespace sokuo::store
