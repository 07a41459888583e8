#include "app/context.h"

#include "store/org_rows.h"

namespace sokuo::app {

Result<core::Organization> Context::Organization() {
  ASSIGN_OR_RETURN(store::JournalHead head, store_.Head());
  {
    std::lock_guard lock(org_mu_);
    if (org_cache_ && org_cache_->first == head.hash) return org_cache_->second;
  }
  ASSIGN_OR_RETURN(core::Organization org, store::LoadOrganization(store_));
  std::lock_guard lock(org_mu_);
  org_cache_ = std::make_shared<const std::pair<std::string, core::Organization>>(head.hash, org);
  return org;
}

}  // namespace sokuo::app
