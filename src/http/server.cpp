#include "http/server.h"

#include <httplib.h>

#include <charconv>
#include <chrono>

#include "api/codec.h"
#include "api/incident_codec.h"
#include "base/sha256.h"
#include "base/text.h"
#include "codec/json_reader.h"
#include "platform/log.h"

namespace sokuo::http {
namespace {

using api::Json;

constexpr const char* kJsonType = "application/json; charset=utf-8";
constexpr const char* kSessionCookie = "sokuo_session";
constexpr const char* kCsrfCookie = "sokuo_csrf";

std::string CookieValue(const std::string& header, const std::string& name) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    size_t start = part.find_first_not_of(' ');
    if (start != std::string::npos) part = part.substr(start);
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return "";
}
constexpr const char* kProblemType = "application/problem+json; charset=utf-8";

Result<size_t> Number(const Request& req, const std::string& name, size_t fallback, size_t min,
                      size_t max) {
  auto it = req.query.find(name);
  if (it == req.query.end()) return fallback;
  const std::string& text = it->second;
  size_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < min || value > max) {
    return Fail(ErrorCode::kInvalidInput,
                "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max),
                "?" + name);
  }
  return value;
}

std::string Text(const Request& req, const std::string& name) {
  auto it = req.query.find(name);
  return it == req.query.end() ? "" : it->second;
}

template <class E, size_t N>
Result<std::optional<E>> EnumParam(const Request& req, const std::string& name,
                                   const core::EnumNames<E, N>& names) {
  std::string text = Text(req, name);
  if (text.empty()) return std::optional<E>{};
  if (auto e = names.Parse(text)) return std::optional<E>{*e};
  return Fail(ErrorCode::kInvalidInput, "'" + text + "' is not one of " + names.Joined(),
              "?" + name);
}

Result<app::PageRequest> PageParams(const Request& req) {
  ASSIGN_OR_RETURN(size_t offset, Number(req, "offset", 0, 0, 1u << 30));
  ASSIGN_OR_RETURN(size_t limit, Number(req, "limit", 50, 1, app::PageRequest::kMaxLimit));
  return app::PageRequest{offset, limit};
}

template <class T>
Result<Json> AsJson(Result<T> r) {
  if (!r) return Fail(std::move(r).error());
  return api::ToJson(*r);
}

template <class T>
Result<Json> AsPage(Result<app::Page<T>> r) {
  if (!r) return Fail(std::move(r).error());
  return api::PageJson(*r);
}

Result<Json> Body(const Request& req) {
  if (!req.content_type.empty() && req.content_type.find("application/json") == std::string::npos) {
    return Fail(ErrorCode::kUnsupportedMedia, "send application/json, not " + req.content_type);
  }
  return codec::ParseJson(req.body.empty() ? "{}" : req.body);
}

// Decodes the body with `decode`, names the actor, and runs `act`.
template <class In, class Act>
Result<Json> Write(app::App& /*app*/, const Request& req, Result<In> (*decode)(const Json&),
                   Act act) {
  ASSIGN_OR_RETURN(Json body, Body(req));
  ASSIGN_OR_RETURN(In in, decode(body));
  ASSIGN_OR_RETURN(app::IncidentView view, act(in, req.actor));
  return api::ToJson(view);
}

Result<int> IntPath(const Request& req, const std::string& name) {
  const std::string& text = req.path.at(name);
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value <= 0) {
    return Fail(ErrorCode::kNotFound, "no " + name + " '" + text + "'");
  }
  return value;
}

template <class E, size_t N>
Result<E> EnumPath(const Request& req, const std::string& name,
                   const core::EnumNames<E, N>& names) {
  const std::string& text = req.path.at(name);
  if (auto e = names.Parse(text)) return *e;
  return Fail(ErrorCode::kNotFound,
              "no " + name + " '" + text + "' (one of: " + names.Joined() + ")");
}

