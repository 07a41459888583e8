#include "app/incident_service.h"

#include <algorithm>

#include "app/notices.h"
#include "app/service_util.h"
#include "app/witness.h"
#include "codec/incident_json.h"
#include "core/access.h"
#include "core/incident_plan.h"
#include "core/incident_rules.h"
#include "store/org_rows.h"

namespace sokuo::app {
namespace {

// What may still be done to a closed or dismissed incident: reopening it, and keeping its
// evidence (custody, legal hold, disposal).
bool WorksWhenClosed(const std::string& action) {
  return action == "incident.transition" || action.starts_with("evidence.") ||
         action == "incident.hold" || action == "incident.release_hold";
}

using nlohmann::json;

std::string Or(const std::string& value, const std::string& fallback) {
  return value.empty() ? fallback : value;
}

// What a message about a report says: who reported what, when, where (G4.3.2a).
MessageParams ReportFacts(const core::Incident& i, const core::Organization& org,
                          const Calendar& calendar) {
  std::string systems;
  for (const auto& s : i.systems) systems += (systems.empty() ? "" : ", ") + s;
  return {{"key", i.key},
          {"title", i.title},
          {"summary", i.summary},
          {"reporter", PersonName(org, i.reported_by)},
          {"reported_at", calendar.FormatLocal(i.reported_at)},
          {"systems", systems.empty() ? "-" : systems}};
}

std::string IncidentPage(const std::string& key) { return "#/incidents/" + key; }

// G4.3.3: the person a measure is assigned to (or its department's head) hears of it.
Result<void> TellAssignee(store::Tx& tx, const core::Organization& org, const core::Incident& i,
                          const core::Task& t, const Actor& actor, Timestamp now) {
  std::vector<std::string> to;
  if (!t.assignee.empty()) {
    to.push_back(t.assignee);
  } else if (!t.department.empty()) {
    to = Responsible(org, {t.department});
  }
  std::erase(to, actor.id);  // who assigns it to themselves knows
  if (to.empty()) return {};
  ASSIGN_OR_RETURN(Calendar calendar, Calendar::Create(org.company.time_zone));
  TRY(QueueNotice(tx, org,
                  {.kind = "incident.task",
                   .subject = i.key,
                   .to = to,
                   .title = Msg("notice.task.title", {{"key", i.key}, {"task", t.title}}),
                   .body = Msg("notice.task.body",
                               {{"key", i.key},
                                {"title", i.title},
                                {"task", t.title},
                                {"by", PersonName(org, actor.id)},
                                {"due", t.due.empty() ? "-" : calendar.FormatLocal(t.due)}}),
                   .page = IncidentPage(i.key),
                   .incident = &i},
                  now));
  return {};
}

}  // namespace

IncidentView IncidentService::View(core::Incident incident, const core::Organization& org,
                                   bool whole) const {
  IncidentView v;
  // A list's headers carry no filings: their clocks would be wrong, so lists have none.
  if (whole) v.obligations = core::ClocksOf(incident, org, ctx_.clock().Now());
  v.priority = core::ComputePriority(incident, org);
  v.milestones = core::MilestonesOf(incident);
  const auto& path = core::Path();
  if (auto at = std::find(path.begin(), path.end(), incident.state);
      at != path.end() && at + 1 != path.end()) {
    v.next_missing = core::Requirements(incident, *(at + 1), &org);
  }
  v.incident = std::move(incident);
  return v;
}

Result<IncidentView> IncidentService::Mutate(const std::string& key, const Actor& actor,
                                             const std::string& action,
                                             core::IncidentAction permission,
                                             const Mutation& change) {
  return Mutate(
      key, actor, action,
      [permission](const core::Incident&) { return std::vector<core::IncidentAction>{permission}; },
      change);
}

Result<IncidentView> IncidentService::Mutate(const std::string& key, const Actor& actor,
                                             const std::string& action,
                                             const PermissionOf& permission,
                                             const Mutation& change) {
  std::optional<core::Incident> after;
  std::shared_ptr<const core::Organization> snapshot;
  TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(snapshot, ctx_.OrganizationIn(tx));
    const core::Organization& org = *snapshot;
    ASSIGN_OR_RETURN(std::optional<core::Incident> loaded, store::LoadIncident(tx, key));
    if (!loaded || !core::CanSee(actor.principal, *loaded, org)) {
      return Fail(ErrorCode::kNotFound, Msg("incident.not_found", {{"key", key}}));
    }
    for (core::IncidentAction needed : permission(*loaded)) {
      if (!core::CanDo(actor.principal, needed, *loaded, org)) {
        return Fail(ErrorCode::kForbidden, Msg("incident.step_forbidden", {{"key", key}}));
      }
    }
    if (!loaded->IsOpen() && !WorksWhenClosed(action)) {
      return Fail(
          ErrorCode::kConflict,
          Msg("incident.reopen_first",
              {{"key", key}, {"state", std::string(core::kIncidentStates.Name(loaded->state))}}),
          "/state");
    }
    bool was_open = loaded->IsOpen();
    ASSIGN_OR_RETURN(json body, change(*loaded, org, tx));
    TRY(store::SaveIncident(tx, *loaded));
    ASSIGN_OR_RETURN(store::JournalEntry entry, tx.Append({.at = ctx_.clock().Now(),
                                                           .actor = actor.id,
                                                           .action = action,
                                                           .subject = key,
                                                           .body = std::move(body)}));
    // G4.4.3: a closing sends the head, its own entry, to the witnesses (app/witness.h).
    if (was_open && loaded->state == core::IncidentState::kClosed) {
      TRY(QueueWitness(tx, org, {entry.seq, entry.hash}, "incident.close " + key, "system",
                       ctx_.clock().Now()));
    }
    after = std::move(loaded);
    return {};
  }));
  return View(std::move(*after), *snapshot);
}

