#include "core/account_review.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/org_fixture.h"

namespace sokuo::core {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// `getent passwd; getent group` of a small Debian host.
constexpr const char* kReviewListing =
    "root:x:0:0:root:/root:/bin/bash\n"
    "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
    "sshd:x:104:65534::/run/sshd:/usr/sbin/nologin\n"
    "tanaka:x:1000:1000:Ken Tanaka,,,:/home/tanaka:/bin/bash\n"
    "suzuki:x:1001:1001::/home/suzuki:/bin/bash\n"
    "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
    "\n"
    "# groups\n"
    "root:x:0:\n"
    "sudo:x:27:suzuki\n"
    "tanaka:x:1000:\n"
    "suzuki:x:1001:\r\n"
    "nogroup:x:65534:\n";

TEST(AccountReviewTest, ReadsPasswdAndGroupLines) {
  auto l = ReadAccountListing(kReviewListing);
  ASSERT_TRUE(l) << l.error().ToString();
  ASSERT_EQ(l->accounts.size(), 6u);
  EXPECT_EQ(l->accounts[3], (HostAccount{"tanaka", 1000, 1000, "/bin/bash", true}));
  EXPECT_FALSE(l->accounts[1].can_log_in);
  ASSERT_EQ(l->groups.size(), 5u);
  EXPECT_EQ(l->groups[0].name, "root");
  EXPECT_TRUE(l->groups[0].privileged);
  EXPECT_THAT(l->groups[0].members, ElementsAre("root"));  // its primary group
  EXPECT_THAT(l->groups[1].members, ElementsAre("suzuki"));
  EXPECT_TRUE(l->groups[1].privileged);
  EXPECT_FALSE(l->groups[2].privileged);
}

TEST(AccountReviewTest, ABadLineIsNamedAndNothingIsRead) {
  struct Case {
    const char* text;
    const char* detail;
  };
  const Case cases[] = {
      {"root:x:0:0:root:/root\n", "accounts.bad_line"},
      {"root:x:zero:0:root:/root:/bin/bash\n", "accounts.bad_passwd"},
      {"root:x:-1:0:root:/root:/bin/bash\n", "accounts.bad_passwd"},
      {"root:x:99999999999999999999:0:r:/:/bin/sh\n", "accounts.bad_passwd"},
      {":x:0:0:root:/root:/bin/bash\n", "accounts.bad_passwd"},
      {"ro ot:x:0:0:root:/root:/bin/bash\n", "accounts.bad_passwd"},
      {"root:x:0:0:root:/root:/bin/bash\nroot:x:0:0:root:/root:/bin/bash\n", "accounts.twice"},
      {"root:x:0:0:root:/root:/bin/bash\nsudo:x:sudo:\n", "accounts.bad_group"},
      {"root:x:0:0:root:/root:/bin/bash\nplain text\n", "accounts.bad_line"},
  };
  for (const Case& c : cases) {
    auto l = ReadAccountListing(c.text);
    ASSERT_FALSE(l) << c.text;
    EXPECT_EQ(l.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(l.error().msg.code, "accounts.unreadable") << c.text;
    ASSERT_EQ(l.error().details.size(), 1u) << c.text;
    EXPECT_EQ(l.error().details[0].msg.code, c.detail) << c.text;
  }
  auto empty = ReadAccountListing("# nothing\n\n");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().msg.code, "accounts.none");
  auto nul = ReadAccountListing(std::string_view("root:x:0:0:r:/:/bin/sh\0\n", 24));
  ASSERT_FALSE(nul);
  EXPECT_EQ(nul.error().details.size(), 1u);
}

TEST(AccountReviewTest, TheComparisonNamesWhatChangedAndWhomNobodyHolds) {
  Organization org = SmallOrganization();  // p-suzuki, p-tanaka, p-sato
  auto before = ReadAccountListing(kReviewListing);
  ASSERT_TRUE(before);
  AccountChanges first = CompareAccounts(nullptr, *before, org);
  EXPECT_TRUE(first.first);
  EXPECT_THAT(first.added, IsEmpty());
  EXPECT_THAT(first.unknown, IsEmpty());  // tanaka and suzuki are people of the organization
  EXPECT_THAT(first.privileged,
              ElementsAre(PrivilegeGrant{"root", "root"}, PrivilegeGrant{"sudo", "suzuki"}));

  std::string later = kReviewListing;
  later.replace(later.find("suzuki:x:1001:1001::/home/suzuki:/bin/bash\n"), 43, "");
  later.replace(later.find("sudo:x:27:suzuki"), 16, "sudo:x:27:tanaka,backup2");
  later += "backup2:x:1002:1002::/home/backup2:/bin/bash\n";
  auto after = ReadAccountListing(later);
  ASSERT_TRUE(after) << after.error().ToString();
  AccountChanges c = CompareAccounts(&*before, *after, org);
  EXPECT_FALSE(c.first);
  EXPECT_THAT(c.added, ElementsAre("backup2"));
  EXPECT_THAT(c.removed, ElementsAre("suzuki"));
  EXPECT_THAT(c.new_privileged,
              ElementsAre(PrivilegeGrant{"sudo", "backup2"}, PrivilegeGrant{"sudo", "tanaka"}));
  EXPECT_THAT(c.unknown, ElementsAre("backup2"));
  // Someone who left: no longer in the organization file, the account still there.
  org.people.erase(std::remove_if(org.people.begin(), org.people.end(),
                                  [](const Person& p) { return p.id == "p-tanaka"; }),
                   org.people.end());
  EXPECT_THAT(CompareAccounts(&*before, *after, org).unknown, ElementsAre("tanaka", "backup2"));
}

}  // namespace
}  // namespace sokuo::core
