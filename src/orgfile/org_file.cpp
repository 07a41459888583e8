#include "orgfile/org_file.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <utility>

#include <yaml-cpp/yaml.h>

#include "base/text.h"
#include "base/time.h"
#include "core/org_fields.h"
#include "core/org_rules.h"

namespace sokuo::orgfile {
namespace {

using core::Organization;

struct Position {
  int line = 0;  // 1-based
  int column = 0;
};

// Reads the YAML tree into the organization, remembering where each value stood so that
// problems found later (by core::Validate) can point back into the file.
class Decoder {
 public:
  using FieldFn = std::function<void(const YAML::Node&, const std::string& path)>;
  struct Field {
    std::string_view key;
    FieldFn read;
    bool required = false;
  };

  explicit Decoder(std::string file_name) : file_(std::move(file_name)) {}

  void Problem(const YAML::Mark& mark, Message msg) {
    Problem(Position{mark.line + 1, mark.column + 1}, std::move(msg));
  }
  void Problem(Position pos, Message msg) {
    problems_.push_back({pos, MakeDetail("", std::move(msg))});
  }
  // A problem found elsewhere (core rules), as it is: its code, or its legacy text.
  void Problem(Position pos, const Detail& d) {
    problems_.push_back({pos, Detail{"", d.message, d.msg}});
  }

  void Remember(const std::string& path, const YAML::Mark& mark) {
    positions_.emplace(path, Position{mark.line + 1, mark.column + 1});
  }

  std::optional<Position> Find(const std::string& path) const {
    auto it = positions_.find(path);
    if (it == positions_.end()) return std::nullopt;
    return it->second;
  }

  // The position of the deepest remembered node on `path`.
  Position Locate(std::string path) const {
    while (true) {
      if (auto it = positions_.find(path); it != positions_.end()) return it->second;
      auto slash = path.rfind('/');
      if (slash == std::string::npos || path.empty()) return Position{1, 1};
      path.resize(slash);
    }
  }

  // Guards against alias bombs: the schema bounds recursion, this bounds breadth.
  bool Budget() {
    if (++visited_ < kMaxNodes) return true;
    if (!exhausted_) {
      Problem(Position{1, 1}, Msg("orgfile.too_many_nodes", {{"max", std::to_string(kMaxNodes)}}));
    }
    exhausted_ = true;
    return false;
  }

  bool Mapping(const YAML::Node& node, const std::string& path, const std::vector<Field>& fields) {
    if (!Budget()) return false;
    Remember(path, node.Mark());
    if (node.IsNull()) return false;
    if (!node.IsMap()) {
      Problem(node.Mark(), WrongType("mapping", node));
      return false;
    }
    std::vector<std::string> known;
    known.reserve(fields.size());
    for (const Field& f : fields) known.emplace_back(f.key);
    std::set<std::string> present;
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (it->first.IsScalar()) present.insert(it->first.Scalar());
    }
    std::map<std::string, bool> seen;
    bool unmapped = false;  // a key that names nothing, not even by a likely typo
    for (auto it = node.begin(); it != node.end(); ++it) {
      // The iterator yields a temporary pair: copy the (cheap, shared) node handles.
      YAML::Node key = it->first;
      YAML::Node value = it->second;
      if (!key.IsScalar()) {
        Problem(key.Mark(), Msg("orgfile.key_not_text"));
        continue;
      }
      std::string name = key.Scalar();
      auto field =
          std::find_if(fields.begin(), fields.end(), [&](const Field& f) { return name == f.key; });
      if (field == fields.end()) {
        std::optional<std::string> suggestion = Suggest(name, known);
        Problem(key.Mark(), Msg("orgfile.unknown_key",
                                {{"key", name}, {"suggestion", suggestion.value_or("")}}));
        // A misspelt key is read as the key it was meant to be, so that its absence causes no
        // second problem (a missing required key, a rule about its value); what the value itself
        // would cause is left for when the key is right. A key that names nothing leaves the
        // rules unchecked for its whole object: they could only repeat its absence.
        if (!suggestion || present.count(*suggestion) != 0 || seen.count(*suggestion) != 0) {
          unchecked_.insert(path);
          unmapped = true;
          continue;
        }
        name = *suggestion;
        field = std::find_if(fields.begin(), fields.end(),
                             [&](const Field& f) { return name == f.key; });
        std::string child = path + "/" + name;
        seen[name] = true;
        unchecked_.insert(child);
        Remember(child, value.Mark());
        size_t before = problems_.size();
        bool exhausted = exhausted_;
        field->read(value, child);
        // Its value is wrong too, and stays the default: the rules, here and wherever the
        // object is named, would be about that default.
        if (problems_.size() > before && exhausted_ == exhausted) {
          problems_.resize(before);
          unchecked_.insert("");
        }
        continue;
      }
      if (seen.count(name) != 0) {
        Problem(key.Mark(), Msg("orgfile.key_twice", {{"key", name}}));
        continue;
      }
      seen[name] = true;
      std::string child = path + "/" + name;
      Remember(child, value.Mark());
      field->read(value, child);
    }
    for (const Field& f : fields) {
      if (f.required && seen.count(std::string(f.key)) == 0) {
        Problem(node.Mark(), Msg("orgfile.missing_key", {{"key", std::string(f.key)}}));
        // The unknown key is likely the missing one under another name (its id, say): what
        // names this object elsewhere would fail too.
        if (unmapped) unchecked_.insert("");
      }
    }
    return true;
  }

