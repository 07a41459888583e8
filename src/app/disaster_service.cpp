#include "app/disaster_service.h"

#include <algorithm>

#include "app/notices.h"
#include "app/service_util.h"
#include "app/witness.h"
#include "core/incident_rules.h"
#include "core/recovery_plan.h"
#include "report/disaster_report.h"
#include "store/disaster_rows.h"

namespace sokuo::app {
namespace {

using nlohmann::json;

Message NoDisaster(const std::string& key) { return Msg("disaster.not_found", {{"key", key}}); }

Result<void> Allow(const Actor& actor, core::DisasterAction action, const core::Disaster& d,
                   const core::Organization& org, const std::string& department = {},
                   const std::string& person = {}) {
  if (core::CanDoDisaster(actor.principal, action, d, org, department, person)) return {};
  return Fail(ErrorCode::kForbidden, Msg("disaster.step_forbidden", {{"key", d.key}}));
}

std::string DisasterPage(const std::string& key) { return "#/disasters/" + key; }

// G5.2.3: who is asked for the roll call: the heads of the affected departments, or of every
// department but the committee when the disaster names none.
std::vector<std::string> RollCallPeople(const core::Disaster& d, const core::Organization& org) {
  std::vector<std::string> out;
  for (const core::Department& dept : org.departments) {
    bool affected = d.departments.empty() ? dept.kind != core::DepartmentKind::kCommittee
                                          : std::find(d.departments.begin(), d.departments.end(),
                                                      dept.id) != d.departments.end();
    if (affected) AddUnique(out, dept.head);
  }
  return out;
}

// What the messages about a disaster say.
Result<MessageParams> Facts(const core::Disaster& d, const core::Organization& org,
                            const Actor& actor) {
  ASSIGN_OR_RETURN(Calendar calendar, Calendar::Create(org.company.time_zone));
  std::string sites;
  for (const auto& s : d.sites) sites += (sites.empty() ? "" : ", ") + s;
  return MessageParams{{"key", d.key},
                       {"title", d.title},
                       {"kind", std::string(core::kDisasterKinds.Name(d.kind))},
                       {"sites", sites.empty() ? "-" : sites},
                       {"summary", d.summary},
                       {"by", PersonName(org, actor.id)},
                       {"at", calendar.FormatLocal(d.declared_at)}};
}

// G5.2.3: `heads` are asked who of theirs can work, with a link to the roll-call form.
Result<void> AskRollCall(store::Tx& tx, const core::Organization& org, const core::Disaster& d,
                         const MessageParams& facts, const std::vector<std::string>& heads,
                         Timestamp now) {
  if (heads.empty()) return {};
  TRY(QueueNotice(tx, org,
                  {.kind = "disaster.roll_call",
                   .subject = d.key,
                   .to = heads,
                   .title = Msg("notice.roll_call.title", facts),
                   .body = Msg("notice.roll_call.body", facts),
                   .page = DisasterPage(d.key) + "/rollcall"},
                  now));
  return {};
}

// G5.2.2: the committee and the IS department hear of the disaster; G5.2.3: the department heads
// are asked for the roll call.
Result<void> TellDeclared(store::Tx& tx, const core::Organization& org, const core::Disaster& d,
                          const Actor& actor, Timestamp now) {
  ASSIGN_OR_RETURN(MessageParams facts, Facts(d, org, actor));
  std::vector<std::string> told = core::IsDepartmentPeople(org);
  for (const auto& p : org.people) {
    if (core::IsCommittee(org, p.id)) AddUnique(told, p.id);
  }
  std::erase(told, actor.id);
  if (!told.empty()) {
    TRY(QueueNotice(tx, org,
                    {.kind = "disaster.declared",
                     .subject = d.key,
                     .to = told,
                     .title = Msg("notice.disaster.title", facts),
                     .body = Msg("notice.disaster.body", facts),
                     .page = DisasterPage(d.key)},
                    now));
  }
  return AskRollCall(tx, org, d, facts, RollCallPeople(d, org), now);
}

// A record of the disaster cannot have happened before the disaster did.
Result<void> NotBeforeDeclared(const core::Disaster& d, const std::string& at,
                               const std::string& where) {
  auto when = ParseRfc3339(at);
  auto start = ParseRfc3339(d.declared_at);
  if (when && start && *when < *start) {
    return Fail(ErrorCode::kInvalidInput, Msg("disaster.before_declared", {{"at", d.declared_at}}),
                where);
  }
  return {};
}

// A time that is not an event (an ETA, an expiry, from when someone can work), kept in UTC as
// every time is; left as it is when it does not read (the record's check says so).
void ToUtc(std::string& time) {
  if (auto t = ParseRfc3339(time)) time = FormatRfc3339(*t);
}

// The plan of `d` as of `now`, as a version to keep (G5.2.6).
Result<core::PlanVersion> PlanOf(const core::Disaster& d, const core::Organization& org,
                                 Timestamp now, const std::string& cause) {
  ASSIGN_OR_RETURN(Calendar calendar, core::CompanyCalendar(org));
  core::PlanInput input = core::DisasterPlanInput(d, org, now, calendar);
  RecoveryPlanView view = MakePlanView(d.key, core::PlanRecovery(input), input, org, now);
  core::PlanVersion v{.id = NextId(d.plans), .at = view.as_of, .cause = cause};
  for (const PlanStepView& s : view.steps) {
    v.steps.push_back({.system = s.planned.id,
                       .start_at = s.start_at,
                       .finish_at = s.finish_at,
                       .worker = s.planned.worker,
                       .rto_met = s.planned.rto_met});
  }
  v.unplanned = view.unplanned;
  return v;
}

Timestamp Minute(Timestamp t) { return std::chrono::floor<std::chrono::minutes>(t); }

}  // namespace

DisasterView DisasterService::View(core::Disaster d, const core::Organization& org) const {
  Timestamp now = ctx_.clock().Now();
  DisasterView v;
  v.survey_matrix = core::SurveyMatrix(d, org);
  v.media = core::MediaSurvey(d, org);
  v.staff = core::StaffView(d, org, now);
  v.outlook = core::Outlook(d, org);
  v.active_exemptions = core::ActiveExemptions(d, now);
  if (d.IsOpen()) v.close_blocks = core::CloseCheck(d, org);
  v.disaster = std::move(d);
  return v;
}

Result<DisasterView> DisasterService::Mutate(const std::string& key, const Actor& actor,
                                             const std::string& action, bool replan,
                                             const Change& change) {
  std::optional<core::Disaster> after;
  std::shared_ptr<const core::Organization> snapshot;
  TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(snapshot, ctx_.OrganizationIn(tx));
    const core::Organization& org = *snapshot;
    ASSIGN_OR_RETURN(std::optional<core::Disaster> loaded, store::LoadDisaster(tx, key));
    if (!loaded) return Fail(ErrorCode::kNotFound, NoDisaster(key));
    if (!loaded->IsOpen()) {
      return Fail(ErrorCode::kConflict, Msg("disaster.already_closed", {{"key", key}}), "/state");
    }
    ASSIGN_OR_RETURN(json body, change(*loaded, org, tx));
    if (replan) {
      ASSIGN_OR_RETURN(core::PlanVersion v,
                       PlanOf(*loaded, org, Minute(ctx_.clock().Now()), action));
      body["plan_version"] = v.id;
      loaded->plans.push_back(std::move(v));
    }
    TRY(store::SaveDisaster(tx, *loaded));
    ASSIGN_OR_RETURN(store::JournalEntry entry, tx.Append({.at = ctx_.clock().Now(),
                                                           .actor = actor.id,
                                                           .action = action,
                                                           .subject = key,
                                                           .body = std::move(body)}));
    // G4.4.3: a closing sends the head, its own entry, to the witnesses (app/witness.h).
    if (!loaded->IsOpen()) {
      TRY(QueueWitness(tx, org, {entry.seq, entry.hash}, "disaster.close " + key, "system",
                       ctx_.clock().Now()));
    }
    after = std::move(loaded);
    return {};
  }));
  return View(std::move(*after), *snapshot);
}

