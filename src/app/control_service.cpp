#include "app/control_service.h"

#include <map>

#include "app/authorization.h"
#include "app/notices.h"
#include "app/service_util.h"
#include "codec/control_json.h"
#include "store/control_rows.h"

namespace sokuo::app {
namespace {

// Occurrences made per control in one tick: a server that was off for years catches up over a
// few ticks instead of in one long transaction.
constexpr size_t kCatchUpPerTick = 400;

std::string Bilingual(const std::string& name, const std::string& name_en) {
  return name_en.empty() ? name : name + " (" + name_en + ")";
}

Error NoOccurrence(const std::string& id) {
  return Error{.code = ErrorCode::kNotFound,
               .msg = Msg("control.occurrence_not_found", {{"id", id}})};
}

OccurrenceView ViewOf(core::ControlOccurrence o, Timestamp now) {
  core::OccurrenceState state = core::StateAt(o, now);
  return {std::move(o), state};
}

// The people told that a control is overdue: its department's head, else whoever answers for
// the department (service_util.h), else the IS department's head.
std::vector<std::string> OverdueRecipients(const core::Organization& org, const core::Control& c) {
  std::vector<std::string> to = Responsible(org, {c.department});
  if (!to.empty()) return to;
  for (const core::Department& d : org.departments) {
    if (d.kind == core::DepartmentKind::kIt && !d.head.empty()) to.push_back(d.head);
  }
  return to;
}

}  // namespace

Result<const core::Control*> ControlToRecord(const core::Organization& org,
                                             const core::ControlOccurrence& o, const Actor& actor) {
  const core::Control* c = org.FindControl(o.control);
  if (c == nullptr) {
    return Fail(ErrorCode::kNotFound, Msg("control.not_found", {{"id", o.control}}));
  }
  if (!core::CanRecordControl(actor.principal, *c, org)) {
    return Fail(ErrorCode::kForbidden, Msg("control.forbidden"));
  }
  return c;
}

Result<ControlTickReport> ControlService::Tick(Timestamp now) {
  ControlTickReport report;
  ASSIGN_OR_RETURN(auto org, ctx_.Organization());
  ASSIGN_OR_RETURN(report.scheduled, Schedule(*org, now));
  ASSIGN_OR_RETURN(report.escalated, Escalate(now));
  return report;
}

Result<int> ControlService::Schedule(const core::Organization& org, Timestamp now) {
  int made = 0;
  for (const core::Control& c : org.controls) {
    TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
      ASSIGN_OR_RETURN(std::optional<Timestamp> latest, store::LatestStart(tx, c.id));
      // A schedule that does not read was refused when the file was imported; skip it.
      auto due = core::OccurrencesDue(c, org, latest, now, kCatchUpPerTick);
      if (!due || due->empty()) return {};
      codec::Json ids = codec::Json::array();
      for (const core::ControlOccurrence& o : *due) {
        TRY(store::SaveOccurrence(tx, o));
        ids.push_back(o.id);
      }
      made += static_cast<int>(due->size());
      TRY(tx.Append({.at = now,
                     .actor = "system",
                     .action = "control.scheduled",
                     .subject = "control:" + c.id,
                     .body = {{"occurrences", ids}}}));
      return {};
    }));
  }
  return made;
}

Result<int> ControlService::Escalate(Timestamp now) {
  int escalated = 0;
  TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(auto org, ctx_.OrganizationIn(tx));
    ASSIGN_OR_RETURN(auto open, store::LoadOpenOccurrences(tx));
    std::map<std::string, std::vector<core::ControlOccurrence>> overdue;  // control → occurrences
    for (core::ControlOccurrence& o : open) {
      if (o.escalated_at.empty() && core::StateAt(o, now) == core::OccurrenceState::kOverdue &&
          org->FindControl(o.control) != nullptr) {
        overdue[o.control].push_back(std::move(o));
      }
    }
    if (overdue.empty()) return {};
    ASSIGN_OR_RETURN(Calendar calendar, core::CompanyCalendar(*org));
    codec::Json ids = codec::Json::array();
    for (auto& [control, list] : overdue) {
      const core::Control& c = *org->FindControl(control);
      for (core::ControlOccurrence& o : list) {
        o.escalated_at = FormatRfc3339(now);
        TRY(store::SaveOccurrence(tx, o));
        ids.push_back(o.id);
      }
      const core::Department* d = org->FindDepartment(c.department);
      MessageParams facts = {{"control", Bilingual(c.name, c.name_en)},
                             {"department", d ? Bilingual(d->name, d->name_en) : c.department},
                             {"count", std::to_string(list.size())},
                             {"start", calendar.FormatLocal(list.front().starts_at)},
                             {"due", calendar.FormatLocal(list.back().due_at)}};
      TRY(QueueNotice(tx, *org,
                      {.kind = "control.overdue",
                       .subject = "control:" + c.id,
                       .to = OverdueRecipients(*org, c),
                       .title = Msg("notice.control_overdue.title", facts),
                       .body = Msg("notice.control_overdue.body", facts),
                       .page = "#/controls/" + c.id},
                      now));
      ++escalated;
    }
    TRY(tx.Append({.at = now,
                   .actor = "system",
                   .action = "control.overdue",
                   .subject = "controls",
                   .body = {{"occurrences", ids}}}));
    return {};
  }));
  return escalated;
}

