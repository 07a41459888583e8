// ClamAV's output: clamscan's run and clamd's log lines (the formats are in clamav.h).
//
// Every reader works on views of the text and checks each line's length and bytes before it
// looks inside, so junk of any kind gives a line that is counted, or an error naming it.
#include "detect/clamav.h"

#include <array>
#include <chrono>
#include <cstring>
#include <limits>
#include <set>
#include <utility>

#include "detect/decode_internal.h"

namespace sokuo::detect {
namespace {

// What a line of either program reports about one file.
enum class ClamResultKind { kNone, kInfection, kClean, kScanError };

struct ClamResult {
  ClamResultKind kind = ClamResultKind::kNone;
  std::string_view path;
  std::string_view detail;  // the signature or the reason
  std::string_view hash;    // ExtendedDetectionInfo's "HASH:SIZE"
};

bool ClamIsHex(char c) { return internal::IsDigit(c) || (c >= 'a' && c <= 'f'); }

// "Sig(44d88612fea8a8f36de82e1278abb02f:68)" → "Sig" and the hash; anything else stays whole.
void ClamSplitHash(ClamResult& r) {
  std::string_view sig = r.detail;
  if (sig.empty() || sig.back() != ')') return;
  size_t open = sig.rfind('(');
  if (open == std::string_view::npos || open == 0) return;
  std::string_view inside = sig.substr(open + 1, sig.size() - open - 2);
  size_t colon = inside.find(':');
  if (colon == std::string_view::npos || colon == 0) return;
  for (char c : inside.substr(0, colon)) {
    if (!ClamIsHex(c)) return;
  }
  if (!internal::AllDigits(inside.substr(colon + 1))) return;
  r.detail = sig.substr(0, open);
  r.hash = inside;
}

// "PATH: SIG FOUND", "PATH: OK", "PATH: REASON ERROR". The path may itself hold ": " (any byte
// but NUL and '/' can be in a file name): the last one separates, as neither a signature name nor
// ClamAV's reasons hold one.
ClamResult ClamReadResult(std::string_view message) {
  ClamResult r;
  auto split = [&](std::string_view body, ClamResultKind kind) {
    size_t colon = body.rfind(": ");
    if (colon == std::string_view::npos || colon == 0 || colon + 2 >= body.size()) return;
    r.kind = kind;
    r.path = body.substr(0, colon);
    r.detail = body.substr(colon + 2);
  };
  if (message.ends_with(" FOUND")) {
    split(message.substr(0, message.size() - 6), ClamResultKind::kInfection);
    if (r.kind == ClamResultKind::kInfection) ClamSplitHash(r);
  } else if (message.size() > 4 && message.ends_with(": OK")) {
    r.kind = ClamResultKind::kClean;
    r.path = message.substr(0, message.size() - 4);
  } else if (message.ends_with(" ERROR")) {
    std::string_view body = message.substr(0, message.size() - 6);
    // clamd's one reason with ": " in it (its reply, which clamdscan prints: "PATH: File path
    // check failure: No such file or directory. ERROR").
    constexpr std::string_view kPathCheck = ": File path check failure: ";
    size_t at = body.rfind(kPathCheck);
    if (at != std::string_view::npos && at > 0) {
      r.kind = ClamResultKind::kScanError;
      r.path = body.substr(0, at);
      r.detail = body.substr(at + 2);
    } else {
      split(body, ClamResultKind::kScanError);
    }
  }
  return r;
}

// A value as an error message may show it: at most 40 bytes, printable ASCII (a broken line
// can hold anything, and the message goes into JSON and onto screens).
std::string ClamShow(std::string_view value) {
  constexpr size_t kMax = 40;
  std::string out;
  for (size_t i = 0; i < value.size() && i < kMax; ++i) {
    char c = value[i];
    out += (c >= 0x20 && c < 0x7f) ? c : '?';
  }
  if (value.size() > kMax) out += "...";
  return out;
}

std::string ClamLineText(std::int64_t line) { return std::to_string(line); }

// NUL and length, the checks every line gets before it is read.
std::optional<Message> ClamCheckLine(std::string_view line, std::int64_t number) {
  if (line.size() > kClamMaxLineBytes) {
    return Msg("clamav.line_too_long",
               {{"line", ClamLineText(number)}, {"max", std::to_string(kClamMaxLineBytes)}});
  }
  if (std::memchr(line.data(), '\0', line.size()) != nullptr) {
    return Msg("clamav.nul_byte", {{"line", ClamLineText(number)}});
  }
  return std::nullopt;
}

// A count: decimal digits only, fitting std::int64_t.
std::optional<std::int64_t> ClamCount(std::string_view s) {
  if (!internal::AllDigits(s)) return std::nullopt;
  std::int64_t value = 0;
  for (char c : s) {
    int digit = c - '0';
    if (value > (std::numeric_limits<std::int64_t>::max() - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

// "2026:11:27 10:00:01" (strftime "%Y:%m:%d %H:%M:%S"), as a wall-clock value.
std::optional<Timestamp> ClamSummaryDate(std::string_view s) {
  if (s.size() != 19 || s[4] != ':' || s[7] != ':' || s[10] != ' ' || s[13] != ':' ||
      s[16] != ':') {
    return std::nullopt;
  }
  auto year = ClamCount(s.substr(0, 4));
  int month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!year || !internal::TwoDigits(s, 5, month) || !internal::TwoDigits(s, 8, day) ||
      !internal::TwoDigits(s, 11, hour) || !internal::TwoDigits(s, 14, minute) ||
      !internal::TwoDigits(s, 17, second) || month < 1 || month > 12 || hour > 23 || minute > 59 ||
      second > 60) {
    return std::nullopt;
  }
  // A leap second is read as the last second of its minute, as the syslog decoder does.
  return internal::CivilTime(static_cast<int>(*year), month, day, hour, minute,
                             second == 60 ? 59 : second);
}

// "0.051 sec (0 m 0 s)" → 51 (clamscan: "%u.%3.3u sec (%u m %u s)").
std::optional<std::int64_t> ClamDurationMs(std::string_view s) {
  size_t dot = s.find('.');
  size_t unit = s.find(" sec");
  if (dot == std::string_view::npos || unit == std::string_view::npos || unit < dot ||
      unit - dot != 4) {
    return std::nullopt;
  }
  auto seconds = ClamCount(s.substr(0, dot));
  auto millis = ClamCount(s.substr(dot + 1, 3));
  if (!seconds || !millis || *seconds > std::numeric_limits<std::int64_t>::max() / 1000 - 1) {
    return std::nullopt;
  }
  return *seconds * 1000 + *millis;
}

constexpr std::string_view kClamSummaryHeader = "----------- SCAN SUMMARY -----------";

// What clamscan prints instead of a result for a file it did not scan (clamscan/manager.c).
constexpr std::array<std::string_view, 6> kClamSkipped = {
    ": Empty file",       ": Symbolic link", ": Excluded",
    ": Excluded (/proc)", ": Access denied", ": Can't open directory."};

enum class ClamField {
  kKnownViruses,
  kEngineVersion,
  kScannedDirectories,
  kScannedFiles,
  kInfectedFiles,
  kTotalErrors,
  kNotRemoved,
  kNotMoved,
  kNotCopied,
  kDataScanned,
  kDataRead,
  kTime,
  kStartDate,
  kEndDate,
  kCount
};

constexpr std::array<std::pair<std::string_view, ClamField>, 14> kClamFields = {{
    {"Known viruses", ClamField::kKnownViruses},
    {"Engine version", ClamField::kEngineVersion},
    {"Scanned directories", ClamField::kScannedDirectories},
    {"Scanned files", ClamField::kScannedFiles},
    {"Infected files", ClamField::kInfectedFiles},
    {"Total errors", ClamField::kTotalErrors},
    {"Not removed", ClamField::kNotRemoved},
    {"Not moved", ClamField::kNotMoved},
    {"Not copied", ClamField::kNotCopied},
    {"Data scanned", ClamField::kDataScanned},
    {"Data read", ClamField::kDataRead},
    {"Time", ClamField::kTime},
    {"Start Date", ClamField::kStartDate},
    {"End Date", ClamField::kEndDate},
}};

std::optional<ClamField> ClamFieldNamed(std::string_view name) {
  for (const auto& [field_name, field] : kClamFields) {
    if (field_name == name) return field;
  }
  return std::nullopt;
}

// The problems of one text: every one is counted, the first kClamMaxProblems are listed.
class ClamProblems {
 public:
  void Add(Message msg) {
    ++count_;
    if (details_.size() < kClamMaxProblems) details_.push_back(MakeDetail("", std::move(msg)));
  }
  bool empty() const { return count_ == 0; }
  Error Finish(std::string_view source) {
    Message msg = count_ == 1 ? Msg("clamav.one_problem")
                              : Msg("clamav.problems", {{"count", std::to_string(count_)}});
    std::string text = Render(msg, Lang::kEn);
    return Error{ErrorCode::kInvalidInput, std::move(text), std::string(source),
                 std::move(details_), std::move(msg)};
  }

 private:
  std::int64_t count_ = 0;
  std::vector<Detail> details_;
};

class ClamscanReader {
 public:
  explicit ClamscanReader(ScanReport& report) : report_(report) {}

  void Line(std::string_view line, std::int64_t number) {
    if (auto bad = ClamCheckLine(line, number)) {
      problems_.Add(std::move(*bad));
      return;
    }
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (internal::Trim(line).empty()) return;
    if (line == kClamSummaryHeader) {
      if (report_.has_summary) {
        problems_.Add(Msg("clamav.second_summary", {{"line", ClamLineText(number)}}));
      }
      report_.has_summary = true;
      return;
    }
    if (report_.has_summary && SummaryLine(line, number)) return;
    FileLine(line, number);
  }

  ClamProblems& problems() { return problems_; }

 private:
  // "Name: value" of the summary; false when the line is not one of its fields.
  bool SummaryLine(std::string_view line, std::int64_t number) {
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) return false;
    std::string_view name = line.substr(0, colon);
    auto field = ClamFieldNamed(name);
    if (!field) return false;
    std::string_view value = internal::Trim(line.substr(colon + 1));
    auto index = static_cast<size_t>(*field);
    if (seen_[index]) {
      problems_.Add(Msg("clamav.duplicate_field",
                        {{"line", ClamLineText(number)}, {"field", std::string(name)}}));
      return true;
    }
    seen_[index] = true;
    auto count = [&](std::optional<std::int64_t>& out) {
      out = ClamCount(value);
      if (!out) {
        problems_.Add(Msg("clamav.bad_number", {{"line", ClamLineText(number)},
                                                {"field", std::string(name)},
                                                {"value", ClamShow(value)}}));
      }
    };
    auto date = [&](std::optional<Timestamp>& out) {
      out = ClamSummaryDate(value);
      if (!out) {
        problems_.Add(Msg("clamav.bad_date", {{"line", ClamLineText(number)},
                                              {"field", std::string(name)},
                                              {"value", ClamShow(value)}}));
      }
    };
    std::optional<std::int64_t> unused;
    switch (*field) {
      case ClamField::kKnownViruses:
        count(report_.known_viruses);
        break;
      case ClamField::kEngineVersion:
        report_.engine_version = value;
        break;
      case ClamField::kScannedDirectories:
        count(report_.scanned_directories);
        break;
      case ClamField::kScannedFiles:
        count(report_.scanned_files);
        break;
      case ClamField::kInfectedFiles:
        count(report_.infected_files);
        break;
      case ClamField::kTotalErrors:
        count(report_.total_errors);
        break;
      case ClamField::kNotRemoved:
      case ClamField::kNotMoved:
      case ClamField::kNotCopied:
        count(unused);
        break;
      case ClamField::kDataScanned:
        report_.data_scanned = value;
        break;
      case ClamField::kDataRead:
        report_.data_read = value;
        break;
      case ClamField::kTime:
        report_.duration_ms = ClamDurationMs(value);
        if (!report_.duration_ms) {
          problems_.Add(Msg("clamav.bad_duration",
                            {{"line", ClamLineText(number)}, {"value", ClamShow(value)}}));
        }
        break;
      case ClamField::kStartDate:
        date(report_.started);
        break;
      case ClamField::kEndDate:
        date(report_.finished);
        break;
      case ClamField::kCount:
        break;
    }
    return true;
  }

  void FileLine(std::string_view line, std::int64_t number) {
    ClamResult r = ClamReadResult(line);
    switch (r.kind) {
      case ClamResultKind::kInfection:
        report_.infections.push_back({std::string(r.path), std::string(r.detail), number});
        return;
      case ClamResultKind::kClean:
        ++report_.clean_files;
        return;
      case ClamResultKind::kScanError:
        report_.errors.push_back({std::string(r.path), std::string(r.detail), number});
        return;
      case ClamResultKind::kNone:
        break;
    }
    for (std::string_view status : kClamSkipped) {
      if (line.size() > status.size() && line.ends_with(status)) {
        ++report_.skipped_files;
        return;
      }
    }
    ++report_.other_lines;
  }

  ScanReport& report_;
  ClamProblems problems_;
  std::array<bool, static_cast<size_t>(ClamField::kCount)> seen_{};
};

// "Fri Nov 27 10:00:01 2026 -> " (ctime: "%.3s %.3s%3d %.2d:%.2d:%.2d %d", the day padded with a
// space). kNone when the line does not start so; kBad when it does but names no real time.
enum class ClamCtime { kNone, kOk, kBad };

ClamCtime ClamReadCtime(std::string_view line, std::optional<Timestamp>& time) {
  constexpr std::string_view kArrow = " -> ";
  constexpr size_t kLength = 24;
  if (line.size() < kLength + kArrow.size() || line.substr(kLength, kArrow.size()) != kArrow ||
      line[3] != ' ' || line[7] != ' ') {
    return ClamCtime::kNone;
  }
  static constexpr std::array<std::string_view, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed",
                                                                "Thu", "Fri", "Sat"};
  size_t weekday = 0;
  while (weekday < kWeekdays.size() && kWeekdays[weekday] != line.substr(0, 3)) ++weekday;
  int month = internal::MonthNumber(line.substr(4, 3));
  if (weekday == kWeekdays.size() || month == 0) return ClamCtime::kNone;
  std::string_view day_text = internal::TrimLeft(line.substr(8, 2));
  auto day = ClamCount(day_text);
  auto year = ClamCount(line.substr(20, 4));
  int hour = 0, minute = 0, second = 0;
  if (!day || !year || line[10] != ' ' || line[19] != ' ' || line[13] != ':' || line[16] != ':' ||
      !internal::TwoDigits(line, 11, hour) || !internal::TwoDigits(line, 14, minute) ||
      !internal::TwoDigits(line, 17, second) || *day < 1 || *day > 31 || hour > 23 || minute > 59 ||
      second > 60) {
    return ClamCtime::kBad;
  }
  time = internal::CivilTime(static_cast<int>(*year), month, static_cast<int>(*day), hour, minute,
                             second == 60 ? 59 : second);
  if (!time) return ClamCtime::kBad;
  std::chrono::weekday actual{std::chrono::floor<std::chrono::days>(*time)};
  if (actual.c_encoding() != weekday) return ClamCtime::kBad;
  return ClamCtime::kOk;
}

// A syslog header's first word: "<30>", a month ("Nov"), or an RFC 3339 date ("2026-11-27T…").
bool ClamLooksLikeSyslogHeader(std::string_view head) {
  if (head.starts_with('<')) return true;
  if (head.size() >= 4 && internal::MonthNumber(head.substr(0, 3)) != 0 && head[3] == ' ') {
    return true;
  }
  return head.size() >= 5 && internal::AllDigits(head.substr(0, 4)) && head[4] == '-';
}

// "sshd[1234]": a syslog tag with its process id, which no path printed by ClamAV looks like.
bool ClamLooksLikeTag(std::string_view word) {
  size_t open = word.find('[');
  if (open == std::string_view::npos || open == 0 || !word.ends_with(']')) return false;
  if (word.substr(0, open).find('/') != std::string_view::npos) return false;
  return internal::AllDigits(word.substr(open + 1, word.size() - open - 2));
}

// "clamd", "clamd[1234]", "clamonacc[77]": the program, or empty.
std::string_view ClamTagProgram(std::string_view tag) {
  size_t open = tag.find('[');
  std::string_view name = tag.substr(0, open);
  if (name != "clamd" && name != "clamonacc") return {};
  if (open != std::string_view::npos) {
    if (!tag.ends_with(']') || !internal::AllDigits(tag.substr(open + 1, tag.size() - open - 2))) {
      return {};
    }
  }
  return name;
}

}  // namespace

std::int64_t ScanReport::InfectedPaths() const {
  std::set<std::string_view> files;
  for (const ClamInfection& i : infections) {
    std::string_view path = i.path;
    // "a.zip!(0)x.exe" (clamscan --allmatch: "%s!(%llu)%s"), or "…!(0)…" when the name was cut.
    for (size_t at = path.find("!("); at != std::string_view::npos; at = path.find("!(", at + 2)) {
      size_t close = path.find(')', at + 2);
      if (close != std::string_view::npos &&
          internal::AllDigits(path.substr(at + 2, close - at - 2))) {
        path = path.substr(0, at);
        if (path.ends_with("...")) path.remove_suffix(3);
        break;
      }
    }
    files.insert(path);
  }
  return static_cast<std::int64_t>(files.size());
}

bool ScanReport::InfectionCountDisagrees() const {
  return has_summary && infected_files.has_value() && *infected_files != InfectedPaths();
}

Result<ScanReport> ReadClamscanOutput(std::string_view text, std::string_view source) {
  ScanReport report;
  ClamscanReader reader(report);
  std::int64_t number = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    reader.Line(text.substr(0, nl), ++number);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  if (!reader.problems().empty()) return Fail(reader.problems().Finish(source));
  return report;
}

Result<std::optional<ClamdLine>> ReadClamdLine(std::string_view line, std::int64_t line_number) {
  if (auto bad = ClamCheckLine(line, line_number)) return Fail(ErrorCode::kInvalidInput, *bad);
  if (line.ends_with('\r')) line.remove_suffix(1);
  ClamdLine out;
  std::string_view message = line;
  bool prefixed = false;  // a time or clamd's tag: every message is then clamd's
  switch (ClamReadCtime(line, out.time)) {
    case ClamCtime::kOk:
      message = line.substr(28);
      prefixed = true;
      break;
    case ClamCtime::kBad:
      return Fail(ErrorCode::kInvalidInput,
                  Msg("clamav.bad_log_time", {{"line", ClamLineText(line_number)},
                                              {"value", ClamShow(line.substr(0, 24))}}));
    case ClamCtime::kNone: {
      size_t colon = line.find(": ");
      if (colon == std::string_view::npos) break;
      std::string_view head = line.substr(0, colon);
      size_t space = head.rfind(' ');
      std::string_view tag = space == std::string_view::npos ? head : head.substr(space + 1);
      std::string_view program = ClamTagProgram(tag);
      bool syslog_header = space != std::string_view::npos && ClamLooksLikeSyslogHeader(head);
      // Another program's syslog line, even one whose message reads like a result.
      if (program.empty() &&
          (syslog_header || (space == std::string_view::npos && ClamLooksLikeTag(tag)))) {
        return std::optional<ClamdLine>();
      }
      if (program.empty() || (space != std::string_view::npos && !syslog_header)) break;
      out.program = program;
      out.on_access = program == "clamonacc";
      message = line.substr(colon + 2);
      prefixed = true;
      break;
    }
  }
  out.text = message;
  if (internal::Consume(message, "SelfCheck: ")) {
    out.kind = ClamdKind::kSelfCheck;
    out.text = message;
    return out;
  }
  if (prefixed && internal::Consume(message, "ERROR: ")) {
    out.kind = ClamdKind::kDaemonError;
    out.text = message;
    return out;
  }
  if (prefixed && internal::Consume(message, "WARNING: ")) {
    out.kind = ClamdKind::kDaemonWarning;
    out.text = message;
    return out;
  }
  if (internal::Consume(message, "ScanOnAccess: ")) {
    out.on_access = true;
    out.text = message;
    prefixed = true;
  }
  ClamResult r = ClamReadResult(message);
  switch (r.kind) {
    case ClamResultKind::kInfection:
      out.kind = ClamdKind::kInfection;
      out.signature = r.detail;
      out.hash = r.hash;
      break;
    case ClamResultKind::kClean:
      out.kind = ClamdKind::kClean;
      break;
    case ClamResultKind::kScanError:
      out.kind = ClamdKind::kScanError;
      out.text = r.detail;
      break;
    case ClamResultKind::kNone:
      if (!prefixed) return std::optional<ClamdLine>();
      out.kind = ClamdKind::kOther;
      return out;
  }
  out.path = r.path;
  return out;
}

std::string_view ClamdKindName(ClamdKind kind) {
  switch (kind) {
    case ClamdKind::kInfection:
      return "infection";
    case ClamdKind::kClean:
      return "clean";
    case ClamdKind::kScanError:
      return "scan-error";
    case ClamdKind::kSelfCheck:
      return "self-check";
    case ClamdKind::kDaemonError:
      return "daemon-error";
    case ClamdKind::kDaemonWarning:
      return "daemon-warning";
    case ClamdKind::kOther:
      return "other";
  }
  return "other";
}

}  // namespace sokuo::detect
