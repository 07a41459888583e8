// The account API's request bodies (strict, like every decoder: unknown keys, wrong types and
// bad enum names are refused with JSON pointers) and the responses that are more than one view.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/codec.h"

namespace sokuo::api {

struct Credentials {
  std::string login, password;
};
struct PasswordChange {
  std::string old_password, new_password;
};
// A message delivery named in a request (acknowledge, retry).
struct DeliveryRef {
  std::string id;
};
struct LanguageChoice {
  std::string lang;  // "ja" or "en": the account service decides
};
struct TokenRequest {
  std::string name;
  app::TokenScope scope = app::TokenScope::kRead;
  int days = 90;
};
struct NewUser {
  std::string person, password;
  std::vector<core::Role> roles;
};
struct AccountChange {
  std::optional<bool> disabled;
  std::optional<bool> locked;  // {"lock": true} or {"unlock": true}
  std::optional<std::vector<core::Role>> roles;
};

[[nodiscard]] Result<Credentials> CredentialsFromJson(const Json& j);
[[nodiscard]] Result<PasswordChange> PasswordChangeFromJson(const Json& j);
[[nodiscard]] Result<LanguageChoice> LanguageChoiceFromJson(const Json& j);
[[nodiscard]] Result<DeliveryRef> DeliveryRefFromJson(const Json& j);
[[nodiscard]] Result<TokenRequest> TokenRequestFromJson(const Json& j);
[[nodiscard]] Result<NewUser> NewUserFromJson(const Json& j);
[[nodiscard]] Result<AccountChange> AccountChangeFromJson(const Json& j);

Json ToJson(const app::Login& login);     // the account, the CSRF token and the expiry
Json ToJson(const app::NewToken& token);  // the token's view and its secret, shown once

}  // namespace sokuo::api