Result<std::vector<ControlSummary>> ControlService::Catalog(const Actor& actor) {
  TRY(Authorize(actor, Permission::kAuthenticated));
  ASSIGN_OR_RETURN(auto org, ctx_.Organization());
  ASSIGN_OR_RETURN(auto all, store::LoadOccurrences(ctx_.store()));
  Timestamp now = ctx_.clock().Now();
  std::vector<ControlSummary> out;
  for (const core::Control& c : org->controls) {
    ControlSummary s{.control = c};
    if (auto next = core::NextStartOf(c, *org, now)) s.next_start = FormatRfc3339(*next);
    for (const core::ControlOccurrence& o : all) {
      if (o.control != c.id) continue;
      switch (core::StateAt(o, now)) {
        case core::OccurrenceState::kOpen:
          ++s.open;
          break;
        case core::OccurrenceState::kOverdue:
          ++s.overdue;
          break;
        default:
          s.last_done_at = std::max(s.last_done_at, o.done_at);
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

Result<Page<OccurrenceView>> ControlService::Occurrences(const OccurrenceFilter& filter,
                                                         PageRequest page, const Actor& actor) {
  TRY(Authorize(actor, Permission::kAuthenticated));
  ASSIGN_OR_RETURN(auto org, ctx_.Organization());
  ASSIGN_OR_RETURN(auto all, store::LoadOccurrences(ctx_.store(), filter.control));
  Timestamp now = ctx_.clock().Now();
  std::vector<OccurrenceView> views;
  views.reserve(all.size());
  for (auto it = all.rbegin(); it != all.rend(); ++it) views.push_back(ViewOf(std::move(*it), now));
  return Paginate(std::move(views), page, [&](const OccurrenceView& v) {
    const core::ControlOccurrence& o = v.occurrence;
    const core::Control* c = org->FindControl(o.control);
    if (!filter.department.empty() && (c == nullptr || c->department != filter.department)) {
      return false;
    }
    if (filter.state && v.state != *filter.state) return false;
    if (filter.pending && o.done) return false;
    if (!filter.from.empty() && o.starts_at < filter.from) return false;
    if (!filter.to.empty() && o.starts_at >= filter.to) return false;
    return true;
  });
}

Result<OccurrenceView> ControlService::Get(const std::string& id, const Actor& actor) {
  TRY(Authorize(actor, Permission::kAuthenticated));
  ASSIGN_OR_RETURN(auto o, store::LoadOccurrence(ctx_.store(), id));
  if (!o) return Fail(NoOccurrence(id));
  return ViewOf(std::move(*o), ctx_.clock().Now());
}

Result<std::string> ControlService::Resolve(const std::string& text, Latest which) {
  if (text.find('/') != std::string::npos) return text;
  ASSIGN_OR_RETURN(auto all, store::LoadOccurrences(ctx_.store(), text));
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    bool fits = which == Latest::kAny || (which == Latest::kNotDone && !it->done) ||
                (which == Latest::kFindings && it->done &&
                 it->result == core::ControlResult::kFindings && it->incident.empty());
    if (fits) return it->id;
  }
  return Fail(NoOccurrence(text));
}

Result<OccurrenceView> ControlService::Complete(const std::string& id,
                                                const core::ControlCompletion& in,
                                                const Actor& actor) {
  TRY(Authorize(actor, Permission::kReport));
  Timestamp now = ctx_.clock().Now();
  core::ControlOccurrence done;
  TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(auto org, ctx_.OrganizationIn(tx));
    ASSIGN_OR_RETURN(auto o, store::LoadOccurrence(tx, id));
    if (!o) return Fail(NoOccurrence(id));
    ASSIGN_OR_RETURN(const core::Control* c, ControlToRecord(*org, *o, actor));
    if (c->source == "clamav") {
      return Fail(ErrorCode::kConflict, Msg("control.by_scan", {{"id", id}}));
    }
    if (o->done) return Fail(ErrorCode::kConflict, Msg("control.already_done", {{"id", id}}));
    TRY(Check(core::CheckCompletion(*c, *o, in, now)));
    o->done = true;
    o->result = in.result;
    o->note = in.note;
    o->evidence = in.evidence;
    ASSIGN_OR_RETURN(o->done_at, core::EventTime(in.done_at, "/done_at", now));
    o->done_by = actor.id;
    o->recorded_at = FormatRfc3339(now);
    TRY(store::SaveOccurrence(tx, *o));
    TRY(tx.Append({.at = now,
                   .actor = actor.id,
                   .action = "control.done",
                   .subject = "control:" + c->id,
                   .body = codec::ToJson(*o)}));
    done = std::move(*o);
    return {};
  }));
  return ViewOf(std::move(done), now);
}

