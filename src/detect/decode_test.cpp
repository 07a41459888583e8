#include "detect/decode.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sokuo::detect {
namespace {

using ::testing::UnorderedElementsAreArray;

std::string Read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    lines.push_back(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

// "name=value" for each field; a JSON null shows as "name=<null>".
std::vector<std::string> Fields(const Event& e) {
  std::vector<std::string> out;
  for (const Field& f : e.fields()) {
    out.push_back(std::string(f.name) + "=" + (IsNull(f.value) ? "<null>" : std::string(f.value)));
  }
  return out;
}

// The fields without the syslog header ones, for the tables of message shapes.
std::vector<std::string> Details(const Event& e) {
  std::vector<std::string> out;
  for (const std::string& f : Fields(e)) {
    if (f.starts_with("host=") || f.starts_with("program=") || f.starts_with("pid=") ||
        f.starts_with("message=")) {
      continue;
    }
    out.push_back(f);
  }
  return out;
}

std::string TimeText(const Event& e) { return e.time ? FormatRfc3339(*e.time) : "-"; }

std::string Source(const Event& e) {
  return std::string(e.category) + "/" + std::string(e.product) + "/" + std::string(e.services[0]) +
         "," + std::string(e.services[1]);
}

// What an event must hold whatever the input: names, and values that are views of the line,
// of the event's storage, static text or null. Static text cannot be told apart from a stray
// pointer here (the fuzz target checks it against the program image); it is at least readable.
void ExpectSound(std::string_view line, const Event& e) {
  auto inside = [&](std::string_view v) {
    return (v.data() >= line.data() && v.data() + v.size() <= line.data() + line.size()) ||
           e.Owns(v);
  };
  EXPECT_EQ(e.raw().data(), line.data());
  EXPECT_TRUE(inside(e.message()));
  size_t bytes = 0;
  for (const Field& f : e.fields()) {
    EXPECT_FALSE(f.name.empty()) << line;
    for (char c : f.name) bytes += static_cast<unsigned char>(c);
    for (char c : f.value) bytes += static_cast<unsigned char>(c);
    if (!inside(f.value) && !IsNull(f.value)) {
      EXPECT_LE(f.value.size(), 64u) << f.name;
    }
  }
  (void)bytes;
  if (e.time) {
    auto year = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(*e.time)).year();
    EXPECT_GE(static_cast<int>(year), 1970);
    EXPECT_LE(static_cast<int>(year), 9999);
  }
}

DecodeOptions Syslog2026() { return {.format = Format::kSyslog, .year = 2026}; }

// ---------------------------------------------------------------------------------------------
// Formats and sniffing

TEST(DecodeTest, FormatNamesRoundTrip) {
  for (Format f : {Format::kAuto, Format::kSyslog, Format::kJson, Format::kAccess}) {
    EXPECT_EQ(ParseFormat(FormatName(f)), f);
  }
  EXPECT_EQ(ParseFormat("JSON"), std::nullopt);
  EXPECT_EQ(ParseFormat(""), std::nullopt);
}

TEST(DecodeTest, SniffsTheFirstLine) {
  struct Case {
    std::string_view line;
    Format want;
  } cases[] = {
      {R"({"MESSAGE":"x"})", Format::kJson},
      {R"(   {"a":1})", Format::kJson},
      {"\xEF\xBB\xBF{\"a\":1}", Format::kJson},
      {R"(192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 2326)", Format::kAccess},
      {R"(www.example.com - alice [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1)",
       Format::kAccess},
      {"Dec 10 06:55:46 host sshd[1]: x", Format::kSyslog},
      {"<34>1 2026-11-27T01:02:03Z host app - - - msg", Format::kSyslog},
      {"192.0.2.1 - - [not a date]", Format::kSyslog},
      {"garbage", Format::kSyslog},
      {"", Format::kSyslog},
  };
  for (const Case& c : cases) EXPECT_EQ(Sniff(c.line), c.want) << c.line;
}

TEST(DecodeTest, AutoSniffsOnTheFirstNonEmptyLineAndKeepsThatFormat) {
  Decoder d({});
  Event e;
  EXPECT_FALSE(d.Decode("", e));
  EXPECT_FALSE(d.Decode("   ", e));
  EXPECT_EQ(d.format(), Format::kAuto);
  EXPECT_TRUE(d.Decode(R"({"a":"b"})", e));
  EXPECT_EQ(d.format(), Format::kJson);
  // A later syslog line is not JSON: undecoded, but still the record of the stream.
  EXPECT_FALSE(d.Decode("Dec 10 06:55:46 host sshd[1]: x", e));
  EXPECT_EQ(e.message(), "Dec 10 06:55:46 host sshd[1]: x");
  EXPECT_TRUE(e.fields().empty());
}

// ---------------------------------------------------------------------------------------------
// Syslog headers

TEST(DecodeTest, SyslogHeaders) {
  struct Case {
    std::string_view line;
    std::vector<std::string> fields;
    std::string time;
  } cases[] = {
      {"Dec 10 06:55:46 web1 sshd[24200]: Connection from 198.51.100.4",
       {"host=web1", "program=sshd", "pid=24200", "message=Connection from 198.51.100.4"},
       "2026-12-10T06:55:46Z"},
      {"Dec  1 06:55:46 web1 kernel: [ 12.5] eth0 up",
       {"host=web1", "program=kernel", "message=[ 12.5] eth0 up"},
       "2026-12-01T06:55:46Z"},
      {"<38>Feb  3 04:05:06 web1 CRON[99]: hello ",
       {"facility=4", "severity=6", "host=web1", "program=CRON", "pid=99", "message=hello"},
       "2026-02-03T04:05:06Z"},
      {"<0>Mar 31 23:59:60 h p: leap",
       {"facility=0", "severity=0", "host=h", "program=p", "message=leap"},
       "2026-03-31T23:59:59Z"},
      {"Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown",
       {"host=combo", "program=sshd", "pam_module=pam_unix", "pid=19939",
        "message=check pass; user unknown", "event=pam.user_unknown", "pam_service=sshd"},
       "2026-06-14T15:16:01Z"},
      {"Jun 19 04:09:11 combo syslogd 1.4.1: restart.",
       {"host=combo", "program=syslogd", "message=restart."},
       "2026-06-19T04:09:11Z"},
      // No tag: the rest is the message.
      {"Jun 19 04:09:11 combo just some words",
       {"host=combo", "message=just some words"},
       "2026-06-19T04:09:11Z"},
      // No host (a local writer): the first word is a tag.
      {"Jun 19 04:09:11 sshd[7]: hi",
       {"program=sshd", "pid=7", "message=hi"},
       "2026-06-19T04:09:11Z"},
      {"Jun 19 04:09:11.250 h app: fraction",
       {"host=h", "program=app", "message=fraction"},
       "2026-06-19T04:09:11Z"},
      {"Jun 19 04:09:11 h postfix/smtpd[123]: connect",
       {"host=h", "program=postfix/smtpd", "pid=123", "message=connect"},
       "2026-06-19T04:09:11Z"},
      // rsyslog's precise form carries its own offset.
      {"2026-11-27T01:02:03.123456+09:00 web2 sudo[5]: x",
       {"host=web2", "program=sudo", "pid=5", "message=x"},
       "2026-11-26T16:02:03Z"},
      {"<86>2026-11-27T01:02:03Z web2 app: y",
       {"facility=10", "severity=6", "host=web2", "program=app", "message=y"},
       "2026-11-27T01:02:03Z"},
      // RFC 5424.
      {"<34>1 2026-11-27T01:02:03.5Z mymachine.example.com su - ID47 - 'su root' failed",
       {"facility=4", "severity=2", "host=mymachine.example.com", "program=su", "msgid=ID47",
        "message='su root' failed"},
       "2026-11-27T01:02:03Z"},
      {"<165>1 2003-10-11T22:14:15.003Z host evntslog 8710 - "
       R"([exampleSDID@32473 iut="3" eventSource="App\"lic\\ation\]"][origin ip="192.0.2.1"])"
       " \xEF\xBB\xBF"
       "An application event",
       {"facility=20", "severity=5", "host=host", "program=evntslog", "pid=8710",
        "sd.exampleSDID@32473.iut=3", R"(sd.exampleSDID@32473.eventSource=App"lic\ation])",
        "sd.origin.ip=192.0.2.1", "message=An application event"},
       "2003-10-11T22:14:15Z"},
      {"<13>1 - - - - - -", {"facility=1", "severity=5", "message="}, "-"},
      {"1 2026-01-02T03:04:05-01:00 h a 1 m [x@1 k=\"a\\nb\"] text",
       {"host=h", "program=a", "pid=1", "msgid=m", "sd.x@1.k=a\\nb", "message=text"},
       "2026-01-02T04:04:05Z"},
  };
  for (const Case& c : cases) {
    Decoder d(Syslog2026());
    Event e;
    ASSERT_TRUE(d.Decode(c.line, e)) << c.line;
    EXPECT_THAT(Fields(e), UnorderedElementsAreArray(c.fields)) << c.line;
    EXPECT_EQ(TimeText(e), c.time) << c.line;
    EXPECT_EQ(e.message(), c.line);
    ExpectSound(c.line, e);
  }
}

