#include "http/route.h"

namespace sokuo::http {

std::vector<Route> Routes(const RouteOptions& options) {
  std::vector<Route> all;
  for (auto* area :
       {MetaRoutes, OrganizationRoutes, IncidentRoutes, AccountRoutes, JournalRoutes, WebRoutes}) {
    for (Route& r : area(options)) all.push_back(std::move(r));
  }
  return all;
}

}  // namespace sokuo::http
