#include "app/detection_service.h"

#include <algorithm>
#include <set>

#include "app/authorization.h"
#include "app/service_util.h"
#include "core/alert_rules.h"
#include "store/alert_rows.h"

namespace sokuo::app {
namespace {

using json = nlohmann::json;

constexpr size_t kRecentLines = 8192;  // lines kept for context and correlations' events

constexpr size_t kGroupBytes = 256;  // a group comes from log content: cut

// The one who acts when the policy acts: sokuo itself, allowed what the operator is.
Actor Policy() { return Actor{"system", core::Operator()}; }

std::string Cut(std::string_view text, size_t max) {
  if (text.size() <= max) return std::string(text);
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;  // whole characters
  return std::string(text.substr(0, n));
}

// The organization's clock; UTC before an organization is imported.
Result<Calendar> ZoneOf(const core::Organization& org) {
  return Calendar::Create(org.company.time_zone.empty() ? "UTC" : org.company.time_zone);
}

}  // namespace

struct DetectionService::Found {
  size_t rule = 0;
  std::string group;
  std::string first_seen;    // a first-seen rule's combination, as the stream knows it
  std::string first_at, at;  // the first and the latest matching event's time
  std::string host;
  std::vector<core::AlertLine> lines;  // context and matched, in order
};

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
  TRY(AuthorizeAlerts(actor, AlertWork::kIngest));
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
      if (stream_->rules().FirstSeen(d.rule)) f.first_seen = d.group;
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
  Result<void> written = ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
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
      core::AlertAction action = options_.policy.ActionFor(rule.id, rule.title, rule.level);
      if (action == core::AlertAction::kIgnore) continue;
      std::string rule_id = rule.id.empty() ? rule.title : rule.id;
      std::optional<std::vector<core::Alert>> stored;  // the group's alerts, read once
      // A first-seen rule's combination is new once: the stream remembers what it reported
      // since sokuo started, the alerts kept what it reported before.
      if (stream_->rules().FirstSeen(f.rule)) {
        ASSIGN_OR_RETURN(stored, store::LoadAlertsOfGroup(tx, f.group));
        if (std::any_of(stored->begin(), stored->end(),
                        [&](const core::Alert& a) { return a.rule_id == rule_id; })) {
          continue;
        }
      }
      // The open alert of the same rule and group, with its latest event within the window.
      // An alert that is part of an incident or dismissed takes no more: what comes later is a
      // new alert, which the policy adds to the incident with its own lines.
      auto same = [&](const core::Alert& a) {
        return a.rule_id == rule_id && a.state == core::AlertState::kOpen &&
               core::WithinWindow(a.last_at, f.at, options_.policy.window);
      };
      core::Alert* alert = nullptr;
      for (auto& [key, a] : touched) {
        if (a.group == f.group && same(a)) alert = &a;
      }
      if (alert == nullptr) {
        if (!stored) {
          ASSIGN_OR_RETURN(stored, store::LoadAlertsOfGroup(tx, f.group));
        }
        for (core::Alert& a : *stored) {
          if (!same(a) || touched.count(a.key) != 0) continue;
          std::string key = a.key;
          alert = &(touched[key] = std::move(a));
          ASSIGN_OR_RETURN(kept[key], tx.Max("alert_lines", "place", "alert", key));
          // An earlier policy step that failed is tried again.
          if (action == core::AlertAction::kIncident) incident_level.push_back(*alert);
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
        if (action == core::AlertAction::kIncident) incident_level.push_back(a);
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
  });
  if (!written) {
    // What was not kept was not seen: a first-seen combination is reported again next time.
    for (const Found& f : found) {
      if (!f.first_seen.empty()) stream_->Forget(f.rule, f.first_seen);
    }
    return written;
  }
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
        !core::WithinWindow(other.last_at, a.first_at, options_.policy.window)) {
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

void DetectionService::SetSyslogCounts(std::function<SyslogCounts()> counts) {
  std::lock_guard lock(queue_mu_);
  syslog_counts_ = std::move(counts);
}

Result<IngestCounters> DetectionService::Counters(const Actor& actor) const {
  TRY(AuthorizeAlerts(actor, AlertWork::kRead));
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
