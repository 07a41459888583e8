// Japan's national holidays, computed by the rules of the Act on National Holidays
// (国民の祝日に関する法律) for any year from 2007 (when the present substitute-holiday rule began)
// to 2099 (as far as the equinox formula holds), and the days Japan's administrative organs are
// closed, which move a regulator's deadline (行政機関の休日に関する法律). No list to keep up to
// date: a 2022 incident and a 2031 one count the same way.
#pragma once

#include <string_view>
#include <vector>

#include "base/time.h"

namespace sokuo::core {

inline constexpr int kFirstHolidayYear = 2007;
inline constexpr int kLastHolidayYear = 2099;

struct NationalHoliday {
  Day day;
  // As the Cabinet Office lists it: 元日, 春分の日, …; 休日 for a substitute holiday (振替休日,
  // the Act's §3(2)) or a citizens' holiday between two holidays (国民の休日, §3(3)).
  std::string_view name;
  friend bool operator==(const NationalHoliday&, const NationalHoliday&) = default;
};

// In date order; empty for a year outside kFirstHolidayYear..kLastHolidayYear.
std::vector<NationalHoliday> JapaneseHolidays(int year);
bool IsJapaneseHoliday(Day d);

// A day the administrative organs are closed (行政機関の休日に関する法律 §1): Saturday, Sunday, a
// national holiday, or 29 December to 3 January.
bool IsGovernmentClosed(Day d);

// The last day of a period of `days` days that counts `first` as day 1 (a regulator's "within 30
// days of knowing"), moved to the next day the government is open when it falls on a closed day
// (the same Act, §2). `days` ≥ 1.
Day DeadlineDay(Day first, int days);

}  // namespace sokuo::core
