// Fuzz target for the request target (the URL of the request line): any bytes give a decoded
// path and query or a refusal with a message, never a crash, a hang or a leak. The same bytes as
// an Accept-Encoding header and as an If-None-Match header: an answer either way, and never
// acceptance of what it does not name.
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/encoding.h"
#include "http/target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto target = sokuo::http::ParseTarget(text);
  if (!target && target.error().msg.empty()) std::abort();
  if (target && (target->path.empty() || target->path.front() != '/')) std::abort();
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool names_it = lower.find("gzip") != std::string::npos || lower.find('*') != std::string::npos;
  if (sokuo::http::AcceptsGzip(text) && !names_it) std::abort();
  // As an If-None-Match header: it names a validator only if the validator is in it.
  const std::string etag = "\"5e8f\"";
  if (sokuo::http::IfNoneMatchNames(text, etag) && text.find("5e8f") == std::string_view::npos &&
      text.find('*') == std::string_view::npos) {
    std::abort();
  }
  return 0;
}
