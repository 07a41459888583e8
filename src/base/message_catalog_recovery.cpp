// The words of recovery (G5.2): the recovery planner's reasons and the disaster area. A part of
// the one catalog (message_catalog_parts.h), in its own file to keep each file to one room;
// message_test.cpp checks the whole catalog.
#include <array>

#include "base/message_catalog_parts.h"

namespace sokuo {
namespace {

constexpr auto kRecovery = std::to_array<CatalogEntry>({
    // core/recovery_plan.h: why a system cannot be planned.
    {"plan.no_estimate", "復旧にかかる時間の見積り（restore_effort_hours）がありません",
     "no estimate of the time to restore it (restore_effort_hours)"},
    {"plan.no_skill", "必要なスキル（{because}）を持つ要員がいません",
     "nobody who can work has the skills it needs ({because})"},
    {"plan.no_time", "作業できる要員の時間内に収まりません",
     "it does not fit in the hours of the staff who can work"},
    {"plan.power_not_restored", "電源（{because}）の復旧の見込みが立っていません",
     "its power ({because}) has no prospect of returning"},
    {"plan.dependency_unplanned", "依存するシステム（{because}）の復旧が計画できません",
     "a system it depends on ({because}) cannot be planned"},
    {"plan.unknown_dependency", "依存先（{because}）が登録されていません",
     "it depends on systems that are not registered ({because})"},
    {"plan.dependency_cycle", "依存関係が循環しています（{because}）",
     "its dependencies form a cycle ({because})"},
});

}  // namespace

std::span<const CatalogEntry> RecoveryMessages() { return kRecovery; }

}  // namespace sokuo
