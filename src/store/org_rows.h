// Organization ⇄ row images of the journaled organization tables. Shared by every Store
// implementation, so the journal holds the same images whatever the database.
#pragma once

#include <array>
#include <string>

#include "core/organization.h"
#include "store/store.h"

namespace sokuo::store {

// `org_extensions` keeps the fields added to a type after its table was created (one row per
// object that has any, keyed "table/id", the fields as a JSON object): see org_rows.cpp.
inline const std::array<std::string, 10> kOrgTables = {
    "company",  "holidays", "departments", "people",       "roles",
    "contacts", "systems",  "media",       "org_settings", "org_extensions"};

Tables OrgToTables(const core::Organization& org);
// Rows come back in their stored order (the `position` column). Fails only on rows that no
// version of sokuo writes, i.e. after tampering.
[[nodiscard]] Result<core::Organization> TablesToOrg(const Tables& tables);

}  // namespace sokuo::store

namespace sokuo::store {

[[nodiscard]] Result<core::Organization> LoadOrganization(Store& store);
[[nodiscard]] Result<core::Organization> LoadOrganization(Tx& tx);
// Makes the stored organization equal to `org` and returns the row changes it made; the caller
// journals them with Tx::Append. No changes when `org` is what is stored.
[[nodiscard]] Result<std::vector<RowChange>> ReplaceOrganization(Tx& tx,
                                                                 const core::Organization& org);

}  // namespace sokuo::store
