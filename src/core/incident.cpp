#include "core/incident.h"

#include <algorithm>
#include <cstdio>
#include <set>

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

bool NeedsCommitteeApproval(Audience a) { return a != Audience::kInternal && a != Audience::kPr; }

std::string IncidentKey(int year, int number) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "INC-%04d-%04d", year, number);
  return buf;
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
    r.reasons.push_back("serious harm to customers or partners");
  } else if (incident.harm == Harm::kPossible || !tier_a.empty() || !confidential.empty()) {
    r.priority = Priority::kP2;
    if (incident.harm == Harm::kPossible) {
      r.reasons.push_back("possible harm to customers or partners");
    }
    if (!tier_a.empty()) r.reasons.push_back("tier-a systems affected: " + join(tier_a));
    if (!confidential.empty()) {
      r.reasons.push_back("systems with confidential data: " + join(confidential));
    }
  } else if (!tier_b.empty()) {
    r.priority = Priority::kP3;
    r.reasons.push_back("tier-b systems affected: " + join(tier_b));
  } else {
    r.priority = Priority::kP4;
    r.reasons.push_back(incident.systems.empty() ? "no affected system named yet"
                                                 : "only tier-c systems affected");
  }
  if (incident.priority_override) {
    r.reasons.push_back("overridden from " + std::string(kPriorities.Name(r.priority)) + " by " +
                        incident.priority_override->by + ": " + incident.priority_override->reason);
    r.priority = incident.priority_override->priority;
    r.overridden = true;
  }
  return r;
}

