// Blobs in memory: the test implementation of the BlobStore seam, for the app tests.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "base/blob_store.h"
#include "base/sha256.h"

namespace sokuo::app {

class MemoryBlobs final : public BlobStore {
 public:
  Result<std::string> Put(std::string_view bytes) override {
    std::string sha = Sha256Hex(bytes);
    blobs_[sha] = std::string(bytes);
    return sha;
  }
  Result<StoredBlob> PutFrom(const ByteSource& source) override {
    std::string bytes;
    while (true) {
      ASSIGN_OR_RETURN(std::string piece, source(size_t{1} << 16));
      if (piece.empty()) break;
      if (bytes.size() + piece.size() > limit_) {
        return Fail(ErrorCode::kPayloadTooLarge,
                    Msg("evidence.too_large", {{"max", std::to_string(limit_)}}));
      }
      bytes += piece;
    }
    StoredBlob blob{Sha256Hex(bytes), bytes.size()};
    if (!bytes.empty()) blobs_[blob.sha256] = std::move(bytes);
    return blob;
  }
  uint64_t limit() const override { return limit_; }
  void set_limit(uint64_t limit) { limit_ = limit; }
  Result<std::string> Get(const std::string& sha) override {
    auto it = blobs_.find(sha);
    if (it == blobs_.end())
      return Fail(ErrorCode::kNotFound, Msg("blob.not_sha256", {{"sha256", sha}}));
    return it->second;
  }
  Result<uint64_t> Verify(const std::string& sha) override {
    ASSIGN_OR_RETURN(std::string bytes, Get(sha));
    if (Sha256Hex(bytes) != sha)
      return Fail(ErrorCode::kIntegrity, Msg("blob.hash_mismatch", {{"sha256", sha}}));
    return bytes.size();
  }
  Result<std::string> ReadAt(const std::string& sha, uint64_t offset, size_t max) override {
    ASSIGN_OR_RETURN(std::string bytes, Get(sha));
    return offset >= bytes.size() ? "" : bytes.substr(offset, max);
  }
  Result<void> Remove(const std::string& sha) override {
    blobs_.erase(sha);
    return {};
  }
  // Changes a stored blob as a careless hand would.
  void Damage(const std::string& sha) { blobs_[sha] += "!"; }
  size_t size() const { return blobs_.size(); }

 private:
  std::map<std::string, std::string> blobs_;
  uint64_t limit_ = uint64_t{1} << 30;
};

}  // namespace sokuo::app
