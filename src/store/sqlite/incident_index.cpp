#include "store/sqlite/incident_index.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace sokuo::store {
namespace {

// The rowid of an incident's text: year * 1000000 + number (migration 18).
int64_t TextId(const Row& row) {
  return row.value("year", int64_t{0}) * 1000000 + row.value("number", int64_t{0});
}

Result<Row> DataOf(const Row& row) {
  Row data = Row::parse(row.value("data", ""), nullptr, false);
  if (!data.is_object()) {
    return Fail(ErrorCode::kStorage, Msg("store.row_not_json", {{"id", row.value("id", "")}}));
  }
  return data;
}

Result<void> QueueText(SqliteConnection& conn, int64_t doc, const std::string& title,
                       const std::string& summary, bool present) {
  ASSIGN_OR_RETURN(Statement queue,
                   conn.Prepare("INSERT INTO incident_text_queue (doc, title, summary, present) "
                                "VALUES (?, ?, ?, ?) ON CONFLICT (doc) DO UPDATE SET title = "
                                "excluded.title, summary = excluded.summary, present = "
                                "excluded.present"));
  queue.Bind(1, doc);
  queue.Bind(2, title);
  queue.Bind(3, summary);
  queue.Bind(4, int64_t{present ? 1 : 0});
  TRY(queue.Step());
  return {};
}

Result<void> RemoveTerms(SqliteConnection& conn, const std::string& id) {
  ASSIGN_OR_RETURN(Statement gone, conn.Prepare("DELETE FROM incident_terms WHERE incident = ?"));
  gone.Bind(1, id);
  TRY(gone.Step());
  return {};
}

std::vector<std::pair<std::string, std::string>> TermsOf(const Row& data) {
  std::vector<std::pair<std::string, std::string>> terms;
  auto add = [&](const char* kind, const Row& value) {
    if (value.is_string() && !value.get_ref<const std::string&>().empty()) {
      terms.emplace_back(kind, value.get<std::string>());
    }
  };
  auto each = [&](const char* field, const auto& take) {
    auto it = data.find(field);
    if (it == data.end() || !it->is_array()) return;
    for (const Row& item : *it) take(item);
  };
  each("systems", [&](const Row& v) { add("system", v); });
  each("departments", [&](const Row& v) { add("department", v); });
  each("participants", [&](const Row& v) {
    if (v.is_object()) add("person", v.value("person", Row()));
  });
  for (auto [field, kind] :
       {std::pair{"reporter_department", "department"}, std::pair{"reported_by", "person"},
        std::pair{"category", "category"}}) {
    if (auto it = data.find(field); it != data.end()) add(kind, *it);
  }
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  return terms;
}

std::string Field(const Row& data, const char* name) {
  auto it = data.find(name);
  return it != data.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

Result<void> IndexIncident(SqliteConnection& conn, const Row& row) {
  ASSIGN_OR_RETURN(Row data, DataOf(row));
  std::string id = row.value("id", "");
  TRY(RemoveTerms(conn, id));
  for (const auto& [kind, value] : TermsOf(data)) {
    ASSIGN_OR_RETURN(Statement add,
                     conn.Prepare("INSERT INTO incident_terms (kind, value, incident) "
                                  "VALUES (?, ?, ?)"));
    add.Bind(1, kind);
    add.Bind(2, value);
    add.Bind(3, id);
    TRY(add.Step());
  }
  return QueueText(conn, TextId(row), Field(data, "title"), Field(data, "summary"), true);
}

Result<void> UnindexIncident(SqliteConnection& conn, const Row& row) {
  TRY(RemoveTerms(conn, row.value("id", "")));
  return QueueText(conn, TextId(row), "", "", false);
}

Result<void> IndexQueuedTexts(SqliteConnection& conn) {
  ASSIGN_OR_RETURN(Statement queued,
                   conn.Prepare("SELECT doc, title, summary, present FROM incident_text_queue"));
  while (true) {
    ASSIGN_OR_RETURN(bool row, queued.Step());
    if (!row) break;
    ASSIGN_OR_RETURN(Statement gone, conn.Prepare("DELETE FROM incident_text WHERE rowid = ?"));
    gone.Bind(1, queued.Int(0));
    TRY(gone.Step());
    if (queued.Int(3) == 0) continue;
    ASSIGN_OR_RETURN(Statement add,
                     conn.Prepare("INSERT INTO incident_text (rowid, title, summary) "
                                  "VALUES (?, ?, ?)"));
    add.Bind(1, queued.Int(0));
    add.Bind(2, queued.Text(1));
    add.Bind(3, queued.Text(2));
    TRY(add.Step());
  }
  ASSIGN_OR_RETURN(Statement done, conn.Prepare("DELETE FROM incident_text_queue"));
  TRY(done.Step());
  return {};
}

}  // namespace sokuo::store
