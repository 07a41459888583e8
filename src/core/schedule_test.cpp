#include "core/schedule.h"

#include <gtest/gtest.h>

namespace sokuo::core {
namespace {

Timestamp At(const char* rfc3339) { return *ParseRfc3339(rfc3339); }

std::string Next(const char* schedule, const char* zone, const char* after) {
  auto s = ParseSchedule(schedule);
  EXPECT_TRUE(s) << schedule;
  auto next = NextStart(*s, *Calendar::Create(zone), At(after));
  return next ? FormatRfc3339(*next) : "none";
}

std::string Last(const char* schedule, const char* zone, const char* at) {
  auto s = ParseSchedule(schedule);
  EXPECT_TRUE(s) << schedule;
  auto last = LastStart(*s, *Calendar::Create(zone), At(at));
  return last ? FormatRfc3339(*last) : "none";
}

TEST(ScheduleTest, NextStartCountsOnTheZonesWallClock) {
  struct Case {
    const char* schedule;
    const char* zone;
    const char* after;
    const char* next;
  };
  const Case cases[] = {
      // Named schedules start at midnight of their day (Friday 27 November 2026, Tokyo).
      {"daily", "Asia/Tokyo", "2026-11-27T10:00:00+09:00", "2026-11-27T15:00:00Z"},
      {"weekly", "Asia/Tokyo", "2026-11-27T10:00:00+09:00", "2026-11-29T15:00:00Z"},  // Monday
      {"monthly", "Asia/Tokyo", "2026-11-27T10:00:00+09:00", "2026-11-30T15:00:00Z"},
      {"quarterly", "Asia/Tokyo", "2026-11-27T10:00:00+09:00", "2026-12-31T15:00:00Z"},
      {"@yearly", "Asia/Tokyo", "2026-11-27T10:00:00+09:00", "2026-12-31T15:00:00Z"},
      {"Daily", "Asia/Tokyo", "2026-11-26T15:00:00Z", "2026-11-27T15:00:00Z"},  // strictly after
      // Month ends: the 31st skips the months that lack it; the last day of February.
      {"0 9 31 * *", "Asia/Tokyo", "2026-11-01T00:00:00Z", "2026-12-31T00:00:00Z"},
      {"0 9 30 * *", "Asia/Tokyo", "2027-01-30T01:00:00Z", "2027-03-30T00:00:00Z"},
      {"0 9 28 2 *", "Asia/Tokyo", "2026-11-01T00:00:00Z", "2027-02-28T00:00:00Z"},
      // Leap years: 29 February comes in 2028; 2100 is no leap year.
      {"0 0 29 2 *", "Asia/Tokyo", "2026-03-01T00:00:00Z", "2028-02-28T15:00:00Z"},
      {"0 0 29 2 *", "UTC", "2096-03-01T00:00:00Z", "2104-02-29T00:00:00Z"},
      // Weekdays, lists, ranges and steps; a day matches by the 13th or by Friday, as in cron.
      {"30 8 * * 1-5", "Asia/Tokyo", "2026-11-27T09:00:00+09:00", "2026-11-29T23:30:00Z"},
      {"0 0 13 * fri", "Asia/Tokyo", "2026-11-01T00:00:00Z", "2026-11-05T15:00:00Z"},
      {"0 0 13 * fri", "Asia/Tokyo", "2026-11-10T00:00:00Z", "2026-11-12T15:00:00Z"},
      {"*/15 * * * *", "Asia/Tokyo", "2026-11-27T10:07:00+09:00", "2026-11-27T01:15:00Z"},
      {"0 9,17 * * sun,7", "UTC", "2026-11-29T09:00:00Z", "2026-11-29T17:00:00Z"},
      {"0 0 1 jan-mar/2 *", "UTC", "2027-01-01T00:00:00Z", "2027-03-01T00:00:00Z"},
      // New York: 2:30 does not exist on 14 March 2027 and starts when the clock jumps to 3:00
      // EDT; 1:30 comes twice on 7 November 2027 and starts once, the first time (EDT).
      {"30 2 * * *", "America/New_York", "2027-03-13T12:00:00Z", "2027-03-14T07:00:00Z"},
      {"30 2 * * *", "America/New_York", "2027-03-14T07:00:00Z", "2027-03-15T06:30:00Z"},
      {"30 1 * * *", "America/New_York", "2027-11-06T12:00:00Z", "2027-11-07T05:30:00Z"},
      {"30 1 * * *", "America/New_York", "2027-11-07T05:30:00Z", "2027-11-08T06:30:00Z"},
      // London's clock skips 1:00 on 28 March 2027.
      {"0 1 * * *", "Europe/London", "2027-03-27T12:00:00Z", "2027-03-28T01:00:00Z"},
      {"0 1 * * *", "Europe/London", "2027-03-28T01:00:00Z", "2027-03-29T00:00:00Z"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Next(c.schedule, c.zone, c.after), c.next)
        << c.schedule << " in " << c.zone << " after " << c.after;
  }
}

TEST(ScheduleTest, LastStartIsTheOneInProgress) {
  EXPECT_EQ(Last("daily", "Asia/Tokyo", "2026-11-27T10:00:00+09:00"), "2026-11-26T15:00:00Z");
  EXPECT_EQ(Last("daily", "Asia/Tokyo", "2026-11-26T15:00:00Z"), "2026-11-26T15:00:00Z");
  EXPECT_EQ(Last("0 0 31 * *", "Asia/Tokyo", "2026-12-01T00:00:00Z"), "2026-10-30T15:00:00Z");
  EXPECT_EQ(Last("0 0 29 2 *", "UTC", "2027-01-01T00:00:00Z"), "2024-02-29T00:00:00Z");
  EXPECT_EQ(Last("30 1 * * *", "America/New_York", "2027-11-07T07:00:00Z"), "2027-11-07T05:30:00Z");
  EXPECT_EQ(Last("monthly", "Europe/London", "2027-07-15T00:00:00Z"), "2027-06-30T23:00:00Z");
}

TEST(ScheduleTest, AScheduleThatDoesNotReadSaysWhichField) {
  struct Case {
    const char* text;
    const char* code;
    const char* field;
  };
  const Case cases[] = {
      {"", "schedule.fields", ""},
      {"every day", "schedule.fields", ""},
      {"0 0 * *", "schedule.fields", ""},
      {"0 0 * * * *", "schedule.fields", ""},
      {"60 * * * *", "schedule.invalid", "minute"},
      {"-1 * * * *", "schedule.invalid", "minute"},
      {"* 24 * * *", "schedule.invalid", "hour"},
      {"* * 0 * *", "schedule.invalid", "day_of_month"},
      {"* * * 13 *", "schedule.invalid", "month"},
      {"* * * * 8", "schedule.invalid", "weekday"},
      {"* * * * xyz", "schedule.invalid", "weekday"},
      {"5-1 * * * *", "schedule.invalid", "minute"},
      {"1- * * * *", "schedule.invalid", "minute"},
      {"*/0 * * * *", "schedule.invalid", "minute"},
      {"*/x * * * *", "schedule.invalid", "minute"},
      {"1,,2 * * * *", "schedule.invalid", "minute"},
      {"99999999999 * * * *", "schedule.invalid", "minute"},
      {"0 0 30 2 *", "schedule.invalid", "day_of_month"},  // 30 February never comes
      {"0 0 31 4,6 *", "schedule.invalid", "day_of_month"},
  };
  for (const Case& c : cases) {
    auto s = ParseSchedule(c.text);
    ASSERT_FALSE(s) << "'" << c.text << "'";
    EXPECT_EQ(s.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(s.error().msg.code, c.code) << c.text;
    const std::string* field = nullptr;
    for (const auto& [k, v] : s.error().msg.params) {
      if (k == "field") field = &v;
    }
    EXPECT_EQ(field ? *field : "", c.field) << c.text;
  }
  // 30 February is refused, but with a weekday the day can still come.
  EXPECT_TRUE(ParseSchedule("0 0 30 2 mon"));
  EXPECT_TRUE(ParseSchedule("  0   0  *  *  * "));
}

}  // namespace
}  // namespace sokuo::core
