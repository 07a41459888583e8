// Replies that are not JSON, against a real server: the web interface's pages and files with
// their caching headers, and evidence downloads streamed with an ETag and need-to-know.
#include <httplib.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <iostream>
#include <regex>

#include "base/message.h"
#include "integration/server.h"

namespace sokuo::testing {
namespace {

using ::testing::HasSubstr;

class WebTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new SokuoServer;
    server_->Start("web");
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(server_->Stop(), 0);
    delete server_;
    server_ = nullptr;
  }
  // A GET with `headers`, as a browser or a download tool sends it: the bytes as sent, or with
  // `inflate` a compressed body as the client's zlib inflates it.
  static httplib::Result Get(const std::string& path, httplib::Headers headers = {},
                             const std::string& person = "", bool inflate = false) {
    if (!person.empty()) headers.emplace("Authorization", "Bearer " + server_->TokenFor(person));
    httplib::Client client("127.0.0.1", server_->port());
    client.set_decompress(inflate);
    return client.Get(path.c_str(), headers);
  }
  // The body of a gzip answer to `path`, inflated.
  static std::string Inflated(const std::string& path, const httplib::Headers& headers,
                              const std::string& person = "") {
    auto r = Get(path, headers, person, true);
    return r ? r->body : "";
  }

  static inline SokuoServer* server_ = nullptr;
};

// `/` is the web interface when the binary was built with it (web/dist embedded), Japanese first,
// its script a file of its own (no inline script), cached for good under its hashed name; a
// binary built without it says what this is and where to go instead.
TEST_F(WebTest, TheHomePageIsTheInterfaceOrSaysWhereToGo) {
  auto r = Get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_THAT(r->get_header_value("Content-Type"), HasSubstr("text/html"));
  EXPECT_THAT(r->body, HasSubstr("lang=\"ja\""));
  EXPECT_THAT(r->get_header_value("Content-Security-Policy"), HasSubstr("default-src 'self'"));
  if (r->body.find("id=\"app\"") != std::string::npos) {
    std::smatch script;
    ASSERT_TRUE(std::regex_search(
        r->body, script, std::regex("<script type=\"module\"[^>]* src=\"(/app/[^\"]+\\.js)\"")))
        << r->body;
    EXPECT_EQ(r->body.find("<script>"), std::string::npos) << "no inline script";
    auto js = Get(script[1].str());
    ASSERT_TRUE(js);
    EXPECT_EQ(js->status, 200);
    EXPECT_THAT(js->get_header_value("Content-Type"), HasSubstr("text/javascript"));
    EXPECT_THAT(js->get_header_value("Cache-Control"), HasSubstr("immutable"));
    EXPECT_GT(js->body.size(), 1000u);
    return;
  }
  std::cout << "the binary was built without the web interface: checking the start page\n";
  EXPECT_THAT(r->body, HasSubstr("株式会社あさぎ野精機"));
  EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store");
  EXPECT_THAT(r->body, HasSubstr("The web screens are not here yet"));
  EXPECT_LT(r->body.find("画面はまだありません"), r->body.find("The web screens are not here yet"));
  for (const char* link : {"href=\"/api/v1/openapi.json\"", "href=\"/api/v1/health\""}) {
    EXPECT_THAT(r->body, HasSubstr(link));
    auto linked = Get(std::string(link).substr(6, std::string(link).size() - 7));
    ASSERT_TRUE(linked) << link;
    EXPECT_EQ(linked->status, 200) << link;
  }
}