Json EntriesJson(const std::vector<store::JournalEntry>& entries) {
  Json items = Json::array();
  for (const auto& e : entries) items.push_back(api::ToJson(e));
  return items;
}

// "/api/v1/systems/{id}" → "/api/v1/systems/([^/]+)" and the parameter names in order.
std::pair<std::string, std::vector<std::string>> ToPattern(const std::string& path) {
  std::string pattern;
  std::vector<std::string> names;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '{') {
      size_t end = path.find('}', i);
      names.push_back(path.substr(i + 1, end - i - 1));
      pattern += "([^/]+)";
      i = end;
    } else if (path[i] == '.') {
      pattern += "\\.";
    } else {
      pattern.push_back(path[i]);
    }
  }
  return {pattern, names};
}

void SendProblem(httplib::Response& res, const Error& error, const std::string& instance) {
  res.status = Info(error.code).http_status;
  res.set_content(api::ProblemJson(error, instance).dump(), kProblemType);
}

}  // namespace

std::vector<Route> Routes(const ServerOptions& options) {
  std::string version = options.version;
  bool secure = !options.tls_cert.empty();
  return {
      {"GET",
       "/api/v1/health",
       app::Permission::kPublic,
       {},
       [version](app::App& app, const Request&) -> Result<Json> {
         ASSIGN_OR_RETURN(core::Organization org, app.Organization());
         ASSIGN_OR_RETURN(store::JournalHead head, app.JournalHead());
         return Json{{"status", "ok"},
                     {"version", version},
                     {"journal_seq", head.seq},
                     {"company", org.company.name}};
       }},
      {"GET",
       "/api/v1/openapi.json",
       app::Permission::kPublic,
       {},
       [](app::App&, const Request&) -> Result<Json> { return api::OpenApiDocument(); }},
      {"GET",
       "/api/v1/company",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request&) -> Result<Json> {
         ASSIGN_OR_RETURN(core::Organization org, app.Organization());
         Json company = api::ToJson(org.company);
         company["incident_categories"] = core::IncidentCategories(org);
         return company;
       }},
      {"GET",
       "/api/v1/departments",
       app::Permission::kAuthenticated,
       {"kind", "offset", "limit"},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto kind, EnumParam(req, "kind", core::kDepartmentKinds));
         ASSIGN_OR_RETURN(auto page, PageParams(req));
         return AsPage(app.ListDepartments({.kind = kind}, page));
       }},
      {"GET",
       "/api/v1/departments/{id}",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return AsJson(app.GetDepartment(req.path.at("id")));
       }},
      {"GET",
       "/api/v1/people",
       app::Permission::kAuthenticated,
       {"department", "offset", "limit"},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto page, PageParams(req));
         return AsPage(app.ListPeople({.department = Text(req, "department")}, page));
       }},
      {"GET",
       "/api/v1/people/{id}",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) { return AsJson(app.GetPerson(req.path.at("id"))); }},
      {"GET",
       "/api/v1/contacts",
       app::Permission::kAuthenticated,
       {"kind", "offset", "limit"},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto kind, EnumParam(req, "kind", core::kContactKinds));
         ASSIGN_OR_RETURN(auto page, PageParams(req));
         return AsPage(app.ListContacts({.kind = kind}, page));
       }},
      {"GET",
       "/api/v1/contacts/{id}",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) { return AsJson(app.GetContact(req.path.at("id"))); }},
      {"GET",
       "/api/v1/systems",
       app::Permission::kAuthenticated,
       {"tier", "owner", "offset", "limit"},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto tier, EnumParam(req, "tier", core::kTiers));
         ASSIGN_OR_RETURN(auto page, PageParams(req));
         return AsPage(app.ListSystems({.tier = tier, .owner = Text(req, "owner")}, page));
       }},
      {"GET",
       "/api/v1/systems/{id}",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) { return AsJson(app.GetSystem(req.path.at("id"))); }},
      {"GET",
       "/api/v1/media",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request&) -> Result<Json> {
         ASSIGN_OR_RETURN(core::Organization org, app.Organization());
         Json items = Json::array();
         for (const auto& m : org.media) items.push_back(api::ToJson(m));
         return Json{{"items", items}};
       }},
      {"GET",
       "/api/v1/journal",
       app::Permission::kAudit,
       {"after", "limit", "subject"},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(size_t after, Number(req, "after", 0, 0, SIZE_MAX / 2));
         ASSIGN_OR_RETURN(size_t limit, Number(req, "limit", 100, 1, app::PageRequest::kMaxLimit));
         ASSIGN_OR_RETURN(auto entries, app.Journal({.after_seq = static_cast<int64_t>(after),
                                                     .limit = limit,
                                                     .subject = Text(req, "subject")}));
         Json out = {{"items", EntriesJson(entries)}};
         if (entries.size() == limit) out["next_after"] = entries.back().seq;
         return out;
       }},
      {"GET",
       "/api/v1/incidents",
       app::Permission::kAuthenticated,
       {"state", "priority", "open", "system", "department", "offset", "limit"},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto state, EnumParam(req, "state", core::kIncidentStates));
         ASSIGN_OR_RETURN(auto priority, EnumParam(req, "priority", core::kPriorities));
         std::string open = Text(req, "open");
         if (!open.empty() && open != "true" && open != "false") {
           return Fail(ErrorCode::kInvalidInput, "must be true or false", "?open");
         }
         ASSIGN_OR_RETURN(auto page, PageParams(req));
         ASSIGN_OR_RETURN(auto result, app.ListIncidents({.state = state,
                                                          .priority = priority,
                                                          .open_only = open == "true",
                                                          .system = Text(req, "system"),
                                                          .department = Text(req, "department")},
                                                         page, req.actor));
         Json items = Json::array();
         for (const auto& v : result.items) items.push_back(api::SummaryJson(v));
         Json out = {{"items", items},
                     {"total", result.total},
                     {"offset", result.offset},
                     {"limit", result.limit}};
         if (result.offset + result.items.size() < result.total) {
           out["next_offset"] = result.offset + result.items.size();
         }
         return out;
       }},
      {"POST",
       "/api/v1/incidents",
       app::Permission::kReport,
       {},
       [](app::App& app, const Request& req) {
         return Write(
             app, req, api::ReportFromJson,
             [&](const app::ReportInput& in, const app::Actor& a) { return app.Report(in, a); });
       },
       201,
       false,
       /*ingest=*/true},
      {"GET",
       "/api/v1/incidents/{key}",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return AsJson(app.GetIncident(req.path.at("key"), req.actor));
       }},
      {"PATCH",
       "/api/v1/incidents/{key}",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return Write(app, req, api::UpdateFromJson,
                      [&](const app::UpdateInput& in, const app::Actor& a) {
                        return app.Update(req.path.at("key"), in, a);
                      });
       }},
      {"POST",
       "/api/v1/incidents/{key}/triage",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return Write(app, req, api::TriageFromJson,
                      [&](const app::TriageInput& in, const app::Actor& a) {
                        return app.Triage(req.path.at("key"), in, a);
                      });
       }},
      {"PUT",
       "/api/v1/incidents/{key}/priority",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return Write(app, req, api::PriorityFromJson,
                      [&](const api::PriorityInput& in, const app::Actor& a) {
                        return app.OverridePriority(req.path.at("key"), in.priority, in.reason, a);
                      });
       }},
      {"POST",
       "/api/v1/incidents/{key}/convocation",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         return AsJson(app.RequestConvocation(req.path.at("key"), req.actor));
       }},
      {"PUT",
       "/api/v1/incidents/{key}/convocation",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return Write(app, req, api::ConvenedFromJson,
                      [&](const api::ConvenedInput& in, const app::Actor& a) {
                        return app.RecordConvened(req.path.at("key"), in.convened_at, in.attendees,
                                                  a);
                      });
       }},
      {"POST",
       "/api/v1/incidents/{key}/decisions",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return Write(app, req, api::DecisionFromJson,
                      [&](const core::Decision& in, const app::Actor& a) {
                        return app.Decide(req.path.at("key"), in, a);
                      });
       },
       201},
      {"POST",
       "/api/v1/incidents/{key}/contacts",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return Write(app, req, api::ContactFromJson,
                      [&](const core::ContactLog& in, const app::Actor& a) {
                        return app.AddContact(req.path.at("key"), in, a);
                      });
       },
       201},
      {"POST",
       "/api/v1/incidents/{key}/tasks",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return Write(app, req, api::TaskFromJson, [&](const core::Task& in, const app::Actor& a) {
           return app.AddTask(req.path.at("key"), in, a);
         });
       },
       201},
      {"PATCH",
       "/api/v1/incidents/{key}/tasks/{id}",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(int id, IntPath(req, "id"));
         return Write(app, req, api::TaskUpdateFromJson,
                      [&](const app::TaskUpdate& in, const app::Actor& a) {
                        return app.UpdateTask(req.path.at("key"), id, in, a);
                      });
       }},
      {"PUT",
       "/api/v1/incidents/{key}/assessment",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return Write(app, req, api::AssessmentFromJson,
                      [&](const core::Assessment& in, const app::Actor& a) {
                        return app.Assess(req.path.at("key"), in, a);
                      });
       }},
      {"PUT",
       "/api/v1/incidents/{key}/recovery/{system}",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return Write(app, req, api::RecoveryFromJson,
                      [&](const api::RecoveryInput& in, const app::Actor& a) {
                        return app.Recover(
                            req.path.at("key"),
                            {.system = req.path.at("system"), .status = in.status, .note = in.note},
                            a);
                      });
       }},
      {"POST",
       "/api/v1/incidents/{key}/findings",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return Write(app, req, api::FindingFromJson,
                      [&](const core::Finding& in, const app::Actor& a) {
                        return app.AddFinding(req.path.at("key"), in, a);
                      });
       },
       201},
      {"POST",
       "/api/v1/incidents/{key}/prevention",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return Write(app, req, api::PreventionFromJson,
                      [&](const core::Prevention& in, const app::Actor& a) {
                        return app.AddPrevention(req.path.at("key"), in, a);
                      });
       },
       201},
      {"PUT",
       "/api/v1/incidents/{key}/backdoor-checks/{system}/{item}",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(core::BackdoorItem item, EnumPath(req, "item", core::kBackdoorItems));
         return Write(app, req, api::BackdoorFromJson,
                      [&](const api::BackdoorInput& in, const app::Actor& a) {
                        return app.CheckBackdoor(req.path.at("key"),
                                                 {.system = req.path.at("system"),
                                                  .item = item,
                                                  .result = in.result,
                                                  .note = in.note},
                                                 a);
                      });
       }},
      {"POST",
       "/api/v1/incidents/{key}/evidence",
       app::Permission::kAuthenticated,
       {"name", "kind", "system"},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto kind, EnumParam(req, "kind", core::kEvidenceKinds));
         return AsJson(app.AddEvidence(req.path.at("key"),
                                       {.name = Text(req, "name"),
                                        .kind = kind.value_or(core::EvidenceKind::kOther),
                                        .system = Text(req, "system"),
                                        .content = req.body},
                                       req.actor));
       },
       201,
       /*raw_body=*/true},
      {"POST",
       "/api/v1/incidents/{key}/transitions",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return Write(app, req, api::TransitionFromJson,
                      [&](const api::TransitionInput& in, const app::Actor& a) {
                        return app.Transition(req.path.at("key"), in.to, in.reason, a);
                      });
       }},
      {"GET",
       "/api/v1/incidents/{key}/timeline",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto entries, app.Timeline(req.path.at("key"), req.actor));
         return Json{{"items", EntriesJson(entries)}};
       }},
      {"GET",
       "/api/v1/incidents/{key}/notifications",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto messages, app.Notifications(req.path.at("key"), req.actor));
         Json items = Json::array();
         for (const auto& m : messages) {
           items.push_back({{"id", m.id},
                            {"created_at", m.created_at},
                            {"kind", m.kind},
                            {"recipients", m.recipients},
                            {"title", m.title}});
         }
         return Json{{"items", items}};
       }},
      {"POST",
       "/api/v1/session",
       app::Permission::kPublic,
       {},
       [secure](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(Json body, Body(req));
         struct Credentials {
           std::string login, password;
         };
         ASSIGN_OR_RETURN(Credentials c, codec::ReadAll<Credentials>(
                                             body, [](codec::JsonReader& r, Credentials& x) {
                                               if (!r.Object({"login", "password"})) return;
                                               r.Text("login", x.login, true);
                                               r.Text("password", x.password, true);
                                             }));
         ASSIGN_OR_RETURN(app::Login login, app.LogIn(c.login, c.password, req.remote_address));
         std::string attributes =
             "; Path=/; SameSite=Strict" + std::string(secure ? "; Secure" : "");
         req.response_headers.emplace_back(
             "Set-Cookie",
             std::string(kSessionCookie) + "=" + login.session_token + attributes + "; HttpOnly");
         req.response_headers.emplace_back(
             "Set-Cookie", std::string(kCsrfCookie) + "=" + login.csrf_token + attributes);
         return Json{{"account", api::ToJson(login.account)},
                     {"csrf_token", login.csrf_token},
                     {"expires_at", login.expires_at}};
       },
       201},
      {"GET",
       "/api/v1/session",
       app::Permission::kOwnAccount,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         return AsJson(app.Account(req.actor.principal.person));
       }},
      {"DELETE",
       "/api/v1/session",
       app::Permission::kOwnAccount,
       {},
       [secure](app::App& app, const Request& req) -> Result<Json> {
         TRY(app.LogOut(req.session_token));
         std::string expired =
             "=; Path=/; SameSite=Strict; Max-Age=0" + std::string(secure ? "; Secure" : "");
         req.response_headers.emplace_back("Set-Cookie",
                                           std::string(kSessionCookie) + expired + "; HttpOnly");
         req.response_headers.emplace_back("Set-Cookie", std::string(kCsrfCookie) + expired);
         return Json{{"logged_out", true}};
       }},
      {"PUT",
       "/api/v1/session/password",
       app::Permission::kOwnAccount,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(Json body, Body(req));
         struct Change {
           std::string old_password, new_password;
         };
         ASSIGN_OR_RETURN(Change c,
                          codec::ReadAll<Change>(body, [](codec::JsonReader& r, Change& x) {
                            if (!r.Object({"old_password", "new_password"})) return;
                            r.Text("old_password", x.old_password, true);
                            r.Text("new_password", x.new_password, true);
                          }));
         TRY(app.ChangePassword(req.actor, c.old_password, c.new_password));
         return Json{{"changed", true}, {"note", "every session has ended: log in again"}};
       }},
      {"GET",
       "/api/v1/tokens",
       app::Permission::kOwnAccount,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto tokens, app.Tokens(req.actor));
         Json items = Json::array();
         for (const auto& t : tokens) items.push_back(api::ToJson(t));
         return Json{{"items", items}};
       }},
      {"POST",
       "/api/v1/tokens",
       app::Permission::kOwnAccount,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(Json body, Body(req));
         struct Want {
           std::string name;
           app::TokenScope scope = app::TokenScope::kRead;
           int days = 90;
         };
         ASSIGN_OR_RETURN(Want w, codec::ReadAll<Want>(body, [](codec::JsonReader& r, Want& x) {
                            if (!r.Object({"name", "scope", "days"})) return;
                            r.Text("name", x.name, true);
                            r.Enum("scope", app::kTokenScopes, x.scope, true);
                            r.Int("days", x.days);
                          }));
         ASSIGN_OR_RETURN(app::NewToken t, app.CreateToken(req.actor, "", w.name, w.scope, w.days));
         Json j = api::ToJson(t.token);
         j["token"] = t.secret;  // shown once
         return j;
       },
       201},
      {"DELETE",
       "/api/v1/tokens/{id}",
       app::Permission::kOwnAccount,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         TRY(app.RevokeToken(req.actor, req.path.at("id")));
         return Json{{"revoked", req.path.at("id")}};
       }},
      {"GET",
       "/api/v1/users",
       app::Permission::kAdminister,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto accounts, app.Accounts(req.actor));
         Json items = Json::array();
         for (const auto& a : accounts) items.push_back(api::ToJson(a));
         return Json{{"items", items}};
       }},
      {"POST",
       "/api/v1/users",
       app::Permission::kAdminister,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(Json body, Body(req));
         struct NewUser {
           std::string person, password;
           std::vector<core::Role> roles;
         };
         ASSIGN_OR_RETURN(NewUser u,
                          codec::ReadAll<NewUser>(body, [](codec::JsonReader& r, NewUser& x) {
                            if (!r.Object({"person", "roles", "password"})) return;
                            r.Text("person", x.person, true);
                            r.Enums("roles", core::kRoles, x.roles);
                            r.Text("password", x.password);
                          }));
         ASSIGN_OR_RETURN(std::string one_time,
                          app.AddAccount(u.person, u.roles, u.password, req.actor));
         ASSIGN_OR_RETURN(app::AccountView a, app.Account(u.person));
         Json j = api::ToJson(a);
         if (!one_time.empty()) j["one_time_password"] = one_time;
         return j;
       },
       201},
      {"PATCH",
       "/api/v1/users/{person}",
       app::Permission::kAdminister,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(Json body, Body(req));
         struct Change {
           std::optional<bool> disabled;
           bool unlock = false;
           std::optional<std::vector<core::Role>> roles;
         };
         ASSIGN_OR_RETURN(Change c,
                          codec::ReadAll<Change>(body, [](codec::JsonReader& r, Change& x) {
                            if (!r.Object({"disabled", "unlock", "roles"})) return;
                            if (r.Has("disabled")) {
                              bool d = false;
                              r.Bool("disabled", d);
                              x.disabled = d;
                            }
                            r.Bool("unlock", x.unlock);
                            if (r.Has("roles")) {
                              std::vector<core::Role> roles;
                              r.Enums("roles", core::kRoles, roles);
                              x.roles = roles;
                            }
                          }));
         return AsJson(
             app.UpdateAccount(req.path.at("person"), c.disabled, c.unlock, c.roles, req.actor));
       }},
      {"POST",
       "/api/v1/users/{person}/password",
       app::Permission::kAdminister,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(std::string one_time,
                          app.ResetPassword(req.path.at("person"), "", req.actor));
         return Json{{"person", req.path.at("person")}, {"one_time_password", one_time}};
       }},
      {"GET",
       "/api/v1/journal/head",
       app::Permission::kAudit,
       {},
       [](app::App& app, const Request&) { return AsJson(app.JournalHead()); }},
      {"GET",
       "/api/v1/journal/verify",
       app::Permission::kAudit,
       {},
       [](app::App& app, const Request&) { return AsJson(app.VerifyJournal()); }},
  };
}

