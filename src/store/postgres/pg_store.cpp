#include "store/postgres/pg_store.h"

#include <cstdlib>
#include <mutex>
#include <optional>
#include <span>
#include <string_view>
#include <utility>

#include "store/journal.h"
#include "store/journaled_tx.h"
#include "store/migrations.h"
#include "store/postgres/pg_connection.h"
#include "store/row_page.h"
#include "store/tables.h"

namespace sokuo::store {

using pg::Guarded;
using pg::Params;

namespace {

// Taken by Migrate, so that two servers starting at once do not both migrate; a constant of
// sokuo's own (pg_advisory_xact_lock's key space is the database's).
constexpr int64_t kSchemaLock = 0x736f6b756f;  // "sokuo"

// A write transaction: the journaling is JournaledTx's, the rows and the journal PostgreSQL's.
class PgTx final : public JournaledTx {
 public:
  PgTx(pqxx::work& t, JournalHead head, int64_t checkpoint_every)
      : JournaledTx(std::move(head), checkpoint_every), t_(t) {}

  Result<Table> Read(const std::string& table) override {
    return Guarded("read", [&] { return pg::ReadTable(t_, table); });
  }
  Result<Table> ReadWhere(const std::string& table, const std::string& column,
                          const Row& value) override {
    return Guarded("read", [&] { return pg::ReadTable(t_, table, column, value); });
  }
  Result<Table> ReadWhereAny(const std::string& table, const std::string& column,
                             const std::vector<std::string>& values) override {
    return Guarded("read", [&] { return pg::ReadTableWhereAny(t_, table, column, Row(values)); });
  }

 private:
  Result<int64_t> MaxWhere(const std::string& table, const std::string& column,
                           const std::string& where_column, const Row& value) override {
    return Guarded("max", [&]() -> Result<int64_t> {
      Params params;
      params.Add(value);
      return t_
          .exec_params1("SELECT COALESCE(MAX(" + column + "), 0) FROM " + table + " WHERE " +
                            where_column + " = $1",
                        params.Dynamic())[0]
          .as<int64_t>();
    });
  }

  Result<void> DeleteWhere(const std::string& table, const std::string& column,
                           const Row& value) override {
    return Guarded("delete", [&]() -> Result<void> {
      Params params;
      params.Add(value);
      t_.exec_params("DELETE FROM " + table + " WHERE " + column + " = $1", params.Dynamic());
      return {};
    });
  }

  Result<std::optional<Row>> StoredRow(const std::string& table, const std::string& id) override {
    return Guarded("read", [&]() -> Result<std::optional<Row>> {
      pqxx::result r = t_.exec_params("SELECT * FROM " + table + " WHERE id = $1", id);
      if (r.empty()) return std::optional<Row>();
      return std::optional<Row>(pg::RowImage(r[0]));
    });
  }

  Result<void> UpsertRow(const std::string& table, const std::string& id, const Row& row,
                         bool fresh) override {
    if (!row.is_object() || row.value("id", "") != id) {
      return Fail(ErrorCode::kInternal,
                  Msg("store.row_without_id", {{"table", table}, {"id", id}}));
    }
    std::string columns, values, updates;
    Params params;
    for (const auto& [name, value] : row.items()) {
      if (!IsColumnName(name)) {
        return Fail(ErrorCode::kInternal, Msg("store.bad_column", {{"column", name}}));
      }
      params.Add(value);
      columns += (columns.empty() ? "" : ", ") + name;
      values += (values.empty() ? "$" : ", $") + std::to_string(params.size());
      if (name != "id") updates += (updates.empty() ? "" : ", ") + name + " = EXCLUDED." + name;
    }
    std::string sql = "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")";
    if (!fresh) {
      sql += updates.empty() ? " ON CONFLICT (id) DO NOTHING"
                             : " ON CONFLICT (id) DO UPDATE SET " + updates;
    }
    return Guarded("write", [&]() -> Result<void> {
      t_.exec_params(sql, params.Dynamic());
      return {};
    });
  }

  Result<bool> DeleteRow(const std::string& table, const std::string& id) override {
    return Guarded("delete", [&]() -> Result<bool> {
      return t_.exec_params("DELETE FROM " + table + " WHERE id = $1", id).affected_rows() > 0;
    });
  }

