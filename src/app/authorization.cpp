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
      return Fail(ErrorCode::kForbidden, Msg("auth.auditor_read_only"));
    case Permission::kAudit:
      if (p.Has(core::Role::kAuditor) || p.Has(core::Role::kAdministrator)) return {};
      return Fail(ErrorCode::kForbidden, Msg("auth.journal_auditors_only"));
    case Permission::kAdminister:
      if (p.Has(core::Role::kAdministrator)) return {};
      return Fail(ErrorCode::kForbidden, Msg("auth.admin_only"));
  }
  return Fail(ErrorCode::kForbidden, Msg("error.forbidden"));
}

Result<void> AuthorizeCaller(const Caller& caller, Permission permission, Effect effect,
                             const std::string& operation) {
  if (caller.must_change_password && permission != Permission::kOwnAccount &&
      permission != Permission::kPublic) {
    return Fail(ErrorCode::kForbidden, Msg("auth.change_password_first"));
  }
  if (caller.scope) {
    if (permission == Permission::kOwnAccount || permission == Permission::kAdminister) {
      return Fail(ErrorCode::kForbidden, Msg("token.cannot_manage_accounts"));
    }
    bool allowed = *caller.scope == TokenScope::kWrite ||
                   (*caller.scope == TokenScope::kRead && effect == Effect::kReads) ||
                   (*caller.scope == TokenScope::kIngest && effect == Effect::kIngests);
    if (!allowed) {
      return Fail(
          ErrorCode::kForbidden,
          Msg("token.scope_forbids", {{"scope", std::string(kTokenScopes.Name(*caller.scope))},
                                      {"operation", operation}}));
    }
  }
  return Authorize(Actor{caller.principal.person, caller.principal}, permission);
}

bool CanReadAlerts(const core::Principal& p) {
  return p.is_operator || p.Has(core::Role::kIsDepartment) || p.Has(core::Role::kCommittee) ||
         p.Has(core::Role::kAuditor) || p.Has(core::Role::kAdministrator);
}

bool CanDecideAlerts(const core::Principal& p) {
  if (p.is_operator) return true;
  if (core::IsReadOnly(p)) return false;
  return p.Has(core::Role::kIsDepartment) || p.Has(core::Role::kCommittee);
}

bool CanIngest(const core::Principal& p) {
  return CanDecideAlerts(p) || (p.Has(core::Role::kAdministrator) && !core::IsReadOnly(p));
}

Result<void> AuthorizeAlerts(const Actor& actor, AlertWork work) {
  const core::Principal& p = actor.principal;
  bool allowed = work == AlertWork::kRead     ? CanReadAlerts(p)
                 : work == AlertWork::kDecide ? CanDecideAlerts(p)
                                              : CanIngest(p);
  if (allowed) return {};
  if (work != AlertWork::kRead && core::IsReadOnly(p)) {
    return Fail(ErrorCode::kForbidden, Msg("auth.auditor_read_only"));
  }
  return Fail(ErrorCode::kForbidden, Msg("alert.forbidden"));
}

bool CanReadReadiness(const core::Principal& p) { return CanReadAlerts(p); }

Result<void> AuthorizeReadiness(const Actor& actor) {
  if (CanReadReadiness(actor.principal)) return {};
  return Fail(ErrorCode::kForbidden, Msg("readiness.forbidden"));
}

}  // namespace sokuo::app
