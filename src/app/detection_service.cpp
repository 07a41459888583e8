#include "app/detection_service.h"

#include <algorithm>
#include <set>

#include "app/authorization.h"
#include "app/service_util.h"
#include "store/alert_rows.h"

namespace sokuo::app {
namespace {

using json = nlohmann::json;

constexpr size_t kRecentLines = 8192;  // lines kept for context and correlations' events
constexpr std::string_view kBackdoorTag = "sokuo.backdoor.";

constexpr size_t kGroupBytes = 256;  // a group comes from log content: cut

// A level's rank; "none" above every level; a rule without a level is medium.
int LevelRank(std::string_view level) {
  return level == "none" ? 99 : detect::LevelRank(level).value_or(2);
}

// The one who acts when the policy acts: sokuo itself, allowed what the operator is.
Actor Policy() { return Actor{"system", core::Operator()}; }

Result<void> AuthorizeRead(const Actor& actor) {
  if (CanReadAlerts(actor.principal)) return {};
  return Fail(ErrorCode::kForbidden, Msg("alert.forbidden"));
}

Result<void> AuthorizeAct(const Actor& actor, bool ingest = false) {
  if (ingest ? CanIngest(actor.principal) : CanDecideAlerts(actor.principal)) return {};
  if (core::IsReadOnly(actor.principal)) {
    return Fail(ErrorCode::kForbidden, Msg("auth.auditor_read_only"));
  }
  return Fail(ErrorCode::kForbidden, Msg("alert.forbidden"));
}

std::string Cut(std::string_view text, size_t max) {
  if (text.size() <= max) return std::string(text);
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;  // whole characters
  return std::string(text.substr(0, n));
}

// The backdoor checklist item a rule names with a tag "sokuo.backdoor.<item>" (hyphens or
// underscores).
std::optional<core::BackdoorItem> BackdoorItemOf(const std::vector<std::string>& tags) {
  for (const std::string& tag : tags) {
    if (tag.rfind(kBackdoorTag, 0) != 0) continue;
    std::string name = tag.substr(kBackdoorTag.size());
    std::replace(name.begin(), name.end(), '-', '_');
    if (auto item = core::kBackdoorItems.Parse(name)) return item;
  }
  return std::nullopt;
}

// The system and host of the organization that a log's host name names (the host's name or
// address); nullopt when none does.
std::optional<core::AffectedHost> Locate(const core::Organization& org, std::string_view host) {
  if (host.empty()) return std::nullopt;
  for (const core::InfoSystem& s : org.systems) {
    for (const core::Host& h : s.hosts) {
      if (h.name == host || (!h.address.empty() && h.address == host)) {
        return core::AffectedHost{s.id, h.name};
      }
    }
  }
  return std::nullopt;
}

std::string IsDepartmentOf(const core::Organization& org) {
  for (const core::Department& d : org.departments) {
    if (d.kind == core::DepartmentKind::kIt) return d.id;
  }
  return "";
}

// The organization's clock; UTC before an organization is imported.
Result<Calendar> ZoneOf(const core::Organization& org) {
  return Calendar::Create(org.company.time_zone.empty() ? "UTC" : org.company.time_zone);
}

// A decided alert stays as it was decided.
Result<void> StillOpen(const core::Alert& a) {
  if (a.state == core::AlertState::kOpen) return {};
  return Fail(ErrorCode::kConflict,
              Msg("alert.already_decided",
                  {{"key", a.key}, {"state", std::string(core::kAlertStates.Name(a.state))}}));
}

// Whether two event times (RFC 3339) are within `window` of each other, either way round.
bool Within(const std::string& a, const std::string& b, std::chrono::seconds window) {
  auto x = ParseRfc3339(a);
  auto y = ParseRfc3339(b);
  return x && y && (*x > *y ? *x - *y : *y - *x) <= window;
}

bool Matches(const core::Alert& a, const AlertFilter& f) {
  if (f.state && a.state != *f.state) return false;
  if (!f.level.empty() && LevelRank(a.level) < LevelRank(f.level)) return false;
  if (!f.q.empty()) {
    for (const std::string* s : {&a.rule_title, &a.rule_id, &a.group, &a.host, &a.key}) {
      if (s->find(f.q) != std::string::npos) return true;
    }
    return false;
  }
  return true;
}

}  // namespace

struct DetectionService::Found {
  size_t rule = 0;
  std::string group;
  std::string first_at, at;  // the first and the latest matching event's time
  std::string host;
  std::vector<core::AlertLine> lines;  // context and matched, in order
};

AlertAction AlertPolicy::ActionFor(const detect::Rule& rule) const {
  if (auto it = rules.find(rule.id); !rule.id.empty() && it != rules.end()) return it->second;
  if (auto it = rules.find(rule.title); it != rules.end()) return it->second;
  if (LevelRank(rule.level) < LevelRank(alert_level)) return AlertAction::kIgnore;
  return LevelRank(rule.level) >= LevelRank(incident_level) ? AlertAction::kIncident
                                                            : AlertAction::kAlert;
}

DetectionService::DetectionService(Context& ctx, IncidentService& incidents)
    : ctx_(ctx), incidents_(incidents) {}

void DetectionService::Configure(LoadedRules rules, DetectionOptions options) {
  std::lock_guard run(run_mu_);
  loaded_ = std::move(rules);
  options_ = std::move(options);
  stream_ = std::make_unique<LogStream>(loaded_.set);
  configured_ = true;
}

bool DetectionService::Offer(std::string_view text, std::string_view source,
                             detect::Format format) {
  {
    std::lock_guard lock(queue_mu_);
    text = text.substr(0, kIngestLineBytes);
    if (closed_ || !configured_ || queue_.size() >= options_.queue_lines ||
        queued_bytes_ + text.size() > options_.queue_bytes) {
      return false;
    }
    queue_.push_back({std::string(text), std::string(source), format, ctx_.clock().Now()});
    queued_bytes_ += text.size();
    ++received_;
  }
  queue_cv_.notify_one();
  return true;
}

Result<size_t> DetectionService::Ingest(std::string_view body, detect::Format format,
                                        const Actor& actor) {
  TRY(AuthorizeAct(actor, /*ingest=*/true));
  std::vector<std::string_view> lines;
  size_t bytes = 0;
  while (!body.empty()) {
    size_t end = body.find('\n');
    std::string_view line = body.substr(0, end);
    body = end == std::string_view::npos ? std::string_view() : body.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    lines.push_back(line.substr(0, kIngestLineBytes));
    bytes += lines.back().size();
  }
  std::string source = "api:" + actor.id;
  Timestamp now = ctx_.clock().Now();
  {
    std::lock_guard lock(queue_mu_);
    if (closed_ || !configured_) {
      return Fail(ErrorCode::kUnavailable, Msg("ingest.off"));
    }
    if (queue_.size() + lines.size() > options_.queue_lines ||
        queued_bytes_ + bytes > options_.queue_bytes) {
      rejected_ += lines.size();
      return Fail(ErrorCode::kUnavailable,
                  Msg("ingest.queue_full", {{"lines", std::to_string(lines.size())},
                                            {"capacity", std::to_string(options_.queue_lines)}}));
    }
    for (std::string_view l : lines) queue_.push_back({std::string(l), source, format, now});
    queued_bytes_ += bytes;
    received_ += lines.size();
  }
  queue_cv_.notify_one();
  return lines.size();
}

void DetectionService::Close() {
  {
    std::lock_guard lock(queue_mu_);
    closed_ = true;
  }
  queue_cv_.notify_all();
}

Result<size_t> DetectionService::Drain(size_t max_lines, std::chrono::milliseconds wait) {
  std::vector<IngestLine> batch;
  {
    std::unique_lock lock(queue_mu_);
    queue_cv_.wait_for(lock, wait, [&] { return closed_ || !queue_.empty(); });
    while (!queue_.empty() && batch.size() < max_lines) {
      queued_bytes_ -= queue_.front().text.size();
      batch.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
  }
  size_t n = batch.size();
  if (n == 0) return n;
  if (Result<void> r = Process(std::move(batch)); !r) {
    ++failures_;
    return Fail(std::move(r).error());
  }
  return n;
}

Result<void> DetectionService::Process(std::vector<IngestLine> lines) {
  std::lock_guard run(run_mu_);
  if (!stream_) return Fail(ErrorCode::kUnavailable, Msg("ingest.off"));
  ASSIGN_OR_RETURN(auto org, ctx_.Organization());
  ASSIGN_OR_RETURN(Calendar zone, ZoneOf(*org));
  std::vector<Found> found;
  std::vector<detect::Detection> detections;
  const std::vector<detect::Rule>& rules = stream_->rules().rules();
  for (IngestLine& in : lines) {
    // Senders interleave: each line is dated on its own, by the year it was received in and
    // never later than a few minutes after it arrived, so no sender moves another's clock.
    stream_->Begin({.format = in.format,
                    .year = static_cast<int>(zone.LocalDay(in.received).year()),
                    .not_after = in.received,
                    .zone = zone},
                   in.received + std::chrono::minutes(5));
    detections.clear();
    stream_->Feed(in.text, detections);
    const detect::Event& e = stream_->event();
    core::AlertLine line{.n = static_cast<int64_t>(stream_->lines()),
                         .at = FormatRfc3339(e.time.value_or(in.received)),
                         .source = in.source,
                         .host = std::string(e.Get("host").value_or("")),
                         .text = Cut(in.text, core::kAlertLineBytes)};
    recent_.push_back(line);
    if (recent_.size() > kRecentLines) recent_.pop_front();
    for (const detect::Detection& d : detections) {
      if (!stream_->rules().Reports(d.rule)) continue;
      ++detections_;
      Found f{.rule = d.rule, .group = d.group, .at = line.at, .host = line.host};
      if (d.time) f.at = FormatRfc3339(*d.time);
      int64_t first = recent_.front().n;
      auto at = [&](std::uint64_t n) -> const core::AlertLine* {
        int64_t i = static_cast<int64_t>(n) - first;
        if (i < 0 || i >= static_cast<int64_t>(recent_.size())) return nullptr;
        return &recent_[static_cast<size_t>(i)];
      };
      std::vector<std::uint64_t> matched =
          rules[d.rule].correlation ? d.events : std::vector<std::uint64_t>{d.sequence};
      if (matched.empty()) matched.push_back(d.sequence);
      // The context: lines of the same sender just before the first matching line.
      if (const core::AlertLine* m = at(matched.front())) {
        std::vector<core::AlertLine> context;
        for (int64_t n = m->n - 1; n >= first && context.size() < options_.context_lines; --n) {
          const core::AlertLine* l = at(static_cast<std::uint64_t>(n));
          if (l != nullptr && l->source == m->source) context.push_back(*l);
        }
        f.lines.assign(context.rbegin(), context.rend());
      }
      f.first_at = f.at;
      for (std::uint64_t n : matched) {
        if (f.lines.size() >= core::kAlertLinesKept) break;
        if (const core::AlertLine* l = at(n)) {
          f.first_at = std::min(f.first_at, l->at);
          f.lines.push_back(*l);
          f.lines.back().matched = true;
          if (!l->host.empty()) f.host = l->host;
        }
      }
      if (f.group.empty()) f.group = f.host.empty() ? "source=" + in.source : "host=" + f.host;
      f.group = Cut(f.group, kGroupBytes);
      found.push_back(std::move(f));
    }
  }
  processed_ += lines.size();
  undecoded_ = stream_->undecoded();
  if (found.empty()) return {};
  return Record(std::move(found));
}

Result<void> DetectionService::Record(std::vector<Found> found) {
  const std::vector<detect::Rule>& rules = stream_->rules().rules();
  Timestamp clock = ctx_.clock().Now();
  std::string now = FormatRfc3339(clock);
  std::vector<core::Alert> incident_level;  // open alerts the policy makes part of an incident
  std::vector<std::string> created;
  std::map<std::string, int64_t> upto;  // the newest line kept with each alert, as written
  TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    incident_level.clear();
    created.clear();
    upto.clear();
    ASSIGN_OR_RETURN(auto org, ctx_.OrganizationIn(tx));
    ASSIGN_OR_RETURN(Calendar zone, ZoneOf(*org));
    int year = static_cast<int>(zone.LocalDay(clock).year());
    ASSIGN_OR_RETURN(int next, store::NextAlertNumber(tx, year));
    std::map<std::string, core::Alert> touched;  // by key
    std::map<std::string, int64_t> kept;         // lines an alert keeps, by key
    for (Found& f : found) {
      const detect::Rule& rule = rules[f.rule];
      AlertAction action = options_.policy.ActionFor(rule);
      if (action == AlertAction::kIgnore) continue;
      std::string rule_id = rule.id.empty() ? rule.title : rule.id;
      // The open alert of the same rule and group, with its latest event within the window.
      // An alert that is part of an incident or dismissed takes no more: what comes later is a
      // new alert, which the policy adds to the incident with its own lines.
      auto same = [&](const core::Alert& a) {
        return a.rule_id == rule_id && a.state == core::AlertState::kOpen &&
               Within(a.last_at, f.at, options_.policy.window);
      };
      core::Alert* alert = nullptr;
      for (auto& [key, a] : touched) {
        if (a.group == f.group && same(a)) alert = &a;
      }
      if (alert == nullptr) {
        ASSIGN_OR_RETURN(std::vector<core::Alert> group, store::LoadAlertsOfGroup(tx, f.group));
        for (core::Alert& a : group) {
          if (!same(a) || touched.count(a.key) != 0) continue;
          std::string key = a.key;
          alert = &(touched[key] = std::move(a));
          ASSIGN_OR_RETURN(kept[key], tx.Max("alert_lines", "place", "alert", key));
          // An earlier policy step that failed is tried again.
          if (action == AlertAction::kIncident) incident_level.push_back(*alert);
          break;
        }
      }
      if (alert == nullptr) {
        core::Alert a;
        a.year = year;
        // Alerts made in this transaction are not in the table yet.
        a.number = next + static_cast<int>(created.size());
        a.key = core::AlertKey(a.year, a.number);
        a.rule_id = rule_id;
        a.rule_title = rule.title;
        a.level = rule.level.empty() ? "medium" : rule.level;
        a.author = rule.author;
        a.license = rule.license;
        a.rule_file = rule.file;
        a.tags = rule.tags;
        a.description = rule.description;
        a.group = f.group;
        a.first_at = f.first_at;
        a.last_at = f.at;
        a.created_at = now;
        created.push_back(a.key);
        kept[a.key] = 0;
        if (action == AlertAction::kIncident) incident_level.push_back(a);
        alert = &(touched[a.key] = std::move(a));
      }
      ++alert->detections;
      alert->last_at = std::max(alert->last_at, f.at);
      alert->first_at = std::min(alert->first_at, f.first_at);
      if (!f.host.empty()) alert->host = f.host;
      // Each line once: lines come in order, and a later detection's context repeats earlier
      // lines.
      int64_t& count = kept[alert->key];
      auto newest = upto.try_emplace(alert->key, 0).first;
      if (auto it = kept_upto_.find(alert->key); it != kept_upto_.end()) {
        newest->second = std::max(newest->second, it->second);
      }
      std::vector<core::AlertLine> add;
      for (core::AlertLine& l : f.lines) {
        if (count + static_cast<int64_t>(add.size()) >= static_cast<int64_t>(core::kAlertLinesKept))
          break;
        if (l.n <= newest->second) continue;
        newest->second = l.n;
        add.push_back(std::move(l));
      }
      TRY(store::AddAlertLines(tx, alert->key, count, add));
      count += static_cast<int64_t>(add.size());
    }
    if (touched.empty()) return {};
    json keys = json::array();
    for (const auto& [key, a] : touched) {
      TRY(store::SaveAlert(tx, a));
      keys.push_back(key);
    }
    // The policy's alerts carry their final row image into its step.
    for (core::Alert& a : incident_level) a = touched[a.key];
    return tx
        .Append({.at = clock,
                 .actor = "system",
                 .action = "alert.detect",
                 .subject = created.empty() ? touched.begin()->first : created.front(),
                 .body = {{"alerts", keys}, {"created", created}}})
        .map([](const store::JournalEntry&) {});
  }));
  alerts_ += created.size();
  // Bounded: an alert key's entry is only needed while its detections still come.
  if (kept_upto_.size() > 10000) kept_upto_.clear();
  for (const auto& [key, n] : upto) kept_upto_[key] = n;
  // The policy: each open alert of an incident level joins the open incident of its group
  // within the window, or opens one.
  Result<void> out;
  for (const core::Alert& a : incident_level) {
    if (Result<void> r = ApplyPolicy(a); !r && out) out = std::move(r);
  }
  return out;
}

