#include "detect/values.h"

#include <array>
#include <cctype>
#include <charconv>

namespace sokuo::detect {
namespace {

void AppendText(SigmaString& s, std::string_view text) {
  if (text.empty()) return;
  if (!s.empty() && s.back().wildcard == 0) {
    s.back().text += text;
  } else {
    s.push_back({std::string(text), 0});
  }
}

void AppendWildcard(SigmaString& s, char w) { s.push_back({"", w}); }

bool IsWordChar(unsigned char c) { return std::isalnum(c) || c == '_'; }

// Every combination of `choices` at the positions marked in `text`.
void Expand(const std::string& text, size_t from, std::string& current,
            const std::vector<size_t>& positions, size_t next,
            std::span<const std::string_view> choices, std::vector<std::string>& out) {
  if (next == positions.size()) {
    out.push_back(current + text.substr(from));
    return;
  }
  size_t at = positions[next];
  size_t keep = current.size();
  current += text.substr(from, at - from);
  for (std::string_view c : choices) {
    size_t before = current.size();
    current += c;
    Expand(text, at + 1, current, positions, next + 1, choices, out);
    current.resize(before);
  }
  current.resize(keep);
}

// The windash variants of a whole Sigma string: each text piece's variants, combined.
std::vector<SigmaString> WindashString(const SigmaString& s) {
  std::vector<SigmaString> out{{}};
  for (const Piece& p : s) {
    if (p.wildcard != 0) {
      for (SigmaString& o : out) AppendWildcard(o, p.wildcard);
      continue;
    }
    std::vector<std::string> variants = Windash(p.text);
    if (variants.empty() || variants.size() * out.size() > 1024) return {};
    std::vector<SigmaString> next;
    for (const std::string& variant : variants) {
      for (const SigmaString& o : out) {
        SigmaString copy = o;
        AppendText(copy, variant);
        next.push_back(std::move(copy));
      }
    }
    out = std::move(next);
  }
  return out;
}

SigmaString Encode(const SigmaString& s, std::string_view how) {
  SigmaString out;
  for (const Piece& p : s) {
    if (p.wildcard != 0) {
      AppendWildcard(out, p.wildcard);
    } else if (how == "utf16be") {
      AppendText(out, Utf16(p.text, true));
    } else {
      AppendText(out, Utf16(p.text, false));
    }
  }
  if (how == "utf16" && !out.empty()) {
    if (out.front().wildcard == 0) {
      out.front().text.insert(0, "\xFF\xFE");
    } else {
      out.insert(out.begin(), Piece{"\xFF\xFE", 0});
    }
  }
  return out;
}

// `%name%` in the raw text → each combination of the placeholders' values.
Result<std::vector<std::string>> ExpandPlaceholders(std::string_view text,
                                                    const Placeholders& placeholders) {
  std::vector<std::string> out{""};
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '%') {
      for (std::string& o : out) o += '%';
      i += 2;
      continue;
    }
    if (text[i] == '%') {
      size_t end = text.find('%', i + 1);
      if (end != std::string_view::npos) {
        std::string_view name = text.substr(i + 1, end - i - 1);
        auto it = placeholders.find(name);
        if (it == placeholders.end() || it->second.empty()) {
          return Fail(ErrorCode::kInvalidInput,
                      Msg("sigma.placeholder_unresolved", {{"name", std::string(name)}}));
        }
        if (out.size() * it->second.size() > 1024) {
          return Fail(ErrorCode::kInvalidInput,
                      Msg("sigma.too_many_variants",
                          {{"value", std::string(text.substr(0, 80))}, {"max", "1024"}}));
        }
        std::vector<std::string> next;
        for (const std::string& o : out) {
          for (const std::string& v : it->second) next.push_back(o + v);
        }
        out = std::move(next);
        i = end + 1;
        continue;
      }
    }
    for (std::string& o : out) o += text[i];
    ++i;
  }
  return out;
}

// windash (five ways per dash), base64offset (three) and expand (every combination of the
// placeholders' values) multiply a value; a rule may not make more than this of one value.
constexpr size_t kMaxVariants = 1024;

tl::unexpected<Error> TooMany(const RuleValue& value) {
  return Fail(ErrorCode::kInvalidInput,
              Msg("sigma.too_many_variants",
                  {{"value", value.text.substr(0, 80)}, {"max", std::to_string(kMaxVariants)}}));
}

