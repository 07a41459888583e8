#include "http/target.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sokuo::http {
namespace {

TEST(TargetTest, DecodesThePathAndTheQuery) {
  auto t = ParseTarget("/api/v1/systems/%E5%8F%97%E6%B3%A8?tier=a&q=a+b%26c&flag&tier=b");
  ASSERT_TRUE(t) << t.error().ToString();
  EXPECT_EQ(t->path, "/api/v1/systems/受注");
  EXPECT_EQ(t->query.count("tier"), 2u);
  EXPECT_EQ(t->query.find("q")->second, "a b&c");
  EXPECT_EQ(t->query.find("flag")->second, "");
  // A '+' in the path is a plus; empty pairs are skipped.
  auto plus = ParseTarget("/a+b?&&x=1&");
  ASSERT_TRUE(plus);
  EXPECT_EQ(plus->path, "/a+b");
  EXPECT_EQ(plus->query.size(), 1u);
}

TEST(TargetTest, RefusesWhatItCannotDecode) {
  for (const char* bad : {"", "api/v1", "http://example.com/", "/a%", "/a%2", "/a%zz", "/a?b=%g0",
                          "/a?%=1", "/%00"}) {
    auto t = ParseTarget(bad);
    ASSERT_FALSE(t) << bad;
    EXPECT_EQ(t.error().code, ErrorCode::kInvalidInput) << bad;
    EXPECT_EQ(t.error().msg.code, "http.bad_target") << bad;
  }
  // Bytes that are not UTF-8 are kept as they are: the answer escapes them, the route decides.
  auto t = ParseTarget("/api/v1/%FF");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/api/v1/\xff");
}

}  // namespace
}  // namespace sokuo::http
