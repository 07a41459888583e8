// The SQL of incident lists against the in-memory reference (store/incident_query.h), on SQLite
// and on PostgreSQL: the same rows, in the same order, with the same total, for random incidents
// and random queries.
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <random>
#include <thread>

#include <gtest/gtest.h>

#include "store/incident_query.h"
#include "store/incident_rows.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store_test_db.h"

namespace sokuo::store {
namespace {

const std::vector<std::string> kSystems = {"orders", "mail", "files", "hr-db"};
const std::vector<std::string> kDepartments = {"sales", "it-dept", "hr", "legal"};
const std::vector<std::string> kPeople = {"p-a", "p-b", "p-c", "p-d", "p-e"};
const std::vector<std::string> kCategories = {"", "malware", "unauthorized_access", "leak"};
// Title and summary pieces; the searches below look for parts of them.
const std::vector<std::string> kWords = {
    "ランサムウェア感染",
    "Phishing メール",
    "VPN の不審なログイン",
    "ファイルサーバ",
    "100% 停止",
    "under_score",
    "引用\"符",
    std::string("NUL\0を含む", 13)};  // PostgreSQL's jsonb refuses U+0000
const std::vector<std::string> kSearches = {"ランサム", "phishing", "PHISH", "VPN", "vp",
                                            "ログ",     "メ",       "100%",  "_",   "r_s",
                                            "\"",       "引用\"符", "なし"};

class IncidentListTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sokuo-list-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "sokuo.db").string();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Open() {
    auto s = SqliteStore::Open({.path = path_});
    ASSERT_TRUE(s) << s.error().ToString();
    store_ = std::move(*s);
  }

  template <class T>
  const T& Pick(const std::vector<T>& v) {
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng_)];
  }
  std::vector<std::string> Some(const std::vector<std::string>& v) {
    std::vector<std::string> out;
    for (const std::string& x : v) {
      if (rng_() % 3 == 0) out.push_back(x);
    }
    return out;
  }
  bool Coin(int one_in) { return rng_() % one_in == 0; }

  core::Incident RandomIncident(int year, int number) {
    core::Incident i{.key = core::IncidentKey(year, number), .year = year, .number = number};
    i.title = Pick(kWords) + " " + std::to_string(number);
    i.summary = Coin(2) ? Pick(kWords) : "";
    i.category = Pick(kCategories);
    i.systems = Some(kSystems);
    i.departments = Some(kDepartments);
    i.reporter_department = Coin(4) ? "" : Pick(kDepartments);
    i.reported_by = Coin(5) ? "" : Pick(kPeople);
    for (const std::string& p : Some(kPeople)) {
      i.participants.push_back(
          {p, Coin(3) ? core::ParticipantRole::kObserver : core::ParticipantRole::kResponder});
    }
    i.restricted = Coin(3);
    i.state = static_cast<core::IncidentState>(rng_() % 9);
    char at[32];
    std::snprintf(at, sizeof at, "%04d-%02d-%02dT%02d:00:00Z", year, 1 + int(rng_() % 12),
                  1 + int(rng_() % 28), int(rng_() % 24));
    i.reported_at = at;
    times_.push_back(i.reported_at);
    return i;
  }

  Result<void> Save(const core::Incident& i) {
    return store_->Write([&](Tx& tx) -> Result<void> {
      TRY(SaveIncident(tx, i));
      TRY(tx.Append({.at = {}, .actor = "t", .action = "incident.test", .subject = i.key}));
      return {};
    });
  }

  IncidentQuery RandomQuery() {
    IncidentQuery q;
    switch (rng_() % 4) {
      case 0:
        q.scope.everything = true;
        break;
      case 1:
        q.scope = {
            .person = Pick(kPeople), .unrestricted = true, .departments = Some(kDepartments)};
        break;
      default:
        q.scope = {.person = Coin(4) ? "" : Pick(kPeople), .departments = Some(kDepartments)};
    }
    if (Coin(4)) q.state = static_cast<core::IncidentState>(rng_() % 9);
    q.open_only = Coin(4);
    if (Coin(4)) q.system = Pick(kSystems);
    if (Coin(4)) q.department = Pick(kDepartments);
    if (Coin(5)) q.category = Pick(kCategories);
    // Bounds at times that incidents have: both ends of the interval are tried.
    if (Coin(4)) q.reported_since = Pick(times_);
    if (Coin(4)) q.reported_before = Pick(times_);
    if (Coin(3)) q.text = Pick(kSearches);
    if (Coin(3)) q.after = std::pair(2025 + int(rng_() % 3), int(rng_() % 80));
    q.offset = Coin(3) ? rng_() % 10 : 0;
    q.limit = 1 + rng_() % 25;
    return q;
  }

  static std::vector<std::string> Ids(const RowPage& r) {
    std::vector<std::string> out;
    for (const Row& row : r.rows) out.push_back(row.value("id", ""));
    return out;
  }

  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<Store> store_;
  std::mt19937 rng_{20261128};
  std::vector<std::string> times_;  // every reported_at made
};