  Result<void> InsertEntry(const JournalEntry& e) override {
    return Guarded("journal", [&]() -> Result<void> {
      t_.exec_params(std::string("INSERT INTO journal (") + kEntryColumns +
                         ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                     e.seq, e.at, e.actor, e.action, e.subject, e.body, e.prev_hash, e.hash);
      return {};
    });
  }

  Result<void> RecordTableChange(std::string_view table, int64_t seq,
                                 const std::string& hash) override {
    return Guarded("journal", [&]() -> Result<void> {
      t_.exec_params(
          "INSERT INTO table_changes (tbl, seq, hash) VALUES ($1, $2, $3) "
          "ON CONFLICT (tbl) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash",
          std::string(table), seq, hash);
      return {};
    });
  }

  Result<std::string> RecordedLastChange(std::span<const std::string> tables) override {
    return Guarded("read", [&] { return pg::ReadLastChange(t_, tables); });
  }

  Result<std::optional<std::pair<int64_t, StateDigest>>> StoredState() override {
    using Stored = std::optional<std::pair<int64_t, StateDigest>>;
    return Guarded("read", [&]() -> Result<Stored> {
      pqxx::result r = t_.exec("SELECT seq, digest, rows FROM journal_state WHERE id = 'state'");
      if (r.empty()) return Stored();
      auto state =
          StateDigest::FromJson({{"digest", r[0][1].c_str()}, {"rows", r[0][2].as<int64_t>()}});
      if (!state) return Stored();
      return Stored(std::in_place, r[0][0].as<int64_t>(), *state);
    });
  }

  Result<void> StoreState(int64_t seq, const StateDigest& state) override {
    return Guarded("journal", [&]() -> Result<void> {
      t_.exec_params(
          "INSERT INTO journal_state (id, seq, digest, rows) VALUES ('state', $1, $2, $3) "
          "ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, digest = EXCLUDED.digest, "
          "rows = EXCLUDED.rows",
          seq, state.Hex(), state.rows());
      return {};
    });
  }

  Result<void> EachRow(const std::string& table,
                       const std::function<void(const Row&)>& each) override {
    return Guarded("read", [&]() -> Result<void> {
      for (const pqxx::row& row : t_.exec("SELECT * FROM " + table)) each(pg::RowImage(row));
      return {};
    });
  }

  pqxx::work& t_;
};

}  // namespace

bool IsPostgresUrl(const std::string& store) {
  return store.rfind("postgresql://", 0) == 0 || store.rfind("postgres://", 0) == 0;
}

Result<std::unique_ptr<PostgresStore>> PostgresStore::Open(const PostgresOptions& options) {
  std::unique_ptr<PostgresStore> store(new PostgresStore(options));
  {
    std::lock_guard lock(store->mu_);
    TRY(pg::Reconnect(store->writer_, options.conninfo));
    ASSIGN_OR_RETURN(std::string schema, Guarded("connect", [&]() -> Result<std::string> {
                       pqxx::nontransaction t(*store->writer_);
                       return std::string(t.exec1("SELECT current_schema()")[0].c_str());
                     }));
    store->channel_ = pg::ChangeChannel(schema);
  }
  TRY(store->Migrate());
  return store;
}

PostgresStore::PostgresStore(PostgresOptions options)
    : options_(std::move(options)), notify_token_(pg::NotifyToken()) {}

PostgresStore::~PostgresStore() {
  stop_listening_.store(true);
  std::lock_guard lock(listen_mu_);
  if (listener_.joinable()) listener_.join();
}

int PostgresStore::SchemaVersion() {
  auto version = OnReader<int64_t>([](pg::Connection& conn) -> Result<int64_t> {
    pqxx::nontransaction t(conn);
    pqxx::result r = t.exec("SELECT version FROM schema_version WHERE id = 'schema'");
    return r.empty() ? int64_t{0} : r[0][0].as<int64_t>();
  });
  return version ? static_cast<int>(*version) : -1;
}

