// Web server access logs in the NCSA common and combined formats (Apache's and nginx's defaults):
//   HOST IDENT AUTHUSER [10/Oct/2000:13:55:36 -0700] "REQUEST" STATUS BYTES ["REFERER" "AGENT"]
// with the W3C extended names Sigma's webserver rules use (c-ip, cs-method, cs-uri-stem…).
#include <array>
#include <chrono>

#include "detect/decode_internal.h"

namespace sokuo::detect::internal {

// The text between quotes at the start of s (after the opening quote, which the caller
// consumed); s keeps what follows the closing one. A quote inside is written \" (Apache).
bool QuotedText(std::string_view& s, std::string_view& out, bool& escaped) {
  escaped = false;
  size_t i = 0;
  while (i < s.size() && s[i] != '"') {
    if (s[i] == '\\' && i + 1 < s.size()) {
      escaped = true;
      ++i;
    }
    ++i;
  }
  if (i >= s.size()) return false;
  out = s.substr(0, i);
  s.remove_prefix(i + 1);
  return true;
}

namespace {

// \" and \\ stand for the character; Apache's \xhh for other bytes stays as written, as rules
// for encoded attacks expect to see it.
std::string_view Unescape(std::string_view text, Event& e, std::string& scratch) {
  scratch.clear();
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && (text[i + 1] == '"' || text[i + 1] == '\\')) {
      ++i;
    }
    scratch += text[i];
  }
  return e.Keep(scratch);
}

enum class Stamp { kOk, kOutOfRange, kInvalid };

// "[10/Oct/2000:13:55:36 -0700]": 28 bytes.
Stamp ReadStamp(std::string_view s, Timestamp& t) {
  int day = 0, year_hi = 0, year_lo = 0, hour = 0, minute = 0, second = 0, off_h = 0, off_m = 0;
  if (s.size() < 28 || s[0] != '[' || !TwoDigits(s, 1, day) || s[3] != '/' || s[7] != '/' ||
      !TwoDigits(s, 8, year_hi) || !TwoDigits(s, 10, year_lo) || s[12] != ':' ||
      !TwoDigits(s, 13, hour) || s[15] != ':' || !TwoDigits(s, 16, minute) || s[18] != ':' ||
      !TwoDigits(s, 19, second) || s[21] != ' ' || (s[22] != '+' && s[22] != '-') ||
      !TwoDigits(s, 23, off_h) || !TwoDigits(s, 25, off_m) || s[27] != ']') {
    return Stamp::kInvalid;
  }
  int month = MonthNumber(s.substr(4, 3));
  int year = year_hi * 100 + year_lo;
  if (month == 0 || day < 1 || day > MaxDay(month) || hour > 23 || minute > 59 || second > 60 ||
      off_h > 23 || off_m > 59) {
    return Stamp::kInvalid;
  }
  std::chrono::year_month_day ymd{std::chrono::year(year),
                                  std::chrono::month(static_cast<unsigned>(month)),
                                  std::chrono::day(static_cast<unsigned>(day))};
  if (!ymd.ok()) return Stamp::kInvalid;  // Feb 29 of a common year
  std::optional<Timestamp> local =
      CivilTime(year, month, day, hour, minute, second == 60 ? 59 : second);
  if (!local) return Stamp::kOutOfRange;
  int offset = (off_h * 60 + off_m) * (s[22] == '-' ? -1 : 1);
  t = *local - std::chrono::minutes(offset);
  return InRange(t) ? Stamp::kOk : Stamp::kOutOfRange;
}

