// The streaming verification (journal.h, JournalVerifier): the chain as the entries come, their
// row changes and the current rows through the spill, then one sorted pass.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "store/journal.h"

namespace sokuo::store {

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
  if (!EntryHashHolds(checkpoint)) {
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
  } else if (!EntryHashHolds(e)) {
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

}  // namespace sokuo::store
