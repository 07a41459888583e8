// The daily virus check proven by the hosts' scans (G4.1.4, G4.2.5): app/scan_service.h over a
// real SQLite store and a fake clock.
#include "app/scan_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "app/app.h"
#include "app/memory_blobs.h"
#include "base/real_clamscan.h"
#include "base/temp_dir.h"
#include "core/org_fixture.h"
#include "orgfile/org_file.h"
#include "store/sqlite/sqlite_store.h"

namespace sokuo::app {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// What clamscan prints for a scan of `files` files ending at `end` (the host's wall clock,
// "2026:11:27 10:30:00"), with `found` as "PATH: SIG" lines.
std::string ScanTestOutput(int files, const std::vector<std::string>& found,
                           const std::string& end) {
  std::string out;
  for (const std::string& f : found) out += f + " FOUND\n";
  for (int i = static_cast<int>(found.size()); i < files; ++i) {
    out += "/srv/file" + std::to_string(i) + ": OK\n";
  }
  out +=
      "\n----------- SCAN SUMMARY -----------\n"
      "Known viruses: 8697412\n"
      "Engine version: 1.4.6\n"
      "Scanned directories: 1\n"
      "Scanned files: " +
      std::to_string(files) +
      "\n"
      "Infected files: " +
      std::to_string(found.size()) +
      "\n"
      "Data scanned: 0.00 MB\n"
      "Data read: 0.00 MB (ratio 0.00:1)\n"
      "Time: 0.051 sec (0 m 0 s)\n"
      "Start Date: " +
      end +
      "\n"
      "End Date:   " +
      end + "\n";
  return out;
}

class ScanAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(*store::SqliteStore::Open({.path = dir_.File("sokuo.db")}));
    app_ = std::make_unique<App>(*store_, clock_, &blobs_);
    org_ = core::FullOrganization();  // hosts ord-app01 and ord-db01; Europe/Berlin
    org_.controls = {{.id = "virus-scan",
                      .name = "ウイルスチェック",
                      .name_en = "Daily virus check",
                      .clause = "G4.1.4",
                      .department = org_.departments[0].id,
                      .schedule = "daily",
                      .source = "clamav"}};
    auto imported = app_->organization().Import(orgfile::Emit(org_), "o", {"t"});
    ASSERT_TRUE(imported) << imported.error().ToString();
    LoadedRules rules = LoadRules(BuiltinRules(), {});
    ASSERT_TRUE(rules.problems.empty());
    app_->detection().Configure(std::move(rules), {});
    ASSERT_TRUE(app_->controls().Tick(clock_.Now()));
  }
  void TearDown() override {
    app_.reset();
    store_.reset();
  }
  int64_t Head() { return store_->Head()->seq; }
  std::optional<OccurrenceView> Today() {
    auto v = app_->controls().Get("virus-scan/2026-11-26T23:00:00Z", is_);
    EXPECT_TRUE(v) << v.error().ToString();
    return v ? std::optional<OccurrenceView>(*v) : std::nullopt;
  }

  // Friday 27 November 2026, 11:00 in Berlin: the hosts scanned at 10:30.
  FakeClock clock_{*ParseRfc3339("2026-11-27T10:00:00Z")};
  MemoryBlobs blobs_;
  TempDir dir_{"scan-app"};
  core::Organization org_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<App> app_;
  Actor is_{"p-suzuki", {"p-suzuki", {core::Role::kIsDepartment}, false}};
};

