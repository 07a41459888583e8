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
size_t Utf8Length(std::string_view s);

// Where the run of bytes from `from` that JSON writes as they are (printable ASCII but `"` and
// `\`) ends.
size_t PlainRunEnd(std::string_view s, size_t from);

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
    while (true) {
      pos_ = PlainRunEnd(text_, pos_);
      if (pos_ >= text_.size()) return false;
      auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        if (plain != nullptr) *plain = text_.substr(start, pos_ - start);
        ++pos_;
        return true;
      }
      if (c == '\\') {
        if (plain != nullptr) return false;
        // \" and \\ (JSON text kept in a string column) are most of them.
        char e = pos_ + 1 < text_.size() ? text_[pos_ + 1] : '\0';
        if (e == '"' || e == '\\') {
          pos_ += 2;
        } else if (!Escape()) {
          return false;
        }
      } else if (c < 0x20) {
        return false;
      } else {
        size_t n = Utf8Length(text_.substr(pos_));
        if (n == 0) return false;
        pos_ += n;
      }
    }
  }

 private:
  // An escape as dump writes it, at the backslash.
  bool Escape() {
    if (pos_ + 1 >= text_.size()) return false;
    char e = text_[pos_ + 1];
    if (e == '"' || e == '\\' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
      pos_ += 2;
      return true;
    }
    // \u00xx for the other control characters, lower-case.
    if (e != 'u' || pos_ + 6 > text_.size() || text_.substr(pos_ + 2, 2) != "00") return false;
    int hi = HexDigit(text_[pos_ + 4]), lo = HexDigit(text_[pos_ + 5]);
    if (hi < 0 || hi > 1 || lo < 0) return false;
    int v = hi * 16 + lo;
    if (v == 0x08 || v == 0x09 || v == 0x0a || v == 0x0c || v == 0x0d) return false;
    pos_ += 6;
    return true;
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
