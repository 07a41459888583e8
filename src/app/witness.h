// The journal head leaves the building (G4.4.3): sokuo sends its journal head — sequence and
// hash — to witnesses outside itself (the organization file's `notifications.witnesses`): an
// email to the auditors and the committee chair, webhooks, a line appended to a file on another
// machine. Once a day while `sokuo serve` runs, at every incident and disaster closing, and on
// `sokuo journal witness`. `journal verify --against FILE` then checks that the journal still
// holds every head so sent: a journal cut short together with its rows, which replays cleanly
// by itself, is caught as a truncation, and history rewritten before a sent head as a rewrite.
//
// Sending goes through the outbox like every notification: the receipt is queued in a
// transaction (the closing's own, where there is one) and delivered outside it, with the
// outbox's retries, so a witness that cannot be reached shows as any failed message does.
//
// Queuing a receipt is itself a change (outbox rows) and needs its journal entry, which moves
// the head. So the receipt names the head *before* the entry that queues it (`journal.witness`,
// whose body repeats the receipt), never the entry itself: a head cannot name its own hash, and
// sending the newest one would chase its tail forever. What a receipt proves is exactly what
// `verify --against` checks: the journal at that seq has that hash. The entries after it (the
// witness entry, the deliveries' outcomes) are covered by the next receipt.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "codec/head_receipt.h"
#include "core/organization.h"
#include "store/notification_rows.h"
#include "store/store.h"

namespace sokuo::app {

inline constexpr const char* kWitnessSubject = "journal";  // the outbox subject of receipts
inline constexpr const char* kDailyReason = "daily";

// Queues a receipt of `head` for every witness `org` configures and journals it as
// `journal.witness` by `actor`, in `tx`. Returns the outbox message's id; nullopt when the
// organization configures no witnesses.
[[nodiscard]] Result<std::optional<std::string>> QueueWitness(
    store::Tx& tx, const core::Organization& org, const store::JournalHead& head,
    const std::string& reason, const std::string& actor, Timestamp now);

// A receipt as sokuo sent it: the outbox message (its body is the receipt's line) and how each
// witness's delivery fared.
struct SentReceipt {
  codec::HeadReceipt receipt;
  store::OutboxMessage message;
  std::vector<store::Delivery> deliveries;
};

// What `journal verify --against` found: every receipt against the journal.
struct ReceiptCheck {
  size_t receipts = 0;                       // distinct receipts checked
  std::optional<codec::HeadReceipt> newest;  // the one with the highest seq
  std::vector<Message> problems;             // journal.witness_truncated / _rewritten
  bool ok() const { return problems.empty(); }
};

// For each receipt: the journal must hold entry `seq` with exactly that hash. A missing entry is
// a truncation, another hash a rewrite. Reads one entry per distinct receipt.
[[nodiscard]] Result<ReceiptCheck> CheckReceipts(store::Store& store,
                                                 const std::vector<codec::HeadReceipt>& receipts);

}  // namespace sokuo::app
