// The journal head sent to witnesses outside sokuo (G4.4.3), with the real binary and a real
// SQLite file: the tampering `journal verify` cannot see by itself — the newest entries deleted
// together with the rows they wrote — is caught against a head sent before it
// (`journal verify --against`), and every bad input has its exit code.
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "integration/process.h"

namespace sokuo::testing {
namespace {

using ::testing::HasSubstr;

class WitnessCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sokuo-witness-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    data_ = (dir_ / "data").string();
    heads_ = (dir_ / "share" / "heads.jsonl").string();
    std::filesystem::create_directories(dir_ / "share");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Outcome Sokuo(std::vector<std::string> args) {
    args.insert(args.begin(), {SOKUO_BINARY, "--data", data_});
    return RunSokuo(args, dir_);
  }
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }
  // The example company with a file witness (a share of another machine, in real life).
  void Init(bool witnesses = true) {
    std::string org = Slurp(std::string(SOKUO_SOURCE_DIR) + "/examples/org.yaml");
    if (witnesses) {
      org += "\nnotifications:\n  witnesses:\n    file: " + heads_ + "\n    email: false\n";
    }
    Outcome init = Sokuo({"init", "--org", Write("org.yaml", org)});
    ASSERT_EQ(init.exit_code, 0) << init.err;
  }
  int64_t HeadSeq() {
    Outcome head = Sokuo({"journal", "head"});
    EXPECT_EQ(head.exit_code, 0) << head.err;
    return std::stoll(head.out);
  }
  void Report(const std::string& title) {
    Outcome r = Sokuo({"--as", "p-takahashi", "incident", "report", "--title", title});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  // What someone with the sqlite3 shell does to hide what happened after entry `keep`: every
  // later entry deleted, and every row those entries wrote (all of them new since `keep`), so
  // that what remains replays cleanly.
  void TruncateWithRows(int64_t keep) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((data_ + "/sokuo.db").c_str(), &db), SQLITE_OK);
    std::vector<std::pair<std::string, std::string>> rows;  // (table, id) in the order written
    sqlite3_stmt* read = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT body FROM journal WHERE seq > ? ORDER BY seq", -1,
                                 &read, nullptr),
              SQLITE_OK);
    sqlite3_bind_int64(read, 1, keep);
    while (sqlite3_step(read) == SQLITE_ROW) {
      auto body =
          nlohmann::json::parse(reinterpret_cast<const char*>(sqlite3_column_text(read, 0)));
      for (const auto& c : body.value("changes", nlohmann::json::array())) {
        rows.emplace_back(c["table"].get<std::string>(), c["id"].get<std::string>());
      }
    }
    sqlite3_finalize(read);
    ASSERT_FALSE(rows.empty());
    for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
      sqlite3_stmt* del = nullptr;
      std::string sql = "DELETE FROM " + it->first + " WHERE id = ?";
      ASSERT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &del, nullptr), SQLITE_OK) << sql;
      sqlite3_bind_text(del, 1, it->second.c_str(), -1, SQLITE_TRANSIENT);
      ASSERT_EQ(sqlite3_step(del), SQLITE_DONE) << sqlite3_errmsg(db);
      sqlite3_finalize(del);
    }
    std::string sql =
        "DELETE FROM journal WHERE seq > " + std::to_string(keep) + "; DELETE FROM journal_state;";
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_close(db);
  }

  std::filesystem::path dir_;
  std::string data_;
  std::string heads_;
};

