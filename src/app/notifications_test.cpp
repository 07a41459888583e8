// The sender, the acknowledgements and the escalation (G4.3.2) over a real SQLite file, driven by
// a fake clock. The channel is a recorder here; the real SMTP and webhook channels are tested
// against real servers in tests/integration/notify_test.cpp.
#include <sqlite3.h>

#include <set>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/app.h"
#include "app/notices.h"
#include "base/temp_dir.h"
#include "core/org_fixture.h"
#include "orgfile/org_file.h"
#include "store/account_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace sokuo::app {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// A channel that records what it was given and answers as told.
class Recorder final : public Notifier {
 public:
  Result<void> Send(const store::Delivery& d, const core::Notifications&) override {
    sent.push_back(d);
    if (fail_with) return Fail(*fail_with, Msg("notify.smtp_failed", {{"detail", "test"}}));
    return {};
  }
  std::vector<store::Delivery> sent;
  std::optional<ErrorCode> fail_with;
};

class NotificationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(*store::SqliteStore::Open({.path = dir_.File("sokuo.db")}));
    app_ = std::make_unique<App>(*store_, clock_);
    core::Organization org = core::SmallOrganization();
    org.notifications.link_base = "https://sokuo.test/";
    org.notifications.email = core::EmailSettings{.smtp = "smtp://mail.test", .from = "s@x.jp"};
    org.notifications.webhooks = {
        {.id = "is-chat", .url = "https://chat.test/hook", .kinds = {"incident.reported"}}};
    org.notifications.escalate_after_minutes = 15;
    org.notifications.max_attempts = 3;
    ASSERT_TRUE(app_->organization().Import(orgfile::Emit(org), "o", {"t"}));
    app_->notifications().SetNotifier("email", &mail_);
    app_->notifications().SetNotifier("webhook", &hooks_);
  }

  void Choose(const std::string& person, const std::string& lang) {
    ASSERT_TRUE(store_->Write([&](store::Tx& tx) -> Result<void> {
      TRY(store::SaveLanguage(tx, person, lang));
      return tx.Append({.at = clock_.Now(), .actor = person, .action = "account.language"})
          .and_then([](auto) -> Result<void> { return {}; });
    }));
  }

  TickReport Tick() {
    auto r = app_->notifications().Tick(clock_.Now());
    EXPECT_TRUE(r) << r.error().ToString();
    return r ? *r : TickReport{};
  }

  std::string Report() {
    auto r = app_->incidents().Report({.title = "ランサムウェア", .summary = "暗号化された"},
                                      {"p-tanaka"});
    EXPECT_TRUE(r);
    return r->incident.key;
  }

  // A restricted incident, and a measure for the sales department, whose head (p-tanaka) is
  // told of it but may not see the incident.
  std::string ReportRestrictedWithAMeasureForSales() {
    auto r = app_->incidents().Report(
        {.title = "内部不正の疑い", .summary = "経理部員の持ち出し", .restricted = true},
        {"p-suzuki"});
    EXPECT_TRUE(r);
    if (!r) return "";
    EXPECT_TRUE(app_->incidents().AddTask(
        r->incident.key, {.title = "端末を回収する", .department = "sales"}, {"p-suzuki"}));
    return r->incident.key;
  }

  FakeClock clock_{*ParseRfc3339("2026-11-26T13:00:00Z")};
  TempDir dir_{"notify"};
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<App> app_;
  Recorder mail_, hooks_;
};

TEST_F(NotificationTest, AReportIsSentOnceInTheRecipientsLanguageWithItsLinks) {
  Choose("p-suzuki", "en");
  std::string key = Report();
  TickReport first = Tick();
  EXPECT_EQ(first.sent, 2);  // the IS department's email and the IS chat
  ASSERT_EQ(mail_.sent.size(), 1u);
  const store::Delivery& d = mail_.sent[0];
  EXPECT_EQ(d.address, "suzuki@example.jp");
  EXPECT_EQ(d.lang, "en");
  EXPECT_EQ(d.title, "[" + key + "] Emergency reported: ランサムウェア");
  EXPECT_THAT(d.body, HasSubstr("Ken Tanaka"));
  EXPECT_THAT(d.body, HasSubstr("Open: https://sokuo.test/#/incidents/" + key));
  EXPECT_THAT(d.body, HasSubstr("Acknowledge: https://sokuo.test/#/ack/" + key + "%2F000001"));
  // The chat gets both languages and no one's acknowledgement link.
  ASSERT_EQ(hooks_.sent.size(), 1u);
  EXPECT_THAT(hooks_.sent[0].body, HasSubstr("緊急事態の報告がありました"));
  EXPECT_THAT(hooks_.sent[0].body, HasSubstr("reported an emergency"));
  EXPECT_THAT(hooks_.sent[0].body, ::testing::Not(HasSubstr("#/ack/")));
  // Sent is sent: the next tick sends nothing again.
  EXPECT_EQ(Tick().sent, 0);
  EXPECT_EQ(mail_.sent.size(), 1u);
  auto notes = app_->incidents().Notifications(key, {"t"});
  ASSERT_TRUE(notes);
  ASSERT_EQ(notes->size(), 1u);
  ASSERT_EQ((*notes)[0].deliveries.size(), 2u);
  for (const auto& x : (*notes)[0].deliveries) {
    EXPECT_EQ(x.status, store::DeliveryStatus::kSent) << x.id;
    EXPECT_EQ(x.attempts, 1);
  }
}

