#include <gtest/gtest.h>

#include "api/codec.h"
#include "http/server.h"

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
  auto routes = Routes({});
  EXPECT_EQ(routes.size(), operations);
  for (const Route& r : routes) {
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
}

}  // namespace
}  // namespace sokuo::http