Server::Server(app::App& app, ServerOptions options) : app_(app), options_(std::move(options)) {
  if (!options_.tls_cert.empty()) {
    server_ =
        std::make_unique<httplib::SSLServer>(options_.tls_cert.c_str(), options_.tls_key.c_str());
  } else {
    server_ = std::make_unique<httplib::Server>();
  }
  httplib::Server& svr = *server_;
  // Debian's httplib has Nagle on by default, which caps throughput near 300 req/s.
  svr.set_tcp_nodelay(true);
  size_t threads = options_.threads;
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  svr.set_keep_alive_max_count(1000);
  svr.set_payload_max_length(std::max(options_.max_body_bytes, options_.max_upload_bytes));
  svr.set_read_timeout(10, 0);
  svr.set_write_timeout(10, 0);
  svr.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                           {"Cache-Control", "no-store"},
                           {"Referrer-Policy", "no-referrer"}});

  for (Route& route : Routes(options_)) {
    auto [pattern, names] = ToPattern(route.path);
    auto handler = [this, route, names = names](const httplib::Request& req,
                                                httplib::Response& res) {
      Request r;
      for (size_t i = 0; i < names.size() && i + 1 < req.matches.size(); ++i) {
        r.path[names[i]] = req.matches[i + 1].str();
      }
      for (const auto& [key, value] : req.params) {
        if (std::find(route.query.begin(), route.query.end(), key) == route.query.end()) {
          SendProblem(res,
                      Error{ErrorCode::kInvalidInput,
                            "unknown query parameter '" + key + "'" + DidYouMean(key, route.query),
                            "?" + key,
                            {}},
                      req.path);
          return;
        }
        r.query.emplace(key, value);
      }
      if (!route.raw_body && req.body.size() > options_.max_body_bytes) {
        SendProblem(res,
                    Error{ErrorCode::kPayloadTooLarge,
                          "a JSON body may have at most " +
                              std::to_string(options_.max_body_bytes) + " bytes",
                          {},
                          {}},
                    req.path);
        return;
      }
      r.body = req.body;
      r.content_type = req.get_header_value("Content-Type");
      r.remote_address = req.remote_addr;
      r.session_token = CookieValue(req.get_header_value("Cookie"), kSessionCookie);
      if (auto denied = Admit(route, req, r); !denied) {
        SendProblem(res, denied.error(), req.path);
        return;
      }
      Result<Json> result = route.handle(app_, r);
      if (!result) {
        SendProblem(res, result.error(), req.path);
        return;
      }
      for (const auto& [name, value] : r.response_headers) res.headers.emplace(name, value);
      res.status = route.status;
      res.set_content(result->dump(-1, ' ', false, Json::error_handler_t::replace), kJsonType);
    };
    if (route.method == "GET") {
      svr.Get(pattern, handler);
    } else if (route.method == "POST") {
      svr.Post(pattern, handler);
    } else if (route.method == "PUT") {
      svr.Put(pattern, handler);
    } else if (route.method == "PATCH") {
      svr.Patch(pattern, handler);
    } else if (route.method == "DELETE") {
      svr.Delete(pattern, handler);
    }
  }

  // Statuses set by httplib itself (no route, body too large) still answer in problem+json.
  svr.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    ErrorCode code = res.status == 404   ? ErrorCode::kNotFound
                     : res.status == 413 ? ErrorCode::kPayloadTooLarge
                     : res.status == 405 ? ErrorCode::kInvalidInput
                     : res.status >= 500 ? ErrorCode::kInternal
                                         : ErrorCode::kInvalidInput;
    std::string message = res.status == 404 ? "no such resource: " + req.path : "";
    int status = res.status;
    res.set_content(api::ProblemJson(Error{code, message, {}, {}}, req.path).dump(), kProblemType);
    res.status = status;
  });
  svr.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, const std::exception_ptr&) {
        SendProblem(res, Error{ErrorCode::kInternal, "internal error", {}, {}}, req.path);
      });
  svr.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    platform::Log(res.status >= 500 ? platform::LogLevel::kError : platform::LogLevel::kInfo,
                  "http.request",
                  {{"method", req.method},
                   {"path", req.path},
                   {"status", std::to_string(res.status)},
                   {"remote", req.remote_addr}});
  });
}

