#include "core/access.h"

#include <gtest/gtest.h>

#include "core/org_fixture.h"

namespace sokuo::core {
namespace {

Principal As(const Organization& org, const std::string& person,
             const std::vector<Role>& granted = {}) {
  return {person, DeriveRoles(org, person, granted), false};
}

TEST(AccessTest, RolesDeriveFromTheOrganization) {
  Organization org = SmallOrganization();
  // p-sato chairs the committee; p-suzuki heads IS and is the chair's deputy; p-tanaka heads sales.
  EXPECT_EQ(As(org, "p-sato").roles,
            (std::set<Role>{Role::kMember, Role::kCommittee, Role::kDepartmentHead}));
  EXPECT_EQ(As(org, "p-suzuki").roles,
            (std::set<Role>{Role::kMember, Role::kCommittee, Role::kIsDepartment,
                            Role::kDepartmentHead}));
  EXPECT_EQ(As(org, "p-tanaka", {Role::kAuditor, Role::kCommittee}).roles,
            (std::set<Role>{Role::kMember, Role::kDepartmentHead, Role::kAuditor}))
      << "only administrator and auditor can be granted";
}

TEST(AccessTest, NeedToKnow) {
  Organization org = SmallOrganization();
  org.people.push_back({.id = "p-sales", .name = "営業", .department = "sales"});
  org.people.push_back({.id = "p-other", .name = "他部署", .department = "committee"});
  org.people.push_back({.id = "p-admin", .name = "管理者", .department = "committee"});
  Incident i{.key = "INC-2026-0001", .reported_by = "p-tanaka", .reporter_department = "sales"};
  struct Case {
    const char* who;
    std::vector<Role> granted;
    bool restricted;
    bool sees;
  };
  const Case cases[] = {
      {"p-sales", {}, false, true},   // own department
      {"p-sales", {}, true, false},   // restricted: not a participant
      {"p-other", {}, false, false},  // another department, no role: not theirs to see
      {"p-admin", {Role::kAdministrator}, false, true},
      {"p-admin", {Role::kAdministrator}, true, false},
      {"p-other", {Role::kAuditor}, true, true},
      {"p-suzuki", {}, true, true},  // IS department
      {"p-tanaka", {}, true, true},  // the reporter
  };
  for (const Case& c : cases) {
    Incident x = i;
    x.restricted = c.restricted;
    EXPECT_EQ(CanSee(As(org, c.who, c.granted), x, org), c.sees)
        << c.who << (c.restricted ? " restricted" : "");
  }
  Incident restricted = i;
  restricted.restricted = true;
  restricted.participants = {{"p-sales", ParticipantRole::kResponder}};
  EXPECT_TRUE(CanSee(As(org, "p-sales"), restricted, org));
  EXPECT_TRUE(CanDo(As(org, "p-sales"), IncidentAction::kTask, restricted, org));
  EXPECT_FALSE(CanDo(As(org, "p-sales"), IncidentAction::kTriage, restricted, org));
}

TEST(AccessTest, WhoMayDoWhat) {
  Organization org = SmallOrganization();
  org.people.push_back({.id = "p-sales", .name = "営業", .department = "sales"});
  Incident i{.key = "INC-2026-0001", .reported_by = "p-sales", .reporter_department = "sales"};
  Principal is = As(org, "p-suzuki"), chair = As(org, "p-sato"), head = As(org, "p-tanaka"),
            member = As(org, "p-sales"), auditor = As(org, "p-sales", {Role::kAuditor});
  EXPECT_TRUE(CanDo(is, IncidentAction::kTriage, i, org));
  EXPECT_FALSE(CanDo(chair, IncidentAction::kTriage, i, org));
  EXPECT_TRUE(CanDo(chair, IncidentAction::kDecide, i, org));
  EXPECT_FALSE(CanDo(head, IncidentAction::kDecide, i, org));
  EXPECT_TRUE(CanDo(head, IncidentAction::kTask, i, org));  // G4.3.3: the user department acts
  EXPECT_FALSE(CanDo(member, IncidentAction::kTask, i, org));
  EXPECT_TRUE(CanDo(member, IncidentAction::kUpdate, i, org));  // the reporter corrects the report
  i.state = IncidentState::kTriaged;
  EXPECT_FALSE(CanDo(member, IncidentAction::kUpdate, i, org));
  EXPECT_FALSE(CanDo(auditor, IncidentAction::kUpdate, i, org));
  EXPECT_FALSE(CanReport(auditor));
  EXPECT_TRUE(CanReport(member));
  EXPECT_TRUE(CanDo(Operator(), IncidentAction::kClose, i, org));
}

// The auditor reads everything and changes nothing, whatever else the same person is: a test
// with an auditor who holds no other role cannot tell "auditor" from "nobody".
TEST(AccessTest, AnAuditorChangesNothingWhateverElseTheyAre) {
  Organization org = SmallOrganization();
  org.people.push_back({.id = "p-is", .name = "情シス", .department = "it-dept"});
  Incident i{.key = "INC-2026-0001", .reported_by = "p-tanaka", .reporter_department = "sales"};
  i.participants = {{"p-sato", ParticipantRole::kLead}};
  const Principal auditors[] = {
      As(org, "p-is", {Role::kAuditor}),                          // IS staff
      As(org, "p-tanaka", {Role::kAuditor}),                      // head of sales, the reporter
      As(org, "p-sato", {Role::kAuditor, Role::kAdministrator}),  // committee chair, lead
      As(org, "p-suzuki", {Role::kAuditor}),                      // IS head and deputy chair
  };
  const IncidentAction actions[] = {
      IncidentAction::kUpdate,     IncidentAction::kTriage,        IncidentAction::kPriority,
      IncidentAction::kConvene,    IncidentAction::kRecordMeeting, IncidentAction::kDecide,
      IncidentAction::kContact,    IncidentAction::kTask,          IncidentAction::kAssess,
      IncidentAction::kRecover,    IncidentAction::kReview,        IncidentAction::kEvidence,
      IncidentAction::kTransition, IncidentAction::kClose,         IncidentAction::kHold};
  for (const Principal& p : auditors) {
    // Without the auditor role each of them could triage, act or decide on this incident.
    Principal without = p;
    without.roles.erase(Role::kAuditor);
    EXPECT_TRUE(CanDo(without, IncidentAction::kTask, i, org)) << p.person;
    EXPECT_TRUE(CanSee(p, i, org)) << p.person;
    EXPECT_FALSE(CanReport(p)) << p.person;
    for (IncidentAction a : actions) {
      EXPECT_FALSE(CanDo(p, a, i, org)) << p.person << " action " << static_cast<int>(a);
      for (IncidentState s : {IncidentState::kTriaged, IncidentState::kClosed}) {
        Incident later = i;
        later.state = s;
        EXPECT_FALSE(CanDo(p, a, later, org)) << p.person << " action " << static_cast<int>(a);
      }
    }
  }
}

// G3.1, G3.2: who takes part is for the committee and the IS department. A reporter corrects
// the report (and its restricted flag) until triage, but never appoints anyone, themselves
// included: a participant may act on the incident.
TEST(AccessTest, OnlyTheIsDepartmentAndTheCommitteeAppoint) {
  Organization org = SmallOrganization();
  org.people.push_back({.id = "p-sales", .name = "営業", .department = "sales"});
  Incident i{.key = "INC-2026-0001", .reported_by = "p-sales", .reporter_department = "sales"};
  Principal is = As(org, "p-suzuki"), chair = As(org, "p-sato"), head = As(org, "p-tanaka"),
            reporter = As(org, "p-sales");
  struct Case {
    const Principal* who;
    IncidentAction action;
    IncidentState state;
    bool allowed;
  };
  const Case cases[] = {
      {&reporter, IncidentAction::kUpdate, IncidentState::kReported, true},
      {&reporter, IncidentAction::kRestrict, IncidentState::kReported, true},
      {&reporter, IncidentAction::kAppoint, IncidentState::kReported, false},
      {&reporter, IncidentAction::kUpdate, IncidentState::kTriaged, false},
      {&reporter, IncidentAction::kRestrict, IncidentState::kTriaged, false},
      {&reporter, IncidentAction::kAppoint, IncidentState::kTriaged, false},
      {&head, IncidentAction::kAppoint, IncidentState::kTriaged, false},
      {&head, IncidentAction::kRestrict, IncidentState::kTriaged, false},
      {&is, IncidentAction::kAppoint, IncidentState::kReported, true},
      {&is, IncidentAction::kRestrict, IncidentState::kTriaged, true},
      {&chair, IncidentAction::kAppoint, IncidentState::kTriaged, true},
      {&chair, IncidentAction::kRestrict, IncidentState::kTriaged, true},
  };
  for (const Case& c : cases) {
    Incident x = i;
    x.state = c.state;
    EXPECT_EQ(CanDo(*c.who, c.action, x, org), c.allowed)
        << c.who->person << " action " << static_cast<int>(c.action) << " in state "
        << kIncidentStates.Name(c.state);
  }
  // An appointed participant acts; an observer does not.
  Incident appointed = i;
  appointed.state = IncidentState::kTriaged;
  appointed.participants = {{"p-sales", ParticipantRole::kResponder}};
  EXPECT_TRUE(CanDo(reporter, IncidentAction::kTask, appointed, org));
  EXPECT_FALSE(CanDo(reporter, IncidentAction::kAppoint, appointed, org));
  appointed.participants = {{"p-sales", ParticipantRole::kObserver}};
  EXPECT_FALSE(CanDo(reporter, IncidentAction::kTask, appointed, org));
}

// G3.3: a department reports what it detects; the IS department and the committee take reports
// for any department.
TEST(AccessTest, AReportNamesTheReportersOwnDepartment) {
  Organization org = SmallOrganization();
  org.people.push_back({.id = "p-sales", .name = "営業", .department = "sales"});
  org.people.push_back({.id = "p-is", .name = "情シス", .department = "it-dept"});
  struct Case {
    Principal who;
    const char* department;
    bool allowed;
  };
  const Case cases[] = {
      {As(org, "p-sales"), "sales", true},
      {As(org, "p-sales"), "", true},  // filled in with their own
      {As(org, "p-sales"), "it-dept", false},
      {As(org, "p-tanaka"), "committee", false},  // a head, for another department
      {As(org, "p-sales", {Role::kAdministrator}), "it-dept", false},
      {As(org, "p-is"), "sales", true},    // the IS department
      {As(org, "p-sato"), "sales", true},  // the committee chair
      {As(org, "p-is", {Role::kAuditor}), "it-dept", false},
      {As(org, "p-unknown"), "sales", false},
      {Operator(), "sales", true},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(CanReportFor(c.who, c.department, org), c.allowed)
        << c.who.person << " for '" << c.department << "'";
  }
}

// Accounts: nobody changes their own roles; a reset never hands an administrator a role they
// lack; an administrator who is also the auditor manages nothing.
TEST(AccessTest, AccountsAreNeitherSelfGrantedNorTakenOver) {
  Organization org = SmallOrganization();
  org.people.push_back({.id = "p-admin", .name = "管理者", .department = "sales"});
  org.people.push_back({.id = "p-sales", .name = "営業", .department = "sales"});
  Principal admin = As(org, "p-admin", {Role::kAdministrator});
  EXPECT_FALSE(CanChangeRolesOf(admin, "p-admin"));
  EXPECT_TRUE(CanChangeRolesOf(admin, "p-sales"));
  EXPECT_FALSE(CanChangeRolesOf(As(org, "p-sales"), "p-tanaka"));
  EXPECT_TRUE(CanChangeRolesOf(Operator(), "p-admin"));
  struct Case {
    const char* target;
    std::vector<Role> granted;
    bool allowed;
  };
  const Case cases[] = {
      {"p-sales", {}, true},                       // a member: nothing the admin lacks
      {"p-sales", {Role::kAdministrator}, true},   // another administrator
      {"p-sales", {Role::kAuditor}, false},        // the auditor reads everything
      {"p-sato", {}, false},                       // the committee chair
      {"p-suzuki", {}, false},                     // the IS department
      {"p-tanaka", {}, false},                     // a department head
      {"p-admin", {Role::kAdministrator}, false},  // oneself: change it with the current one
  };
  for (const Case& c : cases) {
    std::set<Role> roles = DeriveRoles(org, c.target, c.granted);
    EXPECT_EQ(CanResetPasswordOf(admin, c.target, roles), c.allowed) << c.target;
    EXPECT_TRUE(CanResetPasswordOf(Operator(), c.target, roles)) << c.target;
  }
  std::set<Role> member = DeriveRoles(org, "p-sales", {});
  Principal admin_auditor = As(org, "p-admin", {Role::kAdministrator, Role::kAuditor});
  EXPECT_FALSE(CanManageAccounts(admin_auditor));
  EXPECT_FALSE(CanResetPasswordOf(admin_auditor, "p-sales", member));
  EXPECT_FALSE(CanChangeRolesOf(admin_auditor, "p-sales"));
  EXPECT_FALSE(CanManageAccounts(As(org, "p-sales")));
}

}  // namespace
}  // namespace sokuo::core
