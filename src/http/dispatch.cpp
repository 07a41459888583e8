#include "http/dispatch.h"

#include <algorithm>
#include <set>

#include "api/codec.h"
#include "base/sha256.h"
#include "base/text.h"
#include "http/encoding.h"
#include "platform/log.h"

namespace sokuo::http {
namespace {

constexpr const char* kJsonType = "application/json; charset=utf-8";
constexpr const char* kProblemType = "application/problem+json; charset=utf-8";
constexpr const char* kHtmlType = "text/html; charset=utf-8";

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

std::vector<std::string> Segments(const std::string& path) {
  std::vector<std::string> out;
  size_t pos = 1;  // after the leading '/'
  while (pos <= path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string::npos) end = path.size();
    out.push_back(path.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

bool IsApi(const std::string& path) { return path.rfind("/api/", 0) == 0; }

// Japanese unless the client prefers English (DESIGN: Japanese first).
Lang LangOf(const Incoming& in) {
  return LangFromAcceptLanguage(in.Header("accept-language"), Lang::kJa);
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

// zlib's levels: an answer compressed once and sent many times (kept answers, files) is packed
// tighter than one compressed for a single request.
constexpr int kKeptLevel = 6;
constexpr int kOnceLevel = 1;

const std::string* FindHeader(const Outgoing& out, std::string_view name) {
  for (const auto& [n, value] : out.headers) {
    if (n == name) return &value;
  }
  return nullptr;
}

// Whether `out`'s whole body may be sent compressed (a stream or a 304 never is, nor an answer
// that sets cookies, whose body may carry the session's CSRF token: a second line behind
// Request::secret).
bool MayCompress(const Outgoing& out) {
  if (out.read || out.events || out.status == 304 || FindHeader(out, "Set-Cookie")) return false;
  const std::string* type = FindHeader(out, "Content-Type");
  return type != nullptr && Compressible(*type, out.Body().size());
}

// `out` as a body that may be compressed: Vary for caches, and when `gzip` is given (the client
// accepts it), that body instead, with its own validator.
void SendAs(Outgoing& out, std::shared_ptr<const std::string> gzip) {
  out.headers.emplace_back("Vary", "Accept-Encoding");
  if (!gzip) return;
  out.shared_body = std::move(gzip);
  out.body.clear();
  out.headers.emplace_back("Content-Encoding", "gzip");
  for (auto& [name, value] : out.headers) {
    if (name == "ETag") value = GzipEtag(value);
  }
}

// An answer made for this request alone, compressed when worth it and accepted.
void EncodeOnce(Outgoing& out, bool accepts_gzip) {
  if (!MayCompress(out)) return;
  std::shared_ptr<const std::string> gzip;
  if (accepts_gzip) {
    if (std::optional<std::string> packed = Gzip(out.Body(), kOnceLevel)) {
      gzip = std::make_shared<const std::string>(std::move(*packed));
    }
  }
  SendAs(out, std::move(gzip));
}

Outgoing FromReply(Reply reply, const Request& r, int status) {
  Outgoing out;
  out.headers.emplace_back("Cache-Control", reply.cache_control);
  if (!reply.etag.empty()) {
    // Either form's validator is current, the gzip one only for a body that may be compressed
    // (a route that looks at If-None-Match itself, as evidence downloads do, sees the plain
    // one); a 304 carries the validator of the form a 200 would have.
    bool compressible =
        !reply.read && !reply.events && Compressible(reply.content_type, reply.body.size());
    if (r.method == "GET" &&
        (IfNoneMatchNames(r.if_none_match, reply.etag) ||
         (compressible && IfNoneMatchNames(r.if_none_match, GzipEtag(reply.etag))))) {
      bool packed = r.accepts_gzip && compressible;
      out.headers.emplace_back("ETag", packed ? GzipEtag(reply.etag) : reply.etag);
      // As the 200 would: a cache keeps either form apart.
      if (compressible) out.headers.emplace_back("Vary", "Accept-Encoding");
      out.status = 304;
      return out;
    }
    out.headers.emplace_back("ETag", reply.etag);
  }
  if (!reply.download_name.empty()) {
    out.headers.emplace_back("Content-Disposition", ContentDisposition(reply.download_name));
  }
  out.headers.emplace_back("Content-Type", reply.content_type);
  out.status = status;
  if (reply.events) {
    out.events = std::move(reply.events);
    out.cursor = std::move(reply.event_cursor);
  } else if (reply.read) {
    out.length = reply.length;
    out.read = std::move(reply.read);
  } else {
    out.body = std::move(reply.body);
  }
  return out;
}

Outgoing NotFoundPage() {
  Outgoing out;
  out.status = 404;
  out.headers = {{"Cache-Control", "no-store"}, {"Content-Type", kHtmlType}};
  out.body =
      "<!doctype html><html lang=\"ja\"><meta charset=\"utf-8\"><title>404 — sokuo</title>"
      "<p>ページが見つかりません。 / Page not found.</p><p><a href=\"/\">sokuo</a></p></html>";
  return out;
}

}  // namespace

std::string Incoming::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? "" : it->second;
}

Dispatcher::Dispatcher(app::App& app, DispatchOptions options)
    : app_(app), options_(std::move(options)) {
  for (Route& route : Routes(options_.routes)) {
    std::vector<std::string> segments = Segments(route.path);
    routes_.push_back({std::move(route), std::move(segments)});
  }
}

const std::vector<std::pair<std::string, std::string>>& Dispatcher::CommonHeaders() {
  // The pages load nothing but their own files and are never framed (clickjacking).
  static const std::vector<std::pair<std::string, std::string>> kHeaders = {
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
      {"Content-Security-Policy",
       "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"}};
  return kHeaders;
}

const Dispatcher::CompiledRoute* Dispatcher::Find(
    const std::string& method, const std::string& path,
    std::map<std::string, std::string>& params) const {
  std::vector<std::string> segments = Segments(path);
  for (const CompiledRoute& c : routes_) {
    if (c.route.method != method || c.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> found;
    bool match = true;
    for (size_t i = 0; i < segments.size() && match; ++i) {
      const std::string& want = c.segments[i];
      if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
        if (segments[i].empty()) match = false;
        found[want.substr(1, want.size() - 2)] = segments[i];
      } else {
        match = want == segments[i];
      }
    }
    if (match) {
      params = std::move(found);
      return &c;
    }
  }
  return nullptr;
}

std::string Dispatcher::Allowed(const std::string& path) const {
  std::set<std::string> methods;
  std::map<std::string, std::string> params;
  for (const CompiledRoute& c : routes_) {
    if (Find(c.route.method, path, params) != nullptr) methods.insert(c.route.method);
  }
  if (methods.count("GET") != 0) methods.insert("HEAD");
  std::string allowed;
  for (const std::string& m : methods) allowed += (allowed.empty() ? "" : ", ") + m;
  return allowed;
}

Outgoing Dispatcher::Problem(const Error& error, const Incoming& in, int status) const {
  Result<Target> target = ParseTarget(in.target);
  std::string path = target ? target->path : in.target.substr(0, in.target.find('?'));
  return Problem(error, path, LangOf(in), status);
}

Outgoing Dispatcher::Problem(const Error& error, const std::string& path, Lang lang,
                             int status) const {
  Outgoing out;
  out.status = status != 0 ? status : Info(error.code).http_status;
  // A 5xx error's own text (SQLite's, a path) goes to the log; the client gets
  // api::ForClient's. 503 (a busy or failing database, a throttled address) says when to retry.
  // A refusal that protects the server (auth.busy, a throttled address) is a warning: a flood of
  // them must not read as a flood of failures.
  if (out.status >= 500) {
    bool refusal = error.msg.code.rfind("auth.", 0) == 0;
    platform::Log(refusal ? platform::LogLevel::kWarn : platform::LogLevel::kError, "http.problem",
                  {{"path", path}, {"code", error.msg.code}, {"error", error.message}});
  }
  Json problem = api::ProblemJson(api::ForClient(error), path, lang);
  problem["status"] = out.status;
  out.headers = {{"Cache-Control", "no-store"},
                 {"Content-Language", lang == Lang::kJa ? "ja" : "en"},
                 {"Content-Type", kProblemType}};
  if (out.status == 503) out.headers.emplace_back("Retry-After", "2");
  out.body = problem.dump(-1, ' ', false, Json::error_handler_t::replace);
  return out;
}

std::variant<Dispatcher::Admitted, Outgoing> Dispatcher::Admit(const Incoming& in) {
  Result<Target> target = ParseTarget(in.target);
  if (!target) return Problem(target.error(), in);
  Admitted a;
  a.path = target->path;
  // HEAD is answered as GET is, without the body (the engine leaves it out).
  const std::string& method = in.method == "HEAD" ? std::string("GET") : in.method;
  const CompiledRoute* found = Find(method, target->path, a.request.path);
  if (found == nullptr) {
    if (std::string allowed = Allowed(target->path); !allowed.empty()) {
      Outgoing out =
          Problem(Fail(ErrorCode::kInvalidInput,
                       Msg("http.method_not_allowed",
                           {{"path", target->path}, {"method", in.method}, {"allowed", allowed}}))
                      .value(),
                  in, 405);
      out.headers.emplace_back("Allow", allowed);
      return out;
    }
    if (!IsApi(target->path) && method == "GET") return NotFoundPage();
    return Problem(
        Fail(ErrorCode::kNotFound, Msg("http.no_such_resource", {{"path", target->path}})).value(),
        in);
  }
  const Route& route = found->route;
  a.route = &route;
  Request& r = a.request;
  r.method = route.method;
  for (auto& [key, value] : target->query) {
    if (std::find(route.query.begin(), route.query.end(), key) == route.query.end()) {
      return Problem(
          Fail(ErrorCode::kInvalidInput,
               Msg("query.unknown",
                   {{"name", key}, {"suggestion", Suggest(key, route.query).value_or("")}}),
               "?" + key)
              .value(),
          in);
    }
    r.query.emplace(key, value);
  }
  r.content_type = in.Header("content-type");
  r.remote_address = in.remote_address;
  r.session_token = CookieValue(in.Header("cookie"), kSessionCookie);
  r.if_none_match = in.Header("if-none-match");
  r.head_only = in.method == "HEAD";
  r.last_event_id = in.Header("last-event-id");
  r.lang = LangOf(in);
  r.accepts_gzip = AcceptsGzip(in.Header("accept-encoding"));
  if (auto denied = Authenticate(route, in, r); !denied) return Problem(denied.error(), in);
  if (std::string authorization = in.Header("authorization");
      authorization.rfind("Bearer ", 0) == 0) {
    a.bearer = authorization.substr(7);
  }
  // Refused before the body is read: an upload the caller may not make is never spooled.
  if (route.admit) {
    if (auto refused = route.admit(app_, r); !refused) return Problem(refused.error(), in);
  }
  a.body_limit = route.raw_body ? options_.max_upload_bytes : options_.max_body_bytes;
  return a;
}

namespace {

// Who asks for what, in which language: each part with its length, so that no two requests that
// may be answered differently make the same key.
template <class Query>
std::string AnswerKey(const core::Principal& who, Lang lang, const std::string& path,
                      const Query& query) {
  std::string key;
  auto add = [&key](const std::string& part) { key += std::to_string(part.size()) + ":" + part; };
  add(who.person);
  add(who.is_operator ? "operator" : "");
  add(lang == Lang::kJa ? "ja" : "en");
  add(path);
  for (const auto& [name, value] : query) {
    add(name);
    add(value);
  }
  return key;
}

}  // namespace

std::optional<Outgoing> Dispatcher::KeptAnswer(const std::string& key, const std::string& head,
                                               int status, bool accepts_gzip) {
  std::lock_guard lock(answers_mu_);
  auto it = answers_.find(key);
  if (it == answers_.end() || answers_head_ != head) return std::nullopt;
  const Answer& kept = it->second;
  Outgoing out{.status = status, .headers = kept.headers, .shared_body = kept.body};
  if (!MayCompress(out)) {
    out.head = kept.head;
    return out;
  }
  if (accepts_gzip && !kept.gzip) return std::nullopt;
  SendAs(out, accepts_gzip ? kept.gzip : nullptr);
  out.head = accepts_gzip ? kept.gzip_head : kept.head;
  return out;
}

std::shared_ptr<const std::string> Dispatcher::PackedFile(const std::string& etag,
                                                          const std::string& body) {
  {
    std::lock_guard lock(files_mu_);
    if (auto it = packed_files_.find(etag); it != packed_files_.end()) return it->second;
  }
  // Compressed without the lock (other files are sent meanwhile); two first requests for the
  // same file may both compress it, and the first kept is used from then on.
  std::optional<std::string> packed = Gzip(body, kKeptLevel);
  if (!packed) return nullptr;
  auto shared = std::make_shared<const std::string>(std::move(*packed));
  std::lock_guard lock(files_mu_);
  constexpr size_t kMaxFiles = 256;  // the embedded interface has a few dozen
  if (packed_files_.size() >= kMaxFiles) packed_files_.clear();
  return packed_files_.try_emplace(etag, std::move(shared)).first->second;
}

std::optional<Outgoing> Dispatcher::Kept(const Incoming& in) {
  if (in.method != "GET" && in.method != "HEAD") return std::nullopt;
  // A session's check may write (its activity, an ended session): only API tokens come here.
  std::string authorization = in.Header("authorization");
  if (authorization.rfind("Bearer ", 0) != 0) return std::nullopt;
  std::optional<store::JournalHead> head = app_.journal().KnownHead();
  if (!head) return std::nullopt;
  {
    std::lock_guard lock(answers_mu_);
    if (answers_head_ != head->hash || answers_.empty()) return std::nullopt;
  }
  Result<Target> target = ParseTarget(in.target);
  if (!target) return std::nullopt;
  std::map<std::string, std::string> params;
  const CompiledRoute* found = Find("GET", target->path, params);
  if (found == nullptr || !found->route.same_per_head) return std::nullopt;
  const Route& route = found->route;
  for (const auto& [name, value] : target->query) {
    if (std::find(route.query.begin(), route.query.end(), name) == route.query.end()) {
      return std::nullopt;
    }
  }
  std::optional<app::Caller> caller =
      app_.accounts().KnownTokenCaller(authorization.substr(7), head->hash);
  // A refusal is Admit's to word; here only what would be allowed is answered.
  if (!caller || !app::AuthorizeCaller(*caller, route.permission,
                                       route.ingest ? app::Effect::kIngests : app::Effect::kReads,
                                       route.method + " " + route.path)) {
    return std::nullopt;
  }
  return KeptAnswer(AnswerKey(caller->principal, LangOf(in), target->path, target->query),
                    head->hash, route.status, AcceptsGzip(in.Header("accept-encoding")));
}

Outgoing Dispatcher::Run(Admitted& a, std::string body, std::string body_file) {
  const Route& route = *a.route;
  Request& r = a.request;
  r.body = std::move(body);
  r.body_file = std::move(body_file);
  if (route.serve) {
    Result<Reply> reply = route.serve(app_, r);
    if (!reply) return Problem(reply.error(), a.path, r.lang);
    if (r.secret) r.accepts_gzip = false;  // BREACH (route.h)
    Outgoing out = FromReply(std::move(*reply), r, route.status);
    for (auto& header : r.response_headers) out.headers.push_back(std::move(header));
    if (out.events) {
      out.events = StillAuthenticated(std::move(out.events), a);
    } else if (const std::string* etag = FindHeader(out, "ETag"); etag && MayCompress(out)) {
      // A file (its validator names its bytes): compressed once, sent compressed from then on.
      SendAs(out, r.accepts_gzip ? PackedFile(*etag, out.Body()) : nullptr);
    } else {
      EncodeOnce(out, r.accepts_gzip);
    }
    return out;
  }
  // A route whose answer is the same while the journal head is: the answer made for the same
  // caller, target and language at this head, when there is one.
  std::string key, head;
  int64_t head_seq = 0;
  Outgoing out;
  out.status = route.status;
  if (route.same_per_head) {
    if (auto h = app_.journal().Head()) {
      head = h->hash;
      head_seq = h->seq;
    }
    key = AnswerKey(r.actor.principal, r.lang, a.path, r.query);
    if (std::optional<Outgoing> kept = KeptAnswer(key, head, route.status, r.accepts_gzip)) {
      return *kept;
    }
    // Kept, but not yet in the gzip form this client wants: that form is made below.
    std::lock_guard lock(answers_mu_);
    if (auto it = answers_.find(key); it != answers_.end() && answers_head_ == head) {
      out.headers = it->second.headers;
      out.shared_body = it->second.body;
    }
  }
  if (!out.shared_body) {
    Result<Json> result = route.handle(app_, r);
    if (!result) return Problem(result.error(), a.path, r.lang);
    if (r.secret) {  // BREACH (route.h): never compressed, and never kept for another request
      r.accepts_gzip = false;
      head.clear();
    }
    for (auto& header : r.response_headers) out.headers.push_back(std::move(header));
    out.headers.emplace_back("Cache-Control", "no-store");
    out.headers.emplace_back("Content-Type", kJsonType);
    out.body = result->dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  if (head.empty()) {
    EncodeOnce(out, r.accepts_gzip);
    return out;
  }
  if (!out.shared_body) {
    out.shared_body = std::make_shared<const std::string>(std::move(out.body));
    out.body.clear();
  }
  bool compressible = MayCompress(out);
  std::shared_ptr<const std::string> gzip;
  if (compressible && r.accepts_gzip) {
    if (std::optional<std::string> packed = Gzip(*out.shared_body, kKeptLevel)) {
      gzip = std::make_shared<const std::string>(std::move(*packed));
    }
  }
  // The heads of both forms, as KeptAnswer will send them.
  std::shared_ptr<const std::string> plain_head, gzip_head;
  if (options_.render_head) {
    Outgoing plain{.status = out.status, .headers = out.headers, .shared_body = out.shared_body};
    if (compressible) SendAs(plain, nullptr);
    plain_head = std::make_shared<const std::string>(options_.render_head(plain));
    if (gzip) {
      Outgoing packed{.status = out.status, .headers = out.headers, .shared_body = out.shared_body};
      SendAs(packed, gzip);
      gzip_head = std::make_shared<const std::string>(options_.render_head(packed));
    }
  }
  {
    std::lock_guard lock(answers_mu_);
    // Bounded: a newer head starts afresh, and so does a full table. An answer made at an older
    // head than the kept ones (a write committed while it was made) is sent but not kept: it
    // would drop the answers kept at the newer head.
    constexpr size_t kMaxAnswers = 1024;
    if (head_seq >= answers_seq_) {
      if (answers_head_ != head || answers_.size() >= kMaxAnswers) {
        answers_.clear();
        answers_head_ = head;
        answers_seq_ = head_seq;
      }
      answers_[key] = {out.headers, out.shared_body, gzip, plain_head, gzip_head};
    }
  }
  if (compressible) SendAs(out, gzip);
  out.head = gzip ? gzip_head : plain_head;
  return out;
}

// A stream outlives its request: the caller's token or session is checked again before every
// poll, so that a logout, a lock or a revoked token ends it. The checks are not the person's
// activity: an open page does not keep its session from idling out.
std::function<Result<std::string>(std::string&)> Dispatcher::StillAuthenticated(
    std::function<Result<std::string>(std::string&)> events, const Admitted& a) {
  return [this, events = std::move(events), bearer = a.bearer,
          session = a.request.session_token](std::string& cursor) -> Result<std::string> {
    Result<app::Caller> still = bearer.empty() ? app_.accounts().AuthenticateSession(session, false)
                                               : app_.accounts().AuthenticateToken(bearer);
    if (!still) return Fail(std::move(still).error());
    return events(cursor);
  };
}

// Authentication, then the route's permission: a token or the session cookie names the caller;
// a cookie needs the CSRF header on state-changing requests; app/ decides the rest.
Result<void> Dispatcher::Authenticate(const Route& route, const Incoming& in, Request& r) {
  std::string authorization = in.Header("authorization");
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
    std::string csrf = in.Header("x-csrf-token");
    if (csrf.empty() || Sha256Hex(csrf) != caller->csrf_hash) {
      return Fail(ErrorCode::kForbidden, Msg("auth.csrf"));
    }
  }
  app::Effect effect = route.ingest ? app::Effect::kIngests
                       : writes     ? app::Effect::kWrites
                                    : app::Effect::kReads;
  return app::AuthorizeCaller(*caller, route.permission, effect, route.method + " " + route.path);
}

}  // namespace sokuo::http