TEST(DecodeTest, SyslogSources) {
  struct Case {
    std::string_view line;
    std::string source;
  } cases[] = {
      {"Dec 10 06:55:46 h sshd[1]: x", "/linux/sshd,auth"},
      {"Dec 10 06:55:46 h CRON[1]: x", "/linux/cron,syslog"},
      {"Dec 10 06:55:46 h cron[1]: pam_unix(cron:session): session closed for user root",
       "/linux/cron,auth"},
      {"Dec 10 06:55:46 h su(pam_unix)[1]: session closed for user news", "/linux/su,auth"},
      {"Dec 10 06:55:46 h systemd-logind[1]: x", "/linux/systemd-logind,auth"},
      {"Dec 10 06:55:46 h kernel: x", "/linux/kernel,syslog"},
      {"Dec 10 06:55:46 h no tag here", "/linux/syslog,"},
      {"Dec 10 06:55:46 h Useradd[1]: x", "/linux/useradd,auth"},
  };
  for (const Case& c : cases) {
    Decoder d(Syslog2026());
    Event e;
    ASSERT_TRUE(d.Decode(c.line, e)) << c.line;
    EXPECT_EQ(Source(e), c.source) << c.line;
  }
}

TEST(DecodeTest, TheOptionsSourceOverridesWhatItNames) {
  Decoder d({.format = Format::kSyslog,
             .year = 2026,
             .source = LogSource{.category = "", .product = "", .service = "myapp"}});
  Event e;
  ASSERT_TRUE(d.Decode("Dec 10 06:55:46 h sshd[1]: x", e));
  EXPECT_EQ(Source(e), "/linux/myapp,");
  EXPECT_FALSE(d.Decode("not syslog", e));
  EXPECT_EQ(Source(e), "/linux/myapp,");

  Decoder all({.format = Format::kJson,
               .source = LogSource{.category = "c", .product = "p", .service = "s"}});
  ASSERT_TRUE(all.Decode(R"({"a":1})", e));
  EXPECT_EQ(Source(e), "c/p/s,");
}

TEST(DecodeTest, LinesThatAreNotSyslog) {
  std::string_view lines[] = {
      "",
      "garbage",
      "<999>Dec 10 06:55:46 h p: x",
      "<1000>Dec 10 06:55:46 h p: x",
      "<>Dec 10 06:55:46 h p: x",
      "<12Dec 10 06:55:46 h p: x",
      "Feb 30 06:55:46 h p: x",
      "Apr 31 06:55:46 h p: x",
      "Dec 32 06:55:46 h p: x",
      "Dec 00 06:55:46 h p: x",
      "Dec 10 24:55:46 h p: x",
      "Dec 10 06:60:46 h p: x",
      "Dec 10 06:55:61 h p: x",
      "Dec 10 06:55",
      "Dec 10 06:55:46",
      "Dec 10 06:55:46 ",
      "Dex 10 06:55:46 h p: x",
      "2026-13-01T00:00:00Z h p: x",
      "2026-11-27 01:02:03 h p: x",
      "<13>1 2026-11-27T01:02:03Z h a p m [broken",
      "<13>1 2026-11-27T01:02:03Z h a p m [id k=\"v]",
      "<13>1 2026-11-27T01:02:03Z h a p m [id k=v]",
      "<13>1 2026-11-27T01:02:03Z h a p m",
      "<13>1 2026-11-27T01:02:03Z h a p m -x",
      "<13>1 2026-11-27T01:02:03Z  h a p m - x",
      "<13>1 bad h a p m - x",
  };
  for (std::string_view line : lines) {
    Decoder d(Syslog2026());
    Event e;
    EXPECT_FALSE(d.Decode(line, e)) << line;
    EXPECT_TRUE(e.fields().empty()) << line;
    EXPECT_EQ(e.message(), line);
    EXPECT_FALSE(e.time) << line;
    EXPECT_EQ(Source(e), "/linux/syslog,") << line;
  }
}

TEST(DecodeTest, OddButValidSyslogLines) {
  struct Case {
    std::string_view line;
    std::vector<std::string> fields;
    std::string time;
  } cases[] = {
      // February 29 of a common year: the line is read, its time is not.
      {"Feb 29 06:55:46 h p: x", {"host=h", "program=p", "message=x"}, "-"},
      // A pid of any length stays text.
      {"Dec 10 06:55:46 h p[123456789012345678901234567890]: x",
       {"host=h", "program=p", "pid=123456789012345678901234567890", "message=x"},
       "2026-12-10T06:55:46Z"},
      // A pid that is not a number: no tag.
      {"Dec 10 06:55:46 h p[abc]: x", {"host=h", "message=p[abc]: x"}, "2026-12-10T06:55:46Z"},
      {"Dec 10 06:55:46 h p[1: x", {"host=h", "message=p[1: x"}, "2026-12-10T06:55:46Z"},
      {"Dec 10 06:55:46 h", {"host=h", "message="}, "2026-12-10T06:55:46Z"},
      {"Dec 10 06:55:46 h ()[1]: x",
       {"host=h", "program=()", "pid=1", "message=x"},
       "2026-12-10T06:55:46Z"},
  };
  for (const Case& c : cases) {
    Decoder d(Syslog2026());
    Event e;
    ASSERT_TRUE(d.Decode(c.line, e)) << c.line;
    EXPECT_THAT(Fields(e), UnorderedElementsAreArray(c.fields)) << c.line;
    EXPECT_EQ(TimeText(e), c.time) << c.line;
  }
}

TEST(DecodeTest, YearRollsOverAtNewYear) {
  Decoder d({.format = Format::kSyslog, .year = 2025});
  Event e;
  std::pair<std::string_view, std::string> lines[] = {
      {"Nov 30 23:00:00 h p: x", "2025-11-30T23:00:00Z"},
      {"Dec 31 23:59:59 h p: x", "2025-12-31T23:59:59Z"},
      {"Dec 31 23:59:58 h p: slightly out of order", "2025-12-31T23:59:58Z"},
      {"Nov 30 23:59:58 h p: a month back is still this year", "2025-11-30T23:59:58Z"},
      {"Jan  1 00:00:01 h p: x", "2026-01-01T00:00:01Z"},
      {"Jul  1 00:00:00 h p: x", "2026-07-01T00:00:00Z"},
      {"Jan  2 00:00:00 h p: six months back is not a new year", "2026-01-02T00:00:00Z"},
  };
  for (const auto& [line, want] : lines) {
    ASSERT_TRUE(d.Decode(line, e)) << line;
    EXPECT_EQ(TimeText(e), want) << line;
  }
}

TEST(DecodeTest, SyslogTimesAreReadInTheZone) {
  auto tokyo = Calendar::Create("Asia/Tokyo");
  ASSERT_TRUE(tokyo);
  Decoder d({.format = Format::kSyslog, .year = 2026, .zone = *tokyo});
  Event e;
  ASSERT_TRUE(d.Decode("Dec 10 06:55:46 LabSZ sshd[24200]: x", e));
  EXPECT_EQ(TimeText(e), "2026-12-09T21:55:46Z");
  ASSERT_TRUE(d.Decode("Dec 10 06:59:59 LabSZ sshd[24200]: same hour, cached offset", e));
  EXPECT_EQ(TimeText(e), "2026-12-09T21:59:59Z");
  // A line with its own offset is not moved.
  ASSERT_TRUE(d.Decode("2026-12-10T06:55:46Z h p: x", e));
  EXPECT_EQ(TimeText(e), "2026-12-10T06:55:46Z");

  // Across a DST change: the offset is looked up for each hour, not kept from the first line.
  auto ny = Calendar::Create("America/New_York");
  ASSERT_TRUE(ny);
  Decoder us({.format = Format::kSyslog, .year = 2026, .zone = *ny});
  std::pair<std::string_view, std::string> lines[] = {
      {"Mar  8 01:30:00 h p: EST", "2026-03-08T06:30:00Z"},
      {"Mar  8 03:30:00 h p: EDT", "2026-03-08T07:30:00Z"},
      {"Nov  1 00:30:00 h p: EDT", "2026-11-01T04:30:00Z"},
      {"Nov  1 01:30:00 h p: repeated hour: the earliest", "2026-11-01T05:30:00Z"},
      {"Nov  1 02:30:00 h p: EST", "2026-11-01T07:30:00Z"},
  };
  for (const auto& [line, want] : lines) {
    ASSERT_TRUE(us.Decode(line, e)) << line;
    EXPECT_EQ(TimeText(e), want) << line;
  }
  // 1970-01-01 in Tokyo is still 1969 in UTC: no time rather than one before the epoch.
  Decoder early({.format = Format::kSyslog, .year = 1970, .zone = *tokyo});
  ASSERT_TRUE(early.Decode("Jan  1 05:00:00 h p: x", e));
  EXPECT_FALSE(e.time);
}

// ---------------------------------------------------------------------------------------------
// Auth messages

struct AuthCase {
  std::string_view line;
  std::vector<std::string> details;  // every field but host, program, pid and message
};

