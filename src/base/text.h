// Small text helpers: "did you mean" suggestions, UTF-8 checks, HTML escaping, lists of names
// without repeats.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sokuo {

// The offset of the first byte that is not part of well-formed UTF-8, or nullopt when all is.
std::optional<size_t> FirstInvalidUtf8(std::string_view text);

// Edits (insert, delete, replace, swap two neighbours) from a to b, byte-wise: the optimal
// string alignment distance, so that a typed transposition (teir → tier) is one edit.
size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a likely typo, or else the one
// `word` less its last letter begins (deputy → deputies).
std::optional<std::string> Suggest(std::string_view word, std::span<const std::string> candidates);

// `text` with &, <, >, " and ' as HTML character references: safe inside elements and quoted
// attributes.
std::string HtmlEscape(std::string_view text);

// Each of `names` once, in the order first given (a person named in two roles, a webhook
// listed twice).
std::vector<std::string> Distinct(const std::vector<std::string>& names);

// " (did you mean 'x'?)" or "".
std::string DidYouMean(std::string_view word, std::span<const std::string> candidates);

}  // namespace sokuo
