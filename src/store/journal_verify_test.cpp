// Streaming verification, checkpoints and `verify --from` (store/journal.h) on a real database
// of each engine (store_test_db.h), each check shown to fail on the tampering it exists for.

#include <algorithm>
#include <functional>
#include <random>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/org_fixture.h"
#include "store/incident_rows.h"
#include "store/journal.h"
#include "store/org_rows.h"
#include "store/store_test_db.h"
#include "store/tables.h"

namespace sokuo::store {
namespace {

constexpr const char* kAt = "2026-11-26T00:00:00Z";

// Entry 1 imports the organization; entries 2… add a task to incident A or B in turn (the
// organization changes once, removing its storage media), with a checkpoint at every multiple
// of 5: 1 2 3 4 [5] 6 7 8 9 [10] 11 12 13 14 [15] 16.
// Public: the tampering cases below are lambdas that use it.
class JournalCheckpointTest : public ::testing::TestWithParam<Engine> {
 public:
  void SetUp() override {
    std::string why;
    db_ = TestDatabase::Make(GetParam(), why);
    if (!db_) GTEST_SKIP() << why;
    a_ = {.key = "INC-2026-0001", .year = 2026, .number = 1, .title = "A", .reported_at = kAt};
    b_ = {.key = "INC-2026-0002", .year = 2026, .number = 2, .title = "B", .reported_at = kAt};
    Reopen();
    core::Organization org = core::SmallOrganization();
    ASSERT_TRUE(ImportOrg(org));
    for (int i = 0; i < 12; ++i) {
      if (i == 6) {
        org.media.clear();
        ASSERT_TRUE(ImportOrg(org));
        continue;
      }
      ASSERT_TRUE(AddTask(i % 2 == 0 ? a_ : b_));
    }
    ASSERT_EQ(store_->Head()->seq, 16);
  }
  void TearDown() override {
    store_.reset();
    db_.reset();
  }
  void Reopen() {
    store_.reset();
    // Runs of 512 bytes: every verification here merges its spill from many sorted runs.
    auto s = db_->Open({.checkpoint_every = 5, .verify_run_bytes = 512});
    ASSERT_TRUE(s) << s.error().ToString();
    store_ = std::move(*s);
  }

  Result<void> ImportOrg(const core::Organization& org) {
    return store_->Write([&](Tx& tx) -> Result<void> {
      TRY(ReplaceOrganization(tx, org));
      TRY(tx.Append(
          {.at = *ParseRfc3339(kAt), .actor = "t", .action = "org.import", .subject = "org"}));
      return {};
    });
  }
  Result<void> Save(const core::Incident& i) {
    return store_->Write([&](Tx& tx) -> Result<void> {
      TRY(SaveIncident(tx, i));
      TRY(tx.Append(
          {.at = *ParseRfc3339(kAt), .actor = "t", .action = "incident.test", .subject = i.key}));
      return {};
    });
  }
  Result<void> AddTask(core::Incident& i) {
    int id = static_cast<int>(i.tasks.size()) + 1;
    i.tasks.push_back(
        {.id = id, .kind = core::TaskKind::kOther, .title = "t" + std::to_string(id)});
    return Save(i);
  }

  void Sql(const std::string& sql) {
    auto r = db_->Exec(sql);
    ASSERT_TRUE(r) << r.error().ToString();
  }
  // `text` as an SQL string literal (both engines double the quote and take the rest as it is).
  static std::string Quoted(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
  }

  // Rewrites entry `seq` with `edit` and every later entry's link and hash, as someone who
  // rewrites the chain from there would.
  void RewriteChain(int64_t seq, const std::function<void(JournalEntry&)>& edit) {
    auto entries = store_->ReadJournal({.after_seq = seq - 1, .limit = 1000});
    ASSERT_TRUE(entries);
    std::string prev;
    for (JournalEntry& e : *entries) {
      if (e.seq == seq) {
        edit(e);
      } else {
        e.prev_hash = prev;
      }
      e.hash = EntryHash(e);
      prev = e.hash;
      Sql("UPDATE journal SET body = " + Quoted(e.body) + ", prev_hash = " + Quoted(e.prev_hash) +
          ", hash = " + Quoted(e.hash) + " WHERE seq = " + std::to_string(e.seq));
    }
  }