Result<void> PostgresStore::Migrate() {
  std::lock_guard lock(mu_);
  int64_t newest = NewestMigration();
  // A schema already current is only read: a standby (read-only) opens too.
  auto applied = Guarded("migrate", [&]() -> Result<int64_t> {
    pqxx::nontransaction t(*writer_);
    if (t.exec1("SELECT to_regclass('schema_version') IS NULL")[0].as<bool>()) return 0;
    pqxx::result r = t.exec("SELECT version FROM schema_version WHERE id = 'schema'");
    return r.empty() ? int64_t{0} : r[0][0].as<int64_t>();
  });
  if (applied && *applied == newest) return {};
  return Guarded("migrate", [&]() -> Result<void> {
    pqxx::work t(*writer_);
    t.exec_params("SELECT pg_advisory_xact_lock($1)", kSchemaLock);
    t.exec(
        "CREATE TABLE IF NOT EXISTS schema_version (id TEXT PRIMARY KEY CHECK (id = 'schema'), "
        "version BIGINT NOT NULL)");
    pqxx::result r = t.exec("SELECT version FROM schema_version WHERE id = 'schema'");
    auto apply = [&](const Migration& m) -> Result<void> {
      try {
        t.exec(pg::RenderMigration(m));
      } catch (const std::exception& e) {
        return Fail(ErrorCode::kStorage,
                    Msg("store.sql_failed", {{"step", "migrate"}, {"text", e.what()}}));
      }
      t.exec_params(
          "INSERT INTO schema_version (id, version) VALUES ('schema', $1) "
          "ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version",
          m.version);
      return {};
    };
    TRY(ApplyMigrations(r.empty() ? 0 : r[0][0].as<int64_t>(), apply));
    t.commit();
    return {};
  });
}

// Group commit (write_batcher.h): the works that queue while a batch runs go together in one
// transaction, one turn on the journal's lock and one commit.
Result<void> PostgresStore::Write(const std::function<Result<void>(Tx&)>& work) {
  return batcher_.Write(work, [this](const auto& batch) { CommitBatch(batch); });
}

void PostgresStore::CommitBatch(const std::vector<WriteBatcher::Queued*>& batch) {
  std::unique_lock lock(mu_);
  // Whatever the batch did, a head read before it ends is no longer to be trusted.
  struct Moved {
    HeadCache& head;
    ~Moved() { head.Moved(); }
  } moved{head_};
  bool appended = false;  // by a work that succeeded
  auto committed = [&]() -> Result<void> {
    TRY(pg::Reconnect(writer_, options_.conninfo));
    return Guarded("write", [&]() -> Result<void> {
      pqxx::work t(*writer_);
      // One writer at a time on the journal (see pg_store.h); readers go on.
      t.exec("LOCK TABLE journal IN SHARE ROW EXCLUSIVE MODE");
      // One work: the transaction's head as the works before it left it, the work, the check
      // that it journaled every change.
      auto run = [&](const WriteBatcher::Work& work) -> Result<void> {
        ASSIGN_OR_RETURN(JournalHead head, Guarded("write", [&] { return pg::ReadHead(t); }));
        PgTx tx(t, head, options_.checkpoint_every);
        TRY(work(tx));
        if (tx.HasUnjournaledChanges()) {
          return Fail(ErrorCode::kInternal, Msg("store.unjournaled_change"));
        }
        appended = appended || tx.Appended();
        return {};
      };
      // exec_params even without parameters: libpqxx ends the whole transaction when a plain
      // exec fails, and a work's failure must end its savepoint alone.
      auto statement = [&t](const char* sql) {
        return Guarded("write", [&t, sql]() -> Result<void> {
          t.exec_params(sql);
          return {};
        });
      };
      // Checked now, then deferred again for the next work (ErrorOf says an unmet reference
      // plainly; PostgreSQL's words, which key, stay in the error's English text). A work
      // alone is checked by the commit, which says it in the same words: two round trips less.
      auto settled = [&]() -> Result<void> {
        TRY(statement("SET CONSTRAINTS ALL IMMEDIATE"));
        return statement("SET CONSTRAINTS ALL DEFERRED");
      };
      bool any = WriteBatcher::RunEach(
          batch, run,
          {.begin = [&] { return statement("SAVEPOINT work"); },
           .undo = [&] { return statement("ROLLBACK TO SAVEPOINT work"); },
           .release = [&] { return statement("RELEASE SAVEPOINT work"); },
           .settled = batch.size() == 1 ? std::function<Result<void>()>() : settled});
      if (!any) return {};  // the transaction ends unmade
      // Sent to every listener when the transaction commits, and not at all when it does not.
      if (appended) t.exec_params("SELECT pg_notify($1, $2)", channel_, notify_token_);
      t.commit();
      return {};
    });
  }();
  committed = pg::ForgetIfBroken(std::move(committed), writer_);
  if (!committed) {
    for (WriteBatcher::Queued* q : batch) {
      if (q->result) q->result = committed;
    }
    return;
  }
  if (appended) {
    head_.Moved();  // before the listener, which may ask for the head at once
    lock.unlock();  // the listener's work is not the writer's
    changed_.Fire();
  }
}

