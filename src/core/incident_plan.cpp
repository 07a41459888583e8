#include "core/incident_plan.h"

#include <algorithm>

#include "core/incident_rules.h"

namespace sokuo::core {
namespace {

constexpr int kDefaultWorkdayStartHour = 9;

PlanMinutes MinutesFrom(Timestamp from, Timestamp to) {
  return std::chrono::duration_cast<std::chrono::minutes>(to - from).count();
}

SurveyStatus StatusOf(const Incident& i, const std::string& system) {
  if (std::find(i.systems.begin(), i.systems.end(), system) == i.systems.end()) {
    return SurveyStatus::kOk;
  }
  for (const Recovery& r : i.recovery) {
    if (r.system != system) continue;
    if (r.status == RecoveryStatus::kRestored) return SurveyStatus::kOk;
    if (r.status == RecoveryStatus::kDegraded) return SurveyStatus::kDegraded;
  }
  return SurveyStatus::kDown;
}

std::vector<Window> WorkingHours(const Organization& org, Timestamp now, const Calendar& calendar) {
  std::vector<Window> out;
  int start_hour = org.company.workday_start_hour.value_or(kDefaultWorkdayStartHour);
  Day first = calendar.LocalDay(now);
  for (int d = 0; d < kIncidentPlanDays; ++d) {
    Day day = std::chrono::sys_days(first) + std::chrono::days(d);
    if (calendar.IsClosed(day)) continue;
    Timestamp from = calendar.StartOfDay(day) + std::chrono::hours(start_hour);
    Timestamp to = from + std::chrono::hours(kWorkdayHours);
    if (to <= now) continue;
    out.push_back({std::max<PlanMinutes>(0, MinutesFrom(now, from)), MinutesFrom(now, to)});
  }
  return out;
}

}  // namespace

PlanInput IncidentPlanInput(const Incident& i, const Organization& org, Timestamp now,
                            const Calendar& calendar) {
  PlanInput in;
  auto aware = ParseRfc3339(AwareAt(i));
  for (const InfoSystem& s : org.systems) {
    PlanSystem p{.id = s.id,
                 .tier = s.tier,
                 .category = s.category,
                 .customer_service = s.customer_service,
                 .product_development = s.product_development,
                 .depends_on = s.depends_on,
                 .status = StatusOf(i, s.id),
                 .skills = s.skills};
    if (s.restore_effort_hours) p.effort = PlanMinutes{*s.restore_effort_hours} * 60;
    if (s.rto_hours && aware) {
      p.rto_deadline = MinutesFrom(now, *aware + std::chrono::hours(*s.rto_hours));
    }
    in.systems.push_back(std::move(p));
  }
  std::vector<Window> hours = WorkingHours(org, now, calendar);
  for (const std::string& id : IsDepartmentPeople(org)) {
    const Person* p = org.FindPerson(id);
    if (p == nullptr || !p->available_for_emergency_work) continue;
    in.workers.push_back({.person = p->id, .skills = p->skills, .windows = hours});
  }
  return in;
}

}  // namespace sokuo::core
