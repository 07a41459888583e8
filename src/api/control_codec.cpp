#include "api/control_codec.h"

#include "codec/control_json.h"
#include "codec/org_json.h"
#include "codec/virus_scan_json.h"

namespace sokuo::api {
namespace {

Json CountJson(const core::ComplianceCount& n) {
  return {{"on_time", n.on_time}, {"late", n.late}, {"missed", n.missed}, {"open", n.open}};
}

}  // namespace

Result<core::ControlCompletion> CompletionFromJson(const Json& j) {
  return ReadAll<core::ControlCompletion>(j, [](JsonReader& r, core::ControlCompletion& x) {
    if (!r.Object({"result", "note", "evidence", "done_at"})) return;
    r.Enum("result", core::kControlResults, x.result);
    r.Text("note", x.note);
    r.Text("evidence", x.evidence);
    r.Text("done_at", x.done_at);
  });
}

Json ToJson(const app::ControlSummary& s) {
  Json j = codec::OrgToJson(s.control);
  j["open"] = s.open;
  j["overdue"] = s.overdue;
  if (!s.next_start.empty()) j["next_start"] = s.next_start;
  if (!s.last_done_at.empty()) j["last_done_at"] = s.last_done_at;
  return j;
}

Json ToJson(const app::OccurrenceView& v) {
  Json j = codec::ToJson(v.occurrence);
  j["state"] = std::string(core::kOccurrenceStates.Name(v.state));
  return j;
}

Json ToJson(const store::AccountReview& r) {
  auto grants = [](const std::vector<core::PrivilegeGrant>& list) {
    Json out = Json::array();
    for (const auto& g : list) out.push_back({{"group", g.group}, {"account", g.account}});
    return out;
  };
  const core::AccountChanges& c = r.changes;
  Json j = {{"id", r.id},
            {"occurrence", r.occurrence},
            {"control", r.control},
            {"host", r.host},
            {"accounts", r.listing.accounts.size()},
            {"groups", r.listing.groups.size()},
            {"first", c.first},
            {"added", c.added},
            {"removed", c.removed},
            {"new_privileged", grants(c.new_privileged)},
            {"privileged", grants(c.privileged)},
            {"unknown", c.unknown},
            {"by", r.by},
            {"at", r.at}};
  if (!r.previous.empty()) j["previous"] = r.previous;
  return j;
}

Json ToJson(const app::ComplianceView& v, const core::Organization& org) {
  Json controls = Json::array();
  for (const auto& [id, n] : v.counts.controls) {
    const core::Control* c = org.FindControl(id);
    Json row = CountJson(n);
    row["control"] = id;
    if (c != nullptr) {
      row["name"] = c->name;
      row["name_en"] = c->name_en;
      row["department"] = c->department;
      row["clause"] = c->clause;
    }
    controls.push_back(std::move(row));
  }
  Json departments = Json::array();
  for (const auto& [id, n] : v.counts.departments) {
    const core::Department* d = org.FindDepartment(id);
    Json row = CountJson(n);
    row["department"] = id;
    if (d != nullptr) {
      row["name"] = d->name;
      row["name_en"] = d->name_en;
    }
    departments.push_back(std::move(row));
  }
  return {{"from", v.from},
          {"to", v.to},
          {"controls", controls},
          {"departments", departments},
          {"total", CountJson(v.counts.total)}};
}

Json ToJson(const app::ScanReceipt& r) {
  return {{"scan", codec::ToJson(r.scan)},
          {"completed", r.completed},
          {"alert_lines", r.alert_lines},
          {"alert_lines_refused", r.alert_lines_refused}};
}

Json ToJson(const app::ScanDayView& v) {
  Json hosts = Json::array();
  for (const app::HostScans& h : v.hosts) {
    Json scans = Json::array();
    for (const core::VirusScan& s : h.scans) scans.push_back(codec::ToJson(s));
    hosts.push_back(
        {{"host", h.host}, {"system", h.system}, {"complete", h.complete}, {"scans", scans}});
  }
  return {{"day", v.day}, {"from", v.from}, {"to", v.to}, {"hosts", hosts}, {"missing", v.missing}};
}

}  // namespace sokuo::api
