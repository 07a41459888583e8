#include "reference.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <set>
#include <utility>

#include <re2/re2.h>

namespace sokuo::detect {
namespace {

// How many bytes the character at value[i] takes: a lead byte and its continuation bytes when
// they are all there, else the single byte (invalid UTF-8 is matched byte by byte).
size_t CharLength(std::string_view value, size_t i) {
  auto lead = static_cast<unsigned char>(value[i]);
  size_t want = 1;
  if (lead >= 0xF0) {
    want = 4;
  } else if (lead >= 0xE0) {
    want = 3;
  } else if (lead >= 0xC0) {
    want = 2;
  }
  if (i + want > value.size()) return 1;
  for (size_t k = 1; k < want; ++k) {
    if ((static_cast<unsigned char>(value[i + k]) & 0xC0) != 0x80) return 1;
  }
  return want;
}

char FoldAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool SameByte(char a, char b, Case c) {
  return c == Case::kExact ? a == b : FoldAscii(a) == FoldAscii(b);
}

// pattern[piece…] against value[at…]. Each '*' tries every character boundary in turn: slow,
// and plainly what the specification says.
bool MatchFrom(const SigmaString& pattern, size_t piece, std::string_view value, size_t at,
               Case c) {
  if (piece == pattern.size()) return at == value.size();
  const Piece& p = pattern[piece];
  if (p.wildcard == '*') {
    // A literal next must start where the star stops: other places need not be tried.
    const Piece* next = piece + 1 < pattern.size() ? &pattern[piece + 1] : nullptr;
    bool literal_next = next != nullptr && next->wildcard == 0 && !next->text.empty();
    for (size_t k = at;; k += CharLength(value, k)) {
      if ((!literal_next || (k < value.size() && SameByte(next->text[0], value[k], c))) &&
          MatchFrom(pattern, piece + 1, value, k, c)) {
        return true;
      }
      if (k == value.size()) return false;
    }
  }
  if (p.wildcard == '?') {
    return at < value.size() && MatchFrom(pattern, piece + 1, value, at + CharLength(value, at), c);
  }
  if (value.size() - at < p.text.size()) return false;
  for (size_t i = 0; i < p.text.size(); ++i) {
    if (!SameByte(p.text[i], value[at + i], c)) return false;
  }
  return MatchFrom(pattern, piece + 1, value, at + p.text.size(), c);
}

bool IsDigitChar(char c) { return c >= '0' && c <= '9'; }

std::optional<int> DigitsAt(std::string_view s, size_t at, size_t n) {
  if (at + n > s.size()) return std::nullopt;
  int v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (!IsDigitChar(s[i])) return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

struct Network {
  std::array<unsigned char, 16> bytes{};
  int family = AF_INET;
  int bits = 32;
};

std::optional<Network> ParseNetworkText(std::string_view text) {
  size_t slash = text.find('/');
  std::string address(text.substr(0, slash));
  if (address.find('\0') != std::string::npos) return std::nullopt;
  Network n;
  if (inet_pton(AF_INET, address.c_str(), n.bytes.data()) == 1) {
    n.family = AF_INET;
    n.bits = 32;
  } else if (inet_pton(AF_INET6, address.c_str(), n.bytes.data()) == 1) {
    n.family = AF_INET6;
    n.bits = 128;
  } else {
    return std::nullopt;
  }
  if (slash == std::string_view::npos) return n;
  std::string_view prefix = text.substr(slash + 1);
  if (prefix.empty() || prefix.size() > 3) return std::nullopt;
  int bits = 0;
  for (char c : prefix) {
    if (!IsDigitChar(c)) return std::nullopt;
    bits = bits * 10 + (c - '0');
  }
  if (bits > n.bits) return std::nullopt;
  n.bits = bits;
  return n;
}

bool Bit(const std::array<unsigned char, 16>& bytes, int i) {
  return (bytes[static_cast<size_t>(i / 8)] >> (7 - i % 8)) & 1;
}

std::string GroupKey(const std::vector<std::string>& names,
                     const std::vector<std::string>& values) {
  std::string key;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) key += ", ";
    key += names[i] + "=" + values[i];
  }
  return key;
}

// Whether `fn` holds for some value of the field `name`: each field of that name in turn (an
// array gives several), or the message for a keyword search (name empty).
template <class Fn>
bool SomeValue(const Event& event, const std::string& name, Fn&& fn) {
  if (name.empty()) return fn(event.message());
  for (const Field& f : event.fields()) {
    if (f.name == name && fn(f.value)) return true;
  }
  return false;
}

// The first value of a field, for group keys and counted values; nullopt when the field is
// missing or null.
std::optional<std::string> FirstValue(const Event& event, const std::string& name) {
  for (const Field& f : event.fields()) {
    if (f.name == name) {
      if (IsNull(f.value)) return std::nullopt;
      return std::string(f.value);
    }
  }
  return std::nullopt;
}

bool Compare(double value, const std::string& how, double bound) {
  if (how == "lt") return value < bound;
  if (how == "lte") return value <= bound;
  if (how == "gt") return value > bound;
  if (how == "gte") return value >= bound;
  return false;
}

bool ThresholdHolds(const Threshold& t, double v) {
  if (t.gt && !(v > *t.gt)) return false;
  if (t.gte && !(v >= *t.gte)) return false;
  if (t.lt && !(v < *t.lt)) return false;
  if (t.lte && !(v <= *t.lte)) return false;
  if (t.eq && !(v == *t.eq)) return false;
  if (t.neq && !(v != *t.neq)) return false;
  return true;
}

// A rule routes to an event of unknown origin, or when each log source part it names is the
// event's (a service may be either of the event's two).
bool Routed(const LogSourceSpec& rule, const Event& e) {
  if (e.category.empty() && e.product.empty() && e.services[0].empty() && e.services[1].empty()) {
    return true;
  }
  if (!rule.category.empty() && rule.category != e.category) return false;
  if (!rule.product.empty() && rule.product != e.product) return false;
  if (!rule.service.empty() && rule.service != e.services[0] && rule.service != e.services[1]) {
    return false;
  }
  return true;
}

}  // namespace

