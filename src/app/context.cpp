#include "app/context.h"

#include "store/org_rows.h"

namespace sokuo::app {

Result<report::Stamp> Context::Stamp() const {
  ASSIGN_OR_RETURN(store::JournalHead head, store_.Head());
  return report::Stamp{
      .generated_at = FormatRfc3339(clock_.Now()), .head_seq = head.seq, .head_hash = head.hash};
}

Result<std::shared_ptr<const core::Organization>> Context::Organization() {
  ASSIGN_OR_RETURN(store::JournalHead head, store_.Head());
  {
    std::lock_guard lock(org_mu_);
    if (org_cache_ && org_head_ == head.hash) return org_cache_;
  }
  // Read before the organization, so that a change made between the two can only make the copy
  // newer than its key (read again next time), never older.
  ASSIGN_OR_RETURN(std::string change, store_.LastChange(store::kOrgTables));
  {
    std::lock_guard lock(org_mu_);
    if (org_cache_ && org_change_ == change) {
      org_head_ = head.hash;
      return org_cache_;
    }
  }
  ASSIGN_OR_RETURN(core::Organization org, store::LoadOrganization(store_));
  return Keep(std::move(org), std::move(change), std::move(head.hash));
}

Result<std::shared_ptr<const core::Organization>> Context::OrganizationIn(store::Tx& tx) {
  ASSIGN_OR_RETURN(std::optional<std::string> change, tx.LastChange(store::kOrgTables));
  if (change) {
    std::lock_guard lock(org_mu_);
    if (org_cache_ && org_change_ == *change) return org_cache_;
  }
  ASSIGN_OR_RETURN(core::Organization org, store::LoadOrganization(tx));
  // Not kept when the transaction changed the tables itself: it may yet be undone. A copy kept
  // from a transaction whose commit then fails is keyed by an entry that never was: no later
  // read finds that hash again.
  if (!change) return std::make_shared<const core::Organization>(std::move(org));
  return Keep(std::move(org), std::move(*change), "");
}

std::shared_ptr<const core::Organization> Context::Keep(core::Organization org, std::string change,
                                                        std::string head) {
  auto shared = std::make_shared<const core::Organization>(std::move(org));
  std::lock_guard lock(org_mu_);
  org_change_ = std::move(change);
  org_head_ = std::move(head);
  org_cache_ = shared;
  return shared;
}

}  // namespace sokuo::app
