// The HTTP engine: serves the route table (route.h) over cpp-httplib. It matches a request to
// its route, refuses unknown query parameters and oversized bodies, authenticates the caller,
// asks app/ whether the route's permission is granted, runs the handler and sends the result:
// JSON, or a Reply (a page, a cached file, a streamed download). Every error of an /api/ path
// leaves as application/problem+json with the status from the error table.
//
// Thread-safety: httplib runs handlers on its pool; handlers share only the App, which is
// thread-safe. Start with Bind() then Run() (blocking); Stop() may be called from any thread.
#pragma once

#include <memory>
#include <string>

#include "app/app.h"
#include "base/error.h"
#include "http/route.h"

namespace httplib {
class Server;
struct Request;
struct Response;
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
  void Handle(const Route& route, const std::vector<std::string>& names,
              const httplib::Request& req, httplib::Response& res);
  Result<void> Admit(const Route& route, const httplib::Request& req, Request& r);

  app::App& app_;
  ServerOptions options_;
  std::unique_ptr<httplib::Server> server_;
};

}  // namespace sokuo::http
