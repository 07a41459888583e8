#include "app/account_service.h"

#include <algorithm>
#include <iterator>
#include <set>

#include "app/account_errors.h"
#include "app/notices.h"
#include "base/sha256.h"
#include "store/account_rows.h"
#include "store/org_rows.h"

namespace sokuo::app {
namespace {

using nlohmann::json;

std::vector<std::string> RoleNames(const std::vector<core::Role>& roles) {
  std::vector<std::string> out;
  out.reserve(roles.size());
  for (core::Role r : roles) out.emplace_back(core::kRoles.Name(r));
  return out;
}

std::vector<core::Role> Granted(const store::AccountRow& a) {
  std::vector<core::Role> out;
  for (const auto& name : a.granted) {
    if (auto r = core::kRoles.Parse(name); r && core::IsGrantedRole(*r)) out.push_back(*r);
  }
  return out;
}

AccountView AccountViewOf(const store::AccountRow& a, const core::Organization& org,
                          std::string delayed_until) {
  std::vector<core::Role> granted = Granted(a);
  return {a.id,
          core::DeriveRoles(org, a.id, granted),
          granted,
          a.disabled,
          a.locked,
          a.must_change,
          a.failed_logins,
          std::move(delayed_until),
          a.created_at};
}

// How long the next attempt waits after `failures` consecutive failed logins: nothing before
// the threshold, then the first delay doubled for every further failure, up to the maximum.
std::chrono::seconds LoginDelay(const AuthOptions& auth, int failures) {
  int over = failures - auth.failures_before_delay;
  if (over < 0) return std::chrono::seconds(0);
  std::chrono::seconds delay = auth.first_delay;
  for (int i = 0; i < over && delay < auth.max_delay; ++i) delay *= 2;
  return std::min(delay, auth.max_delay);
}

bool IsAdministrator(const Actor& actor) {
  return actor.principal.is_operator || actor.principal.Has(core::Role::kAdministrator);
}

// Account writes: an administrator who is also the auditor reads and changes nothing.
Result<void> MayManage(const Actor& actor, Message refusal) {
  if (core::CanManageAccounts(actor.principal)) return {};
  if (core::IsReadOnly(actor.principal)) {
    return Fail(ErrorCode::kForbidden, Msg("auth.auditor_read_only"));
  }
  return Fail(ErrorCode::kForbidden, std::move(refusal));
}

std::string RoleList(const std::set<core::Role>& roles) {
  std::string out;
  for (core::Role r : roles) out += (out.empty() ? "" : ", ") + std::string(core::kRoles.Name(r));
  return out;
}

// The one answer to every refused login (but an address's own throttling).
Message BadLogin() { return Msg("auth.bad_login"); }

// The journal entry of a login; `at_standby`: begun while the store took no writes, and
// journaled once it took them again (SettleStandbySessions).
store::JournalDraft LoginEntry(const std::string& login, const std::string& address, Timestamp at,
                               bool at_standby) {
  json body = {{"address", address}};
  if (at_standby) body["at_standby"] = true;
  return {.at = at,
          .actor = login,
          .action = "auth.login",
          .subject = "account:" + login,
          .body = std::move(body)};
}

// A write refused because the store takes none (a standby not yet promoted).
bool StoreReadOnly(const Error& e) { return e.msg.code == "store.read_only"; }

// `written`, or success when it failed only because the store takes no writes: for the writes
// that a standby goes without.
Result<void> UnlessReadOnly(Result<void> written) {
  if (!written && StoreReadOnly(written.error())) return {};
  return written;
}

}  // namespace

Result<AccountView> AccountService::View(const store::AccountRow& a,
                                         const core::Organization& org) {
  ASSIGN_OR_RETURN(std::string until, store::LoadLoginDelay(ctx_.store(), a.id));
  auto when = ParseRfc3339(until);
  if (!when || ctx_.clock().Now() >= *when) until.clear();
  AccountView v = AccountViewOf(a, org, until);
  ASSIGN_OR_RETURN(v.lang, store::LoadLanguage(ctx_.store(), a.id));
  return v;
}

std::string AccountService::DummyHash() {
  std::lock_guard lock(dummy_mu_);
  if (dummy_hash_.empty()) {
    if (auto hash = ctx_.hasher()->Hash(ctx_.random()->Hex(16))) dummy_hash_ = *hash;
  }
  return dummy_hash_;
}

Result<std::string> AccountService::NewPasswordHash(const std::string& password,
                                                    std::string& generated) {
  if (ctx_.hasher() == nullptr || ctx_.random() == nullptr) {
    return Fail(ErrorCode::kUnavailable, Msg("account.unavailable"));
  }
  std::string chosen = password;
  if (chosen.empty()) {
    generated = ctx_.random()->Hex(12);  // 96 bits, shown once
    chosen = generated;
  } else if (chosen.size() < ctx_.auth().min_password_length) {
    return Fail(
        ErrorCode::kInvalidInput,
        Msg("password.too_short", {{"min", std::to_string(ctx_.auth().min_password_length)}}),
        "/password");
  }
  return ctx_.hasher()->Hash(chosen);
}

Result<std::string> AccountService::Add(const std::string& person,
                                        const std::vector<core::Role>& granted,
                                        const std::string& password, const Actor& actor) {
  TRY(MayManage(actor, Msg("account.admin_only_add")));
  for (core::Role r : granted) {
    if (!core::IsGrantedRole(r)) {
      return Fail(ErrorCode::kInvalidInput,
                  Msg("account.role_from_org_file", {{"role", std::string(core::kRoles.Name(r))}}),
                  "/roles");
    }
  }
  std::string generated;
  ASSIGN_OR_RETURN(std::string hash, NewPasswordHash(password, generated));
  TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(core::Organization org, store::LoadOrganization(tx));
    if (org.FindPerson(person) == nullptr) {
      return Fail(ErrorCode::kNotFound, Msg("account.no_person", {{"person", person}}));
    }
    ASSIGN_OR_RETURN(auto existing, store::LoadAccount(tx, person));
    if (existing) return Fail(ErrorCode::kConflict, Msg("account.exists", {{"person", person}}));
    store::AccountRow a{.id = person,
                        .granted = RoleNames(granted),
                        .must_change = !generated.empty(),
                        .credential = Sha256Hex(hash),
                        .created_at = FormatRfc3339(ctx_.clock().Now())};
    TRY(store::SaveAccount(tx, a));
    TRY(store::SaveCredential(tx, person, hash));
    TRY(tx.Append({.at = ctx_.clock().Now(),
                   .actor = actor.id,
                   .action = "account.add",
                   .subject = "account:" + person,
                   .body = {{"granted", a.granted}}}));
    return {};
  }));
  return generated;
}