Result<DisasterView> DisasterService::Declare(const DeclareInput& in, const Actor& actor) {
  ASSIGN_OR_RETURN(std::string at, core::EventTime(in.at, "/at", ctx_.clock().Now()));
  std::optional<core::Disaster> created;
  std::shared_ptr<const core::Organization> snapshot;
  TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(snapshot, ctx_.OrganizationIn(tx));
    const core::Organization& org = *snapshot;
    core::Disaster d{.kind = in.kind,
                     .title = in.title,
                     .summary = in.summary,
                     .sites = in.sites,
                     .areas = in.areas,
                     .departments = in.departments,
                     .declared_by = actor.id,
                     .declared_at = at};
    TRY(Allow(actor, core::DisasterAction::kDeclare, d, org));
    TRY(Check(core::CheckDisasterHeader(d, org)));
    ASSIGN_OR_RETURN(Calendar calendar, Calendar::Create(org.company.time_zone));
    d.year = static_cast<int>(calendar.LocalDay(ctx_.clock().Now()).year());
    ASSIGN_OR_RETURN(d.number, store::NextDisasterNumber(tx, d.year));
    d.key = core::DisasterKey(d.year, d.number);
    ASSIGN_OR_RETURN(core::PlanVersion v,
                     PlanOf(d, org, Minute(ctx_.clock().Now()), "disaster.declare"));
    d.plans.push_back(std::move(v));
    TRY(store::SaveDisaster(tx, d));
    TRY(TellDeclared(tx, org, d, actor, ctx_.clock().Now()));
    TRY(tx.Append({.at = ctx_.clock().Now(),
                   .actor = actor.id,
                   .action = "disaster.declare",
                   .subject = d.key,
                   .body = {{"title", d.title},
                            {"kind", core::kDisasterKinds.Name(d.kind)},
                            {"at", d.declared_at},
                            {"plan_version", 1}}}));
    created = std::move(d);
    return {};
  }));
  return View(std::move(*created), *snapshot);
}