  template <class T>
  void List(const YAML::Node& node, const std::string& path, std::vector<T>& out,
            const std::function<void(const YAML::Node&, const std::string&, T&)>& read) {
    if (node.IsNull()) return;
    if (!node.IsSequence()) {
      Problem(node.Mark(), WrongType("list", node));
      return;
    }
    for (size_t i = 0; i < node.size(); ++i) {
      if (!Budget()) return;
      std::string child = path + "/" + std::to_string(i);
      Remember(child, node[i].Mark());
      read(node[i], child, out.emplace_back());
    }
  }

  void String(const YAML::Node& node, std::string& out) {
    if (node.IsNull()) return;
    if (!node.IsScalar()) {
      Problem(node.Mark(), WrongType("text", node));
      return;
    }
    out = node.Scalar();
  }

  void Strings(const YAML::Node& node, const std::string& path, std::vector<std::string>& out) {
    List<std::string>(
        node, path, out,
        [this](const YAML::Node& n, const std::string&, std::string& s) { String(n, s); });
  }

  void Bool(const YAML::Node& node, bool& out) {
    if (node.IsNull()) return;
    if (node.IsScalar()) {
      const std::string& s = node.Scalar();
      if (s == "true" || s == "yes") {
        out = true;
        return;
      }
      if (s == "false" || s == "no") {
        out = false;
        return;
      }
    }
    Problem(node.Mark(), WrongType("bool", node));
  }

  void Int(const YAML::Node& node, std::optional<int>& out) {
    if (node.IsNull()) return;
    if (node.IsScalar()) {
      const std::string& s = node.Scalar();
      bool digits = !s.empty() && s.size() <= 9 &&
                    std::all_of(s.begin() + (s[0] == '-' ? 1 : 0), s.end(),
                                [](char c) { return c >= '0' && c <= '9'; }) &&
                    s != "-";
      if (digits) {
        out = std::stoi(s);
        return;
      }
    }
    Problem(node.Mark(), WrongType("integer", node));
  }

  template <class E, size_t N>
  void Enum(const YAML::Node& node, const core::EnumNames<E, N>& names, std::string_view what,
            E& out) {
    std::string text;
    String(node, text);
    if (auto e = names.Parse(text)) {
      out = *e;
      return;
    }
    // The noun is a term code suffix: "department kind" → term.department_kind.
    std::string term(what);
    std::replace(term.begin(), term.end(), ' ', '_');
    if (auto suggestion = Suggest(text, names.All())) {
      Problem(node.Mark(), Msg("orgfile.unknown_value",
                               {{"what", term}, {"value", text}, {"suggestion", *suggestion}}));
    } else {
      Problem(node.Mark(), Msg("orgfile.unknown_value_of",
                               {{"what", term}, {"value", text}, {"allowed", names.Joined()}}));
    }
  }

  // Turns each problem found by the rules into a positioned one. A rule problem at a place that
  // already has a problem (a missing key, a value of the wrong type) says nothing new.
  void AddRuleProblems(const std::vector<Detail>& details) {
    std::set<std::pair<int, int>> taken;
    for (const auto& [pos, problem] : problems_) taken.emplace(pos.line, pos.column);
    for (const Detail& d : details) {
      if (Unchecked(d.where)) continue;
      Position pos = Locate(d.where);
      if (taken.count({pos.line, pos.column}) == 0) Problem(pos, d);
    }
  }

