// The hosts' virus scans ⇄ rows (G4.1.4, G4.2.5): one row in `virus_scans` per scan report
// received, keyed "<host>/<number>", with the scan's JSON in `data` and the columns looked up
// (the host, the scan's end as seconds).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/virus_scan.h"
#include "store/store.h"

namespace sokuo::store {

// Numbers the scan (its id, "<host>/<number>") and saves it.
[[nodiscard]] Result<core::VirusScan> AddVirusScan(Tx& tx, core::VirusScan scan);
// The scans that ended in [from, to), oldest end first.
[[nodiscard]] Result<std::vector<core::VirusScan>> LoadVirusScans(Tx& tx, Timestamp from,
                                                                  Timestamp to);
[[nodiscard]] Result<std::vector<core::VirusScan>> LoadVirusScans(Store& store, Timestamp from,
                                                                  Timestamp to);

}  // namespace sokuo::store
