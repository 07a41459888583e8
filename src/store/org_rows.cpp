#include "store/org_rows.h"

#include "store/journal.h"

#include <algorithm>

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
    if (error_.empty()) error_ = name_ + ": column '" + column + "' holds an unexpected value";
  }
  const std::string& error() const { return error_; }

 private:
  const Row& row_;
  std::string name_;
  std::string error_;
};

template <class T>
std::vector<std::pair<int64_t, T>> Sorted(std::vector<std::pair<int64_t, T>> items) {
  std::stable_sort(items.begin(), items.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  return items;
}

}  // namespace

Tables OrgToTables(const core::Organization& org) {
  Tables t;
  for (const std::string& name : kOrgTables) t[name];
  const core::Company& c = org.company;
  t["company"]["company"] = {
      {"id", "company"}, {"name", c.name}, {"name_en", c.name_en}, {"time_zone", c.time_zone}};
  int64_t pos = 0;
  for (const auto& h : c.holidays) {
    t["holidays"][h.date] = {{"id", h.date}, {"position", pos++}, {"name", h.name}};
  }
  pos = 0;
  for (const auto& d : org.departments) {
    t["departments"][d.id] = {{"id", d.id},
                              {"position", pos++},
                              {"name", d.name},
                              {"name_en", d.name_en},
                              {"kind", core::kDepartmentKinds.Name(d.kind)},
                              {"head", Ref(d.head)},
                              {"parent", Ref(d.parent)}};
  }
  pos = 0;
  for (const auto& p : org.people) {
    json phones = json::array();
    for (const auto& ph : p.phones) phones.push_back({{"kind", ph.kind}, {"number", ph.number}});
    t["people"][p.id] = {{"id", p.id},
                         {"position", pos++},
                         {"name", p.name},
                         {"name_en", p.name_en},
                         {"email", p.email},
                         {"phones", List(phones)},
                         {"department", Ref(p.department)},
                         {"title", p.title},
                         {"skills", List(Strings(p.skills))}};
  }
  pos = 0;
  for (const auto& r : org.roles) {
    // Roles have no id of their own: what they are is their key (core rejects duplicates).
    std::string role(core::kRoleKinds.Name(r.role));
    std::string id = role + "/" + r.person + "/" + r.department + "/" + r.title;
    t["roles"][id] = {{"id", id},
                      {"position", pos++},
                      {"role", role},
                      {"person", Ref(r.person)},
                      {"department", Ref(r.department)},
                      {"title", r.title},
                      {"deputies", List(Strings(r.deputies))}};
  }
  pos = 0;
  for (const auto& x : org.contacts) {
    json channels = json::array();
    for (const auto& ch : x.channels) {
      channels.push_back(
          {{"kind", core::kChannelKinds.Name(ch.kind)}, {"value", ch.value}, {"note", ch.note}});
    }
    json contract = nullptr;
    if (x.contract) {
      contract = List({{"number", x.contract->number},
                       {"coverage", x.contract->coverage},
                       {"hours", x.contract->hours},
                       {"expires", x.contract->expires}});
    }
    t["contacts"][x.id] = {{"id", x.id},
                           {"position", pos++},
                           {"name", x.name},
                           {"name_en", x.name_en},
                           {"kind", core::kContactKinds.Name(x.kind)},
                           {"person", x.person},
                           {"channels", List(channels)},
                           {"contract", contract},
                           {"note", x.note}};
  }
  pos = 0;
  for (const auto& s : org.systems) {
    json data = json::array();
    for (const auto& dc : s.data) {
      data.push_back({{"name", dc.name},
                      {"confidentiality", core::kConfidentialities.Name(dc.confidentiality)},
                      {"personal_data", dc.personal_data}});
    }
    t["systems"][s.id] = {{"id", s.id},
                          {"position", pos++},
                          {"name", s.name},
                          {"name_en", s.name_en},
                          {"category", core::kSystemCategories.Name(s.category)},
                          {"tier", core::kTiers.Name(s.tier)},
                          {"owner", Ref(s.owner)},
                          {"customer_service", s.customer_service ? 1 : 0},
                          {"product_development", s.product_development ? 1 : 0},
                          {"data", List(data)},
                          {"depends_on", List(Strings(s.depends_on))},
                          {"rto_hours", Opt(s.rto_hours)},
                          {"rpo_hours", Opt(s.rpo_hours)},
                          {"backup_method", s.backup.method},
                          {"backup_frequency", s.backup.frequency},
                          {"backup_last_verified", s.backup.last_verified},
                          {"redundancy", s.redundancy},
                          {"alternate_site", s.alternate_site},
                          {"vendor", Ref(s.vendor)},
                          {"degraded_mode", s.degraded_mode},
                          {"workaround", s.workaround}};
  }
  pos = 0;
  for (const auto& m : org.media) {
    t["media"][m.id] = {{"id", m.id},
                        {"position", pos++},
                        {"name", m.name},
                        {"kind", core::kMediumKinds.Name(m.kind)},
                        {"owner", Ref(m.owner)},
                        {"location", m.location},
                        {"system", Ref(m.system)},
                        {"confidentiality", core::kConfidentialities.Name(m.confidentiality)},
                        {"contents", m.contents}};
  }
  // Settings are rows of their own, so that a new one needs no new column in an old table.
  if (!org.incident_categories.empty()) {
    t["org_settings"]["incident_categories"] = {{"id", "incident_categories"},
                                                {"value", List(Strings(org.incident_categories))}};
  }
  return t;
}

