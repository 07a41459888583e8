// Files as sokuo needs them: bounded reads of outside input, and writes that a crash cannot
// leave half done.
#pragma once

#include <cstdint>
#include <string>

#include "base/error.h"

namespace sokuo::platform {

// Reads the whole file, refusing files larger than `max_bytes`.
[[nodiscard]] Result<std::string> ReadFile(const std::string& path, size_t max_bytes);

// At most `max` bytes of the file from `offset`; empty at or past the end.
[[nodiscard]] Result<std::string> ReadFileRange(const std::string& path, uint64_t offset,
                                                size_t max);

// Writes to a temporary file beside `path`, flushes it to disk, then renames it into place.
[[nodiscard]] Result<void> WriteFileAtomic(const std::string& path, const std::string& content);

// Creates the directory and its parents when missing (mode 0700: it holds breach details).
[[nodiscard]] Result<void> EnsureDirectory(const std::string& path);

bool Exists(const std::string& path);

// The login name of the OS user running this process, or "unknown".
std::string OsUserName();

}  // namespace sokuo::platform
