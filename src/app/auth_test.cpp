#include <unistd.h>

#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/app.h"
#include "base/sha256.h"
#include "base/temp_dir.h"
#include "core/org_fixture.h"
#include "orgfile/org_file.h"
#include "store/sqlite/sqlite_store.h"

namespace sokuo::app {
namespace {

using ::testing::HasSubstr;

// Test implementations of the two seams: the real ones (libsodium) are used by the server tests.
class CountingRandom final : public Random {
 public:
  std::string Hex(size_t bytes) override {
    std::string s = Sha256Hex(std::to_string(++n_));
    while (s.size() < bytes * 2) s += s;
    return s.substr(0, bytes * 2);
  }

 private:
  int n_ = 0;
};

class SaltedHasher final : public PasswordHasher {
 public:
  Result<std::string> Hash(std::string_view password) override {
    return "salted$" + Sha256Hex("salt" + std::string(password));
  }
  bool Verify(std::string_view hash, std::string_view password) override {
    return hash == "salted$" + Sha256Hex("salt" + std::string(password));
  }
};

class AuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(*store::SqliteStore::Open({.path = dir_.File("sokuo.db")}));
    app_ = std::make_unique<App>(*store_, clock_, nullptr, &hasher_, &random_);
    ASSERT_TRUE(app_->organization().Import(orgfile::Emit(core::SmallOrganization()), "o", {"op"}));
    ASSERT_TRUE(app_->accounts().Add("p-tanaka", {}, kPassword, {"op"}));
  }
  void TearDown() override {
    app_.reset();
    store_.reset();
  }

  static constexpr const char* kPassword = "a long enough password";
  FakeClock clock_{*ParseRfc3339("2026-11-26T00:00:00Z")};
  CountingRandom random_;
  SaltedHasher hasher_;
  TempDir dir_{"app"};
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<App> app_;
};

TEST_F(AuthTest, SessionsEndWhenIdleOrTooOld) {
  auto login = app_->accounts().LogIn("p-tanaka", kPassword, "127.0.0.1");
  ASSERT_TRUE(login) << login.error().ToString();
  auto caller = app_->accounts().AuthenticateSession(login->session_token);
  ASSERT_TRUE(caller);
  EXPECT_EQ(caller->principal.person, "p-tanaka");
  EXPECT_TRUE(caller->principal.Has(core::Role::kDepartmentHead));

  // Used every hour, it lives until the absolute limit (12 h).
  for (int h = 1; h <= 11; ++h) {
    clock_.Advance(std::chrono::hours(1));
    ASSERT_TRUE(app_->accounts().AuthenticateSession(login->session_token)) << h;
  }
  clock_.Advance(std::chrono::hours(1) + std::chrono::seconds(1));
  EXPECT_FALSE(app_->accounts().AuthenticateSession(login->session_token));

  auto second = app_->accounts().LogIn("p-tanaka", kPassword, "127.0.0.1");
  clock_.Advance(std::chrono::hours(2) + std::chrono::seconds(1));  // idle too long
  auto idle = app_->accounts().AuthenticateSession(second->session_token);
  ASSERT_FALSE(idle);
  EXPECT_EQ(idle.error().code, ErrorCode::kUnauthorized);
}

TEST_F(AuthTest, LockoutAfterFiveFailuresUntilAnAdministratorUnlocks) {
  for (int i = 0; i < 5; ++i) {
    auto r = app_->accounts().LogIn("p-tanaka", "wrong password!", "10.0.0.1");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "wrong login or password");
    EXPECT_EQ(r.error().Text(Lang::kJa), "ログイン名またはパスワードが違います");
  }
  auto locked = app_->accounts().LogIn("p-tanaka", kPassword, "10.0.0.2");
  ASSERT_FALSE(locked);
  EXPECT_THAT(locked.error().message, HasSubstr("locked"));
  EXPECT_TRUE(app_->accounts().Get("p-tanaka")->locked);
  Actor member{"p-tanaka", core::Principal{"p-tanaka", {core::Role::kMember}, false}};
  EXPECT_FALSE(app_->accounts().Update("p-tanaka", std::nullopt, true, std::nullopt, member));
  ASSERT_TRUE(app_->accounts().Update("p-tanaka", std::nullopt, true, std::nullopt, {"op"}));
  EXPECT_TRUE(app_->accounts().LogIn("p-tanaka", kPassword, "10.0.0.2"));
  auto journal = app_->journal().Read({.subject = "account:p-tanaka"}, {"op"});
  int failures = 0;
  for (const auto& e : journal->entries) failures += e.action == "auth.login.failed";
  EXPECT_EQ(failures, 6);  // five wrong passwords and one attempt while locked
}

