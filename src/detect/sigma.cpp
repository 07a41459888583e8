#include "detect/sigma.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <set>

#include <yaml-cpp/yaml.h>

#include "base/text.h"
#include "core/alert_rules.h"
#include "detect/match.h"

namespace sokuo::detect {
namespace {

constexpr auto kModifiers = std::to_array<std::string_view>({
    "contains",     "startswith", "endswith", "all",
    "exists",       "cased",      "neq",      "windash",
    "re",           "i",          "m",        "s",
    "ignorecase",   "multiline",  "dotall",   "base64",
    "base64offset", "utf16le",    "wide",     "utf16be",
    "utf16",        "lt",         "lte",      "gt",
    "gte",          "minute",     "hour",     "day",
    "week",         "month",      "year",     "cidr",
    "expand",       "fieldref",
});
constexpr auto kRegexFlags =
    std::to_array<std::string_view>({"i", "m", "s", "ignorecase", "multiline", "dotall"});

bool In(std::string_view word, std::span<const std::string_view> set) {
  return std::find(set.begin(), set.end(), word) != set.end();
}

int LineOf(const YAML::Node& n) { return n.Mark().line + 1; }

// A problem inside one rule document: the document is dropped, the file goes on.
struct Refusal {
  int line;
  Message why;
};

[[noreturn]] void Refuse(int line, Message why) { throw Refusal{line, std::move(why)}; }

// A key given twice in one map (YAML forbids it, and a reader would see one of the two: a
// selection or a value silently lost) refuses the rule at the second one. The walk stops after
// `budget` nodes: aliases can make a small document a huge tree, which the engine's own bounds
// refuse later.
void RefuseDuplicateKeys(const YAML::Node& n, int depth, size_t& budget) {
  if (depth > 64 || budget == 0) return;
  --budget;
  if (n.IsMap()) {
    std::set<std::string> keys;
    for (const auto& kv : n) {
      if (kv.first.IsScalar() && !keys.insert(kv.first.Scalar()).second) {
        Refuse(kv.first.Mark().line + 1, Msg("sigma.duplicate_key", {{"key", kv.first.Scalar()}}));
      }
      RefuseDuplicateKeys(kv.second, depth + 1, budget);
    }
  } else if (n.IsSequence()) {
    for (const auto& e : n) RefuseDuplicateKeys(e, depth + 1, budget);
  }
}

std::string ScalarText(const YAML::Node& n, std::string_view field) {
  if (!n.IsScalar()) {
    Refuse(LineOf(n),
           Msg("sigma.wrong_type", {{"field", std::string(field)}, {"expected", "text"}}));
  }
  return n.Scalar();
}

std::string OptionalText(const YAML::Node& doc, const char* key) {
  YAML::Node n = doc[key];
  if (!n || n.IsNull()) return {};
  return ScalarText(n, key);
}

std::vector<std::string> TextList(const YAML::Node& doc, const char* key) {
  std::vector<std::string> out;
  YAML::Node n = doc[key];
  if (!n || n.IsNull()) return out;
  if (n.IsScalar()) return {n.Scalar()};
  if (!n.IsSequence()) {
    Refuse(LineOf(n), Msg("sigma.wrong_type", {{"field", key}, {"expected", "list"}}));
  }
  for (const YAML::Node& item : n) out.push_back(ScalarText(item, key));
  return out;
}

bool IsPlain(const YAML::Node& n) { return n.Tag() == "?"; }

// The values one rule may hold. YAML aliases can make a small file name a value a billion times;
// reading stops at this many.
constexpr size_t kMaxValues = 100000;
thread_local size_t values_left = kMaxValues;

RuleValue ValueOf(const YAML::Node& n, std::string_view field) {
  if (values_left == 0) {
    Refuse(LineOf(n), Msg("sigma.rule_too_large", {{"max", std::to_string(kMaxValues)}}));
  }
  --values_left;
  if (n.IsNull()) return {RuleValue::Kind::kNull, ""};
  if (!n.IsScalar()) {
    Refuse(LineOf(n),
           Msg("sigma.wrong_type", {{"field", std::string(field)}, {"expected", "value"}}));
  }
  const std::string& s = n.Scalar();
  if (IsPlain(n)) {
    if (s == "true" || s == "false" || s == "True" || s == "False") {
      return {RuleValue::Kind::kBool, Lower(s)};
    }
    double d = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (!s.empty() && ec == std::errc() && end == s.data() + s.size()) {
      return {RuleValue::Kind::kNumber, s};
    }
  }
  return {RuleValue::Kind::kString, s};
}

// `field|mod|mod` with its values.
DetectionItem ReadItem(const std::string& key, const YAML::Node& value, int line) {
  DetectionItem item;
  item.line = line;
  size_t bar = key.find('|');
  item.field = key.substr(0, bar);
  while (bar != std::string::npos) {
    size_t next = key.find('|', bar + 1);
    std::string mod = Lower(key.substr(bar + 1, next == std::string::npos ? next : next - bar - 1));
    if (!IsKnownModifier(mod)) {
      std::vector<std::string> known(kModifiers.begin(), kModifiers.end());
      Refuse(line,
             Msg("sigma.unknown_modifier", {{"modifier", mod},
                                            {"field", item.field},
                                            {"suggestion", Suggest(mod, known).value_or("")}}));
    }
    item.modifiers.push_back(std::move(mod));
    bar = next;
  }
  if (value.IsSequence()) {
    for (const YAML::Node& v : value) item.values.push_back(ValueOf(v, key));
    if (item.values.empty()) {
      Refuse(line, Msg("sigma.empty_values", {{"field", key}}));
    }
  } else {
    item.values.push_back(ValueOf(value, key));
  }
  bool has_null = std::any_of(item.values.begin(), item.values.end(),
                              [](const RuleValue& v) { return v.kind == RuleValue::Kind::kNull; });
  if (has_null && item.values.size() > 1) {
    Refuse(line, Msg("sigma.null_in_list", {{"field", key}}));
  }
  // Modifiers whose place or value the specification fixes.
  for (size_t i = 0; i < item.modifiers.size(); ++i) {
    const std::string& m = item.modifiers[i];
    if ((m == "re" || m == "cidr" || m == "exists") && i != 0) {
      Refuse(line, Msg("sigma.modifier_first", {{"modifier", m}, {"field", key}}));
    }
    if (In(m, kRegexFlags) && (i == 0 || (item.modifiers[0] != "re"))) {
      Refuse(line, Msg("sigma.regex_flag_without_re", {{"modifier", m}, {"field", key}}));
    }
  }
  if (item.Has("exists")) {
    if (item.field.empty()) Refuse(line, Msg("sigma.exists_needs_field", {}));
    if (item.values.size() != 1 || item.values[0].kind != RuleValue::Kind::kBool) {
      Refuse(line, Msg("sigma.exists_not_bool", {{"field", key}}));
    }
  }
  for (std::string_view m :
       {"lt", "lte", "gt", "gte", "minute", "hour", "day", "week", "month", "year"}) {
    if (!item.Has(m)) continue;
    for (const RuleValue& v : item.values) {
      if (v.kind != RuleValue::Kind::kNumber) {
        Refuse(line, Msg("sigma.number_expected",
                         {{"field", key}, {"modifier", std::string(m)}, {"value", v.text}}));
      }
    }
  }
  return item;
}

std::vector<DetectionItem> ReadMap(const YAML::Node& map) {
  std::vector<DetectionItem> items;
  for (const auto& kv : map) {
    items.push_back(ReadItem(kv.first.as<std::string>(), kv.second, LineOf(kv.first)));
  }
  if (items.empty()) Refuse(LineOf(map), Msg("sigma.empty_selection", {{"name", ""}}));
  return items;
}

Selection ReadSelection(const std::string& name, const YAML::Node& n) {
  Selection sel{name, {}, LineOf(n)};
  if (n.IsMap()) {
    sel.alternatives.push_back(ReadMap(n));
  } else if (n.IsSequence()) {
    DetectionItem keywords;
    keywords.line = LineOf(n);
    for (const YAML::Node& element : n) {
      if (element.IsMap()) {
        sel.alternatives.push_back(ReadMap(element));
      } else {
        keywords.values.push_back(ValueOf(element, name));
      }
    }
    bool has_null =
        std::any_of(keywords.values.begin(), keywords.values.end(),
                    [](const RuleValue& v) { return v.kind == RuleValue::Kind::kNull; });
    if (has_null) Refuse(keywords.line, Msg("sigma.null_in_list", {{"field", name}}));
    if (!keywords.values.empty()) sel.alternatives.push_back({std::move(keywords)});
  } else if (n.IsScalar()) {
    DetectionItem keyword;
    keyword.line = LineOf(n);
    keyword.values.push_back(ValueOf(n, name));
    sel.alternatives.push_back({std::move(keyword)});
  }
  if (sel.alternatives.empty()) {
    Refuse(LineOf(n), Msg("sigma.empty_selection", {{"name", name}}));
  }
  return sel;
}

// The condition grammar (docs/detection.md): or < and < not < "x of" < parentheses.
class ConditionParser {
 public:
  ConditionParser(std::string_view text, const std::vector<Selection>& selections, int line)
      : text_(text), selections_(selections), line_(line) {
    Tokenize();
  }

