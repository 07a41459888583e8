#include "store/incident_rows.h"

#include <algorithm>
#include <functional>
#include <tuple>

#include "codec/incident_json.h"
#include "store/journal.h"
#include "store/record_rows.h"

namespace sokuo::store {
namespace {

using codec::Json;

Result<core::Incident> IncidentFromRows(const Row& header, const Table& records) {
  std::string key = header.value("id", "");
  ASSIGN_OR_RETURN(Json data, DataOf(header));
  auto incident = codec::ReadHeaderOf<core::Incident>(data);
  if (!incident) return Fail(Corrupt(key, incident.error()));
  for (const auto& record : records) {
    const std::string& id = record.first;
    const Row& row = record.second;
    ASSIGN_OR_RETURN(Json j, DataOf(row));
    std::string kind = row.value("kind", "");
    auto read = [&]<class T>(std::vector<T>& list) { return ReadRecord(id, j, list); };
    if (kind == "decision") {
      TRY(read(incident->decisions));
    } else if (kind == "contact") {
      TRY(read(incident->contacts));
    } else if (kind == "task") {
      TRY(read(incident->tasks));
    } else if (kind == "recovery") {
      TRY(read(incident->recovery));
    } else if (kind == "finding") {
      TRY(read(incident->findings));
    } else if (kind == "prevention") {
      TRY(read(incident->prevention));
    } else if (kind == "backdoor") {
      TRY(read(incident->backdoor_checks));
    } else if (kind == "evidence") {
      TRY(read(incident->evidence));
    } else if (kind == "filing") {
      TRY(read(incident->filings));
    } else {
      return Fail(ErrorCode::kStorage, Msg("store.row_unknown_kind", {{"id", id}, {"kind", kind}}));
    }
  }
  // Records come back in id order; restore the order they were made in.
  auto by_id = [](const auto& a, const auto& b) { return a.id < b.id; };
  std::sort(incident->decisions.begin(), incident->decisions.end(), by_id);
  std::sort(incident->contacts.begin(), incident->contacts.end(), by_id);
  std::sort(incident->tasks.begin(), incident->tasks.end(), by_id);
  std::sort(incident->findings.begin(), incident->findings.end(), by_id);
  std::sort(incident->prevention.begin(), incident->prevention.end(), by_id);
  std::sort(incident->evidence.begin(), incident->evidence.end(), by_id);
  std::sort(incident->filings.begin(), incident->filings.end(), by_id);
  std::sort(incident->recovery.begin(), incident->recovery.end(),
            [](const auto& a, const auto& b) { return a.system < b.system; });
  std::sort(incident->backdoor_checks.begin(), incident->backdoor_checks.end(),
            [](const auto& a, const auto& b) {
              return std::tuple(a.system, a.host, a.item) < std::tuple(b.system, b.host, b.item);
            });
  return *incident;
}

template <class Source>
Result<std::optional<core::Incident>> LoadIncidentFrom(Source& source, const std::string& key) {
  ASSIGN_OR_RETURN(Table headers, source.ReadWhere("incidents", "id", key));
  if (headers.empty()) return std::optional<core::Incident>{};
  ASSIGN_OR_RETURN(Table records, source.ReadWhere("incident_records", "incident", key));
  ASSIGN_OR_RETURN(core::Incident incident, IncidentFromRows(headers.begin()->second, records));
  return std::optional<core::Incident>{std::move(incident)};
}

}  // namespace

Result<Json> DataOf(const Row& row) {
  std::string text = row.value("data", "");
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded()) {
    return Fail(ErrorCode::kStorage, Msg("store.row_not_json", {{"id", row.value("id", "?")}}));
  }
  return j;
}

Error Corrupt(const std::string& id, const Error& e) {
  Message msg = Msg("store.row_unreadable", {{"id", id}, {"reason", e.ToString()}});
  return Error{ErrorCode::kStorage, Render(msg, Lang::kEn), {}, {}, std::move(msg)};
}

std::string FixedWidth(int n) {
  std::string s = std::to_string(n);
  return std::string(s.size() < 6 ? 6 - s.size() : 0, '0') + s;
}

