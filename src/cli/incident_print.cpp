// What `sokuo incident …` prints of an incident for a person: one line, or every record.
#include "cli/incident_print.h"

#include <algorithm>

#include "api/incident_codec.h"

namespace sokuo::cli {

using api::Json;

namespace {

// What a person reads of a whole incident: every section, in the chosen language, every time
// on the organization's clock. Lines of records are "label: value"; values are the records' own
// words and the API's names, so what is read here can be typed back into a command.
class DetailPrinter {
 public:
  DetailPrinter(Output& o, const Calendar& calendar) : o_(o), calendar_(calendar) {}

  std::string T(const Message& m) const { return Render(m, o_.lang); }
  std::string Label(const char* code) const { return T(Msg(std::string("show.") + code)); }
  std::string Time(const std::string& rfc3339) const {
    return rfc3339.empty() ? "-" : calendar_.FormatLocal(std::string_view(rfc3339));
  }
  // "  label: value" when value is not empty.
  void Field(const char* code, const std::string& value, int indent = 2) {
    if (value.empty()) return;
    o_.out << std::string(static_cast<size_t>(indent), ' ') << Label(code) << ": " << value << "\n";
  }
  void Heading(const char* code, size_t count) { o_.out << Label(code) << " (" << count << ")\n"; }
  std::ostream& Item() { return o_.out << "  "; }

 private:
  Output& o_;
  const Calendar& calendar_;
};

}  // namespace

// One line for a person: key, state, priority, title; then what the next state still needs.
void PrintView(const app::IncidentView& v, Output& o) {
  if (o.json) {
    PrintJson(o, api::ToJson(v, o.lang));
    return;
  }
  const core::Incident& i = v.incident;
  o.out << i.key << "  " << core::kIncidentStates.Name(i.state) << "  "
        << core::kPriorities.Name(v.priority.priority) << "  " << i.title << "\n";
  const auto& path = core::Path();
  auto at = std::find(path.begin(), path.end(), i.state);
  if (at != path.end() && at + 1 != path.end()) {
    const auto& missing = v.next_missing;
    std::string next(core::kIncidentStates.Name(*(at + 1)));
    if (missing.empty()) {
      o.out << "  " << Render(Msg("show.ready_for", {{"state", next}}), o.lang) << "\n";
    }
    for (const auto& m : missing) {
      o.out << "  " << Render(Msg("show.needs", {{"what", Render(m, o.lang)}}), o.lang) << "\n";
    }
  }
}

std::string Join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& x : items) out += (out.empty() ? "" : sep) + x;
  return out;
}

std::string EvidenceSource(const core::Evidence& e) {
  if (e.source_host.empty() || e.source_path.empty()) return e.source_host + e.source_path;
  return e.source_host + ":" + e.source_path;
}

