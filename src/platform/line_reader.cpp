#include "platform/line_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace sokuo::platform {
namespace {

Error ReadError(const std::string& path) {
  Message msg = Msg("file.cannot_read", {{"path", path}, {"reason", std::strerror(errno)}});
  std::string text = Render(msg, Lang::kEn);
  return Error{ErrorCode::kIo, std::move(text), {}, {}, std::move(msg)};
}

bool HasExtension(const std::string& name, const std::vector<std::string>& extensions) {
  return std::any_of(extensions.begin(), extensions.end(), [&](const std::string& e) {
    return name.size() >= e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0;
  });
}

}  // namespace

Result<LineReader> LineReader::Open(const std::string& path) {
  if (path == "-") return LineReader(::dup(STDIN_FILENO), path, 0);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Fail(ErrorCode::kNotFound, Msg("file.not_found", {{"path", path}}));
    return Fail(ReadError(path));
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Fail(ErrorCode::kInvalidInput, Msg("file.is_directory", {{"path", path}}));
  }
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return LineReader(fd, path, S_ISREG(st.st_mode) ? static_cast<std::uint64_t>(st.st_size) : 0);
}

LineReader::LineReader(int fd, std::string path, std::uint64_t size)
    : fd_(fd), path_(std::move(path)), size_(size) {
  buffer_.reserve(kBlock + kMaxLine);
}

LineReader::LineReader(LineReader&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      path_(std::move(other.path_)),
      size_(other.size_),
      bytes_read_(other.bytes_read_),
      buffer_(std::move(other.buffer_)),
      begin_(other.begin_),
      eof_(other.eof_),
      skipping_(other.skipping_),
      cut_(other.cut_) {}

LineReader::~LineReader() {
  if (fd_ >= 0) ::close(fd_);
}

Result<bool> LineReader::Fill() {
  // Keep the unread tail, then read a block after it.
  buffer_.erase(0, begin_);
  begin_ = 0;
  size_t have = buffer_.size();
  buffer_.resize(have + kBlock);
  while (true) {
    ssize_t n = ::read(fd_, buffer_.data() + have, kBlock);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      buffer_.resize(have);
      return Fail(ReadError(path_));
    }
    buffer_.resize(have + static_cast<size_t>(n));
    bytes_read_ += static_cast<std::uint64_t>(n);
    if (n == 0) eof_ = true;
    return n > 0;
  }
}

Result<bool> LineReader::Next(std::string_view& line) {
  while (true) {
    std::string_view rest(buffer_.data() + begin_, buffer_.size() - begin_);
    if (skipping_) {
      // The rest of a line that was cut is dropped, not read as lines of its own: padding must
      // not let a line forge the next one.
      size_t end = rest.find('\n');
      begin_ += end == std::string_view::npos ? rest.size() : end + 1;
      if (end != std::string_view::npos) skipping_ = false;
      if (end == std::string_view::npos && !eof_) {
        auto more = Fill();
        if (!more) return tl::unexpected(more.error());
      }
      if (eof_ && begin_ >= buffer_.size()) return false;
      continue;
    }
    size_t nl = rest.find('\n');
    if (nl == std::string_view::npos ? rest.size() >= kMaxLine : nl > kMaxLine) {
      line = rest.substr(0, kMaxLine);
      begin_ += kMaxLine;
      skipping_ = true;
      ++cut_;
      return true;
    }
    if (nl != std::string_view::npos || (eof_ && !rest.empty())) {
      size_t len = nl == std::string_view::npos ? rest.size() : nl;
      line = rest.substr(0, len);
      begin_ += len + (nl != std::string_view::npos && len < rest.size() && rest[len] == '\n');
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      return true;
    }
    if (eof_) return false;
    auto more = Fill();
    if (!more) return tl::unexpected(more.error());
  }
}

Result<std::vector<std::string>> ListFiles(const std::string& dir,
                                           const std::vector<std::string>& extensions) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(dir, ec))
    return Fail(ErrorCode::kNotFound, Msg("file.not_found", {{"path", dir}}));
  std::vector<std::string> out;
  if (!fs::is_directory(dir, ec)) {
    out.push_back(dir);
    return out;
  }
  for (auto it =
           fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec) && HasExtension(it->path().filename().string(), extensions)) {
      out.push_back(it->path().string());
    }
  }
  if (ec) {
    errno = ec.value();
    return Fail(ReadError(dir));
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace sokuo::platform
