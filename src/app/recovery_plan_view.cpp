#include "app/recovery_plan_view.h"

#include <algorithm>

namespace sokuo::app {
namespace {

std::string PlanTimeAt(Timestamp now, core::PlanMinutes minutes) {
  return FormatRfc3339(now + std::chrono::minutes(minutes));
}

bool InScope(const std::vector<std::string>& scope, const std::string& id) {
  return scope.empty() || std::find(scope.begin(), scope.end(), id) != scope.end();
}

}  // namespace

RecoveryPlanView MakePlanView(std::string subject, const core::Plan& plan,
                              const core::PlanInput& input, const core::Organization& org,
                              Timestamp now, const std::vector<std::string>& scope) {
  RecoveryPlanView v{.subject = std::move(subject), .as_of = FormatRfc3339(now)};
  for (const core::PlannedSystem& p : plan.planned) {
    if (!InScope(scope, p.id)) continue;
    PlanStepView step{
        .planned = p, .start_at = PlanTimeAt(now, p.start), .finish_at = PlanTimeAt(now, p.finish)};
    for (const core::Window& w : p.work)
      step.work.emplace_back(PlanTimeAt(now, w.from), PlanTimeAt(now, w.to));
    auto in = std::find_if(input.systems.begin(), input.systems.end(),
                           [&](const core::PlanSystem& s) { return s.id == p.id; });
    if (in != input.systems.end() && in->rto_deadline)
      step.rto_at = PlanTimeAt(now, *in->rto_deadline);
    if (const core::InfoSystem* s = org.FindSystem(p.id)) {
      const core::Department* owner = org.FindDepartment(s->owner);
      step.ask_is = owner != nullptr && owner->kind == core::DepartmentKind::kIt;
    }
    v.steps.push_back(std::move(step));
  }
  for (const core::UnplannedSystem& u : plan.unplanned) {
    if (InScope(scope, u.id)) v.unplanned.push_back(u);
  }
  for (const std::string& id : plan.running) {
    if (InScope(scope, id)) v.running.push_back(id);
  }
  // A system in scope the organization no longer has (removed from the file since): said, not
  // left out.
  for (const std::string& id : scope) {
    auto known = [&](const core::PlanSystem& s) { return s.id == id; };
    if (std::none_of(input.systems.begin(), input.systems.end(), known)) {
      v.unplanned.push_back({.id = id, .reason = std::string(kPlanUnknownSystem)});
    }
  }
  return v;
}

}  // namespace sokuo::app