// Two servers over one database send together: each delivery goes out once, by whichever
// claimed it; a claim held by a sender that died lapses after kClaimLease.
TEST_F(NotificationTest, TwoSendersOverOneDatabaseSendEachDeliveryOnce) {
  auto other_store = store::SqliteStore::Open({.path = dir_.File("sokuo.db")});
  ASSERT_TRUE(other_store) << other_store.error().ToString();
  App other(**other_store, clock_);
  Recorder other_mail, other_hooks;
  other.notifications().SetNotifier("email", &other_mail);
  other.notifications().SetNotifier("webhook", &other_hooks);
  for (int i = 0; i < 6; ++i) Report();
  std::thread second([&] { ASSERT_TRUE(other.notifications().Tick(clock_.Now())); });
  Tick();
  second.join();
  std::set<std::string> sent;
  size_t total = 0;
  for (const auto* r : {&mail_, &hooks_, &other_mail, &other_hooks}) {
    for (const store::Delivery& d : r->sent) sent.insert(d.id);
    total += r->sent.size();
  }
  EXPECT_EQ(sent.size(), 12u);  // six reports, each to the IS department's email and chat
  EXPECT_EQ(total, sent.size());

  // A delivery claimed by a sender that is gone waits for its lease, then goes out here.
  std::string key = Report();
  ASSERT_TRUE(store_->Write([&](store::Tx& tx) -> Result<void> {
    for (const std::string id : {key + "/000001/email/p-suzuki", key + "/000001/webhook/is-chat"}) {
      TRY(tx.PutPrivate("delivery_claims", id,
                        {{"id", id},
                         {"owner", "a-server-that-died"},
                         {"until", FormatRfc3339(clock_.Now() + kClaimLease)}}));
    }
    return {};
  }));
  mail_.sent.clear();
  hooks_.sent.clear();
  EXPECT_EQ(Tick().sent, 0);
  clock_.Advance(kClaimLease + std::chrono::seconds(1));
  EXPECT_EQ(Tick().sent, 2);
  EXPECT_EQ(mail_.sent.size() + hooks_.sent.size(), 2u);
  EXPECT_TRUE(store_->Read("delivery_claims")->empty());  // recorded: the claims are gone
}

// A report commits its message and the message's texts; the sender writes each recipient's
// email when it comes to it, in the language they have then, and journals that it did.
TEST_F(NotificationTest, TheSenderWritesAReportsDeliveriesInTheLanguageChosenSince) {
  std::string key = Report();
  EXPECT_TRUE(store_->ReadWhere("deliveries", "subject", key)->empty());
  // Until then the message stands for its email, pending, titled with its subject alone.
  auto waiting = app_->notifications().List({.status = "pending"}, {}, {"t"});
  ASSERT_TRUE(waiting);
  ASSERT_EQ(waiting->items.size(), 1u);
  EXPECT_EQ(waiting->items[0].id, key + "/000001/email/p-suzuki");
  EXPECT_EQ(waiting->items[0].title,
            "[" + key + "] 送信を待っている知らせ / [" + key + "] A message waiting to be sent");
  EXPECT_TRUE(waiting->items[0].body.empty());
  EXPECT_FALSE(Retryable(waiting->items[0]));
  EXPECT_TRUE(app_->notifications().List({.status = "failed"}, {}, {"t"})->items.empty());
  Choose("p-suzuki", "en");
  TickReport r = Tick();
  EXPECT_EQ(r.written, 1);
  EXPECT_EQ(r.sent, 2);  // the email and the IS chat, whose delivery was written with it
  ASSERT_EQ(mail_.sent.size(), 1u);
  EXPECT_EQ(mail_.sent[0].lang, "en");
  EXPECT_EQ(mail_.sent[0].title, "[" + key + "] Emergency reported: ランサムウェア");
  EXPECT_EQ(store_->ReadWhere("deliveries", "subject", key)->size(), 2u);
  EXPECT_EQ(Tick().written, 0);  // written once
  auto entries = store_->ReadJournal({.subject = key});
  ASSERT_TRUE(entries);
  int writes = 0;
  for (const auto& e : *entries) {
    if (e.action != "notification.write") continue;
    ++writes;
    auto body = nlohmann::json::parse(e.body);
    EXPECT_EQ(body.value("message", ""), key + "/000001");
    EXPECT_EQ(body.value("deliveries", 0), 2);
  }
  EXPECT_EQ(writes, 1);
}

