// Incident and alert lists in SQL on PostgreSQL (store/incident_query.h, store/alert_query.h):
// the filters and need-to-know as one WHERE over the rows' JSON (jsonb operators on `data`),
// newest first on the (year, number) index, the total a COUNT with the same WHERE. The answer
// is the in-memory reference's (postgres lists are tested against it, as SQLite's are); only the
// page's rows cross the connection.
#include <optional>
#include <string>
#include <utility>

#include "store/alert_query.h"
#include "store/incident_query.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_store.h"

namespace sokuo::store {
namespace {

// jsonb refuses the escape of U+0000, which a row's JSON text may hold: the queries read each
// row with it as a space (\u0020, six characters for six, so an escaped backslash before it
// still escapes the same). A search for a NUL is the one answer that can differ.
// A WHERE built clause by clause, its values bound as $1, $2, …
struct PgWhere {
  std::string sql = "TRUE";
  pg::Params params;

  // The placeholder of `value`, bound.
  std::string Bind(const Row& value) {
    params.Add(value);
    return "$" + std::to_string(params.size());
  }
  void And(const std::string& clause) { sql += " AND " + clause; }
};

// Latin capitals as small letters, and nothing else (as incident_query.cpp's FoldAscii).
std::string FoldAscii(const std::string& sql) {
  return "translate(" + sql + ", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')";
}

// core::InScope of the incident whose JSON is `d` and whose row is `i`, as a clause.
std::string Visible(PgWhere& w, const core::VisibilityScope& s, const std::string& i,
                    const std::string& d) {
  if (s.everything) return "TRUE";
  std::string named = "FALSE";
  if (!s.person.empty()) {
    std::string person = w.Bind(s.person);
    named = "(" + d + " ->> 'reported_by' = " + person + " OR (" + d +
            " -> 'participants') @> jsonb_build_array(jsonb_build_object('person', " + person +
            "::text)))";
  }
  std::string concerned = "FALSE";
  if (s.unrestricted) {
    concerned = "TRUE";
  } else if (!s.departments.empty()) {
    std::string list;
    for (const std::string& dept : s.departments) {
      list += (list.empty() ? "" : ", ") + w.Bind(dept) + "::text";
    }
    concerned = "(" + d + " -> 'departments' ?| ARRAY[" + list + "] OR " + d +
                " ->> 'reporter_department' IN (" + list + "))";
  }
  return "(" + named + " OR (" + i + ".restricted = 0 AND " + concerned + "))";
}

// `SELECT alias.* FROM from WHERE where`, newest first from the keyset position `after` and
// `offset`, at most `limit` rows; and, when `count`, the count of the WHERE alone, from the same
// snapshot (a write between the two would otherwise make them disagree).
Result<RowPage> ReadPage(pg::Connection& conn, const std::string& from, const std::string& alias,
                         PgWhere where, std::optional<std::pair<int, int>> after, size_t offset,
                         size_t limit, bool count = true) {
  return pg::Guarded("list", [&]() -> Result<RowPage> {
    pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> t(conn);
    RowPage out;
    if (count) {
      out.total = t.exec_params1("SELECT count(*) FROM " + from + " WHERE " + where.sql,
                                 where.params.Dynamic())[0]
                      .as<size_t>();
    }
    if (after) {
      where.And("(" + alias + ".year, " + alias + ".number) < (" + where.Bind(after->first) + ", " +
                where.Bind(after->second) + ")");
    }
    std::string page = "SELECT " + alias + ".* FROM " + from + " WHERE " + where.sql +
                       " ORDER BY " + alias + ".year DESC, " + alias + ".number DESC LIMIT " +
                       where.Bind(static_cast<int64_t>(limit)) + " OFFSET " +
                       where.Bind(static_cast<int64_t>(offset));
    for (const pqxx::row& row : t.exec_params(page, where.params.Dynamic())) {
      out.rows.push_back(pg::RowImage(row));
    }
    t.commit();
    return out;
  });
}

constexpr const char* kIncidents =
    "incidents AS i CROSS JOIN LATERAL (SELECT replace(i.data, '\\u0000', '\\u0020')::jsonb) AS "
    "j(d)";

}  // namespace

Result<RowPage> PostgresStore::ListIncidentRows(const IncidentQuery& q) {
  PgWhere w;
  w.And(Visible(w, q.scope, "i", "j.d"));
  if (q.state) w.And("i.state = " + w.Bind(std::string(core::kIncidentStates.Name(*q.state))));
  if (q.open_only) w.And("i.state NOT IN ('closed', 'dismissed')");
  if (!q.system.empty()) w.And("j.d -> 'systems' ? " + w.Bind(q.system));
  if (!q.department.empty()) {
    std::string d = w.Bind(q.department);
    w.And("(j.d -> 'departments' ? " + d + " OR j.d ->> 'reporter_department' = " + d + ")");
  }
  if (!q.category.empty()) w.And("j.d ->> 'category' = " + w.Bind(q.category));
  // RFC 3339 in one form compares as bytes do, whatever the database's collation.
  if (!q.reported_since.empty()) {
    w.And("i.reported_at COLLATE \"C\" >= " + w.Bind(q.reported_since));
  }
  if (!q.reported_before.empty()) {
    w.And("i.reported_at COLLATE \"C\" < " + w.Bind(q.reported_before));
  }
  if (!q.text.empty()) {
    std::string text = FoldAscii(w.Bind(q.text) + "::text");
    w.And("(strpos(" + FoldAscii("coalesce(j.d ->> 'title', '')") + ", " + text +
          ") > 0 OR strpos(" + FoldAscii("coalesce(j.d ->> 'summary', '')") + ", " + text +
          ") > 0)");
  }
  return OnReader<RowPage>([&](pg::Connection& conn) {
    return ReadPage(conn, kIncidents, "i", std::move(w), q.after, q.offset, q.limit, q.count);
  });
}

Result<RowPage> PostgresStore::ListAlertRows(const AlertQuery& q) {
  PgWhere w;
  if (!q.scope.everything) {
    // Need-to-know is that of the alert's incident.
    std::string seen = Visible(w, q.scope, "vi", "vj.d");
    w.And(
        "(coalesce(j.d ->> 'incident', '') = '' OR EXISTS (SELECT 1 FROM incidents AS vi CROSS "
        "JOIN LATERAL (SELECT replace(vi.data, '\\u0000', '\\u0020')::jsonb) AS vj(d) WHERE vi.id "
        "= j.d ->> 'incident' AND " +
        seen + "))");
  }
  if (q.state) w.And("a.state = " + w.Bind(std::string(core::kAlertStates.Name(*q.state))));
  if (q.min_rank) {
    // core::PolicyLevelRank: the five Sigma levels in order, "none" after them, else medium.
    w.And(
        "(CASE j.d ->> 'level' WHEN 'informational' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN "
        "2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 WHEN 'none' THEN 5 ELSE 2 END) >= " +
        w.Bind(*q.min_rank));
  }
  if (!q.text.empty()) {
    std::string text = w.Bind(q.text) + "::text";
    std::string any;
    for (const char* field :
         {"coalesce(j.d ->> 'rule_title', '')", "coalesce(j.d ->> 'rule_id', '')", "a.grp",
          "coalesce(j.d ->> 'host', '')", "a.id"}) {
      any += (any.empty() ? "" : " OR ") + std::string("strpos(") + field + ", " + text + ") > 0";
    }
    w.And("(" + any + ")");
  }
  return OnReader<RowPage>([&](pg::Connection& conn) {
    return ReadPage(conn,
                    "alerts AS a CROSS JOIN LATERAL (SELECT replace(a.data, '\\u0000', "
                    "'\\u0020')::jsonb) AS j(d)",
                    "a", std::move(w), q.after, q.offset, q.limit);
  });
}

}  // namespace sokuo::store
