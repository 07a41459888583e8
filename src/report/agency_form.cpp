#include "report/agency_form.h"

#include <functional>

namespace sokuo::report {
namespace {

bool Likely(core::Likelihood l) {
  return l == core::Likelihood::kYes || l == core::Likelihood::kPossibly;
}

// What the record says of one field, built line by line.
class Fields {
 public:
  explicit Fields(const Words& w) : w_(w) {}
  void Add(const char* code, std::string value) {
    out_.push_back({code, w_.T(code), std::move(value)});
  }
  std::vector<FormField> Take() { return std::move(out_); }

 private:
  const Words& w_;
  std::vector<FormField> out_;
};

// The record's facts that several forms ask for, worded for the reader.
class Facts {
 public:
  Facts(const core::Incident& i, const Words& w) : i_(i), w_(w) {}

  std::string Event() const { return JoinWords({i_.title, i_.summary}, "\n"); }
  std::string Reporter() const {
    return JoinWords(
        {w_.Person(i_.reported_by), w_.Department(i_.reporter_department),
         w_.T("report.detection", {{"v", std::string(core::kDetections.Name(i_.detection))}})},
        "・");
  }
  // The affected hosts with their address and operating system, from the organization file:
  // the hosts the incident names, else every host of its systems.
  std::string Hosts(const std::function<std::string(const core::Host&)>& line) const {
    std::vector<std::string> lines;
    for (const std::string& id : i_.systems) {
      const core::InfoSystem* s = w_.org().FindSystem(id);
      if (s == nullptr) continue;
      bool named = false;
      for (const core::AffectedHost& a : i_.hosts) named = named || a.system == id;
      for (const core::Host& h : s->hosts) {
        bool affected = !named;
        for (const core::AffectedHost& a : i_.hosts) {
          affected = affected || (a.system == id && a.host == h.name);
        }
        if (affected) lines.push_back(line(h));
      }
    }
    return JoinWords(lines, "\n");
  }
  // Contacts to `audiences`, in the order they were made: time, to whom, what was said.
  std::string ContactsTo(std::initializer_list<core::Audience> audiences) const {
    std::vector<std::string> lines;
    for (size_t k : ContactOrder()) {
      const core::ContactLog& c = i_.contacts[k];
      if (std::find(audiences.begin(), audiences.end(), c.audience) == audiences.end()) continue;
      std::string who =
          c.audience == core::Audience::kIndividuals ? c.contact : w_.Contact(c.contact);
      std::string line = w_.Time(c.at) + " " + who;
      if (c.persons) line += " " + w_.T("report.persons", {{"n", std::to_string(*c.persons)}});
      lines.push_back(JoinWords({line, c.summary}, ": "));
    }
    return JoinWords(lines, "\n");
  }
  std::vector<size_t> ContactOrder() const {
    std::vector<std::string> times;
    for (const core::ContactLog& c : i_.contacts) times.push_back(c.at);
    return core::EventOrder(times);
  }
  std::string Prevention(bool done) const {
    std::vector<std::string> lines;
    for (const core::Prevention& p : i_.prevention) {
      if (p.done != done) continue;
      lines.push_back(JoinWords(
          {p.text, w_.T("report.owner_due", {{"owner", w_.Person(p.owner)}, {"due", p.due}})},
          " "));
    }
    return JoinWords(lines, "\n");
  }
  // 規則7条: which of its items the assessment says apply.
  std::string RuleSeven() const {
    if (!i_.assessment) return "";
    const core::Assessment& a = *i_.assessment;
    std::vector<std::string> items;
    if (Likely(a.sensitive_personal_data)) items.push_back(w_.T("form.ppc.item1"));
    if (Likely(a.financial_harm)) items.push_back(w_.T("form.ppc.item2"));
    if (Likely(a.unauthorized_purpose)) items.push_back(w_.T("form.ppc.item3"));
    if (Persons() > 1000) items.push_back(w_.T("form.ppc.item4"));
    if (items.empty()) return w_.T("form.none_applies");
    return JoinWords(items, "\n");
  }
  int Persons() const {
    if (!i_.assessment) return -1;
    if (i_.assessment->persons) return *i_.assessment->persons;
    int sum = -1;
    for (const core::Leak& l : i_.assessment->leaks) {
      if (l.persons) sum = std::max(sum, 0) + *l.persons;
    }
    return sum;
  }
  std::string PersonalData() const {
    if (!i_.assessment) return "";
    std::vector<std::string> lines;
    for (const core::Leak& l : i_.assessment->leaks) {
      if (!l.personal_data) continue;
      lines.push_back(
          w_.System(l.system) + ": " +
          JoinWords(
              {l.data_class,
               l.destination.empty() ? "" : w_.T("report.leaked_to", {{"where", l.destination}})},
              " "));
    }
    for (const core::PersonalDataLeak& p : i_.assessment->personal_data) {
      if (p.leaked == core::Likelihood::kNo) continue;
      lines.push_back(w_.System(p.system) + ": " + Answer(p.leaked) +
                      (p.note.empty() ? "" : " (" + p.note + ")"));
    }
    return JoinWords(lines, "\n");
  }
  std::string Cause() const {
    std::vector<std::string> lines;
    if (i_.assessment) {
      const core::Assessment& a = *i_.assessment;
      if (!a.intrusion_route.empty())
        lines.push_back(w_.T("report.route") + ": " + a.intrusion_route);
      if (!a.method.empty()) lines.push_back(w_.T("report.method") + ": " + a.method);
      if (!a.attacker.empty()) lines.push_back(w_.T("report.attacker") + ": " + a.attacker);
    }
    for (const core::Finding& f : i_.findings) lines.push_back(f.text);
    return JoinWords(lines, "\n");
  }
  std::string SecondaryHarm() const {
    if (!i_.assessment) return "";
    const core::Assessment& a = *i_.assessment;
    std::vector<std::string> lines;
    lines.push_back(w_.T("report.spread", {{"v", a.spread_outside ? "yes" : "no"}}));
    if (!a.spread_note.empty()) lines.push_back(a.spread_note);
    if (a.financial_harm != core::Likelihood::kUnknown) {
      lines.push_back(w_.T("report.financial_harm") + ": " + Answer(a.financial_harm));
    }
    return JoinWords(lines, "\n");
  }
  std::string Damage() const {
    if (!i_.assessment) return "";
    const core::Assessment& a = *i_.assessment;
    std::vector<std::string> kinds;
    for (core::DamageKind k : a.kinds) {
      kinds.push_back(w_.T("report.damage_kind", {{"v", std::string(core::kDamageKinds.Name(k))}}));
    }
    return JoinWords({JoinWords(kinds, "・"), a.scope}, "\n");
  }
  // Containment and other measures ordered, with where each stands.
  std::string Measures() const {
    std::vector<std::string> lines;
    for (const core::Task& t : i_.tasks) {
      lines.push_back(
          w_.Time(t.at) + " " + t.title + " (" +
          w_.T("report.task_status", {{"v", std::string(core::kTaskStatuses.Name(t.status))}}) +
          ")");
    }
    return JoinWords(lines, "\n");
  }
  std::string Answer(core::Likelihood l) const {
    return w_.T("report.answer", {{"v", std::string(core::kLikelihoods.Name(l))}});
  }
  std::string Logs() const {
    std::vector<std::string> lines;
    for (const core::Evidence& e : i_.evidence) {
      if (e.kind != core::EvidenceKind::kAccessLog) continue;
      lines.push_back(e.name + " (SHA-256 " + e.sha256 + ")");
    }
    return JoinWords(lines, "\n");
  }
  std::string Course() const {
    core::Milestones m = core::MilestonesOf(i_);
    std::vector<std::string> lines;
    auto add = [&](const std::string& at, const char* code) {
      if (!at.empty()) lines.push_back(w_.Time(at) + " " + w_.T(code));
    };
    add(i_.occurred_at, "report.m_occurred");
    add(core::AwareAt(i_), "report.m_aware");
    add(m.reported, "report.m_reported");
    add(m.convened, "report.m_convened");
    add(m.contained, "report.m_contained");
    add(m.assessed, "report.m_assessed");
    add(m.recovered, "report.m_recovered");
    add(m.closed, "report.m_closed");
    return JoinWords(lines, "\n");
  }

