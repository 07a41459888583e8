#include "core/org_rules.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "base/text.h"
#include "base/time.h"
#include "core/notice.h"
#include "core/obligation.h"
#include "core/schedule.h"

namespace sokuo::core {
namespace {

std::string Ptr(std::string_view collection, size_t index, std::string_view field = {}) {
  std::string p = "/" + std::string(collection) + "/" + std::to_string(index);
  if (!field.empty()) p += "/" + std::string(field);
  return p;
}

class OrgChecker {
 public:
  explicit OrgChecker(const Organization& org) : org_(org) {
    for (const auto& d : org.departments) department_ids_.push_back(d.id);
    for (const auto& p : org.people) person_ids_.push_back(p.id);
    for (const auto& c : org.contacts) contact_ids_.push_back(c.id);
    for (const auto& s : org.systems) system_ids_.push_back(s.id);
  }

  std::vector<Detail> Run() {
    CheckCompany();
    CheckIds("departments", org_.departments);
    CheckIds("people", org_.people);
    CheckIds("contacts", org_.contacts);
    CheckIds("systems", org_.systems);
    CheckIds("media", org_.media);
    CheckDepartments();
    CheckPeople();
    CheckRoles();
    CheckContacts();
    CheckSystems();
    CheckMedia();
    CheckCategories();
    CheckNotifications();
    CheckObligations();
    CheckControls();
    return std::move(problems_);
  }

 private:
  void Add(std::string where, Message msg) {
    problems_.push_back(MakeDetail(std::move(where), std::move(msg)));
  }

  // `what` names the field as a term code suffix ("company_name" → term.company_name).
  void Required(const std::string& value, std::string where, std::string_view what) {
    if (value.empty())
      Add(std::move(where), Msg("field.required_named", {{"what", std::string(what)}}));
  }

  // `id` must name one of `ids` (of kind `what`, a term code suffix); empty is allowed unless
  // `required`.
  void Ref(const std::string& id, const std::vector<std::string>& ids, std::string where,
           std::string_view what, bool required = false) {
    if (id.empty()) {
      if (required)
        Add(std::move(where), Msg("field.required_named", {{"what", std::string(what)}}));
      return;
    }
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
      Add(std::move(where), Msg("ref.unknown", {{"what", std::string(what)},
                                                {"id", id},
                                                {"suggestion", Suggest(id, ids).value_or("")}}));
    }
  }

  void Date(const std::string& text, std::string where) {
    if (text.empty()) return;
    if (auto d = ParseDay(text); !d) Add(std::move(where), d.error().msg);
  }

  template <class T>
  void CheckIds(std::string_view collection, const std::vector<T>& items) {
    std::map<std::string, size_t> first;
    for (size_t i = 0; i < items.size(); ++i) {
      const std::string& id = items[i].id;
      std::string where = Ptr(collection, i, "id");
      if (id.empty()) {
        Add(where, Msg("field.required_named", {{"what", "id"}}));
      } else if (!IsSlug(id)) {
        Add(where, Msg("org.id_not_slug", {{"id", id}}));
      } else if (auto [it, inserted] = first.emplace(id, i); !inserted) {
        Add(where, Msg("org.duplicate_id", {{"id", id}, {"first", Ptr(collection, it->second)}}));
      }
    }
  }

  void CheckCompany() {
    Required(org_.company.name, "/company/name", "company_name");
    Range(org_.company.workday_start_hour, 0, 23, "/company/workday_start_hour");
    std::set<std::string> seen;
    for (size_t i = 0; i < org_.company.holidays.size(); ++i) {
      const Holiday& h = org_.company.holidays[i];
      std::string where = "/company/holidays/" + std::to_string(i) + "/date";
      Date(h.date, where);
      if (h.date.empty()) Add(where, Msg("field.required_named", {{"what", "date"}}));
      if (!h.date.empty() && !seen.insert(h.date).second) {
        Add(where, Msg("org.holiday_twice", {{"date", h.date}}));
      }
    }
  }

  void CheckDepartments() {
    bool has_committee = false;
    bool has_it = false;
    for (size_t i = 0; i < org_.departments.size(); ++i) {
      const Department& d = org_.departments[i];
      Required(d.name, Ptr("departments", i, "name"), "name");
      Ref(d.head, person_ids_, Ptr("departments", i, "head"), "person");
      Ref(d.parent, department_ids_, Ptr("departments", i, "parent"), "department");
      if (!d.parent.empty() && d.parent == d.id) {
        Add(Ptr("departments", i, "parent"), Msg("org.own_parent"));
      }
      has_committee |= d.kind == DepartmentKind::kCommittee;
      has_it |= d.kind == DepartmentKind::kIt;
    }
    // G3.1, G3.2: the guideline's flow needs both bodies.
    if (!has_committee) {
      Add("/departments", Msg("org.no_committee"));
    }
    if (!has_it) Add("/departments", Msg("org.no_it_department"));
    CheckDepartmentCycles();
  }