// The same on each engine, over a fresh database of it (store_test_db.h).
class IncidentListSqlTest : public IncidentListTest, public ::testing::WithParamInterface<Engine> {
 protected:
  void SetUp() override {
    IncidentListTest::SetUp();
    if (std::string why = OpenFresh(GetParam(), db_, store_); !why.empty()) GTEST_SKIP() << why;
    ASSERT_TRUE(store_);
  }
  void TearDown() override {
    IncidentListTest::TearDown();
    db_.reset();
  }
  std::unique_ptr<TestDatabase> db_;
};

TEST_P(IncidentListSqlTest, SqlGivesTheReferenceAnswerForRandomQueries) {
  std::vector<core::Incident> all;
  for (int year : {2025, 2026}) {
    for (int n = 1; n <= 70; ++n) {
      all.push_back(RandomIncident(year, n));
      ASSERT_TRUE(Save(all.back()));
    }
  }
  // Changed after they were saved: the index follows an update.
  for (size_t k = 0; k < all.size(); k += 7) {
    core::Incident changed = RandomIncident(all[k].year, all[k].number);
    changed.title = "再調査 " + changed.title;
    ASSERT_TRUE(Save(changed));
  }
  size_t nonempty = 0;
  for (int n = 0; n < 400; ++n) {
    IncidentQuery q = RandomQuery();
    auto sql = store_->ListIncidentRows(q);
    auto reference = ListIncidentsInMemory(*store_, q);
    ASSERT_TRUE(sql) << sql.error().ToString();
    ASSERT_TRUE(reference) << reference.error().ToString();
    ASSERT_EQ(sql->total, reference->total) << "query " << n << " text '" << q.text << "'";
    ASSERT_EQ(Ids(*sql), Ids(*reference)) << "query " << n << " text '" << q.text << "'";
    ASSERT_LE(sql->rows.size(), q.limit);
    if (!sql->rows.empty()) ++nonempty;
    q.count = false;  // as EachIncident asks: the same page, no total
    auto uncounted = store_->ListIncidentRows(q);
    ASSERT_TRUE(uncounted) << uncounted.error().ToString();
    ASSERT_EQ(Ids(*uncounted), Ids(*sql)) << "query " << n << " without its count";
    ASSERT_EQ(uncounted->total, 0u);
  }
  EXPECT_GT(nonempty, 150u);  // the queries found things, not only empty pages
  // A search finds the new title, and no longer the words only the old one had.
  auto again = store_->ListIncidentRows({.scope = {.everything = true}, .text = "再調査"});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->total, (all.size() + 6) / 7);
}

