#include "base/time.h"

#include <charconv>

#include <date/date.h>
#include <date/tz.h>

namespace sokuo {
namespace {

bool ReadInt(std::string_view text, size_t pos, size_t len, int& out) {
  if (pos + len > text.size()) return false;
  for (size_t i = pos; i < pos + len; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, out);
  return ec == std::errc() && ptr == text.data() + pos + len;
}

bool Expect(std::string_view text, size_t pos, char c) {
  return pos < text.size() && text[pos] == c;
}

const date::time_zone* LocateZone(std::string_view name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

}  // namespace

struct Calendar::Zone {
  const date::time_zone* tz;
};

std::string FormatRfc3339(Timestamp t) { return date::format("%Y-%m-%dT%H:%M:%SZ", t); }

Result<Timestamp> ParseRfc3339(std::string_view text) {
  auto bad = [&] {
    return Fail(ErrorCode::kInvalidInput,
                Msg("time.not_rfc3339", {{"text", std::string(text.substr(0, 40))}}));
  };
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!ReadInt(text, 0, 4, y) || !Expect(text, 4, '-') || !ReadInt(text, 5, 2, mo) ||
      !Expect(text, 7, '-') || !ReadInt(text, 8, 2, d) ||
      !(Expect(text, 10, 'T') || Expect(text, 10, 't') || Expect(text, 10, ' ')) ||
      !ReadInt(text, 11, 2, h) || !Expect(text, 13, ':') || !ReadInt(text, 14, 2, mi) ||
      !Expect(text, 16, ':') || !ReadInt(text, 17, 2, s)) {
    return bad();
  }
  size_t pos = 19;
  if (Expect(text, pos, '.')) {
    ++pos;
    size_t digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos, ++digits;
    if (digits == 0) return bad();
  }
  int offset_minutes = 0;
  if (Expect(text, pos, 'Z') || Expect(text, pos, 'z')) {
    ++pos;
  } else if (Expect(text, pos, '+') || Expect(text, pos, '-')) {
    int sign = text[pos] == '-' ? -1 : 1;
    int oh = 0, om = 0;
    if (!ReadInt(text, pos + 1, 2, oh) || !Expect(text, pos + 3, ':') ||
        !ReadInt(text, pos + 4, 2, om) || oh > 23 || om > 59) {
      return bad();
    }
    offset_minutes = sign * (oh * 60 + om);
    pos += 6;
  } else {
    return bad();
  }
  if (pos != text.size()) return bad();
  Day day{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(mo)),
          std::chrono::day(static_cast<unsigned>(d))};
  if (!day.ok() || h > 23 || mi > 59 || s > 60) return bad();
  // A leap second is read as the last second of its minute.
  if (s == 60) s = 59;
  return std::chrono::sys_days(day) + std::chrono::hours(h) + std::chrono::minutes(mi) +
         std::chrono::seconds(s) - std::chrono::minutes(offset_minutes);
}

std::string FormatDay(Day d) { return date::format("%F", std::chrono::sys_days(d)); }

Result<Day> ParseDay(std::string_view text) {
  int y = 0, mo = 0, d = 0;
  if (text.size() != 10 || !ReadInt(text, 0, 4, y) || !Expect(text, 4, '-') ||
      !ReadInt(text, 5, 2, mo) || !Expect(text, 7, '-') || !ReadInt(text, 8, 2, d)) {
    return Fail(ErrorCode::kInvalidInput,
                Msg("time.not_date", {{"text", std::string(text.substr(0, 40))}}));
  }
  Day day{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(mo)),
          std::chrono::day(static_cast<unsigned>(d))};
  if (!day.ok())
    return Fail(ErrorCode::kInvalidInput, Msg("time.no_such_day", {{"text", std::string(text)}}));
  return day;
}

bool IsValidTimeZone(std::string_view name) { return LocateZone(name) != nullptr; }

Result<Calendar> Calendar::Create(std::string_view time_zone, std::set<Day> holidays) {
  const date::time_zone* tz = LocateZone(time_zone);
  if (tz == nullptr) {
    return Fail(ErrorCode::kInvalidInput,
                Msg("time.unknown_zone", {{"zone", std::string(time_zone)}}));
  }
  return Calendar(std::string(time_zone), std::make_shared<const Zone>(Zone{tz}),
                  std::move(holidays));
}

Day Calendar::LocalDay(Timestamp t) const {
  auto local = zone_->tz->to_local(t);
  auto days = date::floor<date::days>(local).time_since_epoch().count();
  return Day{std::chrono::sys_days{std::chrono::days{days}}};
}

Timestamp Calendar::StartOfDay(Day d) const {
  date::local_seconds local{std::chrono::sys_days(d).time_since_epoch()};
  // A day that starts inside a DST gap starts at the first existing instant.
  return std::chrono::floor<std::chrono::seconds>(zone_->tz->to_sys(local, date::choose::earliest));
}

Timestamp Calendar::EndOfDay(Day d) const {
  Day next{std::chrono::sys_days(d) + std::chrono::days(1)};
  return StartOfDay(next) - std::chrono::seconds(1);
}

bool Calendar::IsClosed(Day d) const {
  std::chrono::weekday wd{std::chrono::sys_days(d)};
  return wd == std::chrono::Saturday || wd == std::chrono::Sunday || holidays_.contains(d);
}

Day Calendar::NextOpenDay(Day d) const {
  // Bounded: a year of closed days is a configuration error, not a reason to loop forever.
  for (int i = 0; i < 366 && IsClosed(d); ++i)
    d = Day{std::chrono::sys_days(d) + std::chrono::days(1)};
  return d;
}

std::string Calendar::FormatLocal(Timestamp t) const {
  return date::format("%Y-%m-%d %H:%M %Z", date::make_zoned(zone_->tz, t));
}

std::string Calendar::FormatLocal(std::string_view rfc3339) const {
  auto t = ParseRfc3339(rfc3339);
  return t ? FormatLocal(*t) : std::string(rfc3339);
}

Result<Timestamp> Calendar::ParseLocal(std::string_view text) const {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  bool shape = (text.size() == 16 || text.size() == 19) && ReadInt(text, 0, 4, y) &&
               Expect(text, 4, '-') && ReadInt(text, 5, 2, mo) && Expect(text, 7, '-') &&
               ReadInt(text, 8, 2, d) && Expect(text, 10, ' ') && ReadInt(text, 11, 2, h) &&
               Expect(text, 13, ':') && ReadInt(text, 14, 2, mi) &&
               (text.size() == 16 || (Expect(text, 16, ':') && ReadInt(text, 17, 2, s)));
  Day day{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(mo)),
          std::chrono::day(static_cast<unsigned>(d))};
  if (!shape || !day.ok() || h > 23 || mi > 59 || s > 59) {
    return Fail(
        ErrorCode::kInvalidInput,
        Msg("time.not_local", {{"text", std::string(text.substr(0, 40))}, {"zone", time_zone_}}));
  }
  return FromWallClock(Timestamp(std::chrono::sys_days(day) + std::chrono::hours(h) +
                                 std::chrono::minutes(mi) + std::chrono::seconds(s)));
}

Timestamp Calendar::FromWallClock(Timestamp wall) const {
  date::local_seconds local{wall.time_since_epoch()};
  return std::chrono::floor<std::chrono::seconds>(zone_->tz->to_sys(local, date::choose::earliest));
}

Timestamp Calendar::WallClock(Timestamp t) const {
  return Timestamp(zone_->tz->to_local(t).time_since_epoch());
}

}  // namespace sokuo
