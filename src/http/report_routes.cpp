// What sokuo writes for paper and for people outside it: the emergency binder, the incident and
// disaster reports as pages to save and print, and the facts an agency's form asks for
// (G4.3.2c), all in the caller's language.
#include "http/params.h"

namespace sokuo::http {
namespace {

// A document to save and print, as the file `name`.
Result<Reply> HtmlDocument(Result<std::string> html, const std::string& name) {
  if (!html) return Fail(std::move(html).error());
  return Reply{
      .content_type = "text/html; charset=utf-8", .body = std::move(*html), .download_name = name};
}

}  // namespace

std::vector<Route> ReportRoutes([[maybe_unused]] const RouteOptions& options) {
  return {
      // The emergency binder (report/binder.h).
      {.method = "GET",
       .path = "/api/v1/binder",
       .permission = app::Permission::kAuthenticated,
       .serve = [](app::App& app, const Request& req) -> Result<Reply> {
         return HtmlDocument(app.organization().Binder(req.lang), "sokuo-binder.html");
       }},
      {.method = "GET",
       .path = "/api/v1/disasters/{key}/report",
       .permission = app::Permission::kAuthenticated,
       .serve = [](app::App& app, const Request& req) -> Result<Reply> {
         const std::string& key = req.path.at("key");
         return HtmlDocument(app.disasters().ReportHtml(key, req.actor, req.lang), key + ".html");
       }},
      {.method = "GET",
       .path = "/api/v1/incidents/{key}/report",
       .permission = app::Permission::kAuthenticated,
       .serve = [](app::App& app, const Request& req) -> Result<Reply> {
         const std::string& key = req.path.at("key");
         return HtmlDocument(app.incidents().ReportHtml(key, req.actor, req.lang), key + ".html");
       }},
      {"GET",
       "/api/v1/incidents/{key}/forms/{agency}",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         const std::string& name = req.path.at("agency");
         auto agency = report::kAgencies.Parse(name);
         if (!agency) {
           return Fail(ErrorCode::kNotFound, Msg("http.no_such_form", {{"agency", name}}));
         }
         ASSIGN_OR_RETURN(
             std::vector<report::FormField> fields,
             app.incidents().AgencyForm(req.path.at("key"), *agency, req.actor, req.lang));
         Json items = Json::array();
         size_t empty = 0;
         for (const report::FormField& f : fields) {
           items.push_back({{"code", f.code}, {"label", f.label}, {"value", f.value}});
           empty += f.value.empty() ? 1 : 0;
         }
         return Json{{"agency", name}, {"empty", empty}, {"fields", items}};
       }},
  };
}

}  // namespace sokuo::http
