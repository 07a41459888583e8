// The HTTP adapter: a route table (method, OpenAPI path, allowed query parameters, handler) over
// cpp-httplib. Handlers decode the request, call one app/ function and encode the result; every
// error leaves as application/problem+json with the status from the error table.
//
// Thread-safety: httplib runs handlers on its pool; handlers share only the App, which is
// thread-safe. Start with Bind() then Run() (blocking); Stop() may be called from any thread.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "base/error.h"

namespace httplib {
class Server;
struct Request;
}  // namespace httplib

namespace sokuo::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;      // 0: any free port (Bind() tells which)
  size_t threads = 32;  // one per concurrent keep-alive connection (stack.md §3)
  size_t max_body_bytes = size_t{1024} * 1024;         // JSON bodies
  size_t max_upload_bytes = size_t{64} * 1024 * 1024;  // evidence files
  std::string version = "dev";
  // TLS: both or neither. Without TLS, cookies are not marked Secure.
  std::string tls_cert;
  std::string tls_key;
};

struct Request {
  std::map<std::string, std::string> path;  // {id} → value
  std::multimap<std::string, std::string> query;
  std::string body;
  std::string content_type;
  std::string remote_address;
  std::string session_token;  // from the session cookie, when the caller has one
  app::Actor actor;           // who is calling, once authenticated (anonymous: no person)
  // Headers the handler wants on a successful response (Set-Cookie on login).
  mutable std::vector<std::pair<std::string, std::string>> response_headers;
};

struct Route {
  std::string method;              // GET, POST, ...
  std::string path;                // as in the OpenAPI document: /api/v1/systems/{id}
  app::Permission permission;      // checked before the handler runs, for every request
  std::vector<std::string> query;  // allowed query parameters; others are refused
  std::function<Result<nlohmann::json>(app::App&, const Request&)> handle;
  int status = 200;       // on success
  bool raw_body = false;  // the body is a file, not JSON (up to max_upload_bytes)
  bool ingest = false;    // API tokens of scope "ingest" may call it
};

// Every route the server serves; the OpenAPI document must describe each one.
// Authentication: an API token (Authorization: Bearer sokuo_…) or the session cookie; a
// state-changing request made with the cookie must carry X-CSRF-Token.
std::vector<Route> Routes(const ServerOptions& options);

class Server {
 public:
  Server(app::App& app, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket; returns the port (useful with port 0).
  [[nodiscard]] Result<int> Bind();
  // Serves until Stop(); returns an error when listening fails.
  [[nodiscard]] Result<void> Run();
  void Stop();

 private:
  Result<void> Admit(const Route& route, const httplib::Request& req, Request& r);

  app::App& app_;
  ServerOptions options_;
  std::unique_ptr<httplib::Server> server_;
};

}  // namespace sokuo::http
