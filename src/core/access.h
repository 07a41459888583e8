// Who may see and do what, as pure functions: roles derive from the organization (committee
// membership, the IS department, department heads) plus the two that only an administrator
// grants (administrator, auditor), so the organization file stays the single source.
//
// Need-to-know: a member sees the incidents of their department (reporting or affected), the
// ones they reported and the ones they take part in; restricted incidents only their reporter,
// participants, the committee, the IS department and the auditor. The auditor sees everything
// and changes nothing, whatever other role the same person holds: read-only wins. The local
// operator (the CLI on the data directory) may do everything.
//
// Accounts: nobody changes the roles of their own account, and an administrator's password
// reset cannot take over an account that holds a role the administrator lacks (the reset would
// hand them that role); such resets are the operator's.
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
  kUpdate,    // the report's fields; the reporter until triage
  kAppoint,   // who takes part (participants): G3.1, G3.2
  kRestrict,  // the restricted flag (need-to-know); the reporter until triage
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
  kClose,
  kHold  // a legal hold, and the disposal of evidence
};

// The auditor: reads everything, changes nothing. Never the operator.
bool IsReadOnly(const Principal& p);

bool CanReport(const Principal& p);
// G3.3: a department reports what it detects, so a report names the reporter's own department;
// the IS department (G3.2) and the committee take reports for any department.
bool CanReportFor(const Principal& p, const std::string& department, const Organization& org);
bool CanSee(const Principal& p, const Incident& i, const Organization& org);

// Need-to-know as data that a query can apply (store::IncidentQuery): CanSee(p, i, org) is
// InScope(ScopeOf(p, org), i).
struct VisibilityScope {
  bool everything = false;  // the operator, the auditor, the committee, the IS department
  std::string person;       // sees what they reported and what they take part in
  // and, of the incidents that are not restricted: every one (an administrator), or those that
  // concern one of `departments` (their own, and those they head).
  bool unrestricted = false;
  std::vector<std::string> departments;
};
VisibilityScope ScopeOf(const Principal& p, const Organization& org);
bool InScope(const VisibilityScope& s, const Incident& i);
// The departments an incident concerns: the reporter's and the affected ones.
std::vector<std::string> ConcernedDepartments(const Incident& i);
// Who an incident names: its reporter and its participants.
std::vector<std::string> NamedPeople(const Incident& i);
bool CanDo(const Principal& p, IncidentAction action, const Incident& i, const Organization& org);

// Account management: administrators (never a read-only auditor) and the operator.
bool CanManageAccounts(const Principal& p);
// Nobody grants or removes roles on their own account.
bool CanChangeRolesOf(const Principal& p, const std::string& person);
// A reset hands the one who makes it the account's password, so an administrator may reset
// only another account whose every role they hold themselves (`roles`: the account's roles).
bool CanResetPasswordOf(const Principal& p, const std::string& person, const std::set<Role>& roles);

}  // namespace sokuo::core
