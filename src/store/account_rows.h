// Accounts, their credentials, sessions and API tokens ⇄ rows (see app/auth.h for the design).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace sokuo::store {

struct AccountRow {
  std::string id;  // the person id
  std::vector<std::string> granted;
  bool disabled = false;
  bool must_change = false;
  std::string credential;  // SHA-256 of the password hash
  int failed_logins = 0;
  bool locked = false;
  int64_t epoch = 0;
  std::string created_at;
};

struct SessionRow {
  std::string id;  // SHA-256 of the session token
  std::string account;
  std::string csrf;  // SHA-256 of the CSRF token
  std::string created_at;
  std::string last_seen;
  int64_t epoch = 0;
};

struct TokenRow {
  std::string id;
  std::string account;
  std::string name;
  std::string scope;
  std::string secret;  // SHA-256 of the token
  std::string created_at;
  std::string expires_at;
  std::string revoked_at;
};

template <class Source>
Result<std::optional<AccountRow>> LoadAccount(Source& source, const std::string& id);
template <class Source>
[[nodiscard]] Result<std::vector<AccountRow>> LoadAccounts(Source& source);
// The accounts of `ids` that exist, by id, read at once.
[[nodiscard]] Result<std::map<std::string, AccountRow>> LoadAccountsOf(
    Tx& tx, const std::vector<std::string>& ids);
[[nodiscard]] Result<void> SaveAccount(Tx& tx, const AccountRow& a);

template <class Source>
Result<std::string> LoadCredential(Source& source, const std::string& id);
[[nodiscard]] Result<void> SaveCredential(Tx& tx, const std::string& id, const std::string& hash);

[[nodiscard]] Result<std::optional<SessionRow>> LoadSession(Store& store, const std::string& id);
[[nodiscard]] Result<void> SaveSession(Tx& tx, const SessionRow& s);
[[nodiscard]] Result<void> RemoveSession(Tx& tx, const std::string& id);
[[nodiscard]] Result<void> RemoveSessionsOf(Tx& tx, const std::string& account);

// When failed logins delay the account's next login attempt: RFC 3339, or empty.
template <class Source>
Result<std::string> LoadLoginDelay(Source& source, const std::string& id);
[[nodiscard]] Result<void> SaveLoginDelay(Tx& tx, const std::string& id, const std::string& until);
[[nodiscard]] Result<void> RemoveLoginDelay(Tx& tx, const std::string& id);

// The language the person chose for the web interface: "ja", "en", or empty (not chosen).
template <class Source>
Result<std::string> LoadLanguage(Source& source, const std::string& id);
// The languages chosen by those of `ids` who chose one, by id, read at once.
[[nodiscard]] Result<std::map<std::string, std::string>> LoadLanguagesOf(
    Tx& tx, const std::vector<std::string>& ids);
[[nodiscard]] Result<void> SaveLanguage(Tx& tx, const std::string& id, const std::string& lang);

template <class Source>
Result<std::optional<TokenRow>> LoadToken(Source& source, const std::string& id);
[[nodiscard]] Result<std::vector<TokenRow>> LoadTokensOf(Store& store, const std::string& account);
[[nodiscard]] Result<void> SaveToken(Tx& tx, const TokenRow& t);

}  // namespace sokuo::store
