#include "api/codec.h"

#include <gmock/gmock.h>
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

// A failing database answers 503 (try again) and names nothing of SQLite's; the CLI, which
// is the operator's, still shows it all.
TEST(CodecTest, StorageErrorsReachClientsWithoutInternalText) {
  Error e = Fail(ErrorCode::kStorage,
                 Msg("store.sql_failed", {{"step", "step"}, {"text", "disk I/O error"}}))
                .value();
  Json j = ProblemJson(ForClient(e), "/api/v1/incidents", Lang::kEn);
  EXPECT_EQ(j["status"], 503);
  EXPECT_EQ(j["code"], "http.storage_failed");
  EXPECT_THAT(j.dump(), ::testing::Not(::testing::HasSubstr("disk I/O")));
  EXPECT_THAT(ProblemJson(e, {}, Lang::kEn).dump(), ::testing::HasSubstr("disk I/O"));
  Error io =
      Fail(ErrorCode::kIo, Msg("file.cannot_read", {{"path", "/srv/x"}, {"reason", "r"}})).value();
  EXPECT_THAT(ProblemJson(ForClient(io)).dump(), ::testing::Not(::testing::HasSubstr("/srv/x")));
  Error busy{ErrorCode::kUnavailable, "step: database is locked", {}, {}, Msg("store.busy")};
  Json b = ProblemJson(ForClient(busy), {}, Lang::kEn);
  EXPECT_EQ(b["status"], 503);
  EXPECT_THAT(b.dump(), ::testing::Not(::testing::HasSubstr("database is locked")));
  Error mine = Fail(ErrorCode::kNotFound, Msg("account.not_found", {{"person", "p-x"}})).value();
  EXPECT_EQ(ProblemJson(ForClient(mine)), ProblemJson(mine)) << "other errors are unchanged";
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

// The organization schemas come from core/org_fields.h, so new fields are described at once.
TEST(CodecTest, OpenApiOrganizationSchemasAreGenerated) {
  const Json& schemas = OpenApiDocument()["components"]["schemas"];
  const Json& person = schemas["Person"]["properties"];
  EXPECT_EQ(person["available_for_emergency_work"]["type"], "boolean");
  EXPECT_EQ(person["roles"]["items"]["$ref"], "#/components/schemas/Role");
  const Json& system = schemas["System"];
  EXPECT_EQ(system["properties"]["restore_effort_hours"]["type"], "integer");
  EXPECT_FALSE(
      system["properties"]["restore_effort_hours"]["description"].get<std::string>().empty());
  EXPECT_EQ(system["properties"]["tier"]["enum"], Json::array({"a", "b", "c"}));
  EXPECT_EQ(system["required"], Json::array({"id", "name", "tier", "owner"}));
  EXPECT_EQ(system["properties"]["backup"]["properties"]["last_verified"]["format"], "date");
  for (const char* name :
       {"Company", "Department", "Person", "Role", "Contact", "System", "Medium"}) {
    EXPECT_EQ(schemas[name]["type"], "object") << name;
  }
}

TEST(CodecTest, OrganizationJsonCarriesTheDisasterRecoveryFields) {
  core::Organization org = core::SmallOrganization();
  org.people[0].available_for_emergency_work = false;
  org.systems[2].restore_effort_hours = 36;
  EXPECT_EQ(ToJson(org.people[0])["available_for_emergency_work"], false);
  EXPECT_EQ(ToJson(org.people[1])["available_for_emergency_work"], true);
  EXPECT_EQ(ToJson(app::SystemView{org.systems[2], {}})["restore_effort_hours"], 36);
  EXPECT_EQ(ToJson(org)["systems"][2]["restore_effort_hours"], 36);
}

}  // namespace
}  // namespace sokuo::api
