#include "store/org_rows.h"

#include <algorithm>
#include <map>
#include <type_traits>

#include "codec/org_json.h"
#include "core/org_fields.h"
#include "store/journal.h"

namespace sokuo::store {
namespace {

using nlohmann::json;

// Empty references are stored as NULL so that foreign keys hold.
json Ref(const std::string& id) { return id.empty() ? json(nullptr) : json(id); }
json Opt(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }
// Lists are kept as canonical JSON text in one column; they are never queried by element.
std::string List(const json& array) { return array.dump(); }

json Strings(const std::vector<std::string>& values) { return json(values); }

class RowReader {
 public:
  RowReader(const Row& row, std::string name) : row_(row), name_(std::move(name)) {}

  std::string Text(const char* column) {
    auto it = row_.find(column);
    if (it == row_.end() || it->is_null()) return "";
    if (!it->is_string()) Bad(column);
    return it->is_string() ? it->get<std::string>() : "";
  }
  std::optional<int> Int(const char* column) {
    auto it = row_.find(column);
    if (it == row_.end() || it->is_null()) return std::nullopt;
    if (!it->is_number_integer()) {
      Bad(column);
      return std::nullopt;
    }
    return it->get<int>();
  }
  bool Flag(const char* column) { return Int(column).value_or(0) != 0; }
  json Json(const char* column) {
    std::string text = Text(column);
    if (text.empty()) return nullptr;
    json v = json::parse(text, nullptr, false);
    if (v.is_discarded()) Bad(column);
    return v.is_discarded() ? json(nullptr) : v;
  }
  std::vector<std::string> Strings(const char* column) {
    json v = Json(column);
    std::vector<std::string> out;
    if (!v.is_array()) return out;
    for (const auto& s : v) {
      if (s.is_string()) out.push_back(s.get<std::string>());
    }
    return out;
  }
  template <class E, size_t N>
  E Enum(const char* column, const core::EnumNames<E, N>& names) {
    std::string text = Text(column);
    auto e = names.Parse(text);
    if (!e) Bad(column);
    return e.value_or(E{});
  }
  void Bad(const char* column) {
    if (error_.empty())
      error_ = Msg("store.bad_column_value", {{"row", name_}, {"column", column}});
  }
  const Message& error() const { return error_; }

