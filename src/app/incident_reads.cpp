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
  ASSIGN_OR_RETURN(auto snapshot, ctx_.Organization());
  const core::Organization& org = *snapshot;
  store::IncidentQuery q{.scope = core::ScopeOf(actor.principal, org),
                         .state = f.state,
                         .open_only = f.open_only,
                         .system = f.system,
                         .department = f.department,
                         .category = f.category,
                         .reported_since = f.from,
                         .reported_before = f.to,
                         .text = f.text};
  if (!page.cursor.empty()) {
    q.after = core::ParseIncidentKey(page.cursor);
    if (!q.after) {
      return Fail(ErrorCode::kInvalidInput, Msg("query.bad_cursor", {{"cursor", page.cursor}}),
                  "?cursor");
    }
  }
  Page<IncidentView> out;
  out.offset = page.offset;
  out.limit = std::min(page.limit, PageRequest::kMaxLimit);
  bool more = false;
  if (!f.priority) {
    q.offset = page.offset;
    q.limit = out.limit + 1;  // one more tells whether a next page exists
    ASSIGN_OR_RETURN(store::IncidentHeaders found, store::ListIncidents(ctx_.store(), q));
    out.total = found.total;
    more = found.items.size() > out.limit;
    if (more) found.items.pop_back();
    for (core::Incident& i : found.items) out.items.push_back(View(std::move(i), org, false));
  } else {
    // The priority is computed from the organization, so no index holds it: every incident the
    // other filters find is read, a page at a time, and counted.
    std::optional<std::pair<int, int>> after = q.after;
    q.after.reset();
    size_t skipped = 0;
    auto count = [&](core::Incident& i) -> Result<void> {
      IncidentView v = View(std::move(i), org, false);
      if (v.priority.priority != *f.priority) return {};
      ++out.total;
      if (after && std::pair(v.incident.year, v.incident.number) >= *after) return {};
      if (skipped < page.offset) {
        ++skipped;
      } else if (out.items.size() < out.limit) {
        out.items.push_back(std::move(v));
      } else {
        more = true;
      }
      return {};
    };
    TRY(store::EachIncident(ctx_.store(), q, count));
  }
  if (more && !out.items.empty()) out.next_cursor = out.items.back().incident.key;
  return out;
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
  ASSIGN_OR_RETURN(auto snapshot, ctx_.Organization());
  const core::Organization& org = *snapshot;
  std::vector<Deadline> out;
  if (org.obligations.empty()) return out;
  store::IncidentQuery open{.scope = core::ScopeOf(actor.principal, org), .open_only = true};
  auto clocks = [&](core::Incident& header) -> Result<void> {
    ASSIGN_OR_RETURN(std::optional<core::Incident> i,
                     store::LoadIncident(ctx_.store(), header.key));
    if (!i) return {};
    for (auto& c : core::ClocksOf(*i, org, ctx_.clock().Now())) {
      if (c.filing) continue;
      out.push_back({i->key, i->title, std::move(c)});
    }
    return {};
  };
  TRY(store::EachIncident(ctx_.store(), open, clocks));
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
