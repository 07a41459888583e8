#include "http/server.h"

#include <httplib.h>

#include <algorithm>

#include "api/codec.h"
#include "base/sha256.h"
#include "base/text.h"
#include "platform/log.h"

namespace sokuo::http {
namespace {

constexpr const char* kJsonType = "application/json; charset=utf-8";
constexpr const char* kProblemType = "application/problem+json; charset=utf-8";
constexpr const char* kHtmlType = "text/html; charset=utf-8";
constexpr size_t kStreamPiece = size_t{64} * 1024;

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

bool IsApi(const std::string& path) { return path.rfind("/api/", 0) == 0; }

// Japanese unless the client prefers English (DESIGN: Japanese first).
Lang LangOf(const httplib::Request& req) {
  return LangFromAcceptLanguage(req.get_header_value("Accept-Language"), Lang::kJa);
}

// `status` overrides the error code's own, for statuses the HTTP library chose (414, 431).
// A 5xx error's own text (SQLite's, a path) goes to the log; the client gets api::ForClient's.
// 503 (a busy or failing database, a throttled address) says when to try again.
void SendProblem(httplib::Response& res, const Error& error, const httplib::Request& req,
                 int status = 0) {
  Lang lang = LangOf(req);
  res.status = status != 0 ? status : Info(error.code).http_status;
  if (res.status >= 500) {
    platform::Log(platform::LogLevel::kError, "http.problem",
                  {{"path", req.path}, {"code", error.msg.code}, {"error", error.message}});
  }
  if (res.status == 503) res.set_header("Retry-After", "2");
  Json problem = api::ProblemJson(api::ForClient(error), req.path, lang);
  problem["status"] = res.status;
  res.set_header("Cache-Control", "no-store");
  res.set_header("Content-Language", lang == Lang::kJa ? "ja" : "en");
  res.set_content(problem.dump(-1, ' ', false, Json::error_handler_t::replace), kProblemType);
}

// RFC 6266: the name as UTF-8, percent-encoded, so that Japanese file names survive.
std::string ContentDisposition(const std::string& name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : name) {
    bool plain = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                 c == '.' || c == '-' || c == '_';
    if (plain) {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return "attachment; filename*=UTF-8''" + encoded;
}

void SendReply(Reply reply, const Request& r, httplib::Response& res, int status) {
  res.set_header("Cache-Control", reply.cache_control);
  if (!reply.etag.empty()) {
    res.set_header("ETag", reply.etag);
    if (r.method == "GET" && r.if_none_match == reply.etag) {
      res.status = 304;
      return;
    }
  }
  if (!reply.download_name.empty()) {
    res.set_header("Content-Disposition", ContentDisposition(reply.download_name));
  }
  res.status = status;
  if (!reply.read) {
    res.set_content(std::move(reply.body), reply.content_type);
    return;
  }
  auto read = std::move(reply.read);
  res.set_content_provider(
      reply.length, reply.content_type,
      [read](size_t offset, size_t length, httplib::DataSink& sink) {
        Result<std::string> piece = read(offset, std::min(length, kStreamPiece));
        if (!piece || piece->empty()) {
          platform::Log(platform::LogLevel::kError, "http.stream",
                        {{"error", piece ? "ended early" : piece.error().ToString()}});
          return false;  // closes the connection: the client sees a short body
        }
        return sink.write(piece->data(), piece->size());
      });
}

}  // namespace

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
  // The pages load nothing but their own files and are never framed (clickjacking).
  svr.set_default_headers(
      {{"X-Content-Type-Options", "nosniff"},
       {"Referrer-Policy", "no-referrer"},
       {"X-Frame-Options", "DENY"},
       {"Content-Security-Policy",
        "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"}});

