#include "api/plan_codec.h"

namespace sokuo::api {

using Json = nlohmann::json;

Message WhyUnplanned(const core::UnplannedSystem& u) {
  std::string because;
  for (const std::string& b : u.because) because += (because.empty() ? "" : ", ") + b;
  return Msg(u.reason, {{"because", because}});
}

Json ToJson(const app::RecoveryPlanView& v, Lang lang) {
  Json steps = Json::array();
  for (const app::PlanStepView& s : v.steps) {
    Json work = Json::array();
    for (const auto& [from, to] : s.work) work.push_back({{"from", from}, {"to", to}});
    Json j = {{"order", s.planned.order}, {"system", s.planned.id}, {"start_at", s.start_at},
              {"finish_at", s.finish_at}, {"work", work},           {"rto_met", s.planned.rto_met},
              {"ask_is", s.ask_is}};
    if (!s.planned.worker.empty()) j["worker"] = s.planned.worker;
    if (!s.rto_at.empty()) j["rto_at"] = s.rto_at;
    steps.push_back(std::move(j));
  }
  Json unplanned = Json::array();
  for (const core::UnplannedSystem& u : v.unplanned) {
    unplanned.push_back({{"system", u.id},
                         {"reason", u.reason},
                         {"because", u.because},
                         {"message", Render(WhyUnplanned(u), lang)}});
  }
  return {{"subject", v.subject},
          {"as_of", v.as_of},
          {"steps", steps},
          {"unplanned", unplanned},
          {"running", v.running}};
}

}  // namespace sokuo::api