 private:
  const core::Incident& i_;
  const Words& w_;
};

std::vector<FormField> Ppc(const core::Incident& i, const Words& w) {
  Facts f(i, w);
  Fields out(w);
  out.Add("form.ppc.reporter", w.Company());
  out.Add("form.ppc.occurred_at", w.Time(i.occurred_at));
  out.Add("form.ppc.aware_at", w.Time(core::AwareAt(i)));
  out.Add("form.ppc.event", f.Event());
  out.Add("form.ppc.discovered_by", f.Reporter());
  out.Add("form.ppc.rule7", f.RuleSeven());
  out.Add("form.ppc.entrusted", "");
  out.Add("form.ppc.course", f.Course());
  out.Add("form.ppc.data_items", f.PersonalData());
  int persons = f.Persons();
  out.Add("form.ppc.persons",
          persons < 0 ? "" : w.T("report.persons", {{"n", std::to_string(persons)}}));
  out.Add("form.ppc.cause", f.Cause());
  out.Add("form.ppc.secondary", f.SecondaryHarm());
  out.Add("form.ppc.individuals", f.ContactsTo({core::Audience::kIndividuals}));
  out.Add("form.ppc.publication", f.ContactsTo({core::Audience::kPress}));
  out.Add("form.ppc.prevention_done", f.Prevention(true));
  out.Add("form.ppc.prevention_planned", f.Prevention(false));
  out.Add("form.ppc.other",
          f.ContactsTo({core::Audience::kPolice, core::Audience::kIpa, core::Audience::kCsirt}));
  return out.Take();
}

std::vector<FormField> Ipa(const core::Incident& i, const Words& w) {
  Facts f(i, w);
  Fields out(w);
  out.Add("form.ipa.organization", w.Company());
  out.Add("form.ipa.filer", "");
  out.Add("form.ipa.found_at", w.Time(i.detected_at.empty() ? core::AwareAt(i) : i.detected_at));
  std::vector<std::string> systems;
  for (const std::string& s : i.systems) systems.push_back(w.System(s));
  out.Add("form.ipa.systems", JoinWords({JoinWords(systems), f.Hosts([](const core::Host& h) {
                                           return JoinWords({h.name, h.role, h.os}, " ");
                                         })},
                                        "\n"));
  out.Add("form.ipa.location", "");
  out.Add("form.ipa.diagram", "");
  out.Add("form.ipa.discovery", f.Reporter());
  out.Add("form.ipa.route", i.assessment ? i.assessment->intrusion_route : "");
  out.Add("form.ipa.damage", f.Damage());
  out.Add("form.ipa.response", f.Measures());
  out.Add("form.ipa.police", f.ContactsTo({core::Audience::kPolice}));
  return out.Take();
}

std::vector<FormField> Jpcert(const core::Incident& i, const Words& w) {
  Facts f(i, w);
  Fields out(w);
  out.Add("form.jpcert.organization", w.Company());
  out.Add("form.jpcert.contact", "");
  out.Add("form.jpcert.purpose", "");
  out.Add("form.jpcert.source", i.assessment ? i.assessment->attacker : "");
  out.Add("form.jpcert.description",
          JoinWords({f.Event(), i.assessment ? i.assessment->method : ""}, "\n"));
  out.Add("form.jpcert.target", f.Hosts([](const core::Host& h) {
    return JoinWords({h.name, h.address}, " ");
  }));
  out.Add("form.jpcert.protocol", "");
  out.Add("form.jpcert.software",
          f.Hosts([](const core::Host& h) { return h.os.empty() ? "" : h.name + ": " + h.os; }));
  std::string first = i.occurred_at;
  if (first.empty() && i.assessment) first = i.assessment->first_seen;
  out.Add("form.jpcert.occurred_at", w.Time(first));
  out.Add("form.jpcert.time_zone", w.TimeZone());
  out.Add("form.jpcert.logs", f.Logs());
  return out.Take();
}

}  // namespace

std::vector<FormField> AgencyForm(Agency agency, const core::Incident& incident,
                                  const Words& words) {
  switch (agency) {
    case Agency::kPpc:
      return Ppc(incident, words);
    case Agency::kIpa:
      return Ipa(incident, words);
    case Agency::kJpcert:
      return Jpcert(incident, words);
  }
  return {};
}

std::string AgencyFormTitle(Agency agency, const Words& words) {
  return words.T("report.form_title", {{"v", std::string(kAgencies.Name(agency))}});
}

void AgencyFormHtml(Html& h, Agency agency, const core::Incident& incident, const Words& words) {
  std::vector<FormField> fields = AgencyForm(agency, incident, words);
  size_t empty = 0;
  for (const FormField& f : fields) empty += f.value.empty() ? 1 : 0;
  h.Raw("<section class=\"form\">");
  h.Element("h2", AgencyFormTitle(agency, words));
  h.Element("p", words.T("report.form_help", {{"empty", std::to_string(empty)},
                                              {"all", std::to_string(fields.size())}}));
  h.Raw("<table>");
  for (const FormField& f : fields) {
    h.Raw("<tr><th class=\"field\">").Text(f.label).Raw("</th>");
    if (f.value.empty()) {
      h.Raw("<td class=\"empty\">").Text(words.T("report.empty")).Raw("</td></tr>\n");
    } else {
      h.Raw("<td>");
      Words::Lines(h, f.value);
      h.Raw("</td></tr>\n");
    }
  }
  h.Raw("</table></section>\n");
}

}  // namespace sokuo::report
