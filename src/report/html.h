// Writing HTML by hand, safely: every text from a record is escaped on the way in (HtmlEscape).
#pragma once

#include <string>
#include <string_view>

#include "base/text.h"

namespace sokuo::report {

// An HTML document under construction. `Text` escapes; `Raw` is for markup written here.
class Html {
 public:
  Html& Raw(std::string_view markup) {
    out_ += markup;
    return *this;
  }
  Html& Text(std::string_view text) {
    out_ += HtmlEscape(text);
    return *this;
  }
  // <tag>text</tag>, the text escaped.
  Html& Element(std::string_view tag, std::string_view text, std::string_view attributes = "");
  const std::string& str() const { return out_; }

 private:
  std::string out_;
};

}  // namespace sokuo::report
