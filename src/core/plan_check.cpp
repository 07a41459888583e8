#include "core/plan_check.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace sokuo::core {
namespace {

using Strings = std::vector<std::string>;

std::string Str(PlanMinutes m) { return std::to_string(m); }

bool InList(const Strings& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

void AddOnce(Strings& list, const std::string& s) {
  if (!InList(list, s)) list.push_back(s);
}

std::string Joined(const Strings& list) {
  std::string out;
  for (const std::string& s : list) out += (out.empty() ? "" : ", ") + s;
  return "[" + out + "]";
}

class PlanChecker {
 public:
  PlanChecker(const PlanInput& input, const Plan& plan) : in_(input), plan_(plan) {}

  std::vector<PlanProblem> Run() {
    for (std::size_t i = 0; i < in_.systems.size(); ++i) system_.emplace(in_.systems[i].id, i);
    for (const PlanWorker& w : in_.workers) worker_.emplace(w.person, &w);
    Membership();
    for (std::size_t k = 0; k < plan_.planned.size(); ++k) {
      const PlannedSystem& p = plan_.planned[k];
      if (k > 0 && p.order <= plan_.planned[k - 1].order) {
        Report(p.id, "order", "the planned systems are not listed by order");
      }
      if (const PlanSystem* s = Find(p.id)) CheckPlanned(*s, p);
    }
    DoubleBooking();
    TierOrder();
    for (const UnplannedSystem& u : plan_.unplanned) {
      if (const PlanSystem* s = Find(u.id)) CheckReason(*s, u);
    }
    return std::move(problems_);
  }

 private:
  void Report(const std::string& system, const char* rule, std::string detail) {
    problems_.push_back({system, rule, std::move(detail)});
  }

  const PlanSystem* Find(const std::string& id) const {
    auto it = system_.find(id);
    return it == system_.end() ? nullptr : &in_.systems[it->second];
  }

  static bool Running(const PlanSystem& s) {
    return s.status == SurveyStatus::kOk || s.status == SurveyStatus::kDegraded;
  }

  // Each down or unknown system once, in planned or unplanned; each running one only in running.
  void Membership() {
    std::map<std::string, int> seen;
    auto note = [&](const std::string& id, bool in_running) {
      const PlanSystem* s = Find(id);
      if (s == nullptr) {
        Report(id, "unknown_system", "the plan names a system the input does not have");
        return;
      }
      if (Running(*s) != in_running) {
        Report(id, "running",
               in_running ? "listed as running but the survey says it is not"
                          : "the survey says it is running but the plan restores it");
      }
      if (++seen[id] == 2) Report(id, "duplicate", "appears more than once in the plan");
    };
    for (const PlannedSystem& p : plan_.planned) {
      note(p.id, false);
      planned_.emplace(p.id, &p);
    }
    for (const UnplannedSystem& u : plan_.unplanned) {
      note(u.id, false);
      unplanned_.emplace(u.id, &u);
    }
    for (const std::string& id : plan_.running) note(id, true);
    for (const PlanSystem& s : in_.systems) {
      if (!seen.contains(s.id)) {
        Report(s.id, "missing",
               Running(s) ? "running but not listed as running"
                          : "down or unknown but neither planned nor unplanned");
      }
    }
  }

  // When its dependencies allow `s` to start; nullopt when one of them is not available.
  std::optional<PlanMinutes> ReadyTime(const PlanSystem& s) const {
    PlanMinutes ready = std::max<PlanMinutes>(0, s.earliest_start.value_or(0));
    for (const std::string& d : s.depends_on) {
      const PlanSystem* ds = Find(d);
      if (ds == nullptr) return std::nullopt;
      if (Running(*ds)) continue;
      auto it = planned_.find(d);
      if (it == planned_.end()) return std::nullopt;
      ready = std::max(ready, it->second->finish);
    }
    return ready;
  }

  void CheckPlanned(const PlanSystem& s, const PlannedSystem& p) {
    if (p.order < 1 || p.order > static_cast<int>(plan_.planned.size()) ||
        !orders_.insert(p.order).second) {
      Report(p.id, "order",
             "order " + std::to_string(p.order) + " is not a unique 1.." +
                 std::to_string(plan_.planned.size()));
    }
    for (const std::string& d : s.depends_on) {
      const PlanSystem* ds = Find(d);
      if (ds != nullptr && Running(*ds)) continue;
      auto it = planned_.find(d);
      if (it == planned_.end()) {
        Report(p.id, "dependency_order", "planned although its dependency " + d + " is not");
        continue;
      }
      const PlannedSystem& dp = *it->second;
      if (dp.finish > p.start) {
        Report(p.id, "dependency_order",
               "starts at " + Str(p.start) + " before " + d + " is back at " + Str(dp.finish));
      }
      if (dp.order >= p.order) {
        Report(p.id, "dependency_order", "placed before its dependency " + d);
      }
    }
    if (p.rto_met != (!s.rto_deadline || p.finish <= *s.rto_deadline)) {
      Report(p.id, "rto", "rto_met is wrong for finish " + Str(p.finish));
    }
    if (p.start < 0 || (s.earliest_start && p.start < *s.earliest_start)) {
      Report(p.id, "earliest_start", "starts at " + Str(p.start) + " before it can");
    }
    if (s.external_eta) {
      if (!p.worker.empty() || !p.work.empty()) {
        Report(p.id, "external", "comes back by itself but has a worker or work");
      }
      auto ready = ReadyTime(s);
      if (p.start != p.finish || (ready && p.finish != std::max(*ready, *s.external_eta))) {
        Report(p.id, "external", "should come back at max(eta, dependencies, earliest start)");
      }
      return;
    }
    if (!s.effort || *s.effort <= 0) {
      Report(p.id, "effort", "planned without an estimate");
      return;
    }
    auto w = worker_.find(p.worker);
    if (w == worker_.end()) {
      Report(p.id, "worker", "no such worker: '" + p.worker + "'");
      return;
    }
    const PlanWorker& worker = *w->second;
    for (const std::string& k : s.skills) {
      if (!InList(worker.skills, k)) Report(p.id, "skill", p.worker + " lacks " + k);
    }
    if (p.work.empty()) {
      Report(p.id, "effort", "no work intervals");
      return;
    }
    PlanMinutes sum = 0;
    for (std::size_t k = 0; k < p.work.size(); ++k) {
      const Window& x = p.work[k];
      if (x.from >= x.to || (k > 0 && x.from < p.work[k - 1].to)) {
        Report(p.id, "bounds", "work intervals empty, unsorted or overlapping");
      }
      sum += x.to - x.from;
      bool inside =
          std::any_of(worker.windows.begin(), worker.windows.end(),
                      [&](const Window& win) { return win.from <= x.from && x.to <= win.to; });
      if (!inside) {
        Report(p.id, "outside_window",
               "[" + Str(x.from) + ", " + Str(x.to) + ") is outside " + p.worker + "'s hours");
      }
      booked_[p.worker].push_back({x.from, x.to, p.id});
    }
    if (sum != *s.effort) {
      Report(p.id, "effort", "works " + Str(sum) + " minutes for an effort of " + Str(*s.effort));
    }
    if (p.start != p.work.front().from || p.finish != p.work.back().to) {
      Report(p.id, "bounds", "start and finish are not the first and last work bounds");
    }
  }

  void DoubleBooking() {
    for (auto& [person, list] : booked_) {
      std::sort(list.begin(), list.end());
      for (std::size_t k = 1; k < list.size(); ++k) {
        const auto& [from0, to0, id0] = list[k - 1];
        const auto& [from1, to1, id1] = list[k];
        if (from1 < to0) {
          Report(id1, "double_booked", person + " is also on " + id0 + " at " + Str(from1));
        }
      }
    }
  }

  // Higher priority compares smaller: tier, boost, power before network before others, input.
  std::tuple<int, int, int, std::size_t> Priority(const PlanSystem& s) const {
    int category = s.category == SystemCategory::kPower     ? 0
                   : s.category == SystemCategory::kNetwork ? 1
                                                            : 2;
    return {static_cast<int>(s.tier), s.customer_service || s.product_development ? 0 : 1, category,
            system_.at(s.id)};
  }

  // i placed before j while j ranks higher is allowed only when j was not ready yet: one of its
  // direct dependencies was placed at i's turn or later.
  void TierOrder() {
    struct Placed {
      const PlannedSystem* p;
      std::tuple<int, int, int, std::size_t> priority;
      int last_dependency;  // the highest order among its planned dependencies, 0 if none
    };
    std::vector<Placed> placed;
    for (const PlannedSystem& p : plan_.planned) {
      const PlanSystem* s = Find(p.id);
      if (s == nullptr) continue;
      int last = 0;
      for (const std::string& d : s->depends_on) {
        auto it = planned_.find(d);
        if (it != planned_.end()) last = std::max(last, it->second->order);
      }
      placed.push_back({&p, Priority(*s), last});
    }
    for (const Placed& j : placed) {
      for (const Placed& i : placed) {
        if (i.p->order < j.p->order && j.priority < i.priority && j.last_dependency < i.p->order) {
          Report(j.p->id, "tier_order",
                 "placed after " + i.p->id + ", which ranks lower, while ready");
          break;
        }
      }
    }
  }

  // Down and unknown systems that lead, through their down dependencies, to a cycle.
  bool BehindCycle(std::size_t i) {
    if (cycle_color_.empty()) cycle_color_.assign(in_.systems.size(), 0);
    int& color = cycle_color_[i];
    if (color == 1) return true;  // on the current path: a cycle
    if (color >= 2) return color == 3;
    color = 1;
    bool found = false;
    for (const std::string& d : in_.systems[i].depends_on) {
      auto it = system_.find(d);
      if (it == system_.end() || Running(in_.systems[it->second])) continue;
      if (BehindCycle(it->second)) found = true;
    }
    cycle_color_[i] = found ? 3 : 2;
    return found;
  }

  // The unplanned power systems without an external return that `s` leads to through unplanned
  // dependencies, in input order.
  Strings PowerRoots(const PlanSystem& s) const {
    std::set<std::size_t> roots;
    std::set<std::size_t> seen;
    std::vector<const PlanSystem*> todo = {&s};
    while (!todo.empty()) {
      const PlanSystem* x = todo.back();
      todo.pop_back();
      for (const std::string& d : x->depends_on) {
        auto it = system_.find(d);
        if (it == system_.end() || !unplanned_.contains(d) || !seen.insert(it->second).second) {
          continue;
        }
        const PlanSystem& ds = in_.systems[it->second];
        if (ds.category == SystemCategory::kPower && !ds.external_eta) roots.insert(it->second);
        todo.push_back(&ds);
      }
    }
    Strings out;
    for (std::size_t r : roots) out.push_back(in_.systems[r].id);
    return out;
  }

  // Free minutes in `w`'s windows from `t` on.
  static PlanMinutes Capacity(const PlanWorker& w, PlanMinutes t) {
    PlanMinutes free = 0;
    for (const Window& x : w.windows) free += std::max<PlanMinutes>(0, x.to - std::max(t, x.from));
    return free;
  }

  void CheckReason(const PlanSystem& s, const UnplannedSystem& u) {
    auto expect = [&](bool holds, const Strings& because, const char* why) {
      if (!holds) Report(u.id, "reason", u.reason + " does not hold: " + why);
      if (holds && u.because != because) {
        Report(u.id, "reason", "because " + Joined(u.because) + ", expected " + Joined(because));
      }
    };
    bool estimate = s.external_eta || (s.effort && *s.effort > 0);
    if (u.reason == kPlanUnknownDependency) {
      Strings names;
      for (const std::string& d : s.depends_on) {
        if (!system_.contains(d)) AddOnce(names, d);
      }
      expect(!names.empty(), names, "every dependency exists");
    } else if (u.reason == kPlanNoEstimate) {
      expect(!estimate, {}, "it has an estimate");
    } else if (u.reason == kPlanNoSkill) {
      Strings all, missing;
      for (const std::string& k : s.skills) {
        AddOnce(all, k);
        bool anyone = std::any_of(in_.workers.begin(), in_.workers.end(),
                                  [&](const PlanWorker& w) { return InList(w.skills, k); });
        if (!anyone) AddOnce(missing, k);
      }
      bool someone = std::any_of(in_.workers.begin(), in_.workers.end(), [&](const PlanWorker& w) {
        return std::all_of(all.begin(), all.end(),
                           [&](const std::string& k) { return InList(w.skills, k); });
      });
      expect(!s.external_eta && estimate && !someone, missing.empty() ? all : missing,
             "a worker has every skill, or no worker is needed");
    } else if (u.reason == kPlanDependencyCycle) {
      Strings deps;
      for (const std::string& d : s.depends_on) {
        auto it = system_.find(d);
        if (it != system_.end() && !Running(in_.systems[it->second]) && BehindCycle(it->second)) {
          AddOnce(deps, d);
        }
      }
      expect(BehindCycle(system_.at(s.id)), deps, "no cycle behind it");
    } else if (u.reason == kPlanPowerNotRestored) {
      Strings roots = PowerRoots(s);
      expect(!roots.empty(), roots, "no unplanned power system behind it");
    } else if (u.reason == kPlanDependencyUnplanned) {
      Strings deps;
      for (const std::string& d : s.depends_on) {
        if (unplanned_.contains(d)) AddOnce(deps, d);
      }
      expect(!deps.empty() && PowerRoots(s).empty(), deps,
             "no dependency is unplanned, or power is the reason");
    } else if (u.reason == kPlanNoTime) {
      // The planner fills no gaps: after the last work it gave a worker, that worker's windows
      // held less than the effort when it decided, and hold no more now.
      auto ready = ReadyTime(s);
      bool holds = estimate && !s.external_eta && ready.has_value();
      bool someone = false;
      for (const PlanWorker& w : in_.workers) {
        bool qualified = std::all_of(s.skills.begin(), s.skills.end(),
                                     [&](const std::string& k) { return InList(w.skills, k); });
        if (!qualified) continue;
        someone = true;
        PlanMinutes last = 0;
        auto b = booked_.find(w.person);
        if (b != booked_.end()) {
          for (const auto& x : b->second) last = std::max(last, std::get<1>(x));
        }
        if (holds && Capacity(w, std::max(*ready, last)) >= *s.effort) holds = false;
      }
      expect(holds && someone, {}, "a qualified worker still has the time");
    } else {
      Report(u.id, "reason", "unknown reason '" + u.reason + "'");
    }
  }

  const PlanInput& in_;
  const Plan& plan_;
  std::map<std::string, std::size_t> system_;
  std::map<std::string, const PlanWorker*> worker_;
  std::map<std::string, const PlannedSystem*> planned_;
  std::map<std::string, const UnplannedSystem*> unplanned_;
  std::set<int> orders_;
  std::map<std::string, std::vector<std::tuple<PlanMinutes, PlanMinutes, std::string>>> booked_;
  std::vector<int> cycle_color_;  // 0 unseen, 1 on the path, 2 no cycle behind, 3 cycle behind
  std::vector<PlanProblem> problems_;
};

}  // namespace

std::vector<PlanProblem> CheckPlan(const PlanInput& input, const Plan& plan) {
  return PlanChecker(input, plan).Run();
}

}  // namespace sokuo::core
