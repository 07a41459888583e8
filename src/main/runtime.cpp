#include "main/runtime.h"

#include <cctype>
#include <fstream>
#include <iostream>

#include "platform/files.h"
#include "store/postgres/pg_blob_store.h"
#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"

namespace sokuo {

Lang LangFromEnvironment() {
  for (const char* name : {"SOKUO_LANG", "LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') continue;
    if (auto lang = ParseLang(value)) return *lang;
  }
  return Lang::kJa;
}

ProcessRuntime::ProcessRuntime(Globals& g) : g_(g), output_{false, std::cout, std::cerr} {}

cli::Output& ProcessRuntime::out() {
  output_.json = g_.json;
  output_.lang = g_.lang;
  return output_;
}

std::string StoreOf(const Globals& g) {
  if (!g.store.empty()) return g.store;
  std::ifstream file(g.data + "/store");
  std::string line;
  if (file && std::getline(file, line)) {
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
    if (!line.empty()) return line;
  }
  return "sqlite";
}

Result<std::unique_ptr<OpenedStore>> ProcessRuntime::OpenAt(const std::string& location,
                                                            Open open) {
  auto opened = std::make_unique<OpenedStore>();
  uint64_t limit = g_.evidence_limit_mb << 20;
  if (store::IsPostgresUrl(location)) {
    // As the SQLite store below: the head read once a millisecond at most.
    ASSIGN_OR_RETURN(opened->store,
                     store::PostgresStore::Open({.conninfo = location, .head_cache_ms = 1}));
    // The evidence is in the database, with the records (store/postgres/pg_blob_store.h).
    opened->blobs = std::make_unique<store::PgBlobStore>(location, limit);
  } else if (location.rfind("sqlite:", 0) == 0 && location.size() > 7) {
    std::string dir = location.substr(7);
    std::string db = dir + "/sokuo.db";
    if (open == Open::kExisting && !platform::Exists(db)) {
      return Fail(ErrorCode::kNotFound, Msg("cli.no_data", {{"dir", dir}}));
    }
    TRY(platform::EnsureDirectory(dir));
    // The server reads the journal head for every request (it keys the caches of the
    // organization, of checked tokens and of incident headers); once a millisecond is enough.
    // A server holding the directory may be of an older sokuo: after an upgrade of the file it
    // would still write as its own version does (and migration 25 moved the incident list's
    // index out of the database's triggers), so the file is upgraded only with no server on it.
    auto unserved = [dir](int64_t from, int64_t to) -> Result<void> {
      std::string holder;
      ASSIGN_OR_RETURN(std::optional<platform::FileLock> lock,
                       platform::FileLock::TryAcquire(dir + "/serve.lock", holder));
      if (lock) return {};
      return Fail(ErrorCode::kConflict,
                  Msg("store.upgrade_while_serving", {{"dir", dir},
                                                      {"pid", holder.empty() ? "?" : holder},
                                                      {"from", std::to_string(from)},
                                                      {"to", std::to_string(to)}}));
    };
    ASSIGN_OR_RETURN(
        opened->store,
        store::SqliteStore::Open({.path = db, .head_cache_ms = 1, .before_migrating = unserved}));
    TRY(platform::EnsureDirectory(dir + "/evidence"));
    opened->blobs = std::make_unique<platform::FileBlobStore>(dir + "/evidence", limit);
  } else {
    return Fail(ErrorCode::kInvalidInput, Msg("cli.bad_store", {{"store", location}}));
  }
  opened->app =
      std::make_unique<app::App>(*opened->store, clock_, opened->blobs.get(), &hasher_, &random_);
  opened->app->notifications().SetNotifier("email", &smtp_);
  opened->app->notifications().SetNotifier("webhook", &webhooks_);
  opened->app->notifications().SetNotifier("file", &file_);
  return opened;
}

Result<app::App*> ProcessRuntime::App(Open open) {
  if (opened_) return opened_->app.get();
  std::string where = StoreOf(g_);
  if (where == "sqlite") where = "sqlite:" + g_.data;
  // With PostgreSQL, the data directory keeps serve.lock, the TLS files and, in evidence/, the
  // uploads on their way into the database (serve's spool).
  if (store::IsPostgresUrl(where)) {
    TRY(platform::EnsureDirectory(g_.data + "/evidence"));
  }
  ASSIGN_OR_RETURN(opened_, OpenAt(where, open));
  return opened_->app.get();
}

Result<app::Actor> ProcessRuntime::Actor() {
  ASSIGN_OR_RETURN(app::App * app, App(Open::kExisting));
  return cli::ResolveActor(*app, g_.as);
}

}  // namespace sokuo
