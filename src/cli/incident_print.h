// What `sokuo incident …` prints of an incident for a person (cli/incident_commands.cpp).
#pragma once

#include <string>
#include <vector>

#include "app/app.h"
#include "cli/commands.h"

namespace sokuo::cli {

// One line for a person: key, state, priority, title; then what the next state still needs.
// With --json, the API's JSON of the incident.
void PrintView(const app::IncidentView& v, Output& o);

// Every record of the incident, in the chosen language, every time on `calendar`.
void PrintDetail(const app::IncidentView& v, const std::vector<app::TimelineEntry>& timeline,
                 const Calendar& calendar, Output& o);

// Where evidence came from: "HOST:PATH", "HOST" or "PATH".
std::string EvidenceSource(const core::Evidence& e);

// "a, b, c".
std::string Join(const std::vector<std::string>& items, const char* sep = ", ");

}  // namespace sokuo::cli
