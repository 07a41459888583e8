// The behaviour every Store has, on SQLite and on PostgreSQL alike: each test runs against a
// fresh database of both (store_test_db.h). What only one engine has (SQLite's busy retries
// and file modes, its group commit) is tested beside that engine.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/org_fixture.h"
#include "store/disaster_rows.h"
#include "store/incident_rows.h"
#include "store/journal.h"
#include "store/org_rows.h"
#include "store/store_copy.h"
#include "store/store_test_db.h"
#include "store/tables.h"

namespace sokuo::store {
namespace {

class StoreContractTest : public EngineTest {
 protected:
  Result<void> Import(const core::Organization& org, const std::string& actor = "test") {
    return ImportOrganization(*store_, org, actor);
  }

  // Writes `incident`, journaled: added as new (AddIncident) when `fresh`, else saved over what
  // is stored (SaveIncident).
  Result<void> WriteIncident(const core::Incident& incident, bool fresh) {
    return store_->Write([&](Tx& tx) -> Result<void> {
      if (fresh) {
        TRY(AddIncident(tx, incident));
      } else {
        TRY(SaveIncident(tx, incident));
      }
      TRY(tx.Append({.at = {}, .actor = "t", .action = "incident.test", .subject = incident.key}));
      return {};
    });
  }

  // Changes the database outside sokuo, as someone with sqlite3 or psql would.
  void Tamper(const std::string& sql) {
    auto r = db_->Exec(sql);
    ASSERT_TRUE(r) << r.error().ToString();
  }
};

using ::testing::HasSubstr;

TEST_P(StoreContractTest, StoresAndLoadsTheOrganization) {
  core::Organization org = core::SmallOrganization();
  ASSERT_TRUE(Import(org));
  auto loaded = LoadOrganization(*store_);
  ASSERT_TRUE(loaded) << loaded.error().ToString();
  EXPECT_EQ(*loaded, org);
  auto head = store_->Head();
  ASSERT_TRUE(head);
  EXPECT_EQ(head->seq, 1);
}

// Statements are kept prepared between calls; a kept one must not pin an old snapshot: a
// change made through another connection (the CLI beside a running server) is seen at once.
TEST_P(StoreContractTest, RepeatedReadsSeeChangesFromAnotherConnection) {
  core::Organization org = core::SmallOrganization();
  ASSERT_TRUE(Import(org));
  ASSERT_TRUE(LoadOrganization(*store_));
  ASSERT_TRUE(store_->Head());
  {
    auto other = db_->Open();
    ASSERT_TRUE(other) << other.error().ToString();
    org.company.name = "changed elsewhere";
    ASSERT_TRUE((*other)->Write([&](Tx& tx) -> Result<void> {
      TRY(ReplaceOrganization(tx, org));
      TRY(tx.Append({.at = {}, .actor = "cli", .action = "org.import", .subject = "org"}));
      return {};
    }));
  }
  auto head = store_->Head();
  ASSERT_TRUE(head);
  EXPECT_EQ(head->seq, 2);
  auto loaded = LoadOrganization(*store_);
  ASSERT_TRUE(loaded) << loaded.error().ToString();
  EXPECT_EQ(loaded->company.name, "changed elsewhere");
  // And the same statements still serve writes and a full verification.
  ASSERT_TRUE(Import(core::SmallOrganization()));
  auto report = store_->Verify();
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok());
}

TEST_P(StoreContractTest, ReimportJournalsOnlyWhatChanged) {
  core::Organization org = core::SmallOrganization();
  ASSERT_TRUE(Import(org));
  ASSERT_TRUE(Import(org));  // no change, no entry
  EXPECT_EQ(store_->Head()->seq, 1);

  org.people[2].email = "ken.tanaka@example.jp";
  org.media.clear();
  ASSERT_TRUE(Import(org));
  auto entries = store_->ReadJournal({.after_seq = 1});
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 1u);
  auto body = nlohmann::json::parse((*entries)[0].body);
  ASSERT_EQ(body["changes"].size(), 2u);
  EXPECT_EQ(body["changes"][0]["table"], "media");
  EXPECT_EQ(body["changes"][0]["removed"], true);
  EXPECT_EQ(body["changes"][1]["id"], "p-tanaka");
  EXPECT_EQ(body["changes"][1]["row"]["email"], "ken.tanaka@example.jp");
  EXPECT_EQ(*LoadOrganization(*store_), org);
}

