#include "detect/decode.h"

#include <array>
#include <chrono>
#include <utility>

#include "detect/decode_internal.h"

namespace sokuo::detect {
namespace internal {
namespace {

// The text of 0..191 back to back ("0123456789101112…191"), so that a number's field value is a
// view of static storage. 191 is the largest syslog PRI.
constexpr int kMaxSmallNumber = 191;
constexpr auto kNumberText = [] {
  std::array<char, 10 + 90 * 2 + 92 * 3> text{};
  size_t at = 0;
  for (int n = 0; n <= kMaxSmallNumber; ++n) {
    if (n >= 100) text[at++] = static_cast<char>('0' + n / 100);
    if (n >= 10) text[at++] = static_cast<char>('0' + n / 10 % 10);
    text[at++] = static_cast<char>('0' + n % 10);
  }
  return text;
}();

constexpr Timestamp kFirstInstant{std::chrono::sys_days(std::chrono::year(1970) / 1 / 1)};
constexpr Timestamp kLastInstant{std::chrono::sys_days(std::chrono::year(10000) / 1 / 1) -
                                 std::chrono::seconds(1)};

}  // namespace

int MonthNumber(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (name == kMonths[i]) return static_cast<int>(i) + 1;
  }
  return 0;
}

int MaxDay(int month) {
  static constexpr std::array<int, 13> kDays = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month >= 1 && month <= 12 ? kDays[static_cast<size_t>(month)] : 0;
}

bool InRange(Timestamp t) { return t >= kFirstInstant && t <= kLastInstant; }

std::optional<Timestamp> CivilTime(int year, int month, int day, int hour, int minute, int second) {
  if (year < 1970 || year > 9999) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(year),
                                  std::chrono::month(static_cast<unsigned>(month)),
                                  std::chrono::day(static_cast<unsigned>(day))};
  if (!ymd.ok()) return std::nullopt;
  return Timestamp(std::chrono::sys_days(ymd)) + std::chrono::hours(hour) +
         std::chrono::minutes(minute) + std::chrono::seconds(second);
}

std::optional<Timestamp> ParseTime(std::string_view text) {
  // The shape first: base's parser builds an error message for text that is not a time, and a
  // stream of such records should not allocate for each.
  if (text.size() < 20 || !AllDigits(text.substr(0, 4)) || text[4] != '-' || text[7] != '-' ||
      text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  auto t = ParseRfc3339(text);
  if (!t || !InRange(*t)) return std::nullopt;
  return *t;
}

std::string_view SmallNumber(int n) {
  if (n < 0 || n > kMaxSmallNumber) return {};
  std::string_view all(kNumberText.data(), kNumberText.size());
  if (n < 10) return all.substr(static_cast<size_t>(n), 1);
  if (n < 100) return all.substr(10 + static_cast<size_t>(n - 10) * 2, 2);
  return all.substr(190 + static_cast<size_t>(n - 100) * 3, 3);
}

std::string_view Lower(std::string_view s, Event& event) {
  size_t first = 0;
  while (first < s.size() && !(s[first] >= 'A' && s[first] <= 'Z')) ++first;
  if (first == s.size()) return s;
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  // Program names are short: lower them on the stack and let the event keep the result.
  std::array<char, 64> small;
  if (s.size() <= small.size()) {
    for (size_t i = 0; i < s.size(); ++i) small[i] = lower(s[i]);
    return event.Keep(std::string_view(small.data(), s.size()));
  }
  std::string copy(s);
  for (char& c : copy) c = lower(c);
  return event.Keep(copy);
}

}  // namespace internal

std::optional<Format> ParseFormat(std::string_view name) {
  if (name == "auto") return Format::kAuto;
  if (name == "syslog") return Format::kSyslog;
  if (name == "json") return Format::kJson;
  if (name == "access") return Format::kAccess;
  return std::nullopt;
}

std::string_view FormatName(Format f) {
  switch (f) {
    case Format::kAuto:
      return "auto";
    case Format::kSyslog:
      return "syslog";
    case Format::kJson:
      return "json";
    case Format::kAccess:
      return "access";
  }
  return "auto";
}

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string_view WithoutBom(std::string_view line) {
  if (line.starts_with(kBom)) line.remove_prefix(kBom.size());
  return line;
}

}  // namespace

