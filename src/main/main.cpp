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
#include "cli/incident_commands.h"
#include "cli/user_commands.h"
#include "example_org.h"
#include "http/server.h"
#include "platform/file_blob_store.h"
#include "platform/files.h"
#include "platform/log.h"
#include "platform/sodium.h"
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
    app_ = std::make_unique<app::App>(*store_, clock_, blobs_.get(), &hasher_, &random_);
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
  platform::SodiumRandom random_;
  platform::Argon2Hasher hasher_{platform::PasswordCostFromEnvironment()};
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

struct ServeFlags;
void ServeOptions(CLI::App& c, ServeFlags& f);

struct ServeFlags {
  std::string listen = "127.0.0.1:8080";
  size_t threads = 32;
  std::string tls_cert, tls_key;
  bool allow_remote = false;
};

void ServeOptions(CLI::App& c, ServeFlags& f) {
  c.add_option("--listen", f.listen, "ADDRESS:PORT to listen on (port 0: any free port)")
      ->capture_default_str();
  c.add_option("--tls-cert", f.tls_cert, "TLS certificate (PEM); serve HTTPS");
  c.add_option("--tls-key", f.tls_key, "TLS private key (PEM)");
  c.add_flag("--allow-remote", f.allow_remote,
             "Listen beyond this machine without TLS (passwords would cross the network in clear)");
}

