// The disaster report (G5): what a large-scale disaster damaged and how the company came back,
// as one self-contained HTML document that prints on A4, in Japanese or English: the
// declaration; the damage survey (the latest finding per department, site, item and target);
// the recovery of each system against its RTO, counted from the declaration; the exemptions
// from internal rules the committee granted; the help asked of vendors; the committee's
// decisions and the contacts in the order they were made.
#pragma once

#include <string>

#include "core/disaster.h"
#include "report/words.h"

namespace sokuo::report {

std::string DisasterReportHtml(const core::Disaster& disaster, const Stamp& stamp,
                               const core::Organization& org, const Calendar& calendar, Lang lang);

}  // namespace sokuo::report
