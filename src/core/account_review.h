// G4.2.4: the review of a system's user-management settings. A host's accounts and groups are
// collected by a script sokuo documents (`getent passwd; getent group` on Linux: the lines of
// /etc/passwd and /etc/group, 7 and 4 colon-separated fields), read here, and compared with the
// previous review of the same control and host: accounts added and removed, new members of
// privileged groups, and login accounts that no person of the organization holds (someone who
// left, or an account nobody answers for). Pure: text in, findings out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "core/organization.h"

namespace sokuo::core {

struct HostAccount {
  std::string name;
  int64_t uid = 0;
  int64_t gid = 0;
  std::string shell;
  bool can_log_in = false;  // a shell that is not nologin or false
  friend bool operator==(const HostAccount&, const HostAccount&) = default;
};

struct HostGroup {
  std::string name;
  int64_t gid = 0;
  std::vector<std::string> members;  // listed members and the accounts whose primary group it is
  bool privileged = false;
  friend bool operator==(const HostGroup&, const HostGroup&) = default;
};

struct AccountListing {
  std::vector<HostAccount> accounts;
  std::vector<HostGroup> groups;
  friend bool operator==(const AccountListing&, const AccountListing&) = default;
};

// Groups whose members administer the host.
bool IsPrivilegedGroup(std::string_view name);

// Reads `getent passwd` and `getent group` output (in any order, blank lines and # comments
// skipped). A line that is neither, a number that is not one, a name given twice: an error
// naming every such line (at most 20), and nothing is read.
[[nodiscard]] Result<AccountListing> ReadAccountListing(std::string_view text);

struct PrivilegeGrant {
  std::string group;
  std::string account;
  friend bool operator==(const PrivilegeGrant&, const PrivilegeGrant&) = default;
};

struct AccountChanges {
  bool first = false;                // no earlier review to compare with
  std::vector<std::string> added;    // accounts
  std::vector<std::string> removed;  // accounts
  std::vector<PrivilegeGrant> new_privileged;
  std::vector<PrivilegeGrant> privileged;  // every privileged membership now
  // Login accounts (uid 1000 and above) that no person of the organization holds: matched by
  // the person's id without "p-" or the local part of their email.
  std::vector<std::string> unknown;
  friend bool operator==(const AccountChanges&, const AccountChanges&) = default;
};

AccountChanges CompareAccounts(const AccountListing* previous, const AccountListing& current,
                               const Organization& org);

}  // namespace sokuo::core
