#include "platform/syslog_framer.h"

#include <algorithm>

namespace sokuo::platform {
namespace {

constexpr size_t kMaxCountDigits = 10;

bool IsCountDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string_view StripTrailer(std::string_view m) {
  if (!m.empty() && m.back() == '\n') {
    m.remove_suffix(1);
    if (!m.empty() && m.back() == '\r') m.remove_suffix(1);
  } else if (!m.empty() && m.back() == '\0') {
    m.remove_suffix(1);
  }
  return m;
}

void SyslogFramer::Append(std::string_view data) {
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  buf_.append(data);
}

SyslogFramer::Step SyslogFramer::Next(std::string& message, bool& truncated) {
  truncated = false;
  while (true) {
    size_t avail = buf_.size() - pos_;
    switch (mode_) {
      case Mode::kSkipBytes: {
        size_t n = static_cast<size_t>(std::min<uint64_t>(remaining_, avail));
        pos_ += n;
        remaining_ -= n;
        if (remaining_ > 0) return Step::kMore;
        mode_ = Mode::kStart;
        break;
      }
      case Mode::kSkipLine: {
        size_t end = buf_.find_first_of(kEnds, pos_);
        if (end == std::string::npos) {
          pos_ = buf_.size();
          return Step::kMore;
        }
        pos_ = end + 1;
        mode_ = Mode::kStart;
        break;
      }
      case Mode::kCounted: {
        if (avail < remaining_) return Step::kMore;
        std::string_view m(buf_.data() + pos_, static_cast<size_t>(remaining_));
        pos_ += static_cast<size_t>(remaining_);
        truncated = skip_ > 0;
        mode_ = skip_ > 0 ? Mode::kSkipBytes : Mode::kStart;
        remaining_ = skip_;
        skip_ = 0;
        m = StripTrailer(m);
        if (!m.empty()) {
          message.assign(m);
          return Step::kMessage;
        }
        truncated = false;
        break;
      }
      case Mode::kStart: {
        if (avail == 0) return Step::kMore;
        if (buf_[pos_] >= '1' && buf_[pos_] <= '9') {
          size_t digits = 0;
          while (digits < avail && digits <= kMaxCountDigits && IsCountDigit(buf_[pos_ + digits])) {
            ++digits;
          }
          if (digits == avail) return Step::kMore;
          // "MSG-LEN SP": octet counting. Digits followed by anything else start a line that
          // carries no PRI ("2026-11-27 …"), framed by its end like any other.
          if (digits <= kMaxCountDigits && buf_[pos_ + digits] == ' ') {
            uint64_t length = 0;
            for (size_t i = 0; i < digits; ++i) {
              length = length * 10 + static_cast<uint64_t>(buf_[pos_ + i] - '0');
            }
            pos_ += digits + 1;
            remaining_ = std::min<uint64_t>(length, max_);
            skip_ = length - remaining_;
            mode_ = Mode::kCounted;
            break;
          }
        }
        // Non-transparent: bytes already searched for the end are not searched again.
        size_t end = buf_.find_first_of(kEnds, pos_ + scanned_);
        if (end == std::string::npos) {
          scanned_ = avail;
          if (avail <= max_ + 1) return Step::kMore;  // + 1: the CR of a CRLF to come
          message.assign(buf_, pos_, max_);
          truncated = true;
          pos_ += max_;
          scanned_ = 0;
          mode_ = Mode::kSkipLine;
          return Step::kMessage;
        }
        std::string_view m(buf_.data() + pos_, end - pos_);
        if (buf_[end] == '\n' && !m.empty() && m.back() == '\r') m.remove_suffix(1);
        pos_ = end + 1;
        scanned_ = 0;
        if (m.empty()) break;
        if (m.size() > max_) {
          m = m.substr(0, max_);
          truncated = true;
        }
        message.assign(m);
        return Step::kMessage;
      }
    }
  }
}

SyslogFramer::Step SyslogFramer::Finish(std::string& message, bool& truncated) {
  truncated = false;
  size_t avail = buf_.size() - pos_;
  if (mode_ == Mode::kCounted) return Step::kError;
  if (mode_ != Mode::kStart || avail == 0) return Step::kMore;
  std::string_view m(buf_.data() + pos_, avail);
  pos_ = buf_.size();
  if (!m.empty() && m.back() == '\r') m.remove_suffix(1);
  if (m.empty()) return Step::kMore;
  if (m.size() > max_) {
    m = m.substr(0, max_);
    truncated = true;
  }
  message.assign(m);
  return Step::kMessage;
}

}  // namespace sokuo::platform
