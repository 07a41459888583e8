// A slow, obviously correct Sigma evaluator, for differential testing of the engine (the idea of
// RE2's backtrack.cc beside its fast matchers). It reads the parsed rules directly: no literal
// prefilter, no routing cache, no compiled string matchers, and correlations recomputed from the
// full history of base matches at every new match. It shares with the engine only the parser
// (sigma.h), the modifier transformations (values.h Prepare, which has its own tests), the field
// name mapping (CanonicalField) and RE2, which is the intended regex engine. Everything else —
// wildcard matching, field lookup, networks, numbers, dates, conditions, routing, windows — is
// written again here as plainly as possible, so that a disagreement points at a bug in one of
// the two.
//
// Not thread-safe; one evaluator per stream, like the engine's Matcher.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "detect/engine.h"
#include "detect/event.h"
#include "detect/sigma.h"
#include "detect/values.h"

namespace re2 {
class RE2;
}

namespace sokuo::detect {

enum class Case { kFold, kExact };

// Sigma's wildcard match of a whole value: '*' any run of characters, '?' one UTF-8 character,
// literal bytes equal (ASCII letters folded unless kExact).
bool WildcardMatch(const SigmaString& pattern, std::string_view value, Case c);

// A decimal number ("42", "-1.5", "2e3", spaces around allowed); nullopt for anything else.
std::optional<double> ReferenceNumber(std::string_view text);

// The minute, hour, day, ISO week, month or year written in "YYYY-MM-DD[ T]HH:MM…".
std::optional<int> ReferenceTimePart(std::string_view value, std::string_view part);

// Whether `address` lies in `network` ("10.0.0.0/8", "2001:db8::/32", or one address);
// nullopt when `network` is not one.
std::optional<bool> ReferenceInNetwork(std::string_view network, std::string_view address);

class ReferenceEvaluator {
 public:
  // `rules` is the engine's RuleSet::rules(): the rules that compiled, in the engine's order, so
  // that rule indexes agree. Rules the evaluator itself cannot prepare are listed in problems().
  ReferenceEvaluator(const std::vector<Rule>& rules,
                     const Placeholders& placeholders = DefaultPlaceholders());
  ~ReferenceEvaluator();
  ReferenceEvaluator(const ReferenceEvaluator&) = delete;
  ReferenceEvaluator& operator=(const ReferenceEvaluator&) = delete;

  // Appends what the event sets off, as Matcher::Match does (same fields, same numbering).
  void Match(const Event& event, std::uint64_t sequence, std::vector<Detection>& out);

  // Whether a rule's own matches are reported (not a correlation's input, unless one of the
  // correlations taking it says `generate: true`).
  bool Reports(size_t rule) const { return reports_[rule]; }
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  struct PreparedRule;
  struct Hit;
  struct Pending;
  struct History;

  bool RuleMatches(size_t rule, const Event& event) const;
  bool ConditionHolds(size_t rule, const Condition& c, const Event& event) const;
  bool SelectionMatches(size_t rule, size_t selection, const Event& event) const;
  void Correlate(Pending p, const Event& event, std::vector<Pending>& queue,
                 std::vector<Detection>& out);

  const std::vector<Rule>& rules_;
  std::vector<PreparedRule> prepared_;
  std::vector<bool> reports_;
  // Per correlation: the rules it takes, in the order of `rules`.
  std::vector<std::vector<size_t>> inputs_;
  // Per rule: the correlations taking its matches and at which place of their `rules`, in
  // the order of the correlations.
  std::vector<std::vector<std::pair<size_t, size_t>>> consumers_;
  // Per correlation: every match it was given, by group key.
  std::vector<std::map<std::string, History>> history_;
  // Per rule: the combinations of its fields a first-seen rule (kFirstSeenTag) reported.
  std::vector<std::set<std::string>> seen_;
  std::int64_t last_time_ = 0;
  std::vector<std::string> problems_;
};

}  // namespace sokuo::detect