void PrintDetail(const app::IncidentView& v, const std::vector<app::TimelineEntry>& timeline,
                 const Calendar& calendar, Output& o) {
  const core::Incident& i = v.incident;
  DetailPrinter p(o, calendar);
  PrintView(v, o);
  std::string reporter = i.reported_by;
  if (!i.reporter_department.empty()) reporter += " (" + i.reporter_department + ")";
  p.Field("reported", p.Time(i.reported_at) + "  " + reporter);
  p.Field("recorded", i.recorded_at.empty() ? "" : p.Time(i.recorded_at));
  p.Field("occurred", i.occurred_at.empty() ? "" : p.Time(i.occurred_at));
  p.Field("aware", p.Time(core::AwareAt(i)));
  p.Field("detected", i.detected_at.empty() ? ""
                                            : p.Time(i.detected_at) + "  " +
                                                  std::string(core::kDetections.Name(i.detection)));
  p.Field("category", i.category);
  p.Field("summary", i.summary);
  std::vector<std::string> reasons;
  for (const auto& r : v.priority.reasons) reasons.push_back(p.T(r));
  p.Field("priority", Join(reasons, "; "));
  std::string harm(core::kHarms.Name(i.harm));
  if (!i.harm_note.empty()) harm += " (" + i.harm_note + ")";
  p.Field("harm", harm);
  p.Field("systems", Join(i.systems));
  std::vector<std::string> hosts;
  for (const auto& h : i.hosts) hosts.push_back(h.system + "/" + h.host);
  p.Field("hosts", Join(hosts));
  for (const auto& c : i.scope_changes) {
    p.Field("scope_added", c.system + "  " + p.Time(c.at) + "  " + c.by + "  (" + c.via + ")" +
                               (c.reason.empty() ? "" : "  " + c.reason));
  }
  p.Field("departments", Join(i.departments));
  std::vector<std::string> people;
  for (const auto& x : i.participants) {
    people.push_back(x.person + " (" + std::string(core::kParticipantRoles.Name(x.role)) + ")");
  }
  p.Field("participants", Join(people));
  p.Field("tlp", std::string(core::kTlps.Name(i.tlp)) +
                     (i.restricted ? "  " + p.Label("restricted") : ""));

  const core::Milestones& m = v.milestones;
  o.out << p.Label("milestones") << "\n";
  const std::pair<const char*, const std::string*> milestones[] = {
      {"m_reported", &m.reported},   {"m_triaged", &m.triaged},   {"m_convened", &m.convened},
      {"m_contained", &m.contained}, {"m_assessed", &m.assessed}, {"m_recovered", &m.recovered},
      {"m_closed", &m.closed}};
  for (const auto& [code, value] : milestones) p.Field(code, p.Time(*value));

  if (i.triage) {
    o.out << p.Label("triage") << "\n";
    p.Field("at", p.Time(i.triage->at) + "  " + i.triage->by + "  " +
                      p.Label(i.triage->confirmed ? "confirmed" : "dismissed"));
    p.Field("reason", i.triage->reason);
  }
  if (i.convocation) {
    const core::Convocation& c = *i.convocation;
    o.out << p.Label("convocation") << "\n";
    p.Field("requested",
            p.Time(c.requested_at) + "  " + c.requested_by + " → " + Join(c.addressees));
    p.Field("convened",
            c.convened_at.empty() ? "" : p.Time(c.convened_at) + "  " + Join(c.attendees));
  }

  p.Heading("decisions", i.decisions.size());
  for (const auto& d : i.decisions) {
    p.Item() << d.id << ". [" << core::kDecisionKinds.Name(d.kind) << "] " << p.Time(d.decided_at)
             << "  " << d.decided_by << ": " << d.text << "\n";
    p.Field("instructed", Join(d.departments), 5);
  }

  p.Heading("contacts", i.contacts.size());
  for (const auto& c : i.contacts) {
    p.Item() << c.id << ". " << p.Time(c.at) << "  "
             << p.T(Msg("show.contact_to",
                        {{"audience", std::string(core::kAudiences.Name(c.audience))},
                         {"contact", c.contact},
                         {"channel", std::string(core::kChannelKinds.Name(c.channel))},
                         {"by", c.by}}))
             << ": " << c.summary << "\n";
    if (c.persons) {
      p.Field("notified", p.T(Msg("show.persons", {{"count", std::to_string(*c.persons)}})), 5);
    }
    if (c.approved_by != 0) p.Field("approved_by", std::to_string(c.approved_by), 5);
    p.Field("follow_up", c.follow_up_due, 5);
  }

  p.Heading("tasks", i.tasks.size());
  for (const auto& t : i.tasks) {
    p.Item() << t.id << ". [" << core::kTaskKinds.Name(t.kind) << "] " << t.title << "\n";
    p.Field("status",
            std::string(core::kTaskStatuses.Name(t.status)) + "  " +
                p.Time(t.status_at.empty() ? t.updated_at : t.status_at) +
                (t.contains ? "  " + p.Label("contains") : ""),
            5);
    p.Field("ordered", t.at.empty() ? "" : p.Time(t.at), 5);
    std::string who = Join({t.department, t.assignee});
    if (t.department.empty() || t.assignee.empty()) who = t.department + t.assignee;
    p.Field("assigned", who, 5);
    p.Field("system", t.system, 5);
    p.Field("due", t.due.empty() ? "" : p.Time(t.due), 5);
    p.Field("result", t.result, 5);
    p.Field("revert_reason", t.revert_reason, 5);
  }

  o.out << p.Label("assessment") << "\n";
  if (!i.assessment) {
    p.Item() << p.Label("none") << "\n";
  } else {
    const core::Assessment& a = *i.assessment;
    p.Field("at", p.Time(a.assessed_at) + "  " + a.assessed_by);
    std::vector<std::string> kinds;
    for (auto k : a.kinds) kinds.emplace_back(core::kDamageKinds.Name(k));
    p.Field("damage", Join(kinds));
    p.Field("scope", a.scope);
    p.Field("systems", Join(a.systems));
    p.Field("first_seen", a.first_seen.empty() ? "" : p.Time(a.first_seen));
    p.Field("last_seen", a.last_seen.empty() ? "" : p.Time(a.last_seen));
    p.Field("route", a.intrusion_route);
    p.Field("method", a.method);
    p.Field("attacker", a.attacker);
    for (const auto& l : a.leaks) {
      std::string leak = l.system;
      if (!l.data_class.empty()) leak += " / " + l.data_class;
      if (l.persons)
        leak += "  " + p.T(Msg("show.persons", {{"count", std::to_string(*l.persons)}}));
      if (l.records)
        leak += "  " + p.T(Msg("show.records", {{"count", std::to_string(*l.records)}}));
      if (l.personal_data) leak += "  " + p.Label("personal_data");
      if (!l.destination.empty()) leak += "  → " + l.destination;
      p.Field("leak", leak);
    }
    for (const auto& d : a.personal_data) {
      p.Field("personal_data_leaked", d.system + ": " +
                                          std::string(core::kLikelihoods.Name(d.leaked)) +
                                          (d.note.empty() ? "" : "  " + d.note));
    }
    if (a.persons) {
      p.Field("affected_persons",
              p.T(Msg("show.persons", {{"count", std::to_string(*a.persons)}})));
    }
    if (!a.personal_data.empty()) {
      p.Field("sensitive", std::string(core::kLikelihoods.Name(a.sensitive_personal_data)));
      p.Field("financial_harm", std::string(core::kLikelihoods.Name(a.financial_harm)));
      p.Field("unauthorized_purpose", std::string(core::kLikelihoods.Name(a.unauthorized_purpose)));
    }
    if (a.spread_outside || !a.spread_note.empty()) {
      p.Field("spread", p.Label(a.spread_outside ? "yes" : "no") +
                            (a.spread_note.empty() ? "" : "  " + a.spread_note));
    }
  }

  p.Heading("recovery", i.recovery.size());
  for (const auto& r : i.recovery) {
    p.Item() << r.system << ": "
             << p.T(Msg("show.recovery_status",
                        {{"status", std::string(core::kRecoveryStatuses.Name(r.status))}}))
             << "  " << p.Time(r.at) << "  " << r.by << (r.note.empty() ? "" : "  " + r.note)
             << "\n";
    p.Field("override", r.override_reason, 5);
  }

  p.Heading("findings", i.findings.size());
  for (const auto& f : i.findings) {
    p.Item() << f.id << ". [" << core::kFindingKinds.Name(f.kind) << "] " << p.Time(f.at) << "  "
             << f.by << ": " << f.text << (f.system.empty() ? "" : " (" + f.system + ")") << "\n";
  }

  p.Heading("prevention", i.prevention.size());
  for (const auto& x : i.prevention) {
    p.Item() << x.id << ". " << x.text << "\n";
    p.Field("owner", x.owner, 5);
    p.Field("due", x.due, 5);
    p.Field("done", p.Label(x.done ? "yes" : "no"), 5);
  }

  p.Heading("backdoor", i.backdoor_checks.size());
  for (const auto& b : i.backdoor_checks) {
    p.Item() << b.system << (b.host.empty() ? "" : "/" + b.host) << "  "
             << p.T(Msg("show.backdoor_item",
                        {{"item", std::string(core::kBackdoorItems.Name(b.item))}}))
             << ": " << core::kCheckResults.Name(b.result) << "  " << p.Time(b.at) << "  "
             << b.checked_by << (b.note.empty() ? "" : "  " + b.note) << "\n";
    p.Field("hosts", Join(b.hosts), 5);
  }

  p.Heading("evidence", i.evidence.size());
  for (const auto& e : i.evidence) {
    p.Item() << e.id << ". [" << core::kEvidenceKinds.Name(e.kind) << "] " << e.name << "  "
             << e.bytes << " B  sha256:" << e.sha256 << "\n";
    p.Field("added", p.Time(e.added_at) + "  " + e.added_by, 5);
    if (!e.collected_at.empty()) {
      p.Field("collected", p.Time(e.collected_at) + "  " + e.collected_by, 5);
    }
    p.Field("source", EvidenceSource(e), 5);
    p.Field("system", e.system, 5);
    p.Field("collection_method", e.method, 5);
    p.Field("note", e.note, 5);
    for (const auto& c : e.custody) {
      p.Field("custody",
              p.Time(c.at) + "  " + std::string(core::kCustodyActions.Name(c.action)) + "  " +
                  c.by + (c.to.empty() ? "" : " → " + c.to) +
                  (c.purpose.empty() ? "" : "  " + c.purpose),
              5);
    }
  }
  if (i.legal_hold) {
    p.Field("legal_hold",
            p.Time(i.legal_hold->at) + "  " + i.legal_hold->by + "  " + i.legal_hold->reason);
  }

  // G4.3.2c: each duty the facts trigger: its state, deadline and how late.
  p.Heading("obligations", v.obligations.size());
  for (const auto& c : v.obligations) {
    p.Item() << (o.lang == Lang::kEn && !c.name_en.empty() ? c.name_en : c.name) << "  ["
             << core::kClockStates.Name(c.state) << "]"
             << (c.due.empty() ? "" : "  " + p.Label("due") + " " + p.Time(c.due))
             << (c.late_days > 0 ? "  +" + std::to_string(c.late_days) + "d" : "") << "\n";
    if (c.filing) {
      p.Field("filed",
              c.filing->waived ? c.filing->reason
                               : p.Time(c.filing->filed_at) + "  " + c.filing->reference,
              5);
    }
  }

  p.Heading("timeline", timeline.size());
  for (const auto& t : timeline) {
    p.Item() << p.Time(t.at) << "  " << t.entry.actor << "  " << t.entry.action;
    Json body = Json::parse(t.entry.body, nullptr, false);
    if (body.is_object() && body.contains("to") && body["to"].is_string()) {
      o.out << " → " << body["to"].get<std::string>();
    }
    o.out << "  (" << p.Label("recorded") << " " << p.Time(t.entry.at) << ")\n";
  }
}

}  // namespace sokuo::cli
