// G3.3, G5.1: the readiness report as the API and `sokuo readiness --json` give it.
#pragma once

#include <nlohmann/json.hpp>

#include "app/organization_service.h"
#include "base/message.h"

namespace sokuo::api {

// {day, thresholds, counts: {clause: n} for every clause the report checks, gaps: [{kind, clause,
// subject: {type, id, name}, problem, action}]}; the subject's name and the sentences in `lang`.
nlohmann::json ToJson(const app::ReadinessReport& report, Lang lang);

// The clauses the report checks, in its order (core::kReadinessGapKinds without repeats).
std::vector<std::string> ReadinessClauses();

}  // namespace sokuo::api
