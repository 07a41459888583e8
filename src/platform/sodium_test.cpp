#include "platform/sodium.h"

#include <chrono>
#include <future>

#include <gtest/gtest.h>

namespace sokuo::platform {
namespace {

TEST(Argon2HasherTest, VerifiesTheRightPasswordOnly) {
  ASSERT_TRUE(InitSodium());
  HashTurns turns(2);
  Argon2Hasher hasher(PasswordCost::kMinimum, turns);
  auto hash = hasher.Hash("correct horse battery");
  ASSERT_TRUE(hash) << hash.error().ToString();
  EXPECT_TRUE(hasher.Verify(*hash, "correct horse battery"));
  EXPECT_FALSE(hasher.Verify(*hash, "correct horse batterY"));
  EXPECT_FALSE(hasher.Verify("not a hash", "correct horse battery"));
}

TEST(Argon2HasherTest, HashesOnlyOnATurnAndGivesItBack) {
  ASSERT_TRUE(InitSodium());
  HashTurns turns(1);
  Argon2Hasher hasher(PasswordCost::kMinimum, turns);
  auto hash = hasher.Hash("correct horse battery");
  ASSERT_TRUE(hash);
  // With the only turn taken, a login waits (a hash at these limits takes about a millisecond)...
  turns.acquire();
  auto verified =
      std::async(std::launch::async, [&] { return hasher.Verify(*hash, "correct horse battery"); });
  EXPECT_EQ(verified.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout);
  // ...and goes on once it is given back; each hash gives its own turn back.
  turns.release();
  EXPECT_TRUE(verified.get());
  EXPECT_TRUE(hasher.Hash("another password!"));
  EXPECT_TRUE(turns.try_acquire());
}

}  // namespace
}  // namespace sokuo::platform
