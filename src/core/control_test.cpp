#include "core/control.h"

#include <gtest/gtest.h>

#include "core/org_fixture.h"

namespace sokuo::core {
namespace {

Timestamp ControlAt(const char* rfc3339) { return *ParseRfc3339(rfc3339); }

Organization OrgWithControls() {
  Organization org = SmallOrganization();
  org.controls = {
      {.id = "log-review",
       .name = "アクセスログの確認",
       .kind = ControlKind::kDetection,
       .clause = "G4.2.3",
       .department = "it-dept",
       .schedule = "daily",
       .evidence = "確認したログの範囲"},
      {.id = "sales-check",
       .name = "営業部の利用者設定の確認",
       .department = "sales",
       .schedule = "monthly",
       .due_hours = 72},
  };
  return org;
}

TEST(ControlTest, OnlyTheOccurrenceInProgressComesFirstThenEveryOneSince) {
  Organization org = OrgWithControls();
  const Control& daily = org.controls[0];
  Timestamp now = ControlAt("2026-11-27T10:00:00+09:00");
  auto first = OccurrencesDue(daily, org, std::nullopt, now, 100);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ((*first)[0].id, "log-review/2026-11-26T15:00:00Z");
  EXPECT_EQ((*first)[0].starts_at, "2026-11-26T15:00:00Z");
  EXPECT_EQ((*first)[0].due_at, "2026-11-27T15:00:00Z");  // when the next day starts

  // Three days later, the three days since then, oldest first; at most `limit`.
  Timestamp later = ControlAt("2026-11-30T00:30:00+09:00");
  auto since = OccurrencesDue(daily, org, ControlAt("2026-11-26T15:00:00Z"), later, 100);
  ASSERT_TRUE(since);
  ASSERT_EQ(since->size(), 3u);
  EXPECT_EQ((*since)[0].starts_at, "2026-11-27T15:00:00Z");
  EXPECT_EQ((*since)[2].starts_at, "2026-11-29T15:00:00Z");
  auto capped = OccurrencesDue(daily, org, ControlAt("2026-11-26T15:00:00Z"), later, 2);
  EXPECT_EQ(capped->size(), 2u);
  // Nothing new before the next one starts.
  EXPECT_TRUE(OccurrencesDue(daily, org, ControlAt("2026-11-29T15:00:00Z"), later, 100)->empty());

  // due_hours: 72 hours after the first of the month. A control new to the catalog whose
  // occurrence in progress is past due already starts with the next one.
  EXPECT_TRUE(OccurrencesDue(org.controls[1], org, std::nullopt, now, 100)->empty());
  auto monthly = OccurrencesDue(org.controls[1], org, std::nullopt,
                                ControlAt("2026-11-02T10:00:00+09:00"), 100);
  ASSERT_EQ(monthly->size(), 1u);
  EXPECT_EQ((*monthly)[0].starts_at, "2026-10-31T15:00:00Z");
  EXPECT_EQ((*monthly)[0].due_at, "2026-11-03T15:00:00Z");
  // Once one was made, the later ones come whatever their due time.
  auto since_made =
      OccurrencesDue(org.controls[1], org, ControlAt("2026-09-30T15:00:00Z"), now, 100);
  ASSERT_EQ(since_made->size(), 1u);
  EXPECT_EQ((*since_made)[0].starts_at, "2026-10-31T15:00:00Z");
  EXPECT_EQ(NextStartOf(org.controls[1], org, now), ControlAt("2026-11-30T15:00:00Z"));
}

TEST(ControlTest, AControlOnASiteOfItsOwnCountsInThatZone) {
  Organization org = OrgWithControls();
  Control c = org.controls[0];
  c.time_zone = "America/New_York";
  auto due = OccurrencesDue(c, org, std::nullopt, ControlAt("2027-03-14T12:00:00Z"), 10);
  ASSERT_TRUE(due);
  EXPECT_EQ((*due)[0].starts_at, "2027-03-14T05:00:00Z");  // midnight EST
  EXPECT_EQ((*due)[0].due_at, "2027-03-15T04:00:00Z");     // midnight EDT: a 23-hour day
  c.schedule = "31 2";
  EXPECT_FALSE(OccurrencesDue(c, org, std::nullopt, ControlAt("2027-03-14T12:00:00Z"), 10));
}

TEST(ControlTest, StateFollowsTheDueTimeAndWhenTheWorkWasDone) {
  ControlOccurrence o{
      .id = "x", .starts_at = "2026-11-26T15:00:00Z", .due_at = "2026-11-27T15:00:00Z"};
  EXPECT_EQ(StateAt(o, ControlAt("2026-11-27T14:59:59Z")), OccurrenceState::kOpen);
  EXPECT_EQ(StateAt(o, ControlAt("2026-11-27T15:00:00Z")), OccurrenceState::kOverdue);
  o.done = true;
  o.done_at = "2026-11-27T14:00:00Z";
  EXPECT_EQ(StateAt(o, ControlAt("2026-11-28T00:00:00Z")), OccurrenceState::kOnTime);
  o.done_at = "2026-11-27T16:00:00Z";
  EXPECT_EQ(StateAt(o, ControlAt("2026-11-28T00:00:00Z")), OccurrenceState::kLate);
}

TEST(ControlTest, TheDepartmentItsHeadAndTheIsDepartmentRecordButNotTheAuditor) {
  Organization org = OrgWithControls();
  const Control& sales = org.controls[1];
  auto as = [&](const std::string& person, std::vector<Role> granted = {}) {
    return Principal{.person = person, .roles = DeriveRoles(org, person, granted)};
  };
  EXPECT_TRUE(CanRecordControl(as("p-tanaka"), sales, org));  // sales staff and head
  EXPECT_TRUE(CanRecordControl(as("p-suzuki"), sales, org));  // IS department
  EXPECT_FALSE(CanRecordControl(as("p-sato"), sales, org));   // the committee chair
  EXPECT_FALSE(CanRecordControl(as("p-suzuki", {Role::kAuditor}), sales, org));
  EXPECT_FALSE(CanRecordControl(as("p-nobody"), sales, org));
  EXPECT_TRUE(CanRecordControl(Operator(), sales, org));
}

TEST(ControlTest, CompletionNeedsANoteForFindingsAndTheEvidenceAsked) {
  Organization org = OrgWithControls();
  const Control& c = org.controls[0];
  ControlOccurrence o{.id = "log-review/2026-11-26T15:00:00Z",
                      .control = c.id,
                      .starts_at = "2026-11-26T15:00:00Z",
                      .due_at = "2026-11-27T15:00:00Z"};
  Timestamp now = ControlAt("2026-11-27T03:00:00Z");
  auto codes = [&](const ControlCompletion& in, const ControlOccurrence& occ) {
    std::vector<std::string> out;
    for (const Detail& d : CheckCompletion(c, occ, in, now)) out.push_back(d.msg.code);
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(codes({.evidence = "fw01 00:00-24:00"}, o), V{});
  EXPECT_EQ(codes({}, o), V{"control.evidence_needed"});
  EXPECT_EQ(codes({.result = ControlResult::kFindings, .evidence = "e"}, o),
            V{"control.findings_need_note"});
  EXPECT_EQ(codes({.evidence = "e", .done_at = "2026-11-26T14:59:59Z"}, o),
            V{"control.done_before_start"});
  EXPECT_EQ(codes({.evidence = "e", .done_at = "2026-11-27T04:00:00Z"}, o), V{"time.in_future"});
  EXPECT_EQ(codes({.evidence = "e", .done_at = "yesterday"}, o), V{"time.not_rfc3339"});
  ControlOccurrence done = o;
  done.done = true;
  EXPECT_EQ(codes({.evidence = "e"}, done), V{"control.already_done"});
}

TEST(ControlTest, ComplianceCountsEachControlAndDepartmentOverThePeriod) {
  Organization org = OrgWithControls();
  auto occ = [](const char* control, const char* start, const char* due, const char* done_at) {
    ControlOccurrence o{.id = std::string(control) + "/" + start,
                        .control = control,
                        .starts_at = start,
                        .due_at = due};
    if (done_at != nullptr) {
      o.done = true;
      o.done_at = done_at;
    }
    return o;
  };
  std::vector<ControlOccurrence> all = {
      occ("log-review", "2026-11-24T15:00:00Z", "2026-11-25T15:00:00Z", "2026-11-25T01:00:00Z"),
      occ("log-review", "2026-11-25T15:00:00Z", "2026-11-26T15:00:00Z", "2026-11-27T01:00:00Z"),
      occ("log-review", "2026-11-26T15:00:00Z", "2026-11-27T15:00:00Z", nullptr),
      occ("log-review", "2026-11-27T15:00:00Z", "2026-11-28T15:00:00Z", nullptr),
      occ("sales-check", "2026-10-31T15:00:00Z", "2026-11-03T15:00:00Z", nullptr),
      occ("gone", "2026-11-24T15:00:00Z", "2026-11-25T15:00:00Z", nullptr),  // not in the file
      occ("log-review", "2026-10-01T15:00:00Z", "2026-10-02T15:00:00Z", nullptr),  // before
  };
  Compliance c =
      CountCompliance(org, all, ControlAt("2026-10-31T15:00:00Z"),
                      ControlAt("2026-11-30T15:00:00Z"), ControlAt("2026-11-28T00:00:00Z"));
  EXPECT_EQ(c.controls["log-review"],
            (ComplianceCount{.on_time = 1, .late = 1, .missed = 1, .open = 1}));
  EXPECT_EQ(c.controls["sales-check"], (ComplianceCount{.missed = 1}));
  EXPECT_EQ(c.departments["it-dept"], c.controls["log-review"]);
  EXPECT_EQ(c.departments["sales"], (ComplianceCount{.missed = 1}));
  EXPECT_EQ(c.total, (ComplianceCount{.on_time = 1, .late = 1, .missed = 2, .open = 1}));
  EXPECT_EQ(c.controls.count("gone"), 0u);
}

}  // namespace
}  // namespace sokuo::core
