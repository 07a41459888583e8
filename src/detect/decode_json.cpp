// One JSON object per line, as `journalctl -o json`, Docker, Filebeat and most collectors write
// them. A small scanner of our own rather than a JSON library: it visits each member once and
// hands out views of the line, where a DOM would allocate a node per value.
//
// Names: a member of a nested object is "outer.inner"; every element of an array is a field of
// the array's name (an object inside an array gives "array.key" for each element). Values: a
// string unescaped, a number as written, true/false as text, null as NullValue().
#include <array>
#include <charconv>
#include <cstdint>

#include "detect/decode_internal.h"

namespace sokuo::detect::internal {
namespace {

// Deeper nesting is refused rather than followed: the scanner recurses once per level.
constexpr int kMaxDepth = 64;

// The top-level members that make a record a journal entry or give a generic record its time.
enum Member : size_t {
  kMessage,
  kRealtime,
  kHostname,
  kIdentifier,
  kComm,
  kSyslogPid,
  kPid,
  kPriority,
  kFacility,
  kAtTimestamp,
  kTimestamp,
  kTime,
  kMemberCount,
  kNone = kMemberCount,
};
constexpr std::array<std::string_view, kMemberCount> kMemberNames = {
    "MESSAGE",         "__REALTIME_TIMESTAMP", "_HOSTNAME", "SYSLOG_IDENTIFIER",
    "_COMM",           "SYSLOG_PID",           "_PID",      "PRIORITY",
    "SYSLOG_FACILITY", "@timestamp",           "timestamp", "time"};

Member Lookup(std::string_view key) {
  for (size_t i = 0; i < kMemberNames.size(); ++i) {
    if (key == kMemberNames[i]) return static_cast<Member>(i);
  }
  return kNone;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class JsonScanner {
 public:
  JsonScanner(std::string_view text, Event& e, std::string& name, std::string& value)
      : s_(text), e_(e), name_(name), value_(value) {
    name_.clear();
  }

  // The whole text: one object, with only white space around it.
  bool Scan() {
    SkipSpace();
    if (!At('{') || !Object(1)) return false;
    SkipSpace();
    return pos_ == s_.size();
  }

  // The stored value of each recognised top-level member given as a string or a number.
  std::array<std::optional<std::string_view>, kMemberCount> members;
  bool message_is_array = false;

 private:
  bool At(char c) const { return pos_ < s_.size() && s_[pos_] == c; }

  void SkipSpace() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\r' || s_[pos_] == '\n')) {
      ++pos_;
    }
  }

  bool Object(int depth) {
    ++pos_;  // '{'
    SkipSpace();
    if (At('}')) {
      ++pos_;
      return true;
    }
    size_t base = name_.size();
    while (true) {
      SkipSpace();
      if (!At('"')) return false;
      std::string_view key;
      bool copied = false;
      if (!String(key, copied)) return false;
      name_.resize(base);
      if (base > 0) name_ += '.';
      name_ += key;
      // A top-level name as written in the line needs no copy.
      name_is_view_ = depth == 1 && !copied;
      name_view_ = key;
      Member which = depth == 1 ? Lookup(key) : kNone;
      SkipSpace();
      if (!At(':')) return false;
      ++pos_;
      if (!Value(depth, which)) return false;
      SkipSpace();
      if (At(',')) {
        ++pos_;
        continue;
      }
      if (!At('}')) return false;
      ++pos_;
      break;
    }
    name_.resize(base);
    return true;
  }

  bool Array(int depth) {
    ++pos_;  // '['
    SkipSpace();
    if (At(']')) {
      ++pos_;
      return true;
    }
    while (true) {
      if (!Value(depth, kNone)) return false;
      SkipSpace();
      if (At(',')) {
        ++pos_;
        continue;
      }
      if (!At(']')) return false;
      ++pos_;
      return true;
    }
  }

