#include "codec/incident_json.h"

#include "codec/list_json.h"

namespace sokuo::codec {

Json ToJson(const core::Participant& x) {
  return {{"person", x.person}, {"role", Name(core::kParticipantRoles, x.role)}};
}
void Read(JsonReader& r, core::Participant& x) {
  if (!r.Object({"person", "role"})) return;
  r.Text("person", x.person, true);
  r.Enum("role", core::kParticipantRoles, x.role);
}

Json ToJson(const core::Triage& x) {
  Json j = {{"confirmed", x.confirmed}};
  Put(j, "reason", x.reason);
  Put(j, "by", x.by);
  Put(j, "at", x.at);
  return j;
}
void Read(JsonReader& r, core::Triage& x) {
  if (!r.Object({"confirmed", "reason", "by", "at"})) return;
  r.Bool("confirmed", x.confirmed);
  r.Text("reason", x.reason);
  r.Text("by", x.by);
  r.Text("at", x.at);
}

Json ToJson(const core::PriorityOverride& x) {
  Json j = {{"priority", Name(core::kPriorities, x.priority)}, {"reason", x.reason}};
  Put(j, "by", x.by);
  Put(j, "at", x.at);
  return j;
}
void Read(JsonReader& r, core::PriorityOverride& x) {
  if (!r.Object({"priority", "reason", "by", "at"})) return;
  r.Enum("priority", core::kPriorities, x.priority, true);
  r.Text("reason", x.reason, true);
  r.Text("by", x.by);
  r.Text("at", x.at);
}

Json ToJson(const core::Convocation& x) {
  Json j = {{"addressees", x.addressees}, {"attendees", x.attendees}};
  Put(j, "requested_by", x.requested_by);
  Put(j, "requested_at", x.requested_at);
  Put(j, "convened_at", x.convened_at);
  return j;
}
void Read(JsonReader& r, core::Convocation& x) {
  if (!r.Object({"requested_by", "requested_at", "addressees", "convened_at", "attendees"})) return;
  r.Text("requested_by", x.requested_by);
  r.Text("requested_at", x.requested_at);
  r.Texts("addressees", x.addressees);
  r.Text("convened_at", x.convened_at);
  r.Texts("attendees", x.attendees);
}

Json ToJson(const core::Decision& x) {
  Json j = {{"id", x.id},
            {"kind", Name(core::kDecisionKinds, x.kind)},
            {"text", x.text},
            {"decided_by", x.decided_by},
            {"departments", x.departments}};
  Put(j, "decided_at", x.decided_at);
  Put(j, "recorded_by", x.recorded_by);
  return j;
}
void Read(JsonReader& r, core::Decision& x) {
  if (!r.Object({"id", "kind", "text", "decided_by", "decided_at", "departments", "recorded_by"})) {
    return;
  }
  r.Int("id", x.id);
  r.Enum("kind", core::kDecisionKinds, x.kind, true);
  r.Text("text", x.text, true);
  r.Text("decided_by", x.decided_by, true);
  r.Text("decided_at", x.decided_at);
  r.Texts("departments", x.departments);
  r.Text("recorded_by", x.recorded_by);
}

Json ToJson(const core::ContactLog& x) {
  Json j = {{"id", x.id},           {"audience", Name(core::kAudiences, x.audience)},
            {"contact", x.contact}, {"channel", Name(core::kChannelKinds, x.channel)},
            {"summary", x.summary}, {"by", x.by}};
  Put(j, "at", x.at);
  if (x.approved_by != 0) j["approved_by"] = x.approved_by;
  Put(j, "follow_up_due", x.follow_up_due);
  Put(j, "persons", x.persons);
  return j;
}
void Read(JsonReader& r, core::ContactLog& x) {
  if (!r.Object({"id", "audience", "contact", "channel", "summary", "at", "by", "approved_by",
                 "follow_up_due", "persons"})) {
    return;
  }
  r.Int("id", x.id);
  r.Enum("audience", core::kAudiences, x.audience, true);
  r.Text("contact", x.contact, true);
  r.Enum("channel", core::kChannelKinds, x.channel);
  r.Text("summary", x.summary, true);
  r.Text("at", x.at);
  r.Text("by", x.by);
  r.Int("approved_by", x.approved_by);
  r.Text("follow_up_due", x.follow_up_due);
  r.Int("persons", x.persons);
}

Json ToJson(const core::Task& x) {
  Json j = {{"id", x.id},
            {"kind", Name(core::kTaskKinds, x.kind)},
            {"title", x.title},
            {"status", Name(core::kTaskStatuses, x.status)}};
  Put(j, "department", x.department);
  Put(j, "assignee", x.assignee);
  Put(j, "system", x.system);
  Put(j, "due", x.due);
  Put(j, "result", x.result);
  Put(j, "revert_reason", x.revert_reason);
  if (x.contains) j["contains"] = true;
  Put(j, "at", x.at);
  Put(j, "status_at", x.status_at);
  Put(j, "created_at", x.created_at);
  Put(j, "updated_at", x.updated_at);
  return j;
}
void Read(JsonReader& r, core::Task& x) {
  if (!r.Object({"id", "kind", "title", "status", "department", "assignee", "system", "due",
                 "result", "revert_reason", "contains", "at", "status_at", "created_at",
                 "updated_at"})) {
    return;
  }
  r.Int("id", x.id);
  r.Enum("kind", core::kTaskKinds, x.kind, true);
  r.Text("title", x.title, true);
  r.Enum("status", core::kTaskStatuses, x.status);
  r.Text("department", x.department);
  r.Text("assignee", x.assignee);
  r.Text("system", x.system);
  r.Text("due", x.due);
  r.Text("result", x.result);
  r.Text("revert_reason", x.revert_reason);
  r.Bool("contains", x.contains);
  r.Text("at", x.at);
  r.Text("status_at", x.status_at);
  r.Text("created_at", x.created_at);
  r.Text("updated_at", x.updated_at);
}

Json ToJson(const core::Leak& x) {
  Json j = {{"system", x.system}, {"personal_data", x.personal_data}};
  Put(j, "data_class", x.data_class);
  Put(j, "destination", x.destination);
  Put(j, "records", x.records);
  Put(j, "persons", x.persons);
  return j;
}
void Read(JsonReader& r, core::Leak& x) {
  if (!r.Object({"system", "data_class", "destination", "records", "persons", "personal_data"})) {
    return;
  }
  r.Text("system", x.system, true);
  r.Text("data_class", x.data_class);
  r.Text("destination", x.destination);
  r.Int("records", x.records);
  r.Int("persons", x.persons);
  r.Bool("personal_data", x.personal_data);
}

Json ToJson(const core::PersonalDataLeak& x) {
  Json j = {{"system", x.system}, {"leaked", Name(core::kLikelihoods, x.leaked)}};
  Put(j, "note", x.note);
  return j;
}
void Read(JsonReader& r, core::PersonalDataLeak& x) {
  if (!r.Object({"system", "leaked", "note"})) return;
  r.Text("system", x.system, true);
  r.Enum("leaked", core::kLikelihoods, x.leaked, true);
  r.Text("note", x.note);
}

Json ToJson(const core::Assessment& x) {
  Json kinds = Json::array();
  for (auto k : x.kinds) kinds.push_back(Name(core::kDamageKinds, k));
  Json j = {{"kinds", kinds},
            {"systems", x.systems},
            {"leaks", ListToJson(x.leaks)},
            {"spread_outside", x.spread_outside},
            {"personal_data", ListToJson(x.personal_data)},
            {"sensitive_personal_data", Name(core::kLikelihoods, x.sensitive_personal_data)},
            {"financial_harm", Name(core::kLikelihoods, x.financial_harm)},
            {"unauthorized_purpose", Name(core::kLikelihoods, x.unauthorized_purpose)}};
  Put(j, "persons", x.persons);
  Put(j, "scope", x.scope);
  Put(j, "first_seen", x.first_seen);
  Put(j, "last_seen", x.last_seen);
  Put(j, "intrusion_route", x.intrusion_route);
  Put(j, "method", x.method);
  Put(j, "attacker", x.attacker);
  Put(j, "spread_note", x.spread_note);
  Put(j, "assessed_by", x.assessed_by);
  Put(j, "assessed_at", x.assessed_at);
  return j;
}
void Read(JsonReader& r, core::Assessment& x) {
  if (!r.Object({"kinds", "scope", "systems", "first_seen", "last_seen", "intrusion_route",
                 "method", "attacker", "leaks", "spread_outside", "spread_note", "personal_data",
                 "persons", "sensitive_personal_data", "financial_harm", "unauthorized_purpose",
                 "assessed_by", "assessed_at"})) {
    return;
  }
  r.Enums("kinds", core::kDamageKinds, x.kinds);
  r.Text("scope", x.scope);
  r.Texts("systems", x.systems);
  r.Text("first_seen", x.first_seen);
  r.Text("last_seen", x.last_seen);
  r.Text("intrusion_route", x.intrusion_route);
  r.Text("method", x.method);
  r.Text("attacker", x.attacker);
  r.List<core::Leak>("leaks", x.leaks, Reader<core::Leak>());
  r.Bool("spread_outside", x.spread_outside);
  r.Text("spread_note", x.spread_note);
  r.List<core::PersonalDataLeak>("personal_data", x.personal_data,
                                 Reader<core::PersonalDataLeak>());
  r.Int("persons", x.persons);
  r.Enum("sensitive_personal_data", core::kLikelihoods, x.sensitive_personal_data);
  r.Enum("financial_harm", core::kLikelihoods, x.financial_harm);
  r.Enum("unauthorized_purpose", core::kLikelihoods, x.unauthorized_purpose);
  r.Text("assessed_by", x.assessed_by);
  r.Text("assessed_at", x.assessed_at);
}

Json ToJson(const core::Recovery& x) {
  Json j = {{"system", x.system}, {"status", Name(core::kRecoveryStatuses, x.status)}};
  Put(j, "note", x.note);
  Put(j, "by", x.by);
  Put(j, "at", x.at);
  Put(j, "override_reason", x.override_reason);
  return j;
}
void Read(JsonReader& r, core::Recovery& x) {
  if (!r.Object({"system", "status", "note", "by", "at", "override_reason"})) return;
  r.Text("system", x.system, true);
  r.Enum("status", core::kRecoveryStatuses, x.status, true);
  r.Text("note", x.note);
  r.Text("by", x.by);
  r.Text("at", x.at);
  r.Text("override_reason", x.override_reason);
}

Json ToJson(const core::AffectedHost& x) { return {{"system", x.system}, {"host", x.host}}; }
void Read(JsonReader& r, core::AffectedHost& x) {
  if (!r.Object({"system", "host"})) return;
  r.Text("system", x.system, true);
  r.Text("host", x.host, true);
}

Json ToJson(const core::ScopeChange& x) {
  Json j = {{"system", x.system}, {"via", x.via}};
  Put(j, "reason", x.reason);
  Put(j, "by", x.by);
  Put(j, "at", x.at);
  return j;
}
void Read(JsonReader& r, core::ScopeChange& x) {
  if (!r.Object({"system", "via", "reason", "by", "at"})) return;
  r.Text("system", x.system, true);
  r.Text("via", x.via, true);
  r.Text("reason", x.reason);
  r.Text("by", x.by);
  r.Text("at", x.at);
}

Json ToJson(const core::Finding& x) {
  Json j = {{"id", x.id}, {"kind", Name(core::kFindingKinds, x.kind)}, {"text", x.text}};
  Put(j, "system", x.system);
  Put(j, "by", x.by);
  Put(j, "at", x.at);
  return j;
}
void Read(JsonReader& r, core::Finding& x) {
  if (!r.Object({"id", "kind", "text", "system", "by", "at"})) return;
  r.Int("id", x.id);
  r.Enum("kind", core::kFindingKinds, x.kind, true);
  r.Text("text", x.text, true);
  r.Text("system", x.system);
  r.Text("by", x.by);
  r.Text("at", x.at);
}

Json ToJson(const core::Prevention& x) {
  Json j = {{"id", x.id}, {"text", x.text}, {"done", x.done}};
  Put(j, "owner", x.owner);
  Put(j, "due", x.due);
  return j;
}
void Read(JsonReader& r, core::Prevention& x) {
  if (!r.Object({"id", "text", "owner", "due", "done"})) return;
  r.Int("id", x.id);
  r.Text("text", x.text, true);
  r.Text("owner", x.owner);
  r.Text("due", x.due);
  r.Bool("done", x.done);
}

Json ToJson(const core::BackdoorCheck& x) {
  Json j = {{"system", x.system},
            {"item", Name(core::kBackdoorItems, x.item)},
            {"result", Name(core::kCheckResults, x.result)}};
  Put(j, "host", x.host);
  if (!x.hosts.empty()) j["hosts"] = x.hosts;
  Put(j, "note", x.note);
  Put(j, "checked_by", x.checked_by);
  Put(j, "at", x.at);
  return j;
}
void Read(JsonReader& r, core::BackdoorCheck& x) {
  if (!r.Object({"system", "host", "hosts", "item", "result", "note", "checked_by", "at"})) return;
  r.Text("system", x.system, true);
  r.Text("host", x.host);
  r.Texts("hosts", x.hosts);
  r.Enum("item", core::kBackdoorItems, x.item, true);
  r.Enum("result", core::kCheckResults, x.result, true);
  r.Text("note", x.note);
  r.Text("checked_by", x.checked_by);
  r.Text("at", x.at);
}

Json ToJson(const core::CustodyEvent& x) {
  Json j = {{"action", Name(core::kCustodyActions, x.action)}, {"by", x.by}, {"at", x.at}};
  Put(j, "to", x.to);
  Put(j, "purpose", x.purpose);
  return j;
}
void Read(JsonReader& r, core::CustodyEvent& x) {
  if (!r.Object({"action", "by", "to", "at", "purpose"})) return;
  r.Enum("action", core::kCustodyActions, x.action, true);
  r.Text("by", x.by);
  r.Text("to", x.to);
  r.Text("at", x.at);
  r.Text("purpose", x.purpose);
}

Json ToJson(const core::Evidence& x) {
  Json j = {{"id", x.id},
            {"kind", Name(core::kEvidenceKinds, x.kind)},
            {"name", x.name},
            {"sha256", x.sha256},
            {"bytes", x.bytes}};
  Put(j, "system", x.system);
  Put(j, "added_by", x.added_by);
  Put(j, "added_at", x.added_at);
  Put(j, "collected_by", x.collected_by);
  Put(j, "collected_at", x.collected_at);
  Put(j, "source_host", x.source_host);
  Put(j, "source_path", x.source_path);
  Put(j, "method", x.method);
  Put(j, "note", x.note);
  if (!x.custody.empty()) j["custody"] = ListToJson(x.custody);
  Put(j, "disposed_at", x.disposed_at);
  return j;
}
void Read(JsonReader& r, core::Evidence& x) {
  // clang-format off
  if (!r.Object({"id", "kind", "name", "sha256", "bytes", "system", "added_by", "added_at",
                 "collected_by", "collected_at", "source_host", "source_path", "method", "note",
                 "custody", "disposed_at"})) {
    return;
  }
  // clang-format on
  r.Int("id", x.id);
  r.Enum("kind", core::kEvidenceKinds, x.kind, true);
  r.Text("name", x.name, true);
  r.Text("sha256", x.sha256);
  r.Int64("bytes", x.bytes);
  r.Text("system", x.system);
  r.Text("added_by", x.added_by);
  r.Text("added_at", x.added_at);
  r.Text("collected_by", x.collected_by);
  r.Text("collected_at", x.collected_at);
  r.Text("source_host", x.source_host);
  r.Text("source_path", x.source_path);
  r.Text("method", x.method);
  r.Text("note", x.note);
  r.List<core::CustodyEvent>("custody", x.custody, Reader<core::CustodyEvent>());
  r.Text("disposed_at", x.disposed_at);
}

Json ToJson(const core::LegalHold& x) { return {{"reason", x.reason}, {"by", x.by}, {"at", x.at}}; }
void Read(JsonReader& r, core::LegalHold& x) {
  if (!r.Object({"reason", "by", "at"})) return;
  r.Text("reason", x.reason, true);
  r.Text("by", x.by);
  r.Text("at", x.at);
}

Json ToJson(const core::Filing& x) {
  Json j = {{"id", x.id}, {"obligation", x.obligation}, {"waived", x.waived}};
  Put(j, "filed_at", x.filed_at);
  Put(j, "reference", x.reference);
  if (x.evidence != 0) j["evidence"] = x.evidence;
  Put(j, "note", x.note);
  Put(j, "reason", x.reason);
  Put(j, "by", x.by);
  Put(j, "recorded_at", x.recorded_at);
  return j;
}
void Read(JsonReader& r, core::Filing& x) {
  if (!r.Object({"id", "obligation", "filed_at", "reference", "evidence", "note", "waived",
                 "reason", "by", "recorded_at"})) {
    return;
  }
  r.Int("id", x.id);
  r.Text("obligation", x.obligation, true);
  r.Text("filed_at", x.filed_at);
  r.Text("reference", x.reference);
  r.Int("evidence", x.evidence);
  r.Text("note", x.note);
  r.Bool("waived", x.waived);
  r.Text("reason", x.reason);
  r.Text("by", x.by);
  r.Text("recorded_at", x.recorded_at);
}

Json ToJson(const core::StateChange& x) {
  Json j = {{"from", Name(core::kIncidentStates, x.from)},
            {"to", Name(core::kIncidentStates, x.to)},
            {"at", x.at},
            {"by", x.by}};
  Put(j, "reason", x.reason);
  return j;
}
void Read(JsonReader& r, core::StateChange& x) {
  if (!r.Object({"from", "to", "at", "by", "reason"})) return;
  r.Enum("from", core::kIncidentStates, x.from, true);
  r.Enum("to", core::kIncidentStates, x.to, true);
  r.Text("at", x.at);
  r.Text("by", x.by);
  r.Text("reason", x.reason);
}

Json HeaderToJson(const core::Incident& x) {
  Json j = {{"key", x.key},
            {"year", x.year},
            {"number", x.number},
            {"title", x.title},
            {"detection", Name(core::kDetections, x.detection)},
            {"systems", x.systems},
            {"departments", x.departments},
            {"harm", Name(core::kHarms, x.harm)},
            {"restricted", x.restricted},
            {"tlp", Name(core::kTlps, x.tlp)},
            {"state", Name(core::kIncidentStates, x.state)},
            {"participants", ListToJson(x.participants)},
            {"history", ListToJson(x.history)}};
  Put(j, "summary", x.summary);
  Put(j, "category", x.category);
  Put(j, "detected_at", x.detected_at);
  Put(j, "occurred_at", x.occurred_at);
  Put(j, "aware_at", x.aware_at);
  Put(j, "reported_at", x.reported_at);
  Put(j, "recorded_at", x.recorded_at);
  Put(j, "reported_by", x.reported_by);
  Put(j, "reporter_department", x.reporter_department);
  Put(j, "harm_note", x.harm_note);
  if (x.priority_override) j["priority_override"] = ToJson(*x.priority_override);
  if (x.triage) j["triage"] = ToJson(*x.triage);
  if (x.convocation) j["convocation"] = ToJson(*x.convocation);
  if (x.assessment) j["assessment"] = ToJson(*x.assessment);
  if (x.legal_hold) j["legal_hold"] = ToJson(*x.legal_hold);
  if (!x.scope_changes.empty()) j["scope_changes"] = ListToJson(x.scope_changes);
  if (!x.hosts.empty()) j["hosts"] = ListToJson(x.hosts);
  return j;
}

void ReadHeader(JsonReader& r, core::Incident& x) {
  // One key a line, in the order of the reads below.
  // clang-format off
  if (!r.Object({"key",
                 "year",
                 "number",
                 "title",
                 "summary",
                 "category",
                 "detection",
                 "detected_at",
                 "occurred_at",
                 "aware_at",
                 "reported_at",
                 "recorded_at",
                 "reported_by",
                 "reporter_department",
                 "systems",
                 "departments",
                 "harm",
                 "harm_note",
                 "restricted",
                 "tlp",
                 "state",
                 "priority_override",
                 "participants",
                 "triage",
                 "convocation",
                 "assessment",
                 "history",
                 "scope_changes",
                 "hosts",
                 "legal_hold"})) {
    return;
  }
  // clang-format on
  r.Text("key", x.key, true);
  r.Int("year", x.year);
  r.Int("number", x.number);
  r.Text("title", x.title, true);
  r.Text("summary", x.summary);
  r.Text("category", x.category);
  r.Enum("detection", core::kDetections, x.detection);
  r.Text("detected_at", x.detected_at);
  r.Text("occurred_at", x.occurred_at);
  r.Text("aware_at", x.aware_at);
  r.Text("reported_at", x.reported_at);
  r.Text("recorded_at", x.recorded_at);
  r.Text("reported_by", x.reported_by);
  r.Text("reporter_department", x.reporter_department);
  r.Texts("systems", x.systems);
  r.Texts("departments", x.departments);
  r.Enum("harm", core::kHarms, x.harm);
  r.Text("harm_note", x.harm_note);
  r.Bool("restricted", x.restricted);
  r.Enum("tlp", core::kTlps, x.tlp);
  r.Enum("state", core::kIncidentStates, x.state, true);
  r.Optional<core::PriorityOverride>("priority_override", x.priority_override,
                                     Reader<core::PriorityOverride>());
  r.List<core::Participant>("participants", x.participants, Reader<core::Participant>());
  r.Optional<core::Triage>("triage", x.triage, Reader<core::Triage>());
  r.Optional<core::Convocation>("convocation", x.convocation, Reader<core::Convocation>());
  r.Optional<core::Assessment>("assessment", x.assessment, Reader<core::Assessment>());
  r.List<core::StateChange>("history", x.history, Reader<core::StateChange>());
  r.List<core::ScopeChange>("scope_changes", x.scope_changes, Reader<core::ScopeChange>());
  r.List<core::AffectedHost>("hosts", x.hosts, Reader<core::AffectedHost>());
  r.Optional<core::LegalHold>("legal_hold", x.legal_hold, Reader<core::LegalHold>());
}

Json ToJson(const core::Incident& x) {
  Json j = HeaderToJson(x);
  j["decisions"] = ListToJson(x.decisions);
  j["contacts"] = ListToJson(x.contacts);
  j["tasks"] = ListToJson(x.tasks);
  j["recovery"] = ListToJson(x.recovery);
  j["findings"] = ListToJson(x.findings);
  j["prevention"] = ListToJson(x.prevention);
  j["backdoor_checks"] = ListToJson(x.backdoor_checks);
  j["evidence"] = ListToJson(x.evidence);
  j["filings"] = ListToJson(x.filings);
  return j;
}

}  // namespace sokuo::codec
