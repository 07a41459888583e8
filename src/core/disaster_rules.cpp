#include "core/disaster_rules.h"

#include <algorithm>
#include <map>

#include "core/incident_rules.h"
#include "core/plan_input.h"
#include "core/record_check.h"

namespace sokuo::core {
namespace {

// down > unknown > degraded > ok: an unknown cell hides possible damage, a degraded one does not.
int Severity(SurveyStatus s) {
  switch (s) {
    case SurveyStatus::kOk:
      return 0;
    case SurveyStatus::kDegraded:
      return 1;
    case SurveyStatus::kUnknown:
      return 2;
    case SurveyStatus::kDown:
      return 3;
  }
  return 2;
}

SurveyStatus Worse(SurveyStatus a, SurveyStatus b) { return Severity(b) > Severity(a) ? b : a; }

size_t Column(SurveyItem item) {
  for (size_t k = 0; k < kSurveyItems.entries.size(); ++k) {
    if (kSurveyItems.entries[k].first == item) return k;
  }
  return 0;
}

std::string Name(SurveyItem item) { return std::string(kSurveyItems.Name(item)); }

// The records that count, worked out once for views over every person and system.
struct Latest {
  // The last in event order wins, as LatestAvailability and LatestProgress have it.
  explicit Latest(const Disaster& d) : survey(LatestSurvey(d)) {
    for (size_t k : EventOrder(Times(d.roll_call))) {
      availability[d.roll_call[k].person] = &d.roll_call[k];
    }
    for (size_t k : EventOrder(Times(d.progress))) progress[d.progress[k].system] = &d.progress[k];
    for (const SurveyEntry* e : survey) {
      if (e->item == SurveyItem::kSystems && !e->target.empty()) systems[e->target].push_back(e);
      if (e->item == SurveyItem::kPower) power[e->department].push_back(e);
    }
  }
  template <class T>
  static std::vector<std::string> Times(const std::vector<T>& records) {
    std::vector<std::string> out;
    out.reserve(records.size());
    for (const T& r : records) out.push_back(r.at);
    return out;
  }
  const Availability* AvailabilityOf(const std::string& person) const {
    auto it = availability.find(person);
    return it == availability.end() ? nullptr : it->second;
  }
  const SystemProgress* ProgressOf(const std::string& system) const {
    auto it = progress.find(system);
    return it == progress.end() ? nullptr : it->second;
  }

