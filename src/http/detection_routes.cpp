// The detection area (G4.2.3): log lines in, alerts out, and what the IS department does with
// them.
#include "api/detection_codec.h"
#include "http/params.h"

namespace sokuo::http {
namespace {

// The NDJSON body of an ingestion: JSON lines by default, other line formats when `format` says.
Result<detect::Format> IngestFormat(const Request& req) {
  std::string name = Text(req, "format");
  if (name.empty()) return detect::Format::kJson;
  if (auto f = detect::ParseFormat(name)) return *f;
  return Fail(ErrorCode::kInvalidInput, Msg("ingest.format_unknown", {{"format", name}}),
              "?format");
}

Result<void> IngestMediaType(const Request& req) {
  const std::string& type = req.content_type;
  for (const char* ok :
       {"application/x-ndjson", "application/jsonl", "application/json", "text/plain"}) {
    if (type.rfind(ok, 0) == 0) return {};
  }
  return Fail(ErrorCode::kUnsupportedMedia, Msg("ingest.media_type", {{"type", type}}));
}

// An alert action: decodes the body and runs `act` on the alert in the path.
template <class Act>
Result<Json> Decide(const Request& req, Result<api::AlertDecision> (*decode)(const Json&),
                    Act act) {
  ASSIGN_OR_RETURN(Json body, Body(req));
  ASSIGN_OR_RETURN(api::AlertDecision in, decode(body));
  ASSIGN_OR_RETURN(app::AlertView v, act(req.path.at("key"), in, req.actor));
  return api::ToJson(v);
}

}  // namespace

std::vector<Route> DetectionRoutes([[maybe_unused]] const RouteOptions& options) {
  return {
      {.method = "POST",
       .path = "/api/v1/ingest",
       .permission = app::Permission::kReport,
       .query = {"format"},
       .handle = [](app::App& app, const Request& req) -> Result<Json> {
         TRY(IngestMediaType(req));
         ASSIGN_OR_RETURN(detect::Format format, IngestFormat(req));
         ASSIGN_OR_RETURN(size_t n, app.detection().Ingest(req.body, format, req.actor));
         return Json{{"accepted", n}};
       },
       .status = 202,
       .ingest = true},
      {"GET",
       "/api/v1/alerts",
       app::Permission::kAuthenticated,
       {"state", "level", "q", "offset", "limit"},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto state, EnumParam(req, "state", core::kAlertStates));
         ASSIGN_OR_RETURN(auto page, PageParams(req));
         ASSIGN_OR_RETURN(auto result,
                          app.detection().List(
                              {.state = state, .level = Text(req, "level"), .q = Text(req, "q")},
                              page, req.actor));
         return api::PageJson(result, [](const app::AlertView& v) { return api::ToJson(v); });
       }},
      {"GET",
       "/api/v1/alerts/{key}",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return AsJson(app.detection().Get(req.path.at("key"), req.actor), req.lang);
       }},
      {"POST",
       "/api/v1/alerts/{key}/promote",
       app::Permission::kReport,
       {},
       [](app::App& app, const Request& req) {
         return Decide(
             req, api::PromoteFromJson,
             [&](const std::string& key, const api::AlertDecision& in, const app::Actor& a) {
               return app.detection().Promote(key, in.note, a);
             });
       }},
      {"POST",
       "/api/v1/alerts/{key}/attach",
       app::Permission::kReport,
       {},
       [](app::App& app, const Request& req) {
         return Decide(
             req, api::AttachFromJson,
             [&](const std::string& key, const api::AlertDecision& in, const app::Actor& a) {
               return app.detection().Attach(key, in.incident, in.note, a);
             });
       }},
      {"POST",
       "/api/v1/alerts/{key}/dismiss",
       app::Permission::kReport,
       {},
       [](app::App& app, const Request& req) {
         return Decide(
             req, api::DismissFromJson,
             [&](const std::string& key, const api::AlertDecision& in, const app::Actor& a) {
               return app.detection().Dismiss(key, in.reason, a);
             });
       }},
      {"GET",
       "/api/v1/rules",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return AsJson(app.detection().Rules(req.actor), req.lang);
       }},
      {"GET",
       "/api/v1/ingest/counters",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return AsJson(app.detection().Counters(req.actor), req.lang);
       }},
  };
}

}  // namespace sokuo::http
