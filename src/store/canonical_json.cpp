#include "store/canonical_json.h"

namespace sokuo::store {

std::string CanonicalJson(const nlohmann::json& value) {
  // nlohmann's object keeps keys sorted; dump() is compact with no extra spaces; invalid UTF-8 is
  // replaced rather than thrown on, so hashing never fails on odd text.
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

size_t Utf8Length(std::string_view s) {
  auto at = [&](size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0u; };
  auto cont = [](unsigned b, unsigned lo = 0x80, unsigned hi = 0xbf) { return b >= lo && b <= hi; };
  unsigned b0 = at(0);
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(at(1)) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    unsigned lo = b0 == 0xe0 ? 0xa0 : 0x80, hi = b0 == 0xed ? 0x9f : 0xbf;
    return cont(at(1), lo, hi) && cont(at(2)) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    unsigned lo = b0 == 0xf0 ? 0x90 : 0x80, hi = b0 == 0xf4 ? 0x8f : 0xbf;
    return cont(at(1), lo, hi) && cont(at(2)) && cont(at(3)) ? 4 : 0;
  }
  return 0;
}

// The bytes JSON writes as they are: printable ASCII but `"` and `\`.
constexpr std::array<bool, 256> kPlainByte = [] {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x80; ++c) t[c] = c != '"' && c != '\\';
  return t;
}();

// Where the run of bytes from `from` that JSON writes as they are ends, eight bytes at a time:
// a byte's high bit in `special` is set when it is not plain, exactly for the first such byte
// of the eight (a borrow only carries out of a byte that is itself not plain).
size_t PlainRunEnd(std::string_view s, size_t from) {
  static_assert(std::endian::native == std::endian::little);  // s[i] is the low byte
  constexpr uint64_t kOnes = 0x0101010101010101, kHigh = 0x8080808080808080;
  size_t i = from;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t v;
    std::memcpy(&v, s.data() + i, 8);
    uint64_t quote = v ^ (kOnes * '"'), backslash = v ^ (kOnes * '\\');
    uint64_t special = (v | ((v - kOnes * 0x20) & ~v) | ((quote - kOnes) & ~quote) |
                        ((backslash - kOnes) & ~backslash)) &
                       kHigh;
    if (special != 0) return i + static_cast<size_t>(std::countr_zero(special) / 8);
  }
  while (i < s.size() && kPlainByte[static_cast<unsigned char>(s[i])]) ++i;
  return i;
}

bool IsCanonicalJson(std::string_view text) {
  CanonicalReader r(text);
  return r.Value(0) && r.AtEnd();
}

void AppendCanonicalString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  size_t mark = out.size();
  out.reserve(mark + s.size() + s.size() / 4 + 2);
  out += '"';
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      size_t n = Utf8Length(s.substr(i));
      if (n == 0) {
        // Invalid UTF-8: dump's replacement characters, from dump itself.
        out.resize(mark);
        out += CanonicalJson(nlohmann::json(std::string(s)));
        return;
      }
      out.append(s.substr(i, n));
      i += n;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      size_t run = PlainRunEnd(s, i + 1);  // the bytes that need no escape, at once
      out.append(s.substr(i, run - i));
      i = run;
      continue;
    }
    ++i;
    switch (c) {
      case '"':
        out.append("\\\"", 2);
        break;
      case '\\':
        out.append("\\\\", 2);
        break;
      case 0x08:
        out.append("\\b", 2);
        break;
      case 0x09:
        out.append("\\t", 2);
        break;
      case 0x0a:
        out.append("\\n", 2);
        break;
      case 0x0c:
        out.append("\\f", 2);
        break;
      case 0x0d:
        out.append("\\r", 2);
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xf];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

}  // namespace sokuo::store