  bool Value(int depth, Member which) {
    SkipSpace();
    if (pos_ >= s_.size()) return false;
    char c = s_[pos_];
    if (c == '"') {
      std::string_view text;
      bool copied = false;
      if (!String(text, copied)) return false;
      Remember(which, Emit(text, copied));
      return true;
    }
    if (c == '{' || c == '[') {
      if (depth >= kMaxDepth) return false;
      // The container's members rename as they go; its own name is still needed after it, by
      // the next elements of an array holding it.
      bool was_view = name_is_view_;
      std::string_view view = name_view_;
      bool ok;
      if (c == '{') {
        ok = Object(depth + 1);
      } else {
        if (which == kMessage) message_is_array = true;
        ok = Array(depth + 1);
      }
      name_is_view_ = was_view;
      name_view_ = view;
      return ok;
    }
    if (c == 't') return Literal("true", "true");
    if (c == 'f') return Literal("false", "false");
    if (c == 'n') return Literal("null", NullValue());
    std::string_view number;
    if (!Number(number)) return false;
    Remember(which, Emit(number, false));
    return true;
  }

  void Remember(Member which, std::optional<std::string_view> stored) {
    if (which != kNone && stored && !members[which]) members[which] = stored;
  }

  bool Literal(std::string_view word, std::string_view value) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    Emit(value, false);
    return true;
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  bool Number(std::string_view& out) {
    size_t start = pos_;
    if (At('-')) ++pos_;
    auto digits = [&] {
      size_t from = pos_;
      while (pos_ < s_.size() && IsDigit(s_[pos_])) ++pos_;
      return pos_ - from;
    };
    if (At('0')) {
      ++pos_;
    } else if (digits() == 0) {
      return false;
    }
    if (At('.')) {
      ++pos_;
      if (digits() == 0) return false;
    }
    if (At('e') || At('E')) {
      ++pos_;
      if (At('+') || At('-')) ++pos_;
      if (digits() == 0) return false;
    }
    out = s_.substr(start, pos_ - start);
    return true;
  }

  // At '"'. The text is a view of the line unless it had escapes; then it is unescaped into
  // value_, which the next string overwrites (copied tells which).
  bool String(std::string_view& out, bool& copied) {
    size_t start = ++pos_;
    while (pos_ < s_.size()) {
      unsigned char c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        out = s_.substr(start, pos_ - start);
        ++pos_;
        copied = false;
        return true;
      }
      if (c == '\\') break;
      if (c < 0x20) return false;
      ++pos_;
    }
    if (pos_ >= s_.size()) return false;
    value_.assign(s_.data() + start, pos_ - start);
    while (pos_ < s_.size()) {
      unsigned char c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        ++pos_;
        out = value_;
        copied = true;
        return true;
      }
      if (c < 0x20) return false;
      if (c != '\\') {
        value_ += static_cast<char>(c);
        ++pos_;
        continue;
      }
      if (pos_ + 1 >= s_.size()) return false;
      char escape = s_[pos_ + 1];
      pos_ += 2;
      switch (escape) {
        case '"':
        case '\\':
        case '/':
          value_ += escape;
          break;
        case 'b':
          value_ += '\b';
          break;
        case 'f':
          value_ += '\f';
          break;
        case 'n':
          value_ += '\n';
          break;
        case 'r':
          value_ += '\r';
          break;
        case 't':
          value_ += '\t';
          break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!Hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF && pos_ + 1 < s_.size() && s_[pos_] == '\\' &&
              s_[pos_ + 1] == 'u') {
            size_t save = pos_;
            pos_ += 2;
            std::uint32_t low = 0;
            if (Hex4(low) && low >= 0xDC00 && low <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else {
              pos_ = save;
            }
          }
          // A surrogate left alone has no UTF-8 form: the replacement character stands for it.
          if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
          AppendUtf8(value_, cp);
          break;
        }
        default:
          return false;
      }
    }
    return false;
  }

  bool Hex4(std::uint32_t& out) {
    if (pos_ + 4 > s_.size()) return false;
    out = 0;
    for (size_t i = 0; i < 4; ++i) {
      int d = HexDigit(s_[pos_ + i]);
      if (d < 0) return false;
      out = out * 16 + static_cast<std::uint32_t>(d);
    }
    pos_ += 4;
    return true;
  }

  // Adds the field for the current name; the value as stored (nullopt when the name is empty,
  // as for {"": 1}, which no rule can name).
  std::optional<std::string_view> Emit(std::string_view value, bool copied) {
    // A dotted name longer than any a rule would write, or a line that has already made four
    // times its size in names and values, adds no more fields: one line of many nested members
    // under a long key must not take memory by the square of its length.
    if (name_.size() > kMaxName || kept_bytes_ > 4 * s_.size() + 4096) return std::nullopt;
    kept_bytes_ += name_is_view_ ? 0 : name_.size();
    kept_bytes_ += copied ? value.size() : 0;
    std::string_view name;
    if (name_is_view_) {
      name = name_view_;
    } else {
      // The elements of an array share one copy of their name.
      if (kept_name_.empty() || kept_name_ != name_) kept_name_ = e_.Keep(name_);
      name = kept_name_;
    }
    if (name.empty()) return std::nullopt;
    std::string_view stored = copied ? e_.Keep(value) : value;
    e_.Add(name, stored);
    return stored;
  }

  static constexpr size_t kMaxName = 512;
  size_t kept_bytes_ = 0;
  std::string_view s_;
  size_t pos_ = 0;
  Event& e_;
  std::string& name_;   // the dotted name of the member being read
  std::string& value_;  // the unescaped text of the last string with escapes
  bool name_is_view_ = false;
  std::string_view name_view_;
  std::string_view kept_name_;
};

