// The part of a write transaction that every store shares (store.h, journal.h): each Put and
// Remove records the row's change with the hash of the image it replaces, and Append turns the
// changes since the last entry into one journal entry, moves the state digest by them and writes
// a checkpoint every `checkpoint_every` entries. A store provides the primitives below on its
// own database (sqlite/sqlite_store.cpp, postgres/pg_store.cpp), so the journal, row images and
// replay are the same whatever holds them.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/journal.h"
#include "store/store.h"

namespace sokuo::store {

class JournaledTx : public Tx {
 public:
  JournaledTx(JournalHead head, int64_t checkpoint_every)
      : start_(head), head_(std::move(head)), checkpoint_every_(checkpoint_every) {}

  const JournalHead& Start() const final { return start_; }
  [[nodiscard]] Result<void> Put(const std::string& table, const std::string& id,
                                 const Row& row) final;
  [[nodiscard]] Result<void> Add(const std::string& table, const std::string& id,
                                 const Row& row) final;
  [[nodiscard]] Result<void> Remove(const std::string& table, const std::string& id) final;
  [[nodiscard]] Result<std::optional<std::string>> LastChange(
      std::span<const std::string> tables) final;
  [[nodiscard]] Result<JournalEntry> Append(const JournalDraft& draft) final;
  // The private tables' writes and Max, with their names checked before the store's SQL.
  [[nodiscard]] Result<void> PutPrivate(const std::string& table, const std::string& id,
                                        const Row& row) final;
  [[nodiscard]] Result<void> RemovePrivate(const std::string& table, const std::string& column,
                                           const Row& value) final;
  [[nodiscard]] Result<int64_t> Max(const std::string& table, const std::string& column,
                                    const std::string& where_column, const Row& value) final;
  // Copying a store (store_copy.h), into an empty one: an entry and a row as they are, neither
  // hashed nor journaled again, then the records derived from them (each table's last change,
  // the state digest). Not for anything else: what is loaded is only as true as its source,
  // which `journal verify` checks afterwards.
  [[nodiscard]] Result<void> LoadEntry(const JournalEntry& entry) { return Insert(entry); }
  [[nodiscard]] Result<void> LoadRow(const std::string& table, const Row& row);
  [[nodiscard]] Result<void> FinishLoad();
  // true when rows changed since the last Append: the store then refuses to commit.
  bool HasUnjournaledChanges() const { return !pending_.empty(); }
  // true when the transaction added to the journal.
  bool Appended() const { return head_.seq != start_.seq; }

 protected:
  // The row `id` of `table` as stored now; nullopt when there is none.
  [[nodiscard]] virtual Result<std::optional<Row>> StoredRow(const std::string& table,
                                                             const std::string& id) = 0;
  // Writes `row` (whose "id" is `id`) as the row `id` of `table`, replacing any; with `fresh`,
  // refused (kConflict) when there is one.
  [[nodiscard]] virtual Result<void> UpsertRow(const std::string& table, const std::string& id,
                                               const Row& row, bool fresh) = 0;
  // Deletes the row `id` of `table`; false when there was none.
  [[nodiscard]] virtual Result<bool> DeleteRow(const std::string& table, const std::string& id) = 0;
  // Deletes the rows of `table` whose `column` equals `value` (names already checked).
  [[nodiscard]] virtual Result<void> DeleteWhere(const std::string& table,
                                                 const std::string& column, const Row& value) = 0;
  // The largest `column` among the rows whose `where_column` equals `value`, 0 for none (names
  // already checked).
  [[nodiscard]] virtual Result<int64_t> MaxWhere(const std::string& table,
                                                 const std::string& column,
                                                 const std::string& where_column,
                                                 const Row& value) = 0;
  [[nodiscard]] virtual Result<void> InsertEntry(const JournalEntry& entry) = 0;
  // Records entry (seq, hash) as the newest that changed a row of `table`.
  [[nodiscard]] virtual Result<void> RecordTableChange(std::string_view table, int64_t seq,
                                                       const std::string& hash) = 0;
  // The hash of the newest entry recorded for any of `tables` (or for all), "" when none.
  [[nodiscard]] virtual Result<std::string> RecordedLastChange(
      std::span<const std::string> tables) = 0;
  // The stored state digest with the entry after which it holds; nullopt when none is stored.
  [[nodiscard]] virtual Result<std::optional<std::pair<int64_t, StateDigest>>> StoredState() = 0;
  [[nodiscard]] virtual Result<void> StoreState(int64_t seq, const StateDigest& state) = 0;
  // Calls `each` with every row of `table`.
  [[nodiscard]] virtual Result<void> EachRow(const std::string& table,
                                             const std::function<void(const Row&)>& each) = 0;

 private:
  [[nodiscard]] Result<std::string> PrevHash(const std::string& table, const std::string& id);
  // Records the write of `row`, which replaced the row whose hash is `prev` ("" for none).
  void Written(const std::string& table, const std::string& id, const Row& row, std::string prev);
  [[nodiscard]] Result<void> Insert(const JournalEntry& entry);
  // The state digest summed over every journaled table, as this transaction sees them.
  [[nodiscard]] Result<StateDigest> ScanState();

  const JournalHead start_;
  JournalHead head_;
  const int64_t checkpoint_every_;
  std::vector<ChangeText> pending_;  // since the last Append, each image as its canonical text
  StateDigest delta_;  // what the changes since the last Append moved the state digest by
};

}  // namespace sokuo::store
