#include "core/incident.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "core/obligation.h"

namespace sokuo::core {

const std::vector<std::string>& DefaultCategories() {
  static const std::vector<std::string> kCategories = {"abusive-content",
                                                       "malicious-code",
                                                       "information-gathering",
                                                       "intrusion-attempts",
                                                       "intrusions",
                                                       "availability",
                                                       "information-content-security",
                                                       "fraud",
                                                       "vulnerable",
                                                       "other",
                                                       "test"};
  return kCategories;
}

const std::vector<std::string>& IncidentCategories(const Organization& org) {
  return org.incident_categories.empty() ? DefaultCategories() : org.incident_categories;
}

std::optional<ContactKind> ContactKindOf(Audience a) {
  switch (a) {
    case Audience::kInternal:
    case Audience::kPr:
    case Audience::kIndividuals:
      return std::nullopt;
    case Audience::kCustomer:
      return ContactKind::kCustomer;
    case Audience::kPartner:
      return ContactKind::kPartner;
    case Audience::kPolice:
      return ContactKind::kPolice;
    case Audience::kCsirt:
      return ContactKind::kCsirt;
    case Audience::kIpa:
      return ContactKind::kIpa;
    case Audience::kRegulator:
      return ContactKind::kRegulator;
    case Audience::kAuthority:
      return ContactKind::kAuthority;
    case Audience::kVendor:
      return ContactKind::kVendor;
    case Audience::kInsurer:
      return ContactKind::kInsurer;
    case Audience::kPress:
      return ContactKind::kPress;
  }
  return std::nullopt;
}

std::vector<DecisionKind> ApprovingKinds(Audience a) {
  switch (a) {
    case Audience::kInternal:
    case Audience::kPr:
      return {};
    // G4.3.2b: customers and others, under the committee's instructions.
    case Audience::kCustomer:
    case Audience::kPartner:
    case Audience::kIndividuals:
    case Audience::kVendor:
    case Audience::kInsurer:
      return {DecisionKind::kApproval};
    // G4.3.2c: the committee decides whether to contact public agencies.
    case Audience::kPolice:
    case Audience::kCsirt:
    case Audience::kIpa:
    case Audience::kRegulator:
    case Audience::kAuthority:
      return {DecisionKind::kAgencyContact, DecisionKind::kApproval};
    // G4.3.2a: the committee decides how to deal with the press.
    case Audience::kPress:
      return {DecisionKind::kPress};
  }
  return {DecisionKind::kApproval};
}

bool NeedsCommitteeApproval(Audience a) { return !ApprovingKinds(a).empty(); }

std::string Evidence::FileName() const {
  std::string out = name;
  if (size_t slash = out.find_last_of("/\\"); slash != std::string::npos) out.erase(0, slash + 1);
  out.erase(0, out.find_first_not_of('.'));
  return out.empty() ? "evidence" : out;
}

std::string IncidentKey(int year, int number) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "INC-%04d-%04d", year, number);
  return buf;
}

std::optional<std::pair<int, int>> ParseIncidentKey(std::string_view key) {
  auto digits = [](std::string_view s, size_t min, size_t max) -> std::optional<int> {
    if (s.size() < min || s.size() > max) return std::nullopt;
    int n = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return std::nullopt;
      n = n * 10 + (c - '0');
    }
    return n;
  };
  if (!key.starts_with("INC-") || key.size() < 13 || key[8] != '-') return std::nullopt;
  auto year = digits(key.substr(4, 4), 4, 4);
  auto number = digits(key.substr(9), 4, 9);
  if (!year || !number || *number == 0) return std::nullopt;
  if (IncidentKey(*year, *number) != key) return std::nullopt;  // one spelling per incident
  return std::pair(*year, *number);
}

Result<std::string> EventTime(const std::string& given, const std::string& where, Timestamp now) {
  if (given.empty()) return FormatRfc3339(now);
  auto t = ParseRfc3339(given);
  if (!t) return Fail(ErrorCode::kInvalidInput, t.error().msg, where);
  if (auto problem = FutureTimeProblem(given, where, now)) {
    return Fail(ErrorCode::kInvalidInput, problem->msg, where);
  }
  return FormatRfc3339(*t);
}

