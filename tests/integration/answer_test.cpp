// Reads that the server answers again from what it made before, while nothing has changed
// (Route::same_per_head): every change ends them, whoever made it, and no caller is given what
// was made for another.
#include <chrono>
#include <thread>

#include <httplib.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "integration/server.h"

namespace sokuo::testing {
namespace {

class AnswerTest : public ::testing::Test {
 protected:
  void SetUp() override { server_.Start("answer"); }
  void TearDown() override { EXPECT_EQ(server_.Stop(), 0); }

  int Total(const std::string& person, const std::string& query = "") {
    Reply r = server_.Send("GET", "/api/v1/incidents" + query, nullptr, person);
    EXPECT_EQ(r.status, 200) << r.body.dump();
    return r.body.value("total", -1);
  }

  SokuoServer server_;
};

TEST_F(AnswerTest, EveryChangeIsSeenAndEachCallerGetsTheirOwn) {
  EXPECT_EQ(Total("p-fujita"), 0);
  EXPECT_EQ(Total("p-fujita"), 0);  // the same answer again
  // A change through the API is seen by the next read.
  ASSERT_EQ(server_
                .Send("POST", "/api/v1/incidents",
                      {{"title", "営業部の端末で不審な通信"}, {"restricted", true}}, "p-fujita")
                .status,
            201);
  EXPECT_EQ(Total("p-fujita"), 1);
  // The same target for another caller is not the first caller's answer: a restricted incident
  // is not shown to someone outside it.
  EXPECT_EQ(Total("p-yamada"), 0);
  EXPECT_EQ(Total("p-fujita"), 1);
  // Nor for another query or language.
  EXPECT_EQ(Total("p-fujita", "?state=closed"), 0);
  auto in = [&](const char* lang) {
    httplib::Headers headers{{"Authorization", "Bearer " + server_.TokenFor("p-fujita")},
                             {"Accept-Language", lang}};
    Reply r = server_.SendWith("GET", "/api/v1/incidents", "", "application/json", headers);
    EXPECT_EQ(r.status, 200);
    return r;
  };
  Reply en = in("en");
  Reply ja = in("ja");
  EXPECT_NE(en.body["items"][0]["priority"]["reasons"], ja.body["items"][0]["priority"]["reasons"]);

  // A change by another process (the command line beside the server) is seen as well: the
  // server reads the journal head again at most a millisecond later.
  Outcome cli = server_.Cli({"--as", "p-fujita", "incident", "report", "--title", "CLIからの報告"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(Total("p-fujita"), 2);
  // And a person's roles, which come from the organization and the account, change what they
  // may read at once: a disabled account gets nothing.
  ASSERT_EQ(server_.Cli({"user", "disable", "p-fujita"}).exit_code, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(server_.Send("GET", "/api/v1/incidents", nullptr, "p-fujita").status, 401);
}

}  // namespace
}  // namespace sokuo::testing