  Condition Parse() {
    if (tokens_.empty()) Refuse(line_, Msg("sigma.condition_empty", {}));
    Condition c = Or();
    if (pos_ < tokens_.size()) Unexpected();
    return c;
  }

 private:
  void Tokenize() {
    size_t i = 0;
    while (i < text_.size()) {
      char c = text_[i];
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++i;
      } else if (c == '(' || c == ')') {
        tokens_.emplace_back(1, c);
        ++i;
      } else if (c == '|') {
        Refuse(line_, Msg("sigma.condition_aggregation", {}));
      } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '*' || c == '-') {
        size_t start = i;
        while (i < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[i])) ||
                                    text_[i] == '_' || text_[i] == '*' || text_[i] == '-')) {
          ++i;
        }
        tokens_.emplace_back(text_.substr(start, i - start));
      } else {
        Refuse(line_, Msg("sigma.condition_unexpected", {{"token", std::string(1, c)}}));
      }
    }
  }

  bool Peek(std::string_view word) const {
    return pos_ < tokens_.size() && Lower(tokens_[pos_]) == word;
  }
  [[noreturn]] void Unexpected() const {
    if (pos_ >= tokens_.size()) Refuse(line_, Msg("sigma.condition_end", {}));
    Refuse(line_, Msg("sigma.condition_unexpected", {{"token", tokens_[pos_]}}));
  }

  Condition Or() {
    Condition left = And();
    if (!Peek("or")) return left;
    Condition node{Condition::Op::kOr, {}, {std::move(left)}};
    while (Peek("or")) {
      ++pos_;
      node.operands.push_back(And());
    }
    return node;
  }

  Condition And() {
    Condition left = Not();
    if (!Peek("and")) return left;
    Condition node{Condition::Op::kAnd, {}, {std::move(left)}};
    while (Peek("and")) {
      ++pos_;
      node.operands.push_back(Not());
    }
    return node;
  }

  Condition Not() {
    if (Peek("not")) {
      ++pos_;
      Deeper();
      Condition c{Condition::Op::kNot, {}, {Not()}};
      --depth_;
      return c;
    }
    return Primary();
  }

  // Nesting is bounded, so that no condition can exhaust the stack here or where it is
  // compiled and evaluated.
  void Deeper() {
    if (++depth_ > kMaxDepth) {
      Refuse(line_, Msg("sigma.condition_too_deep", {{"max", std::to_string(kMaxDepth)}}));
    }
  }
  static constexpr int kMaxDepth = 64;
  int depth_ = 0;

  Condition Primary() {
    if (pos_ >= tokens_.size()) Unexpected();
    if (tokens_[pos_] == "(") {
      ++pos_;
      Deeper();
      Condition inner = Or();
      --depth_;
      if (pos_ >= tokens_.size() || tokens_[pos_] != ")") Unexpected();
      ++pos_;
      return inner;
    }
    std::string quantifier = Lower(tokens_[pos_]);
    if ((quantifier == "1" || quantifier == "any" || quantifier == "all") &&
        pos_ + 1 < tokens_.size() && Lower(tokens_[pos_ + 1]) == "of") {
      pos_ += 2;
      if (pos_ >= tokens_.size()) Unexpected();
      return Quantified(quantifier == "all", tokens_[pos_++]);
    }
    const std::string& name = tokens_[pos_];
    if (name == ")" || In(Lower(name), std::to_array<std::string_view>({"and", "or", "of"}))) {
      Unexpected();
    }
    ++pos_;
    if (std::none_of(selections_.begin(), selections_.end(),
                     [&](const Selection& s) { return s.name == name; })) {
      std::vector<std::string> names;
      for (const Selection& s : selections_) names.push_back(s.name);
      Refuse(line_, Msg("sigma.condition_unknown_identifier",
                        {{"name", name}, {"suggestion", Suggest(name, names).value_or("")}}));
    }
    return Condition{Condition::Op::kRef, name, {}};
  }

  // `1 of pattern`, `all of them`: the identifiers named, without the `_`-prefixed ones unless
  // the pattern itself starts with `_`.
  Condition Quantified(bool all, const std::string& pattern) {
    Condition node{all ? Condition::Op::kAnd : Condition::Op::kOr, {}, {}};
    bool them = Lower(pattern) == "them";
    for (const Selection& s : selections_) {
      if (!s.name.empty() && s.name[0] == '_' && (them || pattern[0] != '_')) continue;
      if (them || GlobMatch(pattern, s.name)) {
        node.operands.push_back(Condition{Condition::Op::kRef, s.name, {}});
      }
    }
    if (node.operands.empty()) {
      Refuse(line_, Msg("sigma.condition_no_match", {{"pattern", pattern}}));
    }
    if (node.operands.size() == 1) return std::move(node.operands[0]);
    return node;
  }

  // `*` matches any run; one backtracking point keeps it linear in pattern × name.
  static bool GlobMatch(std::string_view pattern, std::string_view name) {
    size_t p = 0, n = 0, star = std::string_view::npos, mark = 0;
    while (n < name.size()) {
      if (p < pattern.size() && pattern[p] == '*') {
        star = p++;
        mark = n;
      } else if (p < pattern.size() && pattern[p] == name[n]) {
        ++p;
        ++n;
      } else if (star != std::string_view::npos) {
        p = star + 1;
        n = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
  }

  std::string_view text_;
  const std::vector<Selection>& selections_;
  int line_;
  std::vector<std::string> tokens_;
  size_t pos_ = 0;
};

void ReadDetection(const YAML::Node& detection, Rule& rule) {
  if (!detection.IsMap()) {
    Refuse(LineOf(detection),
           Msg("sigma.wrong_type", {{"field", "detection"}, {"expected", "map"}}));
  }
  YAML::Node condition;
  for (const auto& kv : detection) {
    std::string name = kv.first.as<std::string>();
    if (name == "condition") {
      condition = kv.second;
    } else if (name == "timeframe") {
      Refuse(LineOf(kv.first), Msg("sigma.condition_aggregation", {}));
    } else {
      rule.selections.push_back(ReadSelection(name, kv.second));
    }
  }
  if (!condition)
    Refuse(LineOf(detection), Msg("sigma.missing", {{"field", "detection.condition"}}));
  std::vector<std::string> texts;
  if (condition.IsSequence()) {
    for (const YAML::Node& c : condition) texts.push_back(ScalarText(c, "condition"));
  } else {
    texts.push_back(ScalarText(condition, "condition"));
  }
  if (texts.empty()) Refuse(LineOf(condition), Msg("sigma.condition_empty", {}));
  for (const std::string& text : texts) {
    rule.conditions.push_back(ConditionParser(text, rule.selections, LineOf(condition)).Parse());
  }
}

// "90m" → 5400. s, m, h, d as the specification; w, M, y as pySigma reads them.
std::optional<std::int64_t> Timespan(std::string_view text) {
  if (text.size() < 2) return std::nullopt;
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size() - 1, n);
  if (ec != std::errc() || end != text.data() + text.size() - 1 || n <= 0) return std::nullopt;
  std::int64_t unit = 0;
  switch (text.back()) {
    case 's':
      unit = 1;
      break;
    case 'm':
      unit = 60;
      break;
    case 'h':
      unit = 3600;
      break;
    case 'd':
      unit = 86400;
      break;
    case 'w':
      unit = 604800;
      break;
    case 'M':
      unit = 2629746;
      break;
    case 'y':
      unit = 31556952;
      break;
    default:
      return std::nullopt;
  }
  if (n > INT64_MAX / unit) return std::nullopt;
  return n * unit;
}

