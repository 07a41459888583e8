#include "app/control_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/app.h"
#include "base/temp_dir.h"
#include "core/org_fixture.h"
#include "orgfile/org_file.h"
#include "store/notification_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace sokuo::app {
namespace {

using ::testing::ElementsAre;

class ControlAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(*store::SqliteStore::Open({.path = dir_.File("sokuo.db")}));
    app_ = std::make_unique<App>(*store_, clock_);
    org_ = core::SmallOrganization();
    org_.people.push_back({.id = "p-clerk", .name = "p-clerk", .department = "sales"});
    org_.controls = {
        {.id = "log-review",
         .name = "アクセスログの点検",
         .name_en = "Access-log review",
         .kind = core::ControlKind::kDetection,
         .clause = "G4.2.3",
         .department = "it-dept",
         .schedule = "daily",
         .evidence = "点検したログの範囲"},
        {.id = "info-check",
         .name = "情報の保管状況の点検",
         .kind = core::ControlKind::kDetection,
         .clause = "G4.2.1",
         .department = "sales",
         .schedule = "monthly",
         .due_hours = 72},
        {.id = "virus-scan",
         .name = "ウイルスチェック",
         .department = "it-dept",
         .schedule = "daily",
         .source = "clamav"},
    };
    auto imported = app_->organization().Import(orgfile::Emit(org_), "o", {"t"});
    ASSERT_TRUE(imported) << imported.error().ToString();
  }
  void TearDown() override {
    app_.reset();
    store_.reset();
  }
  Actor As(const std::string& person, std::vector<core::Role> granted = {}) {
    return {person, core::Principal{person, core::DeriveRoles(org_, person, granted)}};
  }
  int64_t Head() { return store_->Head()->seq; }
  ControlTickReport Tick() {
    auto r = app_->controls().Tick(clock_.Now());
    EXPECT_TRUE(r) << r.error().ToString();
    return r ? *r : ControlTickReport{};
  }
  std::vector<std::string> Ids(const OccurrenceFilter& filter = {}) {
    auto page = app_->controls().Occurrences(filter, {}, As("p-clerk"));
    EXPECT_TRUE(page) << page.error().ToString();
    std::vector<std::string> out;
    for (const auto& v : page->items) out.push_back(v.occurrence.id);
    return out;
  }

  // Friday 27 November 2026, 10:00 in Tokyo.
  FakeClock clock_{*ParseRfc3339("2026-11-27T01:00:00Z")};
  TempDir dir_{"control-app"};
  core::Organization org_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<App> app_;
};

TEST_F(ControlAppTest, OccurrencesComeOnScheduleAndCatchUpAfterADowntime) {
  // The day in progress, for each daily control; this month's check was due on 3 November,
  // before the catalog had it: it starts with December's.
  EXPECT_EQ(Tick().scheduled, 2);
  EXPECT_THAT(Ids(),
              ElementsAre("virus-scan/2026-11-26T15:00:00Z", "log-review/2026-11-26T15:00:00Z"));
  int64_t head = Head();
  EXPECT_EQ(Tick().scheduled, 0);  // nothing new: nothing written
  EXPECT_EQ(Head(), head);
  // Three days with the server off: each day is made, none skipped.
  clock_.Advance(std::chrono::hours(72));
  EXPECT_EQ(Tick().scheduled, 6);
  EXPECT_THAT(Ids({.control = "log-review"}),
              ElementsAre("log-review/2026-11-29T15:00:00Z", "log-review/2026-11-28T15:00:00Z",
                          "log-review/2026-11-27T15:00:00Z", "log-review/2026-11-26T15:00:00Z"));
  auto journal = store_->ReadJournal({.after_seq = head});
  ASSERT_TRUE(journal);
  EXPECT_EQ(journal->front().action, "control.scheduled");
  EXPECT_EQ(journal->front().actor, "system");
}

