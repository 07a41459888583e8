#include "store/incident_query.h"

#include <algorithm>
#include <tuple>

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

Result<IncidentRows> ListIncidentsInMemory(Store& store, const IncidentQuery& q) {
  ASSIGN_OR_RETURN(Table table, store.Read("incidents"));
  std::vector<std::pair<std::tuple<int, int>, Row*>> found;
  for (auto& [key, row] : table) {
    ASSIGN_OR_RETURN(core::Incident i, IncidentHeaderFromRow(row));
    if (Matches(q, i)) found.push_back({{i.year, i.number}, &row});
  }
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  IncidentRows out;
  out.total = found.size();
  size_t skipped = 0;
  for (auto& [order, row] : found) {
    if (q.after && order >= std::tuple(q.after->first, q.after->second)) continue;
    if (skipped++ < q.offset) continue;
    if (out.rows.size() >= q.limit) break;
    out.rows.push_back(std::move(*row));
  }
  return out;
}

Result<IncidentRows> Store::ListIncidentRows(const IncidentQuery& q) {
  return ListIncidentsInMemory(*this, q);
}

Result<IncidentHeaders> ListIncidents(Store& store, const IncidentQuery& q) {
  ASSIGN_OR_RETURN(IncidentRows rows, store.ListIncidentRows(q));
  IncidentHeaders out;
  out.total = rows.total;
  out.items.reserve(rows.rows.size());
  for (const Row& row : rows.rows) {
    ASSIGN_OR_RETURN(core::Incident i, IncidentHeaderFromRow(row));
    out.items.push_back(std::move(i));
  }
  return out;
}

}  // namespace sokuo::store
