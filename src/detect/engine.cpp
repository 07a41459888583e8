#include "detect/engine.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>

#include <hs/hs.h>
#include <re2/re2.h>

#include "detect/match.h"

namespace sokuo::detect {

// ---------------------------------------------------------------------------------------------
// Compiled rules

namespace {

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
};

struct CorrelationRule {
  Correlation spec;
  std::vector<size_t> inputs;  // rule indexes, in the order of `rules`
  // Per input: the field that gives each group-by name, and the value fields.
  std::vector<std::vector<std::string>> group_fields;
  std::vector<std::vector<std::string>> value_fields;
};

}  // namespace

struct RuleSet::Compiled {
  std::vector<std::optional<DetectionRule>> detection;  // per rule; nullopt for correlations
  std::vector<std::optional<CorrelationRule>> correlation;
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

RuleSet::~RuleSet() = default;

bool RuleSet::Reports(size_t rule) const { return compiled_->reports[rule]; }

std::string_view CanonicalField(const LogSourceSpec& source, std::string_view field) {
  struct Alias {
    std::string_view from, to;
  };
  static constexpr Alias kWeb[] = {
      {"c-uri", "cs-uri"},
      {"c-uri-stem", "cs-uri-stem"},
      {"c-uri-query", "cs-uri-query"},
      {"c-useragent", "cs-user-agent"},
      {"cs-referrer", "cs-referer"},
      {"src_ip", "c-ip"},
  };
  static constexpr Alias kLinux[] = {{"pam_user", "user"}, {"pam_rhost", "src_ip"}};
  bool web =
      source.category == "webserver" || source.category == "proxy" || source.service == "access";
  for (const Alias& a : web ? std::span<const Alias>(kWeb) : std::span<const Alias>(kLinux)) {
    if (a.from == field) return a.to;
  }
  return field;
}

namespace {

// The longest run of literal bytes of a matcher's pattern: if the pattern matches a value, that
// run occurs in it.
std::string LongestLiteral(const SigmaString& s) {
  std::string best;
  for (const Piece& p : s) {
    if (p.wildcard == 0 && p.text.size() > best.size()) best = p.text;
  }
  return best;
}

constexpr size_t kMinLiteral = 3;

// The literals an item needs (one of them must occur in the event), or nullopt when it needs
// none that the prefilter can see.
std::optional<std::set<std::string>> ItemLiterals(const PreparedItem& p) {
  if (p.kind != ItemKind::kString || p.negate) return std::nullopt;
  std::optional<std::set<std::string>> best;
  auto of_value =
      [](const std::vector<SigmaString>& variants) -> std::optional<std::set<std::string>> {
    std::set<std::string> out;
    for (const SigmaString& v : variants) {
      std::string lit = LongestLiteral(v);
      if (lit.size() < kMinLiteral) return std::nullopt;
      out.insert(std::move(lit));
    }
    return out;
  };
  if (p.all) {
    // Every value must match: the value with the fewest, longest literals will do.
    for (const auto& variants : p.strings) {
      auto lits = of_value(variants);
      if (lits && (!best || lits->size() < best->size())) best = std::move(lits);
    }
    return best;
  }
  std::set<std::string> all;
  for (const auto& variants : p.strings) {
    auto lits = of_value(variants);
    if (!lits) return std::nullopt;
    all.insert(lits->begin(), lits->end());
  }
  return all;
}

using Literals = std::optional<std::set<std::string>>;

Literals Better(Literals a, Literals b) {
  if (!a) return b;
  if (!b) return a;
  return a->size() <= b->size() ? a : b;
}

Literals Union(Literals a, const Literals& b) {
  if (!a || !b) return std::nullopt;
  a->insert(b->begin(), b->end());
  return a;
}

struct Compiler {
  const EngineOptions& options;
  std::vector<RuleProblem>& problems;

  // Selection literals: an alternative needs the best of its items'; the selection, all of its
  // alternatives'.
  std::vector<Literals> selection_literals;

  bool Refuse(const Rule& rule, int line, Message why) {
    problems.push_back({rule.file, line, rule.title, std::move(why)});
    return false;
  }

