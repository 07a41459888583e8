#include "codec/org_json.h"

#include <type_traits>

#include "codec/json_reader.h"
#include "core/org_fields.h"

namespace sokuo::codec {
namespace {

template <class T, class M>
void Put(Json& out, const core::Field<T, M>& field, const T& owner) {
  const M& value = field.Get(owner);
  std::string key(field.name);
  if constexpr (std::is_same_v<M, std::string>) {
    if (field.need == core::Need::kRequired || !value.empty()) out[key] = value;
  } else if constexpr (std::is_same_v<M, std::optional<int>>) {
    if (value) out[key] = *value;
  } else if constexpr (std::is_same_v<M, bool> || std::is_same_v<M, std::vector<std::string>>) {
    out[key] = value;
  } else if constexpr (core::HasEnumTraits<M>::value) {
    out[key] = std::string(core::EnumTraits<M>::kNames.Name(value));
  } else if constexpr (core::IsVector<M>::value) {
    Json items = Json::array();
    for (const auto& item : value) items.push_back(OrgToJson(item));
    out[key] = std::move(items);
  } else if constexpr (core::IsOptional<M>::value) {
    if (value) out[key] = OrgToJson(*value);
  } else {
    if (value != M{}) out[key] = OrgToJson(value);
  }
}

template <class T>
void ReadFields(JsonReader& r, T& out);

template <class T, class M>
void Read(JsonReader& r, const core::Field<T, M>& field, T& owner) {
  M& value = field.Get(owner);
  std::string key(field.name);
  bool required = field.need == core::Need::kRequired;
  if constexpr (std::is_same_v<M, std::string>) {
    r.Text(key.c_str(), value, required);
  } else if constexpr (std::is_same_v<M, std::optional<int>>) {
    r.Int(key.c_str(), value);
  } else if constexpr (std::is_same_v<M, bool>) {
    r.Bool(key.c_str(), value);
  } else if constexpr (std::is_same_v<M, std::vector<std::string>>) {
    r.Texts(key.c_str(), value);
  } else if constexpr (core::HasEnumTraits<M>::value) {
    r.Enum(key.c_str(), core::EnumTraits<M>::kNames, value, required);
  } else if constexpr (core::IsVector<M>::value) {
    using U = typename M::value_type;
    r.List<U>(key.c_str(), value, [](JsonReader& c, U& item) { ReadFields(c, item); });
  } else if constexpr (core::IsOptional<M>::value) {
    using U = typename M::value_type;
    r.Optional<U>(key.c_str(), value, [](JsonReader& c, U& item) { ReadFields(c, item); });
  } else {
    std::optional<M> nested;
    r.Optional<M>(key.c_str(), nested, [](JsonReader& c, M& item) { ReadFields(c, item); });
    if (nested) value = std::move(*nested);
  }
}

template <class T>
void ReadFields(JsonReader& r, T& out) {
  std::vector<std::string> keys;
  core::ForEachField<T>([&](const auto& field) { keys.emplace_back(field.name); });
  if (!r.Object(keys)) return;
  core::ForEachField<T>([&](const auto& field) { Read(r, field, out); });
}

}  // namespace

template <class T>
Json OrgToJson(const T& value) {
  Json out = Json::object();
  core::ForEachField<T>([&](const auto& field) { Put(out, field, value); });
  return out;
}

template <class T>
Result<T> OrgFromJson(const Json& json) {
  return ReadAll<T>(json, [](JsonReader& r, T& out) { ReadFields(r, out); });
}

#define SOKUO_ORG_JSON(T)                           \
  template Json OrgToJson<core::T>(const core::T&); \
  template Result<core::T> OrgFromJson<core::T>(const Json&)
SOKUO_ORG_JSON(Company);
SOKUO_ORG_JSON(Holiday);
SOKUO_ORG_JSON(Department);
SOKUO_ORG_JSON(Phone);
SOKUO_ORG_JSON(Person);
SOKUO_ORG_JSON(RoleAssignment);
SOKUO_ORG_JSON(Channel);
SOKUO_ORG_JSON(MaintenanceContract);
SOKUO_ORG_JSON(ExternalContact);
SOKUO_ORG_JSON(DataClass);
SOKUO_ORG_JSON(Backup);
SOKUO_ORG_JSON(InfoSystem);
SOKUO_ORG_JSON(StorageMedium);
SOKUO_ORG_JSON(EmailSettings);
SOKUO_ORG_JSON(Webhook);
SOKUO_ORG_JSON(Witnesses);
SOKUO_ORG_JSON(Notifications);
SOKUO_ORG_JSON(Obligation);
SOKUO_ORG_JSON(Control);
SOKUO_ORG_JSON(ReadinessSettings);
#undef SOKUO_ORG_JSON

}  // namespace sokuo::codec
