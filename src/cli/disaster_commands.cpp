// `sokuo disaster …`: a large-scale disaster from the terminal (G5.2). Each command builds the
// API's request body from its flags (or takes it whole with --from FILE) and decodes it with the
// API's decoder, so the CLI and the API accept the same.
#include <CLI/CLI.hpp>

#include "api/codec.h"
#include "api/disaster_codec.h"
#include "api/incident_codec.h"
#include "cli/commands.h"
#include "cli/incident_print.h"
#include "cli/request_body.h"

namespace sokuo::cli {
namespace {

// The flags of all disaster commands; each command reads the ones it declares.
struct DisasterFlags {
  std::string key, kind, title, summary, at, from, state, note, reason;
  std::vector<std::string> sites, areas, departments, skills;
  // roll call
  std::string person, available_from, where, works_for;
  bool can_work = false, cannot_work = false;
  int hours = 0, day_starts = -1;
  // survey, progress
  std::string department, site, item, target, status, surveyed_by, system, eta;
  // decisions, contacts
  std::string text, by, audience, contact, channel, follow_up;
  int approved_by = 0, persons = -1;
  // vendor requests, exemptions, measures
  std::string vendor, answer, rule, scope, expires, decided_by, assignee, due, result;
  int request = 0, id = 0;
  bool open = false;
  size_t limit = 50, offset = 0;
};

using api::Json;
using Flags = DisasterFlags;

constexpr const char* kDoc =
    "The disaster board, the roll call and the plan in the web UI: README, \"A disaster\"";

void DisasterKeyArg(CLI::App& c, Flags& f) {
  c.add_option("KEY", f.key, "Disaster key, e.g. DIS-2026-0001")->required();
}

void DisasterFromOption(CLI::App& c, Flags& f) {
  c.add_option("--from", f.from,
               "Read the request body (JSON, as the API takes it) from FILE or -");
}

// One line: key, state, kind, title.
void PrintLine(const core::Disaster& d, Output& o) {
  o.out << Render(Msg("cli.disaster_line",
                      {{"key", d.key},
                       {"state", std::string(core::kDisasterStates.Name(d.state))},
                       {"kind", std::string(core::kDisasterKinds.Name(d.kind))},
                       {"title", d.title}}),
                  o.lang)
        << "\n";
}

Result<void> PrintDisaster(Result<app::DisasterView> r, Output& o) {
  if (!r) return Fail(std::move(r).error());
  if (o.json) {
    PrintJson(o, api::ToJson(*r, o.lang));
    return {};
  }
  PrintLine(r->disaster, o);
  if (!r->disaster.plans.empty()) {
    o.out << Render(Msg("cli.disaster_plan_version",
                        {{"id", std::to_string(r->disaster.plans.back().id)},
                         {"planned", std::to_string(r->disaster.plans.back().steps.size())},
                         {"unplanned", std::to_string(r->disaster.plans.back().unplanned.size())}}),
                    o.lang)
          << "\n";
  }
  return {};
}

std::string Status(core::SurveyStatus s) { return std::string(core::kSurveyStatuses.Name(s)); }

// The board: the survey matrix with what is unknown, the action-plan roles with who fills them,
// the systems not back, vendor requests, exemptions in force, what blocks closing.
void PrintBoard(const app::DisasterView& v, const Calendar& calendar, Output& o) {
  auto say = [&](const Message& m) { o.out << Render(m, o.lang) << "\n"; };
  const core::Disaster& d = v.disaster;
  PrintLine(d, o);
  say(Msg("cli.disaster_declared", {{"by", d.declared_by},
                                    {"at", calendar.FormatLocal(d.declared_at)},
                                    {"sites", d.sites.empty() ? "-" : Join(d.sites)}}));
  say(Msg("cli.disaster_survey_heading"));
  for (const core::SurveyRow& row : v.survey_matrix.rows) {
    std::string cells;
    for (size_t k = 0; k < row.cells.size(); ++k) {
      cells += (k == 0 ? "" : "  ") +
               Render(Msg("cli.disaster_cell",
                          {{"item", std::string(core::kSurveyItems.entries[k].second)},
                           {"status", Status(row.cells[k])}}),
                      o.lang);
    }
    o.out << "  " << row.department << "  " << cells << "\n";
  }
  if (!v.survey_matrix.unknown.empty()) {
    say(Msg("cli.disaster_unknown", {{"count", std::to_string(v.survey_matrix.unknown.size())}}));
  }
  say(Msg("cli.disaster_staff_heading"));
  for (const core::DepartmentStaff& s : v.staff) {
    size_t available = 0;
    for (const auto& p : s.people) available += p.available_now ? 1 : 0;
    say(Msg("cli.disaster_staff", {{"department", s.department},
                                   {"available", std::to_string(available)},
                                   {"people", std::to_string(s.people.size())}}));
    for (const core::ActionPlanRoleView& r : s.roles) {
      say(r.filled_by.empty()
              ? Msg("cli.disaster_role_unfilled", {{"title", r.title}})
              : Msg("cli.disaster_role", {{"title", r.title}, {"person", r.filled_by}}));
    }
  }
  if (!v.outlook.empty()) say(Msg("cli.disaster_outlook_heading"));
  for (const core::SystemOutlook& s : v.outlook) {
    say(Msg("cli.disaster_outlook", {{"system", s.system},
                                     {"status", Status(s.status)},
                                     {"eta", s.eta.empty() ? "-" : calendar.FormatLocal(s.eta)},
                                     {"note", s.note}}));
  }
  for (const core::VendorRequest& r : d.vendor_requests) {
    say(Msg("cli.disaster_vendor",
            {{"id", std::to_string(r.id)},
             {"vendor", r.vendor},
             {"state", std::string(core::kVendorRequestStates.Name(r.state))},
             {"eta", r.eta.empty() ? "-" : calendar.FormatLocal(r.eta)}}));
  }
  for (const core::Exemption& x : v.active_exemptions) {
    say(Msg("cli.disaster_exemption",
            {{"rule", x.rule}, {"scope", x.scope}, {"until", calendar.FormatLocal(x.expires_at)}}));
  }
  for (const Message& m : v.close_blocks) o.out << "  " << Render(m, o.lang) << "\n";
}

Result<void> DisasterDeclare(app::App& app, const Flags& f, const app::Actor& actor, Output& o) {
  ASSIGN_OR_RETURN(std::string at, TimeFlag(app, f.at, "--at"));
  Body b;
  b.Text("kind", f.kind.empty() ? "other" : f.kind)
      .Text("title", f.title)
      .Text("summary", f.summary)
      .Texts("sites", f.sites)
      .Texts("areas", f.areas)
      .Texts("departments", f.departments)
      .Text("at", at);
  ASSIGN_OR_RETURN(app::DeclareInput in, Decode(BodyOr(f.from, b), api::DeclareFromJson));
  return PrintDisaster(app.disasters().Declare(in, actor), o);
}

Result<void> DisasterList(app::App& app, const Flags& f, Output& o) {
  app::DisasterFilter filter{.open_only = f.open};
  if (!f.state.empty()) {
    filter.state = core::kDisasterStates.Parse(f.state);
    if (!filter.state) {
      return Fail(ErrorCode::kUsage, BadChoice(f.state, core::kDisasterStates), "--state");
    }
  }
  ASSIGN_OR_RETURN(auto page, app.disasters().List(filter, {f.offset, f.limit}, kOperator));
  if (o.json) {
    PrintJson(o, api::PageJson(page, [](const core::Disaster& d) { return api::SummaryJson(d); }));
    return {};
  }
  if (page.items.empty()) {
    o.out << Render(Msg("cli.no_disasters"), o.lang) << "\n";
    return {};
  }
  for (const auto& d : page.items) PrintLine(d, o);
  PrintPageMore(page, o);
  return {};
}

Result<void> DisasterShow(app::App& app, const Flags& f, Output& o) {
  ASSIGN_OR_RETURN(app::DisasterView v, app.disasters().Get(f.key, kOperator));
  if (o.json) {
    PrintJson(o, api::ToJson(v, o.lang));
    return {};
  }
  ASSIGN_OR_RETURN(Calendar calendar, OrgCalendar(app));
  PrintBoard(v, calendar, o);
  return {};
}

Result<void> DisasterRollCall(app::App& app, const Flags& f, const app::Actor& actor, Output& o) {
  if (f.from.empty() && f.can_work == f.cannot_work) {
    return Fail(ErrorCode::kUsage, Msg("cli.rollcall_choose"), "--can-work");
  }
  ASSIGN_OR_RETURN(std::string at, TimeFlag(app, f.at, "--at"));
  ASSIGN_OR_RETURN(std::string from, TimeFlag(app, f.available_from, "--available-from"));
  Body b;
  b.Text("person", f.person)
      .Raw("can_work", f.can_work)
      .Text("department", f.works_for)
      .Text("from", from)
      .Int("hours_per_day", f.hours)
      .Count("day_starts_hour", f.day_starts)
      .Text("where", f.where.empty() ? "office" : f.where)
      .Texts("skills", f.skills)
      .Text("note", f.note)
      .Text("at", at);
  ASSIGN_OR_RETURN(core::Availability in, Decode(BodyOr(f.from, b), api::AvailabilityFromJson));
  return PrintDisaster(app.disasters().RollCall(f.key, in, actor), o);
}

Result<void> DisasterSurvey(app::App& app, const Flags& f, const app::Actor& actor, Output& o) {
  ASSIGN_OR_RETURN(std::string at, TimeFlag(app, f.at, "--at"));
  Body entry;
  entry.Text("department", f.department)
      .Text("site", f.site)
      .Text("item", f.item)
      .Text("target", f.target)
      .Text("status", f.status)
      .Text("note", f.note)
      .Text("surveyed_by", f.surveyed_by)
      .Text("at", at);
  Body b;
  b.Raw("entries", Json::array({entry.json()}));
  ASSIGN_OR_RETURN(api::SurveyInput in, Decode(BodyOr(f.from, b), api::SurveyFromJson));
  return PrintDisaster(app.disasters().Survey(f.key, in.entries, actor), o);
}

Result<void> DisasterProgress(app::App& app, const Flags& f, const app::Actor& actor, Output& o) {
  ASSIGN_OR_RETURN(std::string at, TimeFlag(app, f.at, "--at"));
  ASSIGN_OR_RETURN(std::string eta, TimeFlag(app, f.eta, "--eta"));
  Body b;
  b.Text("system", f.system)
      .Text("status", f.status)
      .Text("eta", eta)
      .Text("note", f.note)
      .Text("at", at);
  ASSIGN_OR_RETURN(core::SystemProgress in, Decode(BodyOr(f.from, b), api::ProgressFromJson));
  return PrintDisaster(app.disasters().Progress(f.key, in, actor), o);
}

Result<void> DisasterDecide(app::App& app, const Flags& f, const app::Actor& actor, Output& o) {
  ASSIGN_OR_RETURN(std::string at, TimeFlag(app, f.at, "--at"));
  ASSIGN_OR_RETURN(core::Decision in,
                   Decode(BodyOr(f.from, DecisionBody(f, at)), api::DecisionFromJson));
  return PrintDisaster(app.disasters().Decide(f.key, std::move(in), actor), o);
}

Result<void> DisasterContact(app::App& app, const Flags& f, const app::Actor& actor, Output& o) {
  ASSIGN_OR_RETURN(std::string at, TimeFlag(app, f.at, "--at"));
  ASSIGN_OR_RETURN(core::ContactLog in,
                   Decode(BodyOr(f.from, ContactBody(f, at)), api::ContactFromJson));
  return PrintDisaster(app.disasters().AddContact(f.key, std::move(in), actor), o);
}

Result<void> DisasterTask(app::App& app, const Flags& f, const app::Actor& actor, Output& o) {
  ASSIGN_OR_RETURN(std::string at, TimeFlag(app, f.at, "--at"));
  ASSIGN_OR_RETURN(std::string due, TimeFlag(app, f.due, "--due"));
  Body b;
  if (f.id != 0) {
    b.Text("status", f.status).Text("result", f.result).Text("assignee", f.assignee);
    b.Text("due", due).Text("at", at);
    ASSIGN_OR_RETURN(app::TaskUpdate in, Decode(BodyOr(f.from, b), api::TaskUpdateFromJson));
    return PrintDisaster(app.disasters().UpdateTask(f.key, f.id, in, actor), o);
  }
  b.Text("kind", f.kind.empty() ? "other" : f.kind)
      .Text("title", f.title)
      .Text("department", f.department)
      .Text("assignee", f.assignee)
      .Text("system", f.system)
      .Text("due", due)
      .Text("at", at);
  ASSIGN_OR_RETURN(core::Task in, Decode(BodyOr(f.from, b), api::TaskFromJson));
  return PrintDisaster(app.disasters().AddTask(f.key, in, actor), o);
}

Result<void> DisasterVendor(app::App& app, const Flags& f, const app::Actor& actor, Output& o) {
  ASSIGN_OR_RETURN(std::string at, TimeFlag(app, f.at, "--at"));
  Body b;
  if (f.request != 0) {
    ASSIGN_OR_RETURN(std::string eta, TimeFlag(app, f.eta, "--eta"));
    b.Text("state", f.state).Text("answer", f.answer).Text("eta", eta).Text("at", at);
    ASSIGN_OR_RETURN(app::VendorUpdate in, Decode(BodyOr(f.from, b), api::VendorUpdateFromJson));
    return PrintDisaster(app.disasters().UpdateVendor(f.key, f.request, in, actor), o);
  }
  b.Text("vendor", f.vendor).Text("system", f.system).Text("asked_at", at);
  ASSIGN_OR_RETURN(core::VendorRequest in, Decode(BodyOr(f.from, b), api::VendorRequestFromJson));
  return PrintDisaster(app.disasters().AskVendor(f.key, in, actor), o);
}

Result<void> DisasterExempt(app::App& app, const Flags& f, const app::Actor& actor, Output& o) {
  ASSIGN_OR_RETURN(std::string at, TimeFlag(app, f.at, "--at"));
  ASSIGN_OR_RETURN(std::string expires, TimeFlag(app, f.expires, "--expires"));
  Body b;
  b.Text("rule", f.rule)
      .Text("scope", f.scope)
      .Text("expires_at", expires)
      .Text("decided_by", f.decided_by)
      .Text("reason", f.reason)
      .Text("at", at);
  ASSIGN_OR_RETURN(core::Exemption in, Decode(BodyOr(f.from, b), api::ExemptionFromJson));
  return PrintDisaster(app.disasters().Exempt(f.key, in, actor), o);
}

Result<void> DisasterClose(app::App& app, const Flags& f, const app::Actor& actor, Output& o) {
  ASSIGN_OR_RETURN(std::string at, TimeFlag(app, f.at, "--at"));
  return PrintDisaster(app.disasters().Close(f.key, f.reason, at, actor), o);
}

Command Cmd(const char* path, const char* summary, bool writes, const AreaOptions<Flags>& options,
            const AreaRun<Flags>& run) {
  return AreaCommand<Flags>(path, summary, writes, options, run, kDoc);
}

}  // namespace

std::vector<Command> DisasterCommands() {
  return {
      {"disaster",
       "Large-scale disasters (G5.2): declare, roll call, damage survey, recovery plan, progress, "
       "vendors, exemptions, close",
       nullptr},
      Cmd(
          "disaster declare",
          "Declare a disaster (G5.2.2): the committee and the IS department are told, department "
          "heads are asked for the roll call",
          true,
          [](CLI::App& c, Flags& f) {
            c.add_option("--title", f.title, "What happened, in a few words");
            c.add_option("--kind", f.kind,
                         "earthquake, flood, fire, power_outage, pandemic, other (default)");
            c.add_option("--summary", f.summary, "More detail");
            c.add_option("--site", f.sites, "A site affected (repeat)");
            c.add_option("--area", f.areas, "An area affected (repeat)");
            c.add_option("--department", f.departments,
                         "An affected department (repeat; none: every department)");
            AtFlag(c, f.at, "When it happened; RTOs count from it");
            DisasterFromOption(c, f);
          },
          DisasterDeclare),
      Cmd(
          "disaster list", "Disasters, newest first", false,
          [](CLI::App& c, Flags& f) {
            c.add_flag("--open", f.open, "Only disasters not closed");
            c.add_option("--state", f.state, "declared, recovering, closed");
            c.add_option("--limit", f.limit, "At most this many (default 50)");
            c.add_option("--offset", f.offset, "Skip this many");
          },
          ReadOnly<Flags>(DisasterList)),
      Cmd("disaster show",
          "The board: survey matrix, staff against action-plan roles, systems not back, vendors, "
          "exemptions, what blocks closing",
          false, DisasterKeyArg, ReadOnly<Flags>(DisasterShow)),
      Cmd(
          "disaster rollcall", "Record who can work (G5.2.3): the person, or their department head",
          true,
          [](CLI::App& c, Flags& f) {
            DisasterKeyArg(c, f);
            c.add_option("PERSON", f.person, "The person")->required();
            c.add_flag("--can-work", f.can_work, "The person can work");
            c.add_flag("--cannot-work", f.cannot_work, "The person cannot work");
            c.add_option("--available-from", f.available_from,
                         "From when (RFC 3339, or YYYY-MM-DD HH:MM local; default now)");
            c.add_option("--hours", f.hours, "Hours a day (1-24; 24: around the clock)");
            c.add_option("--day-starts", f.day_starts, "The hour the working day starts (0-23)");
            c.add_option("--where", f.where, "office (default), home, alternate_site, other");
            c.add_option("--skill", f.skills, "A skill beyond the person's own (repeat)");
            c.add_option("--works-for", f.works_for,
                         "The department the person works for now (default: their own)");
            c.add_option("--note", f.note, "A note");
            AtFlag(c, f.at, "When the answer was given");
            DisasterFromOption(c, f);
          },
          DisasterRollCall),
      Cmd(
          "disaster survey",
          "Record a damage-survey finding (G5.2.4); --from FILE for several at once", true,
          [](CLI::App& c, Flags& f) {
            DisasterKeyArg(c, f);
            c.add_option("--department", f.department, "The surveyed department");
            c.add_option("--item", f.item,
                         "telephones, power, network, systems, confidential_media");
            c.add_option("--status", f.status, "ok, degraded, down, unknown");
            c.add_option("--site", f.site, "The site, e.g. 本社 3F");
            c.add_option("--target", f.target,
                         "A system (item systems) or storage medium (item confidential_media)");
            c.add_option("--note", f.note, "What was found");
            c.add_option("--surveyed-by", f.surveyed_by, "Who surveyed (default: you)");
            AtFlag(c, f.at, "When it was surveyed");
            DisasterFromOption(c, f);
          },
          DisasterSurvey),
      Cmd(
          "disaster progress",
          "Record a system's recovery progress, 復旧目処 and workaround (G5.2.6b, G5.2.6c)", true,
          [](CLI::App& c, Flags& f) {
            DisasterKeyArg(c, f);
            c.add_option("SYSTEM", f.system, "The system")->required();
            c.add_option("--status", f.status, "down, restoring, degraded, restored");
            c.add_option(
                "--eta", f.eta,
                "復旧目処: when it is expected back (RFC 3339, or YYYY-MM-DD HH:MM local)");
            c.add_option("--note", f.note, "Degraded-mode operation, the workaround in use");
            AtFlag(c, f.at, "When the system reached this status");
            DisasterFromOption(c, f);
          },
          DisasterProgress),
      Cmd(
          "disaster decide", "Record a committee decision (G5.2.2, G3.1)", true,
          [](CLI::App& c, Flags& f) {
            DisasterKeyArg(c, f);
            DecisionOptions(c, f);
          },
          DisasterDecide),
      Cmd(
          "disaster contact",
          "Log a contact (G5.2.2); outside parties need --approved-by DECISION of the right kind",
          true,
          [](CLI::App& c, Flags& f) {
            DisasterKeyArg(c, f);
            ContactOptions(c, f);
          },
          DisasterContact),
      Cmd(
          "disaster task", "Add an emergency measure (G5.2.5); with --id, update one", true,
          [](CLI::App& c, Flags& f) {
            DisasterKeyArg(c, f);
            c.add_option("--id", f.id, "Update this measure instead of adding one");
            c.add_option("--title", f.title, "What to do");
            c.add_option("--kind", f.kind, "alternative_means, customer_measures, other (default)");
            c.add_option("--department", f.department, "Responsible department");
            c.add_option("--assignee", f.assignee, "Responsible person");
            c.add_option("--system", f.system, "The system it acts on");
            c.add_option("--due", f.due, "Due (RFC 3339, or YYYY-MM-DD HH:MM local)");
            c.add_option("--status", f.status, "open, in_progress, done, cancelled, failed");
            c.add_option("--result", f.result, "What came of it");
            AtFlag(c, f.at, "When it was ordered, or with --status when the status changed");
            DisasterFromOption(c, f);
          },
          DisasterTask),
      Cmd(
          "disaster vendor",
          "Ask a vendor for support (G5.2.6c); with --request, record its answer", true,
          [](CLI::App& c, Flags& f) {
            DisasterKeyArg(c, f);
            c.add_option("VENDOR", f.vendor, "The vendor (external contact id)");
            c.add_option("--system", f.system, "The system it is for");
            c.add_option("--request", f.request, "Record the answer to this request");
            c.add_option("--state", f.state, "answered, done, declined");
            c.add_option("--answer", f.answer, "What the vendor said");
            c.add_option("--eta", f.eta, "When the vendor's help or part arrives");
            AtFlag(c, f.at, "When it was asked, or answered");
            DisasterFromOption(c, f);
          },
          DisasterVendor),
      Cmd(
          "disaster exempt",
          "Record the committee's exemption from an internal rule, with scope and expiry "
          "(G5.2.6a)",
          true,
          [](CLI::App& c, Flags& f) {
            DisasterKeyArg(c, f);
            c.add_option("--rule", f.rule, "The internal rule, e.g. 持出し申請規程");
            c.add_option("--scope", f.scope, "What it allows");
            c.add_option("--expires", f.expires, "Until when (RFC 3339, or YYYY-MM-DD HH:MM)");
            c.add_option("--reason", f.reason, "Why");
            c.add_option("--decided-by", f.decided_by, "The committee member (default: you)");
            AtFlag(c, f.at, "When it was decided");
            DisasterFromOption(c, f);
          },
          DisasterExempt),
      Cmd(
          "disaster close",
          "Close the disaster: every tier-a system back, or a committee member's --reason", true,
          [](CLI::App& c, Flags& f) {
            DisasterKeyArg(c, f);
            c.add_option("--reason", f.reason,
                         "The committee's reason to close with tier-a systems not back");
            AtFlag(c, f.at, "When it was closed");
          },
          DisasterClose),
  };
}

}  // namespace sokuo::cli
