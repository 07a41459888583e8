// The detection API (G4.2.3): the bodies of the alert actions, and the views of alerts, rules and
// the ingestion counters.
#pragma once

#include <string>

#include "api/codec.h"
#include "app/detection_service.h"

namespace sokuo::api {

struct AlertDecision {
  std::string incident;  // attach: the incident to join
  std::string note;      // promote, attach: a note kept with the alert
  std::string reason;    // dismiss: why (required)
};

[[nodiscard]] Result<AlertDecision> PromoteFromJson(const Json& j);
[[nodiscard]] Result<AlertDecision> AttachFromJson(const Json& j);
[[nodiscard]] Result<AlertDecision> DismissFromJson(const Json& j);

Json ToJson(const core::AlertLine& line);
Json ToJson(const app::AlertView& view);  // the lines only when the view has them
Json ToJson(const app::RulesView& rules, Lang lang);
Json ToJson(const app::IngestCounters& counters);

}  // namespace sokuo::api
