#include "core/disaster.h"

#include <functional>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/disaster_fixture.h"
#include "core/disaster_rules.h"

namespace sokuo::core {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST_F(DisasterTest, KeysAndNames) {
  EXPECT_EQ(d_.key, "DIS-2026-0001");
  EXPECT_EQ(kDisasterKinds.Joined(), "earthquake, flood, fire, power_outage, pandemic, other");
  EXPECT_EQ(kSurveyItems.Joined(), "telephones, power, network, systems, confidential_media");
  EXPECT_EQ(kWorkPlaces.Parse("alternate_site"), WorkPlace::kAlternateSite);
  EXPECT_EQ(kVendorRequestStates.Name(VendorRequestState::kDeclined), "declined");
  EXPECT_EQ(kDisasterStates.Name(DisasterState::kRecovering), "recovering");
}

TEST_F(DisasterTest, TheLatestRecordByEventTimeCounts) {
  // Written up later, but it happened earlier: the answer taken at 10:00 still counts.
  Answer({.person = "p-ito", .can_work = true, .at = "2026-11-25T01:00:00Z"});
  Answer({.person = "p-ito", .can_work = false, .at = "2026-11-25T00:10:00Z"});
  ASSERT_NE(LatestAvailability(d_, "p-ito"), nullptr);
  EXPECT_TRUE(LatestAvailability(d_, "p-ito")->can_work);
  EXPECT_EQ(LatestAvailability(d_, "p-kato"), nullptr);
  // Equal times: the later record.
  Answer({.person = "p-kato", .can_work = true, .at = "2026-11-25T00:10:00Z"});
  Answer({.person = "p-kato", .can_work = false, .at = "2026-11-25T00:10:00Z"});
  EXPECT_FALSE(LatestAvailability(d_, "p-kato")->can_work);

  Survey("sales", SurveyItem::kPower, "", SurveyStatus::kDown, "2026-11-25T00:20:00Z");
  Survey("sales", SurveyItem::kPower, "", SurveyStatus::kOk, "2026-11-25T00:50:00Z", "倉庫");
  Survey("sales", SurveyItem::kPower, "", SurveyStatus::kDegraded, "2026-11-25T00:10:00Z");
  std::vector<const SurveyEntry*> latest = LatestSurvey(d_);
  ASSERT_EQ(latest.size(), 2u);  // one per site, in the order first recorded
  EXPECT_EQ(latest[0]->status, SurveyStatus::kDown);
  EXPECT_EQ(latest[1]->site, "倉庫");

  Progress("erp", RecoveryStatus::kRestored, "2026-11-25T05:00:00Z");
  Progress("erp", RecoveryStatus::kRestoring, "2026-11-25T03:00:00Z");
  EXPECT_EQ(LatestProgress(d_, "erp")->status, RecoveryStatus::kRestored);
  EXPECT_EQ(LatestProgress(d_, "mail"), nullptr);
}

TEST_F(DisasterTest, AMaintenanceContractIsInForceUntilItExpires) {
  ExternalContact c = *org_.FindContact("dc-vendor");  // expires 2027-03-31
  EXPECT_TRUE(UnderContract(c, *ParseDay("2027-03-31")));
  EXPECT_FALSE(UnderContract(c, *ParseDay("2027-04-01")));
  c.contract->expires.clear();
  EXPECT_TRUE(UnderContract(c, *ParseDay("2030-01-01")));
  EXPECT_FALSE(UnderContract(*org_.FindContact("police"), *ParseDay("2026-01-01")));
}

// Every check reports its problem where it is, with its code; the valid record reports none.
TEST_F(DisasterTest, EachCheckReportsItsProblem) {
  const Availability answer{.person = "p-ito", .department = "it-dept", .can_work = true};
  const SurveyEntry entry{
      .department = "sales", .item = SurveyItem::kPower, .surveyed_by = "p-tanaka"};
  const SystemProgress progress{.system = "erp", .by = "p-suzuki"};
  const VendorRequest request{.vendor = "dc-vendor", .system = "erp", .by = "p-suzuki"};
  const Exemption exemption{.rule = "持出し申請規程",
                            .scope = "復旧用機材の持出し",
                            .expires_at = "2026-11-30T00:00:00Z",
                            .decided_by = "p-sato",
                            .reason = "夜間に申請を受け付ける者がいない",
                            .at = "2026-11-25T02:00:00Z"};
  struct Case {
    const char* name;
    std::function<std::vector<Detail>()> check;
    const char* where;  // nullptr: no problem
    const char* code;
  };
  auto header = [&](std::function<void(Disaster&)> f) {
    return [this, f] {
      Disaster d = d_;
      f(d);
      return CheckDisasterHeader(d, org_);
    };
  };
  auto avail = [&](std::function<void(Availability&)> f) {
    return [this, answer, f] {
      Availability a = answer;
      f(a);
      return CheckAvailability(a, org_);
    };
  };
  auto survey = [&](std::function<void(SurveyEntry&)> f) {
    return [this, entry, f] {
      SurveyEntry e = entry;
      f(e);
      return CheckSurveyEntry(e, org_);
    };
  };
  auto prog = [&](std::function<void(SystemProgress&)> f) {
    return [this, progress, f] {
      SystemProgress p = progress;
      f(p);
      return CheckProgress(p, org_);
    };
  };
  auto vendor = [&](std::function<void(VendorRequest&)> f) {
    return [this, request, f] {
      VendorRequest r = request;
      f(r);
      return CheckVendorRequest(r, org_);
    };
  };
  auto exempt = [&](std::function<void(Exemption&)> f) {
    return [this, exemption, f] {
      Exemption x = exemption;
      f(x);
      return CheckExemption(x, org_);
    };
  };
  auto none = [](auto&) {};
  const Case cases[] = {
      {"valid header", header(none), nullptr, nullptr},
      {"no title", header([](Disaster& d) { d.title.clear(); }), "/title", "field.required"},
      {"unknown department", header([](Disaster& d) { d.departments[1] = "sale"; }),
       "/departments/1", "ref.unknown"},
      {"department twice", header([](Disaster& d) { d.departments.push_back("sales"); }),
       "/departments/2", "list.duplicate"},
      {"site twice", header([](Disaster& d) { d.sites.push_back("本社"); }), "/sites/1",
       "list.duplicate"},
      {"unknown declarer", header([](Disaster& d) { d.declared_by = "p-sat"; }), "/declared_by",
       "ref.unknown"},
      {"declared when", header([](Disaster& d) { d.declared_at = "yesterday"; }), "/declared_at",
       "time.not_rfc3339"},
      {"valid answer", avail(none), nullptr, nullptr},
      {"unknown person", avail([](Availability& a) { a.person = "p-it"; }), "/person",
       "ref.unknown"},
      {"no person", avail([](Availability& a) { a.person.clear(); }), "/person", "field.required"},
      {"works for nobody", avail([](Availability& a) { a.department = "it"; }), "/department",
       "ref.unknown"},
      {"0 hours", avail([](Availability& a) { a.hours_per_day = 0; }), "/hours_per_day",
       "org.out_of_range"},
      {"25 hours", avail([](Availability& a) { a.hours_per_day = 25; }), "/hours_per_day",
       "org.out_of_range"},
      {"24 hours", avail([](Availability& a) { a.hours_per_day = 24; }), nullptr, nullptr},
      {"day starts at 24", avail([](Availability& a) { a.day_starts_hour = 24; }),
       "/day_starts_hour", "org.out_of_range"},
      {"from when", avail([](Availability& a) { a.from = "2026-11-25 13:00"; }), "/from",
       "time.not_rfc3339"},
      {"empty skill", avail([](Availability& a) {
         a.skills = {"server", ""};
       }),
       "/skills/1", "field.required"},
      {"skill twice", avail([](Availability& a) {
         a.skills = {"server", "server"};
       }),
       "/skills/1", "list.duplicate"},
      {"valid survey", survey(none), nullptr, nullptr},
      {"no department", survey([](SurveyEntry& e) { e.department.clear(); }), "/department",
       "field.required"},
      {"power names no target", survey([](SurveyEntry& e) { e.target = "power"; }), "/target",
       "disaster.target_not_allowed"},
      {"unknown system", survey([](SurveyEntry& e) {
         e.item = SurveyItem::kSystems;
         e.target = "ERP";
       }),
       "/target", "ref.unknown"},
      {"a system", survey([](SurveyEntry& e) {
         e.item = SurveyItem::kSystems;
         e.target = "erp";
       }),
       nullptr, nullptr},
      {"unknown medium", survey([](SurveyEntry& e) {
         e.item = SurveyItem::kConfidentialMedia;
         e.target = "erp";
       }),
       "/target", "ref.unknown"},
      {"a medium", survey([](SurveyEntry& e) {
         e.item = SurveyItem::kConfidentialMedia;
         e.target = "backup-tapes";
       }),
       nullptr, nullptr},
      {"no surveyor", survey([](SurveyEntry& e) { e.surveyed_by.clear(); }), "/surveyed_by",
       "field.required"},
      {"valid progress", prog(none), nullptr, nullptr},
      {"unknown system", prog([](SystemProgress& p) { p.system = "erq"; }), "/system",
       "ref.unknown"},
      {"eta", prog([](SystemProgress& p) { p.eta = "tomorrow"; }), "/eta", "time.not_rfc3339"},
      {"valid request", vendor(none), nullptr, nullptr},
      {"unknown vendor", vendor([](VendorRequest& r) { r.vendor = "dc"; }), "/vendor",
       "ref.unknown"},
      {"the police are no vendor", vendor([](VendorRequest& r) { r.vendor = "police"; }), "/vendor",
       "disaster.not_vendor"},
      {"a contract will do", vendor([this](VendorRequest& r) {
         r.vendor = "police";
         org_.contacts[0].contract = MaintenanceContract{.number = "X-1"};
       }),
       nullptr, nullptr},
      {"answered without answer",
       vendor([](VendorRequest& r) { r.state = VendorRequestState::kAnswered; }), "/answer",
       "disaster.vendor_answer_required"},
      {"vendor eta", vendor([](VendorRequest& r) { r.eta = "2026-11-26"; }), "/eta",
       "time.not_rfc3339"},
      {"valid exemption", exempt(none), nullptr, nullptr},
      {"no rule", exempt([](Exemption& x) { x.rule.clear(); }), "/rule", "field.required"},
      {"no scope", exempt([](Exemption& x) { x.scope.clear(); }), "/scope", "field.required"},
      {"no reason", exempt([](Exemption& x) { x.reason.clear(); }), "/reason", "field.required"},
      {"not the committee", exempt([](Exemption& x) { x.decided_by = "p-tanaka"; }), "/decided_by",
       "decision.not_committee"},
      {"no expiry", exempt([](Exemption& x) { x.expires_at.clear(); }), "/expires_at",
       "field.required"},
      {"expiry not a time", exempt([](Exemption& x) { x.expires_at = "next week"; }), "/expires_at",
       "time.not_rfc3339"},
      {"expires when decided", exempt([](Exemption& x) { x.expires_at = x.at; }), "/expires_at",
       "disaster.expiry_not_after_decision"},
  };
  for (const Case& c : cases) {
    Organization saved = org_;
    std::vector<Detail> got = c.check();
    org_ = saved;
    if (c.where == nullptr) {
      EXPECT_THAT(got, IsEmpty()) << c.name << ": " << (got.empty() ? Detail{} : got[0]);
      continue;
    }
    ASSERT_EQ(got.size(), 1u) << c.name << (got.empty() ? "" : ": " + got[0].message);
    EXPECT_EQ(got[0].where, c.where) << c.name;
    EXPECT_EQ(got[0].msg.code, c.code) << c.name << ": " << got[0];
  }
}

TEST_F(DisasterTest, TheSurveyMatrixShowsTheWorstAndWhatIsStillUnknown) {
  using S = SurveyStatus;
  using I = SurveyItem;
  Survey("it-dept", I::kPower, "", S::kDown);
  Survey("it-dept", I::kSystems, "core-network", S::kDown);
  Survey("it-dept", I::kSystems, "mail", S::kOk);
  Survey("it-dept", I::kNetwork, "", S::kDegraded);
  Survey("it-dept", I::kNetwork, "", S::kUnknown, "2026-11-25T00:40:00Z", "倉庫");
  Survey("sales", I::kTelephones, "", S::kOk);
  Survey("sales", I::kTelephones, "", S::kDegraded, "2026-11-25T00:40:00Z", "倉庫");
  Survey("sales", I::kPower, "", S::kDegraded, "2026-11-25T00:20:00Z");
  Survey("sales", I::kPower, "", S::kOk, "2026-11-25T00:50:00Z");      // the same site, later
  Survey("committee", I::kConfidentialMedia, "backup-tapes", S::kOk);  // not an affected one
  SurveyMatrixView m = SurveyMatrix(d_, org_);
  // Columns: telephones, power, network, systems, confidential media.
  EXPECT_THAT(
      m.rows,
      ElementsAre(
          SurveyRow{"it-dept", {S::kUnknown, S::kDown, S::kUnknown, S::kDown, S::kUnknown}},
          SurveyRow{"sales", {S::kDegraded, S::kOk, S::kUnknown, S::kUnknown, S::kUnknown}},
          SurveyRow{"committee", {S::kUnknown, S::kUnknown, S::kUnknown, S::kUnknown, S::kOk}}));
  EXPECT_THAT(
      m.unknown,
      ElementsAre(SurveyGap{"it-dept", I::kTelephones}, SurveyGap{"it-dept", I::kNetwork},
                  SurveyGap{"it-dept", I::kConfidentialMedia}, SurveyGap{"sales", I::kNetwork},
                  SurveyGap{"sales", I::kSystems}, SurveyGap{"sales", I::kConfidentialMedia},
                  SurveyGap{"committee", I::kTelephones}, SurveyGap{"committee", I::kPower},
                  SurveyGap{"committee", I::kNetwork}, SurveyGap{"committee", I::kSystems}));
  // No department named: the IS and user departments, nothing surveyed yet.
  d_.departments.clear();
  d_.survey.clear();
  m = SurveyMatrix(d_, org_);
  ASSERT_EQ(m.rows.size(), 2u);
  EXPECT_EQ(m.rows[0].department, "it-dept");
  EXPECT_EQ(m.rows[1].department, "sales");
  EXPECT_EQ(m.unknown.size(), 10u);
}

TEST_F(DisasterTest, MediaByConfidentialityWithTheirSurvey) {
  org_.media.push_back({.id = "sales-usb",
                        .kind = MediumKind::kUsb,
                        .owner = "sales",
                        .confidentiality = Confidentiality::kInternal});
  org_.media.push_back({.id = "contracts-nas",
                        .kind = MediumKind::kNas,
                        .owner = "sales",
                        .confidentiality = Confidentiality::kSecret});
  org_.media.push_back({.id = "board-minutes", .owner = "committee"});  // not affected
  Survey("sales", SurveyItem::kConfidentialMedia, "contracts-nas", SurveyStatus::kOk);
  Survey("sales", SurveyItem::kConfidentialMedia, "contracts-nas", SurveyStatus::kDown,
         "2026-11-25T00:40:00Z", "倉庫");
  Survey("it-dept", SurveyItem::kConfidentialMedia, "backup-tapes", SurveyStatus::kOk);
  EXPECT_THAT(
      MediaSurvey(d_, org_),
      ElementsAre(MediumStatus{"contracts-nas", Confidentiality::kSecret, SurveyStatus::kDown},
                  MediumStatus{"backup-tapes", Confidentiality::kConfidential, SurveyStatus::kOk},
                  MediumStatus{"sales-usb", Confidentiality::kInternal, SurveyStatus::kUnknown}));
}

TEST_F(DisasterTest, StaffAgainstTheActionPlanRoles) {
  Answer({.person = "p-suzuki", .can_work = true});
  Answer({.person = "p-kato", .can_work = true, .from = "2026-11-25T03:00:00Z"});
  Answer({.person = "p-ito", .can_work = false});
  // The committee's chair helps sales today.
  Answer({.person = "p-sato", .department = "sales", .can_work = true});
  std::vector<DepartmentStaff> view = StaffView(d_, org_, now_);
  ASSERT_EQ(view.size(), 2u);  // the committee has nobody left and no action plan

  const DepartmentStaff& it = view[0];
  EXPECT_EQ(it.department, "it-dept");
  struct Row {
    const char* person;
    bool answered, available_now;
  };
  const Row rows[] = {{"p-suzuki", true, true},
                      {"p-kato", true, false},  // from 12:00
                      {"p-ito", true, false},
                      {"p-watanabe", false, false}};
  ASSERT_EQ(it.people.size(), std::size(rows));
  for (size_t k = 0; k < std::size(rows); ++k) {
    EXPECT_EQ(it.people[k].person, rows[k].person);
    EXPECT_EQ(it.people[k].latest.has_value(), rows[k].answered) << rows[k].person;
    EXPECT_EQ(it.people[k].available_now, rows[k].available_now) << rows[k].person;
  }
  // 復旧責任者: p-ito cannot, p-watanabe has not answered, p-kato can (from noon).
  ASSERT_EQ(it.roles.size(), 1u);
  EXPECT_EQ(it.roles[0].title, "復旧責任者");
  EXPECT_EQ(it.roles[0].filled_by, "p-kato");

  const DepartmentStaff& sales = view[1];
  ASSERT_EQ(sales.people.size(), 2u);
  EXPECT_EQ(sales.people[0].person, "p-sato");
  EXPECT_EQ(sales.people[1].person, "p-tanaka");
  ASSERT_EQ(sales.roles.size(), 1u);
  EXPECT_EQ(sales.roles[0].filled_by, "p-sato");  // the deputy: p-tanaka has not answered

  // Someone who may not be called in fills no role, whatever they answered.
  org_.people[0].available_for_emergency_work = false;
  view = StaffView(d_, org_, now_);
  EXPECT_FALSE(view[1].people[0].called_in);
  EXPECT_FALSE(view[1].people[0].available_now);
  EXPECT_EQ(view[1].roles[0].filled_by, "");
}

TEST_F(DisasterTest, ClosingNeedsEveryTierASystemBackOrTheCommitteesReason) {
  auto codes = [this](const std::string& reason = {}) {
    std::vector<std::string> out;
    for (const Message& m : CloseCheck(d_, org_, reason)) {
      out.push_back(m.code + " " + m.params[0].second + " " + m.params[1].second);
    }
    return out;
  };
  // power, core-network and directory are tier a; nothing is known of them.
  EXPECT_THAT(codes(), ElementsAre("disaster.tier_a_not_back power unknown",
                                   "disaster.tier_a_not_back core-network unknown",
                                   "disaster.tier_a_not_back directory unknown"));
  EXPECT_EQ(Render(CloseCheck(d_, org_)[0], Lang::kEn),
            "tier-a system power is not back (unknown): record its recovery, or the committee "
            "gives the reason to close anyway");
  EXPECT_EQ(Render(CloseCheck(d_, org_)[0], Lang::kJa),
            "ティア A のシステム power が復旧していません（未確認）。復旧を記録するか、委員会が終了"
            "の理由を記録してください");
  Progress("power", RecoveryStatus::kRestored, "2026-11-25T06:00:00Z");
  Progress("core-network", RecoveryStatus::kDegraded, "2026-11-25T07:00:00Z");
  Survey("it-dept", SurveyItem::kSystems, "directory", SurveyStatus::kOk);
  EXPECT_THAT(codes(), ElementsAre("disaster.tier_a_not_back core-network degraded"));
  Progress("core-network", RecoveryStatus::kRestored, "2026-11-25T08:00:00Z");
  EXPECT_THAT(codes(), IsEmpty());
  // An aftershock: a survey after the progress says the network is down again.
  Survey("it-dept", SurveyItem::kSystems, "core-network", SurveyStatus::kDown,
         "2026-11-25T09:00:00Z");
  EXPECT_THAT(codes(), ElementsAre("disaster.tier_a_not_back core-network down"));
  // The committee may close anyway, with its reason.
  EXPECT_THAT(codes("ネットワークは代替回線で運用を継続する"), IsEmpty());
  d_.state = DisasterState::kClosed;
  ASSERT_EQ(CloseCheck(d_, org_, "x").size(), 1u);
  EXPECT_EQ(CloseCheck(d_, org_, "x")[0].code, "disaster.already_closed");
}

TEST_F(DisasterTest, CloseRefusesWithWhatBlocksOrTakesTheCommitteesReason) {
  Timestamp at = At("2026-11-26T09:00:00Z");
  struct Case {
    const char* name;
    const char* by;
    const char* reason;
    std::vector<std::string> refused;  // the details' codes; empty: closed
  };
  const Case cases[] = {
      {"tier a not back",
       "p-sato",
       "",
       {"disaster.tier_a_not_back", "disaster.tier_a_not_back", "disaster.tier_a_not_back"}},
      {"a reason from outside the committee",
       "p-tanaka",
       "業務は代替手段で継続",
       {"decision.not_committee"}},
      {"the committee's reason", "p-sato", "業務は代替手段で継続", {}},
  };
  for (const Case& c : cases) {
    Disaster d = d_;
    auto r = CloseDisaster(d, org_, c.by, at, c.reason);
    if (c.refused.empty()) {
      ASSERT_TRUE(r) << c.name << ": " << r.error().ToString();
      EXPECT_EQ(d.state, DisasterState::kClosed) << c.name;
      EXPECT_EQ(d.closed_at, "2026-11-26T09:00:00Z");
      EXPECT_EQ(d.close_reason, c.reason);
      continue;
    }
    ASSERT_FALSE(r) << c.name;
    EXPECT_EQ(r.error().code, ErrorCode::kConflict);
    EXPECT_EQ(r.error().msg.code, "disaster.close_refused");
    std::vector<std::string> codes;
    for (const Detail& x : r.error().details) codes.push_back(x.msg.code);
    EXPECT_EQ(codes, c.refused) << c.name;
    EXPECT_EQ(d, d_) << c.name << ": a refusal changes nothing";
  }
  // Everything back: anyone may close it, with no reason; then not again.
  for (const char* system : {"power", "core-network", "directory"}) {
    Progress(system, RecoveryStatus::kRestored, "2026-11-26T08:00:00Z");
  }
  ASSERT_TRUE(CloseDisaster(d_, org_, "p-suzuki", at, ""));
  auto again = CloseDisaster(d_, org_, "p-sato", at, "x");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().details[0].msg.code, "disaster.already_closed");
}

