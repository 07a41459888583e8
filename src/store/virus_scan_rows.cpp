#include "store/virus_scan_rows.h"

#include <algorithm>
#include <tuple>

#include "codec/virus_scan_json.h"
#include "store/journal.h"
#include "store/record_rows.h"

namespace sokuo::store {
namespace {

template <class Source>
Result<std::vector<core::VirusScan>> VirusScansFrom(Source& source, Timestamp from, Timestamp to) {
  ASSIGN_OR_RETURN(Table rows, source.Read("virus_scans"));
  int64_t lo = from.time_since_epoch().count();
  int64_t hi = to.time_since_epoch().count();
  std::vector<core::VirusScan> out;
  for (const auto& [id, row] : rows) {
    int64_t finished = row.value("finished", int64_t{0});
    if (finished < lo || finished >= hi) continue;
    ASSIGN_OR_RETURN(codec::Json data, DataOf(row));
    TRY(ReadRecord(id, data, out));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.finished_at, a.host, a.id) < std::tie(b.finished_at, b.host, b.id);
  });
  return out;
}

}  // namespace

Result<core::VirusScan> AddVirusScan(Tx& tx, core::VirusScan scan) {
  ASSIGN_OR_RETURN(Table mine, tx.ReadWhere("virus_scans", "host", scan.host));
  scan.id = scan.host + "/" + FixedWidth(static_cast<int>(mine.size()) + 1);
  ASSIGN_OR_RETURN(Timestamp finished, ParseRfc3339(scan.finished_at));
  Row row = {{"id", scan.id},
             {"host", scan.host},
             {"finished", finished.time_since_epoch().count()},
             {"data", CanonicalJson(codec::ToJson(scan))}};
  TRY(tx.Put("virus_scans", scan.id, row));
  return scan;
}

Result<std::vector<core::VirusScan>> LoadVirusScans(Tx& tx, Timestamp from, Timestamp to) {
  return VirusScansFrom(tx, from, to);
}

Result<std::vector<core::VirusScan>> LoadVirusScans(Store& store, Timestamp from, Timestamp to) {
  return VirusScansFrom(store, from, to);
}

}  // namespace sokuo::store
