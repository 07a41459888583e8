// The account area: accounts of the organization's people, logins and sessions, API tokens.
// The operator's CLI and administrators manage accounts; everyone manages their own password
// and tokens. The model is in auth.h and docs/security.md.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/auth.h"
#include "app/context.h"

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
  [[nodiscard]] Result<AccountView> Update(const std::string& person, std::optional<bool> disabled,
                                           bool unlock,
                                           std::optional<std::vector<core::Role>> granted,
                                           const Actor& actor);
  [[nodiscard]] Result<std::vector<AccountView>> List(const Actor& actor);
  [[nodiscard]] Result<AccountView> Get(const std::string& person);
  [[nodiscard]] Result<Login> LogIn(const std::string& login, const std::string& password,
                                    const std::string& address);
  [[nodiscard]] Result<void> LogOut(const std::string& session_token);
  [[nodiscard]] Result<Caller> AuthenticateSession(const std::string& session_token);
  [[nodiscard]] Result<Caller> AuthenticateToken(const std::string& token);
  [[nodiscard]] Result<NewToken> CreateToken(const Actor& actor, const std::string& person,
                                             const std::string& name, TokenScope scope, int days);
  [[nodiscard]] Result<std::vector<TokenView>> Tokens(const Actor& actor);
  [[nodiscard]] Result<void> RevokeToken(const Actor& actor, const std::string& id);

 private:
  Result<Caller> CallerFor(const std::string& person, const Caller& base);
  Result<void> RecordFailure(const std::string& login, const std::string& address,
                             const std::string& why);
  Result<std::string> NewPasswordHash(const std::string& password, std::string& generated);

  Context& ctx_;
  // Failed logins per address: kept in memory, since an attacker's address is not worth a
  // journal entry per guess beyond the ones already written.
  std::mutex failures_mu_;
  std::map<std::string, std::pair<Timestamp, int>> address_failures_;  // guarded by failures_mu_
};

}  // namespace sokuo::app
