// The journal's hash chain and its replay check, shared by every Store implementation.
//
// hash = SHA-256(prev_hash ‖ "\n" ‖ canonical), where canonical is the entry as compact JSON with
// sorted keys: {"action","actor","at","body","seq","subject"} and body embedded as JSON. The first
// entry's prev_hash is 64 zeros. Write `sokuo journal head` down outside the system: with it, even
// a rewrite of the whole chain is detectable.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "store/store.h"

namespace sokuo::store {

inline const std::string kGenesisHash(64, '0');

std::string CanonicalJson(const nlohmann::json& value);

// Builds the entry that follows `head`, with `changes` as its row images.
JournalEntry MakeEntry(const JournalHead& head, const JournalDraft& draft,
                       const std::vector<RowChange>& changes);

std::string EntryHash(const JournalEntry& entry);

// Checks the chain of `entries` (in seq order) and that replaying their row images gives
// `actual` for every table in `tables`.
VerifyReport VerifyJournal(std::span<const JournalEntry> entries, const Tables& actual,
                           std::span<const std::string> tables);

// The row changes that turn `before` into `after`, removals first, each table in id order.
std::vector<RowChange> Diff(const Tables& before, const Tables& after);

// Writes Diff(before, after) through `tx` and returns it; the caller journals it with Append.
[[nodiscard]] Result<std::vector<RowChange>> ApplyDiff(Tx& tx, const Tables& before,
                                                       const Tables& after);

}  // namespace sokuo::store
