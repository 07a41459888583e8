#include "cli/commands.h"
#include "cli/incident_print.h"
#include "cli/request_body.h"

#include <CLI/CLI.hpp>

#include <iostream>

#include "api/codec.h"
#include "api/incident_codec.h"
#include "codec/json_reader.h"

namespace sokuo::cli {
namespace {

// The flags of all incident commands; each command reads the ones it declares.
struct IncidentFlags {
  std::string key, title, summary, harm, harm_note, detection, tlp, category, reason;
  std::string kind, text, by, at, audience, contact, channel, follow_up;
  std::string department, assignee, system, due, status, result, revert_reason;
  std::string scope, route, method, attacker, first_seen, last_seen, note;
  std::string finding, prevention, owner, backdoor, file, name, state, priority, from;
  std::string occurred_at, aware_at, duty, reference, search, reported_from, reported_to, cursor;
  std::vector<std::string> systems, departments, attendees, kinds, hosts, personal_data;
  std::string sensitive, financial_harm, unauthorized_purpose;
  bool restricted = false, dismiss = false, held = false, open = false, spread_outside = false;
  bool contains = false, waive = false;
  int approved_by = 0, id = 0;
  int persons = -1;  // absent unless given
  size_t limit = 50, offset = 0;
};

using api::Json;

Result<void> PrintIncident(Result<app::IncidentView> r, Output& o) {
  if (!r) return Fail(std::move(r).error());
  PrintView(*r, o);
  return {};
}

// "decision 3 recorded": the number a command assigned, for the commands that follow it.
template <class T>
void PrintAssigned(const std::vector<T>& records, const char* code, Output& o) {
  if (o.json || records.empty()) return;
  int id = 0;
  for (const T& r : records) id = std::max(id, r.id);
  o.out << Render(Msg(code, {{"id", std::to_string(id)}}), o.lang) << "\n";
}

// `--host SYSTEM/HOST` (repeat) as the API's list of affected hosts; none given, none sent.
Result<void> PutHosts(const IncidentFlags& f, Body& b) {
  Json hosts = Json::array();
  for (const std::string& h : f.hosts) {
    auto slash = h.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == h.size()) {
      return Fail(ErrorCode::kUsage, Msg("cli.host_form", {{"value", h}}), "--host");
    }
    hosts.push_back({{"system", h.substr(0, slash)}, {"host", h.substr(slash + 1)}});
  }
  if (!hosts.empty()) b.Raw("hosts", std::move(hosts));
  return {};
}

}  // namespace

Result<void> IncidentReport(app::App& app, const IncidentFlags& f, const app::Actor& actor,
                            Output& o) {
  Body b;
  b.Text("title", f.title).Text("summary", f.summary).Text("detection", f.detection);
  b.Texts("systems", f.systems).Texts("departments", f.departments).Text("harm", f.harm);
  b.Text("harm_note", f.harm_note).Flag("restricted", f.restricted).Text("tlp", f.tlp);
  b.Text("category", f.category).Text("reporter_department", f.department);
  ASSIGN_OR_RETURN(std::string reported_at, TimeFlag(app, f.at, "--at"));
  ASSIGN_OR_RETURN(std::string occurred_at, TimeFlag(app, f.occurred_at, "--occurred-at"));
  ASSIGN_OR_RETURN(std::string aware_at, TimeFlag(app, f.aware_at, "--aware-at"));
  b.Text("reported_at", reported_at).Text("occurred_at", occurred_at).Text("aware_at", aware_at);
  TRY(PutHosts(f, b));
  ASSIGN_OR_RETURN(app::ReportInput in, Decode(BodyOr(f.from, b), api::ReportFromJson));
  return PrintIncident(app.incidents().Report(in, actor), o);
}