std::optional<CorrelationType> ParseCorrelationType(std::string_view s) {
  if (s == "event_count") return CorrelationType::kEventCount;
  if (s == "value_count") return CorrelationType::kValueCount;
  if (s == "temporal") return CorrelationType::kTemporal;
  if (s == "temporal_ordered") return CorrelationType::kTemporalOrdered;
  if (s == "value_sum") return CorrelationType::kValueSum;
  if (s == "value_avg") return CorrelationType::kValueAvg;
  return std::nullopt;
}

Correlation ReadCorrelation(const YAML::Node& n) {
  if (!n.IsMap()) {
    Refuse(LineOf(n), Msg("sigma.wrong_type", {{"field", "correlation"}, {"expected", "map"}}));
  }
  Correlation c;
  std::string type = OptionalText(n, "type");
  auto parsed = ParseCorrelationType(type);
  if (!parsed) {
    Refuse(LineOf(n), Msg("sigma.correlation_type_unknown", {{"type", type}}));
  }
  c.type = *parsed;
  c.rules = TextList(n, "rules");
  if (c.rules.empty() ||
      std::any_of(c.rules.begin(), c.rules.end(), [](const std::string& r) { return r.empty(); })) {
    Refuse(LineOf(n), Msg("sigma.missing", {{"field", "correlation.rules"}}));
  }
  c.group_by = TextList(n, "group-by");
  std::string span = OptionalText(n, "timespan");
  if (span.empty()) span = OptionalText(n, "timeframe");
  auto seconds = Timespan(span);
  if (!seconds) Refuse(LineOf(n), Msg("sigma.timespan_invalid", {{"text", span}}));
  c.timespan_seconds = *seconds;
  if (YAML::Node g = n["generate"]; g) {
    if (!g.IsScalar() || (g.Scalar() != "true" && g.Scalar() != "false")) {
      Refuse(LineOf(g), Msg("sigma.wrong_type", {{"field", "generate"}, {"expected", "bool"}}));
    }
    c.generate = g.Scalar() == "true";
  }
  if (YAML::Node a = n["aliases"]; a && !a.IsNull()) {
    if (!a.IsMap()) {
      Refuse(LineOf(a), Msg("sigma.wrong_type", {{"field", "aliases"}, {"expected", "map"}}));
    }
    for (const auto& alias : a) {
      if (!alias.second.IsMap()) {
        Refuse(LineOf(alias.second),
               Msg("sigma.wrong_type", {{"field", "aliases"}, {"expected", "map"}}));
      }
      auto& per_rule = c.aliases[alias.first.as<std::string>()];
      for (const auto& kv : alias.second) {
        per_rule[kv.first.as<std::string>()] = ScalarText(kv.second, "aliases");
      }
    }
  }
  bool counts_values = c.type == CorrelationType::kValueCount ||
                       c.type == CorrelationType::kValueSum || c.type == CorrelationType::kValueAvg;
  YAML::Node cond = n["condition"];
  if (cond && !cond.IsNull()) {
    if (!cond.IsMap()) {
      Refuse(LineOf(cond), Msg("sigma.wrong_type", {{"field", "condition"}, {"expected", "map"}}));
    }
    bool any = false;
    for (const auto& kv : cond) {
      std::string key = kv.first.as<std::string>();
      if (key == "field") {
        c.fields = TextList(cond, "field");
        continue;
      }
      std::optional<double>* slot = key == "gt"    ? &c.threshold.gt
                                    : key == "gte" ? &c.threshold.gte
                                    : key == "lt"  ? &c.threshold.lt
                                    : key == "lte" ? &c.threshold.lte
                                    : key == "eq"  ? &c.threshold.eq
                                    : key == "neq" ? &c.threshold.neq
                                                   : nullptr;
      RuleValue v = ValueOf(kv.second, key);
      if (slot == nullptr || v.kind != RuleValue::Kind::kNumber) {
        Refuse(LineOf(kv.first), Msg("sigma.correlation_condition_invalid", {{"key", key}}));
      }
      double d = 0;
      std::from_chars(v.text.data(), v.text.data() + v.text.size(), d);
      *slot = d;
      any = true;
    }
    if (!any) Refuse(LineOf(cond), Msg("sigma.correlation_condition_invalid", {{"key", ""}}));
  } else if (c.type == CorrelationType::kTemporal || c.type == CorrelationType::kTemporalOrdered) {
    c.threshold.gte = static_cast<double>(c.rules.size());
  } else {
    Refuse(LineOf(n), Msg("sigma.missing", {{"field", "correlation.condition"}}));
  }
  if (counts_values && c.fields.empty()) {
    Refuse(LineOf(n), Msg("sigma.missing", {{"field", "correlation.condition.field"}}));
  }
  return c;
}

