#include "app/app.h"

#include <algorithm>

#include "core/org_rules.h"
#include "orgfile/org_file.h"
#include "store/org_rows.h"

namespace sokuo::app {
namespace {

template <class T, class Keep>
Page<T> Paginate(std::vector<T> all, PageRequest page, Keep keep) {
  Page<T> out;
  out.offset = page.offset;
  out.limit = std::min(page.limit, PageRequest::kMaxLimit);
  for (T& item : all) {
    if (!keep(item)) continue;
    if (out.total >= out.offset && out.items.size() < out.limit)
      out.items.push_back(std::move(item));
    ++out.total;
  }
  return out;
}

template <class T>
Result<T> FindOr404(const std::vector<T>& items, const std::string& id, std::string_view what) {
  for (const T& item : items) {
    if (item.id == id) return item;
  }
  return Fail(ErrorCode::kNotFound, "no " + std::string(what) + " '" + id + "'");
}

PersonView ViewOf(const core::Organization& org, const core::Person& p) {
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

Result<core::Organization> App::ValidateOrganization(std::string_view text,
                                                     std::string_view file_name) {
  return orgfile::Parse(text, file_name);
}

Result<ImportSummary> App::ImportOrganization(std::string_view text, std::string_view file_name,
                                              const Actor& actor) {
  ASSIGN_OR_RETURN(core::Organization org, orgfile::Parse(text, file_name));
  ImportSummary summary;
  TRY(store_.Write([&](store::Tx& tx) -> Result<void> {
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
                     tx.Append({.at = clock_.Now(),
                                .actor = actor.id,
                                .action = "org.import",
                                .subject = "org",
                                .body = {{"file", std::string(file_name)}, {"counts", counts}}}));
    summary.entry_seq = entry.seq;
    return {};
  }));
  return summary;
}

Result<std::string> App::ExportOrganization() {
  ASSIGN_OR_RETURN(core::Organization org, Organization());
  return orgfile::Emit(org);
}

// Every request needs the organization (roles, references); reading it costs about 0.7 ms, so
// the last one read is kept until the journal moves. A change made by another process (the CLI)
// moves the journal too, so the copy is never older than the newest entry.
Result<core::Organization> App::Organization() {
  ASSIGN_OR_RETURN(store::JournalHead head, store_.Head());
  {
    std::lock_guard lock(org_mu_);
    if (org_cache_ && org_cache_->first == head.hash) return org_cache_->second;
  }
  ASSIGN_OR_RETURN(core::Organization org, store::LoadOrganization(store_));
  std::lock_guard lock(org_mu_);
  org_cache_ = std::make_shared<const std::pair<std::string, core::Organization>>(head.hash, org);
  return org;
}

Result<Page<core::Department>> App::ListDepartments(const DepartmentFilter& f, PageRequest page) {
  ASSIGN_OR_RETURN(core::Organization org, Organization());
  return Paginate(std::move(org.departments), page,
                  [&](const core::Department& d) { return !f.kind || d.kind == *f.kind; });
}

Result<core::Department> App::GetDepartment(const std::string& id) {
  ASSIGN_OR_RETURN(core::Organization org, Organization());
  return FindOr404(org.departments, id, "department");
}

Result<Page<PersonView>> App::ListPeople(const PersonFilter& f, PageRequest page) {
  ASSIGN_OR_RETURN(core::Organization org, Organization());
  std::vector<PersonView> views;
  for (const auto& p : org.people) views.push_back(ViewOf(org, p));
  return Paginate(std::move(views), page, [&](const PersonView& v) {
    return f.department.empty() || v.person.department == f.department;
  });
}

Result<PersonView> App::GetPerson(const std::string& id) {
  ASSIGN_OR_RETURN(core::Organization org, Organization());
  ASSIGN_OR_RETURN(core::Person p, FindOr404(org.people, id, "person"));
  return ViewOf(org, p);
}

Result<Page<core::ExternalContact>> App::ListContacts(const ContactFilter& f, PageRequest page) {
  ASSIGN_OR_RETURN(core::Organization org, Organization());
  return Paginate(std::move(org.contacts), page,
                  [&](const core::ExternalContact& c) { return !f.kind || c.kind == *f.kind; });
}

Result<core::ExternalContact> App::GetContact(const std::string& id) {
  ASSIGN_OR_RETURN(core::Organization org, Organization());
  return FindOr404(org.contacts, id, "contact");
}

Result<Page<SystemView>> App::ListSystems(const SystemFilter& f, PageRequest page) {
  ASSIGN_OR_RETURN(core::Organization org, Organization());
  std::vector<SystemView> views;
  for (const auto& s : org.systems) views.push_back({s, core::Dependents(org, s.id)});
  return Paginate(std::move(views), page, [&](const SystemView& v) {
    return (!f.tier || v.system.tier == *f.tier) && (f.owner.empty() || v.system.owner == f.owner);
  });
}

Result<SystemView> App::GetSystem(const std::string& id) {
  ASSIGN_OR_RETURN(core::Organization org, Organization());
  ASSIGN_OR_RETURN(core::InfoSystem s, FindOr404(org.systems, id, "system"));
  return SystemView{s, core::Dependents(org, id)};
}

Result<store::VerifyReport> App::VerifyJournal() { return store_.Verify(); }

Result<store::JournalHead> App::JournalHead() { return store_.Head(); }

Result<std::vector<store::JournalEntry>> App::Journal(const store::JournalQuery& q) {
  store::JournalQuery bounded = q;
  bounded.limit = std::min<size_t>(q.limit, PageRequest::kMaxLimit);
  return store_.ReadJournal(bounded);
}

}  // namespace sokuo::app
