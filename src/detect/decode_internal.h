// What the decoders of decode.cpp share: scanning over string_view, the record types more than one
// format carries (syslog lines and journal entries both hold a Linux program's message), and the
// entry points of the formats. Not part of the layer's interface.
//
// Every scanner here reads only inside the view it is given and returns false, or adds nothing,
// on a shape it does not know: the input is whatever a log file holds, including binary junk.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/time.h"
#include "detect/event.h"

namespace sokuo::detect::internal {

constexpr bool IsDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

inline bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// The two digits at pos, as a number.
inline bool TwoDigits(std::string_view s, size_t pos, int& out) {
  if (pos + 2 > s.size() || !IsDigit(s[pos]) || !IsDigit(s[pos + 1])) return false;
  out = (s[pos] - '0') * 10 + (s[pos + 1] - '0');
  return true;
}

// Removes `prefix` from the front of `s` when it is there.
inline bool Consume(std::string_view& s, std::string_view prefix) {
  if (!s.starts_with(prefix)) return false;
  s.remove_prefix(prefix.size());
  return true;
}

inline std::string_view TrimLeft(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && IsSpace(s[i])) ++i;
  return s.substr(i);
}

inline std::string_view TrimRight(std::string_view s) {
  size_t n = s.size();
  while (n > 0 && IsSpace(s[n - 1])) --n;
  return s.substr(0, n);
}

inline std::string_view Trim(std::string_view s) { return TrimRight(TrimLeft(s)); }

// The text before the first `sep` (s keeps what follows it); nullopt, s untouched, without one.
inline std::optional<std::string_view> CutAt(std::string_view& s, std::string_view sep) {
  size_t at = s.find(sep);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view head = s.substr(0, at);
  s.remove_prefix(at + sep.size());
  return head;
}

// The text up to the first space (s keeps the rest, starting at that space).
inline std::string_view Word(std::string_view& s) {
  size_t at = s.find(' ');
  if (at == std::string_view::npos) at = s.size();
  std::string_view word = s.substr(0, at);
  s.remove_prefix(at);
  return word;
}

// 1..12 for "Jan".."Dec" (case as written in logs), 0 otherwise.
int MonthNumber(std::string_view name);
// The last day a month can have in any year (29 for February).
int MaxDay(int month);

// Only instants in years 1970..9999 are kept: the rules and the store compare RFC 3339 text,
// which has four-digit years, and no log predates the epoch.
bool InRange(Timestamp t);
// The instant of a civil UTC time whose parts were range-checked (day may still not exist in
// that year: Feb 29); nullopt when it does not exist or is out of range.
std::optional<Timestamp> CivilTime(int year, int month, int day, int hour, int minute, int second);
// An RFC 3339 text ("2026-11-27T01:02:03.123456+09:00"), when it is one and in range.
std::optional<Timestamp> ParseTime(std::string_view text);

// "0".."191" as static text, for the parts of a syslog PRI.
std::string_view SmallNumber(int n);

// `s` lower-cased: `s` itself when it has no upper-case letter, else a copy kept in `event`.
std::string_view Lower(std::string_view s, Event& event);

// The log source of a Linux program's record (product linux; services: the program, and "auth"
// or "syslog"), and its message parsed into an `event` kind and details (decode_auth.cpp).
// `pam_module` is the module named in a tag such as "sshd(pam_unix)".
void DecodeLinuxMessage(std::string_view program, std::string_view pam_module,
                        std::string_view message, Event& event);

// An RFC 3164 time as the line gives it; month 0 when the line had none (RFC 5424 and RFC 3339
// times are complete: they go straight into event.time).
struct SyslogClock {
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
};

// The formats' entry points. Each fills `event` (already Reset to the line) and returns false
// when the line is not of the format, possibly after adding some fields: the caller resets it.
bool DecodeSyslog(std::string_view line, Event& event, SyslogClock& clock, std::string& scratch);
bool DecodeJson(std::string_view line, Event& event, std::string& name_scratch,
                std::string& value_scratch);
bool DecodeAccess(std::string_view line, Event& event, std::string& scratch);
bool LooksLikeAccess(std::string_view line);

// The text up to the next unescaped quote of s (the opening quote already consumed); s keeps
// what follows the closing one; `escaped` says whether a backslash escape occurred inside.
bool QuotedText(std::string_view& s, std::string_view& out, bool& escaped);

}  // namespace sokuo::detect::internal
