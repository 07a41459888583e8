// `sokuo rules check` and `sokuo hunt`: Sigma rules over log files from the terminal (G4.2.3),
// offline, the way Chainsaw or Hayabusa hunt through Windows logs.
#include <unistd.h>

#include <CLI/CLI.hpp>

#include <chrono>
#include <cmath>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>

#include "api/codec.h"
#include "app/log_stream.h"
#include "cli/commands.h"
#include "core/alert_rules.h"
#include "platform/files.h"
#include "platform/line_reader.h"
#include "platform/system_clock.h"

namespace sokuo::cli {
namespace {

using api::Json;

constexpr size_t kMaxRuleFile = 1 << 20;

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, ',')) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

Result<detect::EngineOptions> EngineOptionsOf(const RuleOptions& r) {
  detect::EngineOptions options;
  for (const std::string& p : r.placeholders) {
    size_t eq = p.find('=');
    if (eq == 0 || eq == std::string::npos) {
      return Fail(ErrorCode::kUsage, Msg("cli.bad_placeholder", {{"value", p}}));
    }
    options.placeholders[p.substr(0, eq)] = SplitComma(p.substr(eq + 1));
  }
  return options;
}

}  // namespace

Result<app::LoadedRules> LoadRules(const RuleOptions& r) {
  ASSIGN_OR_RETURN(detect::EngineOptions options, EngineOptionsOf(r));
  std::vector<app::RuleSource> sources;
  std::vector<detect::RuleProblem> unreadable;
  for (const std::string& dir : r.dirs.empty() ? std::vector<std::string>{"builtin"} : r.dirs) {
    if (dir == "builtin") {
      for (app::RuleSource& s : app::BuiltinRules()) sources.push_back(std::move(s));
      continue;
    }
    ASSIGN_OR_RETURN(std::vector<std::string> files, platform::ListFiles(dir, {".yml", ".yaml"}));
    for (const std::string& f : files) {
      // A file that cannot be read is one more rule that cannot run, not the end of the load.
      auto text = platform::ReadFile(f, kMaxRuleFile);
      if (!text) {
        unreadable.push_back({f, 0, "", text.error().msg});
        continue;
      }
      sources.push_back({f, std::move(*text)});
    }
  }
  app::LoadedRules loaded = app::LoadRules(sources, options);
  loaded.files += unreadable.size();
  loaded.problems.insert(loaded.problems.begin(), unreadable.begin(), unreadable.end());
  return loaded;
}

namespace {

void PrintProblems(const std::vector<detect::RuleProblem>& problems, Output& o, std::ostream& to) {
  for (const detect::RuleProblem& p : problems) {
    to << "  "
       << Render(Msg("cli.rule_problem", {{"where", p.file + ":" + std::to_string(p.line)},
                                          {"title", p.title.empty() ? "-" : p.title},
                                          {"why", Render(p.why, o.lang)}}),
                 o.lang)
       << "\n";
  }
}

// Every rule that cannot run, with its file and line; with --json the problem document's
// `errors` list them (code, where, message), so stdout holds one document either way.
Result<void> RulesCheck(const RuleOptions& r, Output& o) {
  ASSIGN_OR_RETURN(app::LoadedRules loaded, LoadRules(r));
  size_t count = loaded.set->rules().size();
  if (!o.json) {
    o.out << Render(Msg("cli.rules_loaded", {{"loaded", std::to_string(count)},
                                             {"files", std::to_string(loaded.files)}}),
                    o.lang)
          << "\n";
    PrintProblems(loaded.problems, o, o.out);
  }
  if (!loaded.problems.empty()) {
    Error e = Fail(ErrorCode::kInvalidInput,
                   Msg("cli.rules_not_loaded", {{"count", std::to_string(loaded.problems.size())}}))
                  .value();
    if (o.json) {  // as text they are listed above already
      for (const detect::RuleProblem& p : loaded.problems) {
        e.details.push_back(MakeDetail(p.file + ":" + std::to_string(p.line), p.why));
      }
    }
    return tl::unexpected(std::move(e));
  }
  if (o.json) PrintJson(o, {{"loaded", count}, {"files", loaded.files}});
  return {};
}

struct HuntOptions {
  RuleOptions rules;
  std::vector<std::string> files;
  std::string format = "table";
  std::string log_format = "auto";
  std::string logsource;
  std::string zone;
  std::string min_level = "low";
  int year = 0;
};

Result<std::optional<detect::LogSource>> ParseLogSource(const std::string& text) {
  if (text.empty()) return std::optional<detect::LogSource>();
  detect::LogSource s;
  for (const std::string& part : SplitComma(text)) {
    size_t eq = part.find('=');
    std::string key = part.substr(0, eq),
                value = eq == std::string::npos ? "" : part.substr(eq + 1);
    if (key == "category") {
      s.category = value;
    } else if (key == "product") {
      s.product = value;
    } else if (key == "service") {
      s.service = value;
    } else {
      return Fail(ErrorCode::kUsage, Msg("cli.bad_logsource", {{"value", part}}));
    }
  }
  return std::optional<detect::LogSource>(s);
}

// A CSV cell; one that a spreadsheet would read as a formula (= + - @) starts with ' instead.
std::string Csv(std::string_view field) {
  std::string out = "\"";
  if (!field.empty() &&
      (field[0] == '=' || field[0] == '+' || field[0] == '-' || field[0] == '@')) {
    out += '\'';
  }
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// A log line for the terminal: control characters (escape sequences a log may carry) become
// '?', and a long line is cut at a character boundary.
std::string Printable(std::string_view text, size_t max) {
  if (text.size() > max) {
    size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
  }
  std::string out(text);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
  }
  return out;
}

// Where each file's lines start in the stream's numbering.
struct FileSpan {
  std::string path;
  std::uint64_t first = 0;  // the stream's number of the file's line 1
};

// Prints findings as they come, in the chosen format.
class Printer {
 public:
  Printer(const HuntOptions& options, const detect::RuleSet& rules, const Calendar& zone, Output& o)
      : options_(options), rules_(rules), zone_(zone), o_(o) {}