  Error Finish() {
    std::stable_sort(problems_.begin(), problems_.end(), [](const auto& a, const auto& b) {
      return std::pair(a.first.line, a.first.column) < std::pair(b.first.line, b.first.column);
    });
    Message msg = problems_.size() == 1
                      ? Msg("orgfile.one_problem")
                      : Msg("orgfile.problems", {{"count", std::to_string(problems_.size())}});
    Error error{ErrorCode::kInvalidInput, Render(msg, Lang::kEn), file_, {}, std::move(msg)};
    for (auto& [pos, problem] : problems_) {
      problem.where = file_ + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
      error.details.push_back(problem);
    }
    return error;
  }

  bool ok() const { return problems_.empty(); }

  // Whether `path` is at or under an object whose keys were wrong (see Mapping).
  bool Unchecked(const std::string& path) const {
    for (const std::string& u : unchecked_) {
      if (path.compare(0, u.size(), u) == 0 && (path.size() == u.size() || path[u.size()] == '/')) {
        return true;
      }
    }
    return false;
  }

 private:
  static constexpr size_t kMaxNodes = 1000000;

  // "expected <expected>, got <what the node is>": `expected` is a yaml_expected code suffix.
  static Message WrongType(const char* expected, const YAML::Node& node) {
    const char* got = nullptr;  // a yaml_node code suffix
    switch (node.Type()) {
      case YAML::NodeType::Sequence:
        got = "list";
        break;
      case YAML::NodeType::Map:
        got = "mapping";
        break;
      case YAML::NodeType::Null:
        got = "nothing";
        break;
      default:
        return Msg("orgfile.wrong_value",
                   {{"expected", expected}, {"value", node.Scalar().substr(0, 40)}});
    }
    return Msg("orgfile.wrong_type", {{"expected", expected}, {"got", got}});
  }

  std::string file_;
  std::vector<std::pair<Position, Detail>> problems_;  // `where` is set by Finish
  std::map<std::string, Position> positions_;
  std::set<std::string> unchecked_;  // JSON pointers; "" is the whole file
  size_t visited_ = 0;
  bool exhausted_ = false;
};

using Node = YAML::Node;
using Path = std::string;

template <class T>
bool ReadObject(Decoder& d, const Node& n, const Path& p, T& out);

// Reads one value of a described field; what to expect follows from the member's type.
template <class M>
void ReadValue(Decoder& d, const Node& v, const Path& q, M& out) {
  if constexpr (std::is_same_v<M, std::string>) {
    d.String(v, out);
  } else if constexpr (std::is_same_v<M, bool>) {
    d.Bool(v, out);
  } else if constexpr (std::is_same_v<M, std::optional<int>>) {
    d.Int(v, out);
  } else if constexpr (std::is_same_v<M, std::vector<std::string>>) {
    d.Strings(v, q, out);
  } else if constexpr (core::HasEnumTraits<M>::value) {
    d.Enum(v, core::EnumTraits<M>::kNames, core::EnumTraits<M>::kNoun, out);
  } else if constexpr (core::IsVector<M>::value) {
    using U = typename M::value_type;
    d.List<U>(v, q, out, [&d](const Node& e, const Path& ep, U& x) { ReadObject(d, e, ep, x); });
  } else if constexpr (core::IsOptional<M>::value) {
    // A present mapping, even an empty one, sets the optional object.
    typename M::value_type value;
    if (ReadObject(d, v, q, value)) out = std::move(value);
  } else {
    static_assert(core::IsDescribed<M>::value, "describe the type in core/org_fields.h");
    ReadObject(d, v, q, out);
  }
}

// Reads a mapping with the keys of T's description.
template <class T>
bool ReadObject(Decoder& d, const Node& n, const Path& p, T& out) {
  std::vector<Decoder::Field> fields;
  core::ForEachField<T>([&](const auto& field) {
    auto* member = &field.Get(out);
    fields.push_back({field.name,
                      [&d, member](const Node& v, const Path& q) { ReadValue(d, v, q, *member); },
                      field.need == core::Need::kRequired});
  });
  return d.Mapping(n, p, fields);
}

template <class T>
Decoder::FieldFn ListOf(Decoder& d, std::vector<T>& out) {
  return [&d, &out](const Node& v, const Path& q) { ReadValue(d, v, q, out); };
}

// The line of `text` that holds byte `pos`, and where it starts.
std::pair<std::string_view, size_t> LineAt(std::string_view text, size_t pos) {
  pos = std::min(pos, text.size());
  size_t start = pos == 0 ? std::string_view::npos : text.rfind('\n', pos - 1);
  start = start == std::string_view::npos ? 0 : start + 1;
  size_t end = text.find('\n', start);
  return {text.substr(start, end == std::string_view::npos ? end : end - start), start};
}

// Where the '{' or '[' that is still open at byte `pos` was opened. Skips quoted text and
// comments; good enough to point a person at the bracket they forgot to close.
std::optional<Position> OpenBracket(std::string_view text, size_t pos, char open) {
  std::vector<std::pair<char, Position>> stack;
  Position here{1, 1};
  char quote = 0;
  bool comment = false;
  for (size_t i = 0; i < std::min(pos, text.size()); ++i) {
    char c = text[i];
    if (c == '\n') {
      comment = false;
      ++here.line;
      here.column = 1;
      continue;
    }
    if (comment) {
    } else if (quote != 0) {
      if (c == '\\' && quote == '"' && i + 1 < text.size() && text[i + 1] != '\n') {
        ++i;  // an escape: \" inside double quotes does not close them
        ++here.column;
      } else if (c == quote) {
        quote = 0;
      }
    } else if ((c == '"' || c == '\'') &&
               (i == 0 ||
                std::string_view(" \t[{,\n").find(text[i - 1]) != std::string_view::npos)) {
      quote = c;
    } else if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t')) {
      comment = true;
    } else if (c == '{' || c == '[') {
      stack.push_back({c, here});
    } else if ((c == '}' || c == ']') && !stack.empty()) {
      stack.pop_back();
    }
    // Columns count characters, as yaml-cpp's do: UTF-8 continuation bytes add none.
    if ((static_cast<unsigned char>(c) & 0xc0) != 0x80) ++here.column;
  }
  for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
    if (it->first == open) return it->second;
  }
  return std::nullopt;
}

