// Reads a text file line by line in large blocks, for log files of any size: a line is a view
// into the reader's buffer, valid until the next call. Line endings (LF or CRLF) are dropped; a
// line longer than the limit is cut there and the rest of it dropped, so memory stays bounded.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace sokuo::platform {

class LineReader {
 public:
  static constexpr size_t kBlock = 1 << 20;
  static constexpr size_t kMaxLine = 1 << 20;

  // "-" reads standard input.
  [[nodiscard]] static Result<LineReader> Open(const std::string& path);
  LineReader(LineReader&& other) noexcept;
  LineReader& operator=(LineReader&&) = delete;
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;
  ~LineReader();

  // The next line; false at the end of the file.
  [[nodiscard]] Result<bool> Next(std::string_view& line);

  std::uint64_t bytes_read() const { return bytes_read_; }
  // Lines cut at the limit.
  std::uint64_t cut() const { return cut_; }
  // The file's size when it has one (0 for a pipe).
  std::uint64_t size() const { return size_; }

 private:
  LineReader(int fd, std::string path, std::uint64_t size);
  [[nodiscard]] Result<bool> Fill();

  int fd_ = -1;
  std::string path_;
  std::uint64_t size_ = 0;
  std::uint64_t bytes_read_ = 0;
  std::string buffer_;
  size_t begin_ = 0;  // unread data is buffer_[begin_, buffer_.size())
  bool eof_ = false;
  bool skipping_ = false;  // dropping the rest of a cut line
  std::uint64_t cut_ = 0;
};

// The regular files under `dir` (recursively) whose names end with one of `extensions`
// (".yml"), sorted; `dir` may also be one such file.
[[nodiscard]] Result<std::vector<std::string>> ListFiles(
    const std::string& dir, const std::vector<std::string>& extensions);

}  // namespace sokuo::platform
