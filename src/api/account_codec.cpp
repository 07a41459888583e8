#include "api/account_codec.h"

#include "codec/json_reader.h"

namespace sokuo::api {

using codec::JsonReader;
using codec::ReadAll;

Result<Credentials> CredentialsFromJson(const Json& j) {
  return ReadAll<Credentials>(j, [](JsonReader& r, Credentials& x) {
    if (!r.Object({"login", "password"})) return;
    r.Text("login", x.login, true);
    r.Text("password", x.password, true);
  });
}

Result<PasswordChange> PasswordChangeFromJson(const Json& j) {
  return ReadAll<PasswordChange>(j, [](JsonReader& r, PasswordChange& x) {
    if (!r.Object({"old_password", "new_password"})) return;
    r.Text("old_password", x.old_password, true);
    r.Text("new_password", x.new_password, true);
  });
}

Result<LanguageChoice> LanguageChoiceFromJson(const Json& j) {
  return ReadAll<LanguageChoice>(j, [](JsonReader& r, LanguageChoice& x) {
    if (!r.Object({"lang"})) return;
    r.Text("lang", x.lang, true);
  });
}

Result<DeliveryRef> DeliveryRefFromJson(const Json& j) {
  return ReadAll<DeliveryRef>(j, [](JsonReader& r, DeliveryRef& x) {
    if (!r.Object({"id"})) return;
    r.Text("id", x.id, true);
  });
}

Result<TokenRequest> TokenRequestFromJson(const Json& j) {
  return ReadAll<TokenRequest>(j, [](JsonReader& r, TokenRequest& x) {
    if (!r.Object({"name", "scope", "days"})) return;
    r.Text("name", x.name, true);
    r.Enum("scope", app::kTokenScopes, x.scope, true);
    r.Int("days", x.days);
  });
}

Result<NewUser> NewUserFromJson(const Json& j) {
  return ReadAll<NewUser>(j, [](JsonReader& r, NewUser& x) {
    if (!r.Object({"person", "roles", "password"})) return;
    r.Text("person", x.person, true);
    r.Enums("roles", core::kRoles, x.roles);
    r.Text("password", x.password);
  });
}

Result<AccountChange> AccountChangeFromJson(const Json& j) {
  return ReadAll<AccountChange>(j, [](JsonReader& r, AccountChange& x) {
    if (!r.Object({"disabled", "lock", "unlock", "roles"})) return;
    if (r.Has("disabled")) {
      bool d = false;
      r.Bool("disabled", d);
      x.disabled = d;
    }
    bool lock = false, unlock = false;
    r.Bool("lock", lock);
    r.Bool("unlock", unlock);
    if (lock && unlock) {
      r.Problem("unlock", Msg("account.lock_and_unlock"));
    } else if (lock) {
      x.locked = true;
    } else if (unlock) {
      x.locked = false;
    }
    if (r.Has("roles")) {
      std::vector<core::Role> roles;
      r.Enums("roles", core::kRoles, roles);
      x.roles = roles;
    }
  });
}

Json ToJson(const app::Login& login) {
  return Json{{"account", ToJson(login.account)},
              {"csrf_token", login.csrf_token},
              {"expires_at", login.expires_at}};
}

Json ToJson(const app::NewToken& token) {
  Json j = ToJson(token.token);
  j["token"] = token.secret;
  return j;
}

}  // namespace sokuo::api