// Acknowledged on the incident's page before the sender came to it: written then, and sent
// still, with the acknowledgement kept.
TEST_F(NotificationTest, AnEmailAcknowledgedBeforeItIsWrittenIsWrittenAndStillSent) {
  std::string key = Report();
  std::string id = key + "/000001/email/p-suzuki";
  auto seen = app_->notifications().Acknowledge(id, {"p-suzuki"});
  ASSERT_TRUE(seen) << seen.error().ToString();
  EXPECT_EQ(seen->status, store::DeliveryStatus::kPending);
  EXPECT_EQ(seen->title, "[" + key + "] 緊急事態の報告: ランサムウェア");
  EXPECT_EQ(seen->acknowledged_at, "2026-11-26T13:00:00Z");
  TickReport r = Tick();
  EXPECT_EQ(r.written, 0);
  EXPECT_EQ(r.sent, 2);
  auto rows = store::LoadDeliveries(static_cast<store::Store&>(*store_), "id", id);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].status, store::DeliveryStatus::kSent);
  EXPECT_EQ((*rows)[0].acknowledged_at, "2026-11-26T13:00:00Z");
}

// A message whose texts are gone (a damaged database) is set aside as failed, with the reason in
// the journal, and the messages after it are written and sent as usual.
TEST_F(NotificationTest, AMessageThatCannotBeWrittenShowsAsFailedAndHoldsUpNoOther) {
  std::string broken = Report();
  clock_.Advance(std::chrono::seconds(1));
  std::string next = Report();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.File("sokuo.db").c_str(), &db), SQLITE_OK);
  std::string sql = "DELETE FROM outbox_texts WHERE id = '" + broken + "/000001'";
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  TickReport r = Tick();
  EXPECT_EQ(r.written, 1);
  EXPECT_EQ(r.sent, 2);  // the next report's email and chat
  ASSERT_EQ(mail_.sent.size(), 1u);
  EXPECT_EQ(mail_.sent[0].subject, next);
  auto failed = app_->notifications().List({.status = "failed"}, {}, {"t"});
  ASSERT_TRUE(failed);
  ASSERT_EQ(failed->items.size(), 1u);
  EXPECT_EQ(failed->items[0].id, broken + "/000001/email/p-suzuki");
  EXPECT_EQ(failed->items[0].error.code, "notify.unwritable");
  EXPECT_FALSE(Retryable(failed->items[0]));
  auto entries = store_->ReadJournal({.subject = broken});
  ASSERT_TRUE(entries);
  std::vector<std::string> why;
  for (const auto& e : *entries) {
    if (e.action == "notification.unwritable") {
      why.push_back(nlohmann::json::parse(e.body).value("error", ""));
    }
  }
  EXPECT_THAT(why, ElementsAre("notify.no_texts"));
  EXPECT_EQ(Tick().written, 0);  // set aside once
}

// Email settings removed before the sender came to a message: its emails show as failed for want
// of them, as for a message queued without them, and its chat message still goes out.
TEST_F(NotificationTest, EmailSettingsRemovedBeforeAMessageIsWrittenLeaveItsEmailsFailed) {
  std::string key = Report();
  core::Organization org = core::SmallOrganization();
  org.notifications.webhooks = {
      {.id = "is-chat", .url = "https://chat.test/hook", .kinds = {"incident.reported"}}};
  ASSERT_TRUE(app_->organization().Import(orgfile::Emit(org), "o", {"t"}));
  TickReport r = Tick();
  EXPECT_EQ(r.written, 1);
  EXPECT_THAT(mail_.sent, IsEmpty());
  EXPECT_EQ(hooks_.sent.size(), 1u);
  auto failed = app_->notifications().List({.status = "failed"}, {}, {"t"});
  ASSERT_TRUE(failed);
  ASSERT_EQ(failed->items.size(), 1u);
  EXPECT_EQ(failed->items[0].id, key + "/000001/email/p-suzuki");
  EXPECT_EQ(failed->items[0].error.code, "notify.no_email");
}

// A flood of reports does not make one tick write every message: as many as it may send.
TEST_F(NotificationTest, ATickWritesAtMostABatchOfMessagesOldestFirst) {
  std::vector<std::string> keys;
  for (int i = 0; i < 55; ++i) {
    keys.push_back(Report());
    clock_.Advance(std::chrono::seconds(1));
  }
  mail_.fail_with = ErrorCode::kUnavailable;  // nothing goes out: only the writing counts
  hooks_.fail_with = ErrorCode::kUnavailable;
  EXPECT_EQ(Tick().written, 50);
  EXPECT_EQ(store_->ReadWhere("deliveries", "subject", keys[49])->size(), 2u);
  EXPECT_TRUE(store_->ReadWhere("deliveries", "subject", keys[50])->empty());
  EXPECT_EQ(Tick().written, 5);
  EXPECT_EQ(store_->ReadWhere("outbox", "status", std::string("unwritten"))->size(), 0u);
}

