// G4.1, G4.2, G5.1: the routine controls of the organization file (Organization::controls) as
// work on a calendar. Each time a control's schedule comes round an occurrence is due; someone of
// the responsible department (or of the IS department) records it as done, with its result, a
// note and the evidence the control asks for, and the time the work was done. An occurrence not
// done by its due time is overdue: its department's head is told once. A finding can open an
// incident. Compliance counts, per control and per department over a period, what was done on
// time, late, missed, and what is still open. Pure: the caller gives the time.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/message.h"
#include "base/time.h"
#include "core/access.h"
#include "core/enum_names.h"
#include "core/organization.h"

namespace sokuo::core {

enum class ControlResult { kOk, kFindings };
inline constexpr auto kControlResults = MakeEnumNames<ControlResult>(
    std::pair{ControlResult::kOk, "ok"}, std::pair{ControlResult::kFindings, "findings"});

struct ControlOccurrence {
  std::string id;  // "<control>/<starts_at>"
  std::string control;
  std::string starts_at;  // RFC 3339
  std::string due_at;     // RFC 3339
  bool done = false;
  ControlResult result = ControlResult::kOk;
  std::string note;
  std::string evidence;
  std::string done_at;       // when the work was done
  std::string done_by;       // person id, or "operator"
  std::string recorded_at;   // when it was recorded
  std::string escalated_at;  // when the department head was told it is overdue
  std::string incident;      // the incident a finding opened
  friend bool operator==(const ControlOccurrence&, const ControlOccurrence&) = default;
};

std::string OccurrenceId(const std::string& control, Timestamp starts_at);

// Where an occurrence stands at `now`.
enum class OccurrenceState { kOpen, kOverdue, kOnTime, kLate };
inline constexpr auto kOccurrenceStates = MakeEnumNames<OccurrenceState>(
    std::pair{OccurrenceState::kOpen, "open"}, std::pair{OccurrenceState::kOverdue, "overdue"},
    std::pair{OccurrenceState::kOnTime, "on_time"}, std::pair{OccurrenceState::kLate, "late"});
OccurrenceState StateAt(const ControlOccurrence& o, Timestamp now);

// The calendar of a control: its own zone, else the company's (with the company's holidays).
[[nodiscard]] Result<Calendar> ControlCalendar(const Control& c, const Organization& org);

// The occurrences of `c` that start in (after, now], oldest first, at most `limit`; when `after`
// is absent (nothing generated yet) only the one in progress at `now`, and none when that one is
// past due already. Each is due when the next one starts, or `due_hours` after its own start.
[[nodiscard]] Result<std::vector<ControlOccurrence>> OccurrencesDue(const Control& c,
                                                                    const Organization& org,
                                                                    std::optional<Timestamp> after,
                                                                    Timestamp now, size_t limit);

// The next start of `c` after `now` (nullopt when its schedule does not read).
std::optional<Timestamp> NextStartOf(const Control& c, const Organization& org, Timestamp now);

// G4.1, G4.2: the responsible department's people, its head, the IS department and the
// operator record occurrences; the auditor changes nothing.
bool CanRecordControl(const Principal& p, const Control& c, const Organization& org);

struct ControlCompletion {
  ControlResult result = ControlResult::kOk;
  std::string note;
  std::string evidence;
  std::string done_at;  // RFC 3339; empty: now
};

// What is wrong with recording `o` as done with `in` at `now`: findings need a note, a control
// that asks for evidence needs it, the work cannot be done before the occurrence starts or in
// the future, and an occurrence is done once.
std::vector<Detail> CheckCompletion(const Control& c, const ControlOccurrence& o,
                                    const ControlCompletion& in, Timestamp now);

struct ComplianceCount {
  int on_time = 0;
  int late = 0;
  int missed = 0;  // not done, past due
  int open = 0;    // not done, not yet due
  friend bool operator==(const ComplianceCount&, const ComplianceCount&) = default;
};

struct Compliance {
  std::map<std::string, ComplianceCount> controls;     // control id → counts
  std::map<std::string, ComplianceCount> departments;  // department id → counts
  ComplianceCount total;
};

// Counts the occurrences that start in [from, to), as they stand at `now`.
Compliance CountCompliance(const Organization& org, const std::vector<ControlOccurrence>& all,
                           Timestamp from, Timestamp to, Timestamp now);

}  // namespace sokuo::core
