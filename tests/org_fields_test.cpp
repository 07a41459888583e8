// Every field described in core/org_fields.h must survive every format: a field that one walker
// forgets (or maps differently) makes one of these round trips lose it.
#include <set>
#include <string>
#include <typeinfo>

#include <gtest/gtest.h>

#include "codec/org_json.h"
#include "core/org_fields.h"
#include "core/org_fixture.h"
#include "orgfile/org_file.h"
#include "store/org_rows.h"

namespace sokuo {
namespace {

// Field names ("Person.skills") that hold a value other than their default somewhere in `x`.
template <class T>
void CollectSet(const T& x, const std::string& type, std::set<std::string>& set);

template <class M>
void CollectNested(const M& value, std::set<std::string>& set) {
  if constexpr (core::IsVector<M>::value) {
    if constexpr (core::IsDescribed<typename M::value_type>::value) {
      for (const auto& item : value) CollectSet(item, typeid(item).name(), set);
    }
  } else if constexpr (core::IsOptional<M>::value) {
    if constexpr (core::IsDescribed<typename M::value_type>::value) {
      if (value) CollectSet(*value, typeid(*value).name(), set);
    }
  } else if constexpr (core::IsDescribed<M>::value) {
    CollectSet(value, typeid(value).name(), set);
  }
}

template <class T>
void CollectSet(const T& x, const std::string& type, std::set<std::string>& set) {
  core::ForEachField<T>([&](const auto& field) {
    if (field.Get(x) != core::DefaultOf(field)) set.insert(type + "." + std::string(field.name));
    CollectNested(field.Get(x), set);
  });
}

// Every field name of T and of the types nested in it.
template <class T>
void CollectAll(std::set<std::string>& all) {
  core::ForEachField<T>([&](const auto& field) {
    using M = typename std::decay_t<decltype(field)>::Member;
    all.insert(std::string(typeid(T).name()) + "." + std::string(field.name));
    if constexpr (core::IsVector<M>::value || core::IsOptional<M>::value) {
      if constexpr (core::IsDescribed<typename M::value_type>::value) {
        CollectAll<typename M::value_type>(all);
      }
    } else if constexpr (core::IsDescribed<M>::value) {
      CollectAll<M>(all);
    }
  });
}

std::set<std::string> FieldsSetIn(const core::Organization& org) {
  std::set<std::string> set;
  CollectSet(org.company, typeid(core::Company).name(), set);
  auto each = [&](const auto& items) {
    for (const auto& x : items) CollectSet(x, typeid(x).name(), set);
  };
  each(org.departments);
  each(org.people);
  each(org.roles);
  each(org.contacts);
  each(org.systems);
  each(org.media);
  CollectSet(org.notifications, typeid(core::Notifications).name(), set);
  each(org.obligations);
  CollectSet(org.readiness, typeid(core::ReadinessSettings).name(), set);
  return set;
}

TEST(OrgFieldsTest, TheFullFixtureSetsEveryDescribedField) {
  std::set<std::string> all;
  CollectAll<core::Company>(all);
  CollectAll<core::Department>(all);
  CollectAll<core::Person>(all);
  CollectAll<core::RoleAssignment>(all);
  CollectAll<core::ExternalContact>(all);
  CollectAll<core::InfoSystem>(all);
  CollectAll<core::StorageMedium>(all);
  CollectAll<core::Notifications>(all);
  CollectAll<core::Obligation>(all);
  CollectAll<core::ReadinessSettings>(all);
  std::set<std::string> set = FieldsSetIn(core::FullOrganization());
  for (const std::string& field : all) {
    EXPECT_TRUE(set.count(field) != 0) << field << " keeps its default in FullOrganization()";
  }
}

TEST(OrgFieldsTest, YamlToRowsAndBackIsIdentity) {
  const core::Organization full = core::FullOrganization();
  auto parsed = orgfile::Parse(orgfile::Emit(full), "full.yaml");
  ASSERT_TRUE(parsed) << parsed.error().ToString();
  EXPECT_EQ(orgfile::Emit(*parsed), orgfile::Emit(full));
  EXPECT_TRUE(*parsed == full) << orgfile::Emit(*parsed);
  auto loaded = store::TablesToOrg(store::OrgToTables(*parsed));
  ASSERT_TRUE(loaded) << loaded.error().ToString();
  EXPECT_TRUE(*loaded == full) << orgfile::Emit(*loaded);
}

template <class T>
void ExpectJsonRoundTrip(const std::vector<T>& items) {
  for (const T& x : items) {
    auto back = codec::OrgFromJson<T>(codec::OrgToJson(x));
    ASSERT_TRUE(back) << back.error().ToString();
    EXPECT_TRUE(*back == x) << codec::OrgToJson(x).dump();
  }
}

TEST(OrgFieldsTest, JsonAndBackIsIdentity) {
  const core::Organization full = core::FullOrganization();
  ExpectJsonRoundTrip(std::vector{full.company});
  ExpectJsonRoundTrip(full.departments);
  ExpectJsonRoundTrip(full.people);
  ExpectJsonRoundTrip(full.roles);
  ExpectJsonRoundTrip(full.contacts);
  ExpectJsonRoundTrip(full.systems);
  ExpectJsonRoundTrip(full.media);
  ExpectJsonRoundTrip(std::vector{full.notifications});
  ExpectJsonRoundTrip(full.obligations);
  ExpectJsonRoundTrip(std::vector{full.readiness});
}

// Old row images (written before a field existed) must still read, with the field's default.
TEST(OrgFieldsTest, FieldsAddedLaterLiveOutsideTheOriginalColumns) {
  core::Organization org = core::SmallOrganization();
  store::Tables before = store::OrgToTables(org);
  EXPECT_TRUE(before["org_extensions"].empty());
  EXPECT_FALSE(before["people"]["p-sato"].contains("available_for_emergency_work"));
  org.people[0].available_for_emergency_work = false;
  org.systems[2].restore_effort_hours = 12;
  store::Tables after = store::OrgToTables(org);
  EXPECT_EQ(after["people"], before["people"]);
  EXPECT_EQ(after["systems"], before["systems"]);
  EXPECT_EQ(after["org_extensions"]["people/p-sato"]["value"],
            R"({"available_for_emergency_work":false})");
  EXPECT_EQ(after["org_extensions"]["systems/orders"]["value"], R"({"restore_effort_hours":12})");
  EXPECT_EQ(*store::TablesToOrg(after), org);
}

}  // namespace
}  // namespace sokuo
