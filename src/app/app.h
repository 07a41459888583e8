// Use cases: one function per user action. Adapters (cli/, http/) decode input, call exactly
// one of these, and encode the result. Each write runs in one Store transaction with its journal
// entry. Authorization will live here too, so that every adapter gets the same answer.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/auth.h"
#include "app/incidents.h"
#include "base/blob_store.h"
#include "base/clock.h"
#include "base/error.h"
#include "base/secrets.h"
#include "core/organization.h"
#include "store/store.h"

#include <nlohmann/json.hpp>

namespace sokuo::app {

// Who acts: a person id of the organization, "cli:<os user>" for the local operator, or
// "system" for sokuo's own timers.
struct Actor {
  std::string id;
  core::Principal principal = core::Operator();  // the local operator unless authenticated
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
  // All must outlive the App. Thread-safe as far as the Store and the vault are. Without a
  // vault, evidence cannot be added.
  App(store::Store& store, const Clock& clock, BlobStore* vault = nullptr,
      PasswordHasher* hasher = nullptr, Random* random = nullptr, AuthOptions auth = {})
      : store_(store),
        clock_(clock),
        vault_(vault),
        hasher_(hasher),
        random_(random),
        auth_(auth) {}

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

  // Security emergencies (G3, G4.3, G4.4). Each returns the incident as it is afterwards.
  [[nodiscard]] Result<IncidentView> Report(const ReportInput& in, const Actor& actor);
  [[nodiscard]] Result<IncidentView> Update(const std::string& key, const UpdateInput& in,
                                            const Actor& actor);
  [[nodiscard]] Result<IncidentView> Triage(const std::string& key, const TriageInput& in,
                                            const Actor& actor);
  [[nodiscard]] Result<IncidentView> OverridePriority(const std::string& key,
                                                      core::Priority priority,
                                                      const std::string& reason,
                                                      const Actor& actor);
  [[nodiscard]] Result<IncidentView> RequestConvocation(const std::string& key, const Actor& actor);
  [[nodiscard]] Result<IncidentView> RecordConvened(const std::string& key,
                                                    const std::string& convened_at,
                                                    const std::vector<std::string>& attendees,
                                                    const Actor& actor);
  [[nodiscard]] Result<IncidentView> Decide(const std::string& key, core::Decision decision,
                                            const Actor& actor);
  [[nodiscard]] Result<IncidentView> AddContact(const std::string& key, core::ContactLog contact,
                                                const Actor& actor);
  [[nodiscard]] Result<IncidentView> AddTask(const std::string& key, core::Task task,
                                             const Actor& actor);
  [[nodiscard]] Result<IncidentView> UpdateTask(const std::string& key, int id,
                                                const TaskUpdate& in, const Actor& actor);
  [[nodiscard]] Result<IncidentView> Assess(const std::string& key, core::Assessment assessment,
                                            const Actor& actor);
  [[nodiscard]] Result<IncidentView> Recover(const std::string& key, core::Recovery recovery,
                                             const Actor& actor);
  [[nodiscard]] Result<IncidentView> AddFinding(const std::string& key, core::Finding finding,
                                                const Actor& actor);
  [[nodiscard]] Result<IncidentView> AddPrevention(const std::string& key,
                                                   core::Prevention prevention, const Actor& actor);
  [[nodiscard]] Result<IncidentView> CheckBackdoor(const std::string& key,
                                                   core::BackdoorCheck check, const Actor& actor);
  [[nodiscard]] Result<IncidentView> AddEvidence(const std::string& key, const EvidenceInput& in,
                                                 const Actor& actor);
  [[nodiscard]] Result<IncidentView> Transition(const std::string& key, core::IncidentState to,
                                                const std::string& reason, const Actor& actor);
  // Reads apply need-to-know: an incident the actor may not see is "not found".
  [[nodiscard]] Result<IncidentView> GetIncident(const std::string& key, const Actor& actor);
  [[nodiscard]] Result<Page<IncidentView>> ListIncidents(const IncidentFilter& f, PageRequest page,
                                                         const Actor& actor);
  [[nodiscard]] Result<std::vector<store::JournalEntry>> Timeline(const std::string& key,
                                                                  const Actor& actor);
  [[nodiscard]] Result<std::vector<store::OutboxMessage>> Notifications(const std::string& key,
                                                                        const Actor& actor);

