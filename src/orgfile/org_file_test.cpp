#include "orgfile/org_file.h"

#include <algorithm>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/org_fields.h"
#include "core/org_fixture.h"

namespace sokuo::orgfile {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> Messages(const Result<core::Organization>& r) {
  std::vector<std::string> out;
  if (r) return out;
  for (const Detail& d : r.error().details) out.push_back(d.where + ": " + d.message);
  return out;
}

TEST(OrgFileTest, EmitThenParseGivesTheSameOrganization) {
  core::Organization org = core::SmallOrganization();
  std::string text = Emit(org);
  auto back = Parse(text, "x.yaml");
  ASSERT_TRUE(back) << back.error().ToString() << "\n" << text;
  EXPECT_EQ(*back, org);
  EXPECT_EQ(Emit(*back), text);
}

TEST(OrgFileTest, AwkwardTextSurvivesTheRoundTrip) {
  core::Organization org = core::SmallOrganization();
  org.people[0].title = "null";
  org.people[0].skills = {"~", "a: b", "- dash", "'quote'", "line\nbreak", "  padded  "};
  org.contacts[0].note = "#not a comment";
  org.systems[2].workaround = "紙の注文票で受け付け、復旧後に入力する\n(2行目)";
  org.incident_categories = {"ransomware", "phishing", "null"};
  auto back = Parse(Emit(org), "x.yaml");
  ASSERT_TRUE(back) << back.error().ToString();
  EXPECT_EQ(*back, org);
}

TEST(OrgFileTest, NotificationSettingsRoundTripWithoutSecrets) {
  core::Organization org = core::SmallOrganization();
  org.notifications.link_base = "https://sokuo.example.jp";
  org.notifications.email = core::EmailSettings{.smtp = "smtp://mail.example.jp:587",
                                                .from = "sokuo@example.jp",
                                                .starttls = core::StartTls::kTry,
                                                .user = "sokuo",
                                                .password_env = "SOKUO_SMTP_PASSWORD"};
  org.notifications.webhooks = {
      {.id = "is-chat",
       .url_env = "SOKUO_SLACK_URL",
       .format = core::WebhookFormat::kSlack,
       .kinds = {"incident.reported", "incident.escalation"}},
      {.id = "siem", .url = "https://siem.example.jp/h", .secret_env = "SOKUO_SIEM_KEY"}};
  org.notifications.escalate_after_minutes = 20;
  std::string text = Emit(org);
  EXPECT_THAT(text, HasSubstr("password_env: SOKUO_SMTP_PASSWORD"));
  auto back = Parse(text, "x.yaml");
  ASSERT_TRUE(back) << back.error().ToString();
  EXPECT_EQ(*back, org);
  // A misspelt key is named, with the one it was meant to be.
  std::string typo = text;
  typo.replace(typo.find("starttls:"), 9, "starttsl:");
  auto refused = Parse(typo, "x.yaml");
  ASSERT_FALSE(refused);
  EXPECT_THAT(refused.error().ToString(), HasSubstr("starttls"));
}

TEST(OrgFileTest, DisasterRecoveryFieldsRoundTrip) {
  core::Organization org = core::SmallOrganization();
  org.people[1].available_for_emergency_work = false;
  org.systems[2].restore_effort_hours = 36;
  std::string text = Emit(org);
  EXPECT_THAT(text, HasSubstr("available_for_emergency_work: false"));
  EXPECT_THAT(text, HasSubstr("restore_effort_hours: 36"));
  EXPECT_EQ(text.find("available_for_emergency_work: true"), std::string::npos);  // the default
  auto back = Parse(text, "x.yaml");
  ASSERT_TRUE(back) << back.error().ToString();
  EXPECT_EQ(*back, org);
  EXPECT_TRUE(back->people[0].available_for_emergency_work);
}

TEST(OrgFileTest, DisasterRecoveryFieldsOfTheWrongTypeArePositioned) {
  const char* text =
      "company: {name: X}\n"
      "departments:\n"
      "  - {id: committee, name: C, kind: committee, head: p-a}\n"
      "  - {id: it, name: IS, kind: it}\n"
      "people:\n"
      "  - id: p-a\n"
      "    name: A\n"
      "    department: it\n"
      "    available_for_emergency_work: sometimes\n"
      "    availabel_for_emergency_work: true\n"
      "roles:\n"
      "  - {role: committee_chair, person: p-a}\n"
      "systems:\n"
      "  - {id: s, name: S, tier: a, owner: it, restore_effort_hours: [1]}\n";
  EXPECT_THAT(Messages(Parse(text, "org.yaml")),
              ElementsAre("org.yaml:9:35: expected true or false, got 'sometimes'",
                          "org.yaml:10:5: unknown key 'availabel_for_emergency_work' (did you mean "
                          "'available_for_emergency_work'?)",
                          "org.yaml:14:64: expected a whole number, got a list"));
}

TEST(OrgFileTest, ReportsEveryProblemWithItsPosition) {
  const char* text =
      "company:\n"
      "  name: X\n"
      "  time_zon: Asia/Tokyo\n"
      "departments:\n"
      "  - {id: committee, name: C, kind: committee}\n"
      "  - {id: it, name: IS, kind: itt}\n"
      "people:\n"
      "  - id: p-a\n"
      "    name: A\n"
      "    department: comittee\n"
      "roles:\n"
      "  - {role: committee_chair, person: p-a}\n"
      "systems:\n"
      "  - {id: s, name: S, tier: 1, owner: it, rto_hours: soon}\n";
  EXPECT_THAT(Messages(Parse(text, "org.yaml")),
              ElementsAre("org.yaml:3:3: unknown key 'time_zon' (did you mean 'time_zone'?)",
                          "org.yaml:5:3: no department of kind 'it' (the IS department)",
                          "org.yaml:6:30: unknown department kind 'itt' (did you mean 'it'?)",
                          "org.yaml:10:17: unknown department 'comittee' (did you mean "
                          "'committee'?)",
                          "org.yaml:14:28: unknown tier '1' (one of: a, b, c)",
                          "org.yaml:14:53: expected a whole number, got 'soon'"));
}

// Problems are codes, the rules' own included: they render in Japanese as well.
TEST(OrgFileTest, ProblemsRenderInJapanese) {
  const char* text =
      "company: {name: X, time_zon: Asia/Tokyo}\n"
      "departments:\n"
      "  - {id: committee, name: C, kind: comittee}\n"
      "  - {id: it, name: IS, kind: it, head: [p-a]}\n"
      "systems:\n"
      "  - {id: s, name: S, tier: 1, owner: it, rto_hours: soon}\n";
  auto r = Parse(text, "org.yaml");
  ASSERT_FALSE(r);
  std::vector<std::string> ja;
  for (const Detail& d : r.error().details) {
    EXPECT_FALSE(d.msg.empty()) << d;
    ja.push_back(d.where + ": " + d.Text(Lang::kJa));
  }
  EXPECT_THAT(
      ja,
      ElementsAre(
          "org.yaml:1:1: 委員長がいません。役割 'committee_chair' を追加してください",
          "org.yaml:1:20: キー「time_zon」は使えません（「time_zone」の誤りではありませんか？）",
          "org.yaml:3:3: 種別 'committee' の部署（情報セキュリティ委員会）がありません",
          "org.yaml:3:36: "
          "部署の種別「comittee」は不明です（「committee」の誤りではありませんか？）",
          "org.yaml:4:40: 文字列を指定してください（指定されたのはリスト）",
          "org.yaml:6:28: ティア「1」は不明です（a, b, c のいずれか）",
          "org.yaml:6:53: 整数を指定してください（指定値: 「soon」）"));
  EXPECT_EQ(r.error().Text(Lang::kJa), "組織ファイルに 7 件の問題があります");
}

// Every enum noun of the file has a term, so that "unknown <noun>" reads in Japanese too.
TEST(OrgFileTest, EveryEnumNounIsATerm) {
  for (std::string_view noun :
       {core::EnumTraits<core::DepartmentKind>::kNoun, core::EnumTraits<core::RoleKind>::kNoun,
        core::EnumTraits<core::ContactKind>::kNoun, core::EnumTraits<core::ChannelKind>::kNoun,
        core::EnumTraits<core::Tier>::kNoun, core::EnumTraits<core::SystemCategory>::kNoun,
        core::EnumTraits<core::Confidentiality>::kNoun,
        core::EnumTraits<core::MediumKind>::kNoun}) {
    std::string code = "term." + std::string(noun);
    std::replace(code.begin(), code.end(), ' ', '_');
    bool found = false;
    for (const CatalogEntry& e : Catalog()) found |= e.code == code && e.en == noun;
    EXPECT_TRUE(found) << code;
  }
}

TEST(OrgFileTest, RuleProblemsPointAtTheValue) {
  const char* text =
      "company: {name: X}\n"
      "departments:\n"
      "  - {id: committee, name: C, kind: committee}\n"
      "  - {id: it, name: IS, kind: it}\n"
      "people:\n"
      "  - id: p-a\n"
      "    name: A\n"
      "    department: comittee\n"
      "systems:\n"
      "  - {id: s, name: S, tier: a, owner: it, depends_on: [s]}\n";
  EXPECT_THAT(
      Messages(Parse(text, "org.yaml")),
      ElementsAre("org.yaml:1:1: no committee chair: add a role 'committee_chair'",
                  "org.yaml:8:17: unknown department 'comittee' (did you mean 'committee'?)",
                  "org.yaml:10:55: system 's' cannot depend on itself"));
}

// A misspelt key is one problem: it names the key it was meant to be, and neither its absence
// (a missing required key) nor a rule about it (a tier order, a reference) is said again. A key
// that names nothing leaves its object's rules unchecked, so that a misnamed section is one
// problem and not one per reference to it. Each case edits one line of a valid file.
TEST(OrgFileTest, AMisspeltKeyIsOneProblem) {
  struct Case {
    const char* from;
    const char* to;
    std::vector<std::string> problems;
  } cases[] = {
      {"    tier: a\n", "    teir: a\n", {"unknown key 'teir' (did you mean 'tier'?)"}},
      {"    owner: it-dept\n",
       "    ownr: it-dept\n",
       {"unknown key 'ownr' (did you mean 'owner'?)"}},
      {"    head: p-sato\n", "    heda: p-sato\n", {"unknown key 'heda' (did you mean 'head'?)"}},
      {"    department: committee\n",
       "    departmnet: committee\n",
       {"unknown key 'departmnet' (did you mean 'department'?)"}},
      {"    deputies: [p-suzuki]\n",
       "    deputy: [p-suzuki]\n",
       {"unknown key 'deputy' (did you mean 'deputies'?)"}},
      {"departments:\n",
       "departmets:\n",
       {"unknown key 'departmets' (did you mean 'departments'?)"}},
      {"people:\n", "peple:\n", {"unknown key 'peple' (did you mean 'people'?)"}},
      {"people:\n", "staff:\n", {"unknown key 'staff'"}},
      // The value under the meant key is not judged yet: the key comes first.
      {"    tier: a\n", "    teir: z\n", {"unknown key 'teir' (did you mean 'tier'?)"}},
      // A key that names nothing leaves the rest of its object to say what is missing, and
      // what names the object elsewhere (people, heads) is not checked yet.
      {"  - id: it-dept\n", "  - ident: it-dept\n", {"unknown key 'ident'", "missing key 'id'"}},
      // Both spellings present: the misspelt one is only unknown.
      {"    tier: a\n",
       "    tier: a\n    teir: b\n",
       {"unknown key 'teir' (did you mean 'tier'?)"}},
  };
  const std::string valid = Emit(core::SmallOrganization());
  ASSERT_TRUE(Parse(valid, "org.yaml"));
  for (const Case& c : cases) {
    std::string text = valid;
    auto at = text.find(c.from);
    ASSERT_NE(at, std::string::npos) << c.from << "\n" << valid;
    text.replace(at, std::string(c.from).size(), c.to);
    auto r = Parse(text, "org.yaml");
    ASSERT_FALSE(r) << c.to;
    std::vector<std::string> problems;
    for (const Detail& d : r.error().details) problems.push_back(d.message);
    EXPECT_EQ(problems, c.problems) << c.to;
  }
}

// Syntax errors say what was expected where, in words of the file's author, in both languages.
TEST(OrgFileTest, SyntaxErrorsSayWhatWasExpected) {
  struct Case {
    const char* text;
    const char* en;
    const char* ja;
  } cases[] = {
      {"company: {name: X\ndepartments: []\n",
       "bad.yaml:2:12: the '{' at line 1, column 10 is not closed: a '}' is expected before this "
       "point (items are separated by ',')",
       "1 行 10 列の「{」が閉じていません"},
      // Brackets inside quoted text (escapes included) and comments are not the one left open.
      {"company: {name: \"C:\\\\{\\\"[\", note: '[it''s'  # }\npeople: []\n",
       "bad.yaml:2:1: the '{' at line 1, column 10 is not closed: a '}' is expected before this "
       "point (items are separated by ',')",
       "1 行 10 列の「{」が閉じていません"},
      {"company: {name: X}\nincident_categories: [a, b\npeople: []\n",
       "bad.yaml:3:7: the '[' at line 2, column 22 is not closed: a ']' is expected before this "
       "point (items are separated by ',')",
       "2 行 22 列の「[」が閉じていません"},
      {"company:\n\tname: X\n",
       "bad.yaml:2:1: a tab in the indentation: YAML indents with "
       "spaces only",
       "字下げにタブが使われています"},
      {"company:\n  name: 例: 株式会社\n",
       "bad.yaml:2:12: a ': ' cannot stand here: quote a value that contains ': ' (\"a: b\"), or, "
       "if this is a key, check its indentation and the line above",
       "引用符で囲むか"},
      {"departments:\n  - id: a\n  name: b\n",
       "bad.yaml:3:3: the indentation does not line up: this line should start in the same column "
       "as the keys (or the '- ' items) above it",
       "字下げがそろっていません"},
      {"company: {name: X}}\n",
       "bad.yaml:1:19: this '}' closes nothing: no bracket was opened "
       "before it",
       "「}」に対応する開き括弧がありません"},
      {"company: {name: @asagino}\n",
       "bad.yaml:1:17: a value that starts with '@' must be "
       "quoted (YAML reserves the character)",
       "「@」で始まる値は引用符で囲んでください"},
      {"company: {name: \"C:\\data\"}\n",
       "bad.yaml:1:22: unknown escape '\\d' in double quotes "
       "(write a backslash as '\\\\', or use single quotes)",
       "「\\d」は使えません"},
      {"company: {name: *name}\n",
       "bad.yaml:1:17: this '*' alias refers to no '&' anchor "
       "defined above it",
       "参照先"},
  };
  for (const Case& c : cases) {
    auto r = Parse(c.text, "bad.yaml");
    ASSERT_FALSE(r) << c.text;
    ASSERT_EQ(r.error().details.size(), 1u) << c.text;
    const Detail& d = r.error().details[0];
    EXPECT_EQ(d.where + ": " + d.message, c.en) << c.text;
    EXPECT_THAT(d.Text(Lang::kJa), HasSubstr(c.ja)) << c.text;
  }
}

TEST(OrgFileTest, RefusesEmptyAndOversizedFiles) {
  EXPECT_THAT(Messages(Parse("", "e.yaml")), ElementsAre("e.yaml:1:1: the file is empty"));
  EXPECT_THAT(Messages(Parse("[1, 2]", "l.yaml")),
              ElementsAre("l.yaml:1:1: expected a mapping (key: value), got a list"));
  std::string big(kMaxFileBytes + 1, '#');
  auto r = Parse(big, "big.yaml");
  ASSERT_FALSE(r);
  EXPECT_THAT(r.error().message, HasSubstr("larger than 8 MiB"));
}

TEST(OrgFileTest, AliasBombIsBounded) {
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'j'; ++c) {
    text += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) text += std::string(i ? ", *" : "*") + prev;
    text += "]\n";
    prev = c;
  }
  text += "company: {name: X}\ndepartments: *j\n";
  auto r = Parse(text, "bomb.yaml");
  ASSERT_FALSE(r);  // unknown keys a..j at least; and no hang
  EXPECT_GE(r.error().details.size(), 10u);
}

}  // namespace
}  // namespace sokuo::orgfile
