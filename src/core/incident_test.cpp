#include "core/incident.h"

#include <algorithm>
#include <functional>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/incident_rules.h"
#include "core/org_fixture.h"

namespace sokuo::core {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// A problem at `where` whose English text is `text`, carried as a message code.
MATCHER_P2(IsIncidentDetail, where, text, "") {
  return arg.where == where && arg.message == text && !arg.msg.empty();
}

Timestamp ParseAt(const char* t) { return *ParseRfc3339(t); }

Incident Reported() {
  Incident i;
  i.key = "INC-2026-0001";
  i.title = "受注システムに不審なログイン";
  i.reported_at = "2026-11-26T00:00:00Z";
  i.systems = {"orders"};
  return i;
}

// An incident with everything every state asks for.
Incident Complete() {
  Incident i = Reported();
  i.triage = Triage{true, "", "p-suzuki", "2026-11-26T00:10:00Z"};
  i.convocation = Convocation{
      "p-suzuki", "2026-11-26T00:15:00Z", {"p-sato"}, "2026-11-26T01:00:00Z", {"p-sato"}};
  i.decisions = {
      {.id = 1, .kind = DecisionKind::kPolicy, .text = "遮断する", .decided_by = "p-sato"}};
  i.tasks = {
      {.id = 1, .kind = TaskKind::kIsolateNetwork, .title = "遮断", .status = TaskStatus::kDone}};
  i.assessment = Assessment{.kinds = {DamageKind::kLeak}, .scope = "注文データ"};
  i.recovery = {{"orders", RecoveryStatus::kRestored}};
  i.findings = {{.id = 1, .kind = FindingKind::kTechnical, .text = "古いVPN"}};
  i.prevention = {{.id = 1, .text = "VPN更新", .owner = "p-suzuki", .due = "2026-12-31"}};
  for (const auto& [item, name] : kBackdoorItems.entries) {
    i.backdoor_checks.push_back({.system = "orders", .item = item, .result = CheckResult::kClean});
  }
  i.evidence = {{.id = 1, .kind = EvidenceKind::kAccessLog, .name = "auth.log"}};
  return i;
}

TEST(PriorityTest, FollowsG431) {
  Organization org = SmallOrganization();  // power, core-network: tier a; orders: tier b
  org.systems.push_back({.id = "printer", .name = "p", .tier = Tier::kC, .owner = "it-dept"});
  struct Case {
    const char* name;
    Harm harm;
    std::vector<std::string> systems;
    Priority expected;
    const char* reason;
  };
  const Case cases[] = {
      {"serious harm beats all",
       Harm::kSerious,
       {"printer"},
       Priority::kP1,
       "serious harm to customers or partners"},
      {"tier a",
       Harm::kNone,
       {"core-network"},
       Priority::kP2,
       "tier-a systems affected: core-network"},
      {"confidential data",
       Harm::kNone,
       {"orders"},
       Priority::kP2,
       "systems with confidential data: orders (customer orders)"},
      {"possible harm",
       Harm::kPossible,
       {"printer"},
       Priority::kP2,
       "possible harm to customers or partners"},
      {"tier c only", Harm::kNone, {"printer"}, Priority::kP4, "only tier-c systems affected"},
      {"nothing named", Harm::kUnknown, {}, Priority::kP4, "no affected system named yet"},
  };
  for (const Case& c : cases) {
    Incident i = Reported();
    i.harm = c.harm;
    i.systems = c.systems;
    PriorityResult r = ComputePriority(i, org);
    EXPECT_EQ(r.priority, c.expected) << c.name;
    EXPECT_THAT(Render(r.reasons, Lang::kEn), Contains(c.reason)) << c.name;
  }
  // Tier b without confidential data.
  org.systems[2].data.clear();
  Incident b = Reported();
  b.harm = Harm::kNone;
  EXPECT_EQ(ComputePriority(b, org).priority, Priority::kP3);
}

TEST(PriorityTest, OverrideKeepsTheComputedReason) {
  Incident i = Reported();
  i.priority_override = PriorityOverride{Priority::kP1, "取引先から問い合わせ多数", "p-suzuki", ""};
  PriorityResult r = ComputePriority(i, SmallOrganization());
  EXPECT_EQ(r.priority, Priority::kP1);
  EXPECT_TRUE(r.overridden);
  EXPECT_THAT(Render(r.reasons.back(), Lang::kEn),
              HasSubstr("overridden from p2 by p-suzuki: 取引先から問い合わせ多数"));
}

TEST(TransitionTest, CompleteIncidentWalksThePath) {
  Incident i = Complete();
  for (size_t k = 1; k < Path().size(); ++k) {
    auto r = Transition(i, Path()[k], "p-suzuki", ParseAt("2026-11-26T02:00:00Z"), "");
    ASSERT_TRUE(r) << r.error().ToString();
  }
  EXPECT_EQ(i.state, IncidentState::kClosed);
  EXPECT_EQ(i.history.size(), 7u);
}

// Each case removes one requirement and names the state it guards and the refusal it causes.
TEST(TransitionTest, EveryGuardRefusesWithItsReason) {
  struct Case {
    IncidentState target;
    std::function<void(Incident&)> remove;
    const char* refusal;
  };
  const Case cases[] = {
      {IncidentState::kTriaged, [](Incident& i) { i.triage.reset(); },
       "triaged: the IS department has not confirmed the report"},
      {IncidentState::kConvened, [](Incident& i) { i.convocation.reset(); },
       "convened: no convocation request to the committee is recorded"},
      {IncidentState::kConvened, [](Incident& i) { i.convocation->convened_at.clear(); },
       "convened: the committee has not met (no convened time recorded)"},
      {IncidentState::kContaining, [](Incident& i) { i.decisions[0].kind = DecisionKind::kPress; },
       "containing: no response policy decided by the committee"},
      {IncidentState::kAssessing, [](Incident& i) { i.tasks.clear(); },
       "assessing: no emergency measure is recorded"},
      {IncidentState::kAssessing, [](Incident& i) { i.tasks[0].status = TaskStatus::kOpen; },
       "assessing: emergency measure 1 (遮断) has not been started"},
      {IncidentState::kAssessing, [](Incident& i) { i.tasks[0].status = TaskStatus::kFailed; },
       "assessing: every emergency measure failed; record one that worked or is under way"},
      {IncidentState::kRecovering, [](Incident& i) { i.assessment.reset(); },
       "recovering: no damage assessment is recorded"},
      {IncidentState::kRecovering, [](Incident& i) { i.assessment = Assessment{}; },
       "recovering: the damage assessment names neither kinds nor scope"},
      {IncidentState::kReviewing, [](Incident& i) { i.recovery.clear(); },
       "reviewing: no recovery status for system orders"},
      {IncidentState::kReviewing,
       [](Incident& i) { i.recovery[0].status = RecoveryStatus::kRestoring; },
       "reviewing: system orders is still restoring"},
      {IncidentState::kReviewing, [](Incident& i) { i.tasks[0].status = TaskStatus::kInProgress; },
       "reviewing: emergency measure 1 (遮断) is still in progress"},
      {IncidentState::kClosed, [](Incident& i) { i.findings.clear(); },
       "closed: no vulnerability survey finding"},
      {IncidentState::kClosed, [](Incident& i) { i.prevention.clear(); },
       "closed: no prevention measure"},
      {IncidentState::kClosed, [](Incident& i) { i.prevention[0].owner.clear(); },
       "closed: prevention measure 1 needs an owner and a due date"},
      {IncidentState::kClosed, [](Incident& i) { i.backdoor_checks.pop_back(); },
       "closed: backdoor check 'device_settings' not answered for system orders"},
      {IncidentState::kClosed, [](Incident& i) { i.evidence[0].kind = EvidenceKind::kReport; },
       "closed: no access log is attached as evidence"},
  };
  for (const Case& c : cases) {
    std::string target(kIncidentStates.Name(c.target));
    Incident i = Complete();
    // Walk to the state just before the target while everything is in place.
    for (size_t k = 1; Path()[k] != c.target; ++k) {
      ASSERT_TRUE(Transition(i, Path()[k], "p", ParseAt("2026-11-26T02:00:00Z"), "")) << target;
    }
    c.remove(i);
    IncidentState before = i.state;
    auto r = Transition(i, c.target, "p", ParseAt("2026-11-26T03:00:00Z"), "");
    ASSERT_FALSE(r) << c.refusal;
    EXPECT_EQ(r.error().code, ErrorCode::kConflict);
    EXPECT_THAT(r.error().details, Contains(IsIncidentDetail("", c.refusal))) << target;
    EXPECT_EQ(i.state, before) << "a refused move changes nothing";
  }
}

// Dismissal: only a report the IS department turned down, with its reason, and only before the
// committee met. Each case is refused by one guard alone; the last one is accepted.
TEST(TransitionTest, DismissalGuards) {
  struct Case {
    std::function<void(Incident&)> setup;
    const char* refusal;  // empty when accepted
  };
  const Case cases[] = {
      {[](Incident&) {}, "dismissed: the IS department has not dismissed the report"},
      {[](Incident& i) {
         i.triage = Triage{true, "", "p-suzuki", "2026-11-26T00:10:00Z"};
       },
       "dismissed: the IS department has not dismissed the report"},
      {[](Incident& i) {
         i.triage = Triage{false, "", "p-suzuki", "2026-11-26T00:10:00Z"};
       },
       "dismissed: a dismissal needs a reason"},
      {[](Incident& i) {
         i.triage = Triage{false, "訓練メール", "p-suzuki", "2026-11-26T00:10:00Z"};
         i.state = IncidentState::kConvened;
       },
       "dismissed: only a reported or triaged incident can be dismissed"},
      {[](Incident& i) {
         i.triage = Triage{false, "訓練メール", "p-suzuki", "2026-11-26T00:10:00Z"};
         i.state = IncidentState::kTriaged;
       },
       ""},
  };
  for (const Case& c : cases) {
    Incident i = Reported();
    c.setup(i);
    IncidentState before = i.state;
    auto r = Transition(i, IncidentState::kDismissed, "p", ParseAt("2026-11-26T03:00:00Z"), "");
    if (*c.refusal == '\0') {
      ASSERT_TRUE(r) << r.error().ToString();
      EXPECT_EQ(i.state, IncidentState::kDismissed);
      continue;
    }
    ASSERT_FALSE(r) << c.refusal;
    EXPECT_THAT(r.error().details, ElementsAre(IsIncidentDetail("", c.refusal)));
    EXPECT_EQ(i.state, before) << "a refused move changes nothing";
  }
}

TEST(TransitionTest, RefusalsReadInJapanese) {
  Incident i = Reported();
  auto r = Transition(i, IncidentState::kTriaged, "p", ParseAt("2026-11-26T01:00:00Z"), "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().Text(Lang::kJa), "「報告済み」から「受付確認済み」へ進めません");
  ASSERT_EQ(r.error().details.size(), 1u);
  EXPECT_EQ(r.error().details[0].msg, Msg("requirement.not_triaged"));
  EXPECT_EQ(r.error().details[0].Text(Lang::kJa),
            "受付確認済み: 情報システム部門が報告を確認していません");
  Incident c = Complete();
  c.backdoor_checks.pop_back();
  EXPECT_THAT(Render(Requirements(c, IncidentState::kClosed), Lang::kJa),
              ElementsAre("完了: システム orders のバックドア確認「機器の設定」が未回答です"));
}

TEST(TransitionTest, JumpingAheadNeedsEveryRequirementOnTheWay) {
  Incident i = Reported();
  auto r = Transition(i, IncidentState::kContaining, "p", ParseAt("2026-11-26T01:00:00Z"), "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "cannot move from reported to containing");
  EXPECT_EQ(r.error().details.size(), 3u);  // triage, convocation, policy
  Incident ready = Complete();
  ASSERT_TRUE(
      Transition(ready, IncidentState::kContaining, "p", ParseAt("2026-11-26T01:00:00Z"), ""));
  Milestones m = MilestonesOf(ready);
  EXPECT_EQ(m.triaged, "2026-11-26T01:00:00Z");
  EXPECT_EQ(m.convened, "2026-11-26T01:00:00Z");
  EXPECT_EQ(m.contained, "");
}

// Event times: given or now, any offset read as UTC, refused beyond the skew into the future.
TEST(EventTimeTest, DefaultsToNowAndRefusesTheFuture) {
  const Timestamp now = ParseAt("2026-11-26T10:00:00Z");
  struct Case {
    const char* given;
    const char* stored;   // empty when refused
    const char* message;  // English text of the refusal
  };
  const Case cases[] = {
      {"", "2026-11-26T10:00:00Z", ""},
      {"2026-11-25T23:30:00+09:00", "2026-11-25T14:30:00Z", ""},  // written up the next morning
      {"2026-11-26T10:05:00Z", "2026-11-26T10:05:00Z", ""},       // at the skew: a drifting clock
      {"2026-11-26T19:05:00+09:00", "2026-11-26T10:05:00Z", ""},
      {"2026-11-26T10:05:01Z", "",
       "at is in the future: 2026-11-26T10:05:01Z (an event time may be at most 5 minutes ahead "
       "of now: 2026-11-26T10:05:00Z)"},
      {"2026-11-27T09:00:00+09:00", "",
       "at is in the future: 2026-11-27T09:00:00+09:00 (an event time may be at most 5 minutes "
       "ahead of now: 2026-11-26T10:05:00Z)"},
      {"2026-11-26 10:00", "",
       "'2026-11-26 10:00' is not an RFC 3339 time (2026-11-26T09:30:00+09:00)"},
  };
  for (const Case& c : cases) {
    auto r = EventTime(c.given, "/at", now);
    if (*c.stored != 0) {
      ASSERT_TRUE(r) << c.given << ": " << r.error().ToString();
      EXPECT_EQ(*r, c.stored) << c.given;
    } else {
      ASSERT_FALSE(r) << c.given;
      EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
      EXPECT_EQ(r.error().where, "/at");
      EXPECT_EQ(r.error().message, c.message);
    }
  }
  auto ja = EventTime("2026-11-27T00:00:00Z", "/decided_at", now);
  ASSERT_FALSE(ja);
  EXPECT_EQ(Render(ja.error().msg, Lang::kJa),
            "decided_at が未来の時刻です: 2026-11-27T00:00:00Z（記録できるのは現在の 5 分後、"
            "2026-11-26T10:05:00Z までです）");
}

TEST(EventTimeTest, ReportTimes) {
  const Timestamp now = ParseAt("2026-11-26T10:00:00Z");
  struct Case {
    const char* name;
    const char* occurred;
    const char* aware;
    const char* reported;
    std::vector<const char*> problems;  // where each problem is
  };
  const Case cases[] = {
      {"only reported", "", "", "2026-11-26T09:00:00Z", {}},
      {"in order", "2026-11-20T00:00:00Z", "2026-11-25T00:00:00Z", "2026-11-26T09:00:00Z", {}},
      {"occurred equals aware",
       "2026-11-25T00:00:00Z",
       "2026-11-25T00:00:00Z",
       "2026-11-26T09:00:00Z",
       {}},
      {"occurred after aware",
       "2026-11-25T00:00:01Z",
       "2026-11-25T00:00:00Z",
       "2026-11-26T09:00:00Z",
       {"/occurred_at"}},
      // Without aware_at the company became aware when the report came in.
      {"occurred after the report",
       "2026-11-26T09:30:00Z",
       "",
       "2026-11-26T09:00:00Z",
       {"/occurred_at"}},
      {"aware in the future", "", "2026-11-27T00:00:00Z", "2026-11-26T09:00:00Z", {"/aware_at"}},
      {"reported in the future", "", "", "2026-11-26T11:00:00Z", {"/reported_at"}},
      {"not a time", "yesterday", "", "2026-11-26T09:00:00Z", {"/occurred_at"}},
  };
  for (const Case& c : cases) {
    Incident i = Reported();
    i.occurred_at = c.occurred;
    i.aware_at = c.aware;
    i.reported_at = c.reported;
    std::vector<std::string> where;
    for (const Detail& d : CheckReportTimes(i, now)) where.push_back(d.where);
    EXPECT_EQ(where, std::vector<std::string>(c.problems.begin(), c.problems.end())) << c.name;
  }
  Incident i = Reported();
  EXPECT_EQ(AwareAt(i), i.reported_at);
  i.aware_at = "2026-11-25T00:00:00Z";
  EXPECT_EQ(AwareAt(i), "2026-11-25T00:00:00Z");
}

TEST(EventTimeTest, TimelineOrdersByEventTimeThenRecording) {
  struct Case {
    const char* name;
    std::vector<std::string> times;  // in the order recorded
    std::vector<size_t> order;
  };
  const Case cases[] = {
      {"already in order", {"2026-11-26T01:00:00Z", "2026-11-26T02:00:00Z"}, {0, 1}},
      {"written up later",
       {"2026-11-26T09:00:00Z", "2026-11-26T01:00:00Z", "2026-11-26T03:00:00Z"},
       {1, 2, 0}},
      {"offsets compare as instants",
       {"2026-11-26T01:00:00Z", "2026-11-26T09:30:00+09:00"},
       {1, 0}},
      {"equal times keep the recording order",
       {"2026-11-26T02:00:00Z", "2026-11-26T01:00:00Z", "2026-11-26T02:00:00Z"},
       {1, 0, 2}},
      {"an unreadable time stays after the one before it",
       {"2026-11-26T05:00:00Z", "", "2026-11-26T01:00:00Z"},
       {2, 0, 1}},
      {"empty", {}, {}},
  };
  for (const Case& c : cases) EXPECT_EQ(EventOrder(c.times), c.order) << c.name;
}

// G4.3.3: contained when the first containment measure that worked was done.
TEST(MilestonesTest, ContainedIsTheFirstContainmentMeasureDone) {
  struct Case {
    const char* name;
    std::vector<Task> tasks;
    const char* contained;
  };
  auto task = [](int id, bool contains, TaskStatus status, const char* at) {
    return Task{.id = id, .title = "t", .status = status, .contains = contains, .status_at = at};
  };
  const Case cases[] = {
      {"no measure", {}, ""},
      {"a measure not marked containing",
       {task(1, false, TaskStatus::kDone, "2026-11-26T01:00:00Z")},
       ""},
      {"still in progress", {task(1, true, TaskStatus::kInProgress, "2026-11-26T01:00:00Z")}, ""},
      {"reverted: it did not hold",
       {task(1, true, TaskStatus::kReverted, "2026-11-26T01:00:00Z")},
       ""},
      {"done", {task(1, true, TaskStatus::kDone, "2026-11-26T01:00:00Z")}, "2026-11-26T01:00:00Z"},
      {"the earliest of several, not the first recorded",
       {task(1, true, TaskStatus::kDone, "2026-11-26T05:00:00Z"),
        task(2, true, TaskStatus::kDone, "2026-11-26T03:00:00Z"),
        task(3, false, TaskStatus::kDone, "2026-11-26T02:00:00Z")},
       "2026-11-26T03:00:00Z"},
  };
  for (const Case& c : cases) {
    Incident i = Complete();
    i.tasks = c.tasks;
    // The state moved on at another time: it does not count.
    i.history = {{IncidentState::kContaining, IncidentState::kAssessing, "2026-11-26T09:00:00Z",
                  "p-suzuki", ""}};
    EXPECT_EQ(MilestonesOf(i).contained, c.contained) << c.name;
  }
}

TEST(TransitionTest, NoGoingBackExceptByReopening) {
  Incident i = Complete();
  ASSERT_TRUE(Transition(i, IncidentState::kConvened, "p", ParseAt("2026-11-26T01:00:00Z"), ""));
  auto back = Transition(i, IncidentState::kTriaged, "p", ParseAt("2026-11-26T01:00:00Z"), "");
  ASSERT_FALSE(back);
  EXPECT_THAT(back.error().details[0].message, HasSubstr("states only move forward"));
  ASSERT_TRUE(Transition(i, IncidentState::kClosed, "p", ParseAt("2026-11-26T05:00:00Z"), ""));
  auto no_reason =
      Transition(i, IncidentState::kReviewing, "p", ParseAt("2026-11-27T00:00:00Z"), "");
  ASSERT_FALSE(no_reason);
  EXPECT_THAT(no_reason.error().details[0].message, HasSubstr("needs a reason"));
  ASSERT_TRUE(Transition(i, IncidentState::kReviewing, "p", ParseAt("2026-11-27T00:00:00Z"),
                         "新たな不正ログインを確認"));
  EXPECT_EQ(i.history.back().reason, "新たな不正ログインを確認");
  EXPECT_EQ(MilestonesOf(i).closed, "");
  ASSERT_TRUE(Transition(i, IncidentState::kClosed, "p", ParseAt("2026-11-28T00:00:00Z"), ""));
  EXPECT_EQ(MilestonesOf(i).closed, "2026-11-28T00:00:00Z");
}

TEST(IncidentRulesTest, ChecksReferencesAndCommitteeAuthority) {
  Organization org = SmallOrganization();
  Incident i = Reported();
  i.systems = {"orders", "ordres"};
  i.category = "intrusion";
  EXPECT_THAT(
      CheckHeader(i, org, DefaultCategories()),
      ElementsAre(
          IsIncidentDetail("/category",
                           "unknown category 'intrusion' (did you mean 'intrusions'?)"),
          IsIncidentDetail("/systems/1", "unknown system 'ordres' (did you mean 'orders'?)")));
  Decision d{.id = 1, .kind = DecisionKind::kPolicy, .text = "x", .decided_by = "p-tanaka"};
  EXPECT_THAT(CheckDecision(d, org),
              ElementsAre(IsIncidentDetail(
                  "/decided_by", "'p-tanaka' is not on the Information Security Committee")));
  d.decided_by = "p-suzuki";  // the chair's deputy
  EXPECT_THAT(CheckDecision(d, org), IsEmpty());
  ContactLog police{.id = 1,
                    .audience = Audience::kPolice,
                    .contact = "police",
                    .summary = "相談",
                    .by = "p-suzuki"};
  EXPECT_THAT(
      CheckContact(police, i, org),
      ElementsAre(IsIncidentDetail(
          "/approved_by", "a contact to police needs the committee decision that approved it")));
  police.approved_by = 7;
  EXPECT_THAT(CheckContact(police, i, org),
              ElementsAre(IsIncidentDetail("/approved_by", "no decision 7 in this incident")));
  ContactLog internal{
      .audience = Audience::kInternal, .contact = "sales", .summary = "連絡", .by = "cli:root"};
  EXPECT_THAT(CheckContact(internal, i, org), IsEmpty());
  Assessment a{.leaks = {{.system = "orders", .data_class = "customer order"}}};
  EXPECT_THAT(
      CheckAssessment(a, org),
      ElementsAre(IsIncidentDetail("/leaks/0/data_class",
                                   "system 'orders' holds no data class 'customer order' (did you "
                                   "mean 'customer orders'?)")));
  EXPECT_THAT(CheckRecovery({.system = "power"}, org), IsEmpty());
  EXPECT_THAT(
      CheckRecovery({.system = "powr"}, org),
      ElementsAre(IsIncidentDetail("/system", "unknown system 'powr' (did you mean 'power'?)")));
}

// G4.3.5: orders needs core-network, which needs power (SmallOrganization).
TEST(RecoveryRulesTest, RestoredOnlyAfterWhatItDependsOn) {
  Organization org = SmallOrganization();
  struct Case {
    const char* name;
    std::vector<Recovery> recorded;
    Recovery step;
    std::vector<std::string> problems;
  };
  const Case cases[] = {
      {"nothing else recorded", {}, {.system = "orders", .status = RecoveryStatus::kRestored}, {}},
      {"direct dependency down",
       {{.system = "core-network", .status = RecoveryStatus::kDown}},
       {.system = "orders", .status = RecoveryStatus::kRestored},
       {"orders depends on core-network, which is still down in this incident: restore "
        "core-network first, or give the reason to go ahead (override_reason)"}},
      {"power restoring, through the network",
       {{.system = "power", .status = RecoveryStatus::kRestoring},
        {.system = "core-network", .status = RecoveryStatus::kRestored}},
       {.system = "orders", .status = RecoveryStatus::kRestored},
       {"orders depends on power, which is still restoring in this incident: restore power "
        "first, or give the reason to go ahead (override_reason)"}},
      {"both, nearest first",
       {{.system = "power", .status = RecoveryStatus::kDown},
        {.system = "core-network", .status = RecoveryStatus::kRestoring}},
       {.system = "orders", .status = RecoveryStatus::kRestored},
       {"orders depends on core-network, which is still restoring in this incident: restore "
        "core-network first, or give the reason to go ahead (override_reason)",
        "orders depends on power, which is still down in this incident: restore power first, or "
        "give the reason to go ahead (override_reason)"}},
      {"degraded dependency is back",
       {{.system = "core-network", .status = RecoveryStatus::kDegraded}},
       {.system = "orders", .status = RecoveryStatus::kRestored},
       {}},
      {"override with a reason",
       {{.system = "core-network", .status = RecoveryStatus::kDown}},
       {.system = "orders",
        .status = RecoveryStatus::kRestored,
        .override_reason = "予備回線で稼働"},
       {}},
      {"restoring is not restored",
       {{.system = "core-network", .status = RecoveryStatus::kDown}},
       {.system = "orders", .status = RecoveryStatus::kRestoring},
       {}},
      {"what it does not depend on",
       {{.system = "orders", .status = RecoveryStatus::kDown}},
       {.system = "core-network", .status = RecoveryStatus::kRestored},
       {}},
  };
  for (const Case& c : cases) {
    Incident i = Reported();
    i.systems = {"orders", "core-network", "power"};
    i.recovery = c.recorded;
    std::vector<std::string> problems;
    for (const Detail& d : CheckRecoveryOrder(c.step, i, org)) {
      EXPECT_EQ(d.where, "/status") << c.name;
      problems.push_back(d.message);
    }
    EXPECT_EQ(problems, c.problems) << c.name;
  }
  Incident i = Reported();
  i.recovery = {{.system = "power", .status = RecoveryStatus::kDown}};
  EXPECT_THAT(
      Render(CheckRecoveryOrder({.system = "core-network", .status = RecoveryStatus::kRestored}, i,
                                org)[0]
                 .msg,
             Lang::kJa),
      HasSubstr(
          "core-network は power に依存していますが、power はこのインシデントでまだ停止中です"));
}

Organization WithHosts() {
  Organization org = SmallOrganization();
  org.systems[2].hosts = {{"ord-app01", "application server", "10.0.1.11", "Rocky Linux 9"},
                          {"ord-db01", "database", "10.0.1.21", "Windows Server 2019"}};
  return org;
}

// G4.3.4: the affected scope can name hosts, each of an affected system.
TEST(HostRulesTest, AffectedHostsBelongToAffectedSystems) {
  Organization org = WithHosts();
  Incident i = Reported();
  i.hosts = {{"orders", "ord-db01"}};
  EXPECT_THAT(CheckHeader(i, org, DefaultCategories()), IsEmpty());
  struct Case {
    AffectedHost host;
    const char* where;
    const char* problem;
  };
  const Case cases[] = {
      {{"orders", "ord-db1"},
       "/hosts/1/host",
       "system 'orders' has no host 'ord-db1' (did you mean 'ord-db01'?)"},
      {{"power", "ups01"},
       "/hosts/1/system",
       "add system 'power' to the affected systems before its host 'ups01'"},
      {{"orders", "ord-db01"}, "/hosts/1", "'orders/ord-db01' is listed twice"},
  };
  for (const Case& c : cases) {
    Incident x = i;
    x.hosts.push_back(c.host);
    EXPECT_THAT(CheckHeader(x, org, DefaultCategories()),
                ElementsAre(IsIncidentDetail(c.where, c.problem)))
        << c.problem;
  }
  EXPECT_THAT(CheckBackdoor({.system = "orders", .host = "mx9"}, i, org),
              ElementsAre(IsIncidentDetail("/host", "system 'orders' has no host 'mx9'")));
  EXPECT_THAT(CheckBackdoor({.system = "orders", .host = "ord-app01"}, i, org), IsEmpty());
}

// G4.4.2: the checklist is answered for the whole system, or for each affected host.
TEST(HostRulesTest, BackdoorChecklistPerHost) {
  auto all_items = [](const std::string& system, const std::string& host) {
    std::vector<BackdoorCheck> out;
    for (const auto& [item, name] : kBackdoorItems.entries) {
      out.push_back({.system = system, .host = host, .item = item});
    }
    return out;
  };
  struct Case {
    const char* name;
    std::vector<AffectedHost> hosts;
    std::vector<std::vector<BackdoorCheck>> checks;
    size_t missing;
    const char* first;
  };
  const Case cases[] = {
      {"whole system, no hosts in scope", {}, {all_items("orders", "")}, 0, ""},
      {"whole system covers its hosts",
       {{"orders", "ord-db01"}, {"orders", "ord-app01"}},
       {all_items("orders", "")},
       0,
       ""},
      {"every affected host answered",
       {{"orders", "ord-db01"}, {"orders", "ord-app01"}},
       {all_items("orders", "ord-db01"), all_items("orders", "ord-app01")},
       0,
       ""},
      {"one affected host unanswered",
       {{"orders", "ord-db01"}, {"orders", "ord-app01"}},
       {all_items("orders", "ord-db01")},
       4,
       "closed: backdoor check 'added_users' not answered for host ord-app01 of system orders"},
      {"a host answer does not answer a system without hosts in scope",
       {},
       {all_items("orders", "ord-db01")},
       4,
       "closed: backdoor check 'added_users' not answered for system orders"},
  };
  for (const Case& c : cases) {
    Incident i = Complete();
    i.hosts = c.hosts;
    i.backdoor_checks.clear();
    for (const auto& list : c.checks) {
      for (const auto& check : list) i.backdoor_checks.push_back(check);
    }
    auto missing = Render(Requirements(i, IncidentState::kClosed), Lang::kEn);
    EXPECT_EQ(missing.size(), c.missing) << c.name;
    if (c.missing > 0 && !missing.empty()) {
      EXPECT_EQ(missing[0], c.first) << c.name;
    }
  }
}

// G4.3.4(3): before recovering, the assessment says for every affected system holding personal
// data whether it leaked; "unknown" is an answer, silence is not.
TEST(AssessmentRulesTest, PersonalDataLeakIsAnsweredBeforeRecovering) {
  Organization org = SmallOrganization();  // orders holds personal data; power does not
  EXPECT_THAT(PersonalDataSystems(Complete(), org), ElementsAre("orders"));
  struct Case {
    const char* name;
    std::vector<std::string> systems;
    std::vector<PersonalDataLeak> answers;
    std::vector<std::string> missing;
  };
  const Case cases[] = {
      {"no answer",
       {"orders"},
       {},
       {"recovering: the damage assessment does not say whether personal data of system orders "
        "leaked (yes, possibly, no or unknown)"}},
      {"unknown is an answer", {"orders"}, {{"orders", Likelihood::kUnknown}}, {}},
      {"possibly", {"orders"}, {{"orders", Likelihood::kPossibly}}, {}},
      {"no personal data held", {"power"}, {}, {}},
      {"answer for another system",
       {"orders", "power"},
       {{"power", Likelihood::kNo}},
       {"recovering: the damage assessment does not say whether personal data of system orders "
        "leaked (yes, possibly, no or unknown)"}},
  };
  for (const Case& c : cases) {
    Incident i = Complete();
    i.systems = c.systems;
    i.assessment->personal_data = c.answers;
    EXPECT_EQ(Render(Requirements(i, IncidentState::kRecovering, &org), Lang::kEn), c.missing)
        << c.name;
    // The transition enforces it.
    for (size_t k = 1; Path()[k] != IncidentState::kRecovering; ++k) {
      ASSERT_TRUE(Transition(i, Path()[k], "p", ParseAt("2026-11-26T02:00:00Z"), "", &org))
          << c.name;
    }
    EXPECT_EQ(
        Transition(i, IncidentState::kRecovering, "p", ParseAt("2026-11-26T03:00:00Z"), "", &org)
            .has_value(),
        c.missing.empty())
        << c.name;
  }
  Assessment a{.personal_data = {{"orders", Likelihood::kYes},
                                 {"ordrs", Likelihood::kNo},
                                 {"orders", Likelihood::kNo}},
               .persons = -1,
               .sensitive_personal_data = Likelihood::kPossibly};
  EXPECT_THAT(CheckAssessment(a, org),
              ElementsAre(IsIncidentDetail("/personal_data/1/system",
                                           "unknown system 'ordrs' (did you mean 'orders'?)"),
                          IsIncidentDetail("/personal_data/2/system", "'orders' is listed twice"),
                          IsIncidentDetail("/persons", "must be >= 0")));
}

// Scope grows as the investigation goes on: the record that added a system says why.
TEST(RecoveryRulesTest, ARecordAboutANewSystemGrowsTheScope) {
  Incident i = Reported();
  EXPECT_TRUE(
      GrowScope(i, {.system = "core-network", .via = "recovery", .reason = "暗号化を確認"}));
  EXPECT_FALSE(GrowScope(i, {.system = "orders", .via = "recovery"}));
  EXPECT_THAT(i.systems, ElementsAre("orders", "core-network"));
  ASSERT_EQ(i.scope_changes.size(), 1u);
  EXPECT_EQ(i.scope_changes[0].reason, "暗号化を確認");
}

TEST(IncidentTest, KeysAndApprovals) {
  EXPECT_EQ(IncidentKey(2026, 1), "INC-2026-0001");
  EXPECT_EQ(IncidentKey(2026, 12345), "INC-2026-12345");
  EXPECT_EQ(ParseIncidentKey("INC-2026-0042"), std::pair(2026, 42));
  EXPECT_EQ(ParseIncidentKey("INC-2026-12345"), std::pair(2026, 12345));
  for (const char* bad : {"", "INC-2026-42", "INC-2026-00042", "INC-2026-0000", "inc-2026-0042",
                          "INC-26-0042", "INC-2026-00x2", "INC-2026-0042 ", "INC-2026-99999999999",
                          "INC-2026--042", "DIS-2026-0042"}) {
    EXPECT_EQ(ParseIncidentKey(bad), std::nullopt) << bad;
  }
  EXPECT_FALSE(NeedsCommitteeApproval(Audience::kInternal));
  EXPECT_FALSE(NeedsCommitteeApproval(Audience::kPr));
  EXPECT_TRUE(NeedsCommitteeApproval(Audience::kRegulator));
  EXPECT_TRUE(NeedsCommitteeApproval(Audience::kCustomer));
}

// Every outside audience is reached through the directory contact kind of the same name.
TEST(IncidentTest, OutsideAudiencesMapToTheContactKindOfTheSameName) {
  for (const auto& [audience, name] : kAudiences.entries) {
    std::optional<ContactKind> kind = ContactKindOf(audience);
    if (!kind) {
      EXPECT_TRUE(audience == Audience::kInternal || audience == Audience::kPr ||
                  audience == Audience::kIndividuals)
          << name;
      continue;
    }
    EXPECT_EQ(kContactKinds.Name(*kind), name);
  }
}

// G4.3.3: a measure that did not work is `failed`, apart from one undone on purpose.
TEST(TaskRulesTest, FailedAndRevertedMeasuresSayWhy) {
  Organization org = SmallOrganization();
  struct Case {
    TaskStatus status;
    const char* result;
    const char* revert_reason;
    std::vector<std::string> problems;
  };
  const Case cases[] = {
      {TaskStatus::kFailed, "", "", {"/result"}},
      {TaskStatus::kFailed, "EDRの隔離命令が端末に届かなかった", "", {}},
      {TaskStatus::kReverted, "", "", {"/revert_reason"}},
      {TaskStatus::kReverted, "", "業務再開のため再接続", {}},
      {TaskStatus::kDone, "", "", {}},
  };
  for (const Case& c : cases) {
    Task t{.id = 1,
           .title = "端末を隔離",
           .status = c.status,
           .result = c.result,
           .revert_reason = c.revert_reason};
    std::vector<std::string> wheres;
    for (const Detail& d : CheckTask(t, org)) wheres.push_back(d.where);
    EXPECT_EQ(wheres, c.problems) << kTaskStatuses.Name(c.status) << " " << c.result;
  }
  // One failed measure beside one that worked does not hold the incident back.
  Incident i = Complete();
  i.tasks.push_back({.id = 2, .title = "EDRで隔離", .status = TaskStatus::kFailed, .result = "x"});
  EXPECT_THAT(Requirements(i, IncidentState::kAssessing), IsEmpty());
  EXPECT_THAT(Requirements(i, IncidentState::kReviewing), IsEmpty());
}

// G4.3.2: each audience is approved by its own kind of decision; a policy approves no contact.
TEST(ContactRulesTest, EachAudienceNeedsTheRightKindOfDecision) {
  Organization org = SmallOrganization();
  org.contacts.push_back({.id = "client", .name = "顧客", .kind = ContactKind::kCustomer});
  org.contacts.push_back({.id = "ally", .name = "取引先", .kind = ContactKind::kPartner});
  org.contacts.push_back({.id = "news", .name = "新聞社", .kind = ContactKind::kPress});
  org.contacts.push_back({.id = "pref", .name = "県", .kind = ContactKind::kAuthority});
  org.contacts.push_back({.id = "insure", .name = "保険", .kind = ContactKind::kInsurer});
  Incident i = Reported();
  const DecisionKind kinds[] = {DecisionKind::kPolicy,        DecisionKind::kApproval,
                                DecisionKind::kInstruction,   DecisionKind::kPress,
                                DecisionKind::kAgencyContact, DecisionKind::kOther};
  for (DecisionKind k : kinds) {
    i.decisions.push_back({.id = static_cast<int>(i.decisions.size()) + 1,
                           .kind = k,
                           .text = "x",
                           .decided_by = "p-sato"});
  }
  auto decision = [&](DecisionKind k) {
    for (const Decision& d : i.decisions) {
      if (d.kind == k) return d.id;
    }
    return 0;
  };
  struct Case {
    Audience audience;
    const char* contact;
    std::vector<DecisionKind> approving;
  };
  const Case cases[] = {
      {Audience::kCustomer, "client", {DecisionKind::kApproval}},
      {Audience::kPartner, "ally", {DecisionKind::kApproval}},
      {Audience::kVendor, "dc-vendor", {DecisionKind::kApproval}},
      {Audience::kInsurer, "insure", {DecisionKind::kApproval}},
      {Audience::kIndividuals, "会員", {DecisionKind::kApproval}},
      {Audience::kPress, "news", {DecisionKind::kPress}},
      {Audience::kPolice, "police", {DecisionKind::kAgencyContact, DecisionKind::kApproval}},
      {Audience::kAuthority, "pref", {DecisionKind::kAgencyContact, DecisionKind::kApproval}},
  };
  for (const Case& c : cases) {
    std::string audience(kAudiences.Name(c.audience));
    EXPECT_EQ(ApprovingKinds(c.audience), c.approving) << audience;
    for (DecisionKind k : kinds) {
      ContactLog x{.audience = c.audience,
                   .contact = c.contact,
                   .summary = "連絡",
                   .by = "p-suzuki",
                   .approved_by = decision(k),
                   .persons = 250000};
      bool approves = std::find(c.approving.begin(), c.approving.end(), k) != c.approving.end();
      auto problems = CheckContact(x, i, org);
      std::string kind(kDecisionKinds.Name(k));
      if (approves) {
        EXPECT_THAT(problems, IsEmpty()) << audience << " approved by " << kind;
      } else {
        ASSERT_EQ(problems.size(), 1u) << audience << " approved by " << kind;
        EXPECT_EQ(problems[0].where, "/approved_by");
        EXPECT_THAT(problems[0].message, HasSubstr("is of kind " + kind)) << audience;
      }
    }
  }
  EXPECT_TRUE(ApprovingKinds(Audience::kInternal).empty());
  EXPECT_TRUE(ApprovingKinds(Audience::kPr).empty());
  ContactLog policy{.audience = Audience::kCustomer,
                    .contact = "client",
                    .summary = "連絡",
                    .by = "p-suzuki",
                    .approved_by = decision(DecisionKind::kPolicy)};
  EXPECT_THAT(Render(CheckContact(policy, i, org)[0].msg, Lang::kEn),
              "decision 1 is of kind policy; a contact to customer is approved by a decision of "
              "kind approval");
}

// Notice to individuals: who, in words, and how many; the channel says letter, email or web.
TEST(ContactRulesTest, NoticeToIndividualsSaysHowMany) {
  Organization org = SmallOrganization();
  Incident i = Reported();
  i.decisions = {
      {.id = 1, .kind = DecisionKind::kApproval, .text = "通知", .decided_by = "p-sato"}};
  ContactLog notice{.audience = Audience::kIndividuals,
                    .contact = "オンラインショップ会員",
                    .channel = ChannelKind::kPost,
                    .summary = "お詫びと経緯のご案内",
                    .by = "p-suzuki",
                    .approved_by = 1,
                    .persons = 250000};
  EXPECT_THAT(CheckContact(notice, i, org), IsEmpty());
  struct Case {
    std::function<void(ContactLog&)> change;
    const char* where;
    const char* problem;
  };
  const Case cases[] = {
      {[](ContactLog& x) { x.persons.reset(); }, "/persons",
       "a notice to individuals needs the number of persons notified"},
      {[](ContactLog& x) { x.persons = 0; }, "/persons", "must be >= 1"},
      {[](ContactLog& x) { x.contact.clear(); }, "/contact", "is required"},
      {[](ContactLog& x) { x.approved_by = 0; }, "/approved_by",
       "a contact to individuals needs the committee decision that approved it"},
  };
  for (const Case& c : cases) {
    ContactLog x = notice;
    c.change(x);
    EXPECT_THAT(CheckContact(x, i, org), ElementsAre(IsIncidentDetail(c.where, c.problem)))
        << c.problem;
  }
}

// A name chosen by whoever added the file never writes outside the folder it is written into.
TEST(EvidenceTest, FileNameKeepsOnlyTheLastPartWithoutLeadingDots) {
  auto name = [](const char* n) { return Evidence{.name = n}.FileName(); };
  EXPECT_EQ(name("auth.log"), "auth.log");
  EXPECT_EQ(name("../../etc/passwd"), "passwd");
  EXPECT_EQ(name("C:\\logs\\vpn.log"), "vpn.log");
  EXPECT_EQ(name(".bashrc"), "bashrc");
  EXPECT_EQ(name("..."), "evidence");
  EXPECT_EQ(name("dir/"), "evidence");
  EXPECT_EQ(name("画面.png"), "画面.png");
}

}  // namespace
}  // namespace sokuo::core
