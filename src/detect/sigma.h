// Sigma rules as read from YAML (specification 2.1, docs/detection.md): detection rules with
// their search identifiers and condition, and correlation rules. This is the rule as written —
// field names, modifier names and values as text — checked for shape; engine.h compiles it, and
// the reference evaluator of the tests reads it directly.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace sokuo::detect {

// A value of a detection item, as the YAML scalar gave it.
struct RuleValue {
  enum class Kind { kString, kNumber, kBool, kNull };
  Kind kind = Kind::kString;
  std::string text;  // the scalar's text ("4624", "true", "" for null)
  friend bool operator==(const RuleValue&, const RuleValue&) = default;
};

// `field|mod1|mod2: values`. An empty field is a keyword search over the whole record.
struct DetectionItem {
  std::string field;
  std::vector<std::string> modifiers;  // lower case, in the order written
  std::vector<RuleValue> values;       // OR-ed, or AND-ed with the `all` modifier
  int line = 0;
  bool Has(std::string_view modifier) const;
};

// A search identifier: OR over alternatives, each an AND over its items (a map is one
// alternative; a list of maps, several; a list of plain values, one keyword item).
struct Selection {
  std::string name;
  std::vector<std::vector<DetectionItem>> alternatives;
  int line = 0;
};

// The condition, with `1 of x*` / `all of them` already expanded to the identifiers they name.
struct Condition {
  enum class Op { kRef, kAnd, kOr, kNot };
  Op op = Op::kRef;
  std::string ref;  // kRef: a search identifier
  std::vector<Condition> operands;
};

struct LogSourceSpec {
  std::string category;
  std::string product;
  std::string service;
};

enum class CorrelationType {
  kEventCount,
  kValueCount,
  kTemporal,
  kTemporalOrdered,
  kValueSum,
  kValueAvg,
};
std::string_view CorrelationTypeName(CorrelationType t);

// A correlation's threshold: every comparison given must hold (gt: 10, lte: 20 is a range).
struct Threshold {
  std::optional<double> gt, gte, lt, lte, eq, neq;
  bool Holds(double value) const;
};

struct Correlation {
  CorrelationType type = CorrelationType::kEventCount;
  std::vector<std::string> rules;  // ids or names, as written
  std::vector<std::string> group_by;
  std::int64_t timespan_seconds = 0;
  Threshold threshold;
  std::vector<std::string> fields;  // value_count, value_sum, value_avg
  // alias → (rule id or name → that rule's field)
  std::map<std::string, std::map<std::string, std::string>> aliases;
  bool generate = false;
};

struct Rule {
  // Where it came from: file and the line its document starts on.
  std::string file;
  int line = 0;

  std::string title, id, name, status, description, author, license, level, date, modified;
  std::vector<std::string> tags, references, falsepositives, fields;
  LogSourceSpec logsource;

  // A detection rule has selections and conditions (several are OR-ed); a correlation rule
  // has `correlation`.
  std::vector<Selection> selections;
  std::vector<Condition> conditions;
  std::optional<Correlation> correlation;

  const Selection* FindSelection(std::string_view name) const;
  // "file:line".
  std::string Where() const;
};

// A rule that could not be read or run: where it is and why.
struct RuleProblem {
  std::string file;
  int line = 0;
  std::string title;  // when known
  Message why;
};

struct RuleFile {
  std::vector<Rule> rules;
  std::vector<RuleProblem> problems;
};

// Reads every YAML document of a rule file. A document that is not a valid rule becomes a
// problem naming its line; the file's other rules still load. Filter documents (`filter:`)
// are reported as not supported.
RuleFile ParseRules(std::string_view text, std::string_view file);

// The modifiers this engine knows, in the specification's spelling.
bool IsKnownModifier(std::string_view name);

}  // namespace sokuo::detect
