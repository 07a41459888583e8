// Fuzz target for the framing of syslog over TCP: any bytes, whether they arrive at once or in
// pieces of any size, give the same messages and the same end; no message is empty or longer
// than the limit; a crash, a hang or a read outside the buffer is a failure.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "platform/syslog_framer.h"

namespace {

using sokuo::platform::SyslogFramer;

struct Framed {
  std::vector<std::string> messages;
  std::vector<bool> cut;
  SyslogFramer::Step end = SyslogFramer::Step::kMore;
  bool operator==(const Framed&) const = default;
};

// Feeds `bytes` in pieces of `piece` bytes, reading every message after each, then ends it.
Framed Frame(std::string_view bytes, size_t max, size_t piece) {
  SyslogFramer framer(max);
  Framed out;
  std::string message;
  bool cut = false;
  auto take = [&](SyslogFramer::Step step) {
    if (step != SyslogFramer::Step::kMessage) return false;
    if (message.empty() || message.size() > max) std::abort();
    out.messages.push_back(message);
    out.cut.push_back(cut);
    return true;
  };
  for (size_t at = 0; at < bytes.size(); at += piece) {
    framer.Append(bytes.substr(at, piece));
    SyslogFramer::Step step;
    while ((step = framer.Next(message, cut)) == SyslogFramer::Step::kMessage) take(step);
    if (step == SyslogFramer::Step::kError) std::abort();  // only Finish says kError
  }
  out.end = framer.Finish(message, cut);
  take(out.end);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  size_t max = 1 + data[0] % 64;  // small, so that cutting and skipping are reached
  size_t piece = 1 + data[1] % 17;
  std::string_view bytes(reinterpret_cast<const char*>(data) + 2, size - 2);
  Framed whole = Frame(bytes, max, bytes.size() + 1);
  if (!(Frame(bytes, max, piece) == whole)) std::abort();
  return 0;
}
