#include "platform/system_clock.h"

namespace sokuo::platform {

Timestamp SystemClock::Now() const {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace sokuo::platform
