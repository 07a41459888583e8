#include "platform/syslog_listener.h"

#include <poll.h>
#include <sys/socket.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/write.hpp>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace sokuo::platform {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using udp = asio::ip::udp;
using boost::system::error_code;
using std::chrono::steady_clock;
using namespace std::chrono_literals;
using namespace std::string_literals;

constexpr auto kDeadline = 5s;

// Waits for `done` to hold, polling, for at most kDeadline.
bool WaitUntil(const std::function<bool()>& done) {
  auto end = steady_clock::now() + kDeadline;
  while (!done()) {
    if (steady_clock::now() > end) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

// The sink's side: what it took, and whether it takes more.
class Inbox {
 public:
  SyslogSink Sink() {
    return [this](std::string_view message, std::string_view peer) { return Take(message, peer); };
  }

  // While off, every offer is refused; `refuse_every` > 0 refuses also each such offer.
  void Accept(bool on, int refuse_every = 0) {
    std::lock_guard lock(mu_);
    accepting_ = on;
    refuse_every_ = refuse_every;
  }

  // The messages, once there are `n` (or fewer at the deadline).
  std::vector<std::string> WaitFor(size_t n) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, kDeadline, [&] { return messages_.size() >= n; });
    return messages_;
  }

  bool WaitForOffers(int n) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, kDeadline, [&] { return offers_ >= n; });
  }

  std::vector<std::string> messages() {
    std::lock_guard lock(mu_);
    return messages_;
  }
  std::vector<std::string> peers() {
    std::lock_guard lock(mu_);
    return peers_;
  }

 private:
  bool Take(std::string_view message, std::string_view peer) {
    std::lock_guard lock(mu_);
    ++offers_;
    cv_.notify_all();
    if (!accepting_ || (refuse_every_ > 0 && offers_ % refuse_every_ == 0)) return false;
    messages_.emplace_back(message);
    peers_.emplace_back(peer);
    return true;
  }

  std::mutex mu_;
  std::condition_variable cv_;
  bool accepting_ = true;
  int refuse_every_ = 0;
  int offers_ = 0;
  std::vector<std::string> messages_;
  std::vector<std::string> peers_;
};

std::unique_ptr<SyslogListener> Started(SyslogListenerOptions options, SyslogSink sink) {
  auto listener = std::make_unique<SyslogListener>(std::move(options), std::move(sink));
  Result<void> started = listener->Start();
  EXPECT_TRUE(started) << started.error().ToString();
  if (!started) return nullptr;
  return listener;
}

// A TCP client of the listener on 127.0.0.1.
class Client {
 public:
  // `from`: the loopback address to connect from (all of 127.0.0.0/8 is this host's).
  explicit Client(int port, const char* from = "127.0.0.1") : socket_(ioc_) {
    error_code ec;
    socket_.open(tcp::v4(), ec);
    socket_.bind(tcp::endpoint(asio::ip::make_address_v4(from), 0), ec);
    EXPECT_FALSE(ec) << ec.message();
    socket_.connect(tcp::endpoint(asio::ip::address_v4::loopback(), static_cast<uint16_t>(port)),
                    ec);
    EXPECT_FALSE(ec) << ec.message();
    socket_.set_option(tcp::no_delay(true), ec);
  }

  void Send(std::string_view data) {
    error_code ec;
    asio::write(socket_, asio::buffer(data.data(), data.size()), ec);
    EXPECT_FALSE(ec) << ec.message();
  }

  // Each piece in its own write, a moment apart, so that the listener reads them apart.
  void SendInPieces(std::string_view data, size_t piece) {
    for (size_t at = 0; at < data.size(); at += piece) {
      Send(data.substr(at, piece));
      std::this_thread::sleep_for(2ms);
    }
  }

  void EndSending() {
    error_code ec;
    socket_.shutdown(tcp::socket::shutdown_send, ec);
  }

