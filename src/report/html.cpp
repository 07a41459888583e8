#include "report/html.h"

namespace sokuo::report {

Html& Html::Element(std::string_view tag, std::string_view text, std::string_view attributes) {
  out_ += '<';
  out_ += tag;
  if (!attributes.empty()) {
    out_ += ' ';
    out_ += attributes;
  }
  out_ += '>';
  out_ += HtmlEscape(text);
  out_ += "</";
  out_ += tag;
  out_ += '>';
  return *this;
}

}  // namespace sokuo::report