TEST_F(DisasterTest, AnExemptionIsInForceUntilItExpires) {
  d_.exemptions = {{.id = 1, .rule = "A", .expires_at = "2026-11-25T00:30:00Z"},
                   {.id = 2, .rule = "B", .expires_at = "2026-11-26T00:00:00Z"},
                   {.id = 3, .rule = "C", .expires_at = "2026-11-25T01:00:00Z"},  // = now
                   {.id = 4, .rule = "D", .expires_at = "soon"}};
  std::vector<Exemption> active = ActiveExemptions(d_, now_);
  ASSERT_EQ(active.size(), 1u);
  EXPECT_EQ(active[0].id, 2);
  EXPECT_THAT(ActiveExemptions(d_, At("2026-11-25T00:00:00Z")).size(), 3u);
}

TEST_F(DisasterTest, WhoMayDoWhat) {
  org_.people.push_back({.id = "p-member", .name = "p-member", .department = "sales"});
  auto as = [&](const std::string& person) {
    return Principal{person, DeriveRoles(org_, person, {})};
  };
  auto can = [&](const std::string& who, DisasterAction a, const std::string& dept = {},
                 const std::string& subject = {}) {
    return CanDoDisaster(as(who), a, d_, org_, dept, subject);
  };
  d_.declared_by = "p-tanaka";
  // Declaring: the committee, the IS department, a department head; not a member.
  EXPECT_TRUE(can("p-sato", DisasterAction::kDeclare));
  EXPECT_TRUE(can("p-ito", DisasterAction::kDeclare));
  EXPECT_TRUE(can("p-tanaka", DisasterAction::kDeclare));
  EXPECT_FALSE(can("p-member", DisasterAction::kDeclare));
  // The header: also the one who declared it.
  EXPECT_TRUE(can("p-tanaka", DisasterAction::kUpdate));
  EXPECT_FALSE(can("p-member", DisasterAction::kUpdate));
  // Roll call: oneself, the head of one's department, not another member or another head.
  EXPECT_TRUE(can("p-member", DisasterAction::kRollCall, "sales", "p-member"));
  EXPECT_TRUE(can("p-tanaka", DisasterAction::kRollCall, "sales", "p-member"));
  EXPECT_TRUE(can("p-tanaka", DisasterAction::kRollCall, "", "p-member"));
  EXPECT_FALSE(can("p-member", DisasterAction::kRollCall, "sales", "p-tanaka"));
  EXPECT_FALSE(can("p-tanaka", DisasterAction::kRollCall, "it-dept", "p-ito"));
  // The survey: the surveyed department's people; progress: the owner department's.
  EXPECT_TRUE(can("p-member", DisasterAction::kSurvey, "sales"));
  EXPECT_FALSE(can("p-member", DisasterAction::kSurvey, "it-dept"));
  EXPECT_FALSE(can("p-member", DisasterAction::kSurvey, ""));
  EXPECT_TRUE(can("p-ito", DisasterAction::kProgress, "sales"));
  EXPECT_TRUE(can("p-tanaka", DisasterAction::kProgress, "sales"));
  // Measures, vendors, exemptions (decided by a committee member, CheckExemption), closing:
  // the committee and IS.
  EXPECT_TRUE(can("p-ito", DisasterAction::kTask));
  EXPECT_FALSE(can("p-tanaka", DisasterAction::kTask));
  EXPECT_TRUE(can("p-sato", DisasterAction::kExempt));
  EXPECT_TRUE(can("p-ito", DisasterAction::kExempt));
  EXPECT_FALSE(can("p-tanaka", DisasterAction::kExempt));
  EXPECT_TRUE(can("p-ito", DisasterAction::kClose));
  EXPECT_FALSE(can("p-tanaka", DisasterAction::kClose));
  // The auditor changes nothing, whatever else they are; the operator may do everything.
  Principal auditor{"p-sato", DeriveRoles(org_, "p-sato", {Role::kAuditor})};
  EXPECT_FALSE(CanDoDisaster(auditor, DisasterAction::kExempt, d_, org_));
  EXPECT_TRUE(CanDoDisaster(Operator(), DisasterAction::kExempt, d_, org_));
}

}  // namespace
}  // namespace sokuo::core
