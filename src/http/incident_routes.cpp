// The incident area: the path of a security emergency (G3, G4.3, G4.4).
#include "http/params.h"

namespace sokuo::http {

namespace {

std::vector<Route> ReadRoutes([[maybe_unused]] const RouteOptions& options) {
  return {
      {"GET",
       "/api/v1/incidents",
       app::Permission::kAuthenticated,
       {"state", "priority", "open", "system", "department", "category", "q", "from", "to",
        "cursor", "offset", "limit"},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto state, EnumParam(req, "state", core::kIncidentStates));
         ASSIGN_OR_RETURN(auto priority, EnumParam(req, "priority", core::kPriorities));
         ASSIGN_OR_RETURN(bool open, Flag(req, "open"));
         ASSIGN_OR_RETURN(std::string from, InstantParam(req, "from"));
         ASSIGN_OR_RETURN(std::string to, InstantParam(req, "to"));
         ASSIGN_OR_RETURN(auto page, PageParams(req));
         ASSIGN_OR_RETURN(auto result, app.incidents().List({.state = state,
                                                             .priority = priority,
                                                             .open_only = open,
                                                             .system = Text(req, "system"),
                                                             .department = Text(req, "department"),
                                                             .category = Text(req, "category"),
                                                             .text = Text(req, "q"),
                                                             .from = from,
                                                             .to = to},
                                                            page, req.actor));
         Json out = api::PageJson(
             result, [&](const app::IncidentView& v) { return api::SummaryJson(v, req.lang); });
         if (!page.cursor.empty()) out.erase("next_offset");  // the offset counted from the cursor
         return out;
       }},
      {"POST",
       "/api/v1/incidents",
       app::Permission::kReport,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::ReportFromJson,
                      [&](const app::ReportInput& in, const app::Actor& a) {
                        return app.incidents().Report(in, a);
                      });
       },
       201,
       false,
       /*ingest=*/true},
      {"GET",
       "/api/v1/incidents/{key}",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return AsJson(app.incidents().Get(req.path.at("key"), req.actor), req.lang);
       }},
      {"PATCH",
       "/api/v1/incidents/{key}",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::UpdateFromJson,
                      [&](const app::UpdateInput& in, const app::Actor& a) {
                        return app.incidents().Update(req.path.at("key"), in, a);
                      });
       }},
      {"POST",
       "/api/v1/incidents/{key}/triage",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::TriageFromJson,
                      [&](const app::TriageInput& in, const app::Actor& a) {
                        return app.incidents().Triage(req.path.at("key"), in, a);
                      });
       }},
      {"PUT",
       "/api/v1/incidents/{key}/priority",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::PriorityFromJson,
                      [&](const api::PriorityInput& in, const app::Actor& a) {
                        return app.incidents().OverridePriority(req.path.at("key"), in.priority,
                                                                in.reason, a);
                      });
       }},
      {"POST",
       "/api/v1/incidents/{key}/convocation",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::ConvocationRequestFromJson,
                      [&](const api::ConvocationRequestInput& in, const app::Actor& a) {
                        return app.incidents().RequestConvocation(req.path.at("key"), a, in.at);
                      });
       }},
      {"PUT",
       "/api/v1/incidents/{key}/convocation",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::ConvenedFromJson,
                      [&](const api::ConvenedInput& in, const app::Actor& a) {
                        return app.incidents().RecordConvened(req.path.at("key"), in.convened_at,
                                                              in.attendees, a);
                      });
       }},
  };
}

