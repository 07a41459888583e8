#include "base/error.h"

#include <algorithm>
#include <array>
#include <ostream>

namespace sokuo {

const ErrorInfo& Info(ErrorCode code) {
  static constexpr std::array kTable = {
#define SOKUO_ERROR_INFO(name, slug, http, exit_code, message) \
  ErrorInfo{slug, http, exit_code, message},
      SOKUO_ERROR_CODES(SOKUO_ERROR_INFO)
#undef SOKUO_ERROR_INFO
  };
  return kTable.at(static_cast<size_t>(code));
}

std::ostream& operator<<(std::ostream& os, const Detail& d) {
  return os << (d.where.empty() ? "" : d.where + ": ") << d.message;
}

std::string Detail::Text(Lang lang) const { return msg.empty() ? message : Render(msg, lang); }

Detail MakeDetail(std::string where, Message msg) {
  std::string text = Render(msg, Lang::kEn);
  return Detail{std::move(where), std::move(text), std::move(msg)};
}

Message ErrorTitle(ErrorCode code) {
  std::string slug(Info(code).slug);
  std::replace(slug.begin(), slug.end(), '-', '_');
  return Message{"error." + slug, {}};
}

std::string Error::Text(Lang lang) const {
  if (!msg.empty()) return Render(msg, lang);
  if (!message.empty()) return message;
  return Render(ErrorTitle(code), lang);
}

std::string Error::ToString() const { return ToString(Lang::kEn); }

std::string Error::ToString(Lang lang) const {
  std::string text = Text(lang);
  if (!where.empty()) text = where + ": " + text;
  for (const Detail& d : details) {
    text += "\n";
    text += d.where.empty() ? d.Text(lang) : d.where + ": " + d.Text(lang);
  }
  return text;
}

}  // namespace sokuo
