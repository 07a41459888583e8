// The daily virus check proven by the hosts' scans (G4.1.4, G4.2.5): each host sends what
// clamscan printed; sokuo keeps one record per scan (store/virus_scan_rows.h) and, once every
// host of the organization has a complete scan within an occurrence of a control whose `source`
// is `clamav`, records that occurrence as done by `system` (findings when a scan found malware).
// Each infection is also offered to the detection pipeline as the syslog line clamscan would
// log, so the shipped rule "ClamAV found malware" raises an alert as it does for clamd's lines.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.h"
#include "app/control_service.h"
#include "app/detection_service.h"
#include "core/virus_scan.h"

namespace sokuo::app {

struct ScanReceipt {
  core::VirusScan scan;
  std::vector<std::string> completed;  // the occurrences this scan made done
  size_t alert_lines = 0;              // infection lines queued for the rules
  bool alert_lines_refused = false;    // ingestion off (not a server) or its queue full
};

struct HostScans {
  std::string host;
  std::string system;                  // the information system that lists it
  std::vector<core::VirusScan> scans;  // of the day, oldest end first
  bool complete = false;               // at least one of them ran to its summary
};

struct ScanDayView {
  std::string day;                   // YYYY-MM-DD, a company day
  std::string from, to;              // RFC 3339, [from, to)
  std::vector<HostScans> hosts;      // every host of the organization
  std::vector<std::string> missing;  // the hosts with no complete scan that day
};

class ScanService {
 public:
  ScanService(Context& ctx, ControlService& controls, DetectionService& detection)
      : ctx_(ctx), controls_(controls), detection_(detection) {}

  // Records one scan of `host` from clamscan's output `text`.
  [[nodiscard]] Result<ScanReceipt> Record(const std::string& host, std::string_view text,
                                           const Actor& actor);
  // The scans of a company day (default: today), per host of the organization.
  [[nodiscard]] Result<ScanDayView> OfDay(std::optional<Day> day, const Actor& actor);

 private:
  Context& ctx_;
  ControlService& controls_;
  DetectionService& detection_;
};

}  // namespace sokuo::app
