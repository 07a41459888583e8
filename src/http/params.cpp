#include "http/params.h"

#include <charconv>

#include "codec/json_reader.h"

namespace sokuo::http {

Result<size_t> Number(const Request& req, const std::string& name, size_t fallback, size_t min,
                      size_t max) {
  auto it = req.query.find(name);
  if (it == req.query.end()) return fallback;
  const std::string& text = it->second;
  size_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < min || value > max) {
    return Fail(
        ErrorCode::kInvalidInput,
        Msg("query.not_number", {{"min", std::to_string(min)}, {"max", std::to_string(max)}}),
        "?" + name);
  }
  return value;
}

std::string Text(const Request& req, const std::string& name) {
  auto it = req.query.find(name);
  return it == req.query.end() ? "" : it->second;
}

Result<bool> Flag(const Request& req, const std::string& name) {
  std::string text = Text(req, name);
  if (!text.empty() && text != "true" && text != "false") {
    return Fail(ErrorCode::kInvalidInput, Msg("query.not_flag"), "?" + name);
  }
  return text == "true";
}

Result<std::string> InstantParam(const Request& req, const std::string& name) {
  std::string text = Text(req, name);
  if (text.empty()) return text;
  auto t = ParseRfc3339(text);
  if (!t) return Fail(ErrorCode::kInvalidInput, t.error().msg, "?" + name);
  return FormatRfc3339(*t);
}

Result<app::PageRequest> PageParams(const Request& req) {
  ASSIGN_OR_RETURN(size_t offset, Number(req, "offset", 0, 0, 1u << 30));
  ASSIGN_OR_RETURN(size_t limit, Number(req, "limit", 50, 1, app::PageRequest::kMaxLimit));
  return app::PageRequest{offset, limit, Text(req, "cursor")};
}

Result<Json> Body(const Request& req) {
  if (!req.content_type.empty() && req.content_type.find("application/json") == std::string::npos) {
    return Fail(ErrorCode::kUnsupportedMedia, Msg("http.send_json", {{"type", req.content_type}}));
  }
  return codec::ParseJson(req.body.empty() ? "{}" : req.body);
}

Result<int> IntPath(const Request& req, const std::string& name) {
  const std::string& text = req.path.at(name);
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value <= 0) {
    return Fail(ErrorCode::kNotFound, Msg("http.no_such_item", {{"what", name}, {"id", text}}));
  }
  return value;
}

Json EntriesJson(const std::vector<store::JournalEntry>& entries) {
  Json items = Json::array();
  for (const auto& e : entries) items.push_back(api::ToJson(e));
  return items;
}

}  // namespace sokuo::http