  void Begin() {
    if (options_.format == "json") o_.out << "{\"findings\":[";
    if (options_.format == "csv") {
      o_.out << "time,level,rule,rule_id,author,file,line,group,value,text\n";
    }
  }

  void Finding(const detect::Detection& d, std::string_view text,
               const std::vector<FileSpan>& files) {
    if (core::PolicyLevelRank(rules_.rules()[d.rule].level) <
        core::PolicyLevelRank(options_.min_level)) {
      return;
    }
    ++count_;
    rules_fired_.insert(d.rule);
    const detect::Rule& rule = rules_.rules()[d.rule];
    auto [file, line] = Locate(d.sequence, files);
    std::string time = d.time ? FormatRfc3339(*d.time) : "";
    bool correlation = rule.correlation.has_value();
    if (options_.format == "json") {
      Json events = Json::array();
      for (std::uint64_t seq : d.events) {
        auto [f, l] = Locate(seq, files);
        events.push_back({{"file", f}, {"line", l}});
      }
      Json j = {{"rule",
                 {{"title", rule.title},
                  {"id", rule.id},
                  {"level", rule.level},
                  {"author", rule.author},
                  {"license", rule.license},
                  {"tags", rule.tags},
                  {"file", rule.file},
                  {"line", rule.line}}},
                {"time", d.time ? Json(time) : Json(nullptr)},
                {"file", file},
                {"line", line}};
      if (correlation) {
        j["group"] = d.group;
        j["value"] = d.value;
        j["events"] = events;
      } else {
        j["text"] = std::string(text);
      }
      o_.out << (count_ > 1 ? ",\n" : "\n")
             << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return;
    }
    if (options_.format == "csv") {
      o_.out << Csv(time) << "," << Csv(rule.level) << "," << Csv(rule.title) << "," << Csv(rule.id)
             << "," << Csv(rule.author) << "," << Csv(file) << "," << line << "," << Csv(d.group)
             << "," << (correlation ? Number(d.value) : "") << "," << Csv(correlation ? "" : text)
             << "\n";
      return;
    }
    std::string detail;
    if (correlation) {
      auto first = d.events.empty() ? std::make_pair(file, line) : Locate(d.events.front(), files);
      detail = Render(Msg("cli.hunt_correlation",
                          {{"group", d.group},
                           {"count", std::to_string(d.events.size())},
                           {"first", first.first + ":" + std::to_string(first.second)}}),
                      o_.lang);
    } else {
      detail = Printable(text, 200);
    }
    o_.out << (d.time ? zone_.FormatLocal(*d.time) : std::string("-")) << "  " << std::left
           << std::setw(13) << (rule.level.empty() ? "-" : rule.level) << rule.title << "  " << file
           << ":" << line << "\n    " << detail << "\n";
  }

