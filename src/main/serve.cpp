// The commands that build the process: init (data directory, organization, first
// administrator), serve and demo (the HTTP server until a signal), version.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/user_commands.h"
#include "example_org.h"
#include "http/server.h"
#include "main/runtime.h"
#include "platform/files.h"
#include "platform/log.h"
#include "platform/syslog_listener.h"

namespace sokuo {
namespace {

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
    return Fail(ErrorCode::kUsage, Msg("serve.bad_listen", {{"value", listen}}), "--listen");
  }
  return std::pair{host, port};
}

bool IsLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

struct ServeFlags {
  std::string listen = "127.0.0.1:8080";
  size_t threads = 32;
  std::string tls_cert, tls_key;
  bool allow_remote = false;
  int head_timeout = 10;
  size_t connections_per_address = 64;
  int event_poll = 1;  // seconds
  // G4.2.3: log monitoring.
  cli::RuleOptions rules;
  std::string syslog_udp, syslog_tcp;
  std::string incident_level = "high";
  std::string alert_level = "low";
  int alert_window_hours = 24;
  std::vector<std::string> alert_rules;  // RULE=incident|alert|ignore
  size_t ingest_queue = 65536;
};

void ServeOptions(CLI::App& c, ServeFlags& f) {
  c.add_option("--listen", f.listen, "ADDRESS:PORT to listen on (port 0: any free port)")
      ->capture_default_str();
  c.add_option("--tls-cert", f.tls_cert, "TLS certificate (PEM); serve HTTPS");
  c.add_option("--tls-key", f.tls_key, "TLS private key (PEM)");
  c.add_flag("--allow-remote", f.allow_remote,
             "Listen beyond this machine without TLS (passwords would cross the network in clear)");
  c.add_option("--head-timeout", f.head_timeout,
               "Seconds a client has to send a request's headers (and to start the next one)")
      ->capture_default_str()
      ->check(CLI::Range(1, 600));
  c.add_option("--connections-per-address", f.connections_per_address,
               "Open connections allowed from one client address")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  c.add_option("--event-poll", f.event_poll,
               "Seconds between live updates' looks for writes nobody announced (the command "
               "line's on SQLite; everything at a PostgreSQL standby); the rest arrive at once")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  cli::Repeatable(c.add_option("--rules", f.rules.dirs,
                               "Sigma rules for the logs received: a directory, or builtin (the "
                               "rules sokuo ships; the default) (repeatable)"));
  cli::AddRuleOptions(c, f.rules);
  c.add_option("--syslog-udp", f.syslog_udp,
               "ADDRESS:PORT to receive syslog over UDP (e.g. 0.0.0.0:514)");
  c.add_option("--syslog-tcp", f.syslog_tcp,
               "ADDRESS:PORT to receive syslog over TCP (octet counting or one line per message)");
  c.add_option("--alert-incident-level", f.incident_level,
               "Alerts of this level or above become incidents: informational, low, medium, high, "
               "critical or none")
      ->capture_default_str()
      ->check(CLI::IsMember({"informational", "low", "medium", "high", "critical", "none"}));
  c.add_option("--alert-min-level", f.alert_level,
               "Detections below this level are not kept as alerts")
      ->capture_default_str()
      ->check(CLI::IsMember({"informational", "low", "medium", "high", "critical"}));
  c.add_option("--alert-window", f.alert_window_hours,
               "Hours within which detections of one group are one alert, and alerts one incident")
      ->capture_default_str()
      ->check(CLI::Range(1, 24 * 30));
  cli::Repeatable(c.add_option("--alert-rule", f.alert_rules,
                               "What a rule's alerts do, overriding the level: RULE-ID=incident, "
                               "alert or ignore (repeatable)"));
  c.add_option("--ingest-queue", f.ingest_queue,
               "Log lines that may wait for the rules; more are refused and counted")
      ->capture_default_str()
      ->check(CLI::Range(1000, 10000000));
}