std::optional<Detail> FutureTimeProblem(const std::string& value, const std::string& where,
                                        Timestamp now) {
  auto t = ParseRfc3339(value);
  if (!t || *t <= now + kFutureSkew) return std::nullopt;
  std::string field = where.empty() ? "at" : where.substr(where.find_last_of('/') + 1);
  return MakeDetail(where,
                    Msg("time.in_future", {{"field", field},
                                           {"value", value},
                                           {"minutes", std::to_string(kFutureSkew.count() / 60)},
                                           {"limit", FormatRfc3339(now + kFutureSkew)}}));
}

const std::string& AwareAt(const Incident& incident) {
  return incident.aware_at.empty() ? incident.reported_at : incident.aware_at;
}

std::vector<Detail> CheckReportTimes(const Incident& i, Timestamp now) {
  std::vector<Detail> out;
  const std::pair<const std::string*, const char*> times[] = {{&i.occurred_at, "/occurred_at"},
                                                              {&i.aware_at, "/aware_at"},
                                                              {&i.reported_at, "/reported_at"},
                                                              {&i.detected_at, "/detected_at"}};
  for (const auto& [value, where] : times) {
    if (value->empty()) continue;
    if (auto t = ParseRfc3339(*value); !t) {
      out.push_back(MakeDetail(where, t.error().msg));
    } else if (auto problem = FutureTimeProblem(*value, where, now)) {
      out.push_back(std::move(*problem));
    }
  }
  auto occurred = ParseRfc3339(i.occurred_at);
  auto aware = ParseRfc3339(AwareAt(i));
  if (occurred && aware && *occurred > *aware) {
    out.push_back(
        MakeDetail("/occurred_at", Msg("incident.occurred_after_aware",
                                       {{"occurred", i.occurred_at}, {"aware", AwareAt(i)}})));
  }
  return out;
}

std::vector<size_t> EventOrder(const std::vector<std::string>& event_times) {
  // An unreadable time takes the key of the readable one recorded before it.
  std::vector<Timestamp> keys(event_times.size());
  Timestamp last = Timestamp::min();
  for (size_t k = 0; k < event_times.size(); ++k) {
    if (auto t = ParseRfc3339(event_times[k])) last = *t;
    keys[k] = last;
  }
  std::vector<size_t> order(event_times.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return keys[a] < keys[b]; });
  return order;
}

const std::vector<IncidentState>& Path() {
  static const std::vector<IncidentState> kPath = {
      IncidentState::kReported,   IncidentState::kTriaged,   IncidentState::kConvened,
      IncidentState::kContaining, IncidentState::kAssessing, IncidentState::kRecovering,
      IncidentState::kReviewing,  IncidentState::kClosed};
  return kPath;
}

PriorityResult ComputePriority(const Incident& incident, const Organization& org) {
  PriorityResult r;
  std::vector<std::string> tier_a, tier_b, confidential;
  for (const std::string& id : incident.systems) {
    const InfoSystem* s = org.FindSystem(id);
    if (s == nullptr) continue;
    if (s->tier == Tier::kA) tier_a.push_back(id);
    if (s->tier == Tier::kB) tier_b.push_back(id);
    for (const DataClass& d : s->data) {
      if (d.confidentiality >= Confidentiality::kConfidential) {
        confidential.push_back(id + " (" + d.name + ")");
        break;
      }
    }
  }
  auto join = [](const std::vector<std::string>& v) {
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : ", ") + x;
    return out;
  };
  // G4.3.1: serious harm to customers or partners comes first.
  if (incident.harm == Harm::kSerious) {
    r.priority = Priority::kP1;
    r.reasons.push_back(Msg("priority.serious_harm"));
  } else if (incident.harm == Harm::kPossible || !tier_a.empty() || !confidential.empty()) {
    r.priority = Priority::kP2;
    if (incident.harm == Harm::kPossible) {
      r.reasons.push_back(Msg("priority.possible_harm"));
    }
    if (!tier_a.empty()) r.reasons.push_back(Msg("priority.tier_a", {{"systems", join(tier_a)}}));
    if (!confidential.empty()) {
      r.reasons.push_back(Msg("priority.confidential", {{"systems", join(confidential)}}));
    }
  } else if (!tier_b.empty()) {
    r.priority = Priority::kP3;
    r.reasons.push_back(Msg("priority.tier_b", {{"systems", join(tier_b)}}));
  } else {
    r.priority = Priority::kP4;
    r.reasons.push_back(incident.systems.empty() ? Msg("priority.no_system")
                                                 : Msg("priority.tier_c_only"));
  }
  if (incident.priority_override) {
    r.reasons.push_back(
        Msg("priority.overridden", {{"from", std::string(kPriorities.Name(r.priority))},
                                    {"by", incident.priority_override->by},
                                    {"reason", incident.priority_override->reason}}));
    r.priority = incident.priority_override->priority;
    r.overridden = true;
  }
  return r;
}