  void CheckDepartmentCycles() {
    for (size_t i = 0; i < org_.departments.size(); ++i) {
      std::set<std::string> seen{org_.departments[i].id};
      const Department* d = &org_.departments[i];
      std::string path = d->id;
      while (!d->parent.empty() && d->parent != d->id) {
        path += " → " + d->parent;
        if (!seen.insert(d->parent).second) {
          if (d->parent == org_.departments[i].id) {
            Add(Ptr("departments", i, "parent"), Msg("org.department_cycle", {{"path", path}}));
          }
          break;
        }
        d = org_.FindDepartment(d->parent);
        if (d == nullptr) break;
      }
    }
  }

  void CheckPeople() {
    for (size_t i = 0; i < org_.people.size(); ++i) {
      const Person& p = org_.people[i];
      Required(p.name, Ptr("people", i, "name"), "name");
      Ref(p.department, department_ids_, Ptr("people", i, "department"), "department", true);
      if (!p.email.empty() && p.email.find('@') == std::string::npos) {
        Add(Ptr("people", i, "email"), Msg("org.not_email", {{"email", p.email}}));
      }
      for (size_t j = 0; j < p.phones.size(); ++j) {
        Required(p.phones[j].number, Ptr("people", i, "phones/" + std::to_string(j) + "/number"),
                 "number");
      }
    }
  }

  void CheckRoles() {
    size_t chairs = 0;
    size_t council_chairs = 0;
    std::set<std::string> assignments;
    for (size_t i = 0; i < org_.roles.size(); ++i) {
      const RoleAssignment& r = org_.roles[i];
      if (!assignments
               .insert(std::string(kRoleKinds.Name(r.role)) + "/" + r.person + "/" + r.department +
                       "/" + r.title)
               .second) {
        Add(Ptr("roles", i), Msg("org.role_twice", {{"person", r.person}}));
      }
      Ref(r.person, person_ids_, Ptr("roles", i, "person"), "person", true);
      for (size_t j = 0; j < r.deputies.size(); ++j) {
        std::string where = Ptr("roles", i, "deputies/" + std::to_string(j));
        Ref(r.deputies[j], person_ids_, where, "person");
        if (r.deputies[j] == r.person) Add(where, Msg("org.own_deputy"));
      }
      if (r.role == RoleKind::kActionPlan) {
        Ref(r.department, department_ids_, Ptr("roles", i, "department"), "department", true);
        Required(r.title, Ptr("roles", i, "title"), "action_plan_title");
      } else {
        Ref(r.department, department_ids_, Ptr("roles", i, "department"), "department");
      }
      if (r.role == RoleKind::kCommitteeChair && ++chairs > 1) {
        Add(Ptr("roles", i, "role"), Msg("org.two_chairs"));
      }
      if (r.role == RoleKind::kSteeringCouncilChair && ++council_chairs > 1) {
        Add(Ptr("roles", i, "role"), Msg("org.two_council_chairs"));
      }
    }
    // G3.1: the committee decides; someone must chair it.
    if (chairs == 0) Add("/roles", Msg("org.no_chair"));
  }

  void CheckContacts() {
    for (size_t i = 0; i < org_.contacts.size(); ++i) {
      const ExternalContact& c = org_.contacts[i];
      Required(c.name, Ptr("contacts", i, "name"), "name");
      for (size_t j = 0; j < c.channels.size(); ++j) {
        Required(c.channels[j].value,
                 Ptr("contacts", i, "channels/" + std::to_string(j) + "/value"), "value");
      }
      if (c.contract) Date(c.contract->expires, Ptr("contacts", i, "contract/expires"));
      Date(c.reviewed, Ptr("contacts", i, "reviewed"));
    }
  }

