#include "cli/user_commands.h"

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
  if (text.empty()) return Fail(ErrorCode::kInvalidInput, file + " holds no password");
  return text;
}

Result<std::vector<core::Role>> Roles(const std::vector<std::string>& names) {
  std::vector<core::Role> out;
  for (const auto& n : names) {
    auto r = core::kRoles.Parse(n);
    if (!r || !core::IsGrantedRole(*r)) {
      return Fail(ErrorCode::kUsage,
                  "--role: administrator or auditor (other roles come from the "
                  "organization file), not '" +
                      n + "'");
    }
    out.push_back(*r);
  }
  return out;
}

void PrintPassword(const std::string& person, const std::string& one_time, Output& o) {
  if (o.json) {
    o.out << Json{{"person", person}, {"one_time_password", one_time}}.dump(2) << "\n";
  } else if (!one_time.empty()) {
    o.out << "login: " << person << "\none-time password: " << one_time
          << "\n(change it at the first login)\n";
  } else {
    o.out << "password set for " << person << "\n";
  }
}

}  // namespace

Result<void> UserAdd(app::App& app, const UserFlags& f, const app::Actor& actor, Output& o) {
  ASSIGN_OR_RETURN(std::vector<core::Role> roles, Roles(f.roles));
  ASSIGN_OR_RETURN(std::string password, PasswordFrom(f.password_file));
  ASSIGN_OR_RETURN(std::string one_time, app.AddAccount(f.person, roles, password, actor));
  PrintPassword(f.person, one_time, o);
  return {};
}

Result<void> UserPasswd(app::App& app, const UserFlags& f, const app::Actor& actor, Output& o) {
  ASSIGN_OR_RETURN(std::string password, PasswordFrom(f.password_file));
  ASSIGN_OR_RETURN(std::string one_time, app.ResetPassword(f.person, password, actor));
  PrintPassword(f.person, one_time, o);
  return {};
}

Result<void> UserUpdate(app::App& app, const std::string& person, UserChange change,
                        const app::Actor& actor, Output& o) {
  std::optional<bool> disabled;
  if (change == UserChange::kDisable) disabled = true;
  if (change == UserChange::kEnable) disabled = false;
  ASSIGN_OR_RETURN(
      app::AccountView a,
      app.UpdateAccount(person, disabled, change == UserChange::kUnlock, std::nullopt, actor));
  if (o.json) {
    o.out << api::ToJson(a).dump(2) << "\n";
  } else {
    o.out << person << ": " << (a.disabled ? "disabled" : "enabled") << (a.locked ? ", locked" : "")
          << "\n";
  }
  return {};
}

Result<void> UserList(app::App& app, const app::Actor& actor, Output& o) {
  ASSIGN_OR_RETURN(auto accounts, app.Accounts(actor));
  if (o.json) {
    Json items = Json::array();
    for (const auto& a : accounts) items.push_back(api::ToJson(a));
    o.out << Json{{"items", items}}.dump(2) << "\n";
    return {};
  }
  if (accounts.empty()) o.out << "no accounts: sokuo user add PERSON\n";
  for (const auto& a : accounts) {
    o.out << a.person << " ";
    for (core::Role r : a.roles) o.out << " " << core::kRoles.Name(r);
    if (a.disabled) o.out << "  [disabled]";
    if (a.locked) o.out << "  [locked]";
    if (a.must_change) o.out << "  [one-time password]";
    o.out << "\n";
  }
  return {};
}

Result<void> UserToken(app::App& app, const UserFlags& f, const app::Actor& actor, Output& o) {
  auto scope = app::kTokenScopes.Parse(f.scope);
  if (!scope) return Fail(ErrorCode::kUsage, "--scope: read, write or ingest");
  ASSIGN_OR_RETURN(app::NewToken t, app.CreateToken(actor, f.person, f.token_name, *scope, f.days));
  if (o.json) {
    Json j = api::ToJson(t.token);
    j["token"] = t.secret;
    o.out << j.dump(2) << "\n";
  } else {
    o.out << t.secret << "\n";
    o.err << "token " << t.token.id << " (" << f.scope << ") for " << f.person << ", expires "
          << t.token.expires_at << "; it is shown only now\n";
  }
  return {};
}

Result<void> FirstAdministrator(app::App& app, const std::string& person,
                                const std::string& password_file, const app::Actor& actor,
                                Output& o) {
  ASSIGN_OR_RETURN(auto accounts, app.Accounts(actor));
  if (!accounts.empty()) return {};
  std::string who = person;
  if (who.empty()) {
    ASSIGN_OR_RETURN(core::Organization org, app.Organization());
    for (const auto& d : org.departments) {
      if (d.kind == core::DepartmentKind::kIt && !d.head.empty()) {
        who = d.head;
        break;
      }
    }
    if (who.empty()) {
      o.err << "no administrator created: name one with --admin PERSON\n";
      return {};
    }
  }
  ASSIGN_OR_RETURN(std::string password, PasswordFrom(password_file));
  ASSIGN_OR_RETURN(std::string one_time,
                   app.AddAccount(who, {core::Role::kAdministrator}, password, actor));
  if (o.json) {
    Json j = {{"administrator", who}};
    if (!one_time.empty()) j["one_time_password"] = one_time;
    o.out << j.dump(2) << "\n";
    return {};
  }
  o.err << "first administrator: " << who << "\n";
  if (!one_time.empty()) {
    o.err << "one-time password:   " << one_time << "   (change it at the first login)\n";
  }
  return {};
}

}  // namespace sokuo::cli
