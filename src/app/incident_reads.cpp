// What readers see of incidents: one incident (need-to-know), lists, the timeline in the order
// things happened, the reporting clocks, the recovery plan and the messages sent; the changes are
// in incident_service.cpp.
#include "app/incident_service.h"

#include <algorithm>

#include "app/notices.h"
#include "core/access.h"
#include "core/incident_plan.h"
#include "core/incident_rules.h"
#include "report/incident_report.h"

namespace sokuo::app {

using nlohmann::json;

Result<IncidentView> IncidentService::Get(const std::string& key, const Actor& actor) {
  ASSIGN_OR_RETURN(std::optional<core::Incident> incident, store::LoadIncident(ctx_.store(), key));
  ASSIGN_OR_RETURN(auto snapshot, ctx_.Organization());
  const core::Organization& org = *snapshot;
  if (!incident || !core::CanSee(actor.principal, *incident, org)) {
    return Fail(ErrorCode::kNotFound, Msg("incident.not_found", {{"key", key}}));
  }
  return View(std::move(*incident), org);
}

Result<Page<IncidentView>> IncidentService::List(const IncidentFilter& f, PageRequest page,
                                                 const Actor& actor) {
  ASSIGN_OR_RETURN(auto all, Headers());
  ASSIGN_OR_RETURN(auto snapshot, ctx_.Organization());
  const core::Organization& org = *snapshot;
  std::vector<const core::Incident*> found;
  for (const core::Incident& i : *all) {
    if (!core::CanSee(actor.principal, i, org)) continue;
    if (f.state && i.state != *f.state) continue;
    if (f.open_only && !i.IsOpen()) continue;
    auto has = [](const std::vector<std::string>& v, const std::string& x) {
      return std::find(v.begin(), v.end(), x) != v.end();
    };
    if (!f.system.empty() && !has(i.systems, f.system)) continue;
    if (!f.department.empty() && !has(i.departments, f.department) &&
        i.reporter_department != f.department) {
      continue;
    }
    found.push_back(&i);
  }
  auto view = [&](const core::Incident* i) { return View(*i, org, false); };
  if (!f.priority) {  // the priority is computed for the page's incidents only
    return MapPage(Paginate(std::move(found), page, [](const core::Incident*) { return true; }),
                   view);
  }
  std::vector<IncidentView> views;
  views.reserve(found.size());
  for (const core::Incident* i : found) views.push_back(view(i));
  return Paginate(std::move(views), page,
                  [&](const IncidentView& v) { return v.priority.priority == *f.priority; });
}

Result<std::shared_ptr<const std::vector<core::Incident>>> IncidentService::Headers() {
  ASSIGN_OR_RETURN(store::JournalHead head, ctx_.store().Head());
  {
    std::lock_guard lock(headers_mu_);
    if (headers_ && headers_head_ == head.hash) return headers_;
  }
  ASSIGN_OR_RETURN(std::vector<core::Incident> all, store::LoadIncidentHeaders(ctx_.store()));
  auto shared = std::make_shared<const std::vector<core::Incident>>(std::move(all));
  std::lock_guard lock(headers_mu_);
  headers_head_ = head.hash;
  headers_ = shared;
  return shared;
}

Result<std::vector<TimelineEntry>> IncidentService::Timeline(const std::string& key,
                                                             const Actor& actor) {
  TRY(Get(key, actor));
  std::vector<store::JournalEntry> all;
  int64_t after = 0;
  while (true) {
    ASSIGN_OR_RETURN(auto page,
                     ctx_.store().ReadJournal(
                         {.after_seq = after, .limit = PageRequest::kMaxLimit, .subject = key}));
    if (page.empty()) break;
    after = page.back().seq;
    for (auto& e : page) all.push_back(std::move(e));
  }
  std::vector<std::string> times;
  times.reserve(all.size());
  for (const auto& e : all) {
    json body = json::parse(e.body, nullptr, false);
    bool given = body.is_object() && body.contains("at") && body["at"].is_string();
    times.push_back(given ? body["at"].get<std::string>() : e.at);
  }
  std::vector<TimelineEntry> out;
  out.reserve(all.size());
  for (size_t k : core::EventOrder(times)) out.push_back({times[k], std::move(all[k])});
  return out;
}

Result<std::vector<Deadline>> IncidentService::Deadlines(const Actor& actor) {
  ASSIGN_OR_RETURN(auto all, Headers());
  ASSIGN_OR_RETURN(auto snapshot, ctx_.Organization());
  const core::Organization& org = *snapshot;
  std::vector<Deadline> out;
  if (org.obligations.empty()) return out;
  for (const core::Incident& header : *all) {
    if (!header.IsOpen() || !core::CanSee(actor.principal, header, org)) continue;
    ASSIGN_OR_RETURN(std::optional<core::Incident> i,
                     store::LoadIncident(ctx_.store(), header.key));
    if (!i) continue;
    for (auto& c : core::ClocksOf(*i, org, ctx_.clock().Now())) {
      if (c.filing) continue;
      out.push_back({i->key, i->title, std::move(c)});
    }
  }
  // The nearest first; a clock still waiting for another filing last.
  std::stable_sort(out.begin(), out.end(), [](const Deadline& a, const Deadline& b) {
    return std::pair(a.clock.due.empty(), a.clock.due) <
           std::pair(b.clock.due.empty(), b.clock.due);
  });
  return out;
}

Result<RecoveryPlanView> IncidentService::Plan(const std::string& key, const Actor& actor) {
  ASSIGN_OR_RETURN(IncidentView view, Get(key, actor));
  ASSIGN_OR_RETURN(auto org, ctx_.Organization());
  ASSIGN_OR_RETURN(Calendar calendar, core::CompanyCalendar(*org));
  // Whole minutes, as the planner counts.
  Timestamp now = std::chrono::floor<std::chrono::minutes>(ctx_.clock().Now());
  core::PlanInput input = core::IncidentPlanInput(view.incident, *org, now, calendar);
  return MakePlanView(key, core::PlanRecovery(input), input, *org, now, view.incident.systems);
}

Result<std::string> IncidentService::ReportHtml(const std::string& key, const Actor& actor,
                                                Lang lang) {
  ASSIGN_OR_RETURN(report::Stamp stamp, ctx_.Stamp());
  ASSIGN_OR_RETURN(IncidentView view, Get(key, actor));
  ASSIGN_OR_RETURN(auto org, ctx_.Organization());
  ASSIGN_OR_RETURN(Calendar calendar, core::CompanyCalendar(*org));
  return report::IncidentReportHtml({.incident = view.incident,
                                     .priority = view.priority,
                                     .obligations = view.obligations,
                                     .stamp = stamp},
                                    *org, calendar, lang);
}

Result<std::vector<report::FormField>> IncidentService::AgencyForm(const std::string& key,
                                                                   report::Agency agency,
                                                                   const Actor& actor, Lang lang) {
  ASSIGN_OR_RETURN(IncidentView view, Get(key, actor));
  ASSIGN_OR_RETURN(auto org, ctx_.Organization());
  ASSIGN_OR_RETURN(Calendar calendar, core::CompanyCalendar(*org));
  return report::AgencyForm(agency, view.incident, report::Words(*org, calendar, lang));
}

Result<std::vector<NoticeView>> IncidentService::Notifications(const std::string& key,
                                                               const Actor& actor) {
  TRY(Get(key, actor));
  return NoticesAbout(ctx_.store(), key);
}

}  // namespace sokuo::app
