// Who may see and do what, as pure functions: roles derive from the organization (committee
// membership, the IS department, department heads) plus the two that only an administrator
// grants (administrator, auditor), so the organization file stays the single source.
//
// Need-to-know: a member sees the incidents of their department (reporting or affected), the
// ones they reported and the ones they take part in; restricted incidents only their reporter,
// participants, the committee, the IS department and the auditor. The auditor sees everything
// and changes nothing. The local operator (the CLI on the data directory) may do everything.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/enum_names.h"
#include "core/incident.h"
#include "core/organization.h"

namespace sokuo::core {

enum class Role { kAdministrator, kAuditor, kCommittee, kIsDepartment, kDepartmentHead, kMember };
inline constexpr auto kRoles = MakeEnumNames<Role>(
    std::pair{Role::kAdministrator, "administrator"}, std::pair{Role::kAuditor, "auditor"},
    std::pair{Role::kCommittee, "committee"}, std::pair{Role::kIsDepartment, "is_department"},
    std::pair{Role::kDepartmentHead, "department_head"}, std::pair{Role::kMember, "member"});

// Roles an administrator grants; the others come from the organization.
bool IsGrantedRole(Role r);

std::set<Role> DeriveRoles(const Organization& org, const std::string& person,
                           const std::vector<Role>& granted);

struct Principal {
  std::string person;  // empty for the operator
  std::set<Role> roles;
  bool is_operator = false;
  bool Has(Role r) const { return roles.count(r) != 0; }
};

Principal Operator();

enum class IncidentAction {
  kUpdate,
  kTriage,
  kPriority,
  kConvene,
  kRecordMeeting,
  kDecide,
  kContact,
  kTask,
  kAssess,
  kRecover,
  kReview,
  kEvidence,
  kTransition,
  kClose
};

bool CanReport(const Principal& p);
bool CanSee(const Principal& p, const Incident& i, const Organization& org);
bool CanDo(const Principal& p, IncidentAction action, const Incident& i, const Organization& org);

}  // namespace sokuo::core
