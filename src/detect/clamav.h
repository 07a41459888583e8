// ClamAV's scan results, read from the text ClamAV prints (G4.1.4, G4.2.5: the daily virus check
// of every host is proven by what the host sends). Pure: the caller hands over text it received;
// nothing here reads files or clocks. Formats, as ClamAV 1.x writes them (clamscan/clamscan.c,
// clamscan/manager.c, clamd/scanner.c, common/output.c):
//
//   clamscan   one line per file, then a summary unless --no-summary:
//                /home/a/eicar.com: Eicar-Signature FOUND
//                /home/a/notes.txt: OK
//                /home/a/big.iso: Exceeded time limit ERROR   ("PATH: REASON ERROR")
//                /home/a/empty: Empty file       (also Symbolic link, Excluded, Access denied…)
//
//                ----------- SCAN SUMMARY -----------
//                Known viruses: 8697412
//                Engine version: 1.4.6
//                Scanned directories: 1
//                Scanned files: 2
//                Infected files: 1
//                Total errors: 1                      (only when there were errors)
//                Data scanned: 0.00 MB                (1.4: "MB"; later versions "MiB", "KiB", "B")
//                Data read: 0.00 MB (ratio 0.00:1)
//                Time: 0.051 sec (0 m 0 s)
//                Start Date: 2026:11:27 10:00:01      (the host's local wall clock, no zone)
//                End Date:   2026:11:27 10:00:01
//              clamdscan prints the same shape with a shorter summary (Infected files, Total
//              errors, Time, Start Date, End Date) and clamd's replies as file lines, such as
//              "PATH: File path check failure: No such file or directory. ERROR".
//              Lines that are none of these (WARNING:/ERROR: lines when stderr was captured too,
//              "PATH FileHash: …", the dashes `--log` writes before a run) are counted, not
//              refused.
//
//   clamd      one log line at a time, in three shapes:
//                Fri Nov 27 10:00:01 2026 -> /srv/a.exe: Eicar-Signature FOUND   (LogFile, LogTime)
//                Nov 27 10:00:01 web1 clamd[1234]: /srv/a.exe: Win.Test.EICAR_HDB-1(44d8…:68) FOUND
//                /srv/a.exe: Eicar-Signature FOUND                       (LogFile without LogTime)
//              with the messages "PATH: SIG FOUND" (ExtendedDetectionInfo adds "(HASH:SIZE)"),
//              "PATH: OK" (LogClean), "PATH: REASON ERROR", "SelfCheck: Database status OK." and
//              "SelfCheck: Database modification detected. Forcing reload.", "ERROR: …" and
//              "WARNING: …" (the log file's levels), and on-access results: clamonacc (0.102 and
//              later) logs "PATH: SIG FOUND" itself, clamd before 0.102 logged
//              "ScanOnAccess: PATH: SIG FOUND". The syslog header's time has no year: the caller's
//              syslog decoder (decode.h) gives it, so only the log file's time is returned here.
//
// Times are wall-clock values: the host's local time written as if it were UTC, to be converted
// with the organization's calendar (Calendar::FromWallClock). Paths are the bytes ClamAV printed,
// which need not be UTF-8: escape them before putting them into JSON or HTML.
//
// Input sokuo refuses: a line longer than kClamMaxLineBytes, a NUL byte, a summary number that is
// not a number or does not fit 64 bits, a date that does not exist, a summary field given twice, a
// second summary (one scan's output at a time). The error names every such line (up to
// kClamMaxProblems of them).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/time.h"

