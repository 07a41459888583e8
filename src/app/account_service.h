// The account area: accounts of the organization's people, logins and sessions, API tokens.
// The operator's CLI and administrators manage accounts; everyone manages their own password
// and tokens. The model is in auth.h and docs/security.md.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/auth.h"
#include "app/context.h"
#include "store/account_rows.h"

namespace sokuo::app {

class AccountService {
 public:
  explicit AccountService(Context& ctx) : ctx_(ctx) {}

  // Returns the one-time password when `password` is empty.
  [[nodiscard]] Result<std::string> Add(const std::string& person,
                                        const std::vector<core::Role>& granted,
                                        const std::string& password, const Actor& actor);
  [[nodiscard]] Result<std::string> ResetPassword(const std::string& person,
                                                  const std::string& password, const Actor& actor);
  [[nodiscard]] Result<void> ChangePassword(const Actor& actor, const std::string& old_password,
                                            const std::string& new_password);
  // `locked`: true locks the account (an administrator's hold: no login, every session ends,
  // its API tokens are refused); false unlocks it and lifts any login delay.
  [[nodiscard]] Result<AccountView> Update(const std::string& person, std::optional<bool> disabled,
                                           std::optional<bool> locked,
                                           std::optional<std::vector<core::Role>> granted,
                                           const Actor& actor);
  [[nodiscard]] Result<std::vector<AccountView>> List(const Actor& actor);
  [[nodiscard]] Result<AccountView> Get(const std::string& person);
  // The language of the web interface the caller chose ("ja" or "en"), kept with their account.
  [[nodiscard]] Result<AccountView> SetLanguage(const Actor& actor, const std::string& lang);
  // Unknown, disabled, locked and delayed logins, an altered hash and a wrong password get the
  // same answer after the same work (one hash verification), so an answer tells nothing about
  // the account. Only an address's own failures get it refused as such (kUnavailable).
  [[nodiscard]] Result<Login> LogIn(const std::string& login, const std::string& password,
                                    const std::string& address);
  [[nodiscard]] Result<void> LogOut(const std::string& session_token);
  // G5.1.4: sessions begun while the store took no writes (a standby not yet promoted) are held
  // in this server's memory; the first call after the store takes writes again moves them into
  // it and journals each login as of when it happened. Returns how many it moved (0 while the
  // store is still read-only). `sokuo serve` calls it every second.
  [[nodiscard]] Result<size_t> SettleStandbySessions();
  // A request made by the person touches the session (once a minute), which keeps it from
  // idling out; a check made on their behalf (an open event stream) passes `activity` false.
  [[nodiscard]] Result<Caller> AuthenticateSession(const std::string& session_token,
                                                   bool activity = true);
  [[nodiscard]] Result<Caller> AuthenticateToken(const std::string& token);
  // The caller of `token` as AuthenticateToken found it at the journal head `head`, if it did
  // and the token has not expired since: no store read, for a caller that must not wait.
  std::optional<Caller> KnownTokenCaller(const std::string& token, const std::string& head);
  [[nodiscard]] Result<NewToken> CreateToken(const Actor& actor, const std::string& person,
                                             const std::string& name, TokenScope scope, int days);
  [[nodiscard]] Result<std::vector<TokenView>> Tokens(const Actor& actor);
  [[nodiscard]] Result<void> RevokeToken(const Actor& actor, const std::string& id);

 private:
  Result<Caller> CallerFor(const std::string& person, const Caller& base);
  // Whether `session` is past its idle or absolute limit at `now`.
  bool SessionOver(const store::SessionRow& session, Timestamp now) const;
  // Whether `session` may still be used at `now`: within the idle and absolute limits, and
  // its account neither gone nor logged out everywhere since (the epoch).
  Result<bool> SessionLive(const store::SessionRow& session, Timestamp now);
  // AuthenticateSession for a session begun at a standby (held in memory).
  // With standby_mu_ held and `id` in standby_.
  Result<Caller> AuthenticateStandbySession(const std::string& id, bool activity);
  // `counts`: a checked password that was wrong, which adds to the account's failures (and
  // may delay its next attempt); refusals before the check only go into the journal.
  Result<void> RecordFailure(const std::string& login, const std::string& address,
                             const std::string& why, bool counts);
  // A hash of a random password, made once: unknown logins are verified against it so that they
  // cost what a known one costs. Empty when hashing failed.
  std::string DummyHash();
  Result<AccountView> View(const store::AccountRow& a, const core::Organization& org);
  Result<std::string> NewPasswordHash(const std::string& password, std::string& generated);

  Context& ctx_;
  std::atomic<size_t> logging_in_{0};  // LogIn calls under way (AuthOptions::logins_at_once)
  // Failed logins per address: kept in memory, since an attacker's address is not worth a
  // journal entry per guess beyond the ones already written.
  std::mutex failures_mu_;
  std::map<std::string, std::pair<Timestamp, int>> address_failures_;  // guarded by failures_mu_
  // Failed logins counted at a standby, which cannot write them: by account, the count (from
  // the stored one) and until when its logins wait. Guarded by failures_mu_.
  std::map<std::string, std::pair<int, Timestamp>> standby_delays_;
  std::mutex dummy_mu_;
  std::string dummy_hash_;  // guarded by dummy_mu_
  // Callers of API tokens already checked, by the token's SHA-256. Tokens, accounts and the
  // organization change only by journaled writes, so an answer holds while the journal head is
  // the one it was made at (and the token has not expired since).
  struct KnownToken {
    std::string head;
    Timestamp expires;
    Caller caller;
  };
  std::mutex tokens_mu_;
  std::map<std::string, KnownToken> known_tokens_;  // guarded by tokens_mu_
  // Sessions begun at a standby (SettleStandbySessions), by session id, with the address of
  // their login.
  struct StandbySession {
    store::SessionRow row;
    std::string address;
    Timestamp at;  // of the login
  };
  std::mutex standby_mu_;
  std::map<std::string, StandbySession> standby_;  // guarded by standby_mu_
};

}  // namespace sokuo::app
