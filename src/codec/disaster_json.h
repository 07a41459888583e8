// Disaster records ⇄ JSON, one codec per type, as incident_json.h does for incidents: the same
// shapes are the journal's row images, the API's bodies and the CLI's --json output. Tasks
// (emergency measures, G5.2.5) use the incident's Task codec.
#pragma once

#include "codec/json_reader.h"
#include "core/disaster.h"

namespace sokuo::codec {

Json ToJson(const core::Availability& x);
Json ToJson(const core::SurveyEntry& x);
Json ToJson(const core::SystemProgress& x);
Json ToJson(const core::VendorRequest& x);
Json ToJson(const core::Exemption& x);
Json ToJson(const core::PlanVersionStep& x);
Json ToJson(const core::UnplannedSystem& x);
Json ToJson(const core::PlanVersion& x);

void Read(JsonReader& r, core::Availability& x);
void Read(JsonReader& r, core::SurveyEntry& x);
void Read(JsonReader& r, core::SystemProgress& x);
void Read(JsonReader& r, core::VendorRequest& x);
void Read(JsonReader& r, core::Exemption& x);
void Read(JsonReader& r, core::PlanVersionStep& x);
void Read(JsonReader& r, core::UnplannedSystem& x);
void Read(JsonReader& r, core::PlanVersion& x);

// The disaster without its repeated records: what the store keeps in the disaster's own row.
Json HeaderToJson(const core::Disaster& x);
void ReadHeader(JsonReader& r, core::Disaster& x);
// The whole disaster.
Json ToJson(const core::Disaster& x);

}  // namespace sokuo::codec