TEST_P(StoreContractTest, FailedWorkChangesNothing) {
  ASSERT_TRUE(Import(core::SmallOrganization()));
  auto r = store_->Write([&](Tx& tx) -> Result<void> {
    core::Organization changed = core::SmallOrganization();
    changed.company.name = "changed";
    TRY(ReplaceOrganization(tx, changed));
    TRY(tx.Append({.at = {}, .actor = "t", .action = "x", .subject = "org"}));
    return Fail(ErrorCode::kInvalidInput, Msg("error.invalid_input"));
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().msg.code, "error.invalid_input");
  EXPECT_EQ(LoadOrganization(*store_)->company.name, core::SmallOrganization().company.name);
  EXPECT_EQ(store_->Head()->seq, 1);
}

TEST_P(StoreContractTest, RefusesChangesWithoutAJournalEntry) {
  auto r = store_->Write([&](Tx& tx) -> Result<void> {
    TRY(ReplaceOrganization(tx, core::SmallOrganization()));
    return {};
  });
  ASSERT_FALSE(r);
  EXPECT_THAT(r.error().message, HasSubstr("without a journal entry"));
  EXPECT_TRUE(LoadOrganization(*store_)->departments.empty());
}

// Several rows by one column at once: those that exist, each once, and none for no values.
TEST_P(StoreContractTest, ReadsTheRowsOfAnyOfSeveralValues) {
  ASSERT_TRUE(Import(core::SmallOrganization()));
  auto r = store_->Write([&](Tx& tx) -> Result<void> {
    std::vector<std::string> ids;
    for (const auto& p : core::SmallOrganization().people) ids.push_back(p.id);
    ids.push_back("p-nobody");
    ids.push_back(ids.front());
    ASSIGN_OR_RETURN(Table people, tx.ReadWhereAny("people", "id", ids));
    EXPECT_EQ(people.size(), core::SmallOrganization().people.size());
    for (const auto& p : core::SmallOrganization().people) {
      EXPECT_TRUE(people.contains(p.id)) << p.id;
      if (people.contains(p.id)) {
        EXPECT_EQ(people[p.id], (*tx.ReadWhere("people", "id", p.id))[p.id]);
      }
    }
    ASSIGN_OR_RETURN(Table none, tx.ReadWhereAny("people", "id", {}));
    EXPECT_TRUE(none.empty());
    ASSIGN_OR_RETURN(Table unknown, tx.ReadWhereAny("people", "id", {"p-nobody"}));
    EXPECT_TRUE(unknown.empty());
    return {};
  });
  ASSERT_TRUE(r) << r.error().ToString();
}

TEST_P(StoreContractTest, ForeignKeysHoldAtCommit) {
  core::Organization org = core::SmallOrganization();
  org.people[0].department = "nowhere";  // core would refuse this; the database does too
  auto r = Import(org);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  // A write alone is told in the same words as one in a batch (GroupedWritersCommitTogether...).
  EXPECT_EQ(r.error().msg.code, "store.reference_missing");
  EXPECT_EQ(store_->Head()->seq, 0);
}

// ReadFirst gives a queue's oldest rows of one status, by the order column and then id, as the
// base class's reading of every row would.
TEST_P(StoreContractTest, ReadFirstGivesTheOldestOfAStatus) {
  ASSERT_TRUE(Import(core::SmallOrganization()));
  ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
    // id, created_at, status: out of order on purpose.
    for (const auto& [id, at, status] :
         std::vector<std::tuple<std::string, std::string, std::string>>{
             {"m5", "2026-11-26T00:00:03Z", "unwritten"},
             {"m1", "2026-11-26T00:00:01Z", "queued"},
             {"m4", "2026-11-26T00:00:02Z", "unwritten"},
             {"m3", "2026-11-26T00:00:02Z", "unwritten"},
             {"m2", "2026-11-26T00:00:09Z", "unwritten"}}) {
      TRY(tx.Add("outbox", id,
                 {{"id", id},
                  {"created_at", at},
                  {"kind", "k"},
                  {"subject", "s"},
                  {"recipients", "[]"},
                  {"title", "t"},
                  {"body", "b"},
                  {"status", status},
                  {"attempts", 0}}));
    }
    TRY(tx.Append({.at = {}, .actor = "t", .action = "test.add", .subject = "s"}));
    return {};
  }));
  auto ids = [](const Result<std::vector<Row>>& rows) {
    std::vector<std::string> out;
    for (const Row& r : *rows) out.push_back(r.value("id", ""));
    return out;
  };
  auto first = store_->ReadFirst("outbox", "status", std::string("unwritten"), "created_at", 3);
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_EQ(ids(first), (std::vector<std::string>{"m3", "m4", "m5"}));
  auto all = store_->ReadFirst("outbox", "status", std::string("unwritten"), "created_at", 10);
  ASSERT_TRUE(all);
  EXPECT_EQ(ids(all), (std::vector<std::string>{"m3", "m4", "m5", "m2"}));
  auto base =
      store_->Store::ReadFirst("outbox", "status", std::string("unwritten"), "created_at", 10);
  ASSERT_TRUE(base);
  EXPECT_EQ(ids(base), ids(all));
  EXPECT_TRUE(store_->ReadFirst("outbox", "status", std::string("sent"), "created_at", 3)->empty());
  EXPECT_FALSE(store_->ReadFirst("outbox", "status", std::string("x"), "created_at; --", 3));
}

