#include "store/incident_query.h"

#include <algorithm>

#include "store/incident_rows.h"

namespace sokuo::store {
namespace {

bool Has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

std::string FoldAscii(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

}  // namespace

bool Matches(const IncidentQuery& q, const core::Incident& i) {
  if (!core::InScope(q.scope, i)) return false;
  if (q.state && i.state != *q.state) return false;
  if (q.open_only && !i.IsOpen()) return false;
  if (!q.system.empty() && !Has(i.systems, q.system)) return false;
  if (!q.department.empty() && !Has(core::ConcernedDepartments(i), q.department)) return false;
  if (!q.category.empty() && i.category != q.category) return false;
  if (!q.reported_since.empty() && i.reported_at < q.reported_since) return false;
  if (!q.reported_before.empty() && !(i.reported_at < q.reported_before)) return false;
  if (!q.text.empty()) {
    std::string text = FoldAscii(q.text);
    if (FoldAscii(i.title).find(text) == std::string::npos &&
        FoldAscii(i.summary).find(text) == std::string::npos) {
      return false;
    }
  }
  return true;
}

Result<RowPage> ListIncidentsInMemory(Store& store, const IncidentQuery& q) {
  ASSIGN_OR_RETURN(Table table, store.Read("incidents"));
  std::vector<std::pair<std::pair<int, int>, Row*>> found;
  for (auto& [key, row] : table) {
    ASSIGN_OR_RETURN(core::Incident i, IncidentHeaderFromRow(row));
    if (Matches(q, i)) found.push_back({{i.year, i.number}, &row});
  }
  return PageOf(std::move(found), q.after, q.offset, q.limit);
}

Result<RowPage> Store::ListIncidentRows(const IncidentQuery& q) {
  return ListIncidentsInMemory(*this, q);
}

Result<IncidentHeaders> ListIncidents(Store& store, const IncidentQuery& q) {
  ASSIGN_OR_RETURN(RowPage rows, store.ListIncidentRows(q));
  IncidentHeaders out;
  out.total = rows.total;
  out.items.reserve(rows.rows.size());
  for (const Row& row : rows.rows) {
    ASSIGN_OR_RETURN(core::Incident i, IncidentHeaderFromRow(row));
    out.items.push_back(std::move(i));
  }
  return out;
}

Result<void> EachIncident(Store& store, IncidentQuery q,
                          const std::function<Result<void>(core::Incident&)>& each) {
  q.offset = 0;
  q.limit = 200;
  q.count = false;
  while (true) {
    ASSIGN_OR_RETURN(IncidentHeaders found, ListIncidents(store, q));
    for (core::Incident& i : found.items) {
      TRY(each(i));
    }
    if (found.items.size() < q.limit) return {};
    q.after = std::pair(found.items.back().year, found.items.back().number);
  }
}

}  // namespace sokuo::store
