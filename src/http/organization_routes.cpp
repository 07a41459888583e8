// The organization area: company, departments, people, contacts, systems, media, and the
// readiness report over them.
#include "api/readiness_codec.h"
#include "http/params.h"

namespace sokuo::http {

std::vector<Route> OrganizationRoutes([[maybe_unused]] const RouteOptions& options) {
  return SamePerHead({
      {"GET",
       "/api/v1/company",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request&) -> Result<Json> {
         ASSIGN_OR_RETURN(auto snapshot, app.organization().Current());
         const core::Organization& org = *snapshot;
         Json company = api::ToJson(org.company);
         company["incident_categories"] = core::IncidentCategories(org);
         return company;
       }},
      {"GET",
       "/api/v1/departments",
       app::Permission::kAuthenticated,
       {"kind", "offset", "limit"},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto kind, EnumParam(req, "kind", core::kDepartmentKinds));
         ASSIGN_OR_RETURN(auto page, PageParams(req));
         return AsPage(app.organization().ListDepartments({.kind = kind}, page));
       }},
      {"GET",
       "/api/v1/departments/{id}",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return AsJson(app.organization().GetDepartment(req.path.at("id")), req.lang);
       }},
      {"GET",
       "/api/v1/people",
       app::Permission::kAuthenticated,
       {"department", "offset", "limit"},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto page, PageParams(req));
         return AsPage(
             app.organization().ListPeople({.department = Text(req, "department")}, page));
       }},
      {"GET",
       "/api/v1/people/{id}",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return AsJson(app.organization().GetPerson(req.path.at("id")), req.lang);
       }},
      {"GET",
       "/api/v1/contacts",
       app::Permission::kAuthenticated,
       {"kind", "offset", "limit"},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto kind, EnumParam(req, "kind", core::kContactKinds));
         ASSIGN_OR_RETURN(auto page, PageParams(req));
         return AsPage(app.organization().ListContacts({.kind = kind}, page));
       }},
      {"GET",
       "/api/v1/contacts/{id}",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return AsJson(app.organization().GetContact(req.path.at("id")), req.lang);
       }},
      {"GET",
       "/api/v1/systems",
       app::Permission::kAuthenticated,
       {"tier", "owner", "offset", "limit"},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto tier, EnumParam(req, "tier", core::kTiers));
         ASSIGN_OR_RETURN(auto page, PageParams(req));
         return AsPage(
             app.organization().ListSystems({.tier = tier, .owner = Text(req, "owner")}, page));
       }},
      {"GET",
       "/api/v1/systems/{id}",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return AsJson(app.organization().GetSystem(req.path.at("id")), req.lang);
       }},
      {"GET",
       "/api/v1/media",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request&) -> Result<Json> {
         ASSIGN_OR_RETURN(auto snapshot, app.organization().Current());
         const core::Organization& org = *snapshot;
         Json items = Json::array();
         for (const auto& m : org.media) items.push_back(api::ToJson(m));
         return Json{{"items", items}};
       }},
      // G3.3, G5.1: the gaps in the company's preparation; the service checks who may see them.
      {"GET",
       "/api/v1/readiness",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(app::ReadinessReport report, app.organization().Readiness(req.actor));
         return api::ToJson(report, req.lang);
       }},
  });
}

}  // namespace sokuo::http
