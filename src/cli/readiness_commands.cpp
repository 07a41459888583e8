// `sokuo readiness [--json]`: what the organization file shows, before a disaster, that will
// hurt during one (core/readiness.h): per clause, each gap's subject, what is wrong and what to
// do, in the reader's language.
#include <CLI/CLI.hpp>

#include "api/readiness_codec.h"
#include "cli/commands.h"
#include "cli/request_body.h"

namespace sokuo::cli {
namespace {

struct ReadinessFlags {};

// "readiness.clause.g5_1_1" for "G5.1.1": the code of the clause's heading.
std::string ReadinessClauseCode(const std::string& clause) {
  std::string code = "readiness.clause.";
  for (char c : clause) {
    if (c == '.') {
      code += '_';
    } else {
      code += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return code;
}

Result<void> PrintReadiness(app::App& app, const ReadinessFlags&, Output& o) {
  ASSIGN_OR_RETURN(app::ReadinessReport report, app.organization().Readiness(kOperator));
  nlohmann::json j = api::ToJson(report, o.lang);
  if (o.json) {
    PrintJson(o, j);
    return {};
  }
  o.out << Render(Msg("readiness.title", {{"day", j["day"].get<std::string>()}}), o.lang) << ": ";
  if (report.gaps.empty()) {
    o.out << Render(Msg("readiness.none"), o.lang) << "\n";
    return {};
  }
  o.out << Counted(report.gaps.size(), Msg("readiness.count_one"), Msg("readiness.count"), o.lang)
        << "\n";
  for (const std::string& clause : api::ReadinessClauses()) {
    int count = j["counts"][clause].get<int>();
    if (count == 0) continue;
    o.out << "\n" << Render(Msg(ReadinessClauseCode(clause)), o.lang) << " (" << count << ")\n";
    for (const auto& g : j["gaps"]) {
      if (g["clause"] != clause) continue;
      const auto& s = g["subject"];
      std::string type_code = "readiness.subject." + s["type"].get<std::string>();
      o.out << "  " << Render(Msg(type_code), o.lang) << " " << s["name"].get<std::string>() << " ("
            << s["id"].get<std::string>() << "): " << g["problem"].get<std::string>() << "\n"
            << "    -> " << g["action"].get<std::string>() << "\n";
    }
  }
  return {};
}

}  // namespace

std::vector<Command> ReadinessCommands() {
  return {
      AreaCommand<ReadinessFlags>(
          "readiness",
          "What will hurt in a disaster, found before it: backups, redundancy, substitutes, "
          "maintenance contracts, action plans and deputies, contacts (G3.3, G5.1)",
          false, [](CLI::App&, ReadinessFlags&) {}, ReadOnly<ReadinessFlags>(PrintReadiness)),
  };
}

}  // namespace sokuo::cli
