#include "http/server.h"

#include <httplib.h>

#include <charconv>
#include <chrono>

#include "api/codec.h"
#include "api/incident_codec.h"
#include "base/text.h"
#include "codec/json_reader.h"
#include "platform/log.h"

namespace sokuo::http {
namespace {

using api::Json;

constexpr const char* kJsonType = "application/json; charset=utf-8";
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
  std::vector<std::string> all = names.All();
  std::string list;
  for (const auto& n : all) list += (list.empty() ? "" : ", ") + n;
  return Fail(ErrorCode::kInvalidInput, "'" + text + "' is not one of " + list, "?" + name);
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

// The acting person of a write (see Request::person).
Result<app::Actor> ActorOf(app::App& app, const Request& req) {
  if (req.person.empty()) {
    return Fail(ErrorCode::kUnauthorized,
                "say who is acting: send the X-Sokuo-Person header with your person id");
  }
  ASSIGN_OR_RETURN(core::Organization org, app.Organization());
  if (org.FindPerson(req.person) == nullptr) {
    return Fail(ErrorCode::kUnauthorized, "no person '" + req.person + "' in the organization",
                "X-Sokuo-Person");
  }
  return app::Actor{req.person};
}

Result<Json> Body(const Request& req) {
  if (!req.content_type.empty() && req.content_type.find("application/json") == std::string::npos) {
    return Fail(ErrorCode::kUnsupportedMedia, "send application/json, not " + req.content_type);
  }
  return codec::ParseJson(req.body.empty() ? "{}" : req.body);
}

// Decodes the body with `decode`, names the actor, and runs `act`.
template <class In, class Act>
Result<Json> Write(app::App& app, const Request& req, Result<In> (*decode)(const Json&), Act act) {
  ASSIGN_OR_RETURN(Json body, Body(req));
  ASSIGN_OR_RETURN(In in, decode(body));
  ASSIGN_OR_RETURN(app::Actor actor, ActorOf(app, req));
  ASSIGN_OR_RETURN(app::IncidentView view, act(in, actor));
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
  std::vector<std::string> all = names.All();
  std::string list;
  for (const auto& n : all) list += (list.empty() ? "" : ", ") + n;
  return Fail(ErrorCode::kNotFound, "no " + name + " '" + text + "' (one of: " + list + ")");
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
  return {
      {"GET",
       "/api/v1/health",
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
       {},
       [](app::App&, const Request&) -> Result<Json> { return api::OpenApiDocument(); }},
      {"GET",
       "/api/v1/company",
       {},
       [](app::App& app, const Request&) -> Result<Json> {
         ASSIGN_OR_RETURN(core::Organization org, app.Organization());
         return api::ToJson(org.company);
       }},
      {"GET",
       "/api/v1/departments",
       {"kind", "offset", "limit"},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto kind, EnumParam(req, "kind", core::kDepartmentKinds));
         ASSIGN_OR_RETURN(auto page, PageParams(req));
         return AsPage(app.ListDepartments({.kind = kind}, page));
       }},
      {"GET",
       "/api/v1/departments/{id}",
       {},
       [](app::App& app, const Request& req) {
         return AsJson(app.GetDepartment(req.path.at("id")));
       }},
      {"GET",
       "/api/v1/people",
       {"department", "offset", "limit"},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto page, PageParams(req));
         return AsPage(app.ListPeople({.department = Text(req, "department")}, page));
       }},
      {"GET",
       "/api/v1/people/{id}",
       {},
       [](app::App& app, const Request& req) { return AsJson(app.GetPerson(req.path.at("id"))); }},
      {"GET",
       "/api/v1/contacts",
       {"kind", "offset", "limit"},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto kind, EnumParam(req, "kind", core::kContactKinds));
         ASSIGN_OR_RETURN(auto page, PageParams(req));
         return AsPage(app.ListContacts({.kind = kind}, page));
       }},
      {"GET",
       "/api/v1/contacts/{id}",
       {},
       [](app::App& app, const Request& req) { return AsJson(app.GetContact(req.path.at("id"))); }},
      {"GET",
       "/api/v1/systems",
       {"tier", "owner", "offset", "limit"},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto tier, EnumParam(req, "tier", core::kTiers));
         ASSIGN_OR_RETURN(auto page, PageParams(req));
         return AsPage(app.ListSystems({.tier = tier, .owner = Text(req, "owner")}, page));
       }},
      {"GET",
       "/api/v1/systems/{id}",
       {},
       [](app::App& app, const Request& req) { return AsJson(app.GetSystem(req.path.at("id"))); }},
      {"GET",
       "/api/v1/media",
       {},
       [](app::App& app, const Request&) -> Result<Json> {
         ASSIGN_OR_RETURN(core::Organization org, app.Organization());
         Json items = Json::array();
         for (const auto& m : org.media) items.push_back(api::ToJson(m));
         return Json{{"items", items}};
       }},
      {"GET",
       "/api/v1/journal",
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
                                                         page));
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
       {},
       [](app::App& app, const Request& req) {
         return Write(
             app, req, api::ReportFromJson,
             [&](const app::ReportInput& in, const app::Actor& a) { return app.Report(in, a); });
       },
       201},
      {"GET",
       "/api/v1/incidents/{key}",
       {},
       [](app::App& app, const Request& req) {
         return AsJson(app.GetIncident(req.path.at("key")));
       }},
      {"PATCH",
       "/api/v1/incidents/{key}",
       {},
       [](app::App& app, const Request& req) {
         return Write(app, req, api::UpdateFromJson,
                      [&](const app::UpdateInput& in, const app::Actor& a) {
                        return app.Update(req.path.at("key"), in, a);
                      });
       }},
      {"POST",
       "/api/v1/incidents/{key}/triage",
       {},
       [](app::App& app, const Request& req) {
         return Write(app, req, api::TriageFromJson,
                      [&](const app::TriageInput& in, const app::Actor& a) {
                        return app.Triage(req.path.at("key"), in, a);
                      });
       }},
      {"PUT",
       "/api/v1/incidents/{key}/priority",
       {},
       [](app::App& app, const Request& req) {
         return Write(app, req, api::PriorityFromJson,
                      [&](const api::PriorityInput& in, const app::Actor& a) {
                        return app.OverridePriority(req.path.at("key"), in.priority, in.reason, a);
                      });
       }},
      {"POST",
       "/api/v1/incidents/{key}/convocation",
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(app::Actor actor, ActorOf(app, req));
         return AsJson(app.RequestConvocation(req.path.at("key"), actor));
       }},
      {"PUT",
       "/api/v1/incidents/{key}/convocation",
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
       {},
       [](app::App& app, const Request& req) {
         return Write(app, req, api::TaskFromJson, [&](const core::Task& in, const app::Actor& a) {
           return app.AddTask(req.path.at("key"), in, a);
         });
       },
       201},
      {"PATCH",
       "/api/v1/incidents/{key}/tasks/{id}",
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
       {},
       [](app::App& app, const Request& req) {
         return Write(app, req, api::AssessmentFromJson,
                      [&](const core::Assessment& in, const app::Actor& a) {
                        return app.Assess(req.path.at("key"), in, a);
                      });
       }},
      {"PUT",
       "/api/v1/incidents/{key}/recovery/{system}",
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
       {"name", "kind", "system"},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto kind, EnumParam(req, "kind", core::kEvidenceKinds));
         ASSIGN_OR_RETURN(app::Actor actor, ActorOf(app, req));
         return AsJson(app.AddEvidence(req.path.at("key"),
                                       {.name = Text(req, "name"),
                                        .kind = kind.value_or(core::EvidenceKind::kOther),
                                        .system = Text(req, "system"),
                                        .content = req.body},
                                       actor));
       },
       201,
       /*raw_body=*/true},
      {"POST",
       "/api/v1/incidents/{key}/transitions",
       {},
       [](app::App& app, const Request& req) {
         return Write(app, req, api::TransitionFromJson,
                      [&](const api::TransitionInput& in, const app::Actor& a) {
                        return app.Transition(req.path.at("key"), in.to, in.reason, a);
                      });
       }},
      {"GET",
       "/api/v1/incidents/{key}/timeline",
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto entries, app.Timeline(req.path.at("key")));
         return Json{{"items", EntriesJson(entries)}};
       }},
      {"GET",
       "/api/v1/incidents/{key}/notifications",
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto messages, app.Notifications(req.path.at("key")));
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
      {"GET",
       "/api/v1/journal/head",
       {},
       [](app::App& app, const Request&) { return AsJson(app.JournalHead()); }},
      {"GET",
       "/api/v1/journal/verify",
       {},
       [](app::App& app, const Request&) { return AsJson(app.VerifyJournal()); }},
  };
}

Server::Server(app::App& app, ServerOptions options)
    : app_(app), options_(std::move(options)), server_(std::make_unique<httplib::Server>()) {
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
      r.person = req.get_header_value("X-Sokuo-Person");
      Result<Json> result = route.handle(app_, r);
      if (!result) {
        SendProblem(res, result.error(), req.path);
        return;
      }
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

Result<int> Server::Bind() {
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
