// sokuo's entry point: parses the command line (one table drives the dispatch and the help),
// builds the real objects and starts the server loop. No logic of its own.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <functional>
#include <iostream>
#include <optional>
#include <thread>

#include <CLI/CLI.hpp>

#include "app/app.h"
#include "cli/commands.h"
#include "example_org.h"
#include "http/server.h"
#include "platform/file_blob_store.h"
#include "platform/files.h"
#include "platform/log.h"
#include "platform/system_clock.h"
#include "store/sqlite/sqlite_store.h"

namespace sokuo {
namespace {

struct Globals {
  std::string data = "./var";
  std::string as;
  bool json = false;
};

// Opens what a command needs, once, and only when it needs it.
class Env {
 public:
  explicit Env(Globals& g) : g_(g), output_{false, std::cout, std::cerr} {}

  cli::Output& out() {
    output_.json = g_.json;
    return output_;
  }
  std::string DbPath() const { return g_.data + "/sokuo.db"; }

  // `create`: make the data directory and database when missing (init, demo).
  Result<app::App*> App(bool create = false) {
    if (app_) return app_.get();
    if (!create && !platform::Exists(DbPath())) {
      return Fail(ErrorCode::kNotFound, "no sokuo data in " + g_.data +
                                            " (run 'sokuo init' first, or point --data or "
                                            "SOKUO_DATA at the right directory)");
    }
    TRY(platform::EnsureDirectory(g_.data));
    ASSIGN_OR_RETURN(store_, store::SqliteStore::Open({.path = DbPath()}));
    blobs_ = std::make_unique<platform::FileBlobStore>(g_.data + "/evidence");
    app_ = std::make_unique<app::App>(*store_, clock_, blobs_.get());
    return app_.get();
  }
  Result<app::Actor> Actor() {
    ASSIGN_OR_RETURN(app::App * app, App());
    return cli::ResolveActor(*app, g_.as);
  }
  const Globals& globals() const { return g_; }

 private:
  Globals& g_;
  cli::Output output_;
  platform::SystemClock clock_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<platform::FileBlobStore> blobs_;
  std::unique_ptr<app::App> app_;
};

Result<std::pair<std::string, int>> ParseListen(const std::string& listen) {
  auto colon = listen.rfind(':');
  std::string host = colon == std::string::npos ? "" : listen.substr(0, colon);
  std::string port_text = colon == std::string::npos ? listen : listen.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  int port = -1;
  try {
    size_t used = 0;
    port = std::stoi(port_text, &used);
    if (used != port_text.size()) port = -1;
  } catch (const std::exception&) {
    port = -1;
  }
  if (host.empty() || port < 0 || port > 65535) {
    return Fail(ErrorCode::kUsage, "--listen wants ADDRESS:PORT, such as 127.0.0.1:8080");
  }
  return std::pair{host, port};
}

bool IsLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

Result<void> Serve(Env& env, const std::string& listen, size_t threads) {
  ASSIGN_OR_RETURN(auto address, ParseListen(listen));
  ASSIGN_OR_RETURN(app::App * app, env.App());
  ASSIGN_OR_RETURN(core::Organization org, app->Organization());

  // Signals go to one thread that stops the server; handler threads never see them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  http::Server server(*app, {.host = address.first,
                             .port = address.second,
                             .threads = threads,
                             .version = SOKUO_VERSION});
  ASSIGN_OR_RETURN(int port, server.Bind());
  std::string host =
      address.first.find(':') != std::string::npos ? "[" + address.first + "]" : address.first;
  std::string url = "http://" + host + ":" + std::to_string(port);
  platform::Log(platform::LogLevel::kInfo, "server.start",
                {{"url", url}, {"data", env.globals().data}, {"threads", std::to_string(threads)}});
  if (!IsLoopback(address.first)) {
    platform::Log(platform::LogLevel::kWarn, "server.exposed",
                  {{"message", "listening beyond this machine without TLS or login"}});
  }
  cli::ServeBanner(org.company.name, url, SOKUO_VERSION, env.out());

  // The waiter polls so that it also ends when the server stops for another reason.
  std::atomic<bool> running{true};
  std::thread waiter([&] {
    const timespec tick{0, 200L * 1000 * 1000};
    while (running.load()) {
      if (sigtimedwait(&signals, nullptr, &tick) > 0) {
        server.Stop();
        return;
      }
    }
  });
  Result<void> ran = server.Run();
  running.store(false);
  waiter.join();
  platform::Log(platform::LogLevel::kInfo, "server.stop", {});
  return ran;
}

struct Command {
  const char* path;     // "org import"; a group has no run
  const char* summary;  // the help line
  std::function<void(CLI::App&, Env&, std::function<Result<void>()>&)> setup;
};