Result<DisasterView> DisasterService::Update(const std::string& key, const DisasterUpdate& in,
                                             const Actor& actor) {
  return Mutate(
      key, actor, "disaster.update", false,
      [&](core::Disaster& d, const core::Organization& org, store::Tx& tx) -> Result<json> {
        TRY(Allow(actor, core::DisasterAction::kUpdate, d, org));
        std::vector<std::string> asked = RollCallPeople(d, org);
        json fields = json::array();
        auto set = [&](auto& field, const auto& value, const char* name) {
          if (value) {
            field = *value;
            fields.push_back(name);
          }
        };
        set(d.kind, in.kind, "kind");
        set(d.title, in.title, "title");
        set(d.summary, in.summary, "summary");
        set(d.sites, in.sites, "sites");
        set(d.areas, in.areas, "areas");
        set(d.departments, in.departments, "departments");
        TRY(Check(core::CheckDisasterHeader(d, org)));
        // G5.2.3: the heads of departments now affected are asked too.
        std::vector<std::string> heads = RollCallPeople(d, org);
        std::erase_if(heads, [&](const std::string& h) {
          return std::find(asked.begin(), asked.end(), h) != asked.end();
        });
        ASSIGN_OR_RETURN(MessageParams facts, Facts(d, org, actor));
        TRY(AskRollCall(tx, org, d, facts, heads, ctx_.clock().Now()));
        return json{{"fields", fields}};
      });
}

