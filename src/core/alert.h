// G4.2.3: what the monitoring of access logs found. A Sigma rule fired on lines that sokuo
// received (syslog, NDJSON over the API); detections of one rule with the same group key close in
// time are one alert, so one attack is one alert, not a thousand. An alert stays open until the
// IS department makes it an incident (or attaches it to one) or dismisses it with a reason; the
// alert policy does the first on its own for the levels and rules it names.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "core/enum_names.h"
#include "core/incident.h"

namespace sokuo::core {

enum class AlertState { kOpen, kIncident, kDismissed };
inline constexpr auto kAlertStates = MakeEnumNames<AlertState>(
    std::pair{AlertState::kOpen, "open"}, std::pair{AlertState::kIncident, "incident"},
    std::pair{AlertState::kDismissed, "dismissed"});

// A log line kept with an alert: one that matched, or one received just before a match from the
// same sender (the context an investigator reads around it).
struct AlertLine {
  int64_t n = 0;       // the line's number among those sokuo received since it started
  std::string at;      // when it happened (the event's time), else when it was received
  std::string source;  // who sent it: "syslog:udp:203.0.113.7:514", "api:<person>"
  std::string host;    // the host the line names, when it names one
  std::string text;    // the raw line, cut at kAlertLineBytes
  bool matched = false;
  friend bool operator==(const AlertLine&, const AlertLine&) = default;
};

inline constexpr size_t kAlertLineBytes = 4096;
// Lines kept per alert (matched and context together); later detections only count.
inline constexpr size_t kAlertLinesKept = 200;

struct Alert {
  std::string key;  // ALR-2026-0001
  int year = 0;
  int number = 0;
  // The rule as it was when it fired; the SigmaHQ licence asks that its author be kept.
  std::string rule_id, rule_title, level, author, license, rule_file;
  std::vector<std::string> tags;
  std::string description;
  // What groups detections into this alert: a correlation's group ("src_ip=203.0.113.7"), else
  // the host the line came from ("host=web1").
  std::string group;
  std::string host;               // the host of the latest line that matched
  std::string first_at, last_at;  // the first and latest matching event's time
  std::string created_at;         // when sokuo recorded it
  int64_t detections = 0;
  AlertState state = AlertState::kOpen;
  std::string incident;  // the incident it became part of
  std::string reason;    // why it was dismissed, or a note on how it became an incident
  std::string decided_by, decided_at;
  // The backdoor checklist item (kBackdoorItems name) this alert filled in on its incident.
  std::string backdoor;
  friend bool operator==(const Alert&, const Alert&) = default;
};

// "ALR-2026-0001".
inline std::string AlertKey(int year, int number) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "ALR-%04d-%04d", year, number);
  return buf;
}

}  // namespace sokuo::core
