// The routine controls (G4.1, G4.2, G5.1): the catalog of the organization file as work on a
// calendar. Tick(now) makes each occurrence when its schedule comes round (catching up what came
// round while sokuo was not running) and tells a department's head, once, of what is overdue;
// the server calls it every minute and the CLI before it lists. People record occurrences as
// done; a finding can open an incident (through the incident area, where those rules live);
// compliance counts what was done on time, late or missed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "app/incident_service.h"
#include "app/page.h"
#include "core/control.h"
#include "store/account_review_rows.h"

namespace sokuo::app {

struct ControlTickReport {
  int scheduled = 0;  // occurrences made
  int escalated = 0;  // controls whose overdue occurrences were told to the department head
};

// A control of the catalog with where its work stands.
struct ControlSummary {
  core::Control control;
  std::string next_start;  // RFC 3339; empty when its schedule does not read
  int open = 0;            // not done, not yet due
  int overdue = 0;         // not done, past due
  std::string last_done_at;
};

struct OccurrenceView {
  core::ControlOccurrence occurrence;
  core::OccurrenceState state = core::OccurrenceState::kOpen;
};

struct OccurrenceFilter {
  std::string control;     // empty: any
  std::string department;  // empty: any
  std::optional<core::OccurrenceState> state;
  bool pending = false;  // only those not done (open or overdue)
  // Only occurrences that start in [from, to) (RFC 3339; empty: no bound).
  std::string from, to;
};

struct ComplianceView {
  std::string from, to;  // RFC 3339: the period counted, [from, to)
  core::Compliance counts;
};

// The control of `o` when `actor` may record it (core::CanRecordControl): 404 when the
// organization file no longer has it, 403 when the actor may not.
[[nodiscard]] Result<const core::Control*> ControlToRecord(const core::Organization& org,
                                                           const core::ControlOccurrence& o,
                                                           const Actor& actor);

class ControlService {
 public:
  ControlService(Context& ctx, IncidentService& incidents) : ctx_(ctx), incidents_(incidents) {}

  [[nodiscard]] Result<ControlTickReport> Tick(Timestamp now);

  [[nodiscard]] Result<std::vector<ControlSummary>> Catalog(const Actor& actor);
  // Occurrences, the latest start first.
  [[nodiscard]] Result<Page<OccurrenceView>> Occurrences(const OccurrenceFilter& filter,
                                                         PageRequest page, const Actor& actor);
  [[nodiscard]] Result<OccurrenceView> Get(const std::string& id, const Actor& actor);
  // What a person types for an occurrence: its id (CONTROL/START) as it is, or a control's id
  // alone for its latest occurrence that `which` says.
  enum class Latest { kNotDone, kFindings, kAny };  // kFindings: with findings, no incident yet
  [[nodiscard]] Result<std::string> Resolve(const std::string& text, Latest which);
  [[nodiscard]] Result<OccurrenceView> Complete(const std::string& id,
                                                const core::ControlCompletion& in,
                                                const Actor& actor);
  // Opens an incident from the findings of `id` (G4.3) and links it; returns the incident.
  [[nodiscard]] Result<IncidentView> OpenIncident(const std::string& id, const Actor& actor);
  // G4.2.4: the accounts and groups of `host` (`getent passwd; getent group`), kept with the
  // occurrence and compared with the previous review of the same control and host. Once per
  // host and occurrence; by those who may record the control (account_reviews.cpp).
  [[nodiscard]] Result<store::AccountReview> ReviewAccounts(const std::string& occurrence,
                                                            const std::string& host,
                                                            std::string_view listing,
                                                            const Actor& actor);
  [[nodiscard]] Result<std::vector<store::AccountReview>> AccountReviews(
      const std::string& occurrence, const Actor& actor);
  // Counts the occurrences that start in [from, to) (company days; default: the last 30 days).
  [[nodiscard]] Result<ComplianceView> Compliance(std::optional<Day> from, std::optional<Day> to,
                                                  const Actor& actor);

 private:
  Result<int> Schedule(const core::Organization& org, Timestamp now);
  Result<int> Escalate(Timestamp now);

  Context& ctx_;
  IncidentService& incidents_;
};

}  // namespace sokuo::app
