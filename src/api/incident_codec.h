// The incident API's request bodies (strict: unknown keys, wrong types and bad enum names are
// refused with JSON pointers) and its response shape: the incident with its computed priority
// and milestones. Records use the shapes of codec/incident_json.h.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "app/app.h"
#include "codec/incident_json.h"

namespace sokuo::api {

using codec::Json;

// Priority reasons and what the next state still needs are sentences, rendered in `lang`.
Json ToJson(const app::IncidentView& v, Lang lang);
// For lists: the header fields, priority and milestones, without the records.
Json SummaryJson(const app::IncidentView& v, Lang lang);
Json ToJson(const core::ObligationClock& c);
Json ToJson(const app::Deadline& d);
// A timeline line: the journal entry (its `at` is when it was recorded) with `event_at`, when
// its event happened.
Json ToJson(const app::TimelineEntry& e);
// An evidence file as `evidence verify` found it: its record, its incident and its state.
Json ToJson(const app::EvidenceCheck& c);

struct ConvenedInput {
  std::string convened_at;
  std::vector<std::string> attendees;
};
struct PriorityInput {
  core::Priority priority = core::Priority::kP4;
  std::string reason;
};
// `at`: when it happened (RFC 3339), empty for now.
struct ConvocationRequestInput {
  std::string at;
};
struct RecoveryInput {
  core::RecoveryStatus status = core::RecoveryStatus::kDown;
  std::string note;
  std::string override_reason;
  std::string at;
};
struct BackdoorInput {
  core::CheckResult result = core::CheckResult::kClean;
  std::string note;
  std::string at;
};
struct TransitionInput {
  core::IncidentState to = core::IncidentState::kReported;
  std::string reason;
  std::string at;
};

[[nodiscard]] Result<app::ReportInput> ReportFromJson(const Json& j);
[[nodiscard]] Result<app::UpdateInput> UpdateFromJson(const Json& j);
[[nodiscard]] Result<app::TriageInput> TriageFromJson(const Json& j);
[[nodiscard]] Result<PriorityInput> PriorityFromJson(const Json& j);
[[nodiscard]] Result<ConvocationRequestInput> ConvocationRequestFromJson(const Json& j);
[[nodiscard]] Result<ConvenedInput> ConvenedFromJson(const Json& j);
[[nodiscard]] Result<core::Decision> DecisionFromJson(const Json& j);
[[nodiscard]] Result<core::ContactLog> ContactFromJson(const Json& j);
[[nodiscard]] Result<core::Task> TaskFromJson(const Json& j);
[[nodiscard]] Result<app::TaskUpdate> TaskUpdateFromJson(const Json& j);
[[nodiscard]] Result<core::Assessment> AssessmentFromJson(const Json& j);
[[nodiscard]] Result<RecoveryInput> RecoveryFromJson(const Json& j);
[[nodiscard]] Result<core::Finding> FindingFromJson(const Json& j);
[[nodiscard]] Result<core::Prevention> PreventionFromJson(const Json& j);
[[nodiscard]] Result<core::Filing> FilingFromJson(const Json& j);
[[nodiscard]] Result<BackdoorInput> BackdoorFromJson(const Json& j);
[[nodiscard]] Result<TransitionInput> TransitionFromJson(const Json& j);
// {"action": "handed_over"|"returned", "to", "at", "purpose"}
[[nodiscard]] Result<core::CustodyEvent> CustodyFromJson(const Json& j);
// {"hold": true|false, "reason"}: a legal hold placed or lifted.
struct HoldInput {
  bool hold = true;
  std::string reason;
};
[[nodiscard]] Result<HoldInput> HoldFromJson(const Json& j);
// {"reason"}: why evidence is disposed of.
[[nodiscard]] Result<std::string> ReasonFromJson(const Json& j);

}  // namespace sokuo::api
