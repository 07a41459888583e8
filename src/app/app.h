// Use cases: one function per user action. Adapters (cli/, http/) decode input, call exactly
// one of these, and encode the result. Each write runs in one Store transaction with its journal
// entry. Authorization will live here too, so that every adapter gets the same answer.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/error.h"
#include "core/organization.h"
#include "store/store.h"

namespace sokuo::app {

// Who acts: a person id of the organization, "cli:<os user>" for the local operator, or
// "system" for sokuo's own timers.
struct Actor {
  std::string id;
};

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

struct PageRequest {
  size_t offset = 0;
  size_t limit = 50;
  static constexpr size_t kMaxLimit = 500;
};

template <class T>
struct Page {
  std::vector<T> items;
  size_t total = 0;  // items matching the filter, over all pages
  size_t offset = 0;
  size_t limit = 0;
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

class App {
 public:
  // Both must outlive the App. Thread-safe as far as the Store is.
  App(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Organization as code (G3, G5.1, G5.2.1).
  // Needs no stored state: checking a file works before `sokuo init`.
  [[nodiscard]] static Result<core::Organization> ValidateOrganization(std::string_view text,
                                                                       std::string_view file_name);
  [[nodiscard]] Result<ImportSummary> ImportOrganization(std::string_view text,
                                                         std::string_view file_name,
                                                         const Actor& actor);
  [[nodiscard]] Result<std::string> ExportOrganization();
  [[nodiscard]] Result<core::Organization> Organization();

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

  // The journal (G4.4.3).
  [[nodiscard]] Result<store::VerifyReport> VerifyJournal();
  [[nodiscard]] Result<store::JournalHead> JournalHead();
  [[nodiscard]] Result<std::vector<store::JournalEntry>> Journal(const store::JournalQuery& q);

 private:
  store::Store& store_;
  const Clock& clock_;
};

}  // namespace sokuo::app
