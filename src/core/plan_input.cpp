#include "core/plan_input.h"

#include <algorithm>

namespace sokuo::core {

PlanMinutes MinutesFrom(Timestamp from, Timestamp to) {
  return std::chrono::duration_cast<std::chrono::minutes>(to - from).count();
}

PlanSystem PlanSystemOf(const InfoSystem& s, SurveyStatus status, std::optional<Timestamp> rto_from,
                        Timestamp now) {
  PlanSystem p{.id = s.id,
               .tier = s.tier,
               .category = s.category,
               .customer_service = s.customer_service,
               .product_development = s.product_development,
               .depends_on = s.depends_on,
               .status = status,
               .skills = s.skills};
  if (s.restore_effort_hours) p.effort = PlanMinutes{*s.restore_effort_hours} * 60;
  if (s.rto_hours && rto_from) {
    p.rto_deadline = MinutesFrom(now, *rto_from + std::chrono::hours(*s.rto_hours));
  }
  return p;
}

Timestamp LocalHour(const Calendar& calendar, Day day, int hour) {
  std::string text = FormatDay(day) + (hour < 10 ? " 0" : " ") + std::to_string(hour) + ":00";
  auto t = calendar.ParseLocal(text);
  return t ? *t : calendar.StartOfDay(day) + std::chrono::hours(hour);
}

std::vector<Window> DailyWindows(Timestamp now, Timestamp from, int start_hour, int hours, int days,
                                 Days which, const Calendar& calendar) {
  std::vector<Window> out;
  Timestamp begin = std::max(now, from);
  Day first = calendar.LocalDay(now);
  // From the day before: a shift that started yesterday evening may still be on.
  for (int d = -1; d < days; ++d) {
    Day day = std::chrono::sys_days(first) + std::chrono::days(d);
    if (which == Days::kOpenOnly && calendar.IsClosed(day)) continue;
    Timestamp start = LocalHour(calendar, day, start_hour);
    Timestamp end = start + std::chrono::hours(hours);
    if (end <= begin) continue;
    Window w{MinutesFrom(now, std::max(start, begin)), MinutesFrom(now, end)};
    if (!out.empty() && out.back().to >= w.from) {
      out.back().to = std::max(out.back().to, w.to);
    } else {
      out.push_back(w);
    }
  }
  return out;
}

}  // namespace sokuo::core
