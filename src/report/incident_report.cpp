#include "report/incident_report.h"

#include "report/agency_form.h"
#include "report/record_tables.h"

namespace sokuo::report {
namespace {

class IncidentWriter : public Words {
 public:
  IncidentWriter(const IncidentReportInput& in, const core::Organization& org,
                 const Calendar& calendar, Lang lang)
      : Words(org, calendar, lang), in_(in), i_(in.incident) {}

  std::string State(core::IncidentState s) const {
    return T("report.state", {{"v", EnumName(core::kIncidentStates, s)}});
  }
  bool Section(Html& h, const char* code, bool empty) const {
    return report::Section(h, *this, code, empty);
  }
  void Facts(Html& h, const std::vector<std::pair<const char*, std::string>>& rows) const {
    FactTable(h, *this, rows);
  }

  void Summary(Html& h) const {
    h.Element("h2", T("report.summary"));
    std::vector<std::string> reasons;
    for (const Message& m : in_.priority.reasons) reasons.push_back(T(m));
    Facts(
        h,
        {
            {"report.key", i_.key},
            {"report.title", i_.title},
            {"report.state_now", State(i_.state)},
            {"report.priority",
             JoinWords({T("report.priority_v",
                          {{"v", EnumName(core::kPriorities, in_.priority.priority)}}),
                        JoinWords(reasons, "; ")},
                       " — ")},
            {"report.category", i_.category},
            {"report.tlp", T("report.tlp_v", {{"v", EnumName(core::kTlps, i_.tlp)}})},
            {"report.detected_how",
             T("report.detection", {{"v", EnumName(core::kDetections, i_.detection)}})},
            {"report.occurred_at", Time(i_.occurred_at)},
            {"report.aware_at", Time(core::AwareAt(i_))},
            {"report.reported_at", Time(i_.reported_at)},
            {"report.reported_by",
             JoinWords({Person(i_.reported_by), Department(i_.reporter_department)}, "・")},
            {"report.systems", SystemList(i_.systems)},
            {"report.departments", DepartmentList(i_.departments)},
            {"report.harm",
             JoinWords({T("report.harm_v", {{"v", EnumName(core::kHarms, i_.harm)}}), i_.harm_note},
                       " — ")},
            {"report.summary_text", i_.summary},
        });
  }

  void Course(Html& h) const {
    std::vector<CourseLine> lines = CourseOfEvents(i_, *this);
    if (!Section(h, "report.course", lines.empty())) return;
    h.Raw("<table>");
    Row(h, {T("report.when"), T("report.what")}, true);
    for (const CourseLine& l : lines) Row(h, {Time(l.at), l.text});
    h.Raw("</table>\n");
  }

  void Decisions(Html& h) const {
    if (Section(h, "report.decisions", i_.decisions.empty())) DecisionTable(h, *this, i_.decisions);
  }

  // G4.3.2: every contact, in the order it was made, with who approved it.
  void Contacts(Html& h) const {
    if (Section(h, "report.contacts", i_.contacts.empty())) {
      ContactTable(h, *this, i_.contacts, i_.decisions);
    }
  }

  void Duties(Html& h) const {
    if (!Section(h, "report.duties", in_.obligations.empty())) return;
    h.Raw("<table>");
    Row(h,
        {T("report.duty"), T("report.recipient"), T("report.due"), T("report.duty_state"),
         T("report.filing")},
        true);
    for (const core::ObligationClock& c : in_.obligations) {
      std::string filing;
      if (c.filing) {
        filing = c.filing->waived ? c.filing->reason
                                  : JoinWords({Time(c.filing->filed_at), c.filing->reference}, " ");
      }
      Row(h, {lang() == Lang::kEn && !c.name_en.empty() ? c.name_en : c.name, Contact(c.recipient),
              Time(c.due), T("report.duty_state_v", {{"v", EnumName(core::kClockStates, c.state)}}),
              filing});
    }
    h.Raw("</table>\n");
  }

  void Damage(Html& h) const {
    if (!Section(h, "report.damage", !i_.assessment)) return;
    const core::Assessment& a = *i_.assessment;
    std::vector<std::string> kinds;
    for (core::DamageKind k : a.kinds) {
      kinds.push_back(T("report.damage_kind", {{"v", EnumName(core::kDamageKinds, k)}}));
    }
    std::string persons = a.persons ? T("report.persons", {{"n", std::to_string(*a.persons)}}) : "";
    Facts(h, {
                 {"report.damage_kinds", JoinWords(kinds, "・")},
                 {"report.scope", a.scope},
                 {"report.systems", SystemList(a.systems)},
                 {"report.first_seen", Time(a.first_seen)},
                 {"report.last_seen", Time(a.last_seen)},
                 {"report.route", a.intrusion_route},
                 {"report.method", a.method},
                 {"report.attacker", a.attacker},
                 {"report.spread_label",
                  JoinWords(
                      {T("report.spread", {{"v", a.spread_outside ? "yes" : "no"}}), a.spread_note},
                      " — ")},
                 {"report.persons_label", persons},
                 {"report.assessed", JoinWords({Person(a.assessed_by), Time(a.assessed_at)}, " ")},
             });
    if (a.leaks.empty()) return;
    h.Raw("<table>");
    Row(h,
        {T("report.system"), T("report.data_class"), T("report.destination"), T("report.records"),
         T("report.persons_label")},
        true);
    for (const core::Leak& l : a.leaks) {
      Row(h, {System(l.system), l.data_class, l.destination,
              l.records ? std::to_string(*l.records) : "",
              l.persons ? std::to_string(*l.persons) : ""});
    }
    h.Raw("</table>\n");
  }

