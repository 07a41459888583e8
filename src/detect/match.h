// The comparisons a compiled rule makes on one field value: Sigma strings (case-insensitive
// over ASCII unless cased, `*` any run, `?` one character), networks, numbers, the parts of a
// date and one field against another. None allocates.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "detect/values.h"

namespace sokuo::detect {

std::string Lower(std::string_view s);

class StringMatcher {
 public:
  StringMatcher(const SigmaString& pattern, bool cased);
  bool Match(std::string_view value) const;

 private:
  enum class Shape { kExact, kPrefix, kSuffix, kContains, kGlob };
  Shape shape_ = Shape::kExact;
  bool cased_ = false;
  std::string text_;        // the literal (lower case unless cased)
  std::string glob_;        // kGlob: the pattern bytes
  std::string glob_kinds_;  // kGlob: per byte 0 literal, '*' or '?'
};

// An IPv4 or IPv6 network ("10.0.0.0/8", "2001:db8::/32"; an address alone is a /32 or /128).
struct Network {
  std::array<std::uint8_t, 16> address{};
  bool v6 = false;
  int prefix = 0;
  bool Contains(std::string_view ip) const;
};
std::optional<Network> ParseNetwork(std::string_view text);

// A field value read as a number ("42", "-1.5", "1e3"); nullopt when it is not one.
std::optional<double> ParseNumber(std::string_view text);
// "lt", "lte", "gt", "gte".
bool Compare(double value, std::string_view comparison, double bound);
// The minute, hour, day, week (ISO), month or year of a "YYYY-MM-DD[ T]HH:MM…" value, as written
// (no zone conversion, as the specification says).
std::optional<int> TimePart(std::string_view value, std::string_view part);
// fieldref: equal, or a prefix (starts), suffix (ends) or part (both) of the other value.
bool CompareFields(std::string_view value, std::string_view other, bool starts, bool ends,
                   bool cased);

}  // namespace sokuo::detect