  void CheckSystems() {
    for (size_t i = 0; i < org_.systems.size(); ++i) {
      const InfoSystem& s = org_.systems[i];
      Required(s.name, Ptr("systems", i, "name"), "name");
      Ref(s.owner, department_ids_, Ptr("systems", i, "owner"), "department", true);
      Ref(s.vendor, contact_ids_, Ptr("systems", i, "vendor"), "contact");
      if (const ExternalContact* v = org_.FindContact(s.vendor);
          v != nullptr && v->kind != ContactKind::kVendor) {
        Add(Ptr("systems", i, "vendor"), Msg("org.not_vendor", {{"contact", s.vendor}}));
      }
      if (s.rto_hours && *s.rto_hours < 0) {
        Add(Ptr("systems", i, "rto_hours"), Msg("field.below_min", {{"min", "0"}}));
      }
      if (s.rpo_hours && *s.rpo_hours < 0) {
        Add(Ptr("systems", i, "rpo_hours"), Msg("field.below_min", {{"min", "0"}}));
      }
      Date(s.backup.last_verified, Ptr("systems", i, "backup/last_verified"));
      for (size_t j = 0; j < s.data.size(); ++j) {
        Required(s.data[j].name, Ptr("systems", i, "data/" + std::to_string(j) + "/name"), "name");
      }
      for (size_t j = 0; j < s.hosts.size(); ++j) {
        const Host& h = s.hosts[j];
        std::string where = Ptr("systems", i, "hosts/" + std::to_string(j));
        Required(h.name, where + "/name", "name");
        if (h.name.empty()) continue;
        auto [it, fresh] = host_at_.emplace(h.name, where);
        if (!fresh) {
          Add(where + "/name", Msg("org.host_twice", {{"host", h.name}, {"first", it->second}}));
        }
      }
      std::set<std::string> seen;
      for (size_t j = 0; j < s.depends_on.size(); ++j) {
        const std::string& dep = s.depends_on[j];
        std::string where = Ptr("systems", i, "depends_on/" + std::to_string(j));
        if (dep == s.id) {
          Add(where, Msg("org.self_dependency", {{"system", s.id}}));
          continue;
        }
        if (!seen.insert(dep).second) {
          Add(where, Msg("list.duplicate", {{"value", dep}}));
          continue;
        }
        Ref(dep, system_ids_, where, "system");
        // G5.2.1: systems are restored tier by tier, so what a system needs must not wait
        // for a later tier than the system itself.
        if (const InfoSystem* d = org_.FindSystem(dep); d != nullptr && d->tier > s.tier) {
          Add(where, Msg("org.tier_order", {{"tier", std::string(kTiers.Name(s.tier))},
                                            {"system", s.id},
                                            {"dependency_tier", std::string(kTiers.Name(d->tier))},
                                            {"dependency", dep}}));
        }
      }
    }
    CheckSystemCycles();
  }

  // Depth-first search; each cycle is reported once, at the edge that closes it.
  void CheckSystemCycles() {
    std::map<std::string, size_t> index;
    for (size_t i = 0; i < org_.systems.size(); ++i) index.emplace(org_.systems[i].id, i);
    enum class Mark { kNew, kActive, kDone };
    std::vector<Mark> mark(org_.systems.size(), Mark::kNew);
    std::vector<size_t> stack;
    std::function<void(size_t)> visit = [&](size_t i) {
      mark[i] = Mark::kActive;
      stack.push_back(i);
      const InfoSystem& s = org_.systems[i];
      for (size_t j = 0; j < s.depends_on.size(); ++j) {
        auto it = index.find(s.depends_on[j]);
        if (it == index.end() || it->second == i) continue;
        size_t next = it->second;
        if (mark[next] == Mark::kActive) {
          std::string cycle;
          auto from = std::find(stack.begin(), stack.end(), next);
          for (auto k = from; k != stack.end(); ++k) cycle += org_.systems[*k].id + " → ";
          cycle += org_.systems[next].id;
          Add(Ptr("systems", i, "depends_on/" + std::to_string(j)),
              Msg("org.system_cycle", {{"path", cycle}}));
        } else if (mark[next] == Mark::kNew) {
          visit(next);
        }
      }
      stack.pop_back();
      mark[i] = Mark::kDone;
    };
    for (size_t i = 0; i < org_.systems.size(); ++i) {
      if (mark[i] == Mark::kNew) visit(i);
    }
  }

  void CheckMedia() {
    for (size_t i = 0; i < org_.media.size(); ++i) {
      const StorageMedium& m = org_.media[i];
      Required(m.name, Ptr("media", i, "name"), "name");
      Ref(m.owner, department_ids_, Ptr("media", i, "owner"), "department", true);
      Ref(m.system, system_ids_, Ptr("media", i, "system"), "system");
    }
  }

  // Environment variable names as a shell writes them: A-Z, digits and _, not starting with a
  // digit.
  void EnvName(const std::string& name, const std::string& where) {
    bool ok = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
    for (char c : name) {
      ok = ok && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
    }
    if (!name.empty() && !ok) Add(where, Msg("org.env_name", {{"name", name}}));
  }