  static std::vector<std::string> Codes(const VerifyReport& r) {
    std::vector<std::string> codes;
    for (const Message& m : r.problems) codes.push_back(m.code);
    return codes;
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Store> store_;
  core::Incident a_{
      .key = "INC-2026-0001", .year = 2026, .number = 1, .title = "A", .reported_at = kAt};
  core::Incident b_{
      .key = "INC-2026-0002", .year = 2026, .number = 2, .title = "B", .reported_at = kAt};
};

TEST_P(JournalCheckpointTest, CheckpointsAreWrittenAndBothVerificationsPass) {
  auto full = store_->Verify();
  ASSERT_TRUE(full) << full.error().ToString();
  EXPECT_TRUE(full->ok()) << full->problems[0];
  EXPECT_EQ(full->entries, 16);
  EXPECT_EQ(full->checkpoints, 3);
  auto checkpoint = store_->ReadJournal({.after_seq = 14, .limit = 1});
  ASSERT_TRUE(checkpoint && checkpoint->size() == 1);
  EXPECT_EQ((*checkpoint)[0].action, kCheckpointAction);
  EXPECT_EQ((*checkpoint)[0].actor, "system");

  auto from = store_->VerifyFrom(100);  // the newest checkpoint at or before 100: 15
  ASSERT_TRUE(from) << from.error().ToString();
  EXPECT_TRUE(from->ok()) << from->problems[0];
  EXPECT_EQ(from->from_checkpoint, 15);
  EXPECT_EQ(from->entries, 2);
  EXPECT_EQ(from->head.seq, 16);
  EXPECT_EQ(from->head.hash, store_->Head()->hash);

  auto earlier = store_->VerifyFrom(9);
  ASSERT_TRUE(earlier);
  EXPECT_TRUE(earlier->ok()) << earlier->problems[0];
  EXPECT_EQ(earlier->from_checkpoint, 5);
  EXPECT_EQ(earlier->checkpoints, 3);  // 5, then 10 and 15 against the digest moved from 5

  auto none = store_->VerifyFrom(4);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(none.error().msg.code, "journal.no_checkpoint");
}

// Current rows are hashed from SQLite's columns without building their JSON first: text that
// JSON escapes, or that is not ASCII, must hash as the journal's image does.
TEST_P(JournalCheckpointTest, RowsWithTextThatJsonEscapesVerify) {
  a_.title = "quote \" backslash \\ newline \n tab \t bell \x07 del \x7f 日本語";
  ASSERT_TRUE(AddTask(a_));
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(AddTask(b_));  // 17 18 19 [20]
  auto full = store_->Verify();
  ASSERT_TRUE(full);
  EXPECT_TRUE(full->ok()) << full->problems[0];
  auto from = store_->VerifyFrom(20);
  ASSERT_TRUE(from);
  EXPECT_TRUE(from->ok()) << from->problems[0];
  Sql("UPDATE incidents SET data = replace(data, 'bell', 'bel') WHERE id = 'INC-2026-0001'");
  EXPECT_FALSE(store_->Verify()->ok());
}

// The recorded state is the sum of every journaled row's hash: the same sum over the tables.
TEST_P(JournalCheckpointTest, TheCheckpointRecordsTheSumOfTheRows) {
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(AddTask(a_));  // 17 18 19 [20]
  StateDigest sum;
  for (const std::string& table : JournaledTables()) {
    auto rows = store_->Read(table);
    ASSERT_TRUE(rows);
    for (const auto& [id, row] : *rows) sum.Add(RowHash(table, id, row));
  }
  auto cp = store_->ReadJournal({.after_seq = 19, .limit = 1});
  ASSERT_TRUE(cp && cp->size() == 1);
  ASSERT_EQ((*cp)[0].action, kCheckpointAction);
  auto recorded = StateDigest::FromJson(nlohmann::json::parse((*cp)[0].body)["state"]);
  ASSERT_TRUE(recorded);
  EXPECT_EQ(recorded->Hex(), sum.Hex());
  EXPECT_EQ(recorded->rows(), sum.rows());
}

// A database from before checkpoints has no state row: the first checkpoint sums the tables.
TEST_P(JournalCheckpointTest, AMissingStateRowIsSummedAgain) {
  Sql("DELETE FROM journal_state");
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(AddTask(b_));  // 17 18 19 [20] 21
  auto full = store_->Verify();
  ASSERT_TRUE(full);
  EXPECT_TRUE(full->ok()) << full->problems[0];
  EXPECT_EQ(full->checkpoints, 4);
  auto from = store_->VerifyFrom(20);
  ASSERT_TRUE(from);
  EXPECT_TRUE(from->ok()) << from->problems[0];
}

// Each tampering made outside sokuo, and what the full verification and the one from a
// checkpoint say of it.
TEST_P(JournalCheckpointTest, EveryTamperingIsFoundFromTheStartAndFromACheckpoint) {
  struct Case {
    const char* name;
    std::function<void(JournalCheckpointTest&)> tamper;
    int64_t from;           // VerifyFrom(from)
    const char* full_code;  // a problem the full verification names
    const char* from_code;  // a problem the verification from the checkpoint names
  };
  const Case cases[] = {
      {"row no entry since the checkpoint changed, edited",
       [](auto& t) { t.Sql("UPDATE people SET email = 'x@evil.example' WHERE id = 'p-suzuki'"); },
       100, "journal.row_altered", "journal.state_differs"},
      {"row a later entry changed, edited",
       [](auto& t) {
         t.Sql(
             "UPDATE incident_records SET data = replace(data, '\"t6\"', '\"tX\"') "
             "WHERE id = 'INC-2026-0002/task/000006'");
       },
       100, "journal.row_altered", "journal.row_altered"},
      {"row inserted",
       [](auto& t) {
         t.Sql("INSERT INTO holidays (id, position, name) VALUES ('2026-12-31', 9, 'x')");
       },
       100, "journal.row_unwritten", "journal.state_differs"},
      {"row deleted", [](auto& t) { t.Sql("DELETE FROM people WHERE id = 'p-suzuki'"); }, 100,
       "journal.row_missing", "journal.state_differs"},
      {"checkpoint entry edited",
       [](auto& t) {
         t.Sql("UPDATE journal SET body = replace(body, '\"rows\":', '\"rows\":1') WHERE seq = 15");
       },
       100, "journal.hash_mismatch", "journal.hash_mismatch"},
      {"checkpoint digest altered and the chain rewritten after it",
       [](auto& t) {
         t.RewriteChain(15, [](JournalEntry& e) {
           auto body = nlohmann::json::parse(e.body);
           std::string digest = body["state"]["digest"];
           digest[63] = digest[63] == '0' ? '1' : '0';
           body["state"]["digest"] = digest;
           e.body = CanonicalJson(body);
         });
       },
       100, "journal.checkpoint_mismatch", "journal.state_differs"},
      {"checkpoint row count altered and the chain rewritten after it",
       [](auto& t) {
         t.RewriteChain(10, [](JournalEntry& e) {
           auto body = nlohmann::json::parse(e.body);
           body["state"]["rows"] = body["state"]["rows"].get<int64_t>() + 1;
           e.body = CanonicalJson(body);
         });
       },
       10, "journal.checkpoint_mismatch", "journal.checkpoint_mismatch"},
      {"tail after the checkpoint truncated",
       [](auto& t) { t.Sql("DELETE FROM journal WHERE seq = 16"); }, 100, "journal.row_unwritten",
       "journal.state_differs"},
      {"entry after the checkpoint removed",
       [](auto& t) { t.Sql("DELETE FROM journal WHERE seq = 12"); }, 10, "journal.bad_sequence",
       "journal.bad_sequence"},
      {"entry after the checkpoint edited",
       [](auto& t) { t.Sql("UPDATE journal SET actor = 'x' WHERE seq = 16"); }, 100,
       "journal.hash_mismatch", "journal.hash_mismatch"},
      // The row is overwritten by sokuo afterwards, so its current content matches the journal:
      // only the image the later entry says it replaced shows the edit.
      {"row edited, then changed by sokuo",
       [](auto& t) {
         t.Sql(
             "UPDATE incident_records SET data = replace(data, '\"t5\"', '\"tX\"') "
             "WHERE id = 'INC-2026-0001/task/000005'");
         t.a_.tasks[4].status = core::TaskStatus::kDone;
         ASSERT_TRUE(t.Save(t.a_));  // 17
       },
       100, "journal.row_replaced_altered", "journal.state_differs"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    TearDown();
    SetUp();
    c.tamper(*this);
    auto full = store_->Verify();
    ASSERT_TRUE(full) << full.error().ToString();
    EXPECT_FALSE(full->ok());
    EXPECT_THAT(Codes(*full), ::testing::Contains(c.full_code));
    auto from = store_->VerifyFrom(c.from);
    ASSERT_TRUE(from) << from.error().ToString();
    EXPECT_FALSE(from->ok());
    EXPECT_THAT(Codes(*from), ::testing::Contains(c.from_code));
  }
}

// The streaming verification finds what the in-memory reference finds, problem for problem
// (the reference knows nothing of checkpoints: what it does not check is left out).
TEST_P(JournalCheckpointTest, StreamingAgreesWithTheReference) {
  const char* tampering[] = {
      "",
      "UPDATE people SET email = 'x@evil.example' WHERE id = 'p-suzuki'",
      "DELETE FROM people WHERE id = 'p-suzuki'",
      "INSERT INTO holidays (id, position, name) VALUES ('2026-12-31', 9, 'x')",
      "UPDATE journal SET actor = 'x' WHERE seq = 7",
      "DELETE FROM journal WHERE seq = 16",
      "DELETE FROM journal WHERE seq = 3",
      "UPDATE incident_records SET data = replace(data, '\"t2\"', '\"tX\"')",
  };
  for (const char* sql : tampering) {
    SCOPED_TRACE(sql);
    TearDown();
    SetUp();
    if (*sql != '\0') Sql(sql);
    auto streamed = store_->Verify();
    ASSERT_TRUE(streamed);
    auto entries = store_->ReadJournal({.after_seq = 0, .limit = 1000});
    ASSERT_TRUE(entries);
    Tables actual;
    for (const std::string& table : JournaledTables()) actual[table] = *store_->Read(table);
    VerifyReport reference = VerifyJournal(*entries, actual, JournaledTables());
    auto rendered = [](const VerifyReport& r) {
      std::vector<std::string> out;
      for (const Message& m : r.problems) {
        if (!m.code.starts_with("journal.checkpoint_")) out.push_back(Render(m, Lang::kEn));
      }
      std::sort(out.begin(), out.end());
      return out;
    };
    EXPECT_EQ(rendered(*streamed), rendered(reference));
    if (std::none_of(streamed->problems.begin(), streamed->problems.end(),
                     [](const Message& m) { return m.code.starts_with("journal.checkpoint_"); })) {
      EXPECT_EQ(streamed->first_bad_seq, reference.first_bad_seq);
    }
    EXPECT_EQ(streamed->entries, reference.entries);
    EXPECT_EQ(streamed->head.hash, reference.head.hash);
  }
}

// A body that is not canonical (a rewritten chain hashed over its parsed form) is parsed, not
// read as text: it verifies when its rows hold, and what it says of a row still counts.
TEST_P(JournalCheckpointTest, BodiesNotWrittenCanonicallyAreParsed) {
  RewriteChain(16, [](JournalEntry& e) { e.body = nlohmann::json::parse(e.body).dump(1); });
  auto full = store_->Verify();
  ASSERT_TRUE(full);
  EXPECT_TRUE(full->ok()) << full->problems[0];
  auto from = store_->VerifyFrom(100);
  ASSERT_TRUE(from);
  EXPECT_TRUE(from->ok()) << from->problems[0];

  RewriteChain(16, [](JournalEntry& e) {
    auto body = nlohmann::json::parse(e.body);
    for (auto& c : body["changes"]) {
      if (c.contains("row") && c["row"].contains("data")) c["row"]["data"] = "{}";
    }
    e.body = body.dump(1);
  });
  auto altered = store_->Verify();
  ASSERT_TRUE(altered);
  EXPECT_THAT(Codes(*altered), ::testing::Contains("journal.row_altered"));
}

INSTANTIATE_TEST_SUITE_P(Engines, JournalCheckpointTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), EngineName);

// IsCanonicalJson reads text as its own: it may turn canonical text down, but what it accepts
// must be exactly what CanonicalJson writes for that text's JSON.
TEST(CanonicalJsonTest, AcceptsOnlyWhatCanonicalJsonWrites) {
  struct Case {
    const char* text;
    bool canonical;  // as IsCanonicalJson answers
  };
  const Case cases[] = {
      {R"({})", true},
      {R"([])", true},
      {R"({"a":1,"b":[true,false,null],"c":{"d":"e"}})", true},
      {R"({"b":1,"a":2})", false},  // unsorted
      {R"({"a":1,"a":2})", false},  // duplicate
      {R"({"a": 1})", false},       // whitespace
      {R"({"a":1} )", false},
      {R"({"a":01})", false},
      {R"({"a":-0})", false},
      {R"({"a":-1})", true},
      {R"({"a":18446744073709551615})", true},
      {R"({"a":18446744073709551616})", false},  // parsed as a float
      {R"({"a":-9223372036854775808})", true},
      {R"({"a":-9223372036854775809})", false},
      {R"({"a":1.5})", false},  // floats: turned down, though canonical
      {R"({"a":1e3})", false},
      {R"(["\"\\\b\f\n\r\t"])", true},
      {R"(["\u0001\u001f"])", true},
      {R"(["\u001F"])", false},  // upper-case hex
      {R"(["\u000a"])", false},  // dump writes \n
      {R"(["\u0041"])", false},
      {R"(["\/"])", false},
      {"[\"\x7f\"]", true},
      {"[\"\x01\"]", false},  // raw control character
      {"[\"日本語\"]", true},
      {"[\"\xc3\x28\"]", false},          // invalid UTF-8
      {"[\"\xed\xa0\x80\"]", false},      // a surrogate
      {"[\"\xf4\x90\x80\x80\"]", false},  // past U+10FFFF
      {"[\"\xe0\x80\xaf\"]", false},      // overlong
      {R"({"a\"":1})", false},            // an escaped key: turned down
      {R"("text")", true},
      {R"(tru)", false},
      {R"({"a":1,})", false},
      {R"([1,])", false},
      {R"({"a")", false},
      {R"(["a)", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(IsCanonicalJson(c.text), c.canonical);
    if (c.canonical) {
      EXPECT_EQ(CanonicalJson(nlohmann::json::parse(c.text)), c.text);
    }
  }
  std::string deep = std::string(200, '[') + std::string(200, ']');
  EXPECT_FALSE(IsCanonicalJson(deep));

