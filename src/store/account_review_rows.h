// The reviews of user-management settings (G4.2.4) ⇄ rows: one row in `account_reviews` per
// host reviewed in an occurrence of a control, keyed "<occurrence>/<host>", with the listing and
// what changed since the previous review as JSON in `data`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/account_review.h"
#include "store/store.h"

namespace sokuo::store {

struct AccountReview {
  std::string id;  // "<occurrence>/<host>"
  std::string occurrence;
  std::string control;
  std::string host;
  int64_t starts = 0;  // the occurrence's start, seconds: orders the reviews of a host
  core::AccountListing listing;
  core::AccountChanges changes;
  std::string previous;  // the review compared with; empty for the first
  std::string by;
  std::string at;  // when it was recorded
};

[[nodiscard]] Result<void> SaveAccountReview(Tx& tx, const AccountReview& r);
// The reviews of an occurrence, by host.
[[nodiscard]] Result<std::vector<AccountReview>> LoadAccountReviews(Store& store,
                                                                    const std::string& occurrence);
// The latest review of `host` under `control` from an occurrence that started before `starts`.
[[nodiscard]] Result<std::optional<AccountReview>> PreviousAccountReview(Tx& tx,
                                                                         const std::string& control,
                                                                         const std::string& host,
                                                                         int64_t starts);

}  // namespace sokuo::store