bool WildcardMatch(const SigmaString& pattern, std::string_view value, Case c) {
  return MatchFrom(pattern, 0, value, 0, c);
}

std::optional<double> ReferenceNumber(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  // [+-]? digits [. digits] [e [+-]? digits], with at least one digit before the exponent.
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  size_t mantissa_from = i;
  size_t digits = 0;
  while (i < text.size() && IsDigitChar(text[i])) ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && IsDigitChar(text[i])) ++i, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    size_t exponent_digits = 0;
    while (i < text.size() && IsDigitChar(text[i])) ++i, ++exponent_digits;
    if (exponent_digits == 0) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  double v = 0;
  std::string_view body = text.substr(mantissa_from);
  auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), v);
  if (ec != std::errc() || end != body.data() + body.size()) return std::nullopt;
  return negative ? -v : v;
}

std::optional<int> ReferenceTimePart(std::string_view value, std::string_view part) {
  if (value.size() < 10 || value[4] != '-' || value[7] != '-') return std::nullopt;
  auto y = DigitsAt(value, 0, 4), mo = DigitsAt(value, 5, 2), d = DigitsAt(value, 8, 2);
  if (!y || !mo || !d) return std::nullopt;
  using namespace std::chrono;
  year_month_day date{year(*y), month(static_cast<unsigned>(*mo)), day(static_cast<unsigned>(*d))};
  if (!date.ok()) return std::nullopt;
  if (part == "year") return *y;
  if (part == "month") return *mo;
  if (part == "day") return *d;
  if (part == "week") {
    // ISO 8601: a week belongs to the year its Thursday is in; week 1 holds the first Thursday.
    sys_days at(date);
    auto monday_based = static_cast<int>(weekday(at).iso_encoding());  // 1 Monday … 7 Sunday
    sys_days thursday = at + days(4 - monday_based);
    sys_days first_day(year_month_day(thursday).year() / January / 1);
    return static_cast<int>((thursday - first_day).count() / 7) + 1;
  }
  if (part != "hour" && part != "minute") return std::nullopt;
  if (value.size() < 16 || (value[10] != 'T' && value[10] != ' ') || value[13] != ':') {
    return std::nullopt;
  }
  auto h = DigitsAt(value, 11, 2), mi = DigitsAt(value, 14, 2);
  if (!h || !mi || *h > 23 || *mi > 59) return std::nullopt;
  return part == "hour" ? *h : *mi;
}

