#include "app/organization_service.h"

#include <algorithm>

#include "app/authorization.h"
#include "core/org_rules.h"
#include "orgfile/org_file.h"
#include "report/binder.h"
#include "store/org_rows.h"

namespace sokuo::app {
namespace {

template <class T>
Result<T> FindOr404(const std::vector<T>& items, const std::string& id, std::string_view what) {
  for (const T& item : items) {
    if (item.id == id) return item;
  }
  // `what` is a term code suffix ("person" → term.person).
  return Fail(ErrorCode::kNotFound,
              Msg("org.not_found", {{"what", std::string(what)}, {"id", id}}));
}

PersonView PersonViewOf(const core::Organization& org, const core::Person& p) {
  PersonView v{p, {}};
  for (const auto& r : org.roles) {
    if (r.person == p.id ||
        std::find(r.deputies.begin(), r.deputies.end(), p.id) != r.deputies.end()) {
      v.roles.push_back(r);
    }
  }
  return v;
}

}  // namespace

Result<core::Organization> OrganizationService::Validate(std::string_view text,
                                                         std::string_view file_name) {
  return orgfile::Parse(text, file_name);
}

Result<ImportSummary> OrganizationService::Import(std::string_view text, std::string_view file_name,
                                                  const Actor& actor) {
  ASSIGN_OR_RETURN(core::Organization org, orgfile::Parse(text, file_name));
  ImportSummary summary;
  TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(std::vector<store::RowChange> changes, store::ReplaceOrganization(tx, org));
    if (changes.empty()) return {};
    nlohmann::json counts = nlohmann::json::object();
    for (const store::RowChange& c : changes) {
      TableCounts& t = summary.tables[c.table];
      int& n = !c.row ? t.removed : c.created ? t.added : t.updated;
      ++n;
    }
    for (const auto& [table, t] : summary.tables) {
      counts[table] = {{"added", t.added}, {"updated", t.updated}, {"removed", t.removed}};
    }
    ASSIGN_OR_RETURN(store::JournalEntry entry,
                     tx.Append({.at = ctx_.clock().Now(),
                                .actor = actor.id,
                                .action = "org.import",
                                .subject = "org",
                                .body = {{"file", std::string(file_name)}, {"counts", counts}}}));
    summary.entry_seq = entry.seq;
    return {};
  }));
  return summary;
}

Result<std::string> OrganizationService::Export() {
  ASSIGN_OR_RETURN(auto snapshot, Current());
  const core::Organization& org = *snapshot;
  return orgfile::Emit(org);
}

Result<std::string> OrganizationService::Binder(Lang lang) {
  ASSIGN_OR_RETURN(auto snapshot, Current());
  const core::Organization& org = *snapshot;
  ASSIGN_OR_RETURN(report::Stamp stamp, ctx_.Stamp());
  ASSIGN_OR_RETURN(Calendar calendar, core::CompanyCalendar(org));
  return report::BinderHtml(org, stamp, calendar, lang);
}

Result<ReadinessReport> OrganizationService::Readiness(const Actor& actor) {
  TRY(AuthorizeReadiness(actor));
  ASSIGN_OR_RETURN(auto snapshot, Current());
  const core::Organization& org = *snapshot;
  ASSIGN_OR_RETURN(Calendar calendar, core::CompanyCalendar(org));
  ReadinessReport report{.today = calendar.LocalDay(ctx_.clock().Now()),
                         .thresholds = core::ThresholdsOf(org)};
  report.gaps = core::Readiness(org, report.today, report.thresholds);
  return report;
}

Result<Page<core::Department>> OrganizationService::ListDepartments(const DepartmentFilter& f,
                                                                    PageRequest page) {
  ASSIGN_OR_RETURN(auto snapshot, Current());
  const core::Organization& org = *snapshot;
  return Paginate(org.departments, page,
                  [&](const core::Department& d) { return !f.kind || d.kind == *f.kind; });
}

Result<core::Department> OrganizationService::GetDepartment(const std::string& id) {
  ASSIGN_OR_RETURN(auto snapshot, Current());
  const core::Organization& org = *snapshot;
  return FindOr404(org.departments, id, "department");
}

Result<Page<PersonView>> OrganizationService::ListPeople(const PersonFilter& f, PageRequest page) {
  ASSIGN_OR_RETURN(auto snapshot, Current());
  const core::Organization& org = *snapshot;
  std::vector<PersonView> views;
  for (const auto& p : org.people) views.push_back(PersonViewOf(org, p));
  return Paginate(std::move(views), page, [&](const PersonView& v) {
    return f.department.empty() || v.person.department == f.department;
  });
}

Result<PersonView> OrganizationService::GetPerson(const std::string& id) {
  ASSIGN_OR_RETURN(auto snapshot, Current());
  const core::Organization& org = *snapshot;
  ASSIGN_OR_RETURN(core::Person p, FindOr404(org.people, id, "person"));
  return PersonViewOf(org, p);
}

Result<Page<core::ExternalContact>> OrganizationService::ListContacts(const ContactFilter& f,
                                                                      PageRequest page) {
  ASSIGN_OR_RETURN(auto snapshot, Current());
  const core::Organization& org = *snapshot;
  return Paginate(org.contacts, page,
                  [&](const core::ExternalContact& c) { return !f.kind || c.kind == *f.kind; });
}

Result<core::ExternalContact> OrganizationService::GetContact(const std::string& id) {
  ASSIGN_OR_RETURN(auto snapshot, Current());
  const core::Organization& org = *snapshot;
  return FindOr404(org.contacts, id, "contact");
}

Result<Page<SystemView>> OrganizationService::ListSystems(const SystemFilter& f, PageRequest page) {
  ASSIGN_OR_RETURN(auto snapshot, Current());
  const core::Organization& org = *snapshot;
  std::vector<SystemView> views;
  for (const auto& s : org.systems) views.push_back({s, core::Dependents(org, s.id)});
  return Paginate(std::move(views), page, [&](const SystemView& v) {
    return (!f.tier || v.system.tier == *f.tier) && (f.owner.empty() || v.system.owner == f.owner);
  });
}

Result<SystemView> OrganizationService::GetSystem(const std::string& id) {
  ASSIGN_OR_RETURN(auto snapshot, Current());
  const core::Organization& org = *snapshot;
  ASSIGN_OR_RETURN(core::InfoSystem s, FindOr404(org.systems, id, "system"));
  return SystemView{s, core::Dependents(org, id)};
}

}  // namespace sokuo::app