std::vector<Command> Commands() {
  return {
      {"init", "Create the data directory and database; import an organization file",
       [](CLI::App& c, Env& env, auto& run) {
         auto org = std::make_shared<std::string>();
         c.add_option("--org", *org, "Organization file (YAML) to import");
         run = [&env, org]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App(/*create=*/true));
           if (!org->empty()) {
             ASSIGN_OR_RETURN(app::Actor actor, env.Actor());
             TRY(cli::OrgImport(*app, *org, actor, env.out()));
           }
           if (!env.out().json) {
             env.out().err << "sokuo data is in " << env.globals().data << "\n"
                           << "next: sokuo --data " << env.globals().data
                           << (org->empty() ? " org import examples/org.yaml" : " serve") << "\n";
           }
           return {};
         };
       }},
      {"serve", "Serve the API (and later the web UI)",
       [](CLI::App& c, Env& env, auto& run) {
         auto listen = std::make_shared<std::string>("127.0.0.1:8080");
         auto threads = std::make_shared<size_t>(32);
         c.add_option("--listen", *listen, "ADDRESS:PORT to listen on (port 0: any free port)")
             ->capture_default_str();
         c.add_option("--threads", *threads, "Worker threads (one per concurrent connection)")
             ->capture_default_str()
             ->check(CLI::Range(1, 1024));
         run = [&env, listen, threads] { return Serve(env, *listen, *threads); };
       }},
      {"demo", "Load the built-in example company (when the data directory is empty) and serve",
       [](CLI::App& c, Env& env, auto& run) {
         auto listen = std::make_shared<std::string>("127.0.0.1:8080");
         c.add_option("--listen", *listen, "ADDRESS:PORT to listen on")->capture_default_str();
         run = [&env, listen]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App(/*create=*/true));
           ASSIGN_OR_RETURN(core::Organization org, app->Organization());
           if (org.company.name.empty()) {
             ASSIGN_OR_RETURN(app::Actor actor, env.Actor());
             TRY(cli::OrgImportText(*app, kExampleOrgYaml, "example org.yaml", actor, env.out()));
           }
           return Serve(env, *listen, 32);
         };
       }},
      {"org", "The organization as code: validate, import, export, show", nullptr},
      {"org validate", "Check an organization file and list every problem with its position",
       [](CLI::App& c, Env& env, auto& run) {
         auto file = std::make_shared<std::string>();
         c.add_option("FILE", *file, "Organization file (YAML)")->required();
         run = [&env, file] { return cli::OrgValidate(*file, env.out()); };
       }},
      {"org import", "Import an organization file; nothing is written unless it is all valid",
       [](CLI::App& c, Env& env, auto& run) {
         auto file = std::make_shared<std::string>();
         c.add_option("FILE", *file, "Organization file (YAML)")->required();
         run = [&env, file]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App());
           ASSIGN_OR_RETURN(app::Actor actor, env.Actor());
           return cli::OrgImport(*app, *file, actor, env.out());
         };
       }},
      {"org export", "Write the organization as YAML (to FILE, or to stdout)",
       [](CLI::App& c, Env& env, auto& run) {
         auto file = std::make_shared<std::string>();
         c.add_option("FILE", *file, "Where to write; '-' or nothing for stdout");
         run = [&env, file]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App());
           return cli::OrgExport(*app, *file, env.out());
         };
       }},
      {"org show", "Summarize the organization: departments, roles, systems by tier",
       [](CLI::App&, Env& env, auto& run) {
         run = [&env]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App());
           return cli::OrgShow(*app, env.out());
         };
       }},
      {"journal", "The tamper-evident work record: verify, head, list", nullptr},
      {"journal verify", "Recompute the hash chain and check every journaled table against it",
       [](CLI::App&, Env& env, auto& run) {
         run = [&env]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App());
           return cli::JournalVerify(*app, env.out());
         };
       }},
      {"journal head", "Print the newest entry's number and hash (write it down elsewhere)",
       [](CLI::App&, Env& env, auto& run) {
         run = [&env]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App());
           return cli::JournalHead(*app, env.out());
         };
       }},
      {"journal list", "List journal entries in order",
       [](CLI::App& c, Env& env, auto& run) {
         auto after = std::make_shared<int64_t>(0);
         auto limit = std::make_shared<size_t>(100);
         auto subject = std::make_shared<std::string>();
         c.add_option("--after", *after, "Only entries after this sequence number");
         c.add_option("--limit", *limit, "At most this many entries")->check(CLI::Range(1, 500));
         c.add_option("--subject", *subject, "Only entries about this subject (org, INC-...)");
         run = [&env, after, limit, subject]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App());
           return cli::JournalList(*app, *after, *limit, *subject, env.out());
         };
       }},
      {"version", "Print the version",
       [](CLI::App&, Env& env, auto& run) {
         run = [&env]() -> Result<void> {
           cli::Version(SOKUO_VERSION, env.out());
           return {};
         };
       }},
  };
}

int Main(int argc, char** argv) {
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
  root.add_option("--as", globals.as, "Act as this person of the organization (journal actor)");
  root.add_flag("--json", globals.json, "Machine-readable output on stdout");

  Env env(globals);
  std::vector<Command> commands = Commands();
  // Each command's action; the one whose subcommand was given runs after parsing.
  std::vector<std::pair<CLI::App*, std::function<Result<void>()>>> actions;
  actions.reserve(commands.size());
  std::map<std::string, CLI::App*> nodes{{"", &root}};
  for (Command& c : commands) {
    std::string path = c.path;
    auto space = path.rfind(' ');
    std::string parent = space == std::string::npos ? "" : path.substr(0, space);
    std::string name = space == std::string::npos ? path : path.substr(space + 1);
    CLI::App* sub = nodes.at(parent)->add_subcommand(name, c.summary);
    sub->fallthrough();
    nodes[path] = sub;
    if (c.setup) {
      actions.emplace_back(sub, nullptr);
      c.setup(*sub, env, actions.back().second);
    } else {
      sub->require_subcommand(1);
    }
  }

  try {
    root.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = root.exit(e);
    return code == 0 ? 0 : Info(ErrorCode::kUsage).exit_code;
  }
  platform::InitLogging(platform::LogFormat::kAuto);
  std::function<Result<void>()> run;
  for (auto& [sub, action] : actions) {
    if (sub->parsed()) run = action;
  }
  if (!run) return Info(ErrorCode::kUsage).exit_code;
  Result<void> result = run();
  if (!result) return cli::ReportError(result.error(), env.out());
  return 0;
}

}  // namespace
}  // namespace sokuo

int main(int argc, char** argv) { return sokuo::Main(argc, argv); }
