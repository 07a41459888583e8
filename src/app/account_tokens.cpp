// API tokens: made, listed and revoked by AccountService, and checked on every request that
// carries one (a checked token is remembered per journal head, KnownTokenCaller).
#include "app/account_errors.h"
#include "app/account_service.h"
#include "base/sha256.h"
#include "store/account_rows.h"

namespace sokuo::app {

Result<Caller> AccountService::AuthenticateToken(const std::string& token) {
  // sokuo_<id>_<secret>
  const std::string prefix = "sokuo_";
  auto sep = token.find('_', prefix.size());
  if (token.rfind(prefix, 0) != 0 || sep == std::string::npos) {
    return Fail(Unauthorized(Msg("token.malformed")));
  }
  std::string id = token.substr(prefix.size(), sep - prefix.size());
  std::string secret = Sha256Hex(token);
  ASSIGN_OR_RETURN(store::JournalHead head, ctx_.store().Head());
  if (std::optional<Caller> known = KnownTokenCaller(token, head.hash)) return *known;
  Timestamp now = ctx_.clock().Now();
  ASSIGN_OR_RETURN(auto row, store::LoadToken(ctx_.store(), id));
  if (!row || row->secret != secret) return Fail(Unauthorized(Msg("token.unknown")));
  if (!row->revoked_at.empty()) return Fail(Unauthorized(Msg("token.revoked")));
  auto expires = ParseRfc3339(row->expires_at);
  if (!expires || now > *expires) return Fail(Unauthorized(Msg("token.expired")));
  auto scope = kTokenScopes.Parse(row->scope);
  if (!scope) return Fail(Unauthorized(Msg("token.unknown_scope")));
  ASSIGN_OR_RETURN(Caller caller, CallerFor(row->account, {.scope = *scope}));
  std::lock_guard lock(tokens_mu_);
  // Bounded: entries of an older head are of no use, and a flood of tokens cannot grow it.
  constexpr size_t kMaxKnownTokens = 1024;
  if (known_tokens_.size() >= kMaxKnownTokens) known_tokens_.clear();
  known_tokens_[secret] = {head.hash, *expires, caller};
  return caller;
}

std::optional<Caller> AccountService::KnownTokenCaller(const std::string& token,
                                                       const std::string& head) {
  std::string secret = Sha256Hex(token);
  Timestamp now = ctx_.clock().Now();
  std::lock_guard lock(tokens_mu_);
  auto known = known_tokens_.find(secret);
  if (known == known_tokens_.end() || known->second.head != head || now > known->second.expires) {
    return std::nullopt;
  }
  return known->second.caller;
}

Result<NewToken> AccountService::CreateToken(const Actor& actor, const std::string& person,
                                             const std::string& name, TokenScope scope, int days) {
  std::string owner = person.empty() ? actor.principal.person : person;
  if (owner != actor.principal.person && !actor.principal.is_operator) {
    return Fail(ErrorCode::kForbidden, Msg("token.owner_only"));
  }
  if (name.empty()) return Fail(ErrorCode::kInvalidInput, Msg("field.required"), "/name");
  if (days < 1 || days > ctx_.auth().max_token_days) {
    return Fail(
        ErrorCode::kInvalidInput,
        Msg("token.days_out_of_range", {{"max", std::to_string(ctx_.auth().max_token_days)}}),
        "/days");
  }
  if (ctx_.random() == nullptr) return Fail(ErrorCode::kUnavailable, Msg("token.unavailable"));
  NewToken out;
  std::string id = ctx_.random()->Hex(6);
  out.secret = "sokuo_" + id + "_" + ctx_.random()->Hex(24);
  Timestamp now = ctx_.clock().Now();
  out.token = {id,
               owner,
               name,
               scope,
               FormatRfc3339(now),
               FormatRfc3339(now + std::chrono::hours(24) * days),
               ""};
  TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(auto a, store::LoadAccount(tx, owner));
    if (!a) return Fail(ErrorCode::kNotFound, NoAccount(owner));
    TRY(store::SaveToken(
        tx, {id, owner, name, std::string(kTokenScopes.Name(scope)), Sha256Hex(out.secret),
             out.token.created_at, out.token.expires_at, ""}));
    TRY(tx.Append({.at = now,
                   .actor = actor.id,
                   .action = "token.create",
                   .subject = "account:" + owner,
                   .body = {{"token", id}, {"name", name}, {"scope", kTokenScopes.Name(scope)}}}));
    return {};
  }));
  return out;
}

Result<std::vector<TokenView>> AccountService::Tokens(const Actor& actor) {
  ASSIGN_OR_RETURN(auto rows, store::LoadTokensOf(ctx_.store(), actor.principal.person));
  std::vector<TokenView> out;
  for (const auto& t : rows) {
    out.push_back({t.id, t.account, t.name, kTokenScopes.Parse(t.scope).value_or(TokenScope::kRead),
                   t.created_at, t.expires_at, t.revoked_at});
  }
  return out;
}

Result<void> AccountService::RevokeToken(const Actor& actor, const std::string& id) {
  return ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(auto t, store::LoadToken(tx, id));
    if (!t || (t->account != actor.principal.person && !core::CanManageAccounts(actor.principal))) {
      return Fail(ErrorCode::kNotFound, Msg("token.not_found", {{"id", id}}));
    }
    if (!t->revoked_at.empty()) return Fail(ErrorCode::kConflict, Msg("token.already_revoked"));
    t->revoked_at = FormatRfc3339(ctx_.clock().Now());
    TRY(store::SaveToken(tx, *t));
    TRY(tx.Append({.at = ctx_.clock().Now(),
                   .actor = actor.id,
                   .action = "token.revoke",
                   .subject = "account:" + t->account,
                   .body = {{"token", id}}}));
    return {};
  });
}

}  // namespace sokuo::app