TEST_F(ControlAppTest, AnOverdueControlIsToldToTheDepartmentHeadOnce) {
  EXPECT_EQ(Tick().escalated, 0);
  clock_.Set(*ParseRfc3339("2026-11-27T15:00:00Z"));  // midnight: yesterday's review is overdue
  ControlTickReport r = Tick();
  EXPECT_EQ(r.escalated, 2);  // the review and the scan, both of the IS department
  auto messages = store::Outbox(*store_, "control:log-review");
  ASSERT_TRUE(messages);
  ASSERT_EQ(messages->size(), 1u);
  EXPECT_EQ((*messages)[0].kind, "control.overdue");
  EXPECT_THAT((*messages)[0].recipients, ElementsAre("p-suzuki"));
  EXPECT_NE((*messages)[0].title.find("アクセスログの点検"), std::string::npos);
  EXPECT_EQ(Tick().escalated, 0);  // told once
  EXPECT_EQ(store::Outbox(*store_, "control:log-review")->size(), 1u);
  auto overdue =
      app_->controls().Occurrences({.state = core::OccurrenceState::kOverdue}, {}, As("p-clerk"));
  ASSERT_TRUE(overdue);
  ASSERT_EQ(overdue->total, 2u);
  EXPECT_FALSE(overdue->items[0].occurrence.escalated_at.empty());
}

