// G5.2.1, G5.2.6: a recovery plan (core/recovery_plan.h) on the company's clock, as people read
// it: when each system starts and is expected back, and whose outlook it is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/time.h"
#include "core/organization.h"
#include "core/recovery_plan.h"

namespace sokuo::app {

// Why a system of the scope cannot be planned when the organization has no such system.
inline constexpr std::string_view kPlanUnknownSystem = "plan.unknown_system";

struct PlanStepView {
  core::PlannedSystem planned;
  std::string start_at;                                   // RFC 3339
  std::string finish_at;                                  // 復旧目処
  std::vector<std::pair<std::string, std::string>> work;  // RFC 3339 intervals
  std::string rto_at;                                     // when the RTO expires; empty without one
  // G5.2.6b: a system the IS department owns: its outlook is asked of the IS department.
  bool ask_is = false;
};

struct RecoveryPlanView {
  std::string subject;  // INC-… or DIS-…
  std::string as_of;    // RFC 3339: t = 0 of the plan
  std::vector<PlanStepView> steps;
  std::vector<core::UnplannedSystem> unplanned;
  std::vector<std::string> running;
};

// `plan` of `input` made at `now`, limited to the systems of `scope` (all when empty).
RecoveryPlanView MakePlanView(std::string subject, const core::Plan& plan,
                              const core::PlanInput& input, const core::Organization& org,
                              Timestamp now, const std::vector<std::string>& scope = {});

}  // namespace sokuo::app
