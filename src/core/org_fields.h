// One description per organization type: the list of its fields, each with its name (as in the
// organization file, the API and the row images), the member it reads, whether the file must
// give it, what a text holds, and a one-line description. Every format walks these lists with
// generic code of its own layer:
//   orgfile/org_file.cpp   YAML decode (positioned problems, suggestions, required keys) + emit
//   store/org_rows.cpp     row images of the journaled tables
//   codec/org_json.cpp     the API's JSON
//   api/org_schema.cpp     the OpenAPI component schemas
// so a new field is added here once (plus the domain struct in organization.h) and reaches all
// four. What a field is follows from its member's type:
//   std::string                 text (see TextKind)
//   bool                        true/false; the default is the struct's initializer
//   std::optional<int>          whole number, may be absent
//   an enum with EnumTraits     one of its names (enum_names.h)
//   std::vector<std::string>    list of texts
//   a described struct          nested object; std::optional<struct> may be absent
//   std::vector<described>      list of nested objects
// Pure: no format's headers here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "core/organization.h"

namespace sokuo::core {

// Whether the organization file must give the field. The API always carries required fields.
enum class Need { kOptional, kRequired };

// What a text holds; formats that can say more (OpenAPI) do, the others read plain text.
enum class TextKind {
  kPlain,
  kReference,  // the id of another object; stored as NULL when empty so foreign keys hold
  kDate,       // YYYY-MM-DD
};

template <class T, class M>
struct Field {
  using Owner = T;
  using Member = M;
  std::string_view name;
  M T::*member;
  Need need;
  std::string_view description;
  TextKind text = TextKind::kPlain;