Result<IncidentView> ControlService::OpenIncident(const std::string& id, const Actor& actor) {
  TRY(Authorize(actor, Permission::kReport));
  ASSIGN_OR_RETURN(auto org, ctx_.Organization());
  ASSIGN_OR_RETURN(auto o, store::LoadOccurrence(ctx_.store(), id));
  if (!o) return Fail(NoOccurrence(id));
  ASSIGN_OR_RETURN(const core::Control* c, ControlToRecord(*org, *o, actor));
  if (!o->done || o->result != core::ControlResult::kFindings) {
    return Fail(ErrorCode::kConflict, Msg("control.not_findings", {{"id", id}}));
  }
  if (!o->incident.empty()) {
    return Fail(ErrorCode::kConflict,
                Msg("control.has_incident", {{"id", id}, {"key", o->incident}}));
  }
  ASSIGN_OR_RETURN(Calendar calendar, core::CompanyCalendar(*org));
  MessageParams facts = {
      {"control", c->name}, {"when", calendar.FormatLocal(o->done_at)}, {"note", o->note}};
  const core::Department* d = org->FindDepartment(c->department);
  ReportInput in{
      .title = Render(Msg("control.incident_title", facts), Lang::kJa),
      .summary = Render(Msg("control.incident_body", facts), Lang::kJa),
      .detection = d != nullptr && d->kind == core::DepartmentKind::kIt
                       ? core::Detection::kIsDetection
                       : core::Detection::kUserReport,
      .detected_at = o->done_at,
      .reporter_department = c->department,
      .departments = {c->department},
  };
  ASSIGN_OR_RETURN(IncidentView incident, incidents_.Report(in, actor));
  Timestamp now = ctx_.clock().Now();
  TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(auto current, store::LoadOccurrence(tx, id));
    if (!current) return Fail(NoOccurrence(id));
    current->incident = incident.incident.key;
    TRY(store::SaveOccurrence(tx, *current));
    TRY(tx.Append({.at = now,
                   .actor = actor.id,
                   .action = "control.incident",
                   .subject = "control:" + c->id,
                   .body = {{"occurrence", id}, {"incident", incident.incident.key}}}));
    return {};
  }));
  return incident;
}

Result<ComplianceView> ControlService::Compliance(std::optional<Day> from, std::optional<Day> to,
                                                  const Actor& actor) {
  TRY(Authorize(actor, Permission::kAuthenticated));
  ASSIGN_OR_RETURN(auto org, ctx_.Organization());
  ASSIGN_OR_RETURN(Calendar calendar, core::CompanyCalendar(*org));
  Timestamp now = ctx_.clock().Now();
  Day last = to.value_or(calendar.LocalDay(now));
  Day first = from.value_or(Day{std::chrono::sys_days(last) - std::chrono::days(29)});
  if (std::chrono::sys_days(first) > std::chrono::sys_days(last)) {
    return Fail(ErrorCode::kInvalidInput,
                Msg("control.bad_period", {{"from", FormatDay(first)}, {"to", FormatDay(last)}}));
  }
  Timestamp begin = calendar.StartOfDay(first);
  Timestamp end = calendar.EndOfDay(last) + std::chrono::seconds(1);
  ASSIGN_OR_RETURN(auto all, store::LoadOccurrences(ctx_.store()));
  return ComplianceView{.from = FormatRfc3339(begin),
                        .to = FormatRfc3339(end),
                        .counts = core::CountCompliance(*org, all, begin, end, now)};
}

}  // namespace sokuo::app
