#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/disaster_fixture.h"
#include "core/org_fixture.h"
#include "report/agency_form.h"
#include "report/binder.h"
#include "report/disaster_report.h"
#include "report/html.h"
#include "report/incident_report.h"

namespace sokuo::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Calendar Tokyo() { return *Calendar::Create("Asia/Tokyo", {}); }

TEST(HtmlTest, EscapesWhatCouldBeMarkup) {
  EXPECT_EQ(HtmlEscape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  Html h;
  h.Element("td", "<b>", "class=\"x\"");
  EXPECT_EQ(h.str(), "<td class=\"x\">&lt;b&gt;</td>");
}

TEST(BinderTest, NamesTheCommitteeTheTreeTheContactsAndEverySystem) {
  core::Organization org = core::SmallOrganization();
  std::string html = BinderHtml(
      org, {.generated_at = "2026-11-27T01:00:00Z", .head_seq = 42, .head_hash = "abc123"}, Tokyo(),
      Lang::kJa);
  EXPECT_THAT(html, HasSubstr("<html lang=\"ja\">"));
  EXPECT_THAT(html, HasSubstr("2026-11-27 10:00"));  // the stamp on the company's clock
  EXPECT_THAT(html, HasSubstr("abc123"));
  EXPECT_THAT(html, HasSubstr("携帯 090-0000-0001"));  // the phone's kind, in words
  int committee = 0;
  for (const core::RoleAssignment& r : org.roles) {
    const core::Person* p = org.FindPerson(r.person);
    ASSERT_NE(p, nullptr);
    EXPECT_THAT(html, HasSubstr(p->name)) << r.person;
    for (const core::Phone& ph : p->phones) EXPECT_THAT(html, HasSubstr(ph.number));
    committee += r.role == core::RoleKind::kCommitteeChair ? 1 : 0;
  }
  EXPECT_EQ(committee, 1);
  for (const core::InfoSystem& s : org.systems) EXPECT_THAT(html, HasSubstr(s.name));
  for (const core::ExternalContact& c : org.contacts) EXPECT_THAT(html, HasSubstr(c.name));
  // Self-contained: nothing is fetched from anywhere.
  EXPECT_THAT(html, Not(HasSubstr("src=")));
  EXPECT_THAT(html, Not(HasSubstr("href=")));
  EXPECT_THAT(html, Not(HasSubstr("@import")));
  EXPECT_THAT(html, HasSubstr("被害調査票"));
  EXPECT_THAT(html, HasSubstr("安否確認票"));
}

TEST(BinderTest, RecordsCannotInjectMarkupAndEnglishIsOnOffer) {
  core::Organization org = core::SmallOrganization();
  org.company.name_en = "<script>alert(1)</script>";
  org.people[0].name_en = "Taro \"Bobby\" <b>";
  std::string html = BinderHtml(org, {.generated_at = "2026-11-27T01:00:00Z"}, Tokyo(), Lang::kEn);
  EXPECT_THAT(html, HasSubstr("<html lang=\"en\">"));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt; emergency binder"));
  EXPECT_THAT(html, Not(HasSubstr("<script>")));
  EXPECT_THAT(html, Not(HasSubstr("<b>")));
  EXPECT_THAT(html, HasSubstr("Damage survey"));
}

// A breach of the order system, recorded out of order: the contact to the police was typed in
// before the earlier one to the regulator.
core::Incident Breach() {
  core::Incident i;
  i.key = "INC-2026-0003";
  i.title = "受注システムからの顧客情報流出";
  i.summary = "顧客から不審なメールが届いたとの連絡";
  i.detection = core::Detection::kOutsideNotice;
  i.occurred_at = "2026-11-20T15:00:00Z";
  i.aware_at = "2026-11-21T00:30:00Z";
  i.reported_at = "2026-11-21T01:00:00Z";
  i.reported_by = "p-tanaka";
  i.reporter_department = "sales";
  i.systems = {"orders"};
  i.hosts = {{"orders", "web01"}};
  i.state = core::IncidentState::kRecovering;
  i.decisions = {{.id = 1,
                  .kind = core::DecisionKind::kAgencyContact,
                  .text = "警察と個人情報保護委員会に連絡する",
                  .decided_by = "p-sato",
                  .decided_at = "2026-11-21T03:00:00Z"}};
  i.contacts = {{.id = 1,
                 .audience = core::Audience::kPolice,
                 .contact = "police",
                 .summary = "被害の相談",
                 .at = "2026-11-21T06:00:00Z",
                 .by = "p-suzuki",
                 .approved_by = 1},
                {.id = 2,
                 .audience = core::Audience::kRegulator,
                 .contact = "ppc",
                 .channel = core::ChannelKind::kWeb,
                 .summary = "速報を提出",
                 .at = "2026-11-21T04:00:00Z",
                 .by = "p-suzuki",
                 .approved_by = 1}};
  i.assessment = core::Assessment{.kinds = {core::DamageKind::kLeak},
                                  .intrusion_route = "管理画面の脆弱性",
                                  .attacker = "198.51.100.7",
                                  .leaks = {{.system = "orders",
                                             .data_class = "customer orders",
                                             .persons = 1200,
                                             .personal_data = true}},
                                  .unauthorized_purpose = core::Likelihood::kYes,
                                  .assessed_by = "p-suzuki",
                                  .assessed_at = "2026-11-21T05:00:00Z"};
  i.recovery = {{.system = "orders",
                 .status = core::RecoveryStatus::kRestored,
                 .by = "p-suzuki",
                 .at = "2026-11-22T01:00:00Z"}};
  i.prevention = {
      {.id = 1, .text = "管理画面を社内からのみに", .owner = "p-suzuki", .due = "2026-12-15"}};
  i.evidence = {{.id = 1,
                 .kind = core::EvidenceKind::kAccessLog,
                 .name = "access.log",
                 .sha256 = std::string(64, 'a'),
                 .bytes = 2048,
                 .collected_by = "p-suzuki",
                 .collected_at = "2026-11-21T02:00:00Z"}};
  return i;
}

core::Organization WithHost() {
  core::Organization org = core::SmallOrganization();
  org.systems[2].hosts = {{"web01", "web server", "192.0.2.10", "Debian 12"},
                          {"db01", "database", "192.0.2.11", "PostgreSQL 15"}};
  return org;
}

TEST(IncidentReportTest, EverySectionAndTheContactsInTheOrderTheyWereMade) {
  core::Organization org = WithHost();
  core::Incident i = Breach();
  std::string html = IncidentReportHtml(
      {.incident = i, .stamp = {.generated_at = "2026-11-27T01:00:00Z", .head_hash = "feed"}}, org,
      Tokyo(), Lang::kJa);
  EXPECT_THAT(html, HasSubstr("INC-2026-0003"));
  EXPECT_THAT(html, HasSubstr("feed"));
  // Sections in order.
  size_t at = 0;
  for (const char* heading :
       {"1. 概要", "2. 経過", "3. 委員会の決定", "4. 連絡", "6. 被害状況", "7. 復旧",
        "8. 原因と再発防止", "9. 証拠", "個人情報保護委員会への報告", "IPA への不正アクセス届出",
        "JPCERT/CC へのインシデント報告"}) {
    size_t found = html.find(heading, at);
    ASSERT_NE(found, std::string::npos) << heading;
    at = found;
  }
  // The regulator (04:00 UTC, 13:00 in Tokyo) before the police (06:00 UTC), though recorded
  // after it; each with the decision that approved it and who made it.
  size_t contacts = html.find("4. 連絡");
  size_t regulator = html.find("速報を提出", contacts);
  size_t police = html.find("被害の相談", contacts);
  ASSERT_NE(regulator, std::string::npos);
  EXPECT_LT(regulator, police);
  EXPECT_THAT(html, HasSubstr("決定 #1（佐藤 一郎、2026-11-21 12:00 JST）"));
  EXPECT_THAT(html, HasSubstr("2026-11-21 13:00"));
  // The course of events in the order things happened: occurrence, awareness, report.
  size_t course = html.find("2. 経過");
  size_t occurred = html.find("2026-11-21 00:00", course);
  size_t aware = html.find("2026-11-21 09:30", course);
  size_t reported = html.find("田中 健 が報告", course);
  EXPECT_LT(occurred, aware);
  EXPECT_LT(aware, reported);
  EXPECT_THAT(html, HasSubstr(std::string(64, 'a')));  // the evidence's hash, in full
  EXPECT_THAT(html, HasSubstr("管理画面を社内からのみに"));
  EXPECT_THAT(html, Not(HasSubstr("src=")));
  EXPECT_THAT(html, Not(HasSubstr("href=")));
}

TEST(IncidentReportTest, EnglishAndNoMarkupFromTheRecord) {
  core::Organization org = WithHost();
  core::Incident i = Breach();
  i.title = "<img src=x onerror=alert(1)>";
  i.contacts[0].summary = "</td><script>";
  std::string html = IncidentReportHtml({.incident = i, .stamp = {}}, org, Tokyo(), Lang::kEn);
  EXPECT_THAT(html, HasSubstr("<html lang=\"en\">"));
  EXPECT_THAT(html, HasSubstr("2. Course of events"));
  EXPECT_THAT(html, HasSubstr("decision #1 (Ichiro Sato, 2026-11-21 12:00 JST)"));
  EXPECT_THAT(html, Not(HasSubstr("<img")));
  EXPECT_THAT(html, Not(HasSubstr("<script>")));
  EXPECT_THAT(html, HasSubstr("&lt;/td&gt;&lt;script&gt;"));
}

TEST(IncidentReportTest, AnEmptySectionSaysSo) {
  core::Organization org = WithHost();
  core::Incident i;
  i.key = "INC-2026-0009";
  i.title = "x";
  i.reported_at = "2026-11-21T01:00:00Z";
  std::string html = IncidentReportHtml({.incident = i, .stamp = {}}, org, Tokyo(), Lang::kJa);
  EXPECT_THAT(html, HasSubstr("3. 委員会の決定</h2><p class=\"empty\">まだ記録がありません。"));
}

std::vector<std::string> Codes(const std::vector<FormField>& fields) {
  std::vector<std::string> out;
  for (const FormField& f : fields) out.push_back(f.code);
  return out;
}

const FormField& Field(const std::vector<FormField>& fields, const std::string& code) {
  for (const FormField& f : fields) {
    if (f.code == code) return f;
  }
  static const FormField kNone{"missing", "", ""};
  ADD_FAILURE() << "no field " << code;
  return kNone;
}

TEST(AgencyFormTest, TheRegulatorsItemsInOrderFromTheRecord) {
  core::Organization org = WithHost();
  Calendar tokyo = Tokyo();
  Words w(org, tokyo, Lang::kJa);
  std::vector<FormField> form = AgencyForm(Agency::kPpc, Breach(), w);
  EXPECT_EQ(Codes(form),
            (std::vector<std::string>{
                "form.ppc.reporter", "form.ppc.occurred_at", "form.ppc.aware_at", "form.ppc.event",
                "form.ppc.discovered_by", "form.ppc.rule7", "form.ppc.entrusted", "form.ppc.course",
                "form.ppc.data_items", "form.ppc.persons", "form.ppc.cause", "form.ppc.secondary",
                "form.ppc.individuals", "form.ppc.publication", "form.ppc.prevention_done",
                "form.ppc.prevention_planned", "form.ppc.other"}));
  EXPECT_EQ(Field(form, "form.ppc.reporter").value, "架空商事株式会社");
  EXPECT_EQ(Field(form, "form.ppc.occurred_at").value, "2026-11-21 00:00 JST");
  EXPECT_EQ(Field(form, "form.ppc.aware_at").value, "2026-11-21 09:30 JST");
  // Rule 7: an unauthorized purpose, and more than 1,000 persons.
  EXPECT_EQ(Field(form, "form.ppc.rule7").value,
            "3号: 不正の目的によるおそれ\n4号: 1,000 人を超える");
  EXPECT_EQ(Field(form, "form.ppc.persons").value, "1200 人");
  EXPECT_THAT(Field(form, "form.ppc.data_items").value, HasSubstr("受注システム: customer orders"));
  EXPECT_THAT(Field(form, "form.ppc.cause").value, HasSubstr("管理画面の脆弱性"));
  EXPECT_THAT(Field(form, "form.ppc.prevention_planned").value,
              HasSubstr("管理画面を社内からのみに （担当 鈴木 花子・期限 2026-12-15）"));
  EXPECT_THAT(Field(form, "form.ppc.other").value, HasSubstr("警視庁 サイバー犯罪対策課"));
  // What the record cannot say stays empty, to be filled in.
  EXPECT_EQ(Field(form, "form.ppc.entrusted").value, "");
  EXPECT_EQ(Field(form, "form.ppc.individuals").value, "");
  EXPECT_EQ(Field(form, "form.ppc.prevention_done").value, "");
}

TEST(AgencyFormTest, BeforeTheAssessmentTheDamageFieldsAreEmpty) {
  core::Organization org = WithHost();
  Calendar tokyo = Tokyo();
  Words w(org, tokyo, Lang::kEn);
  core::Incident i = Breach();
  i.assessment.reset();
  std::vector<FormField> form = AgencyForm(Agency::kPpc, i, w);
  for (const char* code :
       {"form.ppc.rule7", "form.ppc.data_items", "form.ppc.persons", "form.ppc.secondary"}) {
    EXPECT_EQ(Field(form, code).value, "") << code;
  }
  EXPECT_EQ(Field(form, "form.ppc.rule7").label, "(1) Outline: which item of rule 7 applies");
  Html h;
  AgencyFormHtml(h, Agency::kPpc, i, w);
  EXPECT_THAT(h.str(), HasSubstr("(not in the record: to be filled in)"));
}

TEST(AgencyFormTest, IpaAndJpcertNameTheAffectedHostsFromTheOrganization) {
  core::Organization org = WithHost();
  Calendar tokyo = Tokyo();
  Words w(org, tokyo, Lang::kJa);
  std::vector<FormField> ipa = AgencyForm(Agency::kIpa, Breach(), w);
  EXPECT_EQ(Codes(ipa).front(), "form.ipa.organization");
  EXPECT_EQ(Field(ipa, "form.ipa.found_at").value, "2026-11-21 09:30 JST");
  EXPECT_THAT(Field(ipa, "form.ipa.systems").value, HasSubstr("web01 web server Debian 12"));
  // Only the host the incident names, not every host of the system.
  EXPECT_THAT(Field(ipa, "form.ipa.systems").value, Not(HasSubstr("db01")));
  EXPECT_EQ(Field(ipa, "form.ipa.route").value, "管理画面の脆弱性");
  EXPECT_EQ(Field(ipa, "form.ipa.location").value, "");
  std::vector<FormField> jp = AgencyForm(Agency::kJpcert, Breach(), w);
  EXPECT_EQ(Field(jp, "form.jpcert.source").value, "198.51.100.7");
  EXPECT_EQ(Field(jp, "form.jpcert.target").value, "web01 192.0.2.10");
  EXPECT_EQ(Field(jp, "form.jpcert.software").value, "web01: Debian 12");
  EXPECT_EQ(Field(jp, "form.jpcert.time_zone").value, "Asia/Tokyo");
  EXPECT_EQ(Field(jp, "form.jpcert.occurred_at").value, "2026-11-21 00:00 JST");
  EXPECT_THAT(Field(jp, "form.jpcert.logs").value, HasSubstr("access.log (SHA-256 aaaa"));
  EXPECT_EQ(Field(jp, "form.jpcert.purpose").value, "");
}

// G5: what was damaged, each system's way back against its RTO, exemptions and vendor help.
TEST(DisasterReportTest, DamageRecoveryAgainstTheRtoExemptionsAndVendors) {
  core::Organization org = core::DisasterOrganization();
  core::Disaster d;
  d.key = "DIS-2026-0001";
  d.title = "本社で震度6強";
  d.declared_by = "p-sato";
  d.declared_at = "2026-11-26T00:00:00Z";
  d.survey = {{.department = "sales",
               .site = "本社 3F",
               .target = "orders",
               .status = core::SurveyStatus::kDown,
               .note = "サーバーラック転倒",
               .surveyed_by = "p-tanaka",
               .at = "2026-11-26T01:00:00Z"},
              {.department = "it-dept",
               .item = core::SurveyItem::kConfidentialMedia,
               .target = "backup-tapes",
               .status = core::SurveyStatus::kOk,
               .at = "2026-11-26T01:30:00Z"}};
  // The order system (RTO 24 h) back after 30 h; the ERP (RTO 48 h) not back at all.
  d.progress = {
      {.system = "orders", .status = core::RecoveryStatus::kRestored, .at = "2026-11-27T06:00:00Z"},
      {.system = "orders", .status = core::RecoveryStatus::kDown, .at = "2026-11-26T00:30:00Z"},
      {.system = "erp", .status = core::RecoveryStatus::kRestoring, .at = "2026-11-26T05:00:00Z"},
      {.system = "core-network",
       .status = core::RecoveryStatus::kRestored,
       .at = "2026-11-26T02:00:00Z"}};
  d.exemptions = {{.id = 1,
                   .rule = "持出し申請規程",
                   .scope = "ノートPCの持ち帰り",
                   .expires_at = "2026-12-03T00:00:00Z",
                   .decided_by = "p-sato",
                   .reason = "在宅で復旧作業",
                   .at = "2026-11-26T03:00:00Z"}};
  d.vendor_requests = {{.id = 1,
                        .vendor = "dc-vendor",
                        .system = "orders",
                        .asked_at = "2026-11-26T02:00:00Z",
                        .under_contract = true,
                        .answer = "代替機を手配",
                        .eta = "2026-11-27T00:00:00Z",
                        .state = core::VendorRequestState::kAnswered}};
  Stamp stamp{.generated_at = "2026-11-29T00:00:00Z"};
  std::string html = DisasterReportHtml(d, stamp, org, Tokyo(), Lang::kJa);
  EXPECT_THAT(html, HasSubstr("災害報告書 DIS-2026-0001"));
  EXPECT_THAT(html, HasSubstr("サーバーラック転倒"));
  EXPECT_THAT(html, HasSubstr("バックアップテープ"));  // a medium by its name
  EXPECT_THAT(html, HasSubstr("目標より 6 時間遅れ"));
  EXPECT_THAT(html, HasSubstr("未復旧・期限 2026-11-28 09:00 JST を超過"));
  // The order system's course in the order things happened, though recorded the other way.
  size_t down = html.find("2026-11-26 09:30 JST 停止中");
  size_t back = html.find("2026-11-27 15:00 JST 復旧済み");
  ASSERT_NE(down, std::string::npos);
  EXPECT_LT(down, back);
  EXPECT_THAT(html, HasSubstr("持出し申請規程"));
  EXPECT_THAT(html, HasSubstr("データセンター保守"));
  EXPECT_THAT(html, HasSubstr("契約あり"));
  EXPECT_THAT(html, HasSubstr("6. 委員会の決定</h2><p class=\"empty\">"));
  std::string en = DisasterReportHtml(d, stamp, org, Tokyo(), Lang::kEn);
  EXPECT_THAT(en, HasSubstr("6 h late"));
  EXPECT_THAT(en, HasSubstr("Help asked of vendors"));
}

}  // namespace
}  // namespace sokuo::report
