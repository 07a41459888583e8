#include "platform/files.h"

#include <unistd.h>

#include <filesystem>

#include <gtest/gtest.h>

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
