#include "codec/disaster_json.h"

#include <gtest/gtest.h>

#include "codec/incident_json.h"

namespace sokuo::codec {
namespace {

core::Disaster SampleDisaster() {
  core::Disaster d{.key = "DIS-2026-0001",
                   .year = 2026,
                   .number = 1,
                   .kind = core::DisasterKind::kPowerOutage,
                   .title = "本社停電",
                   .summary = "地震による停電",
                   .sites = {"本社"},
                   .areas = {"東京都"},
                   .departments = {"it-dept"},
                   .declared_by = "p-suzuki",
                   .declared_at = "2026-11-25T00:00:00Z",
                   .state = core::DisasterState::kClosed,
                   .closed_at = "2026-11-27T00:00:00Z",
                   .close_reason = "委員会判断"};
  d.roll_call = {{.person = "p-ito",
                  .department = "sales",
                  .can_work = true,
                  .from = "2026-11-25T03:00:00Z",
                  .hours_per_day = 6,
                  .day_starts_hour = 10,
                  .where = core::WorkPlace::kAlternateSite,
                  .skills = {"network"},
                  .note = "大阪から",
                  .recorded_by = "p-suzuki",
                  .at = "2026-11-25T01:00:00Z"},
                 {.person = "p-kato"}};
  d.survey = {{.department = "it-dept",
               .site = "本社 3F",
               .item = core::SurveyItem::kConfidentialMedia,
               .target = "backup-tapes",
               .status = core::SurveyStatus::kDegraded,
               .note = "水濡れ",
               .surveyed_by = "p-ito",
               .at = "2026-11-25T02:00:00Z"}};
  d.tasks = {{.id = 1, .kind = core::TaskKind::kOther, .title = "仮設電源の手配"}};
  d.progress = {{.system = "erp",
                 .status = core::RecoveryStatus::kRestoring,
                 .eta = "2026-11-26T00:00:00Z",
                 .note = "紙の伝票で受注",
                 .by = "p-ito",
                 .at = "2026-11-25T05:00:00Z"}};
  d.vendor_requests = {{.id = 1,
                        .vendor = "vendor-a",
                        .system = "erp",
                        .asked_at = "2026-11-25T04:00:00Z",
                        .under_contract = true,
                        .answer = "明朝到着",
                        .eta = "2026-11-26T00:00:00Z",
                        .state = core::VendorRequestState::kAnswered,
                        .by = "p-ito",
                        .at = "2026-11-25T04:30:00Z"}};
  d.exemptions = {{.id = 1,
                   .rule = "持出し申請規程",
                   .scope = "復旧用ノートPC",
                   .expires_at = "2026-12-01T00:00:00Z",
                   .decided_by = "p-sato",
                   .reason = "復旧優先",
                   .at = "2026-11-25T02:00:00Z"}};
  d.plans = {{.id = 1,
              .at = "2026-11-25T05:00:00Z",
              .cause = "disaster.progress",
              .steps = {{.system = "erp",
                         .start_at = "2026-11-25T05:00:00Z",
                         .finish_at = "2026-11-25T08:00:00Z",
                         .worker = "p-ito",
                         .rto_met = false}},
              .unplanned = {{.id = "pbx", .reason = "plan.no_skill", .because = {"pbx"}}}}};
  return d;
}

template <class T>
Result<T> Back(const Json& j) {
  return ReadAll<T>(j, [](JsonReader& r, T& x) { Read(r, x); });
}

TEST(DisasterJsonTest, EveryRecordRoundTrips) {
  core::Disaster d = SampleDisaster();
  auto header = ReadHeaderOf<core::Disaster>(HeaderToJson(d));
  ASSERT_TRUE(header) << header.error().ToString();
  core::Disaster only_header = d;
  only_header.roll_call.clear();
  only_header.survey.clear();
  only_header.tasks.clear();
  only_header.progress.clear();
  only_header.vendor_requests.clear();
  only_header.exemptions.clear();
  only_header.plans.clear();
  EXPECT_EQ(*header, only_header);
  for (const auto& a : d.roll_call) EXPECT_EQ(Back<core::Availability>(ToJson(a)).value(), a);
  EXPECT_EQ(Back<core::SurveyEntry>(ToJson(d.survey[0])).value(), d.survey[0]);
  EXPECT_EQ(Back<core::SystemProgress>(ToJson(d.progress[0])).value(), d.progress[0]);
  EXPECT_EQ(Back<core::VendorRequest>(ToJson(d.vendor_requests[0])).value(), d.vendor_requests[0]);
  EXPECT_EQ(Back<core::Exemption>(ToJson(d.exemptions[0])).value(), d.exemptions[0]);
  EXPECT_EQ(Back<core::PlanVersion>(ToJson(d.plans[0])).value(), d.plans[0]);
  Json whole = ToJson(d);
  EXPECT_EQ(whole["kind"], "power_outage");
  EXPECT_EQ(whole["survey"][0]["item"], "confidential_media");
  EXPECT_EQ(whole["roll_call"][0]["where"], "alternate_site");
  EXPECT_EQ(whole["plans"][0]["unplanned"][0]["system"], "pbx");
  EXPECT_EQ(whole["tasks"][0]["title"], "仮設電源の手配");
}

TEST(DisasterJsonTest, ReportsEveryProblemWithItsPointer) {
  auto survey = Back<core::SurveyEntry>(
      Json{{"department", "it-dept"}, {"item", "coffee"}, {"stat", "ok"}, {"site", 3}});
  ASSERT_FALSE(survey);
  std::vector<std::string> where;
  for (const auto& d : survey.error().details) where.push_back(d.where);
  EXPECT_EQ(where, (std::vector<std::string>{"/stat", "/site", "/item", "/status"}));
  auto a = Back<core::Availability>(Json{{"person", "p"}, {"hours_per_day", "eight"}});
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().details[0].where, "/hours_per_day");
  EXPECT_FALSE(Back<core::Exemption>(Json{{"rule", "x"}}));  // no expiry
  EXPECT_FALSE(ReadHeaderOf<core::Disaster>(
      Json{{"key", "DIS-2026-0001"}, {"title", "t"}}));  // no kind, no state
}

}  // namespace
}  // namespace sokuo::codec
