#pragma once

#include "base/clock.h"

namespace sokuo::platform {

// The real clock. Thread-safe.
class SystemClock final : public Clock {
 public:
  Timestamp Now() const override;
};

}  // namespace sokuo::platform
