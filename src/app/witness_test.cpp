// The journal head sent to the witnesses (G4.4.3, app/witness.h) over a real SQLite file, with a
// fake clock and recording channels; the real file, SMTP and webhook channels are driven by
// tests/integration (witness_test.cpp, notify_test.cpp).
#include "app/witness.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/app.h"
#include "base/temp_dir.h"
#include "core/disaster_fixture.h"
#include "core/org_fixture.h"
#include "orgfile/org_file.h"
#include "store/account_rows.h"
#include "store/notification_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace sokuo::app {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

class WitnessRecorder final : public Notifier {
 public:
  Result<void> Send(const store::Delivery& d, const core::Notifications&) override {
    sent.push_back(d);
    return {};
  }
  std::vector<store::Delivery> sent;
};

class WitnessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(*store::SqliteStore::Open({.path = dir_.File("sokuo.db")}));
    app_ = std::make_unique<App>(*store_, clock_);
    app_->notifications().SetNotifier("email", &mail_);
    app_->notifications().SetNotifier("webhook", &hooks_);
    app_->notifications().SetNotifier("file", &file_);
  }
  void Import(core::Organization org, bool witnesses = true) {
    org.notifications.email = core::EmailSettings{.smtp = "smtp://mail.test", .from = "s@x.jp"};
    org.notifications.webhooks = {{.id = "audit-hook", .url = "https://audit.test/hook"},
                                  {.id = "chat", .url = "https://chat.test/hook"}};
    if (witnesses) {
      org.notifications.witnesses =
          core::Witnesses{.file = "/mnt/audit/heads.jsonl", .webhooks = {"audit-hook"}};
    }
    auto imported = app_->organization().Import(orgfile::Emit(org), "o", {"t"});
    ASSERT_TRUE(imported) << imported.error().ToString();
  }
  // An account granted the auditor's role.
  void Auditor(const std::string& person) {
    ASSERT_TRUE(store_->Write([&](store::Tx& tx) -> Result<void> {
      TRY(store::SaveAccount(tx, {.id = person, .granted = {"auditor"}}));
      return tx.Append({.at = clock_.Now(), .actor = "t", .action = "account.create"})
          .and_then([](auto) -> Result<void> { return {}; });
    }));
  }
  std::vector<store::OutboxMessage> Receipts() {
    auto m = store::Outbox(*store_, kWitnessSubject);
    EXPECT_TRUE(m);
    return m ? *m : std::vector<store::OutboxMessage>{};
  }
  codec::HeadReceipt ReceiptOf(const store::OutboxMessage& m) {
    auto r = codec::ReadReceipts(m.body, m.id);
    EXPECT_TRUE(r) << r.error().ToString();
    return r ? r->front() : codec::HeadReceipt{};
  }
  store::JournalEntry Entry(int64_t seq) {
    auto e = store_->ReadJournal({.after_seq = seq - 1, .limit = 1});
    EXPECT_TRUE(e && !e->empty());
    return e && !e->empty() ? e->front() : store::JournalEntry{};
  }

  FakeClock clock_{*ParseRfc3339("2026-11-28T06:00:00Z")};
  TempDir dir_{"witness"};
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<App> app_;
  WitnessRecorder mail_, hooks_, file_;
};

