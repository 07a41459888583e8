// The journal head as a store last read it, for a server that asks for it on every request (it
// keys the caches of the organization, of checked tokens and of answers). Fresh for `ms`
// milliseconds, and stale at once when this process commits: its own writes are seen at once,
// another process's (the CLI beside the server, another server over the same database) within
// `ms`. Thread-safe; Known() never waits for a read.
//
// A store that can tell cheaply whether anyone has committed (SQLite's `PRAGMA data_version`)
// gives a `Version`: once `ms` is up, Known() asks it, and a head that no one has moved since it
// was read is kept for another `ms` without a read. A busy server then does not send a share of
// its requests to read the head again every `ms` (the kept answers depend on knowing it).
#pragma once

#include <algorithm>
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
  // A number that changes whenever any connection commits, or nullopt when it cannot be had at
  // once (`wait` false) or at all. Called without the cache's lock.
  using Version = std::function<std::optional<int64_t>(bool wait)>;

  explicit HeadCache(int ms, Version version = nullptr) : ms_(ms), version_(std::move(version)) {}

  // The head last read, while it is fresh and no commit of this process has ended since; past
  // `ms`, the same head again if the version says that no one has committed since it was read.
  std::optional<JournalHead> Known() {
    auto now = std::chrono::steady_clock::now();
    uint64_t commits = commits_.load();
    std::optional<int64_t> seen;
    {
      std::lock_guard lock(mu_);
      if (!head_ || head_commits_ != commits) return std::nullopt;
      if (now - read_at_ < std::chrono::milliseconds(ms_)) return head_;
      if (ms_ == 0 || !version_ || !head_version_) return std::nullopt;
      seen = head_version_;
    }
    std::optional<int64_t> version = version_(false);
    if (!version || version != seen) return std::nullopt;
    std::lock_guard lock(mu_);
    // Unmoved as of `now` or later: fresh for another `ms` from `now`.
    if (!head_ || head_commits_ != commits || head_version_ != seen) return std::nullopt;
    read_at_ = std::max(read_at_, now);
    return head_;
  }

  // Known(), or `read` (which is then remembered).
  Result<JournalHead> Get(const std::function<Result<JournalHead>()>& read) {
    if (std::optional<JournalHead> known = Known()) return *known;
    auto now = std::chrono::steady_clock::now();
    uint64_t commits = commits_.load();
    // Before the read: a commit between the two changes the version, and the head is read again.
    std::optional<int64_t> version = version_ && ms_ > 0 ? version_(true) : std::nullopt;
    ASSIGN_OR_RETURN(JournalHead head, read());
    // Read after `commits` commits had ended: at least as new as the last of them.
    std::lock_guard lock(mu_);
    head_ = head;
    read_at_ = now;
    head_commits_ = commits;
    head_version_ = version;
    return head;
  }

  // A commit (or a write that may have committed) ended: what was read before is stale.
  void Moved() { ++commits_; }

 private:
  const int ms_;
  const Version version_;
  std::atomic<uint64_t> commits_{0};
  std::mutex mu_;
  std::optional<JournalHead> head_;                // guarded by mu_
  std::chrono::steady_clock::time_point read_at_;  // guarded by mu_
  uint64_t head_commits_ = 0;                      // guarded by mu_
  std::optional<int64_t> head_version_;            // guarded by mu_; the version before the read
};

}  // namespace sokuo::store