TEST_F(ScanAppTest, TheCheckIsDoneOnceEveryHostHasACompleteScan) {
  auto first = app_->scans().Record("ord-app01", ScanTestOutput(3, {}, "2026:11:27 10:30:00"), is_);
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_EQ(first->scan.id, "ord-app01/000001");
  EXPECT_EQ(first->scan.finished_at, "2026-11-27T09:30:00Z");  // 10:30 in Berlin
  EXPECT_EQ(first->scan.scanned_files, 3);
  EXPECT_TRUE(first->scan.complete);
  EXPECT_EQ(first->scan.received_by, "p-suzuki");
  EXPECT_TRUE(first->completed.empty());
  EXPECT_FALSE(Today()->occurrence.done);
  // A scan cut short (no summary) does not prove the host's check.
  auto cut = app_->scans().Record("ord-db01", "/srv/a: OK\n", is_);
  ASSERT_TRUE(cut) << cut.error().ToString();
  EXPECT_FALSE(cut->scan.complete);
  EXPECT_EQ(cut->scan.finished_at, "2026-11-27T10:00:00Z");  // no dates: the time received
  EXPECT_FALSE(Today()->occurrence.done);

  auto day = app_->scans().OfDay(std::nullopt, is_);
  ASSERT_TRUE(day) << day.error().ToString();
  EXPECT_EQ(day->day, "2026-11-27");
  ASSERT_EQ(day->hosts.size(), 2u);
  EXPECT_EQ(day->hosts[0].host, "ord-app01");
  EXPECT_TRUE(day->hosts[0].complete);
  EXPECT_EQ(day->hosts[1].scans.size(), 1u);
  EXPECT_THAT(day->missing, ElementsAre("ord-db01"));

  auto last = app_->scans().Record("ord-db01", ScanTestOutput(5, {}, "2026:11:27 10:40:00"), is_);
  ASSERT_TRUE(last) << last.error().ToString();
  EXPECT_THAT(last->completed, ElementsAre("virus-scan/2026-11-26T23:00:00Z"));
  auto o = Today();
  ASSERT_TRUE(o);
  EXPECT_TRUE(o->occurrence.done);
  EXPECT_EQ(o->occurrence.done_by, "system");
  EXPECT_EQ(o->occurrence.result, core::ControlResult::kOk);
  EXPECT_EQ(o->occurrence.done_at, "2026-11-27T09:40:00Z");
  EXPECT_THAT(o->occurrence.note, HasSubstr("ord-app01, ord-db01"));
  EXPECT_THAT(o->occurrence.evidence, HasSubstr("ord-db01 ord-db01/000002"));
  EXPECT_EQ(o->state, core::OccurrenceState::kOnTime);
  EXPECT_TRUE(app_->scans().OfDay(std::nullopt, is_)->missing.empty());
  // A person cannot record it by hand.
  auto by_hand = app_->controls().Complete(o->occurrence.id, {}, is_);
  ASSERT_FALSE(by_hand);
  EXPECT_EQ(by_hand.error().code, ErrorCode::kConflict);
  // Later scans of the day are kept; the occurrence stays as it was.
  auto again = app_->scans().Record("ord-db01", ScanTestOutput(5, {}, "2026:11:27 10:50:00"), is_);
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_TRUE(again->completed.empty());
  EXPECT_EQ(Today()->occurrence.done_at, "2026-11-27T09:40:00Z");
}

TEST_F(ScanAppTest, AnInfectionIsAFindingAndAnAlert) {
  ASSERT_TRUE(app_->scans().Record("ord-db01", ScanTestOutput(2, {}, "2026:11:27 10:20:00"), is_));
  auto infected = app_->scans().Record(
      "ord-app01",
      ScanTestOutput(4, {"/srv/upload/invoice.exe: Win.Trojan.Agent-123"}, "2026:11:27 10:30:00"),
      is_);
  ASSERT_TRUE(infected) << infected.error().ToString();
  EXPECT_EQ(infected->scan.infected_files, 1);
  ASSERT_EQ(infected->scan.infections.size(), 1u);
  EXPECT_EQ(infected->scan.infections[0].path, "/srv/upload/invoice.exe");
  EXPECT_EQ(infected->scan.infections[0].signature, "Win.Trojan.Agent-123");
  EXPECT_EQ(infected->alert_lines, 1u);
  EXPECT_FALSE(infected->alert_lines_refused);
  auto o = Today();
  ASSERT_TRUE(o);
  EXPECT_TRUE(o->occurrence.done);
  EXPECT_EQ(o->occurrence.result, core::ControlResult::kFindings);
  EXPECT_THAT(o->occurrence.evidence, HasSubstr("infected=1"));

  auto ran = app_->detection().Drain(100, std::chrono::milliseconds(0));
  ASSERT_TRUE(ran) << ran.error().ToString();
  EXPECT_EQ(*ran, 1u);
  auto alerts = app_->detection().List({}, {}, is_);
  ASSERT_TRUE(alerts) << alerts.error().ToString();
  ASSERT_EQ(alerts->items.size(), 1u);
  EXPECT_EQ(alerts->items[0].alert.rule_title, "ClamAV found malware");
  EXPECT_EQ(alerts->items[0].alert.host, "ord-app01");
}

