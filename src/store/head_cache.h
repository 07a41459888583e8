// The journal head as a store last read it, for a server that asks for it on every request (it
// keys the caches of the organization, of checked tokens and of answers). Fresh for `ms`
// milliseconds, and stale at once when this process commits: its own writes are seen at once,
// another process's (the CLI beside the server, another server over the same database) within
// `ms`. Thread-safe; Known() never waits for a read.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>

#include "store/store.h"

namespace sokuo::store {

class HeadCache {
 public:
  explicit HeadCache(int ms) : ms_(ms) {}

  // The head last read, while it is fresh and no commit of this process has ended since.
  std::optional<JournalHead> Known() {
    auto now = std::chrono::steady_clock::now();
    uint64_t commits = commits_.load();
    std::lock_guard lock(mu_);
    if (head_ && head_commits_ == commits && now - read_at_ < std::chrono::milliseconds(ms_)) {
      return head_;
    }
    return std::nullopt;
  }

  // Known(), or `read` (which is then remembered).
  Result<JournalHead> Get(const std::function<Result<JournalHead>()>& read) {
    if (std::optional<JournalHead> known = Known()) return *known;
    auto now = std::chrono::steady_clock::now();
    uint64_t commits = commits_.load();
    ASSIGN_OR_RETURN(JournalHead head, read());
    // Read after `commits` commits had ended: at least as new as the last of them.
    std::lock_guard lock(mu_);
    head_ = head;
    read_at_ = now;
    head_commits_ = commits;
    return head;
  }

  // A commit (or a write that may have committed) ended: what was read before is stale.
  void Moved() { ++commits_; }

 private:
  const int ms_;
  std::atomic<uint64_t> commits_{0};
  std::mutex mu_;
  std::optional<JournalHead> head_;                // guarded by mu_
  std::chrono::steady_clock::time_point read_at_;  // guarded by mu_
  uint64_t head_commits_ = 0;                      // guarded by mu_
};

}  // namespace sokuo::store