TEST_F(NotificationTest, AFailingChannelIsRetriedWithBackoffThenParkedAndCanBeRetried) {
  std::string key = Report();
  mail_.fail_with = ErrorCode::kUnavailable;
  EXPECT_EQ(Tick().retried, 1);
  // Not before its time: 30 s, then 60 s.
  clock_.Advance(std::chrono::seconds(29));
  EXPECT_EQ(Tick().retried, 0);
  clock_.Advance(std::chrono::seconds(1));
  EXPECT_EQ(Tick().retried, 1);
  clock_.Advance(std::chrono::seconds(59));
  EXPECT_EQ(Tick().failed, 0);
  clock_.Advance(std::chrono::seconds(1));
  EXPECT_EQ(Tick().failed, 1);  // the third attempt of max_attempts 3
  EXPECT_EQ(mail_.sent.size(), 3u);
  auto failed = app_->notifications().List({.status = "failed"}, {}, {"t"});
  ASSERT_TRUE(failed);
  ASSERT_EQ(failed->items.size(), 1u);
  EXPECT_EQ(failed->items[0].error.code, "notify.smtp_failed");
  // Parked stays parked, until someone retries it.
  clock_.Advance(std::chrono::hours(5));
  Tick();
  EXPECT_EQ(mail_.sent.size(), 3u);
  mail_.fail_with.reset();
  ASSERT_TRUE(app_->notifications().Retry(failed->items[0].id, {"p-suzuki"}));
  EXPECT_EQ(Tick().sent, 1);
  EXPECT_FALSE(app_->notifications().Retry(failed->items[0].id, {"p-suzuki"}));  // not failed
  // Every step is in the journal.
  auto entries = store_->ReadJournal({.subject = key});
  ASSERT_TRUE(entries);
  std::vector<std::string> actions;
  for (const auto& e : *entries) {
    if (e.action.rfind("notification.", 0) == 0) actions.push_back(e.action);
  }
  EXPECT_THAT(actions, ::testing::Contains("notification.retry"));
  EXPECT_THAT(actions, ::testing::Contains("notification.failed"));
  EXPECT_THAT(actions, ::testing::Contains("notification.requeue"));
}

TEST_F(NotificationTest, ARetriedEmailGoesToTheAddressTheOrganizationHasNow) {
  Report();
  mail_.fail_with = ErrorCode::kInvalidInput;  // a wrong address, refused
  EXPECT_EQ(Tick().failed, 1);
  ASSERT_EQ(mail_.sent.back().address, "suzuki@example.jp");
  core::Organization org = core::SmallOrganization();
  org.notifications.email = core::EmailSettings{.smtp = "smtp://mail.test", .from = "s@x.jp"};
  org.people[1].email = "h.suzuki@example.jp";  // corrected in the organization file
  ASSERT_TRUE(app_->organization().Import(orgfile::Emit(org), "o", {"t"}));
  auto failed = app_->notifications().List({.status = "failed"}, {}, {"t"});
  ASSERT_TRUE(failed);
  ASSERT_EQ(failed->items.size(), 1u);
  mail_.fail_with.reset();
  ASSERT_TRUE(app_->notifications().Retry(failed->items[0].id, {"p-suzuki"}));
  EXPECT_EQ(Tick().sent, 1);
  EXPECT_EQ(mail_.sent.back().address, "h.suzuki@example.jp");
}

TEST_F(NotificationTest, WithoutEmailSettingsEveryEmailShowsAsFailedWithWhy) {
  ASSERT_TRUE(app_->organization().Import(orgfile::Emit(core::SmallOrganization()), "o", {"t"}));
  Report();
  auto failed = app_->notifications().List({.status = "failed"}, {}, {"t"});
  ASSERT_TRUE(failed);
  ASSERT_EQ(failed->items.size(), 1u);
  EXPECT_EQ(failed->items[0].error.code, "notify.no_email");
  EXPECT_EQ(Tick().sent, 0);
}

