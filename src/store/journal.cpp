#include "store/journal.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstring>
#include <map>

#include "base/sha256.h"

namespace sokuo::store {

namespace {

std::string HashPayload(const JournalEntry& e) {
  nlohmann::json body = nlohmann::json::parse(e.body, nullptr, /*allow_exceptions=*/false);
  // A body that is not JSON (only possible after tampering) is hashed as text, so it mismatches.
  if (body.is_discarded()) body = e.body;
  nlohmann::json canonical = {{"action", e.action}, {"actor", e.actor}, {"at", e.at},
                              {"body", body},       {"seq", e.seq},     {"subject", e.subject}};
  return e.prev_hash + "\n" + CanonicalJson(canonical);
}

// The hash of `e` when its body is stored canonically, as sokuo writes it, without parsing the
// body: equal to EntryHash(e) exactly when the body text is the canonical dump of its JSON.
std::string StoredBodyHash(const JournalEntry& e) {
  thread_local std::string head, tail;  // reused: verification hashes every entry
  head.assign(e.prev_hash);
  head += "\n{\"action\":";
  AppendCanonicalString(head, e.action);
  head += ",\"actor\":";
  AppendCanonicalString(head, e.actor);
  head += ",\"at\":";
  AppendCanonicalString(head, e.at);
  head += ",\"body\":";
  tail.assign(",\"seq\":");
  tail += std::to_string(e.seq);
  tail += ",\"subject\":";
  AppendCanonicalString(tail, e.subject);
  tail += '}';
  return Sha256Hex({head, e.body, tail});
}

}  // namespace

std::string EntryHash(const JournalEntry& entry) { return Sha256Hex(HashPayload(entry)); }

JournalEntry MakeEntry(const JournalHead& head, const JournalDraft& draft,
                       const std::vector<RowChange>& changes) {
  std::vector<ChangeText> texts;
  texts.reserve(changes.size());
  for (const RowChange& c : changes) {
    texts.push_back(
        {.table = c.table,
         .id = c.id,
         .row = c.row ? std::optional<std::string>(CanonicalJson(*c.row)) : std::nullopt,
         .prev = c.prev});
  }
  return MakeEntryOfTexts(head, draft, texts);
}

namespace {

// CanonicalJson of the draft's body (an object; anything else counts as {}) with "changes" set
// to `changes` when there are any: the keys in the order nlohmann keeps them (bytewise), the
// changes' keys too (id, prev, removed or row, table), each row image as its text.
std::string BodyText(const nlohmann::json& body, std::span<const ChangeText> changes) {
  static const nlohmann::json kEmpty = nlohmann::json::object();
  const nlohmann::json& object = body.is_object() ? body : kEmpty;
  std::string out = "{";
  bool first = true;
  auto key = [&](std::string_view name) {
    if (!first) out += ',';
    first = false;
    AppendCanonicalString(out, name);
    out += ':';
  };
  auto write_changes = [&] {
    key("changes");
    out += '[';
    for (size_t i = 0; i < changes.size(); ++i) {
      const ChangeText& c = changes[i];
      out += i == 0 ? "{\"id\":" : ",{\"id\":";
      AppendCanonicalString(out, c.id);
      if (c.prev) {
        out += ",\"prev\":";
        AppendCanonicalString(out, *c.prev);
      }
      if (c.row) {
        out += ",\"row\":";
        out += *c.row;
      } else {
        out += ",\"removed\":true";
      }
      out += ",\"table\":";
      AppendCanonicalString(out, c.table);
      out += '}';
    }
    out += ']';
  };
  bool written = changes.empty();  // the changes, when there are any, replace a "changes" key
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (!written && it.key() >= "changes") {
      write_changes();
      written = true;
      if (it.key() == "changes") continue;
    }
    key(it.key());
    out += CanonicalJson(it.value());
  }
  if (!written) write_changes();
  out += '}';
  return out;
}

}  // namespace

