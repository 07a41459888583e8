#include "store/journal.h"

#include <algorithm>
#include <bit>
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

bool EntryHashHolds(const JournalEntry& e) {
  return StoredBodyHash(e) == e.hash || EntryHash(e) == e.hash;
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
