// The evidence of an incident (G4.4.3): uploads spooled to disk and kept by SHA-256, downloads
// checked on the way out and put on the chain of custody, hand-overs, the legal hold, disposal
// and the check of every stored file.
#include "http/encoding.h"
#include "http/params.h"
#include "platform/files.h"

namespace sokuo::http {
namespace {

Result<Json> Checked(Result<std::vector<app::EvidenceCheck>> checks) {
  if (!checks) return Fail(std::move(checks).error());
  Json files = Json::array();
  bool ok = true;
  for (const app::EvidenceCheck& c : *checks) {
    files.push_back(api::ToJson(c));
    ok = ok && (c.state == app::EvidenceState::kOk || c.state == app::EvidenceState::kDisposed);
  }
  return Json{{"ok", ok}, {"files", files}};
}

}  // namespace

std::vector<Route> EvidenceRoutes([[maybe_unused]] const RouteOptions& options) {
  return {
      {"POST",
       "/api/v1/incidents/{key}/evidence",
       app::Permission::kAuthenticated,
       {"name", "kind", "system", "collected_by", "collected_at", "source_host", "source_path",
        "method", "note"},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(auto kind, EnumParam(req, "kind", core::kEvidenceKinds));
         ByteSource content =
             req.body_file.empty() ? BytesSource(req.body) : platform::ReadPieces(req.body_file);
         return AsJson(
             app.incidents().AddEvidence(req.path.at("key"),
                                         {.name = Text(req, "name"),
                                          .kind = kind.value_or(core::EvidenceKind::kOther),
                                          .system = Text(req, "system"),
                                          .collected_by = Text(req, "collected_by"),
                                          .collected_at = Text(req, "collected_at"),
                                          .source_host = Text(req, "source_host"),
                                          .source_path = Text(req, "source_path"),
                                          .method = Text(req, "method"),
                                          .note = Text(req, "note"),
                                          .content = std::move(content)},
                                         req.actor),
             req.lang);
       },
       201,
       /*raw_body=*/true,
       /*ingest=*/false,
       /*serve=*/nullptr,
       /*same_per_head=*/false,
       // Who may not add to the incident is refused before a byte of the file is read.
       [](app::App& app, const Request& req) {
         return app.incidents().MayAddEvidence(req.path.at("key"), req.actor);
       }},
      {"GET",
       "/api/v1/incidents/{key}/evidence/{id}/content",
       app::Permission::kAuthenticated,
       {"purpose"},
       nullptr,
       200,
       false,
       false,
       [](app::App& app, const Request& req) -> Result<Reply> {
         ASSIGN_OR_RETURN(int id, IntPath(req, "id"));
         const std::string& key = req.path.at("key");
         ASSIGN_OR_RETURN(app::EvidenceDownload file,
                          app.incidents().EvidenceFile(key, id, req.actor));
         // Content-addressed: the bytes behind this URL never change, so the hash is the ETag.
         std::string etag = "\"" + file.evidence.sha256 + "\"";
         // Only bytes that leave are a reading on the chain of custody: not the answer to a HEAD
         // request, nor a 304 to a client that holds the file already.
         if (!req.head_only && !IfNoneMatchNames(req.if_none_match, etag)) {
           TRY(app.incidents().RecordReading(key, id, req.actor, Text(req, "purpose"),
                                             core::CustodyAction::kViewed));
         }
         return Reply{.content_type = "application/octet-stream",
                      .etag = etag,
                      .cache_control = "private, no-cache",
                      .download_name = file.evidence.name,
                      .length = file.length,
                      .read = std::move(file.read)};
       }},
      {"POST",
       "/api/v1/incidents/{key}/evidence/{id}/custody",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(int id, IntPath(req, "id"));
         return Write(req, api::CustodyFromJson,
                      [&](const core::CustodyEvent& in, const app::Actor& a) {
                        return app.incidents().RecordCustody(req.path.at("key"), id, in, a);
                      });
       }},
      {"POST",
       "/api/v1/incidents/{key}/evidence/{id}/dispose",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         ASSIGN_OR_RETURN(int id, IntPath(req, "id"));
         return Write(req, api::ReasonFromJson,
                      [&](const std::string& reason, const app::Actor& a) {
                        return app.incidents().DisposeEvidence(req.path.at("key"), id, reason, a);
                      });
       }},
      {"POST",
       "/api/v1/incidents/{key}/legal-hold",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         return Write(req, api::HoldFromJson, [&](const api::HoldInput& in, const app::Actor& a) {
           return app.incidents().SetLegalHold(req.path.at("key"), in.hold, in.reason, a);
         });
       }},
      // Each stored file is read through: the answer depends on the disk, not on the journal.
      {"GET",
       "/api/v1/incidents/{key}/evidence/verify",
       app::Permission::kAuthenticated,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         return Checked(app.incidents().VerifyEvidence(req.path.at("key"), req.actor));
       }},
      // Every file of every incident: for those who check the records (as the journal's check).
      {"GET",
       "/api/v1/evidence/verify",
       app::Permission::kAudit,
       {},
       [](app::App& app, const Request& req) -> Result<Json> {
         return Checked(app.incidents().VerifyEvidence("", req.actor));
       }},
  };
}

}  // namespace sokuo::http
