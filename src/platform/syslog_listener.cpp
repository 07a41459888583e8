#include "platform/syslog_listener.h"

// Boost 1.74's awaitable.hpp uses std::exchange without including <utility>.
#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "platform/log.h"
#include "platform/syslog_framer.h"

namespace sokuo::platform {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using udp = asio::ip::udp;
using boost::system::error_code;

constexpr size_t kMaxDatagram = size_t{64} * 1024;  // more than any UDP payload
constexpr int kUdpBuffer = 4 * 1024 * 1024;
constexpr size_t kReadChunk = size_t{16} * 1024;
// A message the sink refused is offered again after this, doubling up to kLastRetry.
constexpr auto kFirstRetry = std::chrono::milliseconds(10);
constexpr auto kLastRetry = std::chrono::milliseconds(200);
// After a failed accept (no file descriptors left), before the next.
constexpr auto kAcceptPause = std::chrono::milliseconds(100);

auto Capture(error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

bool IsPortDigit(char c) { return c >= '0' && c <= '9'; }

struct Endpoint {
  asio::ip::address ip;
  unsigned short port = 0;
};

// "127.0.0.1:514", "[::1]:514", "localhost:514"; nullopt when malformed (host names other than
// localhost are not looked up: a listener binds to an address of this machine).
std::optional<Endpoint> ParseAddress(std::string_view text) {
  size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view host = text.substr(0, colon);
  std::string_view port = text.substr(colon + 1);
  if (port.empty() || port.size() > 5) return std::nullopt;
  unsigned value = 0;
  for (char c : port) {
    if (!IsPortDigit(c)) return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value > 65535) return std::nullopt;
  error_code ec;
  asio::ip::address ip;
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    ip = asio::ip::make_address_v6(std::string(host.substr(1, host.size() - 2)), ec);
  } else if (host == "localhost") {
    ip = asio::ip::address_v4::loopback();
  } else if (host.empty() || host.find(':') != std::string_view::npos) {
    return std::nullopt;  // an IPv6 address goes in brackets
  } else {
    ip = asio::ip::make_address_v4(std::string(host), ec);
  }
  if (ec) return std::nullopt;
  return Endpoint{ip, static_cast<unsigned short>(value)};
}

// A peer's address; an IPv4 peer of an IPv6 socket as IPv4.
asio::ip::address PeerAddress(const asio::ip::address& ip) {
  if (ip.is_v6() && ip.to_v6().is_v4_mapped()) {
    return asio::ip::make_address_v4(asio::ip::v4_mapped, ip.to_v6());
  }
  return ip;
}

// "203.0.113.7:514", "[2001:db8::7]:514".
template <class PeerEndpoint>
std::string PeerText(const PeerEndpoint& peer) {
  asio::ip::address ip = PeerAddress(peer.address());
  std::string port = std::to_string(peer.port());
  if (ip.is_v6()) return "[" + ip.to_string() + "]:" + port;
  return ip.to_string() + ":" + port;
}

tl::unexpected<Error> BindError(const error_code& ec, const char* protocol,
                                const std::string& address) {
  if (ec == asio::error::address_in_use) {
    return Fail(ErrorCode::kAddressInUse,
                Msg("syslog.address_in_use", {{"protocol", protocol}, {"address", address}}));
  }
  return Fail(ErrorCode::kIo,
              Msg("syslog.cannot_listen",
                  {{"protocol", protocol}, {"address", address}, {"reason", ec.message()}}));
}

// One TCP connection; its coroutine owns it, the registry of live connections points to it.
struct Connection {
  Connection(tcp::socket s, std::string p, std::string a)
      : socket(std::move(s)),
        idle(socket.get_executor()),
        retry(socket.get_executor()),
        peer(std::move(p)),
        address(std::move(a)) {}

  tcp::socket socket;
  asio::steady_timer idle;   // closes the connection when a read waits too long
  asio::steady_timer retry;  // the wait before a refused message is offered again
  std::string peer;
  std::string address;  // the peer's, without the port
  uint64_t reads = 0;   // reads started and finished, so that a late idle timer can tell
};

enum class Offered { kTaken, kFull, kFailed };

}  // namespace

