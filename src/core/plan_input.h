// Building the recovery planner's input (core/recovery_plan.h) from the organization: what the
// security incident (incident_plan.h) and the disaster (disaster_rules.h) share, so that both
// count effort, skills, RTOs and working hours the same way.
#pragma once

#include <optional>

#include "base/time.h"
#include "core/organization.h"
#include "core/recovery_plan.h"

namespace sokuo::core {

// Used when Company::workday_start_hour is not given.
inline constexpr int kDefaultWorkdayStartHour = 9;
// How long a working day is, from Company::workday_start_hour.
inline constexpr int kWorkdayHours = 9;

// `hour`:00 of `day` on the calendar's wall clock, so a day when the clock changes still starts
// its work at the same local hour (a time the change skips is read as its earliest instant).
Timestamp LocalHour(const Calendar& calendar, Day day, int hour);

// Whole minutes from `from` to `to` (negative when `to` is earlier).
PlanMinutes MinutesFrom(Timestamp from, Timestamp to);

// A system as the planner sees it, with `status`: effort from restore_effort_hours, skills from
// the system, and the RTO counted from `rto_from` (when the emergency began) as minutes from
// `now`; no RTO deadline without `rto_from`.
PlanSystem PlanSystemOf(const InfoSystem& s, SurveyStatus status, std::optional<Timestamp> rto_from,
                        Timestamp now);

// Whether a worker's hours fall on closed days too.
enum class Days { kOpenOnly, kEvery };

// A worker's windows as minutes from `now`: each day from `start_hour` on the company's clock for
// `hours`, for `days` days counted from the local day of `now`, skipping the calendar's closed
// days with Days::kOpenOnly; nothing before `from` (or `now`, whichever is later). Windows that
// touch are joined, so a worker on 24 hours a day has one long window.
std::vector<Window> DailyWindows(Timestamp now, Timestamp from, int start_hour, int hours, int days,
                                 Days which, const Calendar& calendar);

}  // namespace sokuo::core
