// Receives syslog messages from the network and hands each one to a sink: UDP (RFC 5426, one
// datagram is one message) and TCP with the framing of RFC 6587, decided per message: octet
// counting ("MSG-LEN SP SYSLOG-MSG", as RFC 5425 frames it over TLS) when the message starts with
// digits (the first 1-9) and a space, else non-transparent framing (the message ends at LF, CRLF
// or NUL; a line without PRI may start with digits: "2026-11-27 …"). Memory stays
// bounded: a message longer than the limit is cut, a sender that sends too fast is slowed down.
//
// Thread-safety: the listener runs on its own thread, which calls the sink, one message at a
// time. Start() is called once, from the owner. Stop(), the ports and counters() may be called
// from any thread, the sink's own included (Stop() does not wait for the thread then; the
// destructor does).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "base/error.h"

namespace sokuo::platform {

struct SyslogListenerOptions {
  // "host:port" to listen on for UDP datagrams, empty: none ("127.0.0.1:0" picks a port). The
  // host is an IP address ("[::1]:514" for IPv6, "0.0.0.0:514" for every address) or
  // "localhost".
  std::string udp;
  // "host:port" to listen on for TCP connections, empty: none.
  std::string tcp;
  // Longer messages are cut to this (and counted as truncated). At least 1.
  size_t max_message_bytes = size_t{64} * 1024;
  // TCP connections at once; more are closed at once (and counted as rejected).
  size_t max_connections = 256;
  // TCP connections at once from one address (so one sender cannot hold them all); likewise.
  size_t max_connections_per_address = 32;
  // A TCP connection that sends nothing for this long is closed; 0 or less: never.
  int idle_timeout_seconds = 300;
};

// Counted since Start(); each a total that only grows.
struct SyslogCounters {
  uint64_t received = 0;        // messages the sink took
  uint64_t truncated = 0;       // messages cut to max_message_bytes
  uint64_t rejected = 0;        // UDP messages the sink could not take, and TCP connections
                                // closed at once over max_connections (per address too)
  uint64_t framing_errors = 0;  // TCP connections that ended inside an octet-counted message
  uint64_t connections = 0;     // TCP connections accepted
};

// Receives each message (without its framing and trailing "\n"/"\r\n"/NUL) and the peer address
// ("203.0.113.7:514", "[2001:db8::7]:514"). Returns false when it cannot take the message now (a
// full queue): UDP counts it as rejected and drops it; TCP stops reading that connection and
// offers the same message again after a short wait (back-pressure onto the sender), never
// dropping it while the connection lives. The views are valid during the call only. The sink
// must not throw; a message it throws on is dropped and counted as rejected.
using SyslogSink = std::function<bool(std::string_view message, std::string_view peer)>;

class SyslogListener {
 public:
  SyslogListener(SyslogListenerOptions options, SyslogSink sink);
  SyslogListener(const SyslogListener&) = delete;
  SyslogListener& operator=(const SyslogListener&) = delete;
  // Stops and joins the thread.
  ~SyslogListener();

  // Binds both sockets and starts the listener's thread (none when neither address is given).
  // kInvalidInput when an address is malformed, kAddressInUse when another program holds it, kIo
  // when it cannot be bound otherwise, kConflict when called a second time or after Stop(); on
  // an error nothing stays bound.
  [[nodiscard]] Result<void> Start();
  // Closes the sockets and every connection, then waits for the thread (unless called on it).
  // Idempotent, any thread. A message waiting for the sink to take it is dropped.
  void Stop();

  // The bound ports (useful with port 0); 0 when not listening.
  int udp_port() const;
  int tcp_port() const;
  SyslogCounters counters() const;

 private:
  struct Engine;
  std::unique_ptr<Engine> engine_;
};

}  // namespace sokuo::platform
