// The evidence of an incident (G4.4.3): files kept by SHA-256 with where they came from, the
// chain of custody, the legal hold and disposal, and the check of every stored file.
#include <algorithm>
#include <map>

#include "app/incident_service.h"
#include "app/service_util.h"
#include "codec/incident_json.h"
#include "core/access.h"
#include "core/incident_rules.h"

namespace sokuo::app {
namespace {

using nlohmann::json;

Error NoEvidence(const std::string& key, int id) {
  return Fail(ErrorCode::kNotFound,
              Msg("evidence.not_found", {{"id", std::to_string(id)}, {"key", key}}))
      .value();
}

Result<core::Evidence*> Find(core::Incident& i, int id) {
  auto it = std::find_if(i.evidence.begin(), i.evidence.end(),
                         [&](const core::Evidence& e) { return e.id == id; });
  if (it == i.evidence.end()) return tl::unexpected(NoEvidence(i.key, id));
  return &*it;
}

// Its path inside an archive: no directories of its own and no leading dots, so that unpacking
// it cannot write outside the folder it is unpacked into.
std::string ArchiveName(const core::Evidence& e) {
  return "evidence/" + std::to_string(e.id) + "-" + e.FileName();
}

}  // namespace

Result<IncidentView> IncidentService::AddEvidence(const std::string& key, const EvidenceInput& in,
                                                  const Actor& actor) {
  BlobStore* vault = ctx_.vault();
  if (vault == nullptr) return Fail(ErrorCode::kUnavailable, Msg("evidence.no_vault"));
  if (in.name.empty()) return Fail(ErrorCode::kInvalidInput, Msg("field.required"), "/name");
  if (!in.content) return Fail(ErrorCode::kInvalidInput, Msg("evidence.empty_file"), "/content");
  Timestamp now_time = ctx_.clock().Now();
  std::string now = FormatRfc3339(now_time);
  ASSIGN_OR_RETURN(std::string collected_at,
                   core::EventTime(in.collected_at, "/collected_at", now_time));
  // Whoever may not add evidence, or names a system the organization does not have, stores
  // nothing: checked before the file is written, and again in the transaction that records it.
  {
    ASSIGN_OR_RETURN(IncidentView v, Get(key, actor));
    ASSIGN_OR_RETURN(auto snapshot, ctx_.Organization());
    if (!core::CanDo(actor.principal, core::IncidentAction::kEvidence, v.incident, *snapshot)) {
      return Fail(ErrorCode::kForbidden, Msg("incident.step_forbidden", {{"key", key}}));
    }
    if (!v.incident.IsOpen()) {
      return Fail(
          ErrorCode::kConflict,
          Msg("incident.reopen_first",
              {{"key", key}, {"state", std::string(core::kIncidentStates.Name(v.incident.state))}}),
          "/state");
    }
    if (!in.system.empty() && snapshot->FindSystem(in.system) == nullptr) {
      return Fail(ErrorCode::kInvalidInput,
                  Msg("ref.unknown", {{"what", "system"}, {"id", in.system}}), "/system");
    }
  }
  // The file is stored first, read through once: a stored file without a record is harmless,
  // the reverse is not.
  ASSIGN_OR_RETURN(StoredBlob blob, vault->PutFrom(in.content));
  if (blob.bytes == 0) {
    return Fail(ErrorCode::kInvalidInput, Msg("evidence.empty_file"), "/content");
  }
  return Mutate(
      key, actor, "incident.evidence", core::IncidentAction::kEvidence,
      [&](core::Incident& i, const core::Organization& org, store::Tx&) -> Result<json> {
        core::Evidence e{.id = NextId(i.evidence),
                         .kind = in.kind,
                         .name = in.name,
                         .sha256 = blob.sha256,
                         .bytes = static_cast<int64_t>(blob.bytes),
                         .system = in.system,
                         .added_by = actor.id,
                         .added_at = now,
                         .collected_by = in.collected_by.empty() ? actor.id : in.collected_by,
                         .collected_at = collected_at,
                         .source_host = in.source_host,
                         .source_path = in.source_path,
                         .method = in.method,
                         .note = in.note};
        if (!e.system.empty() && org.FindSystem(e.system) == nullptr) {
          return Fail(ErrorCode::kInvalidInput,
                      Msg("ref.unknown", {{"what", "system"}, {"id", e.system}}), "/system");
        }
        i.evidence.push_back(e);
        return json{{"evidence", e.id},
                    {"sha256", e.sha256},
                    {"bytes", e.bytes},
                    {"name", e.name},
                    {"collected_at", e.collected_at}};
      });
}

Result<EvidenceDownload> IncidentService::Evidence(const std::string& key, int id,
                                                   const Actor& actor, const std::string& purpose,
                                                   core::CustodyAction as) {
  ASSIGN_OR_RETURN(EvidenceDownload file, EvidenceFile(key, id, actor));
  TRY(RecordReading(key, id, actor, purpose, as));
  return file;
}

Result<EvidenceDownload> IncidentService::EvidenceFile(const std::string& key, int id,
                                                       const Actor& actor) {
  ASSIGN_OR_RETURN(IncidentView view, Get(key, actor));
  ASSIGN_OR_RETURN(core::Evidence * found, Find(view.incident, id));
  if (found->Disposed()) {
    return Fail(ErrorCode::kNotFound, Msg("evidence.disposed", {{"id", std::to_string(id)}}));
  }
  BlobStore* vault = ctx_.vault();
  if (vault == nullptr) return Fail(ErrorCode::kUnavailable, Msg("evidence.no_vault"));
  ASSIGN_OR_RETURN(uint64_t length, vault->Verify(found->sha256));
  std::string sha = found->sha256;
  return EvidenceDownload{*found, length, [vault, sha](uint64_t offset, size_t max) {
                            return vault->ReadAt(sha, offset, max);
                          }};
}

// Chain of custody: every reading of the file is on record, whoever reads it.
Result<void> IncidentService::RecordReading(const std::string& key, int id, const Actor& actor,
                                            const std::string& purpose, core::CustodyAction as) {
  std::string now = FormatRfc3339(ctx_.clock().Now());
  ASSIGN_OR_RETURN(
      IncidentView after,
      Mutate(
          key, actor, "evidence.custody",
          [](const core::Incident&) { return std::vector<core::IncidentAction>{}; },
          [&](core::Incident& i, const core::Organization&, store::Tx&) -> Result<json> {
            ASSIGN_OR_RETURN(core::Evidence * e, Find(i, id));
            e->custody.push_back({.action = as, .by = actor.id, .at = now, .purpose = purpose});
            json body = {{"evidence", id}, {"action", core::kCustodyActions.Name(as)}};
            if (!purpose.empty()) body["purpose"] = purpose;
            return body;
          }));
  (void)after;
  return {};
}

Result<void> IncidentService::MayAddEvidence(const std::string& key, const Actor& actor) {
  ASSIGN_OR_RETURN(IncidentView view, Get(key, actor));
  ASSIGN_OR_RETURN(auto org, ctx_.Organization());
  if (!core::CanDo(actor.principal, core::IncidentAction::kEvidence, view.incident, *org)) {
    return Fail(ErrorCode::kForbidden, Msg("incident.step_forbidden", {{"key", key}}));
  }
  return {};
}

Result<EvidenceExport> IncidentService::ExportEvidence(const std::string& key,
                                                       const std::vector<int>& ids,
                                                       const std::string& to, const Actor& actor,
                                                       Lang lang) {
  if (to.empty()) return Fail(ErrorCode::kInvalidInput, Msg("evidence.export_to"), "/to");
  BlobStore* vault = ctx_.vault();
  if (vault == nullptr) return Fail(ErrorCode::kUnavailable, Msg("evidence.no_vault"));
  // Chosen and read through before the custody says they went out, outside the transaction:
  // the files may be large.
  ASSIGN_OR_RETURN(IncidentView before, Get(key, actor));
  std::vector<int> chosen;
  for (int id : ids) {
    ASSIGN_OR_RETURN(core::Evidence * e, Find(before.incident, id));
    if (e->Disposed()) {
      return Fail(ErrorCode::kConflict, Msg("evidence.disposed", {{"id", std::to_string(id)}}));
    }
    if (std::find(chosen.begin(), chosen.end(), id) == chosen.end()) chosen.push_back(id);
  }
  if (ids.empty()) {
    for (const core::Evidence& e : before.incident.evidence) {
      if (!e.Disposed()) chosen.push_back(e.id);
    }
  }
  if (chosen.empty()) {
    return Fail(ErrorCode::kConflict, Msg("evidence.nothing_to_export", {{"key", key}}));
  }
  for (int id : chosen) {
    ASSIGN_OR_RETURN(core::Evidence * e, Find(before.incident, id));
    TRY(vault->Verify(e->sha256));
  }
  std::string now = FormatRfc3339(ctx_.clock().Now());
  ASSIGN_OR_RETURN(
      IncidentView view,
      Mutate(key, actor, "evidence.export", core::IncidentAction::kEvidence,
             [&](core::Incident& i, const core::Organization&, store::Tx&) -> Result<json> {
               for (int id : chosen) {
                 ASSIGN_OR_RETURN(core::Evidence * e, Find(i, id));
                 if (e->Disposed()) {
                   return Fail(ErrorCode::kConflict,
                               Msg("evidence.disposed", {{"id", std::to_string(id)}}));
                 }
                 e->custody.push_back({.action = core::CustodyAction::kExported,
                                       .by = actor.id,
                                       .to = to,
                                       .at = now,
                                       .purpose = "agency export"});
               }
               return json{{"evidence", chosen}, {"action", "exported"}, {"handed_to", to}};
             }));
  ASSIGN_OR_RETURN(std::string report, ReportHtml(key, actor, lang));
  ASSIGN_OR_RETURN(report::Stamp stamp, ctx_.Stamp());
  EvidenceExport out{.report_html = std::move(report)};
  json files = json::array();
  for (int id : chosen) {
    ASSIGN_OR_RETURN(core::Evidence * e, Find(view.incident, id));
    std::string path = ArchiveName(*e);
    json entry = codec::ToJson(*e);
    entry["path"] = path;
    files.push_back(std::move(entry));
    std::string sha = e->sha256;
    out.files.push_back({path, EvidenceDownload{*e, static_cast<uint64_t>(e->bytes),
                                                [vault, sha](uint64_t offset, size_t max) {
                                                  return vault->ReadAt(sha, offset, max);
                                                }}});
  }
  json manifest = {{"incident", key},
                   {"title", view.incident.title},
                   {"made_at", stamp.generated_at},
                   {"made_by", actor.id},
                   {"to", to},
                   {"journal", {{"seq", stamp.head_seq}, {"hash", stamp.head_hash}}},
                   {"report", "report.html"},
                   {"files", files}};
  out.manifest = manifest.dump(1) + "\n";
  return out;
}

Result<IncidentView> IncidentService::RecordCustody(const std::string& key, int id,
                                                    core::CustodyEvent event, const Actor& actor) {
  if (event.action != core::CustodyAction::kHandedOver &&
      event.action != core::CustodyAction::kReturned) {
    return Fail(ErrorCode::kInvalidInput, Msg("evidence.custody_action"), "/action");
  }
  ASSIGN_OR_RETURN(event.at, core::EventTime(event.at, "/at", ctx_.clock().Now()));
  event.by = actor.id;
  return Mutate(
      key, actor, "evidence.custody", core::IncidentAction::kEvidence,
      [&](core::Incident& i, const core::Organization&, store::Tx&) -> Result<json> {
        ASSIGN_OR_RETURN(core::Evidence * e, Find(i, id));
        if (e->Disposed()) {
          return Fail(ErrorCode::kConflict, Msg("evidence.disposed", {{"id", std::to_string(id)}}));
        }
        std::string holder = e->HeldBy();
        if (event.action == core::CustodyAction::kHandedOver) {
          if (event.to.empty()) {
            return Fail(ErrorCode::kInvalidInput, Msg("evidence.handover_to"), "/to");
          }
          if (!holder.empty()) {
            return Fail(ErrorCode::kConflict,
                        Msg("evidence.already_held", {{"id", std::to_string(id)}, {"to", holder}}));
          }
        } else {
          if (holder.empty()) {
            return Fail(ErrorCode::kConflict,
                        Msg("evidence.not_held", {{"id", std::to_string(id)}}));
          }
          event.to = holder;  // returned by whoever held it
        }
        e->custody.push_back(event);
        // "handed_to", not "to": in a journal body "to" is a transition's new state.
        json body = {{"evidence", id},
                     {"action", core::kCustodyActions.Name(event.action)},
                     {"handed_to", event.to},
                     {"at", event.at}};
        if (!event.purpose.empty()) body["purpose"] = event.purpose;
        return body;
      });
}

Result<IncidentView> IncidentService::SetLegalHold(const std::string& key, bool hold,
                                                   const std::string& reason, const Actor& actor) {
  if (reason.empty()) {
    return Fail(ErrorCode::kInvalidInput, Msg("incident.hold_reason"), "/reason");
  }
  std::string now = FormatRfc3339(ctx_.clock().Now());
  return Mutate(key, actor, hold ? "incident.hold" : "incident.release_hold",
                core::IncidentAction::kHold,
                [&](core::Incident& i, const core::Organization&, store::Tx&) -> Result<json> {
                  if (hold && i.legal_hold) {
                    return Fail(ErrorCode::kConflict, Msg("incident.already_held", {{"key", key}}));
                  }
                  if (!hold && !i.legal_hold) {
                    return Fail(ErrorCode::kConflict, Msg("incident.no_hold", {{"key", key}}));
                  }
                  if (hold) {
                    i.legal_hold = core::LegalHold{.reason = reason, .by = actor.id, .at = now};
                  } else {
                    i.legal_hold.reset();
                  }
                  return json{{"reason", reason}};
                });
}

Result<IncidentView> IncidentService::DisposeEvidence(const std::string& key, int id,
                                                      const std::string& reason,
                                                      const Actor& actor) {
  BlobStore* vault = ctx_.vault();
  if (vault == nullptr) return Fail(ErrorCode::kUnavailable, Msg("evidence.no_vault"));
  std::string now = FormatRfc3339(ctx_.clock().Now());
  std::string sha;
  bool shared = false;  // the same bytes are evidence elsewhere too: the file stays
  ASSIGN_OR_RETURN(
      IncidentView after,
      Mutate(key, actor, "evidence.dispose", core::IncidentAction::kHold,
             [&](core::Incident& i, const core::Organization&, store::Tx& tx) -> Result<json> {
               ASSIGN_OR_RETURN(core::Evidence * e, Find(i, id));
               std::vector<Detail> refused = core::CheckDisposal(i, *e, reason);
               if (!refused.empty()) {
                 Error error = Invalid(refused).value();
                 if (refused.size() > 1 || refused[0].where != "/reason") {
                   error.code = ErrorCode::kConflict;
                 }
                 return tl::unexpected(std::move(error));
               }
               e->disposed_at = now;
               e->custody.push_back({.action = core::CustodyAction::kDisposed,
                                     .by = actor.id,
                                     .at = now,
                                     .purpose = reason});
               sha = e->sha256;
               ASSIGN_OR_RETURN(shared, store::EvidenceInUse(tx, sha, key, id));
               return json{{"evidence", id}, {"sha256", sha}, {"reason", reason}};
             }));
  // Recorded first: a file left behind by a crash here is harmless, and verify skips it.
  if (!shared) {
    TRY(vault->Remove(sha));
  }
  return after;
}

Result<std::vector<EvidenceCheck>> IncidentService::VerifyEvidence(const std::string& key,
                                                                   const Actor& actor) {
  std::vector<core::Incident> incidents;
  if (!key.empty()) {
    ASSIGN_OR_RETURN(IncidentView v, Get(key, actor));
    incidents.push_back(std::move(v.incident));
  } else {
    ASSIGN_OR_RETURN(auto snapshot, ctx_.Organization());
    store::IncidentQuery all{.scope = core::ScopeOf(actor.principal, *snapshot)};
    auto load = [&](core::Incident& h) -> Result<void> {
      ASSIGN_OR_RETURN(std::optional<core::Incident> i, store::LoadIncident(ctx_.store(), h.key));
      if (i) incidents.push_back(std::move(*i));
      return {};
    };
    TRY(store::EachIncident(ctx_.store(), all, load));
  }
  return CheckEvidenceFiles(ctx_, incidents);
}

Result<std::vector<EvidenceCheck>> CheckEvidenceFiles(
    Context& ctx, const std::vector<core::Incident>& incidents) {
  BlobStore* vault = ctx.vault();
  if (vault == nullptr) return Fail(ErrorCode::kUnavailable, Msg("evidence.no_vault"));
  std::map<std::string, Result<uint64_t>> read;  // by SHA-256: each file is read once
  std::vector<EvidenceCheck> out;
  for (const core::Incident& i : incidents) {
    for (const core::Evidence& e : i.evidence) {
      EvidenceCheck check{.key = i.key, .evidence = e};
      if (e.Disposed()) {
        check.state = EvidenceState::kDisposed;
      } else {
        auto it = read.find(e.sha256);
        if (it == read.end()) it = read.emplace(e.sha256, vault->Verify(e.sha256)).first;
        const Result<uint64_t>& size = it->second;
        if (!size) {
          check.state = size.error().code == ErrorCode::kIntegrity ? EvidenceState::kChanged
                                                                   : EvidenceState::kUnreadable;
        } else if (static_cast<int64_t>(*size) != e.bytes) {
          check.state = EvidenceState::kChanged;
        }
      }
      out.push_back(std::move(check));
    }
  }
  return out;
}

}  // namespace sokuo::app
