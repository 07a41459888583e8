// The compiling half of the engine (engine.h): RuleSet::Compile turns parsed rules into the
// matchers of engine_internal.h, works out each rule's literals for the Hyperscan prefilter and
// orders correlations after the rules they name; CanonicalField maps a rule's field names onto
// the decoders'. engine_match.cpp runs the result.
#include "detect/engine.h"

#include <algorithm>
#include <map>
#include <set>
#include <span>

#include <hs/hs.h>
#include <re2/re2.h>

#include "detect/engine_internal.h"
#include "detect/match.h"

namespace sokuo::detect {

using internal::CompiledSelection;
using internal::CorrelationRule;
using internal::DetectionRule;
using internal::Item;
using internal::Node;

RuleSet::~RuleSet() = default;

bool RuleSet::Reports(size_t rule) const { return compiled_->reports[rule]; }

bool RuleSet::FirstSeen(size_t rule) const {
  const auto& d = compiled_->detection[rule];
  return d && !d->first_seen_fields.empty();
}

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
    bool first_seen =
        std::find(rule.tags.begin(), rule.tags.end(), kFirstSeenTag) != rule.tags.end();
    if (rule.correlation) {
      if (first_seen) {  // a correlation counts: what it has seen is its window
        problems.push_back({rule.file, rule.line, rule.title, Msg("sigma.first_seen_correlation")});
        continue;
      }
      correlations.push_back(std::move(rule));
      continue;
    }
    Literals lits;
    auto det = compiler.CompileDetection(rule, lits);
    if (!det) continue;
    if (first_seen) {
      if (rule.fields.empty()) {
        problems.push_back({rule.file, rule.line, rule.title, Msg("sigma.first_seen_fields")});
        continue;
      }
      det->first_seen_names = rule.fields;
      for (const std::string& f : rule.fields) {
        det->first_seen_fields.emplace_back(CanonicalField(rule.logsource, f));
      }
    }
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

}  // namespace sokuo::detect