void ExpectDetails(const AuthCase& c) {
  Decoder d(Syslog2026());
  Event e;
  ASSERT_TRUE(d.Decode(c.line, e)) << c.line;
  EXPECT_THAT(Details(e), UnorderedElementsAreArray(c.details)) << c.line;
  ExpectSound(c.line, e);
}

TEST(DecodeTest, SshdMessages) {
  AuthCase cases[] = {
      {"Dec 10 06:55:46 h sshd[1]: Failed password for root from 203.0.113.5 port 40890 ssh2",
       {"event=ssh.login_failed", "auth_method=password", "user=root", "src_ip=203.0.113.5",
        "src_port=40890"}},
      {"Dec 10 06:55:46 h sshd[1]: Failed password for invalid user admin from 203.0.113.5 "
       "port 1 ssh2",
       {"event=ssh.login_failed", "auth_method=password", "user=admin", "invalid_user=true",
        "src_ip=203.0.113.5", "src_port=1"}},
      {"Dec 10 06:55:46 h sshd[1]: Failed none for invalid user 0 from 198.51.100.9 port 2 ssh2",
       {"event=ssh.login_failed", "auth_method=none", "user=0", "invalid_user=true",
        "src_ip=198.51.100.9", "src_port=2"}},
      {"Dec 10 06:55:46 h sshd[1]: Failed keyboard-interactive/pam for bob from 2001:db8::1 "
       "port 3 ssh2",
       {"event=ssh.login_failed", "auth_method=keyboard-interactive/pam", "user=bob",
        "src_ip=2001:db8::1", "src_port=3"}},
      {"Dec 10 06:55:46 h sshd[1]: Failed publickey for bob from 192.0.2.1 port 4 ssh2: "
       "ED25519 SHA256:abcDEF",
       {"event=ssh.login_failed", "auth_method=publickey", "user=bob", "src_ip=192.0.2.1",
        "src_port=4", "key_type=ED25519", "key_fingerprint=SHA256:abcDEF"}},
      // A user name chosen by the peer cannot pose as the address.
      {"Dec 10 06:55:46 h sshd[1]: Failed password for invalid user x from 10.0.0.1 port 9 ssh2 "
       "from 203.0.113.5 port 5 ssh2",
       {"event=ssh.login_failed", "auth_method=password", "user=x from 10.0.0.1 port 9 ssh2",
        "invalid_user=true", "src_ip=203.0.113.5", "src_port=5"}},
      {"Dec 10 06:55:46 h sshd[1]: Failed password for invalid user  from 192.0.2.1 port 6 ssh2",
       {"event=ssh.login_failed", "auth_method=password", "invalid_user=true", "src_ip=192.0.2.1",
        "src_port=6"}},
      {"Dec 10 06:55:46 h sshd[1]: Accepted password for fztu from 192.0.2.7 port 49116 ssh2",
       {"event=ssh.login_ok", "auth_method=password", "user=fztu", "src_ip=192.0.2.7",
        "src_port=49116"}},
      {"Dec 10 06:55:46 h sshd[1]: Accepted publickey for alice from 192.0.2.7 port 50022 ssh2: "
       "RSA SHA256:Zm9vYmFy",
       {"event=ssh.login_ok", "auth_method=publickey", "user=alice", "src_ip=192.0.2.7",
        "src_port=50022", "key_type=RSA", "key_fingerprint=SHA256:Zm9vYmFy"}},
      {"Dec 10 06:55:46 h sshd-session[1]: Accepted publickey for alice from 192.0.2.7 port 5 "
       "ssh2: RSA-CERT SHA256:x ID from somewhere (serial 1) CA RSA SHA256:y",
       {"event=ssh.login_ok", "auth_method=publickey", "user=alice", "src_ip=192.0.2.7",
        "src_port=5", "key_type=RSA-CERT", "key_fingerprint=SHA256:x"}},
      {"Dec 10 06:55:46 h sshd[1]: Invalid user webmaster from 203.0.113.9",
       {"event=ssh.invalid_user", "user=webmaster", "src_ip=203.0.113.9"}},
      {"Dec 10 06:55:46 h sshd[1]: Invalid user test from 203.0.113.9 port 4711",
       {"event=ssh.invalid_user", "user=test", "src_ip=203.0.113.9", "src_port=4711"}},
      {"Dec 10 06:55:46 h sshd[1]: message repeated 5 times: [ Failed password for root from "
       "203.0.113.5 port 42393 ssh2]",
       {"repeat=5", "event=ssh.login_failed", "auth_method=password", "user=root",
        "src_ip=203.0.113.5", "src_port=42393"}},
      {"Dec 10 06:55:46 h sshd[1]: Received disconnect from 198.51.100.3 port 22:11: Bye Bye "
       "[preauth]",
       {"event=ssh.disconnect", "src_ip=198.51.100.3", "src_port=22"}},
      {"Dec 10 06:55:46 h sshd[1]: Received disconnect from 198.51.100.3: 11: Bye Bye [preauth]",
       {"event=ssh.disconnect", "src_ip=198.51.100.3"}},
      {"Dec 10 06:55:46 h sshd[1]: error: Received disconnect from 198.51.100.3: 3: "
       "com.jcraft.jsch.JSchException: Auth fail [preauth]",
       {"event=ssh.disconnect", "src_ip=198.51.100.3"}},
      {"Dec 10 06:55:46 h sshd[1]: Disconnected from 198.51.100.3 port 51234",
       {"event=ssh.disconnect", "src_ip=198.51.100.3", "src_port=51234"}},
      {"Dec 10 06:55:46 h sshd[1]: Disconnected from invalid user a b 198.51.100.3 port 5 "
       "[preauth]",
       {"event=ssh.disconnect", "user=a b", "invalid_user=true", "src_ip=198.51.100.3",
        "src_port=5"}},
      {"Dec 10 06:55:46 h sshd[1]: Disconnected from user bob 198.51.100.3 port 5",
       {"event=ssh.disconnect", "user=bob", "src_ip=198.51.100.3", "src_port=5"}},
      {"Dec 10 06:55:46 h sshd[1]: Connection closed by 198.51.100.3 [preauth]",
       {"event=ssh.disconnect", "src_ip=198.51.100.3"}},
      {"Dec 10 06:55:46 h sshd[1]: Connection closed by authenticating user root 198.51.100.3 "
       "port 7 [preauth]",
       {"event=ssh.disconnect", "user=root", "src_ip=198.51.100.3", "src_port=7"}},
      {"Dec 10 06:55:46 h sshd[1]: reverse mapping checking getaddrinfo for ns.example.com "
       "[203.0.113.186] failed - POSSIBLE BREAK-IN ATTEMPT!",
       {"event=ssh.reverse_mapping_failed", "src_ip=203.0.113.186", "src_host=ns.example.com"}},
      {"Dec 10 06:55:46 h sshd[1]: Address 203.0.113.2 maps to x.example.net, but this does not "
       "map back to the address - POSSIBLE BREAK-IN ATTEMPT!",
       {"event=ssh.reverse_mapping_failed", "src_ip=203.0.113.2", "src_host=x.example.net"}},
      {"Dec 10 06:55:46 h sshd[1]: error: maximum authentication attempts exceeded for invalid "
       "user oracle from 203.0.113.5 port 8 ssh2 [preauth]",
       {"event=ssh.max_auth_exceeded", "user=oracle", "invalid_user=true", "src_ip=203.0.113.5",
        "src_port=8"}},
      {"Dec 10 06:55:46 h sshd[1]: Disconnecting: Too many authentication failures for root "
       "[preauth]",
       {"event=ssh.max_auth_exceeded", "user=root"}},
      {"Dec 10 06:55:46 h sshd[1]: Disconnecting authenticating user root 203.0.113.5 port 9: "
       "Too many authentication failures [preauth]",
       {"event=ssh.max_auth_exceeded", "user=root", "src_ip=203.0.113.5", "src_port=9"}},
      {"Dec 10 06:55:46 h sshd[1]: Did not receive identification string from 203.0.113.77",
       {"event=ssh.no_identification", "src_ip=203.0.113.77"}},
      {"Dec 10 06:55:46 h sshd[1]: pam_unix(sshd:auth): authentication failure; logname= uid=0 "
       "euid=0 tty=ssh ruser= rhost=203.0.113.5  user=root",
       {"pam_module=pam_unix", "event=pam.auth_failure", "pam_service=sshd", "user=root",
        "src_ip=203.0.113.5", "tty=ssh"}},
      {"Dec 10 06:55:46 h sshd[1]: PAM 5 more authentication failures; logname= uid=0 euid=0 "
       "tty=ssh ruser= rhost=203.0.113.5  user=root",
       {"event=pam.auth_failure", "pam_service=sshd", "user=root", "src_ip=203.0.113.5", "tty=ssh",
        "repeat=5"}},
      {"Dec 10 06:55:46 h sshd[1]: PAM service(sshd) ignoring max retries; 6 > 3", {}},
      {"Dec 10 06:55:46 h sshd[1]: input_userauth_request: invalid user x [preauth]", {}},
      {"Dec 10 06:55:46 h sshd[1]: Failed password", {}},
      {"Dec 10 06:55:46 h sshd[1]: Failed password for root", {}},
      {"Dec 10 06:55:46 h sshd[1]: Failed password for root from ", {}},
      {"Dec 10 06:55:46 h sshd[1]: Failed password for root from 1.2.3.4 port x ssh2", {}},
      {"Dec 10 06:55:46 h sshd[1]: message repeated 5 times: [ no close", {}},
  };
  for (const AuthCase& c : cases) ExpectDetails(c);
}

