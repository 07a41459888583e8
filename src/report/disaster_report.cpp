#include "report/disaster_report.h"

#include <algorithm>

#include "core/disaster_rules.h"
#include "report/record_tables.h"

namespace sokuo::report {
namespace {

class DisasterWriter : public Words {
 public:
  DisasterWriter(const core::Disaster& d, const Stamp& stamp, const core::Organization& org,
                 const Calendar& calendar, Lang lang)
      : Words(org, calendar, lang), d_(d), stamp_(stamp) {}

  void Declaration(Html& h) const {
    h.Element("h2", T("report.d_declaration"));
    FactTable(
        h, *this,
        {{"report.key", d_.key},
         {"report.title", d_.title},
         {"report.d_kind", T("report.d_kind_v", {{"v", EnumName(core::kDisasterKinds, d_.kind)}})},
         {"report.state_now",
          T("report.d_state_v", {{"v", EnumName(core::kDisasterStates, d_.state)}})},
         {"report.d_declared", JoinWords({Time(d_.declared_at), Person(d_.declared_by)}, " ")},
         {"report.d_sites", JoinWords(d_.sites)},
         {"report.d_areas", JoinWords(d_.areas)},
         {"report.departments", DepartmentList(d_.departments)},
         {"report.summary_text", d_.summary},
         {"report.d_closed", JoinWords({Time(d_.closed_at), d_.close_reason}, " — ")}});
  }

  // G5.2.4: what was damaged, the latest finding of each thing surveyed.
  void Damage(Html& h) const {
    std::vector<const core::SurveyEntry*> survey = core::LatestSurvey(d_);
    if (!Section(h, *this, "report.d_damage", survey.empty())) return;
    h.Raw("<table>");
    Row(h,
        {T("report.department"), T("report.d_site"), T("report.item"), T("report.d_target"),
         T("report.status"), T("report.note"), T("report.d_surveyed")},
        true);
    for (const core::SurveyEntry* e : survey) {
      Row(h, {Department(e->department), e->site,
              T("report.d_item_v", {{"v", EnumName(core::kSurveyItems, e->item)}}), Target(*e),
              T("report.d_survey_v", {{"v", EnumName(core::kSurveyStatuses, e->status)}}), e->note,
              JoinWords({Person(e->surveyed_by), Time(e->at)}, " ")});
    }
    h.Raw("</table>\n");
  }

  // A surveyed system or storage medium by its name.
  std::string Target(const core::SurveyEntry& e) const {
    for (const core::StorageMedium& m : org().media) {
      if (m.id == e.target) return m.name;
    }
    return System(e.target);
  }

  // G5.2.6b: each system that was hit, its way back in the order things happened, and when it
  // was back against its RTO counted from the declaration.
  void Recovery(Html& h) const {
    std::vector<std::string> hit;
    for (const core::SystemOutlook& o : core::Outlook(d_, org())) hit.push_back(o.system);
    for (const core::SystemProgress& p : d_.progress) hit.push_back(p.system);
    std::vector<const core::InfoSystem*> systems;
    for (const core::InfoSystem& s : org().systems) {
      if (std::find(hit.begin(), hit.end(), s.id) != hit.end()) systems.push_back(&s);
    }
    std::stable_sort(systems.begin(), systems.end(),
                     [](const auto* a, const auto* b) { return a->tier < b->tier; });
    if (!Section(h, *this, "report.d_recovery", systems.empty())) return;
    h.Raw("<table>");
    Row(h,
        {T("report.system"), T("report.d_rto"), T("report.d_course"), T("report.d_back"),
         T("report.d_against_rto")},
        true);
    for (const core::InfoSystem* s : systems) {
      std::vector<std::string> times;
      std::vector<const core::SystemProgress*> steps;
      for (const core::SystemProgress& p : d_.progress) {
        if (p.system != s->id) continue;
        steps.push_back(&p);
        times.push_back(p.at);
      }
      std::vector<std::string> course;
      std::string back;
      for (size_t k : core::EventOrder(times)) {
        const core::SystemProgress& p = *steps[k];
        course.push_back(JoinWords(
            {Time(p.at),
             T("report.recovery_status", {{"v", EnumName(core::kRecoveryStatuses, p.status)}}),
             p.note},
            " "));
        if (p.status == core::RecoveryStatus::kRestored && back.empty()) back = p.at;
      }
      std::string rto =
          s->rto_hours ? T("binder.hours", {{"n", std::to_string(*s->rto_hours)}}) : "";
      Row(h, {System(s->id) + " (" + T("report.d_tier", {{"v", EnumName(core::kTiers, s->tier)}}) +
                  ")",
              rto, JoinWords(course, "\n"), Time(back), AgainstRto(*s, back)});
    }
    h.Raw("</table>\n");
  }

