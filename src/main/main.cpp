// sokuo's entry point: builds the command tree from each area's table (the help and the dispatch
// come from the same rows), parses the command line and runs the chosen command in the process
// runtime. No logic of its own.
#include <curl/curl.h>

#include <iostream>
#include <map>

#include <CLI/CLI.hpp>

#include "main/runtime.h"
#include "platform/log.h"

namespace sokuo {
namespace {

int Main(int argc, char** argv) {
  if (!platform::InitSodium()) {
    std::cerr << "sokuo: " << Render(Msg("cli.no_sodium"), LangFromEnvironment()) << "\n";
    return Info(ErrorCode::kInternal).exit_code;
  }
  Globals globals;
  if (const char* data = std::getenv("SOKUO_DATA"); data != nullptr && *data != '\0') {
    globals.data = data;
  }
  CLI::App root{
      "sokuo (即応): run information-system emergencies the way the company's "
      "guideline prescribes"};
  root.name("sokuo");
  root.require_subcommand(1);
  root.fallthrough();
  root.add_option("--data", globals.data, "Data directory (env SOKUO_DATA)")->capture_default_str();
  root.add_option("--store", globals.store,
                  "Where the records are kept: postgresql://user@host:port/db for a PostgreSQL "
                  "server, sqlite for DATA/sokuo.db, sqlite:DIR for DIR/sokuo.db (default: the "
                  "file DATA/store, then sqlite; env SOKUO_STORE)")
      ->envname("SOKUO_STORE");
  root.add_option("--as", globals.as, "Act as this person of the organization (journal actor)");
  root.add_flag("--json", globals.json, "Machine-readable output on stdout");
  root.add_option("--evidence-limit", globals.evidence_limit_mb,
                  "The largest evidence file kept, in MiB (env SOKUO_EVIDENCE_LIMIT_MB)")
      ->envname("SOKUO_EVIDENCE_LIMIT_MB")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1} << 20))
      ->capture_default_str();
  globals.lang = LangFromEnvironment();
  std::string lang_name;
  root.add_option("--lang", lang_name,
                  "Language of messages: ja or en (default: SOKUO_LANG, the locale, then ja)");
  root.set_version_flag("--version", "sokuo " SOKUO_VERSION, "Print the version and exit");
  root.footer(
      "Exit codes: 0 ok, 1 invalid input or refused, 2 usage, 3 not found, 4 conflict, 5 journal "
      "verification failed, 6 the address to listen on is in use, 10+ internal error.");

  ProcessRuntime runtime(globals);
  // One line per area.
  std::vector<cli::Command> commands;
  for (auto* area :
       {ProcessCommands, cli::OrgCommands, cli::IncidentCommands, cli::EvidenceCommands,
        cli::DisasterCommands, cli::PlanCommands, cli::JournalCommands, cli::UserCommands,
        cli::DetectCommands, cli::PaperCommands, cli::ControlCommands, cli::ReadinessCommands,
        StoreCommands}) {
    for (cli::Command& c : area()) commands.push_back(std::move(c));
  }
  // Each command's action; the one whose subcommand was given runs after parsing.
  std::vector<std::pair<CLI::App*, std::function<Result<void>()>>> actions;
  actions.reserve(commands.size());
  std::map<std::string, CLI::App*> nodes{{"", &root}};
  for (cli::Command& c : commands) {
    std::string path = c.path;
    auto space = path.rfind(' ');
    std::string parent = space == std::string::npos ? "" : path.substr(0, space);
    std::string name = space == std::string::npos ? path : path.substr(space + 1);
    CLI::App* sub = nodes.at(parent)->add_subcommand(name, c.summary);
    sub->fallthrough();
    nodes[path] = sub;
    if (c.setup) {
      actions.emplace_back(sub, nullptr);
      c.setup(*sub, runtime, actions.back().second);
    } else {
      sub->require_subcommand(1);
    }
  }

  // A word that names no command gets the nearest one; CLI11 would only say that one is required.
  auto check_words = [&]() -> Result<void> {
    std::vector<std::string> paths;
    for (const cli::Command& c : commands) paths.emplace_back(c.path);
    return cli::CheckCommandWords(paths, {argv + 1, argv + argc}, [&root](const std::string& o) {
      const CLI::Option* option = root.get_option_no_throw(o);
      return option != nullptr && option->get_items_expected_min() > 0;
    });
  };
  try {
    root.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() != 0) {
      if (auto parsed = ParseLang(lang_name)) globals.lang = *parsed;
      if (Result<void> words = check_words(); !words) {
        return cli::ReportError(words.error(), runtime.out());
      }
    }
    int code = root.exit(e);
    return code == 0 ? 0 : Info(ErrorCode::kUsage).exit_code;
  }
  platform::InitLogging(platform::LogFormat::kAuto);
  if (!lang_name.empty()) {
    auto lang = ParseLang(lang_name);
    if (!lang) {
      return cli::ReportError(
          Fail(ErrorCode::kUsage, Msg("cli.bad_lang", {{"value", lang_name}})).value(),
          runtime.out());
    }
    globals.lang = *lang;
  }
  std::function<Result<void>()> run;
  for (auto& [sub, action] : actions) {
    if (sub->parsed()) run = action;
  }
  if (!run) {
    if (Result<void> words = check_words(); !words) {
      return cli::ReportError(words.error(), runtime.out());
    }
    return Info(ErrorCode::kUsage).exit_code;
  }
  Result<void> result = run();
  if (!result) return cli::ReportError(result.error(), runtime.out());
  return 0;
}

}  // namespace
}  // namespace sokuo

int main(int argc, char** argv) {
  // libcurl (notify/) once, before any thread starts.
  curl_global_init(CURL_GLOBAL_DEFAULT);
  int code = sokuo::Main(argc, argv);
  curl_global_cleanup();
  return code;
}
