#include <gtest/gtest.h>

#include "detect/engine.h"
#include "detect/match.h"
#include "detect/sigma.h"
#include "detect/values.h"

namespace sokuo::detect {
namespace {

Rule One(std::string_view yaml) {
  RuleFile f = ParseRules(yaml, "t.yml");
  EXPECT_TRUE(f.problems.empty()) << (f.problems.empty() ? "" : f.problems[0].why.code);
  EXPECT_EQ(f.rules.size(), 1u);
  return f.rules.empty() ? Rule{} : f.rules[0];
}

std::string Problem(std::string_view yaml) {
  RuleFile f = ParseRules(yaml, "t.yml");
  if (f.problems.empty()) return "";
  return f.problems[0].why.code;
}

// A stream of events against rules: the rule titles that fired, in order.
class Fixture {
 public:
  explicit Fixture(std::string_view yaml, EngineOptions options = {}) {
    RuleFile f = ParseRules(yaml, "t.yml");
    problems = f.problems;
    set = RuleSet::Compile(std::move(f.rules), options, problems);
    matcher = std::make_unique<Matcher>(set);
  }

  // Fields as name=value pairs; the message is the raw text.
  std::vector<std::string> Feed(std::string raw,
                                std::vector<std::pair<std::string, std::string>> fields = {},
                                std::int64_t time = 0, std::string_view service = "auth") {
    lines.push_back(std::move(raw));
    Event e;
    e.Reset(lines.back());
    e.product = "linux";
    e.services = {service, ""};
    if (time != 0) e.time = Timestamp(std::chrono::seconds(time));
    for (auto& [k, v] : fields) e.AddCopy(k, v);
    std::vector<Detection> out;
    matcher->Match(e, ++sequence, out);
    std::vector<std::string> titles;
    for (const Detection& d : out) {
      titles.push_back(set->rules()[d.rule].title);
      last.push_back(d);
    }
    return titles;
  }

