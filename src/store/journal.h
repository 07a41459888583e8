// The journal's hash chain and its replay check, shared by every Store implementation.
//
// hash = SHA-256(prev_hash ‖ "\n" ‖ canonical), where canonical is the entry as compact JSON with
// sorted keys: {"action","actor","at","body","seq","subject"} and body embedded as JSON. The first
// entry's prev_hash is 64 zeros. Write `sokuo journal head` down outside the system: with it, even
// a rewrite of the whole chain is detectable.
//
// Row changes: body.changes = [{"table","id","row"} | {"table","id","removed":true}], and since
// schema 16 each change that replaces or removes an existing row also carries "prev", the row
// hash (RowHash) of the image it replaced. Entries written before carry no "prev"; their hashes
// are computed exactly as before.
//
// State digest: the sum, modulo 2^256, of RowHash over every row of every journaled table (an
// additive multiset hash), with the number of rows. A change moves it by RowHash(new) − prev, so
// it can be kept up to date per write, and a checkpoint entry (action journal.checkpoint, body
// {"state":{"digest","rows"}}) records it for the state right after the entry before it.
//
// Verification streams: JournalVerifier takes the entries one at a time in seq order, checks the
// chain as they come and hands every row change, and then every current row, to a ReplaySpill,
// which gives them back sorted by (table, id, order of arrival). One pass over that sorted stream
// compares each row's last journaled image with its current content and sums the replayed state
// at every checkpoint (a difference array over the checkpoints), so memory does not grow with
// the journal: the spill lives on disk (file_spill.h: sorted runs in a temporary file).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/sha256.h"
#include "store/canonical_json.h"
#include "store/store.h"

namespace sokuo::store {

inline const std::string kGenesisHash(64, '0');

// Builds the entry that follows `head`, with `changes` as its row images.
JournalEntry MakeEntry(const JournalHead& head, const JournalDraft& draft,
                       const std::vector<RowChange>& changes);

// A row change with its image already as canonical JSON text (CanonicalJson(row)), as a store
// keeps it between the change and the entry: the text it hashed is the text the entry carries.
struct ChangeText {
  std::string table;
  std::string id;
  std::optional<std::string> row;  // nullopt: the row was removed
  std::optional<std::string> prev;
};
// MakeEntry from changes kept as text: the body is written as text, not built as JSON.
JournalEntry MakeEntryOfTexts(const JournalHead& head, const JournalDraft& draft,
                              std::span<const ChangeText> changes);

std::string EntryHash(const JournalEntry& entry);
// true when `entry.hash` is its hash: of the body as stored (sokuo writes it canonical), or,
// for a body that is not canonical text, of the body's JSON (EntryHash).
bool EntryHashHolds(const JournalEntry& entry);

// The reference verification, kept beside JournalVerifier for tests: everything in memory.
// Checks the chain of `entries` (in seq order) and that replaying their row images gives
// `actual` for every table in `tables`.
VerifyReport VerifyJournal(std::span<const JournalEntry> entries, const Tables& actual,
                           std::span<const std::string> tables);

// The 32 bytes of a hash written as 64 lower-case hex digits into `out`; false (and `out`
// unspecified) for any other text.
bool HashBytes(std::string_view hex, uint8_t* out);

// Lower-case hex SHA-256 of table ‖ "\n" ‖ id ‖ "\n" ‖ canonical row image.
std::string RowHash(const std::string& table, const std::string& id, const Row& row);
// Its bytes, from the row image's canonical text (CanonicalJson(row)).
Sha256Digest RowDigestOfCanonical(std::string_view table, std::string_view id,
                                  std::string_view canonical_row);

// An additive multiset hash of rows (see the top of this file). Plain value.
class StateDigest {
 public:
  void Add(const std::string& row_hash);
  void Remove(const std::string& row_hash);
  void Add(const Sha256Digest& row_hash);
  void Remove(const Sha256Digest& row_hash);
  // A row counted out whose hash cannot be read (a tampered "prev"): the sum keeps its part, so
  // it no longer matches.
  void RemoveUnreadable() { --rows_; }
  void Add(const StateDigest& other);
  void Remove(const StateDigest& other);
  // 64 lower-case hex digits, most significant first.
  std::string Hex() const;
  int64_t rows() const { return rows_; }
  // From a checkpoint's {"digest","rows"}; nullopt when malformed.
  static std::optional<StateDigest> FromJson(const nlohmann::json& state);
  nlohmann::json ToJson() const;
  friend bool operator==(const StateDigest&, const StateDigest&) = default;

