#include "api/org_schema.h"

#include <type_traits>

#include "core/org_fields.h"

namespace sokuo::api {
namespace {

using Json = nlohmann::json;

template <class T>
Json ObjectSchema();

template <class M>
Json ValueSchema(core::TextKind text) {
  if constexpr (std::is_same_v<M, std::string>) {
    Json s = {{"type", "string"}};
    if (text == core::TextKind::kDate) s["format"] = "date";
    return s;
  } else if constexpr (std::is_same_v<M, bool>) {
    return {{"type", "boolean"}};
  } else if constexpr (std::is_same_v<M, std::optional<int>>) {
    return {{"type", "integer"}};
  } else if constexpr (core::HasEnumTraits<M>::value) {
    return {{"type", "string"}, {"enum", core::EnumTraits<M>::kNames.All()}};
  } else if constexpr (core::IsVector<M>::value) {
    return {{"type", "array"}, {"items", ValueSchema<typename M::value_type>(text)}};
  } else if constexpr (core::IsOptional<M>::value) {
    return ObjectSchema<typename M::value_type>();
  } else {
    return ObjectSchema<M>();
  }
}

template <class T>
Json ObjectSchema() {
  Json properties = Json::object();
  Json required = Json::array();
  core::ForEachField<T>([&](const auto& field) {
    using M = typename std::decay_t<decltype(field)>::Member;
    Json s = ValueSchema<M>(field.text);
    s["description"] = std::string(field.description);
    properties[std::string(field.name)] = std::move(s);
    if (field.need == core::Need::kRequired) required.push_back(std::string(field.name));
  });
  Json schema = {{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) schema["required"] = std::move(required);
  return schema;
}

}  // namespace

Json OrgSchemas() {
  Json schemas = {{"Company", ObjectSchema<core::Company>()},
                  {"Department", ObjectSchema<core::Department>()},
                  {"Person", ObjectSchema<core::Person>()},
                  {"Role", ObjectSchema<core::RoleAssignment>()},
                  {"Contact", ObjectSchema<core::ExternalContact>()},
                  {"System", ObjectSchema<core::InfoSystem>()},
                  {"Medium", ObjectSchema<core::StorageMedium>()},
                  {"Control", ObjectSchema<core::Control>()}};
  // What the responses add to the stored fields (app::PersonView, app::SystemView, the company).
  schemas["Company"]["properties"]["incident_categories"] = {
      {"type", "array"},
      {"items", {{"type", "string"}}},
      {"description",
       "The categories incidents may have: the org file's list, or the RSIT classes"}};
  schemas["Person"]["properties"]["roles"] = {
      {"type", "array"},
      {"items", {{"$ref", "#/components/schemas/Role"}}},
      {"description", "The emergency roles the person holds"}};
  schemas["System"]["properties"]["dependents"] = {
      {"type", "array"},
      {"items", {{"type", "string"}}},
      {"description", "Systems that depend on this one"}};
  // app::ControlSummary: where the control's work stands.
  Json& control = schemas["Control"]["properties"];
  control["open"] = {{"type", "integer"}, {"description", "Occurrences not done, not yet due"}};
  control["overdue"] = {{"type", "integer"}, {"description", "Occurrences not done, past due"}};
  control["next_start"] = {
      {"type", "string"}, {"format", "date-time"}, {"description", "When the next one starts"}};
  control["last_done_at"] = {
      {"type", "string"}, {"format", "date-time"}, {"description", "When it was last done"}};
  return schemas;
}

}  // namespace sokuo::api