  std::vector<RuleProblem> problems;
  std::shared_ptr<const RuleSet> set;
  std::unique_ptr<Matcher> matcher;
  std::deque<std::string> lines;
  std::uint64_t sequence = 0;
  std::vector<Detection> last;
};

using Titles = std::vector<std::string>;

TEST(SigmaParseTest, ReadsMetadataSelectionsAndCondition) {
  Rule r = One(R"(
title: Test
id: 0ac15ec3-d24f-4246-aa2a-3077bb1cf90e
author: A. Author, B. Author
level: high
tags: [attack.t1110]
logsource: {product: linux, service: sshd}
detection:
  sel:
    event: ssh.login_failed
    user|startswith: [adm, 'ro*']
  keywords: ['Failed', 42]
  condition: sel and not keywords
)");
  EXPECT_EQ(r.title, "Test");
  EXPECT_EQ(r.author, "A. Author, B. Author");
  EXPECT_EQ(r.logsource.service, "sshd");
  ASSERT_EQ(r.selections.size(), 2u);
  EXPECT_EQ(r.selections[0].alternatives[0][1].modifiers, std::vector<std::string>{"startswith"});
  EXPECT_EQ(r.selections[1].alternatives[0][0].values[1].kind, RuleValue::Kind::kNumber);
  ASSERT_EQ(r.conditions.size(), 1u);
  EXPECT_EQ(r.conditions[0].op, Condition::Op::kAnd);
  EXPECT_EQ(r.conditions[0].operands[1].op, Condition::Op::kNot);
}

TEST(SigmaParseTest, ConditionPrecedenceAndQuantifiers) {
  Rule r = One(R"(
title: T
logsource: {product: linux}
detection:
  sel_a: {a: 1}
  sel_b: {b: 1}
  _hidden: {c: 1}
  other: {d: 1}
  condition: other or 1 of sel_* and not all of them
)");
  const Condition& c = r.conditions[0];
  ASSERT_EQ(c.op, Condition::Op::kOr);  // or binds loosest
  EXPECT_EQ(c.operands[0].ref, "other");
  const Condition& a = c.operands[1];
  ASSERT_EQ(a.op, Condition::Op::kAnd);
  EXPECT_EQ(a.operands[0].op, Condition::Op::kOr);
  EXPECT_EQ(a.operands[0].operands.size(), 2u);
  // `them` leaves out _hidden.
  EXPECT_EQ(a.operands[1].operands[0].operands.size(), 3u);
}

TEST(SigmaParseTest, RefusesWhatCannotRunWithTheLine) {
  EXPECT_EQ(Problem("title: T\nlogsource: {}\ndetection: {s: {a|bogus: 1}, condition: s}\n"),
            "sigma.unknown_modifier");
  EXPECT_EQ(
      Problem("title: T\nlogsource: {}\ndetection: {s: {a: 1}, condition: s | count() > 5}\n"),
      "sigma.condition_aggregation");
  EXPECT_EQ(Problem("title: T\nlogsource: {}\ndetection: {s: {a: 1}, condition: t}\n"),
            "sigma.condition_unknown_identifier");
  EXPECT_EQ(Problem("title: T\nlogsource: {}\ndetection: {s: {a: 1}, condition: 1 of x*}\n"),
            "sigma.condition_no_match");
  EXPECT_EQ(Problem("title: T\nlogsource: {}\ndetection: {s: {a: 1}, condition: (s}\n"),
            "sigma.condition_end");
  EXPECT_EQ(Problem("title: T\nlogsource: {}\ndetection: {s: {a|contains|re: x}, condition: s}\n"),
            "sigma.modifier_first");
  EXPECT_EQ(Problem("title: T\nlogsource: {}\ndetection: {s: {a: [null, x]}, condition: s}\n"),
            "sigma.null_in_list");
  EXPECT_EQ(Problem("title: T\nlogsource: {}\ndetection: {s: {a|exists: yes}, condition: s}\n"),
            "sigma.exists_not_bool");
  EXPECT_EQ(Problem("title: T\nlogsource: {}\ndetection: {s: {a|gt: x}, condition: s}\n"),
            "sigma.number_expected");
  EXPECT_EQ(Problem("logsource: {}\ndetection: {s: {a: 1}, condition: s}\n"), "sigma.missing");
  EXPECT_EQ(Problem("title: T\nlogsource: {}\n"), "sigma.missing");
  EXPECT_EQ(
      Problem("title: T\nlevel: severe\nlogsource: {}\ndetection: {s: {a: 1}, condition: s}\n"),
      "sigma.level_unknown");
  EXPECT_EQ(Problem("title: [unclosed\n"), "sigma.yaml_error");
  EXPECT_EQ(Problem("title: T\ncorrelation: {type: event_count, rules: [a], timespan: 5x, "
                    "condition: {gte: 2}}\n"),
            "sigma.timespan_invalid");
  EXPECT_EQ(Problem("title: T\ncorrelation: {type: sometimes, rules: [a], timespan: 5m}\n"),
            "sigma.correlation_type_unknown");
  EXPECT_EQ(Problem("title: T\ncorrelation: {type: value_count, rules: [a], timespan: 5m, "
                    "condition: {gte: 2}}\n"),
            "sigma.missing");
  EXPECT_EQ(Problem("title: T\nfilter: {rules: [a]}\nlogsource: {}\n"), "sigma.filter_unsupported");
  // A selection given twice would lose one of them without a word: refused where it repeats.
  RuleFile twice = ParseRules(
      "title: T\nlogsource: {}\ndetection:\n  s: {a: 1}\n  s: {b: 2}\n  condition: s\n", "t.yml");
  ASSERT_EQ(twice.problems.size(), 1u);
  EXPECT_EQ(twice.problems[0].why.code, "sigma.duplicate_key");
  EXPECT_EQ(twice.problems[0].line, 5);
  EXPECT_EQ(twice.problems[0].title, "T");
  EXPECT_EQ(Problem("title: T\nlogsource: {}\ndetection: {s: {a: 1, a: 2}, condition: s}\n"),
            "sigma.duplicate_key");

  RuleFile f = ParseRules(
      "title: Good\nlogsource: {}\ndetection: {s: {a: 1}, condition: s}\n"
      "---\ntitle: Bad\nlogsource: {}\ndetection:\n  s: {a|nope: 1}\n"
      "  condition: s\n",
      "two.yml");
  ASSERT_EQ(f.rules.size(), 1u);
  ASSERT_EQ(f.problems.size(), 1u);
  EXPECT_EQ(f.problems[0].title, "Bad");
  EXPECT_EQ(f.problems[0].line, 8);
  EXPECT_EQ(f.problems[0].file, "two.yml");
}

TEST(SigmaValuesTest, EscapesAndWildcards) {
  EXPECT_EQ(ParseSigmaString("a*b"), (SigmaString{{"a", 0}, {"", '*'}, {"b", 0}}));
  EXPECT_EQ(ParseSigmaString("a\\*b"), (SigmaString{{"a*b", 0}}));
  EXPECT_EQ(ParseSigmaString("a\\\\*"), (SigmaString{{"a\\", 0}, {"", '*'}}));
  EXPECT_EQ(ParseSigmaString("a\\\\\\*"), (SigmaString{{"a\\*", 0}}));
  EXPECT_EQ(ParseSigmaString("c:\\windows"), (SigmaString{{"c:\\windows", 0}}));
  EXPECT_EQ(ParseSigmaString("\\\\\\\\"), (SigmaString{{"\\\\", 0}}));
}

TEST(SigmaValuesTest, Encodings) {
  EXPECT_EQ(Base64("sokuo"), "c29rdW8=");
  EXPECT_EQ(Base64("ab"), "YWI=");
  EXPECT_EQ(Base64(""), "");
  // pySigma's offsets of "cmd": the encodings at offsets 0, 1 and 2 without the edge letters.
  EXPECT_EQ(Base64Offsets("cmd"), (std::vector<std::string>{"Y21k", "NtZ", "jbW"}));
  EXPECT_EQ(Utf16("cmd", false), std::string("c\0m\0d\0", 6));
  EXPECT_EQ(Utf16("cmd", true), std::string("\0c\0m\0d", 6));
  EXPECT_EQ(Utf16("\xE3\x81\x82", false), std::string("\x42\x30", 2));  // あ U+3042
  EXPECT_EQ(Utf16("\xF0\x9F\x98\x80", false), std::string("\x3D\xD8\x00\xDE", 4));
  EXPECT_EQ(Windash("-exec a-b /x").size(), 25u);  // two word-initial dashes, five ways each
  EXPECT_EQ(Windash("a-b"), std::vector<std::string>{"a-b"});
}

TEST(SigmaMatchTest, StringShapes) {
  auto m = [](std::string_view pattern, std::string_view value, bool cased = false) {
    return StringMatcher(ParseSigmaString(pattern), cased).Match(value);
  };
  EXPECT_TRUE(m("Root", "ROOT"));
  EXPECT_FALSE(m("Root", "ROOT", true));
  EXPECT_FALSE(m("root", "rooter"));
  EXPECT_TRUE(m("root*", "rooter"));
  EXPECT_TRUE(m("*ter", "rooter"));
  EXPECT_TRUE(m("*OTE*", "rooter"));
  EXPECT_TRUE(m("r?o*r", "rooter"));
  EXPECT_FALSE(m("r?o*x", "rooter"));
  EXPECT_TRUE(m("a*b*c", "aXXbYYbZc"));
  EXPECT_TRUE(m("?", "\xE3\x81\x82"));  // one character, three bytes
  EXPECT_FALSE(m("??", "\xE3\x81\x82"));
  EXPECT_TRUE(m("", ""));
  EXPECT_FALSE(m("", "x"));
  EXPECT_TRUE(m("*", ""));
  EXPECT_TRUE(m("a\\*b", "a*b"));
  EXPECT_FALSE(m("a\\*b", "axb"));
}

TEST(SigmaMatchTest, NetworksNumbersTimes) {
  auto net = ParseNetwork("10.0.0.0/8");
  ASSERT_TRUE(net);
  EXPECT_TRUE(net->Contains("10.1.2.3"));
  EXPECT_FALSE(net->Contains("11.1.2.3"));
  EXPECT_FALSE(net->Contains("not an ip"));
  auto v6 = ParseNetwork("2001:db8::/32");
  ASSERT_TRUE(v6);
  EXPECT_TRUE(v6->Contains("2001:db8:1::5"));
  EXPECT_FALSE(v6->Contains("2001:db9::5"));
  EXPECT_FALSE(ParseNetwork("10.0.0.0/33"));
  EXPECT_FALSE(ParseNetwork("10.0.0/8"));
  EXPECT_EQ(ParseNumber(" 42 "), 42.0);
  EXPECT_FALSE(ParseNumber("42x"));
  EXPECT_FALSE(ParseNumber("inf"));
  EXPECT_FALSE(ParseNumber("nan"));
  EXPECT_EQ(TimePart("2026-11-27T13:45:00Z", "hour"), 13);
  EXPECT_EQ(TimePart("2026-11-27 13:45:00", "minute"), 45);
  EXPECT_EQ(TimePart("2026-01-01", "week"), 1);   // a Thursday: week 1
  EXPECT_EQ(TimePart("2027-01-01", "week"), 53);  // a Friday: still 2026's week 53
  EXPECT_FALSE(TimePart("2026-02-30", "day"));
}

TEST(SigmaEngineTest, FieldsKeywordsAndModifiers) {
  Fixture f(R"(
title: failed root
logsource: {product: linux}
detection:
  sel: {event: ssh.login_failed, user: root}
  condition: sel
---
title: keyword all
logsource: {product: linux}
detection:
  kw:
    '|all': ['new user', 'UID=0,']
  condition: kw
---
title: regex
logsource: {product: linux}
detection:
  sel: {command|re: '^/bin/(ba)?sh -c'}
  condition: sel
---
title: regex i
logsource: {product: linux}
detection:
  sel: {command|re|i: 'CURL .*\|\s*sh'}
  condition: sel
---
title: cidr
logsource: {product: linux}
detection:
  sel: {src_ip|cidr: [192.0.2.0/24, '2001:db8::/32']}
  condition: sel
---
title: numbers
logsource: {product: linux}
detection:
  sel: {uid|lt: 1000, gid|gte: 0}
  condition: sel
---
title: neq
logsource: {product: linux}
detection:
  sel: {event: sudo.command}
  not_root: {target_user|neq: root}
  condition: sel and not_root
---
title: exists
logsource: {product: linux}
detection:
  sel: {key_fingerprint|exists: true}
  condition: sel
---
title: null field
logsource: {product: linux}
detection:
  sel: {event: ssh.login_ok}
  nouser: {user: null}
  condition: sel and nouser
---
title: fieldref
logsource: {product: linux}
detection:
  sel: {target_user|fieldref: user}
  condition: sel
---
title: base64
logsource: {product: linux}
detection:
  sel: {command|base64offset|contains: 'wget http'}
  condition: sel
---
title: windash
logsource: {product: linux}
detection:
  sel: {command|windash|contains: ' -enc '}
  condition: sel
---
title: all of values
logsource: {product: linux}
detection:
  sel: {command|contains|all: [curl, '| sh']}
  condition: sel
---
title: legacy field
logsource: {product: linux}
detection:
  sel: {pam_rhost: 203.0.113.9}
  condition: sel
)");
  ASSERT_TRUE(f.problems.empty()) << f.problems[0].why;
  EXPECT_EQ(f.Feed("x", {{"event", "ssh.login_failed"}, {"user", "ROOT"}}), Titles{"failed root"});
  EXPECT_EQ(f.Feed("x", {{"event", "ssh.login_failed"}, {"user", "rooter"}}), Titles{});
  EXPECT_EQ(f.Feed("useradd[1]: new user: name=x, UID=0, GID=0"), Titles{"keyword all"});
  EXPECT_EQ(f.Feed("useradd[1]: new user: name=x, UID=1000, GID=0"), Titles{});
  EXPECT_EQ(f.Feed("x", {{"command", "/bin/sh -c id"}}), Titles{"regex"});
  EXPECT_EQ(f.Feed("x", {{"command", "curl http://x | sh"}}), (Titles{"regex i", "all of values"}));
  EXPECT_EQ(f.Feed("x", {{"src_ip", "192.0.2.77"}}), Titles{"cidr"});
  EXPECT_EQ(f.Feed("x", {{"src_ip", "2001:db8::1"}}), Titles{"cidr"});
  EXPECT_EQ(f.Feed("x", {{"uid", "0"}, {"gid", "10"}}), Titles{"numbers"});
  EXPECT_EQ(f.Feed("x", {{"uid", "1001"}, {"gid", "10"}}), Titles{});
  EXPECT_EQ(f.Feed("x", {{"event", "sudo.command"}, {"target_user", "postgres"}}), Titles{"neq"});
  EXPECT_EQ(f.Feed("x", {{"event", "sudo.command"}, {"target_user", "root"}}), Titles{});
  EXPECT_EQ(f.Feed("x", {{"event", "sudo.command"}}), Titles{"neq"});  // missing ≠ root
  EXPECT_EQ(f.Feed("x", {{"key_fingerprint", ""}}), Titles{"exists"});
  EXPECT_EQ(f.Feed("x", {{"event", "ssh.login_ok"}}), Titles{"null field"});
  EXPECT_EQ(f.Feed("x", {{"event", "ssh.login_ok"}, {"user", "a"}}), Titles{});
  EXPECT_EQ(f.Feed("x", {{"user", "Bob"}, {"target_user", "bob"}}), Titles{"fieldref"});
  EXPECT_EQ(f.Feed("x", {{"command", "echo " + Base64("xx wget http://evil") + " | base64 -d"}}),
            Titles{"base64"});
  EXPECT_EQ(f.Feed("x", {{"command",
                          "powershell \xE2\x80\x93"
                          "enc AAAA"}}),
            Titles{"windash"});
  EXPECT_EQ(f.Feed("x", {{"src_ip", "203.0.113.9"}}), Titles{"legacy field"});
}

TEST(SigmaEngineTest, TimeParts) {
  Fixture f(R"(
title: every part
logsource: {product: linux}
detection:
  sel:
    ts|minute: 45
    ts|hour: 13
    ts|day: 27
    ts|week: 48
    ts|month: 11
    ts|year: 2026
  condition: sel
)");
  ASSERT_TRUE(f.problems.empty()) << f.problems[0].why;
  EXPECT_EQ(f.Feed("x", {{"ts", "2026-11-27T13:45:00Z"}}), Titles{"every part"});
  EXPECT_EQ(f.Feed("x", {{"ts", "2026-11-28T13:45:00Z"}}), Titles{});
  EXPECT_EQ(f.Feed("x", {{"ts", "not a date"}}), Titles{});
}

TEST(SigmaEngineTest, RulesThatWouldBlowUpAreRefused) {
  // Five word-initial dashes are 3,125 windash variants of one value.
  Fixture dashes(
      "title: T\nlogsource: {}\ndetection: {s: {c|windash: '-a -b -c -d -e'}, "
      "condition: s}\n");
  ASSERT_EQ(dashes.problems.size(), 1u);
  EXPECT_EQ(dashes.problems[0].why.code, "sigma.too_many_variants");
  EngineOptions options;
  options.placeholders["A"] = {"1", "2", "3", "4", "5", "6", "7", "8"};
  Fixture placeholders(
      "title: T\nlogsource: {}\ndetection: {s: {c|expand: '%A%%A%%A%%A%'}, "
      "condition: s}\n",
      options);
  ASSERT_EQ(placeholders.problems.size(), 1u);
  EXPECT_EQ(placeholders.problems[0].why.code, "sigma.too_many_variants");
  std::string deep = "title: T\nlogsource: {}\ndetection: {s: {a: 1}, condition: '";
  for (int i = 0; i < 100; ++i) deep += "not (";
  deep += "s";
  for (int i = 0; i < 100; ++i) deep += ")";
  EXPECT_EQ(Problem(deep + "'}\n"), "sigma.condition_too_deep");
  // A pattern that would take exponential time with a naive matcher.
  std::string names = "title: T\nlogsource: {}\ndetection:\n  " + std::string(40, 'a') +
                      ": {x: 1}\n  condition: 1 of *a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*ab\n";
  EXPECT_EQ(Problem(names), "sigma.condition_no_match");
  EXPECT_EQ(Problem("title: T\nlogsource: {}\ndetection: {k: [a, null], condition: k}\n"),
            "sigma.null_in_list");
}

TEST(SigmaEngineTest, RoutesByLogSource) {
  Fixture f(R"(
title: sshd only
logsource: {product: linux, service: sshd}
detection: {kw: [Failed password], condition: kw}
---
title: web only
logsource: {category: webserver}
detection: {kw: [Failed password], condition: kw}
)");
  EXPECT_EQ(f.Feed("sshd[1]: Failed password for x", {}, 0, "sshd"), Titles{"sshd only"});
  EXPECT_EQ(f.Feed("sudo: Failed password for x", {}, 0, "sudo"), Titles{});
}

TEST(SigmaEngineTest, UnresolvedPlaceholderIsAProblemAndConfiguredOneRuns) {
  std::string_view rule = R"(
title: admins
logsource: {product: linux}
detection: {sel: {user|expand: '%Administrators%'}, condition: sel}
)";
  Fixture without(rule);
  ASSERT_EQ(without.problems.size(), 1u);
  EXPECT_EQ(without.problems[0].why.code, "sigma.placeholder_unresolved");
  EXPECT_EQ(without.set->rules().size(), 0u);
  EngineOptions options;
  options.placeholders["Administrators"] = {"root", "admin"};
  Fixture with(rule, options);
  EXPECT_TRUE(with.problems.empty());
  EXPECT_EQ(with.Feed("x", {{"user", "admin"}}), Titles{"admins"});
  EXPECT_EQ(with.Feed("x", {{"user", "bob"}}), Titles{});
}

TEST(SigmaEngineTest, AFirstSeenRuleReportsEachCombinationOnceWithinItsBound) {
  std::string_view rule = R"(
title: new address
logsource: {product: linux}
tags: [sokuo.first-seen]
fields: [user, src_ip]
detection: {sel: {event: ssh.login_ok, user|expand: '%admin_accounts%'}, condition: sel}
)";
  EngineOptions options;  // admin_accounts: root until configured
  options.max_groups = 2;
  Fixture f(rule, options);
  ASSERT_TRUE(f.problems.empty());
  ASSERT_TRUE(f.set->FirstSeen(0));
  auto login = [&](const char* user, const char* from) {
    return f.Feed("x", {{"event", "ssh.login_ok"}, {"user", user}, {"src_ip", from}});
  };
  EXPECT_EQ(login("root", "192.0.2.1"), Titles{"new address"});
  EXPECT_EQ(f.last.back().group, "user=root, src_ip=192.0.2.1");
  EXPECT_EQ(login("root", "192.0.2.1"), Titles{});
  EXPECT_EQ(login("alice", "192.0.2.9"), Titles{});  // not an administrator
  EXPECT_EQ(login("root", "192.0.2.2"), Titles{"new address"});
  // Past max_groups the oldest combination is forgotten: it is new again.
  EXPECT_EQ(login("root", "192.0.2.3"), Titles{"new address"});
  EXPECT_EQ(login("root", "192.0.2.2"), Titles{});
  EXPECT_EQ(login("root", "192.0.2.1"), Titles{"new address"});
  EXPECT_GT(f.matcher->stats().groups_dropped, 0u);
  // A combination whose detection could not be kept is forgotten: it is new again.
  f.matcher->Forget(0, "user=root, src_ip=192.0.2.1");
  EXPECT_EQ(login("root", "192.0.2.1"), Titles{"new address"});
  f.matcher->Forget(0, "user=nobody, src_ip=192.0.2.1");  // never seen: nothing happens
  f.matcher->Forget(7, "x");                              // no such rule: likewise

