// Journal verification on SQLite (the shared part is store/journal.h): the entries read in
// chunks, the row images spilled to a private temporary database, on a connection of its own.
#include <memory>
#include <optional>

#include "store/journal.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/sqlite_store.h"
#include "store/tables.h"

namespace sokuo::store {

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