JournalEntry MakeEntryOfTexts(const JournalHead& head, const JournalDraft& draft,
                              std::span<const ChangeText> changes) {
  JournalEntry e;
  e.seq = head.seq + 1;
  e.at = FormatRfc3339(draft.at);
  e.actor = draft.actor;
  e.action = draft.action;
  e.subject = draft.subject;
  e.body = BodyText(draft.body, changes);
  e.prev_hash = head.hash;
  e.hash = StoredBodyHash(e);  // the body was just made canonical: no need to parse it again
  return e;
}

namespace {

// The value of each lower-case hex digit; -1 for every other byte.
constexpr std::array<int8_t, 256> kHexValue = [] {
  std::array<int8_t, 256> t{};
  t.fill(-1);
  for (int c = 0; c < 10; ++c) t['0' + c] = static_cast<int8_t>(c);
  for (int c = 0; c < 6; ++c) t['a' + c] = static_cast<int8_t>(10 + c);
  return t;
}();

}  // namespace

bool HashBytes(std::string_view hex, uint8_t* out) {
  if (hex.size() != 64) return false;
  int bad = 0;
  for (size_t i = 0; i < 32; ++i) {
    int hi = kHexValue[static_cast<unsigned char>(hex[2 * i])];
    int lo = kHexValue[static_cast<unsigned char>(hex[2 * i + 1])];
    bad |= hi | lo;  // negative once any digit is not one
    out[i] = static_cast<uint8_t>((hi << 4) | (lo & 0xf));
  }
  return bad >= 0;
}

std::string RowHash(const std::string& table, const std::string& id, const Row& row) {
  return HexOf(RowDigestOfCanonical(table, id, CanonicalJson(row)));
}

Sha256Digest RowDigestOfCanonical(std::string_view table, std::string_view id,
                                  std::string_view canonical_row) {
  return Sha256Of({table, "\n", id, "\n", canonical_row});
}

void SpilledChange::SetPrev(std::string_view text) {
  if (text.empty()) {
    prev_kind = Prev::kNothing;
  } else {
    prev_kind = HashBytes(text, prev.data()) ? Prev::kHash : Prev::kOther;
  }
}

namespace {

// A hash's 32 bytes as little-endian limbs.
std::array<uint64_t, 4> DigestLimbs(const Sha256Digest& bytes) {
  static_assert(std::endian::native == std::endian::little);
  std::array<uint64_t, 4> limbs{};
  for (size_t i = 0; i < 4; ++i) {
    uint64_t big_endian;
    std::memcpy(&big_endian, bytes.data() + 8 * i, 8);
    limbs[3 - i] = __builtin_bswap64(big_endian);  // the hash's bytes are most significant first
  }
  return limbs;
}

// 64 lower-case hex digits as little-endian limbs; nullopt for anything else.
std::optional<std::array<uint64_t, 4>> DigestLimbs(const std::string& hex) {
  Sha256Digest bytes;
  if (!HashBytes(hex, bytes.data())) return std::nullopt;
  return DigestLimbs(bytes);
}

std::array<uint64_t, 4> Negated(const std::array<uint64_t, 4>& v) {
  std::array<uint64_t, 4> out{};
  uint64_t carry = 1;
  for (size_t i = 0; i < 4; ++i) {
    out[i] = ~v[i] + carry;
    carry = (carry != 0 && out[i] == 0) ? 1 : 0;
  }
  return out;
}

}  // namespace

void StateDigest::AddLimbs(const std::array<uint64_t, 4>& v) {
  uint64_t carry = 0;
  for (size_t i = 0; i < 4; ++i) {
    uint64_t a = sum_[i] + v[i];
    uint64_t c1 = a < v[i] ? 1 : 0;
    uint64_t b = a + carry;
    uint64_t c2 = b < carry ? 1 : 0;
    sum_[i] = b;
    carry = c1 + c2;
  }
}

void StateDigest::Add(const std::string& row_hash) {
  if (auto v = DigestLimbs(row_hash)) AddLimbs(*v);
  ++rows_;
}

void StateDigest::Remove(const std::string& row_hash) {
  if (auto v = DigestLimbs(row_hash)) AddLimbs(Negated(*v));
  --rows_;
}