TEST_P(IncidentListSqlTest, PagesByCursorCoverTheListOnce) {
  for (int n = 1; n <= 57; ++n) ASSERT_TRUE(Save(RandomIncident(2026, n)));
  IncidentQuery q{.scope = {.everything = true}, .limit = 10};
  std::vector<std::string> seen;
  for (int page = 0; page < 10; ++page) {
    auto r = store_->ListIncidentRows(q);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->total, 57u);
    for (const std::string& id : Ids(*r)) seen.push_back(id);
    if (r->rows.size() < q.limit) break;
    q.after = std::pair(2026, static_cast<int>(r->rows.back().value("number", 0)));
  }
  ASSERT_EQ(seen.size(), 57u);
  EXPECT_EQ(seen.front(), "INC-2026-0057");
  EXPECT_EQ(seen.back(), "INC-2026-0001");
}

// The store writes each incident's terms and text with its row (migration 25): after reports,
// changes and removals they are exactly what migration 18's triggers derived from the rows in
// SQL, and the text index holds each incident's title and summary.
TEST_F(IncidentListTest, TheStoreIndexesEachIncidentAsTheTriggersDid) {
  Open();
  std::vector<core::Incident> incidents;
  for (int n = 1; n <= 40; ++n) {
    incidents.push_back(RandomIncident(2026, n));
    ASSERT_TRUE(Save(incidents.back()));
  }
  for (int n = 0; n < 40; n += 2) {  // changed: other systems, people and words
    core::Incident changed = RandomIncident(2026, n + 1);
    ASSERT_TRUE(Save(changed));
  }
  for (int n = 0; n < 40; n += 7) {
    ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
      TRY(tx.Remove("incidents", incidents[n].key));
      TRY(tx.Append({.at = {}, .actor = "t", .action = "incident.test", .subject = "x"}));
      return {};
    }));
  }
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  auto rows = [&](const std::string& sql) {
    std::string out;
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
        const unsigned char* text = sqlite3_column_text(stmt, c);
        out += text ? reinterpret_cast<const char*>(text) : "NULL";
        out += '|';
      }
      out += '\n';
    }
    sqlite3_finalize(stmt);
    return out;
  };
  std::string terms = rows("SELECT kind, value, incident FROM incident_terms ORDER BY 1, 2, 3");
  EXPECT_EQ(
      terms,
      rows("SELECT kind, value, id FROM ("
           "SELECT 'system' AS kind, s.value, i.id FROM incidents i, "
           "json_each(i.data, '$.systems') s "
           "UNION SELECT 'department', d.value, i.id FROM incidents i, "
           "json_each(i.data, '$.departments') d "
           "UNION SELECT 'department', json_extract(i.data, '$.reporter_department'), i.id "
           "FROM incidents i "
           "UNION SELECT 'person', json_extract(i.data, '$.reported_by'), i.id FROM incidents i "
           "UNION SELECT 'person', json_extract(p.value, '$.person'), i.id FROM incidents i, "
           "json_each(i.data, '$.participants') p "
           "UNION SELECT 'category', json_extract(i.data, '$.category'), i.id FROM incidents i) "
           "WHERE value IS NOT NULL AND value <> '' ORDER BY 1, 2, 3"));
  EXPECT_GT(std::count(terms.begin(), terms.end(), '\n'), 100);
  EXPECT_EQ(rows("SELECT rowid, title, summary FROM incident_text ORDER BY rowid"),
            rows("SELECT year * 1000000 + number, coalesce(json_extract(data, '$.title'), ''), "
                 "coalesce(json_extract(data, '$.summary'), '') FROM incidents ORDER BY 1"));
  EXPECT_EQ(rows("SELECT count(*) FROM incidents"), "34|\n");
  EXPECT_EQ(rows("SELECT count(*) FROM incident_terms WHERE incident = 'INC-2026-0001'"), "0|\n");
  EXPECT_EQ(rows("SELECT count(*) FROM incident_text_queue"), "0|\n");
  EXPECT_EQ(rows("PRAGMA integrity_check"), "ok|\n");
  sqlite3_close(db);
}

