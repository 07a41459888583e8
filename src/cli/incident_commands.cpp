#include "cli/incident_commands.h"

#include <iostream>

#include "api/codec.h"
#include "api/incident_codec.h"
#include "codec/json_reader.h"
#include "platform/files.h"

namespace sokuo::cli {
namespace {

using api::Json;

// The CLI on the data directory is the operator's tool: it reads everything.
const app::Actor kOperator{"cli"};

constexpr size_t kMaxBodyFile = size_t{1024} * 1024;
constexpr size_t kMaxEvidenceFile = size_t{64} * 1024 * 1024;

// A JSON body from flags: only the flags that were given.
class Body {
 public:
  Body& Text(const char* key, const std::string& v) {
    if (!v.empty()) j_[key] = v;
    return *this;
  }
  Body& Texts(const char* key, const std::vector<std::string>& v) {
    if (!v.empty()) j_[key] = v;
    return *this;
  }
  Body& Flag(const char* key, bool v) {
    if (v) j_[key] = true;
    return *this;
  }
  Body& Int(const char* key, int v) {
    if (v != 0) j_[key] = v;
    return *this;
  }
  Json json() const { return j_; }

 private:
  Json j_ = Json::object();
};

// `--from FILE` replaces the flags with a body read from FILE ('-' for stdin).
Result<Json> BodyOr(const IncidentFlags& f, const Body& body) {
  if (f.from.empty()) return body.json();
  std::string text;
  if (f.from == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    ASSIGN_OR_RETURN(text, platform::ReadFile(f.from, kMaxBodyFile));
  }
  return codec::ParseJson(text);
}

void PrintJson(Output& o, const Json& j) {
  o.out << j.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

// One line for a person: key, state, priority, title; then what the next state still needs.
void PrintView(const app::IncidentView& v, Output& o) {
  if (o.json) {
    PrintJson(o, api::ToJson(v));
    return;
  }
  const core::Incident& i = v.incident;
  o.out << i.key << "  " << core::kIncidentStates.Name(i.state) << "  "
        << core::kPriorities.Name(v.priority.priority) << "  " << i.title << "\n";
  const auto& path = core::Path();
  auto at = std::find(path.begin(), path.end(), i.state);
  if (at != path.end() && at + 1 != path.end()) {
    auto missing = core::Requirements(i, *(at + 1));
    if (missing.empty()) {
      o.out << "  ready for " << core::kIncidentStates.Name(*(at + 1)) << "\n";
    }
    for (const auto& m : missing) o.out << "  needs " << Render(m, Lang::kEn) << "\n";
  }
}

Result<void> Print(Result<app::IncidentView> r, Output& o) {
  if (!r) return Fail(std::move(r).error());
  PrintView(*r, o);
  return {};
}

void PrintDetail(const app::IncidentView& v, Output& o) {
  const core::Incident& i = v.incident;
  PrintView(v, o);
  o.out << "  reported " << i.reported_at << " by " << i.reported_by;
  if (!i.reporter_department.empty()) o.out << " (" << i.reporter_department << ")";
  o.out << "\n";
  if (!i.summary.empty()) o.out << "  " << i.summary << "\n";
  o.out << "  priority: ";
  for (size_t k = 0; k < v.priority.reasons.size(); ++k) {
    o.out << (k ? "; " : "") << Render(v.priority.reasons[k], Lang::kEn);
  }
  o.out << "\n  harm to customers/partners: " << core::kHarms.Name(i.harm);
  if (!i.harm_note.empty()) o.out << " (" << i.harm_note << ")";
  o.out << "\n";
  if (!i.systems.empty()) {
    o.out << "  systems:";
    for (const auto& s : i.systems) o.out << " " << s;
    o.out << "\n";
  }
  for (const auto& d : i.decisions) {
    o.out << "  decision " << d.id << " [" << core::kDecisionKinds.Name(d.kind) << "] "
          << d.decided_by << ": " << d.text << "\n";
  }
  for (const auto& c : i.contacts) {
    o.out << "  contact " << c.id << " [" << core::kAudiences.Name(c.audience) << "] " << c.contact
          << ": " << c.summary << "\n";
  }
  for (const auto& t : i.tasks) {
    o.out << "  task " << t.id << " [" << core::kTaskKinds.Name(t.kind) << ", "
          << core::kTaskStatuses.Name(t.status) << "] " << t.title << "\n";
  }
  for (const auto& r : i.recovery) {
    o.out << "  recovery " << r.system << ": " << core::kRecoveryStatuses.Name(r.status) << "\n";
  }
  for (const auto& e : i.evidence) {
    o.out << "  evidence " << e.id << " [" << core::kEvidenceKinds.Name(e.kind) << "] " << e.name
          << " sha256:" << e.sha256 << "\n";
  }
}

template <class In>
Result<In> Decode(Result<Json> body, Result<In> (*decode)(const Json&)) {
  if (!body) return Fail(std::move(body).error());
  return decode(*body);
}

}  // namespace

Result<void> IncidentReport(app::App& app, const IncidentFlags& f, const app::Actor& actor,
                            Output& o) {
  Body b;
  b.Text("title", f.title).Text("summary", f.summary).Text("detection", f.detection);
  b.Texts("systems", f.systems).Texts("departments", f.departments).Text("harm", f.harm);
  b.Text("harm_note", f.harm_note).Flag("restricted", f.restricted).Text("tlp", f.tlp);
  b.Text("category", f.category).Text("reporter_department", f.department);
  ASSIGN_OR_RETURN(app::ReportInput in, Decode(BodyOr(f, b), api::ReportFromJson));
  return Print(app.Report(in, actor), o);
}

Result<void> IncidentList(app::App& app, const IncidentFlags& f, Output& o) {
  app::IncidentFilter filter{.open_only = f.open, .system = f.system, .department = f.department};
  if (!f.state.empty()) {
    filter.state = core::kIncidentStates.Parse(f.state);
    if (!filter.state) return Fail(ErrorCode::kUsage, "--state: no state '" + f.state + "'");
  }
  if (!f.priority.empty()) {
    filter.priority = core::kPriorities.Parse(f.priority);
    if (!filter.priority) return Fail(ErrorCode::kUsage, "--priority: p1, p2, p3 or p4");
  }
  ASSIGN_OR_RETURN(auto page, app.ListIncidents(filter, {f.offset, f.limit}, kOperator));
  if (o.json) {
    Json items = Json::array();
    for (const auto& v : page.items) items.push_back(api::SummaryJson(v));
    PrintJson(o, {{"items", items}, {"total", page.total}, {"offset", page.offset}});
    return {};
  }
  if (page.items.empty()) {
    o.out << (page.total == 0 ? "no incidents" : "no incidents on this page") << "\n";
    return {};
  }
  for (const auto& v : page.items) {
    o.out << v.incident.key << "  " << core::kIncidentStates.Name(v.incident.state) << "  "
          << core::kPriorities.Name(v.priority.priority) << "  " << v.incident.title << "\n";
  }
  if (page.offset + page.items.size() < page.total) {
    o.out << "(" << page.items.size() << " of " << page.total << "; next: --offset "
          << page.offset + page.items.size() << ")\n";
  }
  return {};
}

Result<void> IncidentShow(app::App& app, const IncidentFlags& f, Output& o) {
  ASSIGN_OR_RETURN(app::IncidentView v, app.GetIncident(f.key, kOperator));
  if (o.json) {
    PrintJson(o, api::ToJson(v));
  } else {
    PrintDetail(v, o);
  }
  return {};
}

Result<void> IncidentUpdate(app::App& app, const IncidentFlags& f, const app::Actor& actor,
                            Output& o) {
  Body b;
  b.Text("title", f.title).Text("summary", f.summary).Text("harm", f.harm);
  b.Text("harm_note", f.harm_note).Text("category", f.category).Text("tlp", f.tlp);
  b.Texts("systems", f.systems).Texts("departments", f.departments);
  if (f.restricted) b.Flag("restricted", true);
  ASSIGN_OR_RETURN(app::UpdateInput in, Decode(BodyOr(f, b), api::UpdateFromJson));
  return Print(app.Update(f.key, in, actor), o);
}

Result<void> IncidentTriage(app::App& app, const IncidentFlags& f, const app::Actor& actor,
                            Output& o) {
  Json body = {{"confirmed", !f.dismiss}};
  if (!f.reason.empty()) body["reason"] = f.reason;
  if (!f.category.empty()) body["category"] = f.category;
  ASSIGN_OR_RETURN(app::TriageInput in, api::TriageFromJson(body));
  return Print(app.Triage(f.key, in, actor), o);
}

Result<void> IncidentPriority(app::App& app, const IncidentFlags& f, const app::Actor& actor,
                              Output& o) {
  ASSIGN_OR_RETURN(api::PriorityInput in,
                   api::PriorityFromJson({{"priority", f.priority}, {"reason", f.reason}}));
  return Print(app.OverridePriority(f.key, in.priority, in.reason, actor), o);
}

Result<void> IncidentConvene(app::App& app, const IncidentFlags& f, const app::Actor& actor,
                             Output& o) {
  if (!f.held) return Print(app.RequestConvocation(f.key, actor), o);
  Body b;
  b.Text("convened_at", f.at).Texts("attendees", f.attendees);
  ASSIGN_OR_RETURN(api::ConvenedInput in, Decode(BodyOr(f, b), api::ConvenedFromJson));
  return Print(app.RecordConvened(f.key, in.convened_at, in.attendees, actor), o);
}

Result<void> IncidentDecide(app::App& app, const IncidentFlags& f, const app::Actor& actor,
                            Output& o) {
  Body b;
  b.Text("kind", f.kind).Text("text", f.text).Text("decided_by", f.by).Text("decided_at", f.at);
  b.Texts("departments", f.departments);
  ASSIGN_OR_RETURN(core::Decision in, Decode(BodyOr(f, b), api::DecisionFromJson));
  return Print(app.Decide(f.key, std::move(in), actor), o);
}

Result<void> IncidentContact(app::App& app, const IncidentFlags& f, const app::Actor& actor,
                             Output& o) {
  Body b;
  b.Text("audience", f.audience).Text("contact", f.contact).Text("channel", f.channel);
  b.Text("summary", f.summary).Text("at", f.at).Text("by", f.by).Int("approved_by", f.approved_by);
  b.Text("follow_up_due", f.follow_up);
  ASSIGN_OR_RETURN(core::ContactLog in, Decode(BodyOr(f, b), api::ContactFromJson));
  return Print(app.AddContact(f.key, std::move(in), actor), o);
}

Result<void> IncidentTask(app::App& app, const IncidentFlags& f, const app::Actor& actor,
                          Output& o) {
  if (f.id != 0) {  // update an existing measure
    Body b;
    b.Text("status", f.status).Text("result", f.result).Text("revert_reason", f.revert_reason);
    b.Text("assignee", f.assignee).Text("due", f.due);
    ASSIGN_OR_RETURN(app::TaskUpdate in, Decode(BodyOr(f, b), api::TaskUpdateFromJson));
    return Print(app.UpdateTask(f.key, f.id, in, actor), o);
  }
  Body b;
  b.Text("kind", f.kind).Text("title", f.title).Text("department", f.department);
  b.Text("assignee", f.assignee).Text("system", f.system).Text("due", f.due);
  ASSIGN_OR_RETURN(core::Task in, Decode(BodyOr(f, b), api::TaskFromJson));
  return Print(app.AddTask(f.key, std::move(in), actor), o);
}

Result<void> IncidentAssess(app::App& app, const IncidentFlags& f, const app::Actor& actor,
                            Output& o) {
  Body b;
  b.Texts("kinds", f.kinds).Text("scope", f.scope).Texts("systems", f.systems);
  b.Text("first_seen", f.first_seen).Text("last_seen", f.last_seen);
  b.Text("intrusion_route", f.route).Text("method", f.method).Text("attacker", f.attacker);
  b.Flag("spread_outside", f.spread_outside).Text("spread_note", f.note);
  ASSIGN_OR_RETURN(core::Assessment in, Decode(BodyOr(f, b), api::AssessmentFromJson));
  return Print(app.Assess(f.key, std::move(in), actor), o);
}

Result<void> IncidentRecover(app::App& app, const IncidentFlags& f, const app::Actor& actor,
                             Output& o) {
  Json body = {{"status", f.status}};
  if (!f.note.empty()) body["note"] = f.note;
  ASSIGN_OR_RETURN(api::RecoveryInput in, api::RecoveryFromJson(body));
  return Print(
      app.Recover(f.key, {.system = f.system, .status = in.status, .note = in.note}, actor), o);
}

Result<void> IncidentReview(app::App& app, const IncidentFlags& f, const app::Actor& actor,
                            Output& o) {
  int given =
      (f.finding.empty() ? 0 : 1) + (f.prevention.empty() ? 0 : 1) + (f.backdoor.empty() ? 0 : 1);
  if (given != 1) {
    return Fail(ErrorCode::kUsage,
                "give one of --finding KIND, --prevention TEXT or --backdoor "
                "SYSTEM:ITEM=RESULT");
  }
  if (!f.finding.empty()) {
    Body b;
    b.Text("kind", f.finding).Text("text", f.text).Text("system", f.system);
    ASSIGN_OR_RETURN(core::Finding in, api::FindingFromJson(b.json()));
    return Print(app.AddFinding(f.key, std::move(in), actor), o);
  }
  if (!f.prevention.empty()) {
    Body b;
    b.Text("text", f.prevention).Text("owner", f.owner).Text("due", f.due);
    ASSIGN_OR_RETURN(core::Prevention in, api::PreventionFromJson(b.json()));
    return Print(app.AddPrevention(f.key, std::move(in), actor), o);
  }
  auto colon = f.backdoor.find(':');
  auto equals = f.backdoor.find('=');
  if (colon == std::string::npos || equals == std::string::npos || equals < colon) {
    return Fail(ErrorCode::kUsage,
                "--backdoor wants SYSTEM:ITEM=RESULT, e.g. "
                "order-system:added_users=clean");
  }
  std::string item_text = f.backdoor.substr(colon + 1, equals - colon - 1);
  auto item = core::kBackdoorItems.Parse(item_text);
  if (!item) {
    return Fail(ErrorCode::kUsage, "--backdoor: no item '" + item_text +
                                       "' (added_users, planted_programs, unexpected_services, "
                                       "device_settings)");
  }
  Json body = {{"result", f.backdoor.substr(equals + 1)}};
  if (!f.note.empty()) body["note"] = f.note;
  ASSIGN_OR_RETURN(api::BackdoorInput in, api::BackdoorFromJson(body));
  return Print(app.CheckBackdoor(f.key,
                                 {.system = f.backdoor.substr(0, colon),
                                  .item = *item,
                                  .result = in.result,
                                  .note = in.note},
                                 actor),
               o);
}

Result<void> IncidentEvidence(app::App& app, const IncidentFlags& f, const app::Actor& actor,
                              Output& o) {
  ASSIGN_OR_RETURN(std::string content, platform::ReadFile(f.file, kMaxEvidenceFile));
  core::EvidenceKind kind = core::EvidenceKind::kOther;
  if (!f.kind.empty()) {
    auto k = core::kEvidenceKinds.Parse(f.kind);
    if (!k) return Fail(ErrorCode::kUsage, "--kind: access_log, screenshot, report or other");
    kind = *k;
  }
  std::string name = f.name;
  if (name.empty()) name = f.file.substr(f.file.find_last_of('/') + 1);
  return Print(
      app.AddEvidence(
          f.key, {.name = name, .kind = kind, .system = f.system, .content = std::move(content)},
          actor),
      o);
}

Result<void> IncidentTransition(app::App& app, const IncidentFlags& f, const app::Actor& actor,
                                Output& o) {
  Json body = {{"to", f.state}};
  if (!f.reason.empty()) body["reason"] = f.reason;
  ASSIGN_OR_RETURN(api::TransitionInput in, api::TransitionFromJson(body));
  return Print(app.Transition(f.key, in.to, in.reason, actor), o);
}

Result<void> IncidentTimeline(app::App& app, const IncidentFlags& f, Output& o) {
  ASSIGN_OR_RETURN(auto entries, app.Timeline(f.key, kOperator));
  if (o.json) {
    Json items = Json::array();
    for (const auto& e : entries) items.push_back(api::ToJson(e));
    PrintJson(o, {{"items", items}});
    return {};
  }
  for (const auto& e : entries) {
    o.out << e.seq << "  " << e.at << "  " << e.actor << "  " << e.action;
    Json body = Json::parse(e.body, nullptr, false);
    if (body.is_object() && body.contains("to")) o.out << " → " << body["to"].get<std::string>();
    o.out << "\n";
  }
  return {};
}

}  // namespace sokuo::cli