void StateDigest::Add(const Sha256Digest& row_hash) {
  AddLimbs(DigestLimbs(row_hash));
  ++rows_;
}

void StateDigest::Remove(const Sha256Digest& row_hash) {
  AddLimbs(Negated(DigestLimbs(row_hash)));
  --rows_;
}

void StateDigest::Add(const StateDigest& other) {
  AddLimbs(other.sum_);
  rows_ += other.rows_;
}

void StateDigest::Remove(const StateDigest& other) {
  AddLimbs(Negated(other.sum_));
  rows_ -= other.rows_;
}

std::string StateDigest::Hex() const {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(64, '0');
  for (size_t i = 0; i < 64; ++i) {
    uint64_t limb = sum_[3 - i / 16];
    out[i] = kDigits[(limb >> (4 * (15 - i % 16))) & 0xf];
  }
  return out;
}

std::optional<StateDigest> StateDigest::FromJson(const nlohmann::json& state) {
  if (!state.is_object() || !state.contains("digest") || !state["digest"].is_string() ||
      !state.contains("rows") || !state["rows"].is_number_integer()) {
    return std::nullopt;
  }
  auto limbs = DigestLimbs(state["digest"].get<std::string>());
  if (!limbs) return std::nullopt;
  StateDigest d;
  d.sum_ = *limbs;
  d.rows_ = state["rows"].get<int64_t>();
  return d;
}

nlohmann::json StateDigest::ToJson() const { return {{"digest", Hex()}, {"rows", rows_}}; }

JournalEntry MakeCheckpoint(const JournalHead& head, Timestamp at, const StateDigest& state) {
  return MakeEntry(head,
                   {.at = at,
                    .actor = "system",
                    .action = kCheckpointAction,
                    .subject = "journal",
                    .body = {{"state", state.ToJson()}}},
                   {});
}

namespace {

bool HashHolds(const JournalEntry& e) {
  return StoredBodyHash(e) == e.hash || EntryHash(e) == e.hash;
}

}  // namespace

JournalVerifier::JournalVerifier(ReplaySpill& spill, std::span<const std::string> tables)
    : spill_(spill), tables_(tables) {
  for (size_t i = 0; i < tables.size(); ++i) table_index_[tables[i]] = static_cast<int>(i);
  report_.head = {0, kGenesisHash};
}

void JournalVerifier::Bad(int64_t seq, Message problem) {
  if (!report_.first_bad_seq || seq < *report_.first_bad_seq) report_.first_bad_seq = seq;
  report_.problems.push_back(std::move(problem));
}

void JournalVerifier::StartFrom(const JournalEntry& checkpoint) {
  from_checkpoint_ = true;
  checkpoint_seq_ = checkpoint.seq;
  report_.from_checkpoint = checkpoint.seq;
  ++report_.entries;
  std::string at = std::to_string(checkpoint.seq);
  if (!HashHolds(checkpoint)) {
    Bad(checkpoint.seq, Msg("journal.hash_mismatch", {{"seq", at}}));
    chain_ok_ = false;
  }
  report_.head = {checkpoint.seq, checkpoint.hash};
  nlohmann::json body = nlohmann::json::parse(checkpoint.body, nullptr, false);
  std::optional<StateDigest> state;
  if (body.is_object() && body.contains("state")) state = StateDigest::FromJson(body["state"]);
  if (checkpoint.action != kCheckpointAction || !state) {
    Bad(checkpoint.seq, Msg("journal.checkpoint_malformed", {{"seq", at}}));
    state_known_ = false;
    return;
  }
  ++report_.checkpoints;
  running_ = *state;
}