// The interface's words: every catalog code in both languages, for anyone (the login page needs
// them), revalidated with its ETag.
TEST_F(WebTest, TheMessageCatalogIsServedInBothLanguages) {
  auto r = Get("/api/v1/messages");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  auto codes = nlohmann::json::parse(r->body)["codes"];
  EXPECT_EQ(codes["ui.report_title"]["ja"], "緊急事態を報告する");
  EXPECT_EQ(codes["ui.report_title"]["en"], "Report an emergency");
  EXPECT_EQ(codes["state.triaged"]["ja"], "受付確認済み");
  EXPECT_EQ(codes.size(), Catalog().size()) << "every code";
  std::string etag = r->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto again = Get("/api/v1/messages", {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
}

TEST_F(WebTest, StaticFilesAreRevalidatedWithTheirETag) {
  auto first = Get("/assets/sokuo.css");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_THAT(first->get_header_value("Content-Type"), HasSubstr("text/css"));
  EXPECT_EQ(first->get_header_value("Cache-Control"), "no-cache");
  std::string etag = first->get_header_value("ETag");
  ASSERT_EQ(etag.size(), 34u) << etag;  // a quoted hash
  auto again = Get("/assets/sokuo.css", {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  auto stale = Get("/assets/sokuo.css", {{"If-None-Match", "\"old\""}});
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 200);
  EXPECT_EQ(stale->body, first->body);
}

// A browser says it accepts gzip: large answers come compressed (a file with a validator of its
// own, revalidated by either form's), small ones and downloads as they are; a client that does
// not say so gets the text.
TEST_F(WebTest, LargeAnswersAreCompressedForClientsThatAcceptIt) {
  const httplib::Headers browser = {{"Accept-Encoding", "gzip, deflate, br"}};
  auto plain = Get("/api/v1/messages");
  auto packed = Get("/api/v1/messages", browser);
  ASSERT_TRUE(plain && packed);
  ASSERT_EQ(packed->status, 200);
  EXPECT_EQ(plain->get_header_value("Content-Encoding"), "");
  EXPECT_EQ(packed->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(packed->get_header_value("Vary"), "Accept-Encoding");
  EXPECT_EQ(plain->get_header_value("Vary"), "Accept-Encoding");
  EXPECT_EQ(Inflated("/api/v1/messages", browser), plain->body);
  EXPECT_LT(packed->body.size(), plain->body.size() / 3);
  std::string etag = packed->get_header_value("ETag");
  EXPECT_EQ(etag, plain->get_header_value("ETag").insert(plain->get_header_value("ETag").size() - 1,
                                                         "-gzip"));
  httplib::Headers again = browser;
  again.emplace("If-None-Match", etag);
  auto revalidated = Get("/api/v1/messages", again);
  ASSERT_TRUE(revalidated);
  EXPECT_EQ(revalidated->status, 304);
  EXPECT_EQ(revalidated->get_header_value("ETag"), etag);
  EXPECT_EQ(revalidated->get_header_value("Vary"), "Accept-Encoding");
  // A client without gzip that holds the text, among other validators, is told the same way.
  auto text_again =
      Get("/api/v1/messages", {{"If-None-Match", "\"older\", " + plain->get_header_value("ETag")}});
  ASSERT_TRUE(text_again);
  EXPECT_EQ(text_again->status, 304);
  EXPECT_EQ(text_again->get_header_value("ETag"), plain->get_header_value("ETag"));
  EXPECT_EQ(text_again->get_header_value("Vary"), "Accept-Encoding") << "as its 200 says";

  // A JSON answer kept for the caller's token, the second time from the network thread.
  for (int i = 0; i < 2; ++i) {
    auto people = Get("/api/v1/systems", browser, "p-fujita");
    auto text = Get("/api/v1/systems", {}, "p-fujita");
    ASSERT_TRUE(people && text);
    ASSERT_EQ(people->status, 200);
    EXPECT_EQ(people->get_header_value("Content-Encoding"), "gzip");
    EXPECT_NE(people->body, text->body);
    EXPECT_EQ(Inflated("/api/v1/systems", browser, "p-fujita"), text->body);
    EXPECT_TRUE(nlohmann::json::accept(text->body));
  }
  auto small = Get("/api/v1/health", browser);
  ASSERT_TRUE(small);
  EXPECT_EQ(small->get_header_value("Content-Encoding"), "");
}

// An answer that carries a secret is sent uncompressed, however large, so that text chosen by
// someone else beside it cannot be used to guess it from the compressed length (BREACH).
TEST_F(WebTest, AnAnswerWithASecretIsNeverCompressed) {
  httplib::Client client("127.0.0.1", server_->port());
  client.set_decompress(false);
  // API tokens are made from a browser session (a token cannot make another).
  testing::Session session = server_->LogIn("p-fujita");
  ASSERT_FALSE(session.cookie.empty());
  httplib::Headers headers = {
      {"Accept-Encoding", "gzip"}, {"Cookie", session.cookie}, {"X-CSRF-Token", session.csrf}};
  std::string name(3000, 'a');
  auto made =
      client.Post("/api/v1/tokens", headers,
                  nlohmann::json{{"name", name}, {"scope", "read"}}.dump(), "application/json");
  ASSERT_TRUE(made);
  ASSERT_EQ(made->status, 201) << made->body;
  EXPECT_GT(made->body.size(), 3000u);
  EXPECT_EQ(made->get_header_value("Content-Encoding"), "");
  EXPECT_THAT(made->body, HasSubstr(name));
  // The same size without a secret is compressed.
  auto listed = client.Get("/api/v1/tokens", headers);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->status, 200);
  EXPECT_EQ(listed->get_header_value("Content-Encoding"), "gzip");
}

TEST_F(WebTest, UnknownPagesAreHtmlAndUnknownApiPathsAreProblems) {
  auto page = Get("/no/such/page");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 404);
  EXPECT_THAT(page->get_header_value("Content-Type"), HasSubstr("text/html"));
  EXPECT_THAT(page->body, HasSubstr("ページが見つかりません"));
  auto api = Get("/api/v1/no-such-thing");
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 404);
  EXPECT_THAT(api->get_header_value("Content-Type"), HasSubstr("application/problem+json"));
}

// G5: the emergency binder to save from the dashboard, in the caller's language, as a download.
TEST_F(WebTest, TheEmergencyBinderIsADownloadInTheCallersLanguage) {
  auto ja = Get("/api/v1/binder", {}, "p-fujita");
  ASSERT_TRUE(ja);
  ASSERT_EQ(ja->status, 200) << ja->body;
  EXPECT_THAT(ja->get_header_value("Content-Type"), HasSubstr("text/html"));
  EXPECT_THAT(ja->get_header_value("Content-Disposition"), HasSubstr("sokuo-binder.html"));
  EXPECT_THAT(ja->body, HasSubstr("緊急時バインダー"));
  EXPECT_THAT(ja->body, HasSubstr("被害調査票"));
  auto en = Get("/api/v1/binder", {{"Accept-Language", "en"}}, "p-fujita");
  ASSERT_TRUE(en);
  EXPECT_THAT(en->body, HasSubstr("emergency binder"));
  auto anonymous = Get("/api/v1/binder");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
}

// G4.3.2c: the incident report and the agencies' forms, in the caller's language, only for those
// who may see the incident.
TEST_F(WebTest, TheIncidentReportAndTheAgencyFormsKeepNeedToKnow) {
  Reply inc =
      server_->Send("POST", "/api/v1/incidents",
                    {{"title", "顧客情報の流出の疑い"}, {"restricted", true}}, "p-takahashi");
  ASSERT_EQ(inc.status, 201) << inc.body.dump();
  std::string key = inc.body["key"];
  std::string base = "/api/v1/incidents/" + key;
  auto report = Get(base + "/report", {}, "p-fujita");
  ASSERT_TRUE(report);
  ASSERT_EQ(report->status, 200) << report->body;
  EXPECT_THAT(report->get_header_value("Content-Type"), HasSubstr("text/html"));
  EXPECT_THAT(report->get_header_value("Content-Disposition"), HasSubstr(key + ".html"));
  EXPECT_THAT(report->body, HasSubstr("インシデント報告書 " + key));
  auto en = Get(base + "/report", {{"Accept-Language", "en"}}, "p-fujita");
  ASSERT_TRUE(en);
  EXPECT_THAT(en->body, HasSubstr("incident report " + key));

  Reply form = server_->Send("GET", base + "/forms/ppc", nullptr, "p-fujita");
  ASSERT_EQ(form.status, 200) << form.body.dump();
  EXPECT_EQ(form.body["agency"], "ppc");
  ASSERT_EQ(form.body["fields"].size(), 17u);
  EXPECT_EQ(form.body["fields"][0]["code"], "form.ppc.reporter");
  EXPECT_NE(form.body["fields"][0]["value"], "");
  EXPECT_GT(form.body["empty"].get<int>(), 5);  // nothing assessed yet
  EXPECT_EQ(server_->Send("GET", base + "/forms/fbi", nullptr, "p-fujita").status, 404);

  // A logistics clerk may not see the restricted incident: neither its report nor its forms.
  auto hidden = Get(base + "/report", {}, "p-morita");
  ASSERT_TRUE(hidden);
  EXPECT_EQ(hidden->status, 404);
  EXPECT_EQ(server_->Send("GET", base + "/forms/ipa", nullptr, "p-morita").status, 404);
  auto anonymous = Get(base + "/report");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
}

TEST_F(WebTest, EvidenceDownloadsAreStreamedCheckedAndNeedToKnow) {
  // A restricted incident reported in sales; an access log of 300 KB, larger than one piece.
  Reply inc = server_->Send("POST", "/api/v1/incidents",
                            {{"title", "不審なログイン"}, {"restricted", true}}, "p-takahashi");
  ASSERT_EQ(inc.status, 201) << inc.body.dump();
  std::string base = "/api/v1/incidents/" + inc.body["key"].get<std::string>();
  std::string log;
  for (int i = 0; log.size() < 300000; ++i) {
    log += "Nov 26 03:" + std::to_string(10 + i % 50) +
           ":01 host sshd[812]: Failed password for root from 203.0.113." +
           std::to_string(i % 250) + " port 22 ssh2\n";
  }
  Reply added = server_->SendRaw("POST", base + "/evidence?name=認証ログ.log&kind=access_log", log,
                                 "application/octet-stream", "p-fujita");
  ASSERT_EQ(added.status, 201) << added.body.dump();
  std::string sha = added.body["evidence"][0]["sha256"];

  auto file = Get(base + "/evidence/1/content", {}, "p-fujita");
  ASSERT_TRUE(file);
  ASSERT_EQ(file->status, 200) << file->body;
  EXPECT_EQ(file->body, log);
  EXPECT_EQ(file->get_header_value("ETag"), "\"" + sha + "\"");
  EXPECT_EQ(file->get_header_value("Content-Type"), "application/octet-stream");
  // Sent as RFC 6266 percent-escapes; httplib's client decodes header values as it reads them.
  EXPECT_EQ(file->get_header_value("Content-Disposition"),
            "attachment; filename*=UTF-8''認証ログ.log");
  auto readings = [&] {
    Reply incident = server_->Send("GET", base, nullptr, "p-fujita");
    return incident.body["evidence"][0]["custody"].size();
  };
  size_t read_once = readings();
  auto unchanged =
      Get(base + "/evidence/1/content", {{"If-None-Match", "\"" + sha + "\""}}, "p-fujita");
  ASSERT_TRUE(unchanged);
  EXPECT_EQ(unchanged->status, 304);
  EXPECT_EQ(unchanged->body, "");
  // Neither a 304 nor the answer to a HEAD request sends the bytes: no reading is recorded.
  httplib::Client client("127.0.0.1", server_->port());
  auto head = client.Head((base + "/evidence/1/content").c_str(),
                          {{"Authorization", "Bearer " + server_->TokenFor("p-fujita")}});
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->get_header_value("Content-Length"), std::to_string(log.size()));
  EXPECT_EQ(head->get_header_value("ETag"), "\"" + sha + "\"");
  EXPECT_EQ(readings(), read_once);
  // A client that holds an older copy is sent the file, and that is a reading.
  auto stale = Get(base + "/evidence/1/content", {{"If-None-Match", "\"0000\""}}, "p-fujita");
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 200);
  EXPECT_EQ(readings(), read_once + 1);

  // A logistics clerk may not see the restricted incident, nor its files.
  auto hidden = Get(base + "/evidence/1/content", {}, "p-morita");
  ASSERT_TRUE(hidden);
  EXPECT_EQ(hidden->status, 404);
  auto missing = Get(base + "/evidence/2/content", {}, "p-fujita");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);

  // Every reading is on the file's chain of custody, with its purpose; hand-over and return
  // are told; disposal waits for the end of the incident (409 before).
  ASSERT_TRUE(Get(base + "/evidence/1/content?purpose=analysis", {}, "p-mori"));
  Reply handed = server_->Send("POST", base + "/evidence/1/custody",
                               {{"action", "handed_over"}, {"to", "Tokyo MPD"}}, "p-fujita");
  ASSERT_EQ(handed.status, 200) << handed.body.dump();
  Json custody = handed.body["evidence"][0]["custody"];
  ASSERT_GE(custody.size(), 3u) << custody.dump();
  EXPECT_EQ(custody[custody.size() - 2]["by"], "p-mori");
  EXPECT_EQ(custody[custody.size() - 2]["purpose"], "analysis");
  EXPECT_EQ(custody.back()["to"], "Tokyo MPD");
  EXPECT_EQ(server_->Send("POST", base + "/evidence/1/custody", {{"action", "viewed"}}, "p-fujita")
                .status,
            400);
  EXPECT_EQ(server_->Send("POST", base + "/evidence/1/dispose", {{"reason", "x"}}, "p-mori").status,
            409);
  Reply held =
      server_->Send("POST", base + "/legal-hold", {{"hold", true}, {"reason", "police"}}, "p-mori");
  ASSERT_EQ(held.status, 200) << held.body.dump();
  EXPECT_EQ(held.body["legal_hold"]["reason"], "police");
  // Placing a hold is for the IS department and the committee.
  EXPECT_EQ(
      server_->Send("POST", base + "/legal-hold", {{"hold", false}, {"reason", "x"}}, "p-takahashi")
          .status,
      403);
  // `hold` is required: a release that forgot it must not place a hold.
  EXPECT_EQ(server_->Send("POST", base + "/legal-hold", {{"reason", "x"}}, "p-mori").status, 400);
  Reply checked = server_->Send("GET", base + "/evidence/verify", nullptr, "p-fujita");
  ASSERT_EQ(checked.status, 200) << checked.body.dump();
  EXPECT_EQ(checked.body["ok"], true);
  EXPECT_EQ(checked.body["files"][0]["state"], "ok");

  // A file changed on disk is refused, not sent.
  std::ofstream(server_->data() + "/evidence/" + sha, std::ios::app) << "appended";
  auto damaged = Get(base + "/evidence/1/content", {}, "p-fujita");
  ASSERT_TRUE(damaged);
  EXPECT_EQ(damaged->status, 500);
  // No Accept-Language: the problem is in Japanese, and names its code for programs.
  Json problem = Json::parse(damaged->body, nullptr, false);
  EXPECT_EQ(problem["code"], "blob.hash_mismatch");
  EXPECT_THAT(problem["detail"].get<std::string>(), HasSubstr("ハッシュと一致しなくなっています"));
  ASSERT_TRUE(server_->EnsureAccount("p-ishii", {"--role", "auditor"}));
  Reply all = server_->Send("GET", "/api/v1/evidence/verify", nullptr, "p-ishii");
  ASSERT_EQ(all.status, 200) << all.body.dump();
  EXPECT_EQ(all.body["ok"], false);
  EXPECT_EQ(all.body["files"][0]["state"], "changed");
  // Reading every file of every incident is the records' check, for the auditor and the
  // administrators (as the journal's): a clerk may not make the server read them all.
  Reply other = server_->Send("GET", "/api/v1/evidence/verify", nullptr, "p-morita");
  EXPECT_EQ(other.status, 403) << other.body.dump();
}

}  // namespace
}  // namespace sokuo::testing
