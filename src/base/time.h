// Time values and their text forms. Instants are UTC seconds and travel as RFC 3339 text
// ("2026-11-26T01:55:49Z"); calendar days belong to the organization's IANA time zone, because
// deadlines such as "the next day" or "within 30 days" are counted in local days, skipping the
// company's closed days where a rule says so.
#pragma once

#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "base/error.h"

namespace sokuo {

using Timestamp = std::chrono::sys_seconds;
using Day = std::chrono::year_month_day;

std::string FormatRfc3339(Timestamp t);
// Accepts "YYYY-MM-DDTHH:MM:SS" with optional fraction (dropped) and "Z" or "+HH:MM"/"-HH:MM".
[[nodiscard]] Result<Timestamp> ParseRfc3339(std::string_view text);

std::string FormatDay(Day d);
// Accepts "YYYY-MM-DD" naming a real calendar day.
[[nodiscard]] Result<Day> ParseDay(std::string_view text);

bool IsValidTimeZone(std::string_view name);

// The organization's calendar: its time zone, its holidays and Saturday/Sunday as closed days.
// Copyable; the zone comes from the system's tz database, which is read once and then shared.
class Calendar {
 public:
  [[nodiscard]] static Result<Calendar> Create(std::string_view time_zone,
                                               std::set<Day> holidays = {});

  Day LocalDay(Timestamp t) const;
  Timestamp StartOfDay(Day d) const;  // first second of d in the zone
  Timestamp EndOfDay(Day d) const;    // last second of d in the zone
  bool IsClosed(Day d) const;         // weekend or holiday
  Day NextOpenDay(Day d) const;       // d itself when it is open
  // For people: "2026-11-26 10:55 JST", the wall clock of the zone with its abbreviation.
  std::string FormatLocal(Timestamp t) const;
  // FormatLocal of an RFC 3339 text; text that is not one is returned as it is, so a display
  // never hides what was stored.
  std::string FormatLocal(std::string_view rfc3339) const;
  // "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS" on the zone's wall clock. A time that a DST change
  // skips or repeats is read as its earliest instant.
  [[nodiscard]] Result<Timestamp> ParseLocal(std::string_view text) const;
  // The instant at which the zone's wall clock shows `wall` (a wall-clock time written as if it
  // were UTC, as a log line without an offset gives it); a skipped or repeated time is read as
  // its earliest instant.
  Timestamp FromWallClock(Timestamp wall) const;
  // The zone's wall clock at `t`, written as if it were UTC (the inverse of FromWallClock).
  Timestamp WallClock(Timestamp t) const;
  const std::string& time_zone() const { return time_zone_; }

 private:
  struct Zone;
  Calendar(std::string time_zone, std::shared_ptr<const Zone> zone, std::set<Day> holidays)
      : time_zone_(std::move(time_zone)), zone_(std::move(zone)), holidays_(std::move(holidays)) {}

  std::string time_zone_;
  std::shared_ptr<const Zone> zone_;
  std::set<Day> holidays_;
};

}  // namespace sokuo
