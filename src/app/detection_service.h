// The detection area (G4.2.3, G4.4.3): log lines received while the server runs (syslog, NDJSON
// over the API) go through one bounded queue to the Sigma rules; what fires becomes an alert,
// kept with the lines that matched and the lines before them. The alert policy makes an alert of
// a high enough level an incident, or attaches it to the open incident that an alert with the
// same group key started within the window, so one attack is one incident; the lines go with it
// as evidence (SHA-256), and an alert about a new account, a privileged member, an authorized
// key or a new cron entry or service fills in that item of the incident's backdoor checklist
// (G4.4.2). The IS department promotes, attaches or dismisses the other alerts.
//
// Thread-safety: Offer() and the reads may be called from any thread; Drain() from one thread
// at a time (the server's ingestion loop), which alone runs the rules.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.h"
#include "app/incident_service.h"
#include "app/log_stream.h"
#include "app/page.h"
#include "core/alert.h"
#include "core/alert_rules.h"

namespace sokuo::app {

struct DetectionOptions {
  core::AlertPolicy policy;
  size_t queue_lines = 65536;                     // lines waiting for the rules; more are refused
  size_t queue_bytes = size_t{64} * 1024 * 1024;  // and their bytes
  size_t context_lines = 10;  // lines of the same sender kept before a matching line
  // Incidents the policy opens on its own per hour; later alerts wait for the IS department
  // (a flood of forged addresses must not become a flood of incidents and messages).
  size_t incidents_per_hour = 20;
};

// Lines longer than this are cut when they are queued.
inline constexpr size_t kIngestLineBytes = size_t{64} * 1024;

// What the syslog listener counted (platform/ counts, main/ hands the numbers over).
struct SyslogCounts {
  uint64_t received = 0, rejected = 0, truncated = 0, framing_errors = 0, connections = 0;
};

// The ingestion counters, since the server started.
struct IngestCounters {
  uint64_t received = 0;  // lines accepted into the queue
  // Lines refused because the queue was full: API lines answered 503 and UDP datagrams dropped.
  // (TCP senders wait instead: nothing they send is refused.)
  uint64_t rejected = 0;
  uint64_t queued = 0;  // lines waiting now
  uint64_t processed = 0;
  uint64_t undecoded = 0;   // processed lines that no decoder understood (keyword rules see them)
  uint64_t detections = 0;  // rule matches reported
  uint64_t alerts = 0;      // alerts opened
  uint64_t failures = 0;    // batches whose alerts could not be stored (see the server log)
  uint64_t held = 0;        // alerts the policy left open because of incidents_per_hour
  size_t capacity = 0;
  SyslogCounts syslog;
};

// One line to run the rules on.
struct IngestLine {
  std::string text;
  std::string source;  // "syslog:203.0.113.7", "api:<person>"
  detect::Format format = detect::Format::kAuto;
  Timestamp received;
};

struct AlertView {
  core::Alert alert;
  std::vector<core::AlertLine> lines;  // only for a single alert (Get and the actions)
};

struct AlertFilter {
  std::optional<core::AlertState> state;
  std::string level;  // this level or above
  std::string q;      // in the title, rule id, group or host
};

struct RuleView {
  std::string id, title, level, status, author, license, file, description;
  std::vector<std::string> tags;
  bool correlation = false;
  bool reports = true;  // false for the base rule of a correlation
  core::AlertAction action = core::AlertAction::kAlert;
};

struct RulesView {
  std::vector<RuleView> rules;
  std::vector<detect::RuleProblem> problems;
  size_t files = 0;
  std::string incident_level, alert_level;
  int64_t window_seconds = 0;
};

class DetectionService {
 public:
  DetectionService(Context& ctx, IncidentService& incidents);
  DetectionService(const DetectionService&) = delete;
  DetectionService& operator=(const DetectionService&) = delete;

  // The rules and the policy; until called, ingestion refuses lines. Called once, before the
  // ingestion loop starts.
  void Configure(LoadedRules rules, DetectionOptions options);
  bool configured() const { return configured_; }

  // Where Counters() reads the syslog listener's numbers (main/ sets it before serving).
  void SetSyslogCounts(std::function<SyslogCounts()> counts);