Server::~Server() = default;

// Authentication, then the route's permission: a token or the session cookie names the caller;
// a cookie needs the CSRF header on state-changing requests; an account that must change its
// password may do nothing else; a token may do only what its scope allows.
Result<void> Server::Admit(const Route& route, const httplib::Request& req, Request& r) {
  std::string authorization = req.get_header_value("Authorization");
  std::optional<app::Caller> caller;
  if (authorization.rfind("Bearer ", 0) == 0) {
    ASSIGN_OR_RETURN(caller, app_.AuthenticateToken(authorization.substr(7)));
  } else if (!authorization.empty()) {
    return Fail(ErrorCode::kUnauthorized, "use Authorization: Bearer with a sokuo API token");
  } else if (!r.session_token.empty()) {
    auto session = app_.AuthenticateSession(r.session_token);
    // An ended session on a public route (the login form) is no reason to refuse.
    if (!session && route.permission != app::Permission::kPublic) return Fail(session.error());
    if (session) caller = *session;
  }
  if (!caller) {
    r.actor = app::Actor{"anonymous", core::Principal{}};
    if (route.permission == app::Permission::kPublic) return {};
    return Fail(ErrorCode::kUnauthorized, "log in first (or send an API token)");
  }
  r.actor = app::Actor{caller->principal.person, caller->principal};
  bool writes = route.method != "GET";
  if (caller->by_session && writes) {
    std::string csrf = req.get_header_value("X-CSRF-Token");
    if (csrf.empty() || Sha256Hex(csrf) != caller->csrf_hash) {
      return Fail(ErrorCode::kForbidden,
                  "missing or wrong X-CSRF-Token (the value of the sokuo_csrf cookie)");
    }
  }
  if (caller->must_change_password && route.permission != app::Permission::kOwnAccount &&
      route.permission != app::Permission::kPublic) {
    return Fail(ErrorCode::kForbidden,
                "change your one-time password first (PUT /api/v1/session/password)");
  }
  if (caller->scope) {
    if (route.permission == app::Permission::kOwnAccount ||
        route.permission == app::Permission::kAdminister) {
      return Fail(ErrorCode::kForbidden, "API tokens cannot manage accounts or tokens; log in");
    }
    bool allowed = *caller->scope == app::TokenScope::kWrite ||
                   (*caller->scope == app::TokenScope::kRead && !writes) ||
                   (*caller->scope == app::TokenScope::kIngest && route.ingest);
    if (!allowed) {
      return Fail(ErrorCode::kForbidden, "this API token's scope (" +
                                             std::string(app::kTokenScopes.Name(*caller->scope)) +
                                             ") does not allow " + route.method + " " + route.path);
    }
  }
  return app_.Authorize(r.actor, route.permission);
}

Result<int> Server::Bind() {
  if (!server_->is_valid()) {
    return Fail(ErrorCode::kInvalidInput, "cannot use the TLS certificate " + options_.tls_cert +
                                              " with the key " + options_.tls_key);
  }
  if (options_.port == 0) {
    int port = server_->bind_to_any_port(options_.host);
    if (port <= 0) return Fail(ErrorCode::kIo, "cannot listen on " + options_.host);
    return port;
  }
  if (!server_->bind_to_port(options_.host, options_.port)) {
    return Fail(ErrorCode::kIo, "cannot listen on " + options_.host + ":" +
                                    std::to_string(options_.port) +
                                    " (in use, or not an address of this machine)");
  }
  return options_.port;
}

Result<void> Server::Run() {
  if (!server_->listen_after_bind())
    return Fail(ErrorCode::kIo, "the server stopped with an error");
  return {};
}

void Server::Stop() { server_->stop(); }

}  // namespace sokuo::http
