// Journal verification on PostgreSQL (the shared parts are store/journal.h and
// store/file_spill.h): on a connection of its own, in one REPEATABLE READ transaction so that
// the journal and the tables are seen at one moment, the entries read in chunks.

#include <memory>
#include <string>

#include "store/file_spill.h"
#include "store/journal.h"
#include "store/migrations.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_store.h"
#include "store/tables.h"

namespace sokuo::store {
namespace {

constexpr int64_t kPgVerifyChunk = 4096;  // entries read per query

using Snapshot = pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>;

// Feeds `verifier` the entries after `after_seq` in chunks, then every journaled row.
Result<VerifyReport> RunPgVerifier(Snapshot& t, JournalVerifier& verifier, int64_t after_seq) {
  const std::string sql =
      std::string("SELECT ") + kEntryColumns + " FROM journal WHERE seq > $1 ORDER BY seq LIMIT $2";
  while (true) {
    pqxx::result r = t.exec_params(sql, after_seq, kPgVerifyChunk);
    for (const pqxx::row& row : r) {
      JournalEntry e = pg::EntryFrom(row);
      after_seq = e.seq;
      TRY(verifier.Add(e));
    }
    if (static_cast<int64_t>(r.size()) < kPgVerifyChunk) break;
  }
  const auto& tables = JournaledTables();
  for (size_t i = 0; i < tables.size(); ++i) {
    for (const pqxx::row& row : t.exec("SELECT * FROM " + tables[i])) {
      Row image = pg::RowImage(row);
      TRY(verifier.AddCurrent(static_cast<int>(i), image.value("id", ""), image));
    }
  }
  return verifier.Finish();
}

}  // namespace

// From the first entry (from_seq < 0), or from the newest checkpoint at or before from_seq.
Result<VerifyReport> PostgresStore::Verifying(int64_t from_seq) {
  ASSIGN_OR_RETURN(std::unique_ptr<pg::Connection> conn, pg::Connect(options_.conninfo));
  return pg::Guarded("verify", [&]() -> Result<VerifyReport> {
    Snapshot t(*conn);
    std::unique_ptr<ReplaySpill> spill = MakeFileSpill(options_.verify_run_bytes);
    JournalVerifier verifier(*spill, JournaledTables());
    int64_t after_seq = 0;
    if (from_seq >= 0) {
      // The partial index journal_checkpoints (migration 16) finds it without a scan.
      pqxx::result r = t.exec_params(std::string("SELECT ") + kEntryColumns +
                                         " FROM journal WHERE action = 'journal.checkpoint' AND "
                                         "seq <= $1 ORDER BY seq DESC LIMIT 1",
                                     from_seq);
      if (r.empty()) {
        return Fail(ErrorCode::kNotFound,
                    Msg("journal.no_checkpoint", {{"seq", std::to_string(from_seq)}}));
      }
      JournalEntry checkpoint = pg::EntryFrom(r[0]);
      verifier.StartFrom(checkpoint);
      after_seq = checkpoint.seq;
    }
    return RunPgVerifier(t, verifier, after_seq);
  });
}

Result<VerifyReport> PostgresStore::Verify() { return Verifying(-1); }
Result<VerifyReport> PostgresStore::VerifyFrom(int64_t seq) { return Verifying(seq); }

}  // namespace sokuo::store