// The "date" and "time" fields of W3C logs, in UTC: "2000-10-10" and "20:55:36".
void AddDateAndTime(Timestamp t, Event& e) {
  auto days = std::chrono::floor<std::chrono::days>(t);
  std::chrono::year_month_day ymd{days};
  std::chrono::hh_mm_ss hms{t - days};
  auto put = [](char* at, int value, int width) {
    for (int i = width - 1; i >= 0; --i) {
      at[i] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
  };
  std::array<char, 10> date;
  put(&date[0], static_cast<int>(ymd.year()), 4);
  date[4] = '-';
  put(&date[5], static_cast<int>(static_cast<unsigned>(ymd.month())), 2);
  date[7] = '-';
  put(&date[8], static_cast<int>(static_cast<unsigned>(ymd.day())), 2);
  std::array<char, 8> time;
  put(&time[0], static_cast<int>(hms.hours().count()), 2);
  time[2] = ':';
  put(&time[3], static_cast<int>(hms.minutes().count()), 2);
  time[5] = ':';
  put(&time[6], static_cast<int>(hms.seconds().count()), 2);
  e.Add("date", e.Keep(std::string_view(date.data(), date.size())));
  e.Add("time", e.Keep(std::string_view(time.data(), time.size())));
}

bool IsMethod(std::string_view m) {
  if (m.empty()) return false;
  for (char c : m) {
    if (!((c >= 'A' && c <= 'Z') || c == '-' || c == '_')) return false;
  }
  return true;
}

// "GET /a.gif?x=1 HTTP/1.0"; anything else (a scanner's binary junk, "-") gives no fields.
void AddRequest(std::string_view request, Event& e) {
  std::string_view method = Word(request);
  if (!IsMethod(method) || !Consume(request, " ")) return;
  std::string_view target = Word(request);
  if (target.empty() || !Consume(request, " ")) return;
  std::string_view version = request;
  if (!version.starts_with("HTTP/") || version.find(' ') != std::string_view::npos) return;
  e.Add("cs-method", method);
  e.Add("cs-uri", target);
  size_t question = target.find('?');
  e.Add("cs-uri-stem", target.substr(0, question));
  if (question != std::string_view::npos) e.Add("cs-uri-query", target.substr(question + 1));
  e.Add("cs-version", version);
}

}  // namespace

bool LooksLikeAccess(std::string_view s) {
  for (int i = 0; i < 3; ++i) {
    if (Word(s).empty() || !Consume(s, " ")) return false;
  }
  return s.size() >= 13 && s[0] == '[' && IsDigit(s[1]) && IsDigit(s[2]) && s[3] == '/' &&
         MonthNumber(s.substr(4, 3)) != 0 && s[7] == '/' && AllDigits(s.substr(8, 4)) &&
         s[12] == ':';
}

bool DecodeAccess(std::string_view line, Event& e, std::string& scratch) {
  std::string_view s = TrimRight(line);
  std::array<std::string_view, 3> words;  // host, ident, authuser
  for (std::string_view& w : words) {
    w = Word(s);
    if (w.empty() || !Consume(s, " ")) return false;
  }
  Timestamp t;
  Stamp stamp = ReadStamp(s, t);
  if (stamp == Stamp::kInvalid) return false;
  s.remove_prefix(28);
  std::string_view request;
  bool request_escaped = false;
  if (!Consume(s, " \"") || !QuotedText(s, request, request_escaped) || !Consume(s, " ")) {
    return false;
  }
  std::string_view status = Word(s);
  if (status.size() != 3 || !AllDigits(status) || !Consume(s, " ")) return false;
  std::string_view bytes = Word(s);
  if (bytes != "-" && !AllDigits(bytes)) return false;
  // Combined adds two quoted strings; what may follow them (nginx extras) is left alone.
  std::string_view referer, agent;
  bool referer_escaped = false, agent_escaped = false;
  bool combined = Consume(s, " \"") && QuotedText(s, referer, referer_escaped) &&
                  Consume(s, " \"") && QuotedText(s, agent, agent_escaped);

  e.Add("c-ip", words[0]);
  if (words[2] != "-") e.Add("cs-username", words[2]);
  if (stamp == Stamp::kOk) {
    e.time = t;
    AddDateAndTime(t, e);
  }
  AddRequest(request_escaped ? Unescape(request, e, scratch) : request, e);
  e.Add("sc-status", status);
  if (bytes != "-") e.Add("sc-bytes", bytes);
  if (combined) {
    if (referer != "-") {
      e.Add("cs-referer", referer_escaped ? Unescape(referer, e, scratch) : referer);
    }
    if (agent != "-") {
      e.Add("cs-user-agent", agent_escaped ? Unescape(agent, e, scratch) : agent);
    }
  }
  e.category = "webserver";
  e.services[0] = "access";
  return true;
}

}  // namespace sokuo::detect::internal