Result<IncidentView> IncidentService::Report(const ReportInput& in, const Actor& actor) {
  std::optional<core::Incident> created;
  std::shared_ptr<const core::Organization> snapshot;
  if (!core::CanReport(actor.principal)) {
    return Fail(ErrorCode::kForbidden, Msg("auth.auditor_read_only"));
  }
  std::string now = FormatRfc3339(ctx_.clock().Now());
  TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(snapshot, ctx_.OrganizationIn(tx));
    const core::Organization& org = *snapshot;
    if (!core::CanReportFor(actor.principal, in.reporter_department, org)) {
      return Fail(
          ErrorCode::kForbidden,
          Msg("incident.report_for_own_department", {{"department", in.reporter_department}}),
          "/reporter_department");
    }
    core::Incident i;
    i.title = in.title;
    i.summary = in.summary;
    i.category = in.category;
    i.detection = in.detection;
    i.detected_at = in.detected_at;
    i.occurred_at = in.occurred_at;
    i.aware_at = in.aware_at;
    i.reported_at = Or(in.reported_at, now);
    i.recorded_at = now;
    i.reported_by = actor.id;
    i.reporter_department = in.reporter_department;
    if (i.reporter_department.empty()) {
      if (const core::Person* p = org.FindPerson(actor.id)) i.reporter_department = p->department;
    }
    i.systems = in.systems;
    i.hosts = in.hosts;
    i.departments = in.departments;
    i.harm = in.harm;
    i.harm_note = in.harm_note;
    i.restricted = in.restricted;
    i.tlp = in.tlp;
    {
      std::vector<Detail> problems = core::CheckHeader(i, org, core::IncidentCategories(org));
      for (Detail& d : core::CheckReportTimes(i, ctx_.clock().Now())) {
        if (std::none_of(problems.begin(), problems.end(),
                         [&](const Detail& p) { return p.where == d.where; })) {
          problems.push_back(std::move(d));
        }
      }
      TRY(Check(std::move(problems)));
    }
    // Stored as UTC; the company became aware when the report came in unless it says otherwise.
    i.reported_at = FormatRfc3339(*ParseRfc3339(i.reported_at));
    i.aware_at = FormatRfc3339(*ParseRfc3339(core::AwareAt(i)));
    if (!i.occurred_at.empty()) i.occurred_at = FormatRfc3339(*ParseRfc3339(i.occurred_at));
    // Keys count incidents per year of the company's calendar.
    ASSIGN_OR_RETURN(Calendar calendar, Calendar::Create(org.company.time_zone));
    i.year = static_cast<int>(calendar.LocalDay(ctx_.clock().Now()).year());
    ASSIGN_OR_RETURN(i.number, store::NextIncidentNumber(tx, i.year));
    i.key = core::IncidentKey(i.year, i.number);
    TRY(store::AddIncident(tx, i));
    // G3.3, G4.3.2a: the report reaches the IS department at once.
    TRY(QueueNotice(tx, org,
                    {.kind = "incident.reported",
                     .subject = i.key,
                     .to = core::IsDepartmentPeople(org),
                     .title = Msg("notice.reported.title", {{"key", i.key}, {"title", i.title}}),
                     .body = Msg("notice.reported.body", ReportFacts(i, org, calendar)),
                     .page = IncidentPage(i.key),
                     .incident = &i},
                    ctx_.clock().Now()));
    TRY(tx.Append({.at = ctx_.clock().Now(),
                   .actor = actor.id,
                   .action = "incident.report",
                   .subject = i.key,
                   .body = {{"title", i.title}, {"at", i.reported_at}}}));
    created = std::move(i);
    return {};
  }));
  return View(std::move(*created), *snapshot);
}

