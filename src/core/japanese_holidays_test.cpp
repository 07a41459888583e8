#include "core/japanese_holidays.h"

#include <map>
#include <string>

#include <gtest/gtest.h>

namespace sokuo::core {
namespace {

Day D(const char* text) { return *ParseDay(text); }

// The Cabinet Office's list of national holidays (内閣府「国民の祝日について」, syukujitsu.csv,
// Public Data License 1.0) for 2020–2026, and its announcement of 2 February 2026 for 2027.
// "休日" is a substitute holiday or a citizens' holiday.
const std::map<std::string, std::string>& Published() {
  static const std::map<std::string, std::string> kList = {
      {"2020-01-01", "元日"},         {"2020-01-13", "成人の日"},
      {"2020-02-11", "建国記念の日"}, {"2020-02-23", "天皇誕生日"},
      {"2020-02-24", "休日"},         {"2020-03-20", "春分の日"},
      {"2020-04-29", "昭和の日"},     {"2020-05-03", "憲法記念日"},
      {"2020-05-04", "みどりの日"},   {"2020-05-05", "こどもの日"},
      {"2020-05-06", "休日"},         {"2020-07-23", "海の日"},
      {"2020-07-24", "スポーツの日"}, {"2020-08-10", "山の日"},
      {"2020-09-21", "敬老の日"},     {"2020-09-22", "秋分の日"},
      {"2020-11-03", "文化の日"},     {"2020-11-23", "勤労感謝の日"},
      {"2021-01-01", "元日"},         {"2021-01-11", "成人の日"},
      {"2021-02-11", "建国記念の日"}, {"2021-02-23", "天皇誕生日"},
      {"2021-03-20", "春分の日"},     {"2021-04-29", "昭和の日"},
      {"2021-05-03", "憲法記念日"},   {"2021-05-04", "みどりの日"},
      {"2021-05-05", "こどもの日"},   {"2021-07-22", "海の日"},
      {"2021-07-23", "スポーツの日"}, {"2021-08-08", "山の日"},
      {"2021-08-09", "休日"},         {"2021-09-20", "敬老の日"},
      {"2021-09-23", "秋分の日"},     {"2021-11-03", "文化の日"},
      {"2021-11-23", "勤労感謝の日"}, {"2022-01-01", "元日"},
      {"2022-01-10", "成人の日"},     {"2022-02-11", "建国記念の日"},
      {"2022-02-23", "天皇誕生日"},   {"2022-03-21", "春分の日"},
      {"2022-04-29", "昭和の日"},     {"2022-05-03", "憲法記念日"},
      {"2022-05-04", "みどりの日"},   {"2022-05-05", "こどもの日"},
      {"2022-07-18", "海の日"},       {"2022-08-11", "山の日"},
      {"2022-09-19", "敬老の日"},     {"2022-09-23", "秋分の日"},
      {"2022-10-10", "スポーツの日"}, {"2022-11-03", "文化の日"},
      {"2022-11-23", "勤労感謝の日"}, {"2023-01-01", "元日"},
      {"2023-01-02", "休日"},         {"2023-01-09", "成人の日"},
      {"2023-02-11", "建国記念の日"}, {"2023-02-23", "天皇誕生日"},
      {"2023-03-21", "春分の日"},     {"2023-04-29", "昭和の日"},
      {"2023-05-03", "憲法記念日"},   {"2023-05-04", "みどりの日"},
      {"2023-05-05", "こどもの日"},   {"2023-07-17", "海の日"},
      {"2023-08-11", "山の日"},       {"2023-09-18", "敬老の日"},
      {"2023-09-23", "秋分の日"},     {"2023-10-09", "スポーツの日"},
      {"2023-11-03", "文化の日"},     {"2023-11-23", "勤労感謝の日"},
      {"2024-01-01", "元日"},         {"2024-01-08", "成人の日"},
      {"2024-02-11", "建国記念の日"}, {"2024-02-12", "休日"},
      {"2024-02-23", "天皇誕生日"},   {"2024-03-20", "春分の日"},
      {"2024-04-29", "昭和の日"},     {"2024-05-03", "憲法記念日"},
      {"2024-05-04", "みどりの日"},   {"2024-05-05", "こどもの日"},
      {"2024-05-06", "休日"},         {"2024-07-15", "海の日"},
      {"2024-08-11", "山の日"},       {"2024-08-12", "休日"},
      {"2024-09-16", "敬老の日"},     {"2024-09-22", "秋分の日"},
      {"2024-09-23", "休日"},         {"2024-10-14", "スポーツの日"},
      {"2024-11-03", "文化の日"},     {"2024-11-04", "休日"},
      {"2024-11-23", "勤労感謝の日"}, {"2025-01-01", "元日"},
      {"2025-01-13", "成人の日"},     {"2025-02-11", "建国記念の日"},
      {"2025-02-23", "天皇誕生日"},   {"2025-02-24", "休日"},
      {"2025-03-20", "春分の日"},     {"2025-04-29", "昭和の日"},
      {"2025-05-03", "憲法記念日"},   {"2025-05-04", "みどりの日"},
      {"2025-05-05", "こどもの日"},   {"2025-05-06", "休日"},
      {"2025-07-21", "海の日"},       {"2025-08-11", "山の日"},
      {"2025-09-15", "敬老の日"},     {"2025-09-23", "秋分の日"},
      {"2025-10-13", "スポーツの日"}, {"2025-11-03", "文化の日"},
      {"2025-11-23", "勤労感謝の日"}, {"2025-11-24", "休日"},
      {"2026-01-01", "元日"},         {"2026-01-12", "成人の日"},
      {"2026-02-11", "建国記念の日"}, {"2026-02-23", "天皇誕生日"},
      {"2026-03-20", "春分の日"},     {"2026-04-29", "昭和の日"},
      {"2026-05-03", "憲法記念日"},   {"2026-05-04", "みどりの日"},
      {"2026-05-05", "こどもの日"},   {"2026-05-06", "休日"},
      {"2026-07-20", "海の日"},       {"2026-08-11", "山の日"},
      {"2026-09-21", "敬老の日"},     {"2026-09-22", "休日"},
      {"2026-09-23", "秋分の日"},     {"2026-10-12", "スポーツの日"},
      {"2026-11-03", "文化の日"},     {"2026-11-23", "勤労感謝の日"},
      {"2027-01-01", "元日"},         {"2027-01-11", "成人の日"},
      {"2027-02-11", "建国記念の日"}, {"2027-02-23", "天皇誕生日"},
      {"2027-03-21", "春分の日"},     {"2027-03-22", "休日"},
      {"2027-04-29", "昭和の日"},     {"2027-05-03", "憲法記念日"},
      {"2027-05-04", "みどりの日"},   {"2027-05-05", "こどもの日"},
      {"2027-07-19", "海の日"},       {"2027-08-11", "山の日"},
      {"2027-09-20", "敬老の日"},     {"2027-09-23", "秋分の日"},
      {"2027-10-11", "スポーツの日"}, {"2027-11-03", "文化の日"},
      {"2027-11-23", "勤労感謝の日"},
  };
  return kList;
}

TEST(JapaneseHolidaysTest, EveryYearFrom2020To2027IsThePublishedList) {
  for (int y = 2020; y <= 2027; ++y) {
    std::map<std::string, std::string> computed, published;
    for (const NationalHoliday& h : JapaneseHolidays(y)) computed[FormatDay(h.day)] = h.name;
    for (const auto& [day, name] : Published()) {
      if (day.starts_with(std::to_string(y))) published[day] = name;
    }
    EXPECT_EQ(computed, published) << y;
  }
}

// The 2019 enthronement: 1 May and 22 October counted as holidays, so 30 April and 2 May were
// citizens' holidays between two holidays, and the Sunday of 5 May moved to the 6th.
TEST(JapaneseHolidaysTest, TheEnthronementYearFollowsTheRules) {
  for (const char* day : {"2019-04-29", "2019-04-30", "2019-05-01", "2019-05-02", "2019-05-03",
                          "2019-05-06", "2019-08-12", "2019-10-22", "2019-11-04"}) {
    EXPECT_TRUE(IsJapaneseHoliday(D(day))) << day;
  }
  EXPECT_FALSE(IsJapaneseHoliday(D("2019-12-23"))) << "no emperor's birthday in 2019";
  EXPECT_TRUE(IsJapaneseHoliday(D("2018-12-23")));
  EXPECT_TRUE(IsJapaneseHoliday(D("2018-12-24"))) << "its substitute";
}

TEST(JapaneseHolidaysTest, SubstitutesNeverFallOnASundayAndTheRangeIsStated) {
  for (int y = kFirstHolidayYear; y <= kLastHolidayYear; ++y) {
    auto all = JapaneseHolidays(y);
    EXPECT_GE(all.size(), y >= 2016 ? 16u : 15u) << y;  // 山の日 from 2016
    for (const NationalHoliday& h : all) {
      EXPECT_TRUE(h.day.ok()) << y;
      EXPECT_EQ(h.day.year(), std::chrono::year{y});
      if (h.name == "休日") {
        EXPECT_NE(std::chrono::weekday{std::chrono::sys_days{h.day}}, std::chrono::Sunday)
            << FormatDay(h.day);
      }
    }
  }
  EXPECT_TRUE(JapaneseHolidays(kFirstHolidayYear - 1).empty());
  EXPECT_TRUE(JapaneseHolidays(kLastHolidayYear + 1).empty());
}

TEST(JapaneseHolidaysTest, TheGovernmentIsClosedOnWeekendsHolidaysAndAtTheYearEnd) {
  EXPECT_FALSE(IsGovernmentClosed(D("2026-11-26")));  // a Thursday
  EXPECT_TRUE(IsGovernmentClosed(D("2026-11-28")));   // Saturday
  EXPECT_TRUE(IsGovernmentClosed(D("2026-11-29")));   // Sunday
  EXPECT_TRUE(IsGovernmentClosed(D("2026-11-23")));   // 勤労感謝の日, a Monday
  for (const char* day : {"2026-12-29", "2026-12-30", "2026-12-31", "2027-01-02", "2027-01-03"}) {
    EXPECT_TRUE(IsGovernmentClosed(D(day))) << day;
  }
  EXPECT_FALSE(IsGovernmentClosed(D("2026-12-28")));
  EXPECT_FALSE(IsGovernmentClosed(D("2027-01-04")));
}

// Day 1 is the day the company knew; the last day moves to the next open day (APPI final report,
// anchors-guidelines §1.7: 30 days, 60 for an unauthorized purpose).
TEST(JapaneseHolidaysTest, DeadlinesCountTheFirstDayAndSkipClosedDays) {
  struct Case {
    const char* first;
    int days;
    const char* due;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"2026-11-26", 30, "2026-12-25"},  // a Friday: stays
           {"2026-11-27", 30, "2026-12-28"},  // Saturday the 26th → Monday
           {"2026-11-30", 30, "2027-01-04"},  // 29 December → after the year-end closure
           {"2026-04-06", 30, "2026-05-07"},  // こどもの日, then the substitute of 3 May
           {"2026-07-24", 60, "2026-09-24"},  // 敬老の日, the citizens' holiday, 秋分の日
           {"2027-02-20", 30, "2027-03-23"},  // 春分の日 on a Sunday and its substitute
           {"2026-11-26", 1, "2026-11-26"},   // day 1 itself
       }) {
    EXPECT_EQ(FormatDay(DeadlineDay(D(c.first), c.days)), c.due) << c.first << " + " << c.days;
  }
}

}  // namespace
}  // namespace sokuo::core
