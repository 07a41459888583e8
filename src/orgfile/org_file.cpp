#include "orgfile/org_file.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <utility>

#include <yaml-cpp/yaml.h>

#include "base/text.h"
#include "base/time.h"
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
    const char* key;
    FieldFn read;
    bool required = false;
  };

  explicit Decoder(std::string file_name) : file_(std::move(file_name)) {}

  void Problem(const YAML::Mark& mark, std::string message) {
    Problem(Position{mark.line + 1, mark.column + 1}, std::move(message));
  }
  void Problem(Position pos, std::string message) {
    problems_.push_back({pos, std::move(message)});
  }

  void Remember(const std::string& path, const YAML::Mark& mark) {
    positions_.emplace(path, Position{mark.line + 1, mark.column + 1});
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
    if (!exhausted_) Problem(Position{1, 1}, "file has too many nodes (more than 1000000)");
    exhausted_ = true;
    return false;
  }

  bool Mapping(const YAML::Node& node, const std::string& path, const std::vector<Field>& fields) {
    if (!Budget()) return false;
    Remember(path, node.Mark());
    if (node.IsNull()) return false;
    if (!node.IsMap()) {
      Problem(node.Mark(), "expected a mapping (key: value), got " + Kind(node));
      return false;
    }
    std::vector<std::string> known;
    known.reserve(fields.size());
    for (const Field& f : fields) known.emplace_back(f.key);
    std::map<std::string, bool> seen;
    for (auto it = node.begin(); it != node.end(); ++it) {
      // The iterator yields a temporary pair: copy the (cheap, shared) node handles.
      YAML::Node key = it->first;
      YAML::Node value = it->second;
      if (!key.IsScalar()) {
        Problem(key.Mark(), "a key must be plain text");
        continue;
      }
      std::string name = key.Scalar();
      auto field =
          std::find_if(fields.begin(), fields.end(), [&](const Field& f) { return name == f.key; });
      if (field == fields.end()) {
        Problem(key.Mark(), "unknown key '" + name + "'" + DidYouMean(name, known));
        continue;
      }
      if (seen.count(name) != 0) {
        Problem(key.Mark(), "key '" + name + "' appears twice");
        continue;
      }
      seen[name] = true;
      std::string child = path + "/" + name;
      Remember(child, value.Mark());
      field->read(value, child);
    }
    for (const Field& f : fields) {
      if (f.required && seen.count(f.key) == 0) {
        Problem(node.Mark(), "missing key '" + std::string(f.key) + "'");
      }
    }
    return true;
  }

  template <class T>
  void List(const YAML::Node& node, const std::string& path, std::vector<T>& out,
            const std::function<void(const YAML::Node&, const std::string&, T&)>& read) {
    if (node.IsNull()) return;
    if (!node.IsSequence()) {
      Problem(node.Mark(), "expected a list, got " + Kind(node));
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
      Problem(node.Mark(), "expected text, got " + Kind(node));
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
    Problem(node.Mark(), "expected true or false, got " + Kind(node));
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
    Problem(node.Mark(), "expected a whole number, got " + Kind(node));
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
    std::string hint = DidYouMean(text, names.All());
    Problem(node.Mark(), "unknown " + std::string(what) + " '" + text + "'" +
                             (hint.empty() ? " (one of: " + names.Joined() + ")" : hint));
  }

  // Turns each problem found by the rules into a positioned one. A rule problem at a place that
  // already has a problem (a missing key, a value of the wrong type) says nothing new.
  void AddRuleProblems(const std::vector<Detail>& details) {
    std::set<std::pair<int, int>> taken;
    for (const auto& [pos, message] : problems_) taken.emplace(pos.line, pos.column);
    for (const Detail& d : details) {
      Position pos = Locate(d.where);
      if (taken.count({pos.line, pos.column}) == 0) Problem(pos, d.message);
    }
  }

  Error Finish() {
    std::stable_sort(problems_.begin(), problems_.end(), [](const auto& a, const auto& b) {
      return std::pair(a.first.line, a.first.column) < std::pair(b.first.line, b.first.column);
    });
    Error error{ErrorCode::kInvalidInput,
                std::to_string(problems_.size()) +
                    (problems_.size() == 1 ? " problem" : " problems") +
                    " in the organization file",
                file_,
                {}};
    for (const auto& [pos, message] : problems_) {
      error.details.push_back(
          {file_ + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column), message});
    }
    return error;
  }

  bool ok() const { return problems_.empty(); }

 private:
  static constexpr size_t kMaxNodes = 1000000;

  static std::string Kind(const YAML::Node& node) {
    switch (node.Type()) {
      case YAML::NodeType::Sequence:
        return "a list";
      case YAML::NodeType::Map:
        return "a mapping";
      case YAML::NodeType::Null:
        return "nothing";
      default:
        return "'" + node.Scalar().substr(0, 40) + "'";
    }
  }

  std::string file_;
  std::vector<std::pair<Position, std::string>> problems_;
  std::map<std::string, Position> positions_;
  size_t visited_ = 0;
  bool exhausted_ = false;
};

