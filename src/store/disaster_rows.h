// Disasters ⇄ rows, as incident_rows.h stores incidents: one row in `disasters` (the header as
// canonical JSON, plus the columns lists read) and one row per repeated record in
// `disaster_records`, keyed "DIS-2026-0001/survey/000003", so that a survey entry journals that
// entry alone. Roll-call answers, survey entries, progress and plan versions are appended and
// numbered in the order recorded; decisions, contacts, measures, vendor requests and exemptions by
// their id.
#pragma once

#include <optional>
#include <vector>

#include "core/disaster.h"
#include "store/store.h"

namespace sokuo::store {

// {"disasters": {key: row}, "disaster_records": {id: row, ...}}
Tables DisasterToRows(const core::Disaster& disaster);

[[nodiscard]] Result<std::optional<core::Disaster>> LoadDisaster(Tx& tx, const std::string& key);
[[nodiscard]] Result<std::optional<core::Disaster>> LoadDisaster(Store& store,
                                                                 const std::string& key);
// Every disaster's header (records left empty), newest first.
[[nodiscard]] Result<std::vector<core::Disaster>> LoadDisasterHeaders(Store& store);

// Makes the stored disaster equal to `disaster`; returns the row changes to journal.
[[nodiscard]] Result<std::vector<RowChange>> SaveDisaster(Tx& tx, const core::Disaster& disaster);

// The next free number in `year` (1 for the first disaster of the year).
[[nodiscard]] Result<int> NextDisasterNumber(Tx& tx, int year);

}  // namespace sokuo::store
