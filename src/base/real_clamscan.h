// For tests: what the installed ClamAV prints. There are no downloaded signatures offline, so the
// EICAR test file is detected through a one-line hash database made with `sigtool --md5`; a
// clean file lies beside it. Tests of the reader (detect/) and of the daily virus check (app/)
// run the same scan.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace sokuo {

// `name` found on PATH as the shell would.
inline std::optional<std::filesystem::path> FindProgram(std::string_view name) {
  const char* path = std::getenv("PATH");
  std::string_view dirs = path != nullptr ? path : "/usr/bin:/bin";
  while (true) {
    size_t colon = dirs.find(':');
    std::filesystem::path candidate = std::filesystem::path(dirs.substr(0, colon)) / name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    if (colon == std::string_view::npos) return std::nullopt;
    dirs.remove_prefix(colon + 1);
  }
}

// Runs a shell command: its standard output and exit status (-1 when it did not exit).
inline std::pair<std::string, int> RunCommand(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return {"", -1};
  char buffer[4096];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  int status = ::pclose(pipe);
  return {out, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

struct RealScan {
  std::string output;           // what clamscan printed (or sigtool, when it failed)
  int status = -1;              // clamscan's exit status: 1 when it found the virus
  std::filesystem::path files;  // the directory scanned: eicar.com and clean.txt
};

// Scans `dir`/files with the installed clamscan, on the clock of `tz` when given; nullopt when
// clamscan or sigtool is not installed.
inline std::optional<RealScan> ScanEicarWithClamscan(const std::filesystem::path& dir,
                                                     const std::string& tz = {}) {
  auto clamscan = FindProgram("clamscan");
  auto sigtool = FindProgram("sigtool");
  if (!clamscan || !sigtool) return std::nullopt;
  RealScan scan{.files = dir / "files"};
  std::filesystem::create_directories(scan.files);
  {
    // The EICAR test file, put together here so that this source file is not itself detected.
    std::ofstream eicar(scan.files / "eicar.com", std::ios::binary);
    eicar << "X5O!P%@AP[4\\PZX54(P^)7CC)7}$"
          << "EICAR-STANDARD-"
          << "ANTIVIRUS-TEST-FILE!$H+H*";
    std::ofstream clean(scan.files / "clean.txt", std::ios::binary);
    clean << "nothing to see\n";
  }
  const std::string q = "'";
  auto [hdb, sig_status] =
      RunCommand(q + sigtool->string() + "' --md5 '" + (scan.files / "eicar.com").string() + q);
  if (sig_status != 0) {
    scan.output = hdb;
    return scan;
  }
  { std::ofstream(dir / "test.hdb", std::ios::binary) << hdb; }
  std::tie(scan.output, scan.status) =
      RunCommand((tz.empty() ? "" : "TZ=" + tz + " ") + q + clamscan->string() + "' -d '" +
                 (dir / "test.hdb").string() + "' '" + scan.files.string() + "' 2>/dev/null");
  return scan;
}

}  // namespace sokuo
