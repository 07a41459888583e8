// The notification area (G4.3.2): what was sent to whom and how it fared, the acknowledgement a
// recipient gives, and the retry of a parked message.
#include "api/account_codec.h"
#include "http/params.h"

namespace sokuo::http {

std::vector<Route> NotificationRoutes([[maybe_unused]] const RouteOptions& options) {
  return {
      {"GET",
       "/api/v1/notifications",
       app::Permission::kAudit,
       {"status", "subject", "offset", "limit"},
       [](app::App& app, const Request& req) -> Result<Json> {
         std::string status = Text(req, "status");
         if (!status.empty() && status != "pending" && status != "sent" && status != "failed") {
           return Fail(ErrorCode::kInvalidInput, Msg("notify.bad_status", {{"value", status}}),
                       "status");
         }
         ASSIGN_OR_RETURN(app::PageRequest page, PageParams(req));
         ASSIGN_OR_RETURN(
             auto found, app.notifications().List({status, Text(req, "subject")}, page, req.actor));
         return api::PageJson(found,
                              [&](const store::Delivery& d) { return api::ToJson(d, req.lang); });
       }},
      {"POST",
       "/api/v1/notifications/acknowledge",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(Json body, Body(req));
         ASSIGN_OR_RETURN(api::DeliveryRef ref, api::DeliveryRefFromJson(body));
         ASSIGN_OR_RETURN(store::Delivery d, app.notifications().Acknowledge(ref.id, req.actor));
         return api::ToJson(d, req.lang);
       }},
      {"POST",
       "/api/v1/notifications/retry",
       app::Permission::kAdminister,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(Json body, Body(req));
         ASSIGN_OR_RETURN(api::DeliveryRef ref, api::DeliveryRefFromJson(body));
         ASSIGN_OR_RETURN(store::Delivery d, app.notifications().Retry(ref.id, req.actor));
         return api::ToJson(d, req.lang);
       }},
  };
}

}  // namespace sokuo::http