Result<void> DetectionService::ApplyPolicy(const core::Alert& a) {
  if (!Claim(a.key)) return {};  // someone is deciding on it now
  struct Unclaim {
    DetectionService* self;
    std::string key;
    ~Unclaim() { self->Release(key); }
  } unclaim{this, a.key};
  ASSIGN_OR_RETURN(std::vector<core::Alert> group, store::LoadAlertsOfGroup(ctx_.store(), a.group));
  std::string incident;
  for (const core::Alert& other : group) {
    if (other.key == a.key || other.incident.empty() ||
        !Within(other.last_at, a.first_at, options_.policy.window)) {
      continue;
    }
    auto i = incidents_.Get(other.incident, Policy());
    if (i && i->incident.IsOpen()) {
      incident = other.incident;
      break;
    }
  }
  if (incident.empty()) {
    // A flood of forged addresses must not become a flood of incidents: past the hourly
    // budget, alerts wait for the IS department.
    Timestamp now = ctx_.clock().Now();
    while (!policy_incidents_.empty() && now - policy_incidents_.front() > std::chrono::hours(1)) {
      policy_incidents_.pop_front();
    }
    if (policy_incidents_.size() >= options_.incidents_per_hour) {
      ++held_;
      return {};
    }
    ASSIGN_OR_RETURN(incident, OpenIncident(a, "", Policy()));
    policy_incidents_.push_back(now);
  }
  return Join(a, incident, "", Policy()).map([](const core::Alert&) {});
}

