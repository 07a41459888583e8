#include "api/codec.h"

#include "api/openapi_json.h"
#include "api/org_schema.h"
#include "app/notices.h"
#include "codec/org_json.h"
#include "core/incident.h"

namespace sokuo::api {
// The organization types' JSON comes from their descriptions (codec/org_json.h).
Json ToJson(const core::Company& c) { return codec::OrgToJson(c); }
Json ToJson(const core::Department& d) { return codec::OrgToJson(d); }
Json ToJson(const core::Person& p) { return codec::OrgToJson(p); }
Json ToJson(const core::RoleAssignment& r) { return codec::OrgToJson(r); }
Json ToJson(const core::ExternalContact& c) { return codec::OrgToJson(c); }
Json ToJson(const core::InfoSystem& s) { return codec::OrgToJson(s); }
Json ToJson(const core::StorageMedium& m) { return codec::OrgToJson(m); }

Json ToJson(const app::PersonView& v) {
  Json j = ToJson(v.person);
  Json roles = Json::array();
  for (const auto& r : v.roles) roles.push_back(ToJson(r));
  j["roles"] = roles;
  return j;
}

Json ToJson(const app::SystemView& v) {
  Json j = ToJson(v.system);
  j["dependents"] = v.dependents;
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

Json ToJson(const store::Delivery& d, Lang lang) {
  Json j = {{"id", d.id},
            {"message", d.message},
            {"subject", d.subject},
            {"kind", d.kind},
            {"channel", d.channel},
            {"recipient", d.recipient},
            {"title", d.title},
            {"status", store::DeliveryStatusName(d.status)},
            {"attempts", d.attempts},
            {"next_at", d.next_at},
            {"retryable", app::Retryable(d)}};
  if (!d.lang.empty()) j["lang"] = d.lang;
  if (!d.address.empty()) j["address"] = d.address;
  if (!d.sent_at.empty()) j["sent_at"] = d.sent_at;
  if (!d.acknowledged_at.empty()) j["acknowledged_at"] = d.acknowledged_at;
  if (!d.error.empty()) j["error"] = {{"code", d.error.code}, {"text", Render(d.error, lang)}};
  return j;
}

Json ToJson(const app::NoticeView& v, Lang lang) {
  Json deliveries = Json::array();
  for (const auto& d : v.deliveries) deliveries.push_back(ToJson(d, lang));
  return {{"id", v.message.id},       {"created_at", v.message.created_at},
          {"kind", v.message.kind},   {"recipients", v.message.recipients},
          {"title", v.message.title}, {"deliveries", std::move(deliveries)}};
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

Json ToJson(const store::VerifyReport& r, Lang lang) {
  Json j = {{"ok", r.ok()},
            {"entries", r.entries},
            {"head", ToJson(r.head)},
            {"problems", Render(r.problems, lang)},
            {"evidence_files", r.evidence_files},
            {"checkpoints", r.checkpoints}};
  if (r.first_bad_seq) j["first_bad_seq"] = *r.first_bad_seq;
  if (r.from_checkpoint) j["from_checkpoint"] = *r.from_checkpoint;
  return j;
}

Json ToJson(const codec::HeadReceipt& r) {
  return {{"seq", r.seq}, {"hash", r.hash}, {"at", r.at}, {"org", r.org}, {"reason", r.reason}};
}

Json ToJson(const app::ReceiptCheck& c, Lang lang) {
  Json j = {{"ok", c.ok()}, {"receipts", c.receipts}, {"problems", Render(c.problems, lang)}};
  if (c.newest) j["newest"] = ToJson(*c.newest);
  return j;
}

Json ToJson(const app::SentReceipt& s, Lang lang) {
  Json j = ToJson(s.receipt);
  j["line"] = s.message.body;
  j["message"] = s.message.id;
  Json deliveries = Json::array();
  for (const auto& d : s.deliveries) deliveries.push_back(ToJson(d, lang));
  j["deliveries"] = std::move(deliveries);
  return j;
}

Json ToJson(const app::AccountView& a) {
  Json roles = Json::array();
  for (core::Role r : a.roles) roles.push_back(std::string(core::kRoles.Name(r)));
  Json granted = Json::array();
  for (core::Role r : a.granted) granted.push_back(std::string(core::kRoles.Name(r)));
  Json j = {{"person", a.person},
            {"roles", roles},
            {"granted", granted},
            {"disabled", a.disabled},
            {"locked", a.locked},
            {"must_change_password", a.must_change},
            {"failed_logins", a.failed_logins},
            {"created_at", a.created_at}};
  if (!a.delayed_until.empty()) j["delayed_until"] = a.delayed_until;
  if (!a.lang.empty()) j["lang"] = a.lang;
  return j;
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

Json ProblemJson(const Error& error, std::string_view instance, Lang lang) {
  const ErrorInfo& info = Info(error.code);
  Message title = ErrorTitle(error.code);
  const Message& said = error.msg.empty() ? title : error.msg;
  Json j = {{"type", "https://sokuo.invalid/problems/" + std::string(info.slug)},
            {"title", Render(title, lang)},
            {"status", info.http_status},
            {"code", said.code},
            {"detail", error.Text(lang)}};
  if (!said.params.empty()) {
    Json params = Json::object();
    for (const auto& [name, value] : said.params) params[name] = value;
    j["params"] = params;
  }
  if (!instance.empty()) j["instance"] = std::string(instance);
  if (!error.where.empty()) j["where"] = error.where;
  if (!error.details.empty()) {
    Json errors = Json::array();
    for (const Detail& d : error.details) {
      Json e = {{"where", d.where}, {"message", d.Text(lang)}};
      if (!d.msg.empty()) e["code"] = d.msg.code;
      errors.push_back(e);
    }
    j["errors"] = errors;
  }
  return j;
}

Error ForClient(const Error& error) {
  switch (error.code) {
    case ErrorCode::kStorage:
      return Fail(error.code, Msg("http.storage_failed")).value();
    case ErrorCode::kIo:
    case ErrorCode::kInternal:
      return Fail(error.code, Msg("http.internal_failed")).value();
    default:
      return error;
  }
}

const Json& OpenApiDocument() {
  static const Json kDocument = [] {
    std::string text;
    for (std::string_view part : kOpenApiJsonParts) text += part;
    Json doc = Json::parse(text);
    Json generated = OrgSchemas();
    for (auto& [name, schema] : generated.items()) doc["components"]["schemas"][name] = schema;
    return doc;
  }();
  return kDocument;
}

}  // namespace sokuo::api
