// The detection engine: Sigma rules compiled once (RuleSet) and matched against a stream of
// events (Matcher, one per stream: it keeps the correlation windows). docs/detection.md gives
// the semantics and the choices made where the specification leaves them open.
//
// Speed: a rule only sees events of its log source; a Hyperscan literal database of every
// rule's necessary literals selects the few rules worth evaluating for each event; regexes run
// on RE2 (linear time: a rule cannot make matching backtrack for ever); matching allocates
// nothing per event.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/time.h"
#include "detect/event.h"
#include "detect/sigma.h"
#include "detect/values.h"

namespace sokuo::detect {

// A rule tagged so matches an event only for a combination of the values of its `fields` that
// it has not matched before in this stream (a login from a new address): Sigma has no memory of
// what it saw, so this is sokuo's.
inline constexpr std::string_view kFirstSeenTag = "sokuo.first-seen";

struct EngineOptions {
  Placeholders placeholders = DefaultPlaceholders();
  // The most groups one correlation keeps; beyond, the groups seen longest ago are dropped.
  size_t max_groups = 100000;
};

struct Detection {
  size_t rule = 0;                // index into RuleSet::rules()
  std::optional<Timestamp> time;  // the event's; a correlation's: its last event's
  std::uint64_t sequence = 0;     // the event's number, as given to Match
  // A correlation's group ("src_ip=203.0.113.7"), the events it counted (their numbers, oldest
  // first) and the value that crossed the threshold (a count, a sum, an average). A first-seen
  // rule's group is its new combination ("user=root, src_ip=192.0.2.50").
  std::string group;
  std::vector<std::uint64_t> events;
  double value = 0;
};

class RuleSet {
 public:
  // Compiles the rules; a rule that cannot run (an unknown field modifier, an invalid regex, an
  // unresolved placeholder, a correlation naming an unknown rule) goes to `problems` with its
  // file, line and reason, and the others still run.
  static std::shared_ptr<const RuleSet> Compile(std::vector<Rule> rules,
                                                const EngineOptions& options,
                                                std::vector<RuleProblem>& problems);
  ~RuleSet();
  RuleSet(const RuleSet&) = delete;
  RuleSet& operator=(const RuleSet&) = delete;

  const std::vector<Rule>& rules() const { return rules_; }
  // Whether a rule's own matches are reported (a base rule of a correlation is not, unless the
  // correlation says `generate: true`).
  bool Reports(size_t rule) const;
  // Whether a rule is tagged kFirstSeenTag (and reports each combination of its fields once).
  bool FirstSeen(size_t rule) const;
  size_t literal_count() const { return literal_count_; }

  struct Compiled;

 private:
  friend class Matcher;
  RuleSet() = default;

  std::vector<Rule> rules_;
  std::unique_ptr<Compiled> compiled_;
  size_t literal_count_ = 0;
  size_t max_groups_ = 0;
};

class Matcher {
 public:
  explicit Matcher(std::shared_ptr<const RuleSet> rules);
  ~Matcher();
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  // Appends to `out` what `event` sets off: the detection rules it matches and the correlations
  // it completes. Events are expected in time order; an event without a time is taken to happen
  // when the one before it did.
  void Match(const Event& event, std::uint64_t sequence, std::vector<Detection>& out);
  // A first-seen rule's combination (its Detection::group) becomes new again: its detection
  // could not be kept, so the next such event reports it again.
  void Forget(size_t rule, std::string_view group);

  // What the matcher has done: events seen, rules evaluated after routing and the literal
  // prefilter, correlation groups held, and correlation groups and first-seen combinations
  // dropped for room.
  struct Stats {
    std::uint64_t events = 0;
    std::uint64_t evaluated = 0;
    std::uint64_t groups = 0;
    std::uint64_t groups_dropped = 0;
  };
  Stats stats() const;

  struct State;

 private:
  std::shared_ptr<const RuleSet> rules_;
  std::unique_ptr<State> state_;
};

// A field as a rule names it → the field the decoders give, for the rule's log source (the
// proxy names of the web taxonomy and the legacy pam_* names map onto the decoders' names).
std::string_view CanonicalField(const LogSourceSpec& source, std::string_view field);

}  // namespace sokuo::detect
