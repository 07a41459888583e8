// Incident lists in SQL (store/incident_query.h): the filters and need-to-know as one WHERE over
// `incidents` and the tables migration 18 keeps beside it, newest first on the (year, number)
// index, and the total as a COUNT with the same WHERE. A page reads only its own rows.
#include <string>
#include <vector>

#include "store/incident_query.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/sqlite_store.h"

namespace sokuo::store {
namespace {

// A WHERE clause and its bound values, in order.
struct Where {
  std::string sql = "1";
  std::vector<Row> values;

  void And(const std::string& clause, std::vector<Row> bound = {}) {
    sql += " AND " + clause;
    for (Row& v : bound) values.push_back(std::move(v));
  }
};

std::string Term(const char* kind) {
  return std::string("EXISTS (SELECT 1 FROM incident_terms AS t WHERE t.kind = '") + kind +
         "' AND t.value = ? AND t.incident = i.id)";
}

size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// A LIKE pattern that matches `text` anywhere, with \ escaping LIKE's own characters.
std::string Contains(const std::string& text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

Where Filters(const IncidentQuery& q) {
  Where w;
  const core::VisibilityScope& s = q.scope;
  if (!s.everything) {
    std::string seen = s.unrestricted ? "1" : "0";
    if (!s.departments.empty()) {
      std::string in;
      for (size_t n = 0; n < s.departments.size(); ++n) in += n == 0 ? "?" : ", ?";
      seen =
          "EXISTS (SELECT 1 FROM incident_terms AS t WHERE t.kind = 'department' AND t.value "
          "IN (" +
          in + ") AND t.incident = i.id)";
    }
    std::vector<Row> bound;
    if (!s.person.empty()) bound.emplace_back(s.person);
    for (const std::string& d : s.departments) bound.emplace_back(d);
    w.And("(" + (s.person.empty() ? std::string("0") : Term("person")) +
              " OR (i.restricted = 0 AND " + seen + "))",
          std::move(bound));
  }
  if (q.state) w.And("i.state = ?", {std::string(core::kIncidentStates.Name(*q.state))});
  if (q.open_only) w.And("i.state NOT IN ('closed', 'dismissed')");
  if (!q.system.empty()) w.And(Term("system"), {q.system});
  if (!q.department.empty()) w.And(Term("department"), {q.department});
  if (!q.category.empty()) w.And(Term("category"), {q.category});
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
          {Contains(q.text), Contains(q.text)});
    }
  }
  return w;
}

Result<IncidentRows> ListIncidentRowsOn(SqliteConnection& conn, const IncidentQuery& q) {
  Where w = Filters(q);
  IncidentRows out;
  {
    ASSIGN_OR_RETURN(Statement count,
                     conn.Prepare("SELECT count(*) FROM incidents AS i WHERE " + w.sql));
    for (size_t n = 0; n < w.values.size(); ++n) count.Bind(static_cast<int>(n + 1), w.values[n]);
    ASSIGN_OR_RETURN(bool found, count.Step());
    if (found) out.total = static_cast<size_t>(count.Int(0));
  }
  if (q.after) {
    w.And("(i.year < ? OR (i.year = ? AND i.number < ?))",
          {q.after->first, q.after->first, q.after->second});
  }
  ASSIGN_OR_RETURN(Statement page,
                   conn.Prepare("SELECT i.* FROM incidents AS i WHERE " + w.sql +
                                " ORDER BY i.year DESC, i.number DESC LIMIT ? OFFSET ?"));
  int n = 1;
  for (const Row& v : w.values) page.Bind(n++, v);
  page.Bind(n++, static_cast<int64_t>(q.limit));
  page.Bind(n++, static_cast<int64_t>(q.offset));
  while (true) {
    ASSIGN_OR_RETURN(bool more, page.Step());
    if (!more) break;
    out.rows.push_back(page.RowImage());
  }
  return out;
}

}  // namespace

Result<IncidentRows> SqliteStore::ListIncidentRows(const IncidentQuery& q) {
  std::lock_guard lock(read_mu_);
  return Retrying(options_, [&] { return ListIncidentRowsOn(*read_conn_, q); });
}

}  // namespace sokuo::store
