#include "store/sqlite/list_query.h"

namespace sokuo::store {

std::string IncidentTerm(const char* kind, const std::string& alias) {
  return std::string("EXISTS (SELECT 1 FROM incident_terms AS t WHERE t.kind = '") + kind +
         "' AND t.value = ? AND t.incident = " + alias + ".id)";
}

void AndVisible(Where& w, const core::VisibilityScope& s, const std::string& alias) {
  if (s.everything) return;
  std::vector<Row> bound;
  std::string named = "0";
  if (!s.person.empty()) {
    named = IncidentTerm("person", alias);
    bound.emplace_back(s.person);
  }
  std::string concerned = "0";
  if (s.unrestricted) {
    concerned = "1";
  } else if (!s.departments.empty()) {
    std::string in;
    for (const std::string& d : s.departments) {
      in += in.empty() ? "?" : ", ?";
      bound.emplace_back(d);
    }
    concerned = "EXISTS (SELECT 1 FROM incident_terms AS t WHERE t.kind = 'department' AND " +
                std::string("t.value IN (") + in + ") AND t.incident = " + alias + ".id)";
  }
  w.And("(" + named + " OR (" + alias + ".restricted = 0 AND " + concerned + "))",
        std::move(bound));
}

std::string LikeAnywhere(const std::string& text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

Result<RowPage> ReadPage(SqliteConnection& conn, const std::string& from, const std::string& alias,
                         Where where, std::optional<std::pair<int, int>> after, size_t offset,
                         size_t limit, bool count) {
  RowPage out;
  if (count) {
    ASSIGN_OR_RETURN(Statement total,
                     conn.Prepare("SELECT count(*) FROM " + from + " WHERE " + where.sql));
    int n = 1;
    for (const Row& v : where.values) total.Bind(n++, v);
    ASSIGN_OR_RETURN(bool found, total.Step());
    if (found) out.total = static_cast<size_t>(total.Int(0));
  }
  if (after) {
    // A row value, which SQLite reads as a range of the (year, number) index.
    where.And("(" + alias + ".year, " + alias + ".number) < (?, ?)", {after->first, after->second});
  }
  ASSIGN_OR_RETURN(Statement page, conn.Prepare("SELECT " + alias + ".* FROM " + from + " WHERE " +
                                                where.sql + " ORDER BY " + alias + ".year DESC, " +
                                                alias + ".number DESC LIMIT ? OFFSET ?"));
  int n = 1;
  for (const Row& v : where.values) page.Bind(n++, v);
  page.Bind(n++, static_cast<int64_t>(limit));
  page.Bind(n++, static_cast<int64_t>(offset));
  while (true) {
    ASSIGN_OR_RETURN(bool more, page.Step());
    if (!more) break;
    out.rows.push_back(page.RowImage());
  }
  return out;
}

}  // namespace sokuo::store