TEST_F(NotificationTest, WithoutEmailSettingsTheMessageStandsForItsEmailsUntilOneIsAcknowledged) {
  ASSERT_TRUE(app_->organization().Import(orgfile::Emit(core::SmallOrganization()), "o", {"t"}));
  std::string key = Report();
  // One row for the message, none for the emails it could not send.
  auto rows = store::LoadDeliveries(static_cast<store::Store&>(*store_), "subject", key);
  ASSERT_TRUE(rows);
  EXPECT_THAT(*rows, IsEmpty());
  auto notes = app_->incidents().Notifications(key, {"t"});
  ASSERT_TRUE(notes);
  ASSERT_EQ(notes->size(), 1u);
  EXPECT_EQ((*notes)[0].message.status, store::kMessageNoEmail);
  ASSERT_EQ((*notes)[0].deliveries.size(), 1u);
  const store::Delivery& implied = (*notes)[0].deliveries[0];
  EXPECT_EQ(implied.id, key + "/000001/email/p-suzuki");
  EXPECT_EQ(implied.recipient, "p-suzuki");
  EXPECT_EQ(implied.status, store::DeliveryStatus::kFailed);
  EXPECT_EQ(implied.error.code, "notify.no_email");
  // Nothing to send later: a retry says why.
  auto retried = app_->notifications().Retry(implied.id, {"p-suzuki"});
  ASSERT_FALSE(retried);
  EXPECT_EQ(retried.error().code, ErrorCode::kConflict);
  EXPECT_EQ(retried.error().msg.code, "notify.never_queued");
  // Only the recipient acknowledges it; then it is a row, and listed once.
  EXPECT_EQ(app_->notifications().Acknowledge(implied.id, {"p-tanaka"}).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(
      app_->notifications().Acknowledge(key + "/000001/email/p-nobody", {"p-nobody"}).error().code,
      ErrorCode::kNotFound);
  clock_.Advance(std::chrono::minutes(2));
  auto seen = app_->notifications().Acknowledge(implied.id, {"p-suzuki"});
  ASSERT_TRUE(seen) << seen.error().ToString();
  EXPECT_EQ(seen->acknowledged_at, "2026-11-26T13:02:00Z");
  rows = store::LoadDeliveries(static_cast<store::Store&>(*store_), "subject", key);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].acknowledged_at, "2026-11-26T13:02:00Z");
  EXPECT_EQ((*rows)[0].error.code, "notify.no_email");
  auto failed = app_->notifications().List({.status = "failed"}, {}, {"t"});
  ASSERT_TRUE(failed);
  ASSERT_EQ(failed->items.size(), 1u);
  EXPECT_EQ(failed->items[0].acknowledged_at, "2026-11-26T13:02:00Z");
  auto entries = store_->ReadJournal({.subject = key});
  ASSERT_TRUE(entries);
  EXPECT_EQ(entries->back().action, "notification.acknowledge");
  EXPECT_TRUE(store_->Verify()->ok());
}

TEST_F(NotificationTest, WithoutEmailSettingsAConvocationIsStillEscalatedUntilAcknowledged) {
  core::Organization org = core::SmallOrganization();
  org.notifications = core::Notifications{.escalate_after_minutes = 15};
  ASSERT_TRUE(app_->organization().Import(orgfile::Emit(org), "o", {"t"}));
  std::string key = Report();
  ASSERT_TRUE(app_->incidents().Triage(key, {.confirmed = true}, {"p-suzuki"}));
  ASSERT_TRUE(app_->incidents().RequestConvocation(key, {"p-suzuki"}));
  clock_.Advance(std::chrono::minutes(15));
  EXPECT_EQ(Tick().escalated, 1);  // nobody said they saw it: the chair's deputy is asked
  auto notes = app_->incidents().Notifications(key, {"t"});
  ASSERT_TRUE(notes);
  ASSERT_EQ(notes->size(), 3u);
  EXPECT_THAT(notes->back().message.recipients, ElementsAre("p-suzuki"));
  // The deputy says they saw it: no further escalation.
  ASSERT_TRUE(app_->notifications().Acknowledge(key + "/000003/email/p-suzuki", {"p-suzuki"}));
  org.notifications.escalate_to = {"p-tanaka"};
  ASSERT_TRUE(app_->organization().Import(orgfile::Emit(org), "o", {"t"}));
  clock_.Advance(std::chrono::hours(1));
  EXPECT_EQ(Tick().escalated, 0);
}

TEST_F(NotificationTest, APermanentRefusalIsParkedAtOnce) {
  Report();
  mail_.fail_with = ErrorCode::kInvalidInput;
  TickReport r = Tick();
  EXPECT_EQ(r.failed, 1);
  EXPECT_EQ(r.retried, 0);
}

TEST_F(NotificationTest, APersonWithoutAnAddressShowsAsFailedNotForgotten) {
  core::Organization org = core::SmallOrganization();
  org.notifications.email = core::EmailSettings{.smtp = "smtp://mail.test", .from = "s@x.jp"};
  org.people[1].email.clear();  // p-suzuki, the IS department
  ASSERT_TRUE(app_->organization().Import(orgfile::Emit(org), "o", {"t"}));
  Report();
  EXPECT_EQ(Tick().written, 1);
  EXPECT_THAT(mail_.sent, IsEmpty());
  auto failed = app_->notifications().List({.status = "failed"}, {}, {"t"});
  ASSERT_TRUE(failed);
  ASSERT_EQ(failed->items.size(), 1u);
  EXPECT_EQ(failed->items[0].recipient, "p-suzuki");
  EXPECT_EQ(failed->items[0].error.code, "notify.no_address");
}

TEST_F(NotificationTest, OnlyTheRecipientAcknowledges) {
  std::string key = Report();
  std::string id = key + "/000001/email/p-suzuki";
  auto stranger = app_->notifications().Acknowledge(id, {"p-tanaka"});
  ASSERT_FALSE(stranger);
  EXPECT_EQ(stranger.error().code, ErrorCode::kNotFound);
  clock_.Advance(std::chrono::minutes(3));
  auto seen = app_->notifications().Acknowledge(id, {"p-suzuki"});
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->acknowledged_at, "2026-11-26T13:03:00Z");
  clock_.Advance(std::chrono::minutes(3));
  EXPECT_EQ(app_->notifications().Acknowledge(id, {"p-suzuki"})->acknowledged_at,
            "2026-11-26T13:03:00Z");  // the first time stands
}

