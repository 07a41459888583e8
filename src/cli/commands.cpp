#include "cli/commands.h"

#include <algorithm>
#include <iostream>

#include "api/codec.h"
#include "base/text.h"
#include "platform/files.h"

namespace sokuo::cli {

using api::Json;

void PrintJson(Output& o, const Json& j) {
  o.out << j.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

std::string Counted(size_t n, Message one, Message many, Lang lang) {
  Message m = n == 1 ? std::move(one) : std::move(many);
  m.params.emplace_back("count", std::to_string(n));
  return Render(m, lang);
}

Result<Calendar> OrgCalendar(app::App& app) {
  ASSIGN_OR_RETURN(auto org, app.organization().Current());
  if (org->company.name.empty()) return Calendar::Create("UTC");
  return Calendar::Create(org->company.time_zone);
}

Result<app::Actor> ResolveActor(app::App& app, const std::string& as) {
  if (as.empty()) return app::Actor{"cli:" + platform::OsUserName()};
  ASSIGN_OR_RETURN(auto snapshot, app.organization().Current());
  const core::Organization& org = *snapshot;
  if (org.FindPerson(as) == nullptr) {
    return Fail(ErrorCode::kUsage, Msg("cli.no_person", {{"person", as}}));
  }
  return app::Actor{as};
}

void ServeBanner(const std::string& company, const std::string& url, const std::string& version,
                 Output& o) {
  if (o.json) {
    PrintJson(o, {{"url", url}, {"version", version}, {"company", company}});
  } else {
    std::string serving = company.empty() ? Render(Msg("serve.no_org_yet"), o.lang) : company;
    o.out << Render(Msg("serve.banner", {{"version", version}, {"company", serving}, {"url", url}}),
                    o.lang)
          << "\n";
  }
  o.out.flush();
}

void Version(const std::string& version, Output& o) {
  if (o.json) {
    PrintJson(o, {{"version", version}});
  } else {
    o.out << "sokuo " << version << "\n";
  }
}

Result<void> CheckCommandWords(const std::vector<std::string>& paths,
                               const std::vector<std::string>& args,
                               const std::function<bool(const std::string& option)>& takes_value) {
  std::string at;  // the group reached so far; "" is sokuo itself
  auto children = [&paths](const std::string& group) {
    std::vector<std::string> names;
    for (const std::string& p : paths) {
      auto space = p.rfind(' ');
      if ((space == std::string::npos ? std::string() : p.substr(0, space)) == group) {
        names.push_back(space == std::string::npos ? p : p.substr(space + 1));
      }
    }
    return names;
  };
  auto joined = [](const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h" || a == "--version") return {};
    if (a == "--") break;
    if (a.size() > 1 && a[0] == '-') {
      if (a.find('=') == std::string::npos && takes_value(a)) ++i;
      continue;
    }
    std::vector<std::string> names = children(at);
    if (names.empty()) return {};  // a command's own arguments
    if (std::find(names.begin(), names.end(), a) != names.end()) {
      at = at.empty() ? a : at + " " + a;
      continue;
    }
    return Fail(ErrorCode::kUsage,
                Msg("cli.unknown_command", {{"command", a},
                                            {"group", at.empty() ? "sokuo" : "sokuo " + at},
                                            {"allowed", joined(names)},
                                            {"suggestion", Suggest(a, names).value_or("")}}));
  }
  std::vector<std::string> names = children(at);
  if (names.empty()) return {};
  return Fail(ErrorCode::kUsage,
              Msg("cli.command_required",
                  {{"group", at.empty() ? "sokuo" : "sokuo " + at}, {"allowed", joined(names)}}));
}

int ReportError(const Error& error, Output& o) {
  if (o.json) PrintJson(o, api::ProblemJson(error, {}, o.lang));
  o.err << "sokuo: " << error.ToString(o.lang) << "\n";
  return Info(error.code).exit_code;
}

}  // namespace sokuo::cli