// Add writes a new row without reading first, journaled as Put would journal it; a row that is
// there already is refused and the work changes nothing.
TEST_P(StoreContractTest, AddsNewRowsAndRefusesOnesThatAreThere) {
  ASSERT_TRUE(Import(core::SmallOrganization()));
  Row row = {{"id", "x"},          {"created_at", "2026-11-26T00:00:00Z"},
             {"kind", "k"},        {"subject", "s"},
             {"recipients", "[]"}, {"title", "t"},
             {"body", "b"},        {"status", "queued"},
             {"attempts", 0}};
  auto add = [&](const Row& r) {
    return store_->Write([&](Tx& tx) -> Result<void> {
      TRY(tx.Add("outbox", "x", r));
      TRY(tx.Append({.at = {}, .actor = "t", .action = "test.add", .subject = "s"}));
      return {};
    });
  };
  ASSERT_TRUE(add(row));
  Row changed = row;
  changed["title"] = "changed";
  auto again = add(changed);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto stored = store_->ReadWhere("outbox", "id", std::string("x"));
  ASSERT_TRUE(stored);
  EXPECT_EQ((*stored)["x"]["title"], "t");
  auto report = store_->Verify();
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok()) << report->problems[0];
  EXPECT_EQ(report->entries, 2);
}

TEST_P(StoreContractTest, VerifyPassesOnAnUntouchedDatabase) {
  core::Organization org = core::SmallOrganization();
  ASSERT_TRUE(Import(org));
  org.company.name = "新社名";
  ASSERT_TRUE(Import(org));
  auto report = store_->Verify();
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok()) << report->problems[0];
  EXPECT_EQ(report->entries, 2);
  EXPECT_EQ(report->head.hash, store_->Head()->hash);
}

