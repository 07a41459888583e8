// A database written before the organization's described fields (core/org_fields.h) gained
// fields: its journal holds row images without them. Opening it with this sokuo must keep
// `journal verify` passing, read the new fields as their defaults, journal only real changes on
// re-import, and still catch tampering.
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "store/journal.h"
#include "store/org_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace sokuo::store {
namespace {

using nlohmann::json;

// Row images exactly as sokuo wrote them at schema version 4, before any field was added.
const std::vector<RowChange> kOldImages = {
    {"company", "company",
     json{{"id", "company"}, {"name", "旧社"}, {"name_en", "Old Co"}, {"time_zone", "Asia/Tokyo"}}},
    {"departments", "it-dept",
     json{{"id", "it-dept"},
          {"position", 0},
          {"name", "情報システム部"},
          {"name_en", ""},
          {"kind", "it"},
          {"head", "p-a"},
          {"parent", nullptr}}},
    {"people", "p-a",
     json{{"id", "p-a"},
          {"position", 0},
          {"name", "A"},
          {"name_en", ""},
          {"email", "a@example.jp"},
          {"phones", R"([{"kind":"mobile","number":"090"}])"},
          {"department", "it-dept"},
          {"title", ""},
          {"skills", "[]"}}},
    {"people", "p-b",
     json{{"id", "p-b"},
          {"position", 1},
          {"name", "B"},
          {"name_en", ""},
          {"email", ""},
          {"phones", "[]"},
          {"department", "it-dept"},
          {"title", "課長"},
          {"skills", "[]"}}},
    {"systems", "erp",
     json{{"id", "erp"},
          {"position", 0},
          {"name", "ERP"},
          {"name_en", ""},
          {"category", "application"},
          {"tier", "a"},
          {"owner", "it-dept"},
          {"customer_service", 0},
          {"product_development", 1},
          {"data", R"([{"confidentiality":"secret","name":"orders","personal_data":true}])"},
          {"depends_on", "[]"},
          {"rto_hours", 24},
          {"rpo_hours", nullptr},
          {"backup_method", "tape"},
          {"backup_frequency", "daily"},
          {"backup_last_verified", ""},
          {"redundancy", ""},
          {"alternate_site", ""},
          {"vendor", nullptr},
          {"degraded_mode", ""},
          {"workaround", ""}}},
};

class OrgUpgradeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sokuo-upgrade-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "sokuo.db").string();
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db_), SQLITE_OK);
  }
  void TearDown() override {
    if (db_ != nullptr) sqlite3_close(db_);
    std::filesystem::remove_all(dir_);
  }

  void Exec(const std::string& sql) {
    char* err = nullptr;
    ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << err;
  }

  void Insert(const std::string& table, const json& row) {
    std::string columns, marks;
    for (const auto& [name, value] : row.items()) {
      columns += (columns.empty() ? "" : ", ") + name;
      marks += marks.empty() ? "?" : ", ?";
    }
    std::string sql = "INSERT INTO " + table + " (" + columns + ") VALUES (" + marks + ")";
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK);
    int i = 1;
    for (const auto& [name, value] : row.items()) {
      if (value.is_null()) {
        sqlite3_bind_null(stmt, i++);
      } else if (value.is_number_integer()) {
        sqlite3_bind_int64(stmt, i++, value.get<int64_t>());
      } else {
        std::string text = value.get<std::string>();
        sqlite3_bind_text(stmt, i++, text.c_str(), -1, SQLITE_TRANSIENT);
      }
    }
    EXPECT_EQ(sqlite3_step(stmt), SQLITE_DONE);
    sqlite3_finalize(stmt);
  }

  // What sokuo at schema version 4 left behind after one `org import`.
  void WriteVersion4Database() {
    for (const Migration& m : Migrations()) {
      if (m.version <= 4) Exec(m.sql);
    }
    Exec("PRAGMA user_version = 4");
    for (const RowChange& c : kOldImages) Insert(c.table, *c.row);
    JournalEntry e = MakeEntry({0, kGenesisHash},
                               {.at = *ParseRfc3339("2026-01-05T00:00:00Z"),
                                .actor = "cli:admin",
                                .action = "org.import",
                                .subject = "org"},
                               kOldImages);
    Insert("journal", json{{"seq", e.seq},
                           {"at", e.at},
                           {"actor", e.actor},
                           {"action", e.action},
                           {"subject", e.subject},
                           {"body", e.body},
                           {"prev_hash", e.prev_hash},
                           {"hash", e.hash}});
    sqlite3_close(db_);
    db_ = nullptr;
  }

  Result<void> Import(SqliteStore& store, const core::Organization& org) {
    return store.Write([&](Tx& tx) -> Result<void> {
      ASSIGN_OR_RETURN(auto changes, ReplaceOrganization(tx, org));
      if (changes.empty()) return {};
      TRY(tx.Append({.at = *ParseRfc3339("2026-11-26T00:00:00Z"),
                     .actor = "test",
                     .action = "org.import",
                     .subject = "org"}));
      return {};
    });
  }

  std::filesystem::path dir_;
  std::string path_;
  sqlite3* db_ = nullptr;
};

