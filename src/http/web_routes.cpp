// Paths outside /api/ belong to the web interface: its pages and its static files. Files are
// compiled into the binary (sokuo runs from one binary, offline) and carry an ETag, so a
// browser revalidates them and gets 304 while they are unchanged. The interface itself (web/,
// built into web/dist and embedded by cmake/EmbedWeb.cmake) is served at /; a binary built
// without it shows a start page there instead.
#include <string_view>

#include "base/sha256.h"
#include "base/text.h"
#include "http/params.h"
#include "http/web_assets.h"

namespace sokuo::http {
namespace {

struct Asset {
  std::string_view path;
  std::string_view content_type;
  std::string_view content;
};

constexpr std::string_view kStyle = R"css(:root { color-scheme: light dark; }
body { font-family: "Noto Sans JP", "Hiragino Sans", "Yu Gothic", sans-serif;
       margin: 0 auto; max-width: 40rem; padding: 1rem; line-height: 1.7; }
h1 { font-size: 1.5rem; margin-bottom: 0; }
.en { color: GrayText; font-size: 0.9rem; }
a { display: inline-block; min-height: 44px; line-height: 44px; }
)css";

constexpr Asset kAssets[] = {
    {"/assets/sokuo.css", "text/css; charset=utf-8", kStyle},
};

// A file's answer; `immutable` for files whose name carries their hash (web/dist/app/).
Reply StaticFile(std::string_view content_type, std::string_view content, bool immutable = false) {
  return Reply{.content_type = std::string(content_type),
               .body = std::string(content),
               .etag = "\"" + Sha256Hex(content).substr(0, 32) + "\"",
               .cache_control = immutable ? "public, max-age=31536000, immutable" : "no-cache"};
}

const WebAsset* Embedded(std::string_view path) {
  for (const WebAsset& a : WebAssets()) {
    if (a.path == path) return &a;
  }
  return nullptr;
}

}  // namespace

std::vector<Route> WebRoutes([[maybe_unused]] const RouteOptions& options) {
  std::vector<Route> routes;
  routes.push_back({.method = "GET",
                    .path = "/",
                    .permission = app::Permission::kPublic,
                    .serve = [](app::App& app, const Request&) -> Result<Reply> {
                      if (const WebAsset* index = Embedded("/index.html")) {
                        return StaticFile(index->content_type, index->content);
                      }
                      ASSIGN_OR_RETURN(auto snapshot, app.organization().Current());
                      const core::Organization& org = *snapshot;
                      std::string company = HtmlEscape(org.company.name);
                      return Reply{
                          .content_type = "text/html; charset=utf-8",
                          .body =
                              "<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\">"
                              "<meta name=\"viewport\" content=\"width=device-width\">"
                              "<title>sokuo — " +
                              company +
                              "</title>"
                              "<link rel=\"stylesheet\" href=\"/assets/sokuo.css\"></head>"
                              "<body><h1>sokuo 即応</h1><p>" +
                              company +
                              "</p>"
                              "<p>情報システムの緊急事態への対応を記録し、指揮します。"
                              "<br><span class=\"en\">Runs information-system emergencies "
                              "the way the company's guideline prescribes.</span></p>"
                              "<p>画面はまだありません。コマンドライン（sokuo --help）と API "
                              "を使ってください。"
                              "<br><span class=\"en\">The web screens are not here yet: use "
                              "the command line (sokuo --help) and the API.</span></p>"
                              "<ul><li><a href=\"/api/v1/openapi.json\">API の説明（OpenAPI）"
                              "</a> <span class=\"en\">the API, described</span></li>"
                              "<li><a href=\"/api/v1/health\">稼働状況</a> "
                              "<span class=\"en\">health</span></li></ul>"
                              "</body></html>"};
                    }});
  for (const Asset& asset : kAssets) {
    routes.push_back({.method = "GET",
                      .path = std::string(asset.path),
                      .permission = app::Permission::kPublic,
                      .serve = [&asset](app::App&, const Request&) -> Result<Reply> {
                        return StaticFile(asset.content_type, asset.content);
                      }});
  }
  for (const WebAsset& asset : WebAssets()) {
    if (asset.path == "/index.html") continue;  // served at /
    routes.push_back({.method = "GET",
                      .path = std::string(asset.path),
                      .permission = app::Permission::kPublic,
                      .serve = [&asset](app::App&, const Request&) -> Result<Reply> {
                        return StaticFile(asset.content_type, asset.content,
                                          asset.path.starts_with("/app/"));
                      }});
  }
  return routes;
}

}  // namespace sokuo::http