  // Queues one line (any thread); false when the queue is full or ingestion is off. Not counted
  // as rejected: the syslog listener counts what it drops (UDP) and offers TCP lines again.
  bool Offer(std::string_view text, std::string_view source, detect::Format format);
  // An NDJSON (or plain text) batch from the API: every non-empty line is queued, or none when
  // they do not all fit (kUnavailable, the caller retries). Returns how many were queued.
  [[nodiscard]] Result<size_t> Ingest(std::string_view body, detect::Format format,
                                      const Actor& actor);
  // The ingestion loop's step: waits up to `wait` for lines, runs the rules on at most
  // `max_lines` and stores what they found. Returns how many lines it ran, or why what they
  // found could not be stored (counted as a failure; the lines are not run again).
  [[nodiscard]] Result<size_t> Drain(size_t max_lines, std::chrono::milliseconds wait);
  // Wakes a waiting Drain; Offer refuses lines from now on, and Drain runs what is queued.
  void Close();
  // Runs the rules on `lines` and stores the alerts at once (the loop's work, and tests').
  [[nodiscard]] Result<void> Process(std::vector<IngestLine> lines);

  [[nodiscard]] Result<Page<AlertView>> List(const AlertFilter& filter, PageRequest page,
                                             const Actor& actor);
  [[nodiscard]] Result<AlertView> Get(const std::string& key, const Actor& actor);
  // A new incident from the alert (G3.2: the IS department reports what it detects).
  [[nodiscard]] Result<AlertView> Promote(const std::string& key, const std::string& note,
                                          const Actor& actor);
  [[nodiscard]] Result<AlertView> Attach(const std::string& key, const std::string& incident,
                                         const std::string& note, const Actor& actor);
  [[nodiscard]] Result<AlertView> Dismiss(const std::string& key, const std::string& reason,
                                          const Actor& actor);
  // The loaded rules, the files that failed and why, and the policy.
  [[nodiscard]] Result<RulesView> Rules(const Actor& actor) const;
  [[nodiscard]] Result<IngestCounters> Counters(const Actor& actor) const;

 private:
  struct Found;  // one detection with its lines, before it is stored
  Result<void> Record(std::vector<Found> found);
  // Makes an open alert part of an incident, as the policy says.
  Result<void> ApplyPolicy(const core::Alert& alert);
  // Files the alert's lines as evidence of `incident`, fills its backdoor item and marks the
  // alert as part of the incident.
  Result<core::Alert> Join(core::Alert alert, const std::string& incident, const std::string& note,
                           const Actor& actor);
  Result<std::string> OpenIncident(const core::Alert& alert, const std::string& note,
                                   const Actor& actor);
  class Decision;
  // Marks an alert as being decided (an alert is promoted, attached or dismissed once, even by
  // two people at the same moment); false when someone else is at it.
  bool Claim(const std::string& key);
  void Release(const std::string& key);
  // Whether the actor may see the incident an alert became part of (need-to-know).
  bool MaySeeIncidentOf(const core::Alert& alert, const Actor& actor);

  Context& ctx_;
  IncidentService& incidents_;
  std::atomic<bool> configured_ = false;
  LoadedRules loaded_;
  DetectionOptions options_;

  mutable std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<IngestLine> queue_;  // guarded by queue_mu_
  size_t queued_bytes_ = 0;       // guarded by queue_mu_
  bool closed_ = false;           // guarded by queue_mu_
  std::function<SyslogCounts()> syslog_counts_;
  std::atomic<uint64_t> received_ = 0, rejected_ = 0, processed_ = 0, undecoded_ = 0,
                        detections_ = 0, alerts_ = 0, failures_ = 0, held_ = 0;
  std::mutex claims_mu_;
  std::set<std::string> claims_;  // guarded by claims_mu_

  std::mutex run_mu_;  // one Process at a time: the stream and its windows
  std::unique_ptr<LogStream> stream_;
  // The last lines seen, for context and for a correlation's events; guarded by run_mu_.
  std::deque<core::AlertLine> recent_;
  // The newest line number kept with each alert in this run, so that a line is kept once.
  std::map<std::string, int64_t> kept_upto_;
  // When the policy opened its incidents in the last hour.
  std::deque<Timestamp> policy_incidents_;
};

}  // namespace sokuo::app
