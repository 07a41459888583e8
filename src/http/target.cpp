#include "http/target.h"

#include <optional>

namespace sokuo::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> Decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      int hi = HexValue(text[i + 1]);
      int lo = HexValue(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

Result<Target> ParseTarget(std::string_view target) {
  auto bad = [&] { return Fail(ErrorCode::kInvalidInput, Msg("http.bad_target")); };
  if (target.empty() || target.front() != '/') return bad();
  size_t mark = target.find('?');
  std::optional<std::string> path = Decode(target.substr(0, mark), false);
  if (!path || path->find('\0') != std::string::npos) return bad();
  Target out{std::move(*path), {}};
  if (mark == std::string_view::npos) return out;
  std::string_view query = target.substr(mark + 1);
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    auto name = Decode(pair.substr(0, eq), true);
    auto value = Decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
    if (!name || !value) return bad();
    out.query.emplace(std::move(*name), std::move(*value));
  }
  return out;
}

}  // namespace sokuo::http
