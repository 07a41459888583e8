// The matching half of the engine (engine.h): a Matcher runs the rule set engine_compile.cpp
// compiled (engine_internal.h) over a stream of events: routing by log source, the literal
// prefilter, the conditions, and the correlation windows.
#include "detect/engine.h"

#include <algorithm>
#include <deque>
#include <set>
#include <unordered_map>
#include <unordered_set>

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

}  // namespace

// What a Matcher::State holds per correlation. Not in the anonymous namespace: State is a member
// of Matcher, and its fields' types need linkage too when this file is compiled in a unity batch
// (-Wsubobject-linkage).
namespace matcher_state {

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

}  // namespace matcher_state

using matcher_state::Derived;
using matcher_state::Entry;
using matcher_state::Group;
using matcher_state::kMaxEntries;

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
  // Per first-seen rule: the combinations it reported, and in which order (the oldest are
  // forgotten past max_groups).
  std::vector<std::unordered_set<std::string>> seen;
  std::vector<std::deque<std::string>> seen_order;
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

void Matcher::Forget(size_t rule, std::string_view group) {
  State& s = *state_;
  if (rule >= s.seen.size() || s.seen[rule].erase(std::string(group)) == 0) return;
  std::deque<std::string>& order = s.seen_order[rule];
  order.erase(std::find(order.begin(), order.end(), group));
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

std::string FieldValueOf(const Event& event, const std::string& field) {
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
    std::string first_seen;
    if (!rule.first_seen_fields.empty()) {
      // A combination seen before is no match.
      std::vector<std::pair<std::string, std::string>> values;
      for (size_t i = 0; i < rule.first_seen_fields.size(); ++i) {
        values.emplace_back(rule.first_seen_names[i],
                            FieldValueOf(event, rule.first_seen_fields[i]));
      }
      first_seen = GroupKey(rule.first_seen_names, values);
      if (s.seen.empty()) {
        s.seen.resize(rules.size());
        s.seen_order.resize(rules.size());
      }
      if (!s.seen[r].insert(first_seen).second) continue;
      s.seen_order[r].push_back(first_seen);
      if (s.seen_order[r].size() > rules_->max_groups_) {
        s.seen[r].erase(s.seen_order[r].front());
        s.seen_order[r].pop_front();
        ++s.stats.groups_dropped;
      }
    }
    if (c.reports[r]) out.push_back(Detection{r, event.time, sequence, first_seen, {}, 0});
    if (c.consumers[r].empty()) continue;
    // Feed the correlations that take this rule's matches.
    for (size_t corr : c.consumers[r]) {
      const CorrelationRule& cr = *c.correlation[corr];
      for (size_t input = 0; input < cr.inputs.size(); ++input) {
        if (cr.inputs[input] != r) continue;
        Derived d{corr, input, now, sequence, {}, {}, {}};  // events: just `sequence`
        for (size_t g = 0; g < cr.spec.group_by.size(); ++g) {
          d.fields.emplace_back(cr.spec.group_by[g],
                                FieldValueOf(event, cr.group_fields[input][g]));
        }
        // value_count counts distinct tuples of its fields (CORR: several are "linked by an
        // AND"), each part length-prefixed so that no two tuples read alike; a tuple with a
        // part missing is no value (""). value_sum and value_avg take the first field.
        const std::vector<std::string>& vf = cr.value_fields[input];
        if (cr.spec.type != CorrelationType::kValueCount || vf.size() == 1) {
          if (!vf.empty()) d.value = FieldValueOf(event, vf[0]);
        } else {
          for (const std::string& f : vf) {
            std::string v = FieldValueOf(event, f);
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
    // An event without the field (FieldValueOf gives "") has no value to count, as COUNT(DISTINCT)
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
