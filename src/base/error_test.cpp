#include "base/error.h"

#include <gtest/gtest.h>

namespace sokuo {
namespace {

TEST(ErrorTest, TableMapsCodesToStatusAndExitCode) {
  struct Case {
    ErrorCode code;
    int http;
    int exit_code;
  };
  const Case cases[] = {
      {ErrorCode::kInvalidInput, 400, 1}, {ErrorCode::kUsage, 400, 2},
      {ErrorCode::kNotFound, 404, 3},     {ErrorCode::kConflict, 409, 4},
      {ErrorCode::kIntegrity, 500, 5},    {ErrorCode::kStorage, 503, 11},
      {ErrorCode::kForbidden, 403, 1},    {ErrorCode::kPayloadTooLarge, 413, 1},
      {ErrorCode::kAddressInUse, 500, 6}, {ErrorCode::kInternal, 500, 12},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Info(c.code).http_status, c.http) << Info(c.code).slug;
    EXPECT_EQ(Info(c.code).exit_code, c.exit_code) << Info(c.code).slug;
  }
}

TEST(ErrorTest, ToStringNamesThePlaceAndEveryDetail) {
  Error e{ErrorCode::kInvalidInput, "2 problems", "org.yaml", {{"org.yaml:3:1", "a"}, {"", "b"}}};
  EXPECT_EQ(e.ToString(), "org.yaml: 2 problems\norg.yaml:3:1: a\nb");
}

Result<int> Half(int n) {
  if (n % 2 != 0) return Fail(ErrorCode::kInvalidInput, Msg("error.invalid_input"));
  return n / 2;
}

Result<int> Quarter(int n) {
  ASSIGN_OR_RETURN(int half, Half(n));
  return Half(half);
}

TEST(ErrorTest, AssignOrReturnPropagatesTheFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  auto r = Quarter(6);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().msg.code, "error.invalid_input");
}

}  // namespace
}  // namespace sokuo
