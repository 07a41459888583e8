#include "core/readiness.h"

#include <algorithm>
#include <chrono>

namespace sokuo::core {
namespace {

using std::chrono::sys_days;

// G5.1: measures are asked for systems whose loss would seriously hurt the business.
bool ReadinessCritical(const InfoSystem& s) { return s.tier != Tier::kC; }

std::optional<Day> ReadinessDay(const std::string& text) {
  if (text.empty()) return std::nullopt;
  auto d = ParseDay(text);
  if (!d) return std::nullopt;
  return *d;
}

// `from` plus `months` calendar months; a day the month does not have becomes its last day
// (2026-01-31 + 1 month is 2026-02-28).
Day AddReadinessMonths(Day from, int months) {
  Day to = from + std::chrono::months{months};
  if (!to.ok()) to = std::chrono::year_month_day_last(to.year(), to.month() / std::chrono::last);
  return to;
}

class ReadinessCollector {
 public:
  ReadinessCollector(const Organization& org, Day today, const ReadinessThresholds& thresholds)
      : org_(org), today_(today), thresholds_(thresholds) {}

  std::vector<ReadinessGap> Run() {
    for (const Department& d : org_.departments) CheckDepartment(d);
    for (const InfoSystem& s : org_.systems) CheckSystem(s);
    for (const ExternalContact& c : org_.contacts) CheckContact(c);
    std::stable_sort(gaps_.begin(), gaps_.end(), [](const ReadinessGap& a, const ReadinessGap& b) {
      return a.clause < b.clause;
    });
    return std::move(gaps_);
  }

 private:
  void Add(std::string_view kind, const ReadinessSubject& subject, Message problem) {
    ReadinessGapKind row{};
    for (const ReadinessGapKind& k : kReadinessGapKinds) {
      if (k.kind == kind) row = k;
    }
    gaps_.push_back({.kind = std::string(kind),
                     .clause = std::string(row.clause),
                     .subject = subject,
                     .problem = std::move(problem),
                     .action = Msg(std::string(row.action))});
  }

  // The department a role's absence leaves without its lead: the plan's department, the
  // committee for its chair, the IS department for the steering council's chair.
  const Department* RoleDepartment(const RoleAssignment& r) const {
    DepartmentKind kind;
    switch (r.role) {
      case RoleKind::kActionPlan:
        return org_.FindDepartment(r.department);
      case RoleKind::kCommitteeChair:
        kind = DepartmentKind::kCommittee;
        break;
      case RoleKind::kSteeringCouncilChair:
        kind = DepartmentKind::kIt;
        break;
      default:
        return nullptr;  // members and staff stand in for each other
    }
    for (const Department& d : org_.departments) {
      if (d.kind == kind) return &d;
    }
    return nullptr;
  }

  // G3.3: each user department assigns roles in advance and prepares its action plan.
  void CheckDepartment(const Department& d) {
    ReadinessSubject subject{SubjectKind::kDepartment, d.id, d.name, d.name_en};
    if (d.kind == DepartmentKind::kUser &&
        std::none_of(org_.roles.begin(), org_.roles.end(), [&](const RoleAssignment& r) {
          return r.role == RoleKind::kActionPlan && r.department == d.id;
        })) {
      Add("no_action_plan", subject, Msg("readiness.no_action_plan"));
    }
    for (const RoleAssignment& r : org_.roles) {
      if (!r.deputies.empty() || RoleDepartment(r) != &d) continue;
      Add("no_deputy", subject,
          Msg("readiness.no_deputy",
              {{"role", std::string(kRoleKinds.Name(r.role))}, {"person", r.person}}));
    }
  }

