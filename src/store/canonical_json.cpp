#include "store/canonical_json.h"

namespace sokuo::store {

std::string CanonicalJson(const nlohmann::json& value) {
  // nlohmann's object keeps keys sorted; dump() is compact with no extra spaces; invalid UTF-8 is
  // replaced rather than thrown on, so hashing never fails on odd text.
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
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
      size_t from = i;
      do {  // a run of characters of more than one byte (Japanese text) at once
        size_t n = Utf8Length(s.substr(i));
        if (n == 0) {
          // Invalid UTF-8: dump's replacement characters, from dump itself.
          out.resize(mark);
          out += CanonicalJson(nlohmann::json(std::string(s)));
          return;
        }
        i += n;
      } while (i < s.size() && static_cast<unsigned char>(s[i]) >= 0x80);
      out.append(s.substr(from, i - from));
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
