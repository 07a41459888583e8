#include "http/server.h"

// Boost 1.74's awaitable.hpp uses std::exchange without including <utility>.
#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <variant>
#include <vector>

#include "http/dispatch.h"
#include "platform/log.h"

namespace sokuo::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

constexpr size_t kStreamPiece = size_t{64} * 1024;
constexpr int kNetworkThreads = 2;
constexpr auto kDrainLimit = std::chrono::seconds(10);
constexpr auto kLinger = std::chrono::seconds(1);
constexpr auto kEventKeepAlive = std::chrono::seconds(15);
// The pause after a look during which news came, so that a burst of writes costs an event
// stream one look, not one each.
constexpr auto kEventGap = std::chrono::milliseconds(50);

auto Capture(beast::error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

// A request the parser refused for its form, as opposed to one that ended or timed out.
bool IsMalformed(const beast::error_code& ec) {
  return ec.category() == beast::error_code(bhttp::error::bad_method).category() &&
         ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
}

// A status the engine chose, with its problem.
Outgoing EngineProblem(const Dispatcher& d, const Incoming& in, ErrorCode code, Message msg,
                       int status) {
  return d.Problem(Fail(code, std::move(msg)).value(), in, status);
}

// The header fields of `out` as every answer carries them.
template <class Response>
void Fill(Response& res, const Outgoing& out, bool keep) {
  for (const auto& [name, value] : Dispatcher::CommonHeaders()) res.set(name, value);
  for (const auto& [name, value] : out.headers) res.insert(name, value);
  res.keep_alive(keep);
}

// What Send writes before `out`'s body on a kept-alive HTTP/1.1 connection, written by the same
// serializer (DispatchOptions::render_head).
std::string RenderHead(const Outgoing& out) {
  bhttp::response<bhttp::empty_body> res{static_cast<bhttp::status>(out.status), 11};
  Fill(res, out, true);
  res.content_length(out.Body().size());
  std::ostringstream text;
  text << res.base();
  return std::move(text).str();
}

}  // namespace

struct Server::Engine {
  Engine(app::App& app, ServerOptions o)
      : options(std::move(o)),
        dispatcher(app,
                   {.max_body_bytes = options.max_body_bytes,
                    .max_upload_bytes = options.max_upload_bytes,
                    .routes = {.version = options.version, .secure = !options.tls_cert.empty()},
                    .render_head = RenderHead}),
        pool(std::max<size_t>(options.threads, 1)),
        reads(options.read_threads > 0 ? options.read_threads
                                       : std::max<size_t>(std::thread::hardware_concurrency(), 2)) {
  }

  ServerOptions options;
  Dispatcher dispatcher;
  // Declared before the io_context: the coroutines it still holds when it is destroyed update
  // them as they unwind.
  std::mutex mu;
  std::map<std::string, size_t> per_address;  // open connections per client address
  std::condition_variable drained;
  int in_flight = 0;  // requests read and not yet answered; guarded by mu
  std::atomic<bool> stopping{false};
  // An event stream between two looks: Wake() ends its wait early.
  struct EventWaiter {
    explicit EventWaiter(const asio::any_io_executor& executor) : timer(executor) {}
    asio::steady_timer timer;  // used on its executor (the connection's strand) only
    std::atomic<bool> woken{false};
  };
  std::mutex waiters_mu;
  std::set<std::shared_ptr<EventWaiter>> waiters;  // guarded by waiters_mu

  // Every waiting event stream looks for news now (WakeEventStreams).
  void Wake() {
    std::lock_guard lock(waiters_mu);
    for (const auto& w : waiters) {
      // Already woken: the stream looks again before it waits, and that look sees this change.
      if (!w->woken.exchange(true)) {
        asio::post(w->timer.get_executor(), [w] { w->timer.cancel(); });
      }
    }
  }

  asio::io_context ioc{kNetworkThreads};
  asio::thread_pool pool;
  asio::thread_pool reads;  // bodiless GET and HEAD: few threads, so few wake-ups
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::ssl::context> tls;
  std::thread stopper;  // waits for requests in flight, then stops the network threads