Result<std::string> AccountService::ResetPassword(const std::string& person,
                                                  const std::string& password, const Actor& actor) {
  TRY(MayManage(actor, Msg("account.admin_only_reset")));
  if (!actor.principal.is_operator && actor.principal.person == person) {
    return Fail(ErrorCode::kForbidden, Msg("account.reset_own"));
  }
  std::string generated;
  ASSIGN_OR_RETURN(std::string hash, NewPasswordHash(password, generated));
  TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(auto a, store::LoadAccount(tx, person));
    if (!a) return Fail(ErrorCode::kNotFound, NoAccount(person));
    ASSIGN_OR_RETURN(core::Organization org, store::LoadOrganization(tx));
    std::set<core::Role> roles = core::DeriveRoles(org, person, Granted(*a));
    if (!core::CanResetPasswordOf(actor.principal, person, roles)) {
      std::set<core::Role> lacking;
      std::set_difference(roles.begin(), roles.end(), actor.principal.roles.begin(),
                          actor.principal.roles.end(), std::inserter(lacking, lacking.end()));
      return Fail(ErrorCode::kForbidden, Msg("account.reset_more_powerful",
                                             {{"person", person}, {"roles", RoleList(lacking)}}));
    }
    a->credential = Sha256Hex(hash);
    a->must_change = !generated.empty();
    a->epoch += 1;  // every session of the account ends
    a->failed_logins = 0;
    TRY(store::SaveAccount(tx, *a));
    TRY(store::SaveCredential(tx, person, hash));
    TRY(store::RemoveSessionsOf(tx, person));
    TRY(store::RemoveLoginDelay(tx, person));
    // The owner hears of every reset, so a reset they did not ask for does not go unnoticed.
    TRY(QueueNotice(tx, org,
                    {.kind = "account.password.reset",
                     .subject = "account:" + person,
                     .to = {person},
                     .title = Msg("outbox.password_reset_title"),
                     .body = Msg("outbox.password_reset", {{"actor", actor.id}}),
                     .page = "#/account"},
                    ctx_.clock().Now()));
    TRY(tx.Append({.at = ctx_.clock().Now(),
                   .actor = actor.id,
                   .action = "account.password.reset",
                   .subject = "account:" + person}));
    return {};
  }));
  return generated;
}

