// The CLI as an operator uses it: real binary, real SQLite file in a temporary data directory.
#include <netinet/in.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/message.h"
#include "base/time.h"
#include "core/organization.h"
#include "integration/process.h"
#include "orgfile/org_file.h"

namespace sokuo::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sokuo-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    data_ = (dir_ / "data").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Outcome Sokuo(std::vector<std::string> args) {
    args.insert(args.begin(), {SOKUO_BINARY, "--data", data_});
    return RunSokuo(args, dir_);
  }
  std::string Example() const { return std::string(SOKUO_SOURCE_DIR) + "/examples/org.yaml"; }
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }
  // The report of a `journal verify --json` that found something (exit 5).
  nlohmann::json FailedVerifyReport() {
    Outcome json = Sokuo({"--json", "journal", "verify"});
    EXPECT_EQ(json.exit_code, 5);
    return nlohmann::json::parse(json.out.substr(0, json.out.find("\n}\n") + 2));
  }

  std::filesystem::path dir_;
  std::string data_;
};

TEST_F(CliTest, InitImportsTheExampleAndExportRoundTrips) {
  Outcome init = Sokuo({"init", "--org", Example()});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_THAT(init.out, HasSubstr("imported (journal entry 1)"));
  EXPECT_THAT(init.out, HasSubstr("people: 32 added"));

  Outcome exported = Sokuo({"org", "export"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  auto original = orgfile::Parse(Slurp(Example()), "example");
  auto back = orgfile::Parse(exported.out, "export");
  ASSERT_TRUE(original && back);
  EXPECT_EQ(*back, *original);

  std::string path = Write("exported.yaml", exported.out);
  Outcome again = Sokuo({"org", "import", path});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("no changes"));
  EXPECT_EQ(Sokuo({"org", "export"}).out, exported.out);
}

TEST_F(CliTest, ReimportOfAnEditedFileJournalsTheChange) {
  ASSERT_EQ(Sokuo({"init", "--org", Example()}).exit_code, 0);
  std::string text = Slurp(Example());
  std::string from = "    title: 営業担当\n";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(), "    title: 営業主任\n");
  Outcome r = Sokuo({"--as", "p-mori", "org", "import", Write("edited.yaml", text)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("people: 0 added, 1 updated, 0 removed"));
  Outcome list = Sokuo({"--json", "journal", "list", "--subject", "org"});
  auto entries = nlohmann::json::parse(list.out)["items"];
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1]["actor"], "p-mori");
  EXPECT_EQ(entries[1]["body"]["changes"][0]["row"]["title"], "営業主任");
  EXPECT_EQ(Sokuo({"journal", "verify"}).exit_code, 0);
}

TEST_F(CliTest, ABrokenFileReportsEveryProblemAndChangesNothing) {
  ASSERT_EQ(Sokuo({"init", "--org", Example()}).exit_code, 0);
  std::string head = Sokuo({"journal", "head"}).out;
  std::string broken = Write("broken.yaml",
                             "company: {name: X, time_zone: Asia/Tokio}\n"
                             "departments:\n"
                             "  - {id: it, name: IS, kind: it, head: p-nobody}\n"
                             "people:\n"
                             "  - {id: p-a, name: A, department: it, favourite: tea}\n");
  Outcome validate = Sokuo({"org", "validate", broken});
  EXPECT_EQ(validate.exit_code, 1);
  EXPECT_THAT(validate.err, HasSubstr("broken.yaml:1:31: unknown time zone 'Asia/Tokio'"));
  EXPECT_THAT(validate.err, HasSubstr("broken.yaml:3:40: unknown person 'p-nobody'"));
  EXPECT_THAT(validate.err, HasSubstr("broken.yaml:5:40: unknown key 'favourite'"));
  EXPECT_THAT(validate.err, HasSubstr("no committee chair"));
  EXPECT_THAT(validate.err, HasSubstr("no department of kind 'committee'"));

  Outcome import = Sokuo({"--json", "org", "import", broken});
  EXPECT_EQ(import.exit_code, 1);
  auto problem = nlohmann::json::parse(import.out);
  EXPECT_EQ(problem["status"], 400);
  EXPECT_EQ(problem["errors"].size(), 5u);
  EXPECT_EQ(Sokuo({"journal", "head"}).out, head);
  EXPECT_THAT(Sokuo({"org", "show"}).out, HasSubstr("株式会社あさぎ野精機"));
}

// Someone with the sqlite3 shell edits the database; verify must notice and say where.
TEST_F(CliTest, JournalVerifyCatchesTampering) {
  ASSERT_EQ(Sokuo({"init", "--org", Example()}).exit_code, 0);
  std::string text = Slurp(Example());
  text.replace(text.find("rto_hours: 8\n    rpo_hours: 1\n    backup: {method: DBレプリカ"), 12,
               "rto_hours: 6");
  ASSERT_EQ(Sokuo({"org", "import", Write("v2.yaml", text)}).exit_code, 0);
  ASSERT_EQ(Sokuo({"journal", "verify"}).exit_code, 0);

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((data_ + "/sokuo.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE systems SET tier = 'c' WHERE id = 'ec-site'", nullptr, nullptr,
                         nullptr),
            SQLITE_OK);
  sqlite3_close(db);

  Outcome verify = Sokuo({"journal", "verify"});
  EXPECT_EQ(verify.exit_code, 5);
  EXPECT_THAT(verify.out, HasSubstr("entry 1: row systems/ec-site differs"));
  EXPECT_THAT(verify.err, HasSubstr("journal verification failed at entry 1"));

  nlohmann::json report = FailedVerifyReport();
  EXPECT_EQ(report["ok"], false);
  EXPECT_EQ(report["first_bad_seq"], 1);
}

// `journal verify --from SEQ` starts at a checkpoint (one every 1000 entries); before the first
// there is none to start from (exit 3), and SEQ must be a sequence number (exit 2).
TEST_F(CliTest, JournalVerifyFromNeedsACheckpoint) {
  ASSERT_EQ(Sokuo({"init", "--org", Example()}).exit_code, 0);
  Outcome none = Sokuo({"journal", "verify", "--from", "5"});
  EXPECT_EQ(none.exit_code, 3);
  EXPECT_THAT(none.err, HasSubstr("no checkpoint at or before entry 5"));
  EXPECT_EQ(Sokuo({"journal", "verify", "--from", "0"}).exit_code, 2);
  EXPECT_EQ(Sokuo({"journal", "verify", "--from", "x"}).exit_code, 2);
  Outcome help = Sokuo({"journal", "verify", "--help"});
  EXPECT_THAT(help.out, HasSubstr("--from"));
}

