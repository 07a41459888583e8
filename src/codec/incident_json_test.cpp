#include "codec/incident_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sokuo::codec {
namespace {

using ::testing::ElementsAre;

core::Incident SampleIncident() {
  core::Incident i;
  i.key = "INC-2026-0007";
  i.year = 2026;
  i.number = 7;
  i.title = "ランサムウェア感染の疑い";
  i.systems = {"file-server"};
  i.harm = core::Harm::kPossible;
  i.tlp = core::Tlp::kAmberStrict;
  i.state = core::IncidentState::kAssessing;
  i.triage = core::Triage{true, "", "p-fujita", "2026-11-26T01:00:00Z"};
  i.assessment =
      core::Assessment{.kinds = {core::DamageKind::kDestruction},
                       .leaks = {{.system = "file-server", .records = 120}},
                       .personal_data = {{"file-server", core::Likelihood::kPossibly, "推定"}},
                       .persons = 250000,
                       .sensitive_personal_data = core::Likelihood::kNo,
                       .financial_harm = core::Likelihood::kYes,
                       .unauthorized_purpose = core::Likelihood::kPossibly};
  i.history = {{core::IncidentState::kReported, core::IncidentState::kTriaged, "t", "p", ""}};
  i.hosts = {{"file-server", "fs01"}};
  i.scope_changes = {{"directory", "recovery", "DCにも侵入", "p-fujita", "2026-11-26T02:00:00Z"}};
  return i;
}

TEST(IncidentJsonTest, HeaderRoundTrips) {
  core::Incident i = SampleIncident();
  auto back = ReadHeaderOf<core::Incident>(HeaderToJson(i));
  ASSERT_TRUE(back) << back.error().ToString();
  EXPECT_EQ(*back, i);
  EXPECT_EQ(HeaderToJson(i)["tlp"], "amber+strict");
}

TEST(IncidentJsonTest, RecordsRoundTrip) {
  core::Task t{.id = 3,
               .kind = core::TaskKind::kIsolateNetwork,
               .title = "VLAN遮断",
               .status = core::TaskStatus::kReverted,
               .revert_reason = "復旧のため再接続"};
  auto task = ReadAll<core::Task>(ToJson(t), [](JsonReader& r, core::Task& x) { Read(r, x); });
  ASSERT_TRUE(task);
  EXPECT_EQ(*task, t);
  core::ContactLog c{.id = 1,
                     .audience = core::Audience::kRegulator,
                     .contact = "ppc",
                     .channel = core::ChannelKind::kWeb,
                     .summary = "速報",
                     .approved_by = 2};
  auto contact =
      ReadAll<core::ContactLog>(ToJson(c), [](JsonReader& r, core::ContactLog& x) { Read(r, x); });
  ASSERT_TRUE(contact);
  EXPECT_EQ(*contact, c);
  core::ContactLog notice{.id = 2,
                          .audience = core::Audience::kIndividuals,
                          .contact = "会員",
                          .channel = core::ChannelKind::kPost,
                          .summary = "お詫び",
                          .approved_by = 2,
                          .persons = 250000};
  EXPECT_EQ(*ReadAll<core::ContactLog>(ToJson(notice),
                                       [](JsonReader& r, core::ContactLog& x) { Read(r, x); }),
            notice);
  core::Recovery rec{
      .system = "orders", .status = core::RecoveryStatus::kRestored, .override_reason = "予備回線"};
  EXPECT_EQ(
      *ReadAll<core::Recovery>(ToJson(rec), [](JsonReader& r, core::Recovery& x) { Read(r, x); }),
      rec);
  core::BackdoorCheck whole{.system = "directory", .hosts = {"dc01", "dc02"}};
  core::BackdoorCheck one{
      .system = "directory", .host = "dc01", .result = core::CheckResult::kFound, .note = "x"};
  for (const core::BackdoorCheck& b : {whole, one}) {
    EXPECT_EQ(*ReadAll<core::BackdoorCheck>(
                  ToJson(b), [](JsonReader& r, core::BackdoorCheck& x) { Read(r, x); }),
              b);
  }
  core::Task failed{
      .id = 4, .title = "EDR隔離", .status = core::TaskStatus::kFailed, .result = "x"};
  EXPECT_EQ(ToJson(failed)["status"], "failed");
}

// Event times round-trip apart from recording times, and incidents stored before they existed
// (no occurred_at, aware_at, recorded_at, contains, at, status_at) still load, as empty.
TEST(IncidentJsonTest, EventTimesRoundTripAndOldRecordsStillLoad) {
  core::Incident i = SampleIncident();
  i.occurred_at = "2026-11-20T15:00:00Z";
  i.aware_at = "2026-11-25T23:30:00Z";
  i.reported_at = "2026-11-26T00:10:00Z";
  i.recorded_at = "2026-11-26T03:00:00Z";
  auto back = ReadHeaderOf<core::Incident>(HeaderToJson(i));
  ASSERT_TRUE(back) << back.error().ToString();
  EXPECT_EQ(*back, i);
  EXPECT_EQ(HeaderToJson(i)["aware_at"], "2026-11-25T23:30:00Z");

  core::Task t{.id = 1,
               .kind = core::TaskKind::kIsolateNetwork,
               .title = "VLAN遮断",
               .status = core::TaskStatus::kDone,
               .contains = true,
               .at = "2026-11-26T00:20:00Z",
               .status_at = "2026-11-26T00:40:00Z",
               .created_at = "2026-11-26T03:05:00Z",
               .updated_at = "2026-11-26T03:06:00Z"};
  auto read_task = [](JsonReader& r, core::Task& x) { Read(r, x); };
  auto task = ReadAll<core::Task>(ToJson(t), read_task);
  ASSERT_TRUE(task) << task.error().ToString();
  EXPECT_EQ(*task, t);

  // Rows written before event times existed, as the store kept them.
  Json old_header = Json::parse(R"({"key": "INC-2026-0001", "year": 2026, "number": 1,
      "title": "不審なログイン", "detection": "user_report", "systems": [], "departments": [],
      "harm": "unknown", "restricted": false, "tlp": "amber", "state": "triaged",
      "participants": [], "history": [{"from": "reported", "to": "triaged",
      "at": "2026-11-26T00:10:00Z", "by": "p-fujita"}],
      "reported_at": "2026-11-26T00:00:00Z", "reported_by": "p-yamada"})");
  auto old = ReadHeaderOf<core::Incident>(old_header);
  ASSERT_TRUE(old) << old.error().ToString();
  EXPECT_EQ(old->reported_at, "2026-11-26T00:00:00Z");
  EXPECT_EQ(old->occurred_at, "");
  EXPECT_EQ(old->aware_at, "");
  EXPECT_EQ(old->recorded_at, "");
  EXPECT_EQ(core::AwareAt(*old), "2026-11-26T00:00:00Z");
  Json old_task = Json::parse(R"({"id": 2, "kind": "shutdown_host", "title": "停止",
      "status": "done", "created_at": "2026-11-26T01:00:00Z",
      "updated_at": "2026-11-26T02:00:00Z"})");
  auto task2 = ReadAll<core::Task>(old_task, read_task);
  ASSERT_TRUE(task2) << task2.error().ToString();
  EXPECT_FALSE(task2->contains);
  EXPECT_EQ(task2->at, "");
  EXPECT_EQ(task2->status_at, "");
}