Result<DisasterView> DisasterService::RollCall(const std::string& key, core::Availability a,
                                               const Actor& actor) {
  ASSIGN_OR_RETURN(a.at, core::EventTime(a.at, "/at", ctx_.clock().Now()));
  a.recorded_by = actor.id;
  return Mutate(key, actor, "disaster.rollcall", true,
                [&](core::Disaster& d, const core::Organization& org, store::Tx&) -> Result<json> {
                  // Who may answer for the person follows where they work as recorded, never the
                  // department this answer claims.
                  const core::Availability* latest = core::LatestAvailability(d, a.person);
                  TRY(Allow(actor, core::DisasterAction::kRollCall, d, org,
                            latest != nullptr ? latest->department : "", a.person));
                  TRY(Check(core::CheckAvailability(a, org)));
                  TRY(NotBeforeDeclared(d, a.at, "/at"));
                  ToUtc(a.from);
                  d.roll_call.push_back(a);
                  return json{{"person", a.person}, {"can_work", a.can_work}, {"at", a.at}};
                });
}

Result<DisasterView> DisasterService::Survey(const std::string& key,
                                             std::vector<core::SurveyEntry> entries,
                                             const Actor& actor) {
  if (entries.empty()) {
    return Fail(ErrorCode::kInvalidInput, Msg("disaster.survey_empty"), "/entries");
  }
  for (size_t k = 0; k < entries.size(); ++k) {
    std::string where = "/entries/" + std::to_string(k) + "/at";
    ASSIGN_OR_RETURN(entries[k].at, core::EventTime(entries[k].at, where, ctx_.clock().Now()));
    if (entries[k].surveyed_by.empty()) entries[k].surveyed_by = actor.id;
  }
  return Mutate(key, actor, "disaster.survey", true,
                [&](core::Disaster& d, const core::Organization& org, store::Tx&) -> Result<json> {
                  std::vector<Detail> problems;
                  json items = json::array();
                  for (size_t k = 0; k < entries.size(); ++k) {
                    const core::SurveyEntry& e = entries[k];
                    TRY(Allow(actor, core::DisasterAction::kSurvey, d, org, e.department));
                    // A system's or medium's state is its owner's to survey (or IS's, the
                    // committee's).
                    std::string owner;
                    if (const core::InfoSystem* s = org.FindSystem(e.target);
                        s != nullptr && e.item == core::SurveyItem::kSystems) {
                      owner = s->owner;
                    }
                    for (const auto& m : org.media) {
                      if (m.id == e.target && e.item == core::SurveyItem::kConfidentialMedia)
                        owner = m.owner;
                    }
                    if (!owner.empty() && owner != e.department) {
                      TRY(Allow(actor, core::DisasterAction::kSurvey, d, org, owner));
                    }
                    TRY(NotBeforeDeclared(d, e.at, "/entries/" + std::to_string(k) + "/at"));
                    for (Detail& p : core::CheckSurveyEntry(e, org)) {
                      p.where = "/entries/" + std::to_string(k) + p.where;
                      problems.push_back(std::move(p));
                    }
                    items.push_back({{"department", e.department},
                                     {"item", core::kSurveyItems.Name(e.item)},
                                     {"status", core::kSurveyStatuses.Name(e.status)}});
                  }
                  TRY(Check(std::move(problems)));
                  d.survey.insert(d.survey.end(), entries.begin(), entries.end());
                  return json{{"entries", items}};
                });
}

Result<DisasterView> DisasterService::Progress(const std::string& key, core::SystemProgress p,
                                               const Actor& actor) {
  ASSIGN_OR_RETURN(p.at, core::EventTime(p.at, "/at", ctx_.clock().Now()));
  p.by = actor.id;
  return Mutate(key, actor, "disaster.progress", true,
                [&](core::Disaster& d, const core::Organization& org, store::Tx&) -> Result<json> {
                  const core::InfoSystem* system = org.FindSystem(p.system);
                  TRY(Allow(actor, core::DisasterAction::kProgress, d, org,
                            system != nullptr ? system->owner : ""));
                  TRY(Check(core::CheckProgress(p, org)));
                  TRY(NotBeforeDeclared(d, p.at, "/at"));
                  ToUtc(p.eta);
                  d.progress.push_back(p);
                  if (d.state == core::DisasterState::kDeclared) {
                    d.state = core::DisasterState::kRecovering;
                  }
                  return json{{"system", p.system},
                              {"status", core::kRecoveryStatuses.Name(p.status)},
                              {"at", p.at}};
                });
}

