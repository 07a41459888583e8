#include "codec/org_json.h"

#include <gtest/gtest.h>

#include "core/org_fixture.h"

namespace sokuo::codec {
namespace {

using nlohmann::json;

TEST(OrgJsonTest, CarriesTheDisasterRecoveryFields) {
  core::Organization org = core::SmallOrganization();
  EXPECT_EQ(OrgToJson(org.people[0])["available_for_emergency_work"], true);
  EXPECT_FALSE(OrgToJson(org.systems[2]).contains("restore_effort_hours"));  // not estimated
  org.people[0].available_for_emergency_work = false;
  org.systems[2].restore_effort_hours = 36;
  EXPECT_EQ(OrgToJson(org.people[0])["available_for_emergency_work"], false);
  EXPECT_EQ(OrgToJson(org.systems[2])["restore_effort_hours"], 36);
}

TEST(OrgJsonTest, KeepsTheShapeTheApiHadBefore) {
  core::Organization org = core::SmallOrganization();
  json system = OrgToJson(org.systems[2]);
  EXPECT_EQ(system["tier"], "b");
  EXPECT_EQ(system["depends_on"], json::array({"core-network", "power"}));
  EXPECT_EQ(system["backup"]["last_verified"], "2026-10-01");
  EXPECT_FALSE(system.contains("vendor"));                     // empty optional texts are left out
  EXPECT_FALSE(OrgToJson(org.systems[0]).contains("backup"));  // so is an all-default object
  json contact = OrgToJson(org.contacts[0]);
  EXPECT_EQ(contact["channels"][0],
            json({{"kind", "phone"}, {"value", "03-0000-0000"}, {"note", "24h"}}));
  EXPECT_FALSE(contact.contains("contract"));
  EXPECT_EQ(OrgToJson(org.people[2])["phones"], json::array());  // lists are always there
}

TEST(OrgJsonTest, ReadingRefusesWrongTypesWithTheirPointer) {
  auto person = OrgFromJson<core::Person>(json{{"id", "p-x"},
                                               {"name", "x"},
                                               {"department", "d"},
                                               {"available_for_emergency_work", "no"},
                                               {"phones", {{{"number", 3}}}}});
  ASSERT_FALSE(person);
  ASSERT_EQ(person.error().details.size(), 2u);
  EXPECT_EQ(person.error().details[0].where, "/phones/0/number");
  EXPECT_EQ(person.error().details[1].where, "/available_for_emergency_work");
  auto system = OrgFromJson<core::InfoSystem>(
      json{{"id", "s"}, {"name", "s"}, {"tier", "d"}, {"owner", "o"}, {"restore_efort_hours", 3}});
  ASSERT_FALSE(system);
  ASSERT_EQ(system.error().details.size(), 2u);
  EXPECT_EQ(system.error().details[0].where, "/restore_efort_hours");
  EXPECT_NE(system.error().details[0].message.find("restore_effort_hours"), std::string::npos);
  EXPECT_EQ(system.error().details[1].where, "/tier");
}

}  // namespace
}  // namespace sokuo::codec
