#include "platform/files.h"

#include <unistd.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "base/sha256.h"
#include "platform/file_blob_store.h"
#include "platform/line_reader.h"
#include "platform/system_clock.h"

namespace sokuo::platform {
namespace {

std::vector<std::string> ReadLines(const std::string& path) {
  auto reader = LineReader::Open(path);
  EXPECT_TRUE(reader) << reader.error().ToString();
  std::vector<std::string> lines;
  std::string_view line;
  while (reader && *reader->Next(line)) lines.emplace_back(line);
  return lines;
}

TEST(LineReaderTest, SplitsLinesAcrossBlocksAndBoundsLongOnes) {
  std::string dir =
      std::filesystem::temp_directory_path() / ("sokuo-lines-" + std::to_string(::getpid()));
  ASSERT_TRUE(EnsureDirectory(dir + "/rules/sub"));
  std::string path = dir + "/log";
  ASSERT_TRUE(WriteFileAtomic(path, "first\r\nsecond\n\nlast without newline"));
  EXPECT_EQ(ReadLines(path),
            (std::vector<std::string>{"first", "second", "", "last without newline"}));
  // Lines that straddle the 1 MiB blocks, and one longer than the limit, cut into pieces.
  std::string big;
  for (int i = 0; i < 300000; ++i) big += "line " + std::to_string(i) + "\n";
  big += std::string(LineReader::kMaxLine + 10, 'x') + "\nend\n";
  ASSERT_TRUE(WriteFileAtomic(path, big));
  std::vector<std::string> lines = ReadLines(path);
  ASSERT_EQ(lines.size(), 300000u + 2u);
  EXPECT_EQ(lines[299999], "line 299999");
  EXPECT_EQ(lines[300000].size(), LineReader::kMaxLine);  // the rest of it is dropped
  EXPECT_EQ(lines[300001], "end");
  EXPECT_EQ(LineReader::Open(dir + "/nope").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(LineReader::Open(dir).error().code, ErrorCode::kInvalidInput);

  ASSERT_TRUE(WriteFileAtomic(dir + "/rules/b.yml", "b"));
  ASSERT_TRUE(WriteFileAtomic(dir + "/rules/sub/a.yaml", "a"));
  ASSERT_TRUE(WriteFileAtomic(dir + "/rules/notes.txt", "n"));
  auto files = ListFiles(dir + "/rules", {".yml", ".yaml"});
  ASSERT_TRUE(files);
  EXPECT_EQ(*files, (std::vector<std::string>{dir + "/rules/b.yml", dir + "/rules/sub/a.yaml"}));
  EXPECT_EQ(ListFiles(dir + "/missing", {".yml"}).error().code, ErrorCode::kNotFound);
  std::filesystem::remove_all(dir);
}

TEST(FilesTest, WritesAtomicallyAndReadsBack) {
  std::string dir =
      std::filesystem::temp_directory_path() / ("sokuo-files-" + std::to_string(::getpid()));
  ASSERT_TRUE(EnsureDirectory(dir + "/a/b"));
  std::string path = dir + "/a/b/x.txt";
  ASSERT_TRUE(WriteFileAtomic(path, "first"));
  ASSERT_TRUE(WriteFileAtomic(path, "second"));
  EXPECT_EQ(*ReadFile(path, 100), "second");
  auto too_big = ReadFile(path, 3);
  ASSERT_FALSE(too_big);
  EXPECT_EQ(too_big.error().code, ErrorCode::kInvalidInput);
  auto missing = ReadFile(dir + "/nope", 100);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  auto directory = ReadFile(dir, 100);
  ASSERT_FALSE(directory);
  EXPECT_EQ(directory.error().code, ErrorCode::kInvalidInput);
  std::filesystem::remove_all(dir);
}

TEST(FileBlobStoreTest, StoresByContentAndNoticesDamage) {
  std::string dir =
      std::filesystem::temp_directory_path() / ("sokuo-blobs-" + std::to_string(::getpid()));
  FileBlobStore blobs(dir);
  auto sha = blobs.Put("Nov 26 03:12:01 sshd[812]: Failed password for root");
  ASSERT_TRUE(sha);
  EXPECT_EQ(*sha, Sha256Hex("Nov 26 03:12:01 sshd[812]: Failed password for root"));
  EXPECT_EQ(*blobs.Put("Nov 26 03:12:01 sshd[812]: Failed password for root"), *sha);
  EXPECT_EQ(*blobs.Get(*sha), "Nov 26 03:12:01 sshd[812]: Failed password for root");
  EXPECT_EQ(*blobs.Verify(*sha), 51u);
  EXPECT_EQ(*blobs.ReadAt(*sha, 16, 4), "sshd");
  EXPECT_EQ(*blobs.ReadAt(*sha, 49, 100), "ot");
  EXPECT_EQ(*blobs.ReadAt(*sha, 51, 100), "");
  ASSERT_TRUE(WriteFileAtomic(dir + "/" + *sha, "edited"));
  EXPECT_EQ(blobs.Verify(*sha).error().code, ErrorCode::kIntegrity);
  auto damaged = blobs.Get(*sha);
  ASSERT_FALSE(damaged);
  EXPECT_EQ(damaged.error().code, ErrorCode::kIntegrity);
  EXPECT_FALSE(blobs.Get("../../etc/passwd"));
  EXPECT_FALSE(blobs.ReadAt("../../etc/passwd", 0, 10));
  std::filesystem::remove_all(dir);
}

TEST(SystemClockTest, IsAfterTheProductExisted) {
  EXPECT_GT(SystemClock().Now(), *ParseRfc3339("2026-01-01T00:00:00Z"));
  EXPECT_FALSE(OsUserName().empty());
}

}  // namespace
}  // namespace sokuo::platform

#include "platform/log.h"

namespace sokuo::platform {
namespace {

TEST(LogTest, JsonLinesEscapeTheirFields) {
  EXPECT_EQ(JsonLogLine(LogLevel::kWarn, "http.request",
                        {{"path", "/a\"b"}, {"note", "line\nbreak\x01"}}),
            R"("level":"warn","event":"http.request","path":"/a\"b","note":"line\nbreak\u0001")");
}

}  // namespace
}  // namespace sokuo::platform
