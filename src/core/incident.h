// A security emergency as guideline sections 3 and 4 run it. Design note:
//
// The state says where the incident stands: reported → triaged → convened → containing →
// assessing → recovering → reviewing → closed (or dismissed). Work overlaps — damage assessment
// may start while containment goes on — so records can be added in any open state; what the
// state machine guards is *entry* into a state: each state has requirements (Requirements())
// that must hold, and moving forward several states at once needs the requirements of every
// state passed. A refused move lists everything missing. Closed and dismissed incidents accept no
// records until reopened with a reason.
//
// Everything here is pure: time and the acting person come in as parameters, and the
// organization is consulted for references (systems, departments, people, contacts).
//
// Times. A record carries the time its event *happened* (`at`, `decided_at`, `convened_at`…),
// given by whoever records it because emergencies are written up after the night, apart from
// the time it was *recorded*, which the journal keeps. Event times default to now and may not lie
// in the future beyond kFutureSkew (EventTime()); they are stored as UTC RFC 3339. The timeline
// orders by event time (EventOrder()) and the milestones are event times.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.h"
#include "base/time.h"
#include "core/enum_names.h"
#include "core/organization.h"

namespace sokuo::core {

enum class IncidentState {
  kReported,
  kTriaged,
  kConvened,
  kContaining,
  kAssessing,
  kRecovering,
  kReviewing,
  kClosed,
  kDismissed
};
inline constexpr auto kIncidentStates = MakeEnumNames<IncidentState>(
    std::pair{IncidentState::kReported, "reported"}, std::pair{IncidentState::kTriaged, "triaged"},
    std::pair{IncidentState::kConvened, "convened"},
    std::pair{IncidentState::kContaining, "containing"},
    std::pair{IncidentState::kAssessing, "assessing"},
    std::pair{IncidentState::kRecovering, "recovering"},
    std::pair{IncidentState::kReviewing, "reviewing"}, std::pair{IncidentState::kClosed, "closed"},
    std::pair{IncidentState::kDismissed, "dismissed"});

enum class Detection { kUserReport, kIsDetection, kAlert, kOutsideNotice };
inline constexpr auto kDetections = MakeEnumNames<Detection>(
    std::pair{Detection::kUserReport, "user_report"},
    std::pair{Detection::kIsDetection, "is_detection"}, std::pair{Detection::kAlert, "alert"},
    std::pair{Detection::kOutsideNotice, "outside_notice"});

// G4.3.1: harm to customers and business partners.
enum class Harm { kUnknown, kNone, kPossible, kSerious };
inline constexpr auto kHarms = MakeEnumNames<Harm>(
    std::pair{Harm::kUnknown, "unknown"}, std::pair{Harm::kNone, "none"},
    std::pair{Harm::kPossible, "possible"}, std::pair{Harm::kSerious, "serious"});

// FIRST TLP 2.0.
enum class Tlp { kClear, kGreen, kAmber, kAmberStrict, kRed };
inline constexpr auto kTlps =
    MakeEnumNames<Tlp>(std::pair{Tlp::kClear, "clear"}, std::pair{Tlp::kGreen, "green"},
                       std::pair{Tlp::kAmber, "amber"},
                       std::pair{Tlp::kAmberStrict, "amber+strict"}, std::pair{Tlp::kRed, "red"});

// The default category list (RSIT / ENISA reference taxonomy classes).
const std::vector<std::string>& DefaultCategories();
// The organization's own list when it has one (incident_categories in the org file).
const std::vector<std::string>& IncidentCategories(const Organization& org);

enum class Priority { kP1, kP2, kP3, kP4 };
inline constexpr auto kPriorities =
    MakeEnumNames<Priority>(std::pair{Priority::kP1, "p1"}, std::pair{Priority::kP2, "p2"},
                            std::pair{Priority::kP3, "p3"}, std::pair{Priority::kP4, "p4"});

enum class ParticipantRole { kLead, kResponder, kLiaison, kCommittee, kObserver };
inline constexpr auto kParticipantRoles = MakeEnumNames<ParticipantRole>(
    std::pair{ParticipantRole::kLead, "lead"}, std::pair{ParticipantRole::kResponder, "responder"},
    std::pair{ParticipantRole::kLiaison, "liaison"},
    std::pair{ParticipantRole::kCommittee, "committee"},
    std::pair{ParticipantRole::kObserver, "observer"});

struct Participant {
  std::string person;
  ParticipantRole role = ParticipantRole::kResponder;
  friend bool operator==(const Participant&, const Participant&) = default;
};

// G3.2: the IS department confirms or dismisses a report.
struct Triage {
  bool confirmed = false;
  std::string reason;  // required when dismissed
  std::string by;
  std::string at;  // when the report was confirmed or dismissed
  friend bool operator==(const Triage&, const Triage&) = default;
};

struct PriorityOverride {
  Priority priority = Priority::kP4;
  std::string reason;
  std::string by;
  std::string at;
  friend bool operator==(const PriorityOverride&, const PriorityOverride&) = default;
};

// G3.1, G4.3.2a: the IS department asks for the committee; the committee meets.
struct Convocation {
  std::string requested_by;
  std::string requested_at;             // when the committee was asked for
  std::vector<std::string> addressees;  // the steering council chair and committee members
  std::string convened_at;              // empty until the committee has met
  std::vector<std::string> attendees;
  friend bool operator==(const Convocation&, const Convocation&) = default;
};

enum class DecisionKind { kPolicy, kApproval, kInstruction, kPress, kAgencyContact, kOther };
inline constexpr auto kDecisionKinds = MakeEnumNames<DecisionKind>(
    std::pair{DecisionKind::kPolicy, "policy"}, std::pair{DecisionKind::kApproval, "approval"},
    std::pair{DecisionKind::kInstruction, "instruction"}, std::pair{DecisionKind::kPress, "press"},
    std::pair{DecisionKind::kAgencyContact, "agency_contact"},
    std::pair{DecisionKind::kOther, "other"});

struct Decision {
  int id = 0;
  DecisionKind kind = DecisionKind::kPolicy;
  std::string text;
  std::string decided_by;                // person: the chair or a committee member
  std::string decided_at;                // when it was decided (the event)
  std::vector<std::string> departments;  // instructed departments, for instructions
  std::string recorded_by;
  friend bool operator==(const Decision&, const Decision&) = default;
};

// Everyone the committee talks to: departments inside (internal, pr), the directory's outside
// parties (customers and partners, agencies and other authorities such as a prefecture, outside
// experts and forensics firms as vendors, cyber insurers, the press), and the people whose
// personal data leaked (notice to individuals, who are no directory entry).
enum class Audience {
  kInternal,
  kPr,
  kCustomer,
  kPartner,
  kPolice,
  kCsirt,
  kIpa,
  kRegulator,
  kAuthority,
  kVendor,
  kInsurer,
  kPress,
  kIndividuals
};
inline constexpr auto kAudiences = MakeEnumNames<Audience>(
    std::pair{Audience::kInternal, "internal"}, std::pair{Audience::kPr, "pr"},
    std::pair{Audience::kCustomer, "customer"}, std::pair{Audience::kPartner, "partner"},
    std::pair{Audience::kPolice, "police"}, std::pair{Audience::kCsirt, "csirt"},
    std::pair{Audience::kIpa, "ipa"}, std::pair{Audience::kRegulator, "regulator"},
    std::pair{Audience::kAuthority, "authority"}, std::pair{Audience::kVendor, "vendor"},
    std::pair{Audience::kInsurer, "insurer"}, std::pair{Audience::kPress, "press"},
    std::pair{Audience::kIndividuals, "individuals"});

// The kind of directory contact an outside audience is reached through; none for people inside
// the company (internal, pr), who are departments, and none for individuals, whom `contact`
// describes in words. One mapping, so the two lists cannot drift.
std::optional<ContactKind> ContactKindOf(Audience a);

// G4.3.2b, G4.3.2c: the kinds of committee decision that approve a contact to `a`; empty when
// none is needed (inside the company). Customers, partners, individuals, vendors and insurers
// need an `approval`, the press a `press` decision, agencies and authorities an `agency_contact`
// or an `approval`. A `policy` decision approves no contact.
std::vector<DecisionKind> ApprovingKinds(Audience a);
bool NeedsCommitteeApproval(Audience a);

struct ContactLog {
  int id = 0;
  Audience audience = Audience::kInternal;
  // External contact id; department id for internal and pr; for individuals, who they are
  // ("online shop members").
  std::string contact;
  ChannelKind channel = ChannelKind::kPhone;
  std::string summary;  // what was said
  std::string at;       // when the contact was made
  std::string by;       // person who made the contact
  int approved_by = 0;  // decision id; required when NeedsCommitteeApproval(audience)
  std::string follow_up_due;
  // Notice to individuals: how many persons were notified (required for that audience); the
  // channel says how (post for a letter, email, web for a notice on the web site).
  std::optional<int> persons;
  friend bool operator==(const ContactLog&, const ContactLog&) = default;
};

// G4.3.3: emergency measures.
enum class TaskKind {
  kIsolateNetwork,
  kMonitorHost,
  kShutdownHost,
  kAlternativeMeans,
  kCustomerMeasures,
  kOther
};
inline constexpr auto kTaskKinds =
    MakeEnumNames<TaskKind>(std::pair{TaskKind::kIsolateNetwork, "isolate_network"},
                            std::pair{TaskKind::kMonitorHost, "monitor_host"},
                            std::pair{TaskKind::kShutdownHost, "shutdown_host"},
                            std::pair{TaskKind::kAlternativeMeans, "alternative_means"},
                            std::pair{TaskKind::kCustomerMeasures, "customer_measures"},
                            std::pair{TaskKind::kOther, "other"});

// `failed`: carried out, and it did not work (the result says what happened); `reverted`: it
// worked and was undone on purpose (the revert reason says why).
enum class TaskStatus { kOpen, kInProgress, kDone, kCancelled, kReverted, kFailed };
inline constexpr auto kTaskStatuses = MakeEnumNames<TaskStatus>(
    std::pair{TaskStatus::kOpen, "open"}, std::pair{TaskStatus::kInProgress, "in_progress"},
    std::pair{TaskStatus::kDone, "done"}, std::pair{TaskStatus::kCancelled, "cancelled"},
    std::pair{TaskStatus::kReverted, "reverted"}, std::pair{TaskStatus::kFailed, "failed"});

struct Task {
  int id = 0;
  TaskKind kind = TaskKind::kOther;
  std::string title;
  std::string department;
  std::string assignee;
  std::string system;  // the system it acts on, if any
  std::string due;
  TaskStatus status = TaskStatus::kOpen;
  std::string result;
  std::string revert_reason;  // a reverted measure (reconnected network) says why
  // A containment measure: when it is done, the incident is contained (MilestonesOf).
  bool contains = false;
  std::string at;          // when the measure was ordered (the event)
  std::string status_at;   // when the current status came about (the event): done at, failed at
  std::string created_at;  // recorded
  std::string updated_at;  // recorded
  friend bool operator==(const Task&, const Task&) = default;
};

// G4.3.4: damage assessment.
enum class DamageKind { kLeak, kTampering, kDestruction, kUnavailability };
inline constexpr auto kDamageKinds = MakeEnumNames<DamageKind>(
    std::pair{DamageKind::kLeak, "leak"}, std::pair{DamageKind::kTampering, "tampering"},
    std::pair{DamageKind::kDestruction, "destruction"},
    std::pair{DamageKind::kUnavailability, "unavailability"});

struct Leak {
  std::string system;
  std::string data_class;  // a data class name of that system
  std::string destination;
  std::optional<int> records;
  std::optional<int> persons;  // people whose personal data leaked (the regulator's clock)
  bool personal_data = false;
  friend bool operator==(const Leak&, const Leak&) = default;
};

// The facts the regulators' clocks depend on are often not known at first: each is answered
// yes, possibly, no or unknown.
enum class Likelihood { kUnknown, kNo, kPossibly, kYes };
inline constexpr auto kLikelihoods = MakeEnumNames<Likelihood>(
    std::pair{Likelihood::kUnknown, "unknown"}, std::pair{Likelihood::kNo, "no"},
    std::pair{Likelihood::kPossibly, "possibly"}, std::pair{Likelihood::kYes, "yes"});

// G4.3.4(3): whether the personal data an affected system holds leaked.
struct PersonalDataLeak {
  std::string system;
  Likelihood leaked = Likelihood::kUnknown;
  std::string note;
  friend bool operator==(const PersonalDataLeak&, const PersonalDataLeak&) = default;
};

struct Assessment {
  std::vector<DamageKind> kinds;
  std::string scope;
  std::vector<std::string> systems;
  std::string first_seen;
  std::string last_seen;
  std::string intrusion_route;
  std::string method;
  std::string attacker;
  std::vector<Leak> leaks;
  bool spread_outside = false;
  std::string spread_note;
  // What the personal-data regulator asks (個人情報保護法 漏えい等報告): per affected system
  // holding personal data, whether it leaked; how many persons; sensitive personal data
  // (要配慮個人情報); risk of financial harm; a suspected unauthorized purpose (不正の目的).
  std::vector<PersonalDataLeak> personal_data;
  std::optional<int> persons;
  Likelihood sensitive_personal_data = Likelihood::kUnknown;
  Likelihood financial_harm = Likelihood::kUnknown;
  Likelihood unauthorized_purpose = Likelihood::kUnknown;
  std::string assessed_by;
  std::string assessed_at;  // when the assessment was made (the event; `at` in a request)
  friend bool operator==(const Assessment&, const Assessment&) = default;
};

// G4.3.5: recovery, per affected system.
enum class RecoveryStatus { kDown, kRestoring, kRestored, kDegraded };
inline constexpr auto kRecoveryStatuses = MakeEnumNames<RecoveryStatus>(
    std::pair{RecoveryStatus::kDown, "down"}, std::pair{RecoveryStatus::kRestoring, "restoring"},
    std::pair{RecoveryStatus::kRestored, "restored"},
    std::pair{RecoveryStatus::kDegraded, "degraded"});

struct Recovery {
  std::string system;
  RecoveryStatus status = RecoveryStatus::kDown;
  std::string note;
  std::string by;
  std::string at;  // when the system reached this status
  // Restored while a system it depends on is still down or restoring: why that was right.
  std::string override_reason;
  friend bool operator==(const Recovery&, const Recovery&) = default;
};

// Scope grows as an investigation goes on: a system that became an affected system because a
// record about it was made (a recovery step), with the reason given there.
struct ScopeChange {
  std::string system;
  std::string via;  // the record that added it: "recovery"
  std::string reason;
  std::string by;
  std::string at;
  friend bool operator==(const ScopeChange&, const ScopeChange&) = default;
};

// G4.4.1: technical and social-system (human, legal, operational) findings kept apart.
enum class FindingKind { kTechnical, kSocial };
inline constexpr auto kFindingKinds = MakeEnumNames<FindingKind>(
    std::pair{FindingKind::kTechnical, "technical"}, std::pair{FindingKind::kSocial, "social"});

struct Finding {
  int id = 0;
  FindingKind kind = FindingKind::kTechnical;
  std::string text;
  std::string system;
  std::string by;
  std::string at;
  friend bool operator==(const Finding&, const Finding&) = default;
};

// G4.4.2: prevention measures.
struct Prevention {
  int id = 0;
  std::string text;
  std::string owner;  // person
  std::string due;    // YYYY-MM-DD
  bool done = false;
  friend bool operator==(const Prevention&, const Prevention&) = default;
};

// G4.4.2: the backdoor inspection of every affected system.
enum class BackdoorItem { kAddedUsers, kPlantedPrograms, kUnexpectedServices, kDeviceSettings };
inline constexpr auto kBackdoorItems =
    MakeEnumNames<BackdoorItem>(std::pair{BackdoorItem::kAddedUsers, "added_users"},
                                std::pair{BackdoorItem::kPlantedPrograms, "planted_programs"},
                                std::pair{BackdoorItem::kUnexpectedServices, "unexpected_services"},
                                std::pair{BackdoorItem::kDeviceSettings, "device_settings"});

enum class CheckResult { kClean, kFound, kNotApplicable };
inline constexpr auto kCheckResults = MakeEnumNames<CheckResult>(
    std::pair{CheckResult::kClean, "clean"}, std::pair{CheckResult::kFound, "found"},
    std::pair{CheckResult::kNotApplicable, "not_applicable"});

// One answer is for one host of a system (`host`), or for the whole system: then `hosts` names
// every host of the system it vouches for ("every host of this system: clean"), as the
// organization listed them when the answer was given.
struct BackdoorCheck {
  std::string system;
  std::string host;
  std::vector<std::string> hosts;
  BackdoorItem item = BackdoorItem::kAddedUsers;
  CheckResult result = CheckResult::kClean;
  std::string note;
  std::string checked_by;
  std::string at;
  friend bool operator==(const BackdoorCheck&, const BackdoorCheck&) = default;
};

// G4.4.3: files kept with the incident, content-addressed by SHA-256.
enum class EvidenceKind { kAccessLog, kScreenshot, kReport, kOther };
inline constexpr auto kEvidenceKinds = MakeEnumNames<EvidenceKind>(
    std::pair{EvidenceKind::kAccessLog, "access_log"},
    std::pair{EvidenceKind::kScreenshot, "screenshot"}, std::pair{EvidenceKind::kReport, "report"},
    std::pair{EvidenceKind::kOther, "other"});

// The chain of custody: what happened to a piece of evidence after it was collected, by whom,
// when and why. Viewing and exporting are recorded by sokuo; a hand-over and a return are told.
enum class CustodyAction { kViewed, kExported, kHandedOver, kReturned, kDisposed };
inline constexpr auto kCustodyActions = MakeEnumNames<CustodyAction>(
    std::pair{CustodyAction::kViewed, "viewed"}, std::pair{CustodyAction::kExported, "exported"},
    std::pair{CustodyAction::kHandedOver, "handed_over"},
    std::pair{CustodyAction::kReturned, "returned"},
    std::pair{CustodyAction::kDisposed, "disposed"});

struct CustodyEvent {
  CustodyAction action = CustodyAction::kViewed;
  std::string by;       // who did it (person id, or cli:<user>)
  std::string to;       // a hand-over's receiver: a name and organization, as written
  std::string at;       // when it happened
  std::string purpose;  // why
  friend bool operator==(const CustodyEvent&, const CustodyEvent&) = default;
};

struct Evidence {
  int id = 0;
  EvidenceKind kind = EvidenceKind::kOther;
  std::string name;
  std::string sha256;  // at intake; every later read is checked against it
  int64_t bytes = 0;
  std::string system;
  std::string added_by;
  std::string added_at;
  // Where it came from: who collected it, when (the event; default when added), from which
  // host and path, how (tool or method), and what it is.
  std::string collected_by;
  std::string collected_at;
  std::string source_host;
  std::string source_path;
  std::string method;
  std::string note;
  std::vector<CustodyEvent> custody;
  // Set once the file was disposed of: its record (and hash) stays, its bytes are gone.
  std::string disposed_at;
  friend bool operator==(const Evidence&, const Evidence&) = default;