// Each edit is made outside sokuo; verify must fail and name the right entry.
TEST_P(StoreContractTest, VerifyNamesTheFirstEntryThatNoLongerHolds) {
  struct Case {
    const char* name;
    const char* sql;
    int64_t first_bad;
    const char* problem;
  };
  const Case cases[] = {
      {"row edited", "UPDATE people SET email = 'x@evil.example' WHERE id = 'p-suzuki'", 1,
       "entry 1: row people/p-suzuki differs from what it wrote"},
      {"rewritten row edited", "UPDATE people SET title = '' WHERE id = 'p-tanaka'", 3,
       "entry 3: row people/p-tanaka differs from what it wrote"},
      {"row deleted", "DELETE FROM media", 1,
       "entry 1: row media/backup-tapes that it wrote is missing"},
      {"row added", "INSERT INTO holidays (id, position, name) VALUES ('2026-12-31', 9, 'x')", 3,
       "row holidays/2026-12-31 was not written by any journal entry"},
      {"entry body edited", "UPDATE journal SET actor = 'someone-else' WHERE seq = 2", 2,
       "entry 2: content does not match its hash"},
      {"entry removed", "DELETE FROM journal WHERE seq = 2", 3,
       "entry 3: expected sequence number 2"},
      // The rows now disagree with the newest remaining entry that wrote them.
      {"last entry removed", "DELETE FROM journal WHERE seq = 3", 2,
       "entry 2: row people/p-tanaka differs"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    TearDown();
    SetUp();
    core::Organization org = core::SmallOrganization();
    ASSERT_TRUE(Import(org));  // entry 1
    org.people[2].email = "a@example.jp";
    ASSERT_TRUE(Import(org));  // entry 2
    org.people[2].email = "b@example.jp";
    org.people[2].title = "部長";
    ASSERT_TRUE(Import(org));  // entry 3
    Tamper(c.sql);
    auto report = store_->Verify();
    ASSERT_TRUE(report);
    ASSERT_FALSE(report->ok());
    EXPECT_EQ(report->first_bad_seq, c.first_bad);
    bool found = false;
    for (const auto& p : report->problems) {
      found |= Render(p, Lang::kEn).find(c.problem) != std::string::npos;
    }
    EXPECT_TRUE(found) << report->problems[0];
  }
}

// The first incident of 2026, with one task.
core::Incident FirstIncident() {
  core::Incident i;
  i.key = "INC-2026-0001";
  i.year = 2026;
  i.number = 1;
  i.title = "不審なログイン";
  i.reported_at = "2026-11-26T00:00:00Z";
  i.tasks = {{.id = 1, .kind = core::TaskKind::kIsolateNetwork, .title = "遮断"}};
  return i;
}

TEST_P(StoreContractTest, IncidentsRoundTripAndJournalOnlyWhatChanged) {
  ASSERT_TRUE(Import(core::SmallOrganization()));
  core::Incident i = FirstIncident();
  i.systems = {"orders"};
  i.recovery = {{"orders", core::RecoveryStatus::kDown}};
  auto save = [&](const core::Incident& x) { return WriteIncident(x, false); };
  ASSERT_TRUE(save(i));
  auto loaded = LoadIncident(*store_, i.key);
  ASSERT_TRUE(loaded && *loaded) << (loaded ? "" : loaded.error().ToString());
  EXPECT_EQ(**loaded, i);

  for (int n = 2; n <= 11; ++n) {
    i.tasks.push_back({.id = n, .kind = core::TaskKind::kOther, .title = "t" + std::to_string(n)});
  }
  ASSERT_TRUE(save(i));
  i.tasks[10].status = core::TaskStatus::kDone;
  ASSERT_TRUE(save(i));
  auto last = store_->ReadJournal({.after_seq = 3});
  ASSERT_TRUE(last);
  auto body = nlohmann::json::parse((*last)[0].body);
  ASSERT_EQ(body["changes"].size(), 1u);  // only task 11
  EXPECT_EQ(body["changes"][0]["id"], "INC-2026-0001/task/000011");
  EXPECT_EQ(**LoadIncident(*store_, i.key), i);  // task 11 still after task 2
  auto next = store_->Write([&](Tx& tx) -> Result<void> {
    auto n = NextIncidentNumber(tx, 2026);
    EXPECT_EQ(n.value_or(0), 2);
    EXPECT_EQ(NextIncidentNumber(tx, 2027).value_or(0), 1);
    return {};
  });
  EXPECT_TRUE(next);
  EXPECT_TRUE(store_->Verify()->ok());
  Tamper("UPDATE incident_records SET data = replace(data, 'done', 'open')");
  auto report = store_->Verify();
  ASSERT_FALSE(report->ok());
  EXPECT_EQ(report->first_bad_seq, 4);
}

TEST_P(StoreContractTest, ANewIncidentIsAddedAsSavingItWouldAndOnlyOnce) {
  ASSERT_TRUE(Import(core::SmallOrganization()));
  core::Incident i = FirstIncident();
  auto add = [&](const core::Incident& x) { return WriteIncident(x, true); };
  ASSERT_TRUE(add(i));
  EXPECT_EQ(**LoadIncident(*store_, i.key), i);
  auto head = store_->Head();
  ASSERT_TRUE(head);
  // The same key again: refused, and nothing of it kept.
  core::Incident again = i;
  again.title = "別の件";
  EXPECT_FALSE(add(again));
  EXPECT_EQ(**LoadIncident(*store_, i.key), i);
  EXPECT_EQ(store_->Head()->seq, head->seq);
  // Saving it afterwards finds nothing to change: the rows are the ones SaveIncident writes.
  auto unchanged = store_->Write([&](Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(auto changes, SaveIncident(tx, i));
    EXPECT_TRUE(changes.empty());
    return {};
  });
  EXPECT_TRUE(unchanged);
  EXPECT_TRUE(store_->Verify()->ok());
}

TEST_P(StoreContractTest, TheLastChangeOfTablesMovesOnlyWithThem) {
  const std::vector<std::string> org(kOrgTables.begin(), kOrgTables.end());
  const std::vector<std::string> incidents = {"incidents"};
  EXPECT_EQ(*store_->LastChange(org), "");  // nothing recorded yet
  ASSERT_TRUE(Import(core::SmallOrganization()));
  std::string imported = store_->Head()->hash;
  EXPECT_EQ(*store_->LastChange(org), imported);

  core::Incident i{.key = "INC-2026-0001", .year = 2026, .number = 1, .title = "漏えい"};
  i.reported_at = "2026-11-26T00:00:00Z";
  ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
    EXPECT_EQ(**tx.LastChange(org), imported);
    TRY(SaveIncident(tx, i));
    EXPECT_EQ(*tx.LastChange(incidents), std::nullopt);  // changed here, not yet journaled
    EXPECT_EQ(**tx.LastChange(org), imported);
    ASSIGN_OR_RETURN(
        JournalEntry e,
        tx.Append({.at = {}, .actor = "t", .action = "incident.test", .subject = i.key}));
    EXPECT_EQ(**tx.LastChange(incidents), e.hash);
    return {};
  }));
  std::string reported = store_->Head()->hash;
  EXPECT_NE(reported, imported);
  EXPECT_EQ(*store_->LastChange(org), imported);  // an incident leaves the organization's
  EXPECT_EQ(*store_->LastChange(incidents), reported);
  EXPECT_EQ(*store_->LastChange(std::vector<std::string>{"people", "incidents"}), reported);

  // A work undone takes its record with it.
  core::Organization changed = core::SmallOrganization();
  changed.company.name = "別の会社";
  auto failed = store_->Write([&](Tx& tx) -> Result<void> {
    TRY(ReplaceOrganization(tx, changed));
    TRY(tx.Append({.at = {}, .actor = "t", .action = "org.import", .subject = "org"}));
    return Fail(ErrorCode::kConflict, Msg("store.busy"));
  });
  EXPECT_FALSE(failed);
  EXPECT_EQ(*store_->LastChange(org), imported);
  ASSERT_TRUE(Import(changed));
  EXPECT_EQ(*store_->LastChange(org), store_->Head()->hash);

  // A database from before the record knows only its head then, for every table.
  Tamper("DELETE FROM table_changes; INSERT INTO table_changes VALUES ('*', 1, 'h1')");
  EXPECT_EQ(*store_->LastChange(org), "h1");
  EXPECT_EQ(*store_->LastChange(incidents), "h1");
}

