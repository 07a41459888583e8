// The journal area (G4.4.3): entries, head and verification.
#include "http/params.h"

namespace sokuo::http {
namespace {

// The changes after `cursor` as server-sent events ("id", "event: change", one line of JSON
// data each); advances the cursor past every entry looked at.
Result<std::string> ChangeEvents(app::App& app, const app::Actor& actor, std::string& cursor) {
  ASSIGN_OR_RETURN(app::ChangePage page, app.journal().Changes(std::stoll(cursor), actor));
  std::string text;
  for (const app::Change& c : page.changes) {
    Json data = {{"seq", c.seq}, {"at", c.at}, {"action", c.action}, {"subject", c.subject}};
    text += "id: " + std::to_string(c.seq) + "\nevent: change\ndata: " + data.dump() + "\n\n";
  }
  cursor = std::to_string(page.last_seq);
  return text;
}

// Where a stream starts: after the event a reconnecting browser names (Last-Event-ID), after
// `?after=`, or at the journal's head (only what happens from now on).
Result<int64_t> StreamStart(app::App& app, const Request& req) {
  const std::string& last = req.last_event_id;
  if (!last.empty() && last.size() < 19 &&
      last.find_first_not_of("0123456789") == std::string::npos) {
    return std::stoll(last);
  }
  if (!Text(req, "after").empty()) {
    ASSIGN_OR_RETURN(size_t after, Number(req, "after", 0, 0, SIZE_MAX / 2));
    return static_cast<int64_t>(after);
  }
  ASSIGN_OR_RETURN(store::JournalHead head, app.journal().Head());
  return head.seq;
}

}  // namespace

std::vector<Route> JournalRoutes([[maybe_unused]] const RouteOptions& options) {
  return {
      {.method = "GET",
       .path = "/api/v1/events",
       .permission = app::Permission::kAuthenticated,
       .query = {"after"},
       .serve = [](app::App& app, const Request& req) -> Result<Reply> {
         ASSIGN_OR_RETURN(int64_t start, StreamStart(app, req));
         return Reply{
             .content_type = "text/event-stream; charset=utf-8",
             .events = [&app, actor = req.actor](
                           std::string& cursor) { return ChangeEvents(app, actor, cursor); },
             .event_cursor = std::to_string(start)};
       }},
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
      // G4.4.3: the heads sent to the witnesses, for the auditor to check they went out.
      {"GET",
       "/api/v1/journal/receipts",
       app::Permission::kAudit,
       {"limit"},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(size_t limit, Number(req, "limit", 30, 1, app::PageRequest::kMaxLimit));
         ASSIGN_OR_RETURN(std::vector<app::SentReceipt> sent, app.journal().Receipts(limit));
         Json items = Json::array();
         for (const auto& s : sent) items.push_back(api::ToJson(s, req.lang));
         return Json{{"items", std::move(items)}};
       }},
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