  void Recovery(Html& h) const {
    if (!Section(h, "report.recovery", i_.recovery.empty())) return;
    h.Raw("<table>");
    Row(h,
        {T("report.when"), T("report.system"), T("report.status"), T("report.by"),
         T("report.note")},
        true);
    std::vector<std::string> times;
    for (const core::Recovery& r : i_.recovery) times.push_back(r.at);
    for (size_t k : core::EventOrder(times)) {
      const core::Recovery& r = i_.recovery[k];
      Row(h, {Time(r.at), System(r.system),
              T("report.recovery_status", {{"v", EnumName(core::kRecoveryStatuses, r.status)}}),
              Person(r.by), r.note});
    }
    h.Raw("</table>\n");
  }

  void Review(Html& h) const {
    bool empty = i_.findings.empty() && i_.prevention.empty() && i_.backdoor_checks.empty();
    if (!Section(h, "report.review", empty)) return;
    if (!i_.findings.empty()) {
      h.Element("h3", T("report.findings"));
      h.Raw("<table>");
      Row(h, {T("report.kind"), T("report.what"), T("report.system"), T("report.by")}, true);
      for (const core::Finding& f : i_.findings) {
        Row(h, {T("report.finding_kind", {{"v", EnumName(core::kFindingKinds, f.kind)}}), f.text,
                System(f.system), Person(f.by)});
      }
      h.Raw("</table>\n");
    }
    if (!i_.prevention.empty()) {
      h.Element("h3", T("report.prevention"));
      h.Raw("<table>");
      Row(h, {T("report.what"), T("report.owner"), T("report.due"), T("report.status")}, true);
      for (const core::Prevention& p : i_.prevention) {
        Row(h, {p.text, Person(p.owner), p.due, T(p.done ? "report.done" : "report.planned")});
      }
      h.Raw("</table>\n");
    }
    if (!i_.backdoor_checks.empty()) {
      h.Element("h3", T("report.backdoor"));
      h.Raw("<table>");
      Row(h,
          {T("report.system"), T("report.item"), T("report.result"), T("report.by"),
           T("report.note")},
          true);
      for (const core::BackdoorCheck& b : i_.backdoor_checks) {
        std::string where = System(b.system);
        if (!b.host.empty()) where += " / " + b.host;
        Row(h, {where, T("report.backdoor_item", {{"v", EnumName(core::kBackdoorItems, b.item)}}),
                T("report.check_result", {{"v", EnumName(core::kCheckResults, b.result)}}),
                JoinWords({Person(b.checked_by), Time(b.at)}, " "), b.note});
      }
      h.Raw("</table>\n");
    }
  }

  void Evidence(Html& h) const {
    if (!Section(h, "report.evidence", i_.evidence.empty())) return;
    h.Raw("<table>");
    Row(h, {"#", T("report.file"), T("report.collected"), T("report.custody"), "SHA-256"}, true);
    for (const core::Evidence& e : i_.evidence) {
      std::string file = JoinWords(
          {e.name, T("report.evidence_kind", {{"v", EnumName(core::kEvidenceKinds, e.kind)}}),
           T("report.bytes", {{"n", std::to_string(e.bytes)}})},
          "\n");
      std::string source = e.source_host.empty() || e.source_path.empty()
                               ? e.source_host + e.source_path
                               : e.source_host + ":" + e.source_path;
      std::string collected =
          JoinWords({Person(e.collected_by), Time(e.collected_at), source, e.method}, "\n");
      std::vector<std::string> custody;
      for (const core::CustodyEvent& c : e.custody) {
        custody.push_back(JoinWords(
            {Time(c.at), T("report.custody_v", {{"v", EnumName(core::kCustodyActions, c.action)}}),
             c.to, Person(c.by)},
            " "));
      }
      h.Raw("<tr>");
      for (const std::string& cell :
           {std::to_string(e.id), file, collected, JoinWords(custody, "\n")}) {
        h.Raw("<td>");
        Lines(h, cell);
        h.Raw("</td>");
      }
      h.Raw("<td class=\"hash\">").Text(e.sha256).Raw("</td></tr>\n");
    }
    h.Raw("</table>\n");
  }