  RouteOptions route_options{.version = options_.version, .secure = !options_.tls_cert.empty()};
  for (Route& route : Routes(route_options)) {
    auto [pattern, names] = ToPattern(route.path);
    auto handler = [this, route, names = names](const httplib::Request& req,
                                                httplib::Response& res) {
      Handle(route, names, req, res);
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

  // Statuses set by httplib itself (no route, body too large) still answer in problem+json on
  // /api/ paths; other paths belong to the web interface and get a page.
  svr.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    int status = res.status;
    if (!IsApi(req.path) && status == 404) {
      res.set_header("Cache-Control", "no-store");
      res.set_content(
          "<!doctype html><html lang=\"ja\"><meta charset=\"utf-8\"><title>404 — sokuo</title>"
          "<p>ページが見つかりません。 / Page not found.</p><p><a href=\"/\">sokuo</a></p></html>",
          kHtmlType);
      res.status = status;
      return;
    }
    ErrorCode code = status == 404   ? ErrorCode::kNotFound
                     : status == 413 ? ErrorCode::kPayloadTooLarge
                     : status >= 500 ? ErrorCode::kInternal
                                     : ErrorCode::kInvalidInput;
    Error error{code, "", {}, {}};
    if (status == 404)
      error = Fail(code, Msg("http.no_such_resource", {{"path", req.path}})).value();
    SendProblem(res, error, req, status);
  });
  svr.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, const std::exception_ptr&) {
        SendProblem(res, Error{ErrorCode::kInternal, "", {}, {}}, req);
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

void Server::Handle(const Route& route, const std::vector<std::string>& names,
                    const httplib::Request& req, httplib::Response& res) {
  Request r;
  r.method = route.method;
  for (size_t i = 0; i < names.size() && i + 1 < req.matches.size(); ++i) {
    r.path[names[i]] = req.matches[i + 1].str();
  }
  for (const auto& [key, value] : req.params) {
    if (std::find(route.query.begin(), route.query.end(), key) == route.query.end()) {
      SendProblem(res,
                  Fail(ErrorCode::kInvalidInput,
                       Msg("query.unknown",
                           {{"name", key}, {"suggestion", Suggest(key, route.query).value_or("")}}),
                       "?" + key)
                      .value(),
                  req);
      return;
    }
    r.query.emplace(key, value);
  }
  if (!route.raw_body && req.body.size() > options_.max_body_bytes) {
    SendProblem(res,
                Fail(ErrorCode::kPayloadTooLarge,
                     Msg("http.body_too_large", {{"max", std::to_string(options_.max_body_bytes)}}))
                    .value(),
                req);
    return;
  }
  r.body = req.body;
  r.content_type = req.get_header_value("Content-Type");
  r.remote_address = req.remote_addr;
  r.session_token = CookieValue(req.get_header_value("Cookie"), kSessionCookie);
  r.if_none_match = req.get_header_value("If-None-Match");
  r.lang = LangOf(req);
  if (auto denied = Admit(route, req, r); !denied) {
    SendProblem(res, denied.error(), req);
    return;
  }
  if (route.serve) {
    Result<Reply> reply = route.serve(app_, r);
    if (!reply) {
      SendProblem(res, reply.error(), req);
      return;
    }
    for (const auto& [name, value] : r.response_headers) res.headers.emplace(name, value);
    SendReply(std::move(*reply), r, res, route.status);
    return;
  }
  Result<Json> result = route.handle(app_, r);
  if (!result) {
    SendProblem(res, result.error(), req);
    return;
  }
  for (const auto& [name, value] : r.response_headers) res.headers.emplace(name, value);
  res.status = route.status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(result->dump(-1, ' ', false, Json::error_handler_t::replace), kJsonType);
}

// Authentication, then the route's permission: a token or the session cookie names the caller;
// a cookie needs the CSRF header on state-changing requests; app/ decides the rest.
Result<void> Server::Admit(const Route& route, const httplib::Request& req, Request& r) {
  std::string authorization = req.get_header_value("Authorization");
  std::optional<app::Caller> caller;
  if (authorization.rfind("Bearer ", 0) == 0) {
    ASSIGN_OR_RETURN(caller, app_.accounts().AuthenticateToken(authorization.substr(7)));
  } else if (!authorization.empty()) {
    return Fail(ErrorCode::kUnauthorized, Msg("auth.bearer_only"));
  } else if (!r.session_token.empty()) {
    auto session = app_.accounts().AuthenticateSession(r.session_token);
    // An ended session on a public route (the login form) is no reason to refuse.
    if (!session && route.permission != app::Permission::kPublic) return Fail(session.error());
    if (session) caller = *session;
  }
  if (!caller) {
    r.actor = app::Actor{"anonymous", core::Principal{}};
    if (route.permission == app::Permission::kPublic) return {};
    return Fail(ErrorCode::kUnauthorized, Msg("auth.log_in_first"));
  }
  r.actor = app::Actor{caller->principal.person, caller->principal};
  bool writes = route.method != "GET";
  if (caller->by_session && writes) {
    std::string csrf = req.get_header_value("X-CSRF-Token");
    if (csrf.empty() || Sha256Hex(csrf) != caller->csrf_hash) {
      return Fail(ErrorCode::kForbidden, Msg("auth.csrf"));
    }
  }
  app::Effect effect = route.ingest ? app::Effect::kIngests
                       : writes     ? app::Effect::kWrites
                                    : app::Effect::kReads;
  return app::AuthorizeCaller(*caller, route.permission, effect, route.method + " " + route.path);
}

Result<int> Server::Bind() {
  if (!server_->is_valid()) {
    return Fail(ErrorCode::kInvalidInput,
                Msg("serve.bad_tls", {{"cert", options_.tls_cert}, {"key", options_.tls_key}}));
  }
  if (options_.port == 0) {
    int port = server_->bind_to_any_port(options_.host);
    if (port <= 0)
      return Fail(ErrorCode::kIo, Msg("serve.cannot_listen", {{"address", options_.host}}));
    return port;
  }
  if (!server_->bind_to_port(options_.host, options_.port)) {
    return Fail(ErrorCode::kIo,
                Msg("serve.cannot_listen_port",
                    {{"address", options_.host + ":" + std::to_string(options_.port)}}));
  }
  return options_.port;
}

Result<void> Server::Run() {
  if (!server_->listen_after_bind()) {
    return Fail(ErrorCode::kIo, Msg("serve.stopped"));
  }
  return {};
}

void Server::Stop() { server_->stop(); }

}  // namespace sokuo::http