  void Url(const std::string& url, std::initializer_list<std::string_view> schemes,
           const std::string& where) {
    if (url.empty()) return;
    for (std::string_view scheme : schemes) {
      std::string prefix = std::string(scheme) + "://";
      if (url.rfind(prefix, 0) == 0 && url.size() > prefix.size()) return;
    }
    std::string names;
    for (std::string_view scheme : schemes) {
      names += (names.empty() ? "" : " | ") + std::string(scheme) + "://";
    }
    Add(where, Msg("org.url_scheme", {{"url", url}, {"schemes", names}}));
  }

  void Range(const std::optional<int>& value, int low, int high, const std::string& where) {
    if (value && (*value < low || *value > high)) {
      Add(where,
          Msg("org.out_of_range", {{"low", std::to_string(low)}, {"high", std::to_string(high)}}));
    }
  }

  void CheckNotifications() {
    const Notifications& n = org_.notifications;
    Url(n.link_base, {"http", "https"}, "/notifications/link_base");
    if (n.email) {
      Url(n.email->smtp, {"smtp", "smtps"}, "/notifications/email/smtp");
      Required(n.email->smtp, "/notifications/email/smtp", "smtp");
      Required(n.email->from, "/notifications/email/from", "from");
      if (!n.email->from.empty() && n.email->from.find('@') == std::string::npos) {
        Add("/notifications/email/from", Msg("org.not_email", {{"email", n.email->from}}));
      }
      EnvName(n.email->password_env, "/notifications/email/password_env");
    }
    CheckIds("notifications/webhooks", n.webhooks);
    for (size_t i = 0; i < n.webhooks.size(); ++i) {
      const Webhook& w = n.webhooks[i];
      std::string at = Ptr("notifications/webhooks", i);
      if (w.url.empty() == w.url_env.empty()) Add(at, Msg("org.webhook_address"));
      Url(w.url, {"http", "https"}, at + "/url");
      EnvName(w.url_env, at + "/url_env");
      EnvName(w.secret_env, at + "/secret_env");
      for (size_t k = 0; k < w.kinds.size(); ++k) {
        if (!IsNoticeKind(w.kinds[k])) {
          Add(at + "/kinds/" + std::to_string(k),
              Msg("org.unknown_notice", {{"kind", w.kinds[k]}}));
        }
      }
    }
    Range(n.max_attempts, 1, 100, "/notifications/max_attempts");
    Range(n.escalate_after_minutes, 1, 24 * 60, "/notifications/escalate_after_minutes");
    const ReadinessSettings& r = org_.readiness;
    Range(r.backup_verified_days, 1, 3650, "/readiness/backup_verified_days");
    Range(r.contract_warning_days, 0, 3650, "/readiness/contract_warning_days");
    Range(r.contact_review_months, 1, 120, "/readiness/contact_review_months");
    for (size_t i = 0; i < n.escalate_to.size(); ++i) {
      Ref(n.escalate_to[i], person_ids_, "/notifications/escalate_to/" + std::to_string(i),
          "person");
    }
    if (n.witnesses) CheckWitnesses(*n.witnesses);
  }

  // G4.4.3: the journal head must reach somewhere outside sokuo, by a channel that exists.
  void CheckWitnesses(const Witnesses& w) {
    const std::string at = "/notifications/witnesses";
    if (!w.file.empty() && w.file.front() != '/') {
      Add(at + "/file", Msg("org.witness_file_absolute", {{"path", w.file}}));
    }
    std::vector<std::string> hooks;
    for (const Webhook& h : org_.notifications.webhooks) hooks.push_back(h.id);
    for (size_t i = 0; i < w.webhooks.size(); ++i) {
      Ref(w.webhooks[i], hooks, at + "/webhooks/" + std::to_string(i), "webhook");
    }
    std::string roles;
    for (std::string_view r : kWitnessRoles) roles += (roles.empty() ? "" : ", ") + std::string(r);
    for (size_t i = 0; i < w.roles.size(); ++i) {
      if (std::find(kWitnessRoles.begin(), kWitnessRoles.end(), w.roles[i]) ==
          kWitnessRoles.end()) {
        Add(at + "/roles/" + std::to_string(i),
            Msg("org.witness_role", {{"role", w.roles[i]}, {"roles", roles}}));
      }
    }
    for (size_t i = 0; i < w.people.size(); ++i) {
      Ref(w.people[i], person_ids_, at + "/people/" + std::to_string(i), "person");
    }
    if (w.email && !org_.notifications.email) {
      Add(at + "/email", Msg("org.witness_no_email"));
    } else if (!w.email && w.file.empty() && w.webhooks.empty()) {
      Add(at, Msg("org.witness_nowhere"));
    }
  }