Result<std::string> DetectionService::OpenIncident(const core::Alert& a, const std::string& note,
                                                   const Actor& actor) {
  ASSIGN_OR_RETURN(auto org, ctx_.Organization());
  ReportInput in;
  in.title = a.rule_title + " (" + a.group + ")";
  in.summary = a.description;
  if (!note.empty()) in.summary += (in.summary.empty() ? "" : "\n\n") + note;
  in.summary += (in.summary.empty() ? "" : "\n\n") + a.key + ": " + a.rule_title + " [" + a.level +
                "] " + a.rule_file;
  in.detection = core::Detection::kAlert;
  // Detected when sokuo saw it; it happened at the first matching event (an old log replayed
  // today did not start its reporting clocks long ago). A log's clock may run ahead of ours.
  std::string now = FormatRfc3339(ctx_.clock().Now());
  in.detected_at = std::min(a.created_at.empty() ? now : a.created_at, now);
  in.occurred_at = std::min(a.first_at, in.detected_at);
  if (actor.principal.is_operator) in.reporter_department = IsDepartmentOf(*org);
  if (auto where = Locate(*org, a.host)) {
    in.systems.push_back(where->system);
    in.hosts.push_back(*where);
  }
  ASSIGN_OR_RETURN(IncidentView v, incidents_.Report(in, actor));
  return v.incident.key;
}