TEST_F(OrgUpgradeTest, AVersion4DatabaseVerifiesAndReimportsOnlyRealChanges) {
  WriteVersion4Database();
  auto opened = SqliteStore::Open({.path = path_});
  ASSERT_TRUE(opened) << opened.error().ToString();
  SqliteStore& store = **opened;
  EXPECT_EQ(store.SchemaVersion(), Migrations().back().version);
  auto report = store.Verify();
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok()) << report->problems[0];

  auto org = LoadOrganization(store);
  ASSERT_TRUE(org) << org.error().ToString();
  EXPECT_TRUE(org->people[1].available_for_emergency_work);  // absent means the default
  EXPECT_FALSE(org->systems[0].restore_effort_hours);
  EXPECT_EQ(org->systems[0].backup.method, "tape");
  ASSERT_TRUE(Import(store, *org));  // the same organization: nothing to journal
  EXPECT_EQ(store.Head()->seq, 1);

  org->people[1].available_for_emergency_work = false;
  org->systems[0].restore_effort_hours = 40;
  ASSERT_TRUE(Import(store, *org));
  auto entries = store.ReadJournal({.after_seq = 1});
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 1u);
  json changes = json::parse((*entries)[0].body)["changes"];
  ASSERT_EQ(changes.size(), 2u);  // the old rows stay as they were written
  EXPECT_EQ(changes[0]["table"], "org_extensions");
  EXPECT_EQ(changes[0]["id"], "people/p-b");
  EXPECT_EQ(changes[1]["id"], "systems/erp");
  EXPECT_EQ(*LoadOrganization(store), *org);
  report = store.Verify();
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok()) << report->problems[0];
}

TEST_F(OrgUpgradeTest, TamperingIsStillCaughtInOldAndNewRows) {
  struct Case {
    const char* sql;
    const char* problem;
  };
  const Case cases[] = {
      {"UPDATE people SET title = '部長' WHERE id = 'p-b'",
       "entry 1: row people/p-b differs from what it wrote"},
      {"UPDATE org_extensions SET value = '{}' WHERE id = 'people/p-b'",
       "entry 2: row org_extensions/people/p-b differs from what it wrote"},
      {"INSERT INTO org_extensions (id, value) VALUES ('people/p-a', "
       "'{\"available_for_emergency_work\":false}')",
       "row org_extensions/people/p-a was not written by any journal entry"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.sql);
    TearDown();
    SetUp();
    WriteVersion4Database();
    {
      auto opened = SqliteStore::Open({.path = path_});
      ASSERT_TRUE(opened) << opened.error().ToString();
      auto org = LoadOrganization(**opened);
      ASSERT_TRUE(org);
      org->people[1].available_for_emergency_work = false;
      ASSERT_TRUE(Import(**opened, *org));
    }
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db_), SQLITE_OK);
    Exec(c.sql);
    auto opened = SqliteStore::Open({.path = path_});
    ASSERT_TRUE(opened);
    auto report = (*opened)->Verify();
    ASSERT_TRUE(report);
    ASSERT_FALSE(report->ok());
    bool found = false;
    for (const auto& p : report->problems) {
      found |= Render(p, Lang::kEn).find(c.problem) != std::string::npos;
    }
    EXPECT_TRUE(found) << report->problems[0];
  }
}

}  // namespace
}  // namespace sokuo::store
