#include "core/obligation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/org_fixture.h"

namespace sokuo::core {
namespace {

using ::testing::ElementsAre;

Timestamp T(const char* text) { return *ParseRfc3339(text); }

TEST(ObligationTest, DeadlinesCountAsTheRegulatorsDo) {
  Calendar tokyo = *Calendar::Create("Asia/Tokyo");
  struct Case {
    const char* name;
    Obligation o;
    const char* start;
    const char* due;
  };
  const Case cases[] = {
      // PPC final report: 30 days, day 1 = the day of awareness, past closed days.
      {"30 days from a Thursday",
       {.days = 30, .next_open_day = true},
       "2026-11-26T10:00:00+09:00",
       "2026-12-25T23:59:59+09:00"},
      // Day 30 is Saturday 2026-12-26: Monday the 28th is still open.
      {"30 days ending on a Saturday",
       {.days = 30, .next_open_day = true},
       "2026-11-27T10:00:00+09:00",
       "2026-12-28T23:59:59+09:00"},
      // Day 30 is 2026-12-30: closed to 3 January, which is a Sunday; open on the 4th.
      {"30 days into the year-end closure",
       {.days = 30, .next_open_day = true},
       "2026-12-01T10:00:00+09:00",
       "2027-01-04T23:59:59+09:00"},
      // Without the rule the day is the day.
      {"calendar days", {.days = 30}, "2026-12-01T10:00:00+09:00", "2026-12-30T23:59:59+09:00"},
      // The day of awareness is Tokyo's: 23:30 UTC on the 30th is already 1 December there.
      {"day 1 in the company's zone",
       {.days = 5},
       "2026-11-30T15:30:00Z",
       "2026-12-05T23:59:59+09:00"},
      // 60 days (unauthorized purpose) ending on a national holiday (2027-02-11, 建国記念の日).
      {"60 days onto a holiday",
       {.days = 60, .next_open_day = true},
       "2026-12-14T09:00:00+09:00",
       "2027-02-12T23:59:59+09:00"},
      {"72 hours", {.hours = 72}, "2026-11-26T22:15:00+09:00", "2026-11-29T22:15:00+09:00"},
      {"one month", {.months = 1}, "2026-01-31T12:00:00+09:00", "2026-02-28T23:59:59+09:00"},
  };
  for (const Case& c : cases) {
    auto due = DueOf(c.o, T(c.start), tokyo);
    ASSERT_TRUE(due) << c.name;
    EXPECT_EQ(*due, T(c.due)) << c.name << ": " << FormatRfc3339(*due);
  }
}

class ClockTest : public ::testing::Test {
 protected:
  void SetUp() override {
    org_ = SmallOrganization();
    org_.obligations = {
        {.id = "ppc-preliminary", .name = "速報", .when = {"personal_data"}, .days = 5},
        {.id = "ppc-final",
         .name = "確報",
         .when = {"sensitive_personal_data", "financial_harm", "over_1000_persons"},
         .unless = {"unauthorized_purpose"},
         .days = 30,
         .next_open_day = true},
        {.id = "ppc-final-60",
         .name = "確報(不正の目的)",
         .when = {"unauthorized_purpose"},
         .days = 60,
         .next_open_day = true},
        {.id = "nis2-final",
         .name = "NIS2 最終報告",
         .when = {"personal_data"},
         .months = 1,
         .after = "ppc-preliminary"},
    };
    incident_.key = "INC-2026-0001";
    incident_.aware_at = "2026-11-26T01:00:00Z";  // 10:00 in Tokyo
    incident_.assessment = Assessment{};
  }
  Organization org_;
  Incident incident_;
};

TEST_F(ClockTest, NoFactsNoClocks) {
  EXPECT_TRUE(ClocksOf(incident_, org_, T("2026-11-27T00:00:00Z")).empty());
}

TEST_F(ClockTest, FactsStartTheRightClocks) {
  incident_.assessment->personal_data = {{.system = "orders", .leaked = Likelihood::kPossibly}};
  incident_.assessment->unauthorized_purpose = Likelihood::kYes;
  auto clocks = ClocksOf(incident_, org_, T("2026-11-27T00:00:00Z"));
  std::vector<std::string> ids;
  for (const auto& c : clocks) ids.push_back(c.obligation);
  // The 30-day final report gives way to the 60-day one; the NIS2 one waits for the filing.
  EXPECT_THAT(ids, ElementsAre("ppc-preliminary", "ppc-final-60", "nis2-final"));
  EXPECT_EQ(clocks[0].state, ClockState::kOpen);
  EXPECT_EQ(clocks[0].due, "2026-11-30T14:59:59Z");
  EXPECT_EQ(clocks[2].state, ClockState::kWaiting);
  EXPECT_EQ(clocks[2].due, "");
}

TEST_F(ClockTest, FilingStopsTheClockAndLateIsCountedInDays) {
  incident_.assessment->leaks = {{.system = "orders", .persons = 1200, .personal_data = true}};
  // Open and late by 2 days (a part of a day counts as one).
  auto open = ClocksOf(incident_, org_, T("2026-12-02T10:00:00Z"));
  ASSERT_GE(open.size(), 2u);
  EXPECT_EQ(open[0].state, ClockState::kLate);
  EXPECT_EQ(open[0].late_days, 2);
  EXPECT_EQ(open[1].obligation, "ppc-final");  // over 1,000 persons
  incident_.filings = {
      {.id = 1, .obligation = "ppc-preliminary", .filed_at = "2026-11-29T03:00:00Z"}};
  auto filed = ClocksOf(incident_, org_, T("2026-12-20T00:00:00Z"));
  EXPECT_EQ(filed[0].state, ClockState::kFiled);
  EXPECT_EQ(filed[0].late_days, 0);
  // The NIS2 final report now runs from that filing: one month.
  EXPECT_EQ(filed.back().obligation, "nis2-final");
  EXPECT_EQ(filed.back().due, "2026-12-29T14:59:59Z");
  EXPECT_EQ(filed.back().state, ClockState::kOpen);
  incident_.filings[0].filed_at = "2026-12-03T03:00:00Z";
  EXPECT_EQ(ClocksOf(incident_, org_, T("2026-12-20T00:00:00Z"))[0].late_days, 3);
}

TEST_F(ClockTest, AWaivedDutyIsNotLate) {
  incident_.assessment->leaks = {{.system = "orders", .personal_data = true}};
  incident_.filings = {{.id = 1,
                        .obligation = "ppc-preliminary",
                        .waived = true,
                        .reason = "高度な暗号化で保護されていた"}};
  auto clocks = ClocksOf(incident_, org_, T("2027-01-20T00:00:00Z"));
  EXPECT_EQ(clocks[0].state, ClockState::kWaived);
  EXPECT_EQ(clocks[0].late_days, 0);
}

TEST(FactsTest, ReadFromTheAssessmentAndTheHarm) {
  Organization org = SmallOrganization();
  Incident i;
  i.harm = Harm::kPossible;
  i.assessment = Assessment{.persons = 1001,
                            .sensitive_personal_data = Likelihood::kNo,
                            .financial_harm = Likelihood::kPossibly};
  EXPECT_THAT(FactsOf(i, org),
              ElementsAre("financial_harm", "over_1000_persons", "customers_affected",
                          "significant"));  // possible harm to customers: P2
}

}  // namespace
}  // namespace sokuo::core
