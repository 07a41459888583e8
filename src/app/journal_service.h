// The journal area (G4.4.3): the tamper-evident work record — verify it, read its head, list
// its entries.
#pragma once

#include <vector>

#include "app/context.h"
#include "store/store.h"

namespace sokuo::app {

class JournalService {
 public:
  explicit JournalService(Context& ctx) : ctx_(ctx) {}

  [[nodiscard]] Result<store::VerifyReport> Verify();
  [[nodiscard]] Result<store::JournalHead> Head();
  // At most PageRequest::kMaxLimit entries per call.
  [[nodiscard]] Result<std::vector<store::JournalEntry>> Read(const store::JournalQuery& q);

 private:
  Context& ctx_;
};

}  // namespace sokuo::app