TEST_F(ScanAppTest, RefusesWhatIsNotAScanOfAKnownHost) {
  int64_t head = Head();
  auto garbage = app_->scans().Record("ord-app01", "hello\nthis is not clamscan\n", is_);
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().code, ErrorCode::kInvalidInput);
  auto nul = app_->scans().Record("ord-app01", std::string("/srv/a: OK\n\0x\n", 14), is_);
  ASSERT_FALSE(nul);
  EXPECT_EQ(nul.error().code, ErrorCode::kInvalidInput);
  EXPECT_THAT(nul.error().ToString(), HasSubstr("ord-app01"));
  auto unknown =
      app_->scans().Record("ord-app1", ScanTestOutput(1, {}, "2026:11:27 10:30:00"), is_);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_THAT(unknown.error().Text(Lang::kEn), HasSubstr("ord-app01"));  // did you mean
  EXPECT_EQ(Head(), head);
  EXPECT_TRUE(app_->scans().OfDay(std::nullopt, is_)->hosts[0].scans.empty());
}

// What the installed clamscan prints for a directory with the EICAR test file (found through a
// one-line hash database made here), run in the company's zone as the host would be.
TEST(ScanRealClamscanTest, ARealScanIsStoredWithItsInfection) {
  TempDir dir{"scan-real"};
  auto scan = ScanEicarWithClamscan(dir.path(), "Europe/Berlin");
  if (!scan) {
    GTEST_SKIP() << "clamscan or sigtool is not installed (apt-get install clamav; "
                    "scripts/bootstrap installs it)";
  }
  const std::string& output = scan->output;
  const int status = scan->status;
  const std::filesystem::path& files = scan->files;
  EXPECT_EQ(status, 1) << output;
  SCOPED_TRACE(output);

  Timestamp now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  FakeClock clock{now};
  auto store = std::move(*store::SqliteStore::Open({.path = dir.File("sokuo.db")}));
  App app(*store, clock);
  core::Organization org = core::FullOrganization();
  org.controls = {{.id = "virus-scan",
                   .name = "ウイルスチェック",
                   .department = org.departments[0].id,
                   .schedule = "daily",
                   .source = "clamav"}};
  ASSERT_TRUE(app.organization().Import(orgfile::Emit(org), "o", {"t"}));
  Actor is{"p-suzuki", {"p-suzuki", {core::Role::kIsDepartment}, false}};
  auto got = app.scans().Record("ord-app01", output, is);
  ASSERT_TRUE(got) << got.error().ToString();
  EXPECT_TRUE(got->scan.complete);
  EXPECT_EQ(got->scan.scanned_files, 2);
  EXPECT_EQ(got->scan.infected_files, 1);
  ASSERT_EQ(got->scan.infections.size(), 1u);
  EXPECT_EQ(got->scan.infections[0].path, (files / "eicar.com").string());
  // The host's wall clock read in the company's zone is the real time of the scan.
  Timestamp end = *ParseRfc3339(got->scan.finished_at);
  EXPECT_LE(std::chrono::abs(end - now), std::chrono::seconds(120)) << got->scan.finished_at;
  EXPECT_TRUE(got->completed.empty());    // ord-db01 has not scanned
  EXPECT_TRUE(got->alert_lines_refused);  // no ingestion outside the server
  auto day = app.scans().OfDay(std::nullopt, is);
  ASSERT_TRUE(day) << day.error().ToString();
  EXPECT_THAT(day->missing, ElementsAre("ord-db01"));
}

}  // namespace
}  // namespace sokuo::app
