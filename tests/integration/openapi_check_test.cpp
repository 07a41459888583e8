// The OpenAPI response check itself: what it accepts, what it refuses, and where it points.
#include "integration/openapi_check.h"

#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sokuo::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using Json = nlohmann::json;

constexpr const char* kDocument = R"({
  "openapi": "3.1.0",
  "paths": {
    "/api/v1/things/{id}": {
      "get": {
        "responses": {
          "200": {"description": "OK", "content": {"application/json": {"schema": {
            "$ref": "#/components/schemas/Thing"}}}},
          "404": {"description": "No such thing", "content": {"application/problem+json": {
            "schema": {"$ref": "#/components/schemas/Problem"}}}}
        }
      }
    },
    "/api/v1/things/special": {
      "get": {"responses": {"204": {"description": "Nothing"}}}
    }
  },
  "components": {"schemas": {
    "Thing": {
      "type": "object",
      "required": ["id", "size", "parts"],
      "additionalProperties": false,
      "properties": {
        "id": {"type": "string"},
        "size": {"type": "integer"},
        "note": {"type": ["string", "null"]},
        "at": {"type": "string", "format": "date-time"},
        "kind": {"type": "string", "enum": ["a", "b"]},
        "parts": {"type": "array", "items": {"$ref": "#/components/schemas/Part"}}
      }
    },
    "Part": {
      "type": "object", "required": ["name"], "additionalProperties": false,
      "properties": {"name": {"type": "string"}}
    },
    "Problem": {
      "type": "object", "required": ["title", "status"],
      "properties": {"title": {"type": "string"}, "status": {"type": "integer"}}
    }
  }}
})";

class OpenApiCheckTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    path_ = std::filesystem::temp_directory_path() /
            ("sokuo-openapi-check-" + std::to_string(::getpid()) + ".json");
    std::ofstream(path_) << kDocument;
  }
  static void TearDownTestSuite() { std::filesystem::remove(path_); }

  static OpenApiCheck::Verdict Get(const std::string& path, int status, const Json& body,
                                   const std::string& type = "application/json") {
    return OpenApiCheck::For(path_.string()).Check("GET", path, status, type, body.dump());
  }
  static Json Good() {
    return {{"id", "t-1"},     {"size", 3},
            {"note", nullptr}, {"at", "2026-04-01T09:30:00+09:00"},
            {"kind", "a"},     {"parts", {{{"name", "lid"}}}}};
  }
  static inline std::filesystem::path path_;
};

auto At(const std::string& pointer, const std::string& message) {
  return AllOf(Field(&OpenApiCheck::Mismatch::pointer, pointer),
               Field(&OpenApiCheck::Mismatch::message, HasSubstr(message)));
}

TEST_F(OpenApiCheckTest, AcceptsADescribedResponse) {
  auto v = Get("/api/v1/things/t-1", 200, Good());
  EXPECT_EQ(v.operation, "GET /api/v1/things/{id}");
  EXPECT_THAT(v.mismatches, ElementsAre());
  // A problem for a described error status, with its own media type.
  v = Get("/api/v1/things/t-2", 404, {{"title", "Not found"}, {"status", 404}},
          "application/problem+json");
  EXPECT_THAT(v.mismatches, ElementsAre());
  // A literal path wins over a template; a response described without content has no body.
  v = OpenApiCheck::For(path_.string()).Check("GET", "/api/v1/things/special", 204, "", "");
  EXPECT_EQ(v.operation, "GET /api/v1/things/special");
  EXPECT_THAT(v.mismatches, ElementsAre());
}

TEST_F(OpenApiCheckTest, PointsAtAWrongType) {
  Json body = Good();
  body["parts"][0]["name"] = 7;
  EXPECT_THAT(Get("/api/v1/things/t-1", 200, body).mismatches,
              ElementsAre(At("/parts/0/name", "is not of type 'string'")));
  body = Good();
  body["kind"] = "c";
  EXPECT_THAT(Get("/api/v1/things/t-1", 200, body).mismatches,
              ElementsAre(At("/kind", "is not one of")));
  body = Good();
  body["at"] = "yesterday";
  EXPECT_THAT(Get("/api/v1/things/t-1", 200, body).mismatches,
              ElementsAre(At("/at", "is not a 'date-time'")));
}

TEST_F(OpenApiCheckTest, PointsAtAMissingRequiredField) {
  Json body = Good();
  body.erase("size");
  body["parts"][0].erase("name");
  EXPECT_THAT(Get("/api/v1/things/t-1", 200, body).mismatches,
              ElementsAre(At("/size", "required property is missing"),
                          At("/parts/0/name", "required property is missing")));
}

TEST_F(OpenApiCheckTest, PointsAtAnExtraProperty) {
  Json body = Good();
  body["colour"] = "red";  // e.g. a codec that renamed "kind"
  EXPECT_THAT(Get("/api/v1/things/t-1", 200, body).mismatches,
              ElementsAre(At("/colour", "property is not in the schema")));
}

TEST_F(OpenApiCheckTest, RefusesWhatTheDocumentDoesNotDescribe) {
  EXPECT_THAT(Get("/api/v1/things/t-1", 500, Good()).mismatches,
              ElementsAre(At("", "status 500 is not described (only 200, 404)")));
  EXPECT_THAT(Get("/api/v1/things/t-1", 200, Good(), "text/plain").mismatches,
              ElementsAre(At("", "media type 'text/plain' is not described")));
  EXPECT_THAT(Get("/api/v1/other", 200, Good()).mismatches,
              ElementsAre(At("", "no path of the document matches /api/v1/other")));
  // A path the API does not have may only be answered with the document's Problem.
  EXPECT_THAT(Get("/api/v1/other", 404, {{"title", "Not found"}, {"status", 404}},
                  "application/problem+json")
                  .mismatches,
              ElementsAre());
  EXPECT_THAT(
      Get("/api/v1/other", 404, {{"title", "Not found"}}, "application/problem+json").mismatches,
      ElementsAre(At("/status", "required property is missing")));
  auto v = OpenApiCheck::For(path_.string()).Check("DELETE", "/api/v1/things/t-1", 200, "", "");
  EXPECT_THAT(v.mismatches, ElementsAre(At("", "no operation DELETE /api/v1/things/{id}")));
  v = OpenApiCheck::For(path_.string())
          .Check("GET", "/api/v1/things/t-1", 200, "application/json", "{not json");
  EXPECT_THAT(v.mismatches, ElementsAre(At("", "the body is not JSON")));
}

}  // namespace
}  // namespace sokuo::testing
