// G5.1.4, the backup site: a primary PostgreSQL with a synchronous standby, two sokuo servers
// over the primary and one over the standby. Under reports through both primary servers, the
// primary dies (SIGKILL); the standby is promoted, and the backup site's sokuo, read-only until
// then, takes reports. Every report that was acknowledged is there, each under a key of its own,
// and the journal verifies. Real clusters on Unix sockets (scripts/test-postgres).
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "integration/server.h"

namespace sokuo::testing {
namespace {

using ::testing::HasSubstr;

// PostgreSQL's server programs, or "" when they are not installed.
std::string PostgresBin() {
  std::error_code ec;
  for (const auto& version : std::filesystem::directory_iterator("/usr/lib/postgresql", ec)) {
    if (std::filesystem::exists(version.path() / "bin" / "initdb")) return version.path() / "bin";
  }
  return "";
}

class FailoverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (PostgresBin().empty()) {
      GTEST_SKIP() << "PostgreSQL's server programs are not installed (scripts/bootstrap "
                      "installs the package postgresql)";
    }
    std::string base = "/tmp/sokuo-fo-" + std::to_string(::getpid());
    primary_ = base + "-p";
    standby_ = base + "-s";
    ASSERT_EQ(Cluster("primary", primary_), 0);
    ASSERT_EQ(Cluster("standby", standby_, primary_), 0);
  }
  void TearDown() override {
    for (SokuoServer* s : {&a_, &b_, &backup_}) s->Stop();
    if (!primary_.empty()) {
      Cluster("stop", primary_);
      Cluster("stop", standby_);
    }
  }

  static int Cluster(const std::string& command, const std::string& dir,
                     const std::string& more = "") {
    std::string line = std::string(SOKUO_SOURCE_DIR) + "/scripts/test-postgres " + command + " " +
                       dir + (more.empty() ? "" : " " + more);
    return std::system(line.c_str());
  }
  static std::string Url(const std::string& dir) {
    return "postgresql://postgres@/postgres?host=" + dir + "&port=5432";
  }
  static Reply Post(SokuoServer& s, const std::string& token, const std::string& title) {
    return s.SendWith("POST", "/api/v1/incidents", Json{{"title", title}}.dump(),
                      "application/json", {{"Authorization", "Bearer " + token}});
  }
  // The same from the load's threads: without the OpenAPI check, which answers one at a time;
  // the status and the key.
  static std::pair<int, std::string> Load(SokuoServer& s, const std::string& token,
                                          const std::string& title) {
    httplib::Client client("127.0.0.1", s.port());
    client.set_read_timeout(30, 0);
    auto r = client.Post("/api/v1/incidents", {{"Authorization", "Bearer " + token}},
                         Json{{"title", title}}.dump(), "application/json");
    if (!r || r->status != 201) return {r ? r->status : 0, ""};
    return {201, Json::parse(r->body, nullptr, false).value("key", "")};
  }

  std::string primary_, standby_;
  SokuoServer a_, b_, backup_;
};

TEST_F(FailoverTest, TheBackupSiteTakesOverWithEveryAcknowledgedWrite) {
  a_.SetStore(Url(primary_));
  ASSERT_NO_FATAL_FAILURE(a_.Start("fo-a"));
  b_.SetStore(Url(primary_));
  ASSERT_NO_FATAL_FAILURE(b_.Attach("fo-b"));
  backup_.SetStore(Url(standby_));
  ASSERT_NO_FATAL_FAILURE(backup_.Attach("fo-backup"));
  std::string token = a_.TokenFor("p-fujita");
  ASSERT_FALSE(token.empty());

  // The backup site answers reads and says it is read-only; a write is refused in words.
  Reply health = backup_.Get("/api/v1/health");
  EXPECT_EQ(health.body["read_only"], true);
  EXPECT_EQ(a_.Get("/api/v1/health").body["read_only"], false);
  Reply refused = Post(backup_, token, "before the failover");
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(refused.body["code"], "store.read_only");
  EXPECT_THAT(refused.body.dump(), HasSubstr("read-only"));

  // Reports through both servers of the head office, from two threads each.
  std::mutex mu;
  std::map<std::string, std::string> acknowledged;  // key → title
  std::atomic<bool> stop{false};
  std::atomic<int> count{0};
  std::vector<std::thread> writers;
  for (SokuoServer* s : {&a_, &b_}) {
    for (int t = 0; t < 2; ++t) {
      writers.emplace_back([&, s, t] {
        for (int i = 0; !stop; ++i) {
          std::string title = "report " + std::to_string(s->port()) + "/" + std::to_string(t) +
                              "/" + std::to_string(i);
          auto [status, key] = Load(*s, token, title);
          if (status != 201) continue;
          std::lock_guard lock(mu);
          EXPECT_TRUE(acknowledged.emplace(key, title).second) << "a key given twice: " << key;
          ++count;
        }
      });
    }
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (count < 40 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(Cluster("kill", primary_), 0);  // while the writers go on
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  stop = true;
  for (auto& w : writers) w.join();
  ASSERT_GE(acknowledged.size(), 40u);

  // Failover: the standby is promoted, and the backup site's sokuo takes writes.
  ASSERT_EQ(Cluster("promote", standby_), 0);
  deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (backup_.Get("/api/v1/health").body["read_only"] != false &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  Reply after = Post(backup_, token, "after the failover");
  ASSERT_EQ(after.status, 201) << after.body.dump();

  // Every acknowledged report is there under its key, and the journal verifies.
  for (const auto& [key, title] : acknowledged) {
    Reply r = backup_.SendWith("GET", "/api/v1/incidents/" + key, "", "application/json",
                               {{"Authorization", "Bearer " + token}});
    ASSERT_EQ(r.status, 200) << key;
    EXPECT_EQ(r.body["title"], title) << key;
  }
  EXPECT_EQ(acknowledged.count(after.body["key"]), 0u);
  Outcome verify = backup_.Cli({"journal", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  std::cout << acknowledged.size() << " reports acknowledged before the primary died, all "
            << "found at the backup site; then " << after.body["key"] << " there\n";
}

}  // namespace
}  // namespace sokuo::testing