using Node = YAML::Node;
using Path = std::string;

void ReadCompany(Decoder& d, const Node& n, const Path& p, core::Company& c) {
  d.Mapping(
      n, p,
      {{"name", [&](const Node& v, const Path&) { d.String(v, c.name); }, true},
       {"name_en", [&](const Node& v, const Path&) { d.String(v, c.name_en); }},
       {"time_zone",
        [&](const Node& v, const Path&) {
          d.String(v, c.time_zone);
          if (!IsValidTimeZone(c.time_zone)) {
            d.Problem(v.Mark(),
                      "unknown time zone '" + c.time_zone + "' (an IANA name such as Asia/Tokyo)");
          }
        }},
       {"holidays", [&](const Node& v, const Path& q) {
          d.List<core::Holiday>(
              v, q, c.holidays, [&](const Node& h, const Path& hp, core::Holiday& out) {
                d.Mapping(
                    h, hp,
                    {{"date", [&](const Node& x, const Path&) { d.String(x, out.date); }, true},
                     {"name", [&](const Node& x, const Path&) { d.String(x, out.name); }}});
              });
        }}});
}

void ReadDepartment(Decoder& d, const Node& n, const Path& p, core::Department& x) {
  d.Mapping(n, p,
            {{"id", [&](const Node& v, const Path&) { d.String(v, x.id); }, true},
             {"name", [&](const Node& v, const Path&) { d.String(v, x.name); }, true},
             {"name_en", [&](const Node& v, const Path&) { d.String(v, x.name_en); }},
             {"kind",
              [&](const Node& v, const Path&) {
                d.Enum(v, core::kDepartmentKinds, "department kind", x.kind);
              },
              true},
             {"head", [&](const Node& v, const Path&) { d.String(v, x.head); }},
             {"parent", [&](const Node& v, const Path&) { d.String(v, x.parent); }}});
}

void ReadPerson(Decoder& d, const Node& n, const Path& p, core::Person& x) {
  d.Mapping(
      n, p,
      {{"id", [&](const Node& v, const Path&) { d.String(v, x.id); }, true},
       {"name", [&](const Node& v, const Path&) { d.String(v, x.name); }, true},
       {"name_en", [&](const Node& v, const Path&) { d.String(v, x.name_en); }},
       {"email", [&](const Node& v, const Path&) { d.String(v, x.email); }},
       {"phones",
        [&](const Node& v, const Path& q) {
          d.List<core::Phone>(v, q, x.phones, [&](const Node& e, const Path& ep, core::Phone& ph) {
            d.Mapping(
                e, ep,
                {{"kind", [&](const Node& k, const Path&) { d.String(k, ph.kind); }},
                 {"number", [&](const Node& k, const Path&) { d.String(k, ph.number); }, true}});
          });
        }},
       {"department", [&](const Node& v, const Path&) { d.String(v, x.department); }, true},
       {"title", [&](const Node& v, const Path&) { d.String(v, x.title); }},
       {"skills", [&](const Node& v, const Path& q) { d.Strings(v, q, x.skills); }}});
}

void ReadRole(Decoder& d, const Node& n, const Path& p, core::RoleAssignment& x) {
  d.Mapping(
      n, p,
      {{"role", [&](const Node& v, const Path&) { d.Enum(v, core::kRoleKinds, "role", x.role); },
        true},
       {"person", [&](const Node& v, const Path&) { d.String(v, x.person); }, true},
       {"department", [&](const Node& v, const Path&) { d.String(v, x.department); }},
       {"title", [&](const Node& v, const Path&) { d.String(v, x.title); }},
       {"deputies", [&](const Node& v, const Path& q) { d.Strings(v, q, x.deputies); }}});
}

