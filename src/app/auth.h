// Accounts, sessions, API tokens and the permissions routes declare. Design note:
//
// An account belongs to a person of the organization (its id is the person id). Its roles are
// derived from the organization at every request (core/access.h), plus the ones an
// administrator grants (administrator, auditor), so a change in the org file takes effect at
// once. Passwords are Argon2id hashes in the private `credentials` table; the journaled
// `accounts` row keeps only the SHA-256 of the hash, so every password change is journaled and a
// hash edited outside sokuo is refused at login. Session and API tokens are random; only their
// SHA-256 is stored. Changing a password, disabling or locking the account bumps its epoch,
// which ends every session; a disabled or locked account's API tokens are refused.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/access.h"

namespace sokuo::app {

struct AuthOptions {
  std::chrono::seconds idle{std::chrono::hours(2)};       // a session unused this long ends
  std::chrono::seconds absolute{std::chrono::hours(12)};  // and none lives longer than this
  // Failed logins never lock an account (a stranger could lock anyone out): after
  // `failures_before_delay` consecutive failures, the next attempt is refused unchecked until a
  // delay has passed; it starts at `first_delay`, doubles with every further failure, stops
  // growing at `max_delay` and lifts by itself. Only an administrator locks an account.
  int failures_before_delay = 5;
  std::chrono::seconds first_delay{std::chrono::minutes(1)};
  std::chrono::seconds max_delay{std::chrono::minutes(15)};
  int max_address_failures = 20;  // failures from one address within the window
  // Logins under way at the same time (checking a password, recording the outcome); one more
  // is refused at once (503, auth.busy), so that a flood of guesses from many addresses holds
  // a few handler threads and leaves the others to everyone else.
  size_t logins_at_once = 8;
  std::chrono::seconds address_window{std::chrono::minutes(15)};
  size_t min_password_length = 12;
  int max_token_days = 366;
  // At a standby, sessions are held in memory (AccountService::LogIn): an account keeps its
  // `standby_sessions_each` most recently used, and the server at most `standby_sessions`.
  size_t standby_sessions_each = 16;
  size_t standby_sessions = 10'000;
};

enum class TokenScope { kRead, kWrite, kIngest };
inline constexpr auto kTokenScopes = core::MakeEnumNames<TokenScope>(
    std::pair{TokenScope::kRead, "read"}, std::pair{TokenScope::kWrite, "write"},
    std::pair{TokenScope::kIngest, "ingest"});

struct AccountView {
  std::string person;
  std::set<core::Role> roles;  // granted and derived
  std::vector<core::Role> granted;
  bool disabled = false;
  bool locked = false;  // by an administrator: no login, no session, no API token
  bool must_change = false;
  int failed_logins = 0;      // consecutive
  std::string delayed_until;  // RFC 3339, while failed logins delay the next attempt
  std::string created_at;
  std::string lang;  // the web interface's language the person chose: "ja", "en" or empty
};

struct Login {
  std::string session_token;  // goes into the HttpOnly cookie; never stored
  std::string csrf_token;     // echoed in X-CSRF-Token on every state-changing request
  AccountView account;
  std::string expires_at;  // the absolute expiry
};

// The caller of one HTTP request, once authenticated.
struct Caller {
  core::Principal principal;
  bool by_session = false;  // cookie session (needs CSRF) or API token
  std::string csrf_hash;    // for sessions
  bool must_change_password = false;
  std::optional<TokenScope> scope;  // for API tokens
};

struct TokenView {
  std::string id;
  std::string account;
  std::string name;
  TokenScope scope = TokenScope::kRead;
  std::string created_at;
  std::string expires_at;
  std::string revoked_at;
};

struct NewToken {
  TokenView token;
  std::string secret;  // the whole token, shown once: "sokuo_<id>_<secret>"
};

}  // namespace sokuo::app
