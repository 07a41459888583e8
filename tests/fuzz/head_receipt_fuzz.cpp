// Fuzz target for the head receipt reader (codec/head_receipt.h): any bytes, read as a file of
// receipts, must give receipts or an error naming lines, never a crash, a hang or a read outside
// the input. Sound: an error has a message code and at most kReceiptMaxProblems details, each
// with a code and a "FILE:LINE" inside the input; every receipt read has a seq from 1, a hash of
// 64 lower-case hex digits and a time that parses, and writing it out reads back the same.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/time.h"
#include "codec/head_receipt.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sokuo::codec;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto read = ReadReceipts(text, "fuzz");
  if (!read) {
    const sokuo::Error& e = read.error();
    if (e.msg.empty() || e.details.size() > kReceiptMaxProblems) std::abort();
    size_t lines = 1;
    for (char c : text) lines += c == '\n' ? 1 : 0;
    for (const sokuo::Detail& d : e.details) {
      if (d.msg.empty() || d.where.rfind("fuzz:", 0) != 0) std::abort();
      size_t line = std::stoul(d.where.substr(5));
      if (line < 1 || line > lines) std::abort();
    }
    return 0;
  }
  if (read->empty()) std::abort();
  for (const HeadReceipt& r : *read) {
    if (r.seq < 1 || r.hash.size() != 64 || !sokuo::ParseRfc3339(r.at)) std::abort();
    auto again = ReadReceipts(ReceiptLine(r), "again");
    if (!again || again->size() != 1 || again->front() != r) std::abort();
  }
  return 0;
}
