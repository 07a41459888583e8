#include "store/sqlite/connection.h"

namespace sokuo::store {
namespace {

bool IsBusyCode(int code) {
  int primary = code & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

}  // namespace

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

JournalEntry EntryFrom(Statement& s) {
  return JournalEntry{s.Int(0),  s.Text(1), s.Text(2), s.Text(3),
                      s.Text(4), s.Text(5), s.Text(6), s.Text(7)};
}

}  // namespace sokuo::store
