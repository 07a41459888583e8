// What only the PostgreSQL store has (the behaviour both stores share is in
// store_contract_test.cpp): its schema from the shared description, several servers writing
// over one database, a read-only standby, and a connection that breaks.
#include "store/postgres/pg_store.h"

#include "base/sha256.h"
#include "store/postgres/pg_blob_store.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/org_fixture.h"
#include "store/incident_rows.h"
#include "store/migrations.h"
#include "store/org_rows.h"
#include "store/postgres/pg_connection.h"
#include "store/store_test_db.h"

namespace sokuo::store {
namespace {

using ::testing::HasSubstr;

TEST(PostgresSchemaTest, RendersTheSharedDescription) {
  Migration m{1, "t", R"sql(
CREATE TABLE a (
  id TEXT PRIMARY KEY,
  n INTEGER NOT NULL,
  b TEXT REFERENCES b(id) DEFERRABLE INITIALLY DEFERRED,
  c TEXT NOT NULL REFERENCES c(id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX a_n ON a(n);
)sql"};
  EXPECT_EQ(pg::RenderMigration(m), R"sql(
CREATE TABLE a (
  id TEXT PRIMARY KEY,
  n BIGINT NOT NULL,
  b TEXT,
  c TEXT NOT NULL
);
CREATE INDEX a_n ON a(n);
ALTER TABLE a ADD FOREIGN KEY (b) REFERENCES b(id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE a ADD FOREIGN KEY (c) REFERENCES c(id) DEFERRABLE INITIALLY DEFERRED;
)sql");
  Migration own{2, "t", "CREATE VIRTUAL TABLE x USING fts5(y);", "CREATE INDEX x ON a(n);"};
  EXPECT_EQ(pg::RenderMigration(own), "CREATE INDEX x ON a(n);");
  // Every migration of the list renders without SQLite's own words.
  for (const Migration& each : Migrations()) {
    std::string sql = pg::RenderMigration(each);
    EXPECT_THAT(sql, ::testing::Not(HasSubstr("INTEGER"))) << each.version;
    EXPECT_THAT(sql, ::testing::Not(HasSubstr("ROWID"))) << each.version;
    EXPECT_THAT(sql, ::testing::Not(HasSubstr("json_"))) << each.version;
  }
}

class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    db_ = TestDatabase::Make(Engine::kPostgres, why);
    if (!db_) GTEST_SKIP() << why;
    auto s = db_->Open();
    ASSERT_TRUE(s) << s.error().ToString();
    store_ = std::move(*s);
    ASSERT_TRUE(Import(*store_));
  }

  static Result<void> Import(Store& store) {
    return store.Write([&](Tx& tx) -> Result<void> {
      TRY(ReplaceOrganization(tx, core::SmallOrganization()));
      TRY(tx.Append({.at = {}, .actor = "t", .action = "org.import", .subject = "org"}));
      return {};
    });
  }

  // Reports the next incident of 2026 on `store`, as the application does.
  static Result<void> Report(Store& store) {
    return store.Write([&](Tx& tx) -> Result<void> {
      ASSIGN_OR_RETURN(int n, NextIncidentNumber(tx, 2026));
      core::Incident i{.key = core::IncidentKey(2026, n), .year = 2026, .number = n, .title = "x"};
      i.reported_at = "2026-11-26T00:00:00Z";
      TRY(SaveIncident(tx, i));
      TRY(tx.Append({.at = {}, .actor = "t", .action = "incident.report", .subject = i.key}));
      return {};
    });
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Store> store_;
};

TEST(PostgresConnectTest, WaitsTenSecondsForAServerUnlessTold) {
  if (const char* set = std::getenv("PGCONNECT_TIMEOUT"); set != nullptr && *set != '\0') {
    GTEST_SKIP() << "PGCONNECT_TIMEOUT is set here (" << set << "); libpq takes it as told";
  }
  // What libpq reads, written again with the time added, whatever the form.
  EXPECT_EQ(pg::WithConnectTimeout("postgresql://u@db/sokuo"),
            "user='u' dbname='sokuo' host='db' connect_timeout='10'");
  EXPECT_EQ(pg::WithConnectTimeout("postgres://u@db:5433/sokuo?sslmode=require"),
            "user='u' dbname='sokuo' host='db' port='5433' sslmode='require' "
            "connect_timeout='10'");
  EXPECT_EQ(pg::WithConnectTimeout("host=db dbname=sokuo"),
            "dbname='sokuo' host='db' connect_timeout='10'");
  // An empty query, a '?' in a password, a backslash or a quote in a value keep their meaning.
  EXPECT_EQ(pg::WithConnectTimeout("postgresql://db/s?"),
            "dbname='s' host='db' connect_timeout='10'");
  EXPECT_EQ(pg::WithConnectTimeout("postgresql://u:p%3Fss@db/s"),
            "user='u' password='p?ss' dbname='s' host='db' connect_timeout='10'");
  EXPECT_EQ(pg::WithConnectTimeout(R"(host=db password='a\\b c\'d')"),
            R"(password='a\\b c\'d' host='db' connect_timeout='10')");
  // A time the connection string gives (or a service file may give) is kept, and what libpq
  // cannot read is left to it.
  EXPECT_EQ(pg::WithConnectTimeout("host=db connect_timeout=3"), "host=db connect_timeout=3");
  EXPECT_EQ(pg::WithConnectTimeout("postgresql://db/s?connect_timeout=3"),
            "postgresql://db/s?connect_timeout=3");
  EXPECT_EQ(pg::WithConnectTimeout("service=site"), "service=site");
  EXPECT_EQ(pg::WithConnectTimeout("host='db"), "host='db");
}

TEST_F(PostgresStoreTest, AppliesAllMigrationsOnceAndRefusesANewerSchema) {
  auto* pg = dynamic_cast<PostgresStore*>(store_.get());
  ASSERT_NE(pg, nullptr);
  EXPECT_EQ(pg->SchemaVersion(), Migrations().back().version);
  auto again = db_->Open();  // a second server over the same database migrates nothing
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_EQ((*again)->Head()->seq, 1);
  ASSERT_TRUE(db_->Exec("UPDATE schema_version SET version = 999"));
  auto newer = db_->Open();
  ASSERT_FALSE(newer);
  EXPECT_THAT(newer.error().message, HasSubstr("newer than this sokuo"));
}

// Servers over one database take turns on the journal: under writes from two stores at once
// (two threads each), every key is taken once and the chain stays one chain.
TEST_F(PostgresStoreTest, TwoServersWritingAtOnceNeverTakeTheSameKey) {
  auto other = db_->Open();
  ASSERT_TRUE(other) << other.error().ToString();
  constexpr int kEach = 15;
  std::vector<std::thread> writers;
  std::atomic<int> failed{0};
  for (Store* s : {store_.get(), other->get()}) {
    for (int t = 0; t < 2; ++t) {
      writers.emplace_back([s, &failed] {
        for (int i = 0; i < kEach; ++i) {
          if (!Report(*s)) ++failed;
        }
      });
    }
  }
  for (auto& w : writers) w.join();
  EXPECT_EQ(failed.load(), 0);
  auto incidents = store_->Read("incidents");
  ASSERT_TRUE(incidents);
  ASSERT_EQ(incidents->size(), 4u * kEach);
  for (int n = 1; n <= 4 * kEach; ++n) {
    EXPECT_EQ(incidents->count(core::IncidentKey(2026, n)), 1u) << n;
  }
  EXPECT_EQ(store_->Head()->seq, 1 + 4 * kEach);
  auto report = (*other)->Verify();
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok()) << report->problems[0];
  EXPECT_EQ(report->entries, 1 + 4 * kEach);
}

// A standby that is not yet promoted takes no write: sokuo says so in words a person can act
// on, and still reads. (default_transaction_read_only stands in for a standby here; the
// replica's own refusal has the same SQLSTATE, 25006.)
TEST_F(PostgresStoreTest, AReadOnlyServerRefusesWritesClearlyAndStillReads) {
  std::string conninfo = db_->conninfo();
  conninfo.replace(conninfo.find("options='"), 9, "options='-c default_transaction_read_only=on ");
  auto standby = PostgresStore::Open({.conninfo = conninfo});
  ASSERT_TRUE(standby) << standby.error().ToString();
  auto refused = Report(**standby);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(refused.error().msg.code, "store.read_only");
  EXPECT_THAT(Render(refused.error().msg, Lang::kJa), HasSubstr("読み取り専用"));
  EXPECT_EQ((*standby)->Head()->seq, 1);
  EXPECT_EQ((*standby)->Read("incidents")->size(), 0u);
  EXPECT_TRUE((*standby)->Verify()->ok());
}

// A connection the server dropped (a restart, a failover) is opened again: the call that found
// it broken fails as unavailable, and the next one works.
TEST_F(PostgresStoreTest, ABrokenConnectionIsOpenedAgain) {
  ASSERT_TRUE(db_->Exec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
      "AND application_name = '" +
      db_->application_name() + "'"));
  auto first = Report(*store_);
  if (!first) {
    EXPECT_EQ(first.error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(first.error().msg.code, "store.unavailable");
  }
  ASSERT_TRUE(Report(*store_));
  ASSERT_TRUE(store_->Head());
  EXPECT_TRUE(store_->Verify()->ok());
}

// Counts a store's OnChange calls; Await waits until there were at least `n`.
class Told {
 public:
  std::function<void()> Listener() {
    return [this] {
      std::lock_guard lock(mu_);
      ++count_;
      cv_.notify_all();
    };
  }
  bool Await(int n, std::chrono::seconds limit = std::chrono::seconds(10)) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, limit, [&] { return count_ >= n; });
  }
  int count() {
    std::lock_guard lock(mu_);
    return count_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int count_ = 0;
};

// Live updates across servers (LISTEN/NOTIFY): a store hears another server's commit, its own
// once, nothing from sokuo over another schema, and again after its listening connection was
// cut (then once more for what it may have missed).
TEST_F(PostgresStoreTest, HearsEveryServersCommitsAndListensAgainAfterAFailure) {
  EXPECT_EQ(pg::ChangeChannel("sokuo_1"), "sokuo_sokuo_1");
  EXPECT_EQ(pg::ChangeChannel("Ab-c"), "sokuo_x41bx2dc");
  EXPECT_EQ(pg::ChangeChannel(std::string(100, 'a')).size(), 63u);
  auto other = db_->Open();
  ASSERT_TRUE(other) << other.error().ToString();
  std::string why;
  auto elsewhere_db = TestDatabase::Make(Engine::kPostgres, why);  // another schema
  ASSERT_TRUE(elsewhere_db) << why;
  auto elsewhere = elsewhere_db->Open();
  ASSERT_TRUE(elsewhere) << elsewhere.error().ToString();
  Told told;
  store_->OnChange(told.Listener());
  // Listening starts on a thread of its own: a write is heard once it is up.
  for (int i = 0; i < 20 && told.count() == 0; ++i) {
    ASSERT_TRUE(Report(**other));
    (void)told.Await(1, std::chrono::seconds(1));
  }
  ASSERT_TRUE(told.Await(1)) << "another server's commit was never heard";
  int before = told.count();
  ASSERT_TRUE(Report(**other));
  EXPECT_TRUE(told.Await(before + 1)) << "another server's commit was not heard";
  before = told.count();
  ASSERT_TRUE(Report(*store_));  // its own: told at commit, and its NOTIFY is not told again
  EXPECT_EQ(told.count(), before + 1);
  ASSERT_TRUE(Import(**elsewhere));  // another schema
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(told.count(), before + 1) << "heard its own NOTIFY, or another schema's";

  ASSERT_TRUE(db_->Exec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
      "AND application_name = '" +
      db_->application_name() + "' AND query LIKE 'LISTEN%'"));
  EXPECT_TRUE(told.Await(before + 2)) << "no news after listening again";
  before = told.count();
  bool reported = false;
  for (int i = 0; i < 3 && !reported; ++i) reported = Report(**other).has_value();
  ASSERT_TRUE(reported);
  EXPECT_TRUE(told.Await(before + 1)) << "another server's commit was not heard after the cut";
  store_->OnChange({});
}

// Evidence in the database: files across several parts read back by any range, the same bytes
// kept once, and an upload that fails or is too large leaves nothing.
TEST_F(PostgresStoreTest, EvidenceIsKeptInPartsAndReadBackByRange) {
  PgBlobStore blobs(db_->conninfo(), 3 * PgBlobStore::kPart);
  std::string bytes;
  std::mt19937 random(7);
  for (size_t i = 0; i < 2 * PgBlobStore::kPart + 12345; ++i) {
    bytes += static_cast<char>(random());  // every byte value, NUL included
  }
  size_t offered = 0;
  ByteSource source = [&](size_t max) -> Result<std::string> {
    std::string piece =
        bytes.substr(std::min(offered, bytes.size()), std::min<size_t>(max, 777777));
    offered += piece.size();
    return piece;
  };
  auto stored = blobs.PutFrom(source);
  ASSERT_TRUE(stored) << stored.error().ToString();
  EXPECT_EQ(stored->sha256, Sha256Hex(bytes));
  EXPECT_EQ(stored->bytes, bytes.size());
  auto got = blobs.Get(stored->sha256);
  ASSERT_TRUE(got) << got.error().ToString();
  EXPECT_EQ(got->size(), bytes.size());
  EXPECT_TRUE(*got == bytes);
  EXPECT_EQ(*blobs.Verify(stored->sha256), bytes.size());
  for (uint64_t offset : {uint64_t{0}, uint64_t{1}, uint64_t{PgBlobStore::kPart - 3},
                          uint64_t{PgBlobStore::kPart}, uint64_t{2 * PgBlobStore::kPart + 12000}}) {
    EXPECT_EQ(*blobs.ReadAt(stored->sha256, offset, 5000), bytes.substr(offset, 5000)) << offset;
  }
  EXPECT_EQ(*blobs.ReadAt(stored->sha256, bytes.size(), 10), "");
  EXPECT_EQ(*blobs.Put(bytes), stored->sha256);  // the same bytes again: kept once

  std::string small = "Failed password for root\n";
  std::string sha = *blobs.Put(small);
  EXPECT_EQ(*blobs.Get(sha), small);
  ASSERT_TRUE(blobs.Remove(sha));
  EXPECT_EQ(blobs.Get(sha).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(blobs.Remove(sha));  // gone already: not an error
  EXPECT_EQ(blobs.Get("../etc/passwd").error().code, ErrorCode::kInvalidInput);

  PgBlobStore tight(db_->conninfo(), 1000);
  auto too_large = tight.PutFrom(BytesSource(std::string(1001, 'x')));
  ASSERT_FALSE(too_large);
  EXPECT_EQ(too_large.error().code, ErrorCode::kPayloadTooLarge);
  auto empty = blobs.PutFrom(BytesSource(""));
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->bytes, 0u);

  // Edited in the database: the file no longer matches its name.
  ASSERT_TRUE(db_->Exec("UPDATE evidence_parts SET bytes = 'x' WHERE part = 1"));
  EXPECT_EQ(blobs.Verify(stored->sha256).error().code, ErrorCode::kIntegrity);
  // Nothing of the refused or empty uploads is left: only the first file's three parts.
  ASSERT_TRUE(
      db_->Exec("DO $$ BEGIN IF (SELECT count(*) FROM evidence_parts) <> 3 THEN "
                "RAISE EXCEPTION 'left over'; END IF; END $$"));
}

}  // namespace
}  // namespace sokuo::store
