#include "store/disaster_rows.h"

#include <algorithm>

#include "codec/disaster_json.h"
#include "codec/incident_json.h"
#include "store/journal.h"
#include "store/record_rows.h"

namespace sokuo::store {
namespace {

using codec::Json;

// Appended records have no id of their own: their place in the list, from 1.
template <class T>
void AddAppended(Table& records, const std::string& key, const char* kind,
                 const std::vector<T>& items) {
  int place = 0;
  AddRecords<T>(records, "disaster", key, kind, items,
                [&place](const T&) { return FixedWidth(++place); });
}

Result<core::Disaster> DisasterFromRows(const Row& header, const Table& records) {
  std::string key = header.value("id", "");
  ASSIGN_OR_RETURN(Json data, DataOf(header));
  auto disaster = codec::ReadHeaderOf<core::Disaster>(data);
  if (!disaster) return Fail(Corrupt(key, disaster.error()));
  // Records come back in id order, which is the order they were made in (FixedWidth).
  for (const auto& [id, row] : records) {
    ASSIGN_OR_RETURN(Json j, DataOf(row));
    std::string kind = row.value("kind", "");
    if (kind == "rollcall") {
      TRY(ReadRecord(id, j, disaster->roll_call));
    } else if (kind == "survey") {
      TRY(ReadRecord(id, j, disaster->survey));
    } else if (kind == "decision") {
      TRY(ReadRecord(id, j, disaster->decisions));
    } else if (kind == "contact") {
      TRY(ReadRecord(id, j, disaster->contacts));
    } else if (kind == "task") {
      TRY(ReadRecord(id, j, disaster->tasks));
    } else if (kind == "progress") {
      TRY(ReadRecord(id, j, disaster->progress));
    } else if (kind == "vendor") {
      TRY(ReadRecord(id, j, disaster->vendor_requests));
    } else if (kind == "exemption") {
      TRY(ReadRecord(id, j, disaster->exemptions));
    } else if (kind == "plan") {
      TRY(ReadRecord(id, j, disaster->plans));
    } else {
      return Fail(ErrorCode::kStorage, Msg("store.row_unknown_kind", {{"id", id}, {"kind", kind}}));
    }
  }
  return *disaster;
}

template <class Source>
Result<std::optional<core::Disaster>> LoadDisasterFrom(Source& source, const std::string& key) {
  ASSIGN_OR_RETURN(Table headers, source.ReadWhere("disasters", "id", key));
  if (headers.empty()) return std::optional<core::Disaster>{};
  ASSIGN_OR_RETURN(Table records, source.ReadWhere("disaster_records", "disaster", key));
  ASSIGN_OR_RETURN(core::Disaster d, DisasterFromRows(headers.begin()->second, records));
  return std::optional<core::Disaster>{std::move(d)};
}

}  // namespace

Tables DisasterToRows(const core::Disaster& d) {
  Tables t;
  t["disasters"][d.key] = {{"id", d.key},
                           {"year", d.year},
                           {"number", d.number},
                           {"state", std::string(core::kDisasterStates.Name(d.state))},
                           {"declared_at", d.declared_at},
                           {"data", CanonicalJson(codec::HeaderToJson(d))}};
  Table& r = t["disaster_records"];
  AddAppended(r, d.key, "rollcall", d.roll_call);
  AddAppended(r, d.key, "survey", d.survey);
  AddAppended(r, d.key, "progress", d.progress);
  AddRecords<core::Decision>(r, "disaster", d.key, "decision", d.decisions,
                             [](const auto& x) { return FixedWidth(x.id); });
  AddRecords<core::ContactLog>(r, "disaster", d.key, "contact", d.contacts,
                               [](const auto& x) { return FixedWidth(x.id); });
  AddRecords<core::Task>(r, "disaster", d.key, "task", d.tasks,
                         [](const auto& x) { return FixedWidth(x.id); });
  AddRecords<core::VendorRequest>(r, "disaster", d.key, "vendor", d.vendor_requests,
                                  [](const auto& x) { return FixedWidth(x.id); });
  AddRecords<core::Exemption>(r, "disaster", d.key, "exemption", d.exemptions,
                              [](const auto& x) { return FixedWidth(x.id); });
  AddRecords<core::PlanVersion>(r, "disaster", d.key, "plan", d.plans,
                                [](const auto& x) { return FixedWidth(x.id); });
  return t;
}

Result<std::optional<core::Disaster>> LoadDisaster(Tx& tx, const std::string& key) {
  return LoadDisasterFrom(tx, key);
}

Result<std::optional<core::Disaster>> LoadDisaster(Store& store, const std::string& key) {
  return LoadDisasterFrom(store, key);
}

Result<std::vector<core::Disaster>> LoadDisasterHeaders(Store& store) {
  ASSIGN_OR_RETURN(Table headers, store.Read("disasters"));
  std::vector<core::Disaster> out;
  out.reserve(headers.size());
  for (const auto& [key, row] : headers) {
    ASSIGN_OR_RETURN(core::Disaster d, DisasterFromRows(row, {}));
    out.push_back(std::move(d));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::pair(a.year, a.number) > std::pair(b.year, b.number);
  });
  return out;
}

Result<std::vector<RowChange>> SaveDisaster(Tx& tx, const core::Disaster& disaster) {
  Tables before;
  ASSIGN_OR_RETURN(before["disasters"], tx.ReadWhere("disasters", "id", disaster.key));
  ASSIGN_OR_RETURN(before["disaster_records"],
                   tx.ReadWhere("disaster_records", "disaster", disaster.key));
  return ApplyDiff(tx, before, DisasterToRows(disaster));
}

Result<int> NextDisasterNumber(Tx& tx, int year) {
  ASSIGN_OR_RETURN(int64_t max, tx.Max("disasters", "number", "year", year));
  return static_cast<int>(max) + 1;
}

}  // namespace sokuo::store
