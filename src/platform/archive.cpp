#include "platform/archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <unistd.h>

#include <filesystem>
#include <memory>

#include "base/sha256.h"
#include "platform/files.h"

namespace sokuo::platform {
namespace {

constexpr size_t kArchivePiece = size_t{1} << 20;

struct ArchiveCloser {
  void operator()(archive* a) const { archive_write_free(a); }
};
struct EntryCloser {
  void operator()(archive_entry* e) const { archive_entry_free(e); }
};

Error ArchiveError(archive* a, const std::string& path) {
  const char* why = archive_error_string(a);
  return Fail(ErrorCode::kIo,
              Msg("file.cannot_write",
                  {{"path", path}, {"reason", why != nullptr ? why : "libarchive"}}))
      .value();
}

Error Mismatch(const ArchiveEntry& e) {
  return Fail(ErrorCode::kIntegrity, Msg("archive.content_changed", {{"name", e.name}})).value();
}

Result<void> WriteEntries(archive* a, const std::string& path,
                          const std::vector<ArchiveEntry>& entries) {
  for (const ArchiveEntry& e : entries) {
    std::unique_ptr<archive_entry, EntryCloser> header(archive_entry_new());
    archive_entry_set_pathname_utf8(header.get(), e.name.c_str());
    archive_entry_set_size(header.get(), static_cast<la_int64_t>(e.size));
    archive_entry_set_filetype(header.get(), AE_IFREG);
    archive_entry_set_perm(header.get(), 0644);
    archive_entry_set_mtime(header.get(), ::time(nullptr), 0);
    if (archive_write_header(a, header.get()) != ARCHIVE_OK)
      return tl::unexpected(ArchiveError(a, path));
    Sha256 hash;
    uint64_t written = 0;
    while (true) {
      ASSIGN_OR_RETURN(std::string piece, e.content(kArchivePiece));
      if (piece.empty()) break;
      written += piece.size();
      if (written > e.size) return tl::unexpected(Mismatch(e));
      hash.Update(piece);
      if (archive_write_data(a, piece.data(), piece.size()) < 0) {
        return tl::unexpected(ArchiveError(a, path));
      }
    }
    if (written != e.size) return tl::unexpected(Mismatch(e));
    if (!e.sha256.empty() && hash.HexDigest() != e.sha256) return tl::unexpected(Mismatch(e));
  }
  if (archive_write_close(a) != ARCHIVE_OK) return tl::unexpected(ArchiveError(a, path));
  return {};
}

}  // namespace

Result<void> WriteZip(const std::string& path, const std::vector<ArchiveEntry>& entries) {
  if (Exists(path)) {
    return Fail(ErrorCode::kConflict, Msg("file.exists", {{"path", path}}));
  }
  std::string tmp = path + ".part." + std::to_string(::getpid());
  std::unique_ptr<archive, ArchiveCloser> a(archive_write_new());
  if (archive_write_set_format_zip(a.get()) != ARCHIVE_OK ||
      archive_write_set_options(a.get(), "zip:compression=deflate,zip:hdrcharset=UTF-8") !=
          ARCHIVE_OK ||
      archive_write_open_filename(a.get(), tmp.c_str()) != ARCHIVE_OK) {
    Error e = ArchiveError(a.get(), tmp);
    std::filesystem::remove(tmp);
    return tl::unexpected(std::move(e));
  }
  Result<void> wrote = WriteEntries(a.get(), tmp, entries);
  a.reset();
  if (!wrote) {
    std::filesystem::remove(tmp);
    return wrote;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp);
    return Fail(ErrorCode::kIo,
                Msg("file.cannot_rename", {{"path", path}, {"reason", ec.message()}}));
  }
  return {};
}

}  // namespace sokuo::platform
