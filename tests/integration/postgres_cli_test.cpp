// The CLI with its records in PostgreSQL (--store, or the data directory's file `store`): the
// real binary against the cluster that ctest starts for the tests (scripts/test-postgres), each
// test in a schema of its own. The choice of store and its errors are tested without it.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "integration/postgres.h"
#include "integration/process.h"

namespace sokuo::testing {
namespace {

using ::testing::HasSubstr;

class PostgresCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sokuo-pgcli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    data_ = (dir_ / "data").string();
  }
  void TearDown() override {
    pg_.reset();  // its schema dropped
    std::filesystem::remove_all(dir_);
  }

  // A fresh schema in the test cluster, as a --store URL; "" with the reason when there is none.
  std::string FreshStore(std::string& why) {
    pg_ = std::make_unique<PostgresSchema>();
    if (!pg_->Create(why)) return "";
    schema_ = pg_->name();
    return pg_->Url();
  }
  int Psql(const std::string& sql) { return pg_->Psql(sql); }

  Outcome Sokuo(std::vector<std::string> args) {
    args.insert(args.begin(), {SOKUO_BINARY, "--data", data_});
    return RunSokuo(args, dir_);
  }
  std::string Example() const { return std::string(SOKUO_SOURCE_DIR) + "/examples/org.yaml"; }

  std::filesystem::path dir_;
  std::string data_, schema_;
  std::unique_ptr<PostgresSchema> pg_;
};

