#pragma once

#include <string>

#include "base/blob_store.h"

namespace sokuo::platform {

// Blobs as files named by their SHA-256 in one directory (DATA/evidence). Written atomically;
// an existing blob is not written again. Thread-safe: writes go through unique temporary names.
class FileBlobStore final : public BlobStore {
 public:
  explicit FileBlobStore(std::string dir) : dir_(std::move(dir)) {}
  Result<std::string> Put(std::string_view bytes) override;
  Result<std::string> Get(const std::string& sha256) override;
  Result<uint64_t> Verify(const std::string& sha256) override;
  Result<std::string> ReadAt(const std::string& sha256, uint64_t offset, size_t max) override;

 private:
  // The blob's path, once the name is a SHA-256 (no path can be smuggled in).
  Result<std::string> PathOf(const std::string& sha256) const;

  std::string dir_;
};

}  // namespace sokuo::platform
