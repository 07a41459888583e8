// Canonical JSON, the text every journal hash covers: nlohmann's compact dump with sorted keys
// (CanonicalJson), and what reads and writes it without building JSON, for verification at the
// speed of the text (journal.cpp).
#pragma once

#include <array>
#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sokuo::store {

std::string CanonicalJson(const nlohmann::json& value);

// Appends CanonicalJson of the string `s` (quoted and escaped) to `out`, without building JSON.
void AppendCanonicalString(std::string& out, std::string_view s);

// true when `text` is exactly CanonicalJson of the JSON it holds, so that parts of it can be
// hashed as they stand. May also say false for canonical text it does not read itself (numbers
// with a fraction or an exponent, keys with escapes, deep nesting): the caller then parses.
bool IsCanonicalJson(std::string_view text);

// The length of the well-formed UTF-8 sequence at the start of `s` (RFC 3629: no overlong
// forms, no surrogates, nothing past U+10FFFF), or 0. `s` starts with a byte >= 0x80.
inline size_t Utf8Length(std::string_view s) {
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
inline constexpr std::array<bool, 256> kPlainByte = [] {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x80; ++c) t[c] = c != '"' && c != '\\';
  return t;
}();

// Where the run of bytes from `from` that JSON writes as they are ends: sixteen bytes at a time
// with SSE2, then eight at a time, where a byte's high bit in `special` is set when it is not
// plain, exactly for the first such byte of the eight (a borrow only carries out of a byte that
// is itself not plain).
inline size_t PlainRunEnd(std::string_view s, size_t from) {
  static_assert(std::endian::native == std::endian::little);  // s[i] is the low byte
  size_t i = from;
#if defined(__SSE2__)
  const __m128i quotes = _mm_set1_epi8('"'), backslashes = _mm_set1_epi8('\\');
  const __m128i spaces = _mm_set1_epi8(0x20);
  for (; i + 16 <= s.size(); i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    // Compared as signed bytes, 0x80 and above are below 0x20 too.
    __m128i special =
        _mm_or_si128(_mm_cmplt_epi8(v, spaces),
                     _mm_or_si128(_mm_cmpeq_epi8(v, quotes), _mm_cmpeq_epi8(v, backslashes)));
    if (auto mask = static_cast<unsigned>(_mm_movemask_epi8(special)); mask != 0) {
      return i + static_cast<size_t>(std::countr_zero(mask));
    }
  }
#endif
  constexpr uint64_t kOnes = 0x0101010101010101, kHigh = 0x8080808080808080;
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

// Reads text that CanonicalJson wrote, checking that it is exactly that: no whitespace, keys
// unique and in bytewise order, strings escaped as nlohmann's dump escapes them (only `"`, `\`,
// and control characters, lower-case \u00xx), valid UTF-8, integers without sign or leading
// zeros that a parse keeps as integers. It turns down, rather than reads, canonical text it does
// not need: numbers with a fraction or an exponent (their shortest form is nlohmann's business),
// keys with escapes, and nesting deeper than kMaxDepth. Recursive, hence that bound.
class CanonicalReader {
 public:
  static constexpr int kMaxDepth = 64;

  explicit CanonicalReader(std::string_view text) : text_(text) {}
  bool AtEnd() const { return pos_ == text_.size(); }
  size_t pos() const { return pos_; }
  std::string_view Since(size_t start) const { return text_.substr(start, pos_ - start); }
  char Peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  bool Consume(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }

  bool Value(int depth) {
    if (depth > kMaxDepth) return false;
    switch (Peek()) {
      case '{':
        return Object([&](std::string_view) { return Value(depth + 1); });
      case '[':
        return Array([&] { return Value(depth + 1); });
      case '"':
        return String(nullptr);
      case 't':
        return Word("true");
      case 'f':
        return Word("false");
      case 'n':
        return Word("null");
      default:
        return Number();
    }
  }

  // An object; `member(key)` reads each value. Keys must hold no escape.
  template <class Member>
  bool Object(Member&& member) {
    if (!Consume('{')) return false;
    if (Consume('}')) return true;
    std::string_view previous;
    for (bool first = true;; first = false) {
      std::string_view key;
      if (!String(&key) || (!first && !(previous < key)) || !Consume(':') || !member(key)) {
        return false;
      }
      previous = key;
      if (!Consume(',')) return Consume('}');
    }
  }

  template <class Element>
  bool Array(Element&& element) {
    if (!Consume('[')) return false;
    if (Consume(']')) return true;
    while (true) {
      if (!element()) return false;
      if (!Consume(',')) return Consume(']');
    }
  }

  // A string. With `plain`, it must hold no escape, and `*plain` is its content.
  bool String(std::string_view* plain) {
    if (!Consume('"')) return false;
    size_t start = pos_;
    size_t at = pos_;  // kept out of the member while the string is read
    while (true) {
      // Long stretches of text and of \" (JSON kept in a string column) 64 bytes at a time;
      // what they stop at, and everything in keys, one piece at a time below.
      if (plain == nullptr) at = SkipBlocks(text_, at);
      at = PlainRunEnd(text_, at);
      if (at >= text_.size()) return false;
      auto c = static_cast<unsigned char>(text_[at]);
      if (c == '"') {
        if (plain != nullptr) *plain = text_.substr(start, at - start);
        pos_ = at + 1;
        return true;
      }
      if (c == '\\') {
        if (plain != nullptr) return false;
        // \" and \\ (JSON text kept in a string column) are most of them.
        char e = at + 1 < text_.size() ? text_[at + 1] : '\0';
        if (e == '"' || e == '\\') {
          at += 2;
          continue;
        }
        size_t n = EscapeLength(text_.substr(at));
        if (n == 0) return false;
        at += n;
      } else if (c < 0x20) {
        return false;
      } else {
        do {  // a run of characters of more than one byte (Japanese text) at once
          size_t n = Utf8Length(text_.substr(at));
          if (n == 0) return false;
          at += n;
        } while (at < text_.size() && static_cast<unsigned char>(text_[at]) >= 0x80);
      }
    }
  }

 private:
#if defined(__SSE2__)
  // One bit a byte of the 64 at `p`: the bytes equal to `c`, or (c == 0) those below 0x20 or
  // above 0x7f.
  static uint64_t Mask64(const char* p, char c) {
    uint64_t mask = 0;
    const __m128i same = _mm_set1_epi8(c), below = _mm_set1_epi8(0x20);
    for (int i = 0; i < 4; ++i) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
      // Compared as signed bytes, 0x80 and above are below 0x20 too.
      __m128i hit = c == 0 ? _mm_cmplt_epi8(v, below) : _mm_cmpeq_epi8(v, same);
      mask |= uint64_t{static_cast<uint32_t>(_mm_movemask_epi8(hit))} << (16 * i);
    }
    return mask;
  }

  // From `at`, inside a string and not inside an escape, past every 64 bytes that hold only
  // printable ASCII and \" escapes: returns the first place, again not inside an escape, where
  // something else may stand (the closing quote, a backslash that starts another escape or two
  // backslashes in a row, a control character, a byte of UTF-8), or where fewer than 64 bytes
  // are left. Within a block without two backslashes in a row, the escaped bytes are exactly
  // those after a backslash.
  static size_t SkipBlocks(std::string_view s, size_t at) {
    uint64_t carried = 0;  // 1: the byte at `at` is escaped by the backslash before it
    for (; at + 64 <= s.size(); at += 64) {
      const char* p = s.data() + at;
      uint64_t backslash = Mask64(p, '\\'), quote = Mask64(p, '"'), other = Mask64(p, 0);
      uint64_t escaped = (backslash << 1) | carried;
      // Escaped but not a quote (this also finds two backslashes in a row): from its backslash.
      uint64_t odd = escaped & ~quote;
      if ((odd & 1) != 0) return at - 1;  // the backslash before the block
      uint64_t stop = (quote & ~escaped) | other | (odd >> 1);
      if (stop != 0) return at + static_cast<size_t>(std::countr_zero(stop));
      carried = backslash >> 63;
    }
    return at - carried;
  }
#else
  static size_t SkipBlocks(std::string_view, size_t at) { return at; }
#endif

  // The length of the escape as dump writes it at the start of `s` (a backslash), or 0.
  static size_t EscapeLength(std::string_view s) {
    if (s.size() < 2) return 0;
    char e = s[1];
    if (e == '"' || e == '\\' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') return 2;
    // \u00xx for the other control characters, lower-case.
    if (e != 'u' || s.size() < 6 || s.substr(2, 2) != "00") return 0;
    int hi = HexDigit(s[4]), lo = HexDigit(s[5]);
    if (hi < 0 || hi > 1 || lo < 0) return 0;
    int v = hi * 16 + lo;
    if (v == 0x08 || v == 0x09 || v == 0x0a || v == 0x0c || v == 0x0d) return 0;
    return 6;
  }
  static int HexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  }
  bool Word(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }
  // An integer that nlohmann parses as one (it fits in int64 or, when not negative, uint64)
  // and writes back the same: no "-0", no leading zeros.
  bool Number() {
    bool negative = Consume('-');
    size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
    std::string_view digits = text_.substr(start, pos_ - start);
    if (digits.empty() || (digits[0] == '0' && (digits.size() > 1 || negative))) return false;
    char next = Peek();
    if (next == '.' || next == 'e' || next == 'E') return false;
    uint64_t v = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec != std::errc() || end != digits.data() + digits.size()) return false;
    return !negative || v <= uint64_t{1} << 63;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace sokuo::store
