// A large-scale disaster through the HTTP API of a real server with the example company (G5.2):
// an earthquake takes out the head office; the utility says power returns after 6 hours; half the
// IS department can work. The plan puts power, the core network and the tier-a systems first, and
// says what it cannot plan and why.
#include <algorithm>
#include <chrono>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/time.h"
#include "integration/server.h"

namespace sokuo::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class DisasterE2eTest : public ::testing::Test {
 protected:
  void SetUp() override { server_.Start("disaster-e2e"); }
  void TearDown() override { EXPECT_EQ(server_.Stop(), 0); }

  Json Ok(const std::string& method, const std::string& path, const Json& body,
          const std::string& person, int status = 200) {
    Reply r = server_.Send(method, path, body, person);
    EXPECT_EQ(r.status, status) << method << " " << path << ": " << r.body.dump(1);
    return r.body;
  }
  // A request refused without a person's change reaching the journal.
  Json Refused(const std::string& method, const std::string& path, const Json& body,
               const std::string& person, int status) {
    server_.TokenFor(person);  // making a token is itself journaled
    int64_t head =
        server_.Send("GET", "/api/v1/journal/head", nullptr, "p-mori").body["seq"].get<int64_t>();
    Reply r = server_.Send(method, path, body, person);
    EXPECT_EQ(r.status, status) << method << " " << path << ": " << r.body.dump(1);
    Reply journal =
        server_.Send("GET", "/api/v1/journal?after=" + std::to_string(head), nullptr, "p-mori");
    EXPECT_EQ(journal.status, 200);
    const Json& after = journal.body;
    EXPECT_TRUE(after.contains("items") && after["items"].is_array()) << after.dump();
    for (const Json& e : after.value("items", Json::array())) {
      EXPECT_EQ(e["actor"], "system") << "a refusal changed state: " << e.dump();
    }
    return r.body;
  }
  static std::string Iso(Timestamp t) { return FormatRfc3339(t); }

  SokuoServer server_;
};

