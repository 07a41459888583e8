#include "store/alert_rows.h"

#include <algorithm>

#include "store/journal.h"
#include "store/record_rows.h"

namespace sokuo::store {
namespace {

using Json = nlohmann::json;

Json AlertData(const core::Alert& a) {
  return {{"rule_id", a.rule_id},
          {"rule_title", a.rule_title},
          {"level", a.level},
          {"author", a.author},
          {"license", a.license},
          {"rule_file", a.rule_file},
          {"tags", a.tags},
          {"description", a.description},
          {"host", a.host},
          {"first_at", a.first_at},
          {"created_at", a.created_at},
          {"detections", a.detections},
          {"incident", a.incident},
          {"reason", a.reason},
          {"decided_by", a.decided_by},
          {"decided_at", a.decided_at},
          {"backdoor", a.backdoor}};
}

// Reads a stored alert; a row that does not read back is corruption, named by its id.
Result<core::Alert> AlertFromRow(const Row& row) {
  std::string id = row.value("id", "");
  ASSIGN_OR_RETURN(Json d, DataOf(row));
  core::Alert a;
  try {
    a.key = id;
    a.year = row.at("year").get<int>();
    a.number = row.at("number").get<int>();
    auto state = core::kAlertStates.Parse(row.at("state").get<std::string>());
    if (!state) throw std::runtime_error("state");
    a.state = *state;
    a.group = row.at("grp").get<std::string>();
    a.last_at = row.at("last_at").get<std::string>();
    a.rule_id = d.at("rule_id").get<std::string>();
    a.rule_title = d.at("rule_title").get<std::string>();
    a.level = d.at("level").get<std::string>();
    a.author = d.at("author").get<std::string>();
    a.license = d.at("license").get<std::string>();
    a.rule_file = d.at("rule_file").get<std::string>();
    a.tags = d.at("tags").get<std::vector<std::string>>();
    a.description = d.at("description").get<std::string>();
    a.host = d.at("host").get<std::string>();
    a.first_at = d.at("first_at").get<std::string>();
    a.created_at = d.at("created_at").get<std::string>();
    a.detections = d.at("detections").get<int64_t>();
    a.incident = d.at("incident").get<std::string>();
    a.reason = d.at("reason").get<std::string>();
    a.decided_by = d.at("decided_by").get<std::string>();
    a.decided_at = d.at("decided_at").get<std::string>();
    a.backdoor = d.at("backdoor").get<std::string>();
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kStorage,
                Msg("store.row_unreadable", {{"id", id}, {"reason", e.what()}}));
  }
  return a;
}

Result<core::AlertLine> LineFromRow(const Row& row) {
  std::string id = row.value("id", "");
  ASSIGN_OR_RETURN(Json d, DataOf(row));
  core::AlertLine l;
  try {
    l.n = d.at("n").get<int64_t>();
    l.at = d.at("at").get<std::string>();
    l.source = d.at("source").get<std::string>();
    l.host = d.at("host").get<std::string>();
    l.text = d.at("text").get<std::string>();
    l.matched = d.at("matched").get<bool>();
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kStorage,
                Msg("store.row_unreadable", {{"id", id}, {"reason", e.what()}}));
  }
  return l;
}

Result<std::vector<core::Alert>> AlertsOf(const Table& rows) {
  std::vector<core::Alert> out;
  out.reserve(rows.size());
  for (const auto& [id, row] : rows) {
    ASSIGN_OR_RETURN(core::Alert a, AlertFromRow(row));
    out.push_back(std::move(a));
  }
  return out;
}

Result<std::vector<core::AlertLine>> LinesOf(const Table& rows) {
  // Ids are "<key>/<place>" with a fixed-width place: id order is the order kept.
  std::vector<core::AlertLine> out;
  out.reserve(rows.size());
  for (const auto& [id, row] : rows) {
    ASSIGN_OR_RETURN(core::AlertLine l, LineFromRow(row));
    out.push_back(std::move(l));
  }
  return out;
}

template <class Source>
Result<std::optional<core::Alert>> LoadAlertFrom(Source& source, const std::string& key) {
  ASSIGN_OR_RETURN(Table rows, source.ReadWhere("alerts", "id", key));
  if (rows.empty()) return std::optional<core::Alert>();
  ASSIGN_OR_RETURN(core::Alert a, AlertFromRow(rows.begin()->second));
  return std::optional<core::Alert>(std::move(a));
}

}  // namespace

Result<void> SaveAlert(Tx& tx, const core::Alert& a) {
  Row row = {{"id", a.key},
             {"year", a.year},
             {"number", a.number},
             {"state", std::string(core::kAlertStates.Name(a.state))},
             {"grp", a.group},
             {"last_at", a.last_at},
             {"data", CanonicalJson(AlertData(a))}};
  return tx.Put("alerts", a.key, row);
}

Result<void> AddAlertLines(Tx& tx, const std::string& key, int64_t kept,
                           const std::vector<core::AlertLine>& lines) {
  for (const core::AlertLine& l : lines) {
    int place = static_cast<int>(++kept);
    std::string id = key + "/" + FixedWidth(place);
    Json data = {{"n", l.n},       {"at", l.at},     {"source", l.source},
                 {"host", l.host}, {"text", l.text}, {"matched", l.matched}};
    TRY(tx.Put("alert_lines", id,
               {{"id", id}, {"alert", key}, {"place", place}, {"data", CanonicalJson(data)}}));
  }
  return {};
}

Result<std::optional<core::Alert>> LoadAlert(Tx& tx, const std::string& key) {
  return LoadAlertFrom(tx, key);
}

Result<std::optional<core::Alert>> LoadAlert(Store& store, const std::string& key) {
  return LoadAlertFrom(store, key);
}

Result<core::Alert> AlertOfRow(const Row& row) { return AlertFromRow(row); }

Result<std::vector<core::Alert>> LoadAlertsOfGroup(Tx& tx, const std::string& group) {
  ASSIGN_OR_RETURN(Table rows, tx.ReadWhere("alerts", "grp", group));
  return AlertsOf(rows);
}

Result<std::vector<core::Alert>> LoadAlertsOfGroup(Store& store, const std::string& group) {
  ASSIGN_OR_RETURN(Table rows, store.ReadWhere("alerts", "grp", group));
  return AlertsOf(rows);
}

Result<std::vector<core::AlertLine>> LoadAlertLines(Store& store, const std::string& key) {
  ASSIGN_OR_RETURN(Table rows, store.ReadWhere("alert_lines", "alert", key));
  return LinesOf(rows);
}

Result<std::vector<core::AlertLine>> LoadAlertLines(Tx& tx, const std::string& key) {
  ASSIGN_OR_RETURN(Table rows, tx.ReadWhere("alert_lines", "alert", key));
  return LinesOf(rows);
}

Result<int> NextAlertNumber(Tx& tx, int year) {
  ASSIGN_OR_RETURN(int64_t max, tx.Max("alerts", "number", "year", year));
  return static_cast<int>(max) + 1;
}

}  // namespace sokuo::store
