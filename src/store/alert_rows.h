// Alerts ⇄ rows (G4.2.3): one row in `alerts` per alert (its fields as canonical JSON in `data`,
// plus the columns lists and the policy look up), and one row per kept log line in
// `alert_lines`, keyed "ALR-2026-0001/000001", so that a line is journaled once, when it is kept.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/alert.h"
#include "store/store.h"

namespace sokuo::store {

[[nodiscard]] Result<void> SaveAlert(Tx& tx, const core::Alert& alert);
// Appends lines to an alert, numbered after the ones it has (`kept`: how many that is).
[[nodiscard]] Result<void> AddAlertLines(Tx& tx, const std::string& key, int64_t kept,
                                         const std::vector<core::AlertLine>& lines);

[[nodiscard]] Result<std::optional<core::Alert>> LoadAlert(Tx& tx, const std::string& key);
[[nodiscard]] Result<std::optional<core::Alert>> LoadAlert(Store& store, const std::string& key);
// An alert from its row of `alerts`.
[[nodiscard]] Result<core::Alert> AlertOfRow(const Row& row);
// The alerts whose group is `group`.
[[nodiscard]] Result<std::vector<core::Alert>> LoadAlertsOfGroup(Tx& tx, const std::string& group);
[[nodiscard]] Result<std::vector<core::Alert>> LoadAlertsOfGroup(Store& store,
                                                                 const std::string& group);
// An alert's kept lines, in the order they were received.
[[nodiscard]] Result<std::vector<core::AlertLine>> LoadAlertLines(Store& store,
                                                                  const std::string& key);
[[nodiscard]] Result<std::vector<core::AlertLine>> LoadAlertLines(Tx& tx, const std::string& key);

// The next free number in `year` (1 for the first alert of the year).
[[nodiscard]] Result<int> NextAlertNumber(Tx& tx, int year);

}  // namespace sokuo::store