  void CheckObligations() {
    CheckIds("obligations", org_.obligations);
    for (size_t i = 0; i < org_.obligations.size(); ++i) {
      const Obligation& o = org_.obligations[i];
      Required(o.name, Ptr("obligations", i, "name"), "name");
      Ref(o.recipient, contact_ids_, Ptr("obligations", i, "recipient"), "contact");
      if (o.when.empty()) {
        Add(Ptr("obligations", i, "when"), Msg("field.required_named", {{"what", "when"}}));
      }
      for (const auto* facts : {&o.when, &o.unless}) {
        std::string field = facts == &o.when ? "when/" : "unless/";
        for (size_t k = 0; k < facts->size(); ++k) {
          if (!IsObligationTrigger((*facts)[k])) {
            Add(Ptr("obligations", i, field + std::to_string(k)),
                Msg("org.unknown_fact", {{"fact", (*facts)[k]}, {"facts", TriggerNames()}}));
          }
        }
      }
      int counts = (o.hours ? 1 : 0) + (o.days ? 1 : 0) + (o.months ? 1 : 0);
      if (counts != 1) Add(Ptr("obligations", i), Msg("org.obligation_period"));
      Range(o.hours, 1, 24 * 366, Ptr("obligations", i, "hours"));
      Range(o.days, 1, 366, Ptr("obligations", i, "days"));
      Range(o.months, 1, 24, Ptr("obligations", i, "months"));
      Range(o.remind_hours, 1, 24 * 30, Ptr("obligations", i, "remind_hours"));
      if (!o.after.empty() && (o.after == o.id || org_.FindObligation(o.after) == nullptr)) {
        Add(Ptr("obligations", i, "after"), Msg("org.unknown_obligation", {{"id", o.after}}));
      }
    }
  }

  void CheckControls() {
    CheckIds("controls", org_.controls);
    for (size_t i = 0; i < org_.controls.size(); ++i) {
      const Control& c = org_.controls[i];
      Required(c.name, Ptr("controls", i, "name"), "name");
      Ref(c.department, department_ids_, Ptr("controls", i, "department"), "department", true);
      if (c.schedule.empty()) {
        Add(Ptr("controls", i, "schedule"), Msg("field.required_named", {{"what", "schedule"}}));
      } else if (auto s = ParseSchedule(c.schedule); !s) {
        Add(Ptr("controls", i, "schedule"), s.error().msg);
      }
      if (!c.time_zone.empty() && !IsValidTimeZone(c.time_zone)) {
        Add(Ptr("controls", i, "time_zone"), Msg("time.unknown_zone", {{"zone", c.time_zone}}));
      }
      Range(c.due_hours, 1, 24 * 366, Ptr("controls", i, "due_hours"));
      if (!c.source.empty() && c.source != "clamav") {
        Add(Ptr("controls", i, "source"),
            Msg("org.unknown_control_source", {{"source", c.source}}));
      }
    }
  }

  static std::string TriggerNames() {
    std::string out;
    for (std::string_view t : kObligationTriggers)
      out += (out.empty() ? "" : ", ") + std::string(t);
    return out;
  }

  void CheckCategories() {
    std::set<std::string> seen;
    for (size_t i = 0; i < org_.incident_categories.size(); ++i) {
      const std::string& c = org_.incident_categories[i];
      std::string where = "/incident_categories/" + std::to_string(i);
      if (!IsSlug(c)) {
        Add(where, Msg("org.category_not_slug", {{"category", c}}));
      } else if (!seen.insert(c).second) {
        Add(where, Msg("org.category_twice", {{"category", c}}));
      }
    }
  }

  const Organization& org_;
  std::vector<std::string> department_ids_, person_ids_, contact_ids_, system_ids_;
  std::map<std::string, std::string> host_at_;  // host name → where it first appears
  std::vector<Detail> problems_;
};

}  // namespace

std::vector<Detail> Validate(const Organization& org) { return OrgChecker(org).Run(); }

bool IsSlug(std::string_view id) {
  if (id.empty() || id.size() > 64 || id.front() == '-' || id.back() == '-') return false;
  char prev = 0;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && prev == '-')) return false;
    prev = c;
  }
  return true;
}

std::vector<std::string> Dependents(const Organization& org, std::string_view id) {
  std::vector<std::string> out;
  for (const InfoSystem& s : org.systems) {
    if (std::find(s.depends_on.begin(), s.depends_on.end(), id) != s.depends_on.end()) {
      out.push_back(s.id);
    }
  }
  return out;
}

}  // namespace sokuo::core