Result<IncidentView> IncidentService::Update(const std::string& key, const UpdateInput& in,
                                             const Actor& actor) {
  // Changing who takes part, or who may see the incident, needs more than correcting it.
  auto permission = [&in](const core::Incident& current) {
    std::vector<core::IncidentAction> needed{core::IncidentAction::kUpdate};
    if (in.participants && *in.participants != current.participants) {
      needed.push_back(core::IncidentAction::kAppoint);
    }
    if (in.restricted && *in.restricted != current.restricted) {
      needed.push_back(core::IncidentAction::kRestrict);
    }
    return needed;
  };
  return Mutate(key, actor, "incident.update", permission,
                [&](core::Incident& i, const core::Organization& org, store::Tx&) -> Result<json> {
                  json fields = json::array();
                  auto set = [&](auto& field, const auto& value, const char* name) {
                    if (value) {
                      field = *value;
                      fields.push_back(name);
                    }
                  };
                  set(i.title, in.title, "title");
                  set(i.summary, in.summary, "summary");
                  set(i.category, in.category, "category");
                  set(i.detected_at, in.detected_at, "detected_at");
                  set(i.occurred_at, in.occurred_at, "occurred_at");
                  set(i.aware_at, in.aware_at, "aware_at");
                  set(i.harm_note, in.harm_note, "harm_note");
                  set(i.detection, in.detection, "detection");
                  set(i.systems, in.systems, "systems");
                  set(i.hosts, in.hosts, "hosts");
                  set(i.departments, in.departments, "departments");
                  set(i.harm, in.harm, "harm");
                  set(i.restricted, in.restricted, "restricted");
                  set(i.tlp, in.tlp, "tlp");
                  set(i.participants, in.participants, "participants");
                  TRY(Check(core::CheckHeader(i, org, core::IncidentCategories(org))));
                  if (in.occurred_at || in.aware_at) {
                    TRY(Check(core::CheckReportTimes(i, ctx_.clock().Now())));
                  }
                  return json{{"fields", fields}};
                });
}