 private:
  const IncidentReportInput& in_;
  const core::Incident& i_;
};

}  // namespace

std::vector<CourseLine> CourseOfEvents(const core::Incident& i, const Words& w) {
  std::vector<CourseLine> lines;
  auto add = [&](const std::string& at, std::string text) {
    if (!at.empty()) lines.push_back({at, std::move(text)});
  };
  auto state = [&](core::IncidentState s) {
    return w.T("report.state", {{"v", EnumName(core::kIncidentStates, s)}});
  };
  add(i.occurred_at, w.T("report.m_occurred"));
  if (!i.aware_at.empty()) add(i.aware_at, w.T("report.m_aware"));
  add(i.reported_at, w.T("report.e_reported", {{"who", w.Person(i.reported_by)}}));
  if (i.triage) {
    add(i.triage->at, w.T(i.triage->confirmed ? "report.e_confirmed" : "report.e_dismissed",
                          {{"who", w.Person(i.triage->by)}, {"reason", i.triage->reason}}));
  }
  if (i.convocation) {
    add(i.convocation->requested_at,
        w.T("report.e_convocation", {{"who", w.Person(i.convocation->requested_by)}}));
    add(i.convocation->convened_at, w.T("report.e_convened"));
  }
  for (const core::Decision& d : i.decisions) {
    add(d.decided_at, w.T("report.e_decision", {{"id", std::to_string(d.id)}, {"text", d.text}}));
  }
  for (const core::ContactLog& c : i.contacts) {
    add(c.at,
        w.T("report.e_contact", {{"audience", w.T("report.audience_v",
                                                  {{"v", EnumName(core::kAudiences, c.audience)}})},
                                 {"summary", c.summary}}));
  }
  for (const core::Task& t : i.tasks) {
    add(t.at, w.T("report.e_task", {{"title", t.title}}));
    if (t.status != core::TaskStatus::kOpen && t.status_at != t.at) {
      add(t.status_at, w.T("report.e_task_status",
                           {{"title", t.title},
                            {"status", w.T("report.task_status",
                                           {{"v", EnumName(core::kTaskStatuses, t.status)}})}}));
    }
  }
  if (i.assessment) add(i.assessment->assessed_at, w.T("report.e_assessed"));
  for (const core::Recovery& r : i.recovery) {
    add(r.at, w.T("report.e_recovery",
                  {{"system", w.System(r.system)},
                   {"status", w.T("report.recovery_status",
                                  {{"v", EnumName(core::kRecoveryStatuses, r.status)}})}}));
  }
  for (const core::Finding& f : i.findings) {
    add(f.at, w.T("report.e_finding", {{"text", f.text}}));
  }
  for (const core::Evidence& e : i.evidence) {
    add(e.collected_at, w.T("report.e_evidence", {{"name", e.name}}));
  }
  for (const core::Filing& f : i.filings) {
    std::string duty = f.obligation;
    for (const core::Obligation& o : w.org().obligations) {
      if (o.id == f.obligation) duty = w.NameOf(o);
    }
    add(f.filed_at, w.T(f.waived ? "report.e_waived" : "report.e_filed",
                        {{"duty", duty}, {"reference", f.reference}}));
  }
  for (const core::StateChange& s : i.history) {
    add(s.at, w.T("report.e_state", {{"from", state(s.from)}, {"to", state(s.to)}}));
  }
  std::vector<std::string> times;
  for (const CourseLine& l : lines) times.push_back(l.at);
  std::vector<CourseLine> ordered;
  for (size_t k : core::EventOrder(times)) ordered.push_back(std::move(lines[k]));
  return ordered;
}

std::string IncidentReportHtml(const IncidentReportInput& in, const core::Organization& org,
                               const Calendar& calendar, Lang lang) {
  IncidentWriter r(in, org, calendar, lang);
  Html h;
  Begin(h, r,
        r.T("report.incident_title",
            {{"company", r.Company()}, {"key", in.incident.key}, {"title", in.incident.title}}),
        in.stamp);
  h.Element("p", r.T("report.tlp_banner", {{"v", EnumName(core::kTlps, in.incident.tlp)}}),
            "class=\"stamp\"");
  h.Raw("</header>\n");
  r.Summary(h);
  r.Course(h);
  r.Decisions(h);
  r.Contacts(h);
  r.Duties(h);
  r.Damage(h);
  r.Recovery(h);
  r.Review(h);
  r.Evidence(h);
  for (Agency a : {Agency::kPpc, Agency::kIpa, Agency::kJpcert}) {
    AgencyFormHtml(h, a, in.incident, r);
  }
  End(h);
  return h.str();
}

}  // namespace sokuo::report
