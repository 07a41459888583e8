#include "core/org_rules.h"

#include <functional>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/org_fixture.h"

namespace sokuo::core {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// A problem at `where` whose English text is `text`, carried as a message code.
MATCHER_P2(IsDetail, where, text, "") {
  return arg.where == where && arg.message == text && !arg.msg.empty();
}

TEST(OrgRulesTest, TheFixtureIsValid) { EXPECT_THAT(Validate(SmallOrganization()), IsEmpty()); }

// Each case breaks one rule of a valid organization and expects exactly that problem.
TEST(OrgRulesTest, EachRuleReportsItsProblem) {
  struct Case {
    const char* name;
    std::function<void(Organization&)> breaks;
    Detail expected;
  };
  const Case cases[] = {
      {"company name",
       [](Organization& o) { o.company.name.clear(); },
       {"/company/name", "company name is required"}},
      {"holiday date",
       [](Organization& o) { o.company.holidays[0].date = "2026-11-31"; },
       {"/company/holidays/0/date", "'2026-11-31' is no such day"}},
      {"duplicate id",
       [](Organization& o) { o.media.push_back(o.media[0]); },
       {"/media/1/id", "duplicate id 'backup-tapes' (first used at /media/0)"}},
      {"bad slug",
       [](Organization& o) { o.media[0].id = "Backup Tapes"; },
       {"/media/0/id", "id 'Backup Tapes' must be lower-case letters, digits and single hyphens"}},
      {"unknown head",
       [](Organization& o) { o.departments[2].head = "p-tanka"; },
       {"/departments/2/head", "unknown person 'p-tanka' (did you mean 'p-tanaka'?)"}},
      {"own parent",
       [](Organization& o) { o.departments[2].parent = "sales"; },
       {"/departments/2/parent", "a department cannot be its own parent"}},
      {"no committee",
       [](Organization& o) { o.departments[0].kind = DepartmentKind::kOther; },
       {"/departments", "no department of kind 'committee' (the Information Security Committee)"}},
      {"no IS department",
       [](Organization& o) { o.departments[1].kind = DepartmentKind::kUser; },
       {"/departments", "no department of kind 'it' (the IS department)"}},
      {"person without department",
       [](Organization& o) { o.people[1].department.clear(); },
       {"/people/1/department", "department is required"}},
      {"bad email",
       [](Organization& o) { o.people[0].email = "sato.example.jp"; },
       {"/people/0/email", "'sato.example.jp' is not an email address"}},
      {"missing chair",
       [](Organization& o) { o.roles.erase(o.roles.begin()); },
       {"/roles", "no committee chair: add a role 'committee_chair'"}},
      {"two chairs",
       [](Organization& o) {
         o.roles.push_back({.role = RoleKind::kCommitteeChair, .person = "p-tanaka"});
       },
       {"/roles/3/role", "the committee has more than one chair"}},
      {"duplicate role",
       [](Organization& o) { o.roles.push_back(o.roles[1]); },
       {"/roles/3", "the same role is assigned to 'p-suzuki' twice"}},
      {"own deputy",
       [](Organization& o) { o.roles[0].deputies = {"p-sato"}; },
       {"/roles/0/deputies/0", "a person cannot be their own deputy"}},
      {"plan role without department",
       [](Organization& o) { o.roles[2].department.clear(); },
       {"/roles/2/department", "department is required"}},
      {"host name twice",
       [](Organization& o) {
         o.systems[1].hosts = {{.name = "sw01"}};
         o.systems[2].hosts = {{.name = "app01"}, {.name = "sw01"}};
       },
       {"/systems/2/hosts/1/name", "host name 'sw01' is used twice (first at /systems/1/hosts/0)"}},
      {"host without a name",
       [](Organization& o) { o.systems[2].hosts = {{.role = "database"}}; },
       {"/systems/2/hosts/0/name", "name is required"}},
      {"vendor not a vendor",
       [](Organization& o) { o.systems[1].vendor = "police"; },
       {"/systems/1/vendor", "contact 'police' is not a vendor"}},
      {"unknown dependency",
       [](Organization& o) { o.systems[2].depends_on[0] = "core-netwrk"; },
       {"/systems/2/depends_on/0", "unknown system 'core-netwrk' (did you mean 'core-network'?)"}},
      {"self dependency",
       [](Organization& o) { o.systems[0].depends_on = {"power"}; },
       {"/systems/0/depends_on/0", "system 'power' cannot depend on itself"}},
      {"later tier",
       [](Organization& o) { o.systems[1].tier = Tier::kC; },
       {"/systems/2/depends_on/0",
        "tier-b system 'orders' depends on tier-c system 'core-network': a dependency must be in "
        "the same or an earlier tier"}},
      {"negative rto",
       [](Organization& o) { o.systems[2].rto_hours = -1; },
       {"/systems/2/rto_hours", "must be >= 0"}},
      {"unknown medium system",
       [](Organization& o) { o.media[0].system = "erp"; },
       {"/media/0/system", "unknown system 'erp'"}},
      {"duplicate category",
       [](Organization& o) {
         o.incident_categories = {"intrusions", "ransomware", "intrusions"};
       },
       {"/incident_categories/2", "category 'intrusions' is listed twice"}},
      {"contract expiry",
       [](Organization& o) { o.contacts[1].contract->expires = "31/03/2027"; },
       {"/contacts/1/contract/expires", "'31/03/2027' is not a date (YYYY-MM-DD)"}},
      {"smtp scheme",
       [](Organization& o) {
         o.notifications.email = EmailSettings{.smtp = "mail.example.jp", .from = "s@x.jp"};
       },
       {"/notifications/email/smtp", "'mail.example.jp' must begin with smtp:// | smtps://"}},
      {"password in the file",
       [](Organization& o) {
         o.notifications.email = EmailSettings{
             .smtp = "smtp://mail.example.jp", .from = "s@x.jp", .password_env = "hunter2!"};
       },
       {"/notifications/email/password_env",
        "environment variable name 'hunter2!' must be upper-case letters, digits and _, not "
        "starting with a digit"}},
      {"webhook with two addresses",
       [](Organization& o) {
         o.notifications.webhooks = {
             {.id = "chat", .url = "https://chat.test/h", .url_env = "CHAT_URL"}};
       },
       {"/notifications/webhooks/0", "give a webhook's address as exactly one of url and url_env"}},
      {"webhook kind",
       [](Organization& o) {
         o.notifications.webhooks = {
             {.id = "chat", .url = "https://chat.test/h", .kinds = {"incident.reportd"}}};
       },
       {"/notifications/webhooks/0/kinds/0", "no message kind 'incident.reportd'"}},
      {"escalation",
       [](Organization& o) { o.notifications.escalate_after_minutes = 0; },
       {"/notifications/escalate_after_minutes", "must be between 1 and 1440"}},
      {"next level",
       [](Organization& o) { o.notifications.escalate_to = {"p-satou"}; },
       {"/notifications/escalate_to/0", "unknown person 'p-satou' (did you mean 'p-sato'?)"}},
  };
  for (const Case& c : cases) {
    Organization org = SmallOrganization();
    c.breaks(org);
    EXPECT_THAT(Validate(org), ElementsAre(IsDetail(c.expected.where, c.expected.message)))
        << c.name;
  }
}

TEST(OrgRulesTest, ProblemsReadInJapanese) {
  Organization org = SmallOrganization();
  org.departments[2].head = "p-tanka";
  org.systems[1].tier = Tier::kC;
  org.people[1].department.clear();
  auto problems = Validate(org);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].Text(Lang::kJa),
            "人物「p-tanka」は登録されていません（「p-tanaka」の誤りではありませんか？）");
  EXPECT_EQ(problems[1].Text(Lang::kJa), "部署は必須です");
  EXPECT_EQ(problems[2].Text(Lang::kJa),
            "ティア B のシステム「orders」がティア C のシステム「core-network」に依存しています。"
            "依存先は同じかそれより前のティアにしてください");
  EXPECT_EQ(
      problems[0].msg,
      Msg("ref.unknown", {{"what", "person"}, {"id", "p-tanka"}, {"suggestion", "p-tanaka"}}));
}

