#include "core/control.h"

#include <set>

#include "core/incident.h"
#include "core/schedule.h"

namespace sokuo::core {

std::string OccurrenceId(const std::string& control, Timestamp starts_at) {
  return control + "/" + FormatRfc3339(starts_at);
}

OccurrenceState StateAt(const ControlOccurrence& o, Timestamp now) {
  if (o.done) {
    return o.done_at.empty() || o.done_at <= o.due_at ? OccurrenceState::kOnTime
                                                      : OccurrenceState::kLate;
  }
  return FormatRfc3339(now) >= o.due_at ? OccurrenceState::kOverdue : OccurrenceState::kOpen;
}

Result<Calendar> ControlCalendar(const Control& c, const Organization& org) {
  if (c.time_zone.empty()) return CompanyCalendar(org);
  return Calendar::Create(c.time_zone);
}

namespace {

Result<std::pair<Schedule, Calendar>> ControlClock(const Control& c, const Organization& org) {
  ASSIGN_OR_RETURN(Schedule s, ParseSchedule(c.schedule));
  ASSIGN_OR_RETURN(Calendar zone, ControlCalendar(c, org));
  return std::pair{std::move(s), std::move(zone)};
}

}  // namespace

std::optional<Timestamp> NextStartOf(const Control& c, const Organization& org, Timestamp now) {
  auto clock = ControlClock(c, org);
  if (!clock) return std::nullopt;
  return NextStart(clock->first, clock->second, now);
}

Result<std::vector<ControlOccurrence>> OccurrencesDue(const Control& c, const Organization& org,
                                                      std::optional<Timestamp> after, Timestamp now,
                                                      size_t limit) {
  ASSIGN_OR_RETURN(auto clock, ControlClock(c, org));
  const auto& [schedule, zone] = clock;
  std::vector<ControlOccurrence> out;
  auto due_of = [&](Timestamp start, std::optional<Timestamp> next) {
    return c.due_hours ? start + std::chrono::hours(*c.due_hours)
                       : next.value_or(start + std::chrono::days(366 * 8));
  };
  std::optional<Timestamp> start =
      after ? NextStart(schedule, zone, *after) : LastStart(schedule, zone, now);
  // A control new to the catalog starts with the occurrence in progress, unless that one is
  // already past due: nobody could have done it on time, so it starts with the next.
  if (!after && start && due_of(*start, NextStart(schedule, zone, *start)) <= now) return out;
  while (start && *start <= now && out.size() < limit) {
    std::optional<Timestamp> next = NextStart(schedule, zone, *start);
    Timestamp due = due_of(*start, next);
    out.push_back({.id = OccurrenceId(c.id, *start),
                   .control = c.id,
                   .starts_at = FormatRfc3339(*start),
                   .due_at = FormatRfc3339(due)});
    start = next;
  }
  return out;
}

bool CanRecordControl(const Principal& p, const Control& c, const Organization& org) {
  if (p.is_operator) return true;
  if (IsReadOnly(p)) return false;
  if (p.Has(Role::kIsDepartment)) return true;
  const Department* d = org.FindDepartment(c.department);
  if (d != nullptr && d->head == p.person) return true;
  const Person* person = org.FindPerson(p.person);
  return person != nullptr && person->department == c.department;
}

std::vector<Detail> CheckCompletion(const Control& c, const ControlOccurrence& o,
                                    const ControlCompletion& in, Timestamp now) {
  std::vector<Detail> problems;
  if (o.done) {
    problems.push_back(MakeDetail("", Msg("control.already_done", {{"id", o.id}})));
    return problems;
  }
  if (in.result == ControlResult::kFindings && in.note.empty()) {
    problems.push_back(MakeDetail("/note", Msg("control.findings_need_note")));
  }
  if (!c.evidence.empty() && in.evidence.empty()) {
    problems.push_back(
        MakeDetail("/evidence", Msg("control.evidence_needed", {{"what", c.evidence}})));
  }
  if (!in.done_at.empty()) {
    auto at = ParseRfc3339(in.done_at);
    if (!at) {
      problems.push_back(MakeDetail("/done_at", at.error().msg));
    } else if (auto future = FutureTimeProblem(in.done_at, "/done_at", now)) {
      problems.push_back(std::move(*future));
    } else if (FormatRfc3339(*at) < o.starts_at) {
      problems.push_back(
          MakeDetail("/done_at", Msg("control.done_before_start", {{"start", o.starts_at}})));
    }
  }
  return problems;
}

Compliance CountCompliance(const Organization& org, const std::vector<ControlOccurrence>& all,
                           Timestamp from, Timestamp to, Timestamp now) {
  Compliance out;
  std::string lo = FormatRfc3339(from);
  std::string hi = FormatRfc3339(to);
  for (const Control& c : org.controls) {
    out.controls[c.id];
    out.departments[c.department];
  }
  for (const ControlOccurrence& o : all) {
    if (o.starts_at < lo || o.starts_at >= hi) continue;
    const Control* c = org.FindControl(o.control);
    if (c == nullptr) continue;  // a control since removed from the organization file
    auto add = [&](ComplianceCount& n) {
      switch (StateAt(o, now)) {
        case OccurrenceState::kOnTime:
          ++n.on_time;
          break;
        case OccurrenceState::kLate:
          ++n.late;
          break;
        case OccurrenceState::kOverdue:
          ++n.missed;
          break;
        case OccurrenceState::kOpen:
          ++n.open;
          break;
      }
    };
    add(out.controls[c->id]);
    add(out.departments[c->department]);
    add(out.total);
  }
  return out;
}

}  // namespace sokuo::core