Result<core::Organization> TablesToOrg(const Tables& tables) {
  core::Organization org;
  std::string error;
  auto rows = [&](const std::string& name) -> const Table& {
    static const Table kEmpty;
    auto it = tables.find(name);
    return it == tables.end() ? kEmpty : it->second;
  };
  auto note = [&](const RowReader& r) {
    if (error.empty()) error = r.error();
  };
  // Reads every row of `table` with `read`, then orders them by position.
  auto each = [&]<class T>(const std::string& table, std::vector<T>& out, auto read) {
    std::vector<std::pair<int64_t, T>> items;
    for (const auto& [id, row] : rows(table)) {
      RowReader r(row, table + "/" + id);
      T value = read(r);
      items.emplace_back(r.Int("position").value_or(0), std::move(value));
      note(r);
    }
    for (auto& [pos, value] : Sorted(std::move(items))) out.push_back(std::move(value));
  };

  if (auto it = rows("company").find("company"); it != rows("company").end()) {
    RowReader r(it->second, "company");
    org.company.name = r.Text("name");
    org.company.name_en = r.Text("name_en");
    org.company.time_zone = r.Text("time_zone");
    note(r);
  }
  each("holidays", org.company.holidays, [](RowReader& r) {
    return core::Holiday{r.Text("id"), r.Text("name")};
  });
  each("departments", org.departments, [](RowReader& r) {
    return core::Department{r.Text("id"),      r.Text("name"),
                            r.Text("name_en"), r.Enum("kind", core::kDepartmentKinds),
                            r.Text("head"),    r.Text("parent")};
  });
  each("people", org.people, [](RowReader& r) {
    core::Person p{.id = r.Text("id"),
                   .name = r.Text("name"),
                   .name_en = r.Text("name_en"),
                   .email = r.Text("email"),
                   .department = r.Text("department"),
                   .title = r.Text("title"),
                   .skills = r.Strings("skills")};
    json phones = r.Json("phones");
    if (phones.is_array()) {
      for (const auto& ph : phones) {
        if (!ph.is_object()) continue;
        p.phones.push_back({ph.value("kind", ""), ph.value("number", "")});
      }
    }
    return p;
  });
  each("roles", org.roles, [](RowReader& r) {
    return core::RoleAssignment{r.Enum("role", core::kRoleKinds), r.Text("person"),
                                r.Text("department"), r.Text("title"), r.Strings("deputies")};
  });
  each("contacts", org.contacts, [](RowReader& r) {
    core::ExternalContact x{.id = r.Text("id"),
                            .name = r.Text("name"),
                            .name_en = r.Text("name_en"),
                            .kind = r.Enum("kind", core::kContactKinds),
                            .person = r.Text("person"),
                            .note = r.Text("note")};
    json channels = r.Json("channels");
    if (channels.is_array()) {
      for (const auto& ch : channels) {
        if (!ch.is_object()) {
          r.Bad("channels");
          continue;
        }
        auto kind = core::kChannelKinds.Parse(ch.value("kind", ""));
        if (!kind) r.Bad("channels");
        x.channels.push_back({kind.value_or(core::ChannelKind::kOther), ch.value("value", ""),
                              ch.value("note", "")});
      }
    }
    json contract = r.Json("contract");
    if (contract.is_object()) {
      x.contract =
          core::MaintenanceContract{contract.value("number", ""), contract.value("coverage", ""),
                                    contract.value("hours", ""), contract.value("expires", "")};
    }
    return x;
  });
  each("systems", org.systems, [](RowReader& r) {
    core::InfoSystem s{.id = r.Text("id"),
                       .name = r.Text("name"),
                       .name_en = r.Text("name_en"),
                       .category = r.Enum("category", core::kSystemCategories),
                       .tier = r.Enum("tier", core::kTiers),
                       .owner = r.Text("owner"),
                       .customer_service = r.Flag("customer_service"),
                       .product_development = r.Flag("product_development"),
                       .depends_on = r.Strings("depends_on"),
                       .rto_hours = r.Int("rto_hours"),
                       .rpo_hours = r.Int("rpo_hours"),
                       .backup = {r.Text("backup_method"), r.Text("backup_frequency"),
                                  r.Text("backup_last_verified")},
                       .redundancy = r.Text("redundancy"),
                       .alternate_site = r.Text("alternate_site"),
                       .vendor = r.Text("vendor"),
                       .degraded_mode = r.Text("degraded_mode"),
                       .workaround = r.Text("workaround")};
    json data = r.Json("data");
    if (data.is_array()) {
      for (const auto& dc : data) {
        if (!dc.is_object()) {
          r.Bad("data");
          continue;
        }
        auto conf = core::kConfidentialities.Parse(dc.value("confidentiality", ""));
        if (!conf) r.Bad("data");
        s.data.push_back({dc.value("name", ""), conf.value_or(core::Confidentiality::kInternal),
                          dc.value("personal_data", false)});
      }
    }
    return s;
  });
  each("media", org.media, [](RowReader& r) {
    return core::StorageMedium{r.Text("id"),
                               r.Text("name"),
                               r.Enum("kind", core::kMediumKinds),
                               r.Text("owner"),
                               r.Text("location"),
                               r.Text("system"),
                               r.Enum("confidentiality", core::kConfidentialities),
                               r.Text("contents")};
  });
  if (auto it = rows("org_settings").find("incident_categories");
      it != rows("org_settings").end()) {
    RowReader r(it->second, "org_settings/incident_categories");
    org.incident_categories = r.Strings("value");
    note(r);
  }
  if (!error.empty()) return Fail(ErrorCode::kStorage, error);
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
