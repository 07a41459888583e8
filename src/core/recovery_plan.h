// G5.2.1, G5.2.6: the recovery planner. Given the systems (tier, boosts, dependencies, status
// from the damage survey, estimated effort, skills, vendor lead times, external returns such as
// utility power) and the staff who can work (skills and hours), it returns the order in which
// systems come back, when each starts and is expected back (復旧目処), who restores it, whether
// its RTO is met, and for every system it cannot plan, why. Pure: times are minutes from the
// plan's start (t = 0 is "now"); the caller converts to and from wall-clock time.
//
// How a plan is made (list scheduling, Kahn's algorithm with a priority queue):
//  - Systems that are ok or degraded are running: they are not planned and what depends on them
//    may start at 0. Down and unknown systems (unknown = not surveyed yet, assumed down) are each
//    either planned or unplanned with a reason.
//  - Among the systems whose down dependencies have all been decided, the one of highest
//    priority is decided next: tier a before b before c (G5.2.1); within a tier, a system for
//    customer service or product development first (either boost counts the same, both together
//    no more); then power, then network, before other categories; then input order.
//  - A system with `external_eta` comes back at max(0, eta, earliest_start, its dependencies'
//    finish) with no worker. Any other needs `effort` minutes of one worker who has all its
//    skills, inside that worker's windows, starting no earlier than 0, `earliest_start` and every
//    dependency's finish, and after everything already given to that worker (a per-worker
//    cursor: earlier gaps are not filled). Of the qualified workers, the one who finishes
//    earliest; ties go to the earlier worker in input order.
//  - A system is unplanned, for the first of these that holds: a dependency names no system;
//    no estimate (no effort, or effort <= 0, and no external_eta); no worker has all the skills;
//    it is part of or behind a dependency cycle; a dependency is unplanned and, through unplanned
//    systems, leads to a power system that is unplanned and has no external_eta (power not
//    restored); a dependency is unplanned for another reason; qualified workers exist but no
//    one's remaining windows hold the work.
//
// System ids are unique (the organization rules ensure it); worker windows are sorted and
// disjoint. Both are preconditions, not checked here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/organization.h"

namespace sokuo::core {

using PlanMinutes = std::int64_t;

// [from, to)
struct Window {
  PlanMinutes from = 0;
  PlanMinutes to = 0;
  friend bool operator==(const Window&, const Window&) = default;
};

// From the damage survey (G5.2.4).
enum class SurveyStatus { kOk, kDegraded, kDown, kUnknown };
inline constexpr auto kSurveyStatuses = MakeEnumNames<SurveyStatus>(
    std::pair{SurveyStatus::kOk, "ok"}, std::pair{SurveyStatus::kDegraded, "degraded"},
    std::pair{SurveyStatus::kDown, "down"}, std::pair{SurveyStatus::kUnknown, "unknown"});

struct PlanSystem {
  std::string id;
  Tier tier = Tier::kC;
  SystemCategory category = SystemCategory::kOther;  // power matters for reasons and order
  bool customer_service = false;                     // boosts within a tier (G5.2.1)
  bool product_development = false;
  std::vector<std::string> depends_on;  // system ids
  SurveyStatus status = SurveyStatus::kUnknown;
  std::optional<PlanMinutes> effort;          // person-minutes to restore; nullopt = no estimate
  std::vector<std::string> skills;            // the worker must have all of them
  std::optional<PlanMinutes> earliest_start;  // e.g. a vendor's part arrives
  std::optional<PlanMinutes> external_eta;    // comes back without our staff (utility power)
  std::optional<PlanMinutes> rto_deadline;    // when its RTO expires; negative: already passed
};

struct PlanWorker {
  std::string person;
  std::vector<std::string> skills;
  std::vector<Window> windows;  // sorted, disjoint: when the person can work
};

struct PlanInput {
  std::vector<PlanSystem> systems;
  std::vector<PlanWorker> workers;
};

struct PlannedSystem {
  std::string id;
  int order = 0;  // 1-based: the sequence in which the planner placed it
  PlanMinutes start = 0;
  PlanMinutes finish = 0;    // 復旧目処
  std::string worker;        // empty when external_eta brings it back
  std::vector<Window> work;  // the intervals worked, inside the worker's windows
  bool rto_met = true;       // finish <= rto_deadline, or no RTO
  friend bool operator==(const PlannedSystem&, const PlannedSystem&) = default;
};

// Reasons a system cannot be planned, stable codes (the message catalog gives their text).
inline constexpr std::string_view kPlanNoEstimate = "plan.no_estimate";
inline constexpr std::string_view kPlanNoSkill = "plan.no_skill";
inline constexpr std::string_view kPlanNoTime = "plan.no_time";
inline constexpr std::string_view kPlanPowerNotRestored = "plan.power_not_restored";
inline constexpr std::string_view kPlanDependencyUnplanned = "plan.dependency_unplanned";
inline constexpr std::string_view kPlanUnknownDependency = "plan.unknown_dependency";
inline constexpr std::string_view kPlanDependencyCycle = "plan.dependency_cycle";

struct UnplannedSystem {
  std::string id;
  std::string reason;  // one of kPlan*
  // What is at fault: no_skill, the skills no worker has (all the required skills when each is
  // held by someone but no one holds them all); unknown_dependency, the names that match no
  // system; dependency_cycle, the direct dependencies in or behind the cycle; power_not_restored,
  // the unplanned power systems it leads to; dependency_unplanned, the unplanned direct
  // dependencies; no_estimate and no_time, nothing. Skills and dependencies in the order the
  // system lists them, power systems in input order, each once.
  std::vector<std::string> because;
  friend bool operator==(const UnplannedSystem&, const UnplannedSystem&) = default;
};

struct Plan {
  std::vector<PlannedSystem> planned;      // by order
  std::vector<UnplannedSystem> unplanned;  // in input order
  std::vector<std::string> running;        // ok and degraded systems, in input order
  friend bool operator==(const Plan&, const Plan&) = default;
};

Plan PlanRecovery(const PlanInput& input);

}  // namespace sokuo::core
