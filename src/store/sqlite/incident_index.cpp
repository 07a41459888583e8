#include "store/sqlite/incident_index.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace sokuo::store {
namespace {

Result<void> QueueIncidentText(SqliteConnection& conn, int64_t doc, const std::string& title,
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

Result<void> RemoveIncidentTerms(SqliteConnection& conn, const std::string& id) {
  ASSIGN_OR_RETURN(Statement gone, conn.Prepare("DELETE FROM incident_terms WHERE incident = ?"));
  gone.Bind(1, id);
  TRY(gone.Step());
  return {};
}

std::vector<std::pair<std::string, std::string>> IncidentTermsOf(const Row& data) {
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

std::string IncidentText(const Row& data, const char* name) {
  auto it = data.find(name);
  return it != data.end() && it->is_string() ? it->get<std::string>() : "";
}

int64_t IntColumn(const Row& row, const char* name) {
  auto it = row.find(name);
  return it != row.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

}  // namespace

Result<IncidentIndex> IndexOf(const Row& row) {
  auto id = row.find("id");
  auto data = row.find("data");
  Row parsed = data != row.end() && data->is_string()
                   ? Row::parse(data->get_ref<const std::string&>(), nullptr, false)
                   : Row();
  if (id == row.end() || !id->is_string() || !parsed.is_object()) {
    return Fail(ErrorCode::kStorage,
                Msg("store.row_not_json", {{"id", id != row.end() ? id->dump() : ""}}));
  }
  return IncidentIndex{.id = id->get<std::string>(),
                       .doc = IntColumn(row, "year") * 1000000 + IntColumn(row, "number"),
                       .terms = IncidentTermsOf(parsed),
                       .title = IncidentText(parsed, "title"),
                       .summary = IncidentText(parsed, "summary")};
}

Result<void> WriteIndex(SqliteConnection& conn, const IncidentIndex& index) {
  TRY(RemoveIncidentTerms(conn, index.id));
  for (const auto& [kind, value] : index.terms) {
    ASSIGN_OR_RETURN(Statement add,
                     conn.Prepare("INSERT INTO incident_terms (kind, value, incident) "
                                  "VALUES (?, ?, ?)"));
    add.Bind(1, kind);
    add.Bind(2, value);
    add.Bind(3, index.id);
    TRY(add.Step());
  }
  return QueueIncidentText(conn, index.doc, index.title, index.summary, true);
}

Result<void> RemoveIndex(SqliteConnection& conn, const IncidentIndex& index) {
  TRY(RemoveIncidentTerms(conn, index.id));
  return QueueIncidentText(conn, index.doc, "", "", false);
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
