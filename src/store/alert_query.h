// One page of the alert list, asked of the store (as incident lists are: incident_query.h). The
// SQLite store answers it with SQL over `alerts` and `alert_facts` (store/sqlite/alert_list.cpp);
// ListAlertsInMemory is the reference and the default.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/access.h"
#include "core/alert.h"
#include "store/row_page.h"
#include "store/store.h"

namespace sokuo::store {

struct AlertQuery {
  // Need-to-know: an alert that became part of an incident is seen by those who see the
  // incident (core::InScope); the others by every reader of alerts. One whose incident is not
  // there is seen only by those who see every incident.
  core::VisibilityScope scope;
  std::optional<core::AlertState> state;
  std::optional<int> min_rank;  // core::PolicyLevelRank of the level, at least
  std::string text;             // in the rule's title or id, the group, the host or the key
  std::optional<std::pair<int, int>> after;  // keyset: older than this (year, number)
  size_t offset = 0;
  size_t limit = 50;
};

// Whether `a` passes the filters (not need-to-know, which needs its incident).
bool Matches(const AlertQuery& q, const core::Alert& a);

// The reference: every alert and every incident header read and decoded.
[[nodiscard]] Result<RowPage> ListAlertsInMemory(Store& store, const AlertQuery& q);

struct AlertPage {
  std::vector<core::Alert> items;
  size_t total = 0;
};
[[nodiscard]] Result<AlertPage> ListAlerts(Store& store, const AlertQuery& q);

}  // namespace sokuo::store