TEST_F(NotificationTest, AnUnansweredConvocationGoesToTheDeputiesAfterTheLimitAndNotBefore) {
  std::string key = Report();
  ASSERT_TRUE(app_->incidents().Triage(key, {.confirmed = true}, {"p-suzuki"}));
  ASSERT_TRUE(app_->incidents().RequestConvocation(key, {"p-suzuki"}));
  Tick();
  clock_.Advance(std::chrono::minutes(14) + std::chrono::seconds(59));
  EXPECT_EQ(Tick().escalated, 0);
  clock_.Advance(std::chrono::seconds(1));
  EXPECT_EQ(Tick().escalated, 1);
  auto notes = app_->incidents().Notifications(key, {"t"});
  ASSERT_TRUE(notes);
  ASSERT_EQ(notes->size(), 3u);
  const NoticeView& up = notes->back();
  EXPECT_EQ(up.message.kind, "incident.escalation");
  EXPECT_THAT(up.message.recipients, ElementsAre("p-suzuki"));  // the chair's first deputy
  // Nobody further in line: the request stays open, and no second escalation is made.
  clock_.Advance(std::chrono::hours(2));
  EXPECT_EQ(Tick().escalated, 0);
  auto entries = store_->ReadJournal({.subject = key});
  ASSERT_TRUE(entries);
  int escalations = 0;
  for (const auto& e : *entries) escalations += e.action == "incident.escalate" ? 1 : 0;
  EXPECT_EQ(escalations, 1);
}

TEST_F(NotificationTest, EscalationWalksTheLineOfSuccessionSkippingWhoWasAsked) {
  core::Organization org = core::SmallOrganization();
  org.notifications = core::Notifications{
      .email = core::EmailSettings{.smtp = "smtp://mail.test", .from = "s@x.jp"},
      .escalate_after_minutes = 15};
  // The chair's first deputy sits on the committee and was asked already; the line goes on.
  org.roles.push_back({.role = core::RoleKind::kCommitteeMember, .person = "p-suzuki"});
  org.roles[0].deputies = {"p-suzuki", "p-tanaka"};
  ASSERT_TRUE(app_->organization().Import(orgfile::Emit(org), "o", {"t"}));
  std::string key = Report();
  ASSERT_TRUE(app_->incidents().Triage(key, {.confirmed = true}, {"p-suzuki"}));
  ASSERT_TRUE(app_->incidents().RequestConvocation(key, {"p-suzuki"}));
  clock_.Advance(std::chrono::minutes(15));
  EXPECT_EQ(Tick().escalated, 1);
  auto notes = app_->incidents().Notifications(key, {"t"});
  ASSERT_TRUE(notes);
  EXPECT_THAT(notes->back().message.recipients, ElementsAre("p-tanaka"));
  clock_.Advance(std::chrono::minutes(30));
  EXPECT_EQ(Tick().escalated, 0);  // nobody left in line
}

TEST_F(NotificationTest, AfterTheDeputiesTheNextLevelIsAskedOneAtATime) {
  core::Organization org = core::SmallOrganization();
  org.notifications = core::Notifications{
      .email = core::EmailSettings{.smtp = "smtp://mail.test", .from = "s@x.jp"},
      .escalate_after_minutes = 15,
      .escalate_to = {"p-suzuki", "p-tanaka"}};
  ASSERT_TRUE(app_->organization().Import(orgfile::Emit(org), "o", {"t"}));
  std::string key = Report();
  ASSERT_TRUE(app_->incidents().Triage(key, {.confirmed = true}, {"p-suzuki"}));
  ASSERT_TRUE(app_->incidents().RequestConvocation(key, {"p-suzuki"}));
  std::vector<std::vector<std::string>> asked;
  for (int step = 0; step < 4; ++step) {
    clock_.Advance(std::chrono::minutes(15));
    if (Tick().escalated == 0) break;
    auto notes = app_->incidents().Notifications(key, {"t"});
    ASSERT_TRUE(notes);
    asked.push_back(notes->back().message.recipients);
  }
  // The chair's deputy (p-suzuki) first; the next level skips who was asked, then ends.
  EXPECT_THAT(asked, ElementsAre(ElementsAre("p-suzuki"), ElementsAre("p-tanaka")));
  auto entries = store_->ReadJournal({.subject = key});
  ASSERT_TRUE(entries);
  std::vector<int> levels;
  for (const auto& e : *entries) {
    if (e.action == "incident.escalate")
      levels.push_back(nlohmann::json::parse(e.body)["level"].get<int>());
  }
  EXPECT_THAT(levels, ElementsAre(1, 2));
}

