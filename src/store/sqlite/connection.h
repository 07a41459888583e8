// The store's SQLite connections (internal to store/sqlite): SQLite's errors as sokuo's (a busy
// database is store.busy, and tried again), statements prepared once and lent out, and a
// connection opened with sokuo's settings. Used by the store (sqlite_store.cpp) and its
// verification (sqlite_verify.cpp).
#pragma once

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <initializer_list>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>

#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace sokuo::store {

// An error of SQLite: `code` is its (extended) result code. The database being busy or locked
// is kUnavailable with store.busy, which names no SQLite internals; SQLite's text stays in
// `message`, which is for logs.
Error SqlError(int code, std::string_view step, const std::string& text);
Error SqlError(sqlite3* db, std::string_view step);
bool IsBusy(const Error& e);
Result<void> Exec(sqlite3* db, const char* sql);

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
  double Double(int col) { return sqlite3_column_double(stmt_, col); }
  // Valid until the next Step, Reset or another read of the column.
  std::string_view TextView(int col) {
    const unsigned char* p = sqlite3_column_text(stmt_, col);
    return p == nullptr ? std::string_view()
                        : std::string_view(reinterpret_cast<const char*>(p),
                                           static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
  }
  int ColumnCount() { return sqlite3_column_count(stmt_); }
  std::string ColumnName(int col) { return sqlite3_column_name(stmt_, col); }
  // SQLITE_NULL, SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT or SQLITE_BLOB.
  int ColumnType(int col) { return sqlite3_column_type(stmt_, col); }
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

// A connection to the file with sokuo's settings; `pragmas` run first (retried while busy).
Result<sqlite3*> Connect(const SqliteOptions& options, std::initializer_list<const char*> pragmas);

// A journal entry from a row of `SELECT kEntryColumns FROM journal`.
JournalEntry EntryFrom(Statement& s);

}  // namespace sokuo::store
