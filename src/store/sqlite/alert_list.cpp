// The alert list in SQL (store/alert_query.h): `alerts` with the facts migration 19 keeps beside
// each alert (its level's rank, its incident, the rule and the host), newest first on the
// (year, number) index. Need-to-know is that of the alert's incident.
#include <string>
#include <vector>

#include "store/alert_query.h"
#include "store/sqlite/list_query.h"
#include "store/sqlite/sqlite_store.h"

namespace sokuo::store {
namespace {

Result<AlertRows> ListAlertRowsOn(SqliteConnection& conn, const AlertQuery& q) {
  // An alert of an incident that is not there is seen by nobody, as it is not found alone.
  Where seen;
  AndVisible(seen, q.scope, "vi");
  Where w;
  w.And("(f.incident = '' OR EXISTS (SELECT 1 FROM incidents AS vi WHERE vi.id = f.incident AND " +
            seen.sql + "))",
        std::move(seen.values));
  if (q.state) w.And("a.state = ?", {std::string(core::kAlertStates.Name(*q.state))});
  if (q.min_rank) w.And("f.rank >= ?", {*q.min_rank});
  if (!q.text.empty()) {
    w.And(
        "(instr(f.rule_title, ?) > 0 OR instr(f.rule_id, ?) > 0 OR instr(a.grp, ?) > 0 OR "
        "instr(f.host, ?) > 0 OR instr(a.id, ?) > 0)",
        {q.text, q.text, q.text, q.text, q.text});
  }
  ASSIGN_OR_RETURN(RowPage page, ReadPage(conn, "alerts AS a JOIN alert_facts AS f ON f.id = a.id",
                                          "a", std::move(w), q.after, q.offset, q.limit));
  return AlertRows{std::move(page.rows), page.total};
}

}  // namespace

Result<AlertRows> SqliteStore::ListAlertRows(const AlertQuery& q) {
  std::lock_guard lock(read_mu_);
  return Retrying(options_, [&] { return ListAlertRowsOn(*read_conn_, q); });
}

}  // namespace sokuo::store