Result<IncidentView> IncidentService::Triage(const std::string& key, const TriageInput& in,
                                             const Actor& actor) {
  ASSIGN_OR_RETURN(std::string at, core::EventTime(in.at, "/at", ctx_.clock().Now()));
  Timestamp when = *ParseRfc3339(at);
  return Mutate(
      key, actor, "incident.triage", core::IncidentAction::kTriage,
      [&](core::Incident& i, const core::Organization& org, store::Tx&) -> Result<json> {
        if (i.state != core::IncidentState::kReported) {
          return Fail(
              ErrorCode::kConflict,
              Msg("incident.already_triaged",
                  {{"key", i.key}, {"state", std::string(core::kIncidentStates.Name(i.state))}}),
              "/state");
        }
        if (!in.confirmed && in.reason.empty()) {
          return Fail(ErrorCode::kInvalidInput, Msg("incident.dismissal_needs_reason"), "/reason");
        }
        i.triage = core::Triage{in.confirmed, in.reason, actor.id, at};
        if (!in.category.empty()) i.category = in.category;
        TRY(Check(core::CheckHeader(i, org, core::IncidentCategories(org))));
        TRY(core::Transition(
            i, in.confirmed ? core::IncidentState::kTriaged : core::IncidentState::kDismissed,
            actor.id, when, in.reason));
        return json{{"confirmed", in.confirmed}, {"reason", in.reason}, {"at", at}};
      });
}

Result<IncidentView> IncidentService::OverridePriority(const std::string& key,
                                                       core::Priority priority,
                                                       const std::string& reason,
                                                       const Actor& actor) {
  std::string now = FormatRfc3339(ctx_.clock().Now());
  return Mutate(key, actor, "incident.priority", core::IncidentAction::kPriority,
                [&](core::Incident& i, const core::Organization&, store::Tx&) -> Result<json> {
                  if (reason.empty()) {
                    return Fail(ErrorCode::kInvalidInput, Msg("priority.override_needs_reason"),
                                "/reason");
                  }
                  i.priority_override = core::PriorityOverride{priority, reason, actor.id, now};
                  return json{{"priority", core::kPriorities.Name(priority)}, {"reason", reason}};
                });
}

Result<IncidentView> IncidentService::RequestConvocation(const std::string& key, const Actor& actor,
                                                         const std::string& at_given) {
  std::string now = FormatRfc3339(ctx_.clock().Now());
  ASSIGN_OR_RETURN(std::string at, core::EventTime(at_given, "/at", ctx_.clock().Now()));
  return Mutate(
      key, actor, "incident.convocation.request", core::IncidentAction::kConvene,
      [&](core::Incident& i, const core::Organization& org, store::Tx& tx) -> Result<json> {
        std::vector<std::string> to = core::ConveningPeople(org);
        if (!i.convocation) i.convocation = core::Convocation{};
        i.convocation->requested_by = actor.id;
        i.convocation->requested_at = at;
        i.convocation->addressees = to;
        // G4.3.2a: the steering council chair is asked to convene the committee.
        ASSIGN_OR_RETURN(Calendar calendar, Calendar::Create(org.company.time_zone));
        MessageParams facts = ReportFacts(i, org, calendar);
        facts.emplace_back("by", PersonName(org, actor.id));
        TRY(QueueNotice(
            tx, org,
            {.kind = "incident.convocation",
             .subject = i.key,
             .to = to,
             .title = Msg("notice.convocation.title", {{"key", i.key}, {"title", i.title}}),
             .body = Msg("notice.convocation.body", std::move(facts)),
             .page = IncidentPage(i.key),
             .incident = &i},
            ctx_.clock().Now()));
        return json{{"addressees", to}, {"at", at}};
      });
}

Result<IncidentView> IncidentService::RecordConvened(const std::string& key,
                                                     const std::string& convened_at,
                                                     const std::vector<std::string>& attendees,
                                                     const Actor& actor) {
  ASSIGN_OR_RETURN(std::string at,
                   core::EventTime(convened_at, "/convened_at", ctx_.clock().Now()));
  return Mutate(key, actor, "incident.convocation.held", core::IncidentAction::kRecordMeeting,
                [&](core::Incident& i, const core::Organization& org, store::Tx&) -> Result<json> {
                  if (!i.convocation) {
                    return Fail(ErrorCode::kConflict, Msg("convocation.request_first"),
                                "/convocation");
                  }
                  i.convocation->convened_at = at;
                  i.convocation->attendees = attendees;
                  TRY(Check(core::CheckConvocation(*i.convocation, org)));
                  return json{{"convened_at", at}, {"attendees", attendees}, {"at", at}};
                });
}

