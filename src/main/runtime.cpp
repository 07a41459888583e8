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

Result<app::App*> ProcessRuntime::App(Open open) {
  if (app_) return app_.get();
  std::string where = StoreOf(g_);
  uint64_t limit = g_.evidence_limit_mb << 20;
  if (store::IsPostgresUrl(where)) {
    // The evidence is in the database, with the records (store/postgres/pg_blob_store.h);
    // DATA/evidence holds only uploads on their way there (serve's spool).
    TRY(platform::EnsureDirectory(g_.data + "/evidence"));
    ASSIGN_OR_RETURN(store_, store::PostgresStore::Open({.conninfo = where}));
    blobs_ = std::make_unique<store::PgBlobStore>(where, limit);
  } else if (where == "sqlite") {
    std::string db = g_.data + "/sokuo.db";
    if (open == Open::kExisting && !platform::Exists(db)) {
      return Fail(ErrorCode::kNotFound, Msg("cli.no_data", {{"dir", g_.data}}));
    }
    TRY(platform::EnsureDirectory(g_.data));
    // The server reads the journal head for every request (it keys the caches of the
    // organization, of checked tokens and of incident headers); once a millisecond is enough.
    ASSIGN_OR_RETURN(store_, store::SqliteStore::Open({.path = db, .head_cache_ms = 1}));
    TRY(platform::EnsureDirectory(g_.data + "/evidence"));
    blobs_ = std::make_unique<platform::FileBlobStore>(g_.data + "/evidence", limit);
  } else {
    return Fail(ErrorCode::kInvalidInput, Msg("cli.bad_store", {{"store", where}}));
  }
  app_ = std::make_unique<app::App>(*store_, clock_, blobs_.get(), &hasher_, &random_);
  app_->notifications().SetNotifier("email", &smtp_);
  app_->notifications().SetNotifier("webhook", &webhooks_);
  app_->notifications().SetNotifier("file", &file_);
  return app_.get();
}

Result<app::Actor> ProcessRuntime::Actor() {
  ASSIGN_OR_RETURN(app::App * app, App(Open::kExisting));
  return cli::ResolveActor(*app, g_.as);
}

}  // namespace sokuo
