#include "store/postgres/pg_connection.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cstdlib>
#include <span>

#include "store/journal.h"
#include "store/migrations.h"
#include "store/tables.h"

namespace sokuo::store::pg {
namespace {

// PostgreSQL's type OIDs of the integers (pg_type.h).
constexpr pqxx::oid kInt8 = 20, kInt2 = 21, kInt4 = 23;

bool Unavailable(const std::string& state) {
  return state.rfind("08", 0) == 0      // connection exception
         || state.rfind("57P", 0) == 0  // the server shutting down or restarting
         || state == "40001"            // serialization failure
         || state == "40P01"            // deadlock
         || state == "55P03";           // lock not available
}

}  // namespace

Error ErrorOf(std::string_view step, const std::exception& e) {
  Message detailed = Msg("store.sql_failed", {{"step", std::string(step)}, {"text", e.what()}});
  std::string log = Render(detailed, Lang::kEn);
  if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr) {
    return Error{ErrorCode::kUnavailable, std::move(log), {}, {}, Msg("store.unavailable")};
  }
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    const std::string& state = sql->sqlstate();
    if (state == "25006") {  // read_only_sql_transaction: a standby
      return Error{ErrorCode::kUnavailable, std::move(log), {}, {}, Msg("store.read_only")};
    }
    if (Unavailable(state)) {
      return Error{ErrorCode::kUnavailable, std::move(log), {}, {}, Msg("store.unavailable")};
    }
    if (state == "23503") {  // foreign_key_violation: a reference to a row that is not there
      return Error{ErrorCode::kConflict, std::move(log), {}, {}, Msg("store.reference_missing")};
    }
    if (state.rfind("23", 0) == 0) {  // integrity constraint violation
      return Error{ErrorCode::kConflict, std::move(log), {}, {}, std::move(detailed)};
    }
  }
  return Error{ErrorCode::kStorage, std::move(log), {}, {}, std::move(detailed)};
}

std::string WithConnectTimeout(const std::string& conninfo) {
  const char* from_environment = std::getenv("PGCONNECT_TIMEOUT");
  if (from_environment != nullptr && *from_environment != '\0') return conninfo;
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  PQfreemem(error);
  if (options == nullptr) return conninfo;
  // Written again as libpq read it (only what the string gives has a value), each value quoted,
  // so that a URL's query or a value's backslash cannot change the meaning of what is added.
  std::string out;
  bool keep = false;  // a time is given, or a service file may give one
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val == nullptr) continue;
    std::string_view keyword(o->keyword);
    keep = keep || keyword == "connect_timeout" || keyword == "service";
    out += std::string(keyword) + "='";
    for (const char* c = o->val; *c != '\0'; ++c) {
      if (*c == '\\' || *c == '\'') out += '\\';
      out += *c;
    }
    out += "' ";
  }
  PQconninfoFree(options);
  if (keep) return conninfo;
  return out + "connect_timeout='10'";
}

Result<std::unique_ptr<Connection>> Connect(const std::string& conninfo) {
  return Guarded("connect", [&]() -> Result<std::unique_ptr<Connection>> {
    auto conn = std::make_unique<Connection>(WithConnectTimeout(conninfo));
    conn->set_client_encoding("UTF8");
    pqxx::nontransaction t(*conn);
    std::string encoding = t.exec1("SHOW server_encoding")[0].c_str();
    if (encoding != "UTF8") {
      return Fail(ErrorCode::kStorage, Msg("store.postgres_encoding", {{"encoding", encoding}}));
    }
    return conn;
  });
}

Result<void> Reconnect(std::unique_ptr<Connection>& conn, const std::string& conninfo) {
  if (conn && conn->is_open()) return {};
  conn.reset();
  ASSIGN_OR_RETURN(conn, Connect(conninfo));
  return {};
}

Row RowImage(const pqxx::row& row) {
  Row image = Row::object();
  for (const pqxx::field& f : row) {
    Row& value = image[f.name()];
    if (f.is_null()) continue;  // stays null
    pqxx::oid type = f.type();
    if (type == kInt8 || type == kInt4 || type == kInt2) {
      value = f.as<int64_t>();
    } else {
      value = std::string(f.c_str(), f.size());
    }
  }
  return image;
}

JournalEntry EntryFrom(const pqxx::row& r) {
  auto text = [&](int i) { return std::string(r[i].c_str(), r[i].size()); };
  return JournalEntry{
      r[0].as<int64_t>(), text(1), text(2), text(3), text(4), text(5), text(6), text(7)};
}

void Params::Add(const Row& value) {
  null_.push_back(value.is_null());
  if (value.is_string()) {
    texts_.push_back(value.get<std::string>());
  } else if (value.is_null()) {
    texts_.emplace_back();
  } else {
    texts_.push_back(value.dump());  // an integer (or boolean or float) in JSON's own notation
  }
}

Result<Table> ReadTable(pqxx::transaction_base& t, const std::string& table,
                        const std::string& column, const Row& value) {
  return ReadTableWhereAny(t, table, column, column.empty() ? Row::array() : Row::array({value}));
}

Result<Table> ReadTableWhereAny(pqxx::transaction_base& t, const std::string& table,
                                const std::string& column, const Row& values) {
  TRY(CheckReadNames(table, {&column}));
  Params params;
  std::string sql = "SELECT * FROM " + table;
  if (!column.empty()) {
    if (values.empty()) return Table();
    std::string any;
    for (const Row& value : values) {
      params.Add(value);
      any += (any.empty() ? "$" : ", $") + std::to_string(params.size());
    }
    sql += " WHERE " + column + " IN (" + any + ")";
  }
  pqxx::result r = t.exec_params(sql, params.Dynamic());
  Table rows;
  for (const pqxx::row& row : r) {
    Row image = RowImage(row);
    std::string id = image.value("id", "");
    rows.emplace(std::move(id), std::move(image));
  }
  return rows;
}

Result<JournalHead> ReadHead(pqxx::transaction_base& t) {
  pqxx::result r = t.exec("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1");
  if (r.empty()) return JournalHead{0, kGenesisHash};
  return JournalHead{r[0][0].as<int64_t>(), r[0][1].c_str()};
}

Result<std::string> ReadLastChange(pqxx::transaction_base& t, std::span<const std::string> tables) {
  int64_t newest = -1;
  std::string hash;
  for (const pqxx::row& row : t.exec("SELECT tbl, seq, hash FROM table_changes")) {
    std::string table = row[0].c_str();
    auto seq = row[1].as<int64_t>();
    if (seq <= newest ||
        (table != "*" && std::find(tables.begin(), tables.end(), table) == tables.end())) {
      continue;
    }
    newest = seq;
    hash = row[2].c_str();
  }
  return hash;
}

}  // namespace sokuo::store::pg
