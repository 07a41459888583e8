#include <unistd.h>

#include <condition_variable>
#include <filesystem>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <utility>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/app.h"
#include "base/fake_secrets.h"
#include "base/temp_dir.h"
#include "core/org_fixture.h"
#include "orgfile/org_file.h"
#include "store/forwarding_store.h"
#include "store/sqlite/sqlite_store.h"

namespace sokuo::app {
namespace {

using ::testing::HasSubstr;

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

// Every refused login is the same error after the same work: a stranger learns nothing about
// an account from the answer, nor from the time it took.
TEST_F(AuthTest, RefusedLoginsLookAlikeAndCostOneVerificationEach) {
  Actor op{"op"};
  ASSERT_TRUE(app_->accounts().Add("p-suzuki", {}, kPassword, op));
  ASSERT_TRUE(app_->accounts().Update("p-suzuki", true, std::nullopt, std::nullopt, op));
  ASSERT_TRUE(app_->accounts().Add("p-sato", {}, kPassword, op));
  ASSERT_TRUE(app_->accounts().Update("p-sato", std::nullopt, true, std::nullopt, op));
  struct Attempt {
    const char* what;
    const char* login;
    const char* password;
  };
  const Attempt attempts[] = {
      {"wrong password", "p-tanaka", "not the password"},
      {"unknown login", "p-nobody", kPassword},
      {"disabled account", "p-suzuki", kPassword},
      {"locked account", "p-sato", kPassword},
      {"wrong password again", "p-tanaka", "not the password"},
  };
  std::optional<Error> first;
  int n = 0;
  for (const Attempt& a : attempts) {
    hasher_.verifications = 0;
    auto r = app_->accounts().LogIn(a.login, a.password, "10.0.0." + std::to_string(++n));
    ASSERT_FALSE(r) << a.what;
    EXPECT_EQ(hasher_.verifications, 1) << a.what;
    EXPECT_EQ(r.error().code, ErrorCode::kUnauthorized) << a.what;
    EXPECT_EQ(r.error().msg.code, "auth.bad_login") << a.what;
    if (!first) first = r.error();
    EXPECT_EQ(r.error().ToString(Lang::kEn), first->ToString(Lang::kEn)) << a.what;
    EXPECT_EQ(r.error().ToString(Lang::kJa), first->ToString(Lang::kJa)) << a.what;
  }
  // Delayed after repeated failures: the right password is refused the same way.
  for (int i = 0; i < 3; ++i) (void)app_->accounts().LogIn("p-tanaka", "nope", "10.0.1.1");
  hasher_.verifications = 0;
  auto delayed = app_->accounts().LogIn("p-tanaka", kPassword, "10.0.1.2");
  ASSERT_FALSE(delayed);
  EXPECT_EQ(hasher_.verifications, 1);
  EXPECT_EQ(delayed.error().ToString(Lang::kEn), first->ToString(Lang::kEn));
  EXPECT_THAT(first->ToString(Lang::kEn), HasSubstr("wrong login or password"));
}

TEST_F(AuthTest, FailuresDelayTheNextAttemptAndTheDelayLiftsByItself) {
  Actor op{"op"};
  ASSERT_TRUE(app_->accounts().Add("p-suzuki", {core::Role::kAdministrator}, kPassword, op));
  auto wrong = [&](const char* who) {
    EXPECT_FALSE(app_->accounts().LogIn(who, "wrong password!", "10.0.0.1"));
  };
  for (int i = 0; i < 4; ++i) wrong("p-tanaka");
  EXPECT_TRUE(app_->accounts().Get("p-tanaka")->delayed_until.empty()) << "four are free";
  wrong("p-tanaka");  // the fifth: the next attempt waits a minute
  EXPECT_EQ(app_->accounts().Get("p-tanaka")->delayed_until, "2026-11-26T00:01:00Z");
  EXPECT_FALSE(app_->accounts().LogIn("p-tanaka", kPassword, "10.0.0.2"));
  for (int i = 0; i < 5; ++i) wrong("p-tanaka");  // refused unchecked: the delay does not grow
  EXPECT_EQ(app_->accounts().Get("p-tanaka")->delayed_until, "2026-11-26T00:01:00Z");
  EXPECT_FALSE(app_->accounts().Get("p-tanaka")->locked) << "failures never lock";
  clock_.Advance(std::chrono::seconds(60));
  wrong("p-tanaka");  // checked, wrong: the delay doubles
  EXPECT_EQ(app_->accounts().Get("p-tanaka")->delayed_until, "2026-11-26T00:03:00Z");
  clock_.Advance(std::chrono::seconds(119));
  EXPECT_FALSE(app_->accounts().LogIn("p-tanaka", kPassword, "10.0.0.2"));
  clock_.Advance(std::chrono::seconds(1));
  ASSERT_TRUE(app_->accounts().LogIn("p-tanaka", kPassword, "10.0.0.2")) << "lifted by itself";
  EXPECT_EQ(app_->accounts().Get("p-tanaka")->failed_logins, 0);
  EXPECT_TRUE(app_->accounts().Get("p-tanaka")->delayed_until.empty());

  // Administrators too are only delayed, never locked, and the delay stops growing at 15 minutes.
  for (int i = 0; i < 12; ++i) {
    wrong("p-suzuki");
    clock_.Advance(std::chrono::minutes(15));
  }
  wrong("p-suzuki");
  EXPECT_EQ(app_->accounts().Get("p-suzuki")->delayed_until,
            FormatRfc3339(clock_.Now() + std::chrono::minutes(15)));
  EXPECT_FALSE(app_->accounts().Get("p-suzuki")->locked);
  clock_.Advance(std::chrono::minutes(15));
  EXPECT_TRUE(app_->accounts().LogIn("p-suzuki", kPassword, "10.0.0.3"));

  // An administrator may lift a delay at once.
  for (int i = 0; i < 5; ++i) wrong("p-tanaka");
  EXPECT_FALSE(app_->accounts().LogIn("p-tanaka", kPassword, "10.0.0.2"));
  Actor member{"p-tanaka", core::Principal{"p-tanaka", {core::Role::kMember}, false}};
  EXPECT_FALSE(app_->accounts().Update("p-tanaka", std::nullopt, false, std::nullopt, member));
  ASSERT_TRUE(app_->accounts().Update("p-tanaka", std::nullopt, false, std::nullopt, op));
  EXPECT_TRUE(app_->accounts().LogIn("p-tanaka", kPassword, "10.0.0.2"));

  // Every attempt is in the journal, with why it was refused.
  auto journal = app_->journal().Read({.limit = 1000, .subject = "account:p-tanaka"}, {"op"});
  ASSERT_TRUE(journal);
  std::map<std::string, int> reasons;
  for (const auto& e : journal->entries) {
    if (e.action == "auth.login.failed") {
      ++reasons[nlohmann::json::parse(e.body).value("reason", "")];
    }
  }
  EXPECT_EQ(reasons["password"], 11);
  EXPECT_EQ(reasons["delayed"], 8);
}

// An administrator's lock is a hold on everything the account can do: no login, its sessions
// end, its API tokens are refused; unlocking gives back the tokens (sessions stay ended).
TEST_F(AuthTest, AnAdministratorsLockStopsSessionsAndTokens) {
  Actor op{"op"};
  Actor me{"p-tanaka", core::Principal{"p-tanaka", {core::Role::kMember}, false}};
  auto session = app_->accounts().LogIn("p-tanaka", kPassword, "127.0.0.1");
  ASSERT_TRUE(session);
  auto token = app_->accounts().CreateToken(me, "", "monitoring", TokenScope::kRead, 30);
  ASSERT_TRUE(token);
  ASSERT_TRUE(app_->accounts().AuthenticateToken(token->secret));

  auto locked = app_->accounts().Update("p-tanaka", std::nullopt, true, std::nullopt, op);
  ASSERT_TRUE(locked) << locked.error().ToString();
  EXPECT_TRUE(locked->locked);
  EXPECT_FALSE(app_->accounts().AuthenticateSession(session->session_token));
  auto refused = app_->accounts().AuthenticateToken(token->secret);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kUnauthorized);
  EXPECT_FALSE(app_->accounts().LogIn("p-tanaka", kPassword, "127.0.0.1"));

