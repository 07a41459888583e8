// Fuzz target for the ClamAV readers: any bytes, read as one clamscan run and line by line as clamd
// log lines, must give a report or an error naming lines, never a crash, a hang or a read outside
// the input. Sound: an error has a message code and at most kClamMaxProblems details, each with a
// code; every view of a clamd line lies inside that line; times lie in years 1970..9999.
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string_view>

#include "detect/clamav.h"

namespace {

bool ClamFuzzInside(std::string_view inner, std::string_view outer) {
  if (inner.empty()) return true;
  std::less<const char*> before;
  return !before(inner.data(), outer.data()) &&
         !before(outer.data() + outer.size(), inner.data() + inner.size());
}

void ClamFuzzCheckTime(const std::optional<sokuo::Timestamp>& t) {
  if (!t) return;
  std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(*t)};
  int year = static_cast<int>(day.year());
  if (year < 1970 || year > 9999) std::abort();
}

void ClamFuzzCheckError(const sokuo::Error& e) {
  if (e.msg.empty() || e.details.size() > sokuo::detect::kClamMaxProblems) std::abort();
  for (const sokuo::Detail& d : e.details) {
    if (d.msg.empty()) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sokuo::detect;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto report = ReadClamscanOutput(text, "fuzz");
  if (report) {
    ClamFuzzCheckTime(report->started);
    ClamFuzzCheckTime(report->finished);
    std::int64_t counted = static_cast<std::int64_t>(report->infections.size());
    if (report->InfectedPaths() > counted || report->clean_files < 0) std::abort();
    if (report->InfectionCountDisagrees() && !report->has_summary) std::abort();
  } else {
    ClamFuzzCheckError(report.error());
  }
  std::int64_t number = 0;
  std::string_view rest = text;
  while (true) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    auto read = ReadClamdLine(line, ++number);
    if (!read) {
      ClamFuzzCheckError(read.error());
    } else if (*read) {
      const ClamdLine& l = **read;
      for (std::string_view s : {l.program, l.path, l.signature, l.hash, l.text}) {
        if (!ClamFuzzInside(s, line)) std::abort();
      }
      ClamFuzzCheckTime(l.time);
      if (ClamdKindName(l.kind).empty()) std::abort();
    }
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  return 0;
}
