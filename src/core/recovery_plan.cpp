#include "core/recovery_plan.h"

#include <algorithm>
#include <map>
#include <queue>
#include <unordered_map>

namespace sokuo::core {
namespace {

bool IsRunning(SurveyStatus s) { return s == SurveyStatus::kOk || s == SurveyStatus::kDegraded; }

bool HasEstimate(const PlanSystem& s) {
  return s.external_eta.has_value() || (s.effort.has_value() && *s.effort > 0);
}

// Smaller is decided first: tier, boost, power/network/other, input order. Packed into one
// integer so the queue compares once.
std::uint64_t PriorityKey(const PlanSystem& s, std::size_t index) {
  std::uint64_t tier = static_cast<std::uint64_t>(s.tier);  // kA = 0
  std::uint64_t boost = s.customer_service || s.product_development ? 0 : 1;
  std::uint64_t category = s.category == SystemCategory::kPower     ? 0
                           : s.category == SystemCategory::kNetwork ? 1
                                                                    : 2;
  return (((tier * 2 + boost) * 3 + category) << 32) | static_cast<std::uint64_t>(index);
}

// The end of `effort` minutes of work in `windows`, starting no earlier than `t`; appends the
// intervals to `work` when given. nullopt when the windows end first.
std::optional<PlanMinutes> FinishIn(const std::vector<Window>& windows, PlanMinutes t,
                                    PlanMinutes effort, std::vector<Window>* work) {
  auto it = std::partition_point(windows.begin(), windows.end(),
                                 [t](const Window& w) { return w.to <= t; });
  PlanMinutes left = effort;
  for (; it != windows.end(); ++it) {
    PlanMinutes from = std::max(t, it->from);
    PlanMinutes take = std::min(left, it->to - from);
    if (take <= 0) continue;
    if (work != nullptr) work->push_back({from, from + take});
    left -= take;
    if (left == 0) return from + take;
  }
  return std::nullopt;
}

// Dependencies in compressed rows: the ids of row i are edges[offsets[i] .. offsets[i + 1]).
struct Rows {
  std::vector<int> offsets;
  std::vector<int> edges;
};

class Planner {
 public:
  explicit Planner(const PlanInput& input) : in_(input), n_(input.systems.size()) {}

  Plan Run() {
    IndexSystems();
    IndexWorkers();
    Schedule();
    return Finish();
  }

 private:
  enum class State { kRunning, kWaiting, kPlanned, kUnplanned };

  void IndexSystems() {
    index_.reserve(n_);
    for (std::size_t i = 0; i < n_; ++i) index_.emplace(in_.systems[i].id, static_cast<int>(i));
    state_.assign(n_, State::kWaiting);
    finish_.assign(n_, 0);
    for (std::size_t i = 0; i < n_; ++i) {
      if (IsRunning(in_.systems[i].status)) state_[i] = State::kRunning;
    }
    // Edges only between systems to be decided: a running dependency is met at 0, and a name
    // that matches nothing is a reason of the dependent's own.
    std::vector<int> count(n_ + 1, 0);
    pending_.assign(n_, 0);
    deps_.offsets.assign(n_ + 1, 0);
    for (std::size_t i = 0; i < n_; ++i) {
      deps_.offsets[i + 1] = deps_.offsets[i];
      if (state_[i] == State::kRunning) continue;
      for (const std::string& d : in_.systems[i].depends_on) {
        auto it = index_.find(d);
        if (it == index_.end()) {
          unknown_dep_.push_back(static_cast<int>(i));
          continue;
        }
        if (state_[static_cast<std::size_t>(it->second)] == State::kRunning) continue;
        deps_.edges.push_back(it->second);
        ++deps_.offsets[i + 1];
        ++count[static_cast<std::size_t>(it->second) + 1];
        ++pending_[i];
      }
    }
    std::sort(unknown_dep_.begin(), unknown_dep_.end());
    unknown_dep_.erase(std::unique(unknown_dep_.begin(), unknown_dep_.end()), unknown_dep_.end());
    dependents_.offsets.assign(n_ + 1, 0);
    for (std::size_t i = 0; i < n_; ++i)
      dependents_.offsets[i + 1] = dependents_.offsets[i] + count[i + 1];
    dependents_.edges.assign(deps_.edges.size(), 0);
    std::vector<int> fill(dependents_.offsets.begin(), dependents_.offsets.end() - 1);
    for (std::size_t i = 0; i < n_; ++i) {
      for (int e = deps_.offsets[i]; e < deps_.offsets[i + 1]; ++e) {
        auto d = static_cast<std::size_t>(deps_.edges[static_cast<std::size_t>(e)]);
        dependents_.edges[static_cast<std::size_t>(fill[d]++)] = static_cast<int>(i);
      }
    }
  }

