#include "app/scan_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "app/authorization.h"
#include "app/service_util.h"
#include "base/text.h"
#include "codec/control_json.h"
#include "codec/virus_scan_json.h"
#include "detect/clamav.h"
#include "store/control_rows.h"
#include "store/virus_scan_rows.h"

namespace sokuo::app {
namespace {

// The organization's hosts, each with the system that lists it, in the file's order.
std::vector<std::pair<std::string, std::string>> ScanHostsOf(const core::Organization& org) {
  std::vector<std::pair<std::string, std::string>> out;
  std::set<std::string> seen;
  for (const core::InfoSystem& s : org.systems) {
    for (const core::Host& h : s.hosts) {
      if (seen.insert(h.name).second) out.emplace_back(h.name, s.id);
    }
  }
  return out;
}

// ClamAV prints paths as bytes: what is not UTF-8 is kept as \xNN, so the JSON stays valid.
std::string ScanSafeText(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    std::optional<size_t> bad = FirstInvalidUtf8(text);
    if (!bad) {
      out += text;
      break;
    }
    out += text.substr(0, *bad);
    static constexpr char kHex[] = "0123456789abcdef";
    unsigned char c = static_cast<unsigned char>(text[*bad]);
    out += "\\x";
    out += kHex[c >> 4];
    out += kHex[c & 15];
    text.remove_prefix(*bad + 1);
  }
  return out;
}

Result<Timestamp> ScanTime(const std::string& rfc3339) { return ParseRfc3339(rfc3339); }

}  // namespace

