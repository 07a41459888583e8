// The account area: login sessions, the caller's password and API tokens, accounts.
#include "api/account_codec.h"
#include "http/params.h"

namespace sokuo::http {

namespace {

std::vector<Route> SessionRoutes([[maybe_unused]] const RouteOptions& options) {
  return {
      {"POST",
       "/api/v1/session",
       app::Permission::kPublic,
       {},
       [secure = options.secure](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(Json body, Body(req));
         ASSIGN_OR_RETURN(api::Credentials c, api::CredentialsFromJson(body));
         ASSIGN_OR_RETURN(app::Login login,
                          app.accounts().LogIn(c.login, c.password, req.remote_address));
         req.secret = true;
         std::string attributes =
             "; Path=/; SameSite=Strict" + std::string(secure ? "; Secure" : "");
         req.response_headers.emplace_back(
             "Set-Cookie",
             std::string(kSessionCookie) + "=" + login.session_token + attributes + "; HttpOnly");
         req.response_headers.emplace_back(
             "Set-Cookie", std::string(kCsrfCookie) + "=" + login.csrf_token + attributes);
         return api::ToJson(login);
       },
       201},
      {"PUT",
       "/api/v1/session/language",
       app::Permission::kOwnAccount,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(Json body, Body(req));
         ASSIGN_OR_RETURN(api::LanguageChoice c, api::LanguageChoiceFromJson(body));
         return AsJson(app.accounts().SetLanguage(req.actor, c.lang), req.lang);
       }},
      {"GET",
       "/api/v1/session",
       app::Permission::kOwnAccount,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         return AsJson(app.accounts().Get(req.actor.principal.person), req.lang);
       }},
      {"DELETE",
       "/api/v1/session",
       app::Permission::kOwnAccount,
       {},
       [secure = options.secure](app::App& app, const Request& req) -> Result<Json> {
         TRY(app.accounts().LogOut(req.session_token));
         std::string expired =
             "=; Path=/; SameSite=Strict; Max-Age=0" + std::string(secure ? "; Secure" : "");
         req.response_headers.emplace_back("Set-Cookie",
                                           std::string(kSessionCookie) + expired + "; HttpOnly");
         req.response_headers.emplace_back("Set-Cookie", std::string(kCsrfCookie) + expired);
         return Json{{"logged_out", true}};
       }},
      {"PUT",
       "/api/v1/session/password",
       app::Permission::kOwnAccount,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(Json body, Body(req));
         ASSIGN_OR_RETURN(api::PasswordChange c, api::PasswordChangeFromJson(body));
         TRY(app.accounts().ChangePassword(req.actor, c.old_password, c.new_password));
         return Json{{"changed", true}, {"note", "every session has ended: log in again"}};
       }},
      {"GET",
       "/api/v1/tokens",
       app::Permission::kOwnAccount,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto tokens, app.accounts().Tokens(req.actor));
         Json items = Json::array();
         for (const auto& t : tokens) items.push_back(api::ToJson(t));
         return Json{{"items", items}};
       }},
      {"POST",
       "/api/v1/tokens",
       app::Permission::kOwnAccount,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(Json body, Body(req));
         ASSIGN_OR_RETURN(api::TokenRequest w, api::TokenRequestFromJson(body));
         req.secret = true;
         return AsJson(app.accounts().CreateToken(req.actor, "", w.name, w.scope, w.days),
                       req.lang);
       },
       201},
  };
}

std::vector<Route> TokenAndUserRoutes([[maybe_unused]] const RouteOptions& options) {
  return {
      {"DELETE",
       "/api/v1/tokens/{id}",
       app::Permission::kOwnAccount,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         TRY(app.accounts().RevokeToken(req.actor, req.path.at("id")));
         return Json{{"revoked", req.path.at("id")}};
       }},
      {"GET",
       "/api/v1/users",
       app::Permission::kAdminister,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto accounts, app.accounts().List(req.actor));
         Json items = Json::array();
         for (const auto& a : accounts) items.push_back(api::ToJson(a));
         return Json{{"items", items}};
       }},
      {"POST",
       "/api/v1/users",
       app::Permission::kAdminister,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(Json body, Body(req));
         ASSIGN_OR_RETURN(api::NewUser u, api::NewUserFromJson(body));
         ASSIGN_OR_RETURN(std::string one_time,
                          app.accounts().Add(u.person, u.roles, u.password, req.actor));
         req.secret = true;
         ASSIGN_OR_RETURN(app::AccountView a, app.accounts().Get(u.person));
         Json j = api::ToJson(a);
         if (!one_time.empty()) j["one_time_password"] = one_time;
         return j;
       },
       201},
      {"PATCH",
       "/api/v1/users/{person}",
       app::Permission::kAdminister,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(Json body, Body(req));
         ASSIGN_OR_RETURN(api::AccountChange c, api::AccountChangeFromJson(body));
         return AsJson(
             app.accounts().Update(req.path.at("person"), c.disabled, c.locked, c.roles, req.actor),
             req.lang);
       }},
      {"POST",
       "/api/v1/users/{person}/password",
       app::Permission::kAdminister,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(std::string one_time,
                          app.accounts().ResetPassword(req.path.at("person"), "", req.actor));
         req.secret = true;
         return Json{{"person", req.path.at("person")}, {"one_time_password", one_time}};
       }},
  };
}

}  // namespace

std::vector<Route> AccountRoutes([[maybe_unused]] const RouteOptions& options) {
  std::vector<Route> all;
  for (auto* part : {SessionRoutes, TokenAndUserRoutes}) {
    for (auto& item : part(options)) all.push_back(std::move(item));
  }
  return all;
}

}  // namespace sokuo::http
