// Deterministic input for the differential test (differential_test.cpp): Linux authentication
// and system log lines, and Sigma rules over the fields the decoders give them. The same seed
// gives the same text on every run and machine (the generators draw from std::mt19937_64, whose
// sequence the standard fixes, and never from a std distribution, whose results it does not;
// and no expression draws twice, since the order its operands are evaluated in is the
// compiler's).
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace sokuo::detect {

class TestRandom {
 public:
  explicit TestRandom(std::uint64_t seed) : engine_(seed) {}
  // 0 ≤ n < bound (bound > 0).
  size_t Below(size_t bound) { return static_cast<size_t>(engine_() % bound); }
  // True `percent` times in a hundred.
  bool Chance(size_t percent) { return Below(100) < percent; }
  template <class T>
  const T& Pick(const std::vector<T>& from) {
    return from[Below(from.size())];
  }

 private:
  std::mt19937_64 engine_;
};

// `count` lines of /var/log/auth.log and /var/log/syslog as rsyslog writes them (RFC 3164:
// "Dec 10 06:55:46 host sshd[24200]: …", no year), times never going back: sshd logins good and
// bad, pam_unix, sudo, su, account and group changes, cron, crontab and systemd, with attack
// bursts (brute force and password spraying from one address, sometimes ending in a login),
// suspicious commands (authorized_keys, cleared logs, curl | sh, base64 payloads, enabled
// services), some Japanese text and some lines no decoder understands.
std::vector<std::string> GenerateAuthLog(std::uint64_t seed, size_t count);

// `count` JSON lines of one stream: journal entries (`journalctl -o json`, their MESSAGE one of
// the auth log's records) and an application's own records, whose members come in every JSON
// shape (strings with escapes, numbers, true/false, null, arrays, nested objects) and whose
// log source is not known, so that every rule sees them.
std::vector<std::string> GenerateJsonLog(std::uint64_t seed, size_t count);

// `count` Sigma rules as one multi-document YAML text ("---" between documents), over the
// fields the syslog decoder gives (event, user, src_ip, command, program, host, target_user,
// group, uid…) with random modifiers, conditions and log sources; about one rule in ten is a
// correlation (event_count, value_count, temporal, temporal_ordered, some chained) over rules
// generated before it. Every rule is valid: the parser must accept all of them.
std::string GenerateRules(std::uint64_t seed, size_t count);

// Standard Base64 (RFC 4648, with padding), for payloads hidden in generated commands.
std::string TestBase64(std::string_view bytes);

}  // namespace sokuo::detect
