// Syslog lines. Three header shapes, each with or without a leading "<PRI>":
//   RFC 3164   "Dec 10 06:55:46 host sshd[24200]: msg"      (day may be space-padded: "Dec  1")
//   RFC 3339   "2026-11-27T01:02:03.123456+09:00 host sshd[24200]: msg"   (rsyslog's precise form)
//   RFC 5424   "1 2026-11-27T01:02:03.5Z host app 123 ID47 [id p=\"v\"] msg"
#include <array>

#include "detect/decode_internal.h"

namespace sokuo::detect::internal {
namespace {

bool At(std::string_view s, size_t pos, char c) { return pos < s.size() && s[pos] == c; }

// "<PRI>": one to three digits, at most 191 (facility 23, severity 7). pri is -1 without one;
// false for a '<' that does not start a valid PRI.
bool ReadPri(std::string_view& s, int& pri) {
  pri = -1;
  if (s.empty() || s[0] != '<') return true;
  size_t i = 1;
  int value = 0;
  while (i < s.size() && i <= 3 && IsDigit(s[i])) {
    value = value * 10 + (s[i] - '0');
    ++i;
  }
  if (i == 1 || !At(s, i, '>') || value > 191) return false;
  pri = value;
  s.remove_prefix(i + 1);
  return true;
}

// "Mmm dd hh:mm:ss", with an optional fraction some relays add to the seconds.
bool ReadRfc3164Time(std::string_view& s, SyslogClock& clock) {
  if (s.size() < 4 || s[3] != ' ') return false;
  int month = MonthNumber(s.substr(0, 3));
  if (month == 0) return false;
  size_t i = 4;
  if (At(s, i, ' ')) ++i;
  int day = 0;
  size_t digits = 0;
  while (i < s.size() && digits < 2 && IsDigit(s[i])) {
    day = day * 10 + (s[i] - '0');
    ++i;
    ++digits;
  }
  if (digits == 0 || day < 1 || day > MaxDay(month) || !At(s, i, ' ')) return false;
  ++i;
  int hour = 0, minute = 0, second = 0;
  if (!TwoDigits(s, i, hour) || !At(s, i + 2, ':') || !TwoDigits(s, i + 3, minute) ||
      !At(s, i + 5, ':') || !TwoDigits(s, i + 6, second) || hour > 23 || minute > 59 ||
      second > 60) {
    return false;
  }
  i += 8;
  if (At(s, i, '.')) {
    size_t start = ++i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i == start) return false;
  }
  s.remove_prefix(i);
  // A leap second is read as the last second of its minute, as base's RFC 3339 parser does.
  clock = {month, day, hour, minute, second == 60 ? 59 : second};
  return true;
}

struct Tag {
  std::string_view program;
  std::string_view pam_module;
  std::string_view pid;
};

// "TAG[PID]: MSG" or "TAG: MSG" at the start of `rest`; without either, the whole of `rest` is
// the message and there is no program. A tag "sshd(pam_unix)" (old pam_unix) names the program
// and the PAM module; "syslogd 1.4.1:" (sysklogd) gives its version after a space.
std::string_view ReadTag(std::string_view rest, Tag& tag) {
  size_t i = 0;
  while (i < rest.size() && rest[i] != ' ' && rest[i] != '[' && rest[i] != ':') ++i;
  std::string_view name = rest.substr(0, i);
  if (name.empty()) return rest;
  std::string_view pid;
  size_t j = i;
  if (At(rest, j, '[')) {
    size_t k = j + 1;
    while (k < rest.size() && IsDigit(rest[k])) ++k;
    if (k == j + 1 || !At(rest, k, ']')) return rest;
    pid = rest.substr(j + 1, k - j - 1);
    j = k + 1;
  }
  std::string_view message;
  if (At(rest, j, ':')) {
    message = rest.substr(j + 1);
  } else if (pid.empty() && At(rest, j, ' ') && j + 1 < rest.size() && IsDigit(rest[j + 1])) {
    size_t k = j + 1;
    while (k < rest.size() && (IsDigit(rest[k]) || rest[k] == '.')) ++k;
    if (!At(rest, k, ':')) return rest;
    message = rest.substr(k + 1);
  } else {
    return rest;
  }
  tag.program = name;
  tag.pid = pid;
  size_t open = name.find('(');
  if (open != std::string_view::npos && open > 0 && name.back() == ')' && open + 2 < name.size()) {
    tag.program = name.substr(0, open);
    tag.pam_module = name.substr(open + 1, name.size() - open - 2);
  }
  return message;
}

// What follows the time in RFC 3164 and RFC 3339 lines: " HOST TAG: MSG". The host is left out
// by some local writers ("Dec 10 06:55:46 sshd[1]: …"): a first word with '[' or ending in ':'
// is a tag, never a host name.
bool ReadHostAndTag(std::string_view s, Event& e) {
  if (s.empty() || s[0] != ' ') return false;
  s = TrimLeft(s);
  if (s.empty()) return false;
  std::string_view rest = s;
  std::string_view first = Word(rest);
  if (first.find('[') == std::string_view::npos && first.back() != ':') {
    e.Add("host", first);
    s = TrimLeft(rest);
  }
  Tag tag;
  // Kernel records indent to show structure; rules compare the words, as loghub's ground truth
  // does.
  std::string_view message = Trim(ReadTag(s, tag));
  if (!tag.program.empty()) e.Add("program", tag.program);
  if (!tag.pam_module.empty()) e.Add("pam_module", tag.pam_module);
  if (!tag.pid.empty()) e.Add("pid", tag.pid);
  e.Add("message", message);
  DecodeLinuxMessage(tag.program, tag.pam_module, message, e);
  return true;
}

// SD-NAME: 1..32 printable characters other than '=', ' ', ']' and '"'.
std::string_view SdName(std::string_view& s) {
  size_t i = 0;
  while (i < s.size() && i <= 32 && s[i] > ' ' && s[i] != '=' && s[i] != ']' && s[i] != '"' &&
         s[i] != 0x7f) {
    ++i;
  }
  if (i == 0 || i > 32) return {};
  std::string_view name = s.substr(0, i);
  s.remove_prefix(i);
  return name;
}

// STRUCTURED-DATA: "-" or one or more "[SD-ID NAME="value" …]". Each parameter becomes the field
// sd.<SD-ID>.<NAME>; in values \" \\ and \] stand for the character (RFC 5424 6.3.3), any other
// backslash is itself.
bool ReadStructuredData(std::string_view& s, Event& e, std::string& scratch) {
  if (At(s, 0, '-')) {
    s.remove_prefix(1);
    return true;
  }
  if (!At(s, 0, '[')) return false;
  while (At(s, 0, '[')) {
    s.remove_prefix(1);
    std::string_view id = SdName(s);
    if (id.empty()) return false;
    while (true) {
      if (At(s, 0, ']')) {
        s.remove_prefix(1);
        break;
      }
      if (!At(s, 0, ' ')) return false;
      s.remove_prefix(1);
      std::string_view param = SdName(s);
      if (param.empty() || !At(s, 0, '=') || !At(s, 1, '"')) return false;
      s.remove_prefix(2);
      std::string_view value;
      bool escaped = false;
      if (!QuotedText(s, value, escaped)) return false;
      // Both names are at most 32 bytes (SdName), so the joined name fits.
      std::array<char, 3 + 32 + 1 + 32> joined;
      size_t n = 0;
      for (char c : std::string_view("sd.")) joined[n++] = c;
      for (char c : id) joined[n++] = c;
      joined[n++] = '.';
      for (char c : param) joined[n++] = c;
      std::string_view name = e.Keep(std::string_view(joined.data(), n));
      if (escaped) {
        scratch.clear();
        for (size_t k = 0; k < value.size(); ++k) {
          if (value[k] == '\\' && k + 1 < value.size() &&
              (value[k + 1] == '"' || value[k + 1] == '\\' || value[k + 1] == ']')) {
            ++k;
          }
          scratch += value[k];
        }
        value = e.Keep(scratch);
      }
      e.Add(name, value);
    }
  }
  return true;
}

// RFC 5424 after "VERSION ": TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [MSG], one
// space apart, "-" for a nil value.
bool ReadRfc5424(std::string_view s, Event& e, std::string& scratch) {
  std::array<std::string_view, 5> header;  // timestamp, host, app, procid, msgid
  for (std::string_view& part : header) {
    part = Word(s);
    if (part.empty() || !At(s, 0, ' ')) return false;
    s.remove_prefix(1);
  }
  auto value = [](std::string_view v) { return v == "-" ? std::string_view() : v; };
  if (header[0] != "-") {
    e.time = ParseTime(header[0]);
    if (!e.time) return false;
  }
  std::string_view program = value(header[2]);
  if (!value(header[1]).empty()) e.Add("host", header[1]);
  if (!program.empty()) e.Add("program", program);
  if (!value(header[3]).empty()) e.Add("pid", header[3]);
  if (!value(header[4]).empty()) e.Add("msgid", header[4]);
  if (!ReadStructuredData(s, e, scratch)) return false;
  std::string_view message;
  if (!s.empty()) {
    if (s[0] != ' ') return false;
    message = s.substr(1);
    // RFC 5424 marks a UTF-8 message with a byte-order mark.
    Consume(message, "\xEF\xBB\xBF");
  }
  message = Trim(message);
  e.Add("message", message);
  DecodeLinuxMessage(program, {}, message, e);
  return true;
}

}  // namespace

bool DecodeSyslog(std::string_view line, Event& e, SyslogClock& clock, std::string& scratch) {
  std::string_view s = line;
  int pri = -1;
  if (!ReadPri(s, pri)) return false;
  if (pri >= 0) {
    e.Add("facility", SmallNumber(pri / 8));
    e.Add("severity", SmallNumber(pri % 8));
  }
  // RFC 5424 begins with its version, a number; the other shapes with a month or a year.
  size_t digits = 0;
  while (digits < s.size() && digits < 3 && IsDigit(s[digits])) ++digits;
  if (digits > 0 && At(s, digits, ' ')) return ReadRfc5424(s.substr(digits + 1), e, scratch);
  if (digits >= 3 && s.size() > 4 && IsDigit(s[3]) && s[4] == '-') {
    std::string_view rest = s;
    e.time = ParseTime(Word(rest));
    if (!e.time) return false;
    return ReadHostAndTag(rest, e);
  }
  if (!ReadRfc3164Time(s, clock)) return false;
  return ReadHostAndTag(s, e);
}

}  // namespace sokuo::detect::internal