TEST_P(StoreContractTest, DisastersRoundTripInRecordOrderAndJournalOnlyWhatChanged) {
  ASSERT_TRUE(Import(core::SmallOrganization()));
  core::Disaster d{.key = "DIS-2026-0001",
                   .year = 2026,
                   .number = 1,
                   .title = "本社被災",
                   .declared_at = "2026-11-26T00:00:00Z"};
  for (int n = 1; n <= 11; ++n) {
    // Later answers given for earlier times: the record order is kept, not the event order.
    d.roll_call.push_back({.person = "p-" + std::to_string(n),
                           .at = "2026-11-26T" + std::to_string(20 - n) + ":00:00Z"});
  }
  d.survey = {{.department = "sales", .status = core::SurveyStatus::kDown}};
  d.progress = {{.system = "orders"}};
  d.vendor_requests = {{.id = 1, .vendor = "v"}};
  d.exemptions = {{.id = 1, .rule = "r", .expires_at = "2026-12-01T00:00:00Z"}};
  d.tasks = {{.id = 1, .kind = core::TaskKind::kOther, .title = "発電機"}};
  d.plans = {{.id = 1, .at = "2026-11-26T01:00:00Z"}};
  auto save = [&](const core::Disaster& x) {
    return store_->Write([&](Tx& tx) -> Result<void> {
      TRY(SaveDisaster(tx, x));
      TRY(tx.Append({.at = {}, .actor = "t", .action = "disaster.test", .subject = x.key}));
      return {};
    });
  };
  ASSERT_TRUE(save(d));
  auto loaded = LoadDisaster(*store_, d.key);
  ASSERT_TRUE(loaded && *loaded) << (loaded ? "" : loaded.error().ToString());
  EXPECT_EQ(**loaded, d);
  d.survey.push_back({.department = "sales", .status = core::SurveyStatus::kOk});
  ASSERT_TRUE(save(d));
  auto last = store_->ReadJournal({.after_seq = 2});
  ASSERT_TRUE(last);
  auto body = nlohmann::json::parse((*last)[0].body);
  ASSERT_EQ(body["changes"].size(), 1u);  // only the new survey entry
  EXPECT_EQ(body["changes"][0]["id"], "DIS-2026-0001/survey/000002");
  auto headers = LoadDisasterHeaders(*store_);
  ASSERT_TRUE(headers && headers->size() == 1);
  EXPECT_EQ((*headers)[0].title, "本社被災");
  EXPECT_TRUE((*headers)[0].survey.empty());
  EXPECT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
    EXPECT_EQ(NextDisasterNumber(tx, 2026).value_or(0), 2);
    return {};
  }));
  EXPECT_TRUE(store_->Verify()->ok());
  Tamper("UPDATE disaster_records SET data = replace(data, 'down', 'ok')");
  EXPECT_FALSE(store_->Verify()->ok());
}