// The auditors and the committee chair by default, the webhooks named (not the others), the
// file; the receipt names the head before the entry that queues it.
TEST_F(WitnessTest, TheHeadGoesToEveryWitnessAndNamesTheEntryBeforeItsOwn) {
  Import(core::SmallOrganization());
  Auditor("p-tanaka");
  store::JournalHead before = *store_->Head();
  auto id = app_->journal().Witness({"p-suzuki"});
  ASSERT_TRUE(id) << id.error().ToString();
  std::vector<store::OutboxMessage> sent = Receipts();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].kind, "journal.head");
  EXPECT_THAT(sent[0].recipients, ElementsAre("p-tanaka", "p-sato"));
  codec::HeadReceipt r = ReceiptOf(sent[0]);
  EXPECT_EQ(r.seq, before.seq);
  EXPECT_EQ(r.hash, before.hash);
  EXPECT_EQ(r.reason, "manual");
  EXPECT_EQ(r.at, "2026-11-28T06:00:00Z");
  EXPECT_EQ(r.org, core::SmallOrganization().company.name);
  store::JournalEntry witnessed = Entry(before.seq + 1);
  EXPECT_EQ(witnessed.action, "journal.witness");
  EXPECT_EQ(witnessed.actor, "p-suzuki");
  EXPECT_THAT(witnessed.body, HasSubstr(before.hash));

  auto tick = app_->notifications().Tick(clock_.Now());
  ASSERT_TRUE(tick) << tick.error().ToString();
  EXPECT_EQ(tick->sent, 4);
  ASSERT_EQ(file_.sent.size(), 1u);
  EXPECT_EQ(file_.sent[0].body, codec::ReceiptLine(r));
  ASSERT_EQ(hooks_.sent.size(), 1u);
  EXPECT_EQ(hooks_.sent[0].recipient, "audit-hook");
  ASSERT_EQ(mail_.sent.size(), 2u);
  // An email's body, saved as it is, is a receipt file.
  for (const store::Delivery& d : mail_.sent) {
    auto read = codec::ReadReceipts(d.body, "mail");
    ASSERT_TRUE(read) << read.error().ToString();
    EXPECT_THAT(*read, ElementsAre(r));
  }
  auto hook = codec::ReadReceipts(hooks_.sent[0].body, "hook");
  ASSERT_TRUE(hook);
  EXPECT_THAT(*hook, ElementsAre(r));
}

TEST_F(WitnessTest, RolesAndPeopleChooseWhoIsEmailed) {
  core::Organization org = core::SmallOrganization();
  org.notifications.witnesses = core::Witnesses{.roles = {"committee_chair", "committee_member"},
                                                .people = {"p-suzuki", "p-sato"}};
  Import(org, false);
  Auditor("p-tanaka");  // not asked for
  ASSERT_TRUE(store_->Write([&](store::Tx& tx) -> Result<void> {
    auto org_now = app_->context().OrganizationIn(tx);
    if (!org_now) return Fail(org_now.error());
    auto id = QueueWitness(tx, **org_now, tx.Start(), "manual", "t", clock_.Now());
    if (!id) return Fail(id.error());
    return {};
  }));
  std::vector<store::OutboxMessage> sent = Receipts();
  ASSERT_EQ(sent.size(), 1u);
  std::vector<std::string> expected{"p-sato"};
  for (const auto& r : org.roles) {
    if (r.role == core::RoleKind::kCommitteeMember && r.person != "p-sato") {
      expected.push_back(r.person);
    }
  }
  if (std::find(expected.begin(), expected.end(), "p-suzuki") == expected.end()) {
    expected.push_back("p-suzuki");
  }
  EXPECT_EQ(sent[0].recipients, expected);
}

// An organization file that names a witness webhook twice still gets its receipt, once.
TEST_F(WitnessTest, AWebhookNamedTwiceGetsOneReceipt) {
  core::Organization org = core::SmallOrganization();
  org.notifications.witnesses = core::Witnesses{.webhooks = {"chat", "audit-hook", "chat"}};
  Import(org, false);
  auto id = app_->journal().Witness({"p-suzuki"});
  ASSERT_TRUE(id) << id.error().ToString();
  auto tick = app_->notifications().Tick(clock_.Now());
  ASSERT_TRUE(tick) << tick.error().ToString();
  std::vector<std::string> hooks;
  for (const store::Delivery& d : hooks_.sent) hooks.push_back(d.recipient);
  EXPECT_THAT(hooks, ::testing::UnorderedElementsAre("chat", "audit-hook"));
}

TEST_F(WitnessTest, WithoutWitnessesNothingIsSentAndAskingIsAConflict) {
  Import(core::SmallOrganization(), false);
  auto id = app_->journal().Witness({"p-suzuki"});
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().code, ErrorCode::kConflict);
  EXPECT_EQ(id.error().msg.code, "journal.no_witnesses");
  auto daily = app_->journal().WitnessTick(clock_.Now());
  ASSERT_TRUE(daily);
  EXPECT_FALSE(*daily);
  EXPECT_TRUE(Receipts().empty());
}