struct SyslogListener::Engine {
  Engine(SyslogListenerOptions o, SyslogSink s) : options(std::move(o)), sink(std::move(s)) {
    options.max_message_bytes = std::max<size_t>(options.max_message_bytes, 1);
  }

  SyslogListenerOptions options;
  SyslogSink sink;

  std::atomic<uint64_t> received{0};
  std::atomic<uint64_t> truncated{0};
  std::atomic<uint64_t> rejected{0};
  std::atomic<uint64_t> framing_errors{0};
  std::atomic<uint64_t> connections{0};
  std::atomic<int> udp_port{0};
  std::atomic<int> tcp_port{0};

  std::mutex mu;       // Start() and Stop(): started, the thread's start, the post of CloseAll
  std::mutex join_mu;  // joining the thread
  bool started = false;
  std::atomic<bool> stopping{false};
  std::atomic<std::thread::id> io_thread_id{};

  // Before the context: a coroutine that the context destroys (only when the thread never
  // started) still finds them.
  std::unordered_set<Connection*> live;               // on the listener's thread only
  std::unordered_map<std::string, size_t> live_from;  // live connections by address, likewise
  // Declared before the sockets, which must go first; the coroutines it would still hold (only
  // when the thread never started) release what they own as it destroys them.
  asio::io_context ioc{1};
  std::optional<udp::socket> udp_socket;
  std::optional<tcp::acceptor> acceptor;
  std::thread thread;

  Result<void> Bind() {
    std::optional<Endpoint> udp_at;
    std::optional<Endpoint> tcp_at;
    if (!options.udp.empty() && !(udp_at = ParseAddress(options.udp))) {
      return Fail(ErrorCode::kInvalidInput,
                  Msg("syslog.bad_address", {{"protocol", "UDP"}, {"address", options.udp}}));
    }
    if (!options.tcp.empty() && !(tcp_at = ParseAddress(options.tcp))) {
      return Fail(ErrorCode::kInvalidInput,
                  Msg("syslog.bad_address", {{"protocol", "TCP"}, {"address", options.tcp}}));
    }
    error_code ec;
    if (udp_at) {
      udp::endpoint endpoint(udp_at->ip, udp_at->port);
      udp_socket.emplace(ioc);
      udp_socket->open(endpoint.protocol(), ec);
      // No SO_REUSEADDR: with it, two UDP sockets could share the port.
      if (!ec) udp_socket->bind(endpoint, ec);
      if (ec) return BindError(ec, "UDP", options.udp);
      // Room for a burst while the sink is busy (the system caps it at net.core.rmem_max).
      error_code ignored;
      udp_socket->set_option(asio::socket_base::receive_buffer_size(kUdpBuffer), ignored);
      udp::endpoint bound = udp_socket->local_endpoint(ec);
      if (ec) return BindError(ec, "UDP", options.udp);
      udp_port = bound.port();
    }
    if (tcp_at) {
      tcp::endpoint endpoint(tcp_at->ip, tcp_at->port);
      acceptor.emplace(ioc);
      acceptor->open(endpoint.protocol(), ec);
      if (!ec) acceptor->set_option(asio::socket_base::reuse_address(true), ec);
      if (!ec) acceptor->bind(endpoint, ec);
      if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
      if (ec) return BindError(ec, "TCP", options.tcp);
      tcp::endpoint bound = acceptor->local_endpoint(ec);
      if (ec) return BindError(ec, "TCP", options.tcp);
      tcp_port = bound.port();
    }
    return {};
  }

  // Closes the sockets and every connection; their coroutines then end. On the listener's thread
  // (or before it started).
  void CloseAll() {
    error_code ignored;
    if (udp_socket) udp_socket->close(ignored);
    if (acceptor) acceptor->close(ignored);
    for (Connection* c : live) {
      c->socket.close(ignored);
      c->idle.cancel();
      c->retry.cancel();
    }
  }

  void Run() {
    while (true) {
      try {
        ioc.run();
        return;
      } catch (const std::exception& ex) {
        Log(LogLevel::kError, "syslog.failed", {{"error", ex.what()}});
      } catch (...) {
        Log(LogLevel::kError, "syslog.failed", {{"error", "unknown exception"}});
      }
    }
  }