Rule ReadRule(const YAML::Node& doc, std::string_view file) {
  values_left = kMaxValues;
  Rule rule;
  rule.file = std::string(file);
  rule.line = LineOf(doc);
  if (!doc.IsMap()) Refuse(rule.line, Msg("sigma.not_a_map", {}));
  if (doc["action"]) Refuse(rule.line, Msg("sigma.legacy_collection", {}));
  if (doc["filter"]) Refuse(rule.line, Msg("sigma.filter_unsupported", {}));
  rule.title = OptionalText(doc, "title");
  if (rule.title.empty()) Refuse(rule.line, Msg("sigma.missing", {{"field", "title"}}));
  rule.id = OptionalText(doc, "id");
  rule.name = OptionalText(doc, "name");
  rule.status = OptionalText(doc, "status");
  rule.description = OptionalText(doc, "description");
  rule.author = OptionalText(doc, "author");
  rule.license = OptionalText(doc, "license");
  rule.level = Lower(OptionalText(doc, "level"));
  if (!rule.level.empty() && !In(rule.level, core::kAlertLevels)) {
    Refuse(LineOf(doc["level"]), Msg("sigma.level_unknown", {{"level", rule.level}}));
  }
  rule.date = OptionalText(doc, "date");
  rule.modified = OptionalText(doc, "modified");
  rule.tags = TextList(doc, "tags");
  rule.references = TextList(doc, "references");
  rule.falsepositives = TextList(doc, "falsepositives");
  rule.fields = TextList(doc, "fields");
  if (YAML::Node ls = doc["logsource"]; ls && !ls.IsNull()) {
    if (!ls.IsMap()) {
      Refuse(LineOf(ls), Msg("sigma.wrong_type", {{"field", "logsource"}, {"expected", "map"}}));
    }
    rule.logsource = {Lower(OptionalText(ls, "category")), Lower(OptionalText(ls, "product")),
                      Lower(OptionalText(ls, "service"))};
  }
  if (YAML::Node corr = doc["correlation"]; corr) {
    rule.correlation = ReadCorrelation(corr);
    return rule;
  }
  if (!doc["logsource"]) Refuse(rule.line, Msg("sigma.missing", {{"field", "logsource"}}));
  YAML::Node detection = doc["detection"];
  if (!detection) Refuse(rule.line, Msg("sigma.missing", {{"field", "detection"}}));
  ReadDetection(detection, rule);
  return rule;
}

}  // namespace