// A store copied into an empty one of either engine: the same journal, head and rows, and a
// copy that verifies and takes further writes; a destination that holds anything is refused.
TEST_P(StoreContractTest, CopiesEverythingIntoAnEmptyStoreOfEitherEngine) {
  core::Organization org = core::SmallOrganization();
  ASSERT_TRUE(Import(org));
  org.people[2].email = "copy@example.jp";
  ASSERT_TRUE(Import(org));
  core::Incident i{.key = "INC-2026-0001", .year = 2026, .number = 1, .title = "持ち出し"};
  i.reported_at = "2026-11-26T00:00:00Z";
  i.tasks = {{.id = 1, .kind = core::TaskKind::kOther, .title = "'quoted' \\ \"text\""}};
  ASSERT_TRUE(store_->Write([&](Tx& tx) -> Result<void> {
    TRY(SaveIncident(tx, i));
    TRY(tx.PutPrivate("credentials", "p-suzuki", {{"id", "p-suzuki"}, {"hash", "$argon2id$x"}}));
    TRY(tx.Append({.at = {}, .actor = "t", .action = "incident.report", .subject = i.key}));
    return {};
  }));
  JournalHead head = *store_->Head();
  for (Engine engine : {Engine::kSqlite, Engine::kPostgres}) {
    SCOPED_TRACE(engine == Engine::kSqlite ? "into SQLite" : "into PostgreSQL");
    std::string why;
    auto target_db = TestDatabase::Make(engine, why);
    if (!target_db) {
      std::cout << "skipped the copy into this engine: " << why << "\n";
      continue;
    }
    auto target = target_db->Open();
    ASSERT_TRUE(target) << target.error().ToString();
    auto copied = CopyRecords(*store_, **target);
    ASSERT_TRUE(copied) << copied.error().ToString();
    EXPECT_EQ(copied->entries, head.seq);
    EXPECT_EQ((*target)->Head()->hash, head.hash);
    for (const auto* tables : {&JournaledTables(), &PrivateTables()}) {
      for (const std::string& table : *tables) {
        EXPECT_EQ(*(*target)->Read(table), *store_->Read(table)) << table;
      }
    }
    auto report = (*target)->Verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->ok()) << report->problems[0];
    EXPECT_EQ(report->entries, head.seq);
    EXPECT_EQ(**LoadIncident(**target, i.key), i);
    // The copy goes on where the source stopped.
    org.company.name = "複製後";
    ASSERT_TRUE((*target)->Write([&](Tx& tx) -> Result<void> {
      TRY(ReplaceOrganization(tx, org));
      TRY(tx.Append({.at = {}, .actor = "t", .action = "org.import", .subject = "org"}));
      return {};
    }));
    EXPECT_EQ((*target)->Head()->seq, head.seq + 1);
    EXPECT_TRUE((*target)->Verify()->ok());
    auto again = CopyRecords(*store_, **target);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kConflict);
    EXPECT_EQ(again.error().msg.code, "store.copy_target_not_empty");
  }
}