void JournalVerifier::CheckChain(const JournalEntry& e, const std::string& seq_text) {
  if (!chain_ok_) return;
  if (e.seq != report_.head.seq + 1) {
    Bad(e.seq, Msg("journal.bad_sequence",
                   {{"seq", seq_text}, {"expected", std::to_string(report_.head.seq + 1)}}));
    chain_ok_ = false;
  } else if (e.prev_hash != report_.head.hash) {
    Bad(e.seq, Msg("journal.broken_link", {{"seq", seq_text}}));
    chain_ok_ = false;
  } else if (!HashHolds(e)) {
    Bad(e.seq, Msg("journal.hash_mismatch", {{"seq", seq_text}}));
    chain_ok_ = false;
  }
}

Result<void> JournalVerifier::Add(const JournalEntry& e) {
  ++report_.entries;
  std::string at = std::to_string(e.seq);
  // The common case: a body as sokuo writes it, its row images hashed as they stand in the text
  // (canonical text holds each image exactly as CanonicalJson writes it). Checkpoints, rare,
  // and anything unusual take the parse below, which names what is wrong.
  if (e.action != kCheckpointAction && ReadCanonicalBody(e.body)) {
    CheckChain(e, at);
    report_.head = {e.seq, e.hash};
    return SpillCanonical(e, at);
  }
  CheckChain(e, at);
  report_.head = {e.seq, e.hash};
  nlohmann::json body = nlohmann::json::parse(e.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    Bad(e.seq, Msg("journal.body_not_json", {{"seq", at}}));
    return {};
  }
  if (e.action == kCheckpointAction) {
    std::optional<StateDigest> state;
    if (body.contains("state")) state = StateDigest::FromJson(body["state"]);
    if (!state) {
      Bad(e.seq, Msg("journal.checkpoint_malformed", {{"seq", at}}));
    } else if (from_checkpoint_) {
      // Everything since the starting checkpoint is replayed through the digest as it streams.
      ++report_.checkpoints;
      if (state_known_ && !(*state == running_)) {
        Bad(e.seq, Msg("journal.checkpoint_mismatch", {{"seq", at}}));
      }
    } else {
      checkpoints_.push_back({e.seq, *state, {}});
    }
  }
  if (!body.contains("changes")) return {};
  return Spill(e, body, at);
}

bool JournalVerifier::ReadCanonicalBody(std::string_view body) {
  change_views_.clear();
  CanonicalReader r(body);
  auto change = [&] {
    ChangeView c;
    bool ok = r.Object([&](std::string_view key) {
      if (key == "table" || key == "id" || key == "prev") {
        std::string_view text;
        if (!r.String(&text)) return false;  // not a string, or escaped: the parse decides
        (key == "table" ? c.table : key == "id" ? c.id : c.prev.emplace()) = text;
        return true;
      }
      size_t start = r.pos();
      if (!r.Value(2)) return false;
      if (key == "row") c.row = r.Since(start);
      return true;
    });
    if (!ok || c.table.data() == nullptr || c.id.data() == nullptr) return false;
    change_views_.push_back(c);
    return true;
  };
  bool ok = r.Object([&](std::string_view key) {
    if (key != "changes") return r.Value(1);
    return r.Peek() == '[' && r.Array([&] { return r.Peek() == '{' && change(); });
  });
  return ok && r.AtEnd();
}

Result<void> JournalVerifier::SpillCanonical(const JournalEntry& e, const std::string& seq_text) {
  for (const ChangeView& c : change_views_) {
    auto index = table_index_.find(c.table);
    if (index == table_index_.end()) continue;  // not a table this verification covers
    SpilledChange& s = spilled_;
    s.table = index->second;
    s.id.assign(c.id);
    s.seq = e.seq;
    if (c.row) {
      s.kind = SpilledChange::Kind::kPut;
      s.hash = RowDigestOfCanonical(c.table, c.id, *c.row);
    } else {
      s.kind = SpilledChange::Kind::kRemove;
    }
    if (c.prev) {
      s.SetPrev(*c.prev);
    } else {
      s.prev_kind = SpilledChange::Prev::kUnnamed;
    }
    TRY(SpillOne(s, e.seq, seq_text));
  }
  return {};
}