Result<void> IncidentList(app::App& app, const IncidentFlags& f, Output& o) {
  ASSIGN_OR_RETURN(std::string from, TimeFlag(app, f.reported_from, "--reported-from"));
  ASSIGN_OR_RETURN(std::string to, TimeFlag(app, f.reported_to, "--reported-to"));
  app::IncidentFilter filter{.open_only = f.open,
                             .system = f.system,
                             .department = f.department,
                             .category = f.category,
                             .text = f.search,
                             .from = from,
                             .to = to};
  if (!f.state.empty()) {
    filter.state = core::kIncidentStates.Parse(f.state);
    if (!filter.state)
      return Fail(ErrorCode::kUsage, BadChoice(f.state, core::kIncidentStates), "--state");
  }
  if (!f.priority.empty()) {
    filter.priority = core::kPriorities.Parse(f.priority);
    if (!filter.priority)
      return Fail(ErrorCode::kUsage, BadChoice(f.priority, core::kPriorities), "--priority");
  }
  ASSIGN_OR_RETURN(auto page,
                   app.incidents().List(filter, {f.offset, f.limit, f.cursor}, kOperator));
  if (o.json) {
    PrintJson(o, api::PageJson(page, [&](const app::IncidentView& v) {
                return api::SummaryJson(v, o.lang);
              }));
    return {};
  }
  if (page.items.empty()) {
    o.out << Render(page.total == 0 ? Msg("cli.no_incidents") : Msg("cli.no_incidents_on_page"),
                    o.lang)
          << "\n";
    return {};
  }
  for (const auto& v : page.items) {
    o.out << v.incident.key << "  " << core::kIncidentStates.Name(v.incident.state) << "  "
          << core::kPriorities.Name(v.priority.priority) << "  " << v.incident.title << "\n";
  }
  PrintPageMore(page, o);
  return {};
}

Result<void> IncidentShow(app::App& app, const IncidentFlags& f, Output& o) {
  ASSIGN_OR_RETURN(app::IncidentView v, app.incidents().Get(f.key, kOperator));
  if (o.json) {
    PrintJson(o, api::ToJson(v, o.lang));
    return {};
  }
  ASSIGN_OR_RETURN(auto timeline, app.incidents().Timeline(f.key, kOperator));
  ASSIGN_OR_RETURN(Calendar calendar, OrgCalendar(app));
  PrintDetail(v, timeline, calendar, o);
  return {};
}

Result<void> IncidentUpdate(app::App& app, const IncidentFlags& f, const app::Actor& actor,
                            Output& o) {
  Body b;
  b.Text("title", f.title).Text("summary", f.summary).Text("harm", f.harm);
  b.Text("harm_note", f.harm_note).Text("category", f.category).Text("tlp", f.tlp);
  b.Texts("systems", f.systems).Texts("departments", f.departments);
  if (f.restricted) b.Flag("restricted", true);
  ASSIGN_OR_RETURN(std::string occurred_at, TimeFlag(app, f.occurred_at, "--occurred-at"));
  ASSIGN_OR_RETURN(std::string aware_at, TimeFlag(app, f.aware_at, "--aware-at"));
  b.Text("occurred_at", occurred_at).Text("aware_at", aware_at);
  TRY(PutHosts(f, b));
  ASSIGN_OR_RETURN(app::UpdateInput in, Decode(BodyOr(f.from, b), api::UpdateFromJson));
  return PrintIncident(app.incidents().Update(f.key, in, actor), o);
}

Result<void> IncidentTriage(app::App& app, const IncidentFlags& f, const app::Actor& actor,
                            Output& o) {
  Json body = {{"confirmed", !f.dismiss}};
  if (!f.reason.empty()) body["reason"] = f.reason;
  if (!f.category.empty()) body["category"] = f.category;
  ASSIGN_OR_RETURN(std::string at, TimeFlag(app, f.at, "--at"));
  if (!at.empty()) body["at"] = at;
  ASSIGN_OR_RETURN(app::TriageInput in, api::TriageFromJson(body));
  return PrintIncident(app.incidents().Triage(f.key, in, actor), o);
}

Result<void> IncidentPriority(app::App& app, const IncidentFlags& f, const app::Actor& actor,
                              Output& o) {
  ASSIGN_OR_RETURN(api::PriorityInput in,
                   api::PriorityFromJson({{"priority", f.priority}, {"reason", f.reason}}));
  return PrintIncident(app.incidents().OverridePriority(f.key, in.priority, in.reason, actor), o);
}

