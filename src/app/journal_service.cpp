#include "app/journal_service.h"

#include <algorithm>

#include "app/page.h"

namespace sokuo::app {

Result<store::VerifyReport> JournalService::Verify() { return ctx_.store().Verify(); }

Result<store::JournalHead> JournalService::Head() { return ctx_.store().Head(); }

Result<std::vector<store::JournalEntry>> JournalService::Read(const store::JournalQuery& q) {
  store::JournalQuery bounded = q;
  bounded.limit = std::min<size_t>(q.limit, PageRequest::kMaxLimit);
  return ctx_.store().ReadJournal(bounded);
}

}  // namespace sokuo::app
