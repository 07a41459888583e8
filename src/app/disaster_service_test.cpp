#include "app/disaster_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/app.h"
#include "base/temp_dir.h"
#include "core/disaster_fixture.h"
#include "orgfile/org_file.h"
#include "store/notification_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace sokuo::app {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

class DisasterAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(*store::SqliteStore::Open({.path = dir_.File("sokuo.db")}));
    app_ = std::make_unique<App>(*store_, clock_);
    org_ = core::DisasterOrganization();
    org_.people.push_back({.id = "p-member", .name = "p-member", .department = "sales"});
    for (auto& s : org_.systems) {
      if (s.name.empty()) s.name = s.id;
    }
    auto imported = app_->organization().Import(orgfile::Emit(org_), "o", {"t"});
    ASSERT_TRUE(imported) << imported.error().ToString();
  }
  void TearDown() override {
    app_.reset();
    store_.reset();
  }
  // The person as the server would see them: with the roles the organization gives.
  Actor As(const std::string& person) {
    return {person, core::Principal{person, core::DeriveRoles(org_, person, {})}};
  }
  int64_t Head() { return store_->Head()->seq; }
  // The error code of a call that must fail; nullopt (and a test failure) when it did not.
  template <class T>
  static std::optional<ErrorCode> Refusal(const Result<T>& r) {
    EXPECT_FALSE(r) << "the call was expected to be refused";
    if (r) return std::nullopt;
    return r.error().code;
  }

  // Wednesday 25 November 2026, 10:00 in Tokyo.
  FakeClock clock_{*ParseRfc3339("2026-11-25T01:00:00Z")};
  TempDir dir_{"disaster-app"};
  core::Organization org_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<App> app_;
};

TEST_F(DisasterAppTest, DeclaringTellsTheCommitteeAndAsksTheHeadsForTheRollCall) {
  auto d = app_->disasters().Declare({.kind = core::DisasterKind::kEarthquake,
                                      .title = "本社 震度6弱",
                                      .sites = {"本社"},
                                      .departments = {"it-dept", "sales"},
                                      .at = "2026-11-25T00:00:00Z"},
                                     As("p-ito"));
  ASSERT_TRUE(d) << d.error().ToString();
  EXPECT_EQ(d->disaster.key, "DIS-2026-0001");
  EXPECT_EQ(d->disaster.declared_by, "p-ito");
  EXPECT_EQ(d->disaster.declared_at, "2026-11-25T00:00:00Z");
  ASSERT_EQ(d->disaster.plans.size(), 1u);  // the plan at declaration
  EXPECT_EQ(d->disaster.plans[0].cause, "disaster.declare");
  // Nobody has answered the roll call: nothing can be planned for want of staff.
  EXPECT_THAT(d->disaster.plans[0].steps, IsEmpty());
  auto messages = store::Outbox(*store_, "DIS-2026-0001");
  ASSERT_TRUE(messages);
  ASSERT_EQ(messages->size(), 2u);
  EXPECT_EQ((*messages)[0].kind, "disaster.declared");
  // The committee and the IS department, but not the one who declared it.
  EXPECT_THAT((*messages)[0].recipients, UnorderedElementsAre("p-sato", "p-suzuki", "p-kato"));
  EXPECT_EQ((*messages)[1].kind, "disaster.roll_call");
  EXPECT_THAT((*messages)[1].recipients, ElementsAre("p-suzuki", "p-tanaka"));
  // Without affected departments, every department head but the committee's is asked.
  auto all = app_->disasters().Declare({.title = "広域停電"}, As("p-sato"));
  ASSERT_TRUE(all) << all.error().ToString();
  EXPECT_EQ(all->disaster.key, "DIS-2026-0002");
  auto asked = store::Outbox(*store_, "DIS-2026-0002");
  ASSERT_TRUE(asked && asked->size() == 2u);
  EXPECT_THAT((*asked)[1].recipients, ElementsAre("p-suzuki", "p-tanaka"));
}