// A database made before the list tables existed gets them filled when it is opened.
TEST_F(IncidentListTest, AnOlderDatabaseIsIndexedWhenOpened) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  auto exec = [&](const std::string& sql) {
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error ? error : "");
    sqlite3_free(error);
  };
  for (const Migration& m : Migrations()) {
    if (m.version <= 17) exec(m.sql);
  }
  exec("PRAGMA user_version = 17");
  core::Incident i = RandomIncident(2026, 3);
  i.title = "ランサムウェア感染（旧版で記録）";
  i.systems = {"files"};
  Row row = IncidentToRows(i)["incidents"][i.key];
  exec("INSERT INTO incidents (id, year, number, state, reported_at, restricted, data) VALUES ('" +
       i.key + "', 2026, 3, '" + row["state"].get<std::string>() + "', '" + i.reported_at + "', " +
       std::to_string(row["restricted"].get<int>()) + ", '" + row["data"].get<std::string>() +
       "')");
  sqlite3_close(db);
  Open();
  EXPECT_EQ(dynamic_cast<SqliteStore&>(*store_).SchemaVersion(), Migrations().back().version);
  IncidentQuery q{.scope = {.everything = true}, .system = "files", .text = "旧版"};
  auto r = store_->ListIncidentRows(q);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(Ids(*r), std::vector<std::string>{i.key});
}

// Writes committed together (group commit) are indexed together once the batch's works are run,
// a work that failed is not indexed at all, and nothing waits in the queue after the commit.
TEST_F(IncidentListTest, TheTextOfABatchOfWritesIsIndexedAndThatOfAFailedWriteIsNot) {
  Open();
  std::atomic<int> started = 0;
  std::vector<std::thread> writers;
  for (int t = 0; t < 8; ++t) {
    writers.emplace_back([&, t] {
      for (int k = 0; k < 10; ++k) {
        int number = t * 10 + k + 1;
        core::Incident i{.key = core::IncidentKey(2026, number), .year = 2026, .number = number};
        i.reported_at = "2026-11-28T00:00:00Z";
        bool fails = number % 5 == 0;
        i.title = (fails ? "取り消し" : "記録") + std::to_string(number);
        ++started;
        auto r = store_->Write([&](Tx& tx) -> Result<void> {
          TRY(SaveIncident(tx, i));
          TRY(tx.Append({.at = {}, .actor = "t", .action = "incident.test", .subject = i.key}));
          // The first write waits for the others to queue, so they commit as one batch.
          if (number == 1) {
            while (started < 8) std::this_thread::yield();
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
          }
          if (fails) return Fail(ErrorCode::kConflict, Msg("store.reference_missing"));
          return {};
        });
        EXPECT_EQ(r.has_value(), !fails) << number;
      }
    });
  }
  for (auto& w : writers) w.join();
  auto found = store_->ListIncidentRows({.scope = {.everything = true}, .text = "記録"});
  ASSERT_TRUE(found) << found.error().ToString();
  EXPECT_EQ(found->total, 64u);
  auto one = store_->ListIncidentRows({.scope = {.everything = true}, .text = "記録37"});
  ASSERT_TRUE(one);
  EXPECT_EQ(Ids(*one), std::vector<std::string>{"INC-2026-0037"});
  EXPECT_EQ(store_->ListIncidentRows({.scope = {.everything = true}, .text = "取り消し"})->total,
            0u);
  // A title changed later is found by its new words only.
  core::Incident renamed{.key = "INC-2026-0037", .year = 2026, .number = 37};
  renamed.reported_at = "2026-11-28T00:00:00Z";
  renamed.title = "改名";
  ASSERT_TRUE(Save(renamed));
  EXPECT_EQ(store_->ListIncidentRows({.scope = {.everything = true}, .text = "改名"})->total, 1u);
  EXPECT_EQ(store_->ListIncidentRows({.scope = {.everything = true}, .text = "記録37"})->total, 0u);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT count(*) FROM incident_text_queue", -1, &stmt, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), 0);
  sqlite3_finalize(stmt);
  EXPECT_EQ(sqlite3_exec(db, "INSERT INTO incident_text (incident_text) VALUES ('integrity-check')",
                         nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
}

INSTANTIATE_TEST_SUITE_P(Engines, IncidentListSqlTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), EngineName);

}  // namespace
}  // namespace sokuo::store