 private:
  void AddLimbs(const std::array<uint64_t, 4>& v);
  std::array<uint64_t, 4> sum_{};  // little-endian limbs
  int64_t rows_ = 0;
};

inline constexpr const char* kCheckpointAction = "journal.checkpoint";

// The checkpoint entry that follows `head`, recording `state`.
JournalEntry MakeCheckpoint(const JournalHead& head, Timestamp at, const StateDigest& state);

// What a verification spills while the sorted pass needs it. kind: a journaled image, a removal,
// or the row as it is now.
struct SpilledChange {
  enum class Kind : uint8_t { kPut = 0, kRemove = 1, kCurrent = 2 };
  // The "prev" a change names: none (entries from before schema 16), "" (the row did not exist),
  // a row hash, or text that is no row hash (only after tampering: it matches no image).
  enum class Prev : uint8_t { kUnnamed = 0, kNothing = 1, kHash = 2, kOther = 3 };
  int table = 0;  // index into the verified tables
  std::string id;
  int64_t order = 0;  // order of arrival
  int64_t seq = 0;    // the entry; 0 for kCurrent
  Kind kind = Kind::kPut;
  Prev prev_kind = Prev::kUnnamed;
  Sha256Digest hash{};  // the RowHash for kPut and kCurrent
  Sha256Digest prev{};  // for Prev::kHash

  // Sets prev_kind and prev from the text of a change's "prev".
  void SetPrev(std::string_view text);
};

// Where a verification keeps its changes: on disk in a real store, so memory stays bounded.
class ReplaySpill {
 public:
  virtual ~ReplaySpill() = default;
  [[nodiscard]] virtual Result<void> Add(const SpilledChange& change) = 0;
  // Every change added, by table, then id (bytewise), then order.
  [[nodiscard]] virtual Result<void> ForEachSorted(
      const std::function<Result<void>(const SpilledChange&)>& each) = 0;
};

// The streaming verification. Feed Start (for --from), then every entry in seq order with Add,
// then every current row of every verified table with AddCurrent, then Finish. Not thread-safe.
class JournalVerifier {
 public:
  JournalVerifier(ReplaySpill& spill, std::span<const std::string> tables);
  // Start from the checkpoint entry `checkpoint` instead of the genesis: its own hash is checked,
  // its state is taken as the state before the entries that follow, and only rows those entries
  // change are compared one by one; the rest are compared with the checkpoint through the digest.
  void StartFrom(const JournalEntry& checkpoint);
  [[nodiscard]] Result<void> Add(const JournalEntry& entry);
  [[nodiscard]] Result<void> AddCurrent(int table, const std::string& id, const Row& row);
  // The same from the row's canonical text (CanonicalJson(row)).
  [[nodiscard]] Result<void> AddCurrentCanonical(int table, std::string_view id,
                                                 std::string_view canonical_row);
  [[nodiscard]] Result<VerifyReport> Finish();

 private:
  struct Checkpoint {
    int64_t seq;
    StateDigest recorded;
    StateDigest replayed;  // a difference array while the sorted pass runs
  };
  void Bad(int64_t seq, Message problem);
  void CheckChain(const JournalEntry& e, const std::string& seq_text);
  [[nodiscard]] Result<void> Spill(const JournalEntry& e, const nlohmann::json& body,
                                   const std::string& seq_text);
  // Reads a body that is canonical JSON with well-formed changes (each an object with "table"
  // and "id" strings, "prev" a string if present) into change_views_, without building a JSON
  // tree; false for any other body, which Add then parses.
  bool ReadCanonicalBody(std::string_view body);
  // The changes ReadCanonicalBody read.
  [[nodiscard]] Result<void> SpillCanonical(const JournalEntry& e, const std::string& seq_text);
  // One change, filled in but for its order, after the checks common to both paths.
  [[nodiscard]] Result<void> SpillOne(SpilledChange& s, int64_t seq, const std::string& seq_text);
  // One (table, id) of the sorted pass.
  void Settle(std::span<const SpilledChange> group);

  ReplaySpill& spill_;
  std::span<const std::string> tables_;
  std::map<std::string, int, std::less<>> table_index_;
  VerifyReport report_;
  bool chain_ok_ = true;
  int64_t order_ = 0;
  bool from_checkpoint_ = false;
  bool state_known_ = true;  // from a checkpoint: false once a change leaves the digest unknown
  std::optional<int64_t> checkpoint_seq_;
  StateDigest running_;  // from a checkpoint: its state moved by every later change
  StateDigest current_;  // every current row
  StateDigest settled_;  // from a checkpoint: current rows with changed ones as journaled
  std::vector<Checkpoint> checkpoints_;
  // Reused from entry to entry, so that the common path allocates little.
  struct ChangeView {
    std::string_view table, id;
    std::optional<std::string_view> prev, row;
  };
  std::vector<ChangeView> change_views_;
  SpilledChange spilled_;
};

// The row changes that turn `before` into `after`, removals first, each table in id order.
std::vector<RowChange> Diff(const Tables& before, const Tables& after);

// Writes Diff(before, after) through `tx` and returns it; the caller journals it with Append.
[[nodiscard]] Result<std::vector<RowChange>> ApplyDiff(Tx& tx, const Tables& before,
                                                       const Tables& after);

}  // namespace sokuo::store