  void End(const app::LogStream& stream, size_t files, double seconds) {
    std::uint64_t lines = stream.lines();
    std::string rate =
        seconds > 0 ? std::to_string(std::llround(static_cast<double>(lines) / seconds)) : "-";
    Message summary = Msg("cli.hunt_summary", {{"lines", std::to_string(lines)},
                                               {"files", std::to_string(files)},
                                               {"findings", std::to_string(count_)},
                                               {"rules", std::to_string(rules_fired_.size())},
                                               {"seconds", Number(seconds)},
                                               {"rate", rate}});
    if (options_.format == "json") {
      detect::Matcher::Stats s = stream.matcher().stats();
      o_.out << "\n],\"summary\":"
             << Json{{"lines", lines},
                     {"undecoded", stream.undecoded()},
                     {"files", files},
                     {"findings", count_},
                     {"rules_fired", rules_fired_.size()},
                     {"rules_loaded", rules_.rules().size()},
                     {"rules_evaluated", s.evaluated},
                     {"seconds", seconds}}
                    .dump()
             << "}\n";
      return;
    }
    std::ostream& to = options_.format == "csv" ? o_.err : o_.out;
    if (count_ == 0 && options_.format == "table") {
      to << Render(Msg("cli.hunt_nothing"), o_.lang) << "\n";
    }
    to << Render(summary, o_.lang) << "\n";
  }

 private:
  static std::pair<std::string, std::uint64_t> Locate(std::uint64_t seq,
                                                      const std::vector<FileSpan>& files) {
    for (size_t i = files.size(); i-- > 0;) {
      if (seq >= files[i].first) return {files[i].path, seq - files[i].first + 1};
    }
    return {"", seq};
  }

  static std::string Number(double v) {
    std::ostringstream s;
    s << std::fixed
      << std::setprecision(v == static_cast<double>(static_cast<long long>(v)) ? 0 : 2) << v;
    return s.str();
  }

  const HuntOptions& options_;
  const detect::RuleSet& rules_;
  const Calendar& zone_;
  Output& o_;
  size_t count_ = 0;
  std::set<size_t> rules_fired_;
};

// The zone of log times without an offset: --zone, else the organization's when there is a
// data directory with one, else UTC.
Result<Calendar> HuntZone(const HuntOptions& h, Runtime& env) {
  if (!h.zone.empty()) return Calendar::Create(h.zone);
  // Without records (no data directory yet), App() is kNotFound.
  if (auto app = env.App(); app) return OrgCalendar(**app);
  return Calendar::Create("UTC");
}

Result<void> Hunt(HuntOptions h, Runtime& env) {
  Output& o = env.out();
  if (o.json) h.format = "json";
  if (h.format != "table" && h.format != "json" && h.format != "csv") {
    return Fail(ErrorCode::kUsage,
                Msg("cli.bad_choice", {{"value", h.format}, {"allowed", "table, json, csv"}}));
  }
  auto log_format = detect::ParseFormat(h.log_format);
  if (!log_format) {
    return Fail(ErrorCode::kUsage,
                Msg("cli.bad_choice",
                    {{"value", h.log_format}, {"allowed", "auto, syslog, json, access"}}));
  }
  if (!core::AlertLevelRank(h.min_level)) {
    return Fail(ErrorCode::kUsage,
                Msg("cli.bad_choice", {{"value", h.min_level},
                                       {"allowed", "informational, low, medium, high, critical"}}));
  }
  ASSIGN_OR_RETURN(auto source, ParseLogSource(h.logsource));
  ASSIGN_OR_RETURN(Calendar zone, HuntZone(h, env));
  ASSIGN_OR_RETURN(app::LoadedRules loaded, LoadRules(h.rules));
  if (loaded.set->rules().empty()) {
    PrintProblems(loaded.problems, o, o.err);
    return Fail(ErrorCode::kInvalidInput, Msg("cli.hunt_no_rules"));
  }
  if (!loaded.problems.empty()) {
    o.err << Render(
                 Msg("cli.hunt_rules_skipped", {{"count", std::to_string(loaded.problems.size())}}),
                 o.lang)
          << "\n";
  }
  int year = h.year;
  std::optional<Timestamp> not_after;
  if (year == 0) {  // this year, unless that puts the log in the future
    not_after = platform::SystemClock().Now();
    Day today(std::chrono::floor<std::chrono::days>(*not_after));
    year = static_cast<int>(today.year());
  }

  // Every file must open before anything is printed, so a missing one leaves no half document
  // (each is opened again in turn below: a hunt may cover more files than may be open at once).
  for (const std::string& path : h.files) {
    ASSIGN_OR_RETURN(platform::LineReader reader, platform::LineReader::Open(path));
  }
  auto started = std::chrono::steady_clock::now();
  bool progress = !o.json && h.format != "json" && ::isatty(STDERR_FILENO) == 1;
  app::LogStream stream(loaded.set);
  Printer printer(h, *loaded.set, zone, o);
  printer.Begin();
  std::vector<FileSpan> files;
  std::vector<detect::Detection> found;
  for (const std::string& path : h.files) {
    ASSIGN_OR_RETURN(platform::LineReader reader, platform::LineReader::Open(path));
    files.push_back({path, stream.lines() + 1});
    detect::DecodeOptions options;
    options.format = *log_format;
    options.year = year;
    options.not_after = not_after;
    options.zone = zone;
    options.source = source;
    stream.Begin(std::move(options));
    std::string_view line;
    auto last_report = started;
    while (true) {
      ASSIGN_OR_RETURN(bool more, reader.Next(line));
      if (!more) break;
      found.clear();
      stream.Feed(line, found);
      if (progress && !found.empty()) o.err << "\r\033[K" << std::flush;
      for (const detect::Detection& d : found) printer.Finding(d, line, files);
      if (progress && (stream.lines() & 0xFFFF) == 0 && reader.size() > 0) {
        auto now = std::chrono::steady_clock::now();
        if (now - last_report > std::chrono::milliseconds(500)) {
          last_report = now;
          o.err << "\r"
                << Render(
                       Msg("cli.hunt_progress",
                           {{"file", path},
                            {"percent", std::to_string(reader.bytes_read() * 100 / reader.size())},
                            {"lines", std::to_string(stream.lines())}}),
                       o.lang)
                << std::flush;
        }
      }
    }
  }
  if (progress) o.err << "\r\033[K" << std::flush;
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  printer.End(stream, files.size(), seconds);
  return {};
}

}  // namespace

