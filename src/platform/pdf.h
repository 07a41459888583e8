// HTML to PDF with Debian's Chromium, headless: the same engine that shows the web interface
// lays out the printed page, CJK fonts included (fonts-noto-cjk).
#pragma once

#include <string>

#include "base/error.h"

namespace sokuo::platform {

// The Chromium to run: $SOKUO_CHROMIUM, else /usr/bin/chromium; empty when neither exists.
std::string ChromiumPath();

// Prints the HTML file `html` to the PDF file `pdf` (A4, the page's own @page rules, no header
// or footer), with networking off. kUnavailable without Chromium; kIo when it fails or takes
// longer than a minute.
[[nodiscard]] Result<void> PrintToPdf(const std::string& html, const std::string& pdf);

}  // namespace sokuo::platform