  // Without `fields` there is nothing to tell new from seen: refused with the reason.
  Fixture no_fields(
      "title: T\nlogsource: {}\ntags: [sokuo.first-seen]\n"
      "detection: {s: {user: root}, condition: s}\n");
  ASSERT_EQ(no_fields.problems.size(), 1u);
  EXPECT_EQ(no_fields.problems[0].why.code, "sigma.first_seen_fields");
  EXPECT_EQ(no_fields.set->rules().size(), 0u);
  Fixture correlation(
      "title: T\nname: base\nlogsource: {}\ndetection: {s: {user: root}, condition: s}\n---\n"
      "title: C\ntags: [sokuo.first-seen]\nfields: [user]\ncorrelation: {type: event_count, "
      "rules: [base], group-by: [user], timespan: 5m, condition: {gte: 2}}\n");
  ASSERT_EQ(correlation.problems.size(), 1u);
  EXPECT_EQ(correlation.problems[0].why.code, "sigma.first_seen_correlation");
}

TEST(SigmaEngineTest, InvalidRegexIsAProblem) {
  Fixture f("title: T\nlogsource: {}\ndetection: {s: {a|re: '(unclosed'}, condition: s}\n");
  ASSERT_EQ(f.problems.size(), 1u);
  EXPECT_EQ(f.problems[0].why.code, "sigma.regex_invalid");
  EXPECT_EQ(f.problems[0].line, 3);
}