std::vector<std::string> Requirements(const Incident& i, IncidentState state) {
  std::vector<std::string> missing;
  switch (state) {
    case IncidentState::kReported:
      break;
    case IncidentState::kTriaged:
      // G3.2: the IS department confirms the report.
      if (!i.triage || !i.triage->confirmed) {
        missing.push_back("triaged: the IS department has not confirmed the report");
      }
      break;
    case IncidentState::kConvened:
      // G3.1, G4.3.2a: a convocation record, and the committee has met.
      if (!i.convocation) {
        missing.push_back("convened: no convocation request to the committee is recorded");
      } else if (i.convocation->convened_at.empty()) {
        missing.push_back("convened: the committee has not met (no convened time recorded)");
      }
      break;
    case IncidentState::kContaining:
      // G3.1: the committee decides how to respond.
      if (std::none_of(i.decisions.begin(), i.decisions.end(),
                       [](const Decision& d) { return d.kind == DecisionKind::kPolicy; })) {
        missing.push_back("containing: no response policy decided by the committee");
      }
      break;
    case IncidentState::kAssessing:
      // G4.3.3: emergency measures are taken, and none still waits to be started.
      if (i.tasks.empty()) {
        missing.push_back("assessing: no emergency measure is recorded");
      }
      for (const Task& t : i.tasks) {
        if (t.status == TaskStatus::kOpen) {
          missing.push_back("assessing: emergency measure " + std::to_string(t.id) + " (" +
                            t.title + ") has not been started");
        }
      }
      break;
    case IncidentState::kRecovering:
      // G4.3.4: no recovery without a damage assessment.
      if (!i.assessment) {
        missing.push_back("recovering: no damage assessment is recorded");
      } else if (i.assessment->kinds.empty() && i.assessment->scope.empty()) {
        missing.push_back("recovering: the damage assessment names neither kinds nor scope");
      }
      break;
    case IncidentState::kReviewing:
      // G4.3.5: every affected system is back (restored, or running degraded).
      for (const std::string& s : i.systems) {
        auto it = std::find_if(i.recovery.begin(), i.recovery.end(),
                               [&](const Recovery& r) { return r.system == s; });
        if (it == i.recovery.end()) {
          missing.push_back("reviewing: no recovery status for system " + s);
        } else if (it->status != RecoveryStatus::kRestored &&
                   it->status != RecoveryStatus::kDegraded) {
          missing.push_back("reviewing: system " + s + " is still " +
                            std::string(kRecoveryStatuses.Name(it->status)));
        }
      }
      for (const Task& t : i.tasks) {
        if (t.status == TaskStatus::kInProgress) {
          missing.push_back("reviewing: emergency measure " + std::to_string(t.id) + " (" +
                            t.title + ") is still in progress");
        }
      }
      break;
    case IncidentState::kClosed: {
      // G4.4.1, G4.4.2, G4.4.3.
      if (i.findings.empty()) missing.push_back("closed: no vulnerability survey finding");
      if (i.prevention.empty()) missing.push_back("closed: no prevention measure");
      for (const Prevention& p : i.prevention) {
        if (p.owner.empty() || p.due.empty()) {
          missing.push_back("closed: prevention measure " + std::to_string(p.id) +
                            " needs an owner and a due date");
        }
      }
      for (const std::string& s : i.systems) {
        for (const auto& entry : kBackdoorItems.entries) {
          BackdoorItem item = entry.first;
          std::string_view name = entry.second;
          bool answered =
              std::any_of(i.backdoor_checks.begin(), i.backdoor_checks.end(),
                          [&](const BackdoorCheck& c) { return c.system == s && c.item == item; });
          if (!answered) {
            missing.push_back("closed: backdoor check '" + std::string(name) +
                              "' not answered for system " + s);
          }
        }
      }
      if (std::none_of(i.evidence.begin(), i.evidence.end(),
                       [](const Evidence& e) { return e.kind == EvidenceKind::kAccessLog; })) {
        missing.push_back("closed: no access log is attached as evidence");
      }
      break;
    }
    case IncidentState::kDismissed:
      if (!i.triage || i.triage->confirmed) {
        missing.push_back("dismissed: the IS department has not dismissed the report");
      } else if (i.triage->reason.empty()) {
        missing.push_back("dismissed: a dismissal needs a reason");
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

Error Refusal(IncidentState from, IncidentState to, std::vector<std::string> missing) {
  Error e{ErrorCode::kConflict,
          "cannot move from " + std::string(kIncidentStates.Name(from)) + " to " +
              std::string(kIncidentStates.Name(to)),
          "/state",
          {}};
  for (auto& m : missing) e.details.push_back({"", std::move(m)});
  return e;
}

}  // namespace

Result<void> Transition(Incident& incident, IncidentState target, const std::string& by,
                        Timestamp at, const std::string& reason) {
  IncidentState from = incident.state;
  if (target == from) {
    return Fail(ErrorCode::kConflict,
                "the incident is already " + std::string(kIncidentStates.Name(from)), "/state");
  }
  if (!incident.IsOpen()) {
    // Reopening: a reason, and a target among the open states.
    if (reason.empty()) {
      return Fail(Refusal(
          from, target,
          {"reopening a " + std::string(kIncidentStates.Name(from)) + " incident needs a reason"}));
    }
    if (target == IncidentState::kClosed || target == IncidentState::kDismissed) {
      return Fail(Refusal(from, target, {"reopen to an open state"}));
    }
    std::vector<std::string> missing;
    for (size_t k = 1; k <= PathIndex(target); ++k) {
      for (auto& m : Requirements(incident, Path()[k])) missing.push_back(std::move(m));
    }
    if (!missing.empty()) return Fail(Refusal(from, target, std::move(missing)));
  } else if (target == IncidentState::kDismissed) {
    if (PathIndex(from) > PathIndex(IncidentState::kTriaged)) {
      return Fail(Refusal(from, target,
                          {"dismissed: only a reported or triaged incident can be dismissed"}));
    }
    auto missing = Requirements(incident, target);
    if (!missing.empty()) return Fail(Refusal(from, target, std::move(missing)));
  } else {
    if (PathIndex(target) < PathIndex(from)) {
      return Fail(Refusal(from, target, {"states only move forward; close and reopen to go back"}));
    }
    std::vector<std::string> missing;
    for (size_t k = PathIndex(from) + 1; k <= PathIndex(target); ++k) {
      for (auto& m : Requirements(incident, Path()[k])) missing.push_back(std::move(m));
    }
    if (!missing.empty()) return Fail(Refusal(from, target, std::move(missing)));
  }
  incident.history.push_back({from, target, FormatRfc3339(at), by, reason});
  incident.state = target;
  return {};
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
  m.contained = reached(IncidentState::kAssessing);
  m.assessed = reached(IncidentState::kRecovering);
  m.recovered = reached(IncidentState::kReviewing);
  for (const StateChange& c : incident.history) {
    if (c.to == IncidentState::kClosed) m.closed = c.at;  // the last close counts
  }
  if (incident.state != IncidentState::kClosed) m.closed.clear();
  return m;
}

}  // namespace sokuo::core