std::vector<std::string> PersonalDataSystems(const Incident& incident, const Organization& org) {
  std::vector<std::string> out;
  for (const std::string& id : incident.systems) {
    const InfoSystem* s = org.FindSystem(id);
    if (s != nullptr && std::any_of(s->data.begin(), s->data.end(),
                                    [](const DataClass& d) { return d.personal_data; })) {
      out.push_back(id);
    }
  }
  return out;
}

std::vector<Message> Requirements(const Incident& i, IncidentState state, const Organization* org) {
  std::vector<Message> missing;
  switch (state) {
    case IncidentState::kReported:
      break;
    case IncidentState::kTriaged:
      // G3.2: the IS department confirms the report.
      if (!i.triage || !i.triage->confirmed) {
        missing.push_back(Msg("requirement.not_triaged"));
      }
      break;
    case IncidentState::kConvened:
      // G3.1, G4.3.2a: a convocation record, and the committee has met.
      if (!i.convocation) {
        missing.push_back(Msg("requirement.no_convocation"));
      } else if (i.convocation->convened_at.empty()) {
        missing.push_back(Msg("requirement.committee_not_met"));
      }
      break;
    case IncidentState::kContaining:
      // G3.1: the committee decides how to respond.
      if (std::none_of(i.decisions.begin(), i.decisions.end(),
                       [](const Decision& d) { return d.kind == DecisionKind::kPolicy; })) {
        missing.push_back(Msg("requirement.no_policy"));
      }
      break;
    case IncidentState::kAssessing:
      // G4.3.3: emergency measures are taken, and none still waits to be started.
      if (i.tasks.empty()) {
        missing.push_back(Msg("requirement.no_measure"));
      } else if (std::all_of(i.tasks.begin(), i.tasks.end(),
                             [](const Task& t) { return t.status == TaskStatus::kFailed; })) {
        // A measure that did not work contains nothing.
        missing.push_back(Msg("requirement.every_measure_failed"));
      }
      for (const Task& t : i.tasks) {
        if (t.status == TaskStatus::kOpen) {
          missing.push_back(Msg("requirement.measure_not_started",
                                {{"id", std::to_string(t.id)}, {"title", t.title}}));
        }
      }
      break;
    case IncidentState::kRecovering:
      // G4.3.4: no recovery without a damage assessment.
      if (!i.assessment) {
        missing.push_back(Msg("requirement.no_assessment"));
      } else if (i.assessment->kinds.empty() && i.assessment->scope.empty()) {
        missing.push_back(Msg("requirement.assessment_empty"));
      }
      // G4.3.4(3): for every affected system holding personal data, whether it leaked (yes,
      // possibly, no, or unknown as an answer): the regulator's clock depends on it.
      if (i.assessment && org != nullptr) {
        for (const std::string& s : PersonalDataSystems(i, *org)) {
          const auto& answers = i.assessment->personal_data;
          if (std::none_of(answers.begin(), answers.end(),
                           [&](const PersonalDataLeak& p) { return p.system == s; })) {
            missing.push_back(Msg("requirement.personal_data_unanswered", {{"system", s}}));
          }
        }
      }
      break;
    case IncidentState::kReviewing:
      // G4.3.5: every affected system is back (restored, or running degraded).
      for (const std::string& s : i.systems) {
        auto it = std::find_if(i.recovery.begin(), i.recovery.end(),
                               [&](const Recovery& r) { return r.system == s; });
        if (it == i.recovery.end()) {
          missing.push_back(Msg("requirement.no_recovery_status", {{"system", s}}));
        } else if (it->status != RecoveryStatus::kRestored &&
                   it->status != RecoveryStatus::kDegraded) {
          missing.push_back(
              Msg("requirement.system_not_recovered",
                  {{"system", s}, {"status", std::string(kRecoveryStatuses.Name(it->status))}}));
        }
      }
      for (const Task& t : i.tasks) {
        if (t.status == TaskStatus::kInProgress) {
          missing.push_back(Msg("requirement.measure_in_progress",
                                {{"id", std::to_string(t.id)}, {"title", t.title}}));
        }
      }
      break;
    case IncidentState::kClosed: {
      // G4.4.1, G4.4.2, G4.4.3.
      if (i.findings.empty()) missing.push_back(Msg("requirement.no_finding"));
      if (i.prevention.empty()) missing.push_back(Msg("requirement.no_prevention"));
      for (const Prevention& p : i.prevention) {
        if (p.owner.empty() || p.due.empty()) {
          missing.push_back(
              Msg("requirement.prevention_incomplete", {{"id", std::to_string(p.id)}}));
        }
      }
      // An item is answered for the whole system, or for each affected host of the system
      // when the scope names hosts.
      auto answered = [&](const std::string& s, const std::string& host, BackdoorItem item) {
        return std::any_of(i.backdoor_checks.begin(), i.backdoor_checks.end(),
                           [&](const BackdoorCheck& c) {
                             return c.system == s && c.host == host && c.item == item;
                           });
      };
      for (const std::string& s : i.systems) {
        std::vector<std::string> hosts;
        for (const AffectedHost& h : i.hosts) {
          if (h.system == s) hosts.push_back(h.host);
        }
        for (const auto& entry : kBackdoorItems.entries) {
          BackdoorItem item = entry.first;
          std::string name(entry.second);
          if (answered(s, "", item)) continue;
          if (hosts.empty()) {
            missing.push_back(
                Msg("requirement.backdoor_unanswered", {{"system", s}, {"item", name}}));
          }
          for (const std::string& h : hosts) {
            if (!answered(s, h, item)) {
              missing.push_back(Msg("requirement.backdoor_host_unanswered",
                                    {{"system", s}, {"host", h}, {"item", name}}));
            }
          }
        }
      }
      if (std::none_of(i.evidence.begin(), i.evidence.end(),
                       [](const Evidence& e) { return e.kind == EvidenceKind::kAccessLog; })) {
        missing.push_back(Msg("requirement.no_access_log"));
      }
      // G4.3.2c: every reporting duty the facts trigger is filed, or the committee recorded why
      // not.
      if (org != nullptr) {
        for (const ObligationClock& c : ClocksOf(i, *org, Timestamp{})) {
          if (c.filing) continue;
          const Obligation* o = org->FindObligation(c.obligation);
          missing.push_back(Msg("requirement.obligation_open",
                                {{"id", c.obligation}, {"name", o ? DutyName(*o) : c.obligation}}));
        }
      }
      break;
    }
    case IncidentState::kDismissed:
      if (!i.triage || i.triage->confirmed) {
        missing.push_back(Msg("requirement.not_dismissed"));
      } else if (i.triage->reason.empty()) {
        missing.push_back(Msg("requirement.dismissal_reason"));
      }
      break;
  }
  return missing;
}