// yaml-cpp's explanation of a syntax error, in words a person who writes the file understands:
// what was expected at the position, and where the thing left open began.
std::pair<Position, Message> SyntaxProblem(std::string_view text, const YAML::Exception& e) {
  Position pos{e.mark.line + 1, e.mark.column + 1};
  if (e.mark.is_null()) return {Position{1, 1}, Msg("orgfile.yaml_syntax_unknown")};
  size_t at = static_cast<size_t>(std::max(e.mark.pos, 0));
  // A tab in the indentation confuses yaml-cpp into any of several messages: say it first.
  auto [line, line_start] = LineAt(text, at);
  for (std::string_view l : {line, LineAt(text, line_start == 0 ? 0 : line_start - 1).first}) {
    size_t indent = l.find_first_not_of(" \t");
    if (l.substr(0, indent).find('\t') != std::string_view::npos) {
      int n = pos.line - (l.data() == line.data() ? 0 : 1);
      return {Position{n, static_cast<int>(l.find('\t')) + 1}, Msg("orgfile.yaml_tab")};
    }
  }
  // The character yaml-cpp stopped at, whole (a UTF-8 sequence is not cut).
  std::string near;
  for (size_t i = at;
       i < text.size() && (i == at || (static_cast<unsigned char>(text[i]) & 0xc0) == 0x80); ++i) {
    near.push_back(text[i]);
  }
  const std::string& m = e.msg;
  auto unclosed = [&](char open, char close) -> std::pair<Position, Message> {
    MessageParams params{{"open", std::string(1, open)}, {"close", std::string(1, close)}};
    auto o = OpenBracket(text, at, open);
    if (!o) return {pos, Msg("orgfile.yaml_unclosed_before", std::move(params))};
    params.emplace_back("line", std::to_string(o->line));
    params.emplace_back("column", std::to_string(o->column));
    return {pos, Msg("orgfile.yaml_unclosed", std::move(params))};
  };
  if (m == YAML::ErrorMsg::END_OF_MAP_FLOW) return unclosed('{', '}');
  if (m == YAML::ErrorMsg::END_OF_SEQ_FLOW) return unclosed('[', ']');
  if (m == YAML::ErrorMsg::END_OF_MAP || m == YAML::ErrorMsg::END_OF_SEQ) {
    return {pos, Msg("orgfile.yaml_indentation")};
  }
  if (m == YAML::ErrorMsg::MAP_VALUE) return {pos, Msg("orgfile.yaml_colon")};
  if (m == YAML::ErrorMsg::BLOCK_ENTRY) return {pos, Msg("orgfile.yaml_list_item")};
  if (m == YAML::ErrorMsg::FLOW_END) return {pos, Msg("orgfile.yaml_close", {{"char", near}})};
  if (m == YAML::ErrorMsg::UNKNOWN_TOKEN) {
    return {pos, Msg("orgfile.yaml_reserved", {{"char", near}})};
  }
  if (m.rfind(YAML::ErrorMsg::INVALID_ESCAPE, 0) == 0) {
    return {pos,
            Msg("orgfile.yaml_escape",
                {{"escape", m.substr(std::string_view(YAML::ErrorMsg::INVALID_ESCAPE).size())}})};
  }
  if (m == YAML::ErrorMsg::UNKNOWN_ANCHOR || m == YAML::ErrorMsg::ALIAS_NOT_FOUND ||
      m == YAML::ErrorMsg::ANCHOR_NOT_FOUND) {
    return {pos, Msg("orgfile.yaml_alias")};
  }
  if (m == YAML::ErrorMsg::EOF_IN_SCALAR) return {pos, Msg("orgfile.yaml_unclosed_quote")};
  // The rest are rare (directives, tags): yaml-cpp's English text, as it is.
  if (m.empty()) return {pos, Msg("orgfile.yaml_syntax_unknown")};
  return {pos, Msg("orgfile.yaml_syntax", {{"detail", m}})};
}

}  // namespace