  // Accounts (auth.h). The operator's CLI and administrators manage them.
  // Returns the one-time password when `password` is empty.
  [[nodiscard]] Result<std::string> AddAccount(const std::string& person,
                                               const std::vector<core::Role>& granted,
                                               const std::string& password, const Actor& actor);
  [[nodiscard]] Result<std::string> ResetPassword(const std::string& person,
                                                  const std::string& password, const Actor& actor);
  [[nodiscard]] Result<void> ChangePassword(const Actor& actor, const std::string& old_password,
                                            const std::string& new_password);
  [[nodiscard]] Result<AccountView> UpdateAccount(const std::string& person,
                                                  std::optional<bool> disabled, bool unlock,
                                                  std::optional<std::vector<core::Role>> granted,
                                                  const Actor& actor);
  [[nodiscard]] Result<std::vector<AccountView>> Accounts(const Actor& actor);
  [[nodiscard]] Result<AccountView> Account(const std::string& person);
  [[nodiscard]] Result<Login> LogIn(const std::string& login, const std::string& password,
                                    const std::string& address);
  [[nodiscard]] Result<void> LogOut(const std::string& session_token);
  [[nodiscard]] Result<Caller> AuthenticateSession(const std::string& session_token);
  [[nodiscard]] Result<Caller> AuthenticateToken(const std::string& token);
  [[nodiscard]] Result<NewToken> CreateToken(const Actor& actor, const std::string& person,
                                             const std::string& name, TokenScope scope, int days);
  [[nodiscard]] Result<std::vector<TokenView>> Tokens(const Actor& actor);
  [[nodiscard]] Result<void> RevokeToken(const Actor& actor, const std::string& id);
  // Role-level permission of a route; per-incident rules are checked by the use cases.
  [[nodiscard]] Result<void> Authorize(const Actor& actor, Permission permission) const;

  // The journal (G4.4.3).
  [[nodiscard]] Result<store::VerifyReport> VerifyJournal();
  [[nodiscard]] Result<store::JournalHead> JournalHead();
  [[nodiscard]] Result<std::vector<store::JournalEntry>> Journal(const store::JournalQuery& q);

 private:
  using Mutation =
      std::function<Result<nlohmann::json>(core::Incident&, const core::Organization&, store::Tx&)>;
  // Loads the incident, applies `change`, saves it and journals `action` with the body that
  // `change` returns, all in one transaction. Closed and dismissed incidents refuse every
  // change but a transition.
  Result<IncidentView> Mutate(const std::string& key, const Actor& actor, const std::string& action,
                              core::IncidentAction permission, const Mutation& change);
  IncidentView View(core::Incident incident, const core::Organization& org) const;

  Result<Caller> CallerFor(const std::string& person, const Caller& base);
  Result<void> RecordFailure(const std::string& login, const std::string& address,
                             const std::string& why);
  Result<std::string> NewPasswordHash(const std::string& password, std::string& generated);

  store::Store& store_;
  const Clock& clock_;
  BlobStore* vault_;
  PasswordHasher* hasher_;
  Random* random_;
  AuthOptions auth_;
  // Failed logins per address: kept in memory, since an attacker's address is not worth a
  // journal entry per guess beyond the ones already written.
  std::mutex org_mu_;
  // The organization as of the journal head whose hash is `first`; guarded by org_mu_.
  std::shared_ptr<const std::pair<std::string, core::Organization>> org_cache_;
  std::mutex failures_mu_;
  std::map<std::string, std::pair<Timestamp, int>> address_failures_;  // guarded by failures_mu_
};

}  // namespace sokuo::app
