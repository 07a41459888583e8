// Fuzz target for the request target (the URL of the request line): any bytes give a decoded
// path and query or a refusal with a message, never a crash, a hang or a leak.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto target = sokuo::http::ParseTarget(text);
  if (!target && target.error().msg.empty()) std::abort();
  if (target && (target->path.empty() || target->path.front() != '/')) std::abort();
  return 0;
}
