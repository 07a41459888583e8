#include "platform/file_blob_store.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>

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

Result<StoredBlob> FileBlobStore::PutFrom(const ByteSource& source) {
  static std::atomic<unsigned> counter{0};
  TRY(EnsureDirectory(dir_));
  std::string tmp =
      dir_ + "/.incoming." + std::to_string(::getpid()) + "." + std::to_string(++counter);
  Sha256 hash;
  StoredBlob blob;
  ByteSource hashed = [&](size_t max) -> Result<std::string> {
    ASSIGN_OR_RETURN(std::string piece, source(max));
    if (piece.size() > limit_ - blob.bytes) {
      return Fail(ErrorCode::kPayloadTooLarge,
                  Msg("evidence.too_large", {{"max", std::to_string(limit_)}}));
    }
    hash.Update(piece);
    blob.bytes += piece.size();
    return piece;
  };
  TRY(WriteFileFrom(tmp, hashed));  // gone again on an error
  blob.sha256 = hash.HexDigest();
  std::string path = dir_ + "/" + blob.sha256;
  // Nothing is kept for no bytes, and the same bytes are kept once.
  if (blob.bytes == 0 || Exists(path)) {
    ::unlink(tmp.c_str());
    return blob;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    Error e = IoError("file.cannot_rename", path);
    ::unlink(tmp.c_str());
    return Fail(e);
  }
  return blob;
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
  return VerifyByReading(*this, sha256);
}

Result<std::string> FileBlobStore::ReadAt(const std::string& sha256, uint64_t offset, size_t max) {
  ASSIGN_OR_RETURN(std::string path, PathOf(sha256));
  return ReadFileRange(path, offset, max);
}

Result<void> FileBlobStore::Remove(const std::string& sha256) {
  ASSIGN_OR_RETURN(std::string path, PathOf(sha256));
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    return Fail(IoError("file.cannot_remove", path));
  }
  return {};
}

}  // namespace sokuo::platform
