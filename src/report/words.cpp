#include "report/words.h"

namespace sokuo::report {
namespace {

// Printed on A4: plain type, tables with rules, each form on a page of its own.
constexpr const char* kStyle = R"(
body{font-family:"Noto Sans CJK JP","Noto Sans JP",sans-serif;font-size:10pt;margin:1.5em;color:#000}
h1{font-size:16pt;margin:0 0 .3em}h2{font-size:12.5pt;border-bottom:2px solid #000;margin:1.4em 0 .4em}
h3{font-size:11pt;margin:1em 0 .3em}table{border-collapse:collapse;width:100%;margin:.3em 0}
th,td{border:1px solid #555;padding:2px 4px;vertical-align:top;text-align:left}
th{background:#eee}.stamp{font-size:8.5pt;color:#333}.hash{font-family:monospace;word-break:break-all}
.blank td{height:1.8em}.form{break-before:page}ul{margin:.2em 0;padding-left:1.2em}
.empty{color:#a00}th.field{width:32%}
@page{size:A4;margin:12mm}@media print{body{margin:0}}
)";

}  // namespace

void Begin(Html& h, const Words& w, const std::string& title, const Stamp& stamp) {
  h.Raw("<!doctype html>\n<html lang=\"").Raw(w.lang() == Lang::kEn ? "en" : "ja");
  h.Raw("\">\n<head><meta charset=\"utf-8\">");
  h.Element("title", title);
  h.Raw("<style>").Raw(kStyle).Raw("</style></head>\n<body>\n<header>");
  h.Element("h1", title);
  h.Element("p",
            w.T("report.stamp",
                {{"at", w.Time(stamp.generated_at)}, {"seq", std::to_string(stamp.head_seq)}}),
            "class=\"stamp\"");
  h.Raw("<p class=\"stamp\">").Text(w.T("report.head_hash")).Raw(" <span class=\"hash\">");
  h.Text(stamp.head_hash).Raw("</span></p>");
}

void End(Html& h) { h.Raw("</body>\n</html>\n"); }

std::string Words::Person(const std::string& id) const {
  const core::Person* p = org_.FindPerson(id);
  return p != nullptr ? NameOf(*p) : id;
}

std::string Words::Department(const std::string& id) const {
  const core::Department* d = org_.FindDepartment(id);
  return d != nullptr ? NameOf(*d) : id;
}

std::string Words::System(const std::string& id) const {
  const core::InfoSystem* s = org_.FindSystem(id);
  return s != nullptr ? NameOf(*s) : id;
}

std::string Words::Contact(const std::string& id) const {
  const core::ExternalContact* c = org_.FindContact(id);
  return c != nullptr ? NameOf(*c) : id;
}

std::string Words::PersonList(const std::vector<std::string>& ids) const {
  std::vector<std::string> names;
  for (const std::string& id : ids) names.push_back(Person(id));
  return JoinWords(names);
}

std::string Words::DepartmentList(const std::vector<std::string>& ids) const {
  std::vector<std::string> names;
  for (const std::string& id : ids) names.push_back(Department(id));
  return JoinWords(names);
}

std::string Words::SystemList(const std::vector<std::string>& ids) const {
  std::vector<std::string> names;
  for (const std::string& id : ids) names.push_back(System(id));
  return JoinWords(names);
}

std::string Words::Phones(const std::string& id) const {
  const core::Person* p = org_.FindPerson(id);
  if (p == nullptr) return "";
  std::string out;
  for (const core::Phone& ph : p->phones) {
    std::string kind = T("report.phone_kind", {{"kind", ph.kind}});
    out += (out.empty() ? "" : " / ") + (kind.empty() ? ph.number : kind + " " + ph.number);
  }
  return out;
}

void Words::Row(Html& h, const std::vector<std::string>& cells, bool head) {
  h.Raw("<tr>");
  for (const std::string& c : cells) {
    h.Raw(head ? "<th>" : "<td>");
    Lines(h, c);
    h.Raw(head ? "</th>" : "</td>");
  }
  h.Raw("</tr>\n");
}

void Words::Lines(Html& h, const std::string& text) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (start > 0) h.Raw("<br>");
    h.Text(std::string_view(text).substr(start, end - start));
    start = end + 1;
  }
}

std::string JoinWords(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const std::string& x : items) {
    if (x.empty()) continue;
    out += (out.empty() ? "" : separator) + x;
  }
  return out;
}

}  // namespace sokuo::report