Result<void> IncidentConvene(app::App& app, const IncidentFlags& f, const app::Actor& actor,
                             Output& o) {
  ASSIGN_OR_RETURN(std::string at, TimeFlag(app, f.at, "--at"));
  if (!f.held) return PrintIncident(app.incidents().RequestConvocation(f.key, actor, at), o);
  Body b;
  b.Text("convened_at", at).Texts("attendees", f.attendees);
  ASSIGN_OR_RETURN(api::ConvenedInput in, Decode(BodyOr(f.from, b), api::ConvenedFromJson));
  return PrintIncident(app.incidents().RecordConvened(f.key, in.convened_at, in.attendees, actor),
                       o);
}

Result<void> IncidentDecide(app::App& app, const IncidentFlags& f, const app::Actor& actor,
                            Output& o) {
  ASSIGN_OR_RETURN(std::string at, TimeFlag(app, f.at, "--at"));
  ASSIGN_OR_RETURN(core::Decision in,
                   Decode(BodyOr(f.from, DecisionBody(f, at)), api::DecisionFromJson));
  ASSIGN_OR_RETURN(app::IncidentView v, app.incidents().Decide(f.key, std::move(in), actor));
  PrintAssigned(v.incident.decisions, "cli.decision_recorded", o);
  return PrintIncident(std::move(v), o);
}

Result<void> IncidentContact(app::App& app, const IncidentFlags& f, const app::Actor& actor,
                             Output& o) {
  ASSIGN_OR_RETURN(std::string at, TimeFlag(app, f.at, "--at"));
  ASSIGN_OR_RETURN(core::ContactLog in,
                   Decode(BodyOr(f.from, ContactBody(f, at)), api::ContactFromJson));
  ASSIGN_OR_RETURN(app::IncidentView v, app.incidents().AddContact(f.key, std::move(in), actor));
  PrintAssigned(v.incident.contacts, "cli.contact_recorded", o);
  return PrintIncident(std::move(v), o);
}

Result<void> IncidentFile(app::App& app, const IncidentFlags& f, const app::Actor& actor,
                          Output& o) {
  ASSIGN_OR_RETURN(std::string at, TimeFlag(app, f.at, "--at"));
  Body b;
  b.Text("obligation", f.duty).Text("filed_at", at).Text("reference", f.reference);
  b.Int("evidence", f.id).Text("note", f.note).Flag("waived", f.waive).Text("reason", f.reason);
  ASSIGN_OR_RETURN(core::Filing in, Decode(BodyOr(f.from, b), api::FilingFromJson));
  return PrintIncident(app.incidents().File(f.key, std::move(in), actor), o);
}

Result<void> IncidentTask(app::App& app, const IncidentFlags& f, const app::Actor& actor,
                          Output& o) {
  ASSIGN_OR_RETURN(std::string at, TimeFlag(app, f.at, "--at"));
  ASSIGN_OR_RETURN(std::string due, TimeFlag(app, f.due, "--due"));
  if (f.id != 0) {  // update an existing measure
    Body b;
    b.Text("status", f.status).Text("result", f.result).Text("revert_reason", f.revert_reason);
    b.Text("assignee", f.assignee).Text("due", due).Flag("contains", f.contains).Text("at", at);
    ASSIGN_OR_RETURN(app::TaskUpdate in, Decode(BodyOr(f.from, b), api::TaskUpdateFromJson));
    return PrintIncident(app.incidents().UpdateTask(f.key, f.id, in, actor), o);
  }
  Body b;
  b.Text("kind", f.kind).Text("title", f.title).Text("department", f.department);
  b.Text("assignee", f.assignee).Text("system", f.system).Text("due", due);
  b.Flag("contains", f.contains).Text("at", at);
  ASSIGN_OR_RETURN(core::Task in, Decode(BodyOr(f.from, b), api::TaskFromJson));
  ASSIGN_OR_RETURN(app::IncidentView v, app.incidents().AddTask(f.key, std::move(in), actor));
  PrintAssigned(v.incident.tasks, "cli.task_recorded", o);
  return PrintIncident(std::move(v), o);
}