  void IndexWorkers() {
    for (std::size_t w = 0; w < in_.workers.size(); ++w) {
      for (const std::string& s : in_.workers[w].skills) {
        std::vector<int>& list = by_skill_[s];
        if (list.empty() || list.back() != static_cast<int>(w)) list.push_back(static_cast<int>(w));
      }
    }
    cursor_.assign(in_.workers.size(), 0);
    qualified_of_.assign(n_, nullptr);
  }

  // The workers who have all of `skills`, in input order; cached per set of skills, since many
  // systems ask for the same few sets.
  const std::vector<int>& Qualified(const std::vector<std::string>& skills) {
    std::vector<std::string> key = skills;
    std::sort(key.begin(), key.end());
    key.erase(std::unique(key.begin(), key.end()), key.end());
    auto [it, fresh] = qualified_.try_emplace(key);
    if (!fresh) return it->second;
    std::vector<int>& out = it->second;
    if (key.empty()) {
      for (std::size_t w = 0; w < in_.workers.size(); ++w) out.push_back(static_cast<int>(w));
      return out;
    }
    for (std::size_t k = 0; k < key.size(); ++k) {
      auto found = by_skill_.find(key[k]);
      if (found == by_skill_.end()) {
        out.clear();
        return out;
      }
      if (k == 0) {
        out = found->second;
        continue;
      }
      std::vector<int> both;
      std::set_intersection(out.begin(), out.end(), found->second.begin(), found->second.end(),
                            std::back_inserter(both));
      out = std::move(both);
    }
    return out;
  }

  void Unplan(std::size_t i, std::string_view reason, std::vector<std::string> because) {
    state_[i] = State::kUnplanned;
    reasons_.emplace(static_cast<int>(i),
                     UnplannedSystem{in_.systems[i].id, std::string(reason), std::move(because)});
  }

  // Reasons that need nothing but the system and the staff.
  bool UnplanOnItsOwn(std::size_t i) {
    const PlanSystem& s = in_.systems[i];
    if (std::binary_search(unknown_dep_.begin(), unknown_dep_.end(), static_cast<int>(i))) {
      std::vector<std::string> names;
      for (const std::string& d : s.depends_on) {
        if (!index_.contains(d) && std::find(names.begin(), names.end(), d) == names.end()) {
          names.push_back(d);
        }
      }
      Unplan(i, kPlanUnknownDependency, std::move(names));
      return true;
    }
    if (!HasEstimate(s)) {
      Unplan(i, kPlanNoEstimate, {});
      return true;
    }
    if (s.external_eta) return false;
    qualified_of_[i] = &Qualified(s.skills);
    if (qualified_of_[i]->empty()) {
      std::vector<std::string> missing;
      std::vector<std::string> all;
      for (const std::string& k : s.skills) {
        if (std::find(all.begin(), all.end(), k) != all.end()) continue;
        all.push_back(k);
        if (!by_skill_.contains(k)) missing.push_back(k);
      }
      Unplan(i, kPlanNoSkill, missing.empty() ? std::move(all) : std::move(missing));
      return true;
    }
    return false;
  }

  void Decide(std::size_t i, int& order) {
    const PlanSystem& s = in_.systems[i];
    PlanMinutes ready = std::max<PlanMinutes>(0, s.earliest_start.value_or(0));
    std::vector<std::string> unplanned_deps;
    std::vector<int> roots;
    for (int e = deps_.offsets[i]; e < deps_.offsets[i + 1]; ++e) {
      auto d = static_cast<std::size_t>(deps_.edges[static_cast<std::size_t>(e)]);
      if (state_[d] == State::kPlanned) {
        ready = std::max(ready, finish_[d]);
        continue;
      }
      const std::string& name = in_.systems[d].id;
      if (std::find(unplanned_deps.begin(), unplanned_deps.end(), name) == unplanned_deps.end()) {
        unplanned_deps.push_back(name);
      }
      auto r = power_roots_.find(static_cast<int>(d));
      if (r != power_roots_.end()) roots.insert(roots.end(), r->second.begin(), r->second.end());
    }
    std::sort(roots.begin(), roots.end());
    roots.erase(std::unique(roots.begin(), roots.end()), roots.end());
    if (!UnplanOnItsOwn(i) && !unplanned_deps.empty()) {
      if (roots.empty()) {
        Unplan(i, kPlanDependencyUnplanned, std::move(unplanned_deps));
      } else {
        std::vector<std::string> names;
        names.reserve(roots.size());
        for (int r : roots) names.push_back(in_.systems[static_cast<std::size_t>(r)].id);
        Unplan(i, kPlanPowerNotRestored, std::move(names));
      }
    }
    if (state_[i] == State::kUnplanned) {
      // Whatever depends on this system inherits the power systems its own dependencies lack.
      if (!roots.empty()) power_roots_.emplace(static_cast<int>(i), std::move(roots));
      NotePowerRoot(i);
      return;
    }
    PlannedSystem p{.id = s.id, .order = 0};
    if (s.external_eta) {
      p.start = p.finish = std::max(ready, *s.external_eta);
    } else {
      PlanMinutes effort = *s.effort;
      int best = -1;
      PlanMinutes best_finish = 0;
      for (int w : *qualified_of_[i]) {
        const std::vector<Window>& windows = in_.workers[static_cast<std::size_t>(w)].windows;
        PlanMinutes t = std::max(ready, cursor_[static_cast<std::size_t>(w)]);
        auto it = std::partition_point(windows.begin(), windows.end(),
                                       [t](const Window& x) { return x.to <= t; });
        if (it == windows.end()) continue;
        // No one works faster than without a break: skip whoever cannot beat the best so far.
        if (best >= 0 && std::max(t, it->from) + effort >= best_finish) continue;
        auto f = FinishIn(windows, t, effort, nullptr);
        if (f && (best < 0 || *f < best_finish)) {
          best = w;
          best_finish = *f;
        }
      }
      if (best < 0) {
        Unplan(i, kPlanNoTime, {});
        NotePowerRoot(i);
        return;
      }
      auto w = static_cast<std::size_t>(best);
      PlanMinutes t = std::max(ready, cursor_[w]);
      FinishIn(in_.workers[w].windows, t, effort, &p.work);
      p.worker = in_.workers[w].person;
      p.start = p.work.front().from;
      p.finish = p.work.back().to;
      cursor_[w] = p.finish;
    }
    p.order = ++order;
    p.rto_met = !s.rto_deadline || p.finish <= *s.rto_deadline;
    state_[i] = State::kPlanned;
    finish_[i] = p.finish;
    planned_.push_back(std::move(p));
  }