  Offered Offer(std::string_view message, std::string_view peer) {
    try {
      if (!sink(message, peer)) return Offered::kFull;
    } catch (const std::exception& ex) {
      Log(LogLevel::kError, "syslog.sink_failed", {{"error", ex.what()}});
      rejected.fetch_add(1, std::memory_order_relaxed);
      return Offered::kFailed;
    } catch (...) {
      Log(LogLevel::kError, "syslog.sink_failed", {{"error", "unknown exception"}});
      rejected.fetch_add(1, std::memory_order_relaxed);
      return Offered::kFailed;
    }
    received.fetch_add(1, std::memory_order_relaxed);
    return Offered::kTaken;
  }

  asio::awaitable<void> ReceiveUdp() {
    std::vector<char> buffer(kMaxDatagram);
    udp::endpoint sender;
    while (!stopping) {
      error_code ec;
      size_t n = co_await udp_socket->async_receive_from(asio::buffer(buffer), sender, Capture(ec));
      if (ec) {
        if (stopping || !udp_socket->is_open() || ec == asio::error::operation_aborted) co_return;
        continue;  // an error left by an earlier datagram (ICMP): the socket goes on
      }
      std::string_view m = StripTrailer(std::string_view(buffer.data(), n));
      if (m.empty()) continue;
      if (m.size() > options.max_message_bytes) {
        m = m.substr(0, options.max_message_bytes);
        truncated.fetch_add(1, std::memory_order_relaxed);
      }
      if (Offer(m, PeerText(sender)) == Offered::kFull) {
        rejected.fetch_add(1, std::memory_order_relaxed);
      }
    }
  }

  asio::awaitable<void> Accept() {
    asio::steady_timer pause(ioc);
    while (!stopping) {
      error_code ec;
      tcp::socket socket(ioc);
      tcp::endpoint remote;
      co_await acceptor->async_accept(socket, remote, Capture(ec));
      if (ec) {
        if (stopping || !acceptor->is_open()) co_return;
        // Out of file descriptors, or a connection that failed before it was accepted.
        pause.expires_after(kAcceptPause);
        co_await pause.async_wait(Capture(ec));
        continue;
      }
      std::string peer = PeerText(remote);
      std::string address = PeerAddress(remote.address()).to_string();
      // One sender cannot hold every connection: the others' logs still come in.
      bool full = live.size() >= options.max_connections;
      if (full || live_from[address] >= options.max_connections_per_address) {
        Log(LogLevel::kWarn,
            full ? "syslog.too_many_connections" : "syslog.too_many_connections_from_address",
            {{"remote", peer}});
        if (live_from[address] == 0) live_from.erase(address);
        rejected.fetch_add(1, std::memory_order_relaxed);
        socket.close(ec);
        continue;
      }
      connections.fetch_add(1, std::memory_order_relaxed);
      auto c = std::make_shared<Connection>(std::move(socket), std::move(peer), address);
      live.insert(c.get());
      ++live_from[address];
      asio::co_spawn(ioc, Serve(std::move(c)), asio::detached);
    }
  }

  // Reads what the peer sent next; the connection closes (an error) when it sends nothing for
  // the idle timeout.
  asio::awaitable<size_t> Read(const std::shared_ptr<Connection>& c, std::vector<char>& chunk,
                               error_code& ec) {
    uint64_t read = ++c->reads;
    if (options.idle_timeout_seconds > 0) {
      c->idle.expires_after(std::chrono::seconds(options.idle_timeout_seconds));
      c->idle.async_wait([c, read](const error_code& timer) {
        if (timer || c->reads != read) return;
        error_code ignored;
        c->socket.close(ignored);
      });
    }
    size_t n = co_await c->socket.async_read_some(asio::buffer(chunk), Capture(ec));
    ++c->reads;
    c->idle.cancel();
    co_return n;
  }

  // Offers `message` to the sink until it takes it; false when the listener stops first.
  asio::awaitable<bool> Deliver(Connection& c, const std::string& message) {
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(kFirstRetry);
    while (!stopping && c.socket.is_open()) {
      if (Offer(message, c.peer) != Offered::kFull) co_return true;
      c.retry.expires_after(wait);
      error_code ec;
      co_await c.retry.async_wait(Capture(ec));
      wait = std::min(wait * 2, std::chrono::duration_cast<std::chrono::milliseconds>(kLastRetry));
    }
    co_return false;
  }