std::optional<bool> ReferenceInNetwork(std::string_view network, std::string_view address) {
  std::optional<Network> net = ParseNetworkText(network);
  if (!net) return std::nullopt;
  // A value holding a NUL byte is not an address, whatever text precedes the NUL.
  if (address.find('\0') != std::string_view::npos) return false;
  std::string text(address);
  std::array<unsigned char, 16> bytes{};
  if (inet_pton(net->family, text.c_str(), bytes.data()) != 1) return false;
  for (int i = 0; i < net->bits; ++i) {
    if (Bit(bytes, i) != Bit(net->bytes, i)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------

struct ReferenceEvaluator::PreparedRule {
  struct Item {
    PreparedItem prepared;
    std::string field;              // as the decoders name it; empty = the message
    std::vector<std::string> refs;  // fieldref: the other fields, as the decoders name them
    std::vector<std::unique_ptr<RE2>> regexes;
  };
  // selections[s][alternative][item], parallel to Rule::selections.
  std::vector<std::vector<std::vector<Item>>> selections;
};

struct ReferenceEvaluator::Hit {
  std::int64_t time = 0;
  size_t input = 0;
  std::uint64_t sequence = 0;
  std::vector<std::uint64_t> events;
  std::vector<std::string> value;  // the value fields' values; none when one is missing
  std::optional<double> number;    // the first of them, when it is a number
};

struct ReferenceEvaluator::History {
  std::vector<Hit> hits;
  size_t fired = 0;  // hits before this index were used up by a firing
};

// A match handed to a correlation: a base rule's, or a correlation's that fired.
struct ReferenceEvaluator::Pending {
  size_t correlation = 0;
  size_t input = 0;
  std::int64_t time = 0;
  std::uint64_t sequence = 0;
  std::vector<std::uint64_t> events;
  std::vector<std::string> group;  // per group-by name of the correlation
  std::vector<std::string> value;  // as Hit::value
};

ReferenceEvaluator::ReferenceEvaluator(const std::vector<Rule>& rules,
                                       const Placeholders& placeholders)
    : rules_(rules),
      prepared_(rules.size()),
      reports_(rules.size(), true),
      inputs_(rules.size()),
      history_(rules.size()),
      seen_(rules.size()) {
  for (size_t r = 0; r < rules.size(); ++r) {
    const Rule& rule = rules[r];
    if (rule.correlation) {
      for (const std::string& ref : rule.correlation->rules) {
        // The first rule of that id or name: the one the engine resolved, as it lists a rule
        // only after those it names.
        size_t found = rules.size();
        for (size_t i = 0; i < r && found == rules.size(); ++i) {
          if (rules[i].id == ref || (!rules[i].name.empty() && rules[i].name == ref)) found = i;
        }
        if (found == rules.size()) {
          problems_.push_back(rule.Where() + ": unresolved rule " + ref);
          continue;
        }
        inputs_[r].push_back(found);
      }
      continue;
    }
    for (const Selection& sel : rule.selections) {
      auto& alternatives = prepared_[r].selections.emplace_back();
      for (const auto& alternative : sel.alternatives) {
        auto& items = alternatives.emplace_back();
        for (const DetectionItem& di : alternative) {
          PreparedRule::Item item;
          auto prepared = Prepare(di, placeholders);
          if (!prepared) {
            problems_.push_back(rule.Where() + ": item at line " + std::to_string(di.line) +
                                " does not prepare");
            prepared = PreparedItem{};
          }
          item.prepared = std::move(*prepared);
          if (!di.field.empty()) item.field = std::string(CanonicalField(rule.logsource, di.field));
          if (item.prepared.kind == ItemKind::kFieldRef) {
            for (const std::string& t : item.prepared.texts) {
              item.refs.emplace_back(CanonicalField(rule.logsource, t));
            }
          }
          if (item.prepared.kind == ItemKind::kCidr) {
            for (const std::string& t : item.prepared.texts) {
              if (!ReferenceInNetwork(t, "")) problems_.push_back(rule.Where() + ": network " + t);
            }
          }
          if (item.prepared.kind == ItemKind::kRegex) {
            for (const std::string& t : item.prepared.texts) {
              RE2::Options o;
              o.set_log_errors(false);
              o.set_case_sensitive(!item.prepared.regex_ignore_case);
              o.set_dot_nl(item.prepared.regex_dotall);
              auto re = std::make_unique<RE2>(item.prepared.regex_multiline ? "(?m)" + t : t, o);
              if (!re->ok()) problems_.push_back(rule.Where() + ": regex " + t);
              item.regexes.push_back(std::move(re));
            }
          }
          items.push_back(std::move(item));
        }
      }
    }
  }
  // A correlation's inputs are not reported on their own, unless a correlation taking them
  // says `generate: true`.
  std::vector<bool> consumed(rules.size(), false), generated(rules.size(), false);
  for (size_t r = 0; r < rules.size(); ++r) {
    for (size_t input : inputs_[r]) {
      consumed[input] = true;
      if (rules[r].correlation->generate) generated[input] = true;
    }
  }
  for (size_t r = 0; r < rules.size(); ++r) reports_[r] = !consumed[r] || generated[r];
  consumers_.resize(rules.size());
  for (size_t k = 0; k < rules.size(); ++k) {
    for (size_t input = 0; input < inputs_[k].size(); ++input) {
      consumers_[inputs_[k][input]].emplace_back(k, input);
    }
  }
}

ReferenceEvaluator::~ReferenceEvaluator() = default;

bool ReferenceEvaluator::SelectionMatches(size_t rule, size_t selection, const Event& event) const {
  for (const auto& alternative : prepared_[rule].selections[selection]) {
    bool all_items = true;
    for (const PreparedRule::Item& item : alternative) {
      const PreparedItem& p = item.prepared;
      Case fold = p.cased ? Case::kExact : Case::kFold;
      bool result = false;
      if (p.kind == ItemKind::kNull) {
        // null: the field is missing, or one of its values is null.
        bool present = SomeValue(event, item.field, [](std::string_view) { return true; });
        result = !present || SomeValue(event, item.field, IsNull);
      } else if (p.kind == ItemKind::kExists) {
        result = SomeValue(event, item.field, [](std::string_view) { return true; }) == p.exists;
      } else {
        // Whether the i-th rule value matches one of the field's values (a null matches none).
        auto value_matches = [&](size_t i) {
          return SomeValue(event, item.field, [&](std::string_view v) {
            if (IsNull(v)) return false;
            switch (p.kind) {
              case ItemKind::kString:
                return std::any_of(
                    p.strings[i].begin(), p.strings[i].end(),
                    [&](const SigmaString& variant) { return WildcardMatch(variant, v, fold); });
              case ItemKind::kRegex:
                return RE2::PartialMatch(v, *item.regexes[i]);
              case ItemKind::kCidr:
                return ReferenceInNetwork(p.texts[i], v).value_or(false);
              case ItemKind::kNumber: {
                std::optional<double> n = ReferenceNumber(v);
                return n && Compare(*n, p.comparison, p.numbers[i]);
              }
              case ItemKind::kTimePart: {
                std::optional<int> part = ReferenceTimePart(v, p.comparison);
                return part && *part == p.numbers[i];
              }
              case ItemKind::kFieldRef:
                return SomeValue(event, item.refs[i], [&](std::string_view other) {
                  if (IsNull(other)) return false;
                  // The other value taken literally, with '*' where startswith/endswith/contains
                  // leave room.
                  SigmaString pattern;
                  if (p.ref_ends) pattern.push_back({"", '*'});
                  pattern.push_back({std::string(other), 0});
                  if (p.ref_starts) pattern.push_back({"", '*'});
                  return WildcardMatch(pattern, v, fold);
                });
              default:
                return false;
            }
          });
        };
        size_t count = p.kind == ItemKind::kString ? p.strings.size()
                       : p.kind == ItemKind::kNumber || p.kind == ItemKind::kTimePart
                           ? p.numbers.size()
                           : p.texts.size();
        // The rule's values are OR-ed, or AND-ed with `all`.
        size_t matched = 0;
        for (size_t i = 0; i < count; ++i) matched += value_matches(i) ? 1 : 0;
        result = p.all ? matched == count : matched > 0;
      }
      if (p.negate) result = !result;
      if (!result) {
        all_items = false;
        break;
      }
    }
    if (all_items) return true;
  }
  return false;
}

bool ReferenceEvaluator::ConditionHolds(size_t rule, const Condition& c, const Event& event) const {
  switch (c.op) {
    case Condition::Op::kRef:
      for (size_t s = 0; s < rules_[rule].selections.size(); ++s) {
        if (rules_[rule].selections[s].name == c.ref) return SelectionMatches(rule, s, event);
      }
      return false;
    case Condition::Op::kAnd:
      return std::all_of(c.operands.begin(), c.operands.end(),
                         [&](const Condition& o) { return ConditionHolds(rule, o, event); });
    case Condition::Op::kOr:
      return std::any_of(c.operands.begin(), c.operands.end(),
                         [&](const Condition& o) { return ConditionHolds(rule, o, event); });
    case Condition::Op::kNot:
      return !ConditionHolds(rule, c.operands[0], event);
  }
  return false;
}

bool ReferenceEvaluator::RuleMatches(size_t rule, const Event& event) const {
  const Rule& r = rules_[rule];
  if (r.correlation || !Routed(r.logsource, event)) return false;
  for (const Condition& c : r.conditions) {
    if (ConditionHolds(rule, c, event)) return true;
  }
  return false;
}

void ReferenceEvaluator::Match(const Event& event, std::uint64_t sequence,
                               std::vector<Detection>& out) {
  // An event without a time happened when the one before it did.
  std::int64_t now = event.time ? event.time->time_since_epoch().count() : last_time_;
  last_time_ = now;

  // Correlations take their inputs first in the order of the rules matched, then those of
  // correlations that fire, in the order they fire.
  std::vector<Pending> queue;
  for (size_t r = 0; r < rules_.size(); ++r) {
    if (!RuleMatches(r, event)) continue;
    const Rule& rule = rules_[r];
    std::string group;
    if (std::find(rule.tags.begin(), rule.tags.end(), kFirstSeenTag) != rule.tags.end()) {
      std::vector<std::string> values;
      for (const std::string& f : rule.fields) {
        values.push_back(
            FirstValue(event, std::string(CanonicalField(rule.logsource, f))).value_or(""));
      }
      group = GroupKey(rule.fields, values);
      if (!seen_[r].insert(group).second) continue;  // seen: no match
    }
    if (reports_[r]) out.push_back(Detection{r, event.time, sequence, group, {}, 0});
    for (auto [k, input] : consumers_[r]) {
      const Correlation& spec = *rules_[k].correlation;
      // The field a group-by name or a value field stands for in this input rule.
      auto field_for = [&](const std::string& name) {
        std::string field = name;
        auto alias = spec.aliases.find(name);
        if (alias != spec.aliases.end()) {
          for (const auto& [ref, f] : alias->second) {
            if (ref == rules_[r].id || (!rules_[r].name.empty() && ref == rules_[r].name)) {
              field = f;
            }
          }
        }
        return std::string(CanonicalField(rules_[r].logsource, field));
      };
      Pending p{k, input, now, sequence, {sequence}, {}, {}};
      for (const std::string& g : spec.group_by) {
        p.group.push_back(FirstValue(event, field_for(g)).value_or(""));
      }
      // value_count counts distinct tuples of all its fields (CORR: several fields are "linked
      // by an AND"); value_sum and value_avg add up the first. A missing part, or an empty one,
      // leaves the event without a value.
      size_t parts = spec.type == CorrelationType::kValueCount
                         ? spec.fields.size()
                         : std::min<size_t>(spec.fields.size(), 1);
      for (size_t f = 0; f < parts; ++f) {
        std::optional<std::string> v = FirstValue(event, field_for(spec.fields[f]));
        if (!v || v->empty()) {
          p.value.clear();
          break;
        }
        p.value.push_back(std::move(*v));
      }
      queue.push_back(std::move(p));
    }
  }
  for (size_t next = 0; next < queue.size(); ++next) {
    Correlate(queue[next], event, queue, out);
  }
}

void ReferenceEvaluator::Correlate(Pending p, const Event& event, std::vector<Pending>& queue,
                                   std::vector<Detection>& out) {
  const Rule& rule = rules_[p.correlation];
  const Correlation& spec = *rule.correlation;
  std::string key = GroupKey(spec.group_by, p.group);
  History& history = history_[p.correlation][key];
  Hit hit{p.time, p.input, p.sequence, p.events, p.value, std::nullopt};
  if (!p.value.empty()) hit.number = ReferenceNumber(p.value[0]);
  history.hits.push_back(std::move(hit));

  // The window, recomputed from the whole history: the group's matches since it last fired
  // whose time is within the timespan before this one.
  std::int64_t t = p.time;
  std::vector<const Hit*> window;
  for (size_t i = history.fired; i < history.hits.size(); ++i) {
    const Hit& h = history.hits[i];
    if (h.time >= t - spec.timespan_seconds && h.time <= t) window.push_back(&h);
  }

  double measure = 0;
  switch (spec.type) {
    case CorrelationType::kEventCount:
      measure = static_cast<double>(window.size());
      break;
    case CorrelationType::kValueCount: {
      std::set<std::vector<std::string>> distinct;
      for (const Hit* h : window) {
        if (!h->value.empty()) distinct.insert(h->value);
      }
      measure = static_cast<double>(distinct.size());
      break;
    }
    case CorrelationType::kValueSum:
    case CorrelationType::kValueAvg: {
      // The numbers among the values: an event without one adds nothing and is not averaged
      // (as SQL's SUM and AVG skip NULL); with no number at all there is no average.
      double sum = 0;
      size_t numbers = 0;
      for (const Hit* h : window) {
        if (h->number) {
          sum += *h->number;
          ++numbers;
        }
      }
      measure = sum;
      if (spec.type == CorrelationType::kValueAvg) {
        if (numbers == 0) return;
        measure = sum / static_cast<double>(numbers);
      }
      break;
    }
    case CorrelationType::kTemporal: {
      std::set<size_t> inputs;
      for (const Hit* h : window) inputs.insert(h->input);
      measure = static_cast<double>(inputs.size());
      break;
    }
    case CorrelationType::kTemporalOrdered: {
      // The longest prefix of `rules` that occurs, in order, as a subsequence of the window.
      size_t found = 0;
      for (const Hit* h : window) {
        if (found < inputs_[p.correlation].size() && h->input == found) ++found;
      }
      measure = static_cast<double>(found);
      break;
    }
  }
  if (!ThresholdHolds(spec.threshold, measure)) return;

  Detection d{p.correlation, std::nullopt, p.sequence, key, {}, measure};
  if (t != 0 || event.time) d.time = Timestamp(std::chrono::seconds(t));
  for (const Hit* h : window) d.events.insert(d.events.end(), h->events.begin(), h->events.end());
  std::sort(d.events.begin(), d.events.end());
  d.events.erase(std::unique(d.events.begin(), d.events.end()), d.events.end());
  history.fired = history.hits.size();
  // A correlation taking this one sees the firing as a match, with the group-by values of the
  // names the two share.
  for (auto [k, input] : consumers_[p.correlation]) {
    Pending next{k, input, t, p.sequence, d.events, {}, {}};
    for (const std::string& name : rules_[k].correlation->group_by) {
      std::string v;
      for (size_t g = 0; g < spec.group_by.size(); ++g) {
        if (spec.group_by[g] == name) v = p.group[g];
      }
      next.group.push_back(v);
    }
    queue.push_back(std::move(next));
  }
  if (reports_[p.correlation]) out.push_back(std::move(d));
}

}  // namespace sokuo::detect