Result<core::Alert> DetectionService::Join(core::Alert a, const std::string& incident,
                                           const std::string& note, const Actor& actor) {
  ASSIGN_OR_RETURN(auto org, ctx_.Organization());
  ASSIGN_OR_RETURN(std::vector<core::AlertLine> lines, store::LoadAlertLines(ctx_.store(), a.key));
  std::optional<core::AffectedHost> where = Locate(*org, a.host);
  // G4.4.3: the lines in which the intrusion was found are kept with the incident.
  if (!lines.empty()) {
    EvidenceInput e{.name = a.key + ".log", .kind = core::EvidenceKind::kAccessLog};
    for (const core::AlertLine& l : lines) e.content += l.text + "\n";
    if (where) e.system = where->system;
    ASSIGN_OR_RETURN(IncidentView v, incidents_.AddEvidence(incident, e, actor));
    (void)v;
  }
  // G4.4.2: an alert about a planted account, key or job answers that checklist item "found"
  // for its host, for the IS department to confirm or correct.
  std::string backdoor;
  ASSIGN_OR_RETURN(IncidentView current, incidents_.Get(incident, actor));
  auto answered = [&](core::BackdoorItem item) {
    return std::any_of(current.incident.backdoor_checks.begin(),
                       current.incident.backdoor_checks.end(), [&](const core::BackdoorCheck& c) {
                         return c.system == where->system &&
                                (c.host == where->host || c.host.empty()) && c.item == item;
                       });
  };
  // An answer someone gave already stays theirs.
  if (auto item = BackdoorItemOf(a.tags); item && where && !answered(*item)) {
    core::BackdoorCheck c{.system = where->system,
                          .host = where->host,
                          .item = *item,
                          .result = core::CheckResult::kFound,
                          .note = a.key + ": " + a.rule_title,
                          .at = std::min(a.last_at, FormatRfc3339(ctx_.clock().Now()))};
    if (incidents_.CheckBackdoor(incident, c, actor)) {
      backdoor = std::string(core::kBackdoorItems.Name(*item));
    }
  }
  std::string now = FormatRfc3339(ctx_.clock().Now());
  core::Alert out;
  TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(std::optional<core::Alert> cur, store::LoadAlert(tx, a.key));
    if (!cur) return Fail(ErrorCode::kNotFound, Msg("alert.not_found", {{"key", a.key}}));
    TRY(StillOpen(*cur));
    cur->state = core::AlertState::kIncident;
    cur->incident = incident;
    cur->reason = note;
    cur->decided_by = actor.id;
    cur->decided_at = now;
    if (!backdoor.empty()) cur->backdoor = backdoor;
    TRY(store::SaveAlert(tx, *cur));
    json body = {{"incident", incident}};
    if (!note.empty()) body["note"] = note;
    if (!backdoor.empty()) body["backdoor"] = backdoor;
    TRY(tx.Append({.at = ctx_.clock().Now(),
                   .actor = actor.id,
                   .action = "alert.incident",
                   .subject = a.key,
                   .body = body}));
    out = *cur;
    return {};
  }));
  return out;
}

