// The SQL of the alert list against the in-memory reference (store/alert_query.h), on SQLite and
// on PostgreSQL: the same rows, in the same order, with the same total, for random alerts and
// random queries.
#include <random>

#include <gtest/gtest.h>

#include "store/alert_query.h"
#include "store/alert_rows.h"
#include "store/incident_rows.h"
#include "store/store_test_db.h"

namespace sokuo::store {
namespace {

const std::vector<std::string> kAlertTestLevels = {"informational", "low",  "medium", "high",
                                                   "critical",      "none", "weird",  ""};
const std::vector<std::string> kAlertTitles = {"SSH login after a brute force", "New local user",
                                               "Webshell in uploads",
                                               "Failed logins from one address"};
const std::vector<std::string> kAlertHosts = {"web1", "gw", "fs01", "db-2"};
const std::vector<std::string> kAlertPeople = {"p-a", "p-b", "p-c"};
const std::vector<std::string> kAlertDepartments = {"sales", "it-dept", "hr"};
const std::vector<std::string> kAlertSearches = {
    "SSH",          "ssh",     "user",   "web",           "gw",
    "ALR-2026-001", "src_ip=", "sigma-", "Failed logins", "nothing"};

class AlertListTest : public EngineTest {
 protected:
  template <class T>
  const T& Pick(const std::vector<T>& v) {
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng_)];
  }
  bool Coin(int one_in) { return rng_() % one_in == 0; }
  Result<void> Write(const std::function<Result<void>(Tx&)>& change) {
    return store_->Write([&](Tx& tx) -> Result<void> {
      TRY(change(tx));
      TRY(tx.Append({.at = {}, .actor = "t", .action = "test", .subject = "t"}));
      return {};
    });
  }

  std::mt19937 rng_{28112026};
};

TEST_P(AlertListTest, SqlGivesTheReferenceAnswerForRandomQueries) {
  std::vector<std::string> incidents = {"INC-2026-0999"};  // an alert may name one not there
  for (int n = 1; n <= 8; ++n) {
    core::Incident i{.key = core::IncidentKey(2026, n), .year = 2026, .number = n};
    i.title = "alert incident";
    i.reported_at = "2026-11-01T00:00:00Z";
    i.restricted = Coin(2);
    i.reported_by = Pick(kAlertPeople);
    i.departments = {Pick(kAlertDepartments)};
    incidents.push_back(i.key);
    ASSERT_TRUE(Write([&](Tx& tx) -> Result<void> {
      TRY(SaveIncident(tx, i));
      return {};
    }));
  }
  std::vector<core::Alert> alerts;
  for (int n = 1; n <= 160; ++n) {
    core::Alert a{.key = core::AlertKey(2026, n), .year = 2026, .number = n};
    a.rule_id = "sigma-" + std::to_string(n % 9);
    a.rule_title = Pick(kAlertTitles);
    a.level = Pick(kAlertTestLevels);
    a.host = Pick(kAlertHosts);
    a.group = Coin(2) ? "host=" + a.host : "src_ip=198.51.100." + std::to_string(n % 7);
    a.last_at = "2026-11-02T00:00:00Z";
    a.state = static_cast<core::AlertState>(rng_() % 3);
    if (a.state != core::AlertState::kOpen || Coin(4)) a.incident = Pick(incidents);
    alerts.push_back(a);
    ASSERT_TRUE(Write([&](Tx& tx) { return SaveAlert(tx, a); }));
  }
  for (size_t k = 0; k < alerts.size(); k += 9) {  // decided later: the facts follow the change
    alerts[k].state = core::AlertState::kIncident;
    alerts[k].incident = Pick(incidents);
    alerts[k].level = Pick(kAlertTestLevels);
    ASSERT_TRUE(Write([&](Tx& tx) { return SaveAlert(tx, alerts[k]); }));
  }
  size_t nonempty = 0;
  for (int n = 0; n < 300; ++n) {
    AlertQuery q;
    switch (rng_() % 3) {
      case 0:
        q.scope.everything = true;
        break;
      case 1:
        q.scope = {.person = Pick(kAlertPeople), .unrestricted = true};
        break;
      default:
        q.scope = {.person = Pick(kAlertPeople), .departments = {Pick(kAlertDepartments)}};
    }
    if (Coin(3)) q.state = static_cast<core::AlertState>(rng_() % 3);
    if (Coin(3)) q.min_rank = static_cast<int>(rng_() % 6);
    if (Coin(3)) q.text = Pick(kAlertSearches);
    if (Coin(4)) q.after = std::pair(2026, static_cast<int>(rng_() % 170));
    q.offset = Coin(3) ? rng_() % 10 : 0;
    q.limit = 1 + rng_() % 30;
    auto sql = store_->ListAlertRows(q);
    auto reference = ListAlertsInMemory(*store_, q);
    ASSERT_TRUE(sql) << sql.error().ToString();
    ASSERT_TRUE(reference) << reference.error().ToString();
    auto ids = [](const RowPage& r) {
      std::vector<std::string> out;
      for (const Row& row : r.rows) out.push_back(row.value("id", ""));
      return out;
    };
    ASSERT_EQ(sql->total, reference->total) << "query " << n << " text '" << q.text << "'";
    ASSERT_EQ(ids(*sql), ids(*reference)) << "query " << n;
    if (!sql->rows.empty()) ++nonempty;
  }
  EXPECT_GT(nonempty, 150u);
}

INSTANTIATE_TEST_SUITE_P(Engines, AlertListTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), EngineName);

}  // namespace
}  // namespace sokuo::store