Result<void> AccountService::ChangePassword(const Actor& actor, const std::string& old_password,
                                            const std::string& new_password) {
  const std::string& person = actor.principal.person;
  if (new_password.empty())
    return Fail(ErrorCode::kInvalidInput, Msg("field.required"), "/new_password");
  std::string ignored;
  ASSIGN_OR_RETURN(std::string hash, NewPasswordHash(new_password, ignored));
  // Verified before the write (each verification takes a hash's time, which the one writer must
  // not wait for), then the write makes sure the password checked is still the current one.
  ASSIGN_OR_RETURN(std::string current, store::LoadCredential(ctx_.store(), person));
  if (!ctx_.hasher()->Verify(current, old_password)) {
    return Fail(ErrorCode::kForbidden, Msg("password.wrong_current"), "/old_password");
  }
  if (ctx_.hasher()->Verify(current, new_password)) {
    return Fail(ErrorCode::kInvalidInput, Msg("password.same_as_current"), "/new_password");
  }
  return ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(auto a, store::LoadAccount(tx, person));
    ASSIGN_OR_RETURN(std::string now_current, store::LoadCredential(tx, person));
    if (!a || now_current != current) {
      return Fail(ErrorCode::kForbidden, Msg("password.wrong_current"), "/old_password");
    }
    a->credential = Sha256Hex(hash);
    a->must_change = false;
    a->epoch += 1;
    TRY(store::SaveAccount(tx, *a));
    TRY(store::SaveCredential(tx, person, hash));
    TRY(store::RemoveSessionsOf(tx, person));
    TRY(tx.Append({.at = ctx_.clock().Now(),
                   .actor = person,
                   .action = "account.password.change",
                   .subject = "account:" + person}));
    return {};
  });
}

Result<AccountView> AccountService::SetLanguage(const Actor& actor, const std::string& lang) {
  const std::string& person = actor.principal.person;
  if (lang != "ja" && lang != "en") {
    return Fail(ErrorCode::kInvalidInput, Msg("account.bad_lang", {{"value", lang}}), "/lang");
  }
  TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(auto a, store::LoadAccount(tx, person));
    if (!a) return Fail(ErrorCode::kNotFound, NoAccount(person));
    TRY(store::SaveLanguage(tx, person, lang));
    TRY(tx.Append({.at = ctx_.clock().Now(),
                   .actor = person,
                   .action = "account.language",
                   .subject = "account:" + person}));
    return {};
  }));
  return Get(person);
}

Result<AccountView> AccountService::Update(const std::string& person, std::optional<bool> disabled,
                                           std::optional<bool> locked,
                                           std::optional<std::vector<core::Role>> granted,
                                           const Actor& actor) {
  TRY(MayManage(actor, Msg("account.admin_only_change")));
  if (granted && !core::CanChangeRolesOf(actor.principal, person)) {
    return Fail(ErrorCode::kForbidden, Msg("account.own_roles"), "/roles");
  }
  if (granted) {
    for (core::Role r : *granted) {
      if (!core::IsGrantedRole(r)) {
        return Fail(ErrorCode::kInvalidInput, Msg("account.granted_roles_only"), "/roles");
      }
    }
  }
  std::optional<store::AccountRow> after;
  TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(auto a, store::LoadAccount(tx, person));
    if (!a) return Fail(ErrorCode::kNotFound, NoAccount(person));
    json body = json::object();
    bool stop = false;  // every session ends; tokens are refused while it lasts (CallerFor)
    if (disabled) {
      a->disabled = *disabled;
      body["disabled"] = *disabled;
      stop = *disabled;
    }
    if (locked) {
      a->locked = *locked;
      body["locked"] = *locked;
      stop = stop || *locked;
      if (!*locked) {
        a->failed_logins = 0;
        TRY(store::RemoveLoginDelay(tx, person));
      }
    }
    if (stop) {
      a->epoch += 1;
      TRY(store::RemoveSessionsOf(tx, person));
    }
    if (granted) {
      a->granted = RoleNames(*granted);
      body["granted"] = a->granted;
    }
    TRY(store::SaveAccount(tx, *a));
    TRY(tx.Append({.at = ctx_.clock().Now(),
                   .actor = actor.id,
                   .action = "account.update",
                   .subject = "account:" + person,
                   .body = body}));
    after = a;
    return {};
  }));
  ASSIGN_OR_RETURN(auto snapshot, ctx_.Organization());
  const core::Organization& org = *snapshot;
  return View(*after, org);
}

