// Rules of the disaster area (G5.2) over the records of disaster.h: checks of each record against
// the organization, as incident_rules.h makes them (every problem, with a JSON pointer relative
// to the record), and the views and inputs the disaster board and the recovery planner read.
// Pure: `now` and the calendar come in as parameters.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/time.h"
#include "core/access.h"
#include "core/disaster.h"
#include "core/organization.h"
#include "core/recovery_plan.h"

namespace sokuo::core {

// The fields set at declaration and by updates: title (required), summary, sites and areas
// (each once), affected departments (known, each once), declared_by (a person), declared_at.
std::vector<Detail> CheckDisasterHeader(const Disaster& d, const Organization& org);
// G5.2.3: a known person and department, hours_per_day 1–24, day_starts_hour 0–23, `from` RFC
// 3339, extra skills not empty and each once.
std::vector<Detail> CheckAvailability(const Availability& a, const Organization& org);
// G5.2.4: a known department; the target a known system (item systems) or storage medium (item
// confidential_media), none for the other items.
std::vector<Detail> CheckSurveyEntry(const SurveyEntry& e, const Organization& org);
// G5.2.6b, G5.2.6c: a known system; the 復旧目処 RFC 3339.
std::vector<Detail> CheckProgress(const SystemProgress& p, const Organization& org);
// G5.2.6c: the vendor a directory contact of kind vendor, or one with a maintenance contract;
// the system known when named; times RFC 3339; an answered or declined request says the answer.
std::vector<Detail> CheckVendorRequest(const VendorRequest& r, const Organization& org);
// G5.2.6a: the rule, scope and reason given; decided by the committee (IsCommittee); an expiry
// (RFC 3339) after the decision.
std::vector<Detail> CheckExemption(const Exemption& x, const Organization& org);

// G5.2.4: the damage survey as departments × items. A cell is the worst of the latest entries of
// that department and item over its sites and targets — down, then unknown, then degraded, then
// ok — and unknown when nothing was surveyed.
struct SurveyRow {
  std::string department;
  std::array<SurveyStatus, kSurveyItems.entries.size()> cells{};  // in kSurveyItems order
  friend bool operator==(const SurveyRow&, const SurveyRow&) = default;
};
struct SurveyGap {
  std::string department;
  SurveyItem item = SurveyItem::kSystems;
  friend bool operator==(const SurveyGap&, const SurveyGap&) = default;
};
struct SurveyMatrixView {
  // The affected departments in the disaster's order, or, when it names none, the
  // organization's IS and user departments; then any other department that surveyed, in the
  // order of its first entry.
  std::vector<SurveyRow> rows;
  std::vector<SurveyGap> unknown;  // the cells still unknown, row by row
  friend bool operator==(const SurveyMatrixView&, const SurveyMatrixView&) = default;
};
SurveyMatrixView SurveyMatrix(const Disaster& d, const Organization& org);

// G5.2.1, G5.2.4: the storage media of the matrix's departments (their owner), the most
// confidential first (secret, confidential, internal, public; then in the organization's order),
// each the worst of its latest entries (item confidential_media with the medium as target), or
// unknown when not surveyed.
struct MediumStatus {
  std::string medium;
  Confidentiality confidentiality = Confidentiality::kConfidential;
  SurveyStatus status = SurveyStatus::kUnknown;
  friend bool operator==(const MediumStatus&, const MediumStatus&) = default;
};
std::vector<MediumStatus> MediaSurvey(const Disaster& d, const Organization& org);

// G5.2.3: who can work, per department, against the roles of its action plan (G3.3).
struct StaffMember {
  std::string person;
  std::optional<Availability> latest;  // nullopt: not answered
  bool called_in = true;               // Person::available_for_emergency_work
  // Can work (answered so, and may be called in) and already from `now`.
  bool available_now = false;
  friend bool operator==(const StaffMember&, const StaffMember&) = default;
};
struct ActionPlanRoleView {
  std::string title;
  std::string person;
  std::vector<std::string> deputies;
  // The first of the person and the deputies, in order of succession, who can work (answered so
  // and may be called in); empty: the role is unfilled.
  std::string filled_by;
  friend bool operator==(const ActionPlanRoleView&, const ActionPlanRoleView&) = default;
};
struct DepartmentStaff {
  std::string department;
  // Everyone who works for the department now: whose latest answer names it, and its own people
  // who did not name another; in the organization's order.
  std::vector<StaffMember> people;
  std::vector<ActionPlanRoleView> roles;  // its kActionPlan assignments
  friend bool operator==(const DepartmentStaff&, const DepartmentStaff&) = default;
};
// Every department with people or action-plan roles, in the organization's order.
std::vector<DepartmentStaff> StaffView(const Disaster& d, const Organization& org, Timestamp now);

// A system's state as the disaster's records say: the latest progress (restored: ok; degraded:
// degraded; down or restoring: down), unless survey entries about the system are later; then the
// worst of those (item systems with the system as target; for a power system also the power item
// of its owner department). Unknown when neither says anything.
SurveyStatus SystemStatus(const Disaster& d, const Organization& org, const std::string& system);

// G5.2.6b: what the recovery plan shows of a system that is not back, beside the planner's times.
struct SystemOutlook {
  std::string system;
  SurveyStatus status = SurveyStatus::kUnknown;  // SystemStatus
  std::string owner;                             // department id
  // Owned by an IS department: its 復旧目処 is asked of the IS department, and it is restored
  // with them (G5.2.6b, G5.2.6c).
  bool ask_is_department = false;
  std::string eta;            // the latest progress's 復旧目処, as given; empty: none yet
  std::string note;           // the latest progress's note: degraded operation, workaround in use
  std::string degraded_mode;  // what the organization plans for it (InfoSystem)
  std::string workaround;
  std::vector<int> vendor_requests;  // the open ones for it, in the order recorded
  friend bool operator==(const SystemOutlook&, const SystemOutlook&) = default;
};
// Every system of the organization whose SystemStatus is not ok, in the organization's order.
std::vector<SystemOutlook> Outlook(const Disaster& d, const Organization& org);

// How far ahead a disaster's plan looks for working hours.
inline constexpr int kDisasterPlanDays = 30;

// The planner's input for `d` as of `now` (G5.2.1, G5.2.6):
//  - every system of the organization with its SystemStatus, effort, skills and boosts, the RTO
//    counted from declared_at;
//  - a power system whose latest progress is down with a 復旧目処 comes back then by itself
//    (external_eta: the utility restores it);
//  - a system waits for the latest open vendor request for it that gives an ETA (earliest_start);
//  - as workers, everyone who may be called in and whose latest answer says they can work, with
//    their own and their extra skills, from `from` (or now) for hours_per_day (default
//    kWorkdayHours) each day from day_starts_hour (default the company's workday_start_hour) for
//    kDisasterPlanDays, on open days only unless they work around the clock (24 hours).
PlanInput DisasterPlanInput(const Disaster& d, const Organization& org, Timestamp now,
                            const Calendar& calendar);

// What blocks closing `d`: every tier-a system must be back (SystemStatus ok: restored, or
// surveyed ok with no later progress), unless the committee gives `committee_reason` to close
// anyway. Empty when it may close.
std::vector<Message> CloseCheck(const Disaster& d, const Organization& org,
                                const std::string& committee_reason = {});

// Closes `d` at `at`. Refused (kConflict, each block a detail) when CloseCheck finds blocks and
// no reason is given, or when the reason to close anyway comes from someone not on the committee
// (IsCommittee). Closed, it keeps when (closed_at) and the reason given, if any (close_reason).
[[nodiscard]] Result<void> CloseDisaster(Disaster& d, const Organization& org,
                                         const std::string& by, Timestamp at,
                                         const std::string& reason);

// G5.2.6a: the exemptions in force at `now` (now < expires_at), in the order decided.
std::vector<Exemption> ActiveExemptions(const Disaster& d, Timestamp now);

// Who may do what in a disaster (G5.2). Everyone signed in sees a disaster: it concerns the
// whole company, and a department head at the site must read the board to fill it in. The
// auditor changes nothing; the local operator may do everything.
enum class DisasterAction {
  kDeclare,   // the committee, the IS department, any department head (G5.2.2)
  kUpdate,    // the header: the committee, the IS department, the one who declared it
  kRollCall,  // a person's availability: the person, the head of their own department or of the
              // department their latest recorded answer says they work for, the committee, the
              // IS department (G5.2.3); never on the strength of the answer being recorded
  kSurvey,    // the people of the surveyed department, the committee, the IS department (G5.2.4)
  kProgress,  // the owner department's people and the IS department (G5.2.6b, G5.2.6c)
  kTask,      // emergency measures and vendor requests: the committee, the IS department
  kDecide,    // the committee's decisions: the committee, the IS department records them
  kContact,   // contacts inside and outside (G5.2.2): the committee, the IS department
  kExempt,    // the committee decides, the IS department may record it (G5.2.6a); the decider
              // is checked to be on the committee (CheckExemption)
  kClose      // the committee and the IS department; closing with tier-a systems down needs a
              // committee member's reason (CloseDisaster)
};
// `department`: the department the record concerns (kRollCall: the one the person's latest
// recorded answer names, as stored; kSurvey: the surveyed one, and the owner of a surveyed system
// or medium; kProgress: the system's owner); `person`: kRollCall's subject.
bool CanDoDisaster(const Principal& p, DisasterAction action, const Disaster& d,
                   const Organization& org, const std::string& department = {},
                   const std::string& person = {});

}  // namespace sokuo::core
