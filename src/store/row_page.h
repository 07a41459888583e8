// One page of a list as the store answers it: rows newest first and how many match in all; and
// the paging that the in-memory references (incident_query.h, alert_query.h) share.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "store/store.h"

namespace sokuo::store {

struct RowPage {
  std::vector<Row> rows;
  size_t total = 0;  // matching on every page (the keyset position and offset not counted)
};

// The page of `found` (rows that matched, each with its (year, number)) newest first: after
// the keyset position `after`, then `offset` skipped, at most `limit` rows.
inline RowPage PageOf(std::vector<std::pair<std::pair<int, int>, Row*>> found,
                      std::optional<std::pair<int, int>> after, size_t offset, size_t limit) {
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  RowPage out;
  out.total = found.size();
  size_t skipped = 0;
  for (auto& [order, row] : found) {
    if (after && order >= *after) continue;
    if (skipped++ < offset) continue;
    if (out.rows.size() >= limit) break;
    out.rows.push_back(std::move(*row));
  }
  return out;
}

}  // namespace sokuo::store
