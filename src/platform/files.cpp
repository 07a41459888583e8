#include "platform/files.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

namespace sokuo::platform {
Error IoError(const char* code, const std::string& path) {
  Message msg = Msg(code, {{"path", path}, {"reason", std::strerror(errno)}});
  std::string text = Render(msg, Lang::kEn);
  return Error{ErrorCode::kIo, std::move(text), {}, {}, std::move(msg)};
}

Result<void> AppendLine(const std::string& path, const std::string& line) {
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Fail(IoError("file.cannot_write", path));
  std::string text = line + "\n";
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      Error e = IoError("file.cannot_write", path);
      ::close(fd);
      return Fail(e);
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    Error e = IoError("file.cannot_flush", path);
    ::close(fd);
    return Fail(e);
  }
  if (::close(fd) != 0) return Fail(IoError("file.cannot_flush", path));
  return {};
}

Result<std::string> ReadFile(const std::string& path, size_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Fail(ErrorCode::kNotFound, Msg("file.not_found", {{"path", path}}));
    return Fail(IoError("file.cannot_read", path));
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Fail(ErrorCode::kInvalidInput, Msg("file.is_directory", {{"path", path}}));
  }
  std::string out;
  char buffer[65536];
  while (true) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      Error e = IoError("file.cannot_read", path);
      ::close(fd);
      return Fail(e);
    }
    if (n == 0) break;
    if (out.size() + static_cast<size_t>(n) > max_bytes) {
      ::close(fd);
      return Fail(ErrorCode::kInvalidInput,
                  Msg("file.too_large", {{"path", path}, {"max", std::to_string(max_bytes)}}));
    }
    out.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

Result<std::string> ReadFileRange(const std::string& path, uint64_t offset, size_t max) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Fail(ErrorCode::kNotFound, Msg("file.not_found", {{"path", path}}));
    return Fail(IoError("file.cannot_read", path));
  }
  std::string out(max, '\0');
  size_t done = 0;
  while (done < max) {
    ssize_t n = ::pread(fd, out.data() + done, max - done, static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      Error e = IoError("file.cannot_read", path);
      ::close(fd);
      return Fail(e);
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  out.resize(done);
  return out;
}

ByteSource ReadPieces(const std::string& path) {
  return [path, offset = uint64_t{0}](size_t max) mutable -> Result<std::string> {
    ASSIGN_OR_RETURN(std::string piece, ReadFileRange(path, offset, max));
    offset += piece.size();
    return piece;
  };
}

Result<void> WriteFileAtomic(const std::string& path, const std::string& content) {
  static std::atomic<unsigned> counter{0};
  std::string tmp = path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(++counter);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Fail(IoError("file.cannot_write", tmp));
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      Error e = IoError("file.cannot_write", tmp);
      ::close(fd);
      ::unlink(tmp.c_str());
      return Fail(e);
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    Error e = IoError("file.cannot_flush", tmp);
    ::unlink(tmp.c_str());
    return Fail(e);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    Error e = IoError("file.cannot_rename", path);
    ::unlink(tmp.c_str());
    return Fail(e);
  }
  return {};
}

Result<void> WriteFileFrom(const std::string& path, const ByteSource& source) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return Fail(IoError("file.cannot_write", path));
  auto fail = [&](Error e) -> Result<void> {
    ::close(fd);
    ::unlink(path.c_str());
    return Fail(std::move(e));
  };
  while (true) {
    Result<std::string> piece = source(size_t{1} << 20);
    if (!piece) return fail(piece.error());
    if (piece->empty()) break;
    for (size_t done = 0; done < piece->size();) {
      ssize_t n = ::write(fd, piece->data() + done, piece->size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return fail(IoError("file.cannot_write", path));
      done += static_cast<size_t>(n);
    }
  }
  if (::fsync(fd) != 0) return fail(IoError("file.cannot_flush", path));
  if (::close(fd) != 0) {
    Error e = IoError("file.cannot_flush", path);
    ::unlink(path.c_str());
    return Fail(e);
  }
  return {};
}

Result<void> EnsureDirectory(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) {
    return Fail(ErrorCode::kIo,
                Msg("file.cannot_create_directory", {{"path", path}, {"reason", ec.message()}}));
  }
  std::filesystem::permissions(path, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, ec);
  return {};
}

Result<std::optional<FileLock>> FileLock::TryAcquire(const std::string& path, std::string& holder) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Fail(IoError("file.cannot_lock", path));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK) {
      Error e = IoError("file.cannot_lock", path);
      ::close(fd);
      return Fail(e);
    }
    char buffer[32] = {};
    ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
    ::close(fd);
    holder.clear();
    for (ssize_t i = 0; i < n && buffer[i] >= '0' && buffer[i] <= '9'; ++i) holder += buffer[i];
    return std::optional<FileLock>{};
  }
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
    Error e = IoError("file.cannot_lock", path);
    ::close(fd);
    return Fail(e);
  }
  return std::optional<FileLock>{FileLock(fd)};
}

FileLock::FileLock(FileLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

FileLock::~FileLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor drops the lock
}

bool Exists(const std::string& path) {
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

std::string OsUserName() {
  if (const passwd* pw = ::getpwuid(::geteuid()); pw != nullptr && pw->pw_name != nullptr) {
    return pw->pw_name;
  }
  return "unknown";
}

}  // namespace sokuo::platform