TEST(DecodeTest, PamMessages) {
  AuthCase cases[] = {
      {"Jun 15 02:04:59 combo sshd(pam_unix)[20882]: authentication failure; logname= uid=0 "
       "euid=0 tty=NODEVssh ruser= rhost=220-135-151-1.hinet-ip.example.net  user=root",
       {"pam_module=pam_unix", "event=pam.auth_failure", "pam_service=sshd", "user=root",
        "src_ip=220-135-151-1.hinet-ip.example.net", "tty=NODEVssh"}},
      {"Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0 "
       "euid=0 tty=NODEVssh ruser= rhost=198.51.100.4 ",
       {"pam_module=pam_unix", "event=pam.auth_failure", "pam_service=sshd", "src_ip=198.51.100.4",
        "tty=NODEVssh"}},
      {"Jun 14 15:16:01 h su[9]: pam_unix(su:auth): authentication failure; logname=alice "
       "uid=1000 euid=0 tty=/dev/pts/0 ruser=alice rhost=  user=root",
       {"pam_module=pam_unix", "event=pam.auth_failure", "pam_service=su", "user=root",
        "tty=/dev/pts/0", "ruser=alice"}},
      {"Jun 15 04:06:18 combo su(pam_unix)[21416]: session opened for user cyrus by (uid=0)",
       {"pam_module=pam_unix", "event=pam.session_opened", "pam_service=su", "user=cyrus"}},
      {"Jun 15 04:06:18 h sudo[3]: pam_unix(sudo:session): session opened for user root(uid=0) "
       "by alice(uid=1000)",
       {"pam_module=pam_unix", "event=pam.session_opened", "pam_service=sudo", "user=root",
        "by_user=alice"}},
      {"Jun 15 04:06:18 h login[3]: pam_unix(login:session): session opened for user bob by "
       "LOGIN(uid=0)",
       {"pam_module=pam_unix", "event=pam.session_opened", "pam_service=login", "user=bob",
        "by_user=LOGIN"}},
      {"Jun 15 04:06:19 combo su(pam_unix)[21416]: session closed for user cyrus",
       {"pam_module=pam_unix", "event=pam.session_closed", "pam_service=su", "user=cyrus"}},
      {"Dec 10 06:55:46 h sshd[1]: pam_unix(sshd:auth): check pass; user unknown",
       {"pam_module=pam_unix", "event=pam.user_unknown", "pam_service=sshd"}},
      {"Dec 10 06:55:46 h passwd[1]: pam_unix(passwd:chauthtok): password changed for bob",
       {"pam_module=pam_unix", "event=password.changed", "pam_service=passwd", "user=bob"}},
      {"Dec 10 06:55:46 h chpasswd[1]: pam_unix(chpasswd:chauthtok): password changed for carol",
       {"pam_module=pam_unix", "event=password.changed", "pam_service=chpasswd", "user=carol"}},
      {"Dec 10 06:55:46 h sshd[1]: pam_sss(sshd:auth): authentication failure; logname= uid=0 "
       "euid=0 tty=ssh ruser= rhost=192.0.2.8 user=dave",
       {"pam_module=pam_sss", "event=pam.auth_failure", "pam_service=sshd", "user=dave",
        "src_ip=192.0.2.8", "tty=ssh"}},
      {"Dec 10 06:55:46 h sshd[1]: pam_unix(sshd:session): something new", {"pam_module=pam_unix"}},
      {"Dec 10 06:55:46 h sshd[1]: pam_unix(", {}},
  };
  for (const AuthCase& c : cases) ExpectDetails(c);
}

TEST(DecodeTest, SudoSuAndAccountMessages) {
  AuthCase cases[] = {
      {"Dec 10 06:55:46 h sudo[1]:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; "
       "COMMAND=/bin/ls -l",
       {"event=sudo.command", "user=alice", "tty=pts/0", "pwd=/home/alice", "target_user=root",
        "command=/bin/ls -l"}},
      {"Dec 10 06:55:46 h sudo[1]: alice : TTY=pts/0 ; PWD=/ ; USER=root ; ENV=A=1 ; "
       "COMMAND=/bin/sh -c 'a ; b'",
       {"event=sudo.command", "user=alice", "tty=pts/0", "pwd=/", "target_user=root",
        "command=/bin/sh -c 'a ; b'"}},
      {"Dec 10 06:55:46 h sudo[1]: alice : 3 incorrect password attempts ; TTY=pts/1 ; PWD=/tmp ; "
       "USER=root ; COMMAND=/usr/bin/id",
       {"event=sudo.auth_failure", "user=alice", "attempts=3", "tty=pts/1", "pwd=/tmp",
        "target_user=root", "command=/usr/bin/id"}},
      {"Dec 10 06:55:46 h sudo[1]: mallory : user NOT in sudoers ; TTY=pts/2 ; PWD=/ ; "
       "USER=root ; COMMAND=/bin/bash",
       {"event=sudo.not_allowed", "user=mallory", "tty=pts/2", "pwd=/", "target_user=root",
        "command=/bin/bash"}},
      {"Dec 10 06:55:46 h sudo[1]: bob : command not allowed ; TTY=pts/2 ; PWD=/ ; USER=root ; "
       "COMMAND=/bin/su",
       {"event=sudo.not_allowed", "user=bob", "tty=pts/2", "pwd=/", "target_user=root",
        "command=/bin/su"}},
      {"Dec 10 06:55:46 h sudo[1]: alice : unable to resolve host h", {}},
      {"Dec 10 06:55:46 h sudo[1]: alice : TTY=pts/0 ; PWD=/", {}},
      {"Dec 10 06:55:46 h su[1]: Successful su for root by alice",
       {"event=su.ok", "target_user=root", "user=alice"}},
      {"Dec 10 06:55:46 h su[1]: FAILED su for root by alice",
       {"event=su.failed", "target_user=root", "user=alice"}},
      {"Dec 10 06:55:46 h su[1]: (to root) alice on pts/0",
       {"event=su.ok", "target_user=root", "user=alice", "tty=pts/0"}},
      {"Dec 10 06:55:46 h su[1]: FAILED SU (to root) alice on pts/0",
       {"event=su.failed", "target_user=root", "user=alice", "tty=pts/0"}},
      {"Dec 10 06:55:46 h useradd[1]: new user: name=bob, UID=1001, GID=1001, home=/home/bob, "
       "shell=/bin/bash, from=/dev/pts/0",
       {"event=user.added", "user=bob", "uid=1001", "gid=1001", "home=/home/bob",
        "shell=/bin/bash"}},
      {"Dec 10 06:55:46 h useradd[1]: new group: name=bob, GID=1001",
       {"event=group.added", "group=bob", "gid=1001"}},
      {"Dec 10 06:55:46 h groupadd[1]: new group: name=developers, GID=1002",
       {"event=group.added", "group=developers", "gid=1002"}},
      {"Dec 10 06:55:46 h groupadd[1]: group added to /etc/group: name=developers, GID=1002", {}},
      {"Dec 10 06:55:46 h useradd[1]: add 'bob' to group 'sudo'",
       {"event=group.member_added", "user=bob", "group=sudo"}},
      {"Dec 10 06:55:46 h usermod[1]: add 'bob' to shadow group 'sudo'",
       {"event=group.member_added", "user=bob", "group=sudo"}},
      {"Dec 10 06:55:46 h usermod[1]: delete 'bob' from group 'adm'",
       {"event=group.member_removed", "user=bob", "group=adm"}},
      {"Dec 10 06:55:46 h gpasswd[1]: user bob added by root to group sudo",
       {"event=group.member_added", "user=bob", "group=sudo", "by_user=root"}},
      {"Dec 10 06:55:46 h gpasswd[1]: user bob removed by root from group sudo",
       {"event=group.member_removed", "user=bob", "group=sudo", "by_user=root"}},
      {"Dec 10 06:55:46 h userdel[1]: delete user 'bob'", {"event=user.deleted", "user=bob"}},
      {"Dec 10 06:55:46 h userdel[1]: removed group 'bob' owned by 'bob'", {}},
      {"Dec 10 06:55:46 h groupdel[1]: group 'developers' removed from /etc/group", {}},
      {"Dec 10 06:55:46 h groupdel[1]: group 'developers' removed",
       {"event=group.deleted", "group=developers"}},
      {"Dec 10 06:55:46 h usermod[1]: change user 'bob' shell from '/bin/sh' to '/bin/bash'",
       {"event=user.modified", "user=bob"}},
      {"Dec 10 06:55:46 h usermod[1]: change user name 'bob' to 'robert'",
       {"event=user.modified", "user=bob"}},
      {"Dec 10 06:55:46 h usermod[1]: lock user 'bob' password",
       {"event=user.modified", "user=bob"}},
      {"Dec 10 06:55:46 h passwd[1]: password for 'bob' changed by 'root'",
       {"event=password.changed", "user=bob", "by_user=root"}},
      {"Dec 10 06:55:46 h useradd[1]: add 'bob' to group", {}},
  };
  for (const AuthCase& c : cases) ExpectDetails(c);
}