TEST(OrgRulesTest, NamesTheDependencyCycle) {
  Organization org = SmallOrganization();
  org.systems[0].depends_on = {"orders"};  // power → orders → core-network → power
  org.systems[0].tier = Tier::kB;          // keep the tier rule quiet
  org.systems[1].tier = Tier::kB;
  EXPECT_THAT(Validate(org),
              ElementsAre(IsDetail("/systems/1/depends_on/0",
                                   "dependency cycle among systems: power → orders → core-network "
                                   "→ power"),
                          IsDetail("/systems/2/depends_on/1",
                                   "dependency cycle among systems: power → orders → power")));
}

TEST(OrgRulesTest, NamesTheDepartmentCycle) {
  Organization org = SmallOrganization();
  org.departments[1].parent = "sales";
  org.departments[2].parent = "it-dept";
  auto problems = Validate(org);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].message, "departments form a cycle: it-dept → sales → it-dept");
}

TEST(OrgRulesTest, ReportsEveryProblemNotJustTheFirst) {
  Organization org = SmallOrganization();
  org.people[0].department = "nowhere";
  org.systems[2].owner = "nobody";
  org.roles.clear();
  EXPECT_EQ(Validate(org).size(), 3u);
}

TEST(OrgRulesTest, Slugs) {
  for (const char* ok : {"it-dept", "a", "p-0001", "core-network"}) EXPECT_TRUE(IsSlug(ok)) << ok;
  for (const char* bad : {"", "-a", "a-", "a--b", "IT", "a_b", "情報", "a b"}) {
    EXPECT_FALSE(IsSlug(bad)) << bad;
  }
}

TEST(OrgRulesTest, Dependents) {
  EXPECT_THAT(Dependents(SmallOrganization(), "power"), ElementsAre("core-network", "orders"));
  EXPECT_THAT(Dependents(SmallOrganization(), "orders"), IsEmpty());
}

}  // namespace
}  // namespace sokuo::core