void ReadContact(Decoder& d, const Node& n, const Path& p, core::ExternalContact& x) {
  d.Mapping(
      n, p,
      {{"id", [&](const Node& v, const Path&) { d.String(v, x.id); }, true},
       {"name", [&](const Node& v, const Path&) { d.String(v, x.name); }, true},
       {"name_en", [&](const Node& v, const Path&) { d.String(v, x.name_en); }},
       {"kind",
        [&](const Node& v, const Path&) { d.Enum(v, core::kContactKinds, "contact kind", x.kind); },
        true},
       {"person", [&](const Node& v, const Path&) { d.String(v, x.person); }},
       {"channels",
        [&](const Node& v, const Path& q) {
          d.List<core::Channel>(
              v, q, x.channels, [&](const Node& e, const Path& ep, core::Channel& ch) {
                d.Mapping(
                    e, ep,
                    {{"kind",
                      [&](const Node& k, const Path&) {
                        d.Enum(k, core::kChannelKinds, "channel kind", ch.kind);
                      },
                      true},
                     {"value", [&](const Node& k, const Path&) { d.String(k, ch.value); }, true},
                     {"note", [&](const Node& k, const Path&) { d.String(k, ch.note); }}});
              });
        }},
       {"contract",
        [&](const Node& v, const Path& q) {
          core::MaintenanceContract c;
          if (d.Mapping(
                  v, q,
                  {{"number", [&](const Node& k, const Path&) { d.String(k, c.number); }},
                   {"coverage", [&](const Node& k, const Path&) { d.String(k, c.coverage); }},
                   {"hours", [&](const Node& k, const Path&) { d.String(k, c.hours); }},
                   {"expires", [&](const Node& k, const Path&) { d.String(k, c.expires); }}})) {
            x.contract = c;
          }
        }},
       {"note", [&](const Node& v, const Path&) { d.String(v, x.note); }}});
}

void ReadSystem(Decoder& d, const Node& n, const Path& p, core::InfoSystem& x) {
  d.Mapping(
      n, p,
      {{"id", [&](const Node& v, const Path&) { d.String(v, x.id); }, true},
       {"name", [&](const Node& v, const Path&) { d.String(v, x.name); }, true},
       {"name_en", [&](const Node& v, const Path&) { d.String(v, x.name_en); }},
       {"category",
        [&](const Node& v, const Path&) {
          d.Enum(v, core::kSystemCategories, "system category", x.category);
        }},
       {"tier", [&](const Node& v, const Path&) { d.Enum(v, core::kTiers, "tier", x.tier); }, true},
       {"owner", [&](const Node& v, const Path&) { d.String(v, x.owner); }, true},
       {"customer_service", [&](const Node& v, const Path&) { d.Bool(v, x.customer_service); }},
       {"product_development",
        [&](const Node& v, const Path&) { d.Bool(v, x.product_development); }},
       {"data",
        [&](const Node& v, const Path& q) {
          d.List<core::DataClass>(
              v, q, x.data, [&](const Node& e, const Path& ep, core::DataClass& dc) {
                d.Mapping(
                    e, ep,
                    {{"name", [&](const Node& k, const Path&) { d.String(k, dc.name); }, true},
                     {"confidentiality",
                      [&](const Node& k, const Path&) {
                        d.Enum(k, core::kConfidentialities, "confidentiality", dc.confidentiality);
                      }},
                     {"personal_data",
                      [&](const Node& k, const Path&) { d.Bool(k, dc.personal_data); }}});
              });
        }},
       {"depends_on", [&](const Node& v, const Path& q) { d.Strings(v, q, x.depends_on); }},
       {"rto_hours", [&](const Node& v, const Path&) { d.Int(v, x.rto_hours); }},
       {"rpo_hours", [&](const Node& v, const Path&) { d.Int(v, x.rpo_hours); }},
       {"backup",
        [&](const Node& v, const Path& q) {
          d.Mapping(
              v, q,
              {{"method", [&](const Node& k, const Path&) { d.String(k, x.backup.method); }},
               {"frequency", [&](const Node& k, const Path&) { d.String(k, x.backup.frequency); }},
               {"last_verified",
                [&](const Node& k, const Path&) { d.String(k, x.backup.last_verified); }}});
        }},
       {"redundancy", [&](const Node& v, const Path&) { d.String(v, x.redundancy); }},
       {"alternate_site", [&](const Node& v, const Path&) { d.String(v, x.alternate_site); }},
       {"vendor", [&](const Node& v, const Path&) { d.String(v, x.vendor); }},
       {"degraded_mode", [&](const Node& v, const Path&) { d.String(v, x.degraded_mode); }},
       {"workaround", [&](const Node& v, const Path&) { d.String(v, x.workaround); }}});
}