Result<void> Serve(Env& env, const ServeFlags& flags) {
  ASSIGN_OR_RETURN(auto address, ParseListen(flags.listen));
  bool tls = !flags.tls_cert.empty() || !flags.tls_key.empty();
  if (tls && (flags.tls_cert.empty() || flags.tls_key.empty())) {
    return Fail(ErrorCode::kUsage, "--tls-cert and --tls-key go together");
  }
  // Without TLS, passwords and session cookies would cross the network in clear text.
  if (!tls && !IsLoopback(address.first) && !flags.allow_remote) {
    return Fail(ErrorCode::kUsage,
                "without TLS sokuo listens on this machine only: use "
                "--tls-cert and --tls-key, or --allow-remote to insist");
  }
  size_t threads = flags.threads;
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
                             .version = SOKUO_VERSION,
                             .tls_cert = flags.tls_cert,
                             .tls_key = flags.tls_key});
  ASSIGN_OR_RETURN(int port, server.Bind());
  std::string host =
      address.first.find(':') != std::string::npos ? "[" + address.first + "]" : address.first;
  std::string url = std::string(tls ? "https" : "http") + "://" + host + ":" + std::to_string(port);
  platform::Log(platform::LogLevel::kInfo, "server.start",
                {{"url", url}, {"data", env.globals().data}, {"threads", std::to_string(threads)}});
  if (!tls) {
    platform::Log(
        platform::LogLevel::kWarn, IsLoopback(address.first) ? "server.loopback" : "server.exposed",
        {{"message", IsLoopback(address.first)
                         ? "no TLS: listening on this machine only"
                         : "no TLS, and listening beyond this machine (--allow-remote)"}});
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

using IncidentRun = std::function<Result<void>(app::App&, const cli::IncidentFlags&,
                                               const app::Actor&, cli::Output&)>;
using IncidentOptions = std::function<void(CLI::App&, cli::IncidentFlags&)>;

// An `incident …` row: `options` declares the command's flags (KEY first when it takes one),
// `run` is its cli/ function. Writes resolve the acting person (--as); reads do not need one.
Command IncidentCommand(const char* path, const char* summary, bool writes,
                        const IncidentOptions& options, const IncidentRun& run) {
  return {path, summary,
          [writes, options, run](CLI::App& c, Env& env, std::function<Result<void>()>& action) {
            auto flags = std::make_shared<cli::IncidentFlags>();
            options(c, *flags);
            action = [&env, writes, run, flags]() -> Result<void> {
              ASSIGN_OR_RETURN(app::App * app, env.App());
              app::Actor actor;
              if (writes) {
                ASSIGN_OR_RETURN(actor, env.Actor());
              }
              return run(*app, *flags, actor, env.out());
            };
          }};
}

void Key(CLI::App& c, cli::IncidentFlags& f) {
  c.add_option("KEY", f.key, "Incident key, e.g. INC-2026-0001")->required();
}
void From(CLI::App& c, cli::IncidentFlags& f) {
  c.add_option("--from", f.from,
               "Read the request body (JSON, as the API takes it) from FILE or -");
}

std::vector<Command> IncidentCommands() {
  using F = cli::IncidentFlags;
  auto read = [](auto fn) {
    return [fn](app::App& a, const F& f, const app::Actor&, cli::Output& o) { return fn(a, f, o); };
  };
  return {
      {"incident",
       "Security emergencies (G4): report, triage, committee, measures, recovery, review", nullptr},
      IncidentCommand(
          "incident report", "Report an emergency: a title is enough (G3.3)", true,
          [](CLI::App& c, F& f) {
            c.add_option("--title", f.title, "What happened, in a few words")->required();
            c.add_option("--summary", f.summary, "More detail");
            c.add_option("--system", f.systems, "An affected system (repeat)");
            c.add_option("--affected-department", f.departments, "An affected department (repeat)");
            c.add_option("--department", f.department, "The reporting department (default: yours)");
            c.add_option("--harm", f.harm,
                         "Harm to customers/partners: unknown, none, possible, serious");
            c.add_option("--harm-note", f.harm_note, "What the harm is");
            c.add_option("--detection", f.detection,
                         "user_report, is_detection, alert, outside_notice");
            c.add_option("--tlp", f.tlp, "clear, green, amber, amber+strict, red");
            c.add_option("--category", f.category, "e.g. intrusions, malicious-code, availability");
            c.add_flag("--restricted", f.restricted,
                       "Need-to-know: participants, committee and IS only");
            From(c, f);
          },
          cli::IncidentReport),
      IncidentCommand(
          "incident list", "List incidents, newest first", false,
          [](CLI::App& c, F& f) {
            c.add_option("--state", f.state, "Only this state");
            c.add_option("--priority", f.priority, "Only p1, p2, p3 or p4");
            c.add_flag("--open", f.open, "Only incidents not closed or dismissed");
            c.add_option("--system", f.system, "Only those affecting this system");
            c.add_option("--department", f.department, "Only those of this department");
            c.add_option("--limit", f.limit, "Page size")->check(CLI::Range(1, 500));
            c.add_option("--offset", f.offset, "Skip this many");
          },
          read(cli::IncidentList)),
      IncidentCommand("incident show", "Show an incident with its records and what it needs next",
                      false, Key, read(cli::IncidentShow)),
      IncidentCommand(
          "incident update", "Change title, summary, systems, harm, TLP, category", true,
          [](CLI::App& c, F& f) {
            Key(c, f);
            c.add_option("--title", f.title, "New title");
            c.add_option("--summary", f.summary, "New summary");
            c.add_option("--system", f.systems, "Affected systems (replaces the list)");
            c.add_option("--affected-department", f.departments, "Affected departments (replaces)");
            c.add_option("--harm", f.harm, "unknown, none, possible, serious");
            c.add_option("--harm-note", f.harm_note, "What the harm is");
            c.add_option("--category", f.category, "Category");
            c.add_option("--tlp", f.tlp, "TLP label");
            c.add_flag("--restricted", f.restricted, "Make it need-to-know");
            From(c, f);
          },
          cli::IncidentUpdate),
      IncidentCommand(
          "incident triage", "Confirm the report, or --dismiss it with a --reason (G3.2)", true,
          [](CLI::App& c, F& f) {
            Key(c, f);
            c.add_flag("--dismiss", f.dismiss, "Dismiss instead of confirming");
            c.add_option("--reason", f.reason, "Why (required to dismiss)");
            c.add_option("--category", f.category, "Set the category");
          },
          cli::IncidentTriage),
      IncidentCommand(
          "incident priority", "Override the computed priority, with a reason (G4.3.1)", true,
          [](CLI::App& c, F& f) {
            Key(c, f);
            c.add_option("PRIORITY", f.priority, "p1, p2, p3 or p4")->required();
            c.add_option("--reason", f.reason, "Why")->required();
          },
          cli::IncidentPriority),
      IncidentCommand(
          "incident convene", "Ask for the committee (G4.3.2a); with --held, record that it met",
          true,
          [](CLI::App& c, F& f) {
            Key(c, f);
            c.add_flag("--held", f.held, "Record the meeting instead of requesting it");
            c.add_option("--at", f.at, "When it met (RFC 3339; default now)");
            c.add_option("--attendee", f.attendees, "A person who attended (repeat)");
          },
          cli::IncidentConvene),
      IncidentCommand(
          "incident decide", "Record a committee decision (G3.1)", true,
          [](CLI::App& c, F& f) {
            Key(c, f);
            c.add_option("--kind", f.kind,
                         "policy, approval, instruction, press, agency_contact, other")
                ->required();
            c.add_option("--text", f.text, "The decision")->required();
            c.add_option("--by", f.by, "The committee member who decided")->required();
            c.add_option("--at", f.at, "When (default now)");
            c.add_option("--department", f.departments, "An instructed department (repeat)");
          },
          cli::IncidentDecide),
      IncidentCommand(
          "incident contact", "Log a contact; outside parties need --approved-by DECISION", true,
          [](CLI::App& c, F& f) {
            Key(c, f);
            c.add_option("--audience", f.audience,
                         "internal, pr, customer, partner, police, csirt, ipa, regulator, press")
                ->required();
            c.add_option("--contact", f.contact, "External contact id, or department id")
                ->required();
            c.add_option("--summary", f.summary, "What was said")->required();
            c.add_option("--channel", f.channel, "phone, email, web, fax, post, other");
            c.add_option("--by", f.by, "Who made the contact (default: you)");
            c.add_option("--at", f.at, "When (default now)");
            c.add_option("--approved-by", f.approved_by, "The committee decision that approved it");
            c.add_option("--follow-up", f.follow_up, "Follow-up due (YYYY-MM-DD)");
          },
          cli::IncidentContact),
      IncidentCommand(
          "incident task", "Add an emergency measure (G4.3.3); with --id, update one", true,
          [](CLI::App& c, F& f) {
            Key(c, f);
            c.add_option("--id", f.id, "Update this measure instead of adding one");
            c.add_option("--kind", f.kind,
                         "isolate_network, monitor_host, shutdown_host, alternative_means, "
                         "customer_measures, other");
            c.add_option("--title", f.title, "What to do");
            c.add_option("--department", f.department, "Responsible department");
            c.add_option("--assignee", f.assignee, "Responsible person");
            c.add_option("--system", f.system, "The system it acts on");
            c.add_option("--due", f.due, "Due (RFC 3339)");
            c.add_option("--status", f.status, "open, in_progress, done, cancelled, reverted");
            c.add_option("--result", f.result, "What came of it");
            c.add_option("--revert-reason", f.revert_reason, "Why it was reverted");
          },
          cli::IncidentTask),
      IncidentCommand(
          "incident assess", "Record the damage assessment (G4.3.4); --from for leaks", true,
          [](CLI::App& c, F& f) {
            Key(c, f);
            c.add_option("--kind", f.kinds,
                         "leak, tampering, destruction, unavailability (repeat)");
            c.add_option("--scope", f.scope, "Extent of the damage");
            c.add_option("--system", f.systems, "A damaged system (repeat)");
            c.add_option("--first-seen", f.first_seen, "RFC 3339");
            c.add_option("--last-seen", f.last_seen, "RFC 3339");
            c.add_option("--route", f.route, "Intrusion route");
            c.add_option("--method", f.method, "Method");
            c.add_option("--attacker", f.attacker, "Attacker, if identified");
            c.add_flag("--spread-outside", f.spread_outside,
                       "The damage reached outside the company");
            c.add_option("--note", f.note, "About the spread");
            From(c, f);
          },
          cli::IncidentAssess),
      IncidentCommand(
          "incident recover", "Set an affected system's recovery status (G4.3.5)", true,
          [](CLI::App& c, F& f) {
            Key(c, f);
            c.add_option("SYSTEM", f.system, "The system")->required();
            c.add_option("STATUS", f.status, "down, restoring, restored, degraded")->required();
            c.add_option("--note", f.note, "Note");
          },
          cli::IncidentRecover),
      IncidentCommand(
          "incident review", "After the response (G4.4): --finding, --prevention or --backdoor",
          true,
          [](CLI::App& c, F& f) {
            Key(c, f);
            c.add_option("--finding", f.finding, "technical or social, with --text");
            c.add_option("--text", f.text, "The finding");
            c.add_option("--system", f.system, "The system a finding is about");
            c.add_option("--prevention", f.prevention,
                         "A prevention measure, with --owner and --due");
            c.add_option("--owner", f.owner, "Who carries the measure out");
            c.add_option("--due", f.due, "By when (YYYY-MM-DD)");
            c.add_option("--backdoor", f.backdoor,
                         "SYSTEM:ITEM=RESULT, e.g. order-system:added_users=clean");
            c.add_option("--note", f.note, "What was found");
          },
          cli::IncidentReview),
      IncidentCommand(
          "incident evidence", "Attach a file, such as the access log (G4.4.3)", true,
          [](CLI::App& c, F& f) {
            Key(c, f);
            c.add_option("FILE", f.file, "The file")->required();
            c.add_option("--kind", f.kind, "access_log, screenshot, report, other");
            c.add_option("--name", f.name, "Name (default: the file name)");
            c.add_option("--system", f.system, "The system it comes from");
          },
          cli::IncidentEvidence),
      IncidentCommand(
          "incident transition", "Move to another state; a refusal lists what is missing", true,
          [](CLI::App& c, F& f) {
            Key(c, f);
            c.add_option("STATE", f.state,
                         "triaged, convened, containing, assessing, recovering, reviewing, closed, "
                         "dismissed")
                ->required();
            c.add_option("--reason", f.reason, "Required to reopen");
          },
          cli::IncidentTransition),
      IncidentCommand("incident timeline", "The incident's journal entries in order", false, Key,
                      read(cli::IncidentTimeline)),
  };
}

void UserChange(CLI::App& c, Env& env, std::function<Result<void>()>& run, cli::UserChange change) {
  auto person = std::make_shared<std::string>();
  c.add_option("PERSON", *person, "Person id")->required();
  run = [&env, person, change]() -> Result<void> {
    ASSIGN_OR_RETURN(app::App * app, env.App());
    ASSIGN_OR_RETURN(app::Actor actor, env.Actor());
    return cli::UserUpdate(*app, *person, change, actor, env.out());
  };
}

std::vector<Command> Commands() {
  return {
      {"init", "Create the data directory and database; import an organization file",
       [](CLI::App& c, Env& env, auto& run) {
         auto org = std::make_shared<std::string>();
         auto admin = std::make_shared<std::string>();
         auto password_file = std::make_shared<std::string>();
         c.add_option("--org", *org, "Organization file (YAML) to import");
         c.add_option(
             "--admin", *admin,
             "Person who becomes the first administrator (default: the IS department's head)");
         c.add_option(
             "--admin-password-file", *password_file,
             "Read the administrator's password from FILE instead of printing a one-time one");
         run = [&env, org, admin, password_file]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App(/*create=*/true));
           if (!org->empty()) {
             ASSIGN_OR_RETURN(app::Actor actor, env.Actor());
             TRY(cli::OrgImport(*app, *org, actor, env.out()));
             TRY(cli::FirstAdministrator(*app, *admin, *password_file, actor, env.out()));
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
         auto f = std::make_shared<ServeFlags>();
         ServeOptions(c, *f);
         c.add_option("--threads", f->threads, "Worker threads (one per concurrent connection)")
             ->capture_default_str()
             ->check(CLI::Range(1, 1024));
         run = [&env, f] { return Serve(env, *f); };
       }},
      {"demo", "Load the built-in example company (when the data directory is empty) and serve",
       [](CLI::App& c, Env& env, auto& run) {
         auto f = std::make_shared<ServeFlags>();
         ServeOptions(c, *f);
         run = [&env, f]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App(/*create=*/true));
           ASSIGN_OR_RETURN(core::Organization org, app->Organization());
           if (org.company.name.empty()) {
             ASSIGN_OR_RETURN(app::Actor actor, env.Actor());
             TRY(cli::OrgImportText(*app, kExampleOrgYaml, "example org.yaml", actor, env.out()));
             TRY(cli::FirstAdministrator(*app, "", "", actor, env.out()));
           }
           return Serve(env, *f);
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
      {"user", "Accounts: add, passwd, disable, enable, unlock, list, token", nullptr},
      {"user add", "Give a person an account; prints a one-time password unless --password-file",
       [](CLI::App& c, Env& env, auto& run) {
         auto f = std::make_shared<cli::UserFlags>();
         c.add_option("PERSON", f->person, "Person id from the organization")->required();
         c.add_option("--role", f->roles,
                      "administrator or auditor (repeat); the rest comes from the org file");
         c.add_option("--password-file", f->password_file, "Read the password from FILE");
         run = [&env, f]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App());
           ASSIGN_OR_RETURN(app::Actor actor, env.Actor());
           return cli::UserAdd(*app, *f, actor, env.out());
         };
       }},
      {"user passwd", "Set a new password (one-time unless --password-file); ends every session",
       [](CLI::App& c, Env& env, auto& run) {
         auto f = std::make_shared<cli::UserFlags>();
         c.add_option("PERSON", f->person, "Person id")->required();
         c.add_option("--password-file", f->password_file, "Read the password from FILE");
         run = [&env, f]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App());
           ASSIGN_OR_RETURN(app::Actor actor, env.Actor());
           return cli::UserPasswd(*app, *f, actor, env.out());
         };
       }},
      {"user disable", "Disable an account and end its sessions",
       [](CLI::App& c, Env& env, auto& run) {
         UserChange(c, env, run, cli::UserChange::kDisable);
       }},
      {"user enable", "Enable a disabled account",
       [](CLI::App& c, Env& env, auto& run) { UserChange(c, env, run, cli::UserChange::kEnable); }},
      {"user unlock", "Lift the lock after too many failed logins",
       [](CLI::App& c, Env& env, auto& run) { UserChange(c, env, run, cli::UserChange::kUnlock); }},
      {"user list", "List accounts with their roles",
       [](CLI::App&, Env& env, auto& run) {
         run = [&env]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App());
           ASSIGN_OR_RETURN(app::Actor actor, env.Actor());
           return cli::UserList(*app, actor, env.out());
         };
       }},
      {"user token", "Create an API token for a person (shown once)",
       [](CLI::App& c, Env& env, auto& run) {
         auto f = std::make_shared<cli::UserFlags>();
         c.add_option("PERSON", f->person, "Person id")->required();
         c.add_option("--name", f->token_name, "What the token is for")->required();
         c.add_option("--scope", f->scope, "read, write or ingest")->capture_default_str();
         c.add_option("--days", f->days, "Days until it expires")->capture_default_str();
         run = [&env, f]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App());
           ASSIGN_OR_RETURN(app::Actor actor, env.Actor());
           return cli::UserToken(*app, *f, actor, env.out());
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
  if (!platform::InitSodium()) {
    std::cerr << "sokuo: libsodium cannot be initialised\n";
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
  root.add_option("--as", globals.as, "Act as this person of the organization (journal actor)");
  root.add_flag("--json", globals.json, "Machine-readable output on stdout");

  Env env(globals);
  std::vector<Command> commands = Commands();
  for (Command& c : IncidentCommands()) commands.push_back(std::move(c));
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
