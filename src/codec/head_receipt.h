// A head receipt: the journal head as sokuo sent it to a witness outside itself (G4.4.3,
// app/witness.h), one line of JSON:
//
//   {"at":"2026-11-28T06:00:00Z","hash":"<64 hex>","org":"朝野精機","reason":"daily",
//    "seq":4182,"sokuo":"journal.head"}
//
// seq and hash name a journal entry; at is when it was sent (RFC 3339 UTC); org is the company's
// name; reason is "daily", "incident.close INC-2026-0001", "disaster.close DIS-2026-0001" or
// "manual". `journal verify --against FILE` reads a file of them: the witness file itself, or a
// saved email or webhook body. ReadReceipts takes one receipt per line; blank lines and lines
// starting with '#' (the words around a receipt in an email) are skipped; a line holding a JSON
// webhook body ({"kind":"journal.head","body":"…"}) is read for the receipts in its body.
// Every other line is an error naming it. Pure: text in, receipts or positioned problems out.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace sokuo::codec {

struct HeadReceipt {
  int64_t seq = 0;
  std::string hash;
  std::string at;
  std::string org;
  std::string reason;
  friend bool operator==(const HeadReceipt&, const HeadReceipt&) = default;
};

inline constexpr std::string_view kReceiptMark = "journal.head";
inline constexpr size_t kReceiptMaxLine = 64 * 1024;  // a webhook body of one receipt is far less
inline constexpr size_t kReceiptMaxProblems = 100;    // the error names at most this many lines

// The receipt as one line of canonical JSON, without the line end.
std::string ReceiptLine(const HeadReceipt& receipt);

// Every receipt in `text` in the order written (duplicates kept), or kInvalidInput naming each
// line that is not one ("FILE:LINE" in Detail::where, `file` being the name to show), or
// `receipt.none` when there is none.
[[nodiscard]] Result<std::vector<HeadReceipt>> ReadReceipts(std::string_view text,
                                                            const std::string& file);

}  // namespace sokuo::codec