Format Sniff(std::string_view first_line) {
  std::string_view s = internal::TrimLeft(WithoutBom(internal::TrimLeft(first_line)));
  if (!s.empty() && s[0] == '{') return Format::kJson;
  if (internal::LooksLikeAccess(s)) return Format::kAccess;
  return Format::kSyslog;
}

Decoder::Decoder(DecodeOptions options)
    : options_(std::move(options)), format_(options_.format), year_(options_.year) {}

bool Decoder::Decode(std::string_view line, Event& event) {
  event.Reset(line);
  // A byte-order mark is an artefact of the file, not of the first record.
  std::string_view text = WithoutBom(line);
  if (format_ == Format::kAuto) {
    if (internal::Trim(text).empty()) {
      ApplySource(event);
      return false;
    }
    format_ = Sniff(text);
  }
  bool ok = false;
  switch (format_) {
    case Format::kSyslog: {
      internal::SyslogClock clock;
      ok = internal::DecodeSyslog(text, event, clock, value_scratch_);
      if (ok && clock.month != 0) {
        event.time =
            FromSyslogClock(clock.month, clock.day, clock.hour, clock.minute, clock.second);
      }
      if (!ok) {
        // Still a line of the system log: keyword rules for linux/syslog look at it.
        event.Reset(line);
        event.product = "linux";
        event.services[0] = "syslog";
      }
      break;
    }
    case Format::kJson:
      ok = internal::DecodeJson(text, event, name_scratch_, value_scratch_);
      if (!ok) event.Reset(line);
      break;
    case Format::kAccess:
      ok = internal::DecodeAccess(text, event, value_scratch_);
      if (!ok) {
        event.Reset(line);
        event.category = "webserver";
        event.services[0] = "access";
      }
      break;
    case Format::kAuto:
      break;
  }
  ApplySource(event);
  return ok;
}

std::optional<Timestamp> Decoder::FromSyslogClock(int month, int day, int hour, int minute,
                                                  int second) {
  // A month more than six months back is the next year (Dec → Jan); a small step back is
  // records written slightly out of order, as several processes share one log.
  if (last_month_ != 0 && month < last_month_ - 6 && year_ < 9999) ++year_;
  std::optional<Timestamp> wall = internal::CivilTime(year_, month, day, hour, minute, second);
  if (last_month_ == 0 && wall && options_.not_after && year_ > 1 &&
      *wall > *options_.not_after + std::chrono::days(1)) {
    --year_;
    wall = internal::CivilTime(year_, month, day, hour, minute, second);
  }
  last_month_ = month;
  if (!wall || !options_.zone) return wall;
  // The zone lookup is a binary search over the tz rules: do it once an hour of log. When the
  // offset changes inside the hour (a DST switch), each time of that hour is looked up.
  std::int64_t seconds = wall->time_since_epoch().count();
  std::int64_t hour_key = seconds / 3600;
  if (hour_key != cached_hour_) {
    Timestamp start{std::chrono::seconds(hour_key * 3600)};
    Timestamp end = start + std::chrono::seconds(3599);
    std::int64_t at_start = (options_.zone->FromWallClock(start) - start).count();
    std::int64_t at_end = (options_.zone->FromWallClock(end) - end).count();
    if (at_start != at_end) {
      cached_hour_ = INT64_MIN;
      Timestamp utc = options_.zone->FromWallClock(*wall);
      return internal::InRange(utc) ? std::optional<Timestamp>(utc) : std::nullopt;
    }
    cached_hour_ = hour_key;
    cached_offset_ = at_start;
  }
  Timestamp utc = *wall + std::chrono::seconds(cached_offset_);
  return internal::InRange(utc) ? std::optional<Timestamp>(utc) : std::nullopt;
}

void Decoder::ApplySource(Event& event) const {
  if (!options_.source) return;
  const LogSource& s = *options_.source;
  if (!s.category.empty()) event.category = s.category;
  if (!s.product.empty()) event.product = s.product;
  if (!s.service.empty()) event.services = {s.service, {}};
}

}  // namespace sokuo::detect
