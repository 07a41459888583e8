#include "cli/commands.h"

#include <iostream>

#include "api/codec.h"
#include "platform/files.h"

namespace sokuo::cli {

using api::Json;

void PrintJson(Output& o, const Json& j) {
  o.out << j.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

std::string Plural(size_t n, const char* word, const char* plural) {
  if (n == 1) return "1 " + std::string(word);
  return std::to_string(n) + " " + (plural != nullptr ? plural : std::string(word) + "s");
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
    o.out << "sokuo " << version << " serving "
          << (company.empty() ? "(no organization imported yet)" : company) << "\n"
          << "listening on " << url << "\n"
          << "  health:  " << url << "/api/v1/health\n"
          << "  API:     " << url << "/api/v1/openapi.json\n"
          << "  log in:  POST " << url << "/api/v1/session with your person id and password\n"
          << "           (accounts: sokuo user list; a new password: sokuo user passwd PERSON)\n"
          << "Stop with Ctrl-C.\n";
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

int ReportError(const Error& error, Output& o) {
  if (o.json) PrintJson(o, api::ProblemJson(error, {}, o.lang));
  o.err << "sokuo: " << error.ToString(o.lang) << "\n";
  return Info(error.code).exit_code;
}

}  // namespace sokuo::cli
