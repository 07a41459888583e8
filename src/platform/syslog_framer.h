// The framing of syslog over TCP (RFC 6587), apart from the sockets so that it can be tested on
// its own and built with every sanitizer: a connection's bytes in, whole messages out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sokuo::platform {

// Decided per message: octet counting when the message starts with "MSG-LEN SP" (digits, the
// first 1-9), else non-transparent framing (LF, CRLF or NUL ends it), so a line without PRI may
// start with digits ("2026-11-27 …"). Memory stays bounded by the longest message plus one read:
// longer messages are cut, the rest of them skipped as it arrives.
class SyslogFramer {
 public:
  enum class Step { kMessage, kMore, kError };

  // `max`: the longest message kept (at least 1); longer ones are cut to it.
  explicit SyslogFramer(size_t max) : max_(max) {}

  // The next bytes the connection received.
  void Append(std::string_view data);
  // The next whole message of the bytes given so far into `message` (kMessage; `truncated` when
  // it was cut) or kMore when it needs more bytes.
  Step Next(std::string& message, bool& truncated);
  // At the end of the stream, after Next() said kMore: the unterminated last message (kMessage),
  // nothing (kMore), or kError when the stream ended inside an octet-counted message.
  Step Finish(std::string& message, bool& truncated);

 private:
  enum class Mode {
    kStart,      // at the start of a message
    kCounted,    // reading the `remaining_` bytes of an octet-counted message
    kSkipBytes,  // skipping the `remaining_` bytes past a cut octet-counted message
    kSkipLine,   // skipping the rest of a cut non-transparent message
  };
  static constexpr std::string_view kEnds{"\n\0", 2};

  size_t max_;
  std::string buf_;
  size_t pos_ = 0;  // unread bytes are buf_[pos_, size)
  Mode mode_ = Mode::kStart;
  uint64_t remaining_ = 0;
  uint64_t skip_ = 0;   // kCounted: the bytes to skip after the message
  size_t scanned_ = 0;  // kStart: bytes past pos_ known to hold no LF or NUL
};

// A message without one trailing LF, CRLF or NUL.
std::string_view StripTrailer(std::string_view m);

}  // namespace sokuo::platform