  const M& Get(const T& value) const { return value.*member; }
  M& Get(T& value) const { return value.*member; }
};

template <class T, class M>
constexpr Field<T, M> F(std::string_view name, M T::*member, Need need,
                        std::string_view description, TextKind text = TextKind::kPlain) {
  return {name, member, need, description, text};
}

// The names of each enum and the noun that messages use for it ("unknown tier 'd'").
template <class E>
struct EnumTraits;

#define SOKUO_ENUM_TRAITS(E, table, noun)           \
  template <>                                       \
  struct EnumTraits<E> {                            \
    static constexpr const auto& kNames = table;    \
    static constexpr std::string_view kNoun = noun; \
  }
SOKUO_ENUM_TRAITS(DepartmentKind, kDepartmentKinds, "department kind");
SOKUO_ENUM_TRAITS(RoleKind, kRoleKinds, "role");
SOKUO_ENUM_TRAITS(ContactKind, kContactKinds, "contact kind");
SOKUO_ENUM_TRAITS(ChannelKind, kChannelKinds, "channel kind");
SOKUO_ENUM_TRAITS(Tier, kTiers, "tier");
SOKUO_ENUM_TRAITS(SystemCategory, kSystemCategories, "system category");
SOKUO_ENUM_TRAITS(Confidentiality, kConfidentialities, "confidentiality");
SOKUO_ENUM_TRAITS(MediumKind, kMediumKinds, "medium kind");
SOKUO_ENUM_TRAITS(StartTls, kStartTlsModes, "starttls mode");
SOKUO_ENUM_TRAITS(WebhookFormat, kWebhookFormats, "webhook format");
SOKUO_ENUM_TRAITS(ControlKind, kControlKinds, "control kind");
#undef SOKUO_ENUM_TRAITS

// Described<T>::kFields is a tuple of Field<T, …>, in the order the file and the API show them.
template <class T>
struct Described;

inline constexpr Need kReq = Need::kRequired;
inline constexpr Need kOpt = Need::kOptional;
inline constexpr TextKind kRef = TextKind::kReference;
inline constexpr TextKind kDate = TextKind::kDate;

template <>
struct Described<Holiday> {
  static constexpr auto kFields =
      std::tuple{F("date", &Holiday::date, kReq, "The day, YYYY-MM-DD", kDate),
                 F("name", &Holiday::name, kOpt, "What the day is called")};
};

template <>
struct Described<Company> {
  static constexpr auto kFields = std::tuple{
      F("name", &Company::name, kReq, "The company's name"),
      F("name_en", &Company::name_en, kOpt, "The name in English"),
      F("time_zone", &Company::time_zone, kOpt, "IANA time zone for days and deadlines"),
      F("holidays", &Company::holidays, kOpt, "Company holidays on top of the weekends"),
      F("workday_start_hour", &Company::workday_start_hour, kOpt,
        "Hour (0-23) the working day starts; a day's reminders go out then (default 9)")};
};

template <>
struct Described<Department> {
  static constexpr auto kFields =
      std::tuple{F("id", &Department::id, kReq, "Stable slug, e.g. it-dept"),
                 F("name", &Department::name, kReq, "Name in Japanese"),
                 F("name_en", &Department::name_en, kOpt, "Name in English"),
                 F("kind", &Department::kind, kReq, "Its part in the guideline's section 3"),
                 F("head", &Department::head, kOpt, "The person who heads it", kRef),
                 F("parent", &Department::parent, kOpt, "The department it belongs to", kRef)};
};

template <>
struct Described<Phone> {
  static constexpr auto kFields =
      std::tuple{F("kind", &Phone::kind, kOpt, "office, mobile, home, ..."),
                 F("number", &Phone::number, kReq, "The number to dial")};
};

template <>
struct Described<Person> {
  static constexpr auto kFields = std::tuple{
      F("id", &Person::id, kReq, "Stable slug, e.g. p-yamada"),
      F("name", &Person::name, kReq, "Name in Japanese"),
      F("name_en", &Person::name_en, kOpt, "Name in romaji or English"),
      F("email", &Person::email, kOpt, "Where messages go"),
      F("phones", &Person::phones, kOpt, "Phone numbers, the first one tried first"),
      F("department", &Person::department, kReq, "The department the person works in", kRef),
      F("title", &Person::title, kOpt, "Job title"),
      F("skills", &Person::skills, kOpt, "What the person can be asked to do"),
      // G5.2.3: the staff roll call of a disaster counts on these people.
      F("available_for_emergency_work", &Person::available_for_emergency_work, kOpt,
        "Whether the person can be called in for emergency work (default true)")};
};

template <>
struct Described<RoleAssignment> {
  static constexpr auto kFields = std::tuple{
      F("role", &RoleAssignment::role, kReq, "The emergency role"),
      F("person", &RoleAssignment::person, kReq, "Who holds it", kRef),
      F("department", &RoleAssignment::department, kOpt, "For action-plan roles: whose plan", kRef),
      F("title", &RoleAssignment::title, kOpt, "For action-plan roles: the role's title"),
      F("deputies", &RoleAssignment::deputies, kOpt, "Person ids, in order of succession")};
};

template <>
struct Described<Channel> {
  static constexpr auto kFields =
      std::tuple{F("kind", &Channel::kind, kReq, "How to reach the party"),
                 F("value", &Channel::value, kReq, "Number, address or URL"),
                 F("note", &Channel::note, kOpt, "e.g. 24h, weekdays 9-17")};
};

template <>
struct Described<MaintenanceContract> {
  static constexpr auto kFields = std::tuple{
      F("number", &MaintenanceContract::number, kOpt, "Contract number"),
      F("coverage", &MaintenanceContract::coverage, kOpt, "What the contract covers"),
      F("hours", &MaintenanceContract::hours, kOpt, "Service hours, e.g. 24x365"),
      F("expires", &MaintenanceContract::expires, kOpt, "Last day of the contract", kDate)};
};

template <>
struct Described<ExternalContact> {
  static constexpr auto kFields =
      std::tuple{F("id", &ExternalContact::id, kReq, "Stable slug, e.g. police"),
                 F("name", &ExternalContact::name, kReq, "Name in Japanese"),
                 F("name_en", &ExternalContact::name_en, kOpt, "Name in English"),
                 F("kind", &ExternalContact::kind, kReq, "What kind of party (G4.3.2)"),
                 F("person", &ExternalContact::person, kOpt, "The person to ask for, free text"),
                 F("channels", &ExternalContact::channels, kOpt, "How to reach them, in order"),
                 F("contract", &ExternalContact::contract, kOpt, "Maintenance contract (G5.1.5)"),
                 F("note", &ExternalContact::note, kOpt, "Anything else worth knowing"),
                 F("reviewed", &ExternalContact::reviewed, kOpt,
                   "Day the entry was last checked (G5.2.2)", kDate)};
};

template <>
struct Described<DataClass> {
  static constexpr auto kFields =
      std::tuple{F("name", &DataClass::name, kReq, "e.g. customer orders"),
                 F("confidentiality", &DataClass::confidentiality, kOpt, "How secret the data is"),
                 F("personal_data", &DataClass::personal_data, kOpt,
                   "Personal data: starts the regulator's reporting clock")};
};

template <>
struct Described<Backup> {
  static constexpr auto kFields = std::tuple{
      F("method", &Backup::method, kOpt, "e.g. nightly snapshot to tape"),
      F("frequency", &Backup::frequency, kOpt, "e.g. daily"),
      F("last_verified", &Backup::last_verified, kOpt, "Day of the last restore test", kDate)};
};

template <>
struct Described<Host> {
  static constexpr auto kFields =
      std::tuple{F("name", &Host::name, kReq, "Host name, unique in the organization, e.g. fs01"),
                 F("role", &Host::role, kOpt, "What it does, e.g. file server"),
                 F("address", &Host::address, kOpt, "IP address or FQDN"),
                 F("os", &Host::os, kOpt, "Operating system, e.g. Windows Server 2019")};
};

template <>
struct Described<InfoSystem> {
  static constexpr auto kFields = std::tuple{
      F("id", &InfoSystem::id, kReq, "Stable slug, e.g. core-network"),
      F("name", &InfoSystem::name, kReq, "Name in Japanese"),
      F("name_en", &InfoSystem::name_en, kOpt, "Name in English"),
      F("category", &InfoSystem::category, kOpt, "What kind of system"),
      F("tier", &InfoSystem::tier, kReq, "Recovery rank (G5.2.1)"),
      F("owner", &InfoSystem::owner, kReq, "The department that owns it", kRef),
      F("customer_service", &InfoSystem::customer_service, kOpt, "Serves customers (G5.2.1)"),
      F("product_development", &InfoSystem::product_development, kOpt,
        "Used to develop products (G5.2.1)"),
      F("data", &InfoSystem::data, kOpt, "The data it holds"),
      F("depends_on", &InfoSystem::depends_on, kOpt, "System ids it needs, power and network too"),
      F("rto_hours", &InfoSystem::rto_hours, kOpt, "Recovery time objective, hours"),
      F("rpo_hours", &InfoSystem::rpo_hours, kOpt, "Recovery point objective, hours"),
      F("backup", &InfoSystem::backup, kOpt, "How it is backed up"),
      F("redundancy", &InfoSystem::redundancy, kOpt, "How it survives a failure"),
      F("alternate_site", &InfoSystem::alternate_site, kOpt, "Where it can run instead"),
      F("vendor", &InfoSystem::vendor, kOpt, "External contact id of its vendor", kRef),
      F("degraded_mode", &InfoSystem::degraded_mode, kOpt, "How it runs when partly down"),
      F("workaround", &InfoSystem::workaround, kOpt, "How the business works without it"),
      // G5.2: the disaster's recovery plan orders and sums these estimates.
      F("restore_effort_hours", &InfoSystem::restore_effort_hours, kOpt,
        "Estimated hours to restore the system from scratch"),
      F("skills", &InfoSystem::skills, kOpt,
        "Skills the person who restores it needs (as people's skills)"),
      // G4.3.4, G4.4.2: the affected scope and the backdoor checklist can name hosts.
      F("hosts", &InfoSystem::hosts, kOpt, "Its hosts: name, role, address, operating system")};
};

template <>
struct Described<StorageMedium> {
  static constexpr auto kFields = std::tuple{
      F("id", &StorageMedium::id, kReq, "Stable slug, e.g. backup-tapes"),
      F("name", &StorageMedium::name, kReq, "Name in Japanese"),
      F("kind", &StorageMedium::kind, kOpt, "What kind of medium"),
      F("owner", &StorageMedium::owner, kReq, "The department that keeps it", kRef),
      F("location", &StorageMedium::location, kOpt, "Where it is kept"),
      F("system", &StorageMedium::system, kOpt, "The system it belongs to", kRef),
      F("confidentiality", &StorageMedium::confidentiality, kOpt, "How secret its contents are"),
      F("contents", &StorageMedium::contents, kOpt, "What is on it")};
};

template <>
struct Described<EmailSettings> {
  static constexpr auto kFields =
      std::tuple{F("smtp", &EmailSettings::smtp, kReq, "smtp://host:587 or smtps://host:465"),
                 F("from", &EmailSettings::from, kReq, "The sender address"),
                 F("starttls", &EmailSettings::starttls, kOpt,
                   "none, try or required (default): TLS on an smtp:// connection"),
                 F("user", &EmailSettings::user, kOpt, "SMTP login; none: no authentication"),
                 F("password_env", &EmailSettings::password_env, kOpt,
                   "Environment variable holding the SMTP password")};
};

template <>
struct Described<Webhook> {
  static constexpr auto kFields =
      std::tuple{F("id", &Webhook::id, kReq, "Stable slug, e.g. is-slack"),
                 F("url", &Webhook::url, kOpt, "Where to POST (or url_env)"),
                 F("url_env", &Webhook::url_env, kOpt, "Environment variable holding the address"),
                 F("format", &Webhook::format, kOpt, "slack, teams or json (default)"),
                 F("secret_env", &Webhook::secret_env, kOpt,
                   "Environment variable holding the HMAC-SHA256 key of X-Sokuo-Signature"),
                 F("kinds", &Webhook::kinds, kOpt, "Message kinds sent here; none: every kind")};
};

template <>
struct Described<Witnesses> {
  static constexpr auto kFields = std::tuple{
      F("file", &Witnesses::file, kOpt,
        "A file on another machine (an absolute path) to which each head is appended"),
      F("webhooks", &Witnesses::webhooks, kOpt, "Webhook ids each head is sent to"),
      F("email", &Witnesses::email, kOpt, "Email each head to the people below (default true)"),
      F("roles", &Witnesses::roles, kOpt,
        "auditor, committee_chair, committee_member, steering_council_chair (default: auditor "
        "and committee_chair)"),
      F("people", &Witnesses::people, kOpt, "Person ids emailed besides the roles")};
};

template <>
struct Described<Notifications> {
  static constexpr auto kFields = std::tuple{
      F("link_base", &Notifications::link_base, kOpt,
        "The web address people open, e.g. https://sokuo.example.co.jp"),
      F("email", &Notifications::email, kOpt, "Email over SMTP"),
      F("webhooks", &Notifications::webhooks, kOpt, "Chat and JSON webhooks"),
      F("max_attempts", &Notifications::max_attempts, kOpt,
        "Attempts before a message is parked as failed (default 8)"),
      F("escalate_after_minutes", &Notifications::escalate_after_minutes, kOpt,
        "Minutes before an unacknowledged convocation request goes to the deputies (default 30)"),
      F("escalate_to", &Notifications::escalate_to, kOpt,
        "Person ids asked next, one at a time in order, once every deputy was asked"),
      F("witnesses", &Notifications::witnesses, kOpt,
        "Where the journal head is sent daily and at every closing (G4.4.3)")};
};

template <>
struct Described<Obligation> {
  static constexpr auto kFields = std::tuple{
      F("id", &Obligation::id, kReq, "Stable slug, e.g. ppc-final"),
      F("name", &Obligation::name, kReq, "Name in Japanese"),
      F("name_en", &Obligation::name_en, kOpt, "Name in English"),
      F("recipient", &Obligation::recipient, kOpt, "External contact id it is filed with", kRef),
      F("when", &Obligation::when, kReq, "Facts of the incident, any of which starts the clock"),
      F("unless", &Obligation::unless, kOpt, "Facts under which another duty applies instead"),
      F("hours", &Obligation::hours, kOpt, "Due this many hours after the start"),
      F("days", &Obligation::days, kOpt, "Due by the end of day N; the start's day is day 1"),
      F("months", &Obligation::months, kOpt, "Due by the end of the same day N months later"),
      F("next_open_day", &Obligation::next_open_day, kOpt,
        "A deadline on a day the government is closed moves to the next open day"),
      F("after", &Obligation::after, kOpt, "Another duty's id: counted from its filing"),
      F("remind_hours", &Obligation::remind_hours, kOpt,
        "Remind this many hours before the deadline (default 24)"),
      F("note", &Obligation::note, kOpt, "What the report must contain, where to file it")};
};

template <>
struct Described<Control> {
  static constexpr auto kFields = std::tuple{
      F("id", &Control::id, kReq, "Stable slug, e.g. access-log-review"),
      F("name", &Control::name, kReq, "Name in Japanese"),
      F("name_en", &Control::name_en, kOpt, "Name in English"),
      F("kind", &Control::kind, kReq, "prevention or detection (G4.1, G4.2)"),
      F("clause", &Control::clause, kOpt, "The guideline clause it serves, e.g. G4.1.4"),
      F("rule", &Control::rule, kOpt, "The internal rule it follows"),
      F("department", &Control::department, kReq, "The department responsible", kRef),
      F("role", &Control::role, kOpt, "Who in the department does it"),
      F("schedule", &Control::schedule, kReq,
        "daily, weekly, monthly, quarterly, yearly, or cron fields: minute hour day month weekday"),
      F("time_zone", &Control::time_zone, kOpt,
        "IANA time zone of the schedule (default: the "
        "company's)"),
      F("due_hours", &Control::due_hours, kOpt,
        "Due this many hours after it starts (default: when the next one starts)"),
      F("evidence", &Control::evidence, kOpt, "What completing it must leave on record"),
      F("source", &Control::source, kOpt,
        "clamav: done by the hosts' virus-scan results instead of by hand")};
};

template <>
struct Described<ReadinessSettings> {
  static constexpr auto kFields =
      std::tuple{F("backup_verified_days", &ReadinessSettings::backup_verified_days, kOpt,
                   "Days after which a backup's last restore test is stale (default 180)"),
                 F("contract_warning_days", &ReadinessSettings::contract_warning_days, kOpt,
                   "Days before a maintenance contract ends that it is named (default 60)"),
                 F("contact_review_months", &ReadinessSettings::contact_review_months, kOpt,
                   "Months after which an unchecked contact entry is named (default 12)")};
};

// Calls fn(field) for every field of T, in order.
template <class T, class Fn>
constexpr void ForEachField(Fn&& fn) {
  std::apply([&](const auto&... field) { (fn(field), ...); }, Described<T>::kFields);
}

// Type tests the walkers use to pick the handling of a member type.
template <class T, class = void>
struct IsDescribed : std::false_type {};
template <class T>
struct IsDescribed<T, std::void_t<decltype(Described<T>::kFields)>> : std::true_type {};

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};

template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {};

template <class E, class = void>
struct HasEnumTraits : std::false_type {};
template <class E>
struct HasEnumTraits<E, std::void_t<decltype(EnumTraits<E>::kNames)>> : std::true_type {};

// The value a field has when nothing sets it: the struct's own initializer.
template <class T, class M>
const M& DefaultOf(const Field<T, M>& field) {
  static const T kDefault{};
  return field.Get(kDefault);
}

}  // namespace sokuo::core