// __REALTIME_TIMESTAMP: microseconds since the epoch, as decimal text.
std::optional<Timestamp> Microseconds(std::string_view text) {
  if (!AllDigits(text) || text.size() > 18) return std::nullopt;
  std::int64_t us = 0;
  std::from_chars(text.data(), text.data() + text.size(), us);
  Timestamp t{std::chrono::seconds(us / 1000000)};
  if (!InRange(t)) return std::nullopt;
  return t;
}

}  // namespace

bool DecodeJson(std::string_view line, Event& e, std::string& name_scratch,
                std::string& value_scratch) {
  JsonScanner scan(line, e, name_scratch, value_scratch);
  if (!scan.Scan()) return false;
  auto member = [&](Member m) { return scan.members[m].value_or(std::string_view()); };
  if ((scan.members[kMessage] || scan.message_is_array) && scan.members[kRealtime]) {
    // A journal entry: decoded as the syslog line it stands for, its members kept as they are.
    e.time = Microseconds(member(kRealtime));
    std::string_view program = member(kIdentifier).empty() ? member(kComm) : member(kIdentifier);
    std::string_view pid = member(kSyslogPid).empty() ? member(kPid) : member(kSyslogPid);
    if (!member(kHostname).empty()) e.Add("host", member(kHostname));
    if (!program.empty()) e.Add("program", program);
    if (!pid.empty()) e.Add("pid", pid);
    if (!member(kFacility).empty()) e.Add("facility", member(kFacility));
    if (!member(kPriority).empty()) e.Add("severity", member(kPriority));
    // MESSAGE as an array of byte values is binary: its fields stay, there is no text to parse.
    std::string_view message;
    if (scan.members[kMessage]) {
      message = Trim(member(kMessage));
      e.set_message(message);
      e.Add("message", message);
    }
    DecodeLinuxMessage(program, {}, message, e);
    return true;
  }
  for (Member m : {kAtTimestamp, kTimestamp, kTime}) {
    if (!scan.members[m]) continue;
    e.time = ParseTime(*scan.members[m]);
    if (e.time) break;
  }
  return true;
}

}  // namespace sokuo::detect::internal
