// G4.3.5 with G5.2.1: the recovery planner (core/recovery_plan.h) inside a security incident. A
// ransomware night takes many systems down at once; the plan orders the incident's affected
// systems by tier and dependencies, with the IS department's staff in their working hours.
#pragma once

#include "base/time.h"
#include "core/incident.h"
#include "core/organization.h"
#include "core/plan_input.h"
#include "core/recovery_plan.h"

namespace sokuo::core {

// How far ahead an incident's plan looks for working hours.
inline constexpr int kIncidentPlanDays = 30;

// The planner's input for `i` as of `now` (to the whole minute):
//  - every system of the organization, so dependencies are known: an affected system is down,
//    or as its recovery record says (restored: running; degraded: running, degraded; restoring
//    or down: down, its whole effort still to do); every other system is running;
//  - effort from restore_effort_hours, skills from the system, the RTO counted from when the
//    company became aware;
//  - as workers, the IS department's people who can be called in (G5.2.3), with their skills,
//    on the company's open days from workday_start_hour for kWorkdayHours, for kIncidentPlanDays.
PlanInput IncidentPlanInput(const Incident& i, const Organization& org, Timestamp now,
                            const Calendar& calendar);

}  // namespace sokuo::core