  // Runs `f` on a handler pool (by default the one for writes) and resumes on the caller's
  // executor with its result.
  template <class F>
  asio::awaitable<std::invoke_result_t<F>> OnPool(F f, asio::thread_pool* on = nullptr) {
    using R = std::invoke_result_t<F>;
    co_return co_await asio::co_spawn(
        on != nullptr ? *on : pool,
        [f = std::move(f)]() mutable -> asio::awaitable<R> { co_return f(); }, asio::use_awaitable);
  }

  void Begin() {
    std::lock_guard lock(mu);
    ++in_flight;
  }
  void End() {
    std::lock_guard lock(mu);
    if (--in_flight == 0) drained.notify_all();
  }

  static Incoming HeadOf(const bhttp::request_parser<bhttp::empty_body>& parser,
                         const std::string& remote) {
    const auto& req = parser.get();
    Incoming in;
    in.method = std::string(req.method_string());
    in.target = std::string(req.target());
    in.remote_address = remote;
    for (const auto& field : req) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value(field.value());
      auto [it, fresh] = in.headers.emplace(name, value);
      if (!fresh) it->second += (name == "cookie" ? "; " : ", ") + value;
    }
    return in;
  }

  // Sends `out`; for a HEAD request (`head_only`) its head alone, with the length its body has.
  template <class Stream>
  asio::awaitable<bool> Send(Stream& stream, Outgoing& out, unsigned version, bool keep,
                             bool head_only = false) {
    beast::error_code ec;
    beast::get_lowest_layer(stream).expires_after(
        std::chrono::seconds(options.body_timeout_seconds));
    auto fill = [&](auto& res) { Fill(res, out, keep); };
    if (out.events && !head_only) co_return co_await SendEvents(stream, out, version);
    if (head_only) {
      bhttp::response<bhttp::empty_body> res{static_cast<bhttp::status>(out.status), version};
      fill(res);
      if (!out.events) res.content_length(out.read ? out.length : out.Body().size());
      co_await bhttp::async_write(stream, res, Capture(ec));
      co_return !ec;
    }
    if (out.shared_body && out.head && version == 11 && keep) {
      // A kept answer whose head was written once (RenderHead): both as they are, in one write.
      std::array<asio::const_buffer, 2> bytes = {asio::buffer(*out.head),
                                                 asio::buffer(*out.shared_body)};
      co_await asio::async_write(stream, bytes, Capture(ec));
      co_return !ec;
    }
    if (out.shared_body) {
      // The kept answer's own bytes, not a copy; `out` holds them until they are sent.
      bhttp::response<bhttp::span_body<const char>> res{static_cast<bhttp::status>(out.status),
                                                        version};
      fill(res);
      res.body() = {out.shared_body->data(), out.shared_body->size()};
      res.prepare_payload();
      co_await bhttp::async_write(stream, res, Capture(ec));
      co_return !ec;
    }
    if (!out.read) {
      bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(out.status), version};
      fill(res);
      res.body() = std::move(out.body);
      res.prepare_payload();
      co_await bhttp::async_write(stream, res, Capture(ec));
      co_return !ec;
    }
    bhttp::response<bhttp::buffer_body> res{static_cast<bhttp::status>(out.status), version};
    fill(res);
    res.content_length(out.length);
    res.body().data = nullptr;
    res.body().more = true;
    bhttp::response_serializer<bhttp::buffer_body> serializer{res};
    co_await bhttp::async_write_header(stream, serializer, Capture(ec));
    if (ec) co_return false;
    uint64_t offset = 0;
    while (offset < out.length) {
      Result<std::string> piece = out.read(offset, kStreamPiece);
      if (!piece || piece->empty()) {
        platform::Log(platform::LogLevel::kError, "http.stream",
                      {{"error", piece ? "ended early" : piece.error().ToString()}});
        co_return false;  // the connection closes: the client sees a short body
      }
      res.body().data = piece->data();
      res.body().size = piece->size();
      res.body().more = true;
      beast::get_lowest_layer(stream).expires_after(
          std::chrono::seconds(options.body_timeout_seconds));
      co_await bhttp::async_write(stream, serializer, Capture(ec));
      if (ec == bhttp::error::need_buffer) ec = {};
      if (ec) co_return false;
      offset += piece->size();
    }
    res.body().data = nullptr;
    res.body().size = 0;
    res.body().more = false;
    co_await bhttp::async_write(stream, serializer, Capture(ec));
    co_return !ec;
  }

  // Writes `text` as the next chunk of a chunked response.
  template <class Stream>
  asio::awaitable<bool> SendChunk(Stream& stream,
                                  bhttp::response_serializer<bhttp::buffer_body>& serializer,
                                  bhttp::response<bhttp::buffer_body>& res, std::string& text) {
    beast::error_code ec;
    res.body().data = text.data();
    res.body().size = text.size();
    res.body().more = true;
    beast::get_lowest_layer(stream).expires_after(
        std::chrono::seconds(options.body_timeout_seconds));
    co_await bhttp::async_write(stream, serializer, Capture(ec));
    if (ec == bhttp::error::need_buffer) ec = {};
    co_return !ec;
  }

  // An event stream: calls `out.events` on the handler pool when woken (WakeEventStreams) and
  // every `event_poll_ms`, sends what it returns and a comment line after a quiet spell (so that
  // proxies and browsers keep the connection), until the client leaves or the server stops.
  // Holds no thread while it waits. The connection ends with the stream.
  template <class Stream>
  asio::awaitable<bool> SendEvents(Stream& stream, Outgoing& out, unsigned version) {
    beast::error_code ec;
    bhttp::response<bhttp::buffer_body> res{static_cast<bhttp::status>(out.status), version};
    Fill(res, out, false);
    res.chunked(true);
    res.body().data = nullptr;
    res.body().more = true;
    bhttp::response_serializer<bhttp::buffer_body> serializer{res};
    co_await bhttp::async_write_header(stream, serializer, Capture(ec));
    if (ec) co_return false;
    End();  // a stream that stays open is not a request in flight: Stop() need not wait for it
    struct Again {
      Engine* e;
      ~Again() { e->Begin(); }  // ServeOne's guard ends the request once more
    } again{this};
    auto waiter = std::make_shared<EventWaiter>(beast::get_lowest_layer(stream).get_executor());
    {
      std::lock_guard lock(waiters_mu);
      waiters.insert(waiter);
    }
    struct Unregister {
      Engine* e;
      std::shared_ptr<EventWaiter> w;
      ~Unregister() {
        std::lock_guard lock(e->waiters_mu);
        e->waiters.erase(w);
      }
    } unregister{this, waiter};
    asio::steady_timer gap(beast::get_lowest_layer(stream).get_executor());
    auto quiet_since = std::chrono::steady_clock::now();
    std::string cursor = out.cursor;
    while (!stopping) {
      waiter->woken.store(false);
      Result<std::string> text = co_await OnPool([&out, &cursor] { return out.events(cursor); });
      if (!text) {
        // Most often the caller's session ended or their token was revoked.
        platform::Log(platform::LogLevel::kInfo, "http.events_ended",
                      {{"code", text.error().msg.code}});
        break;
      }
      auto now = std::chrono::steady_clock::now();
      if (text->empty() && now - quiet_since >= kEventKeepAlive) *text = ": \n\n";
      if (!text->empty()) {
        if (!co_await SendChunk(stream, serializer, res, *text)) co_return false;
        quiet_since = now;
      }
      if (waiter->woken.load()) {
        // News came while it looked: a short pause, so that a burst of writes is one look.
        gap.expires_after(kEventGap);
        co_await gap.async_wait(Capture(ec));
      } else {
        // Until the store tells of a change (Wake) or, for what it does not tell of, the poll.
        waiter->timer.expires_after(std::chrono::milliseconds(options.event_poll_ms));
        co_await waiter->timer.async_wait(Capture(ec));
      }
    }
    res.body().data = nullptr;
    res.body().size = 0;
    res.body().more = false;
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(2));
    co_await bhttp::async_write(stream, serializer, Capture(ec));
    co_return false;
  }

  // What became of a request's body.
  enum class BodyRead { kGone, kRead, kRefused };

  // Reads an admitted request's body into `parser`'s body, within the route's limit. kRefused:
  // `out` is the answer (413). A JSON body has one deadline for all of it; a
  // file, one for each piece, so a large upload on a slow line is not cut off while it moves.
  template <class Stream, class Body>
  asio::awaitable<BodyRead> ReadBody(Stream& stream, beast::flat_buffer& buffer,
                                     bhttp::request_parser<Body>& parser, const Incoming& in,
                                     unsigned version, const Dispatcher::Admitted& admitted,
                                     Outgoing& out, bool& keep) {
    beast::error_code ec;
    parser.body_limit(admitted.body_limit);
    // A declared length is checked against the limit before a byte of the body is read; a
    // chunked body while it is read.
    auto declared = parser.content_length();
    bool too_large = declared && *declared > admitted.body_limit;
    if (!too_large && beast::iequals(in.Header("expect"), "100-continue")) {
      bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, version};
      co_await bhttp::async_write(stream, go_on, Capture(ec));
      if (ec) co_return BodyRead::kGone;
    }
    if (too_large) {
      ec = bhttp::error::body_limit;
    } else {
      auto deadline = std::chrono::seconds(options.body_timeout_seconds);
      beast::get_lowest_layer(stream).expires_after(deadline);
      while (!ec && !parser.is_done()) {
        if (admitted.route->raw_body) beast::get_lowest_layer(stream).expires_after(deadline);
        co_await bhttp::async_read_some(stream, buffer, parser, Capture(ec));
      }
    }
    if (ec == bhttp::error::body_limit) {
      out = EngineProblem(
          dispatcher, in, ErrorCode::kPayloadTooLarge,
          Msg("http.body_too_large", {{"max", std::to_string(admitted.body_limit)}}), 413);
      keep = false;
      co_return BodyRead::kRefused;
    }
    co_return ec ? BodyRead::kGone : BodyRead::kRead;
  }

  // A new file for an upload in the spool directory.
  std::string SpoolPath() {
    static std::atomic<unsigned> counter{0};
    return options.spool_dir + "/.upload." + std::to_string(::getpid()) + "." +
           std::to_string(++counter);
  }

  // One request: its head, the decision, its body when admitted, the answer. False: close.
  template <class Stream>
  asio::awaitable<bool> ServeOne(Stream& stream, beast::flat_buffer& buffer,
                                 const std::string& remote) {
    beast::error_code ec;
    beast::get_lowest_layer(stream).expires_after(
        std::chrono::seconds(options.head_timeout_seconds));
    bhttp::request_parser<bhttp::empty_body> head;
    head.header_limit(static_cast<std::uint32_t>(options.max_head_bytes));
    // The body's limit depends on the route, known only after the head: set on the body parser.
    head.body_limit(std::numeric_limits<std::uint64_t>::max());
    co_await bhttp::async_read_header(stream, buffer, head, Capture(ec));
    Incoming in;
    if (ec) {
      // A head too large or malformed gets an answer; a timeout or a closed connection none.
      if (ec == bhttp::error::header_limit) {
        Outgoing out = EngineProblem(dispatcher, in, ErrorCode::kInvalidInput,
                                     Msg("http.head_too_large"), 431);
        co_await Send(stream, out, 11, false);
      } else if (IsMalformed(ec)) {
        Outgoing out =
            EngineProblem(dispatcher, in, ErrorCode::kInvalidInput, Msg("http.bad_request"), 400);
        co_await Send(stream, out, 11, false);
      }
      co_return false;
    }
    in = HeadOf(head, remote);
    unsigned version = head.get().version();
    bool keep = head.get().keep_alive() && !stopping;
    bool has_body = head.get().has_content_length() || head.chunked();
    Begin();
    struct Done {
      Engine* e;
      ~Done() { e->End(); }
    } done{this};

    Outgoing out;
    std::string encoding = in.Header("content-encoding");
    if (has_body && !encoding.empty() && encoding != "identity") {
      // Bodies are never inflated: a small compressed body could fill the memory.
      out = EngineProblem(dispatcher, in, ErrorCode::kUnsupportedMedia,
                          Msg("http.no_content_encoding", {{"encoding", encoding}}), 415);
      keep = false;
    } else if (std::optional<Outgoing> kept = has_body ? std::nullopt : dispatcher.Kept(in)) {
      // An answer already made for this caller at this journal head: no turn on a pool.
      out = std::move(*kept);
    } else if (!has_body) {
      // Nothing to read between admission and the handler: one turn on the pool for both.
      bool read = in.method == "GET" || in.method == "HEAD";
      out = co_await OnPool(
          [this, &in] {
            auto decision = dispatcher.Admit(in);
            if (auto* refused = std::get_if<Outgoing>(&decision)) return std::move(*refused);
            return dispatcher.Run(std::get<Dispatcher::Admitted>(decision), std::string());
          },
          read ? &reads : nullptr);
    } else {
      auto decision = co_await OnPool([this, &in] { return dispatcher.Admit(in); });
      if (auto* refused = std::get_if<Outgoing>(&decision)) {
        out = std::move(*refused);
        if (has_body) keep = false;  // its body is never read
      } else {
        auto& admitted = std::get<Dispatcher::Admitted>(decision);
        if (admitted.route->raw_body && !options.spool_dir.empty()) {
          // A file is spooled to disk as it arrives, never whole in memory; the handler reads
          // it from there, and it is gone once the answer is made.
          bhttp::request_parser<bhttp::file_body> spooled{std::move(head)};
          std::string path = SpoolPath();
          spooled.get().body().open(path.c_str(), beast::file_mode::write_new, ec);
          if (ec) {
            platform::Log(platform::LogLevel::kError, "http.spool",
                          {{"path", path}, {"error", ec.message()}});
            out = EngineProblem(dispatcher, in, ErrorCode::kIo,
                                Msg("file.cannot_write", {{"path", "spool"}, {"reason", ""}}), 500);
            keep = false;
          } else {
            struct Unspool {
              std::string path;
              ~Unspool() { ::unlink(path.c_str()); }
            } unspool{path};
            BodyRead read =
                co_await ReadBody(stream, buffer, spooled, in, version, admitted, out, keep);
            if (read == BodyRead::kGone) co_return false;
            if (read == BodyRead::kRead) {
              spooled.get().body().close();
              out = co_await OnPool([this, &admitted, &path] {
                return dispatcher.Run(admitted, std::string(), path);
              });
            }
          }
        } else {
          bhttp::request_parser<bhttp::string_body> full{std::move(head)};
          BodyRead read = co_await ReadBody(stream, buffer, full, in, version, admitted, out, keep);
          if (read == BodyRead::kGone) co_return false;
          if (read == BodyRead::kRead) {
            std::string body = std::move(full.get().body());
            out = co_await OnPool(
                [this, &admitted, &body] { return dispatcher.Run(admitted, std::move(body)); });
          }
        }
      }
    }
    platform::Log(out.status >= 500 ? platform::LogLevel::kError : platform::LogLevel::kInfo,
                  "http.request",
                  {{"method", in.method},
                   {"path", in.target.substr(0, in.target.find('?'))},
                   {"status", std::to_string(out.status)},
                   {"remote", remote}});
    bool sent = co_await Send(stream, out, version, keep, in.method == "HEAD");
    co_return sent&& keep;
  }

  template <class Stream>
  asio::awaitable<void> ServeAll(Stream& stream, const std::string& remote) {
    beast::flat_buffer buffer;
    for (size_t served = 0; served < options.max_requests_per_connection && !stopping; ++served) {
      if (!co_await ServeOne(stream, buffer, remote)) break;
    }
  }

  asio::awaitable<void> Connection(tcp::socket socket, std::string remote) {
    struct Leave {
      Engine* e;
      std::string remote;
      ~Leave() {
        std::lock_guard lock(e->mu);
        if (--e->per_address[remote] == 0) e->per_address.erase(remote);
      }
    } leave{this, remote};
    beast::error_code ec;
    if (!tls) {
      beast::tcp_stream stream(std::move(socket));
      co_await ServeAll(stream, remote);
      // A lingering close: what the client still sends (a refused body) is read and dropped
      // for a moment, so that closing does not reset the connection before it reads the answer.
      stream.socket().shutdown(tcp::socket::shutdown_send, ec);
      stream.expires_after(kLinger);
      std::array<char, 16384> sink;
      while (!ec) co_await stream.async_read_some(asio::buffer(sink), Capture(ec));
      co_return;
    }
    beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), *tls);
    beast::get_lowest_layer(stream).expires_after(
        std::chrono::seconds(options.head_timeout_seconds));
    co_await stream.async_handshake(asio::ssl::stream_base::server, Capture(ec));
    if (ec) co_return;
    co_await ServeAll(stream, remote);
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(2));
    co_await stream.async_shutdown(Capture(ec));
  }

  asio::awaitable<void> Accept() {
    while (!stopping) {
      beast::error_code ec;
      tcp::socket socket(asio::make_strand(ioc));
      co_await acceptor->async_accept(socket, Capture(ec));
      if (ec) {
        if (stopping || !acceptor->is_open()) co_return;
        continue;  // a connection that failed before it was accepted
      }
      tcp::endpoint peer = socket.remote_endpoint(ec);
      if (ec) continue;
      std::string remote = peer.address().to_string();
      {
        std::lock_guard lock(mu);
        size_t& open = per_address[remote];
        if (open >= options.max_connections_per_address) {
          platform::Log(platform::LogLevel::kWarn, "http.too_many_connections",
                        {{"remote", remote}});
          socket.close(ec);
          continue;
        }
        ++open;
      }
      auto executor = socket.get_executor();
      asio::co_spawn(executor, Connection(std::move(socket), remote), asio::detached);
    }
  }
};