Result<void> IncidentAssess(app::App& app, const IncidentFlags& f, const app::Actor& actor,
                            Output& o) {
  Body b;
  b.Texts("kinds", f.kinds).Text("scope", f.scope).Texts("systems", f.systems);
  ASSIGN_OR_RETURN(std::string first_seen, TimeFlag(app, f.first_seen, "--first-seen"));
  ASSIGN_OR_RETURN(std::string last_seen, TimeFlag(app, f.last_seen, "--last-seen"));
  b.Text("first_seen", first_seen).Text("last_seen", last_seen);
  b.Text("intrusion_route", f.route).Text("method", f.method).Text("attacker", f.attacker);
  b.Flag("spread_outside", f.spread_outside).Text("spread_note", f.note);
  b.Count("persons", f.persons).Text("sensitive_personal_data", f.sensitive);
  b.Text("financial_harm", f.financial_harm).Text("unauthorized_purpose", f.unauthorized_purpose);
  Json personal = Json::array();
  for (const std::string& p : f.personal_data) {  // SYSTEM=ANSWER
    auto equals = p.find('=');
    if (equals == std::string::npos || equals == 0) {
      return Fail(ErrorCode::kUsage, Msg("cli.personal_data_form", {{"value", p}}),
                  "--personal-data");
    }
    personal.push_back({{"system", p.substr(0, equals)}, {"leaked", p.substr(equals + 1)}});
  }
  if (!personal.empty()) b.Raw("personal_data", std::move(personal));
  ASSIGN_OR_RETURN(std::string at, TimeFlag(app, f.at, "--at"));
  b.Text("at", at);
  ASSIGN_OR_RETURN(core::Assessment in, Decode(BodyOr(f.from, b), api::AssessmentFromJson));
  return PrintIncident(app.incidents().Assess(f.key, std::move(in), actor), o);
}

Result<void> IncidentRecover(app::App& app, const IncidentFlags& f, const app::Actor& actor,
                             Output& o) {
  Json body = {{"status", f.status}};
  if (!f.note.empty()) body["note"] = f.note;
  if (!f.reason.empty()) body["override_reason"] = f.reason;
  ASSIGN_OR_RETURN(std::string at, TimeFlag(app, f.at, "--at"));
  if (!at.empty()) body["at"] = at;
  ASSIGN_OR_RETURN(api::RecoveryInput in, api::RecoveryFromJson(body));
  return PrintIncident(app.incidents().Recover(f.key,
                                               {.system = f.system,
                                                .status = in.status,
                                                .note = in.note,
                                                .at = in.at,
                                                .override_reason = in.override_reason},
                                               actor),
                       o);
}

Result<void> IncidentReview(app::App& app, const IncidentFlags& f, const app::Actor& actor,
                            Output& o) {
  int given =
      (f.finding.empty() ? 0 : 1) + (f.prevention.empty() ? 0 : 1) + (f.backdoor.empty() ? 0 : 1);
  if (given != 1) {
    return Fail(ErrorCode::kUsage, Msg("cli.one_cause_flag"));
  }
  ASSIGN_OR_RETURN(std::string at, TimeFlag(app, f.at, "--at"));
  if (!f.finding.empty()) {
    Body b;
    b.Text("kind", f.finding).Text("text", f.text).Text("system", f.system).Text("at", at);
    ASSIGN_OR_RETURN(core::Finding in, api::FindingFromJson(b.json()));
    return PrintIncident(app.incidents().AddFinding(f.key, std::move(in), actor), o);
  }
  if (!f.prevention.empty()) {
    Body b;
    b.Text("text", f.prevention).Text("owner", f.owner).Text("due", f.due);
    ASSIGN_OR_RETURN(core::Prevention in, api::PreventionFromJson(b.json()));
    return PrintIncident(app.incidents().AddPrevention(f.key, std::move(in), actor), o);
  }
  auto colon = f.backdoor.find(':');
  auto equals = f.backdoor.find('=');
  if (colon == std::string::npos || equals == std::string::npos || equals < colon) {
    return Fail(ErrorCode::kUsage, Msg("cli.backdoor_form", {{"value", f.backdoor}}), "--backdoor");
  }
  std::string item_text = f.backdoor.substr(colon + 1, equals - colon - 1);
  auto item = core::kBackdoorItems.Parse(item_text);
  if (!item) {
    return Fail(ErrorCode::kUsage, BadChoice(item_text, core::kBackdoorItems), "--backdoor");
  }
  Json body = {{"result", f.backdoor.substr(equals + 1)}};
  if (!f.note.empty()) body["note"] = f.note;
  if (!at.empty()) body["at"] = at;
  ASSIGN_OR_RETURN(api::BackdoorInput in, api::BackdoorFromJson(body));
  std::string system = f.backdoor.substr(0, colon);
  std::string host;
  if (auto slash = system.find('/'); slash != std::string::npos) {
    host = system.substr(slash + 1);
    system.resize(slash);
  }
  return PrintIncident(app.incidents().CheckBackdoor(f.key,
                                                     {.system = system,
                                                      .host = host,
                                                      .item = *item,
                                                      .result = in.result,
                                                      .note = in.note,
                                                      .at = in.at},
                                                     actor),
                       o);
}