Result<std::vector<AccountView>> AccountService::List(const Actor& actor) {
  if (!IsAdministrator(actor)) return Fail(ErrorCode::kForbidden, Msg("account.admin_only_list"));
  ASSIGN_OR_RETURN(auto rows, store::LoadAccounts(ctx_.store()));
  ASSIGN_OR_RETURN(auto snapshot, ctx_.Organization());
  const core::Organization& org = *snapshot;
  std::vector<AccountView> out;
  for (const auto& a : rows) {
    ASSIGN_OR_RETURN(AccountView view, View(a, org));
    out.push_back(std::move(view));
  }
  return out;
}

Result<AccountView> AccountService::Get(const std::string& person) {
  ASSIGN_OR_RETURN(auto a, store::LoadAccount(ctx_.store(), person));
  if (!a) return Fail(ErrorCode::kNotFound, NoAccount(person));
  ASSIGN_OR_RETURN(auto snapshot, ctx_.Organization());
  const core::Organization& org = *snapshot;
  return View(*a, org);
}

Result<void> AccountService::RecordFailure(const std::string& login, const std::string& address,
                                           const std::string& why, bool counts) {
  Timestamp now = ctx_.clock().Now();
  {
    std::lock_guard lock(failures_mu_);
    auto& [since, count] = address_failures_[address];
    if (now - since > ctx_.auth().address_window) {
      since = now;
      count = 0;
    }
    ++count;
  }
  Result<void> written = ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(auto a, store::LoadAccount(tx, login));
    json body = {{"address", address}, {"reason", why}};
    if (a && counts) {
      a->failed_logins += 1;
      std::chrono::seconds delay = LoginDelay(ctx_.auth(), a->failed_logins);
      if (delay.count() > 0) {
        std::string until = FormatRfc3339(now + delay);
        TRY(store::SaveLoginDelay(tx, login, until));
        body["delayed_until"] = until;
      }
      TRY(store::SaveAccount(tx, *a));
    } else if (!a) {
      body["login"] = login.substr(0, 64);
    }
    TRY(tx.Append({.at = now,
                   .actor = a ? login : "anonymous",
                   .action = "auth.login.failed",
                   .subject = a ? "account:" + login : "auth",
                   .body = body}));
    return {};
  });
  if (!written && StoreReadOnly(written.error()) && counts) {
    // At a standby the failure cannot be written: the address's count above still holds, and
    // the account's delay grows here as it would in the store.
    ASSIGN_OR_RETURN(auto a, store::LoadAccount(ctx_.store(), login));
    if (a) {
      std::lock_guard lock(failures_mu_);
      constexpr size_t kMaxDelays = 10'000;
      if (standby_delays_.size() >= kMaxDelays) {
        std::erase_if(standby_delays_, [&](const auto& d) { return d.second.second <= now; });
      }
      if (standby_delays_.size() < kMaxDelays || standby_delays_.contains(login)) {
        auto& [count, until] = standby_delays_[login];
        count = std::max(count, a->failed_logins) + 1;
        until = now + LoginDelay(ctx_.auth(), count);
      }
    }
  }
  return UnlessReadOnly(std::move(written));
}