Result<DisasterView> DisasterService::Decide(const std::string& key, core::Decision d,
                                             const Actor& actor) {
  ASSIGN_OR_RETURN(d.decided_at, core::EventTime(d.decided_at, "/decided_at", ctx_.clock().Now()));
  return Mutate(
      key, actor, "disaster.decision", false,
      [&](core::Disaster& x, const core::Organization& org, store::Tx& tx) -> Result<json> {
        TRY(Allow(actor, core::DisasterAction::kDecide, x, org));
        d.id = NextId(x.decisions);
        d.recorded_by = actor.id;
        TRY(Check(core::CheckDecision(d, org)));
        TRY(NotBeforeDeclared(x, d.decided_at, "/decided_at"));
        x.decisions.push_back(d);
        // G3.1: the departments the committee instructs hear of it from sokuo too.
        if (d.kind == core::DecisionKind::kInstruction) {
          TRY(QueueNotice(
              tx, org,
              {.kind = "disaster.decision",
               .subject = x.key,
               .to = Responsible(org, d.departments),
               .title = Msg("notice.decision.title", {{"key", x.key}, {"title", x.title}}),
               .body = Msg("notice.decision.body", {{"key", x.key},
                                                    {"title", x.title},
                                                    {"text", d.text},
                                                    {"by", PersonName(org, d.decided_by)}}),
               .page = DisasterPage(x.key)},
              ctx_.clock().Now()));
        }
        return json{{"decision", d.id}, {"at", d.decided_at}};
      });
}

Result<DisasterView> DisasterService::AddContact(const std::string& key, core::ContactLog c,
                                                 const Actor& actor) {
  ASSIGN_OR_RETURN(c.at, core::EventTime(c.at, "/at", ctx_.clock().Now()));
  return Mutate(key, actor, "disaster.contact", false,
                [&](core::Disaster& x, const core::Organization& org, store::Tx&) -> Result<json> {
                  TRY(Allow(actor, core::DisasterAction::kContact, x, org));
                  c.id = NextId(x.contacts);
                  if (c.by.empty()) c.by = actor.id;
                  TRY(Check(core::CheckContact(c, x.decisions, org)));
                  TRY(NotBeforeDeclared(x, c.at, "/at"));
                  x.contacts.push_back(c);
                  return json{{"contact", c.id}, {"at", c.at}};
                });
}

Result<DisasterView> DisasterService::AddTask(const std::string& key, core::Task t,
                                              const Actor& actor) {
  std::string now = FormatRfc3339(ctx_.clock().Now());
  ASSIGN_OR_RETURN(t.at, core::EventTime(t.at, "/at", ctx_.clock().Now()));
  t.status_at = t.at;
  return Mutate(key, actor, "disaster.task", false,
                [&](core::Disaster& d, const core::Organization& org, store::Tx&) -> Result<json> {
                  TRY(Allow(actor, core::DisasterAction::kTask, d, org));
                  t.id = NextId(d.tasks);
                  t.created_at = now;
                  t.updated_at = now;
                  TRY(Check(core::CheckTask(t, org)));
                  TRY(NotBeforeDeclared(d, t.at, "/at"));
                  ToUtc(t.due);
                  d.tasks.push_back(t);
                  return json{{"task", t.id}, {"at", t.at}};
                });
}