Result<std::vector<SigmaString>> Transform(const DetectionItem& item, const RuleValue& value,
                                           const Placeholders& placeholders,
                                           PreparedItem& prepared) {
  std::vector<std::string> texts{value.text};
  if (item.Has("expand")) {
    auto expanded = ExpandPlaceholders(value.text, placeholders);
    if (!expanded) return tl::unexpected(expanded.error());
    texts = std::move(*expanded);
  }
  if (texts.size() > kMaxVariants) return TooMany(value);
  std::vector<SigmaString> variants;
  for (const std::string& t : texts) variants.push_back(ParseSigmaString(t));
  for (const std::string& m : item.modifiers) {
    std::vector<SigmaString> next;
    for (SigmaString& s : variants) {
      if (m == "contains" || m == "startswith") {
        if (s.empty() || s.back().wildcard != '*') AppendWildcard(s, '*');
      }
      if (m == "contains" || m == "endswith") {
        if (s.empty() || s.front().wildcard != '*') s.insert(s.begin(), Piece{"", '*'});
      }
      if (m == "windash") {
        std::vector<SigmaString> dashed = WindashString(s);
        if (dashed.empty() || next.size() + dashed.size() > kMaxVariants) return TooMany(value);
        for (SigmaString& w : dashed) next.push_back(std::move(w));
        continue;
      }
      if (m == "base64" || m == "base64offset") {
        if (HasWildcards(s)) {
          return Fail(ErrorCode::kInvalidInput,
                      Msg("sigma.wildcard_not_allowed", {{"modifier", m}, {"value", value.text}}));
        }
        prepared.cased = true;  // an encoding's letters are significant
        std::string bytes = Plain(s);
        if (m == "base64") {
          next.push_back({Piece{Base64(bytes), 0}});
        } else {
          for (std::string& b : Base64Offsets(bytes)) next.push_back({Piece{std::move(b), 0}});
        }
        continue;
      }
      if (m == "utf16le" || m == "wide" || m == "utf16be" || m == "utf16") {
        next.push_back(Encode(s, m));
        continue;
      }
      next.push_back(std::move(s));
    }
    variants = std::move(next);
    if (variants.size() > kMaxVariants) return TooMany(value);
  }
  // A keyword is searched for anywhere in the record.
  if (item.field.empty() && !item.Has("startswith") && !item.Has("endswith")) {
    for (SigmaString& s : variants) {
      if (s.empty() || s.back().wildcard != '*') AppendWildcard(s, '*');
      if (s.front().wildcard != '*') s.insert(s.begin(), Piece{"", '*'});
    }
  }
  return variants;
}

}  // namespace

Placeholders DefaultPlaceholders() { return {{"admin_accounts", {"root"}}}; }

SigmaString ParseSigmaString(std::string_view text) {
  SigmaString out;
  std::string literal;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\\') {
      if (i + 1 < text.size() &&
          (text[i + 1] == '*' || text[i + 1] == '?' || text[i + 1] == '\\')) {
        literal += text[++i];
      } else {
        literal += '\\';
      }
    } else if (c == '*' || c == '?') {
      AppendText(out, literal);
      literal.clear();
      AppendWildcard(out, c);
    } else {
      literal += c;
    }
  }
  AppendText(out, literal);
  return out;
}

bool HasWildcards(const SigmaString& s) {
  for (const Piece& p : s) {
    if (p.wildcard != 0) return true;
  }
  return false;
}

std::string Plain(const SigmaString& s) {
  std::string out;
  for (const Piece& p : s) {
    if (p.wildcard != 0) {
      out += p.wildcard;
    } else {
      out += p.text;
    }
  }
  return out;
}