Result<Login> AccountService::LogIn(const std::string& login, const std::string& password,
                                    const std::string& address) {
  if (ctx_.hasher() == nullptr || ctx_.random() == nullptr) {
    return Fail(ErrorCode::kUnavailable, Msg("account.unavailable"));
  }
  // A place among the logins under way, or a refusal that takes none (so that a flood of
  // refusals never makes the count look higher than it is).
  for (size_t under_way = logging_in_.load();;) {
    if (under_way >= ctx_.auth().logins_at_once) {
      return Fail(ErrorCode::kUnavailable, Msg("auth.busy"));
    }
    if (logging_in_.compare_exchange_weak(under_way, under_way + 1)) break;
  }
  struct Done {
    std::atomic<size_t>& count;
    ~Done() { --count; }
  } done{logging_in_};
  Timestamp now = ctx_.clock().Now();
  {
    std::lock_guard lock(failures_mu_);
    auto it = address_failures_.find(address);
    if (it != address_failures_.end() && now - it->second.first <= ctx_.auth().address_window &&
        it->second.second >= ctx_.auth().max_address_failures) {
      return Fail(ErrorCode::kUnavailable, Msg("auth.address_throttled"));
    }
  }
  ASSIGN_OR_RETURN(auto account, store::LoadAccount(ctx_.store(), login));
  ASSIGN_OR_RETURN(auto snapshot, ctx_.Organization());
  const core::Organization& org = *snapshot;
  // Why the password is not even looked at, if it is not.
  std::string refusal;
  std::string hash;
  if (!account) {
    refusal = "unknown";
  } else if (org.FindPerson(login) == nullptr) {
    refusal = "not in the organization";
  } else if (account->disabled) {
    refusal = "disabled";
  } else if (account->locked) {
    refusal = "locked";
  } else {
    ASSIGN_OR_RETURN(std::string until, store::LoadLoginDelay(ctx_.store(), login));
    auto when = ParseRfc3339(until);
    if (when && now < *when) refusal = "delayed";
    std::lock_guard lock(failures_mu_);
    if (auto d = standby_delays_.find(login);
        d != standby_delays_.end() && now < d->second.second) {
      refusal = "delayed";
    }
  }
  if (refusal.empty()) {
    ASSIGN_OR_RETURN(hash, store::LoadCredential(ctx_.store(), login));
    // A hash changed outside sokuo is refused, whatever the password.
    if (Sha256Hex(hash) != account->credential) refusal = "credential altered";
  }
  // Exactly one verification on every path, so the time taken does not tell them apart.
  bool verified = ctx_.hasher()->Verify(refusal.empty() ? hash : DummyHash(), password);
  if (!refusal.empty() || !verified) {
    bool checked = refusal.empty() || refusal == "credential altered";
    TRY(RecordFailure(login, address, refusal.empty() ? "password" : refusal, checked));
    return Fail(Unauthorized(BadLogin()));
  }
  Login out;
  out.session_token = ctx_.random()->Hex(32);
  out.csrf_token = ctx_.random()->Hex(32);
  out.expires_at = FormatRfc3339(now + ctx_.auth().absolute);
  store::SessionRow session{Sha256Hex(out.session_token), login,
                            Sha256Hex(out.csrf_token),    FormatRfc3339(now),
                            FormatRfc3339(now),           account->epoch};
  Result<void> written = ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(auto a, store::LoadAccount(tx, login));
    a->failed_logins = 0;
    TRY(store::SaveAccount(tx, *a));
    TRY(store::RemoveLoginDelay(tx, login));
    session.epoch = a->epoch;
    TRY(store::SaveSession(tx, session));
    TRY(tx.Append(LoginEntry(login, address, now, false)));
    account = a;
    return {};
  });
  if (!written) {
    if (!StoreReadOnly(written.error())) return Fail(std::move(written).error());
    std::lock_guard lock(standby_mu_);
    // Held in memory until the store takes writes, and bounded: an account keeps the sessions
    // it used last (a new login ends the one idle longest, so that one person's password cannot
    // crowd the others out), and a full standby lets the ended ones go before it refuses.
    const AuthOptions& limits = ctx_.auth();
    auto idlest = standby_.end();
    size_t own = 0;
    for (auto it = standby_.begin(); it != standby_.end(); ++it) {
      if (it->second.row.account != login) continue;
      ++own;
      if (idlest == standby_.end() || it->second.row.last_seen < idlest->second.row.last_seen) {
        idlest = it;
      }
    }
    if (own >= limits.standby_sessions_each && idlest != standby_.end()) standby_.erase(idlest);
    if (standby_.size() >= limits.standby_sessions) {
      std::erase_if(standby_, [&](const auto& each) { return SessionOver(each.second.row, now); });
    }
    if (standby_.size() >= limits.standby_sessions) {
      return Fail(ErrorCode::kUnavailable, Msg("auth.standby_full"));
    }
    standby_[session.id] = {session, address, now};
  }
  {
    std::lock_guard lock(failures_mu_);
    standby_delays_.erase(login);
  }
  out.account = AccountViewOf(*account, org, "");
  ASSIGN_OR_RETURN(out.account.lang, store::LoadLanguage(ctx_.store(), login));
  return out;
}

Result<void> AccountService::LogOut(const std::string& session_token) {
  std::string id = Sha256Hex(session_token);
  {
    std::lock_guard lock(standby_mu_);
    if (standby_.erase(id) > 0) return {};
  }
  return ctx_.store().Write(
      [&](store::Tx& tx) -> Result<void> { return store::RemoveSession(tx, id); });
}

