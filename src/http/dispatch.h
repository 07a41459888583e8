// What the server does with a request, apart from the network: find the route, refuse unknown
// query parameters, authenticate the caller and check the route's permission (all before the
// body is read), run the handler, and turn its result or error into a response. The engine
// (server.cpp) owns sockets, deadlines and limits; this part owns meaning, and knows no
// networking library.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "app/app.h"
#include "http/route.h"
#include "http/target.h"

namespace sokuo::http {

// A request whose head has been read.
struct Incoming {
  std::string method;
  std::string target;                          // as on the request line
  std::map<std::string, std::string> headers;  // names in lower case
  std::string remote_address;

  std::string Header(const std::string& lower_name) const;
};

// A response, whole or streamed.
struct Outgoing {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // A kept answer's body, shared with the dispatcher's table and sent without a copy (instead of
  // `body`).
  std::shared_ptr<const std::string> shared_body;
  const std::string& Body() const { return shared_body ? *shared_body : body; }
  // A kept answer's status line and header fields, Content-Length and the blank line included,
  // made once by the engine when the answer was kept (DispatchOptions::render_head): what it
  // writes before `shared_body` on a kept-alive HTTP/1.1 connection without serializing
  // `headers` again.
  std::shared_ptr<const std::string> head;
  // A streamed body of `length` bytes when `read` is set (see Reply::read).
  uint64_t length = 0;
  std::function<Result<std::string>(uint64_t offset, size_t max)> read;
  // An event stream when set (see Reply::events).
  std::function<Result<std::string>(std::string& cursor)> events;
  std::string cursor;
};

struct DispatchOptions {
  size_t max_body_bytes = size_t{1024} * 1024;         // JSON bodies
  size_t max_upload_bytes = size_t{64} * 1024 * 1024;  // evidence files
  RouteOptions routes;
  // The engine's Outgoing::head for an answer; kept answers carry none when it is not set.
  std::function<std::string(const Outgoing&)> render_head;
};

class Dispatcher {
 public:
  Dispatcher(app::App& app, DispatchOptions options);

  // A request admitted after its head: its route and its decoded, authenticated form.
  struct Admitted {
    const Route* route = nullptr;
    Request request;
    std::string path;
    size_t body_limit = 0;  // the most its body may hold
    std::string bearer;     // the API token it came with, if any
  };
  // Either the request may go on (its body may now be read) or here is its answer.
  std::variant<Admitted, Outgoing> Admit(const Incoming& in);
  // Runs the admitted request's handler with its body, or with the file it was spooled to.
  Outgoing Run(Admitted& admitted, std::string body, std::string body_file = "");
  // The answer Run would give a bodiless GET or HEAD, when it is already made and everything
  // it depends on is known without waiting (an API token checked at the current journal head,
  // the head itself); nullopt otherwise, and the request goes the way of Admit and Run. For the
  // network thread, which must never block: a kept answer costs no turn on a handler pool.
  std::optional<Outgoing> Kept(const Incoming& in);

  // An error as problem+json (on /api/ paths) or a page; `status` overrides the error code's
  // (for statuses the engine chose: 408, 413, 414, 431).
  Outgoing Problem(const Error& error, const Incoming& in, int status = 0) const;
  // The headers every response carries.
  static const std::vector<std::pair<std::string, std::string>>& CommonHeaders();

 private:
  struct CompiledRoute {
    Route route;
    std::vector<std::string> segments;  // "{name}" matches any one segment
  };
  Outgoing Problem(const Error& error, const std::string& path, Lang lang, int status = 0) const;
  const CompiledRoute* Find(const std::string& method, const std::string& path,
                            std::map<std::string, std::string>& params) const;
  std::function<Result<std::string>(std::string&)> StillAuthenticated(
      std::function<Result<std::string>(std::string&)> events, const Admitted& a);
  // The methods `path` accepts ("GET, HEAD, PATCH"), or "" when no route has it.
  std::string Allowed(const std::string& path) const;
  Result<void> Authenticate(const Route& route, const Incoming& in, Request& r);
  // The kept answer for `key` made at `head`, in the form the client accepts; nullopt when there
  // is none, or when its gzip form is wanted and not made yet (Run makes it, on a pool thread).
  std::optional<Outgoing> KeptAnswer(const std::string& key, const std::string& head, int status,
                                     bool accepts_gzip);
  // The gzip form of the file whose validator is `etag`, made once; null if zlib fails.
  std::shared_ptr<const std::string> PackedFile(const std::string& etag, const std::string& body);

  app::App& app_;
  DispatchOptions options_;
  std::vector<CompiledRoute> routes_;

  // Answers of `same_per_head` routes, by caller, target and language, made at `answers_head_`.
  struct Answer {
    std::vector<std::pair<std::string, std::string>> headers;
    std::shared_ptr<const std::string> body;
    std::shared_ptr<const std::string> gzip;             // once a client that accepts it asked
    std::shared_ptr<const std::string> head, gzip_head;  // Outgoing::head of each form
  };
  std::mutex answers_mu_;
  std::string answers_head_;                         // guarded by answers_mu_
  int64_t answers_seq_ = 0;                          // answers_head_'s seq, guarded by answers_mu_
  std::unordered_map<std::string, Answer> answers_;  // guarded by answers_mu_
  std::mutex files_mu_;
  std::unordered_map<std::string, std::shared_ptr<const std::string>> packed_files_;  // by ETag
};

}  // namespace sokuo::http
