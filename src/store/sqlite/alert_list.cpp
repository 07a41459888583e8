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

Result<RowPage> ListAlertRowsOn(SqliteConnection& conn, const AlertQuery& q) {
  // Those who see every incident see every alert, without reading the facts or the incidents.
  Where w;
  if (!q.scope.everything) {
    Where seen;
    AndVisible(seen, q.scope, "vi");
    w.And(
        "(f.incident = '' OR EXISTS (SELECT 1 FROM incidents AS vi WHERE vi.id = f.incident "
        "AND " +
            seen.sql + "))",
        std::move(seen.values));
  }
  if (q.state) w.And("a.state = ?", {std::string(core::kAlertStates.Name(*q.state))});
  if (q.min_rank) w.And("f.rank >= ?", {*q.min_rank});
  if (!q.text.empty()) {
    w.And(
        "(instr(f.rule_title, ?) > 0 OR instr(f.rule_id, ?) > 0 OR instr(a.grp, ?) > 0 OR "
        "instr(f.host, ?) > 0 OR instr(a.id, ?) > 0)",
        {q.text, q.text, q.text, q.text, q.text});
  }
  bool facts = !q.scope.everything || q.min_rank || !q.text.empty();
  return ReadPage(conn, facts ? "alerts AS a JOIN alert_facts AS f ON f.id = a.id" : "alerts AS a",
                  "a", std::move(w), q.after, q.offset, q.limit);
}

}  // namespace

Result<RowPage> SqliteStore::ListAlertRows(const AlertQuery& q) {
  std::lock_guard lock(read_mu_);
  return Retrying(options_, [&] { return ListAlertRowsOn(*read_conn_, q); });
}

}  // namespace sokuo::store
