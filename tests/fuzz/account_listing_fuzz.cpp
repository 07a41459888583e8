// Fuzz target for the account listing of a user-management review (G4.2.4): any bytes must
// give a listing or an error naming lines, never a crash or a hang. Sound: an error has a code
// and at most 20 details; a listing has at least one account, names without ':' or ',', and
// every group member sorted; comparing it with itself finds nothing added or removed.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/account_review.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto listing = sokuo::core::ReadAccountListing(text);
  if (!listing) {
    if (listing.error().msg.code.empty() || listing.error().details.size() > 20) std::abort();
    return 0;
  }
  if (listing->accounts.empty()) std::abort();
  for (const auto& a : listing->accounts) {
    if (a.name.empty() || a.name.find_first_of(":,") != std::string::npos) std::abort();
  }
  for (const auto& g : listing->groups) {
    if (!std::is_sorted(g.members.begin(), g.members.end())) std::abort();
  }
  sokuo::core::Organization org;
  auto same = sokuo::core::CompareAccounts(&*listing, *listing, org);
  if (!same.added.empty() || !same.removed.empty() || !same.new_privileged.empty()) std::abort();
  return 0;
}
