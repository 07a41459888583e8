#include "cli/request_body.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <iterator>

#include "codec/json_reader.h"
#include "platform/files.h"

namespace sokuo::cli {
namespace {

constexpr size_t kMaxBodyFile = size_t{1024} * 1024;

}  // namespace

Result<nlohmann::json> BodyOr(const std::string& from, const Body& body) {
  if (from.empty()) return body.json();
  std::string text;
  if (from == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    ASSIGN_OR_RETURN(text, platform::ReadFile(from, kMaxBodyFile));
  }
  return codec::ParseJson(text);
}

Result<std::string> TimeFlag(app::App& app, const std::string& text, const char* flag) {
  if (text.empty() || ParseRfc3339(text)) return text;
  ASSIGN_OR_RETURN(Calendar calendar, OrgCalendar(app));
  auto t = calendar.ParseLocal(text);
  if (!t) return Fail(ErrorCode::kInvalidInput, t.error().msg, flag);
  return FormatRfc3339(*t);
}

void AtFlag(CLI::App& c, std::string& at, const char* what) {
  c.add_option("--at", at,
               std::string(what) +
                   " (RFC 3339, or YYYY-MM-DD HH:MM in the organization's time zone; default now)");
}

}  // namespace sokuo::cli
