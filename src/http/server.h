// The HTTP engine: an event-driven server on Boost.Beast and Asio (C++20 coroutines). A few
// threads serve every connection; handlers, which may block (SQLite, password hashing), run on
// a separate pool so that a slow request never holds up the network. The engine enforces what a
// hostile client could abuse: a deadline for a request's head and for its body, limits on head
// and body sizes while reading (chunked or not), no request-body decompression, the caller
// authenticated and the route's permission checked before the body is read, a cap on
// connections per client address and on requests per connection. Meaning lives in dispatch.h.
//
// Thread-safety: Bind() then Run() (blocking); Stop() may be called from any thread and lets
// requests in flight finish.
#pragma once

#include <memory>
#include <string>

#include "app/app.h"
#include "base/error.h"
#include "http/route.h"

namespace sokuo::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;      // 0: any free port (Bind() tells which)
  size_t threads = 32;  // handler threads (requests that run at the same time)
  // Threads for GET and HEAD requests without a body, apart from the others so that reads do
  // not wait behind writes; 0: as many as the machine has cores (at least 2).
  size_t read_threads = 0;
  size_t max_body_bytes = size_t{1024} * 1024;         // JSON bodies
  size_t max_upload_bytes = size_t{64} * 1024 * 1024;  // evidence files
  // Where evidence uploads are written as they arrive (the evidence directory, so nothing is
  // copied across file systems); empty: held in memory (tests of the engine alone).
  std::string spool_dir;
  size_t max_head_bytes = size_t{16} * 1024;  // request line and headers
  int head_timeout_seconds = 10;              // to receive a request's head, and between requests
  int body_timeout_seconds = 120;  // to receive a JSON body; a file's, between its pieces
  size_t max_connections_per_address = 64;
  size_t max_requests_per_connection = 1000;
  // How often an event stream looks for news that nobody told it of (WakeEventStreams).
  int event_poll_ms = 1000;
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
  // Serves until Stop(); returns an error when serving fails.
  [[nodiscard]] Result<void> Run();
  void Stop();
  // Every open event stream looks for news now: for the store's OnChange. Any thread; returns
  // at once.
  void WakeEventStreams();

 private:
  struct Engine;
  std::unique_ptr<Engine> engine_;
};

}  // namespace sokuo::http
