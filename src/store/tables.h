#pragma once

#include <string>
#include <vector>

namespace sokuo::store {

// Every journaled table, in the order Verify reports them. A table that is written through Tx
// must be listed here, or Tx refuses to touch it.
const std::vector<std::string>& JournaledTables();

bool IsJournaledTable(const std::string& table);

}  // namespace sokuo::store
