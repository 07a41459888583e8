#include "store/alert_query.h"

#include <map>

#include "core/alert_rules.h"
#include "store/alert_rows.h"
#include "store/incident_rows.h"

namespace sokuo::store {

bool Matches(const AlertQuery& q, const core::Alert& a) {
  if (q.state && a.state != *q.state) return false;
  if (q.min_rank && core::PolicyLevelRank(a.level) < *q.min_rank) return false;
  if (!q.text.empty()) {
    for (const std::string* s : {&a.rule_title, &a.rule_id, &a.group, &a.host, &a.key}) {
      if (s->find(q.text) != std::string::npos) return true;
    }
    return false;
  }
  return true;
}

Result<RowPage> ListAlertsInMemory(Store& store, const AlertQuery& q) {
  ASSIGN_OR_RETURN(std::vector<core::Incident> incidents, LoadIncidentHeaders(store));
  std::map<std::string, bool> seen;  // by incident key
  for (const core::Incident& i : incidents) seen[i.key] = core::InScope(q.scope, i);
  ASSIGN_OR_RETURN(Table table, store.Read("alerts"));
  std::vector<std::pair<std::pair<int, int>, Row*>> found;
  for (auto& [key, row] : table) {
    ASSIGN_OR_RETURN(core::Alert a, AlertOfRow(row));
    if (!Matches(q, a)) continue;
    if (!a.incident.empty() && !q.scope.everything) {
      auto it = seen.find(a.incident);
      if (it == seen.end() || !it->second) continue;
    }
    found.push_back({{a.year, a.number}, &row});
  }
  return PageOf(std::move(found), q.after, q.offset, q.limit);
}

Result<RowPage> Store::ListAlertRows(const AlertQuery& q) { return ListAlertsInMemory(*this, q); }

Result<AlertPage> ListAlerts(Store& store, const AlertQuery& q) {
  ASSIGN_OR_RETURN(RowPage rows, store.ListAlertRows(q));
  AlertPage out;
  out.total = rows.total;
  out.items.reserve(rows.rows.size());
  for (const Row& row : rows.rows) {
    ASSIGN_OR_RETURN(core::Alert a, AlertOfRow(row));
    out.items.push_back(std::move(a));
  }
  return out;
}

}  // namespace sokuo::store
