#include "api/codec.h"

#include "api/openapi_json.h"
#include "core/incident.h"

namespace sokuo::api {
namespace {

// Empty optional fields are left out, as in the organization file.
void Put(Json& j, const char* key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}

template <class E, size_t N>
std::string Name(const core::EnumNames<E, N>& names, E value) {
  return std::string(names.Name(value));
}

}  // namespace

Json ToJson(const core::Company& c) {
  Json holidays = Json::array();
  for (const auto& h : c.holidays) holidays.push_back({{"date", h.date}, {"name", h.name}});
  Json j = {{"name", c.name}, {"time_zone", c.time_zone}, {"holidays", holidays}};
  Put(j, "name_en", c.name_en);
  return j;
}

Json ToJson(const core::Department& d) {
  Json j = {{"id", d.id}, {"name", d.name}, {"kind", Name(core::kDepartmentKinds, d.kind)}};
  Put(j, "name_en", d.name_en);
  Put(j, "head", d.head);
  Put(j, "parent", d.parent);
  return j;
}

Json ToJson(const core::Person& p) {
  Json phones = Json::array();
  for (const auto& ph : p.phones) phones.push_back({{"kind", ph.kind}, {"number", ph.number}});
  Json j = {{"id", p.id},
            {"name", p.name},
            {"department", p.department},
            {"phones", phones},
            {"skills", p.skills}};
  Put(j, "name_en", p.name_en);
  Put(j, "email", p.email);
  Put(j, "title", p.title);
  return j;
}

Json ToJson(const core::RoleAssignment& r) {
  Json j = {
      {"role", Name(core::kRoleKinds, r.role)}, {"person", r.person}, {"deputies", r.deputies}};
  Put(j, "department", r.department);
  Put(j, "title", r.title);
  return j;
}

Json ToJson(const app::PersonView& v) {
  Json j = ToJson(v.person);
  Json roles = Json::array();
  for (const auto& r : v.roles) roles.push_back(ToJson(r));
  j["roles"] = roles;
  return j;
}

Json ToJson(const core::ExternalContact& c) {
  Json channels = Json::array();
  for (const auto& ch : c.channels) {
    Json x = {{"kind", Name(core::kChannelKinds, ch.kind)}, {"value", ch.value}};
    Put(x, "note", ch.note);
    channels.push_back(x);
  }
  Json j = {{"id", c.id},
            {"name", c.name},
            {"kind", Name(core::kContactKinds, c.kind)},
            {"channels", channels}};
  Put(j, "name_en", c.name_en);
  Put(j, "person", c.person);
  Put(j, "note", c.note);
  if (c.contract) {
    Json k = Json::object();
    Put(k, "number", c.contract->number);
    Put(k, "coverage", c.contract->coverage);
    Put(k, "hours", c.contract->hours);
    Put(k, "expires", c.contract->expires);
    j["contract"] = k;
  }
  return j;
}

Json ToJson(const core::InfoSystem& s) {
  Json data = Json::array();
  for (const auto& dc : s.data) {
    data.push_back({{"name", dc.name},
                    {"confidentiality", Name(core::kConfidentialities, dc.confidentiality)},
                    {"personal_data", dc.personal_data}});
  }
  Json j = {{"id", s.id},
            {"name", s.name},
            {"category", Name(core::kSystemCategories, s.category)},
            {"tier", Name(core::kTiers, s.tier)},
            {"owner", s.owner},
            {"customer_service", s.customer_service},
            {"product_development", s.product_development},
            {"data", data},
            {"depends_on", s.depends_on}};
  Put(j, "name_en", s.name_en);
  if (s.rto_hours) j["rto_hours"] = *s.rto_hours;
  if (s.rpo_hours) j["rpo_hours"] = *s.rpo_hours;
  Json backup = Json::object();
  Put(backup, "method", s.backup.method);
  Put(backup, "frequency", s.backup.frequency);
  Put(backup, "last_verified", s.backup.last_verified);
  if (!backup.empty()) j["backup"] = backup;
  Put(j, "redundancy", s.redundancy);
  Put(j, "alternate_site", s.alternate_site);
  Put(j, "vendor", s.vendor);
  Put(j, "degraded_mode", s.degraded_mode);
  Put(j, "workaround", s.workaround);
  return j;
}

Json ToJson(const app::SystemView& v) {
  Json j = ToJson(v.system);
  j["dependents"] = v.dependents;
  return j;
}

Json ToJson(const core::StorageMedium& m) {
  Json j = {{"id", m.id},
            {"name", m.name},
            {"kind", Name(core::kMediumKinds, m.kind)},
            {"owner", m.owner},
            {"confidentiality", Name(core::kConfidentialities, m.confidentiality)}};
  Put(j, "location", m.location);
  Put(j, "system", m.system);
  Put(j, "contents", m.contents);
  return j;
}

Json ToJson(const core::Organization& org) {
  auto list = [](const auto& items) {
    Json out = Json::array();
    for (const auto& item : items) out.push_back(ToJson(item));
    return out;
  };
  return {{"company", ToJson(org.company)}, {"departments", list(org.departments)},
          {"people", list(org.people)},     {"roles", list(org.roles)},
          {"contacts", list(org.contacts)}, {"systems", list(org.systems)},
          {"media", list(org.media)},       {"incident_categories", core::IncidentCategories(org)}};
}

Json ToJson(const app::ImportSummary& s) {
  Json tables = Json::object();
  for (const auto& [name, c] : s.tables) {
    tables[name] = {{"added", c.added}, {"updated", c.updated}, {"removed", c.removed}};
  }
  Json j = {{"changed", s.changed()}, {"tables", tables}};
  if (s.changed()) j["journal_seq"] = s.entry_seq;
  return j;
}

Json ToJson(const store::JournalHead& h) { return {{"seq", h.seq}, {"hash", h.hash}}; }

Json ToJson(const store::JournalEntry& e) {
  Json body = Json::parse(e.body, nullptr, false);
  return {{"seq", e.seq},
          {"at", e.at},
          {"actor", e.actor},
          {"action", e.action},
          {"subject", e.subject},
          {"body", body.is_discarded() ? Json(e.body) : body},
          {"prev_hash", e.prev_hash},
          {"hash", e.hash}};
}

Json ToJson(const store::VerifyReport& r) {
  Json j = {{"ok", r.ok()},
            {"entries", r.entries},
            {"head", ToJson(r.head)},
            {"problems", Render(r.problems, Lang::kEn)}};
  if (r.first_bad_seq) j["first_bad_seq"] = *r.first_bad_seq;
  return j;
}

Json ToJson(const app::AccountView& a) {
  Json roles = Json::array();
  for (core::Role r : a.roles) roles.push_back(std::string(core::kRoles.Name(r)));
  Json granted = Json::array();
  for (core::Role r : a.granted) granted.push_back(std::string(core::kRoles.Name(r)));
  return {{"person", a.person},
          {"roles", roles},
          {"granted", granted},
          {"disabled", a.disabled},
          {"locked", a.locked},
          {"must_change_password", a.must_change},
          {"failed_logins", a.failed_logins},
          {"created_at", a.created_at}};
}

Json ToJson(const app::TokenView& t) {
  Json j = {{"id", t.id},
            {"account", t.account},
            {"name", t.name},
            {"scope", std::string(app::kTokenScopes.Name(t.scope))},
            {"created_at", t.created_at},
            {"expires_at", t.expires_at}};
  if (!t.revoked_at.empty()) j["revoked_at"] = t.revoked_at;
  return j;
}

Json ProblemJson(const Error& error, std::string_view instance) {
  const ErrorInfo& info = Info(error.code);
  Json j = {{"type", "https://sokuo.invalid/problems/" + std::string(info.slug)},
            {"title", std::string(info.message)},
            {"status", info.http_status},
            {"detail", error.message.empty() ? std::string(info.message) : error.message}};
  if (!instance.empty()) j["instance"] = std::string(instance);
  if (!error.where.empty()) j["where"] = error.where;
  if (!error.details.empty()) {
    Json errors = Json::array();
    for (const Detail& d : error.details)
      errors.push_back({{"where", d.where}, {"message", d.message}});
    j["errors"] = errors;
  }
  return j;
}

const Json& OpenApiDocument() {
  static const Json kDocument = [] {
    std::string text;
    for (std::string_view part : kOpenApiJsonParts) text += part;
    return Json::parse(text);
  }();
  return kDocument;
}

}  // namespace sokuo::api