  bool Disposed() const { return !disposed_at.empty(); }
  // The name as a file name to write: its last part (after any / or \\), without leading dots,
  // "evidence" when nothing is left; whoever added the file chose the name.
  std::string FileName() const;
  // Handed over and not yet returned: who holds it.
  std::string HeldBy() const {
    std::string holder;
    for (const CustodyEvent& c : custody) {
      if (c.action == CustodyAction::kHandedOver) holder = c.to;
      if (c.action == CustodyAction::kReturned) holder.clear();
    }
    return holder;
  }
};

// A legal hold: while it lasts, no evidence of the incident is disposed of, closed or not.
struct LegalHold {
  std::string reason;
  std::string by;
  std::string at;
  friend bool operator==(const LegalHold&, const LegalHold&) = default;
};

// G4.3.2c: a reporting duty's report, filed; or, by the committee, not filed and why.
struct Filing {
  int id = 0;
  std::string obligation;  // the organization's duty id
  std::string filed_at;    // when it was filed (the event)
  std::string reference;   // the recipient's reference or receipt number
  int evidence = 0;        // the report as filed: an evidence id of the incident
  std::string note;
  bool waived = false;  // not filed: the committee decided so
  std::string reason;   // why not (required when waived)
  std::string by;
  std::string recorded_at;
  friend bool operator==(const Filing&, const Filing&) = default;
};

// An affected host: one machine of an affected system (the organization file's hosts).
struct AffectedHost {
  std::string system;
  std::string host;
  friend bool operator==(const AffectedHost&, const AffectedHost&) = default;
};

// One state change, for the milestones and the reopen history.
struct StateChange {
  IncidentState from = IncidentState::kReported;
  IncidentState to = IncidentState::kReported;
  std::string at;  // when the incident moved (the event)
  std::string by;
  std::string reason;
  friend bool operator==(const StateChange&, const StateChange&) = default;
};

struct Incident {
  std::string key;  // INC-2026-0001
  int year = 0;
  int number = 0;
  std::string title;
  std::string summary;
  std::string category;  // one of the configured categories; empty until triage
  Detection detection = Detection::kUserReport;
  std::string detected_at;
  std::string occurred_at;  // first known occurrence; optional, not after aware_at
  // When the company became aware: the day the regulators' clocks start. Default: reported_at.
  std::string aware_at;
  std::string reported_at;           // when it was reported (the event; may be written up later)
  std::string recorded_at;           // when the report was entered into sokuo
  std::string reported_by;           // person, or "cli:<user>" for the local operator
  std::string reporter_department;   // department of the reporter
  std::vector<std::string> systems;  // affected systems
  std::vector<ScopeChange> scope_changes;  // systems added to `systems` by later records
  std::vector<AffectedHost> hosts;         // affected hosts, when the scope is finer than systems
  std::vector<std::string> departments;    // affected departments
  Harm harm = Harm::kUnknown;
  std::string harm_note;
  bool restricted = false;  // need-to-know
  Tlp tlp = Tlp::kAmber;
  IncidentState state = IncidentState::kReported;
  std::optional<PriorityOverride> priority_override;
  std::vector<Participant> participants;
  std::optional<Triage> triage;
  std::optional<Convocation> convocation;
  std::vector<Decision> decisions;
  std::vector<ContactLog> contacts;
  std::vector<Task> tasks;
  std::optional<Assessment> assessment;
  std::vector<Recovery> recovery;
  std::vector<Finding> findings;
  std::vector<Prevention> prevention;
  std::vector<BackdoorCheck> backdoor_checks;
  std::vector<Evidence> evidence;
  std::optional<LegalHold> legal_hold;
  std::vector<Filing> filings;
  std::vector<StateChange> history;
  friend bool operator==(const Incident&, const Incident&) = default;