  asio::awaitable<void> Serve(std::shared_ptr<Connection> c) {
    // However the coroutine ends (an exception too), the connection leaves `live` before it is
    // freed, so CloseAll never touches a connection that is gone.
    struct Forget {
      Engine& e;
      Connection* c;
      ~Forget() {
        e.live.erase(c);
        auto from = e.live_from.find(c->address);
        if (from != e.live_from.end() && --from->second == 0) e.live_from.erase(from);
      }
    } forget{*this, c.get()};
    SyslogFramer framer(options.max_message_bytes);
    std::vector<char> chunk(kReadChunk);
    std::string message;
    bool cut = false;
    bool open = true;
    while (open && !stopping) {
      SyslogFramer::Step step = framer.Next(message, cut);
      if (step == SyslogFramer::Step::kMore) {
        error_code ec;
        size_t n = co_await Read(c, chunk, ec);
        if (!ec) {
          framer.Append(std::string_view(chunk.data(), n));
          continue;
        }
        open = false;
        if (ec != asio::error::eof || stopping) break;
        step = framer.Finish(message, cut);  // the peer closed: its last, unterminated message
        if (step == SyslogFramer::Step::kMore) break;
      }
      if (step == SyslogFramer::Step::kError) {
        Log(LogLevel::kWarn, "syslog.framing_error", {{"remote", c->peer}});
        framing_errors.fetch_add(1, std::memory_order_relaxed);
        break;
      }
      if (cut) truncated.fetch_add(1, std::memory_order_relaxed);
      if (!co_await Deliver(*c, message)) break;
    }
    error_code ignored;
    c->socket.shutdown(tcp::socket::shutdown_both, ignored);
    c->socket.close(ignored);
    c->idle.cancel();
    c->retry.cancel();
  }
};

SyslogListener::SyslogListener(SyslogListenerOptions options, SyslogSink sink)
    : engine_(std::make_unique<Engine>(std::move(options), std::move(sink))) {}

SyslogListener::~SyslogListener() { Stop(); }

Result<void> SyslogListener::Start() {
  Engine& e = *engine_;
  std::lock_guard lock(e.mu);
  if (e.started || e.stopping) return Fail(ErrorCode::kConflict, Msg("syslog.start_once"));
  e.started = true;
  Result<void> bound = e.Bind();
  if (!bound) {
    e.CloseAll();
    e.udp_port = 0;
    e.tcp_port = 0;
    return bound;
  }
  if (!e.udp_socket && !e.acceptor) return {};
  if (e.udp_socket) asio::co_spawn(e.ioc, e.ReceiveUdp(), asio::detached);
  if (e.acceptor) asio::co_spawn(e.ioc, e.Accept(), asio::detached);
  try {
    e.thread = std::thread([&e] { e.Run(); });
  } catch (const std::exception& ex) {
    e.CloseAll();
    e.udp_port = 0;
    e.tcp_port = 0;
    return Fail(ErrorCode::kInternal, Msg("syslog.cannot_start", {{"reason", ex.what()}}));
  }
  e.io_thread_id = e.thread.get_id();
  return {};
}

void SyslogListener::Stop() {
  Engine& e = *engine_;
  {
    std::lock_guard lock(e.mu);
    if (!e.stopping.exchange(true)) {
      if (e.thread.joinable()) asio::post(e.ioc, [&e] { e.CloseAll(); });
      e.udp_port = 0;
      e.tcp_port = 0;
    }
  }
  if (std::this_thread::get_id() == e.io_thread_id.load()) return;  // the sink: cannot wait
  std::lock_guard lock(e.join_mu);
  if (e.thread.joinable()) e.thread.join();
}

int SyslogListener::udp_port() const { return engine_->udp_port; }
int SyslogListener::tcp_port() const { return engine_->tcp_port; }

SyslogCounters SyslogListener::counters() const {
  const Engine& e = *engine_;
  return {.received = e.received.load(std::memory_order_relaxed),
          .truncated = e.truncated.load(std::memory_order_relaxed),
          .rejected = e.rejected.load(std::memory_order_relaxed),
          .framing_errors = e.framing_errors.load(std::memory_order_relaxed),
          .connections = e.connections.load(std::memory_order_relaxed)};
}

}  // namespace sokuo::platform