bool DetectionService::Claim(const std::string& key) {
  std::lock_guard lock(claims_mu_);
  return claims_.insert(key).second;
}

void DetectionService::Release(const std::string& key) {
  std::lock_guard lock(claims_mu_);
  claims_.erase(key);
}

// Who decides holds the alert's claim until the decision is written (see Claim).
class DetectionService::Decision {
 public:
  Decision(DetectionService& service, std::string key) : service_(service), key_(std::move(key)) {}
  ~Decision() {
    if (held_) service_.Release(key_);
  }
  Decision(const Decision&) = delete;
  Decision& operator=(const Decision&) = delete;
  // The open alert, claimed; a conflict when it was decided, or is being decided, already.
  Result<core::Alert> Take(const Actor& actor) {
    TRY(AuthorizeAct(actor));
    ASSIGN_OR_RETURN(std::optional<core::Alert> a, store::LoadAlert(service_.ctx_.store(), key_));
    if (!a) return Fail(ErrorCode::kNotFound, Msg("alert.not_found", {{"key", key_}}));
    TRY(StillOpen(*a));
    held_ = service_.Claim(key_);
    if (!held_) return Fail(ErrorCode::kConflict, Msg("alert.being_decided", {{"key", key_}}));
    return *a;
  }

 private:
  DetectionService& service_;
  std::string key_;
  bool held_ = false;
};

