#include "app/journal_service.h"

#include <algorithm>
#include <set>

#include "app/authorization.h"
#include "app/incident_service.h"
#include "app/notices.h"
#include "app/page.h"
#include "core/access.h"
#include "store/incident_rows.h"

namespace sokuo::app {
namespace {

std::string ParamOf(const Message& m, const std::string& name) {
  for (const auto& [k, v] : m.params) {
    if (k == name) return v;
  }
  return "";
}

// The incident a row name ("incidents/INC-2026-0001", "incident_records/INC-2026-0001/task/…",
// "outbox/INC-2026-0001/000001") belongs to, or the row's first id segment for other tables.
std::string IncidentOfRow(const std::string& row) {
  auto slash = row.find('/');
  if (slash == std::string::npos) return "";
  std::string id = row.substr(slash + 1);
  return id.substr(0, id.find('/'));
}

}  // namespace

Result<std::map<std::string, bool>> JournalService::IncidentVisibility(
    const Actor& actor, const std::set<std::string>& keys) {
  const core::Principal& p = actor.principal;
  bool sees_all = p.is_operator || p.Has(core::Role::kAuditor);
  ASSIGN_OR_RETURN(auto snapshot, ctx_.Organization());
  core::VisibilityScope scope = core::ScopeOf(p, *snapshot);
  std::map<std::string, bool> visible;
  for (const std::string& key : keys) {
    if (!key.starts_with("INC-")) continue;
    ASSIGN_OR_RETURN(store::Table rows, ctx_.store().ReadWhere("incidents", "id", key));
    if (rows.empty()) continue;
    ASSIGN_OR_RETURN(core::Incident i, store::IncidentHeaderFromRow(rows.begin()->second));
    visible[key] = sees_all || core::InScope(scope, i);
  }
  return visible;
}

Result<std::set<std::string>> JournalService::HiddenIncidents(const Actor& actor,
                                                              const std::set<std::string>& keys) {
  std::set<std::string> hidden;
  const core::Principal& p = actor.principal;
  if (p.is_operator || p.Has(core::Role::kAuditor)) return hidden;
  ASSIGN_OR_RETURN(auto visible, IncidentVisibility(actor, keys));
  for (const auto& [key, sees] : visible) {
    if (!sees) hidden.insert(key);
  }
  return hidden;
}

Result<store::VerifyReport> JournalService::Verify(const Actor& actor,
                                                   std::optional<int64_t> from) {
  ASSIGN_OR_RETURN(store::VerifyReport report,
                   from ? ctx_.store().VerifyFrom(*from) : ctx_.store().Verify());
  TRY(VerifyEvidence(report));
  if (report.ok()) return report;
  std::set<std::string> named;
  for (const Message& m : report.problems) named.insert(IncidentOfRow(ParamOf(m, "row")));
  ASSIGN_OR_RETURN(std::set<std::string> hidden, HiddenIncidents(actor, named));
  for (Message& m : report.problems) {
    std::string row = ParamOf(m, "row");
    if (row.empty() || hidden.count(IncidentOfRow(row)) == 0) continue;
    std::string seq = ParamOf(m, "seq");
    if (seq.empty()) seq = std::to_string(report.head.seq);  // as the store counts it
    m = Msg("journal.row_withheld", {{"seq", seq}});
  }
  return report;
}

Result<void> JournalService::VerifyEvidence(store::VerifyReport& report) {
  if (ctx_.vault() == nullptr) return {};
  ASSIGN_OR_RETURN(std::vector<core::Incident> incidents, IncidentsWithEvidence());
  ASSIGN_OR_RETURN(std::vector<EvidenceCheck> checks, CheckEvidenceFiles(ctx_, incidents));
  std::set<std::string> files;
  for (const EvidenceCheck& c : checks) {
    if (c.state == EvidenceState::kDisposed) continue;
    files.insert(c.evidence.sha256);
    if (c.state == EvidenceState::kOk) continue;
    // "row": an incident the reader may not see is withheld like its rows (Verify).
    report.problems.push_back(Msg(c.state == EvidenceState::kUnreadable
                                      ? "journal.evidence_unreadable"
                                      : "journal.evidence_changed",
                                  {{"row", "incidents/" + c.key},
                                   {"key", c.key},
                                   {"id", std::to_string(c.evidence.id)},
                                   {"name", c.evidence.name},
                                   {"sha256", c.evidence.sha256}}));
  }
  report.evidence_files = static_cast<int64_t>(files.size());
  return {};
}

Result<std::vector<core::Incident>> JournalService::IncidentsWithEvidence() {
  std::set<std::string> holding;
  {
    ASSIGN_OR_RETURN(store::Table records,
                     ctx_.store().ReadWhere("incident_records", "kind", std::string("evidence")));
    for (const auto& [id, row] : records) holding.insert(row.value("incident", ""));
  }
  std::vector<core::Incident> incidents;
  for (const std::string& key : holding) {
    ASSIGN_OR_RETURN(std::optional<core::Incident> i, store::LoadIncident(ctx_.store(), key));
    if (i) incidents.push_back(std::move(*i));
  }
  return incidents;
}

// The evidence first: a copy that fails halfway then leaves files without records (named by
// their content, so harmless and taken up by the next try), never records without their files.
Result<StoreCopied> JournalService::CopyTo(store::Store& to, BlobStore& to_blobs) {
  StoreCopied copied;
  if (ctx_.vault() != nullptr) {
    ASSIGN_OR_RETURN(std::vector<core::Incident> incidents, IncidentsWithEvidence());
    for (const core::Incident& i : incidents) {
      for (const core::Evidence& e : i.evidence) {
        if (e.Disposed()) continue;
        uint64_t offset = 0;
        ByteSource source = [&](size_t max) -> Result<std::string> {
          ASSIGN_OR_RETURN(std::string piece, ctx_.vault()->ReadAt(e.sha256, offset, max));
          offset += piece.size();
          return piece;
        };
        ASSIGN_OR_RETURN(StoredBlob blob, to_blobs.PutFrom(source));
        if (blob.sha256 != e.sha256) {
          return Fail(ErrorCode::kIntegrity,
                      Msg("journal.evidence_changed", {{"row", "incidents/" + i.key},
                                                       {"key", i.key},
                                                       {"id", std::to_string(e.id)},
                                                       {"name", e.name},
                                                       {"sha256", e.sha256}}));
        }
        ++copied.evidence_files;
        copied.evidence_bytes += blob.bytes;
      }
    }
  }
  ASSIGN_OR_RETURN(copied.records, store::CopyRecords(ctx_.store(), to));
  return copied;
}

Result<store::JournalHead> JournalService::Head() { return ctx_.store().Head(); }

std::optional<store::JournalHead> JournalService::KnownHead() { return ctx_.store().KnownHead(); }

Result<JournalPage> JournalService::Read(const store::JournalQuery& q, const Actor& actor) {
  store::JournalQuery bounded = q;
  bounded.limit = std::min<size_t>(q.limit, PageRequest::kMaxLimit);
  if (!q.subject.empty()) {
    ASSIGN_OR_RETURN(std::set<std::string> subject, HiddenIncidents(actor, {q.subject}));
    if (!subject.empty()) return JournalPage{};  // as if it had no entries
  }
  ASSIGN_OR_RETURN(std::vector<store::JournalEntry> looked, ctx_.store().ReadJournal(bounded));
  std::set<std::string> subjects;
  for (const store::JournalEntry& e : looked) subjects.insert(e.subject);
  ASSIGN_OR_RETURN(std::set<std::string> hidden, HiddenIncidents(actor, subjects));
  JournalPage page;
  if (!looked.empty() && looked.size() == bounded.limit) page.next_after = looked.back().seq;
  for (store::JournalEntry& e : looked) {
    if (hidden.count(e.subject) == 0) page.entries.push_back(std::move(e));
  }
  return page;
}

Result<ChangePage> JournalService::Changes(int64_t after, const Actor& actor) {
  ASSIGN_OR_RETURN(store::JournalHead head, ctx_.store().Head());
  ChangePage page{.changes = {}, .last_seq = std::min(after, head.seq)};
  if (head.seq <= after) return page;
  ASSIGN_OR_RETURN(std::vector<store::JournalEntry> looked,
                   ctx_.store().ReadJournal({.after_seq = after, .limit = PageRequest::kMaxLimit}));
  std::set<std::string> subjects;
  for (const store::JournalEntry& e : looked) subjects.insert(e.subject);
  ASSIGN_OR_RETURN(auto visible, IncidentVisibility(actor, subjects));
  bool alerts = CanReadAlerts(actor.principal);
  for (store::JournalEntry& e : looked) {
    page.last_seq = e.seq;
    auto incident = visible.find(e.subject);
    bool sees = e.subject == "org" || (incident != visible.end() && incident->second) ||
                (alerts && e.subject.rfind("ALR-", 0) == 0);
    if (sees) page.changes.push_back({e.seq, e.at, e.action, e.subject});
  }
  return page;
}

Result<std::string> JournalService::Witness(const Actor& actor) {
  std::optional<std::string> id;
  TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(auto org, ctx_.OrganizationIn(tx));
    ASSIGN_OR_RETURN(id,
                     QueueWitness(tx, *org, tx.Start(), "manual", actor.id, ctx_.clock().Now()));
    if (!id) return Fail(ErrorCode::kConflict, Msg("journal.no_witnesses"));
    return {};
  }));
  return *id;
}

