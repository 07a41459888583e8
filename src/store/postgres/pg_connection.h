// The store's PostgreSQL connections (internal to store/postgres): libpqxx's exceptions as
// sokuo's errors, row images read from results, and statement parameters from row values.
// Included only by postgres/*.cpp: libpqxx's headers stay out of everything else.
#pragma once

#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <pqxx/pqxx>

#include "store/migrations.h"
#include "store/store.h"

namespace sokuo::store::pg {

// A libpqxx connection, under a name that pg_store.h can declare without libpqxx's headers.
class Connection : public pqxx::connection {
 public:
  using pqxx::connection::connection;
};

// PostgreSQL's errors as sokuo's: a broken connection, a server shutting down, a deadlock or a
// serialization failure are kUnavailable (store.unavailable: try again); a write refused by a
// read-only server (a replica not yet promoted) is kUnavailable with store.read_only; a
// violated constraint is kConflict; anything else kStorage. PostgreSQL's own text stays in
// Error::message, for logs.
Error ErrorOf(std::string_view step, const std::exception& e);

// Runs `f`, which returns a Result, and turns what libpqxx throws into the error of ErrorOf.
template <class F>
auto Guarded(std::string_view step, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    return Fail(ErrorOf(step, e));
  }
}

// The LISTEN/NOTIFY channel on which a write that added to the journal tells every server over
// the schema `schema` (pg_listen.cpp): sokuo over another schema of the same database does not
// hear it.
std::string ChangeChannel(const std::string& schema);
// The payload of one store's notifications, unlike any other store's (pg_listen.cpp).
std::string NotifyToken();

// `conninfo` (a URL or "key=value" pairs) as "key='value'" pairs with connect_timeout='10',
// when neither it, a service it names nor the environment's PGCONNECT_TIMEOUT sets a time:
// libpq waits for ever for a server that does not answer (a site cut off). Unchanged when it
// sets one, or when libpq cannot read it (Connect then says why).
std::string WithConnectTimeout(const std::string& conninfo);

// A connection with sokuo's settings: UTF-8 on the client, and a server database in UTF-8
// (sokuo's text is UTF-8; another encoding would refuse or change some of it); at most 10 s to
// connect unless `conninfo` says otherwise (WithConnectTimeout).
Result<std::unique_ptr<Connection>> Connect(const std::string& conninfo);

// Opens `conn` again when it is missing or broke.
Result<void> Reconnect(std::unique_ptr<Connection>& conn, const std::string& conninfo);

// Forgets `conn` after an error that may have broken it, so that the next call opens it again.
template <class T>
Result<T> ForgetIfBroken(Result<T> r, std::unique_ptr<Connection>& conn) {
  if (!r && (r.error().msg.code == "store.unavailable" || (conn && !conn->is_open()))) {
    conn.reset();
  }
  return r;
}

// The row image of a result row: NULL as null, integer columns as integers, the rest as text.
Row RowImage(const pqxx::row& row);
// A journal entry from a row of `SELECT kEntryColumns FROM journal`.
JournalEntry EntryFrom(const pqxx::row& row);

// Statement parameters from row values: a string as it is, an integer in decimal, null as
// SQL NULL. PostgreSQL takes each as the type of what it is compared with or stored in.
class Params {
 public:
  void Add(const Row& value);
  size_t size() const { return texts_.size(); }
  // For exec_params; valid while this lives and nothing is added.
  auto Dynamic() {
    pointers_.clear();
    for (size_t i = 0; i < texts_.size(); ++i) {
      pointers_.push_back(null_[i] ? nullptr : texts_[i].c_str());
    }
    return pqxx::prepare::make_dynamic_params(pointers_);
  }

 private:
  std::vector<std::string> texts_;
  std::vector<bool> null_;
  std::vector<const char*> pointers_;
};

// The rows of `table` (journaled or private), or those whose `column` equals `value`.
Result<Table> ReadTable(pqxx::transaction_base& t, const std::string& table,
                        const std::string& column = {}, const Row& value = nullptr);
// Those whose `column` equals any of `values` (a JSON array), in one statement; with no column,
// every row.
Result<Table> ReadTableWhereAny(pqxx::transaction_base& t, const std::string& table,
                                const std::string& column, const Row& values);
Result<JournalHead> ReadHead(pqxx::transaction_base& t);
// Tx::LastChange without the transaction's unjournaled changes (table_changes, migration 17).
Result<std::string> ReadLastChange(pqxx::transaction_base& t, std::span<const std::string> tables);

// Migration `m` in PostgreSQL's SQL (pg_schema.cpp): its own text when it has one, else its
// description rendered: INTEGER as BIGINT (SQLite's integers are 64-bit), and each column's
// REFERENCES as a foreign key added after the migration's last table, since PostgreSQL, unlike
// SQLite, needs the table referred to to exist already.
std::string RenderMigration(const Migration& m);

}  // namespace sokuo::store::pg