Result<IncidentView> IncidentService::Decide(const std::string& key, core::Decision d,
                                             const Actor& actor) {
  ASSIGN_OR_RETURN(d.decided_at, core::EventTime(d.decided_at, "/decided_at", ctx_.clock().Now()));
  return Mutate(
      key, actor, "incident.decision", core::IncidentAction::kDecide,
      [&](core::Incident& i, const core::Organization& org, store::Tx& tx) -> Result<json> {
        d.id = NextId(i.decisions);
        d.recorded_by = actor.id;
        TRY(Check(core::CheckDecision(d, org)));
        i.decisions.push_back(d);
        // G3.1: the departments the committee instructs hear of it from sokuo too.
        if (d.kind == core::DecisionKind::kInstruction) {
          TRY(QueueNotice(
              tx, org,
              {.kind = "incident.decision",
               .subject = i.key,
               .to = Responsible(org, d.departments),
               .title = Msg("notice.decision.title", {{"key", i.key}, {"title", i.title}}),
               .body = Msg("notice.decision.body", {{"key", i.key},
                                                    {"title", i.title},
                                                    {"text", d.text},
                                                    {"by", PersonName(org, d.decided_by)}}),
               .page = IncidentPage(i.key),
               .incident = &i},
              ctx_.clock().Now()));
        }
        return json{{"decision", d.id}, {"at", d.decided_at}};
      });
}

Result<IncidentView> IncidentService::AddContact(const std::string& key, core::ContactLog c,
                                                 const Actor& actor) {
  ASSIGN_OR_RETURN(c.at, core::EventTime(c.at, "/at", ctx_.clock().Now()));
  return Mutate(key, actor, "incident.contact", core::IncidentAction::kContact,
                [&](core::Incident& i, const core::Organization& org, store::Tx&) -> Result<json> {
                  c.id = NextId(i.contacts);
                  c.by = Or(c.by, actor.id);
                  TRY(Check(core::CheckContact(c, i, org)));
                  i.contacts.push_back(c);
                  return json{{"contact", c.id}, {"at", c.at}};
                });
}

Result<IncidentView> IncidentService::AddTask(const std::string& key, core::Task t,
                                              const Actor& actor) {
  std::string now = FormatRfc3339(ctx_.clock().Now());
  ASSIGN_OR_RETURN(t.at, core::EventTime(t.at, "/at", ctx_.clock().Now()));
  t.status_at = t.at;
  return Mutate(
      key, actor, "incident.task", core::IncidentAction::kTask,
      [&](core::Incident& i, const core::Organization& org, store::Tx& tx) -> Result<json> {
        t.id = NextId(i.tasks);
        t.created_at = now;
        t.updated_at = now;
        TRY(Check(core::CheckTask(t, org)));
        i.tasks.push_back(t);
        TRY(TellAssignee(tx, org, i, t, actor, ctx_.clock().Now()));
        return json{{"task", t.id}, {"at", t.at}};
      });
}

Result<IncidentView> IncidentService::UpdateTask(const std::string& key, int id,
                                                 const TaskUpdate& in, const Actor& actor) {
  std::string now = FormatRfc3339(ctx_.clock().Now());
  ASSIGN_OR_RETURN(std::string at, core::EventTime(in.at, "/at", ctx_.clock().Now()));
  return Mutate(
      key, actor, "incident.task.update", core::IncidentAction::kTask,
      [&](core::Incident& i, const core::Organization& org, store::Tx& tx) -> Result<json> {
        auto it = std::find_if(i.tasks.begin(), i.tasks.end(),
                               [&](const core::Task& t) { return t.id == id; });
        if (it == i.tasks.end()) {
          return Fail(ErrorCode::kNotFound,
                      Msg("task.not_found", {{"id", std::to_string(id)}, {"key", key}}));
        }
        std::string before = it->assignee;
        ApplyTaskUpdate(*it, in, at, now);
        TRY(Check(core::CheckTask(*it, org)));
        if (it->assignee != before && !it->assignee.empty()) {
          TRY(TellAssignee(tx, org, i, *it, actor, ctx_.clock().Now()));
        }
        return json{{"task", id}, {"status", core::kTaskStatuses.Name(it->status)}, {"at", at}};
      });
}

