// An independent check of a recovery plan (G5.2.1, G5.2.6): whatever produced `plan`, does it
// obey the rules of recovery_plan.h for `input`? It re-derives everything from the input and the
// plan and shares no code with the planner but the types and the reason codes, so that the
// tests can run the planner on random organizations and trust the plans it returns (the
// "obviously correct reference" beside the fast engine). Quadratic in places: meant for tests
// and for validating a plan someone edited, not for 10,000 systems on every request.
#pragma once

#include <string>
#include <vector>

#include "core/recovery_plan.h"

namespace sokuo::core {

struct PlanProblem {
  std::string system;  // the system the problem is reported on
  // Short and stable: missing, duplicate, unknown_system, running, order, dependency_order,
  // external, effort, worker, skill, outside_window, double_booked, bounds, earliest_start, rto,
  // tier_order, reason.
  std::string rule;
  std::string detail;  // for a person reading a failed test
  friend bool operator==(const PlanProblem&, const PlanProblem&) = default;
};

// Empty when the plan keeps every rule.
std::vector<PlanProblem> CheckPlan(const PlanInput& input, const Plan& plan);

}  // namespace sokuo::core
