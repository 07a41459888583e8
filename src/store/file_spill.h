// Where a journal verification keeps its changes (journal.h, ReplaySpill) when it runs on a real
// store: on disk, so that memory stays bounded however long the journal is. Not tied to the
// store's database: any store's verification can use it.
#pragma once

#include <cstddef>
#include <memory>

#include "store/journal.h"

namespace sokuo::store {

// The changes packed into runs of about `run_bytes`, each sorted in memory and written to an
// unnamed temporary file, then merged.
std::unique_ptr<ReplaySpill> MakeFileSpill(size_t run_bytes);

}  // namespace sokuo::store
