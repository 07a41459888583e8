#pragma once

#include <string>

#include "base/blob_store.h"

namespace sokuo::platform {

// Blobs as files named by their SHA-256 in one directory (DATA/evidence). Written atomically;
// an existing blob is not written again. PutFrom writes a temporary file in the same directory
// while it hashes, then renames it to its hash. Thread-safe: writes go through unique temporary
// names.
inline constexpr uint64_t kDefaultLimit = uint64_t{1} << 30;  // 1 GiB

class FileBlobStore final : public BlobStore {
 public:
  // Keeps blobs of at most `limit` bytes (PutFrom) in `dir`.
  explicit FileBlobStore(std::string dir, uint64_t limit = kDefaultLimit)
      : dir_(std::move(dir)), limit_(limit) {}
  Result<std::string> Put(std::string_view bytes) override;
  Result<StoredBlob> PutFrom(const ByteSource& source) override;
  uint64_t limit() const override { return limit_; }
  Result<std::string> Get(const std::string& sha256) override;
  Result<uint64_t> Verify(const std::string& sha256) override;
  Result<std::string> ReadAt(const std::string& sha256, uint64_t offset, size_t max) override;
  Result<void> Remove(const std::string& sha256) override;

 private:
  // The blob's path, once the name is a SHA-256 (no path can be smuggled in).
  Result<std::string> PathOf(const std::string& sha256) const;

  std::string dir_;
  uint64_t limit_;
};

}  // namespace sokuo::platform