Result<void> JournalVerifier::Spill(const JournalEntry& e, const nlohmann::json& body,
                                    const std::string& seq_text) {
  for (const auto& c : body["changes"]) {
    if (!c.is_object() || !c.contains("table") || !c.contains("id") || !c["table"].is_string() ||
        !c["id"].is_string() || (c.contains("prev") && !c["prev"].is_string())) {
      Bad(e.seq, Msg("journal.malformed_change", {{"seq", seq_text}}));
      continue;
    }
    const std::string& table = c["table"].get_ref<const std::string&>();
    auto index = table_index_.find(table);
    if (index == table_index_.end()) continue;  // not a table this verification covers
    SpilledChange s;
    s.table = index->second;
    s.id = c["id"].get<std::string>();
    s.seq = e.seq;
    if (c.contains("row")) {
      s.kind = SpilledChange::Kind::kPut;
      s.hash = RowDigestOfCanonical(table, s.id, CanonicalJson(c["row"]));
    } else {
      s.kind = SpilledChange::Kind::kRemove;
    }
    if (c.contains("prev")) s.SetPrev(c["prev"].get_ref<const std::string&>());
    TRY(SpillOne(s, e.seq, seq_text));
  }
  return {};
}

Result<void> JournalVerifier::SpillOne(SpilledChange& s, int64_t seq, const std::string& seq_text) {
  s.order = order_++;
  if (from_checkpoint_) {
    // Every entry after a checkpoint names what it replaced; without that, the state after
    // it cannot follow from the checkpoint's.
    switch (s.prev_kind) {
      case SpilledChange::Prev::kUnnamed:
        Bad(seq, Msg("journal.malformed_change", {{"seq", seq_text}}));
        state_known_ = false;
        break;
      case SpilledChange::Prev::kHash:
        running_.Remove(s.prev);
        break;
      case SpilledChange::Prev::kOther:
        running_.RemoveUnreadable();
        break;
      case SpilledChange::Prev::kNothing:
        break;
    }
    if (s.prev_kind != SpilledChange::Prev::kUnnamed && s.kind == SpilledChange::Kind::kPut) {
      running_.Add(s.hash);
    }
  }
  return spill_.Add(s);
}

Result<void> JournalVerifier::AddCurrent(int table, const std::string& id, const Row& row) {
  return AddCurrentCanonical(table, id, CanonicalJson(row));
}

Result<void> JournalVerifier::AddCurrentCanonical(int table, std::string_view id,
                                                  std::string_view canonical_row) {
  SpilledChange& s = spilled_;
  s.table = table;
  s.id.assign(id);
  s.order = order_++;
  s.seq = 0;
  s.kind = SpilledChange::Kind::kCurrent;
  s.hash = RowDigestOfCanonical(tables_[static_cast<size_t>(table)], id, canonical_row);
  s.prev_kind = SpilledChange::Prev::kUnnamed;
  current_.Add(s.hash);
  return spill_.Add(s);
}

