#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/error.h"

namespace sokuo {

// Files kept by content: the name of a blob is the SHA-256 (hex) of its bytes, so a stored
// blob can always be checked against its name. platform/ has the one on disk; tests may use it
// on a temporary directory.
class BlobStore {
 public:
  virtual ~BlobStore() = default;
  // Stores the bytes; returns their SHA-256. Storing the same bytes twice is harmless.
  [[nodiscard]] virtual Result<std::string> Put(std::string_view bytes) = 0;
  [[nodiscard]] virtual Result<std::string> Get(const std::string& sha256) = 0;
  // The size of a stored blob, once its bytes are read through and still hash to its name
  // (kIntegrity otherwise). Reads in pieces: a large blob is never held in memory.
  [[nodiscard]] virtual Result<uint64_t> Verify(const std::string& sha256) = 0;
  // At most `max` bytes of a stored blob from `offset`; empty at the end.
  [[nodiscard]] virtual Result<std::string> ReadAt(const std::string& sha256, uint64_t offset,
                                                   size_t max) = 0;
};

}  // namespace sokuo