  ASSERT_TRUE(app_->accounts().Update("p-tanaka", std::nullopt, false, std::nullopt, op));
  EXPECT_TRUE(app_->accounts().AuthenticateToken(token->secret));
  EXPECT_FALSE(app_->accounts().AuthenticateSession(session->session_token));
  EXPECT_TRUE(app_->accounts().LogIn("p-tanaka", kPassword, "127.0.0.1"));

  // Disabling stops the same things.
  auto again = app_->accounts().LogIn("p-tanaka", kPassword, "127.0.0.1");
  ASSERT_TRUE(app_->accounts().Update("p-tanaka", true, std::nullopt, std::nullopt, op));
  EXPECT_FALSE(app_->accounts().AuthenticateSession(again->session_token));
  EXPECT_FALSE(app_->accounts().AuthenticateToken(token->secret));
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

// A password hash takes tens of milliseconds (and one of a few turns, platform/sodium.h): none is
// computed while the store's one writer waits on it, whatever the path.
TEST_F(AuthTest, NoPasswordIsHashedWhileTheWriterWaits) {
  struct WatchedStore final : store::ForwardingStore {
    using ForwardingStore::ForwardingStore;
    Result<void> Write(const std::function<Result<void>(store::Tx&)>& work) override {
      writing = true;
      Result<void> done = ForwardingStore::Write(work);
      writing = false;
      return done;
    }
    bool writing = false;
  } watched(*store_);
  struct WatchedHasher final : PasswordHasher {
    WatchedHasher(PasswordHasher& h, const WatchedStore& s) : real(h), store(s) {}
    Result<std::string> Hash(std::string_view password) override {
      EXPECT_FALSE(store.writing) << "hashed inside a write";
      ++calls;
      return real.Hash(password);
    }
    bool Verify(std::string_view hash, std::string_view password) override {
      EXPECT_FALSE(store.writing) << "verified inside a write";
      ++calls;
      return real.Verify(hash, password);
    }
    PasswordHasher& real;
    const WatchedStore& store;
    int calls = 0;
  } hasher(hasher_, watched);
  App app(watched, clock_, nullptr, &hasher, &random_);
  ASSERT_TRUE(app.accounts().Add("p-sato", {}, kPassword, {"op"}));
  ASSERT_TRUE(app.accounts().LogIn("p-sato", kPassword, "127.0.0.1"));
  EXPECT_FALSE(app.accounts().LogIn("p-sato", "not the password", "127.0.0.1"));
  Actor sato{"p-sato", {.person = "p-sato", .roles = {core::Role::kMember}}};
  EXPECT_FALSE(app.accounts().ChangePassword(sato, "not the password", "a brand new password"));
  EXPECT_FALSE(app.accounts().ChangePassword(sato, kPassword, kPassword));
  ASSERT_TRUE(app.accounts().ChangePassword(sato, kPassword, "a brand new password"));
  ASSERT_TRUE(app.accounts().ResetPassword("p-sato", "", {"op"}));
  EXPECT_GE(hasher.calls, 8);
}

// Logins that check a password at the same time are bounded: one more is refused at once with
// auth.busy (503), not queued behind the others, and is let in again once one is done.
TEST_F(AuthTest, TooManyLoginsAtOnceAreRefusedAtOnce) {
  struct HeldHasher final : PasswordHasher {
    explicit HeldHasher(PasswordHasher& h) : real(h) {}
    Result<std::string> Hash(std::string_view password) override { return real.Hash(password); }
    bool Verify(std::string_view hash, std::string_view password) override {
      std::unique_lock lock(mu);
      ++waiting;
      changed.notify_all();
      // Bounded, so that a login that should have been refused fails the test, not hangs it.
      if (!changed.wait_for(lock, std::chrono::seconds(10), [&] { return released; })) {
        ADD_FAILURE() << "a login waited for a password check it should not have begun";
      }
      return real.Verify(hash, password);
    }
    PasswordHasher& real;
    std::mutex mu;
    std::condition_variable changed;
    int waiting = 0;
    bool released = false;
  } hasher(hasher_);
  App app(*store_, clock_, nullptr, &hasher, &random_, {.logins_at_once = 1});
  auto first = std::async(std::launch::async,
                          [&] { return app.accounts().LogIn("p-tanaka", kPassword, "10.0.0.1"); });
  {
    std::unique_lock lock(hasher.mu);
    hasher.changed.wait(lock, [&] { return hasher.waiting == 1; });
  }
  auto second = app.accounts().LogIn("p-tanaka", kPassword, "10.0.0.2");
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(second.error().msg.code, "auth.busy");
  {
    std::lock_guard lock(hasher.mu);
    hasher.released = true;
  }
  hasher.changed.notify_all();
  auto done = first.get();
  EXPECT_TRUE(done) << done.error().ToString();
  EXPECT_TRUE(app.accounts().LogIn("p-tanaka", kPassword, "10.0.0.2")) << "free again";
  EXPECT_EQ(hasher.waiting, 2) << "the refused login checked no password";
  // A login that fails gives its place back too.
  EXPECT_EQ(app.accounts().LogIn("p-tanaka", "not the password", "10.0.0.3").error().msg.code,
            "auth.bad_login");
  EXPECT_TRUE(app.accounts().LogIn("p-tanaka", kPassword, "10.0.0.3"));
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

// A store that takes no writes while `read_only` (a PostgreSQL standby not yet promoted
// refuses them so): reads go to the real store.
class StandbyStore final : public store::ForwardingStore {
 public:
  using ForwardingStore::ForwardingStore;
  Result<void> Write(const std::function<Result<void>(store::Tx&)>& work) override {
    if (read_only) return Fail(ErrorCode::kUnavailable, Msg("store.read_only"));
    return ForwardingStore::Write(work);
  }
  Result<bool> ReadOnly() override { return read_only; }
  // Runs `between` (once) after a read of the sessions that found none, before it is answered.
  Result<store::Table> ReadWhere(const std::string& table, const std::string& column,
                                 const store::Row& value) override {
    Result<store::Table> rows = ForwardingStore::ReadWhere(table, column, value);
    if (table == "sessions" && rows && rows->empty() && between) std::exchange(between, {})();
    return rows;
  }

  bool read_only = true;
  std::function<void()> between;
};

// G5.1.4: at a standby not yet promoted, a person logs in and reads; the session is held in the
// server's memory, nothing is written, and a wrong password is refused as anywhere. Once the
// store takes writes, the session moves into it (every server then knows it) and the login is
// journaled as of when it happened; a session logged out before that is neither.
TEST_F(AuthTest, LoginsAtAStandbyWorkAndAreJournaledOnceItIsPromoted) {
  StandbyStore standby(*store_);
  App backup(standby, clock_, nullptr, &hasher_, &random_);
  int64_t head = store_->Head()->seq;
  Timestamp at = clock_.Now();
  auto login = backup.accounts().LogIn("p-tanaka", kPassword, "10.0.0.9");
  ASSERT_TRUE(login) << login.error().ToString();
  auto caller = backup.accounts().AuthenticateSession(login->session_token);
  ASSERT_TRUE(caller) << caller.error().ToString();
  EXPECT_EQ(caller->principal.person, "p-tanaka");
  EXPECT_FALSE(app_->accounts().AuthenticateSession(login->session_token)) << "another server";
  auto wrong = backup.accounts().LogIn("p-tanaka", "not the password", "10.0.0.9");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().msg.code, "auth.bad_login");
  auto ended = backup.accounts().LogIn("p-tanaka", kPassword, "10.0.0.9");
  ASSERT_TRUE(ended);
  ASSERT_TRUE(backup.accounts().LogOut(ended->session_token));
  EXPECT_FALSE(backup.accounts().AuthenticateSession(ended->session_token));
  auto settled = backup.accounts().SettleStandbySessions();
  ASSERT_TRUE(settled);
  EXPECT_EQ(*settled, 0u);
  EXPECT_EQ(store_->Head()->seq, head) << "a standby writes nothing";

  clock_.Advance(std::chrono::minutes(5));
  standby.read_only = false;  // promoted
  settled = backup.accounts().SettleStandbySessions();
  ASSERT_TRUE(settled) << settled.error().ToString();
  EXPECT_EQ(*settled, 1u);
  EXPECT_TRUE(app_->accounts().AuthenticateSession(login->session_token)) << "now in the store";
  EXPECT_TRUE(backup.accounts().AuthenticateSession(login->session_token));
  EXPECT_FALSE(app_->accounts().AuthenticateSession(ended->session_token));
  auto entries = store_->ReadJournal({.after_seq = head});
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].action, "auth.login");
  EXPECT_EQ((*entries)[0].at, FormatRfc3339(at));
  EXPECT_THAT((*entries)[0].body, HasSubstr("\"at_standby\":true"));
  EXPECT_EQ(*backup.accounts().SettleStandbySessions(), 0u);
  // Idle limits hold for a session held in memory as well.
  standby.read_only = true;
  auto idle = backup.accounts().LogIn("p-tanaka", kPassword, "10.0.0.9");
  ASSERT_TRUE(idle);
  clock_.Advance(std::chrono::hours(2) + std::chrono::seconds(1));
  EXPECT_FALSE(backup.accounts().AuthenticateSession(idle->session_token));
  // A session in the store is used at a standby without the touch it cannot write, and ends
  // as a session does, not with the store's refusal.
  standby.read_only = false;
  auto stored = backup.accounts().LogIn("p-tanaka", kPassword, "10.0.0.9");
  ASSERT_TRUE(stored);
  standby.read_only = true;
  clock_.Advance(std::chrono::minutes(5));
  auto used = backup.accounts().AuthenticateSession(stored->session_token);
  EXPECT_TRUE(used) << used.error().ToString();
  clock_.Advance(std::chrono::hours(13));
  auto over = backup.accounts().AuthenticateSession(stored->session_token);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().msg.code, "auth.session_ended");
}