void ReadMedium(Decoder& d, const Node& n, const Path& p, core::StorageMedium& x) {
  d.Mapping(n, p,
            {{"id", [&](const Node& v, const Path&) { d.String(v, x.id); }, true},
             {"name", [&](const Node& v, const Path&) { d.String(v, x.name); }, true},
             {"kind", [&](const Node& v,
                          const Path&) { d.Enum(v, core::kMediumKinds, "medium kind", x.kind); }},
             {"owner", [&](const Node& v, const Path&) { d.String(v, x.owner); }, true},
             {"location", [&](const Node& v, const Path&) { d.String(v, x.location); }},
             {"system", [&](const Node& v, const Path&) { d.String(v, x.system); }},
             {"confidentiality",
              [&](const Node& v, const Path&) {
                d.Enum(v, core::kConfidentialities, "confidentiality", x.confidentiality);
              }},
             {"contents", [&](const Node& v, const Path&) { d.String(v, x.contents); }}});
}

template <class T>
Decoder::FieldFn ListOf(Decoder& d, std::vector<T>& out,
                        void (*read)(Decoder&, const Node&, const Path&, T&)) {
  return [&d, &out, read](const Node& v, const Path& q) {
    d.List<T>(v, q, out, [&d, read](const Node& e, const Path& ep, T& x) { read(d, e, ep, x); });
  };
}

}  // namespace

