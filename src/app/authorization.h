// Authorization: the one place that decides whether a caller may use an operation. Every
// adapter (HTTP route, CLI command) declares the permission its operation needs and asks here;
// per-incident rules (need-to-know, who may take which step) are pure functions in
// core/access.h that the use cases apply inside their transaction.
#pragma once

#include "app/auth.h"
#include "app/context.h"
#include "base/error.h"

namespace sokuo::app {

// What an operation needs; the server checks it for every request, and denies when a route has
// none.
enum class Permission {
  kPublic,         // health, the OpenAPI document, login
  kAuthenticated,  // any account; incident routes add need-to-know checks in the use case
  kReport,         // anyone but the read-only auditor
  kAudit,          // the auditor and administrators: the journal
  kAdminister,     // administrators: accounts
  kOwnAccount,     // the caller's own session, password and tokens (a session, not a token)
};

// How an operation touches the data, for the token scopes.
enum class Effect {
  kReads,
  kWrites,
  kIngests,  // sends log lines or alerts: allowed to ingest-scope tokens
};

// Role-level permission of an operation; per-incident rules are checked by the use cases.
[[nodiscard]] Result<void> Authorize(const Actor& actor, Permission permission);

// A caller who came with a session or a token: an account that must change its password may do
// nothing else, and a token may do only what its scope allows. Then Authorize().
[[nodiscard]] Result<void> AuthorizeCaller(const Caller& caller, Permission permission,
                                           Effect effect, const std::string& operation);

// The detection area (G4.2.3): who reads alerts (the IS department, the committee,
// administrators and the auditor), who decides on them (the IS department and the committee,
// never the read-only auditor) and who feeds log lines (those, and administrators, who set up
// the senders).
bool CanReadAlerts(const core::Principal& p);
bool CanDecideAlerts(const core::Principal& p);
bool CanIngest(const core::Principal& p);
// The same, as the use cases' refusal (kForbidden, the auditor told that they only read).
enum class AlertWork { kRead, kDecide, kIngest };
[[nodiscard]] Result<void> AuthorizeAlerts(const Actor& actor, AlertWork work);

// The readiness report (G3.3, G5.1): the weak spots of the company's preparation, for the IS
// department and the committee who fix them and for administrators and the auditor who check;
// the same people as CanReadAlerts.
bool CanReadReadiness(const core::Principal& p);
[[nodiscard]] Result<void> AuthorizeReadiness(const Actor& actor);

}  // namespace sokuo::app
