#include "base/message.h"

#include <algorithm>
#include <cctype>
#include <ostream>
#include <unordered_map>

namespace sokuo {
namespace {

const CatalogEntry* Find(std::string_view code) {
  static const std::unordered_map<std::string_view, const CatalogEntry*> kIndex = [] {
    std::unordered_map<std::string_view, const CatalogEntry*> index;
    for (const CatalogEntry& e : Catalog()) index.emplace(e.code, &e);
    return index;
  }();
  auto it = kIndex.find(code);
  return it == kIndex.end() ? nullptr : it->second;
}

std::string_view Template(const CatalogEntry& e, Lang lang) {
  return lang == Lang::kJa ? e.ja : e.en;
}

const std::string* Param(const Message& m, std::string_view name) {
  for (const auto& [key, value] : m.params) {
    if (key == name) return &value;
  }
  return nullptr;
}

std::string Fill(std::string_view tmpl, const Message& m, Lang lang) {
  std::string out;
  size_t i = 0;
  while (i < tmpl.size()) {
    size_t open = tmpl.find('{', i);
    size_t close = open == std::string_view::npos ? open : tmpl.find('}', open);
    if (close == std::string_view::npos) {
      out += tmpl.substr(i);
      break;
    }
    out += tmpl.substr(i, open - i);
    std::string_view inner = tmpl.substr(open + 1, close - open - 1);
    std::string_view name = inner.substr(0, inner.find('|'));
    const std::string* value = Param(m, name);
    if (value == nullptr) {
      out += tmpl.substr(open, close - open + 1);
    } else if (name.size() < inner.size()) {
      std::string term = std::string(inner.substr(name.size() + 1)) + "." + *value;
      const CatalogEntry* e = Find(term);
      out += e != nullptr ? std::string(Template(*e, lang)) : *value;
    } else {
      out += *value;
    }
    i = close + 1;
  }
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The weight of one Accept-Language entry's parameters ("q=0.5"); 1 without a q, 0 when bad.
double Weight(std::string_view params) {
  while (!params.empty()) {
    size_t semi = params.find(';');
    std::string_view p = Trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    if (p.size() < 2 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=') continue;
    std::string_view number = p.substr(2);
    // RFC 9110 qvalues are 0, 1 or 0.ddd: parse by hand, locale-free.
    if (number.empty() || (number[0] != '0' && number[0] != '1')) return 0;
    double q = number[0] - '0';
    if (number.size() > 1) {
      if (number[1] != '.') return 0;
      double scale = 0.1;
      for (char c : number.substr(2)) {
        if (c < '0' || c > '9') return 0;
        q += (c - '0') * scale;
        scale /= 10;
      }
    }
    return std::min(q, 1.0);
  }
  return 1;
}

}  // namespace

Message Msg(std::string code, MessageParams params) {
  return Message{std::move(code), std::move(params)};
}

std::string Render(const Message& m, Lang lang) {
  const CatalogEntry* e = Find(m.code);
  if (e == nullptr) {
    std::string out = m.code;
    for (size_t k = 0; k < m.params.size(); ++k) {
      out += k == 0 ? " (" : ", ";
      out += m.params[k].first + "=" + m.params[k].second;
    }
    if (!m.params.empty()) out += ")";
    return out;
  }
  std::string out = Fill(Template(*e, lang), m, lang);
  if (const std::string* s = Param(m, "suggestion"); s != nullptr && !s->empty()) {
    if (const CatalogEntry* hint = Find("hint.did_you_mean")) {
      out += Fill(Template(*hint, lang), m, lang);
    }
  }
  return out;
}

std::vector<std::string> Render(const std::vector<Message>& messages, Lang lang) {
  std::vector<std::string> out;
  out.reserve(messages.size());
  for (const Message& m : messages) out.push_back(Render(m, lang));
  return out;
}

std::ostream& operator<<(std::ostream& os, const Message& m) { return os << Render(m, Lang::kEn); }

std::optional<Lang> ParseLang(std::string_view s) {
  std::string primary = Lower(s.substr(0, s.find_first_of("-_.@")));
  if (primary == "ja") return Lang::kJa;
  if (primary == "en") return Lang::kEn;
  return std::nullopt;
}

Lang LangFromAcceptLanguage(std::string_view header, Lang fallback) {
  std::optional<Lang> best;
  double best_q = 0;
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    size_t semi = item.find(';');
    std::string_view tag = Trim(item.substr(0, semi));
    double q = semi == std::string_view::npos ? 1 : Weight(item.substr(semi + 1));
    std::optional<Lang> lang = ParseLang(tag);
    if (lang && q > best_q) {
      best = lang;
      best_q = q;
    }
  }
  return best.value_or(fallback);
}

}  // namespace sokuo