namespace {

size_t PathIndex(IncidentState s) {
  const auto& path = Path();
  return static_cast<size_t>(std::find(path.begin(), path.end(), s) - path.begin());
}

Error Refusal(IncidentState from, IncidentState to, std::vector<Message> missing) {
  Message msg = Msg("incident.move_refused", {{"from", std::string(kIncidentStates.Name(from))},
                                              {"to", std::string(kIncidentStates.Name(to))}});
  Error e{ErrorCode::kConflict, Render(msg, Lang::kEn), "/state", {}, msg};
  for (auto& m : missing) e.details.push_back(MakeDetail("", std::move(m)));
  return e;
}

}  // namespace

Result<void> Transition(Incident& incident, IncidentState target, const std::string& by,
                        Timestamp at, const std::string& reason, const Organization* org) {
  IncidentState from = incident.state;
  if (target == from) {
    return Fail(
        ErrorCode::kConflict,
        Msg("incident.already_in_state", {{"state", std::string(kIncidentStates.Name(from))}}),
        "/state");
  }
  if (!incident.IsOpen()) {
    // Reopening: a reason, and a target among the open states.
    if (reason.empty()) {
      return Fail(Refusal(from, target,
                          {Msg("incident.reopen_needs_reason",
                               {{"state", std::string(kIncidentStates.Name(from))}})}));
    }
    if (target == IncidentState::kClosed || target == IncidentState::kDismissed) {
      return Fail(Refusal(from, target, {Msg("incident.reopen_to_open_state")}));
    }
    std::vector<Message> missing;
    for (size_t k = 1; k <= PathIndex(target); ++k) {
      for (auto& m : Requirements(incident, Path()[k], org)) missing.push_back(std::move(m));
    }
    if (!missing.empty()) return Fail(Refusal(from, target, std::move(missing)));
  } else if (target == IncidentState::kDismissed) {
    if (PathIndex(from) > PathIndex(IncidentState::kTriaged)) {
      return Fail(Refusal(from, target, {Msg("incident.dismiss_too_late")}));
    }
    auto missing = Requirements(incident, target, org);
    if (!missing.empty()) return Fail(Refusal(from, target, std::move(missing)));
  } else {
    if (PathIndex(target) < PathIndex(from)) {
      return Fail(Refusal(from, target, {Msg("incident.forward_only")}));
    }
    std::vector<Message> missing;
    for (size_t k = PathIndex(from) + 1; k <= PathIndex(target); ++k) {
      for (auto& m : Requirements(incident, Path()[k], org)) missing.push_back(std::move(m));
    }
    if (!missing.empty()) return Fail(Refusal(from, target, std::move(missing)));
  }
  incident.history.push_back({from, target, FormatRfc3339(at), by, reason});
  incident.state = target;
  return {};
}

