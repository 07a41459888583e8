#include "codec/head_receipt.h"

#include <optional>

#include <nlohmann/json.hpp>

#include "base/time.h"

namespace sokuo::codec {
namespace {

using nlohmann::json;

bool IsHash(const std::string& text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// One receipt object; the first problem, or none.
std::optional<Message> ReadObject(const json& j, HeadReceipt& out) {
  auto seq = j.find("seq");
  if (seq == j.end() || !seq->is_number_integer() || seq->get<int64_t>() < 1) {
    return Msg("receipt.bad_seq");
  }
  out.seq = seq->get<int64_t>();
  for (auto [field, to] : {std::pair{"hash", &out.hash}, std::pair{"at", &out.at},
                           std::pair{"org", &out.org}, std::pair{"reason", &out.reason}}) {
    auto it = j.find(field);
    if (it == j.end() || !it->is_string()) return Msg("receipt.bad_text", {{"field", field}});
    *to = it->get<std::string>();
  }
  if (!IsHash(out.hash)) return Msg("receipt.bad_hash");
  if (!ParseRfc3339(out.at)) return Msg("receipt.bad_at");
  return std::nullopt;
}

struct Reading {
  const std::string& file;
  std::vector<HeadReceipt> receipts;
  std::vector<Detail> problems;
  size_t bad_lines = 0;

  void Bad(size_t line, Message why) {
    ++bad_lines;
    if (problems.size() < kReceiptMaxProblems) {
      problems.push_back(MakeDetail(file + ":" + std::to_string(line), std::move(why)));
    }
  }

  // `number` names the line in the file; a webhook body's lines are named by the line that
  // holds the body (`nested`: it holds no further bodies).
  void Lines(std::string_view text, size_t first, bool nested) {
    size_t number = first;
    while (true) {
      size_t end = text.find('\n');
      std::string_view line = text.substr(0, end);
      Line(line, number, nested);
      if (end == std::string_view::npos) break;
      text.remove_prefix(end + 1);
      if (!nested) ++number;
    }
  }

  void Line(std::string_view line, size_t number, bool nested) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty() || line.front() == '#') return;
    if (line.size() > kReceiptMaxLine) {
      return Bad(number, Msg("receipt.line_too_long", {{"max", std::to_string(kReceiptMaxLine)}}));
    }
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded()) {
      return Bad(number, Msg("receipt.not_json"));
    }
    if (!j.is_object()) return Bad(number, Msg("receipt.not_receipt"));
    auto mark = j.find("sokuo");
    if (mark != j.end() && mark->is_string() && *mark == kReceiptMark) {
      HeadReceipt r;
      if (auto why = ReadObject(j, r)) return Bad(number, std::move(*why));
      receipts.push_back(std::move(r));
      return;
    }
    // A saved JSON webhook body carries the receipt in its text.
    auto kind = j.find("kind");
    auto body = j.find("body");
    if (!nested && kind != j.end() && kind->is_string() && *kind == kReceiptMark &&
        body != j.end() && body->is_string()) {
      size_t before = receipts.size() + bad_lines;
      Lines(body->get_ref<const std::string&>(), number, true);
      if (receipts.size() + bad_lines == before) Bad(number, Msg("receipt.not_receipt"));
      return;
    }
    Bad(number, Msg("receipt.not_receipt"));
  }
};

}  // namespace

std::string ReceiptLine(const HeadReceipt& r) {
  // nlohmann's object keeps its keys sorted: the same receipt is the same line.
  return json{{"sokuo", kReceiptMark}, {"seq", r.seq},      {"hash", r.hash}, {"at", r.at},
              {"org", r.org},          {"reason", r.reason}}
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<std::vector<HeadReceipt>> ReadReceipts(std::string_view text, const std::string& file) {
  Reading reading{.file = file};
  reading.Lines(text, 1, false);
  if (reading.bad_lines > 0) {
    Error e = Fail(ErrorCode::kInvalidInput,
                   Msg("receipt.unreadable",
                       {{"file", file}, {"count", std::to_string(reading.bad_lines)}}))
                  .value();
    e.details = std::move(reading.problems);
    return tl::unexpected(std::move(e));
  }
  if (reading.receipts.empty()) {
    return Fail(ErrorCode::kInvalidInput, Msg("receipt.none", {{"file", file}}));
  }
  return std::move(reading.receipts);
}

}  // namespace sokuo::codec
