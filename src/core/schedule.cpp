#include "core/schedule.h"

#include <array>
#include <charconv>

#include <vector>

namespace sokuo::core {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::sys_days;

constexpr int kSearchDays = 366 * 8 + 2;

std::vector<std::string_view> ScheduleSplit(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t end = text.find(sep, start);
    out.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

std::string ScheduleLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

struct ScheduleFieldSpec {
  std::string_view name;  // a term code suffix: term.<name>
  int low;
  int high;
  std::array<std::string_view, 12> words;  // names for low, low+1, ... (months, weekdays)
};

constexpr ScheduleFieldSpec kScheduleFields[] = {
    {"minute", 0, 59, {}},
    {"hour", 0, 23, {}},
    {"day_of_month", 1, 31, {}},
    {"month",
     1,
     12,
     {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}},
    {"weekday", 0, 7, {"sun", "mon", "tue", "wed", "thu", "fri", "sat"}},
};

std::optional<int> ScheduleNumber(std::string_view text, const ScheduleFieldSpec& spec) {
  std::string lower = ScheduleLower(text);
  for (size_t i = 0; i < spec.words.size(); ++i) {
    if (!spec.words[i].empty() && lower == spec.words[i]) return spec.low + static_cast<int>(i);
  }
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  if (value < spec.low || value > spec.high) return std::nullopt;
  return value;
}

// One field: a comma list of "*", "N" or "A-B", each optionally "/STEP". Returns the values set.
std::optional<std::bitset<64>> ScheduleField(std::string_view text, const ScheduleFieldSpec& spec) {
  std::bitset<64> out;
  for (std::string_view item : ScheduleSplit(text, ',')) {
    int step = 1;
    if (size_t slash = item.find('/'); slash != std::string_view::npos) {
      std::string_view s = item.substr(slash + 1);
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), step);
      if (ec != std::errc() || end != s.data() + s.size() || s.empty() || step < 1 ||
          step > spec.high) {
        return std::nullopt;
      }
      item = item.substr(0, slash);
    }
    int low = spec.low;
    int high = spec.high;
    if (item != "*") {
      size_t dash = item.find('-');
      auto a = ScheduleNumber(item.substr(0, dash), spec);
      if (!a) return std::nullopt;
      low = high = *a;
      if (dash != std::string_view::npos) {
        auto b = ScheduleNumber(item.substr(dash + 1), spec);
        if (!b || *b < *a) return std::nullopt;
        high = *b;
      } else if (step != 1) {
        high = spec.high;  // "N/STEP": from N to the end
      }
    }
    for (int v = low; v <= high; v += step) out.set(static_cast<size_t>(v));
  }
  return out;
}

std::string_view NamedSchedule(std::string_view text) {
  if (!text.empty() && text.front() == '@') text.remove_prefix(1);
  if (text == "daily") return "0 0 * * *";
  if (text == "weekly") return "0 0 * * mon";
  if (text == "monthly") return "0 0 1 * *";
  if (text == "quarterly") return "0 0 1 jan,apr,jul,oct *";
  if (text == "yearly" || text == "annually") return "0 0 1 1 *";
  return {};
}

Error BadSchedule(std::string_view text, std::string_view field) {
  return Error{.code = ErrorCode::kInvalidInput,
               .msg = Msg("schedule.invalid", {{"text", std::string(text.substr(0, 80))},
                                               {"field", std::string(field)}})};
}

template <size_t N>
std::bitset<N> Narrow(const std::bitset<64>& wide) {
  std::bitset<N> out;
  for (size_t i = 0; i < N; ++i) out[i] = wide[i];
  return out;
}

int DaysIn(unsigned month) {
  constexpr std::array<int, 13> kDays = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return kDays[month];
}

