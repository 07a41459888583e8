// The kinds of message sokuo sends (G4.3.2, G5.2.3): each names the moment someone must be told.
// A webhook can be limited to some of them (organization.h, Webhook::kinds).
#pragma once

#include <array>
#include <string_view>

namespace sokuo::core {

inline constexpr std::array<std::string_view, 14> kNoticeKinds = {
    "incident.reported",         // G3.3, G4.3.2a: a report reaches the IS department
    "incident.convocation",      // G4.3.2a: the committee is asked to convene
    "incident.escalation",       // G4.3.2a: nobody acknowledged it in time; the deputies are asked
    "incident.decision",         // G3.1: the committee instructs departments
    "incident.task",             // G4.3.3: a measure is assigned to someone
    "incident.task_overdue",     // G4.3.3: a measure is past its due time and not done
    "incident.follow_up",        // G4.3.2: a contact's follow-up is due today
    "incident.deadline_near",    // G4.3.2c: a reporting duty's deadline is near
    "incident.deadline_passed",  // G4.3.2c: a reporting duty is past its deadline, not filed
    "disaster.declared",         // G5.2.2: a disaster is declared; the committee and IS are told
    "disaster.roll_call",        // G5.2.3: department heads are asked who of theirs can work
    "disaster.decision",         // G3.1, G5.2: the committee instructs departments
    "account.password.reset",    // a person's password was reset by an administrator
    "control.overdue"            // G4.1, G4.2: a routine control was not done by its due time
};

constexpr bool IsNoticeKind(std::string_view kind) {
  for (std::string_view k : kNoticeKinds) {
    if (k == kind) return true;
  }
  return false;
}

}  // namespace sokuo::core
