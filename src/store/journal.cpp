#include "store/journal.h"

#include <algorithm>
#include <map>

#include "base/sha256.h"

namespace sokuo::store {

std::string CanonicalJson(const nlohmann::json& value) {
  // nlohmann's object keeps keys sorted; dump() is compact with no extra spaces; invalid UTF-8 is
  // replaced rather than thrown on, so hashing never fails on odd text.
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

std::string HashPayload(const JournalEntry& e) {
  nlohmann::json body = nlohmann::json::parse(e.body, nullptr, /*allow_exceptions=*/false);
  // A body that is not JSON (only possible after tampering) is hashed as text, so it mismatches.
  if (body.is_discarded()) body = e.body;
  nlohmann::json canonical = {{"action", e.action}, {"actor", e.actor}, {"at", e.at},
                              {"body", body},       {"seq", e.seq},     {"subject", e.subject}};
  return e.prev_hash + "\n" + CanonicalJson(canonical);
}

}  // namespace

std::string EntryHash(const JournalEntry& entry) { return Sha256Hex(HashPayload(entry)); }

JournalEntry MakeEntry(const JournalHead& head, const JournalDraft& draft,
                       const std::vector<RowChange>& changes) {
  nlohmann::json body = draft.body.is_object() ? draft.body : nlohmann::json::object();
  if (!changes.empty()) {
    nlohmann::json list = nlohmann::json::array();
    for (const RowChange& c : changes) {
      nlohmann::json item = {{"table", c.table}, {"id", c.id}};
      if (c.row) {
        item["row"] = *c.row;
      } else {
        item["removed"] = true;
      }
      list.push_back(std::move(item));
    }
    body["changes"] = std::move(list);
  }
  JournalEntry e;
  e.seq = head.seq + 1;
  e.at = FormatRfc3339(draft.at);
  e.actor = draft.actor;
  e.action = draft.action;
  e.subject = draft.subject;
  e.body = CanonicalJson(body);
  e.prev_hash = head.hash;
  e.hash = EntryHash(e);
  return e;
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