TEST(DecodeTest, CronAndSystemdMessages) {
  AuthCase cases[] = {
      {"Dec 10 06:55:46 h CRON[1]: (root) CMD (   cd / && run-parts --report /etc/cron.hourly)",
       {"event=cron.command", "user=root", "command=cd / && run-parts --report /etc/cron.hourly"}},
      {"Dec 10 06:55:46 h CRON[1]: (www-data) CMD (php (x).php)",
       {"event=cron.command", "user=www-data", "command=php (x).php"}},
      {"Dec 10 06:55:46 h crontab[1]: (root) REPLACE (bob)",
       {"event=cron.edited", "user=root", "target_user=bob"}},
      {"Dec 10 06:55:46 h crontab[1]: (root) BEGIN EDIT (root)",
       {"event=cron.edited", "user=root", "target_user=root"}},
      {"Dec 10 06:55:46 h crontab[1]: (root) END EDIT (root)",
       {"event=cron.edited", "user=root", "target_user=root"}},
      {"Dec 10 06:55:46 h crontab[1]: (root) LIST (root)", {}},
      {"Dec 10 06:55:46 h CRON[1]: (CRON) info (No MTA installed, discarding output)", {}},
      {"Dec 10 06:55:46 h systemd[1]: Started cron.service - Regular background program "
       "processing daemon.",
       {"event=service.started", "unit=cron.service"}},
      {"Dec 10 06:55:46 h systemd[1]: Started Regular background program processing daemon.",
       {"event=service.started"}},
      {"Dec 10 06:55:46 h systemd[1]: Started backdoor.service.",
       {"event=service.started", "unit=backdoor.service"}},
      {"Dec 10 06:55:46 h systemd[1]: Stopped nginx.service - A high performance web server.",
       {"event=service.stopped", "unit=nginx.service"}},
      {"Dec 10 06:55:46 h systemd[1]: Reloading.", {"event=service.reloaded"}},
      {"Dec 10 06:55:46 h systemd[1]: Reloaded ssh.service - OpenBSD Secure Shell server.",
       {"event=service.reloaded", "unit=ssh.service"}},
      {"Dec 10 06:55:46 h systemd[1]: Failed to start foo.service - Foo.",
       {"event=service.failed", "unit=foo.service"}},
      {"Dec 10 06:55:46 h systemd[1]: Created slice user-1000.slice - User Slice of UID 1000.",
       {"event=session.new", "uid=1000"}},
      {"Dec 10 06:55:46 h systemd[1]: Created slice User Slice of UID 1001.",
       {"event=session.new", "uid=1001"}},
      {"Dec 10 06:55:46 h systemd[1]: Created slice User Slice of bob.",
       {"event=session.new", "user=bob"}},
      {"Dec 10 06:55:46 h systemd[1]: Created slice system-getty.slice - Slice /system/getty.", {}},
      {"Dec 10 06:55:46 h systemd[1]: Starting cron.service - Regular background program...", {}},
      {"Dec 10 06:55:46 h systemd-logind[1]: New session 12 of user bob.",
       {"event=session.new", "user=bob", "session_id=12"}},
      {"Dec 10 06:55:46 h systemd-logind[1]: Removed session 12.",
       {"event=session.removed", "session_id=12"}},
      {"Dec 10 06:55:46 h kernel: Failed password for root from 1.2.3.4 port 1 ssh2", {}},
  };
  for (const AuthCase& c : cases) ExpectDetails(c);
}

// ---------------------------------------------------------------------------------------------
// JSON

TEST(DecodeTest, JsonMembersBecomeFields) {
  struct Case {
    std::string_view line;
    std::vector<std::string> fields;
  } cases[] = {
      {R"({"a":"b","n":-1.5e3,"t":true,"f":false,"z":null})",
       {"a=b", "n=-1.5e3", "t=true", "f=false", "z=<null>"}},
      {R"(  { "a" : { "b" : { "c" : 1 } , "d" : "x" } }  )", {"a.b.c=1", "a.d=x"}},
      {R"({"tags":["x","y",3],"m":[[1,2],[3]]})",
       {"tags=x", "tags=y", "tags=3", "m=1", "m=2", "m=3"}},
      {R"({"users":[{"name":"a","id":1},{"name":"b"}]})",
       {"users.name=a", "users.id=1", "users.name=b"}},
      {R"({"s":"q\"b\\s\/n\nt\tu\u00e9\ud83d\ude00"})",
       {"s=q\"b\\s/n\nt\tu\xC3\xA9\xF0\x9F\x98\x80"}},
      {R"({"lone":"\ud800x"})", {"lone=\xEF\xBF\xBDx"}},
      {R"({"k\u0041":"v"})", {"kA=v"}},
      {R"({"o":{"k\"":"v"}})", {"o.k\"=v"}},
      {R"({"e":{},"a":[],"":1,"x":0})", {"x=0"}},
      {R"({"dup":1,"dup":2})", {"dup=1", "dup=2"}},
      {"{}", {}},
  };
  for (const Case& c : cases) {
    Decoder d({.format = Format::kJson});
    Event e;
    ASSERT_TRUE(d.Decode(c.line, e)) << c.line;
    EXPECT_THAT(Fields(e), UnorderedElementsAreArray(c.fields)) << c.line;
    EXPECT_EQ(Source(e), "//,") << c.line;
    EXPECT_EQ(e.message(), c.line);
    ExpectSound(c.line, e);
  }
}

TEST(DecodeTest, JsonValuesAreViewsUnlessUnescaped) {
  Decoder d({.format = Format::kJson});
  Event e;
  std::string_view line = R"({"plain":"abc","esc":"a\nb","nested":{"k":"v"}})";
  ASSERT_TRUE(d.Decode(line, e));
  ASSERT_EQ(e.fields().size(), 3u);
  auto in_line = [&](std::string_view v) {
    return v.data() >= line.data() && v.data() + v.size() <= line.data() + line.size();
  };
  EXPECT_TRUE(in_line(e.fields()[0].name));
  EXPECT_TRUE(in_line(e.fields()[0].value));
  EXPECT_TRUE(e.Owns(e.fields()[1].value));
  EXPECT_TRUE(e.Owns(e.fields()[2].name));
  EXPECT_TRUE(in_line(e.fields()[2].value));
}

TEST(DecodeTest, JsonTimes) {
  struct Case {
    std::string_view line;
    std::string time;
  } cases[] = {
      {R"({"@timestamp":"2026-11-27T01:02:03.5+09:00"})", "2026-11-26T16:02:03Z"},
      {R"({"timestamp":"2026-11-27T01:02:03Z"})", "2026-11-27T01:02:03Z"},
      {R"({"time":"2026-11-27T01:02:03Z","timestamp":"bad"})", "2026-11-27T01:02:03Z"},
      {R"({"time":"yesterday"})", "-"},
      {R"({"time":1764205323})", "-"},
      {R"({"nested":{"time":"2026-11-27T01:02:03Z"}})", "-"},
      {R"({"time":"0001-01-01T00:00:00Z"})", "-"},
  };
  for (const Case& c : cases) {
    Decoder d({.format = Format::kJson});
    Event e;
    ASSERT_TRUE(d.Decode(c.line, e)) << c.line;
    EXPECT_EQ(TimeText(e), c.time) << c.line;
  }
}