// The rules and the alert policy the server runs the logs it receives through.
Result<app::DetectionOptions> DetectionOptionsOf(const ServeFlags& f) {
  app::DetectionOptions o;
  o.policy.incident_level = f.incident_level;
  o.policy.alert_level = f.alert_level;
  o.policy.window = std::chrono::hours(f.alert_window_hours);
  o.queue_lines = f.ingest_queue;
  for (const std::string& r : f.alert_rules) {
    size_t eq = r.rfind('=');
    auto action =
        eq == std::string::npos ? std::nullopt : core::kAlertActions.Parse(r.substr(eq + 1));
    if (eq == 0 || !action) {
      return Fail(ErrorCode::kUsage, Msg("serve.bad_alert_rule", {{"value", r}}), "--alert-rule");
    }
    o.policy.rules[r.substr(0, eq)] = *action;
  }
  return o;
}

Result<void> Serve(cli::Runtime& env, const ServeFlags& flags) {
  ASSIGN_OR_RETURN(auto address, ParseListen(flags.listen));
  bool tls = !flags.tls_cert.empty() || !flags.tls_key.empty();
  if (tls && (flags.tls_cert.empty() || flags.tls_key.empty())) {
    return Fail(ErrorCode::kUsage, Msg("serve.tls_pair"));
  }
  // Without TLS, passwords and session cookies would cross the network in clear text.
  if (!tls && !IsLoopback(address.first) && !flags.allow_remote) {
    return Fail(ErrorCode::kUsage, Msg("serve.remote_needs_tls", {{"address", flags.listen}}));
  }
  size_t threads = flags.threads;
  ASSIGN_OR_RETURN(app::App * app, env.App());
  // One server per data directory (the CLI may still work beside it): held until the process
  // ends, so a second `sokuo serve` is refused rather than serving the same data twice.
  std::string holder;
  ASSIGN_OR_RETURN(std::optional<platform::FileLock> serving,
                   platform::FileLock::TryAcquire(env.data_dir() + "/serve.lock", holder));
  if (!serving) {
    return Fail(ErrorCode::kConflict,
                Msg("serve.already_running",
                    {{"dir", env.data_dir()}, {"pid", holder.empty() ? "?" : holder}}));
  }
  // This server's name on its claims of deliveries: the same after a restart (its claims are
  // its own again at once), another for every other server (each has its data directory).
  char host_name[256] = {};
  ::gethostname(host_name, sizeof host_name - 1);
  app->notifications().SetSender(
      std::string(host_name) + ":" +
      std::filesystem::absolute(env.data_dir()).lexically_normal().string());
  ASSIGN_OR_RETURN(auto snapshot, app->organization().Current());
  const core::Organization& org = *snapshot;
  ASSIGN_OR_RETURN(app::DetectionOptions detection, DetectionOptionsOf(flags));
  ASSIGN_OR_RETURN(app::LoadedRules rules, cli::LoadRules(flags.rules));
  platform::Log(platform::LogLevel::kInfo, "detect.rules",
                {{"rules", std::to_string(rules.set->rules().size())},
                 {"problems", std::to_string(rules.problems.size())}});
  app->detection().Configure(std::move(rules), std::move(detection));
  // Signals go to one thread that stops the server; handler threads never see them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  platform::SyslogListener syslog({.udp = flags.syslog_udp, .tcp = flags.syslog_tcp},
                                  [app](std::string_view message, std::string_view peer) {
                                    // The sender is its address: the port changes with
                                    // every connection.
                                    std::string_view sender = peer.substr(0, peer.rfind(':'));
                                    return app->detection().Offer(message,
                                                                  "syslog:" + std::string(sender),
                                                                  detect::Format::kSyslog);
                                  });
  TRY(syslog.Start());
  app->detection().SetSyslogCounts([&syslog] {
    platform::SyslogCounters c = syslog.counters();
    return app::SyslogCounts{.received = c.received,
                             .rejected = c.rejected,
                             .truncated = c.truncated,
                             .framing_errors = c.framing_errors,
                             .connections = c.connections};
  });
  if (syslog.udp_port() != 0 || syslog.tcp_port() != 0) {
    platform::Log(
        platform::LogLevel::kInfo, "syslog.start",
        {{"udp", std::to_string(syslog.udp_port())}, {"tcp", std::to_string(syslog.tcp_port())}});
  }

  BlobStore* vault = app->context().vault();
  http::Server server(*app, {.host = address.first,
                             .port = address.second,
                             .threads = threads,
                             .max_upload_bytes = vault ? vault->limit() : 0,
                             .spool_dir = env.data_dir() + "/evidence",
                             .head_timeout_seconds = flags.head_timeout,
                             .max_connections_per_address = flags.connections_per_address,
                             .event_poll_ms = flags.event_poll * 1000,
                             .version = SOKUO_VERSION,
                             .tls_cert = flags.tls_cert,
                             .tls_key = flags.tls_key});
  ASSIGN_OR_RETURN(int port, server.Bind());
  std::string host =
      address.first.find(':') != std::string::npos ? "[" + address.first + "]" : address.first;
  std::string url = std::string(tls ? "https" : "http") + "://" + host + ":" + std::to_string(port);
  platform::Log(platform::LogLevel::kInfo, "server.start",
                {{"url", url}, {"data", env.data_dir()}, {"threads", std::to_string(threads)}});
  if (!tls) {
    platform::Log(
        platform::LogLevel::kWarn, IsLoopback(address.first) ? "server.loopback" : "server.exposed",
        {{"message", IsLoopback(address.first)
                         ? "no TLS: listening on this machine only"
                         : "no TLS, and listening beyond this machine (--allow-remote)"}});
  }
  cli::ServeBanner(org.company.name, url, SOKUO_VERSION, env.out());
  // A line per request: written in batches, not one write each.
  platform::BatchLogLines();

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
  // G4.3.2: the sender (its channels are the runtime's). Every second it sends what is due and
  // escalates what waited too long; every minute it brings the routine controls' schedule up to
  // date and, once a day, sends the journal head to the witnesses (G4.4.3).
  std::thread sender([&] {
    std::optional<Timestamp> scheduled;  // G4.1, G4.2: the routine controls, once a minute
    while (running.load()) {
      Timestamp now = app->context().clock().Now();
      if (!scheduled || now - *scheduled >= std::chrono::minutes(1)) {
        scheduled = now;
        Result<app::ControlTickReport> c = app->controls().Tick(now);
        if (!c) {
          platform::Log(platform::LogLevel::kWarn, "controls.tick",
                        {{"error", c.error().ToString(Lang::kEn)}});
        } else if (c->scheduled + c->escalated > 0) {
          platform::Log(platform::LogLevel::kInfo, "controls.tick",
                        {{"scheduled", std::to_string(c->scheduled)},
                         {"escalated", std::to_string(c->escalated)}});
        }
        Result<bool> w = app->journal().WitnessTick(now);
        if (!w) {
          platform::Log(platform::LogLevel::kWarn, "journal.witness",
                        {{"error", w.error().ToString(Lang::kEn)}});
        } else if (*w) {
          platform::Log(platform::LogLevel::kInfo, "journal.witness", {{"reason", "daily"}});
        }
      }
      // G5.1.4: logins at a standby, journaled once it is promoted.
      Result<size_t> settled = app->accounts().SettleStandbySessions();
      if (!settled) {
        platform::Log(platform::LogLevel::kWarn, "auth.standby_sessions",
                      {{"error", settled.error().ToString(Lang::kEn)}});
      } else if (*settled > 0) {
        platform::Log(platform::LogLevel::kInfo, "auth.standby_sessions",
                      {{"moved", std::to_string(*settled)}});
      }
      Result<app::TickReport> r =
          app->notifications().Tick(app->context().clock().Now(), [&] { return running.load(); });
      if (!r) {
        platform::Log(platform::LogLevel::kWarn, "notify.tick",
                      {{"error", r.error().ToString(Lang::kEn)}});
      } else if (r->written + r->sent + r->retried + r->failed + r->escalated > 0) {
        platform::Log(platform::LogLevel::kInfo, "notify.tick",
                      {{"written", std::to_string(r->written)},
                       {"sent", std::to_string(r->sent)},
                       {"retried", std::to_string(r->retried)},
                       {"failed", std::to_string(r->failed)},
                       {"escalated", std::to_string(r->escalated)}});
      }
      for (int i = 0; i < 10 && running.load(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
  });
  // G4.2.3: the ingestion loop runs the rules on what the listeners and the API queued.
  // After a stop it runs what was accepted already, then ends.
  std::thread ingest([&] {
    while (true) {
      bool stopping = !running.load();
      Result<size_t> r = app->detection().Drain(4096, std::chrono::milliseconds(200));
      if (!r) {
        platform::Log(platform::LogLevel::kError, "detect.alerts",
                      {{"error", r.error().ToString(Lang::kEn)}});
      } else if (stopping && *r == 0) {
        return;
      }
    }
  });
  // Live updates: each commit (on PostgreSQL, every server's) wakes the event streams at once.
  store::Store& store = app->context().store();
  store.OnChange([&server] { server.WakeEventStreams(); });
  Result<void> ran = server.Run();
  store.OnChange({});
  syslog.Stop();
  app->detection().SetSyslogCounts(nullptr);  // the listener ends with this function
  app->detection().Close();
  running.store(false);
  waiter.join();
  sender.join();
  ingest.join();
  platform::Log(platform::LogLevel::kInfo, "server.stop", {});
  platform::FlushLog();
  return ran;
}

}  // namespace

std::vector<cli::Command> ProcessCommands() {
  return {
      {"init", "Create the data directory and database; import an organization file",
       [](CLI::App& c, cli::Runtime& env, cli::Action& run) {
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
           ASSIGN_OR_RETURN(app::App * app, env.App(cli::Runtime::Open::kCreate));
           if (!org->empty()) {
             ASSIGN_OR_RETURN(app::Actor actor, env.Actor());
             TRY(cli::OrgImport(*app, *org, actor, env.out()));
             TRY(cli::FirstAdministrator(*app, *admin, *password_file, actor, env.out()));
           }
           if (!env.out().json) {
             cli::Output& o = env.out();
             MessageParams dir{{"dir", env.data_dir()}};
             o.err << Render(Msg("cli.data_is_in", dir), o.lang) << "\n"
                   << Render(
                          org->empty() ? Msg("cli.next_import", dir) : Msg("cli.next_serve", dir),
                          o.lang)
                   << "\n";
           }
           return {};
         };
       }},
      {"serve", "Serve the API (and later the web UI); exit code 6 when the address is in use",
       [](CLI::App& c, cli::Runtime& env, cli::Action& run) {
         auto f = std::make_shared<ServeFlags>();
         ServeOptions(c, *f);
         c.add_option("--threads", f->threads,
                      "Handler threads: requests served at the same time (connections are not "
                      "limited by it); writes wait on them for their commit, and those waiting "
                      "together commit together")
             ->capture_default_str()
             ->check(CLI::Range(1, 1024));
         run = [&env, f] { return Serve(env, *f); };
       }},
      {"demo", "Load the built-in example company (when the data directory is empty) and serve",
       [](CLI::App& c, cli::Runtime& env, cli::Action& run) {
         auto f = std::make_shared<ServeFlags>();
         ServeOptions(c, *f);
         run = [&env, f]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App(cli::Runtime::Open::kCreate));
           ASSIGN_OR_RETURN(auto snapshot, app->organization().Current());
           const core::Organization& org = *snapshot;
           if (org.company.name.empty()) {
             ASSIGN_OR_RETURN(app::Actor actor, env.Actor());
             TRY(cli::OrgImportText(*app, kExampleOrgYaml, "example org.yaml", actor, env.out()));
             TRY(cli::FirstAdministrator(*app, "", "", actor, env.out()));
           }
           return Serve(env, *f);
         };
       }},
      {"version", "Print the version",
       [](CLI::App&, cli::Runtime& env, cli::Action& run) {
         run = [&env]() -> Result<void> {
           cli::Version(SOKUO_VERSION, env.out());
           return {};
         };
       }},
  };
}

}  // namespace sokuo