Result<size_t> AccountService::SettleStandbySessions() {
  // Held while writing, so that a logout meanwhile waits and the session it ends stays ended.
  std::lock_guard lock(standby_mu_);
  if (standby_.empty()) return size_t{0};
  Result<void> written = ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    for (const auto& [id, s] : standby_) {
      TRY(store::SaveSession(tx, s.row));
      TRY(tx.Append(LoginEntry(s.row.account, s.address, s.at, true)));
    }
    return {};
  });
  if (!written) {
    if (StoreReadOnly(written.error())) return size_t{0};
    return Fail(std::move(written).error());
  }
  size_t moved = standby_.size();
  standby_.clear();
  return moved;
}

Result<Caller> AccountService::CallerFor(const std::string& person, const Caller& base) {
  ASSIGN_OR_RETURN(auto account, store::LoadAccount(ctx_.store(), person));
  ASSIGN_OR_RETURN(auto snapshot, ctx_.Organization());
  const core::Organization& org = *snapshot;
  if (!account || account->disabled || account->locked || org.FindPerson(person) == nullptr) {
    return Fail(Unauthorized(Msg("auth.account_gone")));
  }
  Caller c = base;
  c.principal = {person, core::DeriveRoles(org, person, Granted(*account)), false};
  c.must_change_password = account->must_change;
  return c;
}

bool AccountService::SessionOver(const store::SessionRow& session, Timestamp now) const {
  auto created = ParseRfc3339(session.created_at);
  auto seen = ParseRfc3339(session.last_seen);
  return !created || !seen || now - *created > ctx_.auth().absolute ||
         now - *seen > ctx_.auth().idle;
}

Result<bool> AccountService::SessionLive(const store::SessionRow& session, Timestamp now) {
  if (SessionOver(session, now)) return false;
  ASSIGN_OR_RETURN(auto account, store::LoadAccount(ctx_.store(), session.account));
  return account && account->epoch == session.epoch;
}

Result<Caller> AccountService::AuthenticateSession(const std::string& session_token,
                                                   bool activity) {
  if (session_token.empty()) return Fail(Unauthorized(Msg("auth.login_required")));
  std::string id = Sha256Hex(session_token);
  ASSIGN_OR_RETURN(auto session, store::LoadSession(ctx_.store(), id));
  if (!session) {
    {
      std::lock_guard lock(standby_mu_);
      if (standby_.contains(id)) return AuthenticateStandbySession(id, activity);
    }
    // Moved to the store since it was looked for there (SettleStandbySessions holds the lock
    // while it writes, so it is in one place or the other): once more.
    ASSIGN_OR_RETURN(session, store::LoadSession(ctx_.store(), id));
    if (!session) return Fail(Unauthorized(Msg("auth.session_ended")));
  }
  Timestamp now = ctx_.clock().Now();
  ASSIGN_OR_RETURN(bool live, SessionLive(*session, now));
  // At a standby neither write below can be made: the session is still ended, or used, as
  // if it had been (its idle time then counts from its last touch before).
  if (!live) {
    TRY(UnlessReadOnly(
        ctx_.store().Write([&](store::Tx& tx) { return store::RemoveSession(tx, id); })));
    return Fail(Unauthorized(Msg("auth.session_ended")));
  }
  // Touching the session costs a write; once a minute is enough for the idle limit.
  if (activity && now - *ParseRfc3339(session->last_seen) >= std::chrono::minutes(1)) {
    session->last_seen = FormatRfc3339(now);
    TRY(UnlessReadOnly(
        ctx_.store().Write([&](store::Tx& tx) { return store::SaveSession(tx, *session); })));
  }
  return CallerFor(session->account, {.by_session = true, .csrf_hash = session->csrf});
}

Result<Caller> AccountService::AuthenticateStandbySession(const std::string& id, bool activity) {
  Timestamp now = ctx_.clock().Now();
  auto it = standby_.find(id);
  store::SessionRow& session = it->second.row;
  ASSIGN_OR_RETURN(bool live, SessionLive(session, now));
  if (!live) {
    standby_.erase(it);
    return Fail(Unauthorized(Msg("auth.session_ended")));
  }
  if (activity) session.last_seen = FormatRfc3339(now);
  return CallerFor(session.account, {.by_session = true, .csrf_hash = session.csrf});
}

}  // namespace sokuo::app