constexpr std::string_view kBruteForce = R"(
title: failed login
name: failed_login
logsource: {product: linux}
detection: {sel: {event: ssh.login_failed}, condition: sel}
---
title: good login
name: good_login
logsource: {product: linux}
detection: {sel: {event: ssh.login_ok}, condition: sel}
---
title: many failures
name: many_failures
correlation:
  type: event_count
  rules: [failed_login]
  group-by: [src_ip]
  timespan: 10m
  condition: {gte: 3}
level: medium
---
title: spraying
correlation:
  type: value_count
  rules: [failed_login]
  group-by: [src_ip]
  timespan: 10m
  condition: {gte: 3, field: user}
---
title: success after failures
correlation:
  type: temporal_ordered
  rules: [many_failures, good_login]
  group-by: [src_ip]
  timespan: 30m
  generate: true
level: high
)";

TEST(SigmaCorrelationTest, CountsDistinctValuesAndOrder) {
  Fixture f(kBruteForce);
  ASSERT_TRUE(f.problems.empty()) << f.problems[0].why;
  auto fail = [&](std::string ip, std::string user, std::int64_t t) {
    return f.Feed("x", {{"event", "ssh.login_failed"}, {"src_ip", ip}, {"user", user}}, t);
  };
  auto ok = [&](std::string ip, std::int64_t t) {
    return f.Feed("x", {{"event", "ssh.login_ok"}, {"src_ip", ip}, {"user", "alice"}}, t);
  };
  // A base rule named only by correlations without `generate` reports nothing of its own.
  EXPECT_EQ(fail("192.0.2.1", "root", 1000), Titles{});
  EXPECT_EQ(fail("192.0.2.2", "root", 1001), Titles{});  // another group
  EXPECT_EQ(fail("192.0.2.1", "root", 1002), Titles{});
  EXPECT_EQ(fail("192.0.2.1", "admin", 1003), Titles{"many failures"});
  EXPECT_EQ(f.last.back().group, "src_ip=192.0.2.1");
  EXPECT_EQ(f.last.back().events, (std::vector<std::uint64_t>{1, 3, 4}));
  EXPECT_EQ(f.last.back().value, 3);
  EXPECT_EQ(fail("192.0.2.1", "oracle", 1004), Titles{"spraying"});  // root, admin, oracle
  // generate: true — the rules it names report their own matches too.
  EXPECT_EQ(ok("192.0.2.1", 1100), (Titles{"good login", "success after failures"}));
  // Outside the window the count starts over.
  EXPECT_EQ(fail("192.0.2.9", "a", 2000), Titles{});
  EXPECT_EQ(fail("192.0.2.9", "a", 2000 + 601), Titles{});
  EXPECT_EQ(fail("192.0.2.9", "a", 2000 + 1202), Titles{});
  // A success with no failures before it: nothing.
  EXPECT_EQ(ok("192.0.2.50", 3000), Titles{"good login"});
}

TEST(SigmaCorrelationTest, UnknownReferenceIsAProblem) {
  Fixture f(
      "title: c\ncorrelation: {type: event_count, rules: [nothing], group-by: [x], "
      "timespan: 1m, condition: {gte: 1}}\n");
  ASSERT_EQ(f.problems.size(), 1u);
  EXPECT_EQ(f.problems[0].why.code, "sigma.rule_reference_unknown");
}

TEST(SigmaCorrelationTest, GroupsAreBounded) {
  EngineOptions options;
  options.max_groups = 100;
  Fixture f(kBruteForce, options);
  for (int i = 0; i < 1000; ++i) {
    f.Feed("x", {{"event", "ssh.login_failed"}, {"src_ip", "10.0." + std::to_string(i)}}, 5000 + i);
  }
  Matcher::Stats s = f.matcher->stats();
  EXPECT_LE(s.groups, 3u * 100u);  // three correlations, each at most max_groups
  EXPECT_GT(s.groups_dropped, 0u);
}

}  // namespace
}  // namespace sokuo::detect
