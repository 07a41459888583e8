// The built web interface (web/dist), compiled into the binary by cmake/EmbedWeb.cmake: sokuo
// serves its own pages, offline, from one file. Empty when the interface was not built.
#pragma once

#include <span>
#include <string_view>

namespace sokuo::http {

struct WebAsset {
  std::string_view path;  // "/index.html", "/app/index-3f2a.js"
  std::string_view content_type;
  std::string_view content;
};

std::span<const WebAsset> WebAssets();

}  // namespace sokuo::http