Result<AlertView> DetectionService::Promote(const std::string& key, const std::string& note,
                                            const Actor& actor) {
  Decision decision(*this, key);
  ASSIGN_OR_RETURN(core::Alert a, decision.Take(actor));
  ASSIGN_OR_RETURN(std::string incident, OpenIncident(a, note, actor));
  TRY(Join(a, incident, note, actor));
  return Get(key, actor);
}

Result<AlertView> DetectionService::Attach(const std::string& key, const std::string& incident,
                                           const std::string& note, const Actor& actor) {
  if (incident.empty()) return Fail(ErrorCode::kInvalidInput, Msg("field.required"), "/incident");
  Decision decision(*this, key);
  ASSIGN_OR_RETURN(core::Alert a, decision.Take(actor));
  ASSIGN_OR_RETURN(IncidentView v, incidents_.Get(incident, actor));
  if (!v.incident.IsOpen()) {
    return Fail(ErrorCode::kConflict, Msg("alert.incident_closed", {{"key", incident}}),
                "/incident");
  }
  TRY(Join(a, incident, note, actor));
  return Get(key, actor);
}

Result<AlertView> DetectionService::Dismiss(const std::string& key, const std::string& reason,
                                            const Actor& actor) {
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Fail(ErrorCode::kInvalidInput, Msg("alert.reason_required"), "/reason");
  }
  Decision decision(*this, key);
  TRY(decision.Take(actor));
  std::string now = FormatRfc3339(ctx_.clock().Now());
  TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(std::optional<core::Alert> a, store::LoadAlert(tx, key));
    if (!a) return Fail(ErrorCode::kNotFound, Msg("alert.not_found", {{"key", key}}));
    TRY(StillOpen(*a));
    a->state = core::AlertState::kDismissed;
    a->reason = reason;
    a->decided_by = actor.id;
    a->decided_at = now;
    TRY(store::SaveAlert(tx, *a));
    TRY(tx.Append({.at = ctx_.clock().Now(),
                   .actor = actor.id,
                   .action = "alert.dismiss",
                   .subject = key,
                   .body = {{"reason", reason}}}));
    return {};
  }));
  return Get(key, actor);
}