Result<DisasterView> DisasterService::UpdateTask(const std::string& key, int id,
                                                 const TaskUpdate& in, const Actor& actor) {
  std::string now = FormatRfc3339(ctx_.clock().Now());
  ASSIGN_OR_RETURN(std::string at, core::EventTime(in.at, "/at", ctx_.clock().Now()));
  return Mutate(
      key, actor, "disaster.task.update", false,
      [&](core::Disaster& d, const core::Organization& org, store::Tx&) -> Result<json> {
        TRY(Allow(actor, core::DisasterAction::kTask, d, org));
        auto it = std::find_if(d.tasks.begin(), d.tasks.end(),
                               [&](const core::Task& t) { return t.id == id; });
        if (it == d.tasks.end()) {
          return Fail(ErrorCode::kNotFound,
                      Msg("task.not_found", {{"id", std::to_string(id)}, {"key", key}}));
        }
        ApplyTaskUpdate(*it, in, at, now);
        TRY(Check(core::CheckTask(*it, org)));
        return json{{"task", id}, {"status", core::kTaskStatuses.Name(it->status)}, {"at", at}};
      });
}

Result<DisasterView> DisasterService::AskVendor(const std::string& key, core::VendorRequest r,
                                                const Actor& actor) {
  ASSIGN_OR_RETURN(r.asked_at, core::EventTime(r.asked_at, "/asked_at", ctx_.clock().Now()));
  r.at = r.asked_at;
  r.by = actor.id;
  r.state = core::VendorRequestState::kAsked;
  return Mutate(key, actor, "disaster.vendor", true,
                [&](core::Disaster& d, const core::Organization& org, store::Tx&) -> Result<json> {
                  TRY(Allow(actor, core::DisasterAction::kTask, d, org));
                  r.id = NextId(d.vendor_requests);
                  if (const core::ExternalContact* c = org.FindContact(r.vendor)) {
                    ASSIGN_OR_RETURN(Calendar calendar, Calendar::Create(org.company.time_zone));
                    r.under_contract =
                        core::UnderContract(*c, calendar.LocalDay(*ParseRfc3339(r.at)));
                  }
                  TRY(Check(core::CheckVendorRequest(r, org)));
                  TRY(NotBeforeDeclared(d, r.asked_at, "/asked_at"));
                  d.vendor_requests.push_back(r);
                  return json{{"vendor_request", r.id}, {"vendor", r.vendor}, {"at", r.at}};
                });
}

Result<DisasterView> DisasterService::UpdateVendor(const std::string& key, int id,
                                                   const VendorUpdate& in, const Actor& actor) {
  if (!in.state && !in.answer && !in.eta) {
    return Fail(ErrorCode::kInvalidInput, Msg("disaster.nothing_to_change"), "/state");
  }
  ASSIGN_OR_RETURN(std::string at, core::EventTime(in.at, "/at", ctx_.clock().Now()));
  return Mutate(
      key, actor, "disaster.vendor.update", true,
      [&](core::Disaster& d, const core::Organization& org, store::Tx&) -> Result<json> {
        TRY(Allow(actor, core::DisasterAction::kTask, d, org));
        auto it = std::find_if(d.vendor_requests.begin(), d.vendor_requests.end(),
                               [&](const core::VendorRequest& r) { return r.id == id; });
        if (it == d.vendor_requests.end()) {
          return Fail(ErrorCode::kNotFound, Msg("disaster.vendor_request_not_found",
                                                {{"id", std::to_string(id)}, {"key", key}}));
        }
        if (in.state) it->state = *in.state;
        if (in.answer) it->answer = *in.answer;
        if (in.eta) it->eta = *in.eta;
        it->by = actor.id;
        it->at = at;
        TRY(Check(core::CheckVendorRequest(*it, org)));
        if (auto asked = ParseRfc3339(it->asked_at); asked && *ParseRfc3339(at) < *asked) {
          return Fail(ErrorCode::kInvalidInput,
                      Msg("disaster.before_asked", {{"at", it->asked_at}}), "/at");
        }
        ToUtc(it->eta);
        return json{{"vendor_request", id},
                    {"state", core::kVendorRequestStates.Name(it->state)},
                    {"at", at}};
      });
}

