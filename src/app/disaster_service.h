// The disaster area: a large-scale disaster as guideline section 5.2 runs it (G5.2). Each write
// returns the disaster as it is afterwards, with the views the board shows; a write that changes
// what the recovery plan reads (roll call, survey, progress, vendor requests) keeps the plan it
// leads to as a new version (G5.2.6). Everyone signed in reads disasters; who may write what is
// core::CanDoDisaster.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "app/incidents.h"
#include "app/notices.h"
#include "app/page.h"
#include "app/recovery_plan_view.h"
#include "core/disaster.h"
#include "core/disaster_rules.h"

namespace sokuo::app {

struct DeclareInput {
  core::DisasterKind kind = core::DisasterKind::kEarthquake;
  std::string title;
  std::string summary;
  std::vector<std::string> sites, areas, departments;
  std::string at;  // when it happened (RFC 3339); default now. RTOs count from it.
};

struct DisasterUpdate {
  std::optional<core::DisasterKind> kind;
  std::optional<std::string> title, summary;
  std::optional<std::vector<std::string>> sites, areas, departments;
};

struct VendorUpdate {
  std::optional<core::VendorRequestState> state;
  std::optional<std::string> answer, eta;
  std::string at;  // when the vendor answered; default now
};

struct DisasterFilter {
  std::optional<core::DisasterState> state;
  bool open_only = false;
};

// A disaster with what the board derives from it (core/disaster_rules.h), as of now.
struct DisasterView {
  core::Disaster disaster;
  core::SurveyMatrixView survey_matrix;            // G5.2.4
  std::vector<core::MediumStatus> media;           // G5.2.1, G5.2.4
  std::vector<core::DepartmentStaff> staff;        // G5.2.3
  std::vector<core::SystemOutlook> outlook;        // G5.2.6b
  std::vector<core::Exemption> active_exemptions;  // G5.2.6a
  std::vector<Message> close_blocks;               // what keeps it from closing
};

class DisasterService {
 public:
  explicit DisasterService(Context& ctx) : ctx_(ctx) {}

  // G5.2.2: declares a disaster (DIS-YYYY-NNNN); the committee and the IS department are told,
  // and the heads of the affected departments (of every department when it names none) are
  // asked who of theirs can work (G5.2.3).
  [[nodiscard]] Result<DisasterView> Declare(const DeclareInput& in, const Actor& actor);
  [[nodiscard]] Result<DisasterView> Update(const std::string& key, const DisasterUpdate& in,
                                            const Actor& actor);
  // G5.2.3: a roll-call answer, by the person or their department head.
  [[nodiscard]] Result<DisasterView> RollCall(const std::string& key, core::Availability a,
                                              const Actor& actor);
  // G5.2.4: survey entries, recorded together (one journal entry).
  [[nodiscard]] Result<DisasterView> Survey(const std::string& key,
                                            std::vector<core::SurveyEntry> entries,
                                            const Actor& actor);
  // G5.2.6b, G5.2.6c: a system's recovery progress, its 復旧目処 and workaround.
  [[nodiscard]] Result<DisasterView> Progress(const std::string& key, core::SystemProgress p,
                                              const Actor& actor);
  // G5.2.2: the committee's decision, recorded by the committee or the IS department; the
  // departments it instructs are told.
  [[nodiscard]] Result<DisasterView> Decide(const std::string& key, core::Decision d,
                                            const Actor& actor);
  // G5.2.2 as G4.3.2: a contact inside or outside; an outside party needs the decision that
  // approved it.
  [[nodiscard]] Result<DisasterView> AddContact(const std::string& key, core::ContactLog c,
                                                const Actor& actor);
  // G5.2.5: emergency measures.
  [[nodiscard]] Result<DisasterView> AddTask(const std::string& key, core::Task t,
                                             const Actor& actor);
  [[nodiscard]] Result<DisasterView> UpdateTask(const std::string& key, int id,
                                                const TaskUpdate& in, const Actor& actor);
  // G5.2.6c: support asked of a vendor; whether it is under contract is taken from the directory.
  [[nodiscard]] Result<DisasterView> AskVendor(const std::string& key, core::VendorRequest r,
                                               const Actor& actor);
  [[nodiscard]] Result<DisasterView> UpdateVendor(const std::string& key, int id,
                                                  const VendorUpdate& in, const Actor& actor);
  // G5.2.6a: the committee's exemption from an internal rule.
  [[nodiscard]] Result<DisasterView> Exempt(const std::string& key, core::Exemption x,
                                            const Actor& actor);
  // Closing needs every tier-a system back, or a committee member's `reason`.
  [[nodiscard]] Result<DisasterView> Close(const std::string& key, const std::string& reason,
                                           const std::string& at, const Actor& actor);

  [[nodiscard]] Result<DisasterView> Get(const std::string& key, const Actor& actor);
  // The disaster report (report/disaster_report.h) as one HTML document in `lang`.
  [[nodiscard]] Result<std::string> ReportHtml(const std::string& key, const Actor& actor,
                                               Lang lang);
  // Newest first; the items carry their header only (no records, no views).
  [[nodiscard]] Result<Page<core::Disaster>> List(const DisasterFilter& f, PageRequest page,
                                                  const Actor& actor);
  // G5.2.2, G5.2.3: the messages queued about the disaster, each with its deliveries.
  [[nodiscard]] Result<std::vector<NoticeView>> Notifications(const std::string& key,
                                                              const Actor& actor);
  // G5.2.1, G5.2.6: the recovery plan as of now over every system of the organization.
  [[nodiscard]] Result<RecoveryPlanView> Plan(const std::string& key, const Actor& actor);

 private:
  using Change =
      std::function<Result<nlohmann::json>(core::Disaster&, const core::Organization&, store::Tx&)>;
  // Loads the disaster inside one transaction, applies `change` (which checks the permission
  // its record needs), keeps a new plan version when `replan`, saves it and journals `action`
  // with the body `change` returns. A closed disaster refuses every change.
  Result<DisasterView> Mutate(const std::string& key, const Actor& actor, const std::string& action,
                              bool replan, const Change& change);
  DisasterView View(core::Disaster d, const core::Organization& org) const;

  Context& ctx_;
};

}  // namespace sokuo::app