  // True when the listener closes the connection before the deadline (it sends nothing).
  bool ClosedByListener() {
    auto end = steady_clock::now() + kDeadline;
    while (steady_clock::now() < end) {
      pollfd p{socket_.native_handle(), POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      char c = 0;
      ssize_t n = ::recv(socket_.native_handle(), &c, 1, MSG_DONTWAIT);
      if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) return true;
    }
    return false;
  }

  int local_port() {
    error_code ec;
    return socket_.local_endpoint(ec).port();
  }

 private:
  asio::io_context ioc_;
  tcp::socket socket_;
};

std::string Counted(std::string_view message) {
  return std::to_string(message.size()) + " " + std::string(message);
}

TEST(SyslogListenerTest, UdpDatagramsArriveWithThePeer) {
  Inbox inbox;
  auto listener = Started({.udp = "127.0.0.1:0"}, inbox.Sink());
  ASSERT_NE(listener, nullptr);
  ASSERT_GT(listener->udp_port(), 0);
  EXPECT_EQ(listener->tcp_port(), 0);

  asio::io_context ioc;
  udp::socket client(ioc, udp::endpoint(asio::ip::address_v4::loopback(), 0));
  udp::endpoint to(asio::ip::address_v4::loopback(), static_cast<uint16_t>(listener->udp_port()));
  const std::string datagrams[] = {
      "<13>Oct 11 22:14:15 host app: plain",
      "<13>with LF\n",
      "<13>with CRLF\r\n",
      "<13>with NUL\0"s,
      "",    // empty: ignored
      "\n",  // empty after stripping: ignored
      "<13>only one LF goes\n\n",
  };
  for (const std::string& d : datagrams) client.send_to(asio::buffer(d), to);

  std::vector<std::string> got = inbox.WaitFor(5);
  EXPECT_EQ(got,
            (std::vector<std::string>{"<13>Oct 11 22:14:15 host app: plain", "<13>with LF",
                                      "<13>with CRLF", "<13>with NUL", "<13>only one LF goes\n"}));
  std::string peer = "127.0.0.1:" + std::to_string(client.local_endpoint().port());
  for (const std::string& p : inbox.peers()) EXPECT_EQ(p, peer);
  EXPECT_TRUE(WaitUntil([&] { return listener->counters().received == 5; }));
  EXPECT_EQ(listener->counters().connections, 0u);
}

TEST(SyslogListenerTest, TcpOctetCountedMessagesSplitOrTogether) {
  Inbox inbox;
  auto listener = Started({.tcp = "127.0.0.1:0"}, inbox.Sink());
  ASSERT_NE(listener, nullptr);
  ASSERT_GT(listener->tcp_port(), 0);
  EXPECT_EQ(listener->udp_port(), 0);

  Client client(listener->tcp_port());
  // One message across several writes, cut inside the count, after it and inside the message.
  client.SendInPieces(Counted("<34>1 2003-10-11T22:14:15.003Z host su - ID47 - split message"), 3);
  // Two in one write; a message may hold LF and NUL, and a trailing LF inside the count goes.
  client.Send(Counted("<13>first\nof two") + Counted("<13>second\0of two\n"s));
  client.Send(Counted("<13>third"));

  std::vector<std::string> got = inbox.WaitFor(4);
  EXPECT_EQ(got, (std::vector<std::string>{
                     "<34>1 2003-10-11T22:14:15.003Z host su - ID47 - split message",
                     "<13>first\nof two", "<13>second\0of two"s, "<13>third"}));
  std::string peer = "127.0.0.1:" + std::to_string(client.local_port());
  for (const std::string& p : inbox.peers()) EXPECT_EQ(p, peer);
  EXPECT_TRUE(WaitUntil([&] { return listener->counters().received == 4; }));
  SyslogCounters counters = listener->counters();
  EXPECT_EQ(counters.connections, 1u);
  EXPECT_EQ(counters.framing_errors, 0u);
  EXPECT_EQ(counters.truncated, 0u);
}

