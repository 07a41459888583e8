#include "core/incident_rules.h"

#include <algorithm>
#include <span>

#include "base/text.h"
#include "core/obligation.h"
#include "core/plan_input.h"
#include "core/record_check.h"

namespace sokuo::core {
namespace {

Message NotAffected(const std::string& system, const Incident& i) {
  return Msg("incident.system_not_affected",
             {{"system", system},
              {"key", i.key},
              {"suggestion", Suggest(system, i.systems).value_or("")}});
}

Message UnknownHost(const std::string& system, const std::string& host, const Organization& org) {
  std::vector<std::string> names;
  if (const InfoSystem* s = org.FindSystem(system)) {
    for (const Host& h : s->hosts) names.push_back(h.name);
  }
  return Msg(
      "incident.unknown_host",
      {{"system", system}, {"host", host}, {"suggestion", Suggest(host, names).value_or("")}});
}

}  // namespace

bool IsCommittee(const Organization& org, const std::string& person) {
  return std::any_of(org.roles.begin(), org.roles.end(), [&](const RoleAssignment& r) {
    bool chair = r.role == RoleKind::kCommitteeChair;
    bool deputy =
        chair && std::find(r.deputies.begin(), r.deputies.end(), person) != r.deputies.end();
    return ((chair || r.role == RoleKind::kCommitteeMember) && r.person == person) || deputy;
  });
}

std::vector<Detail> CheckHeader(const Incident& i, const Organization& org,
                                const std::vector<std::string>& categories) {
  RecordCheck c(org);
  c.Text(i.title, "/title", kMaxTitle, true);
  c.Text(i.summary, "/summary", kMaxText, false);
  c.Text(i.harm_note, "/harm_note", kMaxText, false);
  if (!i.category.empty() &&
      std::find(categories.begin(), categories.end(), i.category) == categories.end()) {
    c.Add("/category", UnknownRef("category", i.category, categories));
  }
  c.Time(i.detected_at, "/detected_at");
  c.Person(i.reported_by, "/reported_by");
  c.Department(i.reporter_department, "/reporter_department");
  for (size_t k = 0; k < i.systems.size(); ++k) c.System(i.systems[k], ListItem("systems", k));
  for (size_t k = 0; k < i.departments.size(); ++k) {
    c.Department(i.departments[k], ListItem("departments", k));
  }
  for (size_t k = 0; k < i.participants.size(); ++k) {
    c.Person(i.participants[k].person, ListItem("participants", k) + "/person", true);
  }
  c.Unique(i.systems, "systems");
  c.Unique(i.departments, "departments");
  for (size_t k = 0; k < i.hosts.size(); ++k) {
    const AffectedHost& h = i.hosts[k];
    std::string at = ListItem("hosts", k);
    if (h.host.empty()) c.Add(at + "/host", Msg("field.required"));
    if (std::find(i.systems.begin(), i.systems.end(), h.system) == i.systems.end()) {
      c.Add(at + "/system",
            Msg("incident.host_system_not_affected", {{"system", h.system}, {"host", h.host}}));
    } else if (!h.host.empty() && org.FindHost(h.system, h.host) == nullptr) {
      c.Add(at + "/host", UnknownHost(h.system, h.host, org));
    }
    for (size_t m = 0; m < k; ++m) {
      if (i.hosts[m] == h) c.Add(at, Msg("list.duplicate", {{"value", h.system + "/" + h.host}}));
    }
  }
  return c.Done();
}

std::vector<Detail> CheckDecision(const Decision& d, const Organization& org) {
  RecordCheck c(org);
  c.Text(d.text, "/text", kMaxText, true);
  c.Person(d.decided_by, "/decided_by", true);
  // G3.1: the committee decides.
  if (!d.decided_by.empty() && org.FindPerson(d.decided_by) != nullptr &&
      !IsCommittee(org, d.decided_by)) {
    c.Add("/decided_by", Msg("decision.not_committee", {{"person", d.decided_by}}));
  }
  c.Time(d.decided_at, "/decided_at");
  for (size_t k = 0; k < d.departments.size(); ++k)
    c.Department(d.departments[k], ListItem("departments", k));
  return c.Done();
}

std::vector<Detail> CheckContact(const ContactLog& x, const Incident& i, const Organization& org) {
  return CheckContact(x, i.decisions, org);
}

std::vector<Detail> CheckContact(const ContactLog& x, const std::vector<Decision>& decisions,
                                 const Organization& org) {
  RecordCheck c(org);
  c.Text(x.summary, "/summary", kMaxText, true);
  c.Person(x.by, "/by", true);
  c.Time(x.at, "/at");
  c.Date(x.follow_up_due, "/follow_up_due");
  std::optional<ContactKind> kind = ContactKindOf(x.audience);
  if (x.audience == Audience::kIndividuals) {
    // Notice to the people whose data leaked: who they are, in words, and how many.
    c.Text(x.contact, "/contact", kMaxTitle, true);
    if (!x.persons) {
      c.Add("/persons", Msg("contact.persons_required"));
    } else if (*x.persons < 1) {
      c.Add("/persons", Msg("field.below_min", {{"min", "1"}}));
    }
  } else if (!kind) {
    c.Department(x.contact, "/contact", true);
  } else {
    c.Ref(x.contact, org.contacts, "/contact", "contact", true);
    // The audience says who was told; the directory entry must be one of them.
    const ExternalContact* contact = org.FindContact(x.contact);
    if (contact != nullptr && contact->kind != *kind) {
      c.Add("/contact",
            Msg("contact.kind_mismatch", {{"contact", x.contact},
                                          {"kind", std::string(kContactKinds.Name(contact->kind))},
                                          {"audience", std::string(kAudiences.Name(x.audience))}}));
    }
  }
  // G4.3.2b, G4.3.2c: outside parties are contacted on the committee's decision.
  if (NeedsCommitteeApproval(x.audience)) {
    if (x.approved_by == 0) {
      c.Add("/approved_by", Msg("contact.needs_approval",
                                {{"audience", std::string(kAudiences.Name(x.audience))}}));
    } else {
      auto d = std::find_if(decisions.begin(), decisions.end(),
                            [&](const Decision& y) { return y.id == x.approved_by; });
      std::vector<DecisionKind> kinds = ApprovingKinds(x.audience);
      if (d == decisions.end()) {
        c.Add("/approved_by",
              Msg("contact.no_such_decision", {{"id", std::to_string(x.approved_by)}}));
      } else if (std::find(kinds.begin(), kinds.end(), d->kind) == kinds.end()) {
        std::string names;
        for (DecisionKind k : kinds) {
          names += (names.empty() ? "" : " / ") + std::string(kDecisionKinds.Name(k));
        }
        c.Add("/approved_by", Msg("contact.wrong_decision_kind",
                                  {{"id", std::to_string(d->id)},
                                   {"kind", std::string(kDecisionKinds.Name(d->kind))},
                                   {"audience", std::string(kAudiences.Name(x.audience))},
                                   {"kinds", names}}));
      }
    }
  }
  return c.Done();
}

std::vector<Detail> CheckTask(const Task& t, const Organization& org) {
  RecordCheck c(org);
  c.Text(t.title, "/title", kMaxTitle, true);
  c.Text(t.result, "/result", kMaxText, false);
  c.Department(t.department, "/department");
  c.Person(t.assignee, "/assignee");
  c.System(t.system, "/system");
  c.Time(t.due, "/due");
  if (t.status == TaskStatus::kReverted && t.revert_reason.empty()) {
    c.Add("/revert_reason", Msg("task.revert_needs_reason"));
  }
  if (t.status == TaskStatus::kFailed && t.result.empty()) {
    c.Add("/result", Msg("task.failed_needs_result"));
  }
  return c.Done();
}

std::vector<Detail> CheckAssessment(const Assessment& a, const Organization& org) {
  RecordCheck c(org);
  c.Text(a.scope, "/scope", kMaxText, false);
  c.Time(a.first_seen, "/first_seen");
  c.Time(a.last_seen, "/last_seen");
  if (!a.first_seen.empty() && !a.last_seen.empty()) {
    auto f = ParseRfc3339(a.first_seen);
    auto l = ParseRfc3339(a.last_seen);
    if (f && l && *l < *f) c.Add("/last_seen", Msg("assessment.last_before_first"));
  }
  for (size_t k = 0; k < a.systems.size(); ++k) c.System(a.systems[k], ListItem("systems", k));
  for (size_t k = 0; k < a.leaks.size(); ++k) {
    const Leak& l = a.leaks[k];
    std::string at = ListItem("leaks", k);
    c.System(l.system, at + "/system", true);
    if (const InfoSystem* s = org.FindSystem(l.system); s != nullptr && !l.data_class.empty()) {
      std::vector<std::string> names;
      for (const DataClass& d : s->data) names.push_back(d.name);
      if (std::find(names.begin(), names.end(), l.data_class) == names.end()) {
        c.Add(at + "/data_class", Msg("assessment.unknown_data_class",
                                      {{"system", l.system},
                                       {"data_class", l.data_class},
                                       {"suggestion", Suggest(l.data_class, names).value_or("")}}));
      }
    }
    if (l.records && *l.records < 0) c.Add(at + "/records", Msg("field.below_min", {{"min", "0"}}));
    if (l.persons && *l.persons < 0) c.Add(at + "/persons", Msg("field.below_min", {{"min", "0"}}));
  }
  for (size_t k = 0; k < a.personal_data.size(); ++k) {
    const PersonalDataLeak& p = a.personal_data[k];
    std::string at = ListItem("personal_data", k);
    c.System(p.system, at + "/system", true);
    c.Text(p.note, at + "/note", kMaxText, false);
    for (size_t m = 0; m < k; ++m) {
      if (a.personal_data[m].system == p.system) {
        c.Add(at + "/system", Msg("list.duplicate", {{"value", p.system}}));
      }
    }
  }
  if (a.persons && *a.persons < 0) c.Add("/persons", Msg("field.below_min", {{"min", "0"}}));
  return c.Done();
}

std::vector<Detail> CheckRecovery(const Recovery& r, const Organization& org) {
  RecordCheck c(org);
  c.System(r.system, "/system", true);
  c.Text(r.note, "/note", kMaxText, false);
  c.Text(r.override_reason, "/override_reason", kMaxText, false);
  return c.Done();
}

std::vector<Detail> CheckRecoveryOrder(const Recovery& r, const Incident& i,
                                       const Organization& org) {
  std::vector<Detail> out;
  if (r.status != RecoveryStatus::kRestored || !r.override_reason.empty()) return out;
  // Breadth first from the system, so the nearest dependencies are named first; the
  // organization's rules forbid cycles, and `seen` bounds the walk if one slipped in.
  std::vector<std::string> queue{r.system};
  std::vector<std::string> seen{r.system};
  for (size_t k = 0; k < queue.size(); ++k) {
    const InfoSystem* s = org.FindSystem(queue[k]);
    if (s == nullptr) continue;
    for (const std::string& dep : s->depends_on) {
      if (std::find(seen.begin(), seen.end(), dep) != seen.end()) continue;
      seen.push_back(dep);
      queue.push_back(dep);
      auto rec = std::find_if(i.recovery.begin(), i.recovery.end(),
                              [&](const Recovery& x) { return x.system == dep; });
      if (rec != i.recovery.end() &&
          (rec->status == RecoveryStatus::kDown || rec->status == RecoveryStatus::kRestoring)) {
        out.push_back(MakeDetail(
            "/status", Msg("recovery.dependency_not_back",
                           {{"system", r.system},
                            {"dependency", dep},
                            {"status", std::string(kRecoveryStatuses.Name(rec->status))}})));
      }
    }
  }
  return out;
}

std::vector<Detail> CheckFinding(const Finding& f, const Organization& org) {
  RecordCheck c(org);
  c.Text(f.text, "/text", kMaxText, true);
  c.System(f.system, "/system");
  return c.Done();
}

std::vector<Detail> CheckPrevention(const Prevention& p, const Organization& org) {
  RecordCheck c(org);
  c.Text(p.text, "/text", kMaxText, true);
  c.Person(p.owner, "/owner");
  c.Date(p.due, "/due");
  return c.Done();
}

std::vector<Detail> CheckBackdoor(const BackdoorCheck& b, const Incident& i,
                                  const Organization& org) {
  std::vector<Detail> out;
  if (std::find(i.systems.begin(), i.systems.end(), b.system) == i.systems.end()) {
    out.push_back(MakeDetail("/system", NotAffected(b.system, i)));
  } else if (!b.host.empty() && org.FindHost(b.system, b.host) == nullptr) {
    out.push_back(MakeDetail("/host", UnknownHost(b.system, b.host, org)));
  }
  if (b.result == CheckResult::kFound && b.note.empty()) {
    out.push_back(MakeDetail("/note", Msg("backdoor.note_required")));
  }
  return out;
}

std::vector<Detail> CheckConvocation(const Convocation& v, const Organization& org) {
  RecordCheck c(org);
  for (size_t k = 0; k < v.addressees.size(); ++k)
    c.Person(v.addressees[k], ListItem("addressees", k));
  for (size_t k = 0; k < v.attendees.size(); ++k)
    c.Person(v.attendees[k], ListItem("attendees", k));
  c.Time(v.convened_at, "/convened_at");
  return c.Done();
}

std::vector<Detail> CheckFiling(const Filing& f, const Incident& i, const Organization& org) {
  std::vector<Detail> out;
  if (org.FindObligation(f.obligation) == nullptr) {
    out.push_back(
        MakeDetail("/obligation", Msg("filing.unknown_obligation", {{"id", f.obligation}})));
  } else if (std::any_of(i.filings.begin(), i.filings.end(),
                         [&](const Filing& x) { return x.obligation == f.obligation; })) {
    out.push_back(MakeDetail("/obligation", Msg("filing.already", {{"id", f.obligation}})));
  }
  if (f.evidence != 0 && std::none_of(i.evidence.begin(), i.evidence.end(),
                                      [&](const Evidence& e) { return e.id == f.evidence; })) {
    out.push_back(MakeDetail("/evidence",
                             Msg("filing.unknown_evidence", {{"id", std::to_string(f.evidence)}})));
  }
  if (f.waived && f.reason.empty()) {
    out.push_back(MakeDetail("/reason", Msg("filing.waive_reason")));
  }
  if (!f.waived && f.reference.empty() && f.evidence == 0) {
    out.push_back(MakeDetail("/reference", Msg("filing.no_proof")));
  }
  return out;
}

std::vector<Detail> CheckDisposal(const Incident& i, const Evidence& e, const std::string& reason) {
  std::vector<Detail> out;
  if (e.Disposed()) {
    out.push_back(MakeDetail("/id", Msg("evidence.already_disposed",
                                        {{"id", std::to_string(e.id)}, {"at", e.disposed_at}})));
    return out;
  }
  if (i.IsOpen()) {
    out.push_back(MakeDetail("/state", Msg("evidence.incident_open", {{"key", i.key}})));
  }
  if (i.legal_hold) {
    out.push_back(
        MakeDetail("/legal_hold", Msg("evidence.on_hold", {{"reason", i.legal_hold->reason}})));
  }
  if (std::string holder = e.HeldBy(); !holder.empty()) {
    out.push_back(MakeDetail("/custody", Msg("evidence.not_returned", {{"to", holder}})));
  }
  if (reason.empty()) out.push_back(MakeDetail("/reason", Msg("evidence.disposal_reason")));
  return out;
}

namespace {

void AddUniqueId(std::vector<std::string>& to, const std::string& id) {
  if (!id.empty() && std::find(to.begin(), to.end(), id) == to.end()) to.push_back(id);
}

}  // namespace

std::vector<std::string> IsDepartmentPeople(const Organization& org) {
  std::vector<std::string> out;
  for (const auto& d : org.departments) {
    if (d.kind == DepartmentKind::kIt) AddUniqueId(out, d.head);
  }
  for (const auto& r : org.roles) {
    if (r.role == RoleKind::kIsStaff) AddUniqueId(out, r.person);
  }
  return out;
}

std::vector<std::string> ConveningPeople(const Organization& org) {
  std::vector<std::string> out;
  for (RoleKind kind :
       {RoleKind::kSteeringCouncilChair, RoleKind::kCommitteeChair, RoleKind::kCommitteeMember}) {
    for (const auto& r : org.roles) {
      if (r.role == kind) AddUniqueId(out, r.person);
    }
  }
  return out;
}

std::vector<Reminder> RemindersDue(const Incident& i, const Organization& org, Timestamp now,
                                   const Calendar& calendar) {
  std::vector<Reminder> out;
  for (const Task& t : i.tasks) {
    bool open = t.status == TaskStatus::kOpen || t.status == TaskStatus::kInProgress;
    auto due = ParseRfc3339(t.due);
    if (!open || !due || *due > now) continue;
    std::vector<std::string> to;
    if (!t.assignee.empty()) {
      to.push_back(t.assignee);
    } else if (const Department* d = org.FindDepartment(t.department); d && !d->head.empty()) {
      to.push_back(d->head);
    }
    out.push_back({"task/" + std::to_string(t.id) + "/overdue/" + t.due,
                   "incident.task_overdue",
                   std::move(to),
                   {{"task", t.title}, {"due", calendar.FormatLocal(t.due)}}});
  }
  for (const ContactLog& c : i.contacts) {
    auto day = ParseDay(c.follow_up_due);
    if (!day) continue;
    // From the start of that working day on the company's clock.
    int hour = org.company.workday_start_hour.value_or(kDefaultWorkdayStartHour);
    if (now < LocalHour(calendar, *day, hour)) continue;
    const ExternalContact* party = org.FindContact(c.contact);
    std::vector<std::string> to;
    if (org.FindPerson(c.by) != nullptr) to.push_back(c.by);
    out.push_back({"contact/" + std::to_string(c.id) + "/follow_up/" + c.follow_up_due,
                   "incident.follow_up",
                   std::move(to),
                   {{"contact", party ? party->name : c.contact},
                    {"due", c.follow_up_due},
                    {"summary", c.summary}}});
  }
  for (const ObligationClock& c : ClocksOf(i, org, now)) {
    const Obligation* o = org.FindObligation(c.obligation);
    auto due = ParseRfc3339(c.due);
    if (o == nullptr || c.filing || !due) continue;
    bool passed = *due < now;
    bool near = *due - std::chrono::hours(o->remind_hours.value_or(24)) <= now;
    if (!near) continue;
    std::vector<std::string> to = IsDepartmentPeople(org);
    for (const auto& r : org.roles) {
      if (r.role == RoleKind::kCommitteeChair) AddUniqueId(to, r.person);
    }
    if (passed) {
      for (const std::string& p : ConveningPeople(org)) AddUniqueId(to, p);
    }
    const ExternalContact* recipient = org.FindContact(o->recipient);
    out.push_back({"obligation/" + o->id + (passed ? "/passed/" : "/near/") + c.due,
                   passed ? "incident.deadline_passed" : "incident.deadline_near",
                   std::move(to),
                   {{"duty", DutyName(*o)},
                    {"recipient", recipient ? recipient->name : "-"},
                    {"due", calendar.FormatLocal(c.due)}}});
  }
  return out;
}

}  // namespace sokuo::core
