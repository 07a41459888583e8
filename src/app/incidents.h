// Inputs and views of the incident use cases (methods of App, app.h). Optional fields of an
// update that are absent leave the incident as it is.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/incident.h"
#include "core/obligation.h"
#include "store/incident_rows.h"

namespace sokuo::app {

struct ReportInput {
  std::string title;
  std::string summary;
  core::Detection detection = core::Detection::kUserReport;
  std::string detected_at;
  std::string occurred_at;          // first known occurrence, if known
  std::string aware_at;             // default: reported_at
  std::string reported_at;          // default: now
  std::string reporter_department;  // default: the reporter's department
  std::vector<std::string> systems;
  std::vector<core::AffectedHost> hosts;
  std::vector<std::string> departments;
  core::Harm harm = core::Harm::kUnknown;
  std::string harm_note;
  bool restricted = false;
  core::Tlp tlp = core::Tlp::kAmber;
  std::string category;
};

struct UpdateInput {
  std::optional<std::string> title, summary, category, detected_at, harm_note;
  std::optional<std::string> occurred_at, aware_at;
  std::optional<core::Detection> detection;
  std::optional<std::vector<std::string>> systems, departments;
  std::optional<std::vector<core::AffectedHost>> hosts;
  std::optional<core::Harm> harm;
  std::optional<bool> restricted;
  std::optional<core::Tlp> tlp;
  std::optional<std::vector<core::Participant>> participants;
};

struct TriageInput {
  bool confirmed = true;
  std::string reason;    // required when dismissing
  std::string category;  // optional: set the category at triage
  std::string at;        // when it was confirmed or dismissed; default now
};

struct TaskUpdate {
  std::optional<core::TaskStatus> status;
  std::optional<std::string> result, revert_reason, assignee, due;
  std::optional<bool> contains;
  std::string at;  // when the status changed; default now
};

// A file to keep as evidence, with where it came from (core::Evidence).
struct EvidenceInput {
  std::string name;
  core::EvidenceKind kind = core::EvidenceKind::kOther;
  std::string system;
  std::string collected_by;  // default: the actor
  std::string collected_at;  // default: now
  std::string source_host;
  std::string source_path;
  std::string method;
  std::string note;
  ByteSource content;  // the file's bytes, read once, piece by piece (BytesSource for a few)
};

// What `evidence verify` found of one evidence file.
enum class EvidenceState { kOk, kChanged, kUnreadable, kDisposed };
inline constexpr auto kEvidenceStates = core::MakeEnumNames<EvidenceState>(
    std::pair{EvidenceState::kOk, "ok"}, std::pair{EvidenceState::kChanged, "changed"},
    std::pair{EvidenceState::kUnreadable, "unreadable"},
    std::pair{EvidenceState::kDisposed, "disposed"});

struct EvidenceCheck {
  std::string key;  // the incident
  core::Evidence evidence;
  EvidenceState state = EvidenceState::kOk;
};

// A stored evidence file to send: its record, its size once its bytes were checked against
// their hash, and a reader of its bytes in pieces.
struct EvidenceDownload {
  core::Evidence evidence;
  uint64_t length = 0;
  std::function<Result<std::string>(uint64_t offset, size_t max)> read;
};

// G4.3.2c: an archive for a public agency: the chosen evidence files, a manifest (each file's
// name in the archive, size, SHA-256, where it came from and its custody, the journal head) and
// the incident report.
struct EvidenceExport {
  std::string manifest;                                         // manifest.json
  std::string report_html;                                      // report.html
  std::vector<std::pair<std::string, EvidenceDownload>> files;  // "evidence/1-auth.log"
};

struct IncidentFilter {
  std::optional<core::IncidentState> state;
  std::optional<core::Priority> priority;
  bool open_only = false;
  std::string system;
  std::string department;  // affected, or the reporter's
  std::string category;
  std::string text;  // in the title or the summary
  // Reported at or after `from` and before `to` (RFC 3339 UTC); empty: no bound.
  std::string from;
  std::string to;
};

// A line of an incident's timeline: a journal entry (its `at` is when it was recorded) and when
// its event happened (the body's "at"; the recording time for entries that carry none).
struct TimelineEntry {
  std::string at;
  store::JournalEntry entry;
};

// An incident with what is derived from it.
struct IncidentView {
  core::Incident incident;
  core::PriorityResult priority;
  core::Milestones milestones;
  // What the next state on the path still needs, read with the organization; empty at the end.
  std::vector<Message> next_missing;
  // G4.3.2c: the reporting duties the facts trigger, and where each stands now.
  std::vector<core::ObligationClock> obligations;
};

// One open reporting duty of one incident, for the dashboard.
struct Deadline {
  std::string key;
  std::string title;
  core::ObligationClock clock;
};

}  // namespace sokuo::app
