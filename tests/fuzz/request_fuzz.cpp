// Fuzz target for the API's request decoding: any bytes go through the JSON parser, every
// request decoder and the time parsers. Each must give a value or an error with details, never
// a crash, a hang or a leak; a list cursor (an incident key) reads back only as it was written.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "api/account_codec.h"
#include "api/disaster_codec.h"
#include "api/incident_codec.h"
#include "base/time.h"
#include "core/incident.h"

namespace {

template <class T>
void Check(const sokuo::Result<T>& r) {
  if (!r && r.error().message.empty() && r.error().details.empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  Check(sokuo::ParseRfc3339(text));
  Check(sokuo::ParseDay(text));
  // A list's cursor: a key that reads back must be written the same way.
  if (auto key = sokuo::core::ParseIncidentKey(text)) {
    if (sokuo::core::IncidentKey(key->first, key->second) != text) std::abort();
  }
  auto json = sokuo::codec::ParseJson(text);
  Check(json);
  if (!json) return 0;
  using namespace sokuo::api;
  Check(ReportFromJson(*json));
  Check(UpdateFromJson(*json));
  Check(TriageFromJson(*json));
  Check(PriorityFromJson(*json));
  Check(ConvenedFromJson(*json));
  Check(DecisionFromJson(*json));
  Check(ContactFromJson(*json));
  Check(TaskFromJson(*json));
  Check(TaskUpdateFromJson(*json));
  Check(AssessmentFromJson(*json));
  Check(RecoveryFromJson(*json));
  Check(FindingFromJson(*json));
  Check(PreventionFromJson(*json));
  Check(BackdoorFromJson(*json));
  Check(TransitionFromJson(*json));
  Check(FilingFromJson(*json));
  Check(DeliveryRefFromJson(*json));
  Check(DeclareFromJson(*json));
  Check(DisasterUpdateFromJson(*json));
  Check(AvailabilityFromJson(*json));
  Check(SurveyFromJson(*json));
  Check(ProgressFromJson(*json));
  Check(VendorRequestFromJson(*json));
  Check(VendorUpdateFromJson(*json));
  Check(ExemptionFromJson(*json));
  Check(CloseFromJson(*json));
  return 0;
}
