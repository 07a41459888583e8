// What incident lists filter and search on, derived from each incident's row as the SQLite store
// writes it (migration 18's `incident_terms`, and `incident_text` through migration 23's queue):
// written with the row, in its transaction, and not journaled, as an index is not. The SQLite
// store is the only writer of incident rows; migration 25 took this over from triggers, whose
// JSON functions were about a sixth of the writer's time for each report (docs/performance.md).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/error.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace sokuo::store {

// What an incident row adds to the list's index: its terms (each affected system, each concerned
// department and the reporter's, the reporter and each participant, and the category; empty
// ones left out; each once) and its title and summary for the text index, under the text's
// rowid year * 1000000 + number.
struct IncidentIndex {
  std::string id;
  int64_t doc = 0;
  std::vector<std::pair<std::string, std::string>> terms;  // (kind, value), sorted
  std::string title, summary;
};

// Read from the row before it is written, so that a row whose data cannot be indexed is refused
// before anything changes.
Result<IncidentIndex> IndexOf(const Row& row);

// After the row was inserted or replaced: its terms, and its text queued.
Result<void> WriteIndex(SqliteConnection& conn, const IncidentIndex& index);

// After the row was deleted: its terms gone, and its text queued for removal.
Result<void> RemoveIndex(SqliteConnection& conn, const IncidentIndex& index);

// Moves the incident texts the transaction queued into the text index (migration 23), once for
// the whole batch, outside every work's savepoint.
Result<void> IndexQueuedTexts(SqliteConnection& conn);

}  // namespace sokuo::store
