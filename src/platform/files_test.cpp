#include "platform/files.h"

#include <unistd.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "base/sha256.h"
#include "platform/file_blob_store.h"
#include "platform/system_clock.h"

namespace sokuo::platform {
namespace {

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
