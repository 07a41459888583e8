// When a routine control comes round (G4.1, G4.2): a schedule is a name (daily, weekly,
// monthly, quarterly, yearly) or five cron fields "minute hour day month weekday", read on the
// wall clock of a time zone. A day matches as in cron: when both the day of the month and the
// weekday are restricted, either one matching is enough. A wall-clock time that a change to
// daylight saving time skips starts at the first instant after the gap; one that the change
// back repeats starts once, at its first instant.
#pragma once

#include <bitset>
#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"
#include "base/time.h"

namespace sokuo::core {

struct Schedule {
  std::bitset<60> minutes;
  std::bitset<24> hours;
  std::bitset<32> days;       // 1..31
  std::bitset<13> months;     // 1..12
  std::bitset<7> weekdays;    // 0 = Sunday
  bool every_day = true;      // the day-of-month field is "*"
  bool every_weekday = true;  // the weekday field is "*"

  bool MatchesDay(Day d) const;
};

// Reads a schedule; a text that is neither a name nor five valid fields, or that names no
// existing day (31 February), is an error that says which field is wrong.
[[nodiscard]] Result<Schedule> ParseSchedule(std::string_view text);

// The first start strictly after `after`, and the last start at or before `at`; nullopt when
// none falls within eight years (only a schedule of 29 February waits that long).
std::optional<Timestamp> NextStart(const Schedule& s, const Calendar& zone, Timestamp after);
std::optional<Timestamp> LastStart(const Schedule& s, const Calendar& zone, Timestamp at);

}  // namespace sokuo::core