  std::vector<const SurveyEntry*> survey;
  std::map<std::string, const Availability*> availability;
  std::map<std::string, const SystemProgress*> progress;
  std::map<std::string, std::vector<const SurveyEntry*>> systems;  // item systems, by target
  std::map<std::string, std::vector<const SurveyEntry*>> power;    // item power, by department
};

bool CanWork(const Organization& org, const Availability* a) {
  const Person* p = a ? org.FindPerson(a->person) : nullptr;
  return p != nullptr && p->available_for_emergency_work && a->can_work;
}

void AddUnique(std::vector<std::string>& to, const std::string& value) {
  if (std::find(to.begin(), to.end(), value) == to.end()) to.push_back(value);
}

// `s` is the organization's system of that id, if it has one.
SurveyStatus StatusOf(const Latest& latest, const InfoSystem* s, const std::string& system) {
  std::vector<const SurveyEntry*> about;
  if (auto it = latest.systems.find(system); it != latest.systems.end()) about = it->second;
  if (s != nullptr && s->category == SystemCategory::kPower) {
    if (auto it = latest.power.find(s->owner); it != latest.power.end()) {
      about.insert(about.end(), it->second.begin(), it->second.end());
    }
  }
  const SystemProgress* p = latest.ProgressOf(system);
  std::optional<Timestamp> progress_at;
  if (p != nullptr) {
    if (auto at = ParseRfc3339(p->at)) progress_at = *at;
  }
  // A survey after the latest progress (an aftershock) says more than the progress does; the
  // surveys before it say less.
  std::optional<SurveyStatus> surveyed;
  bool survey_later = false;
  for (const SurveyEntry* e : about) {
    auto at = ParseRfc3339(e->at);
    bool later = p == nullptr || (progress_at && at && *at > *progress_at);
    if (!later) continue;
    survey_later = survey_later || p != nullptr;
    surveyed = surveyed ? Worse(*surveyed, e->status) : e->status;
  }
  if (p != nullptr && !survey_later) {
    if (p->status == RecoveryStatus::kRestored) return SurveyStatus::kOk;
    if (p->status == RecoveryStatus::kDegraded) return SurveyStatus::kDegraded;
    return SurveyStatus::kDown;
  }
  return surveyed.value_or(SurveyStatus::kUnknown);
}

}  // namespace

std::vector<Detail> CheckDisasterHeader(const Disaster& d, const Organization& org) {
  RecordCheck c(org);
  c.Text(d.title, "/title", kMaxTitle, true);
  c.Text(d.summary, "/summary", kMaxText, false);
  for (size_t k = 0; k < d.sites.size(); ++k) {
    c.Text(d.sites[k], ListItem("sites", k), kMaxTitle, true);
  }
  for (size_t k = 0; k < d.areas.size(); ++k) {
    c.Text(d.areas[k], ListItem("areas", k), kMaxTitle, true);
  }
  for (size_t k = 0; k < d.departments.size(); ++k) {
    c.Department(d.departments[k], ListItem("departments", k), true);
  }
  c.Unique(d.sites, "sites");
  c.Unique(d.areas, "areas");
  c.Unique(d.departments, "departments");
  c.Person(d.declared_by, "/declared_by", true);
  c.Time(d.declared_at, "/declared_at");
  c.Text(d.close_reason, "/close_reason", kMaxText, false);
  return c.Done();
}

std::vector<Detail> CheckAvailability(const Availability& a, const Organization& org) {
  RecordCheck c(org);
  c.Person(a.person, "/person", true);
  c.Department(a.department, "/department");
  c.Time(a.from, "/from");
  if (a.hours_per_day && (*a.hours_per_day < 1 || *a.hours_per_day > 24)) {
    c.Add("/hours_per_day", Msg("org.out_of_range", {{"low", "1"}, {"high", "24"}}));
  }
  if (a.day_starts_hour && (*a.day_starts_hour < 0 || *a.day_starts_hour > 23)) {
    c.Add("/day_starts_hour", Msg("org.out_of_range", {{"low", "0"}, {"high", "23"}}));
  }
  for (size_t k = 0; k < a.skills.size(); ++k) {
    c.Text(a.skills[k], ListItem("skills", k), kMaxTitle, true);
  }
  c.Unique(a.skills, "skills");
  c.Text(a.note, "/note", kMaxText, false);
  c.Person(a.recorded_by, "/recorded_by");
  c.Time(a.at, "/at");
  return c.Done();
}

std::vector<Detail> CheckSurveyEntry(const SurveyEntry& e, const Organization& org) {
  RecordCheck c(org);
  c.Department(e.department, "/department", true);
  c.Text(e.site, "/site", kMaxTitle, false);
  if (e.item == SurveyItem::kSystems) {
    c.System(e.target, "/target");
  } else if (e.item == SurveyItem::kConfidentialMedia) {
    c.Ref(e.target, org.media, "/target", "medium");
  } else if (!e.target.empty()) {
    c.Add("/target", Msg("disaster.target_not_allowed", {{"item", Name(e.item)}}));
  }
  c.Text(e.note, "/note", kMaxText, false);
  c.Person(e.surveyed_by, "/surveyed_by", true);
  c.Time(e.at, "/at");
  return c.Done();
}

std::vector<Detail> CheckProgress(const SystemProgress& p, const Organization& org) {
  RecordCheck c(org);
  c.System(p.system, "/system", true);
  c.Time(p.eta, "/eta");
  c.Text(p.note, "/note", kMaxText, false);
  c.Person(p.by, "/by", true);
  c.Time(p.at, "/at");
  return c.Done();
}

std::vector<Detail> CheckVendorRequest(const VendorRequest& r, const Organization& org) {
  RecordCheck c(org);
  c.Ref(r.vendor, org.contacts, "/vendor", "contact", true);
  // G5.2.6c: manufacturers and vendors, with or without a contract; anyone else only through
  // the contract they hold.
  if (const ExternalContact* v = org.FindContact(r.vendor);
      v != nullptr && v->kind != ContactKind::kVendor && !v->contract) {
    c.Add("/vendor", Msg("disaster.not_vendor", {{"contact", r.vendor}}));
  }
  c.System(r.system, "/system");
  c.Time(r.asked_at, "/asked_at");
  c.Time(r.eta, "/eta");
  c.Text(r.answer, "/answer", kMaxText, false);
  if ((r.state == VendorRequestState::kAnswered || r.state == VendorRequestState::kDeclined) &&
      r.answer.empty()) {
    c.Add("/answer", Msg("disaster.vendor_answer_required"));
  }
  c.Person(r.by, "/by", true);
  c.Time(r.at, "/at");
  return c.Done();
}

std::vector<Detail> CheckExemption(const Exemption& x, const Organization& org) {
  RecordCheck c(org);
  c.Text(x.rule, "/rule", kMaxTitle, true);
  c.Text(x.scope, "/scope", kMaxText, true);
  c.Text(x.reason, "/reason", kMaxText, true);
  c.Person(x.decided_by, "/decided_by", true);
  // G5.2.6a: with the committee's approval.
  if (org.FindPerson(x.decided_by) != nullptr && !IsCommittee(org, x.decided_by)) {
    c.Add("/decided_by", Msg("decision.not_committee", {{"person", x.decided_by}}));
  }
  c.Time(x.at, "/at");
  if (x.expires_at.empty()) {
    c.Add("/expires_at", Msg("field.required"));
  } else if (auto expires = ParseRfc3339(x.expires_at); !expires) {
    c.Add("/expires_at", expires.error().msg);
  } else if (auto decided = ParseRfc3339(x.at); decided && *expires <= *decided) {
    c.Add("/expires_at", Msg("disaster.expiry_not_after_decision", {{"at", x.at}}));
  }
  return c.Done();
}

SurveyMatrixView SurveyMatrix(const Disaster& d, const Organization& org) {
  std::vector<std::string> departments = d.departments;
  if (departments.empty()) {
    for (const Department& x : org.departments) {
      if (x.kind == DepartmentKind::kIt || x.kind == DepartmentKind::kUser) {
        departments.push_back(x.id);
      }
    }
  }
  std::vector<const SurveyEntry*> latest = LatestSurvey(d);
  for (const SurveyEntry* e : latest) AddUnique(departments, e->department);

  SurveyMatrixView view;
  for (const std::string& id : departments) {
    SurveyRow row{.department = id};
    std::array<bool, kSurveyItems.entries.size()> seen{};
    for (const SurveyEntry* e : latest) {
      if (e->department != id) continue;
      size_t col = Column(e->item);
      row.cells[col] = seen[col] ? Worse(row.cells[col], e->status) : e->status;
      seen[col] = true;
    }
    for (size_t col = 0; col < row.cells.size(); ++col) {
      if (!seen[col]) row.cells[col] = SurveyStatus::kUnknown;
      if (row.cells[col] == SurveyStatus::kUnknown) {
        view.unknown.push_back({id, kSurveyItems.entries[col].first});
      }
    }
    view.rows.push_back(std::move(row));
  }
  return view;
}

std::vector<MediumStatus> MediaSurvey(const Disaster& d, const Organization& org) {
  std::vector<std::string> departments;
  for (const SurveyRow& row : SurveyMatrix(d, org).rows) departments.push_back(row.department);
  std::vector<const SurveyEntry*> latest = LatestSurvey(d);
  std::vector<MediumStatus> out;
  for (const StorageMedium& m : org.media) {
    if (std::find(departments.begin(), departments.end(), m.owner) == departments.end()) continue;
    std::optional<SurveyStatus> status;
    for (const SurveyEntry* e : latest) {
      if (e->item != SurveyItem::kConfidentialMedia || e->target != m.id) continue;
      status = status ? Worse(*status, e->status) : e->status;
    }
    out.push_back({m.id, m.confidentiality, status.value_or(SurveyStatus::kUnknown)});
  }
  std::stable_sort(out.begin(), out.end(), [](const MediumStatus& a, const MediumStatus& b) {
    return a.confidentiality > b.confidentiality;
  });
  return out;
}

std::vector<DepartmentStaff> StaffView(const Disaster& d, const Organization& org, Timestamp now) {
  Latest latest(d);
  std::vector<DepartmentStaff> out;
  for (const Department& dept : org.departments) {
    DepartmentStaff staff{.department = dept.id};
    for (const Person& p : org.people) {
      const Availability* a = latest.AvailabilityOf(p.id);
      bool named = a != nullptr && org.FindDepartment(a->department) != nullptr;
      const std::string& works_for = named ? a->department : p.department;
      if (works_for != dept.id) continue;
      StaffMember m{.person = p.id, .called_in = p.available_for_emergency_work};
      if (a != nullptr) {
        m.latest = *a;
        auto from = ParseRfc3339(a->from);
        m.available_now = CanWork(org, a) && (a->from.empty() || (from && *from <= now));
      }
      staff.people.push_back(std::move(m));
    }
    for (const RoleAssignment& r : org.roles) {
      if (r.role != RoleKind::kActionPlan || r.department != dept.id) continue;
      ActionPlanRoleView role{.title = r.title, .person = r.person, .deputies = r.deputies};
      std::vector<std::string> succession{r.person};
      succession.insert(succession.end(), r.deputies.begin(), r.deputies.end());
      for (const std::string& who : succession) {
        if (CanWork(org, latest.AvailabilityOf(who))) {
          role.filled_by = who;
          break;
        }
      }
      staff.roles.push_back(std::move(role));
    }
    if (!staff.people.empty() || !staff.roles.empty()) out.push_back(std::move(staff));
  }
  return out;
}

SurveyStatus SystemStatus(const Disaster& d, const Organization& org, const std::string& system) {
  return StatusOf(Latest(d), org.FindSystem(system), system);
}

std::vector<SystemOutlook> Outlook(const Disaster& d, const Organization& org) {
  Latest latest(d);
  std::vector<SystemOutlook> out;
  for (const InfoSystem& s : org.systems) {
    SurveyStatus status = StatusOf(latest, &s, s.id);
    if (status == SurveyStatus::kOk) continue;
    const Department* owner = org.FindDepartment(s.owner);
    SystemOutlook o{.system = s.id,
                    .status = status,
                    .owner = s.owner,
                    .ask_is_department = owner != nullptr && owner->kind == DepartmentKind::kIt,
                    .degraded_mode = s.degraded_mode,
                    .workaround = s.workaround};
    if (const SystemProgress* p = latest.ProgressOf(s.id)) {
      o.eta = p->eta;
      o.note = p->note;
    }
    for (const VendorRequest& r : d.vendor_requests) {
      if (r.system == s.id && r.IsOpen()) o.vendor_requests.push_back(r.id);
    }
    out.push_back(std::move(o));
  }
  return out;
}

PlanInput DisasterPlanInput(const Disaster& d, const Organization& org, Timestamp now,
                            const Calendar& calendar) {
  Latest latest(d);
  PlanInput in;
  std::optional<Timestamp> declared;
  if (auto t = ParseRfc3339(d.declared_at)) declared = *t;
  // Per system, the ETA of the latest open vendor request that gives one, by when it was asked.
  std::vector<std::string> asked;
  for (const VendorRequest& r : d.vendor_requests) asked.push_back(r.asked_at);
  std::map<std::string, Timestamp> vendor_eta;
  for (size_t k : EventOrder(asked)) {
    const VendorRequest& r = d.vendor_requests[k];
    auto eta = ParseRfc3339(r.eta);
    if (!r.system.empty() && r.IsOpen() && eta) vendor_eta[r.system] = *eta;
  }
  for (const InfoSystem& s : org.systems) {
    PlanSystem p = PlanSystemOf(s, StatusOf(latest, &s, s.id), declared, now);
    const SystemProgress* progress = latest.ProgressOf(s.id);
    if (s.category == SystemCategory::kPower && progress != nullptr &&
        progress->status == RecoveryStatus::kDown) {
      if (auto eta = ParseRfc3339(progress->eta)) p.external_eta = MinutesFrom(now, *eta);
    }
    if (auto it = vendor_eta.find(s.id); it != vendor_eta.end()) {
      p.earliest_start = MinutesFrom(now, it->second);
    }
    in.systems.push_back(std::move(p));
  }
  int company_start = org.company.workday_start_hour.value_or(kDefaultWorkdayStartHour);
  for (const Person& person : org.people) {
    const Availability* a = latest.AvailabilityOf(person.id);
    if (!CanWork(org, a)) continue;
    Timestamp from = now;
    if (auto t = ParseRfc3339(a->from)) from = *t;
    int hours = a->hours_per_day.value_or(kWorkdayHours);
    PlanWorker w{.person = person.id, .skills = person.skills};
    for (const std::string& skill : a->skills) AddUnique(w.skills, skill);
    w.windows =
        DailyWindows(now, from, a->day_starts_hour.value_or(company_start), hours,
                     kDisasterPlanDays, hours >= 24 ? Days::kEvery : Days::kOpenOnly, calendar);
    in.workers.push_back(std::move(w));
  }
  return in;
}

std::vector<Message> CloseCheck(const Disaster& d, const Organization& org,
                                const std::string& committee_reason) {
  std::vector<Message> out;
  if (!d.IsOpen()) {
    out.push_back(Msg("disaster.already_closed", {{"key", d.key}}));
    return out;
  }
  if (!committee_reason.empty()) return out;
  Latest latest(d);
  for (const InfoSystem& s : org.systems) {
    if (s.tier != Tier::kA) continue;
    SurveyStatus status = StatusOf(latest, &s, s.id);
    if (status == SurveyStatus::kOk) continue;
    out.push_back(Msg("disaster.tier_a_not_back",
                      {{"system", s.id}, {"status", std::string(kSurveyStatuses.Name(status))}}));
  }
  return out;
}

Result<void> CloseDisaster(Disaster& d, const Organization& org, const std::string& by,
                           Timestamp at, const std::string& reason) {
  std::vector<Message> blocks = CloseCheck(d, org);
  bool anyway = !blocks.empty() && d.IsOpen() && !reason.empty();
  if (anyway && !IsCommittee(org, by)) {
    blocks = {Msg("decision.not_committee", {{"person", by}})};
  } else if (anyway) {
    blocks.clear();
  }
  if (!blocks.empty()) {
    Message msg = Msg("disaster.close_refused", {{"key", d.key}});
    Error e{ErrorCode::kConflict, Render(msg, Lang::kEn), "/state", {}, msg};
    for (Message& m : blocks) e.details.push_back(MakeDetail("", std::move(m)));
    return tl::unexpected(std::move(e));
  }
  d.state = DisasterState::kClosed;
  d.closed_at = FormatRfc3339(at);
  d.close_reason = reason;
  return {};
}

std::vector<Exemption> ActiveExemptions(const Disaster& d, Timestamp now) {
  std::vector<Exemption> out;
  for (const Exemption& x : d.exemptions) {
    if (auto expires = ParseRfc3339(x.expires_at); expires && now < *expires) out.push_back(x);
  }
  return out;
}

bool CanDoDisaster(const Principal& p, DisasterAction action, const Disaster& d,
                   const Organization& org, const std::string& department,
                   const std::string& person) {
  if (p.is_operator) return true;
  if (IsReadOnly(p)) return false;
  bool is = p.Has(Role::kIsDepartment);
  bool committee = p.Has(Role::kCommittee);
  const Person* me = org.FindPerson(p.person);
  auto heads = [&](const std::string& dept) {
    const Department* x = org.FindDepartment(dept);
    return x != nullptr && !x->head.empty() && x->head == p.person;
  };
  auto works_in = [&](const std::string& dept) {
    return !dept.empty() && (heads(dept) || (me != nullptr && me->department == dept));
  };
  switch (action) {
    case DisasterAction::kDeclare:
      return is || committee || p.Has(Role::kDepartmentHead);
    case DisasterAction::kUpdate:
      return is || committee || (!p.person.empty() && d.declared_by == p.person);
    case DisasterAction::kRollCall: {
      if (is || committee || (!person.empty() && person == p.person)) return true;
      const Person* subject = org.FindPerson(person);
      return heads(department) || (subject != nullptr && heads(subject->department));
    }
    case DisasterAction::kSurvey:
    case DisasterAction::kProgress:
      return is || committee || works_in(department);
    case DisasterAction::kTask:
    case DisasterAction::kDecide:
    case DisasterAction::kContact:
    case DisasterAction::kExempt:
    case DisasterAction::kClose:
      return is || committee;
  }
  return false;
}

}  // namespace sokuo::core
