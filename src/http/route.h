// What a route is: a method, the OpenAPI path (or a web path outside /api/), the permission it
// needs, the query parameters it accepts, and a handler. A handler decodes the request, calls one
// app/ function and encodes the result: JSON for the API (`handle`), or a Reply that is not JSON
// (`serve`: a web page, a static file with caching headers, a streamed download). Routes know
// nothing of the HTTP library; the engine (server.cpp) does the rest.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "base/error.h"
#include "base/message.h"

namespace sokuo::http {

using Json = nlohmann::json;

struct Request {
  std::string method;
  std::map<std::string, std::string> path;  // {id} → value
  std::multimap<std::string, std::string> query;
  std::string body;
  std::string body_file;  // a raw body spooled to disk (Route::raw_body): read it from there
  std::string content_type;
  std::string remote_address;
  std::string session_token;  // from the session cookie, when the caller has one
  std::string if_none_match;  // for conditional GETs of cached files
  bool head_only = false;     // a HEAD request: answered as GET, without the body
  bool accepts_gzip = false;  // Accept-Encoding allows gzip: large text answers are compressed
  std::string last_event_id;  // where a reconnecting event stream left off
  Lang lang = Lang::kJa;      // from Accept-Language: the language of messages
  app::Actor actor;           // who is calling, once authenticated (anonymous: no person)
  // Headers the handler wants on a successful response (Set-Cookie on login).
  mutable std::vector<std::pair<std::string, std::string>> response_headers;
  // Set by a handler whose answer carries a secret (a session's tokens, an API token, a one-time
  // password): it is never compressed (BREACH, docs/security.md).
  mutable bool secret = false;
};

// A response that is not JSON.
struct Reply {
  std::string content_type;
  std::string body;  // the whole body, unless `read` streams it
  // A strong validator (quoted); a GET whose If-None-Match carries it is answered 304.
  std::string etag;
  std::string cache_control = "no-store";
  std::string download_name;  // when set: Content-Disposition: attachment
  // A streamed body of `length` bytes: `read(offset, max)` returns the next piece (at most
  // `max` bytes, never empty before the end). The engine sends the pieces as they come, so a
  // large file is never held in memory whole.
  uint64_t length = 0;
  std::function<Result<std::string>(uint64_t offset, size_t max)> read;
  // Server-sent events: the response stays open and the engine calls `events(cursor)` about
  // once a second, sending whatever text it returns (nothing when it is empty), until the
  // client leaves or the server stops. `cursor` starts as `event_cursor`; `events` advances it.
  std::function<Result<std::string>(std::string& cursor)> events;
  std::string event_cursor;
};

using JsonHandler = std::function<Result<Json>(app::App&, const Request&)>;
// Asked once the request is admitted and before its body is read: a refusal here answers at once
// and nothing of the body is read or spooled.
using AdmitCheck = std::function<Result<void>(app::App&, const Request&)>;
using ReplyHandler = std::function<Result<Reply>(app::App&, const Request&)>;

struct Route {
  std::string method;              // GET, POST, ...
  std::string path;                // as in the OpenAPI document: /api/v1/systems/{id}
  app::Permission permission;      // checked before the handler runs, for every request
  std::vector<std::string> query;  // allowed query parameters; others are refused
  JsonHandler handle;              // an API route answers JSON ...
  int status = 200;                // on success
  bool raw_body = false;           // the body is a file, not JSON (up to max_upload_bytes)
  bool ingest = false;             // API tokens of scope "ingest" may call it
  ReplyHandler serve = nullptr;    // ... or, instead of `handle`, a Reply
  // A JSON GET whose answer depends only on the journal head (every change is journaled), the
  // caller, the target and the language: the dispatcher reuses it while the head is the same.
  // Not for answers that depend on the clock, or on what the journal does not record.
  bool same_per_head = false;
  AdmitCheck admit = nullptr;  // for raw_body routes: whether the caller may send the body at all
};

// `routes` with every JSON GET among them marked `same_per_head`.
std::vector<Route> SamePerHead(std::vector<Route> routes);

// The cookies of a browser session: the HttpOnly session token, and the CSRF token that the
// page echoes in X-CSRF-Token on every state-changing request.
inline constexpr const char* kSessionCookie = "sokuo_session";
inline constexpr const char* kCsrfCookie = "sokuo_csrf";

// What routes need to know of the server they run in.
struct RouteOptions {
  std::string version = "dev";
  bool secure = false;  // served over TLS: cookies are marked Secure
};

// Every route the server serves: one line per area in routes.cpp. The OpenAPI document must
// describe each route under /api/.
std::vector<Route> Routes(const RouteOptions& options);

// Each area's routes (<area>_routes.cpp).
std::vector<Route> MetaRoutes(const RouteOptions& options);
std::vector<Route> OrganizationRoutes(const RouteOptions& options);
std::vector<Route> IncidentRoutes(const RouteOptions& options);
std::vector<Route> EvidenceRoutes(const RouteOptions& options);
std::vector<Route> ReportRoutes(const RouteOptions& options);
std::vector<Route> DisasterRoutes(const RouteOptions& options);
std::vector<Route> AccountRoutes(const RouteOptions& options);
std::vector<Route> JournalRoutes(const RouteOptions& options);
std::vector<Route> NotificationRoutes(const RouteOptions& options);
std::vector<Route> DetectionRoutes(const RouteOptions& options);
std::vector<Route> ControlRoutes(const RouteOptions& options);
std::vector<Route> WebRoutes(const RouteOptions& options);

}  // namespace sokuo::http
