// A realistic security emergency, from report to closure, through the HTTP API of a real server
// with the example company: a partner (はやて運輸) calls sales about strange logins to the order
// system; customers' personal data may have leaked. Every step is one the guideline prescribes.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "base/time.h"
#include "integration/server.h"

namespace sokuo::testing {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

class IncidentE2eTest : public ::testing::Test {
 protected:
  // The example company, with a file witness of its journal head (G4.4.3).
  void SetUp() override {
    std::string stem = (std::filesystem::temp_directory_path() /
                        ("sokuo-incident-e2e-" + std::to_string(::getpid())))
                           .string();
    heads_ = stem + "-heads.jsonl";
    std::filesystem::remove(heads_);
    std::ofstream(stem + "-org.yaml")
        << Slurp(std::string(SOKUO_SOURCE_DIR) + "/examples/org.yaml")
        << "\nnotifications:\n  witnesses:\n    file: " << heads_ << "\n    email: false\n";
    server_.Start("incident-e2e", {}, stem + "-org.yaml");
  }
  void TearDown() override {
    EXPECT_EQ(server_.Stop(), 0);
    std::filesystem::remove(heads_);
  }
  // The receipts the witness file holds once it holds one whose reason starts with `reason`.
  std::vector<Json> ReceiptsUntil(const std::string& reason) {
    for (int i = 0; i < 100; ++i) {
      std::vector<Json> out;
      bool found = false;
      std::istringstream in(std::filesystem::exists(heads_) ? Slurp(heads_) : "");
      for (std::string line; std::getline(in, line);) {
        out.push_back(Json::parse(line));
        found = found || out.back()["reason"].get<std::string>().starts_with(reason);
      }
      if (found) return out;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "no receipt " << reason << " in " << heads_;
    return {};
  }

  // A request that must succeed; returns the body.
  Json Ok(const std::string& method, const std::string& path, const Json& body,
          const std::string& person, int status = 200) {
    Reply r = server_.Send(method, path, body, person);
    EXPECT_EQ(r.status, status) << method << " " << path << ": " << r.body.dump(1);
    return r.body;
  }
  // A request that must be refused without changing anything.
  Json Refused(const std::string& method, const std::string& path, const Json& body,
               const std::string& person, int status) {
    if (!person.empty()) server_.TokenFor(person);  // making a token is itself journaled
    int64_t head =
        server_.Send("GET", "/api/v1/journal/head", nullptr, "p-mori").body["seq"].get<int64_t>();
    Reply r = server_.Send(method, path, body, person);
    EXPECT_EQ(r.status, status) << method << " " << path << ": " << r.body.dump(1);
    EXPECT_THAT(r.content_type, HasSubstr("application/problem+json"));
    // Nothing a person did since: the server's own sender and reminders may write meanwhile.
    Json after =
        server_.Send("GET", "/api/v1/journal?after=" + std::to_string(head), nullptr, "p-mori")
            .body;
    for (const Json& e : after["items"]) {
      EXPECT_EQ(e["actor"], "system") << "a refusal changed state: " << e.dump();
    }
    return r.body;
  }
  // G4.3.2c: every reporting duty the facts triggered is recorded as filed.
  void FileEveryDuty(const std::string& base, const std::string& at = "") {
    Json inc = Ok("GET", base, nullptr, "p-mori");
    for (const Json& c : inc["obligations"]) {
      if (c.contains("filing")) continue;
      Json filing = {{"obligation", c["obligation"]},
                     {"reference", "R-" + c["obligation"].get<std::string>()}};
      if (!at.empty()) filing["filed_at"] = at;
      Ok("POST", base + "/filings", filing, "p-mori", 201);
    }
  }
  static std::vector<std::string> Wheres(const Json& problem) {
    std::vector<std::string> out;
    for (const auto& e : problem.value("errors", Json::array())) out.push_back(e["where"]);
    if (out.empty() && problem.contains("where")) out.push_back(problem["where"]);
    return out;
  }
  static std::vector<std::string> Messages(const Json& problem) {
    std::vector<std::string> out;
    for (const auto& e : problem.value("errors", Json::array())) out.push_back(e["message"]);
    return out;
  }

  SokuoServer server_;
  std::string heads_;
};

// A ransomware night written up the next morning, to closure: any offset is kept as the same
// instant in UTC, the future is refused with the field named, the timeline orders by event time
// and shows the recording time beside it, `contained` is when the containment measure was done; a
// measure fails, the people whose data leaked are told under an approval, and the file server is
// not restored before the directory it depends on.
TEST_F(IncidentE2eTest, BackdatedRecordsKeepWhenThingsHappened) {
  using std::chrono::hours;
  using std::chrono::minutes;
  Timestamp now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  auto utc = [&](std::chrono::seconds ago) { return FormatRfc3339(now - ago); };
  auto tokyo = [&](std::chrono::seconds ago) {  // the same instant written with +09:00
    std::string t = FormatRfc3339(now - ago + hours(9));
    return t.substr(0, t.size() - 1) + "+09:00";
  };
  Json inc = Ok("POST", "/api/v1/incidents",
                {{"title", "ファイルサーバのファイルが暗号化された"},
                 {"systems", {"file-server"}},
                 {"occurred_at", tokyo(hours(30))},
                 {"aware_at", tokyo(hours(9))},
                 {"reported_at", tokyo(hours(8))}},
                "p-takahashi", 201);
  std::string base = "/api/v1/incidents/" + inc["key"].get<std::string>();
  EXPECT_EQ(inc["occurred_at"], utc(hours(30)));
  EXPECT_EQ(inc["aware_at"], utc(hours(9)));
  EXPECT_EQ(inc["reported_at"], utc(hours(8)));
  EXPECT_EQ(inc["milestones"]["reported"], utc(hours(8)));
  EXPECT_GE(inc["recorded_at"].get<std::string>(), utc(minutes(1)));

  Json future = Refused("POST", base + "/triage", {{"confirmed", true}, {"at", utc(-hours(1))}},
                        "p-fujita", 400);
  EXPECT_EQ(future["where"], "/at");
  EXPECT_THAT(future["detail"].get<std::string>(), HasSubstr("at is in the future"));
  EXPECT_THAT(
      Wheres(Refused("POST", "/api/v1/incidents",
                     {{"title", "x"}, {"occurred_at", utc(hours(2))}, {"aware_at", utc(hours(3))}},
                     "p-takahashi", 400)),
      ::testing::ElementsAre("/occurred_at"));

  inc = Ok("POST", base + "/triage", {{"confirmed", true}, {"at", tokyo(hours(7))}}, "p-fujita");
  EXPECT_EQ(inc["triage"]["at"], utc(hours(7)));
  EXPECT_EQ(inc["milestones"]["triaged"], utc(hours(7)));
  Ok("POST", base + "/convocation", {{"at", utc(hours(7) - minutes(5))}}, "p-fujita");
  Ok("PUT", base + "/convocation", {{"attendees", {"p-ishikawa"}}, {"convened_at", utc(hours(6))}},
     "p-mori");
  Ok("POST", base + "/transitions", {{"to", "convened"}, {"at", utc(hours(6))}}, "p-mori");
  Ok("POST", base + "/decisions",
     {{"kind", "policy"},
      {"text", "切り離す"},
      {"decided_by", "p-ishikawa"},
      {"decided_at", utc(hours(6) - minutes(10))}},
     "p-mori", 201);
  inc = Ok("POST", base + "/tasks",
           {{"kind", "isolate_network"},
            {"title", "切り離す"},
            {"contains", true},
            {"at", utc(hours(6) - minutes(15))}},
           "p-fujita", 201);
  EXPECT_EQ(inc["tasks"][0]["contains"], true);
  EXPECT_EQ(inc["tasks"][0]["at"], utc(hours(6) - minutes(15)));
  inc = Ok("PATCH", base + "/tasks/1", {{"status", "done"}, {"at", utc(hours(5))}}, "p-fujita");
  EXPECT_EQ(inc["tasks"][0]["status_at"], utc(hours(5)));
  // A measure that was tried and did not work says what happened.
  Ok("POST", base + "/tasks",
     {{"kind", "monitor_host"}, {"title", "EDRで端末を隔離"}, {"at", utc(hours(5) + minutes(40))}},
     "p-fujita", 201);
  EXPECT_THAT(Wheres(Refused("PATCH", base + "/tasks/2", {{"status", "failed"}}, "p-fujita", 400)),
              ::testing::ElementsAre("/result"));
  inc =
      Ok("PATCH", base + "/tasks/2",
         {{"status", "failed"}, {"result", "隔離命令が端末に届かなかった"}, {"at", utc(hours(4))}},
         "p-fujita");
  EXPECT_EQ(inc["tasks"][1]["status"], "failed");
  // The state moves on later: the milestone stays when the measure was done.
  inc = Ok("POST", base + "/transitions", {{"to", "assessing"}, {"at", utc(hours(2))}}, "p-mori");
  EXPECT_EQ(inc["milestones"]["contained"], utc(hours(5)));
  Json assessment = {{"kinds", {"destruction", "leak"}},
                     {"scope", "共有フォルダ"},
                     {"persons", 1200},
                     {"at", utc(hours(1))}};
  inc = Ok("PUT", base + "/assessment", assessment, "p-fujita");
  EXPECT_EQ(inc["assessment"]["assessed_at"], utc(hours(1)));
  inc = Ok("PUT", base + "/recovery/file-server",
           {{"status", "restoring"}, {"at", utc(minutes(30))}}, "p-fujita");
  EXPECT_EQ(inc["recovery"][0]["at"], utc(minutes(30)));
  // Recorded now, happened before the committee met.
  inc = Ok("POST", base + "/findings",
           {{"kind", "technical"},
            {"text", "VPN機器の既知の脆弱性"},
            {"at", utc(hours(6) + minutes(30))}},
           "p-fujita", 201);
  EXPECT_EQ(inc["findings"][0]["at"], utc(hours(6) + minutes(30)));

  // The people whose data may have leaked are told, under a decision of kind approval: the
  // policy decision approves no contact.
  Json notice = {{"audience", "individuals"}, {"contact", "共有フォルダに名簿があった顧客"},
                 {"channel", "post"},         {"summary", "お詫びと経緯のご案内"},
                 {"persons", 1200},           {"approved_by", 1},
                 {"at", utc(minutes(50))}};
  EXPECT_THAT(Messages(Refused("POST", base + "/contacts", notice, "p-mori", 400)),
              Contains(HasSubstr("decision 1 is of kind policy")));
  Ok("POST", base + "/decisions",
     {{"kind", "approval"},
      {"text", "本人への通知を承認"},
      {"decided_by", "p-ishikawa"},
      {"decided_at", utc(minutes(55))}},
     "p-mori", 201);
  notice["approved_by"] = 2;
  inc = Ok("POST", base + "/contacts", notice, "p-mori", 201);
  EXPECT_EQ(inc["contacts"][0]["persons"], 1200);
  EXPECT_EQ(inc["contacts"][0]["at"], utc(minutes(50)));

  // Recovering needs the personal-data answer for the file server, which holds personal data.
  EXPECT_THAT(
      Messages(Refused("POST", base + "/transitions", {{"to", "recovering"}}, "p-mori", 409)),
      Contains(HasSubstr("file-server")));
  assessment["personal_data"] = {{{"system", "file-server"}, {"leaked", "possibly"}}};
  Ok("PUT", base + "/assessment", assessment, "p-fujita");
  Ok("POST", base + "/transitions", {{"to", "recovering"}, {"at", utc(minutes(25))}}, "p-mori");
  // The directory turns out to be encrypted too; the file server comes back only after it.
  inc = Ok("PUT", base + "/recovery/directory",
           {{"status", "down"}, {"note", "DCも暗号化"}, {"at", utc(minutes(20))}}, "p-fujita");
  EXPECT_THAT(inc["systems"], Contains("directory"));
  Json early =
      Refused("PUT", base + "/recovery/file-server", {{"status", "restored"}}, "p-fujita", 409);
  EXPECT_THAT(Messages(early), Contains(HasSubstr("file-server depends on directory")));
  Ok("PUT", base + "/recovery/directory", {{"status", "restored"}, {"at", utc(minutes(15))}},
     "p-fujita");
  inc = Ok("PUT", base + "/recovery/file-server",
           {{"status", "restored"}, {"at", utc(minutes(10))}}, "p-fujita");
  EXPECT_FALSE(inc["milestones"].contains("recovered")) << "the state has not moved yet";
  inc = Ok("POST", base + "/transitions", {{"to", "reviewing"}, {"at", utc(minutes(9))}}, "p-mori");
  EXPECT_EQ(inc["milestones"]["recovered"], utc(minutes(9)));  // when reviewing began

  // To closure: a prevention measure, every affected system checked for backdoors, an access log.
  Ok("POST", base + "/prevention",
     {{"text", "VPN機器を更新し多要素認証を必須にする"},
      {"owner", "p-mori"},
      {"due", "2027-01-31"}},
     "p-mori", 201);
  for (const char* system : {"file-server", "directory"}) {
    for (const char* item :
         {"added_users", "planted_programs", "unexpected_services", "device_settings"}) {
      Ok("PUT", base + "/backdoor-checks/" + std::string(system) + "/" + std::string(item),
         {{"result", "clean"}, {"at", utc(minutes(8))}}, "p-ogawa");
    }
  }
  std::string log;
  for (int i = 0; i < 50; ++i) {
    log += "Nov 26 02:1" + std::to_string(i % 10) + ":00 fs01 sshd[" + std::to_string(3100 + i) +
           "]: Accepted password for admin from 203.0.113." + std::to_string(i) + " port 5" +
           std::to_string(1000 + i) + " ssh2\n";
  }
  ASSERT_EQ(server_
                .SendRaw("POST", base + "/evidence?name=fs01-auth.log&kind=access_log", log,
                         "application/octet-stream", "p-fujita")
                .status,
            201);
  FileEveryDuty(base, utc(minutes(4)));
  inc =
      Ok("POST", base + "/transitions", {{"to", "closed"}, {"at", utc(minutes(5))}}, "p-ishikawa");
  EXPECT_EQ(inc["state"], "closed");
  EXPECT_EQ(inc["milestones"]["closed"], utc(minutes(5)));
  // G4.4.3: the server sent its head when it started (the day's), and the closing's own entry.
  std::vector<Json> receipts = ReceiptsUntil("incident.close " + inc["key"].get<std::string>());
  ASSERT_GE(receipts.size(), 2u);
  EXPECT_EQ(receipts.front()["reason"], "daily");
  Json closing = receipts.back();
  Json entry = Ok(
      "GET", "/api/v1/journal?after=" + std::to_string(closing["seq"].get<int>() - 1) + "&limit=1",
      nullptr, "p-mori")["items"][0];
  EXPECT_EQ(entry["action"], "incident.transition");
  EXPECT_EQ(entry["hash"], closing["hash"]);
  Outcome against = server_.Cli({"journal", "verify", "--against", heads_});
  EXPECT_EQ(against.exit_code, 0) << against.out << against.err;
  // The auditor sees what went out, newest first, with each witness's delivery.
  ASSERT_TRUE(server_.EnsureAccount("p-saito", {"--role", "auditor"}));
  Json sent = Ok("GET", "/api/v1/journal/receipts?limit=5", nullptr, "p-saito");
  ASSERT_GE(sent["items"].size(), 2u);
  EXPECT_EQ(sent["items"][0]["seq"], closing["seq"]);
  EXPECT_EQ(Json::parse(sent["items"][0]["line"].get<std::string>()), closing);
  ASSERT_EQ(sent["items"][0]["deliveries"].size(), 1u);
  EXPECT_EQ(sent["items"][0]["deliveries"][0]["channel"], "file");
  EXPECT_EQ(sent["items"][0]["deliveries"][0]["status"], "sent");

  Json timeline = Ok("GET", base + "/timeline", nullptr, "p-fujita");
  std::vector<std::string> actions, happened;
  for (const auto& e : timeline["items"]) {
    actions.push_back(e["action"]);
    happened.push_back(e["event_at"]);
  }
  EXPECT_TRUE(std::is_sorted(happened.begin(), happened.end())) << timeline.dump(1);
  auto position = [&](const char* action) {
    return std::find(actions.begin(), actions.end(), action) - actions.begin();
  };
  EXPECT_LT(position("incident.finding"), position("incident.convocation.held"));
  EXPECT_LT(position("incident.report"), position("incident.triage"));
  const Json& finding = timeline["items"][static_cast<size_t>(position("incident.finding"))];
  EXPECT_EQ(finding["event_at"], utc(hours(6) + minutes(30)));
  EXPECT_GE(finding["at"].get<std::string>(), utc(minutes(1)));  // recorded just now
}

// Lists: a search in the title and summary (Japanese, three characters or fewer), the reported
// window, pages that follow a cursor, and a cursor that is not one refused with its name.
TEST_F(IncidentE2eTest, ListsSearchAndFollowACursor) {
  Timestamp now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  auto utc = [&](std::chrono::hours ago) { return FormatRfc3339(now - ago); };
  std::vector<std::string> keys;
  for (int n = 0; n < 3; ++n) {
    Json inc =
        Ok("POST", "/api/v1/incidents",
           {{"title", n == 1 ? "ランサムウェアの脅迫文" : "不審なメール " + std::to_string(n)},
            {"summary", n == 2 ? "添付ファイルを開いた" : ""},
            {"reported_at", utc(std::chrono::hours(30 - 10 * n))}},
           "p-takahashi", 201);
    keys.push_back(inc["key"]);
  }
  auto keys_of = [](const Json& page) {
    std::vector<std::string> out;
    for (const Json& i : page["items"]) out.push_back(i["key"]);
    return out;
  };
  // "%E3%83%A9%E3%83%B3%E3%82%B5%E3%83%A0" is ランサム; "%E6%B7%BB" is 添 (one character).
  Json found =
      Ok("GET", "/api/v1/incidents?q=%E3%83%A9%E3%83%B3%E3%82%B5%E3%83%A0", nullptr, "p-fujita");
  EXPECT_EQ(keys_of(found), std::vector<std::string>{keys[1]});
  EXPECT_EQ(keys_of(Ok("GET", "/api/v1/incidents?q=%E6%B7%BB", nullptr, "p-fujita")),
            std::vector<std::string>{keys[2]});
  Json window = Ok("GET",
                   "/api/v1/incidents?from=" + utc(std::chrono::hours(25)) +
                       "&to=" + utc(std::chrono::hours(15)),
                   nullptr, "p-fujita");
  EXPECT_EQ(keys_of(window), std::vector<std::string>{keys[1]});

  Json first = Ok("GET", "/api/v1/incidents?limit=2", nullptr, "p-fujita");
  EXPECT_EQ(keys_of(first), (std::vector<std::string>{keys[2], keys[1]}));
  ASSERT_EQ(first["next_cursor"], keys[1]);
  EXPECT_EQ(first["total"], 3);
  Json second = Ok("GET", "/api/v1/incidents?limit=2&cursor=" + keys[1], nullptr, "p-fujita");
  EXPECT_EQ(keys_of(second), std::vector<std::string>{keys[0]});
  EXPECT_FALSE(second.contains("next_cursor"));
  EXPECT_FALSE(second.contains("next_offset"));

  Json bad = Refused("GET", "/api/v1/incidents?cursor=INC-2026-1", nullptr, "p-fujita", 400);
  EXPECT_EQ(bad["code"], "query.bad_cursor");
  EXPECT_EQ(bad["where"], "?cursor");
  Refused("GET", "/api/v1/incidents?from=yesterday", nullptr, "p-fujita", 400);
}

TEST_F(IncidentE2eTest, PartnerReportsStrangeLoginsOnTheOrderSystem) {
  // 1. G3.3: sales hears from the partner and reports at once; a title and a few words suffice.
  Json inc = Ok("POST", "/api/v1/incidents",
                {{"title", "はやて運輸から受注システムへの不審なログインの連絡"},
                 {"summary", "取引先の担当者アカウントで深夜に大量の受注照会があったとのこと"},
                 {"detection", "outside_notice"},
                 {"systems", {"order-system"}},
                 {"harm", "possible"},
                 {"harm_note", "顧客の配送先情報が閲覧された可能性"}},
                "p-takahashi", 201);
  std::string key = inc["key"];
  EXPECT_TRUE(std::regex_match(key, std::regex("INC-[0-9]{4}-0001"))) << key;
  std::string base = "/api/v1/incidents/" + key;
  EXPECT_EQ(inc["state"], "reported");
  EXPECT_EQ(inc["reporter_department"], "sales");
  EXPECT_EQ(inc["priority"]["level"], "p2");  // G4.3.1: tier a, personal data, possible harm
  EXPECT_THAT(inc["priority"]["reasons"].dump(),
              HasSubstr("tier-a systems affected: order-system"));
  Json sent = Ok("GET", base + "/notifications", nullptr, "p-fujita");
  ASSERT_EQ(sent["items"].size(), 1u);
  EXPECT_EQ(sent["items"][0]["kind"], "incident.reported");
  EXPECT_THAT(sent["items"][0]["recipients"], Contains("p-mori"));
  EXPECT_THAT(sent["items"][0]["recipients"], Contains("p-fujita"));
  // The company sends no email: the IS department's emails show as failed with why, are not
  // retryable, and are acknowledged by their recipient all the same (G4.3.2).
  Json parked = Ok("GET", "/api/v1/notifications?status=failed&subject=" + key, nullptr, "p-mori");
  ASSERT_EQ(parked["items"].size(), sent["items"][0]["recipients"].size());
  EXPECT_EQ(parked["items"][0]["error"]["code"], "notify.no_email");
  EXPECT_EQ(parked["items"][0]["retryable"], false);
  std::string mine = sent["items"][0]["id"].get<std::string>() + "/email/p-fujita";
  Json seen = Ok("POST", "/api/v1/notifications/acknowledge", {{"id", mine}}, "p-fujita");
  EXPECT_FALSE(seen.value("acknowledged_at", "").empty());

  // Invalid requests are refused precisely and change nothing.
  EXPECT_THAT(Wheres(Refused("POST", base + "/triage", {{"confirmd", true}}, "p-fujita", 400)),
              ::testing::ElementsAre("/confirmd", "/confirmed"));
  EXPECT_THAT(Wheres(Refused("PATCH", base, {{"harm", "catastrophic"}}, "p-fujita", 400)),
              ::testing::ElementsAre("/harm"));
  EXPECT_THAT(Wheres(Refused("PATCH", base, {{"systems", {"order-sytem"}}}, "p-fujita", 400)),
              ::testing::ElementsAre("/systems/0"));
  Json out_of_order =
      Refused("POST", base + "/transitions", {{"to", "recovering"}}, "p-fujita", 409);
  EXPECT_EQ(out_of_order["detail"], "cannot move from reported to recovering");
  EXPECT_THAT(Messages(out_of_order), Contains("recovering: no damage assessment is recorded"));
  Refused("POST", base + "/triage", {{"confirmed", true}}, "", 401);
  Refused("POST", base + "/triage", {{"confirmed", true}}, "p-nobody", 401);
  Refused("POST", "/api/v1/incidents/INC-1999-0001/triage", {{"confirmed", true}}, "p-fujita", 404);
  Refused("POST", base + "/triage", "not json", "p-fujita", 400);

  // 2. G3.2: the IS department confirms, and names who works on it with IS and the committee.
  inc = Ok("POST", base + "/triage", {{"confirmed", true}, {"category", "intrusions"}}, "p-fujita");
  EXPECT_EQ(inc["state"], "triaged");
  Ok("PATCH", base,
     {{"participants",
       {{{"person", "p-fujita"}, {"role", "lead"}},
        {{"person", "p-takahashi"}, {"role", "liaison"}},
        {{"person", "p-ishii"}, {"role", "responder"}}}}},
     "p-fujita");

  // 3. G4.3.2a: IS asks the steering council chair to convene the committee; it meets.
  inc = Ok("POST", base + "/convocation", nullptr, "p-fujita");
  EXPECT_EQ(inc["convocation"]["addressees"][0], "p-mori");
  EXPECT_THAT(inc["convocation"]["addressees"], Contains("p-ishikawa"));
  EXPECT_EQ(inc["next"]["missing"][0],
            "convened: the committee has not met (no convened time recorded)");
  {  // The same sentences in Japanese, for a reader who asks for it.
    httplib::Headers ja{{"Authorization", "Bearer " + server_.TokenFor("p-fujita")},
                        {"Accept-Language", "ja"}};
    Json jinc = server_.SendWith("GET", base, "", "", ja).body;
    EXPECT_EQ(jinc["next"]["missing"][0],
              "委員会招集済み: 委員会が開催されていません（開催日時が未記録）");
    EXPECT_THAT(jinc["priority"]["reasons"].dump(), HasSubstr("ティア A のシステムに影響"));
    Json list = server_.SendWith("GET", "/api/v1/incidents", "", "", ja).body;
    EXPECT_THAT(list["items"][0]["priority"]["reasons"].dump(),
                HasSubstr("ティア A のシステムに影響"));
  }
  Ok("PUT", base + "/convocation",
     {{"attendees", {"p-ishikawa", "p-mori", "p-kobayashi", "p-yamazaki"}}}, "p-mori");
  inc = Ok("POST", base + "/transitions", {{"to", "convened"}}, "p-mori");
  EXPECT_EQ(inc["state"], "convened");

  // 4. G3.1: the committee decides: the response policy, then approvals for outside contacts.
  Refused("POST", base + "/decisions",
          {{"kind", "policy"}, {"text", "x"}, {"decided_by", "p-takahashi"}}, "p-mori", 400);
  Ok("POST", base + "/decisions",
     {{"kind", "policy"},
      {"text", "受注システムの外部公開を停止し、影響範囲を調査する。顧客対応を最優先とする。"},
      {"decided_by", "p-ishikawa"}},
     "p-mori", 201);
  Ok("POST", base + "/decisions",
     {{"kind", "approval"},
      {"text", "取引先・顧客・個人情報保護委員会への連絡を承認"},
      {"decided_by", "p-ishikawa"}},
     "p-mori", 201);
  inc = Ok("POST", base + "/decisions",
           {{"kind", "agency_contact"},
            {"text", "警察とJPCERT/CCへ相談する"},
            {"decided_by", "p-okada"}},
           "p-mori", 201);
  EXPECT_EQ(inc["decisions"].size(), 3u);

  // 5. G4.3.2: contacts; outside parties only on a committee decision.
  Ok("POST", base + "/contacts",
     {{"audience", "pr"}, {"contact", "pr"}, {"summary", "報道対応の準備を依頼"}, {"by", "p-mori"}},
     "p-mori", 201);
  Json unapproved = Refused("POST", base + "/contacts",
                            {{"audience", "police"},
                             {"contact", "police-cyber"},
                             {"summary", "被害相談"},
                             {"by", "p-fujita"}},
                            "p-fujita", 400);
  EXPECT_THAT(Wheres(unapproved), ::testing::ElementsAre("/approved_by"));
  Ok("POST", base + "/contacts",
     {{"audience", "police"},
      {"contact", "police-cyber"},
      {"channel", "phone"},
      {"summary", "被害相談、ログの保全を指示された"},
      {"by", "p-fujita"},
      {"approved_by", 3}},
     "p-fujita", 201);
  // G4.3.2b: the response policy (decision 1) approves no contact; the approval (2) does.
  Json by_policy = Refused("POST", base + "/contacts",
                           {{"audience", "partner"},
                            {"contact", "hayate-unyu"},
                            {"summary", "調査状況の連絡"},
                            {"by", "p-takahashi"},
                            {"approved_by", 1}},
                           "p-takahashi", 400);
  EXPECT_THAT(Messages(by_policy),
              Contains("decision 1 is of kind policy; a contact to partner is approved by a "
                       "decision of kind approval"));
  Ok("POST", base + "/contacts",
     {{"audience", "partner"},
      {"contact", "hayate-unyu"},
      {"summary", "調査状況の連絡"},
      {"by", "p-takahashi"},
      {"approved_by", 2},
      {"follow_up_due", "2027-01-15"}},
     "p-takahashi", 201);
  // Outside experts, the insurer, and the people whose data leaked (notice to individuals).
  Ok("POST", base + "/contacts",
     {{"audience", "insurer"},
      {"contact", "cyber-insurer"},
      {"summary", "事故受付、提携調査会社の起用を相談"},
      {"by", "p-mori"},
      {"approved_by", 2}},
     "p-mori", 201);
  Ok("POST", base + "/contacts",
     {{"audience", "vendor"},
      {"contact", "forensics-lab"},
      {"summary", "フォレンジック調査を依頼"},
      {"by", "p-fujita"},
      {"approved_by", 2}},
     "p-fujita", 201);
  Json no_count = Refused("POST", base + "/contacts",
                          {{"audience", "individuals"},
                           {"contact", "配送先が閲覧された顧客"},
                           {"channel", "post"},
                           {"summary", "お詫びと経緯のご案内"},
                           {"by", "p-takahashi"},
                           {"approved_by", 2}},
                          "p-takahashi", 400);
  EXPECT_THAT(Wheres(no_count), ::testing::ElementsAre("/persons"));
  inc = Ok("POST", base + "/contacts",
           {{"audience", "individuals"},
            {"contact", "配送先が閲覧された顧客"},
            {"channel", "post"},
            {"summary", "お詫びと経緯のご案内"},
            {"by", "p-takahashi"},
            {"approved_by", 2},
            {"persons", 950}},
           "p-takahashi", 201);
  EXPECT_EQ(inc["contacts"].back()["persons"], 950);
  Ok("POST", base + "/contacts",
     {{"audience", "regulator"},
      {"contact", "ppc"},
      {"channel", "web"},
      {"summary", "漏えい等報告(速報)"},
      {"by", "p-ishii"},
      {"approved_by", 2}},
     "p-ishii", 201);
  inc = Ok("POST", base + "/transitions", {{"to", "containing"}}, "p-mori");
  EXPECT_EQ(inc["state"], "containing");

  // 6. G4.3.3: emergency measures; one is reverted, with its reason.
  Ok("POST", base + "/tasks",
     {{"kind", "isolate_network"},
      {"title", "受注システムのVPN経路を遮断"},
      {"system", "order-system"},
      {"department", "it-dept"},
      {"assignee", "p-nakamura"},
      {"contains", true}},  // when it is done, the incident is contained
     "p-fujita", 201);
  Ok("POST", base + "/tasks",
     {{"kind", "customer_measures"},
      {"title", "取引先アカウントのパスワードを一斉リセット"},
      {"department", "sales"}},
     "p-fujita", 201);
  Ok("POST", base + "/tasks",
     {{"kind", "alternative_means"}, {"title", "電話・FAXで受注を継続"}, {"department", "sales"}},
     "p-fujita", 201);
  Ok("POST", base + "/tasks",
     {{"kind", "monitor_host"}, {"title", "EDRで不審な端末を隔離"}, {"department", "it-dept"}},
     "p-fujita", 201);
  Json open_task = Refused("POST", base + "/transitions", {{"to", "assessing"}}, "p-mori", 409);
  EXPECT_THAT(
      Messages(open_task),
      Contains(
          "assessing: emergency measure 1 (受注システムのVPN経路を遮断) has not been started"));
  Ok("PATCH", base + "/tasks/1", {{"status", "done"}, {"result", "VPNの該当経路を遮断済み"}},
     "p-nakamura");
  Ok("PATCH", base + "/tasks/2", {{"status", "done"}}, "p-takahashi");
  Refused("PATCH", base + "/tasks/3", {{"status", "reverted"}}, "p-takahashi", 400);
  inc =
      Ok("PATCH", base + "/tasks/3",
         {{"status", "reverted"}, {"revert_reason", "受注システム復旧のため終了"}}, "p-takahashi");
  EXPECT_EQ(inc["tasks"][2]["status"], "reverted");
  Refused("PATCH", base + "/tasks/9", {{"status", "done"}}, "p-takahashi", 404);
  // A measure that was tried and did not work says what happened.
  Refused("PATCH", base + "/tasks/4", {{"status", "failed"}}, "p-fujita", 400);
  inc = Ok("PATCH", base + "/tasks/4",
           {{"status", "failed"}, {"result", "EDRの隔離命令が端末に届かなかった"}}, "p-fujita");
  EXPECT_EQ(inc["tasks"][3]["status"], "failed");
  Ok("POST", base + "/transitions", {{"to", "assessing"}}, "p-mori");

  // 7. G4.3.4: the damage assessment.
  Json assessment = {{"kinds", {"leak"}},
                     {"scope", "取引先アカウント経由で受注照会画面から配送先情報を閲覧"},
                     {"systems", {"order-system"}},
                     {"first_seen", "2026-11-20T15:02:00Z"},
                     {"last_seen", "2026-11-25T18:40:00Z"},
                     {"intrusion_route", "漏えいした取引先アカウントでVPN経由ログイン"},
                     {"method", "正規の照会機能の大量実行"},
                     {"leaks",
                      {{{"system", "order-system"},
                        {"data_class", "顧客の注文・配送先"},
                        {"destination", "不明"},
                        {"records", 1200},
                        {"persons", 950},
                        {"personal_data", true}}}},
                     {"spread_outside", true},
                     {"spread_note", "取引先の他の委託先にも同様の照会"}};
  Json typo = assessment;
  typo["leaks"][0]["data_class"] = "顧客の注文";
  EXPECT_THAT(Wheres(Refused("PUT", base + "/assessment", typo, "p-fujita", 400)),
              ::testing::ElementsAre("/leaks/0/data_class"));
  inc = Ok("PUT", base + "/assessment", assessment, "p-fujita");
  EXPECT_EQ(inc["assessment"]["leaks"][0]["persons"], 950);
  // G4.3.4(3): whether the order system's personal data leaked must be said before recovering.
  EXPECT_THAT(
      Messages(Refused("POST", base + "/transitions", {{"to", "recovering"}}, "p-mori", 409)),
      Contains("recovering: the damage assessment does not say whether personal data of "
               "system order-system leaked (yes, possibly, no or unknown)"));
  assessment["personal_data"] = {{{"system", "order-system"}, {"leaked", "yes"}}};
  assessment["persons"] = 950;
  assessment["sensitive_personal_data"] = "no";
  assessment["financial_harm"] = "possibly";
  assessment["unauthorized_purpose"] = "yes";
  inc = Ok("PUT", base + "/assessment", assessment, "p-fujita");
  EXPECT_EQ(inc["assessment"]["unauthorized_purpose"], "yes");
  Ok("POST", base + "/transitions", {{"to", "recovering"}}, "p-mori");

  // 8. G4.3.5: recovery of the affected system.
  Ok("PUT", base + "/recovery/order-system", {{"status", "restoring"}}, "p-kato");
  Refused("POST", base + "/transitions", {{"to", "reviewing"}}, "p-mori", 409);
  Refused("PUT", base + "/recovery/erp-x", {{"status", "restored"}}, "p-kato", 400);
  // The directory turns out to be hit too: recording it grows the scope, with the reason.
  inc = Ok("PUT", base + "/recovery/directory",
           {{"status", "down"}, {"note", "ドメインコントローラに不正なアカウント"}}, "p-fujita");
  EXPECT_THAT(inc["systems"], Contains("directory"));
  EXPECT_EQ(inc["scope_changes"][0]["reason"], "ドメインコントローラに不正なアカウント");
  // G4.3.5: the order system (which depends on the directory) comes back after it.
  Json early = Refused("PUT", base + "/recovery/order-system",
                       {{"status", "restored"}, {"note", "認証方式を変更して再開"}}, "p-kato", 409);
  EXPECT_THAT(Messages(early), Contains(HasSubstr("order-system depends on directory, which is "
                                                  "still down in this incident")));
  Ok("PUT", base + "/recovery/directory", {{"status", "restored"}}, "p-fujita");
  Ok("PUT", base + "/recovery/order-system",
     {{"status", "restored"}, {"note", "認証方式を変更して再開"}}, "p-kato");
  Ok("POST", base + "/transitions", {{"to", "reviewing"}}, "p-mori");

  // 9. G4.4: findings kept apart, prevention, backdoor checks, and the access log kept.
  Ok("POST", base + "/findings",
     {{"kind", "technical"},
      {"text", "取引先アカウントに多要素認証がない"},
      {"system", "order-system"}},
     "p-fujita", 201);
  Ok("POST", base + "/findings",
     {{"kind", "social"}, {"text", "取引先とのアカウント管理の取り決めがない"}}, "p-yamazaki", 201);
  Ok("POST", base + "/prevention",
     {{"text", "取引先アカウントに多要素認証を導入"}, {"owner", "p-mori"}, {"due", "2027-03-31"}},
     "p-mori", 201);
  Json not_done = Refused("POST", base + "/transitions", {{"to", "closed"}}, "p-mori", 409);
  EXPECT_THAT(
      Messages(not_done),
      Contains("closed: backdoor check 'added_users' not answered for system order-system"));
  EXPECT_THAT(Messages(not_done), Contains("closed: no access log is attached as evidence"));
  Refused("PUT", base + "/backdoor-checks/order-system/added_users", {{"result", "found"}},
          "p-ogawa", 400);
  for (const char* item :
       {"added_users", "planted_programs", "unexpected_services", "device_settings"}) {
    Ok("PUT", base + "/backdoor-checks/order-system/" + std::string(item), {{"result", "clean"}},
       "p-ogawa");
  }
  // The directory host by host: dc01 had the added account; then every host of it in one answer.
  inc = Ok("PUT", base + "/backdoor-checks/directory/added_users?host=dc01",
           {{"result", "found"}, {"note", "不正な管理者アカウントを削除"}}, "p-ogawa");
  Refused("PUT", base + "/backdoor-checks/directory/added_users?host=dc09", {{"result", "clean"}},
          "p-ogawa", 400);
  for (const char* item : {"planted_programs", "unexpected_services", "device_settings"}) {
    inc = Ok("PUT", base + "/backdoor-checks/directory/" + std::string(item), {{"result", "clean"}},
             "p-ogawa");
  }
  EXPECT_THAT(Messages(Refused("POST", base + "/transitions", {{"to", "closed"}}, "p-mori", 409)),
              Contains("closed: backdoor check 'added_users' not answered for system directory"));
  inc = Ok("PUT", base + "/backdoor-checks/directory/added_users",
           {{"result", "clean"}, {"note", "dc01 の不正アカウント削除後に全台を再確認"}}, "p-ogawa");
  bool vouched = false;
  for (const auto& c : inc["backdoor_checks"]) {
    if (c["system"] == "directory" && c["item"] == "added_users" && !c.contains("host")) {
      EXPECT_EQ(c["hosts"], Json({"dc01", "dc02"}));
      vouched = true;
    }
  }
  EXPECT_TRUE(vouched);
  Refused("PUT", base + "/backdoor-checks/order-system/rootkits", {{"result", "clean"}}, "p-ogawa",
          404);
  // The public OpenSSH sample log when ../shared is beside the clone; otherwise lines of the same
  // shape, so that the test runs in a user's fresh clone too.
  std::string log =
      Slurp(std::string(SOKUO_SOURCE_DIR) + "/../shared/data/loghub/OpenSSH/OpenSSH_2k.log");
  if (log.empty()) {
    std::cout << "../shared/data is absent: using a generated sshd log instead\n";
    for (int i = 0; log.size() < 200000; ++i) {
      log += "Dec 10 06:55:" + std::to_string(10 + i % 50) + " LabSZ sshd[" +
             std::to_string(24200 + i) + "]: Failed password for root from 183.62.140." +
             std::to_string(i % 250) + " port " + std::to_string(40000 + i) + " ssh2\n";
    }
  }
  ASSERT_GT(log.size(), 100000u);
  Reply evidence =
      server_.SendRaw("POST", base + "/evidence?name=sshd.log&kind=access_log&system=order-system",
                      log, "application/octet-stream", "p-fujita");
  ASSERT_EQ(evidence.status, 201) << evidence.body.dump();
  std::string sha = evidence.body["evidence"][0]["sha256"];
  EXPECT_EQ(Slurp(server_.data() + "/evidence/" + sha), log);

  // 10. Close, once every reporting duty is filed (G4.3.2c): refused while one is open.
  EXPECT_THAT(Messages(Refused("POST", base + "/transitions", {{"to", "closed"}}, "p-mori", 409)),
              Contains(HasSubstr("Final report to the PPC (unauthorized purpose)")));
  FileEveryDuty(base);
  inc = Ok("POST", base + "/transitions", {{"to", "closed"}}, "p-ishikawa");
  EXPECT_EQ(inc["state"], "closed");
  for (const char* m :
       {"reported", "triaged", "convened", "contained", "assessed", "recovered", "closed"}) {
    EXPECT_TRUE(inc["milestones"].contains(m)) << m;
  }
  Json closed = Refused("PATCH", base, {{"summary", "追記"}}, "p-mori", 409);
  EXPECT_THAT(closed["detail"].get<std::string>(), HasSubstr("reopen it"));

  // The timeline is the work record, in order (G4.4.3).
  Json timeline = Ok("GET", base + "/timeline", nullptr, "p-ishikawa");
  std::vector<std::string> actions;
  for (const auto& e : timeline["items"]) actions.push_back(e["action"]);
  ASSERT_GE(actions.size(), 30u);
  EXPECT_EQ(actions.front(), "incident.report");
  EXPECT_EQ(timeline["items"].back()["body"]["to"], "closed");
  EXPECT_EQ(timeline["items"][0]["actor"], "p-takahashi");
  int64_t previous = 0;
  for (const auto& e : timeline["items"]) {
    EXPECT_GT(e["seq"].get<int64_t>(), previous);
    previous = e["seq"];
  }
  EXPECT_EQ(Ok("GET", "/api/v1/journal/verify", nullptr, "p-mori")["ok"], true);

  // Reopening needs a reason, and leads back to work.
  Refused("POST", base + "/transitions", {{"to", "reviewing"}}, "p-ishikawa", 409);
  inc = Ok("POST", base + "/transitions",
           {{"to", "reviewing"}, {"reason", "同じ手口のログインを再検知"}}, "p-ishikawa");
  EXPECT_EQ(inc["state"], "reviewing");
  EXPECT_FALSE(inc["milestones"].contains("closed"));

  Json list = Ok("GET", "/api/v1/incidents?open=true&priority=p2", nullptr, "p-fujita");
  ASSERT_EQ(list["total"], 1);
  EXPECT_EQ(list["items"][0]["key"], key);
  EXPECT_FALSE(list["items"][0].contains("tasks"));  // summaries only
}

}  // namespace
}  // namespace sokuo::testing
