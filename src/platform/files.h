// Files as sokuo needs them: bounded reads of outside input, and writes that a crash cannot
// leave half done.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/blob_store.h"
#include "base/error.h"

namespace sokuo::platform {

// The error `code` (a message with {path} and {reason}) for the system call that just failed
// on `path`: the reason is errno's text.
Error IoError(const char* code, const std::string& path);

// The file's bytes in pieces, from the start: a ByteSource for BlobStore::PutFrom. Each piece
// opens the file again at the offset reached, so the source holds no descriptor.
ByteSource ReadPieces(const std::string& path);

// Reads the whole file, refusing files larger than `max_bytes`.
[[nodiscard]] Result<std::string> ReadFile(const std::string& path, size_t max_bytes);

// At most `max` bytes of the file from `offset`; empty at or past the end.
[[nodiscard]] Result<std::string> ReadFileRange(const std::string& path, uint64_t offset,
                                                size_t max);

// Writes to a temporary file beside `path`, flushes it to disk, then renames it into place.
[[nodiscard]] Result<void> WriteFileAtomic(const std::string& path, const std::string& content);

// Writes what `source` gives to the new file `path` (one that exists already, or a link, is an
// error), piece by piece, and flushes it to disk; on an error the file is removed.
[[nodiscard]] Result<void> WriteFileFrom(const std::string& path, const ByteSource& source);

// Appends `line` and a line end to `path` (created with mode 0600 when missing) in one write,
// and flushes it to disk. Lines appended by several processes do not interleave (O_APPEND).
[[nodiscard]] Result<void> AppendLine(const std::string& path, const std::string& line);

// Creates the directory and its parents when missing (mode 0700: it holds breach details).
[[nodiscard]] Result<void> EnsureDirectory(const std::string& path);

bool Exists(const std::string& path);

// An exclusive lock on a file (flock) that lasts as long as the object, or the process: the
// system drops it however the process ends, so a crash leaves no stale lock behind.
class FileLock {
 public:
  // Takes the lock on `path` (created with mode 0600 when missing) without waiting and writes
  // this process's id into the file. nullopt when another process holds the lock; `holder` then
  // gets the id that process wrote (or stays empty).
  [[nodiscard]] static Result<std::optional<FileLock>> TryAcquire(const std::string& path,
                                                                  std::string& holder);
  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&&) = delete;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

// The login name of the OS user running this process, or "unknown".
std::string OsUserName();

}  // namespace sokuo::platform