Result<IncidentView> IncidentService::Assess(const std::string& key, core::Assessment a,
                                             const Actor& actor) {
  ASSIGN_OR_RETURN(a.assessed_at, core::EventTime(a.assessed_at, "/at", ctx_.clock().Now()));
  return Mutate(key, actor, "incident.assessment", core::IncidentAction::kAssess,
                [&](core::Incident& i, const core::Organization& org, store::Tx&) -> Result<json> {
                  a.assessed_by = actor.id;
                  TRY(Check(core::CheckAssessment(a, org)));
                  i.assessment = a;
                  return json{{"at", a.assessed_at}};
                });
}

Result<IncidentView> IncidentService::Recover(const std::string& key, core::Recovery r,
                                              const Actor& actor) {
  ASSIGN_OR_RETURN(r.at, core::EventTime(r.at, "/at", ctx_.clock().Now()));
  return Mutate(
      key, actor, "incident.recovery", core::IncidentAction::kRecover,
      [&](core::Incident& i, const core::Organization& org, store::Tx&) -> Result<json> {
        r.by = actor.id;
        TRY(Check(core::CheckRecovery(r, org)));
        // G4.3.5: in dependency order, or with the reason to go ahead.
        if (auto blockers = core::CheckRecoveryOrder(r, i, org); !blockers.empty()) {
          Message msg = Msg("recovery.out_of_order", {{"system", r.system}});
          return Fail(Error{ErrorCode::kConflict, Render(msg, Lang::kEn), "/status",
                            std::move(blockers), std::move(msg)});
        }
        json body = {
            {"system", r.system}, {"status", core::kRecoveryStatuses.Name(r.status)}, {"at", r.at}};
        if (!r.override_reason.empty()) body["override_reason"] = r.override_reason;
        // Scope grows as the investigation goes on.
        if (core::GrowScope(i, {.system = r.system,
                                .via = "recovery",
                                .reason = r.note,
                                .by = actor.id,
                                .at = r.at})) {
          body["added_to_scope"] = true;
        }
        auto it = std::find_if(i.recovery.begin(), i.recovery.end(),
                               [&](const core::Recovery& x) { return x.system == r.system; });
        if (it == i.recovery.end()) {
          i.recovery.push_back(r);
        } else {
          *it = r;
        }
        return body;
      });
}

Result<IncidentView> IncidentService::AddFinding(const std::string& key, core::Finding f,
                                                 const Actor& actor) {
  ASSIGN_OR_RETURN(f.at, core::EventTime(f.at, "/at", ctx_.clock().Now()));
  return Mutate(
      key, actor, "incident.finding", core::IncidentAction::kReview,
      [&](core::Incident& i, const core::Organization& org, store::Tx&) -> Result<json> {
        f.id = NextId(i.findings);
        f.by = actor.id;
        TRY(Check(core::CheckFinding(f, org)));
        i.findings.push_back(f);
        return json{{"finding", f.id}, {"kind", core::kFindingKinds.Name(f.kind)}, {"at", f.at}};
      });
}

Result<IncidentView> IncidentService::AddPrevention(const std::string& key, core::Prevention p,
                                                    const Actor& actor) {
  return Mutate(key, actor, "incident.prevention", core::IncidentAction::kReview,
                [&](core::Incident& i, const core::Organization& org, store::Tx&) -> Result<json> {
                  p.id = NextId(i.prevention);
                  TRY(Check(core::CheckPrevention(p, org)));
                  i.prevention.push_back(p);
                  return json{{"prevention", p.id}};
                });
}