// A standby cannot write failed logins, but it counts them in memory: guessing a password there
// meets the same growing delay as in the store, and the right password, once the delay is
// over, ends it.
TEST_F(AuthTest, AtAStandbyFailedLoginsStillDelayTheAccount) {
  StandbyStore standby(*store_);
  App backup(standby, clock_, nullptr, &hasher_, &random_);
  int64_t head = store_->Head()->seq;
  // From as many addresses, so that no address is throttled first.
  for (int i = 0; i < AuthOptions{}.failures_before_delay; ++i) {
    auto wrong =
        backup.accounts().LogIn("p-tanaka", "not the password", "10.0.1." + std::to_string(i));
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().msg.code, "auth.bad_login");
  }
  auto refused = backup.accounts().LogIn("p-tanaka", kPassword, "10.0.2.1");
  ASSERT_FALSE(refused) << "delayed, as the store would have delayed it";
  EXPECT_EQ(refused.error().msg.code, "auth.bad_login");
  clock_.Advance(AuthOptions{}.first_delay + std::chrono::seconds(1));
  auto after = backup.accounts().LogIn("p-tanaka", kPassword, "10.0.2.1");
  ASSERT_TRUE(after) << after.error().ToString();
  auto again = backup.accounts().LogIn("p-tanaka", kPassword, "10.0.2.2");
  EXPECT_TRUE(again) << "a login that succeeded ends the count";
  EXPECT_EQ(store_->Head()->seq, head) << "a standby writes nothing";
}

