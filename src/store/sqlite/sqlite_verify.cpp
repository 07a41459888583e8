// Journal verification on SQLite (the shared parts are store/journal.h and store/file_spill.h):
// the entries read in chunks, on a connection of its own.

#include <algorithm>
#include <charconv>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "store/file_spill.h"
#include "store/journal.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/sqlite_store.h"
#include "store/tables.h"

namespace sokuo::store {

namespace {

constexpr int64_t kVerifyChunk = 4096;  // entries read per query

// CanonicalJson(stmt.RowImage()) written straight from the columns of `SELECT *`, without
// building JSON: the names in bytewise order, then each value as nlohmann writes it (a float,
// rare, through nlohmann itself).
class CanonicalRowWriter {
 public:
  explicit CanonicalRowWriter(Statement& stmt) {
    int n = stmt.ColumnCount();
    for (int i = 0; i < n; ++i) columns_.push_back({stmt.ColumnName(i), i});
    std::sort(columns_.begin(), columns_.end());
    for (size_t i = 1; i < columns_.size(); ++i) {
      if (columns_[i - 1].name == columns_[i].name) duplicate_names_ = true;
    }
    for (size_t i = 0; i < columns_.size(); ++i) {
      Column& c = columns_[i];
      if (c.name == "id") id_column_ = c.index;
      std::string name = std::move(c.name);
      c.name = i == 0 ? "{" : ",";
      AppendCanonicalString(c.name, name);
      c.name += ':';
    }
  }

  // false when the row must go through RowImage instead: its id is not text (or it has none),
  // or two columns share a name.
  bool Write(Statement& stmt, std::string& out, std::string_view& id) {
    if (duplicate_names_ || id_column_ < 0 || stmt.ColumnType(id_column_) != SQLITE_TEXT) {
      return false;
    }
    out.clear();
    for (const Column& c : columns_) {
      out += c.name;
      switch (stmt.ColumnType(c.index)) {
        case SQLITE_NULL:
          out += "null";
          break;
        case SQLITE_INTEGER: {
          char digits[24];
          auto r = std::to_chars(digits, digits + sizeof digits, stmt.Int(c.index));
          out.append(digits, r.ptr);
          break;
        }
        case SQLITE_FLOAT:
          out += CanonicalJson(nlohmann::json(stmt.Double(c.index)));
          break;
        default:
          AppendCanonicalString(out, stmt.TextView(c.index));
      }
    }
    out += columns_.empty() ? "{}" : "}";
    id = stmt.TextView(id_column_);
    return true;
  }

 private:
  struct Column {
    std::string name;  // sorted by the name; then its key as written: `{"name":` or `,"name":`
    int index;
    bool operator<(const Column& o) const { return name < o.name; }
  };
  std::vector<Column> columns_;
  int id_column_ = -1;
  bool duplicate_names_ = false;
};

// EntryFrom into an entry whose strings are reused.
void ReadEntry(Statement& s, JournalEntry& e) {
  e.seq = s.Int(0);
  std::string* fields[] = {&e.at, &e.actor, &e.action, &e.subject, &e.body, &e.prev_hash, &e.hash};
  for (int i = 0; i < 7; ++i) fields[i]->assign(s.TextView(i + 1));
}

// Feeds `verifier` the entries after `after_seq` in chunks, then every journaled row.
Result<VerifyReport> RunVerifier(SqliteConnection& conn, JournalVerifier& verifier,
                                 int64_t after_seq) {
  ASSIGN_OR_RETURN(Statement stmt,
                   conn.Prepare(std::string("SELECT ") + kEntryColumns +
                                " FROM journal WHERE seq > ? ORDER BY seq LIMIT ?"));
  JournalEntry e;  // reused: its strings keep their room from entry to entry
  while (true) {
    stmt.Bind(1, after_seq);
    stmt.Bind(2, kVerifyChunk);
    int64_t read = 0;
    while (true) {
      ASSIGN_OR_RETURN(bool more, stmt.Step());
      if (!more) break;
      ReadEntry(stmt, e);
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
    CanonicalRowWriter writer(rows);
    std::string text;
    while (true) {
      ASSIGN_OR_RETURN(bool more, rows.Step());
      if (!more) break;
      std::string_view id;
      if (writer.Write(rows, text, id)) {
        TRY(verifier.AddCurrentCanonical(static_cast<int>(i), id, text));
        continue;
      }
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
  return OnOwnReader([this](SqliteConnection& conn) -> Result<VerifyReport> {
    std::unique_ptr<ReplaySpill> spill = MakeFileSpill(options_.verify_run_bytes);
    JournalVerifier verifier(*spill, JournaledTables());
    return RunVerifier(conn, verifier, 0);
  });
}

Result<VerifyReport> SqliteStore::VerifyFrom(int64_t seq) {
  return OnOwnReader([this, seq](SqliteConnection& conn) -> Result<VerifyReport> {
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
    std::unique_ptr<ReplaySpill> spill = MakeFileSpill(options_.verify_run_bytes);
    JournalVerifier verifier(*spill, JournaledTables());
    verifier.StartFrom(checkpoint);
    return RunVerifier(conn, verifier, checkpoint.seq);
  });
}

}  // namespace sokuo::store