std::string Base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  size_t rest = bytes.size() - i;
  if (rest > 0) {
    unsigned n = static_cast<unsigned>(static_cast<unsigned char>(bytes[i]) << 16);
    if (rest == 2) n |= static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// The three encodings of `bytes` at byte offsets 0, 1 and 2 of a longer Base64 text, without
// the characters that depend on the neighbouring bytes (the specification's formula).
std::vector<std::string> Base64Offsets(std::string_view bytes) {
  static constexpr std::array<size_t, 3> kStart{0, 2, 3};
  static constexpr std::array<size_t, 3> kEndTrim{0, 3, 2};
  std::vector<std::string> out;
  for (size_t i = 0; i < 3; ++i) {
    std::string encoded = Base64(std::string(i, ' ') + std::string(bytes));
    size_t trim = kEndTrim[(bytes.size() + i) % 3];
    if (encoded.size() < kStart[i] + trim) {
      out.emplace_back();
      continue;
    }
    out.push_back(encoded.substr(kStart[i], encoded.size() - kStart[i] - trim));
  }
  return out;
}

std::string Utf16(std::string_view utf8, bool big_endian) {
  std::string out;
  auto unit = [&](unsigned u) {
    char hi = static_cast<char>((u >> 8) & 0xFF), lo = static_cast<char>(u & 0xFF);
    out += big_endian ? hi : lo;
    out += big_endian ? lo : hi;
  };
  size_t i = 0;
  while (i < utf8.size()) {
    auto b = static_cast<unsigned char>(utf8[i]);
    unsigned cp = b;
    size_t len = 1;
    if (b >= 0xF0) {
      len = 4;
      cp = b & 0x07u;
    } else if (b >= 0xE0) {
      len = 3;
      cp = b & 0x0Fu;
    } else if (b >= 0xC0) {
      len = 2;
      cp = b & 0x1Fu;
    }
    if (len > 1) {
      bool ok = i + len <= utf8.size();
      for (size_t k = 1; ok && k < len; ++k) {
        auto c = static_cast<unsigned char>(utf8[i + k]);
        if ((c & 0xC0) != 0x80) ok = false;
        cp = (cp << 6) | (c & 0x3Fu);
      }
      if (!ok) {
        len = 1;
        cp = b;  // not UTF-8: the byte as it is
      }
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      unit(0xD800 + (cp >> 10));
      unit(0xDC00 + (cp & 0x3FF));
    } else {
      unit(cp);
    }
    i += len;
  }
  return out;
}

// pySigma's reading of windash: a '-' or '/' that starts a word (after a non-word character or
// at the start, before a word character) may be written with any of the five dashes.
std::vector<std::string> Windash(std::string_view text) {
  static constexpr std::array<std::string_view, 5> kDashes{"-", "/", "\u2013", "\u2014", "\u2015"};
  std::vector<size_t> positions;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '-' && text[i] != '/') continue;
    bool after_word = i > 0 && IsWordChar(static_cast<unsigned char>(text[i - 1]));
    bool before_word = i + 1 < text.size() && IsWordChar(static_cast<unsigned char>(text[i + 1]));
    if (!after_word && before_word) positions.push_back(i);
  }
  if (positions.size() > 4) return {};  // 5^5 variants and more: the caller refuses the value
  std::vector<std::string> out;
  std::string current;
  Expand(std::string(text), 0, current, positions, 0, kDashes, out);
  return out;
}

Result<PreparedItem> Prepare(const DetectionItem& item, const Placeholders& placeholders) {
  PreparedItem p;
  p.field = item.field;
  p.all = item.Has("all");
  p.negate = item.Has("neq");
  p.cased = item.Has("cased");
  if (item.values.size() == 1 && item.values[0].kind == RuleValue::Kind::kNull) {
    p.kind = ItemKind::kNull;
    return p;
  }
  if (item.Has("exists")) {
    p.kind = ItemKind::kExists;
    p.exists = item.values[0].text == "true";
    return p;
  }
  if (item.Has("re")) {
    p.kind = ItemKind::kRegex;
    p.regex_ignore_case = item.Has("i") || item.Has("ignorecase");
    p.regex_multiline = item.Has("m") || item.Has("multiline");
    p.regex_dotall = item.Has("s") || item.Has("dotall");
    for (const RuleValue& v : item.values) p.texts.push_back(v.text);
    return p;
  }
  if (item.Has("cidr")) {
    p.kind = ItemKind::kCidr;
    for (const RuleValue& v : item.values) p.texts.push_back(v.text);
    return p;
  }
  for (std::string_view m :
       {"lt", "lte", "gt", "gte", "minute", "hour", "day", "week", "month", "year"}) {
    if (!item.Has(m)) continue;
    bool number = m == "lt" || m == "lte" || m == "gt" || m == "gte";
    p.kind = number ? ItemKind::kNumber : ItemKind::kTimePart;
    p.comparison = std::string(m);
    for (const RuleValue& v : item.values) {
      double d = 0;
      std::from_chars(v.text.data(), v.text.data() + v.text.size(), d);
      p.numbers.push_back(d);
    }
    return p;
  }
  if (item.Has("fieldref")) {
    p.kind = ItemKind::kFieldRef;
    p.ref_starts = item.Has("startswith") || item.Has("contains");
    p.ref_ends = item.Has("endswith") || item.Has("contains");
    for (const RuleValue& v : item.values) {
      if (HasWildcards(ParseSigmaString(v.text))) {
        return Fail(ErrorCode::kInvalidInput, Msg("sigma.wildcard_not_allowed",
                                                  {{"modifier", "fieldref"}, {"value", v.text}}));
      }
      p.texts.push_back(v.text);
    }
    return p;
  }
  for (const RuleValue& v : item.values) {
    auto variants = Transform(item, v, placeholders, p);
    if (!variants) return tl::unexpected(variants.error());
    p.strings.push_back(std::move(*variants));
  }
  return p;
}

}  // namespace sokuo::detect
