#include "base/time.h"

#include <gtest/gtest.h>

#include "base/clock.h"
#include "base/sha256.h"
#include "base/text.h"

namespace sokuo {
namespace {

Timestamp At(std::string_view text) { return *ParseRfc3339(text); }

TEST(TimeTest, ParsesAndFormatsRfc3339) {
  struct Case {
    const char* in;
    const char* utc;
  };
  const Case cases[] = {
      {"2026-11-26T01:55:49Z", "2026-11-26T01:55:49Z"},
      {"2026-11-26T10:55:49+09:00", "2026-11-26T01:55:49Z"},
      {"2026-11-26T01:55:49.123456Z", "2026-11-26T01:55:49Z"},
      {"2026-11-25T20:55:49-05:00", "2026-11-26T01:55:49Z"},
      {"2024-02-29T00:00:00z", "2024-02-29T00:00:00Z"},
  };
  for (const Case& c : cases) {
    auto t = ParseRfc3339(c.in);
    ASSERT_TRUE(t) << c.in << ": " << t.error().message;
    EXPECT_EQ(FormatRfc3339(*t), c.utc) << c.in;
  }
}

TEST(TimeTest, RejectsMalformedTimes) {
  const char* bad[] = {"",
                       "2026-11-26",
                       "2026-11-26T01:55:49",
                       "2026-13-01T00:00:00Z",
                       "2025-02-29T00:00:00Z",
                       "2026-11-26T24:00:00Z",
                       "2026-11-26T01:55:49+9:00",
                       "2026-11-26T01:55:49Zjunk",
                       "2026-11-26T01:55:49.Z",
                       "２０２６-11-26T01:55:49Z"};
  for (const char* text : bad) {
    auto t = ParseRfc3339(text);
    EXPECT_FALSE(t) << text;
    if (!t) {
      EXPECT_EQ(t.error().code, ErrorCode::kInvalidInput);
    }
  }
}

TEST(TimeTest, ParsesDays) {
  EXPECT_EQ(FormatDay(*ParseDay("2026-02-28")), "2026-02-28");
  EXPECT_FALSE(ParseDay("2026-02-29"));
  EXPECT_FALSE(ParseDay("2026-2-28"));
  EXPECT_FALSE(ParseDay("20260228"));
}

TEST(CalendarTest, LocalDayFollowsTheZone) {
  auto tokyo = Calendar::Create("Asia/Tokyo");
  ASSERT_TRUE(tokyo);
  // 15:30 UTC on the 25th is 00:30 on the 26th in Tokyo.
  EXPECT_EQ(FormatDay(tokyo->LocalDay(At("2026-11-25T15:30:00Z"))), "2026-11-26");
  EXPECT_EQ(FormatDay(tokyo->LocalDay(At("2026-11-25T14:59:59Z"))), "2026-11-25");
  EXPECT_EQ(FormatRfc3339(tokyo->StartOfDay(*ParseDay("2026-11-26"))), "2026-11-25T15:00:00Z");
  EXPECT_EQ(FormatRfc3339(tokyo->EndOfDay(*ParseDay("2026-11-26"))), "2026-11-26T14:59:59Z");
}

TEST(CalendarTest, DaylightSavingDaysHaveTheirRealLength) {
  auto ny = Calendar::Create("America/New_York");
  ASSERT_TRUE(ny);
  Day spring = *ParseDay("2026-03-08");  // clocks go forward: a 23-hour day
  EXPECT_EQ(ny->EndOfDay(spring) - ny->StartOfDay(spring), std::chrono::seconds(23 * 3600 - 1));
  Day autumn = *ParseDay("2026-11-01");  // clocks go back: a 25-hour day
  EXPECT_EQ(ny->EndOfDay(autumn) - ny->StartOfDay(autumn), std::chrono::seconds(25 * 3600 - 1));
}

TEST(CalendarTest, ClosedDaysAreWeekendsAndHolidays) {
  Day labour_thanksgiving = *ParseDay("2026-11-23");  // a Monday holiday
  auto cal = Calendar::Create("Asia/Tokyo", {labour_thanksgiving});
  ASSERT_TRUE(cal);
  EXPECT_TRUE(cal->IsClosed(*ParseDay("2026-11-21")));  // Saturday
  EXPECT_TRUE(cal->IsClosed(labour_thanksgiving));
  EXPECT_FALSE(cal->IsClosed(*ParseDay("2026-11-24")));  // Tuesday
  EXPECT_EQ(FormatDay(cal->NextOpenDay(*ParseDay("2026-11-21"))), "2026-11-24");
  EXPECT_EQ(FormatDay(cal->NextOpenDay(*ParseDay("2026-11-24"))), "2026-11-24");
}

TEST(CalendarTest, UnknownZoneIsAnError) {
  auto cal = Calendar::Create("Asia/Tokio");
  ASSERT_FALSE(cal);
  EXPECT_NE(cal.error().message.find("Asia/Tokio"), std::string::npos);
  EXPECT_FALSE(IsValidTimeZone("Mars/Olympus"));
  EXPECT_TRUE(IsValidTimeZone("Asia/Tokyo"));
}

TEST(CalendarTest, LocalTimesForPeople) {
  struct Case {
    const char* zone;
    const char* local;    // what a person types
    const char* utc;      // the instant it names
    const char* display;  // FormatLocal of that instant
  };
  const Case cases[] = {
      {"Asia/Tokyo", "2026-11-26 09:30", "2026-11-26T00:30:00Z", "2026-11-26 09:30 JST"},
      {"Asia/Tokyo", "2026-11-26 00:05:59", "2026-11-25T15:05:59Z", "2026-11-26 00:05 JST"},
      {"UTC", "2026-11-26 09:30", "2026-11-26T09:30:00Z", "2026-11-26 09:30 UTC"},
      {"America/New_York", "2026-07-01 12:00", "2026-07-01T16:00:00Z", "2026-07-01 12:00 EDT"},
      // 02:30 does not exist on 2026-03-08 in New York: the earliest instant after the gap.
      {"America/New_York", "2026-03-08 02:30", "2026-03-08T07:00:00Z", "2026-03-08 03:00 EDT"},
  };
  for (const Case& c : cases) {
    auto cal = Calendar::Create(c.zone);
    ASSERT_TRUE(cal) << c.zone;
    auto t = cal->ParseLocal(c.local);
    ASSERT_TRUE(t) << c.local << ": " << t.error().message;
    EXPECT_EQ(FormatRfc3339(*t), c.utc) << c.zone << " " << c.local;
    EXPECT_EQ(cal->FormatLocal(*t), c.display) << c.zone << " " << c.local;
  }
  auto tokyo = Calendar::Create("Asia/Tokyo");
  ASSERT_TRUE(tokyo);
  EXPECT_EQ(tokyo->FormatLocal(std::string_view("2026-11-26T00:30:00Z")), "2026-11-26 09:30 JST");
  EXPECT_EQ(tokyo->FormatLocal(std::string_view("not a time")), "not a time");
  for (const char* bad : {"", "2026-11-26", "2026-11-26T09:30", "2026-11-26 9:30",
                          "2026-02-30 09:30", "2026-11-26 24:00", "2026-11-26 09:30 JST"}) {
    auto t = tokyo->ParseLocal(bad);
    ASSERT_FALSE(t) << bad;
    EXPECT_EQ(t.error().code, ErrorCode::kInvalidInput);
    EXPECT_NE(t.error().message.find("Asia/Tokyo"), std::string::npos) << t.error().message;
  }
}

TEST(FakeClockTest, MovesOnlyWhenTold) {
  FakeClock clock(At("2026-11-26T00:00:00Z"));
  EXPECT_EQ(FormatRfc3339(clock.Now()), "2026-11-26T00:00:00Z");
  clock.Advance(std::chrono::hours(25));
  EXPECT_EQ(FormatRfc3339(clock.Now()), "2026-11-27T01:00:00Z");
}

TEST(Sha256Test, KnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(TextTest, FindsInvalidUtf8) {
  EXPECT_EQ(FirstInvalidUtf8("plain 日本語 text 🚒"), std::nullopt);
  EXPECT_EQ(FirstInvalidUtf8("ab\xff"), 2u);
  EXPECT_EQ(FirstInvalidUtf8("\xe6\x97"), 0u);          // truncated
  EXPECT_EQ(FirstInvalidUtf8("x\xc0\xaf"), 1u);         // overlong '/'
  EXPECT_EQ(FirstInvalidUtf8("\xed\xa0\x80"), 0u);      // surrogate
  EXPECT_EQ(FirstInvalidUtf8("\xf4\x90\x80\x80"), 0u);  // past U+10FFFF
}

TEST(TextTest, DistinctKeepsTheFirstOfEachInOrder) {
  EXPECT_EQ(Distinct({"b", "a", "b", "c", "a"}), (std::vector<std::string>{"b", "a", "c"}));
  EXPECT_EQ(Distinct({}), std::vector<std::string>{});
}

TEST(TextTest, SuggestsCloseWordsOnly) {
  const std::string words[] = {"departments", "people", "systems",  "contacts",
                               "tier",        "head",   "deputies", "id"};
  struct Case {
    const char* word;
    std::optional<std::string> suggestion;
  } cases[] = {
      {"departmens", "departments"},
      {"sytems", "systems"},
      {"vendors", std::nullopt},
      {"teir", "tier"},  // two letters swapped: one edit
      {"heda", "head"},
      {"deputy", "deputies"},  // the singular of a plural key
      {"contact", "contacts"},
      {"idd", "id"},
      {"x", std::nullopt},  // nothing is close to one letter
      {"tiers_of", std::nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(Suggest(c.word, words), c.suggestion) << c.word;
  EXPECT_EQ(DidYouMean("peple", words), " (did you mean 'people'?)");
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("teir", "tier"), 1u);
  EXPECT_EQ(EditDistance("abcd", "badc"), 2u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
}

}  // namespace
}  // namespace sokuo
