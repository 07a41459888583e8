// Time is injected: code that needs "now" takes a Clock&. SystemClock lives in platform/;
// FakeClock is for tests and replays, where time moves only when told to.
#pragma once

#include "base/time.h"

namespace sokuo {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

// Not thread-safe: a test drives it from one thread.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Timestamp start) : now_(start) {}
  Timestamp Now() const override { return now_; }
  void Set(Timestamp t) { now_ = t; }
  void Advance(std::chrono::seconds by) { now_ += by; }

 private:
  Timestamp now_;
};

}  // namespace sokuo