  // Every one-byte change of canonical text: accepted only when still canonical.
  nlohmann::json row = nlohmann::json::object();
  row["data"] = "q\"\\\n\x01日";
  row["n"] = -12;
  nlohmann::json change = nlohmann::json::object();
  change["id"] = "x/1";
  change["row"] = row;
  change["table"] = "t";
  nlohmann::json body = nlohmann::json::object();
  body["changes"] = nlohmann::json::array({change});
  body["note"] = nullptr;
  const std::string base = CanonicalJson(body);
  ASSERT_TRUE(IsCanonicalJson(base));
  const char bytes[] = {'"', '\\', ',', ':', '{', '}',    '[',   ']',
                        ' ', '0',  '-', 'a', 'u', '\x01', '\xe6'};
  for (size_t i = 0; i < base.size(); ++i) {
    for (char b : bytes) {
      std::string text = base;
      text[i] = b;
      if (!IsCanonicalJson(text)) continue;
      auto parsed = nlohmann::json::parse(text, nullptr, false);
      ASSERT_FALSE(parsed.is_discarded()) << text;
      EXPECT_EQ(CanonicalJson(parsed), text);
    }
  }
}

// Long strings, which the reader takes 64 bytes at a time: random text (escapes, runs of
// backslashes, control characters, Japanese, invalid UTF-8) written canonically, half of it then
// changed by a byte, in an object so that text follows the string. Accepted exactly when it is
// what CanonicalJson writes.
TEST(CanonicalJsonTest, LongStringsAreReadExactly) {
  std::mt19937 random(20261128);
  const std::vector<std::string> pieces = {"a",    "Z",    " ",        "{",    ":",    "\"",
                                           "\\",   "\\\\", "\n",       "\t",   "\x01", "\x1f",
                                           "\x7f", "日",   "\xc3\xa9", "\\\"", "u",    "0"};
  const std::string bytes = std::string("\"\\nu01fa \x01\x1f\x7f\xc3\xe6\xff", 15);
  // Each escape across the end of the first and of the second block.
  for (size_t before = 55; before < 140; ++before) {
    for (const char* escape : {"\\\\", "\\\"", "\\n", "\\u0001", "\\x", "\\u000a", "\\\\\\\""}) {
      std::string text = "[\"" + std::string(before, 'a') + escape + std::string(80, 'b') + "\"]";
      auto parsed = nlohmann::json::parse(text, nullptr, false);
      SCOPED_TRACE(text);
      ASSERT_EQ(IsCanonicalJson(text), !parsed.is_discarded() && CanonicalJson(parsed) == text);
    }
  }
  int accepted = 0, refused = 0;
  for (int round = 0; round < 4000; ++round) {
    // A third only text and quotes, which the reader crosses in whole blocks; a third with
    // backslashes too.
    size_t kinds = round % 3 == 0 ? 6 : round % 3 == 1 ? 7 : pieces.size();
    std::string value;
    size_t length = random() % 300;
    while (value.size() < length) value += pieces[random() % kinds];
    std::string text = "{\"a\":" + CanonicalJson(nlohmann::json(value)) + ",\"b\":1}";
    if (random() % 2 == 0 && text.size() > 12) {
      size_t at = 5 + random() % (text.size() - 12);
      switch (random() % 3) {
        case 0:
          text[at] = bytes[random() % bytes.size()];
          break;
        case 1:
          text.insert(text.begin() + static_cast<std::ptrdiff_t>(at),
                      bytes[random() % bytes.size()]);
          break;
        default:
          text.erase(at, 1);
      }
    }
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    bool canonical = !parsed.is_discarded() && CanonicalJson(parsed) == text;
    SCOPED_TRACE(text);
    ASSERT_EQ(IsCanonicalJson(text), canonical);
    (canonical ? accepted : refused) += 1;
  }
  EXPECT_GT(accepted, 1000);
  EXPECT_GT(refused, 1000);
}

TEST(CanonicalJsonTest, StringsAreWrittenAsDumpWritesThem) {
  const std::string cases[] = {"",
                               "plain",
                               "quote \" backslash \\ slash /",
                               std::string("nul \0 bell", 10) + " \x07 esc \x1b del \x7f",
                               "\b\f\n\r\t",
                               "日本語 ✓ 😀",
                               "invalid \xc3\x28 and \xff",
                               "cut \xe6\x97"};
  for (const std::string& s : cases) {
    std::string out = "prefix";
    AppendCanonicalString(out, s);
    EXPECT_EQ(out, "prefix" + CanonicalJson(nlohmann::json(s)));
  }
}

}  // namespace
}  // namespace sokuo::store
