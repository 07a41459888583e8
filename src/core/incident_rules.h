// Checks of one incident record against the organization and the incident, each returning every
// problem with a JSON pointer relative to the record ("/decided_by"). Use cases check what they
// are about to add or change, so an organization edited later does not make old records
// unchangeable.
#pragma once

#include <vector>

#include "base/error.h"
#include "base/time.h"
#include "core/incident.h"
#include "core/organization.h"

namespace sokuo::core {

inline constexpr size_t kMaxTitle = 200;
inline constexpr size_t kMaxText = 20000;

// The fields set at report time and by updates: title, summary, category, times, systems,
// departments, participants.
std::vector<Detail> CheckHeader(const Incident& i, const Organization& org,
                                const std::vector<std::string>& categories);
std::vector<Detail> CheckDecision(const Decision& d, const Organization& org);
std::vector<Detail> CheckContact(const ContactLog& c, const Incident& i, const Organization& org);
// The same for a contact approved by one of `decisions` (a disaster's).
std::vector<Detail> CheckContact(const ContactLog& c, const std::vector<Decision>& decisions,
                                 const Organization& org);
std::vector<Detail> CheckTask(const Task& t, const Organization& org);
std::vector<Detail> CheckAssessment(const Assessment& a, const Organization& org);
// A recovery step may name any system of the organization: one not yet affected joins the
// affected systems (GrowScope) instead of being refused.
std::vector<Detail> CheckRecovery(const Recovery& r, const Organization& org);
// G4.3.5, G5.2.1: a system is marked restored only after the systems it depends on (directly
// or through others: power and network too) that this incident records as down or restoring,
// unless `override_reason` says why; one problem per such dependency, nearest first.
std::vector<Detail> CheckRecoveryOrder(const Recovery& r, const Incident& i,
                                       const Organization& org);
std::vector<Detail> CheckFinding(const Finding& f, const Organization& org);
std::vector<Detail> CheckPrevention(const Prevention& p, const Organization& org);
std::vector<Detail> CheckBackdoor(const BackdoorCheck& c, const Incident& i,
                                  const Organization& org);
std::vector<Detail> CheckConvocation(const Convocation& c, const Organization& org);

// G4.4.3: evidence is kept while the incident is open or under a legal hold; after that a
// file may be disposed of (its record stays), once, by someone giving the reason.
std::vector<Detail> CheckDisposal(const Incident& i, const Evidence& e, const std::string& reason);

// True for the committee chair, the chair's deputies and committee members (G3.1).
bool IsCommittee(const Organization& org, const std::string& person);
// G4.3.2c: a filing names a duty of the organization not yet filed for `i`, an evidence of `i`
// if any, and a reason when it is waived.
std::vector<Detail> CheckFiling(const Filing& f, const Incident& i, const Organization& org);

// G3.2: who a report reaches: the heads of IS departments and the IS staff.
std::vector<std::string> IsDepartmentPeople(const Organization& org);
// G4.3.2a: who is asked to convene the committee: the steering council chair, then the
// committee chair and members.
std::vector<std::string> ConveningPeople(const Organization& org);

// A reminder that is due: `what` names it within the incident ("task/3/overdue"), so that it is
// sent once; `kind` is its message kind (core/notice.h); `to` are person ids.
struct Reminder {
  std::string what;
  std::string kind;
  std::vector<std::string> to;
  MessageParams params;
};
// G4.3.3, G4.3.2: measures not done by their due time (to the assignee, or the department's head)
// and contacts whose follow-up day has come (to who made the contact); G4.3.2c: reporting duties
// whose deadline is near (to the IS department and the committee chair) or passed (to those and
// everyone asked to convene the committee); as of `now` in the company's `calendar`. A reminder's
// `what` includes the due time, so a new due time is reminded of again.
std::vector<Reminder> RemindersDue(const Incident& i, const Organization& org, Timestamp now,
                                   const Calendar& calendar);

}  // namespace sokuo::core
