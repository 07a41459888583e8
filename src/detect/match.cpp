#include "detect/match.h"

#include <arpa/inet.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>

namespace sokuo::detect {
namespace {

inline char Fold(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool EqualAt(std::string_view value, size_t at, std::string_view lowered, bool cased) {
  if (at + lowered.size() > value.size()) return false;
  if (cased) return value.compare(at, lowered.size(), lowered) == 0;
  for (size_t i = 0; i < lowered.size(); ++i) {
    if (Fold(value[at + i]) != lowered[i]) return false;
  }
  return true;
}

bool Find(std::string_view value, std::string_view needle, bool cased) {
  if (needle.empty()) return true;
  if (cased) return value.find(needle) != std::string_view::npos;
  if (needle.size() > value.size()) return false;
  char first = needle[0];
  char upper = (first >= 'a' && first <= 'z') ? static_cast<char>(first - 32) : first;
  size_t last = value.size() - needle.size();
  for (size_t i = 0; i <= last; ++i) {
    if ((value[i] == first || value[i] == upper) && EqualAt(value, i, needle, false)) return true;
  }
  return false;
}

// The length of the UTF-8 character starting at value[i] (1 for a stray byte).
size_t CharLength(std::string_view value, size_t i) {
  auto b = static_cast<unsigned char>(value[i]);
  size_t len = b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  for (size_t k = 1; k < len; ++k) {
    if (i + k >= value.size() || (static_cast<unsigned char>(value[i + k]) & 0xC0) != 0x80) {
      return 1;
    }
  }
  return len;
}

// Wildcard matching with one backtracking point: the last `*` seen takes one more character
// whenever the rest fails, which is enough for `*` and `?` (no pattern can make this worse than
// pattern × value steps).
bool Glob(std::string_view pat, std::string_view kinds, std::string_view value, bool cased) {
  size_t p = 0, v = 0;
  size_t star_p = std::string_view::npos, star_v = 0;
  while (v < value.size()) {
    if (p < pat.size() && kinds[p] == '?') {
      v += CharLength(value, v);
      ++p;
    } else if (p < pat.size() && kinds[p] == '*') {
      star_p = p++;
      star_v = v;
    } else if (p < pat.size() && kinds[p] == 0 &&
               (cased ? pat[p] == value[v] : pat[p] == Fold(value[v]))) {
      ++p;
      ++v;
    } else if (star_p != std::string_view::npos) {
      p = star_p + 1;
      star_v += CharLength(value, star_v);
      v = star_v;
    } else {
      return false;
    }
  }
  while (p < pat.size() && kinds[p] == '*') ++p;
  return p == pat.size();
}

std::optional<int> ReadInt(std::string_view s, size_t at, size_t len) {
  if (at + len > s.size()) return std::nullopt;
  int v = 0;
  for (size_t i = at; i < at + len; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

}  // namespace

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Fold(c);
  return out;
}

StringMatcher::StringMatcher(const SigmaString& pattern, bool cased) : cased_(cased) {
  auto fold = [&](std::string_view t) { return cased ? std::string(t) : Lower(t); };
  bool lead = !pattern.empty() && pattern.front().wildcard == '*';
  bool trail = pattern.size() > 1 && pattern.back().wildcard == '*';
  size_t inner_from = lead ? 1 : 0;
  size_t inner_to = pattern.size() - (trail ? 1 : 0);
  bool simple =
      inner_to - inner_from <= 1 && (inner_to == inner_from || pattern[inner_from].wildcard == 0);
  if (simple) {
    text_ = inner_to > inner_from ? fold(pattern[inner_from].text) : "";
    shape_ = lead && trail ? Shape::kContains
             : lead        ? Shape::kSuffix
             : trail       ? Shape::kPrefix
                           : Shape::kExact;
    return;
  }
  shape_ = Shape::kGlob;
  for (const Piece& p : pattern) {
    if (p.wildcard != 0) {
      glob_ += p.wildcard;
      glob_kinds_ += p.wildcard;
    } else {
      glob_ += fold(p.text);
      glob_kinds_.append(p.text.size(), '\0');
    }
  }
}

bool StringMatcher::Match(std::string_view value) const {
  switch (shape_) {
    case Shape::kExact:
      return value.size() == text_.size() && EqualAt(value, 0, text_, cased_);
    case Shape::kPrefix:
      return EqualAt(value, 0, text_, cased_);
    case Shape::kSuffix:
      return value.size() >= text_.size() &&
             EqualAt(value, value.size() - text_.size(), text_, cased_);
    case Shape::kContains:
      return Find(value, text_, cased_);
    case Shape::kGlob:
      return Glob(glob_, glob_kinds_, value, cased_);
  }
  return false;
}

std::optional<Network> ParseNetwork(std::string_view text) {
  Network n;
  size_t slash = text.find('/');
  std::string addr(text.substr(0, slash));
  if (inet_pton(AF_INET, addr.c_str(), n.address.data()) == 1) {
    n.prefix = 32;
  } else if (inet_pton(AF_INET6, addr.c_str(), n.address.data()) == 1) {
    n.v6 = true;
    n.prefix = 128;
  } else {
    return std::nullopt;
  }
  if (slash != std::string_view::npos) {
    std::string_view bits = text.substr(slash + 1);
    int prefix = -1;
    auto [end, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
    if (ec != std::errc() || end != bits.data() + bits.size() || prefix < 0 || prefix > n.prefix) {
      return std::nullopt;
    }
    n.prefix = prefix;
  }
  return n;
}

bool Network::Contains(std::string_view ip) const {
  char buf[64];
  if (ip.empty() || ip.size() >= sizeof buf) return false;
  std::memcpy(buf, ip.data(), ip.size());
  buf[ip.size()] = '\0';
  std::array<std::uint8_t, 16> a{};
  if (inet_pton(v6 ? AF_INET6 : AF_INET, buf, a.data()) != 1) return false;
  int full = prefix / 8, rest = prefix % 8;
  if (std::memcmp(a.data(), address.data(), static_cast<size_t>(full)) != 0) return false;
  if (rest == 0) return true;
  auto mask = static_cast<std::uint8_t>(0xFF << (8 - rest));
  return (a[static_cast<size_t>(full)] & mask) == (address[static_cast<size_t>(full)] & mask);
}

std::optional<double> ParseNumber(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double d = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
  // "inf" and "nan" are words in a log, not numbers.
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(d)) {
    return std::nullopt;
  }
  return d;
}

bool Compare(double value, std::string_view comparison, double bound) {
  if (comparison == "lt") return value < bound;
  if (comparison == "lte") return value <= bound;
  if (comparison == "gt") return value > bound;
  if (comparison == "gte") return value >= bound;
  return false;
}

std::optional<int> TimePart(std::string_view value, std::string_view part) {
  auto y = ReadInt(value, 0, 4), mo = ReadInt(value, 5, 2), d = ReadInt(value, 8, 2);
  if (!y || !mo || !d || value[4] != '-' || value[7] != '-') return std::nullopt;
  std::chrono::year_month_day day{std::chrono::year(*y),
                                  std::chrono::month(static_cast<unsigned>(*mo)),
                                  std::chrono::day(static_cast<unsigned>(*d))};
  if (!day.ok()) return std::nullopt;
  if (part == "year") return *y;
  if (part == "month") return *mo;
  if (part == "day") return *d;
  if (part == "week") {
    // ISO 8601: the week with the year's first Thursday is week 1.
    std::chrono::sys_days sd(day);
    std::chrono::weekday wd(sd);
    int iso = static_cast<int>(wd.iso_encoding());  // Monday 1 … Sunday 7
    std::chrono::sys_days thursday = sd + std::chrono::days(4 - iso);
    std::chrono::year_month_day ty(thursday);
    std::chrono::sys_days jan1(ty.year() / std::chrono::January / 1);
    return static_cast<int>((thursday - jan1).count() / 7 + 1);
  }
  if (value.size() < 16 || (value[10] != 'T' && value[10] != ' ') || value[13] != ':') {
    return std::nullopt;
  }
  auto h = ReadInt(value, 11, 2), mi = ReadInt(value, 14, 2);
  if (!h || !mi || *h > 23 || *mi > 59) return std::nullopt;
  if (part == "hour") return *h;
  if (part == "minute") return *mi;
  return std::nullopt;
}

bool CompareFields(std::string_view value, std::string_view other, bool starts, bool ends,
                   bool cased) {
  auto same_at = [&](size_t at) {
    if (at + other.size() > value.size()) return false;
    for (size_t i = 0; i < other.size(); ++i) {
      char a = value[at + i], b = other[i];
      if (cased ? a != b : Fold(a) != Fold(b)) return false;
    }
    return true;
  };
  if (other.size() > value.size()) return false;
  if (starts && ends) {
    for (size_t at = 0; at + other.size() <= value.size(); ++at) {
      if (same_at(at)) return true;
    }
    return false;
  }
  if (starts) return same_at(0);
  if (ends) return same_at(value.size() - other.size());
  return value.size() == other.size() && same_at(0);
}

}  // namespace sokuo::detect