  std::optional<Item> CompileItem(const Rule& rule, const DetectionItem& di, Literals& literals) {
    auto prepared = Prepare(di, options.placeholders);
    if (!prepared) {
      Refuse(rule, di.line, prepared.error().msg);
      return std::nullopt;
    }
    literals = ItemLiterals(*prepared);
    Item item;
    item.kind = prepared->kind;
    item.field = di.field.empty() ? "" : std::string(CanonicalField(rule.logsource, di.field));
    item.all = prepared->all;
    item.negate = prepared->negate;
    item.cased = prepared->cased;
    item.exists = prepared->exists;
    item.comparison = prepared->comparison;
    item.numbers = prepared->numbers;
    item.ref_starts = prepared->ref_starts;
    item.ref_ends = prepared->ref_ends;
    switch (item.kind) {
      case ItemKind::kString:
        for (const auto& variants : prepared->strings) {
          std::vector<StringMatcher> matchers;
          for (const SigmaString& s : variants) matchers.push_back(StringMatcher(s, item.cased));
          item.values.push_back(std::move(matchers));
        }
        break;
      case ItemKind::kRegex:
        for (const std::string& text : prepared->texts) {
          RE2::Options o;
          o.set_log_errors(false);
          o.set_case_sensitive(!prepared->regex_ignore_case);
          o.set_dot_nl(prepared->regex_dotall);
          auto re = std::make_unique<RE2>(prepared->regex_multiline ? "(?m)" + text : text, o);
          if (!re->ok()) {
            Refuse(rule, di.line,
                   Msg("sigma.regex_invalid", {{"pattern", text}, {"detail", re->error()}}));
            return std::nullopt;
          }
          item.regexes.push_back(std::move(re));
        }
        break;
      case ItemKind::kCidr:
        for (const std::string& text : prepared->texts) {
          auto net = ParseNetwork(text);
          if (!net) {
            Refuse(rule, di.line, Msg("sigma.cidr_invalid", {{"value", text}}));
            return std::nullopt;
          }
          item.networks.push_back(*net);
        }
        break;
      case ItemKind::kFieldRef:
        for (const std::string& text : prepared->texts) {
          item.refs.emplace_back(CanonicalField(rule.logsource, text));
        }
        break;
      default:
        break;
    }
    return item;
  }

  std::optional<DetectionRule> CompileDetection(const Rule& rule, Literals& rule_literals) {
    DetectionRule out;
    selection_literals.clear();
    for (const Selection& sel : rule.selections) {
      CompiledSelection cs;
      Literals sel_literals = std::set<std::string>{};
      for (const auto& alternative : sel.alternatives) {
        std::vector<Item> items;
        Literals alt_literals;
        for (const DetectionItem& di : alternative) {
          Literals lits;
          auto item = CompileItem(rule, di, lits);
          if (!item) return std::nullopt;
          alt_literals = Better(std::move(alt_literals), std::move(lits));
          items.push_back(std::move(*item));
        }
        sel_literals = Union(std::move(sel_literals), alt_literals);
        cs.alternatives.push_back(std::move(items));
      }
      selection_literals.push_back(std::move(sel_literals));
      out.selections.push_back(std::move(cs));
    }
    rule_literals = std::set<std::string>{};
    for (const Condition& c : rule.conditions) {
      Literals lits;
      out.conditions.push_back(CompileNode(rule, c, lits));
      rule_literals = Union(std::move(rule_literals), lits);
    }
    return out;
  }

