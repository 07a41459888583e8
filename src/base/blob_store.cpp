#include "base/blob_store.h"

#include "base/sha256.h"

namespace sokuo {

Result<uint64_t> VerifyByReading(BlobStore& blobs, const std::string& sha256) {
  constexpr size_t kPiece = size_t{1} << 20;
  Sha256 hash;
  uint64_t size = 0;
  while (true) {
    ASSIGN_OR_RETURN(std::string piece, blobs.ReadAt(sha256, size, kPiece));
    if (piece.empty()) break;
    hash.Update(piece);
    size += piece.size();
  }
  if (hash.HexDigest() != sha256) {
    return Fail(ErrorCode::kIntegrity, Msg("blob.hash_mismatch", {{"sha256", sha256}}));
  }
  return size;
}

}  // namespace sokuo
