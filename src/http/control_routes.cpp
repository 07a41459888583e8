// The routine controls (G4.1, G4.2, G5.1): the catalog, the occurrences as they come round, the
// record of each as done, an incident from a finding, and compliance over a period.
#include "http/params.h"

namespace sokuo::http {
namespace {

std::string OccurrenceOf(const Request& req) {
  return req.path.at("control") + "/" + req.path.at("start");
}

Result<std::optional<Day>> DayParam(const Request& req, const std::string& name) {
  std::string text = Text(req, name);
  if (text.empty()) return std::optional<Day>();
  auto day = ParseDay(text);
  if (!day) return Fail(ErrorCode::kInvalidInput, day.error().msg, "?" + name);
  return std::optional<Day>(*day);
}

}  // namespace

std::vector<Route> ControlRoutes([[maybe_unused]] const RouteOptions& options) {
  return {
      {"GET",
       "/api/v1/controls",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto list, app.controls().Catalog(req.actor));
         Json items = Json::array();
         for (const app::ControlSummary& s : list) items.push_back(api::ToJson(s));
         return Json{{"items", items}};
       }},
      {"GET",
       "/api/v1/control-occurrences",
       app::Permission::kAuthenticated,
       {"control", "department", "state", "pending", "from", "to", "offset", "limit"},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto state, EnumParam(req, "state", core::kOccurrenceStates));
         ASSIGN_OR_RETURN(bool pending, Flag(req, "pending"));
         ASSIGN_OR_RETURN(std::string from, InstantParam(req, "from"));
         ASSIGN_OR_RETURN(std::string to, InstantParam(req, "to"));
         ASSIGN_OR_RETURN(auto page, PageParams(req));
         ASSIGN_OR_RETURN(auto result,
                          app.controls().Occurrences({.control = Text(req, "control"),
                                                      .department = Text(req, "department"),
                                                      .state = state,
                                                      .pending = pending,
                                                      .from = from,
                                                      .to = to},
                                                     page, req.actor));
         return api::PageJson(result, [](const app::OccurrenceView& v) { return api::ToJson(v); });
       }},
      {"GET",
       "/api/v1/controls/{control}/occurrences/{start}",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return AsJson(app.controls().Get(OccurrenceOf(req), req.actor), req.lang);
       }},
      {"POST",
       "/api/v1/controls/{control}/occurrences/{start}/done",
       app::Permission::kReport,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::CompletionFromJson,
                      [&](const core::ControlCompletion& in, const app::Actor& actor) {
                        return app.controls().Complete(OccurrenceOf(req), in, actor);
                      });
       }},
      {.method = "POST",
       .path = "/api/v1/controls/{control}/occurrences/{start}/incident",
       .permission = app::Permission::kReport,
       .handle = [](app::App& app, const Request& req) -> Result<Json> {
         return AsJson(app.controls().OpenIncident(OccurrenceOf(req), req.actor), req.lang);
       },
       .status = 201},
      {.method = "POST",
       .path = "/api/v1/controls/{control}/occurrences/{start}/accounts",
       .permission = app::Permission::kReport,
       .query = {"host"},
       .handle = [](app::App& app, const Request& req) -> Result<Json> {
         // A person's upload from the web page is a file (octet-stream); a script sends text.
         if (!req.content_type.starts_with("text/plain") &&
             !req.content_type.starts_with("application/octet-stream")) {
           return Fail(ErrorCode::kUnsupportedMedia,
                       Msg("accounts.media_type", {{"type", req.content_type}}));
         }
         ASSIGN_OR_RETURN(store::AccountReview r,
                          app.controls().ReviewAccounts(OccurrenceOf(req), Text(req, "host"),
                                                        req.body, req.actor));
         return api::ToJson(r);
       },
       .status = 201},
      {"GET",
       "/api/v1/controls/{control}/occurrences/{start}/accounts",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto list, app.controls().AccountReviews(OccurrenceOf(req), req.actor));
         Json items = Json::array();
         for (const store::AccountReview& r : list) items.push_back(api::ToJson(r));
         return Json{{"items", items}};
       }},
      {"GET",
       "/api/v1/compliance",
       app::Permission::kAuthenticated,
       {"from", "to"},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto from, DayParam(req, "from"));
         ASSIGN_OR_RETURN(auto to, DayParam(req, "to"));
         ASSIGN_OR_RETURN(app::ComplianceView v, app.controls().Compliance(from, to, req.actor));
         ASSIGN_OR_RETURN(auto org, app.context().Organization());
         return api::ToJson(v, *org);
       }},
      // A host's clamscan output (G4.1.4): an ingest-scope token may send it.
      {.method = "POST",
       .path = "/api/v1/virus-scans",
       .permission = app::Permission::kReport,
       .query = {"host"},
       .handle = [](app::App& app, const Request& req) -> Result<Json> {
         if (req.content_type.rfind("text/plain", 0) != 0) {
           return Fail(ErrorCode::kUnsupportedMedia,
                       Msg("scan.media_type", {{"type", req.content_type}}));
         }
         ASSIGN_OR_RETURN(app::ScanReceipt r,
                          app.scans().Record(Text(req, "host"), req.body, req.actor));
         return api::ToJson(r);
       },
       .status = 201,
       .ingest = true},
      {"GET",
       "/api/v1/virus-scans",
       app::Permission::kAuthenticated,
       {"day"},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto day, DayParam(req, "day"));
         ASSIGN_OR_RETURN(app::ScanDayView v, app.scans().OfDay(day, req.actor));
         return api::ToJson(v);
       }},
  };
}

}  // namespace sokuo::http
