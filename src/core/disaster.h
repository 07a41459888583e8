// A large-scale disaster as guideline section 5.2 runs it (G5.2). Design note:
//
// A disaster is an emergency with the incident's committee, decisions, contacts and emergency
// measures (Task, G5.2.5); what it adds are its own records: the staff roll call (who can work,
// when and where, G5.2.3), the damage survey (G5.2.4), per-system recovery progress and vendor
// support requests (G5.2.6c), and the committee's exemptions from internal rules (G5.2.6a).
//
// Roll-call answers, survey entries and progress are appended, never edited: a new one
// supersedes the earlier one for the same key, and the *latest* counts — latest by the time the
// event happened (`at`), records with equal or unreadable times in the order they were recorded,
// as the incident's timeline orders them (EventOrder). So a survey written up after the night by
// the one who did it does not override a later one taken at the site. Vendor requests,
// exemptions and measures have ids and are updated in place, as the incident's tasks are.
//
// Everything here is pure; times are UTC RFC 3339 text as in incident.h (EventTime). The rules
// that check these records and derive views from them are in disaster_rules.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/enum_names.h"
#include "core/incident.h"
#include "core/recovery_plan.h"

namespace sokuo::core {

enum class DisasterKind { kEarthquake, kFlood, kFire, kPowerOutage, kPandemic, kOther };
inline constexpr auto kDisasterKinds = MakeEnumNames<DisasterKind>(
    std::pair{DisasterKind::kEarthquake, "earthquake"}, std::pair{DisasterKind::kFlood, "flood"},
    std::pair{DisasterKind::kFire, "fire"}, std::pair{DisasterKind::kPowerOutage, "power_outage"},
    std::pair{DisasterKind::kPandemic, "pandemic"}, std::pair{DisasterKind::kOther, "other"});

enum class DisasterState { kDeclared, kRecovering, kClosed };
inline constexpr auto kDisasterStates =
    MakeEnumNames<DisasterState>(std::pair{DisasterState::kDeclared, "declared"},
                                 std::pair{DisasterState::kRecovering, "recovering"},
                                 std::pair{DisasterState::kClosed, "closed"});

// G5.2.3: where a person who can work will work.
enum class WorkPlace { kOffice, kHome, kAlternateSite, kOther };
inline constexpr auto kWorkPlaces = MakeEnumNames<WorkPlace>(
    std::pair{WorkPlace::kOffice, "office"}, std::pair{WorkPlace::kHome, "home"},
    std::pair{WorkPlace::kAlternateSite, "alternate_site"}, std::pair{WorkPlace::kOther, "other"});

// G5.2.3: one roll-call answer, given by the person or their department head. Employees' safety
// is another procedure's; this records only who can work. The latest per person counts.
struct Availability {
  std::string person;
  std::string department;  // the department the person works for now; empty: their own
  bool can_work = false;
  std::string from;                    // from when (RFC 3339); empty: now
  std::optional<int> hours_per_day;    // 1–24; default kWorkdayHours; 24: around the clock
  std::optional<int> day_starts_hour;  // 0–23; default Company::workday_start_hour
  WorkPlace where = WorkPlace::kOffice;
  std::vector<std::string> skills;  // beyond the person's own (Person::skills)
  std::string note;
  std::string recorded_by;
  std::string at;  // when the answer was given (the event)
  friend bool operator==(const Availability&, const Availability&) = default;
};

// G5.2.4: what a department surveys at each of its sites.
enum class SurveyItem { kTelephones, kPower, kNetwork, kSystems, kConfidentialMedia };
inline constexpr auto kSurveyItems = MakeEnumNames<SurveyItem>(
    std::pair{SurveyItem::kTelephones, "telephones"}, std::pair{SurveyItem::kPower, "power"},
    std::pair{SurveyItem::kNetwork, "network"}, std::pair{SurveyItem::kSystems, "systems"},
    std::pair{SurveyItem::kConfidentialMedia, "confidential_media"});

// One survey finding. The latest per (department, site, item, target) counts.
struct SurveyEntry {
  std::string department;
  std::string site;  // free text: "本社 3F"; empty: the department's only site
  SurveyItem item = SurveyItem::kSystems;
  // Which one: a system id for `systems`, a storage medium id for `confidential_media` (whose
  // confidentiality ranks it, G5.2.1); empty for the other items, or for the item as a whole.
  std::string target;
  SurveyStatus status = SurveyStatus::kUnknown;
  std::string note;
  std::string surveyed_by;
  std::string at;  // when it was surveyed (the event)
  friend bool operator==(const SurveyEntry&, const SurveyEntry&) = default;
};

// G5.2.6b, G5.2.6c: how a system's recovery goes, as the department that restores it says.
struct SystemProgress {
  std::string system;
  RecoveryStatus status = RecoveryStatus::kDown;
  // 復旧目処 (RFC 3339), as the IS department gives it for its systems (G5.2.6b); for a power
  // system that is down, when the utility says power returns.
  std::string eta;
  std::string note;  // degraded-mode operation, the business's workaround until it is back
  std::string by;
  std::string at;  // when the system reached this status (the event)
  friend bool operator==(const SystemProgress&, const SystemProgress&) = default;
};

enum class VendorRequestState { kAsked, kAnswered, kDone, kDeclined };
inline constexpr auto kVendorRequestStates =
    MakeEnumNames<VendorRequestState>(std::pair{VendorRequestState::kAsked, "asked"},
                                      std::pair{VendorRequestState::kAnswered, "answered"},
                                      std::pair{VendorRequestState::kDone, "done"},
                                      std::pair{VendorRequestState::kDeclined, "declined"});

// G5.2.6c: help asked of a manufacturer or vendor, with or without a maintenance contract.
struct VendorRequest {
  int id = 0;
  std::string vendor;  // external contact id
  std::string system;  // the system it is for; may be empty (equipment in general)
  std::string asked_at;
  bool under_contract = false;  // as the directory said when asked (UnderContract)
  std::string answer;
  std::string eta;  // when the vendor's help or part arrives (RFC 3339)
  VendorRequestState state = VendorRequestState::kAsked;
  std::string by;
  std::string at;  // when the current state came about (the event)
  friend bool operator==(const VendorRequest&, const VendorRequest&) = default;