TEST_F(NotificationTest, ARestrictedIncidentIsNotToldToWhoMayNotSeeIt) {
  std::string key = ReportRestrictedWithAMeasureForSales();
  Tick();
  bool told_tanaka = false;
  for (const auto& d : mail_.sent) {
    if (d.recipient != "p-tanaka") continue;
    told_tanaka = true;
    EXPECT_THAT(d.title, ::testing::Not(HasSubstr("内部不正")));
    EXPECT_THAT(d.body, ::testing::Not(HasSubstr("端末を回収する")));
  }
  EXPECT_TRUE(told_tanaka);
  // The IS department may see it, and reads it; the chat is told only that there is news.
  ASSERT_FALSE(hooks_.sent.empty());
  EXPECT_THAT(hooks_.sent[0].body, ::testing::Not(HasSubstr("持ち出し")));
}

TEST_F(NotificationTest, WithoutEmailSettingsARestrictedIncidentStaysHiddenFromWhoAcknowledges) {
  core::Organization org = core::SmallOrganization();
  ASSERT_TRUE(app_->organization().Import(orgfile::Emit(org), "o", {"t"}));
  std::string key = ReportRestrictedWithAMeasureForSales();
  // The message itself names the measure, for those who may read it.
  auto notes = app_->incidents().Notifications(key, {"p-suzuki"});
  ASSERT_TRUE(notes);
  ASSERT_EQ(notes->size(), 2u);
  EXPECT_THAT((*notes)[1].message.title, HasSubstr("端末を回収する"));
  auto seen = app_->notifications().Acknowledge(key + "/000002/email/p-tanaka", {"p-tanaka"});
  ASSERT_TRUE(seen) << seen.error().ToString();
  EXPECT_THAT(seen->title, HasSubstr(key));
  for (const std::string& text : {seen->title, seen->body}) {
    EXPECT_THAT(text, ::testing::Not(HasSubstr("内部不正")));
    EXPECT_THAT(text, ::testing::Not(HasSubstr("端末を回収する")));
  }
  auto stored = store::LoadDeliveries(static_cast<store::Store&>(*store_), "subject", key);
  ASSERT_TRUE(stored);
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_THAT((*stored)[0].title, ::testing::Not(HasSubstr("端末を回収する")));
}

TEST_F(NotificationTest, AnAcknowledgedConvocationIsNotEscalated) {
  std::string key = Report();
  ASSERT_TRUE(app_->incidents().Triage(key, {.confirmed = true}, {"p-suzuki"}));
  ASSERT_TRUE(app_->incidents().RequestConvocation(key, {"p-suzuki"}));
  ASSERT_TRUE(app_->notifications().Acknowledge(key + "/000002/email/p-sato", {"p-sato"}));
  clock_.Advance(std::chrono::hours(1));
  EXPECT_EQ(Tick().escalated, 0);
}

TEST_F(NotificationTest, InstructionsReachTheDepartmentsTheyName) {
  std::string key = Report();
  ASSERT_TRUE(app_->incidents().Decide(key,
                                       {.kind = core::DecisionKind::kInstruction,
                                        .text = "営業部は顧客への連絡を止めること",
                                        .decided_by = "p-sato",
                                        .departments = {"sales"}},
                                       {"p-sato"}));
  auto notes = app_->incidents().Notifications(key, {"t"});
  ASSERT_TRUE(notes);
  ASSERT_EQ(notes->size(), 2u);
  EXPECT_EQ(notes->back().message.kind, "incident.decision");
  EXPECT_THAT(notes->back().message.recipients, ElementsAre("p-tanaka"));  // head, action plan
  Tick();
  ASSERT_EQ(mail_.sent.size(), 2u);
  EXPECT_THAT(mail_.sent[1].body, HasSubstr("営業部は顧客への連絡を止めること"));
}

TEST_F(NotificationTest, AMeasureReachesItsAssigneeAndIsRemindedOnceWhenOverdue) {
  std::string key = Report();
  std::string due = FormatRfc3339(clock_.Now() + std::chrono::hours(1));
  ASSERT_TRUE(app_->incidents().AddTask(
      key, {.title = "ファイルサーバーを切り離す", .assignee = "p-tanaka", .due = due},
      {"p-suzuki"}));
  auto notes = app_->incidents().Notifications(key, {"t"});
  ASSERT_TRUE(notes);
  EXPECT_EQ(notes->back().message.kind, "incident.task");
  EXPECT_THAT(notes->back().message.recipients, ElementsAre("p-tanaka"));
  EXPECT_EQ(Tick().reminded, 0);
  clock_.Advance(std::chrono::minutes(59));
  EXPECT_EQ(Tick().reminded, 0);
  clock_.Advance(std::chrono::minutes(2));
  EXPECT_EQ(Tick().reminded, 1);
  notes = app_->incidents().Notifications(key, {"t"});
  EXPECT_EQ(notes->back().message.kind, "incident.task_overdue");
  EXPECT_THAT(notes->back().message.recipients, ElementsAre("p-tanaka"));
  clock_.Advance(std::chrono::hours(3));
  EXPECT_EQ(Tick().reminded, 0);  // once
  // A measure done in time is not reminded of.
  ASSERT_TRUE(app_->incidents().AddTask(
      key, {.title = "ログを保全する", .assignee = "p-tanaka", .due = FormatRfc3339(clock_.Now())},
      {"p-suzuki"}));
  ASSERT_TRUE(
      app_->incidents().UpdateTask(key, 2, {.status = core::TaskStatus::kDone}, {"p-tanaka"}));
  clock_.Advance(std::chrono::hours(1));
  EXPECT_EQ(Tick().reminded, 0);
}

