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

}  // namespace
}  // namespace sokuo::core
