#include "store/tables.h"

#include <algorithm>

#include "store/org_rows.h"

namespace sokuo::store {

const std::vector<std::string>& JournaledTables() {
  static const std::vector<std::string> kTables(kOrgTables.begin(), kOrgTables.end());
  return kTables;
}

bool IsJournaledTable(const std::string& table) {
  const auto& all = JournaledTables();
  return std::find(all.begin(), all.end(), table) != all.end();
}

}  // namespace sokuo::store