template <class T>
Result<T> PostgresStore::OnReader(const std::function<Result<T>(pg::Connection&)>& read) {
  std::lock_guard lock(read_mu_);
  TRY(pg::Reconnect(reader_, options_.conninfo));
  return pg::ForgetIfBroken(Guarded("read", [&] { return read(*reader_); }), reader_);
}
// The lists (pg_lists.cpp) read pages through it from their own file.
template Result<RowPage> PostgresStore::OnReader(
    const std::function<Result<RowPage>(pg::Connection&)>& read);

Result<Table> PostgresStore::Read(const std::string& table) {
  return OnReader<Table>([&](pg::Connection& conn) {
    pqxx::nontransaction t(conn);
    return pg::ReadTable(t, table);
  });
}

Result<Table> PostgresStore::ReadWhere(const std::string& table, const std::string& column,
                                       const Row& value) {
  return OnReader<Table>([&](pg::Connection& conn) {
    pqxx::nontransaction t(conn);
    return pg::ReadTable(t, table, column, value);
  });
}

Result<std::vector<Row>> PostgresStore::ReadFirst(const std::string& table,
                                                  const std::string& column, const Row& value,
                                                  const std::string& order, size_t limit) {
  TRY(CheckReadNames(table, {&column, &order}));
  return OnReader<std::vector<Row>>([&](pg::Connection& conn) -> Result<std::vector<Row>> {
    pqxx::nontransaction t(conn);
    pg::Params params;
    params.Add(value);
    params.Add(static_cast<int64_t>(limit));
    std::vector<Row> rows;
    for (const pqxx::row& row : t.exec_params("SELECT * FROM " + table + " WHERE " + column +
                                                  " = $1 ORDER BY " + order + ", id LIMIT $2",
                                              params.Dynamic())) {
      rows.push_back(pg::RowImage(row));
    }
    return rows;
  });
}

Result<std::vector<JournalEntry>> PostgresStore::ReadJournal(const JournalQuery& q) {
  return OnReader<std::vector<JournalEntry>>(
      [&](pg::Connection& conn) -> Result<std::vector<JournalEntry>> {
        pqxx::nontransaction t(conn);
        std::string sql = std::string("SELECT ") + kEntryColumns + " FROM journal WHERE seq > $1" +
                          (q.subject.empty() ? " AND $2 = ''" : " AND subject = $2") +
                          " ORDER BY seq LIMIT $3";
        std::vector<JournalEntry> out;
        for (const pqxx::row& row :
             t.exec_params(sql, q.after_seq, q.subject, static_cast<int64_t>(q.limit))) {
          out.push_back(pg::EntryFrom(row));
        }
        return out;
      });
}

std::optional<JournalHead> PostgresStore::KnownHead() { return head_.Known(); }

Result<JournalHead> PostgresStore::Head() {
  return head_.Get([this] {
    return OnReader<JournalHead>([](pg::Connection& conn) {
      pqxx::nontransaction t(conn);
      return pg::ReadHead(t);
    });
  });
}

// A standby in recovery, or a server (or database) set to read-only transactions.
Result<bool> PostgresStore::ReadOnly() {
  return OnReader<bool>([](pg::Connection& conn) -> Result<bool> {
    pqxx::nontransaction t(conn);
    return t
        .exec1("SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on'")[0]
        .as<bool>();
  });
}

Result<std::string> PostgresStore::LastChange(std::span<const std::string> tables) {
  return OnReader<std::string>([&](pg::Connection& conn) {
    pqxx::nontransaction t(conn);
    return pg::ReadLastChange(t, tables);
  });
}

}  // namespace sokuo::store