  // Met, late by so many hours, or not back yet with the deadline (passed or not).
  std::string AgainstRto(const core::InfoSystem& s, const std::string& back) const {
    auto declared = ParseRfc3339(d_.declared_at);
    if (!s.rto_hours || !declared) return "";
    Timestamp due = *declared + std::chrono::hours(*s.rto_hours);
    if (back.empty()) {
      auto now = ParseRfc3339(stamp_.generated_at);
      bool passed = now && *now > due;
      return T(passed ? "report.d_overdue" : "report.d_due", {{"at", Time(FormatRfc3339(due))}});
    }
    auto at = ParseRfc3339(back);
    if (!at) return "";
    if (*at <= due) return T("report.d_met");
    auto late = std::chrono::duration_cast<std::chrono::hours>(*at - due).count();
    return T("report.d_late", {{"n", std::to_string(std::max<int64_t>(late, 1))}});
  }

  // G5.2.6a: rules the committee set aside, for how long and why.
  void Exemptions(Html& h) const {
    if (!Section(h, *this, "report.d_exemptions", d_.exemptions.empty())) return;
    h.Raw("<table>");
    Row(h,
        {T("report.d_rule"), T("report.scope"), T("report.d_until"), T("report.decided_by"),
         T("report.d_reason")},
        true);
    for (const core::Exemption& x : d_.exemptions) {
      Row(h, {x.rule, x.scope, Time(x.expires_at),
              JoinWords({Person(x.decided_by), Time(x.at)}, " "), x.reason});
    }
    h.Raw("</table>\n");
  }

  // G5.2.6c: help asked of vendors, under contract or not.
  void Vendors(Html& h) const {
    if (!Section(h, *this, "report.d_vendors", d_.vendor_requests.empty())) return;
    h.Raw("<table>");
    Row(h,
        {T("report.d_vendor"), T("report.system"), T("report.d_asked"), T("report.d_contract"),
         T("report.d_answer"), T("report.status")},
        true);
    for (const core::VendorRequest& v : d_.vendor_requests) {
      Row(h, {Contact(v.vendor), System(v.system), JoinWords({Time(v.asked_at), Person(v.by)}, " "),
              T(v.under_contract ? "report.d_under_contract" : "report.d_no_contract"),
              JoinWords({v.answer, v.eta.empty() ? "" : T("report.d_eta", {{"at", Time(v.eta)}})},
                        "\n"),
              T("report.d_vendor_v", {{"v", EnumName(core::kVendorRequestStates, v.state)}})});
    }
    h.Raw("</table>\n");
  }

  void Decisions(Html& h) const {
    if (Section(h, *this, "report.d_decisions", d_.decisions.empty())) {
      DecisionTable(h, *this, d_.decisions);
    }
  }
  void Contacts(Html& h) const {
    if (Section(h, *this, "report.d_contacts", d_.contacts.empty())) {
      ContactTable(h, *this, d_.contacts, d_.decisions);
    }
  }

 private:
  const core::Disaster& d_;
  const Stamp& stamp_;
};

}  // namespace

std::string DisasterReportHtml(const core::Disaster& disaster, const Stamp& stamp,
                               const core::Organization& org, const Calendar& calendar, Lang lang) {
  DisasterWriter r(disaster, stamp, org, calendar, lang);
  Html h;
  Begin(h, r,
        r.T("report.disaster_title",
            {{"company", r.Company()}, {"key", disaster.key}, {"title", disaster.title}}),
        stamp);
  h.Raw("</header>\n");
  r.Declaration(h);
  r.Damage(h);
  r.Recovery(h);
  r.Exemptions(h);
  r.Vendors(h);
  r.Decisions(h);
  r.Contacts(h);
  End(h);
  return h.str();
}

}  // namespace sokuo::report