CLI::Option* Repeatable(CLI::Option* o) { return o->allow_extra_args(false); }

void AddRuleOptions(CLI::App& c, RuleOptions& r) {
  Repeatable(c.add_option(
      "--placeholder", r.placeholders,
      "Values of a rule placeholder for the expand modifier: NAME=v1,v2 (repeatable)"));
}

std::vector<Command> DetectCommands() {
  return {
      {"rules", "Sigma detection rules: check which load", nullptr},
      {"rules check", "Load every rule under the directories and list those that cannot run",
       [](CLI::App& c, Runtime& env, Action& run) {
         auto r = std::make_shared<RuleOptions>();
         c.add_option("DIR", r->dirs,
                      "Rule directories or files (.yml, .yaml); 'builtin' (the default) is the "
                      "rules sokuo ships");
         AddRuleOptions(c, *r);
         run = [&env, r]() { return RulesCheck(*r, env.out()); };
       }},
      {"hunt", "Search log files with Sigma rules (auth.log, syslog, journal JSON, access logs)",
       [](CLI::App& c, Runtime& env, Action& run) {
         auto h = std::make_shared<HuntOptions>();
         c.add_option("FILE", h->files, "Log files to search ('-' reads standard input)")
             ->required();
         Repeatable(
             c.add_option("--rules", h->rules.dirs,
                          "Rule directories or files, repeatable; 'builtin' (the default) is "
                          "the rules sokuo ships"));
         c.add_option("--format", h->format, "Output: table, json or csv")->capture_default_str();
         c.add_option("--log-format", h->log_format,
                      "The logs' format: auto, syslog, json or access")
             ->capture_default_str();
         c.add_option("--logsource", h->logsource,
                      "The logs' Sigma log source, e.g. product=linux,service=sshd");
         c.add_option("--zone", h->zone,
                      "Time zone of log times without one (default: the organization's, or UTC)");
         c.add_option("--min-level", h->min_level,
                      "Report rules of this level and above (informational ones only enrich)")
             ->capture_default_str();
         c.add_option("--year", h->year,
                      "Year of syslog lines, which carry none (default: this year)");
         AddRuleOptions(c, h->rules);
         run = [&env, h]() { return Hunt(*h, env); };
       }},
  };
}

}  // namespace sokuo::cli