TEST(DecodeTest, JournalEntriesDecodeLikeSyslog) {
  Decoder d({.format = Format::kJson});
  Event e;
  std::string_view line =
      R"({"__CURSOR":"s=1","__REALTIME_TIMESTAMP":"1796522146123456","_HOSTNAME":"web1",)"
      R"("SYSLOG_IDENTIFIER":"sshd","_COMM":"sshd-session","_PID":"4242","SYSLOG_FACILITY":"4",)"
      R"("PRIORITY":"6","MESSAGE":"Failed password for invalid user admin from 203.0.113.5 port )"
      R"(22 ssh2"})";
  ASSERT_TRUE(d.Decode(line, e));
  EXPECT_EQ(e.message(), "Failed password for invalid user admin from 203.0.113.5 port 22 ssh2");
  EXPECT_EQ(TimeText(e), "2026-12-06T01:55:46Z");
  EXPECT_EQ(Source(e), "/linux/sshd,auth");
  EXPECT_EQ(e.Get("host"), "web1");
  EXPECT_EQ(e.Get("program"), "sshd");
  EXPECT_EQ(e.Get("pid"), "4242");
  EXPECT_EQ(e.Get("severity"), "6");
  EXPECT_EQ(e.Get("facility"), "4");
  EXPECT_EQ(e.Get("event"), "ssh.login_failed");
  EXPECT_EQ(e.Get("user"), "admin");
  EXPECT_EQ(e.Get("src_ip"), "203.0.113.5");
  EXPECT_EQ(e.Get("_COMM"), "sshd-session");  // the members stay
  EXPECT_EQ(e.Get("MESSAGE"), e.Get("message"));

  // _COMM and _PID when there is no syslog identifier; an escaped MESSAGE.
  std::string_view escaped =
      R"({"__REALTIME_TIMESTAMP":"1796522146000000","_COMM":"Sudo","_PID":"7",)"
      R"("MESSAGE":"alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/echo \"hi\"\n"})";
  ASSERT_TRUE(d.Decode(escaped, e));
  EXPECT_EQ(Source(e), "/linux/sudo,auth");
  EXPECT_EQ(e.Get("program"), "Sudo");
  EXPECT_EQ(e.Get("pid"), "7");
  EXPECT_EQ(e.Get("event"), "sudo.command");
  EXPECT_EQ(e.Get("command"), "/bin/echo \"hi\"");
  EXPECT_EQ(e.message(),
            "alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/echo \"hi\"");
  ExpectSound(escaped, e);

  // Binary MESSAGE: the bytes as repeated fields, no message text.
  std::string_view binary =
      R"({"__REALTIME_TIMESTAMP":"1796522146000000","SYSLOG_IDENTIFIER":"app","MESSAGE":[104,105,0]})";
  ASSERT_TRUE(d.Decode(binary, e));
  EXPECT_EQ(e.message(), binary);
  EXPECT_FALSE(e.Get("message"));
  EXPECT_EQ(e.Get("MESSAGE"), "104");
  EXPECT_EQ(std::count_if(e.fields().begin(), e.fields().end(),
                          [](const Field& f) { return f.name == "MESSAGE"; }),
            3);
  EXPECT_EQ(Source(e), "/linux/app,syslog");
  EXPECT_EQ(TimeText(e), "2026-12-06T01:55:46Z");

  // Without __REALTIME_TIMESTAMP it is any object.
  ASSERT_TRUE(d.Decode(R"({"MESSAGE":"Failed password for root from 192.0.2.1 port 1 ssh2"})", e));
  EXPECT_EQ(Source(e), "//,");
  EXPECT_FALSE(e.Get("event"));
}

TEST(DecodeTest, InvalidJson) {
  std::string_view lines[] = {
      "",
      "{",
      "}",
      "[1,2]",
      "\"s\"",
      "1",
      "null",
      R"({"a":1,})",
      R"({"a":1}x)",
      R"({"a":1} {"b":2})",
      R"({"a" 1})",
      R"({a:1})",
      R"({"a":'x'})",
      R"({"a":01})",
      R"({"a":1.})",
      R"({"a":.5})",
      R"({"a":1e})",
      R"({"a":-})",
      R"({"a":tru})",
      R"({"a":nul})",
      R"({"a":"\x"})",
      R"({"a":"\u12"})",
      R"({"a":"\u12G4"})",
      "{\"a\":\"tab\there\"}",
      R"({"a":"unterminated)",
      R"({"a":"ends in backslash\)",
      R"({"a":[1,2})",
      R"({"a":{"b":1})",
      "{\"a\":1}\x01",
  };
  for (std::string_view line : lines) {
    Decoder d({.format = Format::kJson});
    Event e;
    EXPECT_FALSE(d.Decode(line, e)) << line;
    EXPECT_TRUE(e.fields().empty()) << line;
    EXPECT_EQ(e.message(), line);
    EXPECT_FALSE(e.time);
  }
}

TEST(DecodeTest, ALogFromLastDecemberReadInJanuaryIsNotInTheFuture) {
  DecodeOptions options;
  options.year = 2027;
  options.not_after = *ParseRfc3339("2027-01-05T00:00:00Z");
  Decoder d(options);
  Event e;
  ASSERT_TRUE(d.Decode("Dec 30 10:00:00 web1 sshd[1]: Connection closed by 192.0.2.1 port 1", e));
  EXPECT_EQ(FormatRfc3339(*e.time), "2026-12-30T10:00:00Z");
  ASSERT_TRUE(d.Decode("Jan  2 10:00:00 web1 sshd[1]: Connection closed by 192.0.2.1 port 1", e));
  EXPECT_EQ(FormatRfc3339(*e.time), "2027-01-02T10:00:00Z");
  // A log of this year stays in this year.
  Decoder fresh(options);
  ASSERT_TRUE(
      fresh.Decode("Jan  3 10:00:00 web1 sshd[1]: Connection closed by 192.0.2.1 port 1", e));
  EXPECT_EQ(FormatRfc3339(*e.time), "2027-01-03T10:00:00Z");
}

TEST(DecodeTest, JsonNamesAndCopiesAreBounded) {
  Decoder d({.format = Format::kJson});
  Event e;
  // Under a long key, many small members would each store the long dotted name.
  std::string key(600, 'k');
  std::string line = "{\"short\":1,\"" + key + "\":{";
  for (int i = 0; i < 2000; ++i) line += (i > 0 ? ",\"m" : "\"m") + std::to_string(i) + "\":1";
  line += "}}";
  ASSERT_TRUE(d.Decode(line, e));
  EXPECT_EQ(e.Get("short"), "1");
  EXPECT_EQ(e.fields().size(), 1u);  // no name longer than 512 bytes
  std::string medium(400, 'n');
  line = "{\"" + medium + "\":{";
  for (int i = 0; i < 5000; ++i) line += (i > 0 ? ",\"m" : "\"m") + std::to_string(i) + "\":1";
  line += "}}";
  ASSERT_TRUE(d.Decode(line, e));
  size_t kept = 0;
  for (const Field& f : e.fields()) kept += f.name.size() + f.value.size();
  EXPECT_LT(kept, 4 * line.size() + 4096 + 1024);  // not 5,000 copies of a 400-byte name
  EXPECT_GT(e.fields().size(), 100u);
}

TEST(DecodeTest, JsonNestingIsBounded) {
  // {"k":{"k":…{"v":1}…}} with `depth` objects, or {"k":[[…[1]…]]} with depth-1 arrays.
  auto objects = [](int depth) {
    std::string s;
    for (int i = 1; i < depth; ++i) s += "{\"k\":";
    s += "{\"v\":1}";
    s += std::string(static_cast<size_t>(depth - 1), '}');
    return s;
  };
  auto arrays = [](int depth) {
    return "{\"k\":" + std::string(static_cast<size_t>(depth - 1), '[') + "1" +
           std::string(static_cast<size_t>(depth - 1), ']') + "}";
  };
  Decoder d({.format = Format::kJson});
  Event e;
  std::string ok = objects(64);
  ASSERT_TRUE(d.Decode(ok, e));
  ASSERT_EQ(e.fields().size(), 1u);
  EXPECT_EQ(e.fields()[0].name.size(), 63 * 2 + 1u);  // "k.k.….k.v"
  EXPECT_FALSE(d.Decode(objects(65), e));
  EXPECT_TRUE(d.Decode(arrays(64), e));
  EXPECT_FALSE(d.Decode(arrays(65), e));
  // Far deeper than the stack would take if it were followed.
  std::string deep(100000, '[');
  EXPECT_FALSE(d.Decode("{\"a\":" + deep, e));
}

// ---------------------------------------------------------------------------------------------
// Access logs

