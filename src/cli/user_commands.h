// `sokuo user …` and the first administrator at `sokuo init`: the operator's tools for accounts.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"
#include "cli/commands.h"

namespace sokuo::cli {

struct UserFlags {
  std::string person;
  std::vector<std::string> roles;
  std::string password_file;
  std::string token_name;
  std::string scope = "read";
  int days = 90;
};

enum class UserChange { kDisable, kEnable, kLock, kUnlock };

[[nodiscard]] Result<void> UserAdd(app::App& app, const UserFlags& f, const app::Actor& actor,
                                   Output& o);
[[nodiscard]] Result<void> UserPasswd(app::App& app, const UserFlags& f, const app::Actor& actor,
                                      Output& o);
[[nodiscard]] Result<void> UserUpdate(app::App& app, const std::string& person, UserChange change,
                                      const app::Actor& actor, Output& o);
[[nodiscard]] Result<void> UserList(app::App& app, const app::Actor& actor, Output& o);
[[nodiscard]] Result<void> UserToken(app::App& app, const UserFlags& f, const app::Actor& actor,
                                     Output& o);

// Creates the first administrator when there is no account yet: `person`, or the head of the IS
// department. Prints how to log in.
[[nodiscard]] Result<void> FirstAdministrator(app::App& app, const std::string& person,
                                              const std::string& password_file,
                                              const app::Actor& actor, Output& o);

}  // namespace sokuo::cli
