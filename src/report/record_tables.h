// Parts that the incident report and the disaster report print the same way: a section's
// heading (with "nothing recorded yet" when it is empty), a table of facts, the committee's
// decisions and the contacts in the order they were made with the decision that approved each.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/incident.h"
#include "report/words.h"

namespace sokuo::report {

template <class Names, class E>
std::string EnumName(const Names& names, E value) {
  return std::string(names.Name(value));
}

// <h2> of `code`; when `empty`, a line saying nothing is recorded yet. True when not empty.
bool Section(Html& h, const Words& w, const char* code, bool empty);

// Rows of label (a catalog code) and value; a row without a value is left out.
void FactTable(Html& h, const Words& w,
               const std::vector<std::pair<const char*, std::string>>& rows);

void DecisionTable(Html& h, const Words& w, const std::vector<core::Decision>& decisions);

// G4.3.2: in the order they were made (core::EventOrder), each with the decision that approved
// it, who made it and when.
void ContactTable(Html& h, const Words& w, const std::vector<core::ContactLog>& contacts,
                  const std::vector<core::Decision>& decisions);

}  // namespace sokuo::report