TEST(SyslogListenerTest, TcpLfAndNulFramedMessages) {
  Inbox inbox;
  auto listener = Started({.tcp = "127.0.0.1:0"}, inbox.Sink());
  ASSERT_NE(listener, nullptr);

  Client client(listener->tcp_port());
  client.Send("<13>ends with LF\n<13>ends with CRLF\r\n");
  client.Send("<13>ends with NUL\0"s);
  client.SendInPieces("<13>split across writes\n\n\r\n", 4);    // then two empty ones: ignored
  client.Send(Counted("<13>counted") + "<13>then LF again\n");  // framing decided per message
  client.Send("<13>a CR alone \r stays\n");
  client.Send("<13>the last, without an end");
  client.EndSending();

  std::vector<std::string> got = inbox.WaitFor(8);
  EXPECT_EQ(got,
            (std::vector<std::string>{"<13>ends with LF", "<13>ends with CRLF", "<13>ends with NUL",
                                      "<13>split across writes", "<13>counted", "<13>then LF again",
                                      "<13>a CR alone \r stays", "<13>the last, without an end"}));
  EXPECT_TRUE(client.ClosedByListener());
  EXPECT_EQ(listener->counters().framing_errors, 0u);
}

TEST(SyslogListenerTest, LongMessagesAreCutAndCounted) {
  Inbox inbox;
  auto listener =
      Started({.udp = "127.0.0.1:0", .tcp = "127.0.0.1:0", .max_message_bytes = 16}, inbox.Sink());
  ASSERT_NE(listener, nullptr);
  std::string long_text = "<13>0123456789abcdefghijklmnopqrstuvwxyz";  // 40 bytes

  asio::io_context ioc;
  udp::socket udp_client(ioc, udp::endpoint(asio::ip::address_v4::loopback(), 0));
  udp_client.send_to(
      asio::buffer(long_text + "\n"),
      udp::endpoint(asio::ip::address_v4::loopback(), static_cast<uint16_t>(listener->udp_port())));
  ASSERT_EQ(inbox.WaitFor(1).size(), 1u);

  Client client(listener->tcp_port());
  // Counted: the first 16 bytes, the rest skipped even when it comes in pieces.
  client.SendInPieces(Counted(long_text), 7);
  client.Send(Counted("<13>after"));
  // Non-transparent: cut at 16, the rest of the line skipped; exactly 16 with CRLF is whole.
  client.SendInPieces(long_text + "\n", 9);
  client.Send("<13>456789abcdef\r\n");
  client.Send(long_text + long_text + long_text + "\n<13>next\n");

  std::vector<std::string> got = inbox.WaitFor(7);
  EXPECT_EQ(got, (std::vector<std::string>{"<13>0123456789ab", "<13>0123456789ab", "<13>after",
                                           "<13>0123456789ab", "<13>456789abcdef",
                                           "<13>0123456789ab", "<13>next"}));
  EXPECT_EQ(listener->counters().truncated, 4u);
  EXPECT_EQ(listener->counters().framing_errors, 0u);
}

