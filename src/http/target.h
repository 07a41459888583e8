// The request target of an HTTP request line ("/api/v1/incidents?state=reported&limit=5"):
// the path and the query parameters, percent-decoded. Outside data: malformed escapes are
// refused, never guessed at.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "base/error.h"

namespace sokuo::http {

struct Target {
  std::string path;  // decoded; always begins with '/'
  std::multimap<std::string, std::string> query;
};

// Refuses a target that is not origin-form ("/..."), a '%' not followed by two hex digits, and
// a decoded path holding a NUL byte. In the query, '+' is a space (HTML forms).
[[nodiscard]] Result<Target> ParseTarget(std::string_view target);

}  // namespace sokuo::http
