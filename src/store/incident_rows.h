// Incidents ⇄ rows. An incident is one row in `incidents` (its header as canonical JSON, plus the
// columns lists filter on) and one row per repeated record in `incident_records`, keyed
// "INC-2026-0001/task/3", so that adding a task journals the task alone.
#pragma once

#include <optional>
#include <vector>

#include "core/incident.h"
#include "store/record_rows.h"
#include "store/store.h"

namespace sokuo::store {

// {"incidents": {key: row}, "incident_records": {id: row, ...}}
Tables IncidentToRows(const core::Incident& incident);

[[nodiscard]] Result<std::optional<core::Incident>> LoadIncident(Tx& tx, const std::string& key);
// Whether evidence not disposed of, other than number `id` of `key`, keeps the file `sha256`
// (the same bytes are stored once, whichever incidents keep them).
[[nodiscard]] Result<bool> EvidenceInUse(Tx& tx, const std::string& sha256, const std::string& key,
                                         int id);
[[nodiscard]] Result<std::optional<core::Incident>> LoadIncident(Store& store,
                                                                 const std::string& key);
// An incident's header from its row of `incidents` (records left empty).
[[nodiscard]] Result<core::Incident> IncidentHeaderFromRow(const Row& row);
// Every incident's header, newest first: for what needs them all (the reporting clocks). A list
// asks for one page (store/incident_query.h).
[[nodiscard]] Result<std::vector<core::Incident>> LoadIncidentHeaders(Store& store);

// Makes the stored incident equal to `incident`; returns the row changes to journal.
[[nodiscard]] Result<std::vector<RowChange>> SaveIncident(Tx& tx, const core::Incident& incident);
// Stores a new incident (its key is not in the store): what SaveIncident does without reading
// what is there first. A key in use refuses the write.
[[nodiscard]] Result<void> AddIncident(Tx& tx, const core::Incident& incident);

// The next free number in `year` (1 for the first incident of the year).
[[nodiscard]] Result<int> NextIncidentNumber(Tx& tx, int year);

}  // namespace sokuo::store
