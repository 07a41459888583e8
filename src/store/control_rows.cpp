#include "store/control_rows.h"

#include <algorithm>

#include "codec/control_json.h"
#include "store/journal.h"
#include "store/record_rows.h"

namespace sokuo::store {
namespace {

Result<std::vector<core::ControlOccurrence>> OccurrencesOf(const Table& rows) {
  std::vector<core::ControlOccurrence> out;
  out.reserve(rows.size());
  for (const auto& [id, row] : rows) {
    ASSIGN_OR_RETURN(codec::Json data, DataOf(row));
    TRY(ReadRecord(id, data, out));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.starts_at, a.control) < std::tie(b.starts_at, b.control);
  });
  return out;
}

template <class Source>
Result<std::optional<core::ControlOccurrence>> LoadOccurrenceFrom(Source& source,
                                                                  const std::string& id) {
  ASSIGN_OR_RETURN(Table rows, source.ReadWhere("control_occurrences", "id", id));
  ASSIGN_OR_RETURN(auto list, OccurrencesOf(rows));
  if (list.empty()) return std::optional<core::ControlOccurrence>();
  return std::optional<core::ControlOccurrence>(std::move(list.front()));
}

}  // namespace

Result<void> SaveOccurrence(Tx& tx, const core::ControlOccurrence& o) {
  ASSIGN_OR_RETURN(Timestamp start, ParseRfc3339(o.starts_at));
  Row row = {{"id", o.id},
             {"control", o.control},
             {"starts", start.time_since_epoch().count()},
             {"done", o.done ? 1 : 0},
             {"data", CanonicalJson(codec::ToJson(o))}};
  return tx.Put("control_occurrences", o.id, row);
}

Result<std::optional<core::ControlOccurrence>> LoadOccurrence(Tx& tx, const std::string& id) {
  return LoadOccurrenceFrom(tx, id);
}

Result<std::optional<core::ControlOccurrence>> LoadOccurrence(Store& store, const std::string& id) {
  return LoadOccurrenceFrom(store, id);
}

Result<std::vector<core::ControlOccurrence>> LoadOccurrences(Store& store,
                                                             const std::string& control) {
  ASSIGN_OR_RETURN(Table rows, control.empty()
                                   ? store.Read("control_occurrences")
                                   : store.ReadWhere("control_occurrences", "control", control));
  return OccurrencesOf(rows);
}

Result<std::vector<core::ControlOccurrence>> LoadOpenOccurrences(Tx& tx) {
  ASSIGN_OR_RETURN(Table rows, tx.ReadWhere("control_occurrences", "done", 0));
  return OccurrencesOf(rows);
}

Result<std::optional<Timestamp>> LatestStart(Tx& tx, const std::string& control) {
  ASSIGN_OR_RETURN(Table rows, tx.ReadWhere("control_occurrences", "control", control));
  if (rows.empty()) return std::optional<Timestamp>();
  int64_t latest = 0;
  for (const auto& [id, row] : rows) latest = std::max(latest, row.value("starts", int64_t{0}));
  return std::optional<Timestamp>(Timestamp(std::chrono::seconds(latest)));
}

}  // namespace sokuo::store