TEST(SyslogListenerTest, DigitsWithoutASpaceStartALineAndACutCountClosesTheConnection) {
  Inbox inbox;
  auto listener = Started({.tcp = "127.0.0.1:0"}, inbox.Sink());
  ASSERT_NE(listener, nullptr);

  // Lines without PRI that start with a number are lines, not octet counts: nothing is lost and
  // the connection stays.
  Client numbers(listener->tcp_port());
  numbers.Send(Counted("<13>before") + "2024-05-01 host app: no PRI\n12x <13>not a count\n" +
               "12345678901 <13>eleven digits\n" + Counted("<13>after"));
  EXPECT_EQ(
      inbox.WaitFor(5),
      (std::vector<std::string>{"<13>before", "2024-05-01 host app: no PRI", "12x <13>not a count",
                                "12345678901 <13>eleven digits", "<13>after"}));
  numbers.Send("42");  // digits alone at the end are the last line
  numbers.EndSending();
  EXPECT_EQ(inbox.WaitFor(6).back(), "42");
  EXPECT_EQ(listener->counters().framing_errors, 0u);

  // An octet count the stream ends inside is an error: the message was cut.
  Client ends_inside_a_message(listener->tcp_port());
  ends_inside_a_message.Send("20 <13>short");
  ends_inside_a_message.EndSending();
  EXPECT_TRUE(ends_inside_a_message.ClosedByListener());
  EXPECT_TRUE(WaitUntil([&] { return listener->counters().framing_errors == 1; }))
      << listener->counters().framing_errors;
  EXPECT_EQ(listener->counters().received, 6u);
}

TEST(SyslogListenerTest, AFullSinkRejectsUdpAndHoldsBackTcp) {
  Inbox inbox;
  inbox.Accept(false);
  auto listener = Started({.udp = "127.0.0.1:0", .tcp = "127.0.0.1:0"}, inbox.Sink());
  ASSERT_NE(listener, nullptr);

  asio::io_context ioc;
  udp::socket udp_client(ioc, udp::endpoint(asio::ip::address_v4::loopback(), 0));
  udp::endpoint to(asio::ip::address_v4::loopback(), static_cast<uint16_t>(listener->udp_port()));
  for (int i = 0; i < 3; ++i) udp_client.send_to(asio::buffer(std::string("<13>dropped")), to);
  ASSERT_TRUE(WaitUntil([&] { return listener->counters().rejected == 3; }));
  ASSERT_TRUE(inbox.messages().empty());

  // Enough to fill the socket buffers: the writer waits while the listener does not read.
  constexpr int kMessages = 3000;
  std::vector<std::string> want;
  std::string stream;
  for (int i = 0; i < kMessages; ++i) {
    want.push_back("<13>message " + std::to_string(i) + " " + std::string(200, 'x'));
    stream += i % 2 == 0 ? Counted(want.back()) : want.back() + "\n";
  }
  Client client(listener->tcp_port());
  std::thread writer([&] { client.Send(stream); });
  ASSERT_TRUE(inbox.WaitForOffers(3 + 4));  // the same message offered again and again
  EXPECT_TRUE(inbox.messages().empty());
  inbox.Accept(true, 500);  // takes again, still refusing now and then
  std::vector<std::string> got = inbox.WaitFor(kMessages);
  if (got.size() != want.size()) listener->Stop();  // or the writer waits forever
  writer.join();
  EXPECT_EQ(got.size(), want.size());
  EXPECT_TRUE(got == want) << "messages lost or out of order";
  EXPECT_TRUE(WaitUntil([&] { return listener->counters().received == kMessages; }));
  EXPECT_EQ(listener->counters().rejected, 3u);
}

TEST(SyslogListenerTest, StopWhileAClientIsConnectedReturnsPromptly) {
  Inbox inbox;
  inbox.Accept(false);  // and one connection waits for the sink
  auto listener = Started({.udp = "127.0.0.1:0", .tcp = "127.0.0.1:0"}, inbox.Sink());
  ASSERT_NE(listener, nullptr);
  Client reading(listener->tcp_port());
  reading.Send("30 <13>half a mess");
  Client waiting(listener->tcp_port());
  waiting.Send("<13>refused\n");
  ASSERT_TRUE(inbox.WaitForOffers(1));
  ASSERT_TRUE(WaitUntil([&] { return listener->counters().connections == 2; }));

  auto start = steady_clock::now();
  listener->Stop();
  EXPECT_LT(steady_clock::now() - start, 1s);
  EXPECT_TRUE(reading.ClosedByListener());
  EXPECT_TRUE(waiting.ClosedByListener());
  EXPECT_EQ(listener->udp_port(), 0);
  EXPECT_EQ(listener->tcp_port(), 0);
  listener->Stop();  // again: nothing
  EXPECT_FALSE(listener->Start()) << "a stopped listener does not start again";
}