// A newcomer's first steps with PostgreSQL: init, an incident with evidence (kept in the
// database), verify; the data directory's file `store` names the store for the next commands.
// Evidence and rows edited in the database are found.
TEST_F(PostgresCliTest, AnIncidentIsRunAndVerifiedWithTheRecordsInPostgres) {
  std::string why;
  std::string store = FreshStore(why);
  if (store.empty()) GTEST_SKIP() << why;
  Outcome init = Sokuo({"--store", store, "init", "--org", Example()});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_THAT(init.out, HasSubstr("imported (journal entry 1)"));
  EXPECT_FALSE(std::filesystem::exists(data_ + "/sokuo.db"));

  std::ofstream(data_ + "/store") << store << "\n";
  Outcome report = Sokuo({"--as", "p-yamada", "incident", "report", "--title", "不審なログイン",
                          "--system", "file-server"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  std::string key = report.out.substr(0, report.out.find(' '));
  EXPECT_THAT(key, ::testing::EndsWith("-0001"));
  std::ofstream(dir_ / "auth.log") << "Failed password for root from 203.0.113.9\n";
  Outcome added = Sokuo({"--as", "p-fujita", "evidence", "add", key, (dir_ / "auth.log").string(),
                         "--kind", "access_log"});
  ASSERT_EQ(added.exit_code, 0) << added.err;

  Outcome verify = Sokuo({"journal", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  EXPECT_THAT(verify.out, HasSubstr("ok: 1 evidence file as recorded"));
  auto shown = nlohmann::json::parse(Sokuo({"--json", "incident", "show", key}).out);
  EXPECT_EQ(shown["title"], "不審なログイン");

  // The evidence is in the database, with the records: nothing stays in the data directory.
  EXPECT_TRUE(std::filesystem::is_empty(data_ + "/evidence"));
  ASSERT_EQ(Psql("UPDATE " + schema_ + ".evidence_parts SET bytes = 'x'"), 0);
  Outcome changed = Sokuo({"journal", "verify"});
  EXPECT_EQ(changed.exit_code, 5) << changed.out;
  EXPECT_THAT(changed.out, HasSubstr("evidence #1 of " + key + " (auth.log)"));

  // A row edited behind sokuo's back, as with psql: verify names it.
  ASSERT_EQ(Psql("UPDATE " + schema_ + ".incidents SET data = replace(data, '不審', '無害')"), 0);
  Outcome tampered = Sokuo({"journal", "verify"});
  EXPECT_EQ(tampered.exit_code, 5) << tampered.out;
  EXPECT_THAT(tampered.out, HasSubstr("row incidents/" + key));
}

// A company moves its records from the data directory to PostgreSQL and back: everything goes,
// evidence included, and the journal verifies on both sides with the same head. A destination
// that holds records, and a source that does not verify, are refused.
TEST_F(PostgresCliTest, AStoreIsCopiedToPostgresAndBackWithItsEvidence) {
  std::string why;
  std::string pg = FreshStore(why);
  if (pg.empty()) GTEST_SKIP() << why;
  ASSERT_EQ(Sokuo({"init", "--org", Example()}).exit_code, 0);
  Outcome report = Sokuo(
      {"--as", "p-yamada", "incident", "report", "--title", "持ち出し", "--system", "file-server"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  std::string key = report.out.substr(0, report.out.find(' '));
  std::ofstream(dir_ / "secure") << "Accepted publickey for admin from 198.51.100.7\n";
  ASSERT_EQ(Sokuo({"--as", "p-fujita", "evidence", "add", key, (dir_ / "secure").string(), "--kind",
                   "access_log"})
                .exit_code,
            0);
  std::string head = Sokuo({"journal", "head"}).out;

  Outcome there = Sokuo({"store", "copy", "--from", "sqlite:" + data_, "--to", pg});
  ASSERT_EQ(there.exit_code, 0) << there.err;
  EXPECT_THAT(there.out, HasSubstr("1 evidence files"));
  EXPECT_THAT(there.out, HasSubstr("the journal verifies on both sides, with the same head " +
                                   head.substr(0, head.size() - 1)));
  EXPECT_EQ(Sokuo({"--store", pg, "journal", "head"}).out, head);
  Outcome verified = Sokuo({"--store", pg, "journal", "verify"});
  EXPECT_EQ(verified.exit_code, 0) << verified.out;
  EXPECT_THAT(verified.out, HasSubstr("ok: 1 evidence file as recorded"));
  Outcome got = Sokuo({"--store", pg, "--as", "p-fujita", "evidence", "get", key, "1", "-o", "-"});
  EXPECT_EQ(got.exit_code, 0) << got.err;
  EXPECT_EQ(got.out, "Accepted publickey for admin from 198.51.100.7\n");

  Outcome twice = Sokuo({"store", "copy", "--from", "sqlite:" + data_, "--to", pg});
  EXPECT_EQ(twice.exit_code, 4);
  EXPECT_THAT(twice.err, HasSubstr("already holds records"));

  // The reading was recorded on the evidence's chain of custody: the head moved on.
  std::string pg_head = Sokuo({"--store", pg, "journal", "head"}).out;
  EXPECT_NE(pg_head, head);
  std::string back = (dir_ / "back").string();
  Outcome home = Sokuo({"--json", "store", "copy", "--from", pg, "--to", "sqlite:" + back});
  ASSERT_EQ(home.exit_code, 0) << home.err;
  auto body = nlohmann::json::parse(home.out);
  EXPECT_EQ(body["evidence_files"], 1);
  EXPECT_EQ(RunSokuo({SOKUO_BINARY, "--data", back, "journal", "head"}, dir_).out, pg_head);
  EXPECT_EQ(RunSokuo({SOKUO_BINARY, "--data", back, "journal", "verify"}, dir_).exit_code, 0);

  // Evidence changed in the source: nothing is copied.
  for (const auto& file : std::filesystem::directory_iterator(data_ + "/evidence")) {
    std::ofstream(file.path(), std::ios::app) << "later\n";
  }
  std::string third = (dir_ / "third").string();
  Outcome damaged =
      Sokuo({"store", "copy", "--from", "sqlite:" + data_, "--to", "sqlite:" + third});
  EXPECT_EQ(damaged.exit_code, 5);
  EXPECT_THAT(damaged.err, HasSubstr("does not verify"));
  EXPECT_EQ(RunSokuo({SOKUO_BINARY, "--data", third, "journal", "head"}, dir_).out.substr(0, 2),
            "0 ");
}

TEST_F(PostgresCliTest, AStoreThatIsNotOneOrCannotBeReachedIsSaidSo) {
  Outcome other = Sokuo({"--store", "mysql://db/sokuo", "journal", "head"});
  EXPECT_EQ(other.exit_code, 1);
  EXPECT_THAT(other.err, HasSubstr("'mysql://db/sokuo' is not a store"));
  Outcome ja = Sokuo({"--lang", "ja", "--store", "mysql://db/sokuo", "journal", "head"});
  EXPECT_THAT(ja.err, HasSubstr("は保存先として使えません"));

  Outcome down = Sokuo({"--store", "postgresql://sokuo@127.0.0.1:1/sokuo", "journal", "head"});
  EXPECT_EQ(down.exit_code, 13);
  EXPECT_THAT(down.err, HasSubstr("the database (PostgreSQL) cannot be reached"));
  EXPECT_THAT(down.err, ::testing::Not(HasSubstr("Connection refused")));  // that is for logs
}

}  // namespace
}  // namespace sokuo::testing
