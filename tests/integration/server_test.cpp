// A real `sokuo serve` on port 0 with a temporary data directory, read over HTTP.
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "integration/raw.h"
#include "integration/server.h"

namespace sokuo::testing {
namespace {

using ::testing::HasSubstr;

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new SokuoServer;
    server_->Start("server");
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(server_->Stop(), 0);
    delete server_;
    server_ = nullptr;
  }
  // Reads as the administrator, who may also read the journal.
  Reply Get(const std::string& path) { return server_->Send("GET", path, nullptr, "p-mori"); }

  static inline SokuoServer* server_ = nullptr;
};

TEST_F(ServerTest, Health) {
  Reply r = Get("/api/v1/health");
  EXPECT_EQ(r.status, 200);
  EXPECT_THAT(r.content_type, HasSubstr("application/json"));
  EXPECT_EQ(r.body["status"], "ok");
  EXPECT_EQ(r.body["company"], "株式会社あさぎ野精機");
  EXPECT_GE(r.body["journal_seq"], 2);  // the import, the first administrator, tokens
}

// Every request is a line of the server's log; the lines are written in batches (not one write
// each), at least once a second, so a line is there within moments of its request.
TEST_F(ServerTest, EveryRequestIsLoggedWithinASecondOrTwo) {
  std::string marker = "/api/v1/systems/log-marker-" + std::to_string(::getpid());
  EXPECT_EQ(Get(marker).status, 404);
  bool logged = false;
  for (int i = 0; i < 50 && !logged; ++i) {
    logged = server_->Errors().find(marker) != std::string::npos;
    if (!logged) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(logged) << server_->Errors();
  EXPECT_THAT(server_->Errors(), HasSubstr("\"status\":\"404\""));
}

// A kept answer goes out on a kept-alive connection with the head made when it was kept; it is
// byte for byte what the engine words for the same answer (here on a connection that closes,
// whose head says so in one more line), plain and compressed.
TEST_F(ServerTest, AKeptAnswerIsSentAsTheEngineWouldWordIt) {
  std::string request = "GET /api/v1/systems HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                        server_->TokenFor("p-mori") + "\r\n";
  for (const std::string& encoding : {std::string(), std::string("Accept-Encoding: gzip\r\n")}) {
    Raw kept(server_->port());
    ASSERT_TRUE(kept.Send(request + encoding + "\r\n"));
    std::string first = kept.ReceiveResponse();
    ASSERT_TRUE(kept.Send(request + encoding + "\r\n"));
    std::string second = kept.ReceiveResponse();
    Raw closing(server_->port());
    ASSERT_TRUE(closing.Send(request + encoding + "Connection: close\r\n\r\n"));
    std::string worded = closing.Receive();
    const std::string close = "Connection: close\r\n";
    size_t at = worded.find(close);
    ASSERT_NE(at, std::string::npos) << worded.substr(0, 400);
    worded.erase(at, close.size());
    auto head = [](const std::string& reply) { return reply.substr(0, reply.find("\r\n\r\n")); };
    EXPECT_THAT(head(second), ::testing::StartsWith("HTTP/1.1 200 OK\r\n"));
    EXPECT_GT(second.size(), 1024U);
    EXPECT_EQ(head(second).find("Content-Encoding: gzip") != std::string::npos, !encoding.empty());
    EXPECT_EQ(head(second), head(first)) << encoding;
    EXPECT_EQ(head(second), head(worded)) << encoding;
    EXPECT_TRUE(second == first && second == worded) << "the bodies differ " << encoding;
  }
}

TEST_F(ServerTest, ReadsTheOrganization) {
  Reply departments = Get("/api/v1/departments?kind=committee");
  ASSERT_EQ(departments.status, 200);
  ASSERT_EQ(departments.body["total"], 1);
  EXPECT_EQ(departments.body["items"][0]["id"], "committee");

  Reply person = Get("/api/v1/people/p-mori");
  ASSERT_EQ(person.status, 200);
  EXPECT_EQ(person.body["name"], "森 直樹");
  std::vector<std::string> roles;
  for (const auto& r : person.body["roles"]) roles.push_back(r["role"]);
  EXPECT_THAT(roles, ::testing::UnorderedElementsAre("committee_member", "steering_council_chair"));

  Reply police = Get("/api/v1/contacts?kind=police");
  EXPECT_EQ(police.body["total"], 2);
  Reply vendor = Get("/api/v1/contacts/netcare");
  EXPECT_EQ(vendor.body["contract"]["hours"], "24x365 (4時間駆けつけ)");

  Reply core = Get("/api/v1/systems/core-network");
  ASSERT_EQ(core.status, 200);
  EXPECT_EQ(core.body["depends_on"], Json::array({"power-hq", "power-dc"}));
  EXPECT_THAT(core.body["dependents"].get<std::vector<std::string>>(),
              ::testing::IsSupersetOf({"internet-gw", "wan", "dns-dhcp", "virtualization"}));
  EXPECT_EQ(Get("/api/v1/media").body["items"].size(), 5u);
  EXPECT_EQ(Get("/api/v1/company").body["time_zone"], "Asia/Tokyo");
}

// What the organization file keeps for prevention (G4.1.3, G5.1) and for recovery after a disaster
// (G5.2), read back through the API from the example company.
TEST_F(ServerTest, TheOrganizationKeepsWhatRecoveryNeeds) {
  // G4.1.3: confidentiality of each system's data classes and of each medium.
  Json orders = Get("/api/v1/systems/order-system").body;
  EXPECT_EQ(orders["data"][0]["confidentiality"], "confidential");
  EXPECT_EQ(orders["data"][0]["personal_data"], true);
  Json tapes, media = Get("/api/v1/media").body;
  for (const auto& m : media["items"]) {
    if (m["id"] == "backup-tapes") tapes = m;
  }
  EXPECT_EQ(tapes["confidentiality"], "secret");
  EXPECT_EQ(tapes["system"], "backup-system");
  // G5.1.1 backup, G5.1.3 redundancy, G5.1 alternate site and vendor.
  EXPECT_EQ(orders["backup"]["method"], "DBレプリカ + 日次ダンプ");
  EXPECT_EQ(orders["backup"]["frequency"], "hourly");
  EXPECT_EQ(orders["backup"]["last_verified"], "2026-10-05");
  EXPECT_EQ(orders["redundancy"], "DBレプリカ");
  EXPECT_EQ(orders["vendor"], "erp-vendor");
  EXPECT_EQ(Get("/api/v1/systems/backup-system").body["alternate_site"],
            "大阪の遠隔保管倉庫(テープ)");
  // G5.2.1: tiers, queried; customer service first.
  Json tier_a = Get("/api/v1/systems?tier=a&limit=100").body;
  ASSERT_GT(tier_a["total"].get<int>(), 3);
  std::set<std::string> ids;
  for (const auto& x : tier_a["items"]) {
    EXPECT_EQ(x["tier"], "a") << x["id"];
    ids.insert(x["id"]);
  }
  EXPECT_TRUE(ids.count("core-network") && ids.count("order-system")) << tier_a.dump(1);
  EXPECT_FALSE(ids.count("file-server")) << "tier b";
  EXPECT_EQ(orders["customer_service"], true);
  // G5.2.3: who heads each department, how to reach people, what they can do, who can come in.
  EXPECT_EQ(Get("/api/v1/departments/it-dept").body["head"], "p-mori");
  Json mori = Get("/api/v1/people/p-mori").body;
  EXPECT_EQ(mori["phones"][1]["number"], "090-5555-0201");
  EXPECT_EQ(mori["skills"], Json({"network", "incident-response"}));
  EXPECT_EQ(Get("/api/v1/people/p-okada").body["available_for_emergency_work"], false);
  // G5.2.6b: what a recovery plan is made of.
  Json erp = Get("/api/v1/systems/erp").body;
  EXPECT_EQ(erp["rto_hours"], 24);
  EXPECT_EQ(erp["rpo_hours"], 24);
  EXPECT_EQ(erp["restore_effort_hours"], 72);
  EXPECT_EQ(erp["degraded_mode"], "照会のみで運用");
  EXPECT_EQ(erp["workaround"], "受注はExcel台帳で受け付け、復旧後にERPへ入力");
  EXPECT_EQ(erp["owner"], "it-dept");
}

TEST_F(ServerTest, PaginatesEveryPage) {
  std::set<std::string> seen;
  size_t offset = 0;
  int pages = 0;
  while (true) {
    Reply r = Get("/api/v1/people?limit=10&offset=" + std::to_string(offset));
    ASSERT_EQ(r.status, 200);
    for (const auto& p : r.body["items"]) seen.insert(p["id"]);
    ++pages;
    if (!r.body.contains("next_offset")) break;
    offset = r.body["next_offset"];
  }
  EXPECT_EQ(pages, 4);
  EXPECT_EQ(seen.size(), 32u);
}

TEST_F(ServerTest, ErrorsAreProblemDocuments) {
  struct Case {
    const char* path;
    int status;
    const char* detail;
  };
  const Case cases[] = {
      {"/api/v1/systems/no-such-system", 404, "no system 'no-such-system'"},
      {"/api/v1/systems?tier=z", 400, "unknown value 'z' (one of: a, b, c)"},
      {"/api/v1/systems?limit=0", 400, "must be a whole number from 1 to 500"},
      {"/api/v1/people?limit=abc", 400, "must be a whole number"},
      {"/api/v1/people?dept=sales", 400, "unknown query parameter 'dept'"},
      {"/api/v1/nowhere", 404, "no such resource"},
  };
  for (const Case& c : cases) {
    Reply r = Get(c.path);
    EXPECT_EQ(r.status, c.status) << c.path;
    EXPECT_THAT(r.content_type, HasSubstr("application/problem+json")) << c.path;
    EXPECT_EQ(r.body["status"], c.status) << c.path;
    EXPECT_THAT(r.body.value("detail", ""), HasSubstr(c.detail)) << c.path;
  }
}

TEST_F(ServerTest, OversizedBodiesAreRefused) {
  std::string big(2 * 1024 * 1024, 'x');
  Reply r = server_->SendRaw("POST", "/api/v1/incidents", big, "application/json", "p-yamada");
  EXPECT_EQ(r.status, 413);
  EXPECT_THAT(r.content_type, HasSubstr("application/problem+json"));
  EXPECT_EQ(Get("/api/v1/incidents").body["total"], 0);
}

TEST_F(ServerTest, ServesItsOpenApiDocumentAndJournal) {
  Reply doc = Get("/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  EXPECT_EQ(doc.body["openapi"], "3.1.0");
  Reply head = Get("/api/v1/journal/head");
  Reply all = Get("/api/v1/journal?limit=500");
  ASSERT_FALSE(all.body["items"].empty());
  EXPECT_EQ(head.body["seq"], all.body["items"].back()["seq"]);
  EXPECT_EQ(head.body["hash"], all.body["items"].back()["hash"]);
  Reply verify = Get("/api/v1/journal/verify");
  EXPECT_EQ(verify.body["ok"], true);
  Reply journal = Get("/api/v1/journal?subject=org");
  ASSERT_EQ(journal.body["items"].size(), 1u);
  EXPECT_EQ(journal.body["items"][0]["action"], "org.import");
}

// The web interface's language is kept with the account, so that it follows the person to
// another device; a language sokuo does not speak is refused and changes nothing; the choice is
// journaled like every change.
TEST_F(ServerTest, TheLanguageChosenIsKeptWithTheAccount) {
  ASSERT_TRUE(server_->EnsureAccount("p-kato"));
  Session s = server_->LogIn("p-kato");
  ASSERT_FALSE(s.cookie.empty());
  EXPECT_FALSE(server_->SendAs(s, "GET", "/api/v1/session").body.contains("lang"));

  Reply bad = server_->SendAs(s, "PUT", "/api/v1/session/language", {{"lang", "fr"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body["where"], "/lang");
  EXPECT_FALSE(server_->SendAs(s, "GET", "/api/v1/session").body.contains("lang"));
  EXPECT_EQ(server_->SendAs(s, "PUT", "/api/v1/session/language", {{"lang", "en"}}, false).status,
            403)
      << "a browser's change needs the CSRF header";

  Reply chosen = server_->SendAs(s, "PUT", "/api/v1/session/language", {{"lang", "en"}});
  EXPECT_EQ(chosen.status, 200) << chosen.body.dump();
  EXPECT_EQ(chosen.body["lang"], "en");
  Session elsewhere = server_->LogIn("p-kato");  // another device
  EXPECT_EQ(server_->SendAs(elsewhere, "GET", "/api/v1/session").body["lang"], "en");
  std::vector<std::string> actions;
  Reply journal = Get("/api/v1/journal?subject=account:p-kato");
  for (const Json& e : journal.body["items"]) {
    actions.push_back(e["action"]);
  }
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "account.language"), 1);
}

// Japanese first: without Accept-Language a problem is in Japanese; it always carries its code.
TEST_F(ServerTest, ProblemsAreJapaneseFirstAndCarryTheirCode) {
  std::string token = server_->TokenFor("p-mori");
  auto send = [&](const std::string& path, const std::string& lang) {
    httplib::Headers headers{{"Authorization", "Bearer " + token}};
    headers.emplace("Accept-Language", lang);
    return server_->SendWith("GET", path, "", "", headers);
  };
  Reply ja = send("/api/v1/systems?tier=z", "");
  EXPECT_EQ(ja.status, 400);
  EXPECT_EQ(ja.body["code"], "json.invalid_enum");
  EXPECT_EQ(ja.body["params"]["value"], "z");
  EXPECT_EQ(ja.body["detail"], "「z」は使えません（a, b, c のいずれか）");
  EXPECT_EQ(ja.body["title"], "入力が正しくありません");
  Reply en = send("/api/v1/systems?tier=z", "en-US,en;q=0.9,ja;q=0.5");
  EXPECT_EQ(en.body["code"], "json.invalid_enum");
  EXPECT_EQ(en.body["detail"], "unknown value 'z' (one of: a, b, c)");
  EXPECT_EQ(en.body["title"], "invalid input");
  Reply unknown = send("/api/v1/systems?limt=5", "ja");
  EXPECT_EQ(unknown.body["code"], "query.unknown");
  EXPECT_EQ(unknown.body["detail"],
            "クエリパラメータ「limt」は使えません（「limit」の誤りではありませんか？）");
}

}  // namespace
}  // namespace sokuo::testing
