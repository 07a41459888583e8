#include "detect/clamav.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/real_clamscan.h"

namespace sokuo::detect {
namespace {

std::string ClamTimeText(const std::optional<Timestamp>& t) { return t ? FormatRfc3339(*t) : "-"; }

// What clamscan 1.4.6 printed for a directory with an EICAR file, an empty file, a clean file and
// a symbolic link (clamscan -d test.hdb d).
constexpr std::string_view kClamRealOutput =
    "d/eicar.com: eicar.com.UNOFFICIAL FOUND\n"
    "d/empty: Empty file\n"
    "d/clean.txt: OK\n"
    "d/link: Symbolic link\n"
    "\n"
    "----------- SCAN SUMMARY -----------\n"
    "Known viruses: 1\n"
    "Engine version: 1.4.6\n"
    "Scanned directories: 1\n"
    "Scanned files: 2\n"
    "Infected files: 1\n"
    "Data scanned: 0.00 MB\n"
    "Data read: 0.00 MB (ratio 0.00:1)\n"
    "Time: 0.051 sec (0 m 0 s)\n"
    "Start Date: 2026:11:27 23:40:13\n"
    "End Date:   2026:11:27 23:40:14\n";

TEST(ClamscanOutputTest, ReadsARealRun) {
  auto report = ReadClamscanOutput(kClamRealOutput);
  ASSERT_TRUE(report) << report.error().ToString();
  EXPECT_TRUE(report->has_summary);
  EXPECT_EQ(report->known_viruses, 1);
  EXPECT_EQ(report->engine_version, "1.4.6");
  EXPECT_EQ(report->scanned_directories, 1);
  EXPECT_EQ(report->scanned_files, 2);
  EXPECT_EQ(report->infected_files, 1);
  EXPECT_EQ(report->total_errors, std::nullopt);
  EXPECT_EQ(report->data_scanned, "0.00 MB");
  EXPECT_EQ(report->data_read, "0.00 MB (ratio 0.00:1)");
  EXPECT_EQ(report->duration_ms, 51);
  EXPECT_EQ(ClamTimeText(report->started), "2026-11-27T23:40:13Z");  // wall clock
  EXPECT_EQ(ClamTimeText(report->finished), "2026-11-27T23:40:14Z");
  EXPECT_EQ(report->infections,
            (std::vector<ClamInfection>{{"d/eicar.com", "eicar.com.UNOFFICIAL", 1}}));
  EXPECT_TRUE(report->errors.empty());
  EXPECT_EQ(report->clean_files, 1);
  EXPECT_EQ(report->skipped_files, 2);
  EXPECT_EQ(report->other_lines, 0);
  EXPECT_FALSE(report->InfectionCountDisagrees());
}

// Shapes of file lines and summaries that are read without an error.
TEST(ClamscanOutputTest, Shapes) {
  struct Case {
    std::string_view name;
    std::string text;
    bool has_summary;
    std::vector<ClamInfection> infections;
    std::vector<ClamScanError> errors;
    std::int64_t clean, skipped, other;
    bool disagrees;
  };
  const std::string kClamSummaryErrors =
      "----------- SCAN SUMMARY -----------\nInfected files: 0\nTotal errors: 1\n";
  const Case cases[] = {
      {"empty text", "", false, {}, {}, 0, 0, 0, false},
      {"cut before the summary",
       "/a: OK\n/b: Eicar FOUND\n",
       false,
       {{"/b", "Eicar", 2}},
       {},
       1,
       0,
       0,
       false},
      {"a path holding ': '",
       "/tmp/a: b.txt: Eicar FOUND\n/x: y: OK\n",
       false,
       {{"/tmp/a: b.txt", "Eicar", 1}},
       {},
       1,
       0,
       0,
       false},
      {"Windows line ends",
       "C:\\x.exe: Eicar FOUND\r\nC:\\y: OK\r\n",
       false,
       {{"C:\\x.exe", "Eicar", 1}},
       {},
       1,
       0,
       0,
       false},
      {"bytes that are not UTF-8 kept",
       "/tmp/\xff\xfe.bin: Eicar FOUND\n",
       false,
       {{"/tmp/\xff\xfe.bin", "Eicar", 1}},
       {},
       0,
       0,
       0,
       false},
      {"scan errors",
       "/big.iso: Exceeded time limit ERROR\n" + kClamSummaryErrors,
       true,
       {},
       {{"/big.iso", "Exceeded time limit", 1}},
       0,
       0,
       0,
       false},
      {"clamdscan: a reply with ': ' in its reason",
       "/tmp/a: File path check failure: No such file or directory. ERROR\n\n" +
           kClamSummaryErrors + "Time: 0.001 sec (0 m 0 s)\nStart Date: 2026:11:27 10:00:01\n",
       true,
       {},
       {{"/tmp/a", "File path check failure: No such file or directory.", 1}},
       0,
       0,
       0,
       false},
      {"skipped files",
       "/e: Empty file\n/l: Symbolic link\n/x: Excluded\n/proc/1: Excluded (/proc)\n"
       "/root: Access denied\n/d: Can't open directory.\n",
       false,
       {},
       {},
       0,
       6,
       0,
       false},
      {"warnings and other lines are counted",
       "\n-----------------------------------------------------------------------------\n\n"
       "WARNING: /nonexistent: Can't access file\n/a FileHash: 44d8 (md5)\nhello\n",
       false,
       {},
       {},
       0,
       0,
       4,
       false},
      {"--allmatch: two signatures, one file",
       "/a: Eicar FOUND\n/a: Other FOUND\n----------- SCAN SUMMARY -----------\n"
       "Infected files: 1\n",
       true,
       {{"/a", "Eicar", 1}, {"/a", "Other", 2}},
       {},
       0,
       0,
       0,
       false},
      {"--allmatch inside an archive",
       "/a.zip!(0)x.exe: Eicar FOUND\n/a.zip!(1)y.exe: Other FOUND\n"
       "----------- SCAN SUMMARY -----------\nInfected files: 1\n",
       true,
       {{"/a.zip!(0)x.exe", "Eicar", 1}, {"/a.zip!(1)y.exe", "Other", 2}},
       {},
       0,
       0,
       0,
       false},
      {"summary counts more than the lines",
       "/a: Eicar FOUND\n----------- SCAN SUMMARY -----------\nInfected files: 2\n",
       true,
       {{"/a", "Eicar", 1}},
       {},
       0,
       0,
       0,
       true},
      {"summary counts fewer than the lines",
       "/a: Eicar FOUND\n/b: Eicar FOUND\n----------- SCAN SUMMARY -----------\n"
       "Infected files: 0\n",
       true,
       {{"/a", "Eicar", 1}, {"/b", "Eicar", 2}},
       {},
       0,
       0,
       0,
       true},
      {"unknown summary fields are other lines",
       "----------- SCAN SUMMARY -----------\nHeuristic matches: 3\nNot removed: 1\n",
       true,
       {},
       {},
       0,
       0,
       1,
       false},
      {"a FOUND line without a path is another line",
       ": Eicar FOUND\nEicar FOUND\n",
       false,
       {},
       {},
       0,
       0,
       2,
       false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto report = ReadClamscanOutput(c.text);
    ASSERT_TRUE(report) << report.error().ToString();
    EXPECT_EQ(report->has_summary, c.has_summary);
    EXPECT_EQ(report->infections, c.infections);
    EXPECT_EQ(report->errors, c.errors);
    EXPECT_EQ(report->clean_files, c.clean);
    EXPECT_EQ(report->skipped_files, c.skipped);
    EXPECT_EQ(report->other_lines, c.other);
    EXPECT_EQ(report->InfectionCountDisagrees(), c.disagrees);
  }
}

TEST(ClamscanOutputTest, LaterVersionsUnits) {
  auto report = ReadClamscanOutput(
      "----------- SCAN SUMMARY -----------\nData scanned: 12.50 MiB\nData read: 3 B (ratio "
      "0.00:1)\nTime: 3725.007 sec (62 m 5 s)\nStart Date: 2024:02:29 23:59:60\n");
  ASSERT_TRUE(report) << report.error().ToString();
  EXPECT_EQ(report->data_scanned, "12.50 MiB");
  EXPECT_EQ(report->duration_ms, 3725007);
  EXPECT_EQ(ClamTimeText(report->started), "2024-02-29T23:59:59Z");
  EXPECT_EQ(report->infected_files, std::nullopt);
  EXPECT_FALSE(report->InfectionCountDisagrees());
}

// Input refused: the error names the line of every problem.
TEST(ClamscanOutputTest, Refused) {
  const std::string kHeader = "/a: OK\n----------- SCAN SUMMARY -----------\n";
  struct Case {
    std::string name;
    std::string text;
    std::vector<std::string> details;  // English, in order
  };
  const Case cases[] = {
      {"not a number",
       kHeader + "Scanned files: two\n",
       {"line 3: Scanned files 'two' is not a number from 0 to 9223372036854775807"}},
      {"negative",
       kHeader + "Infected files: -1\n",
       {"line 3: Infected files '-1' is not a number from 0 to 9223372036854775807"}},
      {"overflow",
       kHeader + "Known viruses: 9223372036854775808\n",
       {"line 3: Known viruses '9223372036854775808' is not a number from 0 to "
        "9223372036854775807"}},
      {"a day that does not exist",
       kHeader + "Start Date: 2026:02:30 10:00:00\n",
       {"line 3: Start Date '2026:02:30 10:00:00' is not a real date and time (YYYY:MM:DD "
        "HH:MM:SS)"}},
      {"another date form",
       kHeader + "End Date:   2026-11-27 10:00:00\n",
       {"line 3: End Date '2026-11-27 10:00:00' is not a real date and time (YYYY:MM:DD "
        "HH:MM:SS)"}},
      {"a year before 1970",
       kHeader + "End Date: 1969:12:31 23:59:59\n",
       {"line 3: End Date '1969:12:31 23:59:59' is not a real date and time (YYYY:MM:DD "
        "HH:MM:SS)"}},
      {"a duration",
       kHeader + "Time: 1 min\n",
       {"line 3: Time '1 min' is not a duration such as '0.051 sec (0 m 0 s)'"}},
      {"a field twice",
       kHeader + "Scanned files: 1\nScanned files: 1\n",
       {"line 4: Scanned files appears twice in the scan summary"}},
      {"two runs",
       kHeader + kHeader,
       {"line 4: a second scan summary; give the output of one clamscan run at a time"}},
      {"a NUL byte",
       std::string("/a: OK\n/b\0c: OK\n", 14),
       {"line 2 holds a NUL byte: not ClamAV output"}},
      {"a line too long",
       "/a: OK\n/" + std::string(kClamMaxLineBytes, 'x') + ": OK\n",
       {"line 2 is longer than 32768 bytes: not ClamAV output"}},
      {"every problem, junk shown as printable ASCII",
       kHeader + "Scanned files: \x01\xff" + "1\nInfected files: 1x\n",
       {"line 3: Scanned files '??1' is not a number from 0 to 9223372036854775807",
        "line 4: Infected files '1x' is not a number from 0 to 9223372036854775807"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto report = ReadClamscanOutput(c.text, "web1/clamscan.log");
    ASSERT_FALSE(report);
    EXPECT_EQ(report.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(report.error().where, "web1/clamscan.log");
    std::vector<std::string> details;
    for (const Detail& d : report.error().details) details.push_back(d.Text(Lang::kEn));
    EXPECT_EQ(details, c.details);
    EXPECT_EQ(report.error().Text(Lang::kEn),
              c.details.size() == 1 ? "1 line of the ClamAV output cannot be read"
                                    : std::to_string(c.details.size()) +
                                          " lines of the ClamAV output cannot be read");
    EXPECT_FALSE(report.error().Text(Lang::kJa).empty());
  }
}

TEST(ClamscanOutputTest, ListsTheFirstProblemsAndCountsAll) {
  std::string text = "----------- SCAN SUMMARY -----------\n";
  for (int i = 0; i < 30; ++i) text += std::string("x\0y\n", 4);
  auto report = ReadClamscanOutput(text);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().details.size(), kClamMaxProblems);
  EXPECT_EQ(report.error().Text(Lang::kEn), "30 lines of the ClamAV output cannot be read");
}

TEST(ClamdLineTest, Shapes) {
  struct Case {
    std::string_view line;
    std::optional<ClamdKind> kind;  // nullopt: not a clamd line
    std::string_view path = {};
    std::string_view signature = {};
    std::string_view hash = {};
    std::string_view text = {};
    std::string_view time = "-";
    std::string_view program = {};
    bool on_access = false;
  };
  const Case cases[] = {
      {"Fri Nov 27 10:00:01 2026 -> /srv/a.exe: Eicar-Signature FOUND", ClamdKind::kInfection,
       "/srv/a.exe", "Eicar-Signature", "", "/srv/a.exe: Eicar-Signature FOUND",
       "2026-11-27T10:00:01Z"},
      {"Sat Nov  7 09:05:00 2026 -> /srv/b: OK", ClamdKind::kClean, "/srv/b", "", "", "/srv/b: OK",
       "2026-11-07T09:05:00Z"},
      {"Fri Nov 27 10:00:01 2026 -> SelfCheck: Database status OK.", ClamdKind::kSelfCheck, "", "",
       "", "Database status OK.", "2026-11-27T10:00:01Z"},
      {"Fri Nov 27 10:00:01 2026 -> SelfCheck: Database modification detected. Forcing reload.",
       ClamdKind::kSelfCheck, "", "", "", "Database modification detected. Forcing reload.",
       "2026-11-27T10:00:01Z"},
      {"Fri Nov 27 10:00:01 2026 -> /srv/x: Can't open file or directory ERROR",
       ClamdKind::kScanError, "/srv/x", "", "", "Can't open file or directory",
       "2026-11-27T10:00:01Z"},
      {"Fri Nov 27 10:00:01 2026 -> ERROR: Can't open/parse the config file /etc/clamd.conf",
       ClamdKind::kDaemonError, "", "", "", "Can't open/parse the config file /etc/clamd.conf",
       "2026-11-27T10:00:01Z"},
      {"Fri Nov 27 10:00:01 2026 -> WARNING: Ignoring deprecated option ScanOnAccess",
       ClamdKind::kDaemonWarning, "", "", "", "Ignoring deprecated option ScanOnAccess",
       "2026-11-27T10:00:01Z"},
      {"Fri Nov 27 10:00:01 2026 -> +++ Started at Fri Nov 27 10:00:01 2026", ClamdKind::kOther, "",
       "", "", "+++ Started at Fri Nov 27 10:00:01 2026", "2026-11-27T10:00:01Z"},
      {"clamd[1234]: /path: Win.Test.EICAR_HDB-1(44d88612fea8a8f36de82e1278abb02f:68) FOUND",
       ClamdKind::kInfection, "/path", "Win.Test.EICAR_HDB-1",
       "44d88612fea8a8f36de82e1278abb02f:68",
       "/path: Win.Test.EICAR_HDB-1(44d88612fea8a8f36de82e1278abb02f:68) FOUND", "-", "clamd"},
      {"Nov 27 10:00:01 web1 clamd[1234]: SelfCheck: Database status OK.", ClamdKind::kSelfCheck,
       "", "", "", "Database status OK.", "-", "clamd"},
      {"<30>Nov 27 10:00:01 web1 clamd[1234]: Reading databases from /var/lib/clamav",
       ClamdKind::kOther, "", "", "", "Reading databases from /var/lib/clamav", "-", "clamd"},
      {"2026-11-27T10:00:01.5+09:00 web1 clamd: stream(10.0.0.5@43210): Eicar FOUND",
       ClamdKind::kInfection, "stream(10.0.0.5@43210)", "Eicar", "",
       "stream(10.0.0.5@43210): Eicar FOUND", "-", "clamd"},
      {"Nov 27 10:00:01 web1 clamonacc[77]: /home/a/x.doc: Doc.Macro FOUND", ClamdKind::kInfection,
       "/home/a/x.doc", "Doc.Macro", "", "/home/a/x.doc: Doc.Macro FOUND", "-", "clamonacc", true},
      {"Fri Nov 27 10:00:01 2026 -> ScanOnAccess: /home/a/x.doc: Doc.Macro FOUND",
       ClamdKind::kInfection, "/home/a/x.doc", "Doc.Macro", "", "/home/a/x.doc: Doc.Macro FOUND",
       "2026-11-27T10:00:01Z", "", true},
      {"ScanOnAccess: Protecting directory '/home'", ClamdKind::kOther, "", "", "",
       "Protecting directory '/home'", "-", "", true},
      {"/srv/a.exe: Eicar-Signature FOUND", ClamdKind::kInfection, "/srv/a.exe", "Eicar-Signature",
       "", "/srv/a.exe: Eicar-Signature FOUND"},
      {"/srv/a.exe: Sig(not-a-hash) FOUND", ClamdKind::kInfection, "/srv/a.exe", "Sig(not-a-hash)",
       "", "/srv/a.exe: Sig(not-a-hash) FOUND"},
      {"/srv/\xc3\x28.bin: OK\r", ClamdKind::kClean, "/srv/\xc3\x28.bin", "", "",
       "/srv/\xc3\x28.bin: OK"},
      {"SelfCheck: Database status OK.", ClamdKind::kSelfCheck, "", "", "", "Database status OK."},
      // clamd's reply for a missing path, as clamdscan prints it.
      {"/tmp/a: b: File path check failure: No such file or directory. ERROR",
       ClamdKind::kScanError, "/tmp/a: b", "", "",
       "File path check failure: No such file or directory."},
      // Not clamd's: another program, no known message, a path beginning like a tag.
      {"Nov 27 10:00:01 web1 sshd[1]: /srv/a: Eicar FOUND", std::nullopt},
      {"Reading databases from /var/lib/clamav", std::nullopt},
      {"sshd[1]: /srv/a: Eicar FOUND", std::nullopt},
      {"ERROR: something", std::nullopt},
      {"/tmp/x clamd: hello", std::nullopt},
      {"", std::nullopt},
      {"Fri Nov 27 10:00:01 2026 and more", std::nullopt},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.line);
    auto read = ReadClamdLine(c.line, 7);
    ASSERT_TRUE(read) << read.error().ToString();
    ASSERT_EQ(read->has_value(), c.kind.has_value());
    if (!c.kind) continue;
    const ClamdLine& l = **read;
    EXPECT_EQ(ClamdKindName(l.kind), ClamdKindName(*c.kind));
    EXPECT_EQ(l.path, c.path);
    EXPECT_EQ(l.signature, c.signature);
    EXPECT_EQ(l.hash, c.hash);
    EXPECT_EQ(l.text, c.text);
    EXPECT_EQ(ClamTimeText(l.time), c.time);
    EXPECT_EQ(l.program, c.program);
    EXPECT_EQ(l.on_access, c.on_access);
  }
}

// What clamd 1.4.6 wrote to its LogFile (LogTime, LogClean, ExtendedDetectionInfo, SelfCheck) for
// SCAN, CONTSCAN, a missing path and INSTREAM, with a one-line hash database.
TEST(ClamdLineTest, ReadsARealLog) {
  constexpr std::string_view kLog =
      "Fri Nov 27 23:52:31 2026 -> +++ Started at Fri Nov 27 23:52:31 2026\n"
      "Fri Nov 27 23:52:31 2026 -> clamd daemon 1.4.6 (OS: Linux, ARCH: x86_64, CPU: x86_64)\n"
      "Fri Nov 27 23:52:31 2026 -> Limits: Global time limit set to 120000 milliseconds.\n"
      "Fri Nov 27 23:52:31 2026 -> Self checking every 5 seconds.\n"
      "Fri Nov 27 23:52:36 2026 -> SelfCheck: Database status OK.\n"
      "Fri Nov 27 23:52:38 2026 -> /tmp/clamx/d/eicar.com: "
      "eicar.com.UNOFFICIAL(44d88612fea8a8f36de82e1278abb02f:68) FOUND\n"
      "Fri Nov 27 23:52:38 2026 -> /tmp/clamx/d/clean.txt: OK\n"
      "Fri Nov 27 23:52:38 2026 -> WARNING: File path check failure on: /tmp/clamx/nonexistent\n"
      "Fri Nov 27 23:52:38 2026 -> instream(local): "
      "eicar.com.UNOFFICIAL(44d88612fea8a8f36de82e1278abb02f:68) FOUND\n";
  std::vector<std::string> got;
  std::string_view rest = kLog;
  std::int64_t number = 0;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    auto read = ReadClamdLine(rest.substr(0, nl), ++number);
    ASSERT_TRUE(read) << read.error().ToString();
    ASSERT_TRUE(read->has_value()) << rest.substr(0, nl);
    const ClamdLine& l = **read;
    got.push_back(std::string(ClamdKindName(l.kind)) + " " + ClamTimeText(l.time) + " " +
                  std::string(l.path) + "|" + std::string(l.signature) + "|" + std::string(l.hash) +
                  "|" + std::string(l.text));
    rest.remove_prefix(nl + 1);
  }
  const std::vector<std::string> want = {
      "other 2026-11-27T23:52:31Z |||+++ Started at Fri Nov 27 23:52:31 2026",
      "other 2026-11-27T23:52:31Z |||clamd daemon 1.4.6 (OS: Linux, ARCH: x86_64, CPU: x86_64)",
      "other 2026-11-27T23:52:31Z |||Limits: Global time limit set to 120000 milliseconds.",
      "other 2026-11-27T23:52:31Z |||Self checking every 5 seconds.",
      "self-check 2026-11-27T23:52:36Z |||Database status OK.",
      "infection 2026-11-27T23:52:38Z /tmp/clamx/d/eicar.com|eicar.com.UNOFFICIAL|"
      "44d88612fea8a8f36de82e1278abb02f:68|/tmp/clamx/d/eicar.com: "
      "eicar.com.UNOFFICIAL(44d88612fea8a8f36de82e1278abb02f:68) FOUND",
      "clean 2026-11-27T23:52:38Z /tmp/clamx/d/clean.txt|||/tmp/clamx/d/clean.txt: OK",
      "daemon-warning 2026-11-27T23:52:38Z |||File path check failure on: /tmp/clamx/nonexistent",
      "infection 2026-11-27T23:52:38Z instream(local)|eicar.com.UNOFFICIAL|"
      "44d88612fea8a8f36de82e1278abb02f:68|instream(local): "
      "eicar.com.UNOFFICIAL(44d88612fea8a8f36de82e1278abb02f:68) FOUND",
  };
  EXPECT_EQ(got, want);
}

TEST(ClamdLineTest, Refused) {
  struct Case {
    std::string line;
    std::string error;
  };
  const Case cases[] = {
      {"Fri Nov 31 10:00:01 2026 -> /a: OK",
       "line 12: the time 'Fri Nov 31 10:00:01 2026' before '->' is not a real date and time "
       "(such as 'Fri Nov 27 10:00:01 2026')"},
      {"Mon Nov 27 10:00:01 2026 -> /a: OK",  // the 27th is a Friday
       "line 12: the time 'Mon Nov 27 10:00:01 2026' before '->' is not a real date and time "
       "(such as 'Fri Nov 27 10:00:01 2026')"},
      {"Fri Nov 27 25:00:01 2026 -> /a: OK",
       "line 12: the time 'Fri Nov 27 25:00:01 2026' before '->' is not a real date and time "
       "(such as 'Fri Nov 27 10:00:01 2026')"},
      {std::string("/a\0b: OK", 8), "line 12 holds a NUL byte: not ClamAV output"},
      {"/" + std::string(kClamMaxLineBytes, 'a') + ": OK",
       "line 12 is longer than 32768 bytes: not ClamAV output"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.line.substr(0, 40));
    auto read = ReadClamdLine(c.line, 12);
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(read.error().Text(Lang::kEn), c.error);
  }
}

// clamscan's own output for a directory with the EICAR test file (detected through a one-line
// hash database made here: there are no downloaded signatures offline) and a clean file.
TEST(ClamscanOutputTest, ReadsWhatTheInstalledClamscanPrints) {
  std::string templ = (std::filesystem::temp_directory_path() / "sokuo-clamav-XXXXXX").string();
  ASSERT_NE(::mkdtemp(templ.data()), nullptr);
  const std::filesystem::path dir = templ;
  auto scan = ScanEicarWithClamscan(dir);
  std::filesystem::remove_all(dir);
  if (!scan) {
    GTEST_SKIP() << "clamscan or sigtool is not installed (apt-get install clamav; "
                    "scripts/bootstrap installs it)";
  }
  const std::string& output = scan->output;
  const int status = scan->status;
  const std::filesystem::path& files = scan->files;
  EXPECT_EQ(status, 1) << "clamscan exits 1 when it found a virus:\n" << output;
  SCOPED_TRACE(output);

  auto report = ReadClamscanOutput(output, "clamscan");
  ASSERT_TRUE(report) << report.error().ToString();
  EXPECT_TRUE(report->has_summary);
  ASSERT_EQ(report->infections.size(), 1u);
  EXPECT_EQ(report->infections[0].path, (files / "eicar.com").string());
  EXPECT_TRUE(report->infections[0].signature.starts_with("eicar.com"))
      << report->infections[0].signature;
  EXPECT_EQ(report->clean_files, 1);
  EXPECT_EQ(report->known_viruses, 1);
  EXPECT_EQ(report->scanned_files, 2);
  EXPECT_EQ(report->infected_files, 1);
  EXPECT_FALSE(report->InfectionCountDisagrees());
  EXPECT_FALSE(report->engine_version.empty());
  ASSERT_TRUE(report->started && report->finished);
  EXPECT_LE(*report->started, *report->finished);
  EXPECT_EQ(report->other_lines, 0);
}

}  // namespace
}  // namespace sokuo::detect