// G4.4.3: an evidence file changed or gone behind sokuo's back fails `journal verify` too, though
// every journal entry still holds.
TEST_F(CliTest, JournalVerifyCatchesChangedAndMissingEvidence) {
  ASSERT_EQ(Sokuo({"init", "--org", Example()}).exit_code, 0);
  Outcome report = Sokuo({"--as", "p-yamada", "incident", "report", "--title", "不審なログイン",
                          "--system", "file-server"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  std::string key = report.out.substr(0, report.out.find(' '));
  for (const char* name : {"auth.log", "secure"}) {
    Outcome added = Sokuo({"--as", "p-fujita", "evidence", "add", key,
                           Write(name, std::string("Failed password for root ") + name + "\n"),
                           "--kind", "access_log"});
    ASSERT_EQ(added.exit_code, 0) << added.err;
  }
  Outcome fine = Sokuo({"journal", "verify"});
  EXPECT_EQ(fine.exit_code, 0) << fine.err;
  EXPECT_THAT(fine.out, HasSubstr("ok: 2 evidence files as recorded (size and SHA-256)"));

  auto shown = nlohmann::json::parse(Sokuo({"--json", "incident", "show", key}).out);
  ASSERT_EQ(shown["evidence"].size(), 2u);
  std::string first = data_ + "/evidence/" + shown["evidence"][0]["sha256"].get<std::string>();
  std::string second = data_ + "/evidence/" + shown["evidence"][1]["sha256"].get<std::string>();
  std::ofstream(first, std::ios::app) << "appended later\n";
  std::filesystem::remove(second);
  Outcome verify = Sokuo({"journal", "verify"});
  EXPECT_EQ(verify.exit_code, 5);
  EXPECT_THAT(verify.out, HasSubstr("evidence #1 of " + key + " (auth.log) no longer matches"));
  EXPECT_THAT(verify.out, HasSubstr("evidence #2 of " + key + " (secure) is missing"));
  EXPECT_THAT(verify.err, HasSubstr("2 evidence files no longer match their records"));
  nlohmann::json body = FailedVerifyReport();
  EXPECT_EQ(body["ok"], false);
  EXPECT_EQ(body["evidence_files"], 2);
  EXPECT_FALSE(body.contains("first_bad_seq"));  // the journal itself holds
}

// G4.4.3 from the terminal: files kept by the SHA-256 that `sha256sum` computes, the same bytes
// once, written back out checked, every reading and hand-over on the chain of custody, the
// legal hold, and disposal only after the incident is over.
TEST_F(CliTest, EvidenceIsKeptReadBackHandedOverHeldAndDisposed) {
  ASSERT_EQ(Sokuo({"init", "--org", Example()}).exit_code, 0);
  Outcome report = Sokuo({"--as", "p-yamada", "incident", "report", "--title", "不審なログイン",
                          "--system", "file-server"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  std::string key = report.out.substr(0, report.out.find(' '));
  std::string log = Write("auth.log", "Nov 26 02:10:00 fs01 sshd[3100]: Accepted password\n");
  // Larger than one piece of the copy (1 MiB), every byte value.
  std::string bytes;
  for (size_t i = 0; i < (size_t{3} << 20) + 17; ++i) bytes.push_back(static_cast<char>(i * 7));
  std::string dump = Write("dump.bin", bytes);
  Outcome added = Sokuo({"--as", "p-fujita", "evidence", "add", key, log, dump, "--kind",
                         "access_log", "--source", "fs01:/var/log/auth.log", "--method", "scp",
                         "--collected-at", "2026-11-26 03:00", "--note", "sshd"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_THAT(added.out, HasSubstr(key + " evidence 2. [access_log] dump.bin  3145745 B"));

  auto listed = nlohmann::json::parse(Sokuo({"--json", "evidence", "list", key}).out);
  ASSERT_EQ(listed.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    Outcome sum = RunSokuo({"/usr/bin/sha256sum", i == 0 ? log : dump}, dir_);
    ASSERT_EQ(sum.exit_code, 0) << sum.err;
    EXPECT_EQ(listed[i]["sha256"], sum.out.substr(0, 64));
    EXPECT_EQ(listed[i]["source_host"], "fs01");
    EXPECT_EQ(listed[i]["source_path"], "/var/log/auth.log");
    EXPECT_EQ(listed[i]["collected_by"], "p-fujita");
    EXPECT_EQ(listed[i]["collected_at"], "2026-11-25T18:00:00Z");  // 03:00 in Tokyo
  }
  // The same bytes again: a second record, one stored file; no temporary file stays behind.
  ASSERT_EQ(
      Sokuo({"--as", "p-fujita", "evidence", "add", key, log, "--name", "again.log"}).exit_code, 0);
  auto stored = [&] {
    size_t n = 0;
    for (const auto& f : std::filesystem::directory_iterator(data_ + "/evidence")) {
      (void)f;
      ++n;
    }
    return n;
  };
  EXPECT_EQ(stored(), 2u);
  // Too large for the limit: refused, nothing kept.
  Outcome big = Sokuo({"--evidence-limit", "1", "--as", "p-fujita", "evidence", "add", key, dump});
  EXPECT_EQ(big.exit_code, 1);
  EXPECT_THAT(big.err, HasSubstr("too large (at most 1048576 bytes)"));
  EXPECT_EQ(stored(), 2u);
  EXPECT_EQ(Sokuo({"--as", "p-fujita", "evidence", "add", key, Write("empty", "")}).exit_code, 1);
  EXPECT_EQ(Sokuo({"--as", "p-fujita", "evidence", "add", key, "no-such-file"}).exit_code, 3);

  // Read back, checked; an existing file is not overwritten without --force.
  std::string out = (dir_ / "copy.bin").string();
  Outcome got =
      Sokuo({"--as", "p-mori", "evidence", "get", key, "2", "-o", out, "--purpose", "解析"});
  ASSERT_EQ(got.exit_code, 0) << got.err;
  EXPECT_EQ(Slurp(out), bytes);
  EXPECT_EQ(Sokuo({"evidence", "get", key, "2", "-o", out}).exit_code, 4);
  Outcome piped = Sokuo({"evidence", "get", key, "1", "-o", "-"});
  EXPECT_EQ(piped.out, Slurp(log));
  EXPECT_EQ(Sokuo({"evidence", "get", key, "9", "-o", (dir_ / "none").string()}).exit_code, 3);

  // Custody: hand-over and return, once each.
  EXPECT_EQ(Sokuo({"--as", "p-fujita", "evidence", "hand-over", key, "2", "--to",
                   "警視庁 サイバー犯罪対策課", "--purpose", "捜査", "--at", "2026-11-26 10:00"})
                .exit_code,
            0);
  EXPECT_EQ(Sokuo({"--as", "p-fujita", "evidence", "hand-over", key, "2", "--to", "x"}).exit_code,
            4);
  EXPECT_EQ(Sokuo({"--as", "p-fujita", "evidence", "return", key, "1"}).exit_code, 4);
  auto shown = nlohmann::json::parse(Sokuo({"--json", "incident", "show", key}).out);
  nlohmann::json custody = shown["evidence"][1]["custody"];
  ASSERT_EQ(custody.size(), 2u) << custody.dump();
  EXPECT_EQ(custody[0]["action"], "exported");  // written out of sokuo
  EXPECT_EQ(custody[0]["by"], "p-mori");
  EXPECT_EQ(custody[0]["purpose"], "解析");
  EXPECT_EQ(custody[1]["action"], "handed_over");
  EXPECT_EQ(custody[1]["to"], "警視庁 サイバー犯罪対策課");

  // Disposal waits for the end of the incident, the return of the file and the legal hold.
  Outcome open = Sokuo({"--as", "p-mori", "evidence", "dispose", key, "1", "--reason", "x"});
  EXPECT_EQ(open.exit_code, 4);
  EXPECT_THAT(open.err, HasSubstr("is still open"));
  ASSERT_EQ(Sokuo({"--as", "p-mori", "incident", "triage", key, "--dismiss", "--reason", "誤検知"})
                .exit_code,
            0);
  ASSERT_EQ(Sokuo({"--as", "p-mori", "evidence", "hold", key, "--reason", "警察の捜査"}).exit_code,
            0);
  Outcome held = Sokuo({"--as", "p-mori", "evidence", "dispose", key, "2", "--reason", "x"});
  EXPECT_EQ(held.exit_code, 4);
  EXPECT_THAT(held.err, HasSubstr("legal hold"));
  EXPECT_THAT(held.err, HasSubstr("not yet returned"));
  EXPECT_EQ(Sokuo({"--as", "p-fujita", "evidence", "return", key, "2"}).exit_code, 0);
  EXPECT_EQ(Sokuo({"--as", "p-mori", "evidence", "release", key, "--reason", "捜査終了"}).exit_code,
            0);
  // Evidence 1 and 3 share their bytes: disposing of one keeps the file for the other.
  Outcome disposed =
      Sokuo({"--as", "p-mori", "evidence", "dispose", key, "1", "--reason", "保存期間の満了"});
  ASSERT_EQ(disposed.exit_code, 0) << disposed.err;
  EXPECT_EQ(stored(), 2u);
  ASSERT_EQ(
      Sokuo({"--as", "p-mori", "evidence", "dispose", key, "3", "--reason", "同上"}).exit_code, 0);
  EXPECT_EQ(stored(), 1u);
  EXPECT_EQ(Sokuo({"evidence", "get", key, "1", "-o", (dir_ / "gone.log").string()}).exit_code, 3);
  EXPECT_EQ(Sokuo({"--as", "p-mori", "evidence", "dispose", key, "1", "--reason", "x"}).exit_code,
            4);
  Outcome verified = Sokuo({"evidence", "verify", key});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  EXPECT_THAT(verified.out, HasSubstr("1. [access_log] auth.log"));
  EXPECT_THAT(verified.out, HasSubstr("disposed of"));
  EXPECT_EQ(Sokuo({"journal", "verify"}).exit_code, 0);

  // A stored file changed behind sokuo's back: verify names it, and get writes nothing.
  std::string blob = data_ + "/evidence/" + listed[1]["sha256"].get<std::string>();
  std::ofstream(blob, std::ios::app) << "x";
  Outcome changed = Sokuo({"evidence", "verify"});
  EXPECT_EQ(changed.exit_code, 5);
  EXPECT_THAT(changed.out, HasSubstr(key + " 2. [access_log] dump.bin"));
  EXPECT_THAT(changed.out, HasSubstr("no longer matches its record"));
  // With --json: the files found, then the problem document.
  std::string both = Sokuo({"--json", "evidence", "verify"}).out;
  auto json = nlohmann::json::parse(both.substr(0, both.find("\n}\n") + 2));
  EXPECT_EQ(json["ok"], false);
  EXPECT_EQ(json["files"][1]["state"], "changed");
  std::string copy2 = (dir_ / "copy2.bin").string();
  EXPECT_EQ(Sokuo({"evidence", "get", key, "2", "-o", copy2}).exit_code, 5);
  EXPECT_FALSE(std::filesystem::exists(copy2));
  std::filesystem::remove(blob);
  Outcome gone = Sokuo({"evidence", "verify", key});
  EXPECT_EQ(gone.exit_code, 5);
  EXPECT_THAT(gone.out, HasSubstr("cannot be read"));
}

// G5: the emergency binder is one file with nothing to fetch, names every committee member and
// every tier-a system of the example, renders in Chromium with networking off, and prints.
TEST_F(CliTest, TheEmergencyBinderIsOneFileThatRendersOfflineAndPrints) {
  ASSERT_EQ(Sokuo({"init", "--org", Example()}).exit_code, 0);
  std::string html = (dir_ / "binder.html").string();
  Outcome made = Sokuo({"--lang", "ja", "binder", "export", html});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  std::string text = Slurp(html);
  EXPECT_THAT(text, Not(HasSubstr("src=")));
  EXPECT_THAT(text, Not(HasSubstr("href=")));
  auto org = orgfile::Parse(Slurp(Example()), "example");
  ASSERT_TRUE(org);
  std::vector<std::string> names;
  for (const core::RoleAssignment& r : org->roles) {
    if (r.role != core::RoleKind::kCommitteeChair && r.role != core::RoleKind::kCommitteeMember) {
      continue;
    }
    names.push_back(org->FindPerson(r.person)->name);
  }
  for (const core::InfoSystem& s : org->systems) {
    if (s.tier == core::Tier::kA) names.push_back(s.name);
  }
  ASSERT_GE(names.size(), 4u);
  for (const std::string& n : names) EXPECT_THAT(text, HasSubstr(n));
  std::string head = Sokuo({"journal", "head"}).out;
  EXPECT_THAT(text, HasSubstr(head.substr(head.find(' ') + 1, 64)));

  if (!std::filesystem::exists("/usr/bin/chromium")) {
    GTEST_SKIP() << "no /usr/bin/chromium (scripts/bootstrap installs it): rendering not checked";
  }
  // What Chromium makes of it with every outside address unreachable.
  Outcome dom = RunSokuo({"/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                          "--proxy-server=127.0.0.1:9", "--user-data-dir=" + (dir_ / "p").string(),
                          "--dump-dom", "file://" + html},
                         dir_);
  ASSERT_EQ(dom.exit_code, 0) << dom.err;
  for (const std::string& n : names) EXPECT_THAT(dom.out, HasSubstr(n));
  Outcome pdf = Sokuo({"--lang", "ja", "binder", "export", html, "--pdf"});
  ASSERT_EQ(pdf.exit_code, 0) << pdf.err;
  std::string printed = (dir_ / "binder.pdf").string();
  ASSERT_TRUE(std::filesystem::exists(printed));
  if (!std::filesystem::exists("/usr/bin/pdftotext")) {
    GTEST_SKIP() << "no /usr/bin/pdftotext (poppler-utils): the PDF's text not checked";
  }
  Outcome words = RunSokuo({"/usr/bin/pdftotext", "-layout", printed, "-"}, dir_);
  ASSERT_EQ(words.exit_code, 0) << words.err;
  EXPECT_THAT(words.out, HasSubstr("緊急時バインダー"));
  EXPECT_THAT(words.out, HasSubstr(names[0]));
  Outcome pages = RunSokuo({"/usr/bin/pdfinfo", printed}, dir_);
  EXPECT_THAT(pages.out, HasSubstr("Pages:"));
}

// G4.3.2c: one ZIP for an agency whose manifest matches what it holds, the report printed to a
// PDF that names the incident, and the facts an agency's form asks for.
TEST_F(CliTest, AnAgencyGetsOneArchiveAndTheReportPrints) {
  ASSERT_EQ(Sokuo({"init", "--org", Example()}).exit_code, 0);
  Outcome report = Sokuo({"--as", "p-yamada", "incident", "report", "--title",
                          "顧客情報の流出の疑い", "--system", "file-server"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  std::string key = report.out.substr(0, report.out.find(' '));
  std::string log = Write("auth.log", "Nov 26 02:10:00 fs01 sshd[3100]: Accepted password\n");
  std::string shot = Write("画面.png", std::string(70000, '\x89'));
  ASSERT_EQ(Sokuo({"--as", "p-fujita", "evidence", "add", key, log, shot}).exit_code, 0);

  std::string zip = (dir_ / "for-ipa.zip").string();
  Outcome exported = Sokuo({"--as", "p-fujita", "evidence", "export", key, zip, "--to", "IPA"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_THAT(exported.err, HasSubstr("2 evidence files, for IPA"));
  std::filesystem::path unpacked = dir_ / "unpacked";
  Outcome unzip = RunSokuo({"/usr/bin/unzip", "-q", zip, "-d", unpacked.string()}, dir_);
  ASSERT_EQ(unzip.exit_code, 0) << unzip.err;
  auto manifest = nlohmann::json::parse(Slurp((unpacked / "manifest.json").string()));
  EXPECT_EQ(manifest["incident"], key);
  EXPECT_EQ(manifest["to"], "IPA");
  std::string head = Sokuo({"journal", "head"}).out;
  EXPECT_EQ(manifest["journal"]["hash"], head.substr(head.find(' ') + 1, 64));
  ASSERT_EQ(manifest["files"].size(), 2u);
  for (const auto& f : manifest["files"]) {
    std::string path = (unpacked / f["path"].get<std::string>()).string();
    Outcome sum = RunSokuo({"/usr/bin/sha256sum", path}, dir_);
    ASSERT_EQ(sum.exit_code, 0) << sum.err;
    EXPECT_EQ(sum.out.substr(0, 64), f["sha256"]) << path;
    EXPECT_EQ(std::filesystem::file_size(path), f["bytes"].get<uint64_t>()) << path;
    EXPECT_EQ(f["custody"].back()["action"], "exported");
    EXPECT_EQ(f["custody"].back()["to"], "IPA");
  }
  EXPECT_EQ(Slurp((unpacked / "evidence" / "2-画面.png").string()), Slurp(shot));
  EXPECT_THAT(Slurp((unpacked / "report.html").string()), HasSubstr(key));
  // Never over an existing file; an unknown id and a missing receiver are refused.
  EXPECT_EQ(Sokuo({"--as", "p-fujita", "evidence", "export", key, zip, "--to", "IPA"}).exit_code,
            4);
  std::string other = (dir_ / "other.zip").string();
  EXPECT_EQ(Sokuo({"--as", "p-fujita", "evidence", "export", key, other, "--to", "x", "--id", "9"})
                .exit_code,
            3);
  EXPECT_EQ(Sokuo({"--as", "p-fujita", "evidence", "export", key, other}).exit_code, 2);
  // A stored file changed behind sokuo's back: no archive, and the custody does not say it went.
  std::string blob = data_ + "/evidence/" + manifest["files"][0]["sha256"].get<std::string>();
  std::ofstream(blob, std::ios::app) << "x";
  Outcome changed = Sokuo({"--as", "p-fujita", "evidence", "export", key, other, "--to", "警察"});
  EXPECT_EQ(changed.exit_code, 5) << changed.err;
  EXPECT_FALSE(std::filesystem::exists(other));
  auto shown = nlohmann::json::parse(Sokuo({"--json", "incident", "show", key}).out);
  EXPECT_EQ(shown["evidence"][0]["custody"].size(), 1u);

  // The regulator's form: the record's facts in its order, the empty fields counted.
  Outcome form = Sokuo({"incident", "form", key, "ppc"});
  ASSERT_EQ(form.exit_code, 0) << form.err;
  EXPECT_THAT(form.out, HasSubstr("Reporter (the business's name): "));
  EXPECT_LT(form.out.find("(1) Outline: date it occurred"), form.out.find("(4) Cause"));
  EXPECT_THAT(form.out, HasSubstr("(3) Number of persons: (not in the record: to be filled in)"));
  EXPECT_THAT(form.err, HasSubstr("fields are not in the record"));
  EXPECT_EQ(Sokuo({"incident", "form", key, "fbi"}).exit_code, 2);
  EXPECT_EQ(Sokuo({"incident", "form", "INC-2026-9999", "ipa"}).exit_code, 3);

  std::string html = (dir_ / "report.html").string();
  if (!std::filesystem::exists("/usr/bin/chromium") ||
      !std::filesystem::exists("/usr/bin/pdftotext")) {
    GTEST_SKIP() << "no /usr/bin/chromium or /usr/bin/pdftotext (scripts/bootstrap installs "
                    "them): the PDF not checked";
  }
  Outcome printed = Sokuo({"--lang", "ja", "incident", "print", key, html, "--pdf"});
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  Outcome words =
      RunSokuo({"/usr/bin/pdftotext", "-layout", (dir_ / "report.pdf").string(), "-"}, dir_);
  ASSERT_EQ(words.exit_code, 0) << words.err;
  EXPECT_THAT(words.out, HasSubstr(key));
  EXPECT_THAT(words.out, HasSubstr("インシデント報告書"));
  EXPECT_THAT(words.out, HasSubstr("個人情報保護委員会への報告"));
}

TEST_F(CliTest, UsageAndMissingDataHaveTheirExitCodes) {
  EXPECT_EQ(Sokuo({"no-such-command"}).exit_code, 2);
  EXPECT_EQ(Sokuo({"org"}).exit_code, 2);
  Outcome missing = Sokuo({"org", "show"});
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_THAT(missing.err, HasSubstr("run 'sokuo init' first"));
  Outcome no_file = Sokuo({"org", "validate", (dir_ / "nope.yaml").string()});
  EXPECT_EQ(no_file.exit_code, 3);
  ASSERT_EQ(Sokuo({"init", "--org", Example()}).exit_code, 0);
  Outcome bad_actor = Sokuo({"--as", "p-nobody", "org", "import", Example()});
  EXPECT_EQ(bad_actor.exit_code, 2);
  EXPECT_THAT(bad_actor.err, HasSubstr("no person 'p-nobody'"));
  Outcome bad_lang = Sokuo({"--lang", "fr", "org", "show"});
  EXPECT_EQ(bad_lang.exit_code, 2);
  EXPECT_THAT(bad_lang.err, HasSubstr("--lang: ja or en, not 'fr'"));
  Outcome help = RunSokuo({SOKUO_BINARY, "--help"}, dir_);
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("journal"));
}

// The daily virus check is proven by every host's clamscan output, not ticked (G4.1.4, G4.2.5).
TEST_F(CliTest, VirusScansOfEveryHostCompleteTheDailyCheck) {
  ASSERT_EQ(Sokuo({"init", "--org", Example()}).exit_code, 0);
  // A summary without its dates: the scan is dated when it is received.
  std::string clean = Write("scan.txt",
                            "/srv/a.txt: OK\n\n----------- SCAN SUMMARY -----------\n"
                            "Known viruses: 8697412\nEngine version: 1.4.6\n"
                            "Scanned directories: 1\nScanned files: 1\nInfected files: 0\n"
                            "Data scanned: 0.00 MB\nData read: 0.00 MB (ratio 0.00:1)\n"
                            "Time: 0.051 sec (0 m 0 s)\n");
  std::string head = Sokuo({"journal", "head"}).out;
  Outcome garbage = Sokuo({"control", "scan", "--host", "dc01", Write("junk.txt", "hello\n")});
  EXPECT_EQ(garbage.exit_code, 1);
  EXPECT_THAT(garbage.err, HasSubstr("not clamscan output"));
  Outcome unknown = Sokuo({"control", "scan", "--host", "dc1", clean});
  EXPECT_EQ(unknown.exit_code, 3);
  EXPECT_THAT(unknown.err, HasSubstr("dc01"));
  EXPECT_EQ(Sokuo({"control", "scan", clean}).exit_code, 2);  // --host is required
  EXPECT_EQ(Sokuo({"journal", "head"}).out, head);

  const std::vector<std::string> hosts = {"dc01", "dc02", "web01", "web02", "fs01", "fs02"};
  for (size_t i = 0; i + 1 < hosts.size(); ++i) {
    Outcome sent = Sokuo({"control", "scan", "--host", hosts[i], clean});
    ASSERT_EQ(sent.exit_code, 0) << sent.err;
    EXPECT_THAT(sent.out, HasSubstr("recorded the scan " + hosts[i] + "/000001"));
    EXPECT_THAT(sent.out, Not(HasSubstr("is done")));
  }
  auto day = nlohmann::json::parse(Sokuo({"--json", "control", "scans"}).out);
  ASSERT_EQ(day["hosts"].size(), hosts.size());
  EXPECT_EQ(day["missing"], nlohmann::json::array({"fs02"}));
  Outcome listed = Sokuo({"control", "scans"});
  EXPECT_THAT(listed.out, HasSubstr("fs02  no scan"));
  EXPECT_THAT(listed.out, HasSubstr("hosts with no complete scan: fs02"));

  Outcome last = Sokuo({"control", "scan", "--host", "fs02", clean});
  ASSERT_EQ(last.exit_code, 0) << last.err;
  EXPECT_THAT(last.out, HasSubstr("every host has scanned: virus-scan/"));
  EXPECT_THAT(Sokuo({"control", "scans"}).out, HasSubstr("every host has a complete scan"));
  auto history = nlohmann::json::parse(
      Sokuo({"--json", "control", "due", "--all", "--control", "virus-scan"}).out);
  ASSERT_GE(history["items"].size(), 1u);
  EXPECT_EQ(history["items"][0]["done_by"], "system");
  EXPECT_EQ(history["items"][0]["result"], "ok");
  EXPECT_THAT(history["items"][0]["note"].get<std::string>(), HasSubstr("fs02"));
  EXPECT_EQ(Sokuo({"control", "scans", "--day", "2026-13-01"}).exit_code, 2);
  EXPECT_EQ(Sokuo({"journal", "verify"}).exit_code, 0);
}

// A mistyped command is named with the nearest one, in the chosen language, with the usage exit
// code; the words after a command (its options and arguments) are not commands.
TEST_F(CliTest, RoutineControlsAreListedRecordedAndCounted) {
  ASSERT_EQ(Sokuo({"init", "--org", Example()}).exit_code, 0);
  Outcome list = Sokuo({"--json", "control", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  auto controls = nlohmann::json::parse(list.out)["items"];
  ASSERT_EQ(controls.size(), 13u);  // G4.1.1-G4.1.7, G4.2.1-G4.2.5 and the restore test
  for (const auto& c : controls) EXPECT_TRUE(c.contains("next_start")) << c["id"];
  Outcome due = Sokuo({"control", "due", "--control", "user-settings-review"});
  ASSERT_EQ(due.exit_code, 0) << due.err;
  EXPECT_THAT(due.out, HasSubstr("user-settings-review/"));
  EXPECT_THAT(due.out, HasSubstr("Review of user-management settings"));

  // The evidence the control names is required; the refusal changes nothing.
  std::string head = Sokuo({"journal", "head"}).out;
  Outcome bare = Sokuo({"--as", "p-fujita", "control", "done", "user-settings-review"});
  EXPECT_EQ(bare.exit_code, 1);
  EXPECT_THAT(bare.err, HasSubstr("evidence is needed"));
  EXPECT_EQ(Sokuo({"journal", "head"}).out, head);
  // The scan is not ticked by hand.
  EXPECT_EQ(Sokuo({"--as", "p-fujita", "control", "done", "virus-scan"}).exit_code, 4);
  Outcome done = Sokuo({"--as", "p-fujita", "control", "done", "user-settings-review", "--evidence",
                        "AD のアカウント一覧"});
  ASSERT_EQ(done.exit_code, 0) << done.err;
  EXPECT_THAT(done.out, HasSubstr("recorded user-settings-review/"));
  // Nothing was found, so there is no incident to open.
  EXPECT_EQ(Sokuo({"--as", "p-fujita", "control", "incident", "user-settings-review"}).exit_code,
            3);
  auto history = nlohmann::json::parse(
      Sokuo({"--json", "control", "due", "--all", "--control", "user-settings-review"}).out);
  ASSERT_EQ(history["items"].size(), 1u);
  EXPECT_EQ(history["items"][0]["done_by"], "p-fujita");
  EXPECT_EQ(history["items"][0]["evidence"], "AD のアカウント一覧");

  // G4.2.4: the host's accounts, kept with the review (a listing that does not read is refused).
  std::string listing = Write("fs01.txt",
                              "root:x:0:0:root:/root:/bin/bash\n"
                              "ghost:x:1005:1005::/home/ghost:/bin/bash\n"
                              "root:x:0:\nsudo:x:27:ghost\n");
  Outcome review = Sokuo({"--as", "p-fujita", "control", "accounts", "user-settings-review",
                          "--host", "fs01", listing});
  ASSERT_EQ(review.exit_code, 0) << review.err;
  EXPECT_THAT(review.out, HasSubstr("fs01: the first review"));
  EXPECT_THAT(review.out,
              HasSubstr("no person of the organization holds (people who left?): ghost"));
  EXPECT_EQ(Sokuo({"--as", "p-fujita", "control", "accounts", "user-settings-review", "--host",
                   "fs02", Write("bad.txt", "not a listing\n")})
                .exit_code,
            1);
  auto compliance = nlohmann::json::parse(Sokuo({"--json", "control", "compliance"}).out);
  EXPECT_EQ(compliance["total"]["on_time"].get<int>() + compliance["total"]["late"].get<int>(), 1);
  EXPECT_EQ(Sokuo({"control", "compliance", "--since", "2026-13-01"}).exit_code, 2);
  EXPECT_EQ(Sokuo({"journal", "verify"}).exit_code, 0);
}

TEST_F(CliTest, AMistypedCommandNamesTheNearestOne) {
  struct Case {
    std::vector<std::string> args;
    const char* says;
  } cases[] = {
      {{"incidnet", "list"},
       "unknown command 'incidnet' (sokuo has: init, serve, demo, version, org, incident, "
       "evidence, disaster, journal, user, rules, hunt, binder, control, readiness, store) (did "
       "you "
       "mean "
       "'incident'?)"},
      {{"org", "valdate", "org.yaml"},
       "unknown command 'valdate' (sokuo org has: validate, import, export, show) (did you mean "
       "'validate'?)"},
      {{"--as", "p-mori", "jornal", "verify"}, "(did you mean 'journal'?)"},
      {{"incident", "lsit", "--open"}, "(did you mean 'list'?)"},
      {{"frobnicate"}, "unknown command 'frobnicate' (sokuo has: init,"},
      {{"org"}, "sokuo org needs a command: validate, import, export, show"},
      {{"--lang", "ja", "incidnet", "list"},
       "「incidnet」というコマンドはありません（sokuo のコマンド: init, serve, demo, version, org, "
       "incident, evidence, disaster, journal, user, rules, "
       "hunt, binder, control, readiness, store）（「incident」の誤りではありませんか？）"},
  };
  for (const Case& c : cases) {
    Outcome r = Sokuo(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args[0];
    EXPECT_THAT(r.err, HasSubstr(c.says)) << c.args[0];
  }
  Outcome json = Sokuo({"--json", "incidnet", "list"});
  EXPECT_THAT(json.out, HasSubstr("\"code\": \"cli.unknown_command\""));
  // A command's own words are its business: a file named like a command is a file.
  Outcome file = Sokuo({"org", "validate", "incident"});
  EXPECT_EQ(file.exit_code, 3);
  EXPECT_THAT(file.err, Not(HasSubstr("unknown command")));
}

// G3.3, G5.1: the readiness report on the example, grouped by clause, and on an organization
// with nothing missing.
TEST_F(CliTest, ReadinessNamesTheGapsByClauseWithWhatToDo) {
  ASSERT_EQ(Sokuo({"init", "--org", Example()}).exit_code, 0);
  Outcome text = Sokuo({"--lang", "en", "readiness"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("Readiness ("));
  EXPECT_THAT(text.out, HasSubstr("\nG5.2.2 Contacts ("));
  EXPECT_THAT(text.out,
              HasSubstr("  contact Trade press news desk (press-desk): no day of the last check is "
                        "recorded\n    -> check that the numbers"));
  EXPECT_THAT(text.out, HasSubstr("  network Site-to-site WAN (wan): not redundant\n"));
  EXPECT_THAT(Sokuo({"--lang", "ja", "readiness"}).out, HasSubstr("G5.1.3 冗長化"));

  Outcome json = Sokuo({"--json", "readiness"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto report = nlohmann::json::parse(json.out);
  int counted = 0;
  for (const auto& [clause, n] : report["counts"].items()) counted += n.get<int>();
  EXPECT_EQ(counted, static_cast<int>(report["gaps"].size()));
  EXPECT_EQ(report["counts"]["G3.3"], 0);
  bool press = false;
  for (const auto& g : report["gaps"]) {
    press |= g["kind"] == "contact_not_reviewed" && g["subject"]["id"] == "press-desk" &&
             g["clause"] == "G5.2.2" && g["subject"]["type"] == "contact";
  }
  EXPECT_TRUE(press) << json.out;
  EXPECT_EQ(report["thresholds"]["backup_verified_days"], 180);

  std::string ready = Write("ready.yaml", R"(company: {name: 備え株式会社}
departments:
  - {id: committee, name: 情報セキュリティ委員会, kind: committee}
  - {id: it-dept, name: 情報システム部, kind: it}
people:
  - {id: p-chair, name: 委員長, department: committee}
  - {id: p-vice, name: 副委員長, department: committee}
roles:
  - {role: committee_chair, person: p-chair, deputies: [p-vice]}
readiness: {backup_verified_days: 90}
)");
  ASSERT_EQ(Sokuo({"org", "import", ready}).exit_code, 0);
  Outcome none = Sokuo({"--lang", "en", "readiness"});
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_THAT(none.out, HasSubstr("): no gaps\n"));
  EXPECT_EQ(nlohmann::json::parse(
                Sokuo({"--json", "readiness"}).out)["thresholds"]["backup_verified_days"],
            90);
}

TEST_F(CliTest, VersionAndHelpSayWhatTheyShould) {
  for (const char* flag : {"--version", "version"}) {
    Outcome v = RunSokuo({SOKUO_BINARY, flag}, dir_);
    EXPECT_EQ(v.exit_code, 0) << flag;
    EXPECT_EQ(v.out, "sokuo " SOKUO_VERSION "\n") << flag;
  }
  Outcome help = RunSokuo({SOKUO_BINARY, "--help"}, dir_);
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("--version"));
  EXPECT_THAT(help.out, HasSubstr("6 the address to listen on is in use"));
}

// A port another program holds has its own exit code and says so, in both languages.
TEST_F(CliTest, APortInUseHasItsOwnExitCodeAndMessage) {
  ASSERT_EQ(Sokuo({"init", "--org", Example()}).exit_code, 0);
  int holder = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(holder, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  ASSERT_EQ(::bind(holder, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(::listen(holder, 1), 0);
  socklen_t length = sizeof address;
  ASSERT_EQ(::getsockname(holder, reinterpret_cast<sockaddr*>(&address), &length), 0);
  std::string listen = "127.0.0.1:" + std::to_string(ntohs(address.sin_port));

  Outcome en = Sokuo({"--lang", "en", "serve", "--listen", listen});
  EXPECT_EQ(en.exit_code, 6);
  EXPECT_THAT(en.err, HasSubstr(listen + " is already in use by another program"));
  Outcome ja = Sokuo({"--lang", "ja", "serve", "--listen", listen});
  EXPECT_EQ(ja.exit_code, 6);
  EXPECT_THAT(ja.err, HasSubstr(listen + " はすでに別のプログラムが使っています"));
  ::close(holder);
}

// Messages are Japanese first: --lang ja (or a Japanese locale) shows the same refusals in
// Japanese, and --json carries the message code.
TEST_F(CliTest, MessagesSpeakTheChosenLanguage) {
  ASSERT_EQ(Sokuo({"init", "--org", Example()}).exit_code, 0);
  Outcome ja = Sokuo({"--lang", "ja", "--as", "p-nobody", "org", "import", Example()});
  EXPECT_EQ(ja.exit_code, 2);
  EXPECT_THAT(ja.err, HasSubstr("組織に「p-nobody」という人はいません"));
  Outcome en = Sokuo({"--lang", "en", "--as", "p-nobody", "org", "import", Example()});
  EXPECT_THAT(en.err, HasSubstr("no person 'p-nobody' in the organization"));
  Outcome json = Sokuo({"--lang", "ja", "--json", "--as", "p-nobody", "org", "import", Example()});
  EXPECT_THAT(json.out, HasSubstr("\"code\": \"cli.no_person\""));
}

// Text for a person is Japanese first: every line comes from the catalog, and no code or
// placeholder shows through; English stays as it was.
TEST_F(CliTest, HumanOutputIsJapaneseFirst) {
  Outcome init = Sokuo({"--lang", "ja", "init", "--org", Example()});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_THAT(init.out, HasSubstr("インポートしました（ジャーナルエントリ 1）"));
  EXPECT_THAT(init.out, HasSubstr("people: 追加 32、更新 0、削除 0"));
  EXPECT_THAT(init.err, HasSubstr("最初の管理者: p-mori"));
  EXPECT_THAT(init.err, HasSubstr("sokuo のデータは "));
  struct Case {
    std::vector<std::string> args;
    std::string want;
  };
  const Case cases[] = {
      {{"org", "show"}, "部署（12）"},
      {{"org", "show"}, "ティア別のシステム（G5.2.1）\n  ティア A: "},
      {{"org", "show"}, "人物 32、機密データを保存する記録媒体 "},
      {{"org", "validate", Example()}, ": 問題ありません（部署 12、人物 32、"},
      {{"org", "import", Example()}, ": 変更はありません"},
      {{"incident", "list"}, "インシデントはありません"},
      {{"journal", "verify"}, "OK: 2 件のエントリを検証しました（最新: 2 "},
      {{"journal", "list"}, " JST  "},
      {{"journal", "list", "--after", "100"}, "その位置より後のジャーナルエントリはありません"},
      {{"user", "add", "p-fujita"}, "ログイン名: p-fujita\n仮パスワード: "},
      {{"user", "list"}, "[仮パスワード]"},
      {{"user", "lock", "p-fujita"}, "p-fujita: 有効、ロック中"},
      {{"user", "list"}, "[ロック中]"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args{"--lang", "ja"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    Outcome r = Sokuo(args);
    std::string command = ::testing::PrintToString(c.args);
    ASSERT_EQ(r.exit_code, 0) << command << "\n" << r.err;
    EXPECT_THAT(r.out, HasSubstr(c.want)) << command;
    EXPECT_THAT(r.out + r.err, Not(HasSubstr("{"))) << command;
    for (const CatalogEntry& e : Catalog()) {
      for (std::string_view area : {"cli.", "count.", "serve.", "show."}) {
        if (e.code.starts_with(area)) {
          EXPECT_THAT(r.out + r.err, Not(HasSubstr(std::string(e.code)))) << command;
        }
      }
    }
  }

  // English stays as it was, its counts inflected.
  EXPECT_THAT(Sokuo({"--lang", "en", "org", "validate", Example()}).out,
              HasSubstr(": ok (12 departments, 32 people, 29 systems, 22 contacts)"));
  EXPECT_THAT(Sokuo({"--lang", "en", "journal", "verify"}).out,
              HasSubstr("ok: 4 entries verified, head 4 "));
}

// The journal's times are on the organization's clock (Asia/Tokyo), not UTC: the same instant as
// the RFC 3339 UTC time that --json keeps.
TEST_F(CliTest, JournalListShowsTheOrganizationsClock) {
  ASSERT_EQ(Sokuo({"init", "--org", Example()}).exit_code, 0);
  Outcome json = Sokuo({"--json", "journal", "list"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto items = nlohmann::json::parse(json.out)["items"];
  ASSERT_FALSE(items.empty());
  auto tokyo = Calendar::Create("Asia/Tokyo");
  ASSERT_TRUE(tokyo);
  std::string at = items[0]["at"].get<std::string>();
  std::string local = tokyo->FormatLocal(std::string_view(at));
  ASSERT_THAT(local, ::testing::EndsWith(" JST"));
  Outcome list = Sokuo({"journal", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out, HasSubstr("1  " + local + "  "));
  EXPECT_THAT(list.out, Not(HasSubstr(at)));
}

// The incident path from the terminal: the same rules and refusals as the API.
TEST_F(CliTest, IncidentCommandsFollowTheGuideline) {
  ASSERT_EQ(Sokuo({"init", "--org", Example()}).exit_code, 0);
  Outcome report = Sokuo({"--as", "p-yamada", "incident", "report", "--title",
                          "PCに身代金要求の画面", "--system", "file-server"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  std::string key = report.out.substr(0, report.out.find(' '));
  EXPECT_THAT(report.out, HasSubstr("reported  p2"));
  EXPECT_THAT(report.out, HasSubstr("needs triaged"));

  Outcome early = Sokuo({"--as", "p-fujita", "incident", "transition", key, "containing"});
  EXPECT_EQ(early.exit_code, 4);
  EXPECT_THAT(early.err, HasSubstr("cannot move from reported to containing"));
  EXPECT_THAT(early.err, HasSubstr("containing: no response policy decided by the committee"));

  EXPECT_EQ(Sokuo({"--as", "p-fujita", "incident", "triage", key, "--dismiss"}).exit_code, 1);
  ASSERT_EQ(Sokuo({"--as", "p-fujita", "incident", "triage", key}).exit_code, 0);
  ASSERT_EQ(Sokuo({"--as", "p-fujita", "incident", "convene", key}).exit_code, 0);
  ASSERT_EQ(
      Sokuo({"--as", "p-mori", "incident", "convene", key, "--held", "--attendee", "p-ishikawa"})
          .exit_code,
      0);
  ASSERT_EQ(Sokuo({"--as", "p-mori", "incident", "transition", key, "convened"}).exit_code, 0);
  Outcome not_member = Sokuo({"--as", "p-mori", "incident", "decide", key, "--kind", "policy",
                              "--text", "隔離", "--by", "p-yamada"});
  EXPECT_EQ(not_member.exit_code, 1);
  EXPECT_THAT(not_member.err,
              HasSubstr("/decided_by: 'p-yamada' is not on the Information Security Committee"));
  ASSERT_EQ(Sokuo({"--as", "p-mori", "incident", "decide", key, "--kind", "policy", "--text",
                   "感染端末を隔離し、バックアップから復元する", "--by", "p-ishikawa"})
                .exit_code,
            0);
  std::string assessment = Write("assessment.json",
                                 R"({"kinds": ["destruction", "unavailability"],
                                     "scope": "共有フォルダの一部が暗号化", "systems": ["file-server"]})");
  Outcome assess = Sokuo({"--as", "p-fujita", "incident", "assess", key, "--from", assessment});
  ASSERT_EQ(assess.exit_code, 0) << assess.err;
  Outcome bad = Sokuo({"--as", "p-fujita", "incident", "assess", key, "--from",
                       Write("bad.json", R"({"kinds": ["fire"], "scpe": "x"})")});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("/scpe: unknown key 'scpe' (did you mean 'scope'?)"));
  EXPECT_THAT(bad.err, HasSubstr("/kinds/0: unknown value 'fire'"));

  Outcome shown = Sokuo({"--json", "incident", "show", key});
  ASSERT_EQ(shown.exit_code, 0);
  auto incident = nlohmann::json::parse(shown.out);
  EXPECT_EQ(incident["state"], "convened");
  EXPECT_EQ(incident["assessment"]["scope"], "共有フォルダの一部が暗号化");
  EXPECT_EQ(incident["decisions"][0]["decided_by"], "p-ishikawa");

  Outcome timeline = Sokuo({"incident", "timeline", key});
  EXPECT_THAT(timeline.out, HasSubstr("p-yamada  incident.report"));
  EXPECT_THAT(timeline.out, HasSubstr("p-fujita  incident.assessment"));
  EXPECT_THAT(Sokuo({"incident", "list", "--open"}).out, HasSubstr(key));
  EXPECT_EQ(Sokuo({"journal", "verify"}).exit_code, 0);
}

// The records real incidents needed, from flags: hosts, notice to individuals, a failed
// measure, the regulator's facts, recovery in dependency order.
TEST_F(CliTest, IncidentRecordsFromFlags) {
  ASSERT_EQ(Sokuo({"init", "--org", Example()}).exit_code, 0);
  Outcome report = Sokuo({"--as", "p-fujita", "incident", "report", "--title", "ランサムウェア",
                          "--system", "file-server", "--host", "file-server/fs01"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  std::string key = report.out.substr(0, report.out.find(' '));
  Outcome bad_host = Sokuo({"--as", "p-fujita", "incident", "update", key, "--host", "fs01"});
  EXPECT_EQ(bad_host.exit_code, 2);
  EXPECT_THAT(bad_host.err, HasSubstr("SYSTEM/HOST, e.g. file-server/fs01, not 'fs01'"));
  Outcome typo_host =
      Sokuo({"--as", "p-fujita", "incident", "update", key, "--host", "file-server/fs1"});
  EXPECT_EQ(typo_host.exit_code, 1);
  EXPECT_THAT(typo_host.err, HasSubstr("system 'file-server' has no host 'fs1'"));

  ASSERT_EQ(Sokuo({"--as", "p-mori", "incident", "decide", key, "--kind", "policy", "--text",
                   "隔離する", "--by", "p-ishikawa"})
                .exit_code,
            0);
  std::vector<std::string> notice = {
      "--as",        "p-mori",    "incident", "contact",       key,    "--audience",
      "individuals", "--contact", "社員",     "--channel",     "post", "--summary",
      "お詫び",      "--persons", "120",      "--approved-by", "1"};
  Outcome by_policy = Sokuo(notice);
  EXPECT_EQ(by_policy.exit_code, 1);
  EXPECT_THAT(by_policy.err, HasSubstr("decision 1 is of kind policy"));
  ASSERT_EQ(Sokuo({"--as", "p-mori", "incident", "decide", key, "--kind", "approval", "--text",
                   "本人通知を承認", "--by", "p-ishikawa"})
                .exit_code,
            0);
  notice.back() = "2";
  ASSERT_EQ(Sokuo(notice).exit_code, 0);

  ASSERT_EQ(Sokuo({"--as", "p-fujita", "incident", "task", key, "--kind", "monitor_host", "--title",
                   "EDRで隔離"})
                .exit_code,
            0);
  EXPECT_EQ(Sokuo({"--as", "p-fujita", "incident", "task", key, "--id", "1", "--status", "failed"})
                .exit_code,
            1);
  ASSERT_EQ(Sokuo({"--as", "p-fujita", "incident", "task", key, "--id", "1", "--status", "failed",
                   "--result", "命令が届かなかった"})
                .exit_code,
            0);

  Outcome assess =
      Sokuo({"--as", "p-fujita", "incident", "assess", key, "--kind", "leak", "--personal-data",
             "file-server=possibly", "--persons", "120", "--sensitive", "no", "--financial-harm",
             "unknown", "--unauthorized-purpose", "yes"});
  ASSERT_EQ(assess.exit_code, 0) << assess.err;

  ASSERT_EQ(Sokuo({"--as", "p-fujita", "incident", "recover", key, "directory", "down", "--note",
                   "DCも暗号化"})
                .exit_code,
            0);
  Outcome early =
      Sokuo({"--as", "p-fujita", "incident", "recover", key, "file-server", "restored"});
  EXPECT_EQ(early.exit_code, 4);
  EXPECT_THAT(early.err, HasSubstr("file-server depends on directory, which is still down"));
  ASSERT_EQ(Sokuo({"--as", "p-fujita", "incident", "recover", key, "file-server", "restored",
                   "--override", "読み取り専用で先行公開"})
                .exit_code,
            0);
  ASSERT_EQ(Sokuo({"--as", "p-ogawa", "incident", "review", key, "--backdoor",
                   "file-server/fs01:added_users=clean"})
                .exit_code,
            0);

  auto shown = nlohmann::json::parse(Sokuo({"--json", "incident", "show", key}).out);
  EXPECT_EQ(shown["hosts"][0]["host"], "fs01");
  EXPECT_EQ(shown["contacts"][0]["persons"], 120);
  EXPECT_EQ(shown["tasks"][0]["status"], "failed");
  EXPECT_EQ(shown["assessment"]["personal_data"][0]["leaked"], "possibly");
  EXPECT_EQ(shown["assessment"]["unauthorized_purpose"], "yes");
  EXPECT_EQ(shown["scope_changes"][0]["system"], "directory");
  EXPECT_EQ(shown["backdoor_checks"][0]["host"], "fs01");
  Outcome show = Sokuo({"--lang", "en", "incident", "show", key});
  EXPECT_THAT(show.out, HasSubstr("hosts: file-server/fs01"));
  EXPECT_THAT(show.out, HasSubstr("notified: 120 persons"));
  EXPECT_THAT(show.out, HasSubstr("personal data leaked: file-server: possibly"));
  EXPECT_THAT(show.out, HasSubstr("unauthorized purpose suspected: yes"));
  EXPECT_THAT(show.out, HasSubstr("added to the scope: directory"));
  EXPECT_THAT(show.out,
              HasSubstr("restored ahead of its dependencies because: 読み取り専用で先行公開"));
  EXPECT_THAT(show.out, HasSubstr("file-server/fs01  added_users: clean"));
  Outcome help = Sokuo({"incident", "assess", "--help"});
  EXPECT_THAT(help.out, HasSubstr("docs/incident-records.md"));
  EXPECT_THAT(help.out, HasSubstr("--personal-data"));
}

// Written up after the night: --at takes the organization's local time (Asia/Tokyo in the
// example) or RFC 3339, the future is refused, and `incident show` reads the whole incident back
// on the company's clock, in the chosen language, with the numbers the commands assigned.
TEST_F(CliTest, BackdatedRecordsAndTheWholeIncidentOnTheCompanyClock) {
  ASSERT_EQ(Sokuo({"init", "--org", Example()}).exit_code, 0);
  Outcome report =
      Sokuo({"--as", "p-yamada", "incident", "report", "--title", "ファイルサーバが暗号化",
             "--system", "file-server", "--at", "2025-06-01 09:30", "--aware-at",
             "2025-06-01 08:45", "--occurred-at", "2025-05-30T13:00:00Z"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  std::string key = report.out.substr(0, report.out.find(' '));
  auto shown = nlohmann::json::parse(Sokuo({"--json", "incident", "show", key}).out);
  EXPECT_EQ(shown["reported_at"], "2025-06-01T00:30:00Z");  // 09:30 in Tokyo
  EXPECT_EQ(shown["aware_at"], "2025-05-31T23:45:00Z");
  EXPECT_EQ(shown["occurred_at"], "2025-05-30T13:00:00Z");
  EXPECT_NE(shown["recorded_at"], shown["reported_at"]);

  // The future and what is not a time are refused, naming the flag or field, and change nothing.
  std::string head = Sokuo({"journal", "head"}).out;
  Outcome future =
      Sokuo({"--as", "p-fujita", "incident", "triage", key, "--at", "2099-01-01 09:00"});
  EXPECT_EQ(future.exit_code, 1);
  EXPECT_THAT(future.err, HasSubstr("at is in the future: 2099-01-01T00:00:00Z"));
  Outcome garbled = Sokuo({"--as", "p-fujita", "incident", "triage", key, "--at", "6/1 10:00"});
  EXPECT_EQ(garbled.exit_code, 1);
  EXPECT_THAT(garbled.err, HasSubstr("YYYY-MM-DD HH:MM on the clock of Asia/Tokyo"));
  Outcome late =
      Sokuo({"--as", "p-fujita", "incident", "update", key, "--occurred-at", "2025-06-01 09:00"});
  EXPECT_EQ(late.exit_code, 1);
  EXPECT_THAT(late.err, HasSubstr("is after the company became aware"));
  EXPECT_EQ(Sokuo({"journal", "head"}).out, head);

  auto ok = [&](std::vector<std::string> args) {
    Outcome r = Sokuo(args);
    EXPECT_EQ(r.exit_code, 0) << args[3] << ": " << r.err;
    return r.out;
  };
  ok({"--as", "p-fujita", "incident", "triage", key, "--at", "2025-06-01 10:00"});
  ok({"--as", "p-fujita", "incident", "convene", key, "--at", "2025-06-01 10:05"});
  ok({"--as", "p-mori", "incident", "convene", key, "--held", "--at", "2025-06-01 11:00",
      "--attendee", "p-ishikawa"});
  ok({"--as", "p-mori", "incident", "transition", key, "convened", "--at", "2025-06-01 11:00"});
  EXPECT_THAT(ok({"--as", "p-mori", "incident", "decide", key, "--kind", "policy", "--text",
                  "感染端末を隔離する", "--by", "p-ishikawa", "--at", "2025-06-01 11:10"}),
              HasSubstr("decision 1 recorded"));
  EXPECT_THAT(
      ok({"--as", "p-fujita", "incident", "task", key, "--kind", "isolate_network", "--title",
          "ファイルサーバをネットワークから切り離す", "--contains", "--at", "2025-06-01 11:15"}),
      HasSubstr("task 1 recorded"));
  ok({"--as", "p-fujita", "incident", "task", key, "--id", "1", "--status", "done", "--at",
      "2025-06-01 11:40"});
  ok({"--as", "p-mori", "incident", "transition", key, "assessing", "--at", "2025-06-01 13:00"});
  EXPECT_THAT(
      ok({"--as", "p-fujita", "incident", "contact", key, "--audience", "internal", "--contact",
          "sales", "--summary", "共有フォルダを使わないよう連絡", "--at", "2025-06-01 11:50"}),
      HasSubstr("contact 1 recorded"));
  ok({"--as", "p-fujita", "incident", "assess", key, "--kind", "destruction", "--scope",
      "共有フォルダの一部", "--at", "2025-06-02 15:00"});
  ok({"--as", "p-fujita", "incident", "recover", key, "file-server", "restoring", "--at",
      "2025-06-03 09:00"});
  ok({"--as", "p-fujita", "incident", "review", key, "--prevention", "VPN機器の更新", "--owner",
      "p-mori", "--due", "2025-07-31"});
  ok({"--as", "p-fujita", "incident", "review", key, "--backdoor", "file-server:added_users=clean",
      "--at", "2025-06-04 10:00"});
  ok({"--as", "p-fujita", "evidence", "add", key, Write("access.log", "login p-x\n"), "--kind",
      "access_log"});
  // Recorded last, happened first: the timeline puts it where it happened.
  ok({"--as", "p-fujita", "incident", "review", key, "--finding", "technical", "--text",
      "VPN機器の既知の脆弱性", "--at", "2025-06-01 09:45"});

  Outcome en = Sokuo({"--lang", "en", "incident", "show", key});
  ASSERT_EQ(en.exit_code, 0) << en.err;
  for (const char* line :
       {"reported: 2025-06-01 09:30 JST  p-yamada", "first occurrence: 2025-05-30 22:00 JST",
        "company aware: 2025-06-01 08:45 JST", "  triaged: 2025-06-01 10:00 JST",
        // Contained when the containment measure was done, not when the state moved (13:00).
        "  contained: 2025-06-01 11:40 JST", "decisions (1)",
        "1. [policy] 2025-06-01 11:10 JST  p-ishikawa: 感染端末を隔離する", "contacts (1)",
        "1. 2025-06-01 11:50 JST  to internal 'sales' by phone (p-fujita)", "measures (1)",
        "status: done  2025-06-01 11:40 JST  containment",
        "damage assessment\n  at: 2025-06-02 15:00 JST",
        "recovery (1)\n  file-server: restoring  2025-06-03 09:00 JST", "findings (1)",
        "prevention (1)\n  1. VPN機器の更新\n     owner: p-mori\n     due: 2025-07-31",
        "backdoor checks (1)\n  file-server  added_users: clean  2025-06-04 10:00 JST",
        "evidence (1)\n  1. [access_log] access.log", "timeline, in the order things happened ("}) {
    EXPECT_THAT(en.out, HasSubstr(line));
  }
  // The finding happened before the triage and is shown there, though recorded last.
  EXPECT_LT(en.out.find("incident.finding"), en.out.find("incident.triage"));
  Outcome timeline = Sokuo({"incident", "timeline", key});
  EXPECT_LT(timeline.out.find("incident.finding"), timeline.out.find("incident.triage"));
  EXPECT_THAT(timeline.out, HasSubstr("2025-06-01 10:00 JST  p-fujita  incident.triage"));

  Outcome ja = Sokuo({"--lang", "ja", "incident", "show", key});
  ASSERT_EQ(ja.exit_code, 0) << ja.err;
  EXPECT_THAT(ja.out, HasSubstr("決定 (1)"));
  EXPECT_THAT(ja.out, HasSubstr("  封じ込め: 2025-06-01 11:40 JST"));
  EXPECT_THAT(ja.out, HasSubstr("社内「sales」へ phone（p-fujita）"));
  EXPECT_THAT(ja.out, HasSubstr("file-server  追加されたユーザー: clean"));
  EXPECT_EQ(ja.out.find("show."), std::string::npos) << "a label without its text:\n" << ja.out;
  EXPECT_EQ(en.out.find("show."), std::string::npos) << "a label without its text:\n" << en.out;
  EXPECT_EQ(Sokuo({"journal", "verify"}).exit_code, 0);
}

TEST_F(CliTest, JsonOutputParses) {
  ASSERT_EQ(Sokuo({"init", "--org", Example()}).exit_code, 0);
  for (std::vector<std::string> args : {std::vector<std::string>{"--json", "org", "show"},
                                        {"--json", "journal", "head"},
                                        {"--json", "journal", "verify"},
                                        {"--json", "org", "validate", Example()}}) {
    Outcome r = Sokuo(args);
    EXPECT_EQ(r.exit_code, 0) << args[1];
    EXPECT_TRUE(nlohmann::json::accept(r.out)) << args[1] << ": " << r.out.substr(0, 200);
  }
}

// G5.2.1 inside a security incident: a ransomware night takes the platform down at once; the plan
// orders what the IS department restores, never before what it depends on, tier a first.
TEST_F(CliTest, IncidentPlanOrdersTheAffectedSystems) {
  ASSERT_EQ(Sokuo({"init", "--org", Example()}).exit_code, 0);
  Outcome reported =
      Sokuo({"--as", "p-fujita", "incident", "report", "--title", "ランサムウェア", "--system",
             "virtualization", "--system", "directory", "--system", "erp", "--system",
             "file-server", "--system", "ec-site", "--system", "website"});
  ASSERT_EQ(reported.exit_code, 0) << reported.err;
  std::string key = reported.out.substr(0, reported.out.find(' '));
  Outcome plan = Sokuo({"--json", "incident", "plan", key});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  auto j = nlohmann::json::parse(plan.out);
  std::map<std::string, int> order;
  std::map<std::string, std::string> unplanned;
  for (const auto& s : j["steps"]) order[s["system"]] = s["order"];
  for (const auto& u : j["unplanned"]) unplanned[u["system"]] = u["reason"];
  // Every affected system once, in the plan or with a reason; nothing else.
  std::set<std::string> seen;
  for (const auto& [id, n] : order) seen.insert(id);
  for (const auto& [id, why] : unplanned) seen.insert(id);
  EXPECT_EQ(seen, (std::set<std::string>{"directory", "ec-site", "erp", "file-server",
                                         "virtualization", "website"}));
  ASSERT_TRUE(order.count("virtualization") && order.count("directory") && order.count("erp"))
      << plan.out;
  EXPECT_GT(order["erp"], order["virtualization"]);
  EXPECT_GT(order["erp"], order["directory"]);
  // The file server is the only tier-b system planned: last.
  ASSERT_TRUE(order.count("file-server")) << plan.out;
  for (const auto& [id, n] : order) EXPECT_LE(n, order["file-server"]) << id;
  // The website has no restore estimate in the example: said, not guessed.
  EXPECT_EQ(unplanned["website"], "plan.no_estimate");
  // For a person, on the company's clock, in Japanese first.
  Outcome human = Sokuo({"--lang", "ja", "incident", "plan", key});
  ASSERT_EQ(human.exit_code, 0) << human.err;
  EXPECT_THAT(human.out, HasSubstr("復旧計画 " + key));
  EXPECT_THAT(human.out, HasSubstr("復旧目処"));
  EXPECT_THAT(human.out, HasSubstr("JST"));
  EXPECT_THAT(human.out, HasSubstr("ec-site オンラインショップ  開始 "));
  EXPECT_THAT(human.out, HasSubstr("website コーポレートサイト: 復旧にかかる時間の見積り"));
  EXPECT_EQ(Sokuo({"incident", "plan", "INC-2026-9999"}).exit_code, 3);  // not found
}

TEST_F(CliTest, DisasterFromDeclarationToClosing) {
  ASSERT_EQ(Sokuo({"init", "--org", Example()}).exit_code, 0);
  Outcome declared = Sokuo({"--as", "p-mori", "disaster", "declare", "--title", "本社 震度6強",
                            "--kind", "earthquake", "--site", "本社", "--department", "it-dept",
                            "--department", "hr-admin", "--at", "2026-01-05 08:30"});
  ASSERT_EQ(declared.exit_code, 0) << declared.err;
  std::string key = declared.out.substr(0, declared.out.find(' '));
  EXPECT_THAT(key, ::testing::StartsWith("DIS-"));
  Outcome surveyed =
      Sokuo({"--as", "p-hayashi", "disaster", "survey", key, "--department", "hr-admin", "--item",
             "power", "--status", "down", "--site", "本社", "--at", "2026-01-05 09:00"});
  ASSERT_EQ(surveyed.exit_code, 0) << surveyed.err;
  // A roll call needs to say whether the person can work; an unknown item is refused.
  EXPECT_EQ(Sokuo({"disaster", "rollcall", key, "p-ogawa"}).exit_code, 2);
  Outcome bad = Sokuo(
      {"disaster", "survey", key, "--department", "it-dept", "--item", "coffee", "--status", "ok"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_THAT(bad.err, HasSubstr("/entries/0/item"));
  for (const char* p : {"p-mori", "p-nakamura", "p-ogawa"}) {
    Outcome a = Sokuo({"disaster", "rollcall", key, p, "--can-work", "--hours", "12"});
    ASSERT_EQ(a.exit_code, 0) << a.err;
  }
  ASSERT_EQ(Sokuo({"disaster", "progress", key, "power-hq", "--status", "restored"}).exit_code, 0);
  ASSERT_EQ(Sokuo({"disaster", "vendor", key, "netcare", "--system", "core-network"}).exit_code, 0);
  // The vendor's engineer arrives in two days, inside the plan's 30 days.
  const std::string arrives = FormatRfc3339(std::chrono::floor<std::chrono::minutes>(
      std::chrono::system_clock::now() + std::chrono::hours(48)));
  Outcome answered = Sokuo({"--lang", "ja", "disaster", "vendor", key, "--request", "1", "--state",
                            "answered", "--answer", "明朝到着", "--eta", arrives});
  ASSERT_EQ(answered.exit_code, 0) << answered.err;
  EXPECT_THAT(answered.out, HasSubstr("復旧計画 第"));
  ASSERT_EQ(
      Sokuo({"disaster", "exempt", key, "--rule", "持出し申請規程", "--scope", "復旧用PC",
             "--expires", "2099-01-01 00:00", "--reason", "復旧優先", "--decided-by", "p-ishikawa"})
          .exit_code,
      0);
  ASSERT_EQ(Sokuo({"disaster", "task", key, "--title", "仮設電源の手配"}).exit_code, 0);
  // G5.2.2: a customer is told on the committee's approval, not before.
  Outcome early = Sokuo({"disaster", "contact", key, "--audience", "customer", "--contact",
                         "ohmura-kogyo", "--summary", "出荷遅延の連絡"});
  EXPECT_NE(early.exit_code, 0);
  EXPECT_THAT(early.err, HasSubstr("/approved_by"));
  ASSERT_EQ(Sokuo({"disaster", "decide", key, "--kind", "approval", "--text",
                   "取引先への連絡を承認", "--by", "p-ishikawa"})
                .exit_code,
            0);
  Outcome told = Sokuo({"--json", "disaster", "contact", key, "--audience", "customer", "--contact",
                        "ohmura-kogyo", "--summary", "出荷遅延の連絡", "--approved-by", "1"});
  ASSERT_EQ(told.exit_code, 0) << told.err;
  EXPECT_EQ(nlohmann::json::parse(told.out)["contacts"][0]["approved_by"], 1);
  // The board for a person, on the company's clock.
  Outcome board = Sokuo({"--lang", "ja", "disaster", "show", key});
  ASSERT_EQ(board.exit_code, 0) << board.err;
  EXPECT_THAT(board.out, HasSubstr("被害状況"));
  EXPECT_THAT(board.out, HasSubstr("電源: 停止"));
  EXPECT_THAT(board.out, HasSubstr("未確認の項目"));
  EXPECT_THAT(board.out, HasSubstr("適用除外: 持出し申請規程"));
  EXPECT_THAT(board.out, HasSubstr("ベンダー依頼 1: netcare"));
  // The plan: the core network waits for the vendor.
  Outcome plan = Sokuo({"--json", "disaster", "plan", key});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  auto j = nlohmann::json::parse(plan.out);
  bool core_network = false;
  for (const auto& s : j["steps"]) {
    if (s["system"] == "core-network") {
      core_network = true;
      EXPECT_GE(s["start_at"].get<std::string>(), arrives);
    }
  }
  EXPECT_TRUE(core_network) << plan.out;
  // Closing with tier-a systems down needs the committee's reason.
  EXPECT_EQ(Sokuo({"--as", "p-nakamura", "disaster", "close", key}).exit_code, 4);
  Outcome closed =
      Sokuo({"--as", "p-ishikawa", "disaster", "close", key, "--reason", "代替拠点で継続"});
  ASSERT_EQ(closed.exit_code, 0) << closed.err;
  Outcome list = Sokuo({"--lang", "ja", "disaster", "list"});
  EXPECT_THAT(list.out, HasSubstr(key + "  終了  地震  本社 震度6強"));
  // The disaster report: the damage, each system against its RTO, exemptions, vendor help.
  std::string report = (dir_ / "disaster.html").string();
  Outcome printed = Sokuo({"--lang", "ja", "disaster", "print", key, report});
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  std::string text = Slurp(report);
  EXPECT_THAT(text, HasSubstr("災害報告書 " + key));
  EXPECT_THAT(text, HasSubstr("持出し申請規程"));
  EXPECT_THAT(text, HasSubstr("目標復旧時間"));
  EXPECT_THAT(text, HasSubstr("終了（日時・理由）"));
  EXPECT_EQ(Sokuo({"disaster", "print", "DIS-2026-9999", report}).exit_code, 3);
  EXPECT_EQ(Sokuo({"disaster", "show", "DIS-2026-9999"}).exit_code, 3);
  EXPECT_EQ(Sokuo({"journal", "verify"}).exit_code, 0);
}

// G4.2.3: the access-log review from the terminal. The example log holds three addresses trying
// five account names each, then a login from one of them.
TEST_F(CliTest, HuntFindsPasswordSprayingAndTheLoginAfterIt) {
  std::string log = std::string(SOKUO_SOURCE_DIR) + "/examples/sshd.log";
  Outcome r = Sokuo({"hunt", log, "--year", "2026", "--zone", "Asia/Tokyo"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  size_t spraying = 0;
  for (size_t at = r.out.find("Password spraying from one address"); at != std::string::npos;
       at = r.out.find("Password spraying from one address", at + 1)) {
    ++spraying;
  }
  EXPECT_EQ(spraying, 3u) << r.out;
  EXPECT_THAT(r.out, HasSubstr("SSH login from an address that sprayed passwords"));
  EXPECT_THAT(r.out, HasSubstr("src_ip=203.0.113.18"));
  // The line's wall clock is Tokyo's, as given.
  EXPECT_THAT(r.out, HasSubstr("2026-11-20 02:16 JST"));
  EXPECT_THAT(r.out, HasSubstr("Searched 21 lines in 1 files: 4 findings by 2 rules"));

  // Options may follow the files, and a repeatable option takes one value each time.
  Outcome mixed = Sokuo({"hunt", "--rules", "builtin", log, "--year", "2026"});
  EXPECT_THAT(mixed.out, HasSubstr("4 findings by 2 rules"));

  Outcome ja = Sokuo({"--lang", "ja", "hunt", log, "--year", "2026"});
  EXPECT_THAT(ja.out, HasSubstr("21 行を調べ、2 件のルールで 4 件を検出しました"));

  Outcome json = Sokuo({"hunt", log, "--year", "2026", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto doc = nlohmann::json::parse(json.out);
  ASSERT_EQ(doc["findings"].size(), 4u);
  const auto& last = doc["findings"][3];
  EXPECT_EQ(last["rule"]["author"], "sokuo");  // kept with every finding (DRL 1.1 asks it)
  EXPECT_EQ(last["rule"]["level"], "critical");
  EXPECT_EQ(last["line"], 19);
  EXPECT_EQ(last["time"], "2026-11-20T02:16:25Z");  // no --zone and no organization: UTC
  EXPECT_EQ(last["group"], "src_ip=203.0.113.18");
  EXPECT_EQ(doc["summary"]["lines"], 21);

  Outcome csv = Sokuo({"hunt", log, "--year", "2026", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0);
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 5);  // a header and four rows
  EXPECT_THAT(csv.err, HasSubstr("4 findings"));

  // Informational rules only enrich unless asked for.
  Outcome all = Sokuo({"hunt", log, "--year", "2026", "--min-level", "informational"});
  EXPECT_THAT(all.out, HasSubstr("Successful SSH login"));
  EXPECT_THAT(r.out, Not(HasSubstr("Successful SSH login")));
}

TEST_F(CliTest, RulesCheckNamesEveryRuleThatCannotRun) {
  Outcome builtin = Sokuo({"rules", "check"});
  ASSERT_EQ(builtin.exit_code, 0) << builtin.out << builtin.err;
  EXPECT_THAT(builtin.out, HasSubstr("Loaded"));
  std::filesystem::create_directories(dir_ / "rules");
  Write("rules/good.yml",
        "title: Good\nlogsource: {product: linux}\n"
        "detection: {sel: {user: root}, condition: sel}\n");
  Write("rules/bad.yml",
        "title: Bad\nlogsource: {product: linux}\ndetection:\n"
        "  sel: {user|startswit: root}\n  condition: sel\n");
  Outcome r = Sokuo({"rules", "check", (dir_ / "rules").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, HasSubstr("Loaded 1 rules from 2 files"));
  EXPECT_THAT(r.out, HasSubstr("bad.yml:4  Bad: 'startswit' on user is not a Sigma modifier"));
  EXPECT_THAT(r.out, HasSubstr("did you mean 'startswith'"));
  Outcome json = Sokuo({"--json", "rules", "check", (dir_ / "rules").string()});
  auto doc = nlohmann::json::parse(json.out);  // one problem document
  EXPECT_EQ(doc["code"], "cli.rules_not_loaded");
  ASSERT_EQ(doc["errors"].size(), 1u);
  EXPECT_EQ(doc["errors"][0]["code"], "sigma.unknown_modifier");
  EXPECT_THAT(doc["errors"][0]["where"].get<std::string>(), HasSubstr("bad.yml:4"));
  // hunt runs with the rules that load, and says how many it left out.
  Outcome hunt = Sokuo({"hunt", "--rules", (dir_ / "rules").string(),
                        std::string(SOKUO_SOURCE_DIR) + "/examples/sshd.log"});
  EXPECT_EQ(hunt.exit_code, 0);
  EXPECT_THAT(hunt.err, HasSubstr("1 rules could not be loaded"));
}

TEST_F(CliTest, HuntRefusesBadOptionsAndSurvivesAnyBytes) {
  std::string log = std::string(SOKUO_SOURCE_DIR) + "/examples/sshd.log";
  EXPECT_EQ(Sokuo({"hunt", log, "--format", "xml"}).exit_code, 2);
  EXPECT_EQ(Sokuo({"hunt", log, "--log-format", "evtx"}).exit_code, 2);
  EXPECT_EQ(Sokuo({"hunt", log, "--logsource", "vendor=x"}).exit_code, 2);
  EXPECT_EQ(Sokuo({"hunt", log, "--placeholder", "nothing"}).exit_code, 2);
  EXPECT_EQ(Sokuo({"hunt", log, "--min-level", "severe"}).exit_code, 2);
  EXPECT_EQ(Sokuo({"hunt", (dir_ / "missing.log").string()}).exit_code, 3);
  EXPECT_EQ(Sokuo({"hunt", "--rules", (dir_ / "nowhere").string(), log}).exit_code, 3);
  std::string bytes;
  for (int i = 0; i < 200000; ++i) bytes += static_cast<char>((i * 7919) % 256);
  std::string junk = Write("junk.bin", bytes);
  Outcome r = Sokuo({"hunt", junk, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(nlohmann::json::accept(r.out)) << r.out.substr(0, 300);
}

}  // namespace
}  // namespace sokuo::testing