TEST(SyslogListenerTest, StopFromTheSinkDoesNotWaitForItself) {
  std::atomic<SyslogListener*> self{nullptr};
  std::atomic<int> calls{0};
  auto listener = std::make_unique<SyslogListener>(SyslogListenerOptions{.tcp = "127.0.0.1:0"},
                                                   [&](std::string_view, std::string_view) {
                                                     ++calls;
                                                     self.load()->Stop();
                                                     return true;
                                                   });
  self = listener.get();
  ASSERT_TRUE(listener->Start());
  Client client(listener->tcp_port());
  client.Send("<13>one\n<13>two\n");
  EXPECT_TRUE(client.ClosedByListener());
  EXPECT_EQ(calls, 1);
  listener.reset();  // joins
}

TEST(SyslogListenerTest, ConnectionsOverTheLimitAndIdleOnesAreClosed) {
  Inbox inbox;
  auto listener = Started({.tcp = "127.0.0.1:0", .max_connections = 1, .idle_timeout_seconds = 1},
                          inbox.Sink());
  ASSERT_NE(listener, nullptr);
  Client first(listener->tcp_port());
  ASSERT_TRUE(WaitUntil([&] { return listener->counters().connections == 1; }));
  Client second(listener->tcp_port());
  EXPECT_TRUE(second.ClosedByListener());
  EXPECT_EQ(listener->counters().rejected, 1u);
  first.Send("<13>the first still works\n");
  EXPECT_EQ(inbox.WaitFor(1), std::vector<std::string>{"<13>the first still works"});

  // It then sends nothing: closed after the idle timeout, not before.
  auto start = steady_clock::now();
  EXPECT_TRUE(first.ClosedByListener());
  EXPECT_GT(steady_clock::now() - start, 500ms);
  // The limit counts open connections only.
  Client third(listener->tcp_port());
  third.Send("<13>third\n");
  EXPECT_EQ(inbox.WaitFor(2).size(), 2u);
  EXPECT_EQ(listener->counters().connections, 2u);
}

TEST(SyslogListenerTest, OneAddressCannotHoldEveryConnection) {
  Inbox inbox;
  auto listener = Started(
      {.tcp = "127.0.0.1:0", .max_connections = 3, .max_connections_per_address = 2}, inbox.Sink());
  ASSERT_NE(listener, nullptr);
  Client a1(listener->tcp_port(), "127.0.0.1");
  Client a2(listener->tcp_port(), "127.0.0.1");
  ASSERT_TRUE(WaitUntil([&] { return listener->counters().connections == 2; }));
  Client a3(listener->tcp_port(), "127.0.0.1");
  EXPECT_TRUE(a3.ClosedByListener());
  EXPECT_EQ(listener->counters().rejected, 1u);
  // Another sender still gets in, and its lines arrive.
  Client b(listener->tcp_port(), "127.0.0.2");
  b.Send("<13>from another host\n");
  EXPECT_EQ(inbox.WaitFor(1), std::vector<std::string>{"<13>from another host"});
  EXPECT_EQ(listener->counters().connections, 3u);
}

TEST(SyslogListenerTest, ASinkThatThrowsLosesOnlyThatMessage) {
  Inbox inbox;
  SyslogSink inner = inbox.Sink();
  auto listener = Started({.tcp = "localhost:0"}, [&](std::string_view m, std::string_view p) {
    if (m == "<13>boom") throw std::runtime_error("the sink broke");
    return inner(m, p);
  });
  ASSERT_NE(listener, nullptr);
  Client client(listener->tcp_port());
  client.Send("<13>boom\n<13>after\n");
  EXPECT_EQ(inbox.WaitFor(1), std::vector<std::string>{"<13>after"});
  EXPECT_EQ(listener->counters().rejected, 1u);
}

