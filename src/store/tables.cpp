#include "store/tables.h"

#include <algorithm>

#include "store/org_rows.h"

namespace sokuo::store {

const std::vector<std::string>& JournaledTables() {
  static const std::vector<std::string> kTables = [] {
    std::vector<std::string> all(kOrgTables.begin(), kOrgTables.end());
    all.insert(all.end(),
               {"incidents", "incident_records", "disasters", "disaster_records", "outbox",
                "outbox_texts", "deliveries", "reminders", "accounts", "api_tokens", "preferences",
                "alerts", "alert_lines", "control_occurrences", "account_reviews", "virus_scans"});
    return all;
  }();
  return kTables;
}

bool IsJournaledTable(const std::string& table) {
  const auto& all = JournaledTables();
  return std::find(all.begin(), all.end(), table) != all.end();
}

const std::vector<std::string>& PrivateTables() {
  static const std::vector<std::string> kTables = {"credentials", "sessions", "login_delays",
                                                   "delivery_claims"};
  return kTables;
}

bool IsPrivateTable(const std::string& table) {
  const auto& all = PrivateTables();
  return std::find(all.begin(), all.end(), table) != all.end();
}

bool IsColumnName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

Result<void> CheckReadNames(const std::string& table,
                            std::initializer_list<const std::string*> columns) {
  if (!IsJournaledTable(table) && !IsPrivateTable(table)) {
    return Fail(ErrorCode::kInternal, Msg("store.unknown_table", {{"table", table}}));
  }
  for (const std::string* column : columns) {
    if (!column->empty() && !IsColumnName(*column)) {
      return Fail(ErrorCode::kInternal, Msg("store.bad_column", {{"column", *column}}));
    }
  }
  return {};
}

}  // namespace sokuo::store