  bool IsOpen() const {
    return state == VendorRequestState::kAsked || state == VendorRequestState::kAnswered;
  }
};

// G5.2.6a: the committee lets recovery bypass a named internal rule, within a scope, until it
// expires; in force while now < expires_at.
struct Exemption {
  int id = 0;
  std::string rule;  // the internal rule's name: "持出し申請規程"
  std::string scope;
  std::string expires_at;  // RFC 3339
  std::string decided_by;  // a committee member
  std::string reason;
  std::string at;  // when it was decided (the event)
  friend bool operator==(const Exemption&, const Exemption&) = default;
};

// G5.2.6: one version of the recovery plan, kept each time its input changes (a roll-call
// answer, survey entries, progress, a vendor request), so the plan people worked from can be
// read later. Times are absolute (RFC 3339): the plan as it was, not as it would be recomputed.
struct PlanVersionStep {
  std::string system;
  std::string start_at;
  std::string finish_at;  // 復旧目処
  std::string worker;     // empty when an outside party brings it back (external_eta)
  bool rto_met = true;
  friend bool operator==(const PlanVersionStep&, const PlanVersionStep&) = default;
};
struct PlanVersion {
  int id = 0;
  std::string at;     // when it was made: t = 0 of the plan
  std::string cause;  // the journal action of the change that made it: "disaster.survey"
  std::vector<PlanVersionStep> steps;      // in the planner's order
  std::vector<UnplannedSystem> unplanned;  // with the reason each cannot be planned
  friend bool operator==(const PlanVersion&, const PlanVersion&) = default;
};

struct Disaster {
  std::string key;  // DIS-2026-0001
  int year = 0;
  int number = 0;
  DisasterKind kind = DisasterKind::kEarthquake;
  std::string title;
  std::string summary;
  std::vector<std::string> sites;        // free text: "本社", "大阪倉庫"
  std::vector<std::string> areas;        // free text: "東京都", "関東一円"
  std::vector<std::string> departments;  // affected department ids
  std::string declared_by;               // person
  std::string declared_at;  // when it happened or was declared (the event); RTOs count from it
  DisasterState state = DisasterState::kDeclared;
  std::string closed_at;
  std::string close_reason;  // the committee's reason to close with tier-a systems not back
  std::vector<Availability> roll_call;
  std::vector<SurveyEntry> survey;
  // G5.2.2: the committee's decisions and the contacts made, as in the incident (G4.3.2): an
  // outside party is contacted on a decision that approves it.
  std::vector<Decision> decisions;
  std::vector<ContactLog> contacts;
  std::vector<Task> tasks;  // emergency measures (G5.2.5), as in the incident
  std::vector<SystemProgress> progress;
  std::vector<VendorRequest> vendor_requests;
  std::vector<Exemption> exemptions;
  std::vector<PlanVersion> plans;  // oldest first
  friend bool operator==(const Disaster&, const Disaster&) = default;

  bool IsOpen() const { return state != DisasterState::kClosed; }
};

std::string DisasterKey(int year, int number);

// The latest roll-call answer of `person`; nullptr when the person has not answered.
const Availability* LatestAvailability(const Disaster& d, const std::string& person);
// The survey entries that count: the latest per (department, site, item, target), in the order
// of their first record.
std::vector<const SurveyEntry*> LatestSurvey(const Disaster& d);
// The latest progress of `system`; nullptr when none is recorded.
const SystemProgress* LatestProgress(const Disaster& d, const std::string& system);

// G5.2.6c: whether `c` has a maintenance contract in force on `day` (no expiry date: in force).
bool UnderContract(const ExternalContact& c, Day day);

}  // namespace sokuo::core
