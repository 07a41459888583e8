// The incident report for management and the committee (G4.3, G4.4): one self-contained HTML
// document that prints on A4 (PDF through platform/pdf.h), in Japanese or English. Its parts: the
// summary; the course of events in the order they happened; the committee's decisions; every
// contact inside and outside in the order it was made, with the decision that approved it; the
// reporting duties and their filings; the damage assessment; recovery per system; the review
// (findings, prevention measures, backdoor checks); the evidence with its SHA-256; then the
// facts in the order of the regulator's, IPA's and JPCERT/CC's forms (agency_form.h).
#pragma once

#include <string>
#include <vector>

#include "core/incident.h"
#include "core/obligation.h"
#include "report/words.h"

namespace sokuo::report {

struct IncidentReportInput {
  const core::Incident& incident;
  core::PriorityResult priority;
  std::vector<core::ObligationClock> obligations;
  Stamp stamp;
};

std::string IncidentReportHtml(const IncidentReportInput& in, const core::Organization& org,
                               const Calendar& calendar, Lang lang);

// One line of the course of events: when it happened and what happened.
struct CourseLine {
  std::string at;  // RFC 3339
  std::string text;
};
// The record's events in the order they happened (core::EventOrder), worded for the reader.
std::vector<CourseLine> CourseOfEvents(const core::Incident& incident, const Words& words);

}  // namespace sokuo::report
