#include "core/access.h"

#include <algorithm>

#include "core/incident_rules.h"

namespace sokuo::core {
namespace {

bool Contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

bool Participates(const Principal& p, const Incident& i, bool acting) {
  return std::any_of(i.participants.begin(), i.participants.end(), [&](const Participant& x) {
    return x.person == p.person && (!acting || x.role != ParticipantRole::kObserver);
  });
}

bool HeadsAConcernedDepartment(const Principal& p, const Incident& i, const Organization& org) {
  if (!p.Has(Role::kDepartmentHead)) return false;
  for (const std::string& d : ConcernedDepartments(i)) {
    const Department* dept = org.FindDepartment(d);
    if (dept != nullptr && dept->head == p.person) return true;
  }
  return false;
}

}  // namespace

bool IsGrantedRole(Role r) { return r == Role::kAdministrator || r == Role::kAuditor; }

std::set<Role> DeriveRoles(const Organization& org, const std::string& person,
                           const std::vector<Role>& granted) {
  std::set<Role> roles{Role::kMember};
  for (Role r : granted) {
    if (IsGrantedRole(r)) roles.insert(r);
  }
  if (IsCommittee(org, person)) roles.insert(Role::kCommittee);
  const Person* p = org.FindPerson(person);
  for (const Department& d : org.departments) {
    if (d.head == person) roles.insert(Role::kDepartmentHead);
    if (d.kind == DepartmentKind::kIt && p != nullptr && p->department == d.id) {
      roles.insert(Role::kIsDepartment);
    }
  }
  for (const RoleAssignment& r : org.roles) {
    if (r.person == person &&
        (r.role == RoleKind::kIsStaff || r.role == RoleKind::kSteeringCouncilChair)) {
      roles.insert(Role::kIsDepartment);
    }
  }
  return roles;
}

Principal Operator() { return Principal{"", {}, true}; }

bool IsReadOnly(const Principal& p) { return !p.is_operator && p.Has(Role::kAuditor); }

bool CanReport(const Principal& p) { return !IsReadOnly(p); }

bool CanReportFor(const Principal& p, const std::string& department, const Organization& org) {
  if (!CanReport(p)) return false;
  if (p.is_operator || p.Has(Role::kIsDepartment) || p.Has(Role::kCommittee)) return true;
  if (department.empty()) return true;  // the reporter's own department is filled in
  const Person* person = org.FindPerson(p.person);
  return person != nullptr && person->department == department;
}

std::vector<std::string> ConcernedDepartments(const Incident& i) {
  std::vector<std::string> out = i.departments;
  if (!i.reporter_department.empty()) out.push_back(i.reporter_department);
  return out;
}

std::vector<std::string> NamedPeople(const Incident& i) {
  std::vector<std::string> out;
  if (!i.reported_by.empty()) out.push_back(i.reported_by);
  for (const Participant& x : i.participants) out.push_back(x.person);
  return out;
}

VisibilityScope ScopeOf(const Principal& p, const Organization& org) {
  VisibilityScope s;
  s.everything = p.is_operator || p.Has(Role::kAuditor) || p.Has(Role::kCommittee) ||
                 p.Has(Role::kIsDepartment);
  if (s.everything) return s;
  s.person = p.person;
  s.unrestricted = p.Has(Role::kAdministrator);
  if (const Person* person = org.FindPerson(p.person); person != nullptr) {
    if (!person->department.empty()) s.departments.push_back(person->department);
  }
  if (p.Has(Role::kDepartmentHead)) {
    for (const Department& d : org.departments) {
      if (d.head == p.person && !Contains(s.departments, d.id)) s.departments.push_back(d.id);
    }
  }
  return s;
}

bool InScope(const VisibilityScope& s, const Incident& i) {
  if (s.everything) return true;
  if (!s.person.empty() && Contains(NamedPeople(i), s.person)) return true;
  if (i.restricted) return false;
  if (s.unrestricted) return true;
  return std::any_of(s.departments.begin(), s.departments.end(),
                     [&](const std::string& d) { return Contains(ConcernedDepartments(i), d); });
}

bool CanSee(const Principal& p, const Incident& i, const Organization& org) {
  return InScope(ScopeOf(p, org), i);
}

bool CanDo(const Principal& p, IncidentAction action, const Incident& i, const Organization& org) {
  if (p.is_operator) return true;
  if (IsReadOnly(p) || !CanSee(p, i, org)) return false;
  bool is = p.Has(Role::kIsDepartment);
  bool committee = p.Has(Role::kCommittee);
  bool responder = is || committee || Participates(p, i, true);
  // The reporter may still correct the report until the IS department has looked at it.
  bool correcting = i.reported_by == p.person && i.state == IncidentState::kReported;
  switch (action) {
    case IncidentAction::kUpdate:
      return responder || correcting;
    case IncidentAction::kRestrict:
      return is || committee || correcting;  // need-to-know is theirs to widen or narrow
    case IncidentAction::kAppoint:
      // G3.1, G3.2: who responds is for the committee and the IS department; a participant
      // appointed by them acts on the incident, so nobody appoints themselves.
      return is || committee;
    case IncidentAction::kTriage:
    case IncidentAction::kPriority:
    case IncidentAction::kConvene:
      return is;  // G3.2
    case IncidentAction::kRecordMeeting:
    case IncidentAction::kDecide:
    case IncidentAction::kTransition:
    case IncidentAction::kClose:
    case IncidentAction::kHold:
      return is || committee;  // G3.1: the committee decides; the IS department records
    case IncidentAction::kContact:
    case IncidentAction::kTask:
    case IncidentAction::kAssess:
    case IncidentAction::kRecover:
    case IncidentAction::kReview:
    case IncidentAction::kEvidence:
      // G4.3.3-G4.3.5: user departments act under the committee's instructions.
      return responder || HeadsAConcernedDepartment(p, i, org);
  }
  return false;
}

bool CanManageAccounts(const Principal& p) {
  return p.is_operator || (p.Has(Role::kAdministrator) && !IsReadOnly(p));
}

bool CanChangeRolesOf(const Principal& p, const std::string& person) {
  return CanManageAccounts(p) && (p.is_operator || p.person != person);
}

bool CanResetPasswordOf(const Principal& p, const std::string& person,
                        const std::set<Role>& roles) {
  if (!CanManageAccounts(p)) return false;
  if (p.is_operator) return true;
  if (p.person == person) return false;  // one's own: change it, with the current password
  return std::includes(p.roles.begin(), p.roles.end(), roles.begin(), roles.end());
}

}  // namespace sokuo::core