Result<Organization> Parse(std::string_view text, std::string_view file_name) {
  std::string file(file_name);
  if (text.size() > kMaxFileBytes) {
    return Fail(
        ErrorCode::kInvalidInput,
        Msg("orgfile.too_large", {{"max", std::to_string(kMaxFileBytes / (size_t{1024} * 1024))}}),
        file);
  }
  Decoder d(file);
  if (auto bad = FirstInvalidUtf8(text)) {
    std::string_view before = text.substr(0, *bad);
    int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    size_t line_start = before.rfind('\n');
    int column =
        1 + static_cast<int>(*bad - (line_start == std::string_view::npos ? 0 : line_start + 1));
    d.Problem(Position{line, column}, Msg("orgfile.not_utf8"));
    return Fail(d.Finish());
  }
  Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    auto [pos, msg] = SyntaxProblem(text, e);
    d.Problem(pos, std::move(msg));
    return Fail(d.Finish());
  }
  Organization org;
  if (root.IsNull()) {
    d.Problem(Position{1, 1}, Msg("orgfile.empty"));
    return Fail(d.Finish());
  }
  if (d.Mapping(root, "",
                {{"version",
                  [&](const Node& v, const Path&) {
                    std::optional<int> version;
                    d.Int(v, version);
                    if (version && *version != 1) {
                      d.Problem(v.Mark(), Msg("orgfile.unsupported_version",
                                              {{"version", std::to_string(*version)}}));
                    }
                  }},
                 {"company",
                  [&](const Node& v, const Path& q) { ReadObject(d, v, q, org.company); }, true},
                 {"departments", ListOf(d, org.departments)},
                 {"people", ListOf(d, org.people)},
                 {"roles", ListOf(d, org.roles)},
                 {"contacts", ListOf(d, org.contacts)},
                 {"systems", ListOf(d, org.systems)},
                 {"media", ListOf(d, org.media)},
                 {"incident_categories",
                  [&](const Node& v, const Path& q) { d.Strings(v, q, org.incident_categories); }},
                 {"notifications",
                  [&](const Node& v, const Path& q) { ReadObject(d, v, q, org.notifications); }},
                 {"obligations", ListOf(d, org.obligations)},
                 {"controls", ListOf(d, org.controls)},
                 {"readiness",
                  [&](const Node& v, const Path& q) { ReadObject(d, v, q, org.readiness); }}})) {
    // Only a time zone that the file gives can be unknown: the default is Asia/Tokyo.
    if (auto pos = d.Find("/company/time_zone");
        pos && !d.Unchecked("/company/time_zone") && !IsValidTimeZone(org.company.time_zone)) {
      d.Problem(*pos, Msg("time.unknown_zone", {{"zone", org.company.time_zone}}));
    }
    d.AddRuleProblems(core::Validate(org));
  }
  if (!d.ok()) return Fail(d.Finish());
  return org;
}

