// A host's virus scan as sokuo received it (G4.1.4, G4.2.5): the record that proves the daily
// virus check. One per scan report a host sent (clamscan's output, read by detect/clamav.h);
// the control whose `source` is `clamav` is done once every host of the organization has a
// complete scan within its occurrence.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sokuo::core {

struct VirusScanInfection {
  std::string path;  // as ClamAV printed it; bytes that are not UTF-8 written as \xNN
  std::string signature;
  friend bool operator==(const VirusScanInfection&, const VirusScanInfection&) = default;
};

struct VirusScan {
  std::string id;  // "<host>/<number>", numbered per host from 000001
  std::string host;
  // RFC 3339: the scan's start and end, from its summary (the host's wall clock read in the
  // company's calendar); the time received when the summary has none.
  std::string started_at;
  std::string finished_at;
  int64_t scanned_files = 0;
  int64_t infected_files = 0;  // the summary's count, else the files of the FOUND lines
  int64_t errors = 0;          // files not scanned
  bool complete = false;       // the output has its summary: the scan ran to its end
  std::vector<VirusScanInfection> infections;
  std::string engine_version;
  std::string received_at;  // RFC 3339
  std::string received_by;  // person or token id that sent it
  friend bool operator==(const VirusScan&, const VirusScan&) = default;
};

}  // namespace sokuo::core