TEST_F(NotificationTest, AContactsFollowUpIsRemindedOnItsDayInTheCompanysCalendar) {
  std::string key = Report();
  // 22:00 in Tokyo on the 26th; the follow-up is due on the 27th, whose working day starts at
  // 09:00 in Tokyo (00:00 UTC), not at midnight.
  ASSERT_TRUE(app_->incidents().AddContact(key,
                                           {.audience = core::Audience::kInternal,
                                            .contact = "sales",
                                            .summary = "顧客への影響を確認中",
                                            .follow_up_due = "2026-11-27"},
                                           {"p-suzuki"}));
  EXPECT_EQ(Tick().reminded, 0);
  clock_.Advance(std::chrono::hours(2));  // midnight in Tokyo
  EXPECT_EQ(Tick().reminded, 0);
  clock_.Advance(std::chrono::hours(9) - std::chrono::minutes(1));
  EXPECT_EQ(Tick().reminded, 0);
  clock_.Advance(std::chrono::minutes(1));
  EXPECT_EQ(Tick().reminded, 1);
  auto notes = app_->incidents().Notifications(key, {"t"});
  ASSERT_TRUE(notes);
  EXPECT_EQ(notes->back().message.kind, "incident.follow_up");
  EXPECT_THAT(notes->back().message.recipients, ElementsAre("p-suzuki"));
}

TEST_F(NotificationTest, AFollowUpWaitsForTheHourTheCompanysWorkingDayStarts) {
  core::Organization org = core::SmallOrganization();
  org.company.workday_start_hour = 7;
  ASSERT_TRUE(app_->organization().Import(orgfile::Emit(org), "o", {"t"}));
  std::string key = Report();
  ASSERT_TRUE(app_->incidents().AddContact(key,
                                           {.audience = core::Audience::kInternal,
                                            .contact = "sales",
                                            .summary = "s",
                                            .follow_up_due = "2026-11-27"},
                                           {"p-suzuki"}));
  clock_.Advance(std::chrono::hours(9) - std::chrono::minutes(1));  // 06:59 in Tokyo
  EXPECT_EQ(Tick().reminded, 0);
  clock_.Advance(std::chrono::minutes(1));
  EXPECT_EQ(Tick().reminded, 1);
}

// A person named twice among a notice's recipients (head of a department and on the IS staff,
// say) gets one email, and the notice is queued.
TEST_F(NotificationTest, ARecipientNamedTwiceIsToldOnce) {
  core::Organization org = core::SmallOrganization();
  org.notifications.email = core::EmailSettings{.smtp = "smtp://mail.test", .from = "s@x.jp"};
  auto written = store_->Write([&](store::Tx& tx) -> Result<void> {
    TRY(QueueNotice(tx, org,
                    {.kind = "incident.reported",
                     .subject = "INC-2026-0009",
                     .to = {"p-sato", "p-tanaka", "p-sato"},
                     .title = Msg("notice.restricted.title", {{"subject", "INC-2026-0009"}}),
                     .body = Msg("notice.restricted.body", {{"subject", "INC-2026-0009"}})},
                    clock_.Now())
            .transform([](auto) {}));
    return tx.Append({.at = clock_.Now(), .actor = "t", .action = "test.notice"})
        .transform([](auto) {});
  });
  ASSERT_TRUE(written) << written.error().ToString();
  auto notes = NoticesAbout(*store_, "INC-2026-0009");
  ASSERT_TRUE(notes);
  ASSERT_EQ(notes->size(), 1u);
  std::vector<std::string> told;
  for (const auto& d : (*notes)[0].deliveries) told.push_back(d.recipient);
  EXPECT_THAT(told, ::testing::UnorderedElementsAre("p-sato", "p-tanaka"));
  EXPECT_THAT((*notes)[0].message.recipients, ::testing::ElementsAre("p-sato", "p-tanaka"));
}

TEST(BackoffTest, DoublesFromThirtySecondsToAnHour) {
  EXPECT_EQ(Backoff(1).count(), 30);
  EXPECT_EQ(Backoff(2).count(), 60);
  EXPECT_EQ(Backoff(3).count(), 120);
  EXPECT_EQ(Backoff(8).count(), 3600);
  EXPECT_EQ(Backoff(50).count(), 3600);
}

}  // namespace
}  // namespace sokuo::app
