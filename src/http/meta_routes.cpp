// Routes about the server itself: health and the OpenAPI document.
#include "http/params.h"

namespace sokuo::http {

std::vector<Route> MetaRoutes([[maybe_unused]] const RouteOptions& options) {
  return {
      {"GET",
       "/api/v1/health",
       app::Permission::kPublic,
       {},
       // Anyone learns that the server and its store answer; only a signed-in caller learns
       // the version (which names known flaws) and how far the journal has come.
       [version = options.version](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto snapshot, app.organization().Current());
         const core::Organization& org = *snapshot;
         ASSIGN_OR_RETURN(store::JournalHead head, app.journal().Head());
         if (req.actor.principal.person.empty()) return Json{{"status", "ok"}};
         return Json{{"status", "ok"},
                     {"version", version},
                     {"journal_seq", head.seq},
                     {"company", org.company.name}};
       }},
      {"GET",
       "/api/v1/openapi.json",
       app::Permission::kPublic,
       {},
       [](app::App&, const Request&) -> Result<Json> { return api::OpenApiDocument(); }},
  };
}

}  // namespace sokuo::http
