// What the two halves of the engine share, not part of the layer's interface: the compiled form
// of a rule set (RuleSet::Compiled and the types it holds), which engine_compile.cpp builds from
// the parsed rules and engine_match.cpp reads, event by event, to match them. Only those two
// files include it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <hs/hs.h>
#include <re2/re2.h>

#include "detect/engine.h"
#include "detect/match.h"
#include "detect/sigma.h"
#include "detect/values.h"

namespace sokuo::detect {
namespace internal {

// One item, ready to match.
struct Item {
  ItemKind kind = ItemKind::kString;
  std::string field;  // canonical; empty = keyword search over the message
  bool all = false;
  bool negate = false;
  // kString: per rule value, its variants (OR-ed).
  std::vector<std::vector<StringMatcher>> values;
  std::vector<std::unique_ptr<RE2>> regexes;
  std::vector<Network> networks;
  std::vector<std::string> refs;  // kFieldRef: canonical names of the other fields
  bool ref_starts = false, ref_ends = false, cased = false;
  std::string comparison;
  std::vector<double> numbers;
  bool exists = true;
};

struct CompiledSelection {
  std::vector<std::vector<Item>> alternatives;
};

struct Node {
  Condition::Op op = Condition::Op::kRef;
  size_t selection = 0;
  std::vector<Node> operands;
};

struct DetectionRule {
  std::vector<CompiledSelection> selections;
  std::vector<Node> conditions;
  // A first-seen rule (kFirstSeenTag): its `fields` as the rule names them, and the fields of
  // the decoders they stand for.
  std::vector<std::string> first_seen_names, first_seen_fields;
};

struct CorrelationRule {
  Correlation spec;
  std::vector<size_t> inputs;  // rule indexes, in the order of `rules`
  // Per input: the field that gives each group-by name, and the value fields.
  std::vector<std::vector<std::string>> group_fields;
  std::vector<std::vector<std::string>> value_fields;
};

}  // namespace internal

struct RuleSet::Compiled {
  // Per rule: its detection, or nullopt for a correlation; its correlation, or nullopt.
  std::vector<std::optional<internal::DetectionRule>> detection;
  std::vector<std::optional<internal::CorrelationRule>> correlation;
  std::vector<bool> reports;
  // Per rule: the correlations that take its matches.
  std::vector<std::vector<size_t>> consumers;
  // The prefilter: literal id → rules that need it; rules with no literal are always evaluated.
  hs_database_t* database = nullptr;
  std::vector<std::vector<std::uint32_t>> literal_rules;
  std::vector<bool> always;
  // Every category, product and service some rule names.
  std::set<std::string, std::less<>> source_names;

  ~Compiled() {
    if (database != nullptr) hs_free_database(database);
  }
};

}  // namespace sokuo::detect
