// The readiness report: what the organization file shows, before a disaster, that will hurt
// during one. Each gap names the guideline clause it comes from, the object it is about, what
// is wrong and what to do, as messages (base/message.h) the adapters render.
//
// What is checked, and why only that:
//   G3.3    a user department without an emergency action plan (no action_plan role), and the
//           roles that must be held when their holder is away (the committee chair, the
//           steering council chair, every action-plan role) without a deputy. Committee members
//           and IS staff are many; one away is covered by the others.
//   G5.1.1  a tier a or b system (not power) without a backup, or whose last restore test is
//           missing or older than the threshold.
//   G5.1.3  a tier-a system or any network without redundancy.
//   G5.1.4  a tier a or b system with neither an alternate site nor redundant equipment to
//           stand in for it.
//   G5.1.5  a tier a or b system without a vendor, whose vendor has no maintenance contract, or
//           whose contract has ended or ends within the threshold.
//   G5.2.2  a contact entry never checked, or not checked within the threshold (months).
//   G5.2.6b a tier a or b system without a recovery time objective or a workaround.
// G5.1 asks for measures for "equipment whose failure would seriously affect" the business:
// tier c systems are left out. A system's owner is required by the organization file already.
//
// Messages name people and vendors by their ids: the organization file gives a role's title and
// a vendor's name in Japanese only, and a sentence is read in either language.
//
// Pure: today is a parameter, read by the caller from its clock in the company's calendar.
#pragma once

#include <string>
#include <vector>

#include "base/message.h"
#include "base/time.h"
#include "core/organization.h"

namespace sokuo::core {

struct ReadinessThresholds {
  int backup_verified_days = 180;  // a restore test more than this many days ago is stale
  int contract_warning_days = 60;  // a contract ending within this many days is named
  int contact_review_months = 12;  // a contact not checked for this many months is named
  friend bool operator==(const ReadinessThresholds&, const ReadinessThresholds&) = default;
};

// The defaults, overridden by the organization file's `readiness` settings.
ReadinessThresholds ThresholdsOf(const Organization& org);

enum class SubjectKind { kSystem, kNetwork, kDepartment, kContact };
inline constexpr auto kSubjectKinds = MakeEnumNames<SubjectKind>(
    std::pair{SubjectKind::kSystem, "system"}, std::pair{SubjectKind::kNetwork, "network"},
    std::pair{SubjectKind::kDepartment, "department"}, std::pair{SubjectKind::kContact, "contact"});

struct ReadinessSubject {
  SubjectKind kind = SubjectKind::kSystem;  // a system of category network is a network
  std::string id;
  std::string name;
  std::string name_en;
  friend bool operator==(const ReadinessSubject&, const ReadinessSubject&) = default;
};

struct ReadinessGap {
  std::string kind;    // stable code, e.g. "backup_not_verified" (kReadinessGapKinds)
  std::string clause;  // the guideline clause, e.g. "G5.1.1"
  ReadinessSubject subject;
  Message problem;  // what is wrong
  Message action;   // what to do
  friend bool operator==(const ReadinessGap&, const ReadinessGap&) = default;
};

// Every gap kind, in the report's order, with its clause and the code of what to do.
struct ReadinessGapKind {
  std::string_view kind;
  std::string_view clause;
  std::string_view action;
};
inline constexpr ReadinessGapKind kReadinessGapKinds[] = {
    {"no_action_plan", "G3.3", "readiness.fix_no_action_plan"},
    {"no_deputy", "G3.3", "readiness.fix_no_deputy"},
    {"no_backup", "G5.1.1", "readiness.fix_no_backup"},
    {"backup_not_verified", "G5.1.1", "readiness.fix_backup_not_verified"},
    {"no_redundancy", "G5.1.3", "readiness.fix_no_redundancy"},
    {"no_alternate", "G5.1.4", "readiness.fix_no_alternate"},
    {"no_vendor", "G5.1.5", "readiness.fix_no_vendor"},
    {"no_contract", "G5.1.5", "readiness.fix_no_contract"},
    {"contract_expired", "G5.1.5", "readiness.fix_contract_expired"},
    {"contract_expiring", "G5.1.5", "readiness.fix_contract_expiring"},
    {"contact_not_reviewed", "G5.2.2", "readiness.fix_contact_not_reviewed"},
    {"no_rto", "G5.2.6b", "readiness.fix_no_rto"},
    {"no_workaround", "G5.2.6b", "readiness.fix_no_workaround"},
};

// The gaps of `org` on `today` (the company's calendar day), ordered by clause, then by the
// subject's place in the organization file (departments, then systems, then contacts), then by
// kind. Dates that do not parse are left to org_rules.h; here they count as missing.
std::vector<ReadinessGap> Readiness(const Organization& org, Day today,
                                    const ReadinessThresholds& thresholds);

}  // namespace sokuo::core
