// The journal area (G4.4.3): entries, head and verification.
#include "http/params.h"

namespace sokuo::http {

std::vector<Route> JournalRoutes([[maybe_unused]] const RouteOptions& options) {
  return {
      {"GET",
       "/api/v1/journal",
       app::Permission::kAudit,
       {"after", "limit", "subject"},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(size_t after, Number(req, "after", 0, 0, SIZE_MAX / 2));
         ASSIGN_OR_RETURN(size_t limit, Number(req, "limit", 100, 1, app::PageRequest::kMaxLimit));
         ASSIGN_OR_RETURN(app::JournalPage page,
                          app.journal().Read({.after_seq = static_cast<int64_t>(after),
                                              .limit = limit,
                                              .subject = Text(req, "subject")},
                                             req.actor));
         Json out = {{"items", EntriesJson(page.entries)}};
         if (page.next_after) out["next_after"] = *page.next_after;
         return out;
       }},
      {"GET",
       "/api/v1/journal/head",
       app::Permission::kAudit,
       {},
       [](app::App& app, const Request& req) { return AsJson(app.journal().Head(), req.lang); }},
      {"GET",
       "/api/v1/journal/verify",
       app::Permission::kAudit,
       {},
       [](app::App& app, const Request& req) {
         return AsJson(app.journal().Verify(req.actor), req.lang);
       }},
  };
}

}  // namespace sokuo::http
