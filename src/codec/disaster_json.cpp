#include "codec/disaster_json.h"

#include "codec/incident_json.h"
#include "codec/list_json.h"

namespace sokuo::codec {

Json ToJson(const core::Availability& x) {
  Json j = {
      {"person", x.person}, {"can_work", x.can_work}, {"where", Name(core::kWorkPlaces, x.where)}};
  Put(j, "department", x.department);
  Put(j, "from", x.from);
  Put(j, "hours_per_day", x.hours_per_day);
  Put(j, "day_starts_hour", x.day_starts_hour);
  if (!x.skills.empty()) j["skills"] = x.skills;
  Put(j, "note", x.note);
  Put(j, "recorded_by", x.recorded_by);
  Put(j, "at", x.at);
  return j;
}
void Read(JsonReader& r, core::Availability& x) {
  if (!r.Object({"person", "department", "can_work", "from", "hours_per_day", "day_starts_hour",
                 "where", "skills", "note", "recorded_by", "at"})) {
    return;
  }
  r.Text("person", x.person, true);
  r.Text("department", x.department);
  r.Bool("can_work", x.can_work);
  r.Text("from", x.from);
  r.Int("hours_per_day", x.hours_per_day);
  r.Int("day_starts_hour", x.day_starts_hour);
  r.Enum("where", core::kWorkPlaces, x.where);
  r.Texts("skills", x.skills);
  r.Text("note", x.note);
  r.Text("recorded_by", x.recorded_by);
  r.Text("at", x.at);
}

Json ToJson(const core::SurveyEntry& x) {
  Json j = {{"department", x.department},
            {"item", Name(core::kSurveyItems, x.item)},
            {"status", Name(core::kSurveyStatuses, x.status)}};
  Put(j, "site", x.site);
  Put(j, "target", x.target);
  Put(j, "note", x.note);
  Put(j, "surveyed_by", x.surveyed_by);
  Put(j, "at", x.at);
  return j;
}
void Read(JsonReader& r, core::SurveyEntry& x) {
  if (!r.Object({"department", "site", "item", "target", "status", "note", "surveyed_by", "at"})) {
    return;
  }
  r.Text("department", x.department, true);
  r.Text("site", x.site);
  r.Enum("item", core::kSurveyItems, x.item, true);
  r.Text("target", x.target);
  r.Enum("status", core::kSurveyStatuses, x.status, true);
  r.Text("note", x.note);
  r.Text("surveyed_by", x.surveyed_by);
  r.Text("at", x.at);
}

Json ToJson(const core::SystemProgress& x) {
  Json j = {{"system", x.system}, {"status", Name(core::kRecoveryStatuses, x.status)}};
  Put(j, "eta", x.eta);
  Put(j, "note", x.note);
  Put(j, "by", x.by);
  Put(j, "at", x.at);
  return j;
}
void Read(JsonReader& r, core::SystemProgress& x) {
  if (!r.Object({"system", "status", "eta", "note", "by", "at"})) return;
  r.Text("system", x.system, true);
  r.Enum("status", core::kRecoveryStatuses, x.status, true);
  r.Text("eta", x.eta);
  r.Text("note", x.note);
  r.Text("by", x.by);
  r.Text("at", x.at);
}

Json ToJson(const core::VendorRequest& x) {
  Json j = {{"id", x.id},
            {"vendor", x.vendor},
            {"under_contract", x.under_contract},
            {"state", Name(core::kVendorRequestStates, x.state)}};
  Put(j, "system", x.system);
  Put(j, "asked_at", x.asked_at);
  Put(j, "answer", x.answer);
  Put(j, "eta", x.eta);
  Put(j, "by", x.by);
  Put(j, "at", x.at);
  return j;
}
void Read(JsonReader& r, core::VendorRequest& x) {
  if (!r.Object({"id", "vendor", "system", "asked_at", "under_contract", "answer", "eta", "state",
                 "by", "at"})) {
    return;
  }
  r.Int("id", x.id);
  r.Text("vendor", x.vendor, true);
  r.Text("system", x.system);
  r.Text("asked_at", x.asked_at);
  r.Bool("under_contract", x.under_contract);
  r.Text("answer", x.answer);
  r.Text("eta", x.eta);
  r.Enum("state", core::kVendorRequestStates, x.state);
  r.Text("by", x.by);
  r.Text("at", x.at);
}

Json ToJson(const core::Exemption& x) {
  Json j = {{"id", x.id}, {"rule", x.rule}, {"expires_at", x.expires_at}};
  Put(j, "scope", x.scope);
  Put(j, "decided_by", x.decided_by);
  Put(j, "reason", x.reason);
  Put(j, "at", x.at);
  return j;
}
void Read(JsonReader& r, core::Exemption& x) {
  if (!r.Object({"id", "rule", "scope", "expires_at", "decided_by", "reason", "at"})) return;
  r.Int("id", x.id);
  r.Text("rule", x.rule, true);
  r.Text("scope", x.scope);
  r.Text("expires_at", x.expires_at, true);
  r.Text("decided_by", x.decided_by);
  r.Text("reason", x.reason);
  r.Text("at", x.at);
}

Json ToJson(const core::PlanVersionStep& x) {
  Json j = {{"system", x.system},
            {"start_at", x.start_at},
            {"finish_at", x.finish_at},
            {"rto_met", x.rto_met}};
  Put(j, "worker", x.worker);
  return j;
}
void Read(JsonReader& r, core::PlanVersionStep& x) {
  if (!r.Object({"system", "start_at", "finish_at", "worker", "rto_met"})) return;
  r.Text("system", x.system, true);
  r.Text("start_at", x.start_at, true);
  r.Text("finish_at", x.finish_at, true);
  r.Text("worker", x.worker);
  r.Bool("rto_met", x.rto_met);
}

Json ToJson(const core::UnplannedSystem& x) {
  Json j = {{"system", x.id}, {"reason", x.reason}};
  if (!x.because.empty()) j["because"] = x.because;
  return j;
}
void Read(JsonReader& r, core::UnplannedSystem& x) {
  if (!r.Object({"system", "reason", "because"})) return;
  r.Text("system", x.id, true);
  r.Text("reason", x.reason, true);
  r.Texts("because", x.because);
}

Json ToJson(const core::PlanVersion& x) {
  return {{"id", x.id},
          {"at", x.at},
          {"cause", x.cause},
          {"steps", ListToJson(x.steps)},
          {"unplanned", ListToJson(x.unplanned)}};
}
void Read(JsonReader& r, core::PlanVersion& x) {
  if (!r.Object({"id", "at", "cause", "steps", "unplanned"})) return;
  r.Int("id", x.id, true);
  r.Text("at", x.at, true);
  r.Text("cause", x.cause);
  r.List<core::PlanVersionStep>("steps", x.steps, Reader<core::PlanVersionStep>());
  r.List<core::UnplannedSystem>("unplanned", x.unplanned, Reader<core::UnplannedSystem>());
}

Json HeaderToJson(const core::Disaster& x) {
  Json j = {{"key", x.key},
            {"year", x.year},
            {"number", x.number},
            {"kind", Name(core::kDisasterKinds, x.kind)},
            {"title", x.title},
            {"sites", x.sites},
            {"areas", x.areas},
            {"departments", x.departments},
            {"state", Name(core::kDisasterStates, x.state)}};
  Put(j, "summary", x.summary);
  Put(j, "declared_by", x.declared_by);
  Put(j, "declared_at", x.declared_at);
  Put(j, "closed_at", x.closed_at);
  Put(j, "close_reason", x.close_reason);
  return j;
}
void ReadHeader(JsonReader& r, core::Disaster& x) {
  if (!r.Object({"key", "year", "number", "kind", "title", "summary", "sites", "areas",
                 "departments", "declared_by", "declared_at", "state", "closed_at",
                 "close_reason"})) {
    return;
  }
  r.Text("key", x.key, true);
  r.Int("year", x.year);
  r.Int("number", x.number);
  r.Enum("kind", core::kDisasterKinds, x.kind, true);
  r.Text("title", x.title, true);
  r.Text("summary", x.summary);
  r.Texts("sites", x.sites);
  r.Texts("areas", x.areas);
  r.Texts("departments", x.departments);
  r.Text("declared_by", x.declared_by);
  r.Text("declared_at", x.declared_at);
  r.Enum("state", core::kDisasterStates, x.state, true);
  r.Text("closed_at", x.closed_at);
  r.Text("close_reason", x.close_reason);
}

Json ToJson(const core::Disaster& x) {
  Json j = HeaderToJson(x);
  j["roll_call"] = ListToJson(x.roll_call);
  j["survey"] = ListToJson(x.survey);
  j["decisions"] = ListToJson(x.decisions);
  j["contacts"] = ListToJson(x.contacts);
  j["tasks"] = ListToJson(x.tasks);
  j["progress"] = ListToJson(x.progress);
  j["vendor_requests"] = ListToJson(x.vendor_requests);
  j["exemptions"] = ListToJson(x.exemptions);
  j["plans"] = ListToJson(x.plans);
  return j;
}

}  // namespace sokuo::codec