TEST(DecodeTest, AccessLogLines) {
  struct Case {
    std::string_view line;
    std::vector<std::string> fields;
    std::string time;
  } cases[] = {
      {R"(192.0.2.10 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif?x=1&y=2 HTTP/1.0" 200 2326)",
       {"c-ip=192.0.2.10", "cs-username=frank", "date=2000-10-10", "time=20:55:36", "cs-method=GET",
        "cs-uri=/apache_pb.gif?x=1&y=2", "cs-uri-stem=/apache_pb.gif", "cs-uri-query=x=1&y=2",
        "cs-version=HTTP/1.0", "sc-status=200", "sc-bytes=2326"},
       "2000-10-10T20:55:36Z"},
      {R"-(198.51.100.7 - - [31/Dec/2025:23:30:00 -0100] "POST /login HTTP/1.1" 302 - "https://example.com/a?b" "Mozilla/5.0 (X11; Linux x86_64)")-",
       {"c-ip=198.51.100.7", "date=2026-01-01", "time=00:30:00", "cs-method=POST", "cs-uri=/login",
        "cs-uri-stem=/login", "cs-version=HTTP/1.1", "sc-status=302",
        "cs-referer=https://example.com/a?b", "cs-user-agent=Mozilla/5.0 (X11; Linux x86_64)"},
       "2026-01-01T00:30:00Z"},
      {R"(2001:db8::5 - - [01/Feb/2026:00:00:00 +0900] "GET /search? HTTP/2.0" 404 0 "-" "-")",
       {"c-ip=2001:db8::5", "date=2026-01-31", "time=15:00:00", "cs-method=GET", "cs-uri=/search?",
        "cs-uri-stem=/search", "cs-uri-query=", "cs-version=HTTP/2.0", "sc-status=404",
        "sc-bytes=0"},
       "2026-01-31T15:00:00Z"},
      {R"(203.0.113.66 - - [01/Feb/2026:00:00:00 +0000] "\x16\x03\x01\x00\xa5\x01" 400 226 "-" "-")",
       {"c-ip=203.0.113.66", "date=2026-02-01", "time=00:00:00", "sc-status=400", "sc-bytes=226"},
       "2026-02-01T00:00:00Z"},
      {R"(203.0.113.66 - - [01/Feb/2026:00:00:00 +0000] "-" 408 0)",
       {"c-ip=203.0.113.66", "date=2026-02-01", "time=00:00:00", "sc-status=408", "sc-bytes=0"},
       "2026-02-01T00:00:00Z"},
      {R"(203.0.113.66 - - [01/Feb/2026:00:00:00 +0000] "GET /a\"b HTTP/1.1" 200 1 "-" "sqlmap/1.0 \"x\" \\")",
       {"c-ip=203.0.113.66", "date=2026-02-01", "time=00:00:00", "cs-method=GET", "cs-uri=/a\"b",
        "cs-uri-stem=/a\"b", "cs-version=HTTP/1.1", "sc-status=200", "sc-bytes=1",
        "cs-user-agent=sqlmap/1.0 \"x\" \\"},
       "2026-02-01T00:00:00Z"},
      // nginx extras after the agent are left alone; a broken combined part is ignored.
      {R"(192.0.2.1 - - [01/Feb/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "curl/8" "-" 0.003)",
       {"c-ip=192.0.2.1", "date=2026-02-01", "time=00:00:00", "cs-method=GET", "cs-uri=/",
        "cs-uri-stem=/", "cs-version=HTTP/1.1", "sc-status=200", "sc-bytes=1",
        "cs-user-agent=curl/8"},
       "2026-02-01T00:00:00Z"},
      {R"(192.0.2.1 - - [01/Feb/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1 "no end)",
       {"c-ip=192.0.2.1", "date=2026-02-01", "time=00:00:00", "cs-method=GET", "cs-uri=/",
        "cs-uri-stem=/", "cs-version=HTTP/1.1", "sc-status=200", "sc-bytes=1"},
       "2026-02-01T00:00:00Z"},
      {"192.0.2.1 - - [01/Feb/2026:00:00:00 +0000] \"GET / HTTP/1.1\" 200 1\r",
       {"c-ip=192.0.2.1", "date=2026-02-01", "time=00:00:00", "cs-method=GET", "cs-uri=/",
        "cs-uri-stem=/", "cs-version=HTTP/1.1", "sc-status=200", "sc-bytes=1"},
       "2026-02-01T00:00:00Z"},
      {R"(192.0.2.1 - - [01/Jan/1970:00:30:00 +0100] "GET / HTTP/1.1" 200 1)",
       {"c-ip=192.0.2.1", "cs-method=GET", "cs-uri=/", "cs-uri-stem=/", "cs-version=HTTP/1.1",
        "sc-status=200", "sc-bytes=1"},
       "-"},
  };
  for (const Case& c : cases) {
    Decoder d({.format = Format::kAccess});
    Event e;
    ASSERT_TRUE(d.Decode(c.line, e)) << c.line;
    EXPECT_THAT(Fields(e), UnorderedElementsAreArray(c.fields)) << c.line;
    EXPECT_EQ(TimeText(e), c.time) << c.line;
    EXPECT_EQ(Source(e), "webserver//access,") << c.line;
    EXPECT_EQ(e.message(), c.line);
    ExpectSound(c.line, e);
  }
}

TEST(DecodeTest, LinesThatAreNotAccessLog) {
  std::string_view lines[] = {
      "",
      "192.0.2.1",
      "192.0.2.1 - - [10/Oct/2000:13:55:36 -0700]",
      R"(192.0.2.1 - - [30/Feb/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1)",
      R"(192.0.2.1 - - [29/Feb/2001:13:55:36 -0700] "GET / HTTP/1.0" 200 1)",
      R"(192.0.2.1 - - [10/Foo/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1)",
      R"(192.0.2.1 - - [10/Oct/2000:25:55:36 -0700] "GET / HTTP/1.0" 200 1)",
      R"(192.0.2.1 - - [10/Oct/2000:13:55:36 0700] "GET / HTTP/1.0" 200 1)",
      R"(192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0 200 1)",
      R"(192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 20 1)",
      R"(192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 x)",
      R"(192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200)",
      R"(192.0.2.1  - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1)",
      "Dec 10 06:55:46 h sshd[1]: x",
  };
  for (std::string_view line : lines) {
    Decoder d({.format = Format::kAccess});
    Event e;
    EXPECT_FALSE(d.Decode(line, e)) << line;
    EXPECT_TRUE(e.fields().empty()) << line;
    EXPECT_FALSE(e.time) << line;
    EXPECT_EQ(Source(e), "webserver//access,") << line;
  }
}

// ---------------------------------------------------------------------------------------------
// Robustness

TEST(DecodeTest, EveryPrefixOfASampleLineIsSafe) {
  std::pair<Format, std::string_view> samples[] = {
      {Format::kSyslog,
       "<38>Dec 10 06:55:46 LabSZ sshd[24200]: Failed password for invalid user webmaster from "
       "203.0.113.1 port 38926 ssh2: RSA SHA256:abc"},
      {Format::kSyslog,
       "<165>1 2003-10-11T22:14:15.003Z host evntslog - ID47 [exampleSDID@32473 iut=\"3\" "
       "eventSource=\"App\\\"x\"] \xEF\xBB\xBFmsg"},
      {Format::kSyslog,
       "2026-11-27T01:02:03.123456+09:00 host sudo[5]:   alice : 3 incorrect password attempts ; "
       "TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=/bin/ls"},
      {Format::kSyslog,
       "Jun 15 02:04:59 combo sshd(pam_unix)[20882]: authentication failure; logname= uid=0 "
       "euid=0 tty=NODEVssh ruser= rhost=198.51.100.1  user=root"},
      {Format::kSyslog,
       "Dec 10 06:55:46 h sshd[1]: message repeated 5 times: [ Failed password for root from "
       "203.0.113.5 port 42393 ssh2]"},
      {Format::kSyslog, "Dec 10 06:55:46 h systemd[1]: Created slice user-1000.slice - User."},
      {Format::kJson,
       R"({"__REALTIME_TIMESTAMP":"1796522146123456","_HOSTNAME":"h","MESSAGE":"Accepted )"
       R"(password for a from 192.0.2.1 port 1 ssh2","a":{"b":[1,{"c":"\u00e9\ud83d\ude00"}]}})"},
      {Format::kAccess,
       R"(192.0.2.10 - frank [10/Oct/2000:13:55:36 -0700] "GET /a\"b?x=1 HTTP/1.0" 200 2326 "http://r/\"" "agent \\ x")"},
  };
  for (const auto& [format, sample] : samples) {
    Decoder d({.format = format, .year = 2026});
    Event e;
    for (size_t n = 0; n <= sample.size(); ++n) {
      // A copy of exactly n bytes, so that ASan sees any read past the end.
      std::string prefix(sample.substr(0, n));
      bool ok = d.Decode(prefix, e);
      EXPECT_TRUE(ok || e.fields().empty()) << prefix;
      ExpectSound(prefix, e);
    }
  }
}

TEST(DecodeTest, GarbageBytesAreSafe) {
  std::string junk;
  std::uint32_t x = 12345;
  for (int i = 0; i < 20000; ++i) {
    x = x * 1103515245 + 12345;
    junk += static_cast<char>((x >> 16) & 0xFF);
  }
  // Bytes around the separators the decoders look for, to reach deeper.
  std::string_view alphabet = "{}[]\":,\\ <>0123456789-T:.Zu\"'()=;[] \t\rDecJanFeb";
  std::string shaped;
  for (int i = 0; i < 20000; ++i) {
    x = x * 1103515245 + 12345;
    shaped += alphabet[(x >> 16) % alphabet.size()];
  }
  for (Format f : {Format::kAuto, Format::kSyslog, Format::kJson, Format::kAccess}) {
    for (const std::string& text : {junk, shaped}) {
      Decoder d({.format = f, .year = 2026});
      Event e;
      for (size_t at = 0; at < text.size(); at += 97) {
        std::string line = text.substr(at, 200);
        bool ok = d.Decode(line, e);
        EXPECT_TRUE(ok || e.fields().empty());
        ExpectSound(line, e);
      }
    }
  }
}

TEST(DecodeTest, OneEventAcrossManyLinesKeepsNothingFromThePreviousLine) {
  Decoder d({.format = Format::kJson});
  Event e;
  std::string big = R"({"a":"x\ty","b":{"c":[1,2,3]},"time":"2026-11-27T01:02:03Z",)"
                    R"("__REALTIME_TIMESTAMP":"1796522146000000","MESSAGE":"m","_HOSTNAME":"h"})";
  std::string small = R"({"z":"\u0041"})";
  for (int i = 0; i < 1000; ++i) {
    ASSERT_TRUE(d.Decode(big, e));
    ASSERT_EQ(e.fields().size(), 10u);  // 8 members, host and message
    ASSERT_TRUE(d.Decode(small, e));
    EXPECT_THAT(Fields(e), UnorderedElementsAreArray({"z=A"}));
    EXPECT_FALSE(e.time);
    EXPECT_EQ(Source(e), "//,");
    EXPECT_EQ(e.message(), small);
  }
  Decoder s(Syslog2026());
  ASSERT_TRUE(
      s.Decode("<38>Dec 10 06:55:46 h sshd[1]: Failed password for root from "
               "192.0.2.1 port 1 ssh2",
               e));
  ASSERT_TRUE(s.Decode("Dec 10 06:55:47 h kernel: x", e));
  EXPECT_THAT(Fields(e), UnorderedElementsAreArray({"host=h", "program=kernel", "message=x"}));
  EXPECT_EQ(Source(e), "/linux/kernel,syslog");
}