Result<DisasterView> DisasterService::Exempt(const std::string& key, core::Exemption x,
                                             const Actor& actor) {
  ASSIGN_OR_RETURN(x.at, core::EventTime(x.at, "/at", ctx_.clock().Now()));
  if (x.decided_by.empty()) x.decided_by = actor.id;
  return Mutate(
      key, actor, "disaster.exemption", false,
      [&](core::Disaster& d, const core::Organization& org, store::Tx&) -> Result<json> {
        TRY(Allow(actor, core::DisasterAction::kExempt, d, org));
        x.id = NextId(d.exemptions);
        TRY(Check(core::CheckExemption(x, org)));
        TRY(NotBeforeDeclared(d, x.at, "/at"));
        ToUtc(x.expires_at);
        d.exemptions.push_back(x);
        return json{
            {"exemption", x.id}, {"rule", x.rule}, {"expires_at", x.expires_at}, {"at", x.at}};
      });
}

Result<DisasterView> DisasterService::Close(const std::string& key, const std::string& reason,
                                            const std::string& at, const Actor& actor) {
  ASSIGN_OR_RETURN(std::string when, core::EventTime(at, "/at", ctx_.clock().Now()));
  return Mutate(key, actor, "disaster.close", false,
                [&](core::Disaster& d, const core::Organization& org, store::Tx&) -> Result<json> {
                  TRY(Allow(actor, core::DisasterAction::kClose, d, org));
                  TRY(NotBeforeDeclared(d, when, "/at"));
                  TRY(core::CloseDisaster(d, org, actor.id, *ParseRfc3339(when), reason));
                  json body{{"at", d.closed_at}};
                  if (!reason.empty()) body["reason"] = reason;
                  return body;
                });
}

Result<DisasterView> DisasterService::Get(const std::string& key, const Actor&) {
  ASSIGN_OR_RETURN(auto org, ctx_.Organization());
  ASSIGN_OR_RETURN(std::optional<core::Disaster> d, store::LoadDisaster(ctx_.store(), key));
  if (!d) return Fail(ErrorCode::kNotFound, NoDisaster(key));
  return View(std::move(*d), *org);
}

Result<std::string> DisasterService::ReportHtml(const std::string& key, const Actor& actor,
                                                Lang lang) {
  ASSIGN_OR_RETURN(report::Stamp stamp, ctx_.Stamp());
  ASSIGN_OR_RETURN(DisasterView view, Get(key, actor));
  ASSIGN_OR_RETURN(auto org, ctx_.Organization());
  ASSIGN_OR_RETURN(Calendar calendar, core::CompanyCalendar(*org));
  return report::DisasterReportHtml(view.disaster, stamp, *org, calendar, lang);
}

Result<Page<core::Disaster>> DisasterService::List(const DisasterFilter& f, PageRequest page,
                                                   const Actor&) {
  ASSIGN_OR_RETURN(std::vector<core::Disaster> all, store::LoadDisasterHeaders(ctx_.store()));
  return Paginate(std::move(all), page, [&](const core::Disaster& d) {
    if (f.open_only && !d.IsOpen()) return false;
    return !f.state || d.state == *f.state;
  });
}

Result<RecoveryPlanView> DisasterService::Plan(const std::string& key, const Actor& actor) {
  ASSIGN_OR_RETURN(DisasterView view, Get(key, actor));
  ASSIGN_OR_RETURN(auto org, ctx_.Organization());
  ASSIGN_OR_RETURN(Calendar calendar, core::CompanyCalendar(*org));
  Timestamp now = Minute(ctx_.clock().Now());
  core::PlanInput input = core::DisasterPlanInput(view.disaster, *org, now, calendar);
  return MakePlanView(key, core::PlanRecovery(input), input, *org, now);
}

Result<std::vector<NoticeView>> DisasterService::Notifications(const std::string& key,
                                                               const Actor& actor) {
  TRY(Get(key, actor));
  return NoticesAbout(ctx_.store(), key);
}

}  // namespace sokuo::app