TEST_F(ControlAppTest, TheDepartmentRecordsItsWorkAndAFindingOpensAnIncident) {
  clock_.Set(*ParseRfc3339("2026-11-01T01:00:00Z"));  // this month's check is in progress
  Tick();
  clock_.Set(*ParseRfc3339("2026-11-27T01:00:00Z"));
  const std::string id = "info-check/2026-10-31T15:00:00Z";
  int64_t head = Head();
  // The committee chair is not of the department; the auditor changes nothing; no note.
  auto refused = app_->controls().Complete(id, {}, As("p-sato"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
  refused = app_->controls().Complete(id, {}, As("p-suzuki", {core::Role::kAuditor}));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
  refused =
      app_->controls().Complete(id, {.result = core::ControlResult::kFindings}, As("p-clerk"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(Head(), head);  // nothing written

  auto done = app_->controls().Complete(id,
                                        {.result = core::ControlResult::kFindings,
                                         .note = "共有フォルダに顧客名簿が置かれたまま",
                                         .done_at = "2026-11-02T05:00:00Z"},
                                        As("p-clerk"));
  ASSERT_TRUE(done) << done.error().ToString();
  EXPECT_EQ(done->state, core::OccurrenceState::kOnTime);
  EXPECT_EQ(done->occurrence.done_by, "p-clerk");
  EXPECT_EQ(done->occurrence.done_at, "2026-11-02T05:00:00Z");
  EXPECT_EQ(done->occurrence.recorded_at, "2026-11-27T01:00:00Z");
  auto twice = app_->controls().Complete(id, {.note = "x"}, As("p-clerk"));
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);

  auto incident = app_->controls().OpenIncident(id, As("p-clerk"));
  ASSERT_TRUE(incident) << incident.error().ToString();
  EXPECT_EQ(incident->incident.reporter_department, "sales");
  EXPECT_NE(incident->incident.title.find("情報の保管状況の点検"), std::string::npos);
  EXPECT_NE(incident->incident.summary.find("顧客名簿"), std::string::npos);
  auto linked = app_->controls().Get(id, As("p-clerk"));
  ASSERT_TRUE(linked);
  EXPECT_EQ(linked->occurrence.incident, incident->incident.key);
  auto again = app_->controls().OpenIncident(id, As("p-clerk"));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_F(ControlAppTest, EvidenceIsAskedAndScansAreNotTickedByHand) {
  Tick();
  auto no_evidence =
      app_->controls().Complete("log-review/2026-11-26T15:00:00Z", {}, As("p-suzuki"));
  ASSERT_FALSE(no_evidence);
  EXPECT_EQ(no_evidence.error().code, ErrorCode::kInvalidInput);
  EXPECT_TRUE(app_->controls().Complete("log-review/2026-11-26T15:00:00Z",
                                        {.evidence = "fw01, web01 の 11/26 分"}, As("p-suzuki")));
  auto scan = app_->controls().Complete("virus-scan/2026-11-26T15:00:00Z", {}, As("p-suzuki"));
  ASSERT_FALSE(scan);
  EXPECT_EQ(scan.error().code, ErrorCode::kConflict);
  auto missing = app_->controls().Complete("log-review/2020-01-01T00:00:00Z", {}, As("p-suzuki"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_F(ControlAppTest, ComplianceCountsThePeriodPerControlAndDepartment) {
  clock_.Set(*ParseRfc3339("2026-11-24T01:00:00Z"));
  Tick();
  clock_.Set(*ParseRfc3339("2026-11-27T01:00:00Z"));
  Tick();
  // The 24th done on time, the 25th late, the 26th missed, the 27th open (Tokyo days).
  ASSERT_TRUE(app_->controls().Complete("log-review/2026-11-23T15:00:00Z",
                                        {.evidence = "e", .done_at = "2026-11-24T02:00:00Z"},
                                        As("p-suzuki")));
  ASSERT_TRUE(app_->controls().Complete("log-review/2026-11-24T15:00:00Z",
                                        {.evidence = "e", .done_at = "2026-11-26T02:00:00Z"},
                                        As("p-suzuki")));
  auto c =
      app_->controls().Compliance(*ParseDay("2026-11-24"), *ParseDay("2026-11-27"), As("p-clerk"));
  ASSERT_TRUE(c) << c.error().ToString();
  EXPECT_EQ(c->from, "2026-11-23T15:00:00Z");
  EXPECT_EQ(c->to, "2026-11-27T15:00:00Z");
  EXPECT_EQ(c->counts.controls["log-review"],
            (core::ComplianceCount{.on_time = 1, .late = 1, .missed = 1, .open = 1}));
  // The monthly check started on 1 November, before the period.
  EXPECT_EQ(c->counts.controls["info-check"], core::ComplianceCount{});
  EXPECT_EQ(c->counts.departments["it-dept"].missed, 1 + 3);  // and three days of scans
  auto backwards =
      app_->controls().Compliance(*ParseDay("2026-11-27"), *ParseDay("2026-11-24"), As("p-clerk"));
  ASSERT_FALSE(backwards);
  EXPECT_EQ(backwards.error().code, ErrorCode::kInvalidInput);
}

TEST_F(ControlAppTest, AUserSettingsReviewComparesEachHostWithItsPreviousReview) {
  clock_.Set(*ParseRfc3339("2026-11-01T01:00:00Z"));  // November's check is in progress
  Tick();
  const std::string november = "info-check/2026-10-31T15:00:00Z";
  const std::string listing =
      "root:x:0:0:root:/root:/bin/bash\n"
      "tanaka:x:1000:1000::/home/tanaka:/bin/bash\n"
      "root:x:0:\nsudo:x:27:\n";
  auto first = app_->controls().ReviewAccounts(november, "fs01", listing, As("p-clerk"));
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_TRUE(first->changes.first);
  EXPECT_EQ(first->listing.accounts.size(), 2u);
  // Once per host and occurrence; a listing that does not read changes nothing.
  auto again = app_->controls().ReviewAccounts(november, "fs01", listing, As("p-clerk"));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  int64_t head = Head();
  auto garbage = app_->controls().ReviewAccounts(november, "fs02", "hello\n", As("p-clerk"));
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().code, ErrorCode::kInvalidInput);
  auto stranger = app_->controls().ReviewAccounts(november, "fs02", listing, As("p-sato"));
  ASSERT_FALSE(stranger);
  EXPECT_EQ(stranger.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(Head(), head);

  // December: someone was given sudo, and an account nobody in the organization holds appeared.
  clock_.Set(*ParseRfc3339("2026-12-01T01:00:00Z"));
  Tick();
  auto december = app_->controls().ReviewAccounts(
      "info-check/2026-11-30T15:00:00Z", "fs01",
      listing + "olduser:x:1001:1001::/home/olduser:/bin/bash\n", As("p-clerk"));
  ASSERT_TRUE(december) << december.error().ToString();
  const core::AccountChanges& c = december->changes;
  EXPECT_FALSE(c.first);
  EXPECT_EQ(december->previous, november + "/fs01");
  EXPECT_THAT(c.added, ElementsAre("olduser"));
  EXPECT_THAT(c.unknown, ElementsAre("olduser"));
  auto listed = app_->controls().AccountReviews("info-check/2026-11-30T15:00:00Z", As("p-clerk"));
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].changes, c);  // as stored
}

}  // namespace
}  // namespace sokuo::app
