#include "cli/user_commands.h"

#include <CLI/CLI.hpp>

#include <iostream>

#include "api/codec.h"
#include "platform/files.h"

namespace sokuo::cli {
namespace {

using api::Json;

Result<std::string> PasswordFrom(const std::string& file) {
  if (file.empty()) return std::string();
  ASSIGN_OR_RETURN(std::string text, platform::ReadFile(file, 4096));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  if (text.empty())
    return Fail(ErrorCode::kInvalidInput, Msg("cli.empty_password_file", {{"file", file}}));
  return text;
}

Result<std::vector<core::Role>> Roles(const std::vector<std::string>& names) {
  std::vector<core::Role> out;
  for (const auto& n : names) {
    auto r = core::kRoles.Parse(n);
    if (!r || !core::IsGrantedRole(*r)) {
      return Fail(ErrorCode::kUsage, Msg("cli.granted_role", {{"value", n}}), "--role");
    }
    out.push_back(*r);
  }
  return out;
}

void PrintPassword(const std::string& person, const std::string& one_time, Output& o) {
  if (o.json) {
    o.out << Json{{"person", person}, {"one_time_password", one_time}}.dump(2) << "\n";
  } else if (!one_time.empty()) {
    o.out << Render(Msg("cli.one_time_password", {{"person", person}, {"password", one_time}}),
                    o.lang)
          << "\n";
  } else {
    o.out << Render(Msg("cli.password_set", {{"person", person}}), o.lang) << "\n";
  }
}

}  // namespace

Result<void> UserAdd(app::App& app, const UserFlags& f, const app::Actor& actor, Output& o) {
  ASSIGN_OR_RETURN(std::vector<core::Role> roles, Roles(f.roles));
  ASSIGN_OR_RETURN(std::string password, PasswordFrom(f.password_file));
  ASSIGN_OR_RETURN(std::string one_time, app.accounts().Add(f.person, roles, password, actor));
  PrintPassword(f.person, one_time, o);
  return {};
}

Result<void> UserPasswd(app::App& app, const UserFlags& f, const app::Actor& actor, Output& o) {
  ASSIGN_OR_RETURN(std::string password, PasswordFrom(f.password_file));
  ASSIGN_OR_RETURN(std::string one_time, app.accounts().ResetPassword(f.person, password, actor));
  PrintPassword(f.person, one_time, o);
  return {};
}

Result<void> UserUpdate(app::App& app, const std::string& person, UserChange change,
                        const app::Actor& actor, Output& o) {
  std::optional<bool> disabled;
  if (change == UserChange::kDisable) disabled = true;
  if (change == UserChange::kEnable) disabled = false;
  std::optional<bool> locked;
  if (change == UserChange::kLock) locked = true;
  if (change == UserChange::kUnlock) locked = false;
  ASSIGN_OR_RETURN(app::AccountView a,
                   app.accounts().Update(person, disabled, locked, std::nullopt, actor));
  if (o.json) {
    o.out << api::ToJson(a).dump(2) << "\n";
  } else {
    o.out << Render(a.disabled ? Msg("cli.account_disabled", {{"person", person}})
                               : Msg("cli.account_enabled", {{"person", person}}),
                    o.lang)
          << (a.locked ? Render(Msg("cli.account_and_locked"), o.lang) : "") << "\n";
  }
  return {};
}

Result<void> UserList(app::App& app, const app::Actor& actor, Output& o) {
  ASSIGN_OR_RETURN(auto accounts, app.accounts().List(actor));
  if (o.json) {
    Json items = Json::array();
    for (const auto& a : accounts) items.push_back(api::ToJson(a));
    o.out << Json{{"items", items}}.dump(2) << "\n";
    return {};
  }
  auto t = [&o](const Message& m) { return Render(m, o.lang); };
  if (accounts.empty()) o.out << t(Msg("cli.no_accounts")) << "\n";
  ASSIGN_OR_RETURN(Calendar calendar, OrgCalendar(app));
  for (const auto& a : accounts) {
    o.out << a.person << " ";
    for (core::Role r : a.roles) o.out << " " << core::kRoles.Name(r);
    if (a.disabled) o.out << "  " << t(Msg("cli.tag_disabled"));
    if (a.locked) o.out << "  " << t(Msg("cli.tag_locked"));
    if (!a.delayed_until.empty()) {
      std::string until = calendar.FormatLocal(std::string_view(a.delayed_until));
      o.out << "  " << t(Msg("cli.tag_delayed", {{"until", until}}));
    }
    if (a.must_change) o.out << "  " << t(Msg("cli.tag_one_time_password"));
    o.out << "\n";
  }
  return {};
}

Result<void> UserToken(app::App& app, const UserFlags& f, const app::Actor& actor, Output& o) {
  auto scope = app::kTokenScopes.Parse(f.scope);
  if (!scope) return Fail(ErrorCode::kUsage, BadChoice(f.scope, app::kTokenScopes), "--scope");
  // Before the token exists, so that a failure here cannot leave a secret printed with an error.
  ASSIGN_OR_RETURN(Calendar calendar, OrgCalendar(app));
  ASSIGN_OR_RETURN(app::NewToken t,
                   app.accounts().CreateToken(actor, f.person, f.token_name, *scope, f.days));
  if (o.json) {
    Json j = api::ToJson(t.token);
    j["token"] = t.secret;
    o.out << j.dump(2) << "\n";
  } else {
    o.out << t.secret << "\n";
    o.err << Render(Msg("cli.token_created",
                        {{"id", t.token.id},
                         {"scope", f.scope},
                         {"person", f.person},
                         {"expires", calendar.FormatLocal(std::string_view(t.token.expires_at))}}),
                    o.lang)
          << "\n";
  }
  return {};
}

Result<void> FirstAdministrator(app::App& app, const std::string& person,
                                const std::string& password_file, const app::Actor& actor,
                                Output& o) {
  ASSIGN_OR_RETURN(auto accounts, app.accounts().List(actor));
  if (!accounts.empty()) return {};
  std::string who = person;
  if (who.empty()) {
    ASSIGN_OR_RETURN(auto snapshot, app.organization().Current());
    const core::Organization& org = *snapshot;
    for (const auto& d : org.departments) {
      if (d.kind == core::DepartmentKind::kIt && !d.head.empty()) {
        who = d.head;
        break;
      }
    }
    if (who.empty()) {
      o.err << Render(Msg("cli.no_administrator"), o.lang) << "\n";
      return {};
    }
  }
  ASSIGN_OR_RETURN(std::string password, PasswordFrom(password_file));
  ASSIGN_OR_RETURN(std::string one_time,
                   app.accounts().Add(who, {core::Role::kAdministrator}, password, actor));
  if (o.json) {
    Json j = {{"administrator", who}};
    if (!one_time.empty()) j["one_time_password"] = one_time;
    o.out << j.dump(2) << "\n";
    return {};
  }
  o.err << Render(Msg("cli.first_administrator", {{"person", who}}), o.lang) << "\n";
  if (!one_time.empty()) {
    o.err << Render(Msg("cli.first_one_time_password", {{"password", one_time}}), o.lang) << "\n";
  }
  return {};
}

namespace {

void ChangeCommand(CLI::App& c, Runtime& env, std::function<Result<void>()>& run,
                   UserChange change) {
  auto person = std::make_shared<std::string>();
  c.add_option("PERSON", *person, "Person id")->required();
  run = [&env, person, change]() -> Result<void> {
    ASSIGN_OR_RETURN(app::App * app, env.App());
    ASSIGN_OR_RETURN(app::Actor actor, env.Actor());
    return UserUpdate(*app, *person, change, actor, env.out());
  };
}

}  // namespace

std::vector<Command> UserCommands() {
  return {
      {"user", "Accounts: add, passwd, disable, enable, lock, unlock, list, token", nullptr},
      {"user add", "Give a person an account; prints a one-time password unless --password-file",
       [](CLI::App& c, Runtime& env, Action& run) {
         auto f = std::make_shared<UserFlags>();
         c.add_option("PERSON", f->person, "Person id from the organization")->required();
         c.add_option("--role", f->roles,
                      "administrator or auditor (repeat); the rest comes from the org file");
         c.add_option("--password-file", f->password_file, "Read the password from FILE");
         run = [&env, f]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App());
           ASSIGN_OR_RETURN(app::Actor actor, env.Actor());
           return UserAdd(*app, *f, actor, env.out());
         };
       }},
      {"user passwd", "Set a new password (one-time unless --password-file); ends every session",
       [](CLI::App& c, Runtime& env, Action& run) {
         auto f = std::make_shared<UserFlags>();
         c.add_option("PERSON", f->person, "Person id")->required();
         c.add_option("--password-file", f->password_file, "Read the password from FILE");
         run = [&env, f]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App());
           ASSIGN_OR_RETURN(app::Actor actor, env.Actor());
           return UserPasswd(*app, *f, actor, env.out());
         };
       }},
      {"user disable", "Disable an account and end its sessions",
       [](CLI::App& c, Runtime& env, Action& run) {
         ChangeCommand(c, env, run, UserChange::kDisable);
       }},
      {"user enable", "Enable a disabled account",
       [](CLI::App& c, Runtime& env, Action& run) {
         ChangeCommand(c, env, run, UserChange::kEnable);
       }},
      {"user lock",
       "Lock an account: no login, every session ends, its API tokens are refused until unlocked",
       [](CLI::App& c, Runtime& env, Action& run) {
         ChangeCommand(c, env, run, UserChange::kLock);
       }},
      {"user unlock", "Unlock an account and lift any delay after failed logins",
       [](CLI::App& c, Runtime& env, Action& run) {
         ChangeCommand(c, env, run, UserChange::kUnlock);
       }},
      {"user list", "List accounts with their roles",
       [](CLI::App&, Runtime& env, Action& run) {
         run = [&env]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App());
           ASSIGN_OR_RETURN(app::Actor actor, env.Actor());
           return UserList(*app, actor, env.out());
         };
       }},
      {"user token", "Create an API token for a person (shown once)",
       [](CLI::App& c, Runtime& env, Action& run) {
         auto f = std::make_shared<UserFlags>();
         c.add_option("PERSON", f->person, "Person id")->required();
         c.add_option("--name", f->token_name, "What the token is for")->required();
         c.add_option("--scope", f->scope, "read, write or ingest")->capture_default_str();
         c.add_option("--days", f->days, "Days until it expires")->capture_default_str();
         run = [&env, f]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App());
           ASSIGN_OR_RETURN(app::Actor actor, env.Actor());
           return UserToken(*app, *f, actor, env.out());
         };
       }},
  };
}

}  // namespace sokuo::cli
