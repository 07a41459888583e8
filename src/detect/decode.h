// Log decoders: one text record → Event with named fields (docs/detection.md lists the fields
// of each format). Pure: the caller reads files or sockets and hands over lines.
//
//   syslog   RFC 3164 ("Dec 10 06:55:46 host sshd[24200]: …", no year and no zone: the options
//            give them) and RFC 5424 ("<34>1 2026-11-27T01:02:03.5Z host app 123 ID47 [sd] msg"),
//            with or without a leading <PRI>; the message of auth programs (sshd, sudo, su,
//            useradd, usermod, groupadd, gpasswd, passwd, chpasswd, cron, systemd, pam_unix) is
//            parsed further into user, source address, command…
//   json     one JSON object per line; `journalctl -o json` entries are recognised by MESSAGE and
//            __REALTIME_TIMESTAMP and decoded like syslog; other objects give their members as
//            fields (nested objects as dotted names, "a.b").
//   access   web server access logs, NCSA common and combined, with the W3C field names of the
//            Sigma webserver taxonomy (c-ip, cs-method, cs-uri-stem, cs-uri-query, sc-status…).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/time.h"
#include "detect/event.h"

namespace sokuo::detect {

enum class Format { kAuto, kSyslog, kJson, kAccess };

// "auto", "syslog", "json", "access"; nullopt for anything else.
std::optional<Format> ParseFormat(std::string_view name);
std::string_view FormatName(Format f);

// The format a stream's first non-empty line looks like (kSyslog when nothing fits: every line
// is still searched by keyword rules).
Format Sniff(std::string_view first_line);

struct DecodeOptions {
  Format format = Format::kAuto;
  // RFC 3164 lines carry no year: the year of the first line. A later line whose month is more
  // than six months before the previous line's moves to the next year (a log across New Year).
  int year = 1970;
  // A log cannot come from the future: when the first RFC 3164 line would be more than a day
  // after this instant, the year is the one before (a December log read in January).
  std::optional<Timestamp> not_after;
  // The zone of RFC 3164 wall-clock times; UTC when not given.
  std::optional<Calendar> zone;
  // Overrides the log source the decoder would give (from --logsource product=…,service=…):
  // each non-empty member replaces the decoder's; a service replaces both services. Applied to
  // lines that do not decode too.
  std::optional<LogSource> source;
};

// Decodes one stream. Not thread-safe, and one per stream: it carries state from line to line
// (the format sniffed, the RFC 3164 year, the zone offset of the last hour). Events point into
// its options (the log source given), so it outlives the events it fills.
class Decoder {
 public:
  explicit Decoder(DecodeOptions options);

  // Decodes one record (without its line ending) into `event`, which views `line`. Returns false
  // when the record is not of the format: the event then has only raw(), message() and the
  // source, and keyword rules still see it.
  bool Decode(std::string_view line, Event& event);

  Format format() const { return format_; }

 private:
  // The instant of an RFC 3164 wall-clock time (no year, no zone) of the current line.
  std::optional<Timestamp> FromSyslogClock(int month, int day, int hour, int minute, int second);
  void ApplySource(Event& event) const;

  DecodeOptions options_;
  Format format_;
  int year_;
  int last_month_ = 0;
  // RFC 3164 local times → UTC: the offset of the last hour converted.
  std::int64_t cached_hour_ = INT64_MIN;
  std::int64_t cached_offset_ = 0;
  // Where JSON names are joined ("a.b") and escaped strings are unescaped before the event
  // copies them; kept across records so that their capacity is reused.
  std::string name_scratch_;
  std::string value_scratch_;
};

}  // namespace sokuo::detect
