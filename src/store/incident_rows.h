// Incidents ⇄ rows. An incident is one row in `incidents` (its header as canonical JSON, plus the
// columns lists filter on) and one row per repeated record in `incident_records`, keyed
// "INC-2026-0001/task/3", so that adding a task journals the task alone.
#pragma once

#include <optional>
#include <vector>

#include "core/incident.h"
#include "store/store.h"

namespace sokuo::store {

// {"incidents": {key: row}, "incident_records": {id: row, ...}}
Tables IncidentToRows(const core::Incident& incident);

[[nodiscard]] Result<std::optional<core::Incident>> LoadIncident(Tx& tx, const std::string& key);
[[nodiscard]] Result<std::optional<core::Incident>> LoadIncident(Store& store,
                                                                 const std::string& key);
// Every incident's header (records left empty), newest first: for lists and filters.
[[nodiscard]] Result<std::vector<core::Incident>> LoadIncidentHeaders(Store& store);

// Makes the stored incident equal to `incident`; returns the row changes to journal.
[[nodiscard]] Result<std::vector<RowChange>> SaveIncident(Tx& tx, const core::Incident& incident);

// The next free number in `year` (1 for the first incident of the year).
[[nodiscard]] Result<int> NextIncidentNumber(Tx& tx, int year);

// One notification waiting to be delivered (the notifications feature sends them).
struct OutboxMessage {
  std::string id;  // "INC-2026-0001/000001": set by Enqueue, numbering a subject's messages
  std::string created_at;
  std::string kind;                     // incident.reported, incident.convocation
  std::string subject;                  // the incident key
  std::vector<std::string> recipients;  // person ids
  std::string title;
  std::string body;
};
[[nodiscard]] Result<void> Enqueue(Tx& tx, const OutboxMessage& message);
// The messages about `subject`, in the order they were queued.
[[nodiscard]] Result<std::vector<OutboxMessage>> Outbox(Store& store, const std::string& subject);

}  // namespace sokuo::store