TEST_F(DisasterAppTest, WhoMayNotActChangesNothing) {
  int64_t before = Head();
  auto member = app_->disasters().Declare({.title = "x"}, As("p-member"));
  ASSERT_FALSE(member);
  EXPECT_EQ(member.error().code, ErrorCode::kForbidden);
  auto bad = app_->disasters().Declare({.title = "", .departments = {"nowhere"}}, As("p-sato"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(bad.error().details.size(), 2u);  // title and department
  EXPECT_EQ(Head(), before);
  ASSERT_TRUE(app_->disasters().Declare({.title = "地震"}, As("p-sato")));
  before = Head();
  const std::string key = "DIS-2026-0001";
  // A member answers for themself, not for their head; surveys only their own department.
  EXPECT_EQ(Refusal(app_->disasters().RollCall(key, {.person = "p-tanaka", .can_work = true},
                                               As("p-member"))),
            ErrorCode::kForbidden);
  EXPECT_EQ(
      Refusal(app_->disasters().Survey(
          key, {{.department = "it-dept", .item = core::SurveyItem::kPower}}, As("p-member"))),
      ErrorCode::kForbidden);
  // One bad entry of several: none is kept, and the problem names its entry.
  auto survey = app_->disasters().Survey(
      key,
      {{.department = "sales", .item = core::SurveyItem::kPower},
       {.department = "sales", .item = core::SurveyItem::kPower, .target = "x"}},
      As("p-member"));
  ASSERT_FALSE(survey);
  EXPECT_EQ(survey.error().details[0].where, "/entries/1/target");
  EXPECT_EQ(Refusal(app_->disasters().Exempt(
                key, {.rule = "r", .expires_at = "2026-12-01T00:00:00Z"}, As("p-tanaka"))),
            ErrorCode::kForbidden);
  EXPECT_EQ(Refusal(app_->disasters().Get("DIS-2026-0099", As("p-member"))), ErrorCode::kNotFound);
  // A head answers for their own people only, whatever department the answer claims; a
  // department surveys the systems it owns, not another's.
  EXPECT_EQ(
      Refusal(app_->disasters().RollCall(
          key, {.person = "p-ito", .department = "sales", .can_work = false}, As("p-tanaka"))),
      ErrorCode::kForbidden);
  EXPECT_EQ(Refusal(app_->disasters().Survey(key,
                                             {{.department = "sales",
                                               .item = core::SurveyItem::kSystems,
                                               .target = "erp",
                                               .status = core::SurveyStatus::kOk}},
                                             As("p-member"))),
            ErrorCode::kForbidden);
  EXPECT_EQ(Head(), before);
}

TEST_F(DisasterAppTest, TheBoardFollowsTheRecordsAndEachPlanIsKept) {
  const std::string key = "DIS-2026-0001";
  ASSERT_TRUE(app_->disasters().Declare(
      {.title = "本社 震度6弱", .departments = {"it-dept", "sales"}, .at = "2026-11-25T00:00:00Z"},
      As("p-sato")));
  // The head of sales surveys; an entry written up later keeps when it was surveyed.
  auto surveyed = app_->disasters().Survey(key,
                                           {{.department = "sales",
                                             .item = core::SurveyItem::kPower,
                                             .status = core::SurveyStatus::kDown,
                                             .at = "2026-11-25T00:30:00Z"},
                                            {.department = "sales",
                                             .item = core::SurveyItem::kTelephones,
                                             .status = core::SurveyStatus::kOk}},
                                           As("p-tanaka"));
  ASSERT_TRUE(surveyed) << surveyed.error().ToString();
  EXPECT_EQ(surveyed->disaster.survey[0].surveyed_by, "p-tanaka");
  EXPECT_EQ(surveyed->disaster.survey[1].at, "2026-11-25T01:00:00Z");
  const auto& rows = surveyed->survey_matrix.rows;
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].department, "sales");
  EXPECT_EQ(rows[1].cells[1], core::SurveyStatus::kDown);  // power
  // The utility says power returns at 15:00.
  ASSERT_TRUE(app_->disasters().Progress(
      key,
      {.system = "power", .status = core::RecoveryStatus::kDown, .eta = "2026-11-25T06:00:00Z"},
      As("p-suzuki")));
  // The IS staff answer the roll call; p-ito can work, so the network can be planned.
  ASSERT_TRUE(app_->disasters().RollCall(key, {.person = "p-ito", .can_work = true}, As("p-ito")));
  auto answered = app_->disasters().RollCall(
      key, {.person = "p-watanabe", .can_work = true, .hours_per_day = 24}, As("p-suzuki"));
  ASSERT_TRUE(answered) << answered.error().ToString();
  EXPECT_EQ(answered->disaster.roll_call[1].recorded_by, "p-suzuki");
  ASSERT_EQ(answered->disaster.plans.size(), 5u);  // declare, survey, power, two answers
  EXPECT_EQ(answered->disaster.plans[4].cause, "disaster.rollcall");
  // Before anyone could work, only the utility's power was planned.
  ASSERT_EQ(answered->disaster.plans[2].steps.size(), 1u);
  EXPECT_EQ(answered->disaster.plans[2].steps[0].system, "power");
  EXPECT_EQ(answered->disaster.plans[2].steps[0].worker, "");
  EXPECT_EQ(answered->disaster.plans[2].steps[0].finish_at, "2026-11-25T06:00:00Z");
  // Then the core network first, by the one with the skill, once power is back.
  ASSERT_GE(answered->disaster.plans[4].steps.size(), 2u);
  EXPECT_EQ(answered->disaster.plans[4].steps[1].system, "core-network");
  EXPECT_EQ(answered->disaster.plans[4].steps[1].worker, "p-ito");
  EXPECT_EQ(answered->disaster.plans[4].steps[1].start_at, "2026-11-25T06:00:00Z");
  // The stored versions are what the board showed: nothing recomputed on reading.
  auto read = app_->disasters().Get(key, As("p-member"));
  ASSERT_TRUE(read);
  EXPECT_EQ(read->disaster.plans, answered->disaster.plans);
  const core::DepartmentStaff* it = nullptr;
  for (const auto& s : read->staff) {
    if (s.department == "it-dept") it = &s;
  }
  ASSERT_NE(it, nullptr);
  ASSERT_EQ(it->roles.size(), 1u);
  EXPECT_EQ(it->roles[0].filled_by, "p-ito");
  // A vendor under contract; the plan follows its ETA.
  auto asked =
      app_->disasters().AskVendor(key, {.vendor = "dc-vendor", .system = "erp"}, As("p-suzuki"));
  ASSERT_TRUE(asked) << asked.error().ToString();
  EXPECT_TRUE(asked->disaster.vendor_requests[0].under_contract);
  auto answered_vendor = app_->disasters().UpdateVendor(
      key, 1, {.state = core::VendorRequestState::kAnswered}, As("p-suzuki"));
  ASSERT_FALSE(answered_vendor);  // an answer needs the vendor's words
  ASSERT_TRUE(app_->disasters().UpdateVendor(key, 1,
                                             {.state = core::VendorRequestState::kAnswered,
                                              .answer = "技術者が明朝到着",
                                              .eta = "2026-11-26T00:00:00Z"},
                                             As("p-suzuki")));
  auto plan = app_->disasters().Plan(key, As("p-member"));
  ASSERT_TRUE(plan) << plan.error().ToString();
  EXPECT_EQ(plan->subject, key);
  bool erp_after_vendor = false;
  for (const auto& s : plan->steps) {
    if (s.planned.id == "erp") erp_after_vendor = s.start_at >= "2026-11-26T00:00:00Z";
  }
  EXPECT_TRUE(erp_after_vendor);
  // G5.2.2: a vendor is contacted on the committee's approval; an instruction reaches the
  // departments it instructs.
  core::ContactLog call{.audience = core::Audience::kVendor,
                        .contact = "dc-vendor",
                        .channel = core::ChannelKind::kPhone,
                        .summary = "出荷遅延"};
  auto unapproved = app_->disasters().AddContact(key, call, As("p-suzuki"));
  ASSERT_FALSE(unapproved);
  EXPECT_EQ(unapproved.error().details[0].where, "/approved_by");
  ASSERT_TRUE(app_->disasters().Decide(key,
                                       {.kind = core::DecisionKind::kApproval,
                                        .text = "保守業者への連絡を承認",
                                        .decided_by = "p-sato"},
                                       As("p-suzuki")));
  auto instructed = app_->disasters().Decide(key,
                                             {.kind = core::DecisionKind::kInstruction,
                                              .text = "営業は代替手段で受注",
                                              .decided_by = "p-sato",
                                              .departments = {"sales"}},
                                             As("p-suzuki"));
  ASSERT_TRUE(instructed) << instructed.error().ToString();
  call.approved_by = 1;
  auto told = app_->disasters().AddContact(key, call, As("p-suzuki"));
  ASSERT_TRUE(told) << told.error().ToString();
  EXPECT_EQ(told->disaster.contacts[0].by, "p-suzuki");
  auto sent = store::Outbox(*store_, key);
  ASSERT_TRUE(sent);
  EXPECT_EQ(sent->back().kind, "disaster.decision");
  EXPECT_THAT(sent->back().recipients, ElementsAre("p-tanaka"));
  EXPECT_EQ(Refusal(app_->disasters().Decide(
                key, {.kind = core::DecisionKind::kPolicy, .text = "x", .decided_by = "p-sato"},
                As("p-tanaka"))),
            ErrorCode::kForbidden);
  // Measures and exemptions.
  auto task = app_->disasters().AddTask(
      key, {.kind = core::TaskKind::kOther, .title = "仮設電源の手配"}, As("p-suzuki"));
  ASSERT_TRUE(task);
  ASSERT_TRUE(
      app_->disasters().UpdateTask(key, 1, {.status = core::TaskStatus::kDone}, As("p-suzuki")));
  auto by_it = app_->disasters().Exempt(key,
                                        {.rule = "持出し申請規程",
                                         .scope = "PC",
                                         .expires_at = "2026-12-01T00:00:00Z",
                                         .reason = "-"},
                                        As("p-ito"));
  ASSERT_FALSE(by_it);  // p-ito records it, but the decider must be on the committee
  EXPECT_EQ(by_it.error().details[0].where, "/decided_by");
  auto exempted = app_->disasters().Exempt(key,
                                           {.rule = "持出し申請規程",
                                            .scope = "復旧用PC",
                                            .expires_at = "2026-12-01T00:00:00Z",
                                            .decided_by = "p-sato",
                                            .reason = "復旧優先"},
                                           As("p-suzuki"));
  ASSERT_TRUE(exempted) << exempted.error().ToString();
  EXPECT_EQ(exempted->active_exemptions.size(), 1u);
  EXPECT_FALSE(exempted->close_blocks.empty());  // tier-a systems are not back
  EXPECT_TRUE(store_->Verify()->ok());
}