Result<Page<AlertView>> DetectionService::List(const AlertFilter& filter, PageRequest page,
                                               const Actor& actor) {
  TRY(AuthorizeRead(actor));
  ASSIGN_OR_RETURN(std::vector<core::Alert> all, store::LoadAlerts(ctx_.store()));
  std::map<std::string, bool> seen;  // by incident: whether the actor may see it
  Page<core::Alert> p = Paginate(std::move(all), page, [&](const core::Alert& a) {
    if (!Matches(a, filter)) return false;
    if (a.incident.empty()) return true;
    auto [it, fresh] = seen.try_emplace(a.incident, false);
    if (fresh) it->second = MaySeeIncidentOf(a, actor);
    return it->second;
  });
  return MapPage(std::move(p), [](core::Alert&& a) { return AlertView{std::move(a), {}}; });
}

Result<AlertView> DetectionService::Get(const std::string& key, const Actor& actor) {
  TRY(AuthorizeRead(actor));
  ASSIGN_OR_RETURN(std::optional<core::Alert> a, store::LoadAlert(ctx_.store(), key));
  // Need-to-know: the alert of an incident the actor may not see is not there for them.
  if (!a || !MaySeeIncidentOf(*a, actor)) {
    return Fail(ErrorCode::kNotFound, Msg("alert.not_found", {{"key", key}}));
  }
  ASSIGN_OR_RETURN(std::vector<core::AlertLine> lines, store::LoadAlertLines(ctx_.store(), key));
  return AlertView{std::move(*a), std::move(lines)};
}

bool DetectionService::MaySeeIncidentOf(const core::Alert& a, const Actor& actor) {
  return a.incident.empty() || incidents_.Get(a.incident, actor).has_value();
}

void DetectionService::SetSyslogCounts(std::function<SyslogCounts()> counts) {
  std::lock_guard lock(queue_mu_);
  syslog_counts_ = std::move(counts);
}

Result<RulesView> DetectionService::Rules(const Actor& actor) const {
  TRY(AuthorizeRead(actor));
  RulesView out;
  out.incident_level = options_.policy.incident_level;
  out.alert_level = options_.policy.alert_level;
  out.window_seconds = options_.policy.window.count();
  if (!configured_) return out;
  out.problems = loaded_.problems;
  out.files = loaded_.files;
  const std::vector<detect::Rule>& rules = loaded_.set->rules();
  for (size_t i = 0; i < rules.size(); ++i) {
    const detect::Rule& r = rules[i];
    out.rules.push_back({.id = r.id,
                         .title = r.title,
                         .level = r.level,
                         .status = r.status,
                         .author = r.author,
                         .license = r.license,
                         .file = r.Where(),
                         .description = r.description,
                         .tags = r.tags,
                         .correlation = r.correlation.has_value(),
                         .reports = loaded_.set->Reports(i),
                         .action = options_.policy.ActionFor(r)});
  }
  return out;
}

Result<IngestCounters> DetectionService::Counters(const Actor& actor) const {
  TRY(AuthorizeRead(actor));
  IngestCounters c;
  {
    std::lock_guard lock(queue_mu_);
    c.queued = queue_.size();
    c.capacity = configured_ ? options_.queue_lines : 0;
    if (syslog_counts_) c.syslog = syslog_counts_();
  }
  c.received = received_;
  c.rejected = rejected_ + c.syslog.rejected;
  c.processed = processed_;
  c.undecoded = undecoded_;
  c.detections = detections_;
  c.alerts = alerts_;
  c.failures = failures_;
  c.held = held_;
  return c;
}

}  // namespace sokuo::app