  Node CompileNode(const Rule& rule, const Condition& c, Literals& literals) {
    Node n{c.op, 0, {}};
    switch (c.op) {
      case Condition::Op::kRef:
        for (size_t i = 0; i < rule.selections.size(); ++i) {
          if (rule.selections[i].name == c.ref) n.selection = i;
        }
        literals = selection_literals[n.selection];
        break;
      case Condition::Op::kAnd:
        for (const Condition& o : c.operands) {
          Literals lits;
          n.operands.push_back(CompileNode(rule, o, lits));
          literals = Better(std::move(literals), std::move(lits));
        }
        break;
      case Condition::Op::kOr: {
        literals = std::set<std::string>{};
        for (const Condition& o : c.operands) {
          Literals lits;
          n.operands.push_back(CompileNode(rule, o, lits));
          literals = Union(std::move(literals), lits);
        }
        break;
      }
      case Condition::Op::kNot: {
        Literals ignored;
        n.operands.push_back(CompileNode(rule, c.operands[0], ignored));
        literals = std::nullopt;
        break;
      }
    }
    return n;
  }
};

}  // namespace

std::shared_ptr<const RuleSet> RuleSet::Compile(std::vector<Rule> input,
                                                const EngineOptions& options,
                                                std::vector<RuleProblem>& problems) {
  std::shared_ptr<RuleSet> set(new RuleSet());
  auto compiled = std::make_unique<Compiled>();
  Compiler compiler{options, problems, {}};

  // Detection rules first; each rule's literals for the prefilter.
  std::vector<Rule> kept;
  std::vector<Literals> literals;
  std::set<std::string> ids;
  std::vector<Rule> correlations;
  for (Rule& rule : input) {
    if (!rule.id.empty() && !ids.insert(rule.id).second) {
      problems.push_back(
          {rule.file, rule.line, rule.title, Msg("sigma.duplicate_id", {{"id", rule.id}})});
      continue;
    }
    if (rule.correlation) {
      correlations.push_back(std::move(rule));
      continue;
    }
    Literals lits;
    auto det = compiler.CompileDetection(rule, lits);
    if (!det) continue;
    kept.push_back(std::move(rule));
    compiled->detection.push_back(std::move(det));
    compiled->correlation.emplace_back();
    literals.push_back(std::move(lits));
  }

  // Correlations, in an order where each comes after the rules it names (chains).
  auto find = [&](const std::string& ref) -> std::optional<size_t> {
    for (size_t i = 0; i < kept.size(); ++i) {
      if (kept[i].id == ref || (!kept[i].name.empty() && kept[i].name == ref)) return i;
    }
    return std::nullopt;
  };
  bool progress = true;
  while (!correlations.empty() && progress) {
    progress = false;
    for (auto it = correlations.begin(); it != correlations.end();) {
      bool ready = std::all_of(it->correlation->rules.begin(), it->correlation->rules.end(),
                               [&](const std::string& r) { return find(r).has_value(); });
      if (!ready) {
        ++it;
        continue;
      }
      CorrelationRule cr{*it->correlation, {}, {}, {}};
      for (const std::string& r : cr.spec.rules) {
        size_t input_rule = *find(r);
        const Rule& base = kept[input_rule];
        cr.inputs.push_back(input_rule);
        auto field_for = [&](const std::string& name) {
          auto alias = cr.spec.aliases.find(name);
          if (alias != cr.spec.aliases.end()) {
            for (const auto& [ref, field] : alias->second) {
              if (ref == base.id || ref == base.name) {
                return std::string(CanonicalField(base.logsource, field));
              }
            }
          }
          return std::string(CanonicalField(base.logsource, name));
        };
        std::vector<std::string> gf;
        for (const std::string& g : cr.spec.group_by) gf.push_back(field_for(g));
        cr.group_fields.push_back(std::move(gf));
        std::vector<std::string> vf;
        for (const std::string& f : cr.spec.fields) vf.push_back(field_for(f));
        cr.value_fields.push_back(std::move(vf));
      }
      kept.push_back(std::move(*it));
      compiled->detection.emplace_back();
      compiled->correlation.push_back(std::move(cr));
      literals.emplace_back();
      it = correlations.erase(it);
      progress = true;
    }
  }
  for (const Rule& rule : correlations) {
    std::string missing;
    for (const std::string& r : rule.correlation->rules) {
      if (!find(r)) missing = r;
    }
    problems.push_back({rule.file, rule.line, rule.title,
                        Msg("sigma.rule_reference_unknown", {{"ref", missing}})});
  }

  size_t n = kept.size();
  compiled->reports.assign(n, true);
  compiled->consumers.assign(n, {});
  std::vector<bool> generated(n, false);
  for (size_t i = 0; i < n; ++i) {
    if (!compiled->correlation[i]) continue;
    for (size_t input_rule : compiled->correlation[i]->inputs) {
      compiled->consumers[input_rule].push_back(i);
      compiled->reports[input_rule] = false;
      if (compiled->correlation[i]->spec.generate) generated[input_rule] = true;
    }
  }
  for (size_t i = 0; i < n; ++i) {
    if (generated[i]) compiled->reports[i] = true;
  }

  for (const Rule& r : kept) {
    for (const std::string* name :
         {&r.logsource.category, &r.logsource.product, &r.logsource.service}) {
      if (!name->empty()) compiled->source_names.insert(*name);
    }
  }

  // The prefilter.
  compiled->always.assign(n, false);
  std::map<std::string, std::uint32_t> literal_ids;
  for (size_t i = 0; i < n; ++i) {
    if (!compiled->detection[i]) continue;
    if (!literals[i] || literals[i]->empty()) {
      compiled->always[i] = true;
      continue;
    }
    for (const std::string& lit : *literals[i]) {
      std::string key = Lower(lit);
      auto [it, added] = literal_ids.emplace(key, static_cast<std::uint32_t>(literal_ids.size()));
      if (added) compiled->literal_rules.emplace_back();
      compiled->literal_rules[it->second].push_back(static_cast<std::uint32_t>(i));
    }
  }
  if (!literal_ids.empty()) {
    std::vector<const char*> exprs;
    std::vector<size_t> lens;
    std::vector<unsigned> flags, hs_ids;
    for (const auto& [lit, id] : literal_ids) {
      exprs.push_back(lit.data());
      lens.push_back(lit.size());
      flags.push_back(HS_FLAG_CASELESS | HS_FLAG_SINGLEMATCH);
      hs_ids.push_back(id);
    }
    hs_compile_error_t* error = nullptr;
    if (hs_compile_lit_multi(exprs.data(), flags.data(), hs_ids.data(), lens.data(),
                             static_cast<unsigned>(exprs.size()), HS_MODE_VECTORED, nullptr,
                             &compiled->database, &error) != HS_SUCCESS) {
      // Without the prefilter every rule is evaluated: slower, never wrong.
      if (error != nullptr) hs_free_compile_error(error);
      compiled->database = nullptr;
      for (size_t i = 0; i < n; ++i) compiled->always[i] = compiled->detection[i].has_value();
    }
  }
  set->literal_count_ = literal_ids.size();
  set->max_groups_ = std::max<size_t>(options.max_groups, 1);
  set->rules_ = std::move(kept);
  set->compiled_ = std::move(compiled);
  return set;
}

// ---------------------------------------------------------------------------------------------
// Matching

namespace {

bool MatchItem(const Item& item, const Event& event);

template <class Fn>
bool AnyValue(const Event& event, const std::string& field, Fn&& fn) {
  if (field.empty()) return fn(event.message());
  for (const Field& f : event.fields()) {
    if (f.name == field && fn(f.value)) return true;
  }
  return false;
}

bool HasField(const Event& event, const std::string& field) {
  if (field.empty()) return true;
  for (const Field& f : event.fields()) {
    if (f.name == field) return true;
  }
  return false;
}

// Whether the value-th rule value (its variants) matches some value of the field.
bool MatchOne(const Item& item, const Event& event, size_t value) {
  switch (item.kind) {
    case ItemKind::kString:
      return AnyValue(event, item.field, [&](std::string_view v) {
        if (IsNull(v)) return false;
        for (const StringMatcher& m : item.values[value]) {
          if (m.Match(v)) return true;
        }
        return false;
      });
    case ItemKind::kRegex:
      return AnyValue(event, item.field, [&](std::string_view v) {
        return !IsNull(v) && RE2::PartialMatch(v, *item.regexes[value]);
      });
    case ItemKind::kCidr:
      return AnyValue(event, item.field, [&](std::string_view v) {
        return !IsNull(v) && item.networks[value].Contains(v);
      });
    case ItemKind::kNumber:
      return AnyValue(event, item.field, [&](std::string_view v) {
        auto d = ParseNumber(v);
        return d && Compare(*d, item.comparison, item.numbers[value]);
      });
    case ItemKind::kTimePart:
      return AnyValue(event, item.field, [&](std::string_view v) {
        auto part = TimePart(v, item.comparison);
        return part && static_cast<double>(*part) == item.numbers[value];
      });
    case ItemKind::kFieldRef:
      return AnyValue(event, item.field, [&](std::string_view v) {
        return AnyValue(event, item.refs[value], [&](std::string_view other) {
          return !IsNull(v) && !IsNull(other) &&
                 CompareFields(v, other, item.ref_starts, item.ref_ends, item.cased);
        });
      });
    default:
      return false;
  }
}

size_t ValueCount(const Item& item) {
  switch (item.kind) {
    case ItemKind::kString:
      return item.values.size();
    case ItemKind::kRegex:
      return item.regexes.size();
    case ItemKind::kCidr:
      return item.networks.size();
    case ItemKind::kFieldRef:
      return item.refs.size();
    default:
      return item.numbers.size();
  }
}

bool MatchItem(const Item& item, const Event& event) {
  if (item.kind == ItemKind::kNull) {
    bool present = false, null = false;
    AnyValue(event, item.field, [&](std::string_view v) {
      present = true;
      null = null || IsNull(v);
      return false;
    });
    return item.negate ? present && !null : !present || null;
  }
  if (item.kind == ItemKind::kExists) {
    bool present = HasField(event, item.field);
    return item.negate ? present != item.exists : present == item.exists;
  }
  size_t count = ValueCount(item);
  bool result = item.all;
  for (size_t i = 0; i < count; ++i) {
    bool m = MatchOne(item, event, i);
    if (item.all && !m) {
      result = false;
      break;
    }
    if (!item.all && m) {
      result = true;
      break;
    }
  }
  return item.negate ? !result : result;
}

bool MatchSelection(const CompiledSelection& sel, const Event& event) {
  for (const auto& alternative : sel.alternatives) {
    bool all = true;
    for (const Item& item : alternative) {
      if (!MatchItem(item, event)) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}

bool Evaluate(const Node& n, const DetectionRule& rule, const Event& event) {
  switch (n.op) {
    case Condition::Op::kRef:
      return MatchSelection(rule.selections[n.selection], event);
    case Condition::Op::kAnd:
      for (const Node& o : n.operands) {
        if (!Evaluate(o, rule, event)) return false;
      }
      return true;
    case Condition::Op::kOr:
      for (const Node& o : n.operands) {
        if (Evaluate(o, rule, event)) return true;
      }
      return false;
    case Condition::Op::kNot:
      return !Evaluate(n.operands[0], rule, event);
  }
  return false;
}

bool SourceMatches(const LogSourceSpec& rule, const Event& event) {
  if (event.category.empty() && event.product.empty() && event.services[0].empty() &&
      event.services[1].empty()) {
    return true;  // a record of unknown origin is checked against every rule
  }
  if (!rule.category.empty() && rule.category != event.category) return false;
  if (!rule.product.empty() && rule.product != event.product) return false;
  if (!rule.service.empty() && rule.service != event.services[0] &&
      rule.service != event.services[1]) {
    return false;
  }
  return true;
}

// One event a correlation counted.
struct Entry {
  std::int64_t time = 0;
  size_t input = 0;  // which of the correlation's rules
  std::uint64_t sequence = 0;
  std::vector<std::uint64_t> events;  // the sequences behind it (a chained correlation's)
  std::string value;                  // value_count: the fields' values
  std::optional<double> number;       // value_sum, value_avg: the value, when a number
};

constexpr size_t kMaxEntries = 10000;

struct Group {
  std::deque<Entry> entries;
  std::unordered_map<std::string, size_t> distinct;  // value_count
  std::int64_t last = 0;
};

// The event a fired correlation hands to the correlations that take its result.
struct Derived {
  size_t rule = 0;   // the correlation
  size_t input = 0;  // which of its rules matched
  std::int64_t time = 0;
  std::uint64_t sequence = 0;
  std::vector<std::uint64_t> events;
  std::vector<std::pair<std::string, std::string>> fields;  // its group-by fields
  std::string value;                                        // the value field's
};

}  // namespace

struct Matcher::State {
  hs_scratch_t* scratch = nullptr;
  std::vector<std::uint64_t> mark;  // == epoch: already a candidate for this event
  std::uint64_t epoch = 0;
  std::vector<std::uint32_t> candidates;
  // The routed rules per distinct log source seen.
  struct Route {
    std::string category, product, service0, service1;
    bool unknown_origin = false;
    std::vector<bool> routed;
    std::vector<std::uint32_t> always;
  };
  std::vector<Route> routes;
  const Route* route = nullptr;
  // The last event's source as it came, so that a stream of one source looks its route up once.
  std::string last_source[4];
  bool last_unknown = false;
  std::vector<Derived> derived;
  std::vector<const char*> blocks;
  std::vector<unsigned> lengths;
  std::vector<std::unordered_map<std::string, Group>> groups;  // per rule
  std::int64_t last_time = 0;
  Stats stats;

  ~State() {
    if (scratch != nullptr) hs_free_scratch(scratch);
  }
};

Matcher::Matcher(std::shared_ptr<const RuleSet> rules)
    : rules_(std::move(rules)), state_(std::make_unique<State>()) {
  size_t n = rules_->rules().size();
  state_->mark.assign(n, 0);
  state_->groups.resize(n);
  if (rules_->compiled_->database != nullptr) {
    hs_alloc_scratch(rules_->compiled_->database, &state_->scratch);
  }
}

Matcher::~Matcher() = default;

Matcher::Stats Matcher::stats() const {
  Stats s = state_->stats;
  for (const auto& g : state_->groups) s.groups += g.size();
  return s;
}

namespace {

struct ScanContext {
  Matcher::State* state;
  const RuleSet::Compiled* compiled;
};

int OnLiteral(unsigned int id, unsigned long long /*from*/, unsigned long long /*to*/,
              unsigned int /*flags*/, void* context) {
  auto* ctx = static_cast<ScanContext*>(context);
  auto& s = *ctx->state;
  for (std::uint32_t rule : ctx->compiled->literal_rules[id]) {
    if (s.route->routed[rule] && s.mark[rule] != s.epoch) {
      s.mark[rule] = s.epoch;
      s.candidates.push_back(rule);
    }
  }
  return 0;
}

std::string ValueOf(const Event& event, const std::string& field) {
  auto v = event.Get(field);
  return v && !IsNull(*v) ? std::string(*v) : std::string();
}

bool Within(std::string_view inner, std::string_view outer) {
  auto at = reinterpret_cast<std::uintptr_t>(inner.data());
  auto from = reinterpret_cast<std::uintptr_t>(outer.data());
  return at >= from && at + inner.size() <= from + outer.size();
}

std::string GroupKey(const std::vector<std::string>& names,
                     const std::vector<std::pair<std::string, std::string>>& values) {
  std::string key;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) key += ", ";
    key += names[i];
    key += '=';
    key += values[i].second;
  }
  return key;
}

}  // namespace

void Matcher::Match(const Event& event, std::uint64_t sequence, std::vector<Detection>& out) {
  State& s = *state_;
  const RuleSet::Compiled& c = *rules_->compiled_;
  const std::vector<Rule>& rules = rules_->rules();
  ++s.stats.events;
  std::int64_t now = event.time ? event.time->time_since_epoch().count() : s.last_time;
  s.last_time = now;

  // Route: the rules of this event's log source. A name no rule gives (a program's service, say)
  // routes like an empty one, so there are at most as many routes as combinations of the names
  // the rules use, however many programs a log holds.
  bool unknown_origin = event.category.empty() && event.product.empty() &&
                        event.services[0].empty() && event.services[1].empty();
  bool as_before = s.route != nullptr && s.last_unknown == unknown_origin &&
                   s.last_source[0] == event.category && s.last_source[1] == event.product &&
                   s.last_source[2] == event.services[0] && s.last_source[3] == event.services[1];
  if (!as_before) {
    s.last_unknown = unknown_origin;
    s.last_source[0] = event.category;
    s.last_source[1] = event.product;
    s.last_source[2] = event.services[0];
    s.last_source[3] = event.services[1];
    auto known = [&](std::string_view name) -> std::string_view {
      return c.source_names.contains(name) ? name : std::string_view();
    };
    std::string_view source[4] = {known(event.category), known(event.product),
                                  known(event.services[0]), known(event.services[1])};
    auto same = [&](const State::Route& r) {
      return r.unknown_origin == unknown_origin && r.category == source[0] &&
             r.product == source[1] && r.service0 == source[2] && r.service1 == source[3];
    };
    s.route = nullptr;
    for (const State::Route& r : s.routes) {
      if (same(r)) s.route = &r;
    }
    if (s.route == nullptr) {
      State::Route r{std::string(source[0]),
                     std::string(source[1]),
                     std::string(source[2]),
                     std::string(source[3]),
                     unknown_origin,
                     {},
                     {}};
      r.routed.assign(rules.size(), false);
      for (size_t i = 0; i < rules.size(); ++i) {
        if (!c.detection[i] || !SourceMatches(rules[i].logsource, event)) continue;
        r.routed[i] = true;
        if (c.always[i] || c.database == nullptr || s.scratch == nullptr) {
          r.always.push_back(static_cast<std::uint32_t>(i));
        }
      }
      s.routes.push_back(std::move(r));
      s.route = &s.routes.back();  // the vector may have moved
    }
  }

  // Candidates: the routed rules without literals, and those whose literal occurs.
  ++s.epoch;
  s.candidates.clear();
  for (std::uint32_t r : s.route->always) {
    s.mark[r] = s.epoch;
    s.candidates.push_back(r);
  }
  if (c.database != nullptr && s.scratch != nullptr) {
    // The line, and every value the decoder made rather than cut out of it (a message or value
    // unescaped from JSON, an event kind): a rule's literal occurs in one of them.
    s.blocks.clear();
    s.lengths.clear();
    auto block = [&](std::string_view text) {
      if (text.empty()) return;
      s.blocks.push_back(text.data());
      s.lengths.push_back(static_cast<unsigned>(text.size()));
    };
    block(event.raw());
    if (!Within(event.message(), event.raw())) block(event.message());
    for (const Field& f : event.fields()) {
      if (!IsNull(f.value) && !Within(f.value, event.raw())) block(f.value);
    }
    ScanContext ctx{&s, &c};
    if (!s.blocks.empty() && hs_scan_vector(c.database, s.blocks.data(), s.lengths.data(),
                                            static_cast<unsigned>(s.blocks.size()), 0, s.scratch,
                                            OnLiteral, &ctx) != HS_SUCCESS) {
      // Without the prefilter every routed rule is evaluated: slower, never wrong.
      for (size_t r = 0; r < rules.size(); ++r) {
        if (s.route->routed[r] && s.mark[r] != s.epoch) {
          s.mark[r] = s.epoch;
          s.candidates.push_back(static_cast<std::uint32_t>(r));
        }
      }
    }
  }
  if (s.candidates.empty()) return;
  std::sort(s.candidates.begin(), s.candidates.end());

  std::vector<Derived>& derived = s.derived;
  derived.clear();
  for (std::uint32_t r : s.candidates) {
    ++s.stats.evaluated;
    const DetectionRule& rule = *c.detection[r];
    bool matched = false;
    for (const Node& cond : rule.conditions) {
      if (Evaluate(cond, rule, event)) {
        matched = true;
        break;
      }
    }
    if (!matched) continue;
    if (c.reports[r]) out.push_back(Detection{r, event.time, sequence, {}, {}, 0});
    if (c.consumers[r].empty()) continue;
    // Feed the correlations that take this rule's matches.
    for (size_t corr : c.consumers[r]) {
      const CorrelationRule& cr = *c.correlation[corr];
      for (size_t input = 0; input < cr.inputs.size(); ++input) {
        if (cr.inputs[input] != r) continue;
        Derived d{corr, input, now, sequence, {}, {}, {}};  // events: just `sequence`
        for (size_t g = 0; g < cr.spec.group_by.size(); ++g) {
          d.fields.emplace_back(cr.spec.group_by[g], ValueOf(event, cr.group_fields[input][g]));
        }
        // value_count counts distinct tuples of its fields (CORR: several are "linked by an
        // AND"), each part length-prefixed so that no two tuples read alike; a tuple with a
        // part missing is no value (""). value_sum and value_avg take the first field.
        const std::vector<std::string>& vf = cr.value_fields[input];
        if (cr.spec.type != CorrelationType::kValueCount || vf.size() == 1) {
          if (!vf.empty()) d.value = ValueOf(event, vf[0]);
        } else {
          for (const std::string& f : vf) {
            std::string v = ValueOf(event, f);
            if (v.empty()) {
              d.value.clear();
              break;
            }
            d.value += std::to_string(v.size()) + ":" + v;
          }
        }
        derived.push_back(std::move(d));
      }
    }
  }

  // Correlations, fed in turn; a correlation that fires may feed another (a chain).
  for (size_t next = 0; next < derived.size(); ++next) {
    Derived d = std::move(derived[next]);
    const CorrelationRule& cr = *c.correlation[d.rule];
    std::string key = GroupKey(cr.spec.group_by, d.fields);
    auto& groups = s.groups[d.rule];
    Group& g = groups[key];
    // A match older than the group's window (a rotated file read after a newer one) cannot
    // count with what is in it.
    if (!g.entries.empty() && d.time < g.last - cr.spec.timespan_seconds) continue;
    g.last = std::max(g.last, d.time);
    // Slide the window.
    std::int64_t horizon = g.last - cr.spec.timespan_seconds;
    while (!g.entries.empty() && g.entries.front().time < horizon) {
      if (cr.spec.type == CorrelationType::kValueCount) {
        auto it = g.distinct.find(g.entries.front().value);
        if (it != g.distinct.end() && --it->second == 0) g.distinct.erase(it);
      }
      g.entries.pop_front();
    }
    std::optional<double> number = ParseNumber(d.value);
    // An event without the field (ValueOf gives "") has no value to count, as COUNT(DISTINCT)
    // skips NULL: else four users and one failure naming none would make five.
    if (cr.spec.type == CorrelationType::kValueCount && !d.value.empty()) ++g.distinct[d.value];
    Entry e{d.time, d.input, d.sequence, std::move(d.events), std::move(d.value), number};
    g.entries.push_back(std::move(e));
    // Memory per group is bounded too: a value_count whose value repeats never fires and would
    // keep every match of its window.
    if (g.entries.size() > kMaxEntries) {
      if (cr.spec.type == CorrelationType::kValueCount) {
        auto it = g.distinct.find(g.entries.front().value);
        if (it != g.distinct.end() && --it->second == 0) g.distinct.erase(it);
      }
      g.entries.pop_front();
    }

    double measure = 0;
    switch (cr.spec.type) {
      case CorrelationType::kEventCount:
        measure = static_cast<double>(g.entries.size());
        break;
      case CorrelationType::kValueCount:
        measure = static_cast<double>(g.distinct.size());
        break;
      case CorrelationType::kValueSum:
      case CorrelationType::kValueAvg: {
        // An event without a number adds nothing and is not averaged (as SQL's SUM and AVG
        // skip NULL): a missing value is not a 0. With no number there is no average.
        size_t numbers = 0;
        for (const Entry& x : g.entries) {
          if (x.number) {
            measure += *x.number;
            ++numbers;
          }
        }
        if (cr.spec.type == CorrelationType::kValueAvg) {
          if (numbers == 0) continue;
          measure /= static_cast<double>(numbers);
        }
        break;
      }
      case CorrelationType::kTemporal: {
        std::set<size_t> seen;
        for (const Entry& x : g.entries) seen.insert(x.input);
        measure = static_cast<double>(seen.size());
        break;
      }
      case CorrelationType::kTemporalOrdered: {
        // The longest prefix of `rules` found in order within the window.
        size_t want = 0;
        for (const Entry& x : g.entries) {
          if (want < cr.inputs.size() && x.input == want) ++want;
        }
        measure = static_cast<double>(want);
        break;
      }
    }
    if (!cr.spec.threshold.Holds(measure)) continue;

    Detection det{d.rule, std::nullopt, d.sequence, key, {}, measure};
    if (d.time != 0 || event.time) det.time = Timestamp(std::chrono::seconds(d.time));
    for (const Entry& x : g.entries) {
      if (x.events.empty()) {
        det.events.push_back(x.sequence);
      } else {
        det.events.insert(det.events.end(), x.events.begin(), x.events.end());
      }
    }
    std::sort(det.events.begin(), det.events.end());
    det.events.erase(std::unique(det.events.begin(), det.events.end()), det.events.end());
    // A fired group starts over: the same attack goes on to fire again only after as many
    // events again.
    std::vector<std::pair<std::string, std::string>> fields = d.fields;
    std::vector<std::uint64_t> behind = det.events;
    groups.erase(key);
    if (c.reports[d.rule]) out.push_back(det);
    for (size_t consumer : c.consumers[d.rule]) {
      const CorrelationRule& next_cr = *c.correlation[consumer];
      for (size_t in = 0; in < next_cr.inputs.size(); ++in) {
        if (next_cr.inputs[in] != d.rule) continue;
        Derived nd{consumer, in, d.time, d.sequence, behind, {}, {}};
        for (const std::string& name : next_cr.spec.group_by) {
          std::string v;
          for (const auto& [k, val] : fields) {
            if (k == name) v = val;
          }
          nd.fields.emplace_back(name, v);
        }
        derived.push_back(std::move(nd));
      }
    }
  }

  // Room: a correlation that holds too many groups forgets those whose window has passed,
  // then those seen longest ago.
  for (const Derived& d : derived) {
    auto& groups = s.groups[d.rule];
    if (groups.size() <= rules_->max_groups_) continue;
    std::int64_t horizon = now - c.correlation[d.rule]->spec.timespan_seconds;
    std::erase_if(groups, [&](const auto& kv) { return kv.second.last < horizon; });
    if (groups.size() <= rules_->max_groups_) continue;
    std::vector<std::pair<std::int64_t, const std::string*>> by_age;
    for (const auto& [key, g] : groups) by_age.emplace_back(g.last, &key);
    size_t drop = groups.size() - rules_->max_groups_ * 9 / 10;
    std::nth_element(by_age.begin(), by_age.begin() + static_cast<std::ptrdiff_t>(drop),
                     by_age.end());
    std::vector<std::string> doomed;
    for (size_t i = 0; i < drop; ++i) doomed.push_back(*by_age[i].second);
    for (const std::string& key : doomed) groups.erase(key);
    s.stats.groups_dropped += drop;
  }
}

}  // namespace sokuo::detect