// Calls fn(wall clock of a start) for each start on day d, in order (or reverse order).
template <class Fn>
bool EachStartOn(const Schedule& s, Day d, bool reverse, Fn&& fn) {
  for (int hi = 0; hi < 24; ++hi) {
    int h = reverse ? 23 - hi : hi;
    if (!s.hours[static_cast<size_t>(h)]) continue;
    for (int mi = 0; mi < 60; ++mi) {
      int m = reverse ? 59 - mi : mi;
      if (!s.minutes[static_cast<size_t>(m)]) continue;
      if (fn(Timestamp(sys_days(d) + hours(h) + minutes(m)))) return true;
    }
  }
  return false;
}

}  // namespace

bool Schedule::MatchesDay(Day d) const {
  if (!months[static_cast<unsigned>(d.month())]) return false;
  bool dom = days[static_cast<unsigned>(d.day())];
  bool dow = weekdays[std::chrono::weekday(sys_days(d)).c_encoding()];
  if (every_day && every_weekday) return true;
  if (every_day) return dow;
  if (every_weekday) return dom;
  return dom || dow;
}

Result<Schedule> ParseSchedule(std::string_view text) {
  std::string lower = ScheduleLower(text);
  std::string_view cron = NamedSchedule(lower);
  if (cron.empty()) cron = text;
  std::vector<std::string_view> fields;
  for (std::string_view f : ScheduleSplit(cron, ' ')) {  // runs of spaces give empty parts
    if (!f.empty()) fields.push_back(f);
  }
  if (fields.size() != 5) {
    return Fail(ErrorCode::kInvalidInput,
                Msg("schedule.fields", {{"text", std::string(text.substr(0, 80))}}));
  }
  std::array<std::bitset<64>, 5> sets;
  for (size_t i = 0; i < 5; ++i) {
    auto set = ScheduleField(fields[i], kScheduleFields[i]);
    if (!set) return Fail(BadSchedule(text, kScheduleFields[i].name));
    sets[i] = *set;
  }
  if (sets[4][7]) sets[4].set(0);  // 7 is Sunday too
  Schedule s;
  s.minutes = Narrow<60>(sets[0]);
  s.hours = Narrow<24>(sets[1]);
  s.days = Narrow<32>(sets[2]);
  s.months = Narrow<13>(sets[3]);
  s.weekdays = Narrow<7>(sets[4]);
  s.every_day = fields[2] == "*";
  s.every_weekday = fields[4] == "*";
  // A day of the month that no chosen month has never comes (unless a weekday may match).
  if (s.every_weekday) {
    bool some = false;
    for (unsigned m = 1; m <= 12; ++m) {
      for (int d = 1; d <= DaysIn(m) && s.months[m]; ++d)
        some = some || s.days[static_cast<size_t>(d)];
    }
    if (!some) return Fail(BadSchedule(text, "day_of_month"));
  }
  return s;
}

std::optional<Timestamp> NextStart(const Schedule& s, const Calendar& zone, Timestamp after) {
  Day first = Day{std::chrono::floor<days>(zone.WallClock(after))};
  std::optional<Timestamp> found;
  for (int i = 0; i < kSearchDays && !found; ++i) {
    Day d{sys_days(first) + days(i)};
    if (!s.MatchesDay(d)) continue;
    EachStartOn(s, d, false, [&](Timestamp wall) {
      Timestamp at = zone.FromWallClock(wall);
      if (at > after) found = at;
      return found.has_value();
    });
  }
  return found;
}

std::optional<Timestamp> LastStart(const Schedule& s, const Calendar& zone, Timestamp at) {
  Day first = Day{std::chrono::floor<days>(zone.WallClock(at))};
  std::optional<Timestamp> found;
  for (int i = 0; i < kSearchDays && !found; ++i) {
    Day d{sys_days(first) - days(i)};
    if (!s.MatchesDay(d)) continue;
    EachStartOn(s, d, true, [&](Timestamp wall) {
      Timestamp start = zone.FromWallClock(wall);
      if (start <= at) found = start;
      return found.has_value();
    });
  }
  return found;
}

}  // namespace sokuo::core