 private:
  const Row& row_;
  std::string name_;
  Message error_;
};

// The fields each table had when migration 1 created it (and, for objects kept as JSON inside a
// column, the keys every image carries). Never edited: a migration never adds a column to a
// journaled table. Every other described field is an extension: kept in `org_extensions` (or,
// inside a JSON column, as a key) and only while it differs from its default, so that the image
// of an unchanged object stays exactly what older entries wrote.
template <class T>
struct Frozen;
#define SOKUO_FROZEN(T, ...)                                     \
  template <>                                                    \
  struct Frozen<core::T> {                                       \
    static constexpr std::string_view kFields[] = {__VA_ARGS__}; \
  }
SOKUO_FROZEN(Company, "name", "name_en", "time_zone", "holidays");
SOKUO_FROZEN(Holiday, "date", "name");
SOKUO_FROZEN(Department, "id", "name", "name_en", "kind", "head", "parent");
SOKUO_FROZEN(Phone, "kind", "number");
SOKUO_FROZEN(Person, "id", "name", "name_en", "email", "phones", "department", "title", "skills");
SOKUO_FROZEN(RoleAssignment, "role", "person", "department", "title", "deputies");
SOKUO_FROZEN(Channel, "kind", "value", "note");
SOKUO_FROZEN(MaintenanceContract, "number", "coverage", "hours", "expires");
SOKUO_FROZEN(ExternalContact, "id", "name", "name_en", "kind", "person", "channels", "contract",
             "note");
SOKUO_FROZEN(DataClass, "name", "confidentiality", "personal_data");
SOKUO_FROZEN(Backup, "method", "frequency", "last_verified");
SOKUO_FROZEN(InfoSystem, "id", "name", "name_en", "category", "tier", "owner", "customer_service",
             "product_development", "data", "depends_on", "rto_hours", "rpo_hours", "backup",
             "redundancy", "alternate_site", "vendor", "degraded_mode", "workaround");
// Hosts came after migration 1: a system's list lives in its extension, each host with its name
// and the other fields only when set.
SOKUO_FROZEN(Host, "name");
SOKUO_FROZEN(StorageMedium, "id", "name", "kind", "owner", "location", "system", "confidentiality",
             "contents");
#undef SOKUO_FROZEN

template <class T>
bool IsFrozen(std::string_view field) {
  for (std::string_view f : Frozen<T>::kFields) {
    if (f == field) return true;
  }
  return false;
}

template <class T, class M>
bool IsDefault(const core::Field<T, M>& field, const T& owner) {
  return field.Get(owner) == core::DefaultOf(field);
}

// Objects inside a JSON column, and extension values.
template <class T>
json Nested(const T& x);

template <class M>
json NestedValue(const M& value) {
  if constexpr (core::HasEnumTraits<M>::value) {
    return core::EnumTraits<M>::kNames.Name(value);
  } else if constexpr (std::is_same_v<M, std::optional<int>>) {
    return Opt(value);
  } else if constexpr (std::is_same_v<M, std::string> || std::is_same_v<M, bool> ||
                       std::is_same_v<M, std::vector<std::string>>) {
    return value;
  } else if constexpr (core::IsVector<M>::value) {
    json items = json::array();
    for (const auto& item : value) items.push_back(Nested(item));
    return items;
  } else if constexpr (core::IsOptional<M>::value) {
    return value ? Nested(*value) : json(nullptr);
  } else {
    return Nested(value);
  }
}

template <class T>
json Nested(const T& x) {
  json out = json::object();
  core::ForEachField<T>([&](const auto& field) {
    if (IsFrozen<T>(field.name) || !IsDefault(field, x)) {
      out[std::string(field.name)] = NestedValue(field.Get(x));
    }
  });
  return out;
}

template <class T>
void FromNested(const json& j, T& out, RowReader& r, const char* column);

template <class M>
void FromNestedValue(const json& j, M& out, RowReader& r, const char* column) {
  if constexpr (core::HasEnumTraits<M>::value) {
    auto e = j.is_string() ? core::EnumTraits<M>::kNames.Parse(j.get<std::string>()) : std::nullopt;
    if (e) out = *e;
    if (!e) r.Bad(column);
  } else if constexpr (std::is_same_v<M, std::optional<int>>) {
    if (j.is_number_integer()) out = j.get<int>();
    if (!j.is_number_integer() && !j.is_null()) r.Bad(column);
  } else if constexpr (std::is_same_v<M, std::string>) {
    if (j.is_string()) out = j.get<std::string>();
    if (!j.is_string()) r.Bad(column);
  } else if constexpr (std::is_same_v<M, bool>) {
    if (j.is_boolean()) out = j.get<bool>();
    if (!j.is_boolean()) r.Bad(column);
  } else if constexpr (core::IsVector<M>::value) {
    if (!j.is_array()) return r.Bad(column);
    for (const auto& item : j) FromNestedValue(item, out.emplace_back(), r, column);
  } else if constexpr (core::IsOptional<M>::value) {
    if (!j.is_null()) FromNestedValue(j, out.emplace(), r, column);
  } else {
    FromNested(j, out, r, column);
  }
}

template <class T>
void FromNested(const json& j, T& out, RowReader& r, const char* column) {
  if (!j.is_object()) return r.Bad(column);
  core::ForEachField<T>([&](const auto& field) {
    auto it = j.find(std::string(field.name));
    if (it != j.end()) FromNestedValue(*it, field.Get(out), r, column);
  });
}

// How one table keeps a type: which field is the row id column, which is kept in another table.
struct Shape {
  std::string_view id_field = "id";
  std::string_view elsewhere;
};

// Writes the frozen fields of `x` as columns (a nested object's as `prefix_field`) and the others
// into `extension` while they differ from their defaults.
template <class T>
void PutColumns(Row& row, json& extension, const T& x, const Shape& shape,
                const std::string& prefix) {
  core::ForEachField<T>([&](const auto& field) {
    using M = typename std::decay_t<decltype(field)>::Member;
    const M& value = field.Get(x);
    std::string column = prefix + std::string(field.name == shape.id_field ? "id" : field.name);
    if (field.name == shape.elsewhere) return;
    if (!IsFrozen<T>(field.name)) {
      if (!IsDefault(field, x)) extension[std::string(field.name)] = NestedValue(value);
    } else if constexpr (std::is_same_v<M, std::string>) {
      row[column] = field.text == core::TextKind::kReference ? Ref(value) : json(value);
    } else if constexpr (std::is_same_v<M, bool>) {
      row[column] = value ? 1 : 0;
    } else if constexpr (core::HasEnumTraits<M>::value || std::is_same_v<M, std::optional<int>>) {
      row[column] = NestedValue(value);
    } else if constexpr (core::IsVector<M>::value) {
      row[column] = List(NestedValue(value));
    } else if constexpr (core::IsOptional<M>::value) {
      row[column] = value ? json(List(Nested(*value))) : json(nullptr);
    } else {
      json inner = json::object();
      PutColumns(row, inner, value, Shape{.id_field = {}}, column + "_");
      if (!inner.empty()) extension[std::string(field.name)] = std::move(inner);
    }
  });
}

template <class T>
void ReadColumns(RowReader& r, const json& extension, T& x, const Shape& shape,
                 const std::string& prefix) {
  core::ForEachField<T>([&](const auto& field) {
    using M = typename std::decay_t<decltype(field)>::Member;
    M& value = field.Get(x);
    std::string column = prefix + std::string(field.name == shape.id_field ? "id" : field.name);
    if (field.name == shape.elsewhere) return;
    if (!IsFrozen<T>(field.name)) {
      auto it = extension.find(std::string(field.name));
      if (it != extension.end()) FromNestedValue(*it, value, r, "extension");
    } else if constexpr (std::is_same_v<M, std::string>) {
      value = r.Text(column.c_str());
    } else if constexpr (std::is_same_v<M, bool>) {
      value = r.Flag(column.c_str());
    } else if constexpr (std::is_same_v<M, std::optional<int>>) {
      value = r.Int(column.c_str());
    } else if constexpr (core::HasEnumTraits<M>::value) {
      value = r.Enum(column.c_str(), core::EnumTraits<M>::kNames);
    } else if constexpr (core::IsVector<M>::value || core::IsOptional<M>::value) {
      json j = r.Json(column.c_str());
      if (!j.is_null()) FromNestedValue(j, value, r, column.c_str());
    } else {
      auto it = extension.find(std::string(field.name));
      const json& inner = it != extension.end() ? *it : json::object();
      ReadColumns(r, inner, value, Shape{.id_field = {}}, column + "_");
    }
  });
}

// Extensions: one row per object that has any, keyed "table/id".
constexpr const char* kExtensions = "org_extensions";

template <class T>
void PutRow(Tables& t, const std::string& table, const std::string& id, const T& x,
            std::optional<int64_t> position, const Shape& shape = {}) {
  Row row = {{"id", id}};
  if (position) row["position"] = *position;
  json extension = json::object();
  PutColumns(row, extension, x, shape, "");
  row["id"] = id;
  t[table][id] = std::move(row);
  if (!extension.empty()) {
    std::string key = table + "/" + id;
    t[kExtensions][key] = {{"id", key}, {"value", List(extension)}};
  }
}

template <class T>
void PutRows(Tables& t, const std::string& table, const std::vector<T>& items) {
  int64_t pos = 0;
  for (const T& x : items) PutRow(t, table, x.id, x, pos++);
}

// The role's key: what it is (core rejects duplicates); roles have no id of their own.
std::string RoleId(const core::RoleAssignment& r) {
  return std::string(core::kRoleKinds.Name(r.role)) + "/" + r.person + "/" + r.department + "/" +
         r.title;
}

// A list kept as one settings row, its items as the API's JSON.
template <class T>
void PutSettingList(Tables& t, const std::string& name, const std::vector<T>& items) {
  if (items.empty()) return;
  json list = json::array();
  for (const T& x : items) list.push_back(codec::OrgToJson(x));
  t["org_settings"][name] = {{"id", name}, {"value", list.dump()}};
}

}  // namespace

Tables OrgToTables(const core::Organization& org) {
  Tables t;
  for (const std::string& name : kOrgTables) t[name];
  PutRow(t, "company", "company", org.company, std::nullopt, Shape{.elsewhere = "holidays"});
  int64_t pos = 0;
  for (const auto& h : org.company.holidays) {
    PutRow(t, "holidays", h.date, h, pos++, Shape{.id_field = "date"});
  }
  PutRows(t, "departments", org.departments);
  PutRows(t, "people", org.people);
  pos = 0;
  for (const auto& r : org.roles) PutRow(t, "roles", RoleId(r), r, pos++);
  PutRows(t, "contacts", org.contacts);
  PutRows(t, "systems", org.systems);
  PutRows(t, "media", org.media);
  // Settings are rows of their own, so that a new one needs no new column in an old table.
  if (!org.incident_categories.empty()) {
    t["org_settings"]["incident_categories"] = {{"id", "incident_categories"},
                                                {"value", List(Strings(org.incident_categories))}};
  }
  PutSettingList(t, "obligations", org.obligations);
  PutSettingList(t, "controls", org.controls);
  if (org.notifications != core::Notifications{}) {
    t["org_settings"]["notifications"] = {{"id", "notifications"},
                                          {"value", codec::OrgToJson(org.notifications).dump()}};
  }
  if (org.readiness != core::ReadinessSettings{}) {
    t["org_settings"]["readiness"] = {{"id", "readiness"},
                                      {"value", codec::OrgToJson(org.readiness).dump()}};
  }
  return t;
}

namespace {

class TableReader {
 public:
  explicit TableReader(const Tables& tables) : tables_(tables) {
    for (const auto& [key, row] : Rows(kExtensions)) {
      RowReader r(row, std::string(kExtensions) + "/" + key);
      extensions_[key] = r.Json("value");
      if (!extensions_[key].is_object()) r.Bad("value");
      Note(r);
    }
  }

