#include "http/route.h"

namespace sokuo::http {

std::vector<Route> Routes(const RouteOptions& options) {
  std::vector<Route> all;
  for (auto* area : {MetaRoutes, OrganizationRoutes, IncidentRoutes, EvidenceRoutes, ReportRoutes,
                     DisasterRoutes, AccountRoutes, JournalRoutes, NotificationRoutes,
                     DetectionRoutes, ControlRoutes, WebRoutes}) {
    for (Route& r : area(options)) all.push_back(std::move(r));
  }
  return all;
}

std::vector<Route> SamePerHead(std::vector<Route> routes) {
  for (Route& r : routes) r.same_per_head = r.method == "GET" && r.handle != nullptr;
  return routes;
}

}  // namespace sokuo::http
