#include "api/readiness_codec.h"

#include <algorithm>

namespace sokuo::api {

using Json = nlohmann::json;

std::vector<std::string> ReadinessClauses() {
  std::vector<std::string> clauses;
  for (const core::ReadinessGapKind& k : core::kReadinessGapKinds) {
    if (std::find(clauses.begin(), clauses.end(), k.clause) == clauses.end()) {
      clauses.emplace_back(k.clause);
    }
  }
  return clauses;
}

Json ToJson(const app::ReadinessReport& report, Lang lang) {
  Json counts = Json::object();
  for (const std::string& clause : ReadinessClauses()) counts[clause] = 0;
  Json gaps = Json::array();
  for (const core::ReadinessGap& g : report.gaps) {
    counts[g.clause] = counts[g.clause].get<int>() + 1;
    const core::ReadinessSubject& s = g.subject;
    gaps.push_back({{"kind", g.kind},
                    {"clause", g.clause},
                    {"subject",
                     {{"type", std::string(core::kSubjectKinds.Name(s.kind))},
                      {"id", s.id},
                      {"name", lang == Lang::kEn && !s.name_en.empty() ? s.name_en : s.name}}},
                    {"problem", Render(g.problem, lang)},
                    {"action", Render(g.action, lang)}});
  }
  const core::ReadinessThresholds& t = report.thresholds;
  return {{"day", FormatDay(report.today)},
          {"thresholds",
           {{"backup_verified_days", t.backup_verified_days},
            {"contract_warning_days", t.contract_warning_days},
            {"contact_review_months", t.contact_review_months}}},
          {"counts", std::move(counts)},
          {"gaps", std::move(gaps)}};
}

}  // namespace sokuo::api