Tables IncidentToRows(const core::Incident& i) {
  Tables t;
  t["incidents"][i.key] = {{"id", i.key},
                           {"year", i.year},
                           {"number", i.number},
                           {"state", std::string(core::kIncidentStates.Name(i.state))},
                           {"reported_at", i.reported_at},
                           {"restricted", i.restricted ? 1 : 0},
                           {"data", CanonicalJson(codec::HeaderToJson(i))}};
  Table& r = t["incident_records"];
  AddRecords<core::Decision>(r, "incident", i.key, "decision", i.decisions,
                             [](const auto& x) { return FixedWidth(x.id); });
  AddRecords<core::ContactLog>(r, "incident", i.key, "contact", i.contacts,
                               [](const auto& x) { return FixedWidth(x.id); });
  AddRecords<core::Task>(r, "incident", i.key, "task", i.tasks,
                         [](const auto& x) { return FixedWidth(x.id); });
  AddRecords<core::Recovery>(r, "incident", i.key, "recovery", i.recovery,
                             [](const auto& x) { return x.system; });
  AddRecords<core::Finding>(r, "incident", i.key, "finding", i.findings,
                            [](const auto& x) { return FixedWidth(x.id); });
  AddRecords<core::Prevention>(r, "incident", i.key, "prevention", i.prevention,
                               [](const auto& x) { return FixedWidth(x.id); });
  // system/item for a whole system (as before hosts existed), system/host/item for one host.
  AddRecords<core::BackdoorCheck>(r, "incident", i.key, "backdoor", i.backdoor_checks,
                                  [](const auto& x) {
                                    return x.system + "/" + (x.host.empty() ? "" : x.host + "/") +
                                           std::string(core::kBackdoorItems.Name(x.item));
                                  });
  AddRecords<core::Evidence>(r, "incident", i.key, "evidence", i.evidence,
                             [](const auto& x) { return FixedWidth(x.id); });
  AddRecords<core::Filing>(r, "incident", i.key, "filing", i.filings,
                           [](const auto& x) { return FixedWidth(x.id); });
  return t;
}

Result<std::optional<core::Incident>> LoadIncident(Tx& tx, const std::string& key) {
  return LoadIncidentFrom(tx, key);
}

Result<bool> EvidenceInUse(Tx& tx, const std::string& sha256, const std::string& key, int id) {
  ASSIGN_OR_RETURN(Table rows, tx.ReadWhere("incident_records", "kind", std::string("evidence")));
  std::string self = key + "/evidence/" + FixedWidth(id);
  for (const auto& [row_id, row] : rows) {
    if (row_id == self) continue;
    ASSIGN_OR_RETURN(Json j, DataOf(row));
    std::vector<core::Evidence> one;
    TRY(ReadRecord(row_id, j, one));
    if (one[0].sha256 == sha256 && !one[0].Disposed()) return true;
  }
  return false;
}

Result<std::optional<core::Incident>> LoadIncident(Store& store, const std::string& key) {
  return LoadIncidentFrom(store, key);
}

Result<core::Incident> IncidentHeaderFromRow(const Row& row) { return IncidentFromRows(row, {}); }

Result<std::vector<core::Incident>> LoadIncidentHeaders(Store& store) {
  ASSIGN_OR_RETURN(Table headers, store.Read("incidents"));
  // Newest first. The rows are ordered before decoding: an incident is large to move.
  std::vector<std::pair<std::pair<int, int>, const Row*>> order;
  order.reserve(headers.size());
  for (const auto& [key, row] : headers) {
    order.push_back({{row.value("year", 0), row.value("number", 0)}, &row});
  }
  std::sort(order.begin(), order.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<core::Incident> out;
  out.reserve(order.size());
  for (const auto& [number, row] : order) {
    ASSIGN_OR_RETURN(core::Incident i, IncidentHeaderFromRow(*row));
    out.push_back(std::move(i));
  }
  return out;
}

Result<std::vector<RowChange>> SaveIncident(Tx& tx, const core::Incident& incident) {
  Tables before;
  ASSIGN_OR_RETURN(before["incidents"], tx.ReadWhere("incidents", "id", incident.key));
  ASSIGN_OR_RETURN(before["incident_records"],
                   tx.ReadWhere("incident_records", "incident", incident.key));
  return ApplyDiff(tx, before, IncidentToRows(incident));
}

Result<void> AddIncident(Tx& tx, const core::Incident& incident) {
  for (const auto& [table, rows] : IncidentToRows(incident)) {
    for (const auto& [id, row] : rows) {
      TRY(tx.Add(table, id, row));
    }
  }
  return {};
}

Result<int> NextIncidentNumber(Tx& tx, int year) {
  ASSIGN_OR_RETURN(int64_t max, tx.Max("incidents", "number", "year", year));
  return static_cast<int>(max) + 1;
}

}  // namespace sokuo::store
