// The disaster area: a large-scale disaster as guideline section 5.2 runs it (G5.2).
#include "http/params.h"

namespace sokuo::http {

namespace {

std::string Key(const Request& req) { return req.path.at("key"); }

std::vector<Route> DisasterReadRoutes([[maybe_unused]] const RouteOptions& options) {
  return {
      {"GET",
       "/api/v1/disasters",
       app::Permission::kAuthenticated,
       {"state", "open", "offset", "limit"},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto state, EnumParam(req, "state", core::kDisasterStates));
         ASSIGN_OR_RETURN(bool open, Flag(req, "open"));
         ASSIGN_OR_RETURN(auto page, PageParams(req));
         ASSIGN_OR_RETURN(auto result, app.disasters().List({.state = state, .open_only = open},
                                                            page, req.actor));
         return api::PageJson(result, [](const core::Disaster& d) { return api::SummaryJson(d); });
       }},
      {"GET",
       "/api/v1/disasters/{key}",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return AsJson(app.disasters().Get(Key(req), req.actor), req.lang);
       }},
      {"GET",
       "/api/v1/disasters/{key}/plan",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto plan, app.disasters().Plan(Key(req), req.actor));
         return api::ToJson(plan, req.lang);
       }},
      {"GET",
       "/api/v1/disasters/{key}/notifications",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto messages, app.disasters().Notifications(Key(req), req.actor));
         Json items = Json::array();
         for (const auto& m : messages) items.push_back(api::ToJson(m, req.lang));
         return Json{{"items", items}};
       }},
  };
}

std::vector<Route> DisasterWriteRoutes([[maybe_unused]] const RouteOptions& options) {
  return {
      {"POST",
       "/api/v1/disasters",
       app::Permission::kReport,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::DeclareFromJson,
                      [&](const app::DeclareInput& in, const app::Actor& a) {
                        return app.disasters().Declare(in, a);
                      });
       },
       201},
      {"PATCH",
       "/api/v1/disasters/{key}",
       app::Permission::kReport,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::DisasterUpdateFromJson,
                      [&](const app::DisasterUpdate& in, const app::Actor& a) {
                        return app.disasters().Update(Key(req), in, a);
                      });
       }},
      {"POST",
       "/api/v1/disasters/{key}/rollcall",
       app::Permission::kReport,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::AvailabilityFromJson,
                      [&](const core::Availability& in, const app::Actor& a) {
                        return app.disasters().RollCall(Key(req), in, a);
                      });
       },
       201},
      {"POST",
       "/api/v1/disasters/{key}/survey",
       app::Permission::kReport,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::SurveyFromJson,
                      [&](const api::SurveyInput& in, const app::Actor& a) {
                        return app.disasters().Survey(Key(req), in.entries, a);
                      });
       },
       201},
      {"POST",
       "/api/v1/disasters/{key}/progress",
       app::Permission::kReport,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::ProgressFromJson,
                      [&](const core::SystemProgress& in, const app::Actor& a) {
                        return app.disasters().Progress(Key(req), in, a);
                      });
       },
       201},
      {"POST",
       "/api/v1/disasters/{key}/decisions",
       app::Permission::kReport,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::DecisionFromJson,
                      [&](const core::Decision& in, const app::Actor& a) {
                        return app.disasters().Decide(Key(req), in, a);
                      });
       },
       201},
      {"POST",
       "/api/v1/disasters/{key}/contacts",
       app::Permission::kReport,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::ContactFromJson,
                      [&](const core::ContactLog& in, const app::Actor& a) {
                        return app.disasters().AddContact(Key(req), in, a);
                      });
       },
       201},
      {"POST",
       "/api/v1/disasters/{key}/tasks",
       app::Permission::kReport,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::TaskFromJson, [&](const core::Task& in, const app::Actor& a) {
           return app.disasters().AddTask(Key(req), in, a);
         });
       },
       201},
      {"PATCH",
       "/api/v1/disasters/{key}/tasks/{id}",
       app::Permission::kReport,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(int id, IntPath(req, "id"));
         return Write(req, api::TaskUpdateFromJson,
                      [&](const app::TaskUpdate& in, const app::Actor& a) {
                        return app.disasters().UpdateTask(Key(req), id, in, a);
                      });
       }},
      {"POST",
       "/api/v1/disasters/{key}/vendor-requests",
       app::Permission::kReport,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::VendorRequestFromJson,
                      [&](const core::VendorRequest& in, const app::Actor& a) {
                        return app.disasters().AskVendor(Key(req), in, a);
                      });
       },
       201},
      {"PATCH",
       "/api/v1/disasters/{key}/vendor-requests/{id}",
       app::Permission::kReport,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(int id, IntPath(req, "id"));
         return Write(req, api::VendorUpdateFromJson,
                      [&](const app::VendorUpdate& in, const app::Actor& a) {
                        return app.disasters().UpdateVendor(Key(req), id, in, a);
                      });
       }},
      {"POST",
       "/api/v1/disasters/{key}/exemptions",
       app::Permission::kReport,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::ExemptionFromJson,
                      [&](const core::Exemption& in, const app::Actor& a) {
                        return app.disasters().Exempt(Key(req), in, a);
                      });
       },
       201},
      {"POST",
       "/api/v1/disasters/{key}/close",
       app::Permission::kReport,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::CloseFromJson, [&](const api::CloseInput& in, const app::Actor& a) {
           return app.disasters().Close(Key(req), in.reason, in.at, a);
         });
       }},
  };
}

}  // namespace

std::vector<Route> DisasterRoutes(const RouteOptions& options) {
  // A disaster's board and plan are as of now (who can work from when, exemptions in force,
  // the plan from this minute): answered afresh, never kept per journal head.
  std::vector<Route> all = DisasterReadRoutes(options);
  for (auto& item : DisasterWriteRoutes(options)) all.push_back(std::move(item));
  return all;
}

}  // namespace sokuo::http