namespace {

class Writer {
 public:
  // Empty values are left out: they read back as the same empty value.
  void Text(const char* key, const std::string& value) {
    if (value.empty()) return;
    out_ << YAML::Key << key << YAML::Value;
    Scalar(value);
  }
  // Plain "~" or "null" would read back as nothing.
  void Scalar(const std::string& value) {
    if (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL") {
      out_ << YAML::DoubleQuoted << value;
    } else {
      out_ << value;
    }
  }
  void Number(const char* key, const std::optional<int>& value) {
    if (value) out_ << YAML::Key << key << YAML::Value << *value;
  }
  void Texts(const char* key, const std::vector<std::string>& values) {
    if (values.empty()) return;
    out_ << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const auto& v : values) Scalar(v);
    out_ << YAML::EndSeq;
  }
  template <class E, size_t N>
  void Name(const char* key, const core::EnumNames<E, N>& names, E value) {
    out_ << YAML::Key << key << YAML::Value << std::string(names.Name(value));
  }
  template <class T, class Fn>
  void Items(const char* key, const std::vector<T>& items, Fn each) {
    if (items.empty()) return;
    out_ << YAML::Key << key << YAML::Value << YAML::BeginSeq;
    for (const T& item : items) {
      out_ << YAML::BeginMap;
      each(item);
      out_ << YAML::EndMap;
    }
    out_ << YAML::EndSeq;
  }
  template <class Fn>
  void Object(const char* key, Fn each) {
    out_ << YAML::Key << key << YAML::Value << YAML::BeginMap;
    each();
    out_ << YAML::EndMap;
  }
  YAML::Emitter& out() { return out_; }

 private:
  YAML::Emitter out_;
};

template <class T>
void WriteObject(Writer& w, const T& x);

// Writes one described field; values that read back as themselves when absent are left out.
template <class T, class M>
void WriteField(Writer& w, const core::Field<T, M>& field, const T& owner) {
  const M& value = field.Get(owner);
  const char* key = field.name.data();  // names are string literals
  if constexpr (std::is_same_v<M, std::string>) {
    w.Text(key, value);
  } else if constexpr (std::is_same_v<M, bool>) {
    if (value != core::DefaultOf(field)) w.out() << YAML::Key << key << YAML::Value << value;
  } else if constexpr (std::is_same_v<M, std::optional<int>>) {
    w.Number(key, value);
  } else if constexpr (std::is_same_v<M, std::vector<std::string>>) {
    w.Texts(key, value);
  } else if constexpr (core::HasEnumTraits<M>::value) {
    w.Name(key, core::EnumTraits<M>::kNames, value);
  } else if constexpr (core::IsVector<M>::value) {
    w.Items(key, value, [&](const auto& item) { WriteObject(w, item); });
  } else if constexpr (core::IsOptional<M>::value) {
    if (value) w.Object(key, [&] { WriteObject(w, *value); });
  } else {
    if (value != M{}) w.Object(key, [&] { WriteObject(w, value); });
  }
}

template <class T>
void WriteObject(Writer& w, const T& x) {
  core::ForEachField<T>([&](const auto& field) { WriteField(w, field, x); });
}

template <class T>
void WriteList(Writer& w, const char* key, const std::vector<T>& items) {
  w.Items(key, items, [&](const T& item) { WriteObject(w, item); });
}

}  // namespace

std::string Emit(const Organization& org) {
  Writer w;
  auto& out = w.out();
  out << YAML::BeginMap;
  out << YAML::Key << "version" << YAML::Value << 1;
  w.Object("company", [&] { WriteObject(w, org.company); });
  WriteList(w, "departments", org.departments);
  WriteList(w, "people", org.people);
  WriteList(w, "roles", org.roles);
  WriteList(w, "contacts", org.contacts);
  WriteList(w, "systems", org.systems);
  WriteList(w, "media", org.media);
  w.Texts("incident_categories", org.incident_categories);
  if (org.notifications != core::Notifications{}) {
    w.Object("notifications", [&] { WriteObject(w, org.notifications); });
  }
  WriteList(w, "obligations", org.obligations);
  WriteList(w, "controls", org.controls);
  if (org.readiness != core::ReadinessSettings{}) {
    w.Object("readiness", [&] { WriteObject(w, org.readiness); });
  }
  out << YAML::EndMap;
  return std::string("# sokuo organization file (version 1)\n") + out.c_str() + "\n";
}

}  // namespace sokuo::orgfile