Result<ScanReceipt> ScanService::Record(const std::string& host, std::string_view text,
                                        const Actor& actor) {
  TRY(AuthorizeAlerts(actor, AlertWork::kIngest));
  ASSIGN_OR_RETURN(auto org, ctx_.Organization());
  auto hosts = ScanHostsOf(*org);
  if (host.empty()) return Fail(ErrorCode::kInvalidInput, Msg("scan.host_required"), "?host");
  if (std::none_of(hosts.begin(), hosts.end(), [&](const auto& h) { return h.first == host; })) {
    std::vector<std::string> names;
    for (const auto& h : hosts) names.push_back(h.first);
    return Fail(ErrorCode::kNotFound,
                Msg("scan.host_unknown",
                    {{"host", host}, {"suggestion", Suggest(host, names).value_or("")}}),
                "?host");
  }
  ASSIGN_OR_RETURN(detect::ScanReport report, detect::ReadClamscanOutput(text, host));
  if (!report.has_summary && report.infections.empty() && report.errors.empty() &&
      report.clean_files == 0 && report.skipped_files == 0) {
    return Fail(ErrorCode::kInvalidInput, Msg("scan.not_clamscan", {{"host", host}}));
  }
  ASSIGN_OR_RETURN(Calendar calendar, core::CompanyCalendar(*org));
  Timestamp now = ctx_.clock().Now();
  core::VirusScan scan{
      .host = host,
      .started_at = FormatRfc3339(report.started ? calendar.FromWallClock(*report.started) : now),
      .finished_at =
          FormatRfc3339(report.finished ? calendar.FromWallClock(*report.finished) : now),
      .scanned_files = report.scanned_files.value_or(
          report.clean_files + static_cast<int64_t>(report.infections.size())),
      .infected_files = std::max(report.infected_files.value_or(0), report.InfectedPaths()),
      .errors =
          std::max(report.total_errors.value_or(0), static_cast<int64_t>(report.errors.size())),
      .complete = report.has_summary,
      .engine_version = report.engine_version,
      .received_at = FormatRfc3339(now),
      .received_by = actor.id,
  };
  for (const detect::ClamInfection& i : report.infections) {
    scan.infections.push_back({ScanSafeText(i.path), ScanSafeText(i.signature)});
  }
  // The occurrence that the scan may complete must exist: make what is due first.
  TRY(controls_.Tick(now));
  ScanReceipt receipt;
  TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(auto current, ctx_.OrganizationIn(tx));
    ASSIGN_OR_RETURN(receipt.scan, store::AddVirusScan(tx, scan));
    TRY(tx.Append({.at = now,
                   .actor = actor.id,
                   .action = "scan.received",
                   .subject = "host:" + host,
                   .body = codec::ToJson(receipt.scan)}));
    ASSIGN_OR_RETURN(Timestamp end, ScanTime(receipt.scan.finished_at));
    ASSIGN_OR_RETURN(auto open, store::LoadOpenOccurrences(tx));
    auto all_hosts = ScanHostsOf(*current);
    for (core::ControlOccurrence& o : open) {
      const core::Control* c = current->FindControl(o.control);
      if (c == nullptr || c->source != "clamav") continue;
      ASSIGN_OR_RETURN(Timestamp starts, ScanTime(o.starts_at));
      ASSIGN_OR_RETURN(Timestamp due, ScanTime(o.due_at));
      if (end < starts || end >= due) continue;
      ASSIGN_OR_RETURN(auto scans, store::LoadVirusScans(tx, starts, due));
      std::map<std::string, const core::VirusScan*> latest;  // host → its latest complete scan
      bool findings = false;
      for (const core::VirusScan& s : scans) {
        if (s.infected_files > 0 || !s.infections.empty()) findings = true;
        if (s.complete) latest[s.host] = &s;  // oldest end first: the last one wins
      }
      if (all_hosts.empty() || std::any_of(all_hosts.begin(), all_hosts.end(), [&](const auto& h) {
            return !latest.contains(h.first);
          })) {
        continue;
      }
      std::string done_at, evidence;
      int64_t files = 0, infected = 0;
      for (const auto& [name, system] : all_hosts) {
        const core::VirusScan& s = *latest.at(name);
        done_at = std::max(done_at, s.finished_at);
        files += s.scanned_files;
        infected += s.infected_files;
        if (!evidence.empty()) evidence += "; ";
        evidence += name + " " + s.id + " " + calendar.FormatLocal(s.finished_at) +
                    " files=" + std::to_string(s.scanned_files) +
                    " infected=" + std::to_string(s.infected_files);
      }
      std::string names;
      for (const auto& [name, system] : all_hosts) names += (names.empty() ? "" : ", ") + name;
      MessageParams facts = {{"count", std::to_string(all_hosts.size())},
                             {"hosts", names},
                             {"files", std::to_string(files)},
                             {"infected", std::to_string(infected)}};
      o.done = true;
      o.result = findings ? core::ControlResult::kFindings : core::ControlResult::kOk;
      o.note =
          Render(Msg(findings ? "control.scan_findings" : "control.scan_note", facts), Lang::kJa);
      o.evidence = evidence;
      o.done_at = done_at;
      o.done_by = "system";
      o.recorded_at = FormatRfc3339(now);
      TRY(store::SaveOccurrence(tx, o));
      TRY(tx.Append({.at = now,
                     .actor = "system",
                     .action = "control.done",
                     .subject = "control:" + c->id,
                     .body = codec::ToJson(o)}));
      receipt.completed.push_back(o.id);
    }
    return {};
  }));
  // Each infection as the line clamscan logs, dated by the scan's end, from the host.
  for (const core::VirusScanInfection& i : receipt.scan.infections) {
    std::string line = receipt.scan.finished_at + " " + host + " clamscan[0]: " + i.path + ": " +
                       i.signature + " FOUND";
    if (detection_.Offer(line, "scan:" + actor.id, detect::Format::kSyslog)) {
      ++receipt.alert_lines;
    } else {
      receipt.alert_lines_refused = true;
    }
  }
  return receipt;
}

Result<ScanDayView> ScanService::OfDay(std::optional<Day> day, const Actor& actor) {
  TRY(Authorize(actor, Permission::kAuthenticated));
  ASSIGN_OR_RETURN(auto org, ctx_.Organization());
  ASSIGN_OR_RETURN(Calendar calendar, core::CompanyCalendar(*org));
  Day d = day.value_or(calendar.LocalDay(ctx_.clock().Now()));
  Timestamp from = calendar.StartOfDay(d);
  Timestamp to = calendar.EndOfDay(d) + std::chrono::seconds(1);
  ASSIGN_OR_RETURN(auto scans, store::LoadVirusScans(ctx_.store(), from, to));
  ScanDayView view{.day = FormatDay(d), .from = FormatRfc3339(from), .to = FormatRfc3339(to)};
  for (const auto& [name, system] : ScanHostsOf(*org)) {
    HostScans h{.host = name, .system = system};
    for (const core::VirusScan& s : scans) {
      if (s.host != name) continue;
      h.scans.push_back(s);
      if (s.complete) h.complete = true;
    }
    if (!h.complete) view.missing.push_back(name);
    view.hosts.push_back(std::move(h));
  }
  return view;
}

}  // namespace sokuo::app
