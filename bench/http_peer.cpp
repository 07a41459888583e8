// The two reference points of bench/http-bench, each the best the underlying part can do here:
//
//   sokuo_bench_peer serve PORT [BYTES]  a trivial handler on the same engine as sokuo
//                                      (Boost.Beast coroutines, two network threads, keep-alive):
//                                      the ceiling an HTTP route of sokuo can approach; with
//                                      BYTES, every answer is a JSON body of that many bytes made
//                                      once and sent without a copy, as sokuo sends a kept answer
//   sokuo_bench_peer commits DIR SECS  one-row SQLite commits in a loop for SECS seconds, with
//                                      the pragmas sokuo's store uses (WAL, synchronous FULL):
//                                      the ceiling for writes that each must be durable
//   sokuo_bench_peer slow PORT N SECS  holds N connections to PORT that send a header byte a
//                                      second, as a slow-loris client does, for SECS seconds
#include <sqlite3.h>

// Boost 1.74's awaitable.hpp uses std::exchange without including <utility>.
#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

auto Capture(beast::error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

// The body every answer carries: {"status":"ok"}, or a JSON string padded to the size asked for.
std::string& Body() {
  static std::string body = R"({"status":"ok"})";
  return body;
}

void SetBodySize(size_t bytes) {
  const std::string open = R"({"pad":")", close = R"("})";
  if (bytes > open.size() + close.size())
    Body() = open + std::string(bytes - open.size() - close.size(), 'x') + close;
}

asio::awaitable<void> Answer(tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  beast::error_code ec;
  for (;;) {
    stream.expires_after(std::chrono::seconds(10));
    bhttp::request<bhttp::string_body> req;
    co_await bhttp::async_read(stream, buffer, req, Capture(ec));
    if (ec) break;
    bhttp::response<bhttp::span_body<char>> res{bhttp::status::ok, req.version()};
    res.set(bhttp::field::content_type, "application/json");
    res.body() = {Body().data(), Body().size()};
    res.keep_alive(req.keep_alive());
    res.prepare_payload();
    co_await bhttp::async_write(stream, res, Capture(ec));
    if (ec || !req.keep_alive()) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

asio::awaitable<void> Accept(tcp::acceptor& acceptor) {
  for (;;) {
    beast::error_code ec;
    tcp::socket socket(asio::make_strand(acceptor.get_executor()));
    co_await acceptor.async_accept(socket, Capture(ec));
    if (ec) continue;
    auto executor = socket.get_executor();
    asio::co_spawn(executor, Answer(std::move(socket)), asio::detached);
  }
}

int Serve(unsigned short port) {
  asio::io_context ioc{2};
  tcp::acceptor acceptor(ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  asio::co_spawn(ioc, Accept(acceptor), asio::detached);
  std::thread second([&ioc] { ioc.run(); });
  ioc.run();
  second.join();
  return 0;
}

bool Exec(sqlite3* db, const char* sql) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK) return true;
  std::fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
  return false;
}

int Commits(const std::string& dir, double seconds) {
  std::string path = dir + "/commits.db";
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return 1;
  if (!Exec(db, "PRAGMA journal_mode = WAL") || !Exec(db, "PRAGMA synchronous = FULL") ||
      !Exec(db, "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, data TEXT NOT NULL)")) {
    return 1;
  }
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO t (data) VALUES (?)", -1, &insert, nullptr);
  const std::string row(600, 'x');  // about the size of a reported incident's rows
  auto start = std::chrono::steady_clock::now();
  auto end = start + std::chrono::duration<double>(seconds);
  long commits = 0;
  while (std::chrono::steady_clock::now() < end) {
    if (!Exec(db, "BEGIN IMMEDIATE")) return 1;
    sqlite3_bind_text(insert, 1, row.data(), static_cast<int>(row.size()), SQLITE_STATIC);
    if (sqlite3_step(insert) != SQLITE_DONE) return 1;
    sqlite3_reset(insert);
    if (!Exec(db, "COMMIT")) return 1;
    ++commits;
  }
  double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  sqlite3_finalize(insert);
  sqlite3_close(db);
  std::printf("%.0f\n", static_cast<double>(commits) / took);
  return 0;
}

asio::awaitable<void> Dribble(asio::io_context& ioc, tcp::endpoint to,
                              std::chrono::steady_clock::time_point until) {
  beast::error_code ec;
  tcp::socket socket(ioc);
  co_await socket.async_connect(to, Capture(ec));
  if (ec) co_return;
  const std::string head = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: ";
  asio::steady_timer timer(ioc);
  for (size_t i = 0; std::chrono::steady_clock::now() < until; ++i) {
    char byte = i < head.size() ? head[i] : 'a';
    co_await asio::async_write(socket, asio::buffer(&byte, 1), Capture(ec));
    if (ec) {  // the server closed it (its head deadline): come back, as an attacker would
      socket.close(ec);
      socket = tcp::socket(ioc);
      i = static_cast<size_t>(-1);
    }
    timer.expires_after(std::chrono::seconds(1));
    co_await timer.async_wait(Capture(ec));
    if (!socket.is_open()) {
      co_await socket.async_connect(to, Capture(ec));
      if (ec) socket.close(ec);
    }
  }
}

int Slow(unsigned short port, int connections, double seconds) {
  asio::io_context ioc{1};
  tcp::endpoint to(asio::ip::make_address("127.0.0.1"), port);
  auto until = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::seconds>(
                                                      std::chrono::duration<double>(seconds));
  for (int i = 0; i < connections; ++i)
    asio::co_spawn(ioc, Dribble(ioc, to, until), asio::detached);
  ioc.run();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if ((args.size() == 2 || args.size() == 3) && args[0] == "serve") {
    if (args.size() == 3) SetBodySize(static_cast<size_t>(std::atol(args[2].c_str())));
    return Serve(static_cast<unsigned short>(std::atoi(args[1].c_str())));
  }
  if (args.size() == 3 && args[0] == "commits") return Commits(args[1], std::atof(args[2].c_str()));
  if (args.size() == 4 && args[0] == "slow") {
    return Slow(static_cast<unsigned short>(std::atoi(args[1].c_str())), std::atoi(args[2].c_str()),
                std::atof(args[3].c_str()));
  }
  std::fprintf(
      stderr,
      "usage: sokuo_bench_peer serve PORT [BYTES] | commits DIR SECONDS | slow PORT N SECONDS\n");
  return 2;
}
