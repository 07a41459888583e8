#include "store/account_review_rows.h"

#include "store/journal.h"
#include "store/record_rows.h"

namespace sokuo::store {
namespace {

using Json = nlohmann::json;

Json GrantsJson(const std::vector<core::PrivilegeGrant>& grants) {
  Json out = Json::array();
  for (const auto& g : grants) out.push_back({{"group", g.group}, {"account", g.account}});
  return out;
}

std::vector<core::PrivilegeGrant> GrantsOf(const Json& j) {
  std::vector<core::PrivilegeGrant> out;
  for (const Json& g : j)
    out.push_back({g.at("group").get<std::string>(), g.at("account").get<std::string>()});
  return out;
}

Json ReviewData(const AccountReview& r) {
  Json accounts = Json::array();
  for (const auto& a : r.listing.accounts) {
    accounts.push_back({{"name", a.name},
                        {"uid", a.uid},
                        {"gid", a.gid},
                        {"shell", a.shell},
                        {"can_log_in", a.can_log_in}});
  }
  Json groups = Json::array();
  for (const auto& g : r.listing.groups) {
    groups.push_back(
        {{"name", g.name}, {"gid", g.gid}, {"members", g.members}, {"privileged", g.privileged}});
  }
  const core::AccountChanges& c = r.changes;
  return {{"accounts", accounts},
          {"groups", groups},
          {"changes",
           {{"first", c.first},
            {"added", c.added},
            {"removed", c.removed},
            {"new_privileged", GrantsJson(c.new_privileged)},
            {"privileged", GrantsJson(c.privileged)},
            {"unknown", c.unknown}}},
          {"previous", r.previous},
          {"by", r.by},
          {"at", r.at}};
}

Result<AccountReview> ReviewFromRow(const Row& row) {
  std::string id = row.value("id", "");
  ASSIGN_OR_RETURN(Json d, DataOf(row));
  AccountReview r;
  try {
    r.id = id;
    r.occurrence = row.at("occurrence").get<std::string>();
    r.control = row.at("control").get<std::string>();
    r.host = row.at("host").get<std::string>();
    r.starts = row.at("starts").get<int64_t>();
    for (const Json& a : d.at("accounts")) {
      r.listing.accounts.push_back({a.at("name").get<std::string>(), a.at("uid").get<int64_t>(),
                                    a.at("gid").get<int64_t>(), a.at("shell").get<std::string>(),
                                    a.at("can_log_in").get<bool>()});
    }
    for (const Json& g : d.at("groups")) {
      r.listing.groups.push_back({g.at("name").get<std::string>(), g.at("gid").get<int64_t>(),
                                  g.at("members").get<std::vector<std::string>>(),
                                  g.at("privileged").get<bool>()});
    }
    const Json& c = d.at("changes");
    r.changes.first = c.at("first").get<bool>();
    r.changes.added = c.at("added").get<std::vector<std::string>>();
    r.changes.removed = c.at("removed").get<std::vector<std::string>>();
    r.changes.new_privileged = GrantsOf(c.at("new_privileged"));
    r.changes.privileged = GrantsOf(c.at("privileged"));
    r.changes.unknown = c.at("unknown").get<std::vector<std::string>>();
    r.previous = d.at("previous").get<std::string>();
    r.by = d.at("by").get<std::string>();
    r.at = d.at("at").get<std::string>();
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kStorage,
                Msg("store.row_unreadable", {{"id", id}, {"reason", e.what()}}));
  }
  return r;
}

}  // namespace

Result<void> SaveAccountReview(Tx& tx, const AccountReview& r) {
  Row row = {{"id", r.id},           {"occurrence", r.occurrence},
             {"control", r.control}, {"host", r.host},
             {"starts", r.starts},   {"data", CanonicalJson(ReviewData(r))}};
  return tx.Put("account_reviews", r.id, row);
}

Result<std::vector<AccountReview>> LoadAccountReviews(Store& store, const std::string& occurrence) {
  ASSIGN_OR_RETURN(Table rows, store.ReadWhere("account_reviews", "occurrence", occurrence));
  std::vector<AccountReview> out;
  for (const auto& [id, row] : rows) {
    ASSIGN_OR_RETURN(AccountReview r, ReviewFromRow(row));
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::optional<AccountReview>> PreviousAccountReview(Tx& tx, const std::string& control,
                                                           const std::string& host,
                                                           int64_t starts) {
  ASSIGN_OR_RETURN(Table rows, tx.ReadWhere("account_reviews", "control", control));
  const Row* best = nullptr;
  for (const auto& [id, row] : rows) {
    if (row.value("host", "") != host) continue;
    int64_t s = row.value("starts", int64_t{0});
    if (s >= starts) continue;
    if (best == nullptr || s > best->value("starts", int64_t{0})) best = &row;
  }
  if (best == nullptr) return std::optional<AccountReview>();
  ASSIGN_OR_RETURN(AccountReview r, ReviewFromRow(*best));
  return std::optional<AccountReview>(std::move(r));
}

}  // namespace sokuo::store
