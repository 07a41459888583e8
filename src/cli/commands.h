// The CLI adapter: one table of commands per area (<area>_commands.cpp). Each command declares
// its options on its CLI11 node, decodes them, calls one app/ function and prints the result, as
// JSON on stdout with --json (same shapes as the API) or as text for a person. Errors go back to
// main/, which prints them and exits with the table's code. main/ wires the tables into one
// command tree and gives each command the Runtime it runs in.
#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "base/error.h"
#include "base/message.h"
#include "base/time.h"
#include "core/enum_names.h"

#include <nlohmann/json.hpp>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace sokuo::cli {

struct Output {
  bool json = false;
  std::ostream& out;      // results
  std::ostream& err;      // messages for a person
  Lang lang = Lang::kJa;  // of messages: --lang, SOKUO_LANG, the locale; Japanese first
};

// What a command needs of the process it runs in; main/ implements it.
class Runtime {
 public:
  enum class Open { kExisting, kCreate };
  virtual ~Runtime() = default;
  // The application on the data directory, opened on first use. kCreate makes the directory
  // and the database when missing (init, demo).
  [[nodiscard]] virtual Result<app::App*> App(Open open = Open::kExisting) = 0;
  // The acting person (--as), or the local operator.
  [[nodiscard]] virtual Result<app::Actor> Actor() = 0;
  virtual Output& out() = 0;
  virtual const std::string& data_dir() const = 0;
};

using Action = std::function<Result<void>()>;

// One row of a command table: the help line and the dispatch come from the same row. `setup`
// declares the command's options on its node and sets the action that runs when it is chosen;
// a group ("incident") has none.
struct Command {
  const char* path;     // "org import"
  const char* summary;  // the help line
  std::function<void(CLI::App&, Runtime&, Action&)> setup;
};

// Each area's commands.
std::vector<Command> OrgCommands();
std::vector<Command> IncidentCommands();
std::vector<Command> PlanCommands();  // incident plan, disaster plan
std::vector<Command> DisasterCommands();
std::vector<Command> UserCommands();
std::vector<Command> JournalCommands();
std::vector<Command> DetectCommands();  // rules check, hunt
std::vector<Command> EvidenceCommands();
std::vector<Command> PaperCommands();    // binder export, incident print, incident form
std::vector<Command> ControlCommands();  // routine controls: G4.1, G4.2, G5.1
std::vector<Command> ReadinessCommands();

// Sigma rules named on a command line: directories ("builtin": the rules built into the binary;
// none: builtin) and placeholder values (NAME=v1,v2). `hunt`, `rules check` and `serve` load
// them the same way.
struct RuleOptions {
  std::vector<std::string> dirs;
  std::vector<std::string> placeholders;
};
// Adds --placeholder (repeatable) to a command.
void AddRuleOptions(CLI::App& c, RuleOptions& r);
// A repeatable option takes one value each time, so `--rules DIR FILE` leaves FILE a file.
CLI::Option* Repeatable(CLI::Option* o);
// Reads and compiles the rules; a file that cannot be read is one more problem, not the end.
[[nodiscard]] Result<app::LoadedRules> LoadRules(const RuleOptions& r);

void PrintJson(Output& o, const nlohmann::json& j);
// `n` things in `lang`: `one` (English "{count} person") when n is 1, else `many` ("{count}
// people"). The catalog has no plural forms, so a noun that English inflects has a code for each.
std::string Counted(size_t n, Message one, Message many, Lang lang);

// The organization's calendar: times typed at the terminal and shown to a person are on its
// clock. Before any organization is imported there is no company clock, and times show in UTC.
[[nodiscard]] Result<Calendar> OrgCalendar(app::App& app);

// The CLI on the data directory is the operator's tool: it reads everything (docs/security.md,
// "The command line").
inline const app::Actor kOperator{"cli"};

// The actor for journal entries: `as` must name a person of the organization; empty means the
// local operator, recorded as "cli:<os user>".
[[nodiscard]] Result<app::Actor> ResolveActor(app::App& app, const std::string& as);

// Imports an organization file, or text that did not come from a file (the built-in example).
[[nodiscard]] Result<void> OrgImport(app::App& app, const std::string& file,
                                     const app::Actor& actor, Output& o);
[[nodiscard]] Result<void> OrgImportText(app::App& app, const std::string& text,
                                         const std::string& name, const app::Actor& actor,
                                         Output& o);

// What `serve` prints once it listens: the URL on a line of its own ("listening on URL") for
// people and scripts, or one JSON object with --json.
void ServeBanner(const std::string& company, const std::string& url, const std::string& version,
                 Output& o);
void Version(const std::string& version, Output& o);

// Where a command is expected in `args` (the arguments after the program's name), each word must
// name one: `sokuo incidnet list` is refused naming the nearest command (incident), `sokuo org`
// alone lists org's commands. Options are skipped, with their value when `takes_value` says they
// have one; the words after a command (not a group) are its own. `paths` are the rows' paths.
[[nodiscard]] Result<void> CheckCommandWords(
    const std::vector<std::string>& paths, const std::vector<std::string>& args,
    const std::function<bool(const std::string& option)>& takes_value);

// Prints an error the way the CLI contract says: a problem document on stdout with --json, and
// always a readable message on stderr. Returns the exit code.
int ReportError(const Error& error, Output& o);

// "unknown value 'x' (one of: ...)" for a flag whose value must be one of an enum's names.
template <class E, size_t N>
Message BadChoice(const std::string& value, const core::EnumNames<E, N>& names) {
  return Msg("cli.bad_choice", {{"value", value}, {"allowed", names.Joined()}});
}

}  // namespace sokuo::cli