bool GrowScope(Incident& incident, ScopeChange change) {
  auto& systems = incident.systems;
  if (std::find(systems.begin(), systems.end(), change.system) != systems.end()) return false;
  systems.push_back(change.system);
  incident.scope_changes.push_back(std::move(change));
  return true;
}

Milestones MilestonesOf(const Incident& incident) {
  Milestones m;
  m.reported = incident.reported_at;
  auto first = [&](IncidentState s) -> std::string {
    for (const StateChange& c : incident.history) {
      if (c.to == s) return c.at;
    }
    return "";
  };
  // Moving several states at once enters each of them at that moment.
  auto reached = [&](IncidentState s) -> std::string {
    for (const StateChange& c : incident.history) {
      if (c.to == IncidentState::kDismissed) continue;
      bool reopen = c.from == IncidentState::kClosed || c.from == IncidentState::kDismissed;
      if (!reopen && PathIndex(c.from) < PathIndex(s) && PathIndex(c.to) >= PathIndex(s)) {
        return c.at;
      }
    }
    return first(s);
  };
  m.triaged = reached(IncidentState::kTriaged);
  m.convened = reached(IncidentState::kConvened);
  // Contained when the first containment measure that worked was done: a measure that failed or
  // was reverted is not done, and the state moving on says nothing about when it worked.
  std::optional<Timestamp> contained;
  for (const Task& t : incident.tasks) {
    if (!t.contains || t.status != TaskStatus::kDone) continue;
    const std::string& done = t.status_at.empty() ? t.updated_at : t.status_at;
    auto at = ParseRfc3339(done);
    if (at && (!contained || *at < *contained)) {
      contained = *at;
      m.contained = done;
    }
  }
  m.assessed = reached(IncidentState::kRecovering);
  m.recovered = reached(IncidentState::kReviewing);
  for (const StateChange& c : incident.history) {
    if (c.to == IncidentState::kClosed) m.closed = c.at;  // the last close counts
  }
  if (incident.state != IncidentState::kClosed) m.closed.clear();
  return m;
}

}  // namespace sokuo::core
