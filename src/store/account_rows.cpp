#include "store/account_rows.h"

#include "store/journal.h"

namespace sokuo::store {
namespace {

AccountRow AccountFrom(const Row& r) {
  AccountRow a;
  a.id = r.value("id", "");
  nlohmann::json granted = nlohmann::json::parse(r.value("granted", "[]"), nullptr, false);
  if (granted.is_array()) {
    for (const auto& g : granted) {
      if (g.is_string()) a.granted.push_back(g.get<std::string>());
    }
  }
  a.disabled = r.value("disabled", 0) != 0;
  a.must_change = r.value("must_change", 0) != 0;
  a.credential = r.value("credential", "");
  a.failed_logins = r.value("failed_logins", 0);
  a.locked = r.value("locked", 0) != 0;
  a.epoch = r.value("epoch", int64_t{0});
  a.created_at = r.value("created_at", "");
  return a;
}

TokenRow TokenFrom(const Row& r) {
  return {r.value("id", ""),         r.value("account", ""),   r.value("name", ""),
          r.value("scope", ""),      r.value("secret", ""),    r.value("created_at", ""),
          r.value("expires_at", ""), r.value("revoked_at", "")};
}

}  // namespace

template <class Source>
Result<std::optional<AccountRow>> LoadAccount(Source& source, const std::string& id) {
  ASSIGN_OR_RETURN(Table rows, source.ReadWhere("accounts", "id", id));
  if (rows.empty()) return std::optional<AccountRow>{};
  return std::optional<AccountRow>{AccountFrom(rows.begin()->second)};
}
template Result<std::optional<AccountRow>> LoadAccount(Store&, const std::string&);
template Result<std::optional<AccountRow>> LoadAccount(Tx&, const std::string&);

Result<std::map<std::string, AccountRow>> LoadAccountsOf(Tx& tx,
                                                         const std::vector<std::string>& ids) {
  ASSIGN_OR_RETURN(Table rows, tx.ReadWhereAny("accounts", "id", ids));
  std::map<std::string, AccountRow> out;
  for (const auto& [id, row] : rows) out.emplace(id, AccountFrom(row));
  return out;
}

template <class Source>
Result<std::vector<AccountRow>> LoadAccounts(Source& source) {
  ASSIGN_OR_RETURN(Table rows, source.Read("accounts"));
  std::vector<AccountRow> out;
  for (const auto& [id, row] : rows) out.push_back(AccountFrom(row));
  return out;
}
template Result<std::vector<AccountRow>> LoadAccounts(Store&);
template Result<std::vector<AccountRow>> LoadAccounts(Tx&);

Result<void> SaveAccount(Tx& tx, const AccountRow& a) {
  return tx.Put("accounts", a.id,
                {{"id", a.id},
                 {"granted", CanonicalJson(nlohmann::json(a.granted))},
                 {"disabled", a.disabled ? 1 : 0},
                 {"must_change", a.must_change ? 1 : 0},
                 {"credential", a.credential},
                 {"failed_logins", a.failed_logins},
                 {"locked", a.locked ? 1 : 0},
                 {"epoch", a.epoch},
                 {"created_at", a.created_at}});
}

template <class Source>
Result<std::string> LoadCredential(Source& source, const std::string& id) {
  ASSIGN_OR_RETURN(Table rows, source.ReadWhere("credentials", "id", id));
  if (rows.empty()) return std::string();
  return rows.begin()->second.value("hash", "");
}
template Result<std::string> LoadCredential(Store&, const std::string&);
template Result<std::string> LoadCredential(Tx&, const std::string&);

Result<void> SaveCredential(Tx& tx, const std::string& id, const std::string& hash) {
  return tx.PutPrivate("credentials", id, {{"id", id}, {"hash", hash}});
}

Result<std::optional<SessionRow>> LoadSession(Store& store, const std::string& id) {
  ASSIGN_OR_RETURN(Table rows, store.ReadWhere("sessions", "id", id));
  if (rows.empty()) return std::optional<SessionRow>{};
  const Row& r = rows.begin()->second;
  return std::optional<SessionRow>{SessionRow{
      r.value("id", ""), r.value("account", ""), r.value("csrf", ""), r.value("created_at", ""),
      r.value("last_seen", ""), r.value("epoch", int64_t{0})}};
}

Result<void> SaveSession(Tx& tx, const SessionRow& s) {
  return tx.PutPrivate("sessions", s.id,
                       {{"id", s.id},
                        {"account", s.account},
                        {"csrf", s.csrf},
                        {"created_at", s.created_at},
                        {"last_seen", s.last_seen},
                        {"epoch", s.epoch}});
}

Result<void> RemoveSession(Tx& tx, const std::string& id) {
  return tx.RemovePrivate("sessions", "id", id);
}

Result<void> RemoveSessionsOf(Tx& tx, const std::string& account) {
  return tx.RemovePrivate("sessions", "account", account);
}

template <class Source>
Result<std::string> LoadLoginDelay(Source& source, const std::string& id) {
  ASSIGN_OR_RETURN(Table rows, source.ReadWhere("login_delays", "id", id));
  if (rows.empty()) return std::string();
  return rows.begin()->second.value("until", "");
}
template Result<std::string> LoadLoginDelay(Store&, const std::string&);
template Result<std::string> LoadLoginDelay(Tx&, const std::string&);

Result<void> SaveLoginDelay(Tx& tx, const std::string& id, const std::string& until) {
  return tx.PutPrivate("login_delays", id, {{"id", id}, {"until", until}});
}

Result<void> RemoveLoginDelay(Tx& tx, const std::string& id) {
  return tx.RemovePrivate("login_delays", "id", id);
}

template <class Source>
Result<std::string> LoadLanguage(Source& source, const std::string& id) {
  ASSIGN_OR_RETURN(Table rows, source.ReadWhere("preferences", "id", id));
  if (rows.empty()) return std::string();
  return rows.begin()->second.value("lang", "");
}
template Result<std::string> LoadLanguage(Store&, const std::string&);
template Result<std::string> LoadLanguage(Tx&, const std::string&);

Result<std::map<std::string, std::string>> LoadLanguagesOf(Tx& tx,
                                                           const std::vector<std::string>& ids) {
  ASSIGN_OR_RETURN(Table rows, tx.ReadWhereAny("preferences", "id", ids));
  std::map<std::string, std::string> out;
  for (const auto& [id, row] : rows) out.emplace(id, row.value("lang", ""));
  return out;
}

Result<void> SaveLanguage(Tx& tx, const std::string& id, const std::string& lang) {
  return tx.Put("preferences", id, {{"id", id}, {"lang", lang}});
}

template <class Source>
Result<std::optional<TokenRow>> LoadToken(Source& source, const std::string& id) {
  ASSIGN_OR_RETURN(Table rows, source.ReadWhere("api_tokens", "id", id));
  if (rows.empty()) return std::optional<TokenRow>{};
  return std::optional<TokenRow>{TokenFrom(rows.begin()->second)};
}
template Result<std::optional<TokenRow>> LoadToken(Store&, const std::string&);
template Result<std::optional<TokenRow>> LoadToken(Tx&, const std::string&);

Result<std::vector<TokenRow>> LoadTokensOf(Store& store, const std::string& account) {
  ASSIGN_OR_RETURN(Table rows, store.ReadWhere("api_tokens", "account", account));
  std::vector<TokenRow> out;
  for (const auto& [id, row] : rows) out.push_back(TokenFrom(row));
  return out;
}

Result<void> SaveToken(Tx& tx, const TokenRow& t) {
  return tx.Put("api_tokens", t.id,
                {{"id", t.id},
                 {"account", t.account},
                 {"name", t.name},
                 {"scope", t.scope},
                 {"secret", t.secret},
                 {"created_at", t.created_at},
                 {"expires_at", t.expires_at},
                 {"revoked_at", t.revoked_at}});
}

}  // namespace sokuo::store
