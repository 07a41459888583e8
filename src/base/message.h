// Messages are codes. Lower layers say what is wrong as a code with named parameters
// ({"ref.unknown", {{"what", "person"}, {"id", "p-yamd"}, {"suggestion", "p-yamada"}}}); the
// one catalog (message_catalog.cpp) holds a Japanese and an English template per code, and the
// adapters render in the reader's language: Japanese by default, English on request.
//
// Template format: `{name}` is replaced by the parameter `name`; `{name|prefix}` is replaced by
// the catalog text of the code `prefix.<value>` in the same language (for enum values and
// nouns such as "person" → 人物), or by the value itself when there is no such code. A parameter
// named `suggestion` is a "did you mean" candidate: templates do not mention it, and when it is
// not empty Render appends the language's `hint.did_you_mean`. A placeholder without a parameter
// is left as it is, so a missing parameter shows instead of silently vanishing.
#pragma once

#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace sokuo {

enum class Lang { kJa, kEn };  // Japanese is the default

using MessageParams = std::vector<std::pair<std::string, std::string>>;

// A message code with named parameters, e.g.
// {"requirement.backdoor_unanswered", {{"system", "erp"}, {"item", "added_users"}}}.
struct Message {
  std::string code;
  MessageParams params;
  bool empty() const { return code.empty(); }
  friend bool operator==(const Message&, const Message&) = default;
};
// A message is always built from a code (Msg), never from plain text by accident.
static_assert(!std::is_convertible_v<const char*, Message>);
static_assert(!std::is_convertible_v<std::string, Message>);

Message Msg(std::string code, MessageParams params = {});

// The text of `m` in `lang`. An unknown code renders as the code and its parameters
// ("x.y (a=1, b=2)"), never as nothing.
std::string Render(const Message& m, Lang lang);
std::vector<std::string> Render(const std::vector<Message>& messages, Lang lang);
// The English text, for logs and test output.
std::ostream& operator<<(std::ostream& os, const Message& m);

struct CatalogEntry {
  std::string_view code, ja, en;
};
// Every code with its templates, in the catalog's order.
std::span<const CatalogEntry> Catalog();

// "ja", "ja-JP", "en", "en_US.UTF-8", "EN" → the language; "C", "POSIX", "fr", "" → nullopt.
std::optional<Lang> ParseLang(std::string_view s);

// The language an HTTP Accept-Language header prefers among ja and en, honouring q-values
// (the first of equal weights wins); `fallback` when it names neither ("fr", "*", "").
Lang LangFromAcceptLanguage(std::string_view header, Lang fallback);

}  // namespace sokuo
