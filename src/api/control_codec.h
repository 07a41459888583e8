// The routine-controls API (G4.1, G4.2): the body that records an occurrence as done, and the
// views of the catalog, the occurrences and compliance.
#pragma once

#include "api/codec.h"
#include "app/control_service.h"
#include "app/scan_service.h"

namespace sokuo::api {

[[nodiscard]] Result<core::ControlCompletion> CompletionFromJson(const Json& j);

Json ToJson(const app::ControlSummary& s);
Json ToJson(const app::OccurrenceView& v);
// G4.2.4: a host's review with what changed since the previous one (not the whole listing: the
// counts, the privileged memberships and the changes).
Json ToJson(const store::AccountReview& r);
// Per control and per department, with the organization's names for them.
Json ToJson(const app::ComplianceView& v, const core::Organization& org);
// A scan received (G4.1.4): the stored scan and the occurrences it made done.
Json ToJson(const app::ScanReceipt& r);
// A company day's scans per host, and the hosts with no complete scan.
Json ToJson(const app::ScanDayView& v);

}  // namespace sokuo::api
