// The decisions on alerts (promote, attach, dismiss: once each, by the IS department or the
// committee) and what readers see of them; the ingestion and the policy are in
// detection_service.cpp.
#include "app/detection_service.h"

#include <algorithm>

#include "app/authorization.h"
#include "app/service_util.h"
#include "core/alert_rules.h"
#include "store/alert_query.h"
#include "store/alert_rows.h"

namespace sokuo::app {
namespace {

using json = nlohmann::json;

// A decided alert stays as it was decided.
Result<void> StillOpen(const core::Alert& a) {
  if (a.state == core::AlertState::kOpen) return {};
  return Fail(ErrorCode::kConflict,
              Msg("alert.already_decided",
                  {{"key", a.key}, {"state", std::string(core::kAlertStates.Name(a.state))}}));
}

}  // namespace

Result<std::string> DetectionService::OpenIncident(const core::Alert& a, const std::string& note,
                                                   const Actor& actor) {
  ASSIGN_OR_RETURN(auto org, ctx_.Organization());
  ReportInput in;
  in.title = a.rule_title + " (" + a.group + ")";
  in.summary = a.description;
  if (!note.empty()) in.summary += (in.summary.empty() ? "" : "\n\n") + note;
  in.summary += (in.summary.empty() ? "" : "\n\n") + a.key + ": " + a.rule_title + " [" + a.level +
                "] " + a.rule_file;
  in.detection = core::Detection::kAlert;
  // Detected when sokuo saw it; it happened at the first matching event (an old log replayed
  // today did not start its reporting clocks long ago). A log's clock may run ahead of ours.
  std::string now = FormatRfc3339(ctx_.clock().Now());
  in.detected_at = std::min(a.created_at.empty() ? now : a.created_at, now);
  in.occurred_at = std::min(a.first_at, in.detected_at);
  if (actor.principal.is_operator) in.reporter_department = core::IsDepartmentOf(*org);
  if (auto where = core::LocateHost(*org, a.host)) {
    in.systems.push_back(where->system);
    in.hosts.push_back(*where);
  }
  ASSIGN_OR_RETURN(IncidentView v, incidents_.Report(in, actor));
  return v.incident.key;
}

Result<core::Alert> DetectionService::Join(core::Alert a, const std::string& incident,
                                           const std::string& note, const Actor& actor) {
  ASSIGN_OR_RETURN(auto org, ctx_.Organization());
  ASSIGN_OR_RETURN(std::vector<core::AlertLine> lines, store::LoadAlertLines(ctx_.store(), a.key));
  std::optional<core::AffectedHost> where = core::LocateHost(*org, a.host);
  // G4.4.3: the lines in which the intrusion was found are kept with the incident.
  if (!lines.empty()) {
    std::string text;
    for (const core::AlertLine& l : lines) text += l.text + "\n";
    EvidenceInput e{.name = a.key + ".log",
                    .kind = core::EvidenceKind::kAccessLog,
                    .source_host = a.host,
                    .method = "sokuo " + a.rule_title,
                    .content = BytesSource(std::move(text))};
    if (where) e.system = where->system;
    ASSIGN_OR_RETURN(IncidentView v, incidents_.AddEvidence(incident, e, actor));
    (void)v;
  }
  // G4.4.2: an alert about a planted account, key or job answers that checklist item "found"
  // for its host, for the IS department to confirm or correct.
  std::string backdoor;
  ASSIGN_OR_RETURN(IncidentView current, incidents_.Get(incident, actor));
  auto answered = [&](core::BackdoorItem item) {
    return std::any_of(current.incident.backdoor_checks.begin(),
                       current.incident.backdoor_checks.end(), [&](const core::BackdoorCheck& c) {
                         return c.system == where->system &&
                                (c.host == where->host || c.host.empty()) && c.item == item;
                       });
  };
  // An answer someone gave already stays theirs.
  if (auto item = core::BackdoorItemOf(a.tags); item && where && !answered(*item)) {
    core::BackdoorCheck c{.system = where->system,
                          .host = where->host,
                          .item = *item,
                          .result = core::CheckResult::kFound,
                          .note = a.key + ": " + a.rule_title,
                          .at = std::min(a.last_at, FormatRfc3339(ctx_.clock().Now()))};
    if (incidents_.CheckBackdoor(incident, c, actor)) {
      backdoor = std::string(core::kBackdoorItems.Name(*item));
    }
  }
  std::string now = FormatRfc3339(ctx_.clock().Now());
  core::Alert out;
  TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(std::optional<core::Alert> cur, store::LoadAlert(tx, a.key));
    if (!cur) return Fail(ErrorCode::kNotFound, Msg("alert.not_found", {{"key", a.key}}));
    TRY(StillOpen(*cur));
    cur->state = core::AlertState::kIncident;
    cur->incident = incident;
    cur->reason = note;
    cur->decided_by = actor.id;
    cur->decided_at = now;
    if (!backdoor.empty()) cur->backdoor = backdoor;
    TRY(store::SaveAlert(tx, *cur));
    json body = {{"incident", incident}};
    if (!note.empty()) body["note"] = note;
    if (!backdoor.empty()) body["backdoor"] = backdoor;
    TRY(tx.Append({.at = ctx_.clock().Now(),
                   .actor = actor.id,
                   .action = "alert.incident",
                   .subject = a.key,
                   .body = body}));
    out = *cur;
    return {};
  }));
  return out;
}

