// The alert policy's rules (G4.2.3, G4.4.2): which level a detection has, what the policy does
// with an alert of a rule, which alerts belong together in time, which backdoor checklist item a
// rule answers and which system of the organization a log's host is. Pure functions over the
// domain; app/detection_service applies them.
#pragma once

#include <array>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_names.h"
#include "core/incident.h"
#include "core/organization.h"

namespace sokuo::core {

// Sigma's levels, lowest first.
inline constexpr auto kAlertLevels =
    std::to_array<std::string_view>({"informational", "low", "medium", "high", "critical"});
// A level's place in kAlertLevels; nullopt for anything else.
std::optional<int> AlertLevelRank(std::string_view level);

// What happens to a new alert.
enum class AlertAction { kIncident, kAlert, kIgnore };
inline constexpr auto kAlertActions = MakeEnumNames<AlertAction>(
    std::pair{AlertAction::kIncident, "incident"}, std::pair{AlertAction::kAlert, "alert"},
    std::pair{AlertAction::kIgnore, "ignore"});

struct AlertPolicy {
  // Alerts of this level or above become incidents; "none": never on their own.
  std::string incident_level = "high";
  // Detections of a rule below this level are not kept (the informational base rules that a
  // correlation generates, such as every successful login).
  std::string alert_level = "low";
  // Detections of one rule with the same group within this time are one alert; an alert joins
  // the open incident of an alert with the same group within this time.
  std::chrono::seconds window = std::chrono::hours(24);
  std::map<std::string, AlertAction> rules;  // by rule id (or title): overrides the level
  // A rule named in `rules` by id, else by title, gets what it names; any other rule goes by its
  // level (a rule without one is medium).
  AlertAction ActionFor(std::string_view id, std::string_view title, std::string_view level) const;
};

// For comparing levels: a level's rank, "none" above every level, anything else medium.
int PolicyLevelRank(std::string_view level);

// Whether two event times (RFC 3339) are within `window` of each other, either way round; false
// when either is not a time.
bool WithinWindow(std::string_view a, std::string_view b, std::chrono::seconds window);

// The tag by which a rule answers a backdoor checklist item: "sokuo.backdoor.<item>".
inline constexpr std::string_view kBackdoorTag = "sokuo.backdoor.";
// The checklist item the first such tag names (hyphens or underscores); nullopt when none does.
std::optional<BackdoorItem> BackdoorItemOf(const std::vector<std::string>& tags);

// The system and host of the organization that a log's host name names (the host's name or its
// address); nullopt when none does.
std::optional<AffectedHost> LocateHost(const Organization& org, std::string_view host);

// The IS department (the first department of kind it); empty when the organization has none.
std::string IsDepartmentOf(const Organization& org);

}  // namespace sokuo::core
