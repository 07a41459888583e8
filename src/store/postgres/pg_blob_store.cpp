#include "store/postgres/pg_blob_store.h"

#include <random>
#include <utility>

#include "base/sha256.h"
#include "store/postgres/pg_connection.h"

namespace sokuo::store {
namespace {

bool IsSha256(const std::string& name) {
  return name.size() == 64 && name.find_first_not_of("0123456789abcdef") == std::string::npos;
}

Result<void> CheckName(const std::string& sha256) {
  if (IsSha256(sha256)) return {};
  return Fail(ErrorCode::kInvalidInput, Msg("blob.not_sha256", {{"sha256", sha256}}));
}

std::string Bytes(const pqxx::field& f) {
  pqxx::binarystring b(f);
  return b.str();
}

}  // namespace

PgBlobStore::PgBlobStore(std::string conninfo, uint64_t limit)
    : conninfo_(std::move(conninfo)), limit_(limit) {}
PgBlobStore::~PgBlobStore() = default;

template <class T, class F>
Result<T> PgBlobStore::OnConnection(const char* step, F&& f) {
  std::lock_guard lock(mu_);
  TRY(pg::Reconnect(conn_, conninfo_));
  return pg::ForgetIfBroken(pg::Guarded(step, [&]() -> Result<T> { return f(*conn_); }), conn_);
}

Result<std::string> PgBlobStore::Put(std::string_view bytes) {
  ASSIGN_OR_RETURN(StoredBlob blob, Store(BytesSource(std::string(bytes)), UINT64_MAX));
  if (blob.bytes == 0) return Sha256Hex(bytes);  // nothing is kept for no bytes
  return blob.sha256;
}

Result<StoredBlob> PgBlobStore::PutFrom(const ByteSource& source) { return Store(source, limit_); }

// The parts (kPart bytes each but the last) go in under a name of their own as they fill,
// hashed on the way, and take the file's name once it is known; in one transaction, so that an
// upload that fails or is too large leaves nothing, and one whose bytes are stored already adds
// nothing.
Result<StoredBlob> PgBlobStore::Store(const ByteSource& source, uint64_t limit) {
  return OnConnection<StoredBlob>("evidence", [&](pg::Connection& conn) -> Result<StoredBlob> {
    pqxx::work t(conn);
    std::string incoming = "incoming-" + std::to_string(std::random_device()()) + "-" +
                           std::to_string(std::random_device()());
    Sha256 hash;
    StoredBlob blob;
    std::string part;  // filled to kPart bytes (a source may give less at a time), then written
    int64_t parts = 0;
    auto write = [&] {
      t.exec_params("INSERT INTO evidence_parts (sha256, part, bytes) VALUES ($1, $2, $3)",
                    incoming, parts++, pqxx::binarystring(part));
      part.clear();
    };
    while (true) {
      ASSIGN_OR_RETURN(std::string piece, source(kPart - part.size()));
      if (piece.empty()) break;
      if (piece.size() > limit - blob.bytes) {
        return Fail(ErrorCode::kPayloadTooLarge,
                    Msg("evidence.too_large", {{"max", std::to_string(limit)}}));
      }
      hash.Update(piece);
      blob.bytes += piece.size();
      part += piece;
      if (part.size() >= kPart) write();
    }
    if (!part.empty()) write();
    blob.sha256 = hash.HexDigest();
    if (blob.bytes == 0) return blob;  // the transaction is undone: nothing kept
    bool stored =
        !t.exec_params("SELECT 1 FROM evidence_parts WHERE sha256 = $1 LIMIT 1", blob.sha256)
             .empty();
    if (stored) {
      t.exec_params("DELETE FROM evidence_parts WHERE sha256 = $1", incoming);
    } else {
      t.exec_params("UPDATE evidence_parts SET sha256 = $1 WHERE sha256 = $2", blob.sha256,
                    incoming);
    }
    t.commit();
    return blob;
  });
}

Result<std::string> PgBlobStore::Get(const std::string& sha256) {
  std::string bytes;
  while (true) {
    ASSIGN_OR_RETURN(std::string piece, ReadAt(sha256, bytes.size(), kPart));
    if (piece.empty()) break;
    bytes += piece;
  }
  if (Sha256Hex(bytes) != sha256) {
    return Fail(ErrorCode::kIntegrity, Msg("blob.hash_mismatch", {{"sha256", sha256}}));
  }
  return bytes;
}

Result<uint64_t> PgBlobStore::Verify(const std::string& sha256) {
  return VerifyByReading(*this, sha256);
}

// The parts that hold [offset, offset + max): every part but the last is kPart bytes long.
Result<std::string> PgBlobStore::ReadAt(const std::string& sha256, uint64_t offset, size_t max) {
  TRY(CheckName(sha256));
  return OnConnection<std::string>("evidence", [&](pg::Connection& conn) -> Result<std::string> {
    pqxx::nontransaction t(conn);
    auto first = static_cast<int64_t>(offset / kPart);
    auto last = static_cast<int64_t>((offset + std::max<size_t>(max, 1) - 1) / kPart);
    pqxx::result r = t.exec_params(
        "SELECT part, bytes FROM evidence_parts WHERE sha256 = $1 AND part BETWEEN $2 AND $3 "
        "ORDER BY part",
        sha256, first, last);
    if (r.empty()) {
      if (offset == 0) {
        return Fail(ErrorCode::kNotFound, Msg("blob.not_found", {{"sha256", sha256}}));
      }
      return std::string();  // past the end
    }
    std::string bytes;
    for (const pqxx::row& row : r) bytes += Bytes(row[1]);
    size_t skip = offset - static_cast<uint64_t>(first) * kPart;
    if (skip >= bytes.size()) return std::string();
    return bytes.substr(skip, max);
  });
}

Result<void> PgBlobStore::Remove(const std::string& sha256) {
  TRY(CheckName(sha256));
  return OnConnection<void>("evidence", [&](pg::Connection& conn) -> Result<void> {
    pqxx::work t(conn);
    t.exec_params("DELETE FROM evidence_parts WHERE sha256 = $1", sha256);
    t.commit();
    return {};
  });
}

}  // namespace sokuo::store
