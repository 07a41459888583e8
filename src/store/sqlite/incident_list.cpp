// Incident lists in SQL (store/incident_query.h): the filters and need-to-know as one WHERE over
// `incidents` and the tables beside it (migration 18; incident_index.h writes them), newest
// first on the (year, number) index, and the total as a COUNT with the same WHERE. A page reads
// only its own rows.
#include <string>
#include <vector>

#include "store/incident_query.h"
#include "store/sqlite/list_query.h"
#include "store/sqlite/sqlite_store.h"

namespace sokuo::store {
namespace {

size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

Where Filters(const IncidentQuery& q) {
  Where w;
  AndVisible(w, q.scope, "i");
  if (q.state) w.And("i.state = ?", {std::string(core::kIncidentStates.Name(*q.state))});
  if (q.open_only) w.And("i.state NOT IN ('closed', 'dismissed')");
  if (!q.system.empty()) w.And(IncidentTerm("system", "i"), {q.system});
  if (!q.department.empty()) w.And(IncidentTerm("department", "i"), {q.department});
  if (!q.category.empty()) w.And(IncidentTerm("category", "i"), {q.category});
  if (!q.reported_since.empty()) w.And("i.reported_at >= ?", {q.reported_since});
  if (!q.reported_before.empty()) w.And("i.reported_at < ?", {q.reported_before});
  if (!q.text.empty()) {
    // The trigram index finds three characters or more; shorter text is looked for row by row.
    if (CodePoints(q.text) >= 3) {
      std::string phrase = "\"";
      for (char c : q.text) phrase += c == '"' ? std::string("\"\"") : std::string(1, c);
      w.And(
          "i.year * 1000000 + i.number IN (SELECT rowid FROM incident_text WHERE "
          "incident_text MATCH ?)",
          {phrase + "\""});
    } else {
      w.And(
          "i.year * 1000000 + i.number IN (SELECT rowid FROM incident_text WHERE title LIKE ? "
          "ESCAPE '\\' OR summary LIKE ? ESCAPE '\\')",
          {LikeAnywhere(q.text), LikeAnywhere(q.text)});
    }
  }
  return w;
}

Result<RowPage> ListIncidentRowsOn(SqliteConnection& conn, const IncidentQuery& q) {
  return ReadPage(conn, "incidents AS i", "i", Filters(q), q.after, q.offset, q.limit, q.count);
}

}  // namespace

Result<RowPage> SqliteStore::ListIncidentRows(const IncidentQuery& q) {
  std::lock_guard lock(read_mu_);
  return Retrying(options_, [&] { return ListIncidentRowsOn(*read_conn_, q); });
}

}  // namespace sokuo::store