// A standby holds its sessions in memory, so it bounds them per account: one person logging in
// again and again ends their own session idle longest, and never keeps another person out; a
// standby full of live sessions refuses a login, and takes one again once some have ended.
TEST_F(AuthTest, AtAStandbyOnePersonsLoginsCannotCrowdOutAnothers) {
  ASSERT_TRUE(app_->accounts().Add("p-suzuki", {}, kPassword, {"op"}));
  ASSERT_TRUE(app_->accounts().Add("p-sato", {}, kPassword, {"op"}));
  StandbyStore standby(*store_);
  App backup(standby, clock_, nullptr, &hasher_, &random_,
             {.standby_sessions_each = 3, .standby_sessions = 5});
  std::vector<std::string> sessions;
  for (int i = 0; i < 5; ++i) {
    auto login = backup.accounts().LogIn("p-tanaka", kPassword, "10.0.0.9");
    ASSERT_TRUE(login) << i << ": " << login.error().ToString();
    sessions.push_back(login->session_token);
    clock_.Advance(std::chrono::seconds(1));
  }
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(static_cast<bool>(backup.accounts().AuthenticateSession(sessions[i], false)), i >= 2)
        << "login " << i << ": the three newest are kept";
  }
  auto suzuki = backup.accounts().LogIn("p-suzuki", kPassword, "10.0.0.10");
  ASSERT_TRUE(suzuki) << suzuki.error().ToString();
  ASSERT_TRUE(backup.accounts().LogIn("p-suzuki", kPassword, "10.0.0.10"));
  auto full = backup.accounts().LogIn("p-sato", kPassword, "10.0.0.11");
  ASSERT_FALSE(full) << "five live sessions held";
  EXPECT_EQ(full.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(full.error().msg.code, "auth.standby_full");
  clock_.Advance(AuthOptions{}.idle + std::chrono::seconds(1));
  EXPECT_TRUE(backup.accounts().LogIn("p-sato", kPassword, "10.0.0.11")) << "the idle ones let go";
}

// At the moment of promotion a session moves from the standby's memory to the store: a look
// that missed it in the store just before it moved, and then misses it in memory, finds it in
// the store on a second look rather than refusing it.
TEST_F(AuthTest, ASessionIsNeverLostWhileItMovesIntoTheStore) {
  StandbyStore standby(*store_);
  App backup(standby, clock_, nullptr, &hasher_, &random_);
  auto login = backup.accounts().LogIn("p-tanaka", kPassword, "10.0.0.9");
  ASSERT_TRUE(login);
  standby.read_only = false;
  Result<size_t> settled = 0u;
  standby.between = [&] { settled = backup.accounts().SettleStandbySessions(); };
  auto caller = backup.accounts().AuthenticateSession(login->session_token, false);
  EXPECT_FALSE(standby.between) << "the session moved between the look and its answer";
  ASSERT_TRUE(settled) << settled.error().ToString();
  EXPECT_EQ(*settled, 1u);
  ASSERT_TRUE(caller) << caller.error().ToString();
  EXPECT_EQ(caller->principal.person, "p-tanaka");
}

}  // namespace
}  // namespace sokuo::app