void JournalVerifier::Settle(std::span<const SpilledChange> group) {
  const SpilledChange* last = nullptr;
  const SpilledChange* current = nullptr;
  const std::string name =
      tables_[static_cast<size_t>(group.front().table)] + "/" + group.front().id;
  auto checkpoint_index = [&](int64_t seq) {
    return static_cast<size_t>(
        std::lower_bound(checkpoints_.begin(), checkpoints_.end(), seq,
                         [](const Checkpoint& c, int64_t s) { return c.seq < s; }) -
        checkpoints_.begin());
  };
  // The image `last` wrote holds from its entry until the next change: the checkpoints in
  // between had it in their state.
  auto held_until = [&](int64_t end_seq) {
    if (last == nullptr || last->kind != SpilledChange::Kind::kPut || checkpoints_.empty()) return;
    size_t from = checkpoint_index(last->seq);
    size_t to = end_seq < 0 ? checkpoints_.size() : checkpoint_index(end_seq);
    if (from >= to) return;
    StateDigest image;  // the hash read once for both ends
    image.Add(last->hash);
    checkpoints_[from].replayed.Add(image);
    if (to < checkpoints_.size()) checkpoints_[to].replayed.Remove(image);
  };
  for (const SpilledChange& c : group) {
    if (c.kind == SpilledChange::Kind::kCurrent) {
      current = &c;
      continue;
    }
    // What the change says it replaced must be what the journal had there: otherwise the row
    // was changed outside sokuo before this entry overwrote it. From a checkpoint, what the
    // first change replaced is known only through the digest.
    if (c.prev_kind != SpilledChange::Prev::kUnnamed && (last != nullptr || !from_checkpoint_)) {
      bool had_image = last != nullptr && last->kind == SpilledChange::Kind::kPut;
      bool same = had_image ? c.prev_kind == SpilledChange::Prev::kHash && c.prev == last->hash
                            : c.prev_kind == SpilledChange::Prev::kNothing;
      if (!same) {
        Bad(c.seq,
            Msg("journal.row_replaced_altered", {{"seq", std::to_string(c.seq)}, {"row", name}}));
      }
    }
    held_until(c.seq);
    last = &c;
  }
  held_until(-1);
  if (last == nullptr) {
    // No entry wrote this row; the newest entry is the first one that no longer holds. From a
    // checkpoint, rows no later entry changed are checked through the digest only.
    if (current != nullptr && !from_checkpoint_) {
      Bad(report_.head.seq, Msg("journal.row_unwritten", {{"row", name}}));
    }
    return;
  }
  if (from_checkpoint_) {
    if (current != nullptr) settled_.Remove(current->hash);
    if (last->kind == SpilledChange::Kind::kPut) settled_.Add(last->hash);
  }
  std::string seq = std::to_string(last->seq);
  if (last->kind == SpilledChange::Kind::kPut) {
    if (current == nullptr) {
      Bad(last->seq, Msg("journal.row_missing", {{"seq", seq}, {"row", name}}));
    } else if (current->hash != last->hash) {
      Bad(last->seq, Msg("journal.row_altered", {{"seq", seq}, {"row", name}}));
    }
  } else if (current != nullptr) {
    Bad(last->seq, Msg("journal.row_reappeared", {{"seq", seq}, {"row", name}}));
  }
}

Result<VerifyReport> JournalVerifier::Finish() {
  settled_ = current_;
  std::vector<SpilledChange> group;
  TRY(spill_.ForEachSorted([&](const SpilledChange& c) -> Result<void> {
    if (!group.empty() && (group.front().table != c.table || group.front().id != c.id)) {
      Settle(group);
      group.clear();
    }
    group.push_back(c);
    return {};
  }));
  if (!group.empty()) Settle(group);
  if (from_checkpoint_) {
    // The rows no later entry changed are as the checkpoint had them: the current tables, with
    // the changed rows as the journal wrote them, sum to the checkpoint's state moved by every
    // later change.
    if (state_known_ && !(settled_ == running_)) {
      Bad(report_.head.seq,
          Msg("journal.state_differs", {{"seq", std::to_string(*checkpoint_seq_)}}));
    }
  } else {
    StateDigest replayed;
    for (Checkpoint& c : checkpoints_) {
      replayed.Add(c.replayed);
      ++report_.checkpoints;
      if (!(replayed == c.recorded)) {
        Bad(c.seq, Msg("journal.checkpoint_mismatch", {{"seq", std::to_string(c.seq)}}));
      }
    }
  }
  return std::move(report_);
}

