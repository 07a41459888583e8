// Evidence files kept in PostgreSQL (base/blob_store.h), for sokuo on PostgreSQL: every server
// over the database reads the same files, and the replica at the backup site receives them with
// the rest of the database, so no directory needs sharing or copying. Each file is a set of rows
// of `evidence_parts` (migration 20), one per MiB, named by the SHA-256 of the whole file.
//
// We chose rows of bytea over PostgreSQL's large objects: large objects live outside every
// schema (pg_largeobject), are not removed with the rows that name them (lo_unlink), and need
// their own privileges; rows are dumped, replicated, locked and deleted like every other row.
// A part of 1 MiB keeps a read of any range to one or two rows and an upload's memory to one
// part, and stays far below bytea's 1 GB limit.
//
// Thread-safe: one connection, behind a mutex.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "base/blob_store.h"

namespace sokuo::store {

namespace pg {
class Connection;  // pg_connection.h
}

class PgBlobStore final : public BlobStore {
 public:
  // Over the database of `conninfo` (which PostgresStore::Open has migrated).
  PgBlobStore(std::string conninfo, uint64_t limit);
  ~PgBlobStore() override;

  Result<std::string> Put(std::string_view bytes) override;
  Result<StoredBlob> PutFrom(const ByteSource& source) override;
  uint64_t limit() const override { return limit_; }
  Result<std::string> Get(const std::string& sha256) override;
  Result<uint64_t> Verify(const std::string& sha256) override;
  Result<std::string> ReadAt(const std::string& sha256, uint64_t offset, size_t max) override;
  Result<void> Remove(const std::string& sha256) override;

  static constexpr size_t kPart = size_t{1} << 20;

 private:
  // PutFrom with a limit of its own (Put has none, as the file store's).
  Result<StoredBlob> Store(const ByteSource& source, uint64_t limit);
  // Runs `f` on the connection, opening it first when it is missing or broke.
  template <class T, class F>
  Result<T> OnConnection(const char* step, F&& f);

  const std::string conninfo_;
  const uint64_t limit_;
  std::mutex mu_;
  std::unique_ptr<pg::Connection> conn_;  // guarded by mu_
};

}  // namespace sokuo::store
