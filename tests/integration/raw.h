// A raw TCP connection to the server under test: what a client (or an attacker) controls byte
// by byte, and what the server sends back as it comes.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <string>

namespace sokuo::testing {

class Raw {
 public:
  explicit Raw(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    timeval tv{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~Raw() { ::close(fd_); }
  Raw(const Raw&) = delete;
  Raw& operator=(const Raw&) = delete;

  bool connected() const { return connected_; }
  bool Send(const std::string& bytes) {
    return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
           static_cast<ssize_t>(bytes.size());
  }
  // What the server sent until it closed or went quiet for 5 s.
  std::string Receive() {
    std::string out;
    char buf[4096];
    while (true) {
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }
  // One response whose body has a Content-Length, head and body as sent; what came before the
  // server closed or went quiet for 5 s when it is not whole.
  std::string ReceiveResponse() {
    std::string out = ReceiveUntil("\r\n\r\n", std::chrono::seconds(5));
    size_t end = out.find("\r\n\r\n");
    if (end == std::string::npos) return out;
    std::string head = out.substr(0, end);
    for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    size_t at = head.find("\r\ncontent-length:");
    if (at == std::string::npos) return out;
    size_t whole = end + 4 + std::stoul(head.substr(at + 17));
    char buf[4096];
    while (out.size() < whole) {
      ssize_t n = ::recv(fd_, buf, std::min(sizeof buf, whole - out.size()), 0);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }
  // What the server sent until `needle` appeared in it, it closed, or `limit` passed.
  std::string ReceiveUntil(const std::string& needle, std::chrono::milliseconds limit) {
    std::string out;
    auto end = std::chrono::steady_clock::now() + limit;
    char buf[4096];
    while (out.find(needle) == std::string::npos) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          end - std::chrono::steady_clock::now());
      pollfd p{fd_, POLLIN, 0};
      if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }
  // True when the server has closed the connection (a read returns end of file).
  bool Closed() {
    char c;
    return ::recv(fd_, &c, 1, 0) == 0;
  }
  // True when the server has closed or reset the connection by now, without waiting.
  bool ClosedNow() {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0) return false;
    char c;
    return ::recv(fd_, &c, 1, MSG_PEEK | MSG_DONTWAIT) <= 0;
  }

 private:
  int fd_;
  bool connected_ = false;
};

}  // namespace sokuo::testing