bool DetectionService::Claim(const std::string& key) {
  std::lock_guard lock(claims_mu_);
  return claims_.insert(key).second;
}

void DetectionService::Release(const std::string& key) {
  std::lock_guard lock(claims_mu_);
  claims_.erase(key);
}

// Who decides holds the alert's claim until the decision is written (see Claim).
class DetectionService::Decision {
 public:
  Decision(DetectionService& service, std::string key) : service_(service), key_(std::move(key)) {}
  ~Decision() {
    if (held_) service_.Release(key_);
  }
  Decision(const Decision&) = delete;
  Decision& operator=(const Decision&) = delete;
  // The open alert, claimed; a conflict when it was decided, or is being decided, already.
  Result<core::Alert> Take(const Actor& actor) {
    TRY(AuthorizeAlerts(actor, AlertWork::kDecide));
    ASSIGN_OR_RETURN(std::optional<core::Alert> a, store::LoadAlert(service_.ctx_.store(), key_));
    if (!a) return Fail(ErrorCode::kNotFound, Msg("alert.not_found", {{"key", key_}}));
    TRY(StillOpen(*a));
    held_ = service_.Claim(key_);
    if (!held_) return Fail(ErrorCode::kConflict, Msg("alert.being_decided", {{"key", key_}}));
    return *a;
  }

 private:
  DetectionService& service_;
  std::string key_;
  bool held_ = false;
};

Result<AlertView> DetectionService::Promote(const std::string& key, const std::string& note,
                                            const Actor& actor) {
  Decision decision(*this, key);
  ASSIGN_OR_RETURN(core::Alert a, decision.Take(actor));
  ASSIGN_OR_RETURN(std::string incident, OpenIncident(a, note, actor));
  TRY(Join(a, incident, note, actor));
  return Get(key, actor);
}

Result<AlertView> DetectionService::Attach(const std::string& key, const std::string& incident,
                                           const std::string& note, const Actor& actor) {
  if (incident.empty()) return Fail(ErrorCode::kInvalidInput, Msg("field.required"), "/incident");
  Decision decision(*this, key);
  ASSIGN_OR_RETURN(core::Alert a, decision.Take(actor));
  ASSIGN_OR_RETURN(IncidentView v, incidents_.Get(incident, actor));
  if (!v.incident.IsOpen()) {
    return Fail(ErrorCode::kConflict, Msg("alert.incident_closed", {{"key", incident}}),
                "/incident");
  }
  TRY(Join(a, incident, note, actor));
  return Get(key, actor);
}

