#include "app/authorization.h"

namespace sokuo::app {

Result<void> Authorize(const Actor& actor, Permission permission) {
  const core::Principal& p = actor.principal;
  if (p.is_operator) return {};
  switch (permission) {
    case Permission::kPublic:
    case Permission::kAuthenticated:
    case Permission::kOwnAccount:
      return {};
    case Permission::kReport:
      if (core::CanReport(p)) return {};
      return Fail(ErrorCode::kForbidden, "the auditor's account reads and does not write");
    case Permission::kAudit:
      if (p.Has(core::Role::kAuditor) || p.Has(core::Role::kAdministrator)) return {};
      return Fail(ErrorCode::kForbidden, "the journal is for the auditor and administrators");
    case Permission::kAdminister:
      if (p.Has(core::Role::kAdministrator)) return {};
      return Fail(ErrorCode::kForbidden, "only an administrator may do this");
  }
  return Fail(ErrorCode::kForbidden, "not allowed");
}

Result<void> AuthorizeCaller(const Caller& caller, Permission permission, Effect effect,
                             const std::string& operation) {
  if (caller.must_change_password && permission != Permission::kOwnAccount &&
      permission != Permission::kPublic) {
    return Fail(ErrorCode::kForbidden,
                "change your one-time password first (PUT /api/v1/session/password)");
  }
  if (caller.scope) {
    if (permission == Permission::kOwnAccount || permission == Permission::kAdminister) {
      return Fail(ErrorCode::kForbidden, "API tokens cannot manage accounts or tokens; log in");
    }
    bool allowed = *caller.scope == TokenScope::kWrite ||
                   (*caller.scope == TokenScope::kRead && effect == Effect::kReads) ||
                   (*caller.scope == TokenScope::kIngest && effect == Effect::kIngests);
    if (!allowed) {
      return Fail(ErrorCode::kForbidden, "this API token's scope (" +
                                             std::string(kTokenScopes.Name(*caller.scope)) +
                                             ") does not allow " + operation);
    }
  }
  return Authorize(Actor{caller.principal.person, caller.principal}, permission);
}

}  // namespace sokuo::app
