// One data directory, one server, any number of CLI writers beside it; the directory's files
// are private; a busy database answers 503 with Retry-After and no SQLite text.
#include <sqlite3.h>
#include <sys/stat.h>

#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "integration/server.h"

namespace sokuo::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class DataDirTest : public ::testing::Test {
 protected:
  void SetUp() override { server_.Start("data-dir"); }
  void TearDown() override { EXPECT_EQ(server_.Stop(), 0); }

  static unsigned ModeOf(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return 0;
    return st.st_mode & 0777;
  }

  SokuoServer server_;
};

TEST_F(DataDirTest, OnlyOneServerServesADataDirectory) {
  Outcome second = server_.Cli({"serve", "--listen", "127.0.0.1:0"});
  EXPECT_EQ(second.exit_code, 4);
  EXPECT_THAT(second.err, HasSubstr("already serves " + server_.data()));
  EXPECT_THAT(second.err, HasSubstr("the CLI works beside it"));
  Outcome ja = server_.Cli({"--lang", "ja", "serve", "--listen", "127.0.0.1:0"});
  EXPECT_EQ(ja.exit_code, 4);
  EXPECT_THAT(ja.err, HasSubstr("すでに別の sokuo serve"));
  // The first server still answers, and the CLI still writes beside it.
  EXPECT_EQ(server_.Send("GET", "/api/v1/health").status, 200);
  Outcome report = server_.Cli({"--as", "p-okamoto", "incident", "report", "--title", "beside"});
  EXPECT_EQ(report.exit_code, 0) << report.err;
}

// The server and CLI processes write at the same moment: every write succeeds.
TEST_F(DataDirTest, CliAndServerWriteAtTheSameTime) {
  std::string token = server_.TokenFor("p-fujita");
  ASSERT_FALSE(token.empty());
  constexpr int kRequests = 30, kCommands = 8;
  std::vector<int> statuses;
  std::thread http([&] {
    for (int i = 0; i < kRequests; ++i) {
      httplib::Client client("127.0.0.1", server_.port());
      auto res =
          client.Post("/api/v1/incidents", {{"Authorization", "Bearer " + token}},
                      Json{{"title", "http " + std::to_string(i)}}.dump(), "application/json");
      statuses.push_back(res ? res->status : -1);
    }
  });
  std::vector<Outcome> outcomes;
  for (int i = 0; i < kCommands; ++i) {
    outcomes.push_back(server_.Cli(
        {"--as", "p-okamoto", "incident", "report", "--title", "cli " + std::to_string(i)}));
  }
  http.join();
  for (const Outcome& o : outcomes) EXPECT_EQ(o.exit_code, 0) << o.err;
  EXPECT_EQ(statuses, std::vector<int>(kRequests, 201));
  Outcome verify = server_.Cli({"journal", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST_F(DataDirTest, TheFilesSokuoCreatesArePrivate) {
  EXPECT_EQ(ModeOf(server_.data()), 0700u);
  for (const char* name : {"sokuo.db", "serve.lock"}) {
    EXPECT_EQ(ModeOf(server_.data() + "/" + name), 0600u) << name;
  }
  // SQLite removes its WAL files when the last connection closes; while they exist, they are
  // private too.
  for (const char* name : {"sokuo.db-wal", "sokuo.db-shm"}) {
    unsigned mode = ModeOf(server_.data() + "/" + name);
    if (mode != 0) {
      EXPECT_EQ(mode, 0600u) << name;
    }
  }
}

// A newer sokuo does not upgrade a database that a server, maybe of an older one, is serving:
// that server would go on writing as its own version does. With the server gone, it does.
TEST_F(DataDirTest, ADatabaseIsUpgradedOnlyWithNoServerOnIt) {
  std::string db_path = server_.data() + "/sokuo.db";
  auto version = [&](const char* set) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
    if (set != nullptr) {
      EXPECT_EQ(sqlite3_exec(db, set, nullptr, nullptr, nullptr), SQLITE_OK);
    }
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr);
    int v = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : -1;
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return v;
  };
  int newest = version(nullptr);
  ASSERT_GE(newest, 25);
  // As if the file were an older sokuo's, the server one of that version (the newest migration
  // then runs a second time, which it allows).
  ASSERT_EQ(version(("PRAGMA user_version = " + std::to_string(newest - 1)).c_str()), newest - 1);
  Outcome refused = server_.Cli({"journal", "verify"});
  EXPECT_EQ(refused.exit_code, 4) << refused.err;
  EXPECT_THAT(refused.err,
              HasSubstr("stop it before this sokuo upgrades the database (schema " +
                        std::to_string(newest - 1) + " to " + std::to_string(newest) + ")"));
  Outcome ja = server_.Cli({"--lang", "ja", "incident", "list"});
  EXPECT_EQ(ja.exit_code, 4);
  EXPECT_THAT(ja.err, HasSubstr("サーバーを止めてください"));
  EXPECT_EQ(version(nullptr), newest - 1);
  // The server stopped, the command line upgrades the file and works.
  server_.Kill();
  Outcome upgraded = server_.Cli({"journal", "verify"});
  EXPECT_EQ(upgraded.exit_code, 0) << upgraded.err;
  EXPECT_EQ(version(nullptr), newest);
  server_.Serve();
}

// Another process keeps the write lock past every wait (5 s of SQLite's, 2 s of sokuo's): the
// write is answered 503 with Retry-After, in sokuo's words; SQLite's text goes to the log.
TEST_F(DataDirTest, ABusyDatabaseAnswers503WithRetryAfterAndNoSqliteText) {
  std::string token = server_.TokenFor("p-fujita");
  ASSERT_FALSE(token.empty());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((server_.data() + "/sokuo.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  httplib::Client client("127.0.0.1", server_.port());
  client.set_read_timeout(30, 0);
  httplib::Headers headers{{"Authorization", "Bearer " + token}, {"Accept-Language", "en"}};
  std::string body = Json{{"title", "while busy"}}.dump();
  auto busy = client.Post("/api/v1/incidents", headers, body, "application/json");
  ASSERT_TRUE(busy);
  server_.CheckAgainstOpenApi("POST", "/api/v1/incidents", *busy);
  EXPECT_EQ(busy->status, 503);
  EXPECT_FALSE(busy->get_header_value("Retry-After").empty());
  Json problem = Json::parse(busy->body, nullptr, false);
  EXPECT_EQ(problem["code"], "store.busy");
  EXPECT_THAT(busy->body, Not(HasSubstr("database is locked")));
  EXPECT_THAT(busy->body, Not(HasSubstr("BEGIN")));
  EXPECT_THAT(server_.Errors(), HasSubstr("database is locked"));
  ASSERT_EQ(sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto after = client.Post("/api/v1/incidents", headers, body, "application/json");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 201);
}

}  // namespace
}  // namespace sokuo::testing