Result<IncidentView> IncidentService::CheckBackdoor(const std::string& key, core::BackdoorCheck c,
                                                    const Actor& actor) {
  ASSIGN_OR_RETURN(c.at, core::EventTime(c.at, "/at", ctx_.clock().Now()));
  return Mutate(key, actor, "incident.backdoor_check", core::IncidentAction::kReview,
                [&](core::Incident& i, const core::Organization& org, store::Tx&) -> Result<json> {
                  c.checked_by = actor.id;
                  TRY(Check(core::CheckBackdoor(c, i, org)));
                  // An answer for the whole system names the hosts it vouches for.
                  c.hosts.clear();
                  if (const core::InfoSystem* s = org.FindSystem(c.system); c.host.empty() && s) {
                    for (const core::Host& h : s->hosts) c.hosts.push_back(h.name);
                  }
                  auto it = std::find_if(i.backdoor_checks.begin(), i.backdoor_checks.end(),
                                         [&](const core::BackdoorCheck& x) {
                                           return x.system == c.system && x.host == c.host &&
                                                  x.item == c.item;
                                         });
                  if (it == i.backdoor_checks.end()) {
                    i.backdoor_checks.push_back(c);
                  } else {
                    *it = c;
                  }
                  json body = {{"system", c.system},
                               {"item", core::kBackdoorItems.Name(c.item)},
                               {"result", core::kCheckResults.Name(c.result)},
                               {"at", c.at}};
                  if (!c.host.empty()) body["host"] = c.host;
                  if (!c.hosts.empty()) body["hosts"] = c.hosts;
                  return body;
                });
}

Result<IncidentView> IncidentService::Transition(const std::string& key, core::IncidentState to,
                                                 const std::string& reason, const Actor& actor,
                                                 const std::string& at_given) {
  ASSIGN_OR_RETURN(std::string at, core::EventTime(at_given, "/at", ctx_.clock().Now()));
  Timestamp when = *ParseRfc3339(at);
  // Closing, and reopening a closed incident, need the close permission.
  auto permission = [to](const core::Incident& current) {
    bool closing = to == core::IncidentState::kClosed || !current.IsOpen();
    return std::vector<core::IncidentAction>{closing ? core::IncidentAction::kClose
                                                     : core::IncidentAction::kTransition};
  };
  return Mutate(key, actor, "incident.transition", permission,
                [&](core::Incident& i, const core::Organization& org, store::Tx&) -> Result<json> {
                  std::string from(core::kIncidentStates.Name(i.state));
                  TRY(core::Transition(i, to, actor.id, when, reason, &org));
                  json body = {{"from", from}, {"to", core::kIncidentStates.Name(to)}, {"at", at}};
                  if (!reason.empty()) body["reason"] = reason;
                  return body;
                });
}

Result<IncidentView> IncidentService::File(const std::string& key, core::Filing f,
                                           const Actor& actor) {
  std::string now = FormatRfc3339(ctx_.clock().Now());
  if (!f.waived || !f.filed_at.empty()) {
    ASSIGN_OR_RETURN(f.filed_at, core::EventTime(f.filed_at, "/filed_at", ctx_.clock().Now()));
  }
  return Mutate(
      key, actor, "incident.filing", core::IncidentAction::kContact,
      [&](core::Incident& i, const core::Organization& org, store::Tx&) -> Result<json> {
        f.id = NextId(i.filings);
        f.by = actor.id;
        f.recorded_at = now;
        TRY(Check(core::CheckFiling(f, i, org)));
        // G4.3.2c: only the committee decides that a duty is not filed.
        if (f.waived && !actor.principal.is_operator && !core::IsCommittee(org, actor.id)) {
          return Fail(ErrorCode::kForbidden, Msg("filing.waive_committee"), "/waived");
        }
        i.filings.push_back(f);
        return json{{"filing", f.id}, {"obligation", f.obligation}, {"waived", f.waived}};
      });
}

}  // namespace sokuo::app
