// Routes about the server itself: health, the OpenAPI document and the message catalog.
#include "base/sha256.h"
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
         // Anyone may learn that this server takes no writes (a standby at the backup site).
         ASSIGN_OR_RETURN(bool read_only, app.journal().ReadOnly());
         if (req.actor.principal.person.empty()) {
           return Json{{"status", "ok"}, {"read_only", read_only}};
         }
         return Json{{"status", "ok"},
                     {"read_only", read_only},
                     {"version", version},
                     {"journal_seq", head.seq},
                     {"company", org.company.name}};
       }},
      {"GET",
       "/api/v1/openapi.json",
       app::Permission::kPublic,
       {},
       [](app::App&, const Request&) -> Result<Json> { return api::OpenApiDocument(); }},
      // Every message code in both languages: the web interface's words and the server's.
      // The same for the binary's whole life, so it carries an ETag.
      {"GET",
       "/api/v1/messages",
       app::Permission::kPublic,
       {},
       nullptr,
       200,
       false,
       false,
       [](app::App&, const Request&) -> Result<Reply> {
         static const std::string kBody = [] {
           Json codes = Json::object();
           for (const CatalogEntry& e : Catalog()) {
             codes[std::string(e.code)] = {{"ja", e.ja}, {"en", e.en}};
           }
           return Json{{"codes", codes}}.dump();
         }();
         static const std::string kTag = "\"" + Sha256Hex(kBody).substr(0, 32) + "\"";
         return Reply{.content_type = "application/json",
                      .body = kBody,
                      .etag = kTag,
                      .cache_control = "no-cache"};
       }},
  };
}

}  // namespace sokuo::http
