#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "base/error.h"

namespace sokuo {

// Bytes that arrive in pieces (a file read in chunks, an upload spooled to disk): each call
// gives the next piece of at most `max` bytes, empty at the end.
using ByteSource = std::function<Result<std::string>(size_t max)>;

// The source of bytes already in memory (a few lines of a log).
inline ByteSource BytesSource(std::string bytes) {
  return [bytes = std::move(bytes), offset = size_t{0}](size_t max) mutable -> Result<std::string> {
    std::string piece = bytes.substr(std::min(offset, bytes.size()), max);
    offset += piece.size();
    return piece;
  };
}

// What a stored blob is known by.
struct StoredBlob {
  std::string sha256;
  uint64_t bytes = 0;
};

// Files kept by content: the name of a blob is the SHA-256 (hex) of its bytes, so a stored
// blob can always be checked against its name. platform/ has the one on disk; tests may use it
// on a temporary directory.
class BlobStore {
 public:
  virtual ~BlobStore() = default;
  // Stores the bytes; returns their SHA-256. Storing the same bytes twice is harmless.
  [[nodiscard]] virtual Result<std::string> Put(std::string_view bytes) = 0;
  // Stores what `source` gives, piece by piece (never whole in memory), hashing on the way.
  // kPayloadTooLarge, and nothing kept, past `limit()` bytes; nothing is kept for no bytes.
  [[nodiscard]] virtual Result<StoredBlob> PutFrom(const ByteSource& source) = 0;
  // The largest blob PutFrom keeps.
  virtual uint64_t limit() const = 0;
  [[nodiscard]] virtual Result<std::string> Get(const std::string& sha256) = 0;
  // The size of a stored blob, once its bytes are read through and still hash to its name
  // (kIntegrity otherwise). Reads in pieces: a large blob is never held in memory.
  [[nodiscard]] virtual Result<uint64_t> Verify(const std::string& sha256) = 0;
  // At most `max` bytes of a stored blob from `offset`; empty at the end.
  [[nodiscard]] virtual Result<std::string> ReadAt(const std::string& sha256, uint64_t offset,
                                                   size_t max) = 0;
  // Removes a stored blob (disposal of evidence); a blob already gone is not an error.
  [[nodiscard]] virtual Result<void> Remove(const std::string& sha256) = 0;
};

// BlobStore::Verify for a store that reads its blobs in pieces: the size of `sha256` once its
// bytes, read through with ReadAt, hash to its name; kIntegrity otherwise.
[[nodiscard]] Result<uint64_t> VerifyByReading(BlobStore& blobs, const std::string& sha256);

}  // namespace sokuo