TEST(SyslogListenerTest, Ipv6PeersAreInBrackets) {
  Inbox inbox;
  SyslogListener listener({.udp = "[::1]:0"}, inbox.Sink());
  if (!listener.Start()) GTEST_SKIP() << "no IPv6 loopback here";
  asio::io_context ioc;
  error_code ec;
  udp::socket client(ioc);
  client.open(udp::v6(), ec);
  if (!ec) client.bind(udp::endpoint(asio::ip::address_v6::loopback(), 0), ec);
  ASSERT_FALSE(ec) << ec.message();
  client.send_to(
      asio::buffer(std::string("<13>over IPv6")),
      udp::endpoint(asio::ip::address_v6::loopback(), static_cast<uint16_t>(listener.udp_port())));
  EXPECT_EQ(inbox.WaitFor(1), std::vector<std::string>{"<13>over IPv6"});
  EXPECT_EQ(inbox.peers(),
            std::vector<std::string>{"[::1]:" + std::to_string(client.local_endpoint().port())});
}

TEST(SyslogListenerTest, StartFailsOnAMalformedAddress) {
  for (std::string address :
       {"127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:syslog", ":514",
        "syslog.example:514", "::1:514", "[::1:514", "1.2.3:514", "127.0.0.1:-1"}) {
    for (bool tcp_side : {false, true}) {
      SyslogListenerOptions options;
      (tcp_side ? options.tcp : options.udp) = address;
      SyslogListener listener(options, [](std::string_view, std::string_view) { return true; });
      Result<void> started = listener.Start();
      ASSERT_FALSE(started) << address;
      EXPECT_EQ(started.error().code, ErrorCode::kInvalidInput) << address;
      EXPECT_NE(started.error().message.find("'" + address + "'"), std::string::npos)
          << started.error().message;
      EXPECT_NE(started.error().Text(Lang::kJa).find(address), std::string::npos);
      EXPECT_EQ(listener.udp_port(), 0);
      EXPECT_EQ(listener.tcp_port(), 0);
    }
  }
}

TEST(SyslogListenerTest, StartFailsOnAPortInUseAndBindsNothing) {
  Inbox inbox;
  auto first = Started({.udp = "127.0.0.1:0", .tcp = "127.0.0.1:0"}, inbox.Sink());
  ASSERT_NE(first, nullptr);
  std::string udp_taken = "127.0.0.1:" + std::to_string(first->udp_port());
  std::string tcp_taken = "127.0.0.1:" + std::to_string(first->tcp_port());

  SyslogListener udp_clash({.udp = udp_taken}, inbox.Sink());
  Result<void> started = udp_clash.Start();
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().code, ErrorCode::kAddressInUse);
  EXPECT_NE(started.error().message.find("UDP " + udp_taken), std::string::npos)
      << started.error().message;

  // The UDP address is free, the TCP one is not: the UDP socket does not stay bound.
  auto free_udp = Started({.udp = "127.0.0.1:0"}, inbox.Sink());
  ASSERT_NE(free_udp, nullptr);
  std::string udp_free = "127.0.0.1:" + std::to_string(free_udp->udp_port());
  free_udp.reset();
  SyslogListener tcp_clash({.udp = udp_free, .tcp = tcp_taken}, inbox.Sink());
  started = tcp_clash.Start();
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().code, ErrorCode::kAddressInUse);
  EXPECT_NE(started.error().message.find("TCP " + tcp_taken), std::string::npos);
  EXPECT_EQ(tcp_clash.udp_port(), 0);
  auto again = Started({.udp = udp_free}, inbox.Sink());
  EXPECT_NE(again, nullptr) << "the failed Start() left " << udp_free << " bound";

  EXPECT_EQ(first->Start().error().code, ErrorCode::kConflict);
}

}  // namespace
}  // namespace sokuo::platform
