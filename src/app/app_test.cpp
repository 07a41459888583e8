#include "app/app.h"

#include <unistd.h>

#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/temp_dir.h"
#include "core/org_fixture.h"
#include "orgfile/org_file.h"
#include "store/sqlite/sqlite_store.h"

namespace sokuo::app {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class AppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(*store::SqliteStore::Open({.path = dir_.File("sokuo.db")}));
    app_ = std::make_unique<App>(*store_, clock_);
  }
  void TearDown() override {
    app_.reset();
    store_.reset();
  }

  FakeClock clock_{*ParseRfc3339("2026-11-26T09:00:00+09:00")};
  TempDir dir_{"app"};
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<App> app_;
};

TEST_F(AppTest, ImportRecordsWhoAndWhenAndCounts) {
  std::string text = orgfile::Emit(core::SmallOrganization());
  auto summary = app_->organization().Import(text, "org.yaml", {"cli:alice"});
  ASSERT_TRUE(summary) << summary.error().ToString();
  EXPECT_EQ(summary->entry_seq, 1);
  EXPECT_EQ(summary->tables["people"], (TableCounts{3, 0, 0}));
  auto page = app_->journal().Read({}, {"cli:alice"});
  ASSERT_TRUE(page);
  const auto* entries = &page->entries;
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].actor, "cli:alice");
  EXPECT_EQ((*entries)[0].action, "org.import");
  EXPECT_EQ((*entries)[0].at, "2026-11-26T00:00:00Z");
  EXPECT_THAT((*entries)[0].body, HasSubstr(R"("people":{"added":3,"removed":0,"updated":0})"));
}

TEST_F(AppTest, ReimportUpdatesInPlace) {
  core::Organization org = core::SmallOrganization();
  ASSERT_TRUE(app_->organization().Import(orgfile::Emit(org), "org.yaml", {"a"}));
  auto same = app_->organization().Import(orgfile::Emit(org), "org.yaml", {"a"});
  ASSERT_TRUE(same);
  EXPECT_FALSE(same->changed());
  org.systems[2].rto_hours = 8;
  org.people.pop_back();  // p-tanaka leaves: his roles and headship go too
  org.departments[2].head.clear();
  org.roles.pop_back();
  clock_.Advance(std::chrono::hours(1));
  auto changed = app_->organization().Import(orgfile::Emit(org), "org.yaml", {"b"});
  ASSERT_TRUE(changed) << changed.error().ToString();
  EXPECT_EQ(changed->entry_seq, 2);
  EXPECT_EQ(changed->tables["systems"], (TableCounts{0, 1, 0}));
  EXPECT_EQ(changed->tables["people"], (TableCounts{0, 0, 1}));
  EXPECT_EQ(**app_->organization().Current(), org);
  EXPECT_TRUE(app_->journal().Verify({"cli:alice"})->ok());
}

// The organization is cached per journal head: a change made by another process is seen at once.
TEST_F(AppTest, SeesChangesMadeByAnotherProcess) {
  core::Organization org = core::SmallOrganization();
  ASSERT_TRUE(app_->organization().Import(orgfile::Emit(org), "o", {"a"}));
  EXPECT_EQ((*app_->organization().Current())->company.name, org.company.name);  // now cached
  auto other_store = std::move(*store::SqliteStore::Open({.path = dir_.File("sokuo.db")}));
  App other(*other_store, clock_);
  org.company.name = "別プロセスで変更";
  ASSERT_TRUE(other.organization().Import(orgfile::Emit(org), "o", {"b"}));
  EXPECT_EQ((*app_->organization().Current())->company.name, "別プロセスで変更");
}

// ... and the copy outlives writes that leave the organization's tables alone, in a write
// transaction as in a read.
TEST_F(AppTest, KeepsTheOrganizationAcrossWritesToOtherTables) {
  core::Organization org = core::SmallOrganization();
  ASSERT_TRUE(app_->organization().Import(orgfile::Emit(org), "o", {"a"}));
  auto before = *app_->organization().Current();
  ASSERT_TRUE(app_->incidents().Report({.title = "a"}, {"p-tanaka"}));
  ASSERT_TRUE(app_->incidents().Report({.title = "b"}, {"p-tanaka"}));
  EXPECT_EQ(*app_->organization().Current(), before);  // the same object, not read again
  org.company.name = "変更後";
  ASSERT_TRUE(app_->organization().Import(orgfile::Emit(org), "o", {"a"}));
  auto after = *app_->organization().Current();
  EXPECT_NE(after, before);
  EXPECT_EQ(after->company.name, "変更後");
  auto reported = app_->incidents().Report({.title = "c"}, {"p-tanaka"});
  ASSERT_TRUE(reported) << reported.error().ToString();
  EXPECT_EQ(*app_->organization().Current(), after);
}

TEST_F(AppTest, InvalidFileChangesNothing) {
  ASSERT_TRUE(app_->organization().Import(orgfile::Emit(core::SmallOrganization()), "o", {"a"}));
  auto head = app_->journal().Head();
  auto r = app_->organization().Import(
      "company: {name: X}\npeople: 3\nsystems: [{id: s, tier: z}]\n", "broken.yaml", {"a"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_GE(r.error().details.size(), 2u);
  for (const Detail& d : r.error().details) EXPECT_FALSE(d.msg.empty()) << d;
  EXPECT_EQ(app_->journal().Head()->hash, head->hash);
  EXPECT_EQ(**app_->organization().Current(), core::SmallOrganization());
}

TEST_F(AppTest, ExportRoundTrips) {
  std::string text = orgfile::Emit(core::SmallOrganization());
  ASSERT_TRUE(app_->organization().Import(text, "org.yaml", {"a"}));
  EXPECT_EQ(*app_->organization().Export(), text);
}

TEST_F(AppTest, ListsFilterAndPaginate) {
  ASSERT_TRUE(app_->organization().Import(orgfile::Emit(core::SmallOrganization()), "o", {"a"}));
  auto tier_a = app_->organization().ListSystems({.tier = core::Tier::kA}, {});
  ASSERT_TRUE(tier_a);
  EXPECT_EQ(tier_a->total, 2u);
  auto page = app_->organization().ListSystems({}, {.offset = 1, .limit = 1});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 3u);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].system.id, "core-network");
  EXPECT_THAT(page->items[0].dependents, ElementsAre("orders"));
  auto beyond = app_->organization().ListPeople({}, {.offset = 10, .limit = 5});
  ASSERT_TRUE(beyond);
  EXPECT_TRUE(beyond->items.empty());
  EXPECT_EQ(beyond->total, 3u);
  auto it_people = app_->organization().ListPeople({.department = "it-dept"}, {});
  ASSERT_EQ(it_people->items.size(), 1u);
  EXPECT_EQ(it_people->items[0].roles.size(), 2u);  // IS staff, and deputy chair
  auto missing = app_->organization().GetSystem("nope");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  auto huge = app_->organization().ListContacts({}, {.offset = 0, .limit = 100000});
  EXPECT_EQ(huge->limit, PageRequest::kMaxLimit);
}

}  // namespace
}  // namespace sokuo::app
