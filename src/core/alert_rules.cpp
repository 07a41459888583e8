#include "core/alert_rules.h"

#include <algorithm>

#include "base/time.h"

namespace sokuo::core {

std::optional<int> AlertLevelRank(std::string_view level) {
  auto it = std::find(kAlertLevels.begin(), kAlertLevels.end(), level);
  if (it == kAlertLevels.end()) return std::nullopt;
  return static_cast<int>(it - kAlertLevels.begin());
}

int PolicyLevelRank(std::string_view level) {
  constexpr int kNone = static_cast<int>(kAlertLevels.size());
  constexpr int kMedium = 2;
  return level == "none" ? kNone : AlertLevelRank(level).value_or(kMedium);
}

AlertAction AlertPolicy::ActionFor(std::string_view id, std::string_view title,
                                   std::string_view level) const {
  if (auto it = rules.find(std::string(id)); !id.empty() && it != rules.end()) return it->second;
  if (auto it = rules.find(std::string(title)); it != rules.end()) return it->second;
  int rank = PolicyLevelRank(level);
  if (rank < PolicyLevelRank(alert_level)) return AlertAction::kIgnore;
  return rank >= PolicyLevelRank(incident_level) ? AlertAction::kIncident : AlertAction::kAlert;
}

bool WithinWindow(std::string_view a, std::string_view b, std::chrono::seconds window) {
  auto x = ParseRfc3339(a);
  auto y = ParseRfc3339(b);
  return x && y && (*x > *y ? *x - *y : *y - *x) <= window;
}

std::optional<BackdoorItem> BackdoorItemOf(const std::vector<std::string>& tags) {
  for (const std::string& tag : tags) {
    if (!tag.starts_with(kBackdoorTag)) continue;
    std::string name = tag.substr(kBackdoorTag.size());
    std::replace(name.begin(), name.end(), '-', '_');
    if (auto item = kBackdoorItems.Parse(name)) return item;
  }
  return std::nullopt;
}

std::optional<AffectedHost> LocateHost(const Organization& org, std::string_view host) {
  if (host.empty()) return std::nullopt;
  for (const InfoSystem& s : org.systems) {
    for (const Host& h : s.hosts) {
      if (h.name == host || (!h.address.empty() && h.address == host)) {
        return AffectedHost{s.id, h.name};
      }
    }
  }
  return std::nullopt;
}

std::string IsDepartmentOf(const Organization& org) {
  for (const Department& d : org.departments) {
    if (d.kind == DepartmentKind::kIt) return d.id;
  }
  return "";
}

}  // namespace sokuo::core