Result<void> IncidentTransition(app::App& app, const IncidentFlags& f, const app::Actor& actor,
                                Output& o) {
  Json body = {{"to", f.state}};
  if (!f.reason.empty()) body["reason"] = f.reason;
  ASSIGN_OR_RETURN(std::string at, TimeFlag(app, f.at, "--at"));
  if (!at.empty()) body["at"] = at;
  ASSIGN_OR_RETURN(api::TransitionInput in, api::TransitionFromJson(body));
  return PrintIncident(app.incidents().Transition(f.key, in.to, in.reason, actor, in.at), o);
}

Result<void> IncidentTimeline(app::App& app, const IncidentFlags& f, Output& o) {
  ASSIGN_OR_RETURN(auto entries, app.incidents().Timeline(f.key, kOperator));
  if (o.json) {
    Json items = Json::array();
    for (const auto& e : entries) items.push_back(api::ToJson(e));
    PrintJson(o, {{"items", items}});
    return {};
  }
  // When it happened, on the organization's clock; then when it was recorded, if not the same.
  ASSIGN_OR_RETURN(Calendar calendar, OrgCalendar(app));
  std::string recorded = Render(Msg("show.recorded"), o.lang);
  for (const auto& t : entries) {
    const store::JournalEntry& e = t.entry;
    std::string happened = calendar.FormatLocal(std::string_view(t.at));
    std::string entered = calendar.FormatLocal(std::string_view(e.at));
    o.out << e.seq << "  " << happened << "  " << e.actor << "  " << e.action;
    Json body = Json::parse(e.body, nullptr, false);
    if (body.is_object() && body.contains("to") && body["to"].is_string()) {
      o.out << " → " << body["to"].get<std::string>();
    }
    if (entered != happened) o.out << "  (" << recorded << " " << entered << ")";
    o.out << "\n";
  }
  return {};
}

