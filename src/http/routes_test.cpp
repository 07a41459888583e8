#include <gtest/gtest.h>

#include "api/codec.h"
#include "http/route.h"

namespace sokuo::http {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The OpenAPI document is the API's contract: every route is in it, and nothing else is.
TEST(RoutesTest, OpenApiDescribesExactlyTheRoutes) {
  const auto& paths = api::OpenApiDocument()["paths"];
  size_t operations = 0;
  for (const auto& [path, item] : paths.items()) operations += item.size();
  size_t api_routes = 0;
  for (const Route& r : Routes({})) {
    if (r.path.rfind("/api/", 0) != 0) continue;  // the web interface's pages and files
    ++api_routes;
    ASSERT_TRUE(paths.contains(r.path)) << r.path;
    EXPECT_TRUE(paths[r.path].contains(Lower(r.method))) << r.method << " " << r.path;
    // Each allowed query parameter is documented.
    for (const std::string& q : r.query) {
      bool documented = false;
      for (const auto& p : paths[r.path][Lower(r.method)].value("parameters", api::Json::array())) {
        documented |= p["name"] == q && p["in"] == "query";
      }
      EXPECT_TRUE(documented) << r.path << " ?" << q;
    }
  }
  EXPECT_EQ(api_routes, operations);
}

// Each route answers one way: JSON or a Reply.
TEST(RoutesTest, EveryRouteHasExactlyOneHandler) {
  for (const Route& r : Routes({})) {
    EXPECT_NE(r.handle == nullptr, r.serve == nullptr) << r.method << " " << r.path;
  }
}

}  // namespace
}  // namespace sokuo::http