namespace sokuo::detect {

// A line of ClamAV output is a path and a signature name or a reason: PATH_MAX (4096) and a
// signature name fit many times over; anything longer is not ClamAV's.
inline constexpr std::size_t kClamMaxLineBytes = 32 * 1024;
// An error lists at most this many lines (it counts them all).
inline constexpr std::size_t kClamMaxProblems = 20;

struct ClamInfection {
  std::string path;
  std::string signature;  // "Eicar-Signature", "Win.Test.EICAR_HDB-1"
  std::int64_t line = 0;  // 1-based, in the text read
  friend bool operator==(const ClamInfection&, const ClamInfection&) = default;
};

struct ClamScanError {
  std::string path;
  std::string reason;  // "Exceeded time limit", "Can't open file or directory"
  std::int64_t line = 0;
  friend bool operator==(const ClamScanError&, const ClamScanError&) = default;
};

// What one clamscan run printed.
struct ScanReport {
  // False: the output ends before the summary (the scan was cut short, or ran with
  // --no-summary). The daily check is then not proven, whatever the file lines say.
  bool has_summary = false;
  // The summary's values, when it has them.
  std::optional<std::int64_t> known_viruses;  // signatures loaded: 0 means no database
  std::string engine_version;                 // "1.4.6"
  std::optional<std::int64_t> scanned_directories;
  std::optional<std::int64_t> scanned_files;
  std::optional<std::int64_t> infected_files;
  std::optional<std::int64_t> total_errors;  // clamscan prints it only when not 0
  std::string data_scanned;                  // "0.00 MB", as printed
  std::string data_read;                     // "0.00 MB (ratio 0.00:1)"
  std::optional<std::int64_t> duration_ms;   // "Time: 0.051 sec (0 m 0 s)" → 51
  std::optional<Timestamp> started;          // wall clock (see above)
  std::optional<Timestamp> finished;

  // The file lines. Clean and skipped files are only counted: a whole host prints millions.
  std::vector<ClamInfection> infections;  // in output order; --allmatch gives one per signature
  std::vector<ClamScanError> errors;
  std::int64_t clean_files = 0;    // "PATH: OK"
  std::int64_t skipped_files = 0;  // Empty file, Symbolic link, Excluded, Access denied…
  std::int64_t other_lines = 0;    // non-empty lines of no known shape (WARNING: lines…)

  // The summary's count of infected files disagrees with the files of the FOUND lines (output
  // cut, edited or mixed with another run's). Both are kept; the caller decides which to believe.
  bool InfectionCountDisagrees() const;
  // The distinct files among `infections`: a match inside an archive, "a.zip!(0)x.exe" (with
  // --allmatch), counts as its outer file, as clamscan's own count does.
  std::int64_t InfectedPaths() const;
};

// Reads one clamscan (or clamdscan) run's output (stdout, or a --log file holding one run).
// `source` names the text in errors ("web1/clamscan.log"); the error's details name each line.
[[nodiscard]] Result<ScanReport> ReadClamscanOutput(std::string_view text,
                                                    std::string_view source = {});

enum class ClamdKind {
  kInfection,      // "PATH: SIG FOUND"
  kClean,          // "PATH: OK"
  kScanError,      // "PATH: REASON ERROR": the file was not scanned
  kSelfCheck,      // "SelfCheck: …": the daemon is alive and checked its database
  kDaemonError,    // "ERROR: …" in the log file
  kDaemonWarning,  // "WARNING: …" in the log file
  kOther,          // anything else clamd logs (start-up, reloads, client messages)
};

// One clamd (or clamonacc) log line. The views point into the line given.
struct ClamdLine {
  ClamdKind kind = ClamdKind::kOther;
  std::optional<Timestamp> time;  // wall clock, from the log file's "Fri Nov 27 10:00:01 2026 ->"
  std::string_view program;       // the syslog tag ("clamd", "clamonacc"); empty otherwise
  std::string_view path;          // kInfection, kClean, kScanError
  std::string_view signature;     // kInfection
  std::string_view hash;          // kInfection with ExtendedDetectionInfo: "44d8…:68"
  std::string_view text;          // kScanError: the reason; other kinds: the message
  bool on_access = false;         // from the on-access scanner (clamonacc, ScanOnAccess:)
};

// Reads one log line (without its line ending). nullopt: not a clamd line (a line without a time
// or clamd's syslog tag is one only when its message is a scan result or a SelfCheck). An error
// for a line sokuo refuses, naming `line_number`.
[[nodiscard]] Result<std::optional<ClamdLine>> ReadClamdLine(std::string_view line,
                                                             std::int64_t line_number);

std::string_view ClamdKindName(ClamdKind kind);  // "infection", "clean", "scan-error"…

}  // namespace sokuo::detect
