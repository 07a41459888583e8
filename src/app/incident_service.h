// The incident area: security emergencies along the path of guideline sections 3 and 4
// (G3, G4.3, G4.4). Each write returns the incident as it is afterwards; reads apply
// need-to-know, so an incident the actor may not see is "not found".
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "app/incidents.h"
#include "app/notices.h"
#include "app/page.h"
#include "app/recovery_plan_view.h"
#include "report/agency_form.h"
#include "store/incident_query.h"
#include "store/notification_rows.h"

namespace sokuo::app {

// Each evidence file of `incidents` read through once (by SHA-256) and checked against its
// record; what JournalService::Verify and IncidentService::VerifyEvidence report.
[[nodiscard]] Result<std::vector<EvidenceCheck>> CheckEvidenceFiles(
    Context& ctx, const std::vector<core::Incident>& incidents);

class IncidentService {
 public:
  explicit IncidentService(Context& ctx) : ctx_(ctx) {}

  [[nodiscard]] Result<IncidentView> Report(const ReportInput& in, const Actor& actor);
  [[nodiscard]] Result<IncidentView> Update(const std::string& key, const UpdateInput& in,
                                            const Actor& actor);
  [[nodiscard]] Result<IncidentView> Triage(const std::string& key, const TriageInput& in,
                                            const Actor& actor);
  [[nodiscard]] Result<IncidentView> OverridePriority(const std::string& key,
                                                      core::Priority priority,
                                                      const std::string& reason,
                                                      const Actor& actor);
  // `at`, here and below: when it happened (RFC 3339), default now; see core::EventTime.
  [[nodiscard]] Result<IncidentView> RequestConvocation(const std::string& key, const Actor& actor,
                                                        const std::string& at = "");
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
  // G4.4.3 (incident_evidence.cpp). A file read through once into the vault (kPayloadTooLarge
  // past its limit), then recorded with where it came from; the checks come before the file is
  // written.
  [[nodiscard]] Result<IncidentView> AddEvidence(const std::string& key, const EvidenceInput& in,
                                                 const Actor& actor);
  // An evidence file of an incident the actor may see, its bytes checked against its hash
  // (kIntegrity when they changed); the reading goes on its chain of custody, with `purpose`.
  // `as`: viewed, or exported when it is written out of sokuo.
  [[nodiscard]] Result<EvidenceDownload> Evidence(
      const std::string& key, int id, const Actor& actor, const std::string& purpose = "",
      core::CustodyAction as = core::CustodyAction::kViewed);
  // The same file checked but not read by anyone, so not put on its chain of custody: what the
  // answer to a HEAD request or a conditional GET that the client already holds needs. Pass it
  // to RecordReading when the bytes do leave.
  [[nodiscard]] Result<EvidenceDownload> EvidenceFile(const std::string& key, int id,
                                                      const Actor& actor);
  [[nodiscard]] Result<void> RecordReading(const std::string& key, int id, const Actor& actor,
                                           const std::string& purpose, core::CustodyAction as);
  // A hand-over (to someone outside sokuo: the police, a forensic firm) or its return.
  // Whether `actor` may add evidence to the incident: kNotFound when they may not see it,
  // kForbidden when they may not add; asked before an upload is read.
  [[nodiscard]] Result<void> MayAddEvidence(const std::string& key, const Actor& actor);
  // The evidence `ids` (every file not disposed of, when empty) for `to` (who receives them:
  // required), each checked against its hash; each file's custody records the export.
  [[nodiscard]] Result<EvidenceExport> ExportEvidence(const std::string& key,
                                                      const std::vector<int>& ids,
                                                      const std::string& to, const Actor& actor,
                                                      Lang lang);
  [[nodiscard]] Result<IncidentView> RecordCustody(const std::string& key, int id,
                                                   core::CustodyEvent event, const Actor& actor);
  // Places (`hold`) or lifts a legal hold, with the reason; open or closed.
  [[nodiscard]] Result<IncidentView> SetLegalHold(const std::string& key, bool hold,
                                                  const std::string& reason, const Actor& actor);
  // Disposes of an evidence file of a closed incident without a legal hold (core::CheckDisposal):
  // its record and hash stay, its bytes go unless other evidence keeps the same bytes.
  [[nodiscard]] Result<IncidentView> DisposeEvidence(const std::string& key, int id,
                                                     const std::string& reason, const Actor& actor);
  // Every evidence file of `key` (all the incidents the actor may see when empty), read through
  // and checked against its record.
  [[nodiscard]] Result<std::vector<EvidenceCheck>> VerifyEvidence(const std::string& key,
                                                                  const Actor& actor);
  // G4.3.2c: a reporting duty filed (or, by the committee, not filed and why).
  [[nodiscard]] Result<IncidentView> File(const std::string& key, core::Filing filing,
                                          const Actor& actor);
  // The open reporting duties of the open incidents the actor may see, the nearest first.
  [[nodiscard]] Result<std::vector<Deadline>> Deadlines(const Actor& actor);
  [[nodiscard]] Result<IncidentView> Transition(const std::string& key, core::IncidentState to,
                                                const std::string& reason, const Actor& actor,
                                                const std::string& at = "");

  [[nodiscard]] Result<IncidentView> Get(const std::string& key, const Actor& actor);
  [[nodiscard]] Result<Page<IncidentView>> List(const IncidentFilter& f, PageRequest page,
                                                const Actor& actor);
  // The incident's journal entries in the order their events happened (core::EventOrder).
  [[nodiscard]] Result<std::vector<TimelineEntry>> Timeline(const std::string& key,
                                                            const Actor& actor);
  // G4.3.5 with G5.2.1: the order in which the affected systems come back and when, with the IS
  // department's staff in their working hours (core/incident_plan.h), as of now.
  [[nodiscard]] Result<RecoveryPlanView> Plan(const std::string& key, const Actor& actor);
  // The incident report (report/incident_report.h) as one HTML document in `lang`.
  [[nodiscard]] Result<std::string> ReportHtml(const std::string& key, const Actor& actor,
                                               Lang lang);
  // G4.3.2c: the facts the agency's form asks for, in its order (report/agency_form.h).
  [[nodiscard]] Result<std::vector<report::FormField>> AgencyForm(const std::string& key,
                                                                  report::Agency agency,
                                                                  const Actor& actor, Lang lang);
  // The messages queued about the incident, each with its deliveries (G4.3.2).
  [[nodiscard]] Result<std::vector<NoticeView>> Notifications(const std::string& key,
                                                              const Actor& actor);

 private:
  using Mutation =
      std::function<Result<nlohmann::json>(core::Incident&, const core::Organization&, store::Tx&)>;
  // The permissions a step needs (every one of them), chosen from the incident as loaded inside
  // the transaction: an update that appoints participants needs more than one that fixes a typo.
  using PermissionOf = std::function<std::vector<core::IncidentAction>(const core::Incident&)>;
  // Loads the incident once, inside one transaction: chooses the permissions from it, checks
  // need-to-know and the permissions, applies `change`, saves it and journals `action` with the
  // body that `change` returns. Closed and dismissed incidents refuse every change but a
  // transition.
  Result<IncidentView> Mutate(const std::string& key, const Actor& actor, const std::string& action,
                              const PermissionOf& permission, const Mutation& change);
  Result<IncidentView> Mutate(const std::string& key, const Actor& actor, const std::string& action,
                              core::IncidentAction permission, const Mutation& change);
  // `whole`: the incident with its records, whose reporting clocks can be counted.
  IncidentView View(core::Incident incident, const core::Organization& org,
                    bool whole = true) const;
  Context& ctx_;
};

}  // namespace sokuo::app