bool DetectionItem::Has(std::string_view modifier) const {
  return std::find(modifiers.begin(), modifiers.end(), modifier) != modifiers.end();
}

const Selection* Rule::FindSelection(std::string_view n) const {
  for (const Selection& s : selections) {
    if (s.name == n) return &s;
  }
  return nullptr;
}

std::string Rule::Where() const { return file + ":" + std::to_string(line); }

std::string_view CorrelationTypeName(CorrelationType t) {
  switch (t) {
    case CorrelationType::kEventCount:
      return "event_count";
    case CorrelationType::kValueCount:
      return "value_count";
    case CorrelationType::kTemporal:
      return "temporal";
    case CorrelationType::kTemporalOrdered:
      return "temporal_ordered";
    case CorrelationType::kValueSum:
      return "value_sum";
    case CorrelationType::kValueAvg:
      return "value_avg";
  }
  return "";
}

bool Threshold::Holds(double v) const {
  return (!gt || v > *gt) && (!gte || v >= *gte) && (!lt || v < *lt) && (!lte || v <= *lte) &&
         (!eq || v == *eq) && (!neq || v != *neq);
}

bool IsKnownModifier(std::string_view name) { return In(name, kModifiers); }

RuleFile ParseRules(std::string_view text, std::string_view file) {
  RuleFile out;
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& e) {
    out.problems.push_back(
        {std::string(file), e.mark.line + 1, "", Msg("sigma.yaml_error", {{"detail", e.msg}})});
    return out;
  }
  for (const YAML::Node& doc : docs) {
    if (!doc || doc.IsNull()) continue;
    try {
      size_t budget = 100000;
      RefuseDuplicateKeys(doc, 0, budget);
      out.rules.push_back(ReadRule(doc, file));
    } catch (const Refusal& r) {
      std::string title;
      if (doc.IsMap() && doc["title"] && doc["title"].IsScalar()) title = doc["title"].Scalar();
      out.problems.push_back({std::string(file), r.line, std::move(title), r.why});
    } catch (const YAML::Exception& e) {
      out.problems.push_back(
          {std::string(file), e.mark.line + 1, "", Msg("sigma.yaml_error", {{"detail", e.msg}})});
    } catch (const std::exception& e) {  // out of memory on a hostile document
      out.problems.push_back({std::string(file), doc.Mark().line + 1, "",
                              Msg("sigma.yaml_error", {{"detail", e.what()}})});
    }
  }
  return out;
}

}  // namespace sokuo::detect
