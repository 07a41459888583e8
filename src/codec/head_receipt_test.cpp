#include "codec/head_receipt.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace sokuo::codec {
namespace {

const std::string kHash(64, 'a');

HeadReceipt Sample(int64_t seq = 41) {
  return {.seq = seq,
          .hash = kHash,
          .at = "2026-11-28T06:00:00Z",
          .org = "朝野精機",
          .reason = "incident.close INC-2026-0001"};
}

TEST(HeadReceiptTest, ALineReadsBackAsTheSameReceipt) {
  std::string line = ReceiptLine(Sample());
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(line,
            "{\"at\":\"2026-11-28T06:00:00Z\",\"hash\":\"" + kHash +
                "\",\"org\":\"朝野精機\",\"reason\":\"incident.close INC-2026-0001\",\"seq\":41,"
                "\"sokuo\":\"journal.head\"}");
  auto read = ReadReceipts(line, "heads");
  ASSERT_TRUE(read) << read.error().ToString();
  ASSERT_EQ(read->size(), 1u);
  EXPECT_EQ(read->front(), Sample());
}

// What a witness keeps: the file (with a CRLF copy, blank lines), an email's body with its words
// as comments, and a saved JSON webhook body.
TEST(HeadReceiptTest, FilesEmailsAndWebhookBodiesAreRead) {
  std::string webhook = nlohmann::json{
      {"id", "journal/000002/webhook/siem"},
      {"kind", "journal.head"},
      {"subject", "journal"},
      {"title", "sokuo journal head 52"},
      {"body", "# the head\n# 最新\n" + ReceiptLine(Sample(52)) + "\n"},
      {"link", ""}}.dump();
  std::string text = ReceiptLine(Sample(41)) + "\r\n\n   \n# kept by the auditor\n  " +
                     ReceiptLine(Sample(50)) + "  \n" + webhook + "\n";
  auto read = ReadReceipts(text, "heads");
  ASSERT_TRUE(read) << read.error().ToString();
  ASSERT_EQ(read->size(), 3u);
  EXPECT_EQ((*read)[0].seq, 41);
  EXPECT_EQ((*read)[1].seq, 50);
  EXPECT_EQ((*read)[2].seq, 52);
}

// Every bad line is named, with why; nothing is read from a file that holds one.
TEST(HeadReceiptTest, EveryMalformedLineIsNamed) {
  nlohmann::json good = nlohmann::json::parse(ReceiptLine(Sample()));
  auto with = [&](const char* key, nlohmann::json value) {
    nlohmann::json j = good;
    if (value.is_null()) {
      j.erase(key);
    } else {
      j[key] = value;
    }
    return j.dump();
  };
  struct Case {
    std::string line;
    std::string code;
  } cases[] = {
      {"not json at all", "receipt.not_json"},
      {"{\"seq\": 1", "receipt.not_json"},
      {"[1, 2]", "receipt.not_receipt"},
      {"{\"hello\": \"world\"}", "receipt.not_receipt"},
      {with("sokuo", "journal.tail"), "receipt.not_receipt"},
      {with("seq", nullptr), "receipt.bad_seq"},
      {with("seq", 0), "receipt.bad_seq"},
      {with("seq", -3), "receipt.bad_seq"},
      {with("seq", "41"), "receipt.bad_seq"},
      {with("seq", 4.5), "receipt.bad_seq"},
      {with("hash", nullptr), "receipt.bad_text"},
      {with("hash", std::string(63, 'a')), "receipt.bad_hash"},
      {with("hash", std::string(64, 'A')), "receipt.bad_hash"},
      {with("hash", std::string(64, 'g')), "receipt.bad_hash"},
      {with("at", "yesterday"), "receipt.bad_at"},
      {with("at", 12), "receipt.bad_text"},
      {with("org", nullptr), "receipt.bad_text"},
      {with("reason", false), "receipt.bad_text"},
      {nlohmann::json{{"kind", "journal.head"}, {"body", "no receipt here"}}.dump(),
       "receipt.not_json"},
      {nlohmann::json{{"kind", "journal.head"}, {"body", "# only words"}}.dump(),
       "receipt.not_receipt"},
      {nlohmann::json{{"kind", "incident.reported"}, {"body", ReceiptLine(Sample())}}.dump(),
       "receipt.not_receipt"},
      {"{\"sokuo\":\"journal.head\",\"x\":\"" + std::string(kReceiptMaxLine, 'x') + "\"}",
       "receipt.line_too_long"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.line.substr(0, 80));
    std::string text = ReceiptLine(Sample()) + "\n\n" + c.line + "\n";
    auto read = ReadReceipts(text, "heads.txt");
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(read.error().msg.code, "receipt.unreadable");
    ASSERT_EQ(read.error().details.size(), 1u);
    EXPECT_EQ(read.error().details[0].where, "heads.txt:3");
    EXPECT_EQ(read.error().details[0].msg.code, c.code);
  }
}

TEST(HeadReceiptTest, NothingToCheckIsAnError) {
  for (std::string text : {"", "\n\n", "# only words\n"}) {
    auto read = ReadReceipts(text, "empty");
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().msg.code, "receipt.none");
  }
}

TEST(HeadReceiptTest, ProblemsAreBoundedButAllCounted) {
  std::string text;
  for (size_t i = 0; i < kReceiptMaxProblems + 50; ++i) text += "x\n";
  auto read = ReadReceipts(text, "junk");
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().details.size(), kReceiptMaxProblems);
  EXPECT_EQ(read.error().msg.params[1].second, std::to_string(kReceiptMaxProblems + 50));
}

}  // namespace
}  // namespace sokuo::codec
