// What a detection item's value modifiers make of its values (Sigma 2.1 appendix "modifiers"):
// the escapes and wildcards of a Sigma string, and the transformations contains, startswith,
// endswith, windash, base64, base64offset, utf16le/wide, utf16be, utf16 and expand. The engine
// compiles the result into matchers; the reference evaluator of the tests matches it directly.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "detect/sigma.h"

namespace sokuo::detect {

// Literal bytes and wildcards: a piece is either text or one wildcard ('*' any run, '?' one
// character).
struct Piece {
  std::string text;
  char wildcard = 0;
  friend bool operator==(const Piece&, const Piece&) = default;
};
using SigmaString = std::vector<Piece>;

// A rule value's text with Sigma's escapes (\* \? \\) read: unescaped * and ? are wildcards.
SigmaString ParseSigmaString(std::string_view text);
bool HasWildcards(const SigmaString& s);
// The literal runs joined, wildcards as written (for messages and the prefilter).
std::string Plain(const SigmaString& s);

// %name% → values, for the `expand` modifier (from the command line or the configuration).
using Placeholders = std::map<std::string, std::vector<std::string>, std::less<>>;
// The placeholders the shipped rules use, with the values they have until configured:
// %admin_accounts% (the accounts that administer systems) is root.
Placeholders DefaultPlaceholders();

// How an item compares, decided by its type modifier (none = strings).
enum class ItemKind {
  kString,    // wildcards, contains/startswith/endswith
  kRegex,     // re (+ i, m, s)
  kCidr,      // cidr
  kExists,    // exists
  kNumber,    // lt, lte, gt, gte
  kFieldRef,  // fieldref: another field of the same event
  kTimePart,  // minute, hour, day, week, month, year
  kNull,      // the value null: the field is missing or null
};

struct PreparedItem {
  ItemKind kind = ItemKind::kString;
  std::string field;
  bool all = false;     // every value must match (else any)
  bool negate = false;  // neq: none of the values may match
  bool cased = false;   // case-sensitive (cased, or a base64 encoding)
  // kString / kFieldRef: the values after every transformation, each a variant list that is
  // OR-ed (windash and base64offset give several variants of one value).
  std::vector<std::vector<SigmaString>> strings;
  // kRegex: the pattern text and its flags.
  std::vector<std::string> texts;
  bool regex_ignore_case = false, regex_multiline = false, regex_dotall = false;
  // kFieldRef: compare as prefix / suffix / substring of the other field's value.
  bool ref_starts = false, ref_ends = false;
  // kNumber / kTimePart: the comparison ("lt", …, or the part name) and the numbers.
  std::string comparison;
  std::vector<double> numbers;
  // kExists: whether the field must be present.
  bool exists = true;
};

// The item with its modifiers applied, or why it cannot be run (an unresolved placeholder,
// wildcards where an encoding cannot take them…).
[[nodiscard]] Result<PreparedItem> Prepare(const DetectionItem& item,
                                           const Placeholders& placeholders);

// Encodings, exposed for their tests.
std::string Base64(std::string_view bytes);
std::vector<std::string> Base64Offsets(std::string_view bytes);
std::string Utf16(std::string_view utf8, bool big_endian);
std::vector<std::string> Windash(std::string_view text);

}  // namespace sokuo::detect