  bool IsOpen() const {
    return state != IncidentState::kClosed && state != IncidentState::kDismissed;
  }
};

std::string IncidentKey(int year, int number);
// The year and number of a key as IncidentKey writes it ("INC-2026-0042"); nullopt otherwise.
std::optional<std::pair<int, int>> ParseIncidentKey(std::string_view key);

// How far ahead of the clock an event time may be: clocks of phones and laptops drift.
inline constexpr std::chrono::seconds kFutureSkew = std::chrono::minutes(5);

// The event time of a record: `given` (RFC 3339, any offset) as UTC RFC 3339, or `now` when
// `given` is empty. Refused (kInvalidInput at `where`) when it is not RFC 3339 or lies more than
// kFutureSkew after `now`; the error names the field and the latest time allowed.
[[nodiscard]] Result<std::string> EventTime(const std::string& given, const std::string& where,
                                            Timestamp now);
// The same rule for a time kept as it is, as a problem of a record check (none when empty).
std::optional<Detail> FutureTimeProblem(const std::string& value, const std::string& where,
                                        Timestamp now);

// When the company became aware: aware_at, or reported_at for reports that do not say.
const std::string& AwareAt(const Incident& incident);

// The report's times: occurred_at, aware_at, reported_at and detected_at are RFC 3339 and not in
// the future, and the first occurrence is not after the awareness.
std::vector<Detail> CheckReportTimes(const Incident& incident, Timestamp now);

// The timeline's order: indexes of `event_times` sorted by the time each event happened; equal
// times, and times that cannot be read, keep the order in which they were recorded (their
// index), an unreadable time staying after the readable one before it.
std::vector<size_t> EventOrder(const std::vector<std::string>& event_times);

// G4.3.1: serious harm to customers or partners first, then tier-a systems and confidential
// data, then tier b, then the rest. Reasons say which facts decided it.
struct PriorityResult {
  Priority priority = Priority::kP4;
  std::vector<Message> reasons;  // priority.* codes
  bool overridden = false;
};
PriorityResult ComputePriority(const Incident& incident, const Organization& org);

// What must be true to enter `state` (not counting earlier states), as requirement.* codes; empty
// when it may be entered. With the organization, also what depends on it: which affected systems
// hold personal data.
std::vector<Message> Requirements(const Incident& incident, IncidentState state,
                                  const Organization* org = nullptr);

// G4.3.4: the affected systems that hold personal data (a data class marked personal_data).
std::vector<std::string> PersonalDataSystems(const Incident& incident, const Organization& org);

// The states an incident passes through, in order, without dismissed.
const std::vector<IncidentState>& Path();

// Moves the incident to `target`. Forward moves need every requirement on the way (a refusal
// is kConflict with each missing requirement as a detail); `dismissed` needs a triage that did
// not confirm; reopening a closed or dismissed incident needs a reason and goes to `target`.
[[nodiscard]] Result<void> Transition(Incident& incident, IncidentState target,
                                      const std::string& by, Timestamp at,
                                      const std::string& reason, const Organization* org = nullptr);

// Adds `system` to the affected systems, with the record that added it and why; false when it
// is already there.
bool GrowScope(Incident& incident, ScopeChange change);

// Milestones, as event times: the first time each state was entered, except `contained`, which is
// when the first containment measure that worked was done (the earliest status_at of a task
// marked `contains` whose status is done), not when the state changed.
struct Milestones {
  std::string reported, triaged, convened, contained, assessed, recovered, closed;
};
Milestones MilestonesOf(const Incident& incident);

}  // namespace sokuo::core
