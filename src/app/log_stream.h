// Detection over logs (G4.2.3): Sigma rules loaded from their files, and a stream of log lines
// (one or more files, later a socket) decoded and matched against them. The offline hunt of the
// command line and the server's ingestion share it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "detect/decode.h"
#include "detect/engine.h"

namespace sokuo::app {

struct RuleSource {
  std::string path;
  std::string text;
};

struct LoadedRules {
  std::shared_ptr<const detect::RuleSet> set;
  // Every document that could not be read or run, by file and line.
  std::vector<detect::RuleProblem> problems;
  size_t files = 0;
};

LoadedRules LoadRules(std::span<const RuleSource> sources, const detect::EngineOptions& options);

// The rules sokuo ships (rules/ in the source tree), built into the binary; their paths read
// "builtin:linux/auth_failures.yml".
std::vector<RuleSource> BuiltinRules();

class LogStream {
 public:
  explicit LogStream(std::shared_ptr<const detect::RuleSet> rules);

  // The next lines come from a new source (a file) read with these options; the correlation
  // windows carry over, so an attack split across rotated files is still seen whole.
  // `latest`: an event time after it is taken as `latest` (a sender's clock that runs ahead).
  void Begin(detect::DecodeOptions options, std::optional<Timestamp> latest = std::nullopt);
  // Decodes and matches one line; its detections are appended to `out`. Lines are numbered from
  // 1 across the whole stream (Detection::sequence).
  void Feed(std::string_view line, std::vector<detect::Detection>& out);

  // The last line fed, decoded (valid until the next Feed or Begin).
  const detect::Event& event() const { return event_; }
  std::uint64_t lines() const { return lines_; }
  std::uint64_t undecoded() const { return undecoded_; }
  const detect::Matcher& matcher() const { return matcher_; }
  // See Matcher::Forget.
  void Forget(size_t rule, std::string_view group) { matcher_.Forget(rule, group); }
  const detect::RuleSet& rules() const { return *rules_; }

 private:
  std::shared_ptr<const detect::RuleSet> rules_;
  detect::Matcher matcher_;
  std::optional<detect::Decoder> decoder_;
  std::optional<Timestamp> latest_;
  detect::Event event_;
  std::uint64_t lines_ = 0;
  std::uint64_t undecoded_ = 0;
};

}  // namespace sokuo::app
