#include "report/record_tables.h"

namespace sokuo::report {

bool Section(Html& h, const Words& w, const char* code, bool empty) {
  h.Element("h2", w.T(code));
  if (empty) h.Element("p", w.T("report.none_yet"), "class=\"empty\"");
  return !empty;
}

void FactTable(Html& h, const Words& w,
               const std::vector<std::pair<const char*, std::string>>& rows) {
  h.Raw("<table>");
  for (const auto& [code, value] : rows) {
    if (value.empty()) continue;
    h.Raw("<tr><th class=\"field\">").Text(w.T(code)).Raw("</th><td>");
    Words::Lines(h, value);
    h.Raw("</td></tr>\n");
  }
  h.Raw("</table>\n");
}

void DecisionTable(Html& h, const Words& w, const std::vector<core::Decision>& decisions) {
  h.Raw("<table>");
  Words::Row(h,
             {"#", w.T("report.when"), w.T("report.kind"), w.T("report.decided_by"),
              w.T("report.what"), w.T("report.instructed")},
             true);
  for (const core::Decision& d : decisions) {
    Words::Row(h, {std::to_string(d.id), w.Time(d.decided_at),
                   w.T("report.decision_kind", {{"v", EnumName(core::kDecisionKinds, d.kind)}}),
                   w.Person(d.decided_by), d.text, w.DepartmentList(d.departments)});
  }
  h.Raw("</table>\n");
}

namespace {

std::string Approval(const Words& w, const std::vector<core::Decision>& decisions, int id) {
  for (const core::Decision& d : decisions) {
    if (d.id != id) continue;
    return w.T("report.approved_by", {{"id", std::to_string(d.id)},
                                      {"who", w.Person(d.decided_by)},
                                      {"at", w.Time(d.decided_at)}});
  }
  return id == 0 ? w.T("report.no_approval_needed") : "#" + std::to_string(id);
}

}  // namespace

void ContactTable(Html& h, const Words& w, const std::vector<core::ContactLog>& contacts,
                  const std::vector<core::Decision>& decisions) {
  std::vector<std::string> times;
  for (const core::ContactLog& c : contacts) times.push_back(c.at);
  h.Raw("<table>");
  Words::Row(h,
             {w.T("report.when"), w.T("report.audience"), w.T("report.to"), w.T("report.by"),
              w.T("report.said"), w.T("report.approval")},
             true);
  for (size_t k : core::EventOrder(times)) {
    const core::ContactLog& c = contacts[k];
    std::string to = c.audience == core::Audience::kIndividuals ? c.contact
                     : c.audience == core::Audience::kInternal || c.audience == core::Audience::kPr
                         ? w.Department(c.contact)
                         : w.Contact(c.contact);
    if (c.persons) to += " " + w.T("report.persons", {{"n", std::to_string(*c.persons)}});
    std::string channel = w.T("report.channel", {{"v", EnumName(core::kChannelKinds, c.channel)}});
    Words::Row(
        h, {w.Time(c.at), w.T("report.audience_v", {{"v", EnumName(core::kAudiences, c.audience)}}),
            to + " (" + channel + ")", w.Person(c.by), c.summary,
            Approval(w, decisions, c.approved_by)});
  }
  h.Raw("</table>\n");
}

}  // namespace sokuo::report
