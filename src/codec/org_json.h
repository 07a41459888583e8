// The organization's types ⇄ the API's JSON, walked from their descriptions in
// core/org_fields.h, so a field added there is in the API without more code. Shape: required
// fields, enums, flags and lists are always present; optional texts and numbers only when set;
// an optional object when present, a nested object when it is not all defaults. Field names
// follow the organization file.
#pragma once

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "core/organization.h"

namespace sokuo::codec {

// T is any described organization type: Company, Holiday, Department, Person, Phone,
// RoleAssignment, ExternalContact, Channel, MaintenanceContract, InfoSystem, DataClass, Backup,
// StorageMedium.
template <class T>
nlohmann::json OrgToJson(const T& value);

// The inverse: absent keys keep their defaults; unknown keys, wrong types and unknown enum
// names are refused, each with its JSON pointer.
template <class T>
[[nodiscard]] Result<T> OrgFromJson(const nlohmann::json& json);

}  // namespace sokuo::codec
