// The disaster API's request bodies (strict, as incident_codec.h) and its response shape: the
// disaster with its records (codec/disaster_json.h) and the board's views.
#pragma once

#include <string>

#include "app/app.h"
#include "codec/disaster_json.h"

namespace sokuo::api {

using codec::Json;

// Sentences (what blocks closing) are rendered in `lang`.
Json ToJson(const app::DisasterView& v, Lang lang);
// For lists: the header only.
Json SummaryJson(const core::Disaster& d);

struct SurveyInput {
  std::vector<core::SurveyEntry> entries;
};
struct CloseInput {
  std::string reason;  // the committee's reason to close with tier-a systems not back
  std::string at;
};

[[nodiscard]] Result<app::DeclareInput> DeclareFromJson(const Json& j);
[[nodiscard]] Result<app::DisasterUpdate> DisasterUpdateFromJson(const Json& j);
[[nodiscard]] Result<core::Availability> AvailabilityFromJson(const Json& j);
[[nodiscard]] Result<SurveyInput> SurveyFromJson(const Json& j);
[[nodiscard]] Result<core::SystemProgress> ProgressFromJson(const Json& j);
[[nodiscard]] Result<core::VendorRequest> VendorRequestFromJson(const Json& j);
[[nodiscard]] Result<app::VendorUpdate> VendorUpdateFromJson(const Json& j);
[[nodiscard]] Result<core::Exemption> ExemptionFromJson(const Json& j);
[[nodiscard]] Result<CloseInput> CloseFromJson(const Json& j);

}  // namespace sokuo::api
