#include "platform/file_blob_store.h"

#include <atomic>

#include "base/sha256.h"
#include "platform/files.h"

namespace sokuo::platform {

Result<std::string> FileBlobStore::Put(std::string_view bytes) {
  std::string sha = Sha256Hex(bytes);
  std::string path = dir_ + "/" + sha;
  if (Exists(path)) return sha;
  TRY(EnsureDirectory(dir_));
  TRY(WriteFileAtomic(path, std::string(bytes)));
  return sha;
}

Result<std::string> FileBlobStore::PathOf(const std::string& sha256) const {
  if (sha256.size() != 64 || sha256.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return Fail(ErrorCode::kInvalidInput, Msg("blob.not_sha256", {{"sha256", sha256}}));
  }
  return dir_ + "/" + sha256;
}

Result<std::string> FileBlobStore::Get(const std::string& sha256) {
  ASSIGN_OR_RETURN(std::string path, PathOf(sha256));
  ASSIGN_OR_RETURN(std::string bytes, ReadFile(path, size_t{1} << 32));
  if (Sha256Hex(bytes) != sha256) {
    return Fail(ErrorCode::kIntegrity, Msg("blob.hash_mismatch", {{"sha256", sha256}}));
  }
  return bytes;
}

Result<uint64_t> FileBlobStore::Verify(const std::string& sha256) {
  constexpr size_t kPiece = size_t{1} << 20;
  Sha256 hash;
  uint64_t size = 0;
  while (true) {
    ASSIGN_OR_RETURN(std::string piece, ReadAt(sha256, size, kPiece));
    if (piece.empty()) break;
    hash.Update(piece);
    size += piece.size();
  }
  if (hash.HexDigest() != sha256) {
    return Fail(ErrorCode::kIntegrity, Msg("blob.hash_mismatch", {{"sha256", sha256}}));
  }
  return size;
}

Result<std::string> FileBlobStore::ReadAt(const std::string& sha256, uint64_t offset, size_t max) {
  ASSIGN_OR_RETURN(std::string path, PathOf(sha256));
  return ReadFileRange(path, offset, max);
}

}  // namespace sokuo::platform
