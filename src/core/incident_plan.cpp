#include "core/incident_plan.h"

#include <algorithm>

#include "core/incident_rules.h"
#include "core/plan_input.h"

namespace sokuo::core {
namespace {

SurveyStatus IncidentStatusOf(const Incident& i, const std::string& system) {
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

}  // namespace

PlanInput IncidentPlanInput(const Incident& i, const Organization& org, Timestamp at,
                            const Calendar& calendar) {
  PlanInput in;
  Timestamp now = std::chrono::floor<std::chrono::minutes>(at);
  auto aware = ParseRfc3339(AwareAt(i));
  std::optional<Timestamp> rto_from;
  if (aware) rto_from = *aware;
  for (const InfoSystem& s : org.systems) {
    in.systems.push_back(PlanSystemOf(s, IncidentStatusOf(i, s.id), rto_from, now));
  }
  std::vector<Window> hours =
      DailyWindows(now, now, org.company.workday_start_hour.value_or(kDefaultWorkdayStartHour),
                   kWorkdayHours, kIncidentPlanDays, Days::kOpenOnly, calendar);
  for (const std::string& id : IsDepartmentPeople(org)) {
    const Person* p = org.FindPerson(id);
    if (p == nullptr || !p->available_for_emergency_work) continue;
    in.workers.push_back({.person = p->id, .skills = p->skills, .windows = hours});
  }
  return in;
}

}  // namespace sokuo::core