Server::Server(app::App& app, ServerOptions options)
    : engine_(std::make_unique<Engine>(app, std::move(options))) {}

Server::~Server() {
  Stop();
  if (engine_->stopper.joinable()) engine_->stopper.join();
  engine_->pool.join();
  engine_->reads.join();
}

Result<int> Server::Bind() {
  Engine& e = *engine_;
  const ServerOptions& o = e.options;
  if (!o.tls_cert.empty()) {
    try {
      e.tls.emplace(asio::ssl::context::tls_server);
      e.tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                         asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                         asio::ssl::context::no_tlsv1_1);
      e.tls->use_certificate_chain_file(o.tls_cert);
      e.tls->use_private_key_file(o.tls_key, asio::ssl::context::pem);
    } catch (const std::exception&) {
      return Fail(ErrorCode::kInvalidInput,
                  Msg("serve.bad_tls", {{"cert", o.tls_cert}, {"key", o.tls_key}}));
    }
  }
  std::string address = o.host + ":" + std::to_string(o.port);
  beast::error_code ec;
  auto ip = asio::ip::make_address(o.host == "localhost" ? "127.0.0.1" : o.host, ec);
  if (ec) return Fail(ErrorCode::kIo, Msg("serve.cannot_listen", {{"address", o.host}}));
  tcp::endpoint endpoint(ip, static_cast<unsigned short>(o.port));
  e.acceptor.emplace(e.ioc);
  e.acceptor->open(endpoint.protocol(), ec);
  if (!ec) e.acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) e.acceptor->bind(endpoint, ec);
  if (!ec) e.acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    e.acceptor.reset();
    if (ec == asio::error::address_in_use) {
      return Fail(ErrorCode::kAddressInUse, Msg("serve.address_in_use", {{"address", address}}));
    }
    return Fail(ErrorCode::kIo, Msg("serve.cannot_listen_port", {{"address", address}}));
  }
  return static_cast<int>(e.acceptor->local_endpoint().port());
}

Result<void> Server::Run() {
  Engine& e = *engine_;
  if (!e.acceptor) return Fail(ErrorCode::kIo, Msg("serve.stopped"));
  if (e.stopping) return {};
  asio::co_spawn(e.ioc, e.Accept(), asio::detached);
  std::vector<std::thread> threads;
  for (int i = 1; i < kNetworkThreads; ++i) threads.emplace_back([&e] { e.ioc.run(); });
  e.ioc.run();
  for (auto& t : threads) t.join();
  return {};
}

void Server::WakeEventStreams() { engine_->Wake(); }

// No new connection is accepted; requests in flight finish (for at most ten seconds), then
// the network threads stop and Run() returns.
void Server::Stop() {
  Engine& e = *engine_;
  if (e.stopping.exchange(true)) return;
  e.Wake();  // event streams end now, not at their next look
  asio::post(e.ioc, [&e] {
    beast::error_code ec;
    if (e.acceptor) e.acceptor->close(ec);
  });
  e.stopper = std::thread([&e] {
    std::unique_lock lock(e.mu);
    e.drained.wait_for(lock, kDrainLimit, [&e] { return e.in_flight == 0; });
    lock.unlock();
    e.ioc.stop();
  });
}

}  // namespace sokuo::http
