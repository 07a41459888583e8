// G5.2.1, G5.2.6: a recovery plan as the API gives it (GET /api/v1/incidents/{key}/plan).
#pragma once

#include <nlohmann/json.hpp>

#include "app/recovery_plan_view.h"
#include "base/message.h"

namespace sokuo::api {

// Why a system cannot be planned is a sentence, rendered in `lang`.
nlohmann::json ToJson(const app::RecoveryPlanView& v, Lang lang);

// The sentence for `u`: its reason with what is at fault.
Message WhyUnplanned(const core::UnplannedSystem& u);

}  // namespace sokuo::api
