// The organization area (G3, G5.1, G5.2.1): the organization as code — validate, import and
// export the file — and reads of departments, people, contacts and systems with filters and
// pages.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.h"
#include "app/page.h"
#include "core/organization.h"
#include "core/readiness.h"

namespace sokuo::app {

struct TableCounts {
  int added = 0;
  int updated = 0;
  int removed = 0;
  friend bool operator==(const TableCounts&, const TableCounts&) = default;
};

struct ImportSummary {
  int64_t entry_seq = 0;  // the journal entry that recorded the import; 0 when nothing changed
  std::map<std::string, TableCounts> tables;  // only tables with changes
  bool changed() const { return entry_seq != 0; }
};

struct DepartmentFilter {
  std::optional<core::DepartmentKind> kind;
};
struct PersonFilter {
  std::string department;
};
struct ContactFilter {
  std::optional<core::ContactKind> kind;
};
struct SystemFilter {
  std::optional<core::Tier> tier;
  std::string owner;
};

// A system with what it needs and what needs it.
struct SystemView {
  core::InfoSystem system;
  std::vector<std::string> dependents;
};

// A person with the emergency roles they hold.
struct PersonView {
  core::Person person;
  std::vector<core::RoleAssignment> roles;  // as holder or as deputy
};

// G3.3, G5.1: what the organization file shows, before a disaster, that will hurt during one.
struct ReadinessReport {
  Day today;  // the company's calendar day the report is for
  core::ReadinessThresholds thresholds;
  std::vector<core::ReadinessGap> gaps;  // by clause, then subject (core/readiness.h)
};

class OrganizationService {
 public:
  explicit OrganizationService(Context& ctx) : ctx_(ctx) {}

  // Needs no stored state: checking a file works before `sokuo init`.
  [[nodiscard]] static Result<core::Organization> Validate(std::string_view text,
                                                           std::string_view file_name);
  // All of the file or nothing; an unchanged file writes no journal entry.
  [[nodiscard]] Result<ImportSummary> Import(std::string_view text, std::string_view file_name,
                                             const Actor& actor);
  [[nodiscard]] Result<std::string> Export();
  // The emergency binder (report/binder.h) of the organization as it is now, stamped with the
  // time and the journal head, in `lang`: kNotFound before an organization is imported.
  [[nodiscard]] Result<std::string> Binder(Lang lang);
  [[nodiscard]] Result<std::shared_ptr<const core::Organization>> Current() {
    return ctx_.Organization();
  }

  [[nodiscard]] Result<Page<core::Department>> ListDepartments(const DepartmentFilter& f,
                                                               PageRequest page);
  [[nodiscard]] Result<core::Department> GetDepartment(const std::string& id);
  [[nodiscard]] Result<Page<PersonView>> ListPeople(const PersonFilter& f, PageRequest page);
  [[nodiscard]] Result<PersonView> GetPerson(const std::string& id);
  [[nodiscard]] Result<Page<core::ExternalContact>> ListContacts(const ContactFilter& f,
                                                                 PageRequest page);
  [[nodiscard]] Result<core::ExternalContact> GetContact(const std::string& id);
  [[nodiscard]] Result<Page<SystemView>> ListSystems(const SystemFilter& f, PageRequest page);
  [[nodiscard]] Result<SystemView> GetSystem(const std::string& id);
  // For those who prepare for a disaster and those who check them: the IS department, the
  // committee, administrators and the auditor (CanReadReadiness); today from the clock, in the
  // company's calendar.
  [[nodiscard]] Result<ReadinessReport> Readiness(const Actor& actor);

 private:
  Context& ctx_;
};

}  // namespace sokuo::app
