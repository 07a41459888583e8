#include "core/japanese_holidays.h"

#include <algorithm>
#include <chrono>

namespace sokuo::core {
namespace {

using std::chrono::day;
using std::chrono::days;
using std::chrono::Monday;
using std::chrono::month;
using std::chrono::Sunday;
using std::chrono::sys_days;
using std::chrono::weekday;
using std::chrono::year;

Day On(int y, unsigned m, unsigned d) { return year{y} / month{m} / day{d}; }

// The n-th Monday of a month (the "Happy Monday" holidays).
Day NthMonday(int y, unsigned m, unsigned n) {
  return Day{sys_days{year{y} / month{m} / Monday[n]}};
}

Day Next(Day d) { return Day{sys_days{d} + days{1}}; }
bool IsSunday(Day d) { return weekday{sys_days{d}} == Sunday; }

// 春分日 and 秋分日, which the National Astronomical Observatory publishes each February for the
// next year: the usual approximation, exact for 1980–2099.
unsigned Equinox(int y, double base) {
  int n = y - 1980;
  return static_cast<unsigned>(base + 0.242194 * n) - static_cast<unsigned>(n / 4);
}

// The holidays the Act names (§2) for the year, with the special dates of the Tokyo Olympic
// years and the two days of the 2019 enthronement that counted as holidays.
std::vector<NationalHoliday> Named(int y) {
  std::vector<NationalHoliday> out = {
      {On(y, 1, 1), "元日"},
      {NthMonday(y, 1, 2), "成人の日"},
      {On(y, 2, 11), "建国記念の日"},
      {On(y, 3, Equinox(y, 20.8431)), "春分の日"},
      {On(y, 4, 29), "昭和の日"},
      {On(y, 5, 3), "憲法記念日"},
      {On(y, 5, 4), "みどりの日"},
      {On(y, 5, 5), "こどもの日"},
      {On(y, 9, Equinox(y, 23.2488)), "秋分の日"},
      {NthMonday(y, 9, 3), "敬老の日"},
      {On(y, 11, 3), "文化の日"},
      {On(y, 11, 23), "勤労感謝の日"},
  };
  if (y >= 2020) out.push_back({On(y, 2, 23), "天皇誕生日"});
  if (y <= 2018) out.push_back({On(y, 12, 23), "天皇誕生日"});
  if (y == 2019) {
    out.push_back({On(y, 5, 1), "休日（祝日扱い）"});
    out.push_back({On(y, 10, 22), "休日（祝日扱い）"});
  }
  // 海の日, スポーツの日 (体育の日 until 2019) and 山の日, moved for the Olympic Games in 2020 and
  // 2021 by special acts.
  if (y == 2020) {
    out.insert(
        out.end(),
        {{On(y, 7, 23), "海の日"}, {On(y, 7, 24), "スポーツの日"}, {On(y, 8, 10), "山の日"}});
  } else if (y == 2021) {
    out.insert(out.end(),
               {{On(y, 7, 22), "海の日"}, {On(y, 7, 23), "スポーツの日"}, {On(y, 8, 8), "山の日"}});
  } else {
    out.push_back({NthMonday(y, 7, 3), "海の日"});
    out.push_back({NthMonday(y, 10, 2), y >= 2020 ? "スポーツの日" : "体育の日"});
    if (y >= 2016) out.push_back({On(y, 8, 11), "山の日"});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.day < b.day; });
  return out;
}

}  // namespace

std::vector<NationalHoliday> JapaneseHolidays(int y) {
  if (y < kFirstHolidayYear || y > kLastHolidayYear) return {};
  std::vector<NationalHoliday> named = Named(y);
  auto is_named = [&](Day d) {
    return std::any_of(named.begin(), named.end(), [&](const auto& h) { return h.day == d; });
  };
  std::vector<NationalHoliday> out = named;
  for (const NationalHoliday& h : named) {
    // §3(2): a holiday on a Sunday makes the nearest following day that is not a holiday one.
    if (IsSunday(h.day)) {
      Day d = Next(h.day);
      while (is_named(d)) d = Next(d);
      out.push_back({d, "休日"});
    }
    // §3(3): a day between two holidays that is not one itself is a holiday.
    Day between = Next(h.day);
    if (!is_named(between) && is_named(Next(between)) &&
        std::none_of(out.begin(), out.end(), [&](const auto& o) { return o.day == between; })) {
      out.push_back({between, "休日"});
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.day < b.day; });
  // A day in the next year (a substitute for 31 December would be) belongs to that year's list.
  std::erase_if(out, [&](const auto& h) { return h.day.year() != year{y}; });
  return out;
}

bool IsJapaneseHoliday(Day d) {
  auto all = JapaneseHolidays(static_cast<int>(d.year()));
  return std::any_of(all.begin(), all.end(), [&](const auto& h) { return h.day == d; });
}

bool IsGovernmentClosed(Day d) {
  weekday wd{sys_days{d}};
  if (wd == std::chrono::Saturday || wd == Sunday) return true;
  unsigned m = static_cast<unsigned>(d.month());
  unsigned dd = static_cast<unsigned>(d.day());
  if ((m == 12 && dd >= 29) || (m == 1 && dd <= 3)) return true;
  return IsJapaneseHoliday(d);
}

Day DeadlineDay(Day first, int count) {
  Day d{sys_days{first} + days{std::max(count, 1) - 1}};
  // Bounded: the longest run of closed days (the New Year closure around a weekend) is short.
  for (int i = 0; i < 31 && IsGovernmentClosed(d); ++i) d = Next(d);
  return d;
}

}  // namespace sokuo::core