// A source that someone writes to while it is copied (here: as its people are read).
class WrittenDuringRead final : public Store {
 public:
  WrittenDuringRead(Store& store, std::function<void()> write)
      : s_(store), write_(std::move(write)) {}
  Result<void> Write(const std::function<Result<void>(Tx&)>& work) override {
    return s_.Write(work);
  }
  Result<Table> Read(const std::string& table) override {
    if (table == "people" && write_) std::exchange(write_, nullptr)();
    return s_.Read(table);
  }
  Result<Table> ReadWhere(const std::string& table, const std::string& column,
                          const Row& value) override {
    return s_.ReadWhere(table, column, value);
  }
  Result<std::vector<JournalEntry>> ReadJournal(const JournalQuery& q) override {
    return s_.ReadJournal(q);
  }
  Result<JournalHead> Head() override { return s_.Head(); }
  Result<VerifyReport> Verify() override { return s_.Verify(); }

 private:
  Store& s_;
  std::function<void()> write_;
};

TEST_P(StoreContractTest, ACopyOfASourceWrittenMeanwhileKeepsNothing) {
  core::Organization org = core::SmallOrganization();
  ASSERT_TRUE(Import(org));
  WrittenDuringRead source(*store_, [&] {
    org.company.name = "copying";
    ASSERT_TRUE(Import(org));
  });
  std::string why;
  auto target_db = TestDatabase::Make(GetParam(), why);
  ASSERT_TRUE(target_db) << why;
  auto target = target_db->Open();
  ASSERT_TRUE(target) << target.error().ToString();
  auto copied = CopyRecords(source, **target);
  ASSERT_FALSE(copied);
  EXPECT_EQ(copied.error().msg.code, "store.copy_source_changed");
  EXPECT_EQ((*target)->Head()->seq, 0);
  EXPECT_TRUE((*target)->Read("people")->empty());
  ASSERT_TRUE(CopyRecords(*store_, **target));  // stopped writing: the copy goes through
  EXPECT_EQ((*target)->Head()->hash, store_->Head()->hash);
}

// Live updates (Store::OnChange): a commit that added to the journal is told of before Write
// returns; a write that failed, or that changed only private rows, is not; after the listener
// is removed, nothing is.
TEST_P(StoreContractTest, TellsOfEachCommitThatAddedToTheJournal) {
  std::atomic<int> told{0};
  store_->OnChange([&told] { ++told; });
  ASSERT_TRUE(Import(core::SmallOrganization()));
  EXPECT_EQ(told.load(), 1);
  ASSERT_TRUE(Import(core::SmallOrganization()));  // nothing changed: no entry
  EXPECT_EQ(told.load(), 1);
  EXPECT_FALSE(store_->Write([](Tx& tx) -> Result<void> {
    TRY(tx.Append({.at = {}, .actor = "t", .action = "x", .subject = "org"}));
    return Fail(ErrorCode::kInvalidInput, Msg("error.invalid_input"));
  }));
  EXPECT_EQ(told.load(), 1);
  ASSERT_TRUE(store_->Write([](Tx& tx) {
    return tx.PutPrivate("delivery_claims", "d-1",
                         {{"id", "d-1"}, {"owner", "test"}, {"until", "2026-11-28T00:00:00Z"}});
  }));
  EXPECT_EQ(told.load(), 1);
  core::Organization changed = core::SmallOrganization();
  changed.company.name = "changed";
  ASSERT_TRUE(Import(changed));
  EXPECT_EQ(told.load(), 2);
  store_->OnChange({});
  changed.company.name = "changed again";
  ASSERT_TRUE(Import(changed));
  EXPECT_EQ(told.load(), 2);
}

