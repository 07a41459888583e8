// G5.1.4, the backup site: a primary PostgreSQL with a synchronous standby, two sokuo servers
// over the primary and one over the standby. Reports come in through both primary servers, and
// their mails go out through a real SMTP server, each once. Under more reports the primary dies
// (SIGKILL); the standby is promoted, and the backup site's sokuo, read-only until then (where
// a person could still log in and read), takes reports. Every report that was acknowledged is
// there, each under a key of its own, and the journal verifies. Real clusters on Unix sockets
// (scripts/test-postgres).
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "integration/notify_sink.h"
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
  Sink sink;
  auto mail =
      std::filesystem::temp_directory_path() / ("sokuo-fo-mail-" + std::to_string(getpid()));
  std::filesystem::remove_all(mail);
  ASSERT_NO_FATAL_FAILURE(sink.Start(mail));
  ::setenv("SOKUO_TEST_HOOK_SECRET", "the failover test's hook key", 1);
  a_.SetStore(Url(primary_));
  ASSERT_NO_FATAL_FAILURE(a_.Start("fo-a", {}, sink.OrgFile()));
  b_.SetStore(Url(primary_));
  ASSERT_NO_FATAL_FAILURE(b_.Attach("fo-b"));
  backup_.SetStore(Url(standby_));
  ASSERT_NO_FATAL_FAILURE(backup_.Attach("fo-backup"));
  std::string token = a_.TokenFor("p-fujita");
  ASSERT_FALSE(token.empty());
  ASSERT_TRUE(a_.EnsureAccount("p-mori"));

  // The backup site answers reads and says it is read-only; a write is refused in words, and
  // a person can still log in there and read.
  Reply health = backup_.Get("/api/v1/health");
  EXPECT_EQ(health.body["read_only"], true);
  EXPECT_EQ(a_.Get("/api/v1/health").body["read_only"], false);
  Reply refused = Post(backup_, token, "before the failover");
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(refused.body["code"], "store.read_only");
  EXPECT_THAT(refused.body.dump(), HasSubstr("read-only"));
  Session at_backup = backup_.LogIn("p-mori");
  ASSERT_FALSE(at_backup.cookie.empty()) << "no login at the standby";
  EXPECT_EQ(backup_.SendAs(at_backup, "GET", "/api/v1/incidents").status, 200);

  // Reports through both servers of the head office, from two threads each, until `enough`
  // are acknowledged, or (`kill`) until then and, while they go on, the primary is killed.
  std::mutex mu;
  std::map<std::string, std::string> acknowledged;  // key → title
  std::atomic<int> count{0};
  auto load = [&](int enough, bool kill) {
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (SokuoServer* s : {&a_, &b_}) {
      for (int t = 0; t < 2; ++t) {
        writers.emplace_back([&, s, t] {
          for (int i = 0; !stop; ++i) {
            std::string title = "report " + std::to_string(s->port()) + "/" + std::to_string(t) +
                                "/" + std::to_string(count.load()) + "/" + std::to_string(i);
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
    while (count < enough && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (kill) {
      EXPECT_EQ(Cluster("kill", primary_), 0);  // while the writers go on
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    stop = true;
    for (auto& w : writers) w.join();
  };
  load(20, false);
  ASSERT_GE(acknowledged.size(), 20u);

  // Both servers send; each mail goes out once (by its idempotency key), and what the servers
  // hold as sent is what arrived.
  size_t mails_before_kill = ExpectEachMailOnce(a_, sink, 120);
  EXPECT_GE(mails_before_kill, 6 * acknowledged.size());  // the IS department's 6, each report

  load(static_cast<int>(acknowledged.size()) + 20, true);
  ASSERT_GE(acknowledged.size(), 40u);

  // Failover: the standby is promoted, and the backup site's sokuo takes writes.
  ASSERT_EQ(Cluster("promote", standby_), 0);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (backup_.Get("/api/v1/health").body["read_only"] != false &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  Reply after = Post(backup_, token, "after the failover");
  ASSERT_EQ(after.status, 201) << after.body.dump();
  // The login made at the standby (p-mori's only one) is in the journal now, and its session
  // goes on.
  EXPECT_TRUE(Eventually(
      [&] {
        Outcome o = backup_.Cli({"journal", "list", "--subject", "account:p-mori"});
        return o.exit_code == 0 && o.out.find("p-mori  auth.login") != std::string::npos;
      },
      30))
      << backup_.Cli({"journal", "list", "--subject", "account:p-mori"}).out;
  EXPECT_EQ(backup_.SendAs(at_backup, "GET", "/api/v1/incidents").status, 200);

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
            << "found at the backup site; then " << after.body["key"] << " there; "
            << mails_before_kill << " mails sent once each before the kill\n";
  std::filesystem::remove_all(mail);
}

}  // namespace
}  // namespace sokuo::testing
