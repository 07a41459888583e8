// The listener a store calls after a change (Store::OnChange): set from one thread, called from
// the store's. Set() waits for a call that is running, so that after Set({}) the old listener
// is never called again.
#pragma once

#include <functional>
#include <mutex>
#include <utility>

namespace sokuo::store {

class ChangeSignal {
 public:
  void Set(std::function<void()> on_change) {
    std::lock_guard lock(mu_);
    on_change_ = std::move(on_change);
  }

  void Fire() {
    std::lock_guard lock(mu_);
    if (on_change_) on_change_();
  }

 private:
  std::mutex mu_;
  std::function<void()> on_change_;  // guarded by mu_
};

}  // namespace sokuo::store
