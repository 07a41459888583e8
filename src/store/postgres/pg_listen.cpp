// Live changes from every server over the database: each write that added to the journal sends
// a NOTIFY on the schema's channel (ChangeChannel) inside its transaction (PostgreSQL delivers it
// at commit, and never for a transaction that rolled back), and a store with a listener LISTENs on
// a connection of its own. PostgreSQL sends no notifications to a standby and refuses LISTEN there;
// the listener tries again every few seconds, so it starts hearing once the standby is promoted.
#include <chrono>
#include <cstdint>
#include <exception>
#include <random>
#include <string>
#include <thread>
#include <utility>

#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_store.h"

namespace sokuo::store {
namespace {

constexpr long kWaitMicros = 200000;  // how long one wait lasts: the stop is seen within it
constexpr int kRetryTicks = 20;       // 20 × 100 ms between attempts to listen

class Receiver final : public pqxx::notification_receiver {
 public:
  Receiver(pqxx::connection_base& conn, const std::string& channel,
           std::function<void(const std::string&)> heard)
      : pqxx::notification_receiver(conn, channel), heard_(std::move(heard)) {}

  void operator()(const std::string& payload, int /*backend_pid*/) override { heard_(payload); }

 private:
  std::function<void(const std::string&)> heard_;
};

}  // namespace

std::string pg::ChangeChannel(const std::string& schema) {
  // A name of plain lower-case letters, digits and underscores, at most PostgreSQL's 63 bytes.
  static constexpr char kHex[] = "0123456789abcdef";
  std::string channel = "sokuo_";
  for (unsigned char c : schema) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
      channel += static_cast<char>(c);
    } else {
      channel += {'x', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return channel.substr(0, 63);
}

std::string pg::NotifyToken() {
  // 128 random bits: two servers (on two hosts, each perhaps process 1 of its container) never
  // take each other's notifications for their own.
  static constexpr char kHex[] = "0123456789abcdef";
  std::random_device random;
  std::string token;
  for (int i = 0; i < 4; ++i) {
    uint32_t word = random();
    for (int j = 0; j < 8; ++j, word >>= 4) token += kHex[word & 15];
  }
  return token;
}

void PostgresStore::OnChange(std::function<void()> on_change) {
  bool listen = static_cast<bool>(on_change);
  changed_.Set(std::move(on_change));
  std::lock_guard lock(listen_mu_);
  if (listen && !listener_.joinable()) listener_ = std::thread([this] { Listen(); });
}

void PostgresStore::Listen() {
  auto heard = [this](const std::string& payload) {
    if (payload == notify_token_) return;  // this store's own: fired at its commit
    head_.Moved();                         // another server wrote: the head read before is old
    changed_.Fire();
  };
  bool listened = false;
  while (!stop_listening_.load()) {
    try {
      Result<std::unique_ptr<pg::Connection>> conn = pg::Connect(options_.conninfo);
      if (conn) {
        pg::Connection& c = **conn;
        bool standby = false;
        {
          pqxx::nontransaction t(c);
          standby = t.exec1("SELECT pg_is_in_recovery()")[0].as<bool>();
        }
        // A standby refuses LISTEN (and its server would log the refusal every time): asked
        // again below until it is promoted.
        if (!standby) {
          Receiver receiver(c, channel_, heard);
          int backend = c.backendpid();
          if (listened) {
            // What was written while the connection was down is news as well.
            head_.Moved();
            changed_.Fire();
          }
          listened = true;
          while (!stop_listening_.load() && c.is_open() && c.backendpid() == backend) {
            c.await_notification(0, kWaitMicros);
          }
        }
      }
    } catch (const std::exception&) {
      // The connection failed: tried again below.
    }
    for (int i = 0; i < kRetryTicks && !stop_listening_.load(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
}

}  // namespace sokuo::store