std::vector<Route> PathRoutes([[maybe_unused]] const RouteOptions& options) {
  return {
      {"POST",
       "/api/v1/incidents/{key}/decisions",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::DecisionFromJson,
                      [&](const core::Decision& in, const app::Actor& a) {
                        return app.incidents().Decide(req.path.at("key"), in, a);
                      });
       },
       201},
      {"POST",
       "/api/v1/incidents/{key}/contacts",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::ContactFromJson,
                      [&](const core::ContactLog& in, const app::Actor& a) {
                        return app.incidents().AddContact(req.path.at("key"), in, a);
                      });
       },
       201},
      {"POST",
       "/api/v1/incidents/{key}/tasks",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::TaskFromJson, [&](const core::Task& in, const app::Actor& a) {
           return app.incidents().AddTask(req.path.at("key"), in, a);
         });
       },
       201},
      {"PATCH",
       "/api/v1/incidents/{key}/tasks/{id}",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(int id, IntPath(req, "id"));
         return Write(req, api::TaskUpdateFromJson,
                      [&](const app::TaskUpdate& in, const app::Actor& a) {
                        return app.incidents().UpdateTask(req.path.at("key"), id, in, a);
                      });
       }},
      {"PUT",
       "/api/v1/incidents/{key}/assessment",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::AssessmentFromJson,
                      [&](const core::Assessment& in, const app::Actor& a) {
                        return app.incidents().Assess(req.path.at("key"), in, a);
                      });
       }},
      {"PUT",
       "/api/v1/incidents/{key}/recovery/{system}",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::RecoveryFromJson,
                      [&](const api::RecoveryInput& in, const app::Actor& a) {
                        return app.incidents().Recover(req.path.at("key"),
                                                       {.system = req.path.at("system"),
                                                        .status = in.status,
                                                        .note = in.note,
                                                        .at = in.at,
                                                        .override_reason = in.override_reason},
                                                       a);
                      });
       }},
      {"POST",
       "/api/v1/incidents/{key}/findings",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::FindingFromJson, [&](const core::Finding& in, const app::Actor& a) {
           return app.incidents().AddFinding(req.path.at("key"), in, a);
         });
       },
       201},
      {"POST",
       "/api/v1/incidents/{key}/filings",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::FilingFromJson, [&](const core::Filing& in, const app::Actor& a) {
           return app.incidents().File(req.path.at("key"), in, a);
         });
       },
       201},
      {"GET",
       "/api/v1/deadlines",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto deadlines, app.incidents().Deadlines(req.actor));
         Json items = Json::array();
         for (const auto& d : deadlines) items.push_back(api::ToJson(d));
         return Json{{"items", items}};
       }},
      {"POST",
       "/api/v1/incidents/{key}/prevention",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::PreventionFromJson,
                      [&](const core::Prevention& in, const app::Actor& a) {
                        return app.incidents().AddPrevention(req.path.at("key"), in, a);
                      });
       },
       201},
  };
}

std::vector<Route> RecordRoutes([[maybe_unused]] const RouteOptions& options) {
  return {
      {"PUT",
       "/api/v1/incidents/{key}/backdoor-checks/{system}/{item}",
       app::Permission::kAuthenticated,
       {"host"},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(core::BackdoorItem item, EnumPath(req, "item", core::kBackdoorItems));
         std::string host = Text(req, "host");
         return Write(req, api::BackdoorFromJson,
                      [&](const api::BackdoorInput& in, const app::Actor& a) {
                        return app.incidents().CheckBackdoor(req.path.at("key"),
                                                             {.system = req.path.at("system"),
                                                              .host = host,
                                                              .item = item,
                                                              .result = in.result,
                                                              .note = in.note,
                                                              .at = in.at},
                                                             a);
                      });
       }},
      {"POST",
       "/api/v1/incidents/{key}/transitions",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) {
         return Write(req, api::TransitionFromJson,
                      [&](const api::TransitionInput& in, const app::Actor& a) {
                        return app.incidents().Transition(req.path.at("key"), in.to, in.reason, a,
                                                          in.at);
                      });
       }},
      {"GET",
       "/api/v1/incidents/{key}/timeline",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto entries, app.incidents().Timeline(req.path.at("key"), req.actor));
         Json items = Json::array();
         for (const auto& e : entries) items.push_back(api::ToJson(e));
         return Json{{"items", items}};
       }},
      {"GET",
       "/api/v1/incidents/{key}/plan",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto plan, app.incidents().Plan(req.path.at("key"), req.actor));
         return api::ToJson(plan, req.lang);
       }},
      {"GET",
       "/api/v1/incidents/{key}/notifications",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto messages,
                          app.incidents().Notifications(req.path.at("key"), req.actor));
         Json items = Json::array();
         for (const auto& m : messages) items.push_back(api::ToJson(m, req.lang));
         return Json{{"items", items}};
       }},
  };
}

}  // namespace

std::vector<Route> IncidentRoutes([[maybe_unused]] const RouteOptions& options) {
  std::vector<Route> all;
  for (auto* part : {ReadRoutes, PathRoutes, RecordRoutes}) {
    for (auto& item : part(options)) all.push_back(std::move(item));
  }
  // What an incident's reads show is its records, the organization and the journal; but its
  // recovery plan counts from this minute.
  all = SamePerHead(std::move(all));
  for (Route& r : all) {
    if (r.path == "/api/v1/incidents/{key}/plan") r.same_per_head = false;
  }
  return all;
}

}  // namespace sokuo::http
