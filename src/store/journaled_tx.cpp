#include "store/journaled_tx.h"

#include <algorithm>
#include <set>

#include "store/tables.h"

namespace sokuo::store {

namespace {

Result<void> Check(const std::string& table, const std::string& id) {
  if (!IsJournaledTable(table)) {
    return Fail(ErrorCode::kInternal, Msg("store.unknown_table", {{"table", table}}));
  }
  if (id.empty()) return Fail(ErrorCode::kInternal, Msg("store.empty_id", {{"table", table}}));
  return {};
}

}  // namespace

Result<void> JournaledTx::PutPrivate(const std::string& table, const std::string& id,
                                     const Row& row) {
  if (!IsPrivateTable(table)) {
    return Fail(ErrorCode::kInternal, Msg("store.journaled_table", {{"table", table}}));
  }
  return UpsertRow(table, id, row, /*fresh=*/false);
}

Result<void> JournaledTx::RemovePrivate(const std::string& table, const std::string& column,
                                        const Row& value) {
  if (!IsPrivateTable(table) || !IsColumnName(column)) {
    return Fail(ErrorCode::kInternal, Msg("store.bad_private_removal", {{"table", table}}));
  }
  return DeleteWhere(table, column, value);
}

Result<int64_t> JournaledTx::Max(const std::string& table, const std::string& column,
                                 const std::string& where_column, const Row& value) {
  if (!IsJournaledTable(table)) {
    return Fail(ErrorCode::kInternal, Msg("store.unknown_table", {{"table", table}}));
  }
  for (const std::string* c : {&column, &where_column}) {
    if (!IsColumnName(*c)) {
      return Fail(ErrorCode::kInternal, Msg("store.bad_column", {{"column", *c}}));
    }
  }
  return MaxWhere(table, column, where_column, value);
}

Result<std::string> JournaledTx::PrevHash(const std::string& table, const std::string& id) {
  ASSIGN_OR_RETURN(std::optional<Row> row, StoredRow(table, id));
  if (!row) return std::string();
  return RowHash(table, id, *row);
}

Result<void> JournaledTx::Put(const std::string& table, const std::string& id, const Row& row) {
  TRY(Check(table, id));
  ASSIGN_OR_RETURN(std::string prev, PrevHash(table, id));
  TRY(UpsertRow(table, id, row, /*fresh=*/false));
  Written(table, id, row, std::move(prev));
  return {};
}

Result<void> JournaledTx::Add(const std::string& table, const std::string& id, const Row& row) {
  TRY(Check(table, id));
  TRY(UpsertRow(table, id, row, /*fresh=*/true));
  Written(table, id, row, "");
  return {};
}

void JournaledTx::Written(const std::string& table, const std::string& id, const Row& row,
                          std::string prev) {
  std::string text = CanonicalJson(row);  // hashed, and carried by the entry as it is
  if (!prev.empty()) delta_.Remove(prev);
  delta_.Add(RowDigestOfCanonical(table, id, text));
  pending_.push_back({.table = table, .id = id, .row = std::move(text), .prev = std::move(prev)});
}

Result<void> JournaledTx::Remove(const std::string& table, const std::string& id) {
  TRY(Check(table, id));
  ASSIGN_OR_RETURN(std::string prev, PrevHash(table, id));
  ASSIGN_OR_RETURN(bool removed, DeleteRow(table, id));
  if (!removed) {
    return Fail(ErrorCode::kNotFound, Msg("store.not_found", {{"table", table}, {"id", id}}));
  }
  delta_.Remove(prev);
  pending_.push_back({.table = table, .id = id, .row = std::nullopt, .prev = std::move(prev)});
  return {};
}

Result<std::optional<std::string>> JournaledTx::LastChange(std::span<const std::string> tables) {
  for (const ChangeText& c : pending_) {
    if (std::find(tables.begin(), tables.end(), c.table) != tables.end()) {
      return std::optional<std::string>();
    }
  }
  ASSIGN_OR_RETURN(std::string hash, RecordedLastChange(tables));
  return std::optional<std::string>(std::move(hash));
}

Result<void> JournaledTx::Insert(const JournalEntry& entry) {
  TRY(InsertEntry(entry));
  head_ = {entry.seq, entry.hash};
  return {};
}

Result<JournalEntry> JournaledTx::Append(const JournalDraft& draft) {
  JournalEntry e = MakeEntryOfTexts(head_, draft, pending_);
  TRY(Insert(e));
  std::set<std::string_view> tables;
  for (const ChangeText& c : pending_) tables.insert(c.table);
  for (std::string_view table : tables) {
    TRY(RecordTableChange(table, e.seq, e.hash));
  }
  pending_.clear();
  // The state digest follows the entry when it was known for the entry before.
  ASSIGN_OR_RETURN(auto stored, StoredState());
  std::optional<StateDigest> state;
  if (stored && stored->first == e.seq - 1) state = stored->second;
  if (state) {
    state->Add(delta_);
    TRY(StoreState(e.seq, *state));
  }
  delta_ = {};
  if (checkpoint_every_ > 0 && (e.seq + 1) % checkpoint_every_ == 0) {
    // A database from before checkpoints (or whose state row was lost) is summed once.
    if (!state) {
      ASSIGN_OR_RETURN(StateDigest scanned, ScanState());
      state = scanned;
    }
    TRY(Insert(MakeCheckpoint(head_, draft.at, *state)));
    TRY(StoreState(head_.seq, *state));
  }
  return e;
}

Result<void> JournaledTx::LoadRow(const std::string& table, const Row& row) {
  std::string id = row.is_object() ? row.value("id", "") : "";
  if (!IsPrivateTable(table)) {
    TRY(Check(table, id));
  }
  return UpsertRow(table, id, row, /*fresh=*/false);
}

// Every table's last change is the head, as for a database from before they were recorded.
Result<void> JournaledTx::FinishLoad() {
  TRY(RecordTableChange("*", head_.seq, head_.hash));
  ASSIGN_OR_RETURN(StateDigest state, ScanState());
  return StoreState(head_.seq, state);
}

Result<StateDigest> JournaledTx::ScanState() {
  StateDigest state;
  for (const std::string& table : JournaledTables()) {
    TRY(EachRow(table,
                [&](const Row& row) { state.Add(RowHash(table, row.value("id", ""), row)); }));
  }
  return state;
}

}  // namespace sokuo::store