// ---------------------------------------------------------------------------------------------
// Golden files: tests/golden/detect/logs/NAME decoded as a stream (format sniffed) and rendered,
// compared with tests/golden/detect/expected/NAME.expected. SOKUO_UPDATE_GOLDEN=1 rewrites them.

std::string Printable(std::string_view s) {
  std::string out;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '\\') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

std::string Render(size_t number, bool ok, const Event& e) {
  std::string out =
      std::to_string(number) + (ok ? " ok " : " undecoded ") + TimeText(e) + " " + Source(e) + "\n";
  for (const Field& f : e.fields()) {
    out +=
        "  " + Printable(f.name) + "=" + (IsNull(f.value) ? "<null>" : Printable(f.value)) + "\n";
  }
  return out;
}

TEST(DecodeTest, GoldenLogs) {
  std::filesystem::path root = std::filesystem::path(SOKUO_SOURCE_DIR) / "tests/golden/detect";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(root / "logs")) {
    ++files;
    std::string name = entry.path().filename().string();
    std::string text = Read(entry.path());
    Decoder d({.year = 2026});
    Event e;
    std::string actual;
    size_t number = 0;
    for (std::string_view line : Lines(text)) {
      bool ok = d.Decode(line, e);
      ExpectSound(line, e);
      actual += Render(++number, ok, e);
    }
    std::filesystem::path expected = root / "expected" / (name + ".expected");
    if (std::getenv("SOKUO_UPDATE_GOLDEN") != nullptr) {
      std::ofstream(expected, std::ios::binary) << actual;
      continue;
    }
    ASSERT_TRUE(std::filesystem::exists(expected)) << expected;
    EXPECT_EQ(actual, Read(expected)) << name;
  }
  EXPECT_GE(files, 3);
}

// ---------------------------------------------------------------------------------------------
// Real logs: loghub's OpenSSH and Linux samples (https://github.com/logpai/loghub), kept beside
// the repository in ../shared/data/loghub, with their ground-truth parse in *_structured.csv.

// One CSV record per line (the files have no line breaks inside fields), "" escaping a quote.
std::vector<std::string> CsvRow(std::string_view line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cells.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cells.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.emplace_back();
    } else if (c != '\r') {
      cells.back() += c;
    }
  }
  return cells;
}

struct Loghub {
  std::string log;
  std::vector<std::map<std::string, std::string>> truth;  // one per line, by column name
};

std::optional<Loghub> LoadLoghub(std::string_view name) {
  std::filesystem::path dir =
      std::filesystem::path(SOKUO_SOURCE_DIR) / "../shared/data/loghub" / name;
  std::filesystem::path log = dir / (std::string(name) + "_2k.log");
  std::filesystem::path csv = dir / (std::string(name) + "_2k.log_structured.csv");
  if (!std::filesystem::exists(log) || !std::filesystem::exists(csv)) return std::nullopt;
  Loghub out{Read(log), {}};
  std::string table = Read(csv);
  std::vector<std::string_view> rows = Lines(table);
  std::vector<std::string> header = CsvRow(rows.at(0));
  for (size_t i = 1; i < rows.size(); ++i) {
    if (rows[i].empty()) continue;
    std::vector<std::string> cells = CsvRow(rows[i]);
    std::map<std::string, std::string> row;
    for (size_t c = 0; c < header.size() && c < cells.size(); ++c) row[header[c]] = cells[c];
    out.truth.push_back(std::move(row));
  }
  return out;
}

std::pair<std::string, int> Top(const std::map<std::string, int>& counts) {
  std::pair<std::string, int> top;
  for (const auto& [k, n] : counts) {
    if (n > top.second) top = {k, n};
  }
  return top;
}

TEST(DecodeTest, LoghubOpenSsh) {
  auto data = LoadLoghub("OpenSSH");
  if (!data) GTEST_SKIP() << "no ../shared/data/loghub/OpenSSH beside the repository";
  std::vector<std::string_view> lines = Lines(data->log);
  ASSERT_EQ(lines.size(), data->truth.size());
  Decoder d({.format = Format::kAuto, .year = 2026});
  Event e;
  int failed_password_lines = 0, login_failed = 0;
  std::map<std::string, int> failed_by_source;
  std::vector<std::string> accepted;
  for (size_t i = 0; i < lines.size(); ++i) {
    const auto& row = data->truth[i];
    ASSERT_TRUE(d.Decode(lines[i], e)) << lines[i];
    EXPECT_EQ(e.Get("host"), row.at("Component")) << lines[i];
    EXPECT_EQ(e.Get("program"), "sshd") << lines[i];
    EXPECT_EQ(e.Get("pid"), row.at("Pid")) << lines[i];
    EXPECT_EQ(e.Get("message"), row.at("Content")) << lines[i];
    EXPECT_EQ(Source(e), "/linux/sshd,auth");
    bool failed_password = lines[i].find("Failed password") != std::string_view::npos;
    failed_password_lines += failed_password;
    if (e.Get("event") == "ssh.login_failed") {
      ++login_failed;
      if (e.Get("auth_method") == "password") {
        ++failed_by_source[std::string(e.Get("src_ip").value_or(""))];
      } else {
        EXPECT_FALSE(failed_password) << lines[i];
      }
    } else {
      EXPECT_FALSE(failed_password) << lines[i];
    }
    if (e.Get("event") == "ssh.login_ok") {
      accepted.push_back(std::string(*e.Get("user")) + "@" + std::string(*e.Get("src_ip")));
    }
  }
  EXPECT_EQ(d.format(), Format::kSyslog);
  EXPECT_EQ(failed_password_lines, 520);
  int failed_by_password = 0;
  for (const auto& [source, n] : failed_by_source) failed_by_password += n;
  EXPECT_EQ(failed_by_password, 520);
  EXPECT_EQ(login_failed, 524);  // and 4 "Failed none for invalid user …"
  EXPECT_EQ(Top(failed_by_source), std::make_pair(std::string("183.62.140.253"), 286));
  EXPECT_THAT(accepted, ::testing::ElementsAre("fztu@119.137.62.142"));
  ASSERT_TRUE(d.Decode(lines[0], e));
  EXPECT_EQ(TimeText(e), "2026-12-10T06:55:46Z");
}

TEST(DecodeTest, LoghubLinux) {
  auto data = LoadLoghub("Linux");
  if (!data) GTEST_SKIP() << "no ../shared/data/loghub/Linux beside the repository";
  std::vector<std::string_view> lines = Lines(data->log);
  ASSERT_EQ(lines.size(), data->truth.size());
  Decoder d({.format = Format::kSyslog, .year = 2005});
  Event e;
  int auth_failures = 0;
  std::map<std::string, int> by_rhost;
  for (size_t i = 0; i < lines.size(); ++i) {
    const auto& row = data->truth[i];
    ASSERT_TRUE(d.Decode(lines[i], e)) << lines[i];
    EXPECT_EQ(e.Get("host"), row.at("Level")) << lines[i];
    std::string component = row.at("Component");
    if (component == "-- root") {
      // login's "combo  -- root[2421]: ROOT LOGIN ON tty2": "--" is no program name, so the
      // line has no tag and all of it is the message.
      EXPECT_FALSE(e.Get("program"));
      EXPECT_EQ(e.Get("message"), "-- root[2421]: ROOT LOGIN ON tty2");
      continue;
    }
    // "sshd(pam_unix)" is program sshd of module pam_unix; "syslogd 1.4.1" is syslogd.
    std::string program = component.substr(0, component.find_first_of("( "));
    EXPECT_EQ(e.Get("program"), program) << lines[i];
    if (component.find('(') != std::string::npos) {
      EXPECT_EQ(e.Get("pam_module"), "pam_unix") << lines[i];
    }
    if (row.at("PID").empty()) {
      EXPECT_FALSE(e.Get("pid")) << lines[i];
    } else {
      EXPECT_EQ(e.Get("pid"), row.at("PID")) << lines[i];
    }
    EXPECT_EQ(e.Get("message"), row.at("Content")) << lines[i];
    if (e.Get("event") == "pam.auth_failure" && e.Get("program") == "sshd") {
      ++auth_failures;
      ++by_rhost[std::string(e.Get("src_ip").value_or(""))];
    }
  }
  EXPECT_EQ(auth_failures, 489);
  EXPECT_EQ(Top(by_rhost), std::make_pair(std::string("150.183.249.110"), 80));
}

}  // namespace
}  // namespace sokuo::detect
