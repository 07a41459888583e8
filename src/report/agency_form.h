// G4.3.2c: the facts a report to a public agency asks for, taken from the incident record and
// put in the order of that agency's form, so that whoever fills in the form copies them across
// and sees at once which fields the record cannot fill yet:
// - the personal-data regulator (個人情報保護委員会): the nine items of 規則8条1項;
// - IPA: the unauthorized-access report (不正アクセス届出);
// - JPCERT/CC: the incident report form.
// Field lists and their sources: docs/incident-records.md ("Reports to agencies").
#pragma once

#include <string>
#include <vector>

#include "core/enum_names.h"
#include "core/incident.h"
#include "report/words.h"

namespace sokuo::report {

enum class Agency { kPpc, kIpa, kJpcert };
inline constexpr auto kAgencies =
    core::MakeEnumNames<Agency>(std::pair{Agency::kPpc, "ppc"}, std::pair{Agency::kIpa, "ipa"},
                                std::pair{Agency::kJpcert, "jpcert"});

struct FormField {
  std::string code;   // the catalog code of the field's label: form.ppc.occurred_at
  std::string label;  // its text in the reader's language
  std::string value;  // what the record says, in the reader's language; empty: nothing yet
};

// The agency's form, field by field in its order. A field the record holds nothing for has
// an empty value; fields about the person filing (their name, phone) are left to them.
std::vector<FormField> AgencyForm(Agency agency, const core::Incident& incident,
                                  const Words& words);

// The form's title: "個人情報保護委員会への報告（規則8条1項の9項目）".
std::string AgencyFormTitle(Agency agency, const Words& words);

// The form as a table, empty fields marked: a section of the incident report.
void AgencyFormHtml(Html& h, Agency agency, const core::Incident& incident, const Words& words);

}  // namespace sokuo::report