TEST_F(WitnessTest, TheDailyHeadGoesOnceADay) {
  Import(core::SmallOrganization());
  struct Step {
    std::chrono::seconds after;
    bool sent;
  } steps[] = {{std::chrono::seconds(0), true},
               {std::chrono::seconds(60), false},
               {std::chrono::hours(23), false},
               {std::chrono::hours(1) - std::chrono::seconds(60), true},
               {std::chrono::hours(1), false}};
  for (const Step& s : steps) {
    clock_.Advance(s.after);
    SCOPED_TRACE(FormatRfc3339(clock_.Now()));
    // A manual receipt in between does not count as the day's.
    ASSERT_TRUE(app_->journal().Witness({"p-suzuki"}));
    auto daily = app_->journal().WitnessTick(clock_.Now());
    ASSERT_TRUE(daily) << daily.error().ToString();
    EXPECT_EQ(*daily, s.sent);
  }
  int daily = 0;
  for (const auto& m : Receipts()) daily += ReceiptOf(m).reason == kDailyReason ? 1 : 0;
  EXPECT_EQ(daily, 2);
}

// G4.4.3: a closing sends the head with its own entry, in the closing's transaction.
TEST_F(WitnessTest, ADisasterClosingSendsItsOwnEntry) {
  core::Organization org = core::DisasterOrganization();
  for (auto& s : org.systems) {
    if (s.name.empty()) s.name = s.id;
  }
  Import(org);
  Actor sato{"p-sato", core::Principal{"p-sato", core::DeriveRoles(org, "p-sato", {})}};
  ASSERT_TRUE(app_->disasters().Declare({.title = "地震"}, sato));
  EXPECT_TRUE(Receipts().empty());
  auto closed = app_->disasters().Close("DIS-2026-0001", "代替拠点で業務継続", "", sato);
  ASSERT_TRUE(closed) << closed.error().ToString();
  std::vector<store::OutboxMessage> sent = Receipts();
  ASSERT_EQ(sent.size(), 1u);
  codec::HeadReceipt r = ReceiptOf(sent[0]);
  EXPECT_EQ(r.reason, "disaster.close DIS-2026-0001");
  store::JournalEntry close = Entry(r.seq);
  EXPECT_EQ(close.action, "disaster.close");
  EXPECT_EQ(close.hash, r.hash);
  EXPECT_EQ(Entry(r.seq + 1).action, "journal.witness");
  EXPECT_EQ(store_->Head()->seq, r.seq + 1);
}

TEST_F(WitnessTest, ReceiptsAreCheckedAgainstTheJournal) {
  Import(core::SmallOrganization());
  ASSERT_TRUE(app_->journal().Witness({"p-suzuki"}));  // a journal of more than one entry
  store::JournalHead head = *store_->Head();
  store::JournalEntry first = Entry(1);
  auto receipt = [&](int64_t seq, const std::string& hash) {
    return codec::HeadReceipt{
        .seq = seq, .hash = hash, .at = "2026-11-28T06:00:00Z", .org = "x", .reason = "daily"};
  };
  auto ok = CheckReceipts(
      *store_, {receipt(1, first.hash), receipt(head.seq, head.hash), receipt(1, first.hash)});
  ASSERT_TRUE(ok) << ok.error().ToString();
  EXPECT_TRUE(ok->ok());
  EXPECT_EQ(ok->receipts, 2u);  // the same head kept twice is one
  ASSERT_TRUE(ok->newest);
  EXPECT_EQ(ok->newest->seq, head.seq);

  auto bad = CheckReceipts(*store_, {receipt(head.seq + 5, std::string(64, 'b')),
                                     receipt(1, std::string(64, 'c')), receipt(1, first.hash)});
  ASSERT_TRUE(bad) << bad.error().ToString();
  EXPECT_FALSE(bad->ok());
  ASSERT_EQ(bad->problems.size(), 2u);
  EXPECT_EQ(bad->problems[0].code, "journal.witness_rewritten");
  EXPECT_EQ(bad->problems[1].code, "journal.witness_truncated");
  EXPECT_THAT(Render(bad->problems[1], Lang::kEn),
              HasSubstr("which ends at entry " + std::to_string(head.seq)));
  EXPECT_EQ(bad->newest->seq, head.seq + 5);
}

}  // namespace
}  // namespace sokuo::app