TEST(IncidentJsonTest, ReportsEveryProblemWithItsPointer) {
  Json bad = {{"kind", "isolate"}, {"title", 5}, {"statuz", "open"}, {"due", nullptr}};
  auto r = ReadAll<core::Task>(bad, [](JsonReader& rd, core::Task& x) { Read(rd, x); });
  ASSERT_FALSE(r);
  std::vector<std::string> got;
  for (const auto& d : r.error().details) got.push_back(d.where + ": " + d.message);
  EXPECT_THAT(got, ElementsAre("/statuz: unknown key 'statuz' (did you mean 'status'?)",
                               "/kind: unknown value 'isolate' (one of: isolate_network, "
                               "monitor_host, shutdown_host, alternative_means, "
                               "customer_measures, other)",
                               "/title: expected text"));
  auto not_object =
      ReadAll<core::Task>(Json::array(), [](JsonReader& rd, core::Task& x) { Read(rd, x); });
  ASSERT_FALSE(not_object);
  EXPECT_EQ(not_object.error().details[0].message, "expected an object");
  Json nested = {{"kinds", {"leak", "theft"}}, {"leaks", {{{"system", 1}}}}};
  auto a =
      ReadAll<core::Assessment>(nested, [](JsonReader& rd, core::Assessment& x) { Read(rd, x); });
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().details[0].where, "/kinds/1");
  EXPECT_EQ(a.error().details[1].where, "/leaks/0/system");
}

TEST(IncidentJsonTest, ParseJsonSaysWhere) {
  auto r = ParseJson("{\"title\": ");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "not valid JSON (at byte 11)");
  EXPECT_TRUE(ParseJson("{}"));
}

// Input that nlohmann refuses with other exceptions than a syntax error is still the client's
// mistake, never an exception out of the parser.
TEST(IncidentJsonTest, ParseJsonRefusesNumbersBeyondADouble) {
  for (const char* text : {"{\"x\": 1e400}", "[-1e99999]", "{\"a\": [1, 2e308]}"}) {
    auto r = ParseJson(text);
    ASSERT_FALSE(r) << text;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput) << text;
  }
}

}  // namespace
}  // namespace sokuo::codec