VerifyReport VerifyJournal(std::span<const JournalEntry> entries, const Tables& actual,
                           std::span<const std::string> tables) {
  VerifyReport report;
  report.head = {0, kGenesisHash};
  auto bad = [&](int64_t seq, Message problem) {
    if (!report.first_bad_seq || seq < *report.first_bad_seq) report.first_bad_seq = seq;
    report.problems.push_back(std::move(problem));
  };

  struct Expected {
    Row row;
    int64_t seq;
  };
  std::map<std::string, std::map<std::string, Expected>> expected;  // table → id → row
  std::map<std::string, std::map<std::string, int64_t>> removed_by;
  bool chain_ok = true;
  for (const JournalEntry& e : entries) {
    ++report.entries;
    std::string at = std::to_string(e.seq);
    if (chain_ok) {
      if (e.seq != report.head.seq + 1) {
        bad(e.seq, Msg("journal.bad_sequence",
                       {{"seq", at}, {"expected", std::to_string(report.head.seq + 1)}}));
        chain_ok = false;
      } else if (e.prev_hash != report.head.hash) {
        bad(e.seq, Msg("journal.broken_link", {{"seq", at}}));
        chain_ok = false;
      } else if (EntryHash(e) != e.hash) {
        bad(e.seq, Msg("journal.hash_mismatch", {{"seq", at}}));
        chain_ok = false;
      }
    }
    report.head = {e.seq, e.hash};
    nlohmann::json body = nlohmann::json::parse(e.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
      bad(e.seq, Msg("journal.body_not_json", {{"seq", at}}));
      continue;
    }
    if (!body.contains("changes")) continue;
    for (const auto& c : body["changes"]) {
      if (!c.is_object() || !c.contains("table") || !c.contains("id") || !c["table"].is_string() ||
          !c["id"].is_string()) {
        bad(e.seq, Msg("journal.malformed_change", {{"seq", at}}));
        continue;
      }
      std::string table = c["table"], id = c["id"];
      if (c.contains("row")) {
        expected[table][id] = {c["row"], e.seq};
        removed_by[table].erase(id);
      } else {
        expected[table].erase(id);
        removed_by[table][id] = e.seq;
      }
    }
  }

  for (const std::string& table : tables) {
    const Table empty;
    auto actual_it = actual.find(table);
    const Table& rows = actual_it == actual.end() ? empty : actual_it->second;
    auto& want = expected[table];
    for (const auto& [id, exp] : want) {
      auto it = rows.find(id);
      std::string name = table + "/" + id;
      if (it == rows.end()) {
        bad(exp.seq, Msg("journal.row_missing", {{"seq", std::to_string(exp.seq)}, {"row", name}}));
      } else if (it->second != exp.row) {
        bad(exp.seq, Msg("journal.row_altered", {{"seq", std::to_string(exp.seq)}, {"row", name}}));
      }
    }
    for (const auto& [id, row] : rows) {
      if (want.count(id) != 0) continue;
      std::string name = table + "/" + id;
      auto removed = removed_by[table].find(id);
      if (removed != removed_by[table].end()) {
        bad(removed->second, Msg("journal.row_reappeared",
                                 {{"seq", std::to_string(removed->second)}, {"row", name}}));
      } else {
        // No entry wrote this row; the newest entry is the first one that no longer holds.
        bad(report.head.seq, Msg("journal.row_unwritten", {{"row", name}}));
      }
    }
  }
  return report;
}

std::vector<RowChange> Diff(const Tables& before, const Tables& after) {
  std::vector<RowChange> removals, puts;
  const Table empty;
  for (const auto& [table, rows] : before) {
    auto it = after.find(table);
    const Table& now = it == after.end() ? empty : it->second;
    for (const auto& [id, row] : rows) {
      if (now.count(id) == 0) removals.push_back({table, id, std::nullopt});
    }
  }
  for (const auto& [table, rows] : after) {
    auto it = before.find(table);
    const Table& was = it == before.end() ? empty : it->second;
    for (const auto& [id, row] : rows) {
      auto old = was.find(id);
      if (old == was.end() || old->second != row) {
        puts.push_back({table, id, row, old == was.end()});
      }
    }
  }
  removals.insert(removals.end(), puts.begin(), puts.end());
  return removals;
}

Result<std::vector<RowChange>> ApplyDiff(Tx& tx, const Tables& before, const Tables& after) {
  std::vector<RowChange> changes = Diff(before, after);
  for (const RowChange& c : changes) {
    if (c.row) {
      TRY(tx.Put(c.table, c.id, *c.row));
    } else {
      TRY(tx.Remove(c.table, c.id));
    }
  }
  return changes;
}

}  // namespace sokuo::store
