#include "api/incident_codec.h"

#include "api/codec.h"

namespace sokuo::api {
namespace {

using codec::JsonReader;
using codec::ReadAll;

Json MilestonesJson(const core::Milestones& m) {
  Json j = Json::object();
  auto put = [&](const char* k, const std::string& v) {
    if (!v.empty()) j[k] = v;
  };
  put("reported", m.reported);
  put("triaged", m.triaged);
  put("convened", m.convened);
  put("contained", m.contained);
  put("assessed", m.assessed);
  put("recovered", m.recovered);
  put("closed", m.closed);
  return j;
}

Json PriorityJson(const core::PriorityResult& p, Lang lang) {
  return {{"level", core::kPriorities.Name(p.priority)},
          {"reasons", Render(p.reasons, lang)},
          {"overridden", p.overridden}};
}

}  // namespace

Json SummaryJson(const app::IncidentView& v, Lang lang) {
  Json j = codec::HeaderToJson(v.incident);
  j["priority"] = PriorityJson(v.priority, lang);
  j["milestones"] = MilestonesJson(v.milestones);
  return j;
}

Json ToJson(const app::EvidenceCheck& c) {
  Json j = codec::ToJson(c.evidence);
  j["incident"] = c.key;
  j["state"] = app::kEvidenceStates.Name(c.state);
  return j;
}

Json ToJson(const app::TimelineEntry& e) {
  Json j = ToJson(e.entry);
  j["event_at"] = e.at;
  return j;
}

Json ToJson(const app::IncidentView& v, Lang lang) {
  Json j = codec::ToJson(v.incident);
  j["priority"] = PriorityJson(v.priority, lang);
  j["milestones"] = MilestonesJson(v.milestones);
  // What the next state asks for, so a UI can show the way forward.
  const auto& path = core::Path();
  auto at = std::find(path.begin(), path.end(), v.incident.state);
  if (at != path.end() && at + 1 != path.end()) {
    j["next"] = {{"state", core::kIncidentStates.Name(*(at + 1))},
                 {"missing", Render(v.next_missing, lang)}};
  }
  Json clocks = Json::array();
  for (const auto& c : v.obligations) clocks.push_back(ToJson(c));
  j["obligations"] = std::move(clocks);
  return j;
}

Json ToJson(const core::ObligationClock& c) {
  Json j = {{"obligation", c.obligation},
            {"name", c.name},
            {"state", core::kClockStates.Name(c.state)},
            {"late_days", c.late_days}};
  if (!c.name_en.empty()) j["name_en"] = c.name_en;
  if (!c.recipient.empty()) j["recipient"] = c.recipient;
  if (!c.started_at.empty()) j["started_at"] = c.started_at;
  if (!c.due.empty()) j["due"] = c.due;
  if (c.filing) j["filing"] = codec::ToJson(*c.filing);
  return j;
}

Json ToJson(const app::Deadline& d) {
  return {{"key", d.key}, {"title", d.title}, {"clock", ToJson(d.clock)}};
}

Result<app::ReportInput> ReportFromJson(const Json& j) {
  return ReadAll<app::ReportInput>(j, [](JsonReader& r, app::ReportInput& x) {
    if (!r.Object({"title", "summary", "detection", "detected_at", "occurred_at", "aware_at",
                   "reported_at", "reporter_department", "systems", "hosts", "departments", "harm",
                   "harm_note", "restricted", "tlp", "category"})) {
      return;
    }
    r.Text("title", x.title, true);
    r.Text("summary", x.summary);
    r.Enum("detection", core::kDetections, x.detection);
    r.Text("detected_at", x.detected_at);
    r.Text("occurred_at", x.occurred_at);
    r.Text("aware_at", x.aware_at);
    r.Text("reported_at", x.reported_at);
    r.Text("reporter_department", x.reporter_department);
    r.Texts("systems", x.systems);
    r.List<core::AffectedHost>("hosts", x.hosts,
                               [](JsonReader& rd, core::AffectedHost& h) { codec::Read(rd, h); });
    r.Texts("departments", x.departments);
    r.Enum("harm", core::kHarms, x.harm);
    r.Text("harm_note", x.harm_note);
    r.Bool("restricted", x.restricted);
    r.Enum("tlp", core::kTlps, x.tlp);
    r.Text("category", x.category);
  });
}

Result<app::UpdateInput> UpdateFromJson(const Json& j) {
  return ReadAll<app::UpdateInput>(j, [](JsonReader& r, app::UpdateInput& x) {
    if (!r.Object({"title", "summary", "category", "detected_at", "occurred_at", "aware_at",
                   "harm_note", "detection", "systems", "hosts", "departments", "harm",
                   "restricted", "tlp", "participants"})) {
      return;
    }
    auto text = [&](const char* k, std::string& v) { r.Text(k, v, std::string(k) == "title"); };
    Maybe(r, "title", x.title, text);
    Maybe(r, "summary", x.summary, text);
    Maybe(r, "category", x.category, text);
    Maybe(r, "detected_at", x.detected_at, text);
    Maybe(r, "occurred_at", x.occurred_at, text);
    Maybe(r, "aware_at", x.aware_at, text);
    Maybe(r, "harm_note", x.harm_note, text);
    Maybe(r, "detection", x.detection,
          [&](const char* k, core::Detection& v) { r.Enum(k, core::kDetections, v, true); });
    Maybe(r, "systems", x.systems,
          [&](const char* k, std::vector<std::string>& v) { r.Texts(k, v); });
    Maybe(r, "hosts", x.hosts, [&](const char* k, std::vector<core::AffectedHost>& v) {
      r.List<core::AffectedHost>(k, v,
                                 [](JsonReader& rd, core::AffectedHost& h) { codec::Read(rd, h); });
    });
    Maybe(r, "departments", x.departments,
          [&](const char* k, std::vector<std::string>& v) { r.Texts(k, v); });
    Maybe(r, "harm", x.harm,
          [&](const char* k, core::Harm& v) { r.Enum(k, core::kHarms, v, true); });
    Maybe(r, "restricted", x.restricted, [&](const char* k, bool& v) { r.Bool(k, v); });
    Maybe(r, "tlp", x.tlp, [&](const char* k, core::Tlp& v) { r.Enum(k, core::kTlps, v, true); });
    Maybe(r, "participants", x.participants, [&](const char* k, std::vector<core::Participant>& v) {
      r.List<core::Participant>(k, v,
                                [](JsonReader& rd, core::Participant& p) { codec::Read(rd, p); });
    });
  });
}

Result<app::TriageInput> TriageFromJson(const Json& j) {
  return ReadAll<app::TriageInput>(j, [](JsonReader& r, app::TriageInput& x) {
    if (!r.Object({"confirmed", "reason", "category", "at"})) return;
    if (!r.Has("confirmed")) r.Problem("confirmed", Msg("triage.confirmed_required"));
    r.Bool("confirmed", x.confirmed);
    r.Text("reason", x.reason);
    r.Text("category", x.category);
    r.Text("at", x.at);
  });
}

Result<PriorityInput> PriorityFromJson(const Json& j) {
  return ReadAll<PriorityInput>(j, [](JsonReader& r, PriorityInput& x) {
    if (!r.Object({"priority", "reason"})) return;
    r.Enum("priority", core::kPriorities, x.priority, true);
    r.Text("reason", x.reason, true);
  });
}

Result<ConvocationRequestInput> ConvocationRequestFromJson(const Json& j) {
  return ReadAll<ConvocationRequestInput>(j, [](JsonReader& r, ConvocationRequestInput& x) {
    if (!r.Object({"at"})) return;
    r.Text("at", x.at);
  });
}

Result<ConvenedInput> ConvenedFromJson(const Json& j) {
  return ReadAll<ConvenedInput>(j, [](JsonReader& r, ConvenedInput& x) {
    if (!r.Object({"convened_at", "attendees"})) return;
    r.Text("convened_at", x.convened_at);
    r.Texts("attendees", x.attendees);
  });
}

Result<core::Decision> DecisionFromJson(const Json& j) {
  return ReadAll<core::Decision>(j, [](JsonReader& r, core::Decision& x) {
    if (!r.Object({"kind", "text", "decided_by", "decided_at", "departments"})) return;
    r.Enum("kind", core::kDecisionKinds, x.kind, true);
    r.Text("text", x.text, true);
    r.Text("decided_by", x.decided_by, true);
    r.Text("decided_at", x.decided_at);
    r.Texts("departments", x.departments);
  });
}

Result<core::ContactLog> ContactFromJson(const Json& j) {
  return ReadAll<core::ContactLog>(j, [](JsonReader& r, core::ContactLog& x) {
    if (!r.Object({"audience", "contact", "channel", "summary", "at", "by", "approved_by",
                   "follow_up_due", "persons"})) {
      return;
    }
    r.Enum("audience", core::kAudiences, x.audience, true);
    r.Text("contact", x.contact, true);
    r.Enum("channel", core::kChannelKinds, x.channel);
    r.Text("summary", x.summary, true);
    r.Text("at", x.at);
    r.Text("by", x.by);
    r.Int("approved_by", x.approved_by);
    r.Text("follow_up_due", x.follow_up_due);
    r.Int("persons", x.persons);
  });
}

Result<core::Task> TaskFromJson(const Json& j) {
  return ReadAll<core::Task>(j, [](JsonReader& r, core::Task& x) {
    if (!r.Object({"kind", "title", "department", "assignee", "system", "due", "contains", "at"})) {
      return;
    }
    r.Enum("kind", core::kTaskKinds, x.kind, true);
    r.Text("title", x.title, true);
    r.Bool("contains", x.contains);
    r.Text("at", x.at);
    r.Text("department", x.department);
    r.Text("assignee", x.assignee);
    r.Text("system", x.system);
    r.Text("due", x.due);
  });
}

Result<app::TaskUpdate> TaskUpdateFromJson(const Json& j) {
  return ReadAll<app::TaskUpdate>(j, [](JsonReader& r, app::TaskUpdate& x) {
    if (!r.Object({"status", "result", "revert_reason", "assignee", "due", "contains", "at"})) {
      return;
    }
    Maybe(r, "contains", x.contains, [&](const char* k, bool& v) { r.Bool(k, v); });
    r.Text("at", x.at);
    Maybe(r, "status", x.status,
          [&](const char* k, core::TaskStatus& v) { r.Enum(k, core::kTaskStatuses, v, true); });
    auto text = [&](const char* k, std::string& v) { r.Text(k, v); };
    Maybe(r, "result", x.result, text);
    Maybe(r, "revert_reason", x.revert_reason, text);
    Maybe(r, "assignee", x.assignee, text);
    Maybe(r, "due", x.due, text);
  });
}

Result<core::Assessment> AssessmentFromJson(const Json& j) {
  // The record's own shape, less the fields sokuo sets itself, plus `at`: when it was assessed.
  if (j.is_object() && (j.contains("assessed_by") || j.contains("assessed_at"))) {
    return Fail(ErrorCode::kInvalidInput, Msg("field.set_by_sokuo"),
                j.contains("assessed_by") ? "/assessed_by" : "/assessed_at");
  }
  Json record = j;
  Json at;
  if (record.is_object() && record.contains("at")) {
    at = record["at"];
    record.erase("at");
    if (!at.is_string()) {
      return Fail(ErrorCode::kInvalidInput, Msg("json.expected_text"), "/at");
    }
  }
  ASSIGN_OR_RETURN(core::Assessment a,
                   ReadAll<core::Assessment>(
                       record, [](JsonReader& r, core::Assessment& x) { codec::Read(r, x); }));
  if (at.is_string()) a.assessed_at = at.get<std::string>();
  return a;
}

Result<RecoveryInput> RecoveryFromJson(const Json& j) {
  return ReadAll<RecoveryInput>(j, [](JsonReader& r, RecoveryInput& x) {
    if (!r.Object({"status", "note", "override_reason", "at"})) return;
    r.Enum("status", core::kRecoveryStatuses, x.status, true);
    r.Text("note", x.note);
    r.Text("override_reason", x.override_reason);
    r.Text("at", x.at);
  });
}

Result<core::Finding> FindingFromJson(const Json& j) {
  return ReadAll<core::Finding>(j, [](JsonReader& r, core::Finding& x) {
    if (!r.Object({"kind", "text", "system", "at"})) return;
    r.Enum("kind", core::kFindingKinds, x.kind, true);
    r.Text("text", x.text, true);
    r.Text("system", x.system);
    r.Text("at", x.at);
  });
}

Result<core::Prevention> PreventionFromJson(const Json& j) {
  return ReadAll<core::Prevention>(j, [](JsonReader& r, core::Prevention& x) {
    if (!r.Object({"text", "owner", "due", "done"})) return;
    r.Text("text", x.text, true);
    r.Text("owner", x.owner);
    r.Text("due", x.due);
    r.Bool("done", x.done);
  });
}

Result<core::Filing> FilingFromJson(const Json& j) {
  return ReadAll<core::Filing>(j, [](JsonReader& r, core::Filing& x) {
    if (!r.Object(
            {"obligation", "filed_at", "reference", "evidence", "note", "waived", "reason"})) {
      return;
    }
    r.Text("obligation", x.obligation, true);
    r.Text("filed_at", x.filed_at);
    r.Text("reference", x.reference);
    r.Int("evidence", x.evidence);
    r.Text("note", x.note);
    r.Bool("waived", x.waived);
    r.Text("reason", x.reason);
  });
}

Result<BackdoorInput> BackdoorFromJson(const Json& j) {
  return ReadAll<BackdoorInput>(j, [](JsonReader& r, BackdoorInput& x) {
    if (!r.Object({"result", "note", "at"})) return;
    r.Enum("result", core::kCheckResults, x.result, true);
    r.Text("note", x.note);
    r.Text("at", x.at);
  });
}

Result<TransitionInput> TransitionFromJson(const Json& j) {
  return ReadAll<TransitionInput>(j, [](JsonReader& r, TransitionInput& x) {
    if (!r.Object({"to", "reason", "at"})) return;
    r.Enum("to", core::kIncidentStates, x.to, true);
    r.Text("reason", x.reason);
    r.Text("at", x.at);
  });
}

Result<core::CustodyEvent> CustodyFromJson(const Json& j) {
  return ReadAll<core::CustodyEvent>(j, [](JsonReader& r, core::CustodyEvent& x) {
    if (!r.Object({"action", "to", "at", "purpose"})) return;
    r.Enum("action", core::kCustodyActions, x.action, true);
    r.Text("to", x.to);
    r.Text("at", x.at);
    r.Text("purpose", x.purpose);
  });
}

Result<HoldInput> HoldFromJson(const Json& j) {
  return ReadAll<HoldInput>(j, [](JsonReader& r, HoldInput& x) {
    if (!r.Object({"hold", "reason"})) return;
    // Required: a release that forgot it must not place a hold.
    if (!r.Has("hold")) r.Problem("hold", Msg("field.required"));
    r.Bool("hold", x.hold);
    r.Text("reason", x.reason, true);
  });
}

Result<std::string> ReasonFromJson(const Json& j) {
  return ReadAll<std::string>(j, [](JsonReader& r, std::string& x) {
    if (!r.Object({"reason"})) return;
    r.Text("reason", x, true);
  });
}

}  // namespace sokuo::api
