// The organization as sokuo knows it: the bodies of guideline section 3 (committee, IS
// department, user departments), the people in them and their emergency roles, the outside
// parties the company contacts (G4.3.2), and the information systems and media that section 5
// ranks for recovery (G5.2.1). Plain copyable values; `Validate` (org_rules.h) checks that they
// fit together. Each type's fields are described once, in org_fields.h, for every format.
// Slugs ("it-dept", "core-network") are the stable ids used everywhere else.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"
#include "core/enum_names.h"

namespace sokuo::core {

struct Holiday {
  std::string date;  // YYYY-MM-DD in the company's time zone
  std::string name;
  friend bool operator==(const Holiday&, const Holiday&) = default;
};

struct Company {
  std::string name;
  std::string name_en;
  std::string time_zone = "Asia/Tokyo";
  std::vector<Holiday> holidays;
  // The hour a working day starts on the company's clock: reminders of a day (a contact's
  // follow-up) go out then, not at midnight. Default 9.
  std::optional<int> workday_start_hour;
  friend bool operator==(const Company&, const Company&) = default;
};

enum class DepartmentKind { kCommittee, kIt, kUser, kPr, kLegal, kOther };
inline constexpr auto kDepartmentKinds = MakeEnumNames<DepartmentKind>(
    std::pair{DepartmentKind::kCommittee, "committee"}, std::pair{DepartmentKind::kIt, "it"},
    std::pair{DepartmentKind::kUser, "user"}, std::pair{DepartmentKind::kPr, "pr"},
    std::pair{DepartmentKind::kLegal, "legal"}, std::pair{DepartmentKind::kOther, "other"});

struct Department {
  std::string id;
  std::string name;
  std::string name_en;
  DepartmentKind kind = DepartmentKind::kUser;
  std::string head;    // person id, may be empty
  std::string parent;  // department id, may be empty
  friend bool operator==(const Department&, const Department&) = default;
};

struct Phone {
  std::string kind;  // office, mobile, home, ...
  std::string number;
  friend bool operator==(const Phone&, const Phone&) = default;
};

struct Person {
  std::string id;
  std::string name;     // in Japanese: 山田 太郎
  std::string name_en;  // romaji / English: Taro Yamada
  std::string email;
  std::vector<Phone> phones;
  std::string department;
  std::string title;
  std::vector<std::string> skills;
  // G5.2.3: whether the person can be called in for emergency work (roll call of a disaster).
  bool available_for_emergency_work = true;
  friend bool operator==(const Person&, const Person&) = default;
};

// G3.1, G3.2, G3.3, G4.3.2a: who holds which emergency role.
enum class RoleKind {
  kCommitteeChair,   // chairs the Information Security Committee
  kCommitteeMember,  // sits on the committee
  kSteeringCouncilChair,  // セキュリティ統括会議長: the IS department asks this person to convene
  kIsStaff,               // IS department staff who triage and support recovery
  kActionPlan,            // a role in a user department's emergency action plan (G3.3)
};
inline constexpr auto kRoleKinds = MakeEnumNames<RoleKind>(
    std::pair{RoleKind::kCommitteeChair, "committee_chair"},
    std::pair{RoleKind::kCommitteeMember, "committee_member"},
    std::pair{RoleKind::kSteeringCouncilChair, "steering_council_chair"},
    std::pair{RoleKind::kIsStaff, "is_staff"}, std::pair{RoleKind::kActionPlan, "action_plan"});

struct RoleAssignment {
  RoleKind role = RoleKind::kCommitteeMember;
  std::string person;
  std::string department;             // required for action-plan roles: whose plan
  std::string title;                  // for action-plan roles: e.g. 連絡責任者 / liaison
  std::vector<std::string> deputies;  // in order of succession
  friend bool operator==(const RoleAssignment&, const RoleAssignment&) = default;
};

enum class ContactKind {
  kCustomer,
  kPartner,
  kPolice,
  kCsirt,
  kIpa,
  kRegulator,
  kAuthority,  // local governments and other public authorities (a prefecture)
  kVendor,     // suppliers, outside experts and forensics firms
  kInsurer,    // cyber insurers
  kPress,
  kOther
};
inline constexpr auto kContactKinds = MakeEnumNames<ContactKind>(
    std::pair{ContactKind::kCustomer, "customer"}, std::pair{ContactKind::kPartner, "partner"},
    std::pair{ContactKind::kPolice, "police"}, std::pair{ContactKind::kCsirt, "csirt"},
    std::pair{ContactKind::kIpa, "ipa"}, std::pair{ContactKind::kRegulator, "regulator"},
    std::pair{ContactKind::kAuthority, "authority"}, std::pair{ContactKind::kVendor, "vendor"},
    std::pair{ContactKind::kInsurer, "insurer"}, std::pair{ContactKind::kPress, "press"},
    std::pair{ContactKind::kOther, "other"});

enum class ChannelKind { kPhone, kEmail, kWeb, kFax, kPost, kOther };
inline constexpr auto kChannelKinds = MakeEnumNames<ChannelKind>(
    std::pair{ChannelKind::kPhone, "phone"}, std::pair{ChannelKind::kEmail, "email"},
    std::pair{ChannelKind::kWeb, "web"}, std::pair{ChannelKind::kFax, "fax"},
    std::pair{ChannelKind::kPost, "post"}, std::pair{ChannelKind::kOther, "other"});

struct Channel {
  ChannelKind kind = ChannelKind::kPhone;
  std::string value;
  std::string note;  // e.g. "24h", "weekdays 9-17"
  friend bool operator==(const Channel&, const Channel&) = default;
};

// G5.1.5, G5.2.6c: what a vendor owes the company.
struct MaintenanceContract {
  std::string number;
  std::string coverage;
  std::string hours;    // e.g. "24x365", "weekdays 9:00-18:00"
  std::string expires;  // YYYY-MM-DD
  friend bool operator==(const MaintenanceContract&, const MaintenanceContract&) = default;
};

struct ExternalContact {
  std::string id;
  std::string name;
  std::string name_en;
  ContactKind kind = ContactKind::kOther;
  std::string person;  // the person to ask for, free text
  std::vector<Channel> channels;
  std::optional<MaintenanceContract> contract;
  std::string note;
  // G5.2.2: the day someone last checked that the entry still reaches the right people
  // (YYYY-MM-DD); the readiness report names entries not checked for a year.
  std::string reviewed;
  friend bool operator==(const ExternalContact&, const ExternalContact&) = default;
};

// G5.2.1: a core systems and core network; b important business systems; c others.
enum class Tier { kA, kB, kC };
inline constexpr auto kTiers = MakeEnumNames<Tier>(
    std::pair{Tier::kA, "a"}, std::pair{Tier::kB, "b"}, std::pair{Tier::kC, "c"});

enum class SystemCategory { kPower, kNetwork, kPlatform, kApplication, kService, kOther };
inline constexpr auto kSystemCategories = MakeEnumNames<SystemCategory>(
    std::pair{SystemCategory::kPower, "power"}, std::pair{SystemCategory::kNetwork, "network"},
    std::pair{SystemCategory::kPlatform, "platform"},
    std::pair{SystemCategory::kApplication, "application"},
    std::pair{SystemCategory::kService, "service"}, std::pair{SystemCategory::kOther, "other"});

enum class Confidentiality { kPublic, kInternal, kConfidential, kSecret };
inline constexpr auto kConfidentialities =
    MakeEnumNames<Confidentiality>(std::pair{Confidentiality::kPublic, "public"},
                                   std::pair{Confidentiality::kInternal, "internal"},
                                   std::pair{Confidentiality::kConfidential, "confidential"},
                                   std::pair{Confidentiality::kSecret, "secret"});

struct DataClass {
  std::string name;  // e.g. "customer orders"
  Confidentiality confidentiality = Confidentiality::kInternal;
  bool personal_data = false;  // 個人データ: drives the regulator's reporting clock
  friend bool operator==(const DataClass&, const DataClass&) = default;
};

struct Backup {
  std::string method;         // e.g. "nightly snapshot to tape"
  std::string frequency;      // e.g. "daily"
  std::string last_verified;  // YYYY-MM-DD of the last restore test, may be empty
  friend bool operator==(const Backup&, const Backup&) = default;
};

// A machine a system runs on: what the affected scope and the backdoor checklist name when one
// system is many hosts. Names are unique in the organization.
struct Host {
  std::string name;     // host name, e.g. fs01
  std::string role;     // e.g. file server, domain controller
  std::string address;  // IP address or FQDN
  std::string os;       // operating system, e.g. Windows Server 2019
  friend bool operator==(const Host&, const Host&) = default;
};

struct InfoSystem {
  std::string id;
  std::string name;
  std::string name_en;
  SystemCategory category = SystemCategory::kApplication;
  Tier tier = Tier::kC;
  std::string owner;                 // department id
  bool customer_service = false;     // G5.2.1: ranks higher
  bool product_development = false;  // G5.2.1: ranks higher
  std::vector<DataClass> data;
  std::vector<std::string> depends_on;  // system ids, including power and network
  std::optional<int> rto_hours;
  std::optional<int> rpo_hours;
  Backup backup;
  std::string redundancy;
  std::string alternate_site;
  std::string vendor;  // external contact id
  std::string degraded_mode;
  std::string workaround;
  // G5.2: estimated hours to restore the system from scratch, for the recovery plan.
  std::optional<int> restore_effort_hours;
  // G5.2.1: what the person who restores it must know (matched against Person::skills).
  std::vector<std::string> skills;
  std::vector<Host> hosts;
  friend bool operator==(const InfoSystem&, const InfoSystem&) = default;
};

enum class MediumKind { kNas, kTape, kDisk, kUsb, kLaptop, kOptical, kOther };
inline constexpr auto kMediumKinds = MakeEnumNames<MediumKind>(
    std::pair{MediumKind::kNas, "nas"}, std::pair{MediumKind::kTape, "tape"},
    std::pair{MediumKind::kDisk, "disk"}, std::pair{MediumKind::kUsb, "usb"},
    std::pair{MediumKind::kLaptop, "laptop"}, std::pair{MediumKind::kOptical, "optical"},
    std::pair{MediumKind::kOther, "other"});

// G5.2.1: media holding confidential data get a priority by confidentiality.
struct StorageMedium {
  std::string id;
  std::string name;
  MediumKind kind = MediumKind::kOther;
  std::string owner;     // department id
  std::string location;  // where it is kept
  std::string system;    // system id it belongs to, may be empty
  Confidentiality confidentiality = Confidentiality::kConfidential;
  std::string contents;
  friend bool operator==(const StorageMedium&, const StorageMedium&) = default;
};

// G4.3.2: how sokuo's messages leave the building. Secrets are never written here: a password,
// a signing key or a webhook address that is itself a secret is named by the environment
// variable that holds it on the server, so an exported organization file carries none.
enum class StartTls { kNone, kTry, kRequired };
inline constexpr auto kStartTlsModes =
    MakeEnumNames<StartTls>(std::pair{StartTls::kNone, "none"}, std::pair{StartTls::kTry, "try"},
                            std::pair{StartTls::kRequired, "required"});

struct EmailSettings {
  std::string smtp;  // smtp://host:587 (STARTTLS as below) or smtps://host:465
  std::string from;  // the sender address
  StartTls starttls = StartTls::kRequired;
  std::string user;          // SMTP login; empty: no authentication
  std::string password_env;  // environment variable holding the SMTP password
  friend bool operator==(const EmailSettings&, const EmailSettings&) = default;
};

enum class WebhookFormat { kSlack, kTeams, kJson };
inline constexpr auto kWebhookFormats = MakeEnumNames<WebhookFormat>(
    std::pair{WebhookFormat::kSlack, "slack"}, std::pair{WebhookFormat::kTeams, "teams"},
    std::pair{WebhookFormat::kJson, "json"});

struct Webhook {
  std::string id;
  std::string url;      // where to POST, when the address is not a secret
  std::string url_env;  // or: the environment variable holding the address (Slack, Teams)
  WebhookFormat format = WebhookFormat::kJson;
  std::string secret_env;          // HMAC-SHA256 key of the X-Sokuo-Signature header
  std::vector<std::string> kinds;  // the message kinds sent here; empty: every kind
  friend bool operator==(const Webhook&, const Webhook&) = default;
};

// G4.4.3: who keeps the journal head outside sokuo, so that a journal cut short or rewritten
// after a head was sent is caught (`journal verify --against`, app/witness.h). The head is sent
// once a day and at every incident or disaster closing.
inline constexpr std::array<std::string_view, 4> kWitnessRoles = {
    "auditor", "committee_chair", "committee_member", "steering_council_chair"};

struct Witnesses {
  // A path, e.g. on a share mounted from another machine: one receipt line appended per head.
  std::string file;
  std::vector<std::string> webhooks;  // webhook ids (notifications.webhooks)
  bool email = true;                  // email the people of `roles` and `people`
  // kWitnessRoles; empty: the auditors (accounts granted the role) and the committee chair.
  std::vector<std::string> roles;
  std::vector<std::string> people;  // person ids, beside the roles
  friend bool operator==(const Witnesses&, const Witnesses&) = default;
};

struct Notifications {
  std::string link_base;  // the web address people open, e.g. https://sokuo.example.co.jp
  std::optional<EmailSettings> email;
  std::vector<Webhook> webhooks;
  std::optional<int> max_attempts;  // before a message is parked as failed; default 8
  // G4.3.2a: a convocation request nobody acknowledged within this many minutes goes to the
  // deputies, then to the next level (default 30).
  std::optional<int> escalate_after_minutes;
  // The next level: asked, one at a time in this order, once every deputy has been asked.
  std::vector<std::string> escalate_to;  // person ids
  std::optional<Witnesses> witnesses;    // none: the head is sent nowhere
  friend bool operator==(const Notifications&, const Notifications&) = default;
};

// G4.3.2c: a reporting duty: to whom, on which facts, and by when (core/obligation.h counts it).
struct Obligation {
  std::string id;
  std::string name;
  std::string name_en;
  std::string recipient;            // external contact id; empty: the individuals, the public
  std::vector<std::string> when;    // facts (kObligationTriggers): any of them starts the clock
  std::vector<std::string> unless;  // facts under which another duty applies instead
  std::optional<int> hours;         // due this many hours after the start
  std::optional<int> days;          // due by the end of day N, the start's day being day 1
  std::optional<int> months;        // due by the end of the same day N months later
  bool next_open_day = false;  // a deadline on a day the government is closed moves to the next
  std::string after;           // another duty's id: counted from its filing, not from awareness
  std::optional<int> remind_hours;  // remind this many hours before the deadline (default 24)
  std::string note;
  friend bool operator==(const Obligation&, const Obligation&) = default;
};

// G4.1, G4.2, G5.1: a routine control done on schedule: access-log review, a check of the
// user-management settings, the daily virus check, a backup's restore test. Each occurrence is
// recorded as done with its result; one not done by its due time is overdue and goes to the
// responsible department's head (core/control.h).
enum class ControlKind { kPrevention, kDetection };
inline constexpr auto kControlKinds =
    MakeEnumNames<ControlKind>(std::pair{ControlKind::kPrevention, "prevention"},
                               std::pair{ControlKind::kDetection, "detection"});

struct Control {
  std::string id;
  std::string name;
  std::string name_en;
  ControlKind kind = ControlKind::kPrevention;
  std::string clause;      // the guideline clause it serves, e.g. G4.1.4
  std::string rule;        // the internal rule it follows, e.g. Access Management Rules
  std::string department;  // the department responsible
  std::string role;        // who in it does the work, free text, e.g. system administrator
  // daily, weekly, monthly, quarterly, yearly, or five cron fields "minute hour day month
  // weekday" on the wall clock of `time_zone` (core/schedule.h).
  std::string schedule;
  std::string time_zone;         // a site's own zone; empty: the company's
  std::optional<int> due_hours;  // due this long after it starts; default: when the next starts
  std::string evidence;          // what completing it needs on record; empty: nothing
  std::string source;            // "clamav": proven by the hosts' scan results, not by hand
  friend bool operator==(const Control&, const Control&) = default;
};

// The readiness report's thresholds (core/readiness.h); absent: the defaults given there.
struct ReadinessSettings {
  std::optional<int> backup_verified_days;   // a restore test older than this is stale
  std::optional<int> contract_warning_days;  // a contract ending within this is named
  std::optional<int> contact_review_months;  // a contact entry unchecked this long is named
  friend bool operator==(const ReadinessSettings&, const ReadinessSettings&) = default;
};

struct Organization {
  Company company;
  std::vector<Department> departments;
  std::vector<Person> people;
  std::vector<RoleAssignment> roles;
  std::vector<ExternalContact> contacts;
  std::vector<InfoSystem> systems;
  std::vector<StorageMedium> media;
  // The incident categories this company uses; empty means the default list (incident.h).
  std::vector<std::string> incident_categories;
  Notifications notifications;
  std::vector<Obligation> obligations;
  std::vector<Control> controls;
  ReadinessSettings readiness;
  friend bool operator==(const Organization&, const Organization&) = default;

  const Department* FindDepartment(std::string_view id) const;
  const Person* FindPerson(std::string_view id) const;
  const ExternalContact* FindContact(std::string_view id) const;
  const InfoSystem* FindSystem(std::string_view id) const;
  const Obligation* FindObligation(std::string_view id) const;
  const Control* FindControl(std::string_view id) const;
  const Host* FindHost(std::string_view system, std::string_view name) const;
};

// The company's calendar: its time zone, weekends and its own holidays (company.holidays).
[[nodiscard]] Result<Calendar> CompanyCalendar(const Organization& org);

}  // namespace sokuo::core
