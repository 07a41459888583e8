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
  ASSIGN_OR_RETURN(core::Organization org, store::LoadOrganization(store_));
  auto shared = std::make_shared<const core::Organization>(std::move(org));
  std::lock_guard lock(org_mu_);
  org_head_ = head.hash;
  org_cache_ = shared;
  return shared;
}

Result<std::shared_ptr<const core::Organization>> Context::OrganizationIn(store::Tx& tx) {
  {
    std::lock_guard lock(org_mu_);
    if (org_cache_ && org_head_ == tx.Start().hash) return org_cache_;
  }
  ASSIGN_OR_RETURN(core::Organization org, store::LoadOrganization(tx));
  return std::make_shared<const core::Organization>(std::move(org));
}

}  // namespace sokuo::app
