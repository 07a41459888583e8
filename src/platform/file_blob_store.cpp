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

Result<std::string> FileBlobStore::Get(const std::string& sha256) {
  if (sha256.size() != 64 || sha256.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return Fail(ErrorCode::kInvalidInput, "'" + sha256 + "' is not a SHA-256");
  }
  ASSIGN_OR_RETURN(std::string bytes, ReadFile(dir_ + "/" + sha256, size_t{1} << 32));
  if (Sha256Hex(bytes) != sha256) {
    return Fail(ErrorCode::kIntegrity, "blob " + sha256 + " no longer matches its hash");
  }
  return bytes;
}

}  // namespace sokuo::platform