Result<bool> JournalService::WitnessTick(Timestamp now) {
  ASSIGN_OR_RETURN(auto org, ctx_.Organization());
  if (!org->notifications.witnesses) return false;
  // The newest daily receipt queued: its line is the message's body.
  ASSIGN_OR_RETURN(store::Table sent,
                   ctx_.store().ReadWhere("outbox", "kind", std::string(codec::kReceiptMark)));
  std::string last;
  for (const auto& [id, row] : sent) {
    auto receipt = codec::ReadReceipts(row.value("body", ""), id);
    if (receipt && receipt->front().reason == kDailyReason) {
      last = std::max(last, row.value("created_at", ""));
    }
  }
  if (auto at = ParseRfc3339(last); at && now - *at < std::chrono::hours(24)) return false;
  bool queued = false;
  TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(auto current, ctx_.OrganizationIn(tx));
    ASSIGN_OR_RETURN(auto id, QueueWitness(tx, *current, tx.Start(), kDailyReason, "system", now));
    queued = id.has_value();
    return {};
  }));
  return queued;
}

Result<std::vector<SentReceipt>> JournalService::Receipts(size_t limit) {
  ASSIGN_OR_RETURN(std::vector<NoticeView> sent, NoticesAbout(ctx_.store(), kWitnessSubject));
  std::vector<SentReceipt> out;
  for (auto it = sent.rbegin(); it != sent.rend() && out.size() < limit; ++it) {
    auto read = codec::ReadReceipts(it->message.body, it->message.id);
    if (!read) continue;  // not a receipt: nothing else is queued about the journal
    out.push_back({read->front(), std::move(it->message), std::move(it->deliveries)});
  }
  return out;
}

Result<ReceiptCheck> JournalService::CheckReceipts(
    const std::vector<codec::HeadReceipt>& receipts) {
  return app::CheckReceipts(ctx_.store(), receipts);
}

}  // namespace sokuo::app
