// Copying everything a store holds into another, empty one (`sokuo store copy`: from SQLite to
// PostgreSQL when a company moves to a head office and a backup site, and back): every journal
// entry as it is, every row of the journaled and the private tables, so that the copy has the
// same journal head and verifies as the source did. The evidence files are the application's
// (app::JournalService::CopyTo).
#pragma once

#include <cstdint>

#include "store/store.h"

namespace sokuo::store {

struct RecordsCopied {
  JournalHead head;  // the source's, which the copy now has too
  int64_t entries = 0;
  int64_t rows = 0;
};

// Copies `from` into `to` in one write transaction of `to`. kConflict when `to` already holds
// a journal entry or a row; kConflict too when `from` changed during the copy (its head moved),
// and then nothing is kept: stop the servers that write it and copy again. `to` must be a
// store whose transactions are JournaledTx (both stores' are).
[[nodiscard]] Result<RecordsCopied> CopyRecords(Store& from, Store& to);

}  // namespace sokuo::store