namespace {

using IncidentRun = AreaRun<IncidentFlags>;
using IncidentOptions = AreaOptions<IncidentFlags>;

constexpr const char* kRecordsDoc =
    "Every incident record, with the API's JSON and the command that records it: "
    "docs/incident-records.md";

// An `incident …` row: `options` declares the command's flags (KEY first when it takes one),
// `run` is its cli/ function.
Command IncidentCommand(const char* path, const char* summary, bool writes,
                        const IncidentOptions& options, const IncidentRun& run) {
  return AreaCommand<IncidentFlags>(path, summary, writes, options, run, kRecordsDoc);
}

void IncidentKeyArg(CLI::App& c, IncidentFlags& f) {
  c.add_option("KEY", f.key, "Incident key, e.g. INC-2026-0001")->required();
}

void IncidentFromOption(CLI::App& c, IncidentFlags& f) {
  c.add_option("--from", f.from,
               "Read the request body (JSON, as the API takes it) from FILE or -");
}

template <class Fn>
IncidentRun Read(Fn fn) {
  return ReadOnly<IncidentFlags>(fn);
}

std::vector<Command> PathCommands() {
  using F = IncidentFlags;
  return {
      {"incident",
       "Security emergencies (G4): report, triage, committee, measures, recovery, review "
       "(records: docs/incident-records.md)",
       nullptr},
      IncidentCommand(
          "incident report", "Report an emergency: a title is enough (G3.3)", true,
          [](CLI::App& c, F& f) {
            c.add_option("--title", f.title, "What happened, in a few words")->required();
            c.add_option("--summary", f.summary, "More detail");
            c.add_option("--system", f.systems, "An affected system (repeat)");
            c.add_option("--host", f.hosts, "An affected host, SYSTEM/HOST (repeat)");
            c.add_option("--affected-department", f.departments, "An affected department (repeat)");
            c.add_option("--department", f.department, "The reporting department (default: yours)");
            c.add_option("--harm", f.harm,
                         "Harm to customers/partners: unknown, none, possible, serious");
            c.add_option("--harm-note", f.harm_note, "What the harm is");
            c.add_option("--detection", f.detection,
                         "user_report, is_detection, alert, outside_notice");
            c.add_option("--tlp", f.tlp, "clear, green, amber, amber+strict, red");
            c.add_option("--category", f.category, "e.g. intrusions, malicious-code, availability");
            c.add_flag("--restricted", f.restricted,
                       "Need-to-know: participants, committee and IS only");
            AtFlag(c, f.at, "When it was reported");
            c.add_option("--occurred-at", f.occurred_at,
                         "First known occurrence, if known (same forms as --at)");
            c.add_option("--aware-at", f.aware_at,
                         "When the company became aware (same forms as --at; default: --at)");
            IncidentFromOption(c, f);
          },
          IncidentReport),
      IncidentCommand(
          "incident list", "List incidents, newest first", false,
          [](CLI::App& c, F& f) {
            c.add_option("--state", f.state, "Only this state");
            c.add_option("--priority", f.priority, "Only p1, p2, p3 or p4");
            c.add_flag("--open", f.open, "Only incidents not closed or dismissed");
            c.add_option("--system", f.system, "Only those affecting this system");
            c.add_option("--department", f.department,
                         "Only those concerning this department (affected or reporting)");
            c.add_option("--category", f.category, "Only this category");
            c.add_option("--search", f.search, "Only those whose title or summary contains this");
            c.add_option("--reported-from", f.reported_from,
                         "Only those reported at or after this time (RFC 3339, or YYYY-MM-DD "
                         "HH:MM in the organization's time zone)");
            c.add_option("--reported-to", f.reported_to,
                         "Only those reported before this time (same forms)");
            c.add_option("--limit", f.limit, "Page size")->check(CLI::Range(1, 500));
            c.add_option("--cursor", f.cursor,
                         "Start after this incident (the key a page ends with: --cursor shows it)");
            c.add_option("--offset", f.offset, "Skip this many");
          },
          Read(IncidentList)),
      IncidentCommand("incident show",
                      "Show an incident: every record, its timeline and what it needs next", false,
                      IncidentKeyArg, Read(IncidentShow)),
      IncidentCommand(
          "incident update", "Change title, summary, systems, harm, TLP, category", true,
          [](CLI::App& c, F& f) {
            IncidentKeyArg(c, f);
            c.add_option("--title", f.title, "New title");
            c.add_option("--summary", f.summary, "New summary");
            c.add_option("--system", f.systems, "Affected systems (replaces the list)");
            c.add_option("--host", f.hosts, "Affected hosts, SYSTEM/HOST (replaces the list)");
            c.add_option("--affected-department", f.departments, "Affected departments (replaces)");
            c.add_option("--harm", f.harm, "unknown, none, possible, serious");
            c.add_option("--harm-note", f.harm_note, "What the harm is");
            c.add_option("--category", f.category, "Category");
            c.add_option("--tlp", f.tlp, "TLP label");
            c.add_flag("--restricted", f.restricted, "Make it need-to-know");
            c.add_option("--occurred-at", f.occurred_at,
                         "First known occurrence (RFC 3339, or YYYY-MM-DD HH:MM local)");
            c.add_option("--aware-at", f.aware_at,
                         "When the company became aware (RFC 3339, or YYYY-MM-DD HH:MM local)");
            IncidentFromOption(c, f);
          },
          IncidentUpdate),
      IncidentCommand(
          "incident triage", "Confirm the report, or --dismiss it with a --reason (G3.2)", true,
          [](CLI::App& c, F& f) {
            IncidentKeyArg(c, f);
            c.add_flag("--dismiss", f.dismiss, "Dismiss instead of confirming");
            c.add_option("--reason", f.reason, "Why (required to dismiss)");
            c.add_option("--category", f.category, "Set the category");
            AtFlag(c, f.at, "When it was confirmed or dismissed");
          },
          IncidentTriage),
      IncidentCommand(
          "incident priority", "Override the computed priority, with a reason (G4.3.1)", true,
          [](CLI::App& c, F& f) {
            IncidentKeyArg(c, f);
            c.add_option("PRIORITY", f.priority, "p1, p2, p3 or p4")->required();
            c.add_option("--reason", f.reason, "Why")->required();
          },
          IncidentPriority),
      IncidentCommand(
          "incident convene", "Ask for the committee (G4.3.2a); with --held, record that it met",
          true,
          [](CLI::App& c, F& f) {
            IncidentKeyArg(c, f);
            c.add_flag("--held", f.held, "Record the meeting instead of requesting it");
            AtFlag(c, f.at, "When the committee was asked for, or with --held when it met");
            c.add_option("--attendee", f.attendees, "A person who attended (repeat)");
          },
          IncidentConvene),
      IncidentCommand(
          "incident decide", "Record a committee decision (G3.1)", true,
          [](CLI::App& c, F& f) {
            IncidentKeyArg(c, f);
            DecisionOptions(c, f);
          },
          IncidentDecide),
  };
}

std::vector<Command> RecordCommands() {
  using F = IncidentFlags;
  return {
      IncidentCommand(
          "incident contact",
          "Log a contact; outside parties need --approved-by DECISION of the right kind", true,
          [](CLI::App& c, F& f) {
            IncidentKeyArg(c, f);
            ContactOptions(c, f);
          },
          IncidentContact),
      IncidentCommand(
          "incident task", "Add an emergency measure (G4.3.3); with --id, update one", true,
          [](CLI::App& c, F& f) {
            IncidentKeyArg(c, f);
            c.add_option("--id", f.id, "Update this measure instead of adding one");
            c.add_option("--kind", f.kind,
                         "isolate_network, monitor_host, shutdown_host, alternative_means, "
                         "customer_measures, other");
            c.add_option("--title", f.title, "What to do");
            c.add_option("--department", f.department, "Responsible department");
            c.add_option("--assignee", f.assignee, "Responsible person");
            c.add_option("--system", f.system, "The system it acts on");
            c.add_option("--due", f.due, "Due (RFC 3339, or YYYY-MM-DD HH:MM local)");
            c.add_option(
                "--status", f.status,
                "open, in_progress, done, cancelled, reverted, failed (tried, did not work: "
                "say what happened with --result)");
            c.add_option("--result", f.result, "What came of it");
            c.add_option("--revert-reason", f.revert_reason, "Why it was reverted");
            c.add_flag("--contains", f.contains,
                       "A containment measure: when it is done, the incident is contained");
            AtFlag(c, f.at, "When it was ordered, or with --status when the status changed");
          },
          IncidentTask),
      IncidentCommand(
          "incident assess",
          "Record the damage assessment (G4.3.4); --from FILE for leaks and everything else "
          "(docs/incident-records.md)",
          true,
          [](CLI::App& c, F& f) {
            IncidentKeyArg(c, f);
            c.add_option("--kind", f.kinds,
                         "leak, tampering, destruction, unavailability (repeat)");
            c.add_option("--scope", f.scope, "Extent of the damage");
            c.add_option("--system", f.systems, "A damaged system (repeat)");
            c.add_option("--first-seen", f.first_seen, "RFC 3339, or YYYY-MM-DD HH:MM local");
            c.add_option("--last-seen", f.last_seen, "RFC 3339, or YYYY-MM-DD HH:MM local");
            c.add_option("--route", f.route, "Intrusion route");
            c.add_option("--method", f.method, "Method");
            c.add_option("--attacker", f.attacker, "Attacker, if identified");
            c.add_flag("--spread-outside", f.spread_outside,
                       "The damage reached outside the company");
            c.add_option("--note", f.note, "About the spread");
            c.add_option("--personal-data", f.personal_data,
                         "SYSTEM=yes|possibly|no|unknown: did its personal data leak (repeat; "
                         "every affected system holding personal data, before recovering)");
            c.add_option("--persons", f.persons, "How many persons' data leaked or may have")
                ->check(CLI::NonNegativeNumber);
            c.add_option("--sensitive", f.sensitive,
                         "Sensitive personal data (要配慮個人情報): yes, possibly, no, unknown");
            c.add_option("--financial-harm", f.financial_harm,
                         "Risk of financial harm to the persons: yes, possibly, no, unknown");
            c.add_option("--unauthorized-purpose", f.unauthorized_purpose,
                         "Suspected unauthorized purpose (不正の目的): yes, possibly, no, unknown");
            AtFlag(c, f.at, "When it was assessed");
            IncidentFromOption(c, f);
          },
          IncidentAssess),
      IncidentCommand(
          "incident recover",
          "Set a system's recovery status (G4.3.5), after the systems it depends on", true,
          [](CLI::App& c, F& f) {
            IncidentKeyArg(c, f);
            c.add_option("SYSTEM", f.system,
                         "The system (one not yet affected joins the affected systems, the note "
                         "saying why)")
                ->required();
            c.add_option("STATUS", f.status, "down, restoring, restored, degraded")->required();
            c.add_option("--note", f.note, "Note");
            c.add_option("--override", f.reason,
                         "Restore ahead of a dependency still down or restoring: the reason");
            AtFlag(c, f.at, "When the system reached this status");
          },
          IncidentRecover),
      IncidentCommand(
          "incident review", "After the response (G4.4): --finding, --prevention or --backdoor",
          true,
          [](CLI::App& c, F& f) {
            IncidentKeyArg(c, f);
            c.add_option("--finding", f.finding, "technical or social, with --text");
            c.add_option("--text", f.text, "The finding");
            c.add_option("--system", f.system, "The system a finding is about");
            c.add_option("--prevention", f.prevention,
                         "A prevention measure, with --owner and --due");
            c.add_option("--owner", f.owner, "Who carries the measure out");
            c.add_option("--due", f.due, "By when (YYYY-MM-DD)");
            c.add_option("--backdoor", f.backdoor,
                         "SYSTEM[/HOST]:ITEM=RESULT, e.g. order-system:added_users=clean (every "
                         "host of the system) or file-server/fs01:added_users=clean (one host)");
            c.add_option("--note", f.note, "What was found");
            AtFlag(c, f.at, "When the finding was made or the check done");
          },
          IncidentReview),
      IncidentCommand(
          "incident file",
          "Record a reporting duty filed (G4.3.2c); --waive: the committee records why not", true,
          [](CLI::App& c, F& f) {
            IncidentKeyArg(c, f);
            c.add_option("DUTY", f.duty, "The duty's id in the organization file")->required();
            c.add_option("--reference", f.reference, "The recipient's reference number");
            c.add_option("--evidence", f.id, "The report as filed: an evidence id");
            c.add_option("--note", f.note, "Anything worth knowing");
            c.add_flag("--waive", f.waive, "Not filed: the committee decided so (needs --reason)");
            c.add_option("--reason", f.reason, "Why it is not filed");
            AtFlag(c, f.at, "When it was filed");
          },
          IncidentFile),
      IncidentCommand(
          "incident transition", "Move to another state; a refusal lists what is missing", true,
          [](CLI::App& c, F& f) {
            IncidentKeyArg(c, f);
            c.add_option("STATE", f.state,
                         "triaged, convened, containing, assessing, recovering, reviewing, closed, "
                         "dismissed")
                ->required();
            c.add_option("--reason", f.reason, "Required to reopen");
            AtFlag(c, f.at, "When the incident moved");
          },
          IncidentTransition),
      IncidentCommand("incident timeline",
                      "The incident's journal entries in the order things happened", false,
                      IncidentKeyArg, Read(IncidentTimeline)),
  };
}

}  // namespace

std::vector<Command> IncidentCommands() {
  std::vector<Command> all;
  for (auto* part : {PathCommands, RecordCommands}) {
    for (auto& item : part()) all.push_back(std::move(item));
  }
  return all;
}

}  // namespace sokuo::cli