TEST_F(AuthTest, OneAddressIsThrottled) {
  for (int i = 0; i < 20; ++i)
    (void)app_->accounts().LogIn("nobody-" + std::to_string(i), "x", "10.9.9.9");
  auto r = app_->accounts().LogIn("p-tanaka", kPassword, "10.9.9.9");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_TRUE(
      app_->accounts().LogIn("p-tanaka", kPassword, "10.9.9.8"));  // other addresses are not
  clock_.Advance(std::chrono::minutes(16));
  EXPECT_TRUE(app_->accounts().LogIn("p-tanaka", kPassword, "10.9.9.9"));
}

TEST_F(AuthTest, PasswordChangeEndsEverySession) {
  auto a = app_->accounts().LogIn("p-tanaka", kPassword, "127.0.0.1");
  auto b = app_->accounts().LogIn("p-tanaka", kPassword, "127.0.0.2");
  Actor me{"p-tanaka", app_->accounts().AuthenticateSession(a->session_token)->principal};
  EXPECT_FALSE(app_->accounts().ChangePassword(me, "not the password", "a brand new password"));
  EXPECT_FALSE(app_->accounts().ChangePassword(me, kPassword, "short"));
  ASSERT_TRUE(app_->accounts().ChangePassword(me, kPassword, "a brand new password"));
  EXPECT_FALSE(app_->accounts().AuthenticateSession(a->session_token));
  EXPECT_FALSE(app_->accounts().AuthenticateSession(b->session_token));
  EXPECT_FALSE(app_->accounts().LogIn("p-tanaka", kPassword, "127.0.0.1"));
  EXPECT_TRUE(app_->accounts().LogIn("p-tanaka", "a brand new password", "127.0.0.1"));
}

TEST_F(AuthTest, OneTimePasswordsMustBeChanged) {
  auto one_time = app_->accounts().Add("p-suzuki", {core::Role::kAdministrator}, "", {"op"});
  ASSERT_TRUE(one_time);
  ASSERT_EQ(one_time->size(), 24u);
  auto login = app_->accounts().LogIn("p-suzuki", *one_time, "127.0.0.1");
  ASSERT_TRUE(login);
  EXPECT_TRUE(app_->accounts().AuthenticateSession(login->session_token)->must_change_password);
  EXPECT_FALSE(app_->accounts().Add("p-sato", {core::Role::kCommittee}, "", {"op"}))
      << "derived roles cannot be granted";
}

TEST_F(AuthTest, TokensExpireAndCanBeRevoked) {
  Actor me{"p-tanaka", core::Principal{"p-tanaka", {core::Role::kMember}, false}};
  auto t = app_->accounts().CreateToken(me, "", "monitoring", TokenScope::kRead, 30);
  ASSERT_TRUE(t) << t.error().ToString();
  auto caller = app_->accounts().AuthenticateToken(t->secret);
  ASSERT_TRUE(caller);
  EXPECT_EQ(caller->scope, TokenScope::kRead);
  EXPECT_FALSE(app_->accounts().AuthenticateToken(t->secret + "x"));
  EXPECT_FALSE(app_->accounts().CreateToken(me, "p-sato", "not mine", TokenScope::kWrite, 30));
  clock_.Advance(std::chrono::hours(24 * 31));
  EXPECT_THAT(app_->accounts().AuthenticateToken(t->secret).error().message, HasSubstr("expired"));
  auto u = app_->accounts().CreateToken(me, "", "ci", TokenScope::kIngest, 30);
  ASSERT_TRUE(app_->accounts().RevokeToken(me, u->token.id));
  EXPECT_THAT(app_->accounts().AuthenticateToken(u->secret).error().message, HasSubstr("revoked"));
  EXPECT_EQ(app_->accounts().RevokeToken(me, u->token.id).error().code, ErrorCode::kConflict);
}

TEST_F(AuthTest, AHashEditedOutsideSokuoIsRefused) {
  // Someone with the sqlite3 shell swaps in the hash of a password they know.
  ASSERT_TRUE(store_->Write([&](store::Tx& tx) -> Result<void> {
    return tx.PutPrivate("credentials", "p-tanaka",
                         {{"id", "p-tanaka"}, {"hash", *hasher_.Hash("attacker's password")}});
  }));
  EXPECT_FALSE(app_->accounts().LogIn("p-tanaka", "attacker's password", "127.0.0.1"));
}

}  // namespace
}  // namespace sokuo::app