Result<AlertView> DetectionService::Dismiss(const std::string& key, const std::string& reason,
                                            const Actor& actor) {
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Fail(ErrorCode::kInvalidInput, Msg("alert.reason_required"), "/reason");
  }
  Decision decision(*this, key);
  TRY(decision.Take(actor));
  std::string now = FormatRfc3339(ctx_.clock().Now());
  TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(std::optional<core::Alert> a, store::LoadAlert(tx, key));
    if (!a) return Fail(ErrorCode::kNotFound, Msg("alert.not_found", {{"key", key}}));
    TRY(StillOpen(*a));
    a->state = core::AlertState::kDismissed;
    a->reason = reason;
    a->decided_by = actor.id;
    a->decided_at = now;
    TRY(store::SaveAlert(tx, *a));
    TRY(tx.Append({.at = ctx_.clock().Now(),
                   .actor = actor.id,
                   .action = "alert.dismiss",
                   .subject = key,
                   .body = {{"reason", reason}}}));
    return {};
  }));
  return Get(key, actor);
}

Result<Page<AlertView>> DetectionService::List(const AlertFilter& filter, PageRequest page,
                                               const Actor& actor) {
  TRY(AuthorizeAlerts(actor, AlertWork::kRead));
  ASSIGN_OR_RETURN(auto org, ctx_.Organization());
  store::AlertQuery q{.scope = core::ScopeOf(actor.principal, *org),
                      .state = filter.state,
                      .text = filter.q,
                      .offset = page.offset,
                      .limit = std::min(page.limit, PageRequest::kMaxLimit)};
  if (!filter.level.empty()) q.min_rank = core::PolicyLevelRank(filter.level);
  ASSIGN_OR_RETURN(store::AlertPage found, store::ListAlerts(ctx_.store(), q));
  Page<AlertView> out{{}, found.total, page.offset, q.limit};
  for (core::Alert& a : found.items) out.items.push_back(AlertView{std::move(a), {}});
  return out;
}

Result<AlertView> DetectionService::Get(const std::string& key, const Actor& actor) {
  TRY(AuthorizeAlerts(actor, AlertWork::kRead));
  ASSIGN_OR_RETURN(std::optional<core::Alert> a, store::LoadAlert(ctx_.store(), key));
  // Need-to-know: the alert of an incident the actor may not see is not there for them.
  if (!a || !MaySeeIncidentOf(*a, actor)) {
    return Fail(ErrorCode::kNotFound, Msg("alert.not_found", {{"key", key}}));
  }
  ASSIGN_OR_RETURN(std::vector<core::AlertLine> lines, store::LoadAlertLines(ctx_.store(), key));
  return AlertView{std::move(*a), std::move(lines)};
}

bool DetectionService::MaySeeIncidentOf(const core::Alert& a, const Actor& actor) {
  if (a.incident.empty() || incidents_.Get(a.incident, actor).has_value()) return true;
  // Not there, or not to be seen: one who sees every incident sees the alert of one not there.
  auto org = ctx_.Organization();
  return org && core::ScopeOf(actor.principal, **org).everything;
}

Result<RulesView> DetectionService::Rules(const Actor& actor) const {
  TRY(AuthorizeAlerts(actor, AlertWork::kRead));
  RulesView out;
  out.incident_level = options_.policy.incident_level;
  out.alert_level = options_.policy.alert_level;
  out.window_seconds = options_.policy.window.count();
  if (!configured_) return out;
  out.problems = loaded_.problems;
  out.files = loaded_.files;
  const std::vector<detect::Rule>& rules = loaded_.set->rules();
  for (size_t i = 0; i < rules.size(); ++i) {
    const detect::Rule& r = rules[i];
    out.rules.push_back({.id = r.id,
                         .title = r.title,
                         .level = r.level,
                         .status = r.status,
                         .author = r.author,
                         .license = r.license,
                         .file = r.Where(),
                         .description = r.description,
                         .tags = r.tags,
                         .correlation = r.correlation.has_value(),
                         .reports = loaded_.set->Reports(i),
                         .action = options_.policy.ActionFor(r.id, r.title, r.level)});
  }
  return out;
}

}  // namespace sokuo::app