// Group commit (write_batcher.h): writes that queue behind a running one commit together; one
// that fails (an error, a constraint the database refuses, a throw) is undone alone.
TEST_P(StoreContractTest, GroupedWritersCommitTogetherAndFailAlone) {
  auto append = [](Tx& tx, const std::string& subject) {
    return tx.Append({.at = *ParseRfc3339("2026-11-26T00:00:00Z"),
                      .actor = "t",
                      .action = "test.write",
                      .subject = subject});
  };
  std::mutex mu;
  std::condition_variable cv;
  bool inside = false, release = false;
  std::thread first([&] {
    auto r = store_->Write([&](Tx& tx) -> Result<void> {
      std::unique_lock lock(mu);
      inside = true;
      cv.notify_all();
      cv.wait(lock, [&] { return release; });
      TRY(append(tx, "first"));
      return {};
    });
    EXPECT_TRUE(r) << r.error().ToString();
  });
  {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return inside; });
  }
  // The first write holds the store: these queue behind it and form the next batch.
  constexpr int kOthers = 7;
  std::vector<Result<void>> results(kOthers);
  std::vector<std::thread> others;
  for (int i = 0; i < kOthers; ++i) {
    others.emplace_back([&, i] {
      results[i] = store_->Write([&, i](Tx& tx) -> Result<void> {
        if (i == 6) {
          // A reference to a department that is not there: the database finds out only when it
          // checks deferred keys, which must not be the batch's commit.
          TRY(tx.Put("people", "ghost",
                     {{"id", "ghost"},
                      {"position", 0},
                      {"name", "幽霊"},
                      {"name_en", "Ghost"},
                      {"email", ""},
                      {"phones", "[]"},
                      {"department", "no-such-department"},
                      {"title", ""},
                      {"skills", "[]"}}));
        }
        TRY(append(tx, "w" + std::to_string(i)));
        // A row the database refuses (no year): on PostgreSQL this aborts the transaction
        // until the savepoint is undone.
        if (i == 1) {
          TRY(tx.Put("incidents", "x", {{"id", "x"}}));
        }
        if (i == 2) return Fail(ErrorCode::kInvalidInput, Msg("error.invalid_input"));
        if (i == 4) throw std::runtime_error("a bug in one writer");
        return {};
      });
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  {
    std::lock_guard lock(mu);
    release = true;
  }
  cv.notify_all();
  first.join();
  for (auto& t : others) t.join();

  for (int i = 0; i < kOthers; ++i) {
    if (i == 1) {
      ASSERT_FALSE(results[i]);
    } else if (i == 2) {
      ASSERT_FALSE(results[i]);
      EXPECT_EQ(results[i].error().msg.code, "error.invalid_input");
    } else if (i == 4) {
      ASSERT_FALSE(results[i]);
      EXPECT_EQ(results[i].error().msg.code, "store.work_threw");
    } else if (i == 6) {
      ASSERT_FALSE(results[i]);
      EXPECT_EQ(results[i].error().msg.code, "store.reference_missing");
    } else {
      EXPECT_TRUE(results[i]) << i << ": " << results[i].error().ToString();
    }
  }
  auto entries = store_->ReadJournal({.after_seq = 0, .limit = 100});
  ASSERT_TRUE(entries);
  std::vector<std::string> subjects;
  for (const auto& e : *entries) subjects.push_back(e.subject);
  EXPECT_THAT(subjects, ::testing::UnorderedElementsAre("first", "w0", "w3", "w5"));
  auto report = store_->Verify();
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok());
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreContractTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), EngineName);

}  // namespace
}  // namespace sokuo::store
