#include "store/store_copy.h"

#include <string>
#include <vector>

#include "store/journaled_tx.h"
#include "store/tables.h"

namespace sokuo::store {
namespace {

constexpr size_t kCopyPage = 1000;  // journal entries read at a time

std::vector<std::string> CopiedTables() {
  std::vector<std::string> tables = JournaledTables();
  for (const std::string& t : PrivateTables()) tables.push_back(t);
  return tables;
}

}  // namespace

Result<RecordsCopied> CopyRecords(Store& from, Store& to) {
  ASSIGN_OR_RETURN(JournalHead start, from.Head());
  RecordsCopied copied{.head = start};
  auto copy = [&](Tx& tx) -> Result<void> {
    auto* load = dynamic_cast<JournaledTx*>(&tx);
    if (load == nullptr) return Fail(ErrorCode::kInternal, Msg("store.cannot_load"));
    if (tx.Start().seq != 0) {
      return Fail(ErrorCode::kConflict, Msg("store.copy_target_not_empty"));
    }
    for (const std::string& table : CopiedTables()) {
      ASSIGN_OR_RETURN(Table rows, tx.Read(table));
      if (!rows.empty()) {
        return Fail(ErrorCode::kConflict, Msg("store.copy_target_not_empty"));
      }
    }
    int64_t after = 0;
    while (after < start.seq) {
      ASSIGN_OR_RETURN(std::vector<JournalEntry> page,
                       from.ReadJournal({.after_seq = after, .limit = kCopyPage}));
      if (page.empty()) break;
      for (const JournalEntry& e : page) {
        if (e.seq > start.seq) break;
        TRY(load->LoadEntry(e));
        after = e.seq;
        ++copied.entries;
      }
    }
    for (const std::string& table : CopiedTables()) {
      ASSIGN_OR_RETURN(Table rows, from.Read(table));
      for (const auto& [id, row] : rows) {
        TRY(load->LoadRow(table, row));
      }
      copied.rows += static_cast<int64_t>(rows.size());
    }
    // The rows read are those of `start` only if nothing was written meanwhile.
    ASSIGN_OR_RETURN(JournalHead end, from.Head());
    if (end.seq != start.seq || end.hash != start.hash) {
      return Fail(ErrorCode::kConflict, Msg("store.copy_source_changed"));
    }
    return load->FinishLoad();
  };
  TRY(to.Write(copy));
  return copied;
}

}  // namespace sokuo::store
