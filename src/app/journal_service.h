// The journal area (G4.4.3): the tamper-evident work record — verify it, read its head, list
// its entries.
//
// Need-to-know holds in the journal as it does for incidents: every entry about an incident
// has the incident's key as its subject (that is how IncidentService journals), so leaving out
// the entries whose subject is an incident the caller may not see leaves out every row image of
// it. The auditor and the operator read everything. Sequence numbers, the head and the entry
// count are not content: they stay whole, so a reader still sees that the chain is complete.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/context.h"
#include "app/witness.h"
#include "store/store.h"
#include "store/store_copy.h"

namespace sokuo::app {

struct JournalPage {
  std::vector<store::JournalEntry> entries;  // the ones the caller may see
  // Where the next page starts, while there may be more. A page counts the entries it looked
  // at, seen or not, so the work per page stays bounded and a page may hold fewer entries.
  std::optional<int64_t> next_after;
};

// One change, for pages that refresh themselves: which journal entry, when, what and about what.
struct Change {
  int64_t seq = 0;
  std::string at;
  std::string action;
  std::string subject;
};
struct ChangePage {
  std::vector<Change> changes;
  int64_t last_seq = 0;  // where the next call starts: the last entry looked at, seen or not
};

// What `JournalService::CopyTo` copied.
struct StoreCopied {
  store::RecordsCopied records;
  int64_t evidence_files = 0;
  uint64_t evidence_bytes = 0;
};

class JournalService {
 public:
  explicit JournalService(Context& ctx) : ctx_(ctx) {}

  // The whole chain is checked whoever asks, and every stored evidence file against the size and
  // SHA-256 its record names (G4.4.3: a file changed or gone behind sokuo's back is a problem
  // too); a problem that names a row of an incident the caller may not see names the entry but
  // not the row. With `from`, the journal is checked from the newest checkpoint at or before it
  // (store::Store::VerifyFrom; docs/security.md says what that cannot prove).
  [[nodiscard]] Result<store::VerifyReport> Verify(const Actor& actor,
                                                   std::optional<int64_t> from = std::nullopt);
  [[nodiscard]] Result<store::JournalHead> Head();
  // Whether the store takes no writes now (store::Store::ReadOnly: a standby not yet promoted).
  [[nodiscard]] Result<bool> ReadOnly() { return ctx_.store().ReadOnly(); }
  // The head, when the store knows it without waiting (store::Store::KnownHead).
  std::optional<store::JournalHead> KnownHead();
  // Looks at most PageRequest::kMaxLimit entries per call.
  [[nodiscard]] Result<JournalPage> Read(const store::JournalQuery& q, const Actor& actor);
  // The changes after `after` that `actor` may know of: to the organization, and to the
  // incidents they may see (any role may ask; no row images). Cheap when nothing changed: one
  // look at the head. A cursor past the head (a restored database) restarts at the head.
  [[nodiscard]] Result<ChangePage> Changes(int64_t after, const Actor& actor);

  // Copies everything this store holds into `to`, which must be empty (`sokuo store copy`):
  // every evidence file not disposed of into `to_blobs`, each checked against its SHA-256, then
  // the journal and every row (store::CopyRecords). Run `Verify` on both afterwards.
  [[nodiscard]] Result<StoreCopied> CopyTo(store::Store& to, BlobStore& to_blobs);

  // Sends the head to the witnesses now (app/witness.h), as `actor`: the outbox message's id.
  // kConflict when the organization configures none.
  [[nodiscard]] Result<std::string> Witness(const Actor& actor);
  // Once a day (no daily receipt queued in the last 24 hours), sends the head to the witnesses;
  // whether it did. The server calls it every minute.
  [[nodiscard]] Result<bool> WitnessTick(Timestamp now);
  // The receipts sokuo sent to the witnesses, newest first, at most `limit`, each with how its
  // deliveries fared: for the auditor, who checks that the heads went out.
  [[nodiscard]] Result<std::vector<SentReceipt>> Receipts(size_t limit);
  // The journal against receipts the witnesses kept (`journal verify --against`).
  [[nodiscard]] Result<ReceiptCheck> CheckReceipts(const std::vector<codec::HeadReceipt>& receipts);

 private:
  // Whether `actor` may see each of `keys` that is an incident (the others are left out): only
  // those are read, so a page of entries costs its own subjects, not every incident.
  Result<std::map<std::string, bool>> IncidentVisibility(const Actor& actor,
                                                         const std::set<std::string>& keys);
  // Those of `keys` that are incidents `actor` may not see.
  Result<std::set<std::string>> HiddenIncidents(const Actor& actor,
                                                const std::set<std::string>& keys);
  // Adds to `report` every evidence file that no longer holds what its record names.
  Result<void> VerifyEvidence(store::VerifyReport& report);
  // The incidents that hold evidence, read whole: only those, since with years of incidents
  // reading every one would cost more than the journal's own verification.
  Result<std::vector<core::Incident>> IncidentsWithEvidence();

  Context& ctx_;
};

}  // namespace sokuo::app