  // An unplanned power system without an external return is where "power not restored" starts.
  void NotePowerRoot(std::size_t i) {
    const PlanSystem& s = in_.systems[i];
    if (s.category != SystemCategory::kPower || s.external_eta) return;
    std::vector<int>& roots = power_roots_[static_cast<int>(i)];
    roots.insert(std::lower_bound(roots.begin(), roots.end(), static_cast<int>(i)),
                 static_cast<int>(i));
  }

  void Schedule() {
    std::vector<std::uint64_t> keys(n_);
    using Item = std::pair<std::uint64_t, int>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> ready;
    for (std::size_t i = 0; i < n_; ++i) {
      if (state_[i] == State::kWaiting && pending_[i] == 0) {
        ready.emplace(PriorityKey(in_.systems[i], i), static_cast<int>(i));
      }
    }
    planned_.reserve(n_);
    int order = 0;
    while (!ready.empty()) {
      auto i = static_cast<std::size_t>(ready.top().second);
      ready.pop();
      Decide(i, order);
      for (int e = dependents_.offsets[i]; e < dependents_.offsets[i + 1]; ++e) {
        auto j = static_cast<std::size_t>(dependents_.edges[static_cast<std::size_t>(e)]);
        if (--pending_[j] == 0) ready.emplace(PriorityKey(in_.systems[j], j), static_cast<int>(j));
      }
    }
    // Whatever was never ready is in or behind a cycle.
    for (std::size_t i = 0; i < n_; ++i) {
      if (state_[i] != State::kWaiting) continue;
      if (UnplanOnItsOwn(i)) continue;
      std::vector<std::string> names;
      for (int e = deps_.offsets[i]; e < deps_.offsets[i + 1]; ++e) {
        auto d = static_cast<std::size_t>(deps_.edges[static_cast<std::size_t>(e)]);
        if (pending_[d] > 0 &&
            std::find(names.begin(), names.end(), in_.systems[d].id) == names.end()) {
          names.push_back(in_.systems[d].id);
        }
      }
      Unplan(i, kPlanDependencyCycle, std::move(names));
    }
  }

  Plan Finish() {
    Plan plan;
    plan.planned = std::move(planned_);
    plan.unplanned.reserve(reasons_.size());
    for (auto& [i, u] : reasons_) plan.unplanned.push_back(std::move(u));
    for (std::size_t i = 0; i < n_; ++i) {
      if (state_[i] == State::kRunning) plan.running.push_back(in_.systems[i].id);
    }
    return plan;
  }

  const PlanInput& in_;
  std::size_t n_;
  std::unordered_map<std::string_view, int> index_;
  std::vector<State> state_;
  std::vector<PlanMinutes> finish_;
  std::vector<int> pending_;      // down dependencies not yet decided
  std::vector<int> unknown_dep_;  // sorted: systems with a dependency that names nothing
  Rows deps_, dependents_;
  std::unordered_map<std::string, std::vector<int>> by_skill_;
  std::map<std::vector<std::string>, std::vector<int>> qualified_;
  std::vector<PlanMinutes> cursor_;                        // per worker: busy until
  std::vector<const std::vector<int>*> qualified_of_;      // per system, into qualified_
  std::map<int, UnplannedSystem> reasons_;                 // by input index
  std::unordered_map<int, std::vector<int>> power_roots_;  // unplanned system → sorted roots
  std::vector<PlannedSystem> planned_;
};

}  // namespace

Plan PlanRecovery(const PlanInput& input) { return Planner(input).Run(); }

}  // namespace sokuo::core