TEST_F(DisasterE2eTest, EarthquakeAtTheHeadOfficeWithHalfTheIsDepartment) {
  Timestamp now = std::chrono::floor<std::chrono::minutes>(std::chrono::system_clock::now());
  Timestamp quake = now - std::chrono::minutes(30);
  Timestamp power_back = quake + std::chrono::hours(6);

  // The IS department's head declares it (G5.2.2).
  Json d = Ok("POST", "/api/v1/disasters",
              {{"kind", "earthquake"},
               {"title", "本社 震度6強"},
               {"sites", {"本社"}},
               {"areas", {"神奈川県"}},
               {"at", Iso(quake)}},
              "p-mori", 201);
  const std::string key = d["key"];
  EXPECT_THAT(key, ::testing::MatchesRegex("DIS-[0-9]{4}-0001"));
  const std::string base = "/api/v1/disasters/" + key;
  // The committee and the IS department are told; every department head is asked for the roll
  // call (G5.2.3).
  Json sent = Ok("GET", base + "/notifications", nullptr, "p-mori");
  ASSERT_EQ(sent["items"].size(), 2u);
  EXPECT_EQ(sent["items"][0]["kind"], "disaster.declared");
  EXPECT_THAT(sent["items"][0]["recipients"], Contains("p-ishikawa"));
  EXPECT_THAT(sent["items"][0]["recipients"], Contains("p-nakamura"));
  EXPECT_EQ(sent["items"][1]["kind"], "disaster.roll_call");
  EXPECT_THAT(sent["items"][1]["recipients"], Contains("p-kobayashi"));
  EXPECT_THAT(sent["items"][1]["recipients"], Contains("p-hayashi"));

  // Damage survey (G5.2.4): the head office has no power; the data centre does.
  Ok("POST", base + "/survey",
     {{"entries",
       {{{"department", "hr-admin"},
         {"site", "本社"},
         {"item", "power"},
         {"status", "down"},
         {"note", "受電設備損傷、発電機燃料切れ"}},
        {{"department", "it-dept"},
         {"site", "データセンター"},
         {"item", "power"},
         {"status", "ok"}},
        {{"department", "it-dept"},
         {"site", "本社"},
         {"item", "systems"},
         {"target", "core-network"},
         {"status", "down"}}}}},
     "p-hayashi", 201);
  // A sales member may not survey the IS department.
  Refused("POST", base + "/survey",
          {{"entries", {{{"department", "it-dept"}, {"item", "network"}, {"status", "ok"}}}}},
          "p-takahashi", 403);
  // The utility says power returns after 6 hours.
  Ok("POST", base + "/progress",
     {{"system", "power-hq"}, {"status", "down"}, {"eta", Iso(power_back)}}, "p-hayashi", 201);
  // Roll call: half the IS department can work, around the clock; the other half cannot.
  for (const char* p : {"p-mori", "p-nakamura", "p-ogawa"}) {
    Ok("POST", base + "/rollcall",
       {{"person", p}, {"can_work", true}, {"hours_per_day", 24}, {"where", "office"}}, "p-mori",
       201);
  }
  for (const char* p : {"p-fujita", "p-kato", "p-endo"}) {
    Ok("POST", base + "/rollcall", {{"person", p}, {"can_work", false}, {"note", "交通途絶"}},
       "p-mori", 201);
  }

  Json plan = Ok("GET", base + "/plan", nullptr, "p-takahashi");
  const Json& steps = plan["steps"];
  ASSERT_GE(steps.size(), 3u) << plan.dump(1);
  // Power first: the utility brings it back, nobody works on it.
  EXPECT_EQ(steps[0]["system"], "power-hq");
  EXPECT_EQ(steps[0]["finish_at"], Iso(power_back));
  EXPECT_FALSE(steps[0].contains("worker"));
  // Then the core network, by someone with the skill, once power is back.
  EXPECT_EQ(steps[1]["system"], "core-network");
  EXPECT_EQ(steps[1]["start_at"], Iso(power_back));
  EXPECT_THAT(std::vector<std::string>({"p-mori", "p-nakamura"}),
              Contains(steps[1]["worker"].get<std::string>()));
  // Every tier-a system planned comes before every other system planned.
  Json systems = Ok("GET", "/api/v1/systems?limit=500", nullptr, "p-mori")["items"];
  auto tier = [&](const std::string& id) {
    for (const Json& s : systems) {
      if (s["id"] == id) return s["tier"].get<std::string>();
    }
    return std::string("?");
  };
  bool seen_other = false;
  for (const Json& s : steps) {
    if (tier(s["system"]) != "a") seen_other = true;
    if (seen_other) {
      EXPECT_NE(tier(s["system"]), "a") << s.dump();
    }
  }
  EXPECT_TRUE(seen_other);
  // What cannot be planned is said, with why: nobody who can work knows the directory.
  auto why = [&](const std::string& id) {
    for (const Json& u : plan["unplanned"]) {
      if (u["system"] == id) return u["reason"].get<std::string>();
    }
    return std::string();
  };
  EXPECT_EQ(why("directory"), "plan.no_skill");

  // Each change of the survey, progress and roll call kept its plan (G5.2.6).
  Json board = Ok("GET", base, nullptr, "p-takahashi");
  ASSERT_EQ(board["plans"].size(), 9u);  // declared, survey, progress, six answers
  EXPECT_EQ(board["plans"][8]["cause"], "disaster.rollcall");
  EXPECT_EQ(board["plans"][8]["steps"].size(), steps.size());
  // The board: the head office's power is down, other departments are still unknown.
  bool hr_power_down = false;
  for (const Json& row : board["survey_matrix"]["rows"]) {
    if (row["department"] == "hr-admin") hr_power_down = row["cells"]["power"] == "down";
  }
  EXPECT_TRUE(hr_power_down);
  EXPECT_FALSE(board["survey_matrix"]["unknown"].empty());
  EXPECT_FALSE(board["close_blocks"].empty());

  // Closing: refused while tier-a systems are down; the committee may close with its reason.
  Json refused = Refused("POST", base + "/close", Json::object(), "p-nakamura", 409);
  EXPECT_FALSE(refused.value("errors", Json::array()).empty());
  Json closed =
      Ok("POST", base + "/close", {{"reason", "代替拠点で業務継続、本社は別途復旧"}}, "p-ishikawa");
  EXPECT_EQ(closed["state"], "closed");
  Refused("POST", base + "/rollcall", {{"person", "p-endo"}, {"can_work", true}}, "p-mori", 409);
  Json list = Ok("GET", "/api/v1/disasters?open=true", nullptr, "p-takahashi");
  EXPECT_EQ(list["total"], 0);
  EXPECT_EQ(Ok("GET", "/api/v1/journal/verify", nullptr, "p-mori")["ok"], true);
}

TEST_F(DisasterE2eTest, BadRequestsAreRefusedAndChangeNothing) {
  Json bad =
      Refused("POST", "/api/v1/disasters",
              {{"kind", "meteor"}, {"title", ""}, {"departments", {"nowhere"}}}, "p-mori", 400);
  Json d = Ok("POST", "/api/v1/disasters", {{"kind", "flood"}, {"title", "浸水"}}, "p-mori", 201);
  const std::string base = "/api/v1/disasters/" + d["key"].get<std::string>();
  Refused("POST", base + "/rollcall", {{"person", "p-mori"}, {"recorded_by", "p-x"}}, "p-mori",
          400);
  Json silent = Refused("POST", base + "/rollcall", {{"person", "p-mori"}}, "p-mori", 400);
  EXPECT_EQ(silent["where"], "/can_work");  // whether the person can work is never assumed
  Refused("POST", base + "/survey", {{"entries", Json::array()}}, "p-mori", 400);
  Refused("POST", base + "/exemptions",
          {{"rule", "持出し申請規程"},
           {"scope", "PC"},
           {"expires_at", "2099-01-01T00:00:00Z"},
           {"reason", "r"},
           {"decided_by", "p-nakamura"}},
          "p-mori", 400);
  Refused("PATCH", base + "/vendor-requests/7", {{"state", "done"}}, "p-mori", 404);
  Refused("GET", "/api/v1/disasters/DIS-2026-9999", nullptr, "p-mori", 404);
  Refused("POST", "/api/v1/disasters", {{"kind", "fire"}, {"title", "x"}}, "p-takahashi", 403);
}

}  // namespace
}  // namespace sokuo::testing