  const Table& Rows(const std::string& name) const {
    static const Table kEmpty;
    auto it = tables_.find(name);
    return it == tables_.end() ? kEmpty : it->second;
  }

  template <class T>
  T Read(const std::string& table, const std::string& id, const Row& row, const Shape& shape) {
    static const json kNone = json::object();
    std::string key = table + "/" + id;
    auto ext = extensions_.find(key);
    RowReader r(row, std::move(key));
    T x{};
    ReadColumns(r, ext == extensions_.end() ? kNone : ext->second, x, shape, "");
    Note(r);
    return x;
  }

  // A list kept as one settings row (PutSettingList).
  template <class T>
  void ReadSettingList(const std::string& name, std::vector<T>& out) {
    auto it = Rows("org_settings").find(name);
    if (it == Rows("org_settings").end()) return;
    RowReader r(it->second, "org_settings/" + name);
    json list = r.Json("value");
    for (const auto& item : list.is_array() ? list : json::array()) {
      if (auto x = codec::OrgFromJson<T>(item)) {
        out.push_back(std::move(*x));
      } else {
        r.Bad("value");
      }
    }
    Note(r);
  }

  // Every row of `table`, in the order of their position column.
  template <class T>
  std::vector<T> ReadAll(const std::string& table, const Shape& shape = {}) {
    std::vector<std::pair<int64_t, T>> items;
    for (const auto& [id, row] : Rows(table)) {
      RowReader r(row, table + "/" + id);
      items.emplace_back(r.Int("position").value_or(0), Read<T>(table, id, row, shape));
      Note(r);
    }
    std::stable_sort(items.begin(), items.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<T> out;
    for (auto& item : items) out.push_back(std::move(item.second));
    return out;
  }

  void Note(const RowReader& r) {
    if (error_.empty()) error_ = r.error();
  }
  const Message& error() const { return error_; }

 private:
  const Tables& tables_;
  std::map<std::string, json> extensions_;
  Message error_;
};

}  // namespace

Result<core::Organization> TablesToOrg(const Tables& tables) {
  core::Organization org;
  TableReader reader(tables);
  if (auto it = reader.Rows("company").find("company"); it != reader.Rows("company").end()) {
    org.company = reader.Read<core::Company>("company", "company", it->second,
                                             Shape{.elsewhere = "holidays"});
  }
  org.company.holidays = reader.ReadAll<core::Holiday>("holidays", Shape{.id_field = "date"});
  org.departments = reader.ReadAll<core::Department>("departments");
  org.people = reader.ReadAll<core::Person>("people");
  org.roles = reader.ReadAll<core::RoleAssignment>("roles", Shape{.id_field = {}});
  org.contacts = reader.ReadAll<core::ExternalContact>("contacts");
  org.systems = reader.ReadAll<core::InfoSystem>("systems");
  org.media = reader.ReadAll<core::StorageMedium>("media");
  if (auto it = reader.Rows("org_settings").find("incident_categories");
      it != reader.Rows("org_settings").end()) {
    RowReader r(it->second, "org_settings/incident_categories");
    org.incident_categories = r.Strings("value");
    reader.Note(r);
  }
  reader.ReadSettingList("obligations", org.obligations);
  reader.ReadSettingList("controls", org.controls);
  if (auto it = reader.Rows("org_settings").find("notifications");
      it != reader.Rows("org_settings").end()) {
    RowReader r(it->second, "org_settings/notifications");
    if (auto n = codec::OrgFromJson<core::Notifications>(r.Json("value"))) {
      org.notifications = std::move(*n);
    } else {
      r.Bad("value");
    }
    reader.Note(r);
  }
  if (auto it = reader.Rows("org_settings").find("readiness");
      it != reader.Rows("org_settings").end()) {
    RowReader r(it->second, "org_settings/readiness");
    if (auto s = codec::OrgFromJson<core::ReadinessSettings>(r.Json("value"))) {
      org.readiness = std::move(*s);
    } else {
      r.Bad("value");
    }
    reader.Note(r);
  }
  if (!reader.error().empty()) return Fail(ErrorCode::kStorage, reader.error());
  return org;
}

}  // namespace sokuo::store

namespace sokuo::store {
namespace {

template <class Source>
Result<Tables> ReadOrgTables(Source& source) {
  Tables tables;
  for (const std::string& name : kOrgTables) {
    ASSIGN_OR_RETURN(tables[name], source.Read(name));
  }
  return tables;
}

}  // namespace

Result<core::Organization> LoadOrganization(Store& store) {
  ASSIGN_OR_RETURN(Tables tables, ReadOrgTables(store));
  return TablesToOrg(tables);
}

Result<core::Organization> LoadOrganization(Tx& tx) {
  ASSIGN_OR_RETURN(Tables tables, ReadOrgTables(tx));
  return TablesToOrg(tables);
}

Result<std::vector<RowChange>> ReplaceOrganization(Tx& tx, const core::Organization& org) {
  ASSIGN_OR_RETURN(Tables before, ReadOrgTables(tx));
  return ApplyDiff(tx, before, OrgToTables(org));
}

}  // namespace sokuo::store
