// What the SQL lists share (internal to store/sqlite): a WHERE built clause by clause with its
// bound values, need-to-know over an incident row, and one page read with its total.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/access.h"
#include "store/row_page.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace sokuo::store {

struct Where {
  std::string sql = "1";
  std::vector<Row> values;

  void And(const std::string& clause, std::vector<Row> bound = {}) {
    sql += " AND " + clause;
    for (Row& v : bound) values.push_back(std::move(v));
  }
};

// An incident_terms row of `kind` whose value is bound, for the incident `alias`.id.
std::string IncidentTerm(const char* kind, const std::string& alias);

// core::InScope of the incident row `alias` (of `incidents`), as a clause.
void AndVisible(Where& w, const core::VisibilityScope& s, const std::string& alias);

// A LIKE pattern that finds `text` anywhere, with \ escaping LIKE's own characters.
std::string LikeAnywhere(const std::string& text);

// `SELECT alias.* FROM from WHERE where` newest first by alias.year and alias.number, from the
// keyset position `after` and `offset`, at most `limit` rows; and, when `count`, the count of the
// WHERE alone.
[[nodiscard]] Result<RowPage> ReadPage(SqliteConnection& conn, const std::string& from,
                                       const std::string& alias, Where where,
                                       std::optional<std::pair<int, int>> after, size_t offset,
                                       size_t limit, bool count = true);

}  // namespace sokuo::store
