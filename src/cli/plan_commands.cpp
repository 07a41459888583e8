// `sokuo incident plan KEY` and `sokuo disaster plan KEY`: the recovery plan (G5.2.1, G5.2.6)
// from the terminal.
#include <CLI/CLI.hpp>

#include "api/plan_codec.h"
#include "cli/commands.h"
#include "cli/incident_print.h"

namespace sokuo::cli {
namespace {

template <class T>
std::string NameOf(const T* x, const std::string& id, Lang lang) {
  if (x == nullptr) return id;
  return id + " " + (lang == Lang::kEn && !x->name_en.empty() ? x->name_en : x->name);
}

void PrintPlan(const app::RecoveryPlanView& v, const core::Organization& org,
               const Calendar& calendar, Output& o) {
  auto say = [&](const Message& m) { o.out << Render(m, o.lang) << "\n"; };
  say(Msg("plan.heading", {{"subject", v.subject}, {"as_of", calendar.FormatLocal(v.as_of)}}));
  if (v.steps.empty() && v.unplanned.empty()) say(Msg("plan.nothing"));
  for (const app::PlanStepView& s : v.steps) {
    const core::PlannedSystem& p = s.planned;
    std::string worker = p.worker.empty() ? Render(Msg("plan.no_worker"), o.lang)
                                          : NameOf(org.FindPerson(p.worker), p.worker, o.lang);
    say(Msg("plan.step", {{"order", std::to_string(p.order)},
                          {"system", NameOf(org.FindSystem(p.id), p.id, o.lang)},
                          {"start", calendar.FormatLocal(s.start_at)},
                          {"finish", calendar.FormatLocal(s.finish_at)},
                          {"worker", worker}}));
    if (!p.rto_met) say(Msg("plan.rto_missed", {{"rto", calendar.FormatLocal(s.rto_at)}}));
    if (s.ask_is) say(Msg("plan.ask_is"));
  }
  if (!v.unplanned.empty()) say(Msg("plan.unplanned_heading"));
  for (const core::UnplannedSystem& u : v.unplanned) {
    say(Msg("plan.unplanned", {{"system", NameOf(org.FindSystem(u.id), u.id, o.lang)},
                               {"why", Render(api::WhyUnplanned(u), o.lang)}}));
  }
  if (!v.running.empty()) {
    say(Msg("plan.running", {{"systems", Join(v.running)}}));
  }
}

// The operator's tool reads every incident (docs/security.md, "The command line").
Result<void> ShowPlan(app::App& app, const std::string& key, bool disaster, Output& o) {
  app::Actor op{"cli"};
  ASSIGN_OR_RETURN(app::RecoveryPlanView plan,
                   disaster ? app.disasters().Plan(key, op) : app.incidents().Plan(key, op));
  if (o.json) {
    PrintJson(o, api::ToJson(plan, o.lang));
    return {};
  }
  ASSIGN_OR_RETURN(auto org, app.organization().Current());
  ASSIGN_OR_RETURN(Calendar calendar, OrgCalendar(app));
  PrintPlan(plan, *org, calendar, o);
  return {};
}

Command PlanCommand(const char* path, const char* summary, const char* key_help, bool disaster) {
  return {path, summary, [key_help, disaster](CLI::App& c, Runtime& env, Action& run) {
            auto key = std::make_shared<std::string>();
            c.add_option("KEY", *key, key_help)->required();
            run = [&env, key, disaster]() -> Result<void> {
              ASSIGN_OR_RETURN(app::App * app, env.App());
              return ShowPlan(*app, *key, disaster, env.out());
            };
          }};
}

}  // namespace

std::vector<Command> PlanCommands() {
  return {
      PlanCommand("incident plan",
                  "The order and 復旧目処 of the affected systems, with the IS department's staff "
                  "(G5.2.1)",
                  "Incident key, e.g. INC-2026-0001", false),
      PlanCommand("disaster plan",
                  "The recovery plan as of now: order, start and 復旧目処 of every system not "
                  "back, who restores it, what cannot be planned and why (G5.2.1, G5.2.6)",
                  "Disaster key, e.g. DIS-2026-0001", true),
  };
}

}  // namespace sokuo::cli