Result<Organization> Parse(std::string_view text, std::string_view file_name) {
  std::string file(file_name);
  if (text.size() > kMaxFileBytes) {
    return Fail(
        ErrorCode::kInvalidInput,
        "file is larger than " + std::to_string(kMaxFileBytes / (size_t{1024} * 1024)) + " MiB",
        file);
  }
  Decoder d(file);
  if (auto bad = FirstInvalidUtf8(text)) {
    std::string_view before = text.substr(0, *bad);
    int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    size_t line_start = before.rfind('\n');
    int column =
        1 + static_cast<int>(*bad - (line_start == std::string_view::npos ? 0 : line_start + 1));
    d.Problem(Position{line, column}, "not UTF-8 text (save the file as UTF-8)");
    return Fail(d.Finish());
  }
  Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    d.Problem(e.mark, e.msg.empty() ? "not valid YAML" : "not valid YAML: " + e.msg);
    return Fail(d.Finish());
  }
  Organization org;
  if (root.IsNull()) {
    d.Problem(Position{1, 1}, "the file is empty");
    return Fail(d.Finish());
  }
  if (d.Mapping(root, "",
                {{"version",
                  [&](const Node& v, const Path&) {
                    std::optional<int> version;
                    d.Int(v, version);
                    if (version && *version != 1) {
                      d.Problem(v.Mark(), "unsupported version " + std::to_string(*version) +
                                              " (this sokuo reads version 1)");
                    }
                  }},
                 {"company",
                  [&](const Node& v, const Path& q) { ReadCompany(d, v, q, org.company); }, true},
                 {"departments", ListOf(d, org.departments, ReadDepartment)},
                 {"people", ListOf(d, org.people, ReadPerson)},
                 {"roles", ListOf(d, org.roles, ReadRole)},
                 {"contacts", ListOf(d, org.contacts, ReadContact)},
                 {"systems", ListOf(d, org.systems, ReadSystem)},
                 {"media", ListOf(d, org.media, ReadMedium)},
                 {"incident_categories", [&](const Node& v, const Path& q) {
                    d.Strings(v, q, org.incident_categories);
                  }}})) {
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
  void Flag(const char* key, bool value) {
    if (value) out_ << YAML::Key << key << YAML::Value << true;
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

}  // namespace

std::string Emit(const Organization& org) {
  Writer w;
  auto& out = w.out();
  out << YAML::BeginMap;
  out << YAML::Key << "version" << YAML::Value << 1;
  w.Object("company", [&] {
    w.Text("name", org.company.name);
    w.Text("name_en", org.company.name_en);
    w.Text("time_zone", org.company.time_zone);
    w.Items("holidays", org.company.holidays, [&](const core::Holiday& h) {
      w.Text("date", h.date);
      w.Text("name", h.name);
    });
  });
  w.Items("departments", org.departments, [&](const core::Department& x) {
    w.Text("id", x.id);
    w.Text("name", x.name);
    w.Text("name_en", x.name_en);
    w.Name("kind", core::kDepartmentKinds, x.kind);
    w.Text("head", x.head);
    w.Text("parent", x.parent);
  });
  w.Items("people", org.people, [&](const core::Person& x) {
    w.Text("id", x.id);
    w.Text("name", x.name);
    w.Text("name_en", x.name_en);
    w.Text("email", x.email);
    w.Items("phones", x.phones, [&](const core::Phone& ph) {
      w.Text("kind", ph.kind);
      w.Text("number", ph.number);
    });
    w.Text("department", x.department);
    w.Text("title", x.title);
    w.Texts("skills", x.skills);
  });
  w.Items("roles", org.roles, [&](const core::RoleAssignment& x) {
    w.Name("role", core::kRoleKinds, x.role);
    w.Text("person", x.person);
    w.Text("department", x.department);
    w.Text("title", x.title);
    w.Texts("deputies", x.deputies);
  });
  w.Items("contacts", org.contacts, [&](const core::ExternalContact& x) {
    w.Text("id", x.id);
    w.Text("name", x.name);
    w.Text("name_en", x.name_en);
    w.Name("kind", core::kContactKinds, x.kind);
    w.Text("person", x.person);
    w.Items("channels", x.channels, [&](const core::Channel& ch) {
      w.Name("kind", core::kChannelKinds, ch.kind);
      w.Text("value", ch.value);
      w.Text("note", ch.note);
    });
    if (x.contract) {
      w.Object("contract", [&] {
        w.Text("number", x.contract->number);
        w.Text("coverage", x.contract->coverage);
        w.Text("hours", x.contract->hours);
        w.Text("expires", x.contract->expires);
      });
    }
    w.Text("note", x.note);
  });
  w.Items("systems", org.systems, [&](const core::InfoSystem& x) {
    w.Text("id", x.id);
    w.Text("name", x.name);
    w.Text("name_en", x.name_en);
    w.Name("category", core::kSystemCategories, x.category);
    w.Name("tier", core::kTiers, x.tier);
    w.Text("owner", x.owner);
    w.Flag("customer_service", x.customer_service);
    w.Flag("product_development", x.product_development);
    w.Items("data", x.data, [&](const core::DataClass& dc) {
      w.Text("name", dc.name);
      w.Name("confidentiality", core::kConfidentialities, dc.confidentiality);
      w.Flag("personal_data", dc.personal_data);
    });
    w.Texts("depends_on", x.depends_on);
    w.Number("rto_hours", x.rto_hours);
    w.Number("rpo_hours", x.rpo_hours);
    if (x.backup != core::Backup{}) {
      w.Object("backup", [&] {
        w.Text("method", x.backup.method);
        w.Text("frequency", x.backup.frequency);
        w.Text("last_verified", x.backup.last_verified);
      });
    }
    w.Text("redundancy", x.redundancy);
    w.Text("alternate_site", x.alternate_site);
    w.Text("vendor", x.vendor);
    w.Text("degraded_mode", x.degraded_mode);
    w.Text("workaround", x.workaround);
  });
  w.Items("media", org.media, [&](const core::StorageMedium& x) {
    w.Text("id", x.id);
    w.Text("name", x.name);
    w.Name("kind", core::kMediumKinds, x.kind);
    w.Text("owner", x.owner);
    w.Text("location", x.location);
    w.Text("system", x.system);
    w.Name("confidentiality", core::kConfidentialities, x.confidentiality);
    w.Text("contents", x.contents);
  });
  w.Texts("incident_categories", org.incident_categories);
  out << YAML::EndMap;
  return std::string("# sokuo organization file (version 1)\n") + out.c_str() + "\n";
}

}  // namespace sokuo::orgfile
