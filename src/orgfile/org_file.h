// The organization file: YAML that a company keeps under version control and imports with
// `sokuo org import`. Parse() reports every problem, each as "FILE:LINE:COL: message" (unknown
// keys with a suggestion, wrong types, bad enum values, and every rule of core/org_rules.h), and
// returns an organization only when there are none. Emit() writes a file that parses back to the
// same organization.
//
// A problem is said once, not again as what follows from it: a misspelt key ('teir') names the
// key meant and is read as that key, so that neither "missing key 'tier'" nor a rule about the
// tier follows; a key that names nothing leaves the rules of its object (of the whole file, at
// the top) unchecked until it is fixed. YAML syntax errors say what was expected at the position
// (and where an unclosed '{' or '[' began), not yaml-cpp's parser terms.
//
// The keys of each object, their types and which are required come from core/org_fields.h.
// Format (every key optional unless marked *):
//   version: 1
//   company: {name*, name_en, time_zone, holidays: [{date*, name}]}
//   departments: [{id*, name*, name_en, kind*, head, parent}]
//   people: [{id*, name*, name_en, email, phones: [{kind, number*}], department*, title, skills,
//            available_for_emergency_work (default true)}]
//   roles: [{role*, person*, department, title, deputies}]
//   contacts: [{id*, name*, name_en, kind*, person, channels: [{kind*, value*, note}],
//               contract: {number, coverage, hours, expires}, note}]
//   systems: [{id*, name*, name_en, category, tier*, owner*, customer_service, product_development,
//              data: [{name*, confidentiality, personal_data}], depends_on, rto_hours, rpo_hours,
//              backup: {method, frequency, last_verified}, redundancy, alternate_site, vendor,
//              degraded_mode, workaround, restore_effort_hours,
//              hosts: [{name*, role, address, os}]}]   (host names unique in the organization)
//   media: [{id*, name*, kind, owner*, location, system, confidentiality, contents}]
//   incident_categories: [slug, ...]   (default: the RSIT classes, core/incident.h)
#pragma once

#include <string>
#include <string_view>

#include "base/error.h"
#include "core/organization.h"

namespace sokuo::orgfile {

// Larger inputs are refused before parsing; a real organization file is a few hundred KiB.
inline constexpr size_t kMaxFileBytes = size_t{8} * 1024 * 1024;

// `file_name` is only used in messages. Pure: reads nothing but `text`.
[[nodiscard]] Result<core::Organization> Parse(std::string_view text, std::string_view file_name);

std::string Emit(const core::Organization& org);

}  // namespace sokuo::orgfile
