// `sokuo control …`: the routine controls (G4.1, G4.2, G5.1) from the terminal: what is due,
// recording it as done, an incident from a finding, and compliance over a period. Listing brings
// the schedule up to date first, as the server does every minute, so a laptop without a running
// server sees the same occurrences.
#include <CLI/CLI.hpp>

#include <iostream>
#include <iterator>

#include "api/control_codec.h"
#include "api/incident_codec.h"
#include "cli/commands.h"
#include "cli/request_body.h"
#include "platform/files.h"

namespace sokuo::cli {
namespace {

using api::Json;

struct ControlFlags {
  std::string occurrence;
  std::string control;
  std::string department;
  std::string state;
  bool all = false;
  std::string result;
  std::string note;
  std::string evidence;
  std::string at;
  std::string from_day;
  std::string to_day;
  std::string from;  // --from FILE: the body instead of flags
  std::string host;  // control accounts: the host of the listing; control scan: the host
  std::string file;  // the listing, or clamscan's output ('-': stdin)
  std::string day;   // control scans: a company day
  size_t offset = 0;
  size_t limit = 50;
};

constexpr const char* kControlDoc =
    "\nOccurrences are named CONTROL/START, as `sokuo control due` prints them, e.g.\n"
    "access-log-review/2026-11-26T00:00:00Z; CONTROL alone names its latest one not done (for\n"
    "`control incident`: its latest with findings; for `control accounts`: its latest).\n"
    "The catalog is the organization file's controls.";

Result<void> BringUpToDate(app::App& app) {
  return app.controls().Tick(app.context().clock().Now()).transform([](auto&&) {});
}

std::string NameOf(const core::Control& c, Lang lang) {
  return lang == Lang::kEn && !c.name_en.empty() ? c.name_en : c.name;
}

Result<void> ControlList(app::App& app, const ControlFlags&, Output& o) {
  TRY(BringUpToDate(app));
  ASSIGN_OR_RETURN(auto list, app.controls().Catalog(kOperator));
  if (o.json) {
    Json items = Json::array();
    for (const auto& s : list) items.push_back(api::ToJson(s));
    PrintJson(o, {{"items", items}});
    return {};
  }
  if (list.empty()) {
    o.out << Render(Msg("cli.no_controls"), o.lang) << "\n";
    return {};
  }
  ASSIGN_OR_RETURN(Calendar calendar, OrgCalendar(app));
  for (const app::ControlSummary& s : list) {
    const core::Control& c = s.control;
    o.out << Render(Msg("cli.control_line",
                        {{"id", c.id},
                         {"clause", c.clause.empty() ? "-" : c.clause},
                         {"kind", std::string(core::kControlKinds.Name(c.kind))},
                         {"name", NameOf(c, o.lang)},
                         {"department", c.department},
                         {"schedule", c.schedule},
                         {"next", s.next_start.empty() ? "-" : calendar.FormatLocal(s.next_start)},
                         {"overdue", std::to_string(s.overdue)},
                         {"open", std::to_string(s.open)}}),
                    o.lang)
          << "\n";
  }
  return {};
}

Result<void> ControlDue(app::App& app, const ControlFlags& f, Output& o) {
  TRY(BringUpToDate(app));
  app::OccurrenceFilter filter{.control = f.control, .department = f.department, .pending = !f.all};
  if (!f.state.empty()) {
    filter.state = core::kOccurrenceStates.Parse(f.state);
    if (!filter.state) {
      return Fail(ErrorCode::kUsage, BadChoice(f.state, core::kOccurrenceStates), "--state");
    }
    filter.pending = false;
  }
  ASSIGN_OR_RETURN(auto page, app.controls().Occurrences(filter, {f.offset, f.limit}, kOperator));
  if (o.json) {
    PrintJson(o, api::PageJson(page, [](const app::OccurrenceView& v) { return api::ToJson(v); }));
    return {};
  }
  if (page.items.empty()) {
    o.out << Render(Msg(f.all || !f.state.empty() ? "cli.no_occurrences" : "cli.nothing_due"),
                    o.lang)
          << "\n";
    return {};
  }
  ASSIGN_OR_RETURN(auto org, app.context().Organization());
  ASSIGN_OR_RETURN(Calendar calendar, OrgCalendar(app));
  for (const app::OccurrenceView& v : page.items) {
    const core::ControlOccurrence& x = v.occurrence;
    const core::Control* c = org->FindControl(x.control);
    o.out << Render(Msg("cli.occurrence_line",
                        {{"id", x.id},
                         {"state", std::string(core::kOccurrenceStates.Name(v.state))},
                         {"name", c ? NameOf(*c, o.lang) : x.control},
                         {"due", calendar.FormatLocal(x.due_at)}}),
                    o.lang)
          << "\n";
  }
  PrintPageMore(page, o);
  return {};
}

Result<void> PrintOccurrence(app::App& app, Result<app::OccurrenceView> r, Output& o) {
  if (!r) return Fail(std::move(r).error());
  if (o.json) {
    PrintJson(o, api::ToJson(*r));
    return {};
  }
  ASSIGN_OR_RETURN(Calendar calendar, OrgCalendar(app));
  o.out << Render(Msg("cli.occurrence_done",
                      {{"id", r->occurrence.id},
                       {"state", std::string(core::kOccurrenceStates.Name(r->state))},
                       {"at", calendar.FormatLocal(r->occurrence.done_at)}}),
                  o.lang)
        << "\n";
  return {};
}

Result<void> ControlDone(app::App& app, const ControlFlags& f, const app::Actor& actor, Output& o) {
  ASSIGN_OR_RETURN(std::string at, TimeFlag(app, f.at, "--at"));
  Body b;
  b.Text("result", f.result).Text("note", f.note).Text("evidence", f.evidence).Text("done_at", at);
  ASSIGN_OR_RETURN(core::ControlCompletion in, Decode(BodyOr(f.from, b), api::CompletionFromJson));
  ASSIGN_OR_RETURN(std::string id,
                   app.controls().Resolve(f.occurrence, app::ControlService::Latest::kNotDone));
  return PrintOccurrence(app, app.controls().Complete(id, in, actor), o);
}

Result<void> ControlIncident(app::App& app, const ControlFlags& f, const app::Actor& actor,
                             Output& o) {
  ASSIGN_OR_RETURN(std::string id,
                   app.controls().Resolve(f.occurrence, app::ControlService::Latest::kFindings));
  ASSIGN_OR_RETURN(app::IncidentView v, app.controls().OpenIncident(id, actor));
  if (o.json) {
    PrintJson(o, api::ToJson(v, o.lang));
  } else {
    o.out << Render(Msg("cli.control_incident", {{"key", v.incident.key}, {"occurrence", id}}),
                    o.lang)
          << "\n";
  }
  return {};
}

constexpr size_t kMaxListing = 16 << 20;

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// G4.2.4: a host's accounts and groups, compared with its previous review.
Result<void> ControlAccounts(app::App& app, const ControlFlags& f, const app::Actor& actor,
                             Output& o) {
  std::string text;
  if (f.file == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    ASSIGN_OR_RETURN(text, platform::ReadFile(f.file, kMaxListing));
  }
  ASSIGN_OR_RETURN(std::string id,
                   app.controls().Resolve(f.occurrence, app::ControlService::Latest::kAny));
  ASSIGN_OR_RETURN(store::AccountReview r, app.controls().ReviewAccounts(id, f.host, text, actor));
  if (o.json) {
    PrintJson(o, api::ToJson(r));
    return {};
  }
  const core::AccountChanges& c = r.changes;
  auto say = [&](Message m) { o.out << Render(m, o.lang) << "\n"; };
  say(Msg("cli.accounts_counts", {{"host", r.host},
                                  {"accounts", std::to_string(r.listing.accounts.size())},
                                  {"groups", std::to_string(r.listing.groups.size())}}));
  if (c.first) say(Msg("cli.accounts_first", {{"host", r.host}}));
  if (!c.added.empty()) say(Msg("cli.accounts_added", {{"names", JoinNames(c.added)}}));
  if (!c.removed.empty()) say(Msg("cli.accounts_removed", {{"names", JoinNames(c.removed)}}));
  if (!c.new_privileged.empty()) {
    std::vector<std::string> grants;
    for (const auto& g : c.new_privileged) grants.push_back(g.group + ":" + g.account);
    say(Msg("cli.accounts_new_privileged", {{"grants", JoinNames(grants)}}));
  }
  if (!c.unknown.empty()) say(Msg("cli.accounts_unknown", {{"names", JoinNames(c.unknown)}}));
  if (!c.first && c.added.empty() && c.removed.empty() && c.new_privileged.empty() &&
      c.unknown.empty()) {
    say(Msg("cli.accounts_no_change"));
  }
  return {};
}

Result<std::optional<Day>> DayFlag(const std::string& text, const char* flag) {
  if (text.empty()) return std::optional<Day>();
  auto day = ParseDay(text);
  if (!day) return Fail(ErrorCode::kUsage, day.error().msg, flag);
  return std::optional<Day>(*day);
}

Result<void> ControlCompliance(app::App& app, const ControlFlags& f, Output& o) {
  TRY(BringUpToDate(app));
  ASSIGN_OR_RETURN(auto from, DayFlag(f.from_day, "--since"));
  ASSIGN_OR_RETURN(auto to, DayFlag(f.to_day, "--until"));
  ASSIGN_OR_RETURN(app::ComplianceView v, app.controls().Compliance(from, to, kOperator));
  ASSIGN_OR_RETURN(auto org, app.context().Organization());
  if (o.json) {
    PrintJson(o, api::ToJson(v, *org));
    return {};
  }
  ASSIGN_OR_RETURN(Calendar calendar, OrgCalendar(app));
  auto line = [&](const std::string& name, const core::ComplianceCount& n) {
    o.out << Render(Msg("cli.compliance_line", {{"name", name},
                                                {"on_time", std::to_string(n.on_time)},
                                                {"late", std::to_string(n.late)},
                                                {"missed", std::to_string(n.missed)},
                                                {"open", std::to_string(n.open)}}),
                    o.lang)
          << "\n";
  };
  o.out << Render(Msg("cli.compliance_period",
                      {{"from", calendar.FormatLocal(v.from)}, {"to", calendar.FormatLocal(v.to)}}),
                  o.lang)
        << "\n";
  for (const auto& [id, n] : v.counts.controls) line(id, n);
  o.out << "\n";
  for (const auto& [id, n] : v.counts.departments) line(id, n);
  line(Render(Msg("cli.compliance_total"), o.lang), v.counts.total);
  return {};
}

// The most of clamscan's output read (the API's body limit): `clamscan -i` prints only the
// infected files and the summary.
constexpr size_t kMaxScanOutput = size_t{1024} * 1024;

Result<void> ControlScan(app::App& app, const ControlFlags& f, const app::Actor& actor, Output& o) {
  std::string text;
  if (f.file == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    ASSIGN_OR_RETURN(text, platform::ReadFile(f.file, kMaxScanOutput));
  }
  ASSIGN_OR_RETURN(app::ScanReceipt r, app.scans().Record(f.host, text, actor));
  if (o.json) {
    PrintJson(o, api::ToJson(r));
    return {};
  }
  ASSIGN_OR_RETURN(Calendar calendar, OrgCalendar(app));
  o.out << Render(Msg("cli.scan_received", {{"id", r.scan.id},
                                            {"at", calendar.FormatLocal(r.scan.finished_at)},
                                            {"files", std::to_string(r.scan.scanned_files)},
                                            {"infected", std::to_string(r.scan.infected_files)}}),
                  o.lang)
        << "\n";
  if (!r.scan.complete) o.out << Render(Msg("cli.scan_incomplete"), o.lang) << "\n";
  for (const std::string& id : r.completed) {
    o.out << Render(Msg("cli.scan_completed", {{"id", id}}), o.lang) << "\n";
  }
  if (!r.scan.infections.empty() && r.alert_lines_refused) {
    o.out << Render(Msg("cli.scan_no_alert"), o.lang) << "\n";
  }
  return {};
}

Result<void> ControlScans(app::App& app, const ControlFlags& f, Output& o) {
  ASSIGN_OR_RETURN(auto day, DayFlag(f.day, "--day"));
  ASSIGN_OR_RETURN(app::ScanDayView v, app.scans().OfDay(day, kOperator));
  if (o.json) {
    PrintJson(o, api::ToJson(v));
    return {};
  }
  ASSIGN_OR_RETURN(Calendar calendar, OrgCalendar(app));
  o.out << Render(Msg("cli.scans_day", {{"day", v.day}}), o.lang) << "\n";
  for (const app::HostScans& h : v.hosts) {
    if (h.scans.empty()) {
      o.out << Render(Msg("cli.scans_none", {{"host", h.host}}), o.lang) << "\n";
      continue;
    }
    for (const core::VirusScan& s : h.scans) {
      o.out << Render(Msg(s.complete ? "cli.scans_line" : "cli.scans_line_cut",
                          {{"host", h.host},
                           {"at", calendar.FormatLocal(s.finished_at)},
                           {"files", std::to_string(s.scanned_files)},
                           {"infected", std::to_string(s.infected_files)}}),
                      o.lang)
            << "\n";
    }
  }
  std::string missing;
  for (const std::string& h : v.missing) missing += (missing.empty() ? "" : ", ") + h;
  o.out << Render(missing.empty() ? Msg("cli.scans_all")
                                  : Msg("cli.scans_missing", {{"hosts", missing}}),
                  o.lang)
        << "\n";
  return {};
}

void OccurrenceArg(CLI::App& c, ControlFlags& f) {
  c.add_option("OCCURRENCE", f.occurrence,
               "CONTROL/START as `sokuo control due` prints it, or CONTROL alone for its latest")
      ->required();
}

Command ControlCmd(const char* path, const char* summary, bool writes,
                   const AreaOptions<ControlFlags>& options, const AreaRun<ControlFlags>& run) {
  return AreaCommand<ControlFlags>(path, summary, writes, options, run, kControlDoc);
}

}  // namespace

std::vector<Command> ControlCommands() {
  return {
      {"control",
       "Routine controls (G4.1, G4.2, G5.1): the catalog, what is due, done, an incident from a "
       "finding, compliance",
       nullptr},
      ControlCmd(
          "control list", "The organization's controls with their next start and what is overdue",
          false, [](CLI::App&, ControlFlags&) {}, ReadOnly<ControlFlags>(ControlList)),
      ControlCmd(
          "control due", "Occurrences not done yet (overdue and open), the latest first", false,
          [](CLI::App& c, ControlFlags& f) {
            c.add_option("--control", f.control, "Only this control");
            c.add_option("--department", f.department, "Only this department's controls");
            c.add_option("--state", f.state, "Only open, overdue, on_time or late");
            c.add_flag("--all", f.all, "Done ones too");
            c.add_option("--offset", f.offset, "Skip this many");
            c.add_option("--limit", f.limit, "At most this many")->check(CLI::Range(1, 500));
          },
          ReadOnly<ControlFlags>(ControlDue)),
      ControlCmd(
          "control done", "Record an occurrence as done, with its result, a note and evidence",
          true,
          [](CLI::App& c, ControlFlags& f) {
            OccurrenceArg(c, f);
            c.add_option("--result", f.result, "ok (default) or findings");
            c.add_option("--note", f.note, "What was checked, and what was found");
            c.add_option("--evidence", f.evidence, "The evidence the control asks for");
            AtFlag(c, f.at, "When the work was done");
            c.add_option("--from", f.from, "Read the request body from FILE ('-': stdin)");
          },
          ControlDone),
      ControlCmd(
          "control incident", "Open an incident from an occurrence's findings (G4.3)", true,
          [](CLI::App& c, ControlFlags& f) { OccurrenceArg(c, f); }, ControlIncident),
      ControlCmd(
          "control accounts",
          "Review a host's accounts and groups (G4.2.4): `getent passwd; getent group` output, "
          "compared with its previous review",
          true,
          [](CLI::App& c, ControlFlags& f) {
            OccurrenceArg(c, f);
            c.add_option("--host", f.host, "The host (or system) the listing is from")->required();
            c.add_option("FILE", f.file, "The listing ('-': stdin)")->required();
          },
          ControlAccounts),
      ControlCmd(
          "control compliance",
          "Done on time, late, missed and open, per control and department (default: 30 days)",
          false,
          [](CLI::App& c, ControlFlags& f) {
            c.add_option("--since", f.from_day, "First day, YYYY-MM-DD");
            c.add_option("--until", f.to_day, "Last day, YYYY-MM-DD (default: today)");
          },
          ReadOnly<ControlFlags>(ControlCompliance)),
      ControlCmd(
          "control scan",
          "Record a host's virus scan from clamscan's output (G4.1.4): the daily check is done "
          "once every host has one",
          true,
          [](CLI::App& c, ControlFlags& f) {
            c.add_option("--host", f.host, "The host that ran the scan")->required();
            c.add_option("FILE", f.file, "clamscan's output ('-': stdin)")->required();
          },
          ControlScan),
      ControlCmd(
          "control scans", "The hosts' virus scans of a day, and the hosts with none", false,
          [](CLI::App& c, ControlFlags& f) {
            c.add_option("--day", f.day, "Company day, YYYY-MM-DD (default: today)");
          },
          ReadOnly<ControlFlags>(ControlScans)),
  };
}

}  // namespace sokuo::cli
