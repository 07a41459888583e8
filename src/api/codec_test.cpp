#include "api/codec.h"

#include <gtest/gtest.h>

#include "core/org_fixture.h"

namespace sokuo::api {
namespace {

TEST(CodecTest, SystemsCarryTheirDependencies) {
  core::Organization org = core::SmallOrganization();
  Json j = ToJson(app::SystemView{org.systems[2], {}});
  EXPECT_EQ(j["tier"], "b");
  EXPECT_EQ(j["depends_on"], Json::array({"core-network", "power"}));
  EXPECT_EQ(j["data"][0]["personal_data"], true);
  EXPECT_EQ(j["rto_hours"], 24);
  EXPECT_EQ(j["backup"]["last_verified"], "2026-10-01");
  EXPECT_FALSE(j.contains("vendor"));  // empty fields are left out
}

TEST(CodecTest, ProblemsFollowRfc9457) {
  Error e{ErrorCode::kNotFound, "no system 'x'", "", {}};
  Json j = ProblemJson(e, "/api/v1/systems/x");
  EXPECT_EQ(j["status"], 404);
  EXPECT_EQ(j["detail"], "no system 'x'");
  EXPECT_EQ(j["instance"], "/api/v1/systems/x");
  EXPECT_EQ(j["type"], "https://sokuo.invalid/problems/not-found");
  Error many{
      ErrorCode::kInvalidInput, "2 problems", "org.yaml", {{"org.yaml:1:1", "a"}, {"", "b"}}};
  Json m = ProblemJson(many);
  EXPECT_EQ(m["status"], 400);
  ASSERT_EQ(m["errors"].size(), 2u);
  EXPECT_EQ(m["errors"][0]["where"], "org.yaml:1:1");
}

TEST(CodecTest, PagesSayWhereTheNextOneStarts) {
  app::Page<core::Department> page{{core::SmallOrganization().departments[0]}, 3, 0, 1};
  Json j = PageJson(page);
  EXPECT_EQ(j["total"], 3);
  EXPECT_EQ(j["next_offset"], 1);
  page.offset = 2;
  EXPECT_FALSE(PageJson(page).contains("next_offset"));
}

TEST(CodecTest, OpenApiDocumentParses) {
  const Json& doc = OpenApiDocument();
  EXPECT_EQ(doc["openapi"], "3.1.0");
  EXPECT_TRUE(doc["paths"].contains("/api/v1/systems/{id}"));
}

}  // namespace
}  // namespace sokuo::api