TEST_F(DisasterAppTest, NothingHappensBeforeTheDisasterAndTimesAreKeptInUtc) {
  const std::string key = "DIS-2026-0001";
  ASSERT_TRUE(app_->disasters().Declare(
      {.title = "地震", .departments = {"it-dept"}, .at = "2026-11-25T00:30:00Z"}, As("p-sato")));
  int64_t before = Head();
  auto early = app_->disasters().RollCall(
      key, {.person = "p-ito", .can_work = true, .at = "2026-11-25T00:10:00Z"}, As("p-ito"));
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().where, "/at");
  auto survey = app_->disasters().Survey(
      key,
      {{.department = "it-dept", .item = core::SurveyItem::kPower, .at = "2026-11-24T23:00:00Z"}},
      As("p-ito"));
  ASSERT_FALSE(survey);
  EXPECT_EQ(survey.error().where, "/entries/0/at");
  EXPECT_EQ(Refusal(app_->disasters().Close(key, "r", "2026-11-25T00:00:00Z", As("p-sato"))),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(Head(), before);
  // An ETA given on the company's clock is kept in UTC, as every time is.
  auto progress = app_->disasters().Progress(key,
                                             {.system = "erp",
                                              .status = core::RecoveryStatus::kRestoring,
                                              .eta = "2026-11-26T09:00:00+09:00"},
                                             As("p-suzuki"));
  ASSERT_TRUE(progress) << progress.error().ToString();
  EXPECT_EQ(progress->disaster.progress[0].eta, "2026-11-26T00:00:00Z");
  EXPECT_EQ(progress->disaster.state, core::DisasterState::kRecovering);
  // A vendor cannot answer before it was asked; an empty answer changes nothing.
  ASSERT_TRUE(app_->disasters().AskVendor(key, {.vendor = "dc-vendor"}, As("p-suzuki")));
  EXPECT_EQ(Refusal(app_->disasters().UpdateVendor(key, 1,
                                                   {.state = core::VendorRequestState::kAnswered,
                                                    .answer = "a",
                                                    .at = "2026-11-25T00:40:00Z"},
                                                   As("p-suzuki"))),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(Refusal(app_->disasters().UpdateVendor(key, 1, {}, As("p-suzuki"))),
            ErrorCode::kInvalidInput);
  // A department added later: its head is asked for the roll call too, once.
  ASSERT_TRUE(app_->disasters().Update(
      key, {.departments = std::vector<std::string>{"it-dept", "sales"}}, As("p-sato")));
  auto sent = store::Outbox(*store_, key);
  ASSERT_TRUE(sent);
  EXPECT_EQ(sent->back().kind, "disaster.roll_call");
  EXPECT_THAT(sent->back().recipients, ElementsAre("p-tanaka"));
}

TEST_F(DisasterAppTest, ClosingNeedsTierABackOrTheCommitteesReasonThenRefusesChanges) {
  const std::string key = "DIS-2026-0001";
  ASSERT_TRUE(app_->disasters().Declare({.title = "地震"}, As("p-sato")));
  auto refused = app_->disasters().Close(key, "", "", As("p-suzuki"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  // p-ito may record a closing, but the reason to close anyway must be a committee member's.
  EXPECT_EQ(Refusal(app_->disasters().Close(key, "代替拠点で継続", "", As("p-ito"))),
            ErrorCode::kConflict);
  auto closed = app_->disasters().Close(key, "代替拠点で業務継続", "", As("p-sato"));
  ASSERT_TRUE(closed) << closed.error().ToString();
  EXPECT_EQ(closed->disaster.state, core::DisasterState::kClosed);
  EXPECT_EQ(closed->disaster.close_reason, "代替拠点で業務継続");
  EXPECT_THAT(closed->close_blocks, IsEmpty());
  auto late = app_->disasters().RollCall(key, {.person = "p-ito"}, As("p-ito"));
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::kConflict);
  auto open = app_->disasters().List({.open_only = true}, {}, As("p-member"));
  ASSERT_TRUE(open);
  EXPECT_EQ(open->total, 0u);
  EXPECT_EQ(app_->disasters().List({}, {}, As("p-member"))->items[0].key, key);
}

}  // namespace
}  // namespace sokuo::app
