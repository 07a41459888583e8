// What incident lists filter and search on, derived from each incident's row as the SQLite store
// writes it (migration 18's `incident_terms`, and `incident_text` through migration 23's queue):
// written with the row, in its transaction, and not journaled, as an index is not. The SQLite
// store is the only writer of incident rows; migration 25 took this over from triggers, whose
// JSON functions were about a sixth of the writer's time for each report (docs/performance.md).
#pragma once

#include "base/error.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace sokuo::store {

// After the incidents row `row` was inserted or replaced: its terms (each affected system, each
// concerned department and the reporter's, the reporter and each participant, and the category;
// empty ones left out) and its title and summary, queued for the text index.
Result<void> IndexIncident(SqliteConnection& conn, const Row& row);

// After the incidents row `row` (as it was) was deleted.
Result<void> UnindexIncident(SqliteConnection& conn, const Row& row);

// Moves the incident texts the transaction queued into the text index (migration 23), once for
// the whole batch, outside every work's savepoint.
Result<void> IndexQueuedTexts(SqliteConnection& conn);

}  // namespace sokuo::store
