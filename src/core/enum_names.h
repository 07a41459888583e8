// Each domain enum has one table of its names as they appear in files, the API and the journal.
// The codecs (orgfile/, api/, store/) read and write names only through these tables.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sokuo::core {

template <class E, size_t N>
struct EnumNames {
  std::array<std::pair<E, std::string_view>, N> entries;

  std::string_view Name(E value) const {
    for (const auto& [e, name] : entries) {
      if (e == value) return name;
    }
    return "?";
  }
  std::optional<E> Parse(std::string_view name) const {
    for (const auto& [e, n] : entries) {
      if (n == name) return e;
    }
    return std::nullopt;
  }
  // "a, b, c": for messages that list the allowed names.
  std::string Joined() const {
    std::string out;
    for (const auto& entry : entries) {
      if (!out.empty()) out += ", ";
      out += entry.second;
    }
    return out;
  }
  std::vector<std::string> All() const {
    std::vector<std::string> names;
    for (const auto& entry : entries) names.emplace_back(entry.second);
    return names;
  }
};

template <class E, class... Pairs>
constexpr auto MakeEnumNames(Pairs... pairs) {
  return EnumNames<E, sizeof...(Pairs)>{{pairs...}};
}

}  // namespace sokuo::core