TEST_F(WitnessCliTest, ATruncatedTailWithItsRowsIsCaughtAgainstASentHead) {
  Init();
  int64_t before = HeadSeq();
  Report("取引先から不審なログインの連絡");
  Report("ファイルサーバが暗号化された");
  int64_t sent_head = HeadSeq();

  Outcome witness = Sokuo({"journal", "witness"});
  ASSERT_EQ(witness.exit_code, 0) << witness.err;
  EXPECT_THAT(witness.err, HasSubstr("file witness: sent"));
  std::string kept = Slurp(heads_);
  EXPECT_THAT(kept, HasSubstr("\"seq\":" + std::to_string(sent_head) + ","));
  EXPECT_EQ(witness.out, kept);  // the receipt printed is the line the witness keeps
  Outcome ok = Sokuo({"journal", "verify", "--against", heads_});
  ASSERT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_THAT(ok.out, HasSubstr("checked against 1 witness receipt(s) (newest: entry " +
                                std::to_string(sent_head)));

  // Both reports, the witness entry and its delivery: gone, with every row they wrote.
  TruncateWithRows(before);
  EXPECT_EQ(HeadSeq(), before);
  Outcome plain = Sokuo({"journal", "verify"});
  EXPECT_EQ(plain.exit_code, 0) << "plain verify cannot see it: " << plain.out;

  Outcome against = Sokuo({"journal", "verify", "--against", heads_});
  EXPECT_EQ(against.exit_code, 5) << against.out << against.err;
  EXPECT_THAT(against.out, HasSubstr("entry " + std::to_string(sent_head) +
                                     ": the head sent to the witnesses at"));
  EXPECT_THAT(against.out, HasSubstr("which ends at entry " + std::to_string(before) +
                                     ": its tail was truncated"));
  EXPECT_THAT(against.err, HasSubstr("the journal does not hold 1 head(s) sent to the witnesses"));
  EXPECT_THAT(against.out, HasSubstr("checked against 1 witness receipt(s) (newest: entry " +
                                     std::to_string(sent_head)));

  Outcome ja = Sokuo({"--lang", "ja", "journal", "verify", "--against", heads_});
  EXPECT_EQ(ja.exit_code, 5);
  EXPECT_THAT(ja.out, HasSubstr("末尾が切り詰められています"));

  Outcome json = Sokuo({"--json", "journal", "verify", "--against", heads_});
  EXPECT_EQ(json.exit_code, 5);
  auto report = nlohmann::json::parse(json.out.substr(0, json.out.find("\n}\n") + 2));
  EXPECT_EQ(report["ok"], true);  // the chain and the tables agree with each other
  EXPECT_EQ(report["witnesses"]["ok"], false);
  EXPECT_EQ(report["witnesses"]["receipts"], 1);
  EXPECT_EQ(report["witnesses"]["newest"]["seq"], sent_head);
}

// A head kept by a witness whose entry now has another hash: the history before it was rewritten.
TEST_F(WitnessCliTest, AnotherHashAtASentHeadIsARewrite) {
  Init();
  ASSERT_EQ(Sokuo({"journal", "witness"}).exit_code, 0);
  std::string line = Slurp(heads_);
  auto receipt = nlohmann::json::parse(line);
  receipt["hash"] = std::string(64, 'e');
  std::string forged = Write("forged.jsonl", receipt.dump() + "\n");
  // Each file is read; the witness's own still holds, the forged one does not.
  Outcome against = Sokuo({"journal", "verify", "--against", heads_, "--against", forged});
  EXPECT_EQ(against.exit_code, 5);
  EXPECT_THAT(against.err, HasSubstr("the journal does not hold 1 head(s)"));
  EXPECT_THAT(against.out, HasSubstr("not the " + std::string(64, 'e') + " sent to the witnesses"));
  EXPECT_THAT(against.out, HasSubstr("was rewritten"));
}

TEST_F(WitnessCliTest, BadReceiptFilesAndMissingWitnessesHaveTheirExitCodes) {
  Init(false);
  // No witnesses configured: nothing to send to.
  Outcome none = Sokuo({"journal", "witness"});
  EXPECT_EQ(none.exit_code, 4);
  EXPECT_THAT(none.err, HasSubstr("configures no witnesses"));
  // No such file.
  Outcome missing = Sokuo({"journal", "verify", "--against", (dir_ / "nothing").string()});
  EXPECT_EQ(missing.exit_code, 3);
  // A malformed line is named with its file and line; nothing is checked.
  std::string good =
      "{\"at\":\"2026-11-28T06:00:00Z\",\"hash\":\"" + std::string(64, 'a') +
      "\",\"org\":\"x\",\"reason\":\"daily\",\"seq\":1,\"sokuo\":\"journal.head\"}\n";
  std::string bad = Write("bad.jsonl", good + "\n{\"seq\": 2\n" + good);
  Outcome malformed = Sokuo({"journal", "verify", "--against", bad});
  EXPECT_EQ(malformed.exit_code, 1);
  EXPECT_THAT(malformed.err, HasSubstr(bad + ":3: not JSON"));
  EXPECT_THAT(malformed.err, HasSubstr("1 line(s) of " + bad + " are not head receipts"));
  // A file without a receipt proves nothing.
  Outcome empty = Sokuo({"journal", "verify", "--against", Write("empty.txt", "\n# words\n")});
  EXPECT_EQ(empty.exit_code, 1);
  EXPECT_THAT(empty.err, HasSubstr("holds no head receipt"));
  // --against needs its FILE.
  EXPECT_EQ(Sokuo({"journal", "verify", "--against"}).exit_code, 2);
}

}  // namespace
}  // namespace sokuo::testing
