// Small helpers the areas' services share (incident_service.cpp, disaster_service.cpp).
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "app/incidents.h"
#include "base/error.h"
#include "core/organization.h"

namespace sokuo::app {

// Problems found by a check of one record become an invalid-input error; none, success.
inline Result<void> Check(std::vector<Detail> details) {
  if (details.empty()) return {};
  return sokuo::Invalid(std::move(details));
}

// The next id of a list of records with ids: one more than the largest.
template <class T>
int NextId(const std::vector<T>& items) {
  int max = 0;
  for (const T& x : items) max = std::max(max, x.id);
  return max + 1;
}

inline void AddUnique(std::vector<std::string>& to, const std::string& id) {
  if (!id.empty() && std::find(to.begin(), to.end(), id) == to.end()) to.push_back(id);
}

// G3.1, G3.3: who answers for a department: its head and its action-plan roles.
inline std::vector<std::string> Responsible(const core::Organization& org,
                                            const std::vector<std::string>& departments) {
  std::vector<std::string> out;
  for (const std::string& id : departments) {
    if (const core::Department* d = org.FindDepartment(id); d && !d->head.empty()) {
      AddUnique(out, d->head);
    }
    for (const auto& r : org.roles) {
      if (r.role == core::RoleKind::kActionPlan && r.department == id) AddUnique(out, r.person);
    }
  }
  return out;
}

// "佐藤 一郎 (Ichiro Sato)", or the id of someone the organization does not know.
inline std::string PersonName(const core::Organization& org, const std::string& id) {
  const core::Person* p = org.FindPerson(id);
  return p ? p->name + (p->name_en.empty() ? "" : " (" + p->name_en + ")") : id;
}

// Applies `in` to the measure `t` (G4.3.3, G5.2.5): `at` is when its status changed, `now` when
// it was written. The caller checks the result (core::CheckTask).
inline void ApplyTaskUpdate(core::Task& t, const TaskUpdate& in, const std::string& at,
                            const std::string& now) {
  if (in.status) {
    t.status = *in.status;
    t.status_at = at;
  }
  if (in.contains) t.contains = *in.contains;
  if (in.result) t.result = *in.result;
  if (in.revert_reason) t.revert_reason = *in.revert_reason;
  if (in.assignee) t.assignee = *in.assignee;
  if (in.due) t.due = *in.due;
  t.updated_at = now;
}

}  // namespace sokuo::app
