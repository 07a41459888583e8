// ZIP archives with libarchive: what sokuo hands to an outside agency in one file (a ZIP opens
// on every office computer without extra software).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/blob_store.h"
#include "base/error.h"

namespace sokuo::platform {

struct ArchiveEntry {
  std::string name;    // its path in the archive, UTF-8: evidence/1-auth.log
  uint64_t size = 0;   // its length: the content must give exactly this many bytes
  ByteSource content;  // read piece by piece
  std::string sha256;  // when set, what the content must hash to
};

// Writes the entries (deflated) to the new file `path`, which must not exist yet (kConflict),
// through a temporary file beside it renamed into place, so a reader never finds half an
// archive. Content that is shorter or longer than its size, or does not match its SHA-256,
// fails with kIntegrity and leaves nothing.
[[nodiscard]] Result<void> WriteZip(const std::string& path,
                                    const std::vector<ArchiveEntry>& entries);

}  // namespace sokuo::platform