  void CheckSystem(const InfoSystem& s) {
    ReadinessSubject subject{
        s.category == SystemCategory::kNetwork ? SubjectKind::kNetwork : SubjectKind::kSystem, s.id,
        s.name, s.name_en};
    bool critical = ReadinessCritical(s);
    // G5.1.1: a power supply holds no data to back up.
    if (critical && s.category != SystemCategory::kPower) {
      if (s.backup.method.empty()) {
        Add("no_backup", subject, Msg("readiness.no_backup"));
      } else if (auto tested = ReadinessDay(s.backup.last_verified); !tested) {
        Add("backup_not_verified", subject, Msg("readiness.backup_never_verified"));
      } else if (auto age = (sys_days(today_) - sys_days(*tested)).count();
                 age > thresholds_.backup_verified_days) {
        Add("backup_not_verified", subject,
            Msg("readiness.backup_stale",
                {{"day", s.backup.last_verified},
                 {"days", std::to_string(age)},
                 {"limit", std::to_string(thresholds_.backup_verified_days)}}));
      }
    }
    // G5.1.3
    if ((s.tier == Tier::kA || s.category == SystemCategory::kNetwork) && s.redundancy.empty()) {
      Add("no_redundancy", subject, Msg("readiness.no_redundancy"));
    }
    // G5.1.4: redundant equipment is the substitute equipment the clause asks for.
    if (critical && s.alternate_site.empty() && s.redundancy.empty()) {
      Add("no_alternate", subject, Msg("readiness.no_alternate"));
    }
    if (critical) CheckContract(s, subject);
    // G5.2.6b: the recovery plan estimates when each system is back and how the business works
    // meanwhile.
    if (critical && !s.rto_hours) Add("no_rto", subject, Msg("readiness.no_rto"));
    if (critical && s.workaround.empty()) {
      Add("no_workaround", subject, Msg("readiness.no_workaround"));
    }
  }

  // G5.1.5
  void CheckContract(const InfoSystem& s, const ReadinessSubject& subject) {
    if (s.vendor.empty()) {
      Add("no_vendor", subject, Msg("readiness.no_vendor"));
      return;
    }
    const ExternalContact* vendor = org_.FindContact(s.vendor);
    if (vendor == nullptr) return;  // org_rules.h reports the unknown id
    if (!vendor->contract) {
      Add("no_contract", subject, Msg("readiness.no_contract", {{"vendor", vendor->id}}));
      return;
    }
    auto expires = ReadinessDay(vendor->contract->expires);
    if (!expires) return;  // a contract without an end
    auto left = (sys_days(*expires) - sys_days(today_)).count();
    if (left < 0) {
      Add("contract_expired", subject,
          Msg("readiness.contract_expired",
              {{"vendor", vendor->id}, {"day", vendor->contract->expires}}));
    } else if (left <= thresholds_.contract_warning_days) {
      Add("contract_expiring", subject,
          Msg("readiness.contract_expiring", {{"vendor", vendor->id},
                                              {"day", vendor->contract->expires},
                                              {"days", std::to_string(left)}}));
    }
  }

  // G5.2.2 (as G4.3.2): a number that changed is found out during the disaster otherwise.
  void CheckContact(const ExternalContact& c) {
    ReadinessSubject subject{SubjectKind::kContact, c.id, c.name, c.name_en};
    auto reviewed = ReadinessDay(c.reviewed);
    if (!reviewed) {
      Add("contact_not_reviewed", subject, Msg("readiness.contact_never_reviewed"));
    } else if (sys_days(today_) >
               sys_days(AddReadinessMonths(*reviewed, thresholds_.contact_review_months))) {
      Add("contact_not_reviewed", subject,
          Msg("readiness.contact_stale",
              {{"day", c.reviewed},
               {"months", std::to_string(thresholds_.contact_review_months)}}));
    }
  }

  const Organization& org_;
  Day today_;
  const ReadinessThresholds& thresholds_;
  std::vector<ReadinessGap> gaps_;
};

}  // namespace

ReadinessThresholds ThresholdsOf(const Organization& org) {
  ReadinessThresholds t;
  const ReadinessSettings& s = org.readiness;
  t.backup_verified_days = s.backup_verified_days.value_or(t.backup_verified_days);
  t.contract_warning_days = s.contract_warning_days.value_or(t.contract_warning_days);
  t.contact_review_months = s.contact_review_months.value_or(t.contact_review_months);
  return t;
}

std::vector<ReadinessGap> Readiness(const Organization& org, Day today,
                                    const ReadinessThresholds& thresholds) {
  return ReadinessCollector(org, today, thresholds).Run();
}

}  // namespace sokuo::core
