#include <sodium.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "notify/curl.h"
#include "notify/smtp_notifier.h"
#include "notify/webhook_notifier.h"

namespace sokuo::notify {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

store::Delivery Sample() {
  return {.id = "INC-2026-0001/000001/email/p-suzuki",
          .message = "INC-2026-0001/000001",
          .subject = "INC-2026-0001",
          .kind = "incident.reported",
          .channel = "email",
          .recipient = "p-suzuki",
          .address = "suzuki@example.co.jp",
          .lang = "ja",
          .title = "[INC-2026-0001] 緊急事態の報告: ランサムウェア",
          .body = "本文です。\nOpen: https://sokuo.test/#/incidents/INC-2026-0001",
          .link = "https://sokuo.test/#/incidents/INC-2026-0001"};
}

std::string Decode64(const std::string& text) {
  std::string out(text.size(), '\0');
  size_t len = 0;
  EXPECT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                              text.size(), "\r\n", &len, nullptr, sodium_base64_VARIANT_ORIGINAL),
            0);
  out.resize(len);
  return out;
}

TEST(MailTextTest, CarriesTheIdempotencyKeyAndTheTextInUtf8) {
  std::string mail = MailText(Sample(), "sokuo@example.co.jp", "Thu, 26 Nov 2026 22:00:00 +0000");
  EXPECT_THAT(mail,
              HasSubstr("\r\nX-Sokuo-Idempotency-Key: INC-2026-0001/000001/email/p-suzuki\r\n"));
  EXPECT_THAT(mail, HasSubstr("\r\nTo: <suzuki@example.co.jp>\r\n"));
  EXPECT_THAT(mail, HasSubstr("\r\nContent-Type: text/plain; charset=UTF-8\r\n"));
  // The subject is RFC 2047 words of at most 75 characters, each whole characters, on folded
  // lines; the body base64 in lines of at most 76.
  auto subject = mail.find("Subject: ");
  ASSERT_NE(subject, std::string::npos);
  std::string decoded;
  for (size_t at = subject + 9;;) {
    ASSERT_EQ(mail.compare(at, 10, "=?UTF-8?B?"), 0) << mail.substr(at, 40);
    size_t end = mail.find("?=", at + 10);
    EXPECT_LE(end + 2 - at, 75u);
    decoded += Decode64(mail.substr(at + 10, end - at - 10));
    if (mail.compare(end + 2, 3, "\r\n ") != 0) break;
    at = end + 5;
  }
  EXPECT_EQ(decoded, Sample().title);
  std::string body = mail.substr(mail.find("\r\n\r\n") + 4);
  for (size_t at = 0; at < body.size();) {
    size_t eol = body.find("\r\n", at);
    ASSERT_NE(eol, std::string::npos);
    EXPECT_LE(eol - at, 76u);
    at = eol + 2;
  }
  EXPECT_EQ(Decode64(body), Sample().body);
}

TEST(SmtpNotifierTest, RefusesAnAddressThatWouldAddHeaderLines) {
  core::Notifications settings;
  settings.email = core::EmailSettings{.smtp = "smtp://127.0.0.1:1", .from = "s@example.co.jp"};
  store::Delivery d = Sample();
  d.address = "a@example.co.jp\r\nBcc: everyone@example.co.jp";
  auto sent = SmtpNotifier().Send(d, settings);
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, ErrorCode::kInvalidInput);  // parked: waiting will not help
}

TEST(SmtpNotifierTest, WithoutEmailSettingsTheDeliveryIsParked) {
  auto sent = SmtpNotifier().Send(Sample(), {});
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(sent.error().msg.code, "notify.no_email");
}

TEST(SmtpNotifierTest, AServerThatIsNotThereIsTriedAgainLater) {
  core::Notifications settings;
  // Port 1 on this machine: nothing listens, the connection is refused.
  settings.email = core::EmailSettings{
      .smtp = "smtp://127.0.0.1:1", .from = "s@example.co.jp", .starttls = core::StartTls::kNone};
  auto sent = SmtpNotifier().Send(Sample(), settings);
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(sent.error().msg.code, "notify.smtp_failed");
}

TEST(HmacTest, MatchesRfc4231TestCase2) {
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(WebhookBodyTest, EachFormatIsJsonItsReceiverReads) {
  using nlohmann::json;
  json slack = json::parse(WebhookBody(Sample(), core::WebhookFormat::kSlack));
  EXPECT_THAT(slack["text"].get<std::string>(), HasSubstr("ランサムウェア"));
  json teams = json::parse(WebhookBody(Sample(), core::WebhookFormat::kTeams));
  EXPECT_EQ(teams["@type"], "MessageCard");
  EXPECT_EQ(teams["potentialAction"][0]["targets"][0]["uri"], Sample().link);
  json plain = json::parse(WebhookBody(Sample(), core::WebhookFormat::kJson));
  EXPECT_EQ(plain["id"], Sample().id);
  EXPECT_EQ(plain["kind"], "incident.reported");
  EXPECT_THAT(plain.dump(), Not(HasSubstr("suzuki@example.co.jp")));
}

TEST(WebhookBodyTest, AReportersWordsCannotPingOrLink) {
  using nlohmann::json;
  store::Delivery d = Sample();
  d.title = "<!channel> <https://evil.example|パスワード再設定>";
  d.body = "[ここを押す](https://evil.example) & <@U123>";
  std::string slack = json::parse(WebhookBody(d, core::WebhookFormat::kSlack))["text"];
  EXPECT_THAT(slack, Not(HasSubstr("<!channel>")));
  EXPECT_THAT(slack, Not(HasSubstr("<https://")));
  EXPECT_THAT(slack, HasSubstr("&lt;!channel&gt;"));
  EXPECT_THAT(slack, HasSubstr("&amp; &lt;@U123&gt;"));
  json teams = json::parse(WebhookBody(d, core::WebhookFormat::kTeams));
  EXPECT_THAT(teams["text"].get<std::string>(),
              HasSubstr("\\[ここを押す\\]\\(https://evil\\.example\\)"));
}

TEST(WebhookNotifierTest, AnUnknownWebhookOrAMissingSecretIsParked) {
  store::Delivery d = Sample();
  d.channel = "webhook";
  d.recipient = "is-chat";
  auto none = WebhookNotifier().Send(d, {});
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().msg.code, "notify.no_webhook");
  core::Notifications settings;
  settings.webhooks = {
      {.id = "is-chat", .url = "http://127.0.0.1:1/hook", .secret_env = "SOKUO_TEST_UNSET_SECRET"}};
  ::unsetenv("SOKUO_TEST_UNSET_SECRET");
  auto unset = WebhookNotifier().Send(d, settings);
  ASSERT_FALSE(unset);
  EXPECT_EQ(unset.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(unset.error().msg.code, "notify.no_env");
}

TEST(WebhookNotifierTest, AReceiverThatIsNotThereIsTriedAgainLater) {
  store::Delivery d = Sample();
  d.channel = "webhook";
  d.recipient = "is-chat";
  core::Notifications settings;
  settings.webhooks = {{.id = "is-chat", .url = "http://127.0.0.1:1/hook"}};
  auto sent = WebhookNotifier().Send(d, settings);
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace sokuo::notify
