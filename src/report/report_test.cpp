#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/org_fixture.h"
#include "report/binder.h"
#include "report/html.h"

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

}  // namespace
}  // namespace sokuo::report
