#include "core/account_review.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

namespace sokuo::core {
namespace {

constexpr size_t kReviewProblemsShown = 20;
constexpr int64_t kFirstPersonUid = 1000;
constexpr int64_t kNobodyUid = 65534;

std::vector<std::string_view> ReviewFields(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t end = line.find(':', start);
    out.push_back(line.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

std::optional<int64_t> ReviewNumber(std::string_view text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty() || value < 0) {
    return std::nullopt;
  }
  return value;
}

bool ValidAccountName(std::string_view name) {
  if (name.empty() || name.size() > 256) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return c > ' ' && c != ':' && c != ',' && static_cast<unsigned char>(c) != 0x7f;
  });
}

std::vector<std::string> ReviewMembers(std::string_view list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(',', start);
    std::string_view m = list.substr(start, end == std::string_view::npos ? end : end - start);
    if (!m.empty()) out.emplace_back(m);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace

bool IsPrivilegedGroup(std::string_view name) {
  for (std::string_view g :
       {"root", "sudo", "wheel", "admin", "adm", "docker", "lxd", "disk", "shadow", "libvirt"}) {
    if (name == g) return true;
  }
  return false;
}

Result<AccountListing> ReadAccountListing(std::string_view text) {
  AccountListing out;
  std::vector<Detail> problems;
  size_t bad = 0;
  auto problem = [&](int64_t line, Message msg) {
    if (++bad <= kReviewProblemsShown) {
      problems.push_back(MakeDetail("line " + std::to_string(line), std::move(msg)));
    }
  };
  std::set<std::string> accounts, groups;
  int64_t number = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? end : end - start);
    start = end == std::string_view::npos ? text.size() : end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (line.size() > 4096 || line.find('\0') != std::string_view::npos) {
      problem(number, Msg("accounts.bad_line"));
      continue;
    }
    std::vector<std::string_view> f = ReviewFields(line);
    if (f.size() == 7) {  // name:password:uid:gid:gecos:home:shell
      auto uid = ReviewNumber(f[2]);
      auto gid = ReviewNumber(f[3]);
      if (!ValidAccountName(f[0]) || !uid || !gid) {
        problem(number, Msg("accounts.bad_passwd"));
        continue;
      }
      if (!accounts.insert(std::string(f[0])).second) {
        problem(number, Msg("accounts.twice", {{"name", std::string(f[0])}}));
        continue;
      }
      std::string shell(f[6]);
      bool login = !shell.empty() && !shell.ends_with("nologin") && !shell.ends_with("/false");
      out.accounts.push_back({std::string(f[0]), *uid, *gid, shell, login});
    } else if (f.size() == 4) {  // name:password:gid:members
      auto gid = ReviewNumber(f[2]);
      if (!ValidAccountName(f[0]) || !gid) {
        problem(number, Msg("accounts.bad_group"));
        continue;
      }
      if (!groups.insert(std::string(f[0])).second) {
        problem(number, Msg("accounts.twice", {{"name", std::string(f[0])}}));
        continue;
      }
      out.groups.push_back({std::string(f[0]), *gid, ReviewMembers(f[3]), IsPrivilegedGroup(f[0])});
    } else {
      problem(number, Msg("accounts.bad_line"));
    }
  }
  if (bad > 0) {
    Error e{.code = ErrorCode::kInvalidInput,
            .details = std::move(problems),
            .msg = Msg("accounts.unreadable", {{"count", std::to_string(bad)}})};
    return Fail(std::move(e));
  }
  if (out.accounts.empty()) return Fail(ErrorCode::kInvalidInput, Msg("accounts.none"));
  // An account's primary group counts it as a member.
  for (HostGroup& g : out.groups) {
    for (const HostAccount& a : out.accounts) {
      if (a.gid == g.gid &&
          std::find(g.members.begin(), g.members.end(), a.name) == g.members.end()) {
        g.members.push_back(a.name);
      }
    }
    std::sort(g.members.begin(), g.members.end());
  }
  return out;
}

AccountChanges CompareAccounts(const AccountListing* previous, const AccountListing& current,
                               const Organization& org) {
  AccountChanges out;
  out.first = previous == nullptr;
  auto names = [](const AccountListing& l) {
    std::set<std::string> s;
    for (const HostAccount& a : l.accounts) s.insert(a.name);
    return s;
  };
  auto grants = [](const AccountListing& l) {
    std::set<std::pair<std::string, std::string>> s;
    for (const HostGroup& g : l.groups) {
      if (!g.privileged) continue;
      for (const std::string& m : g.members) s.insert({g.name, m});
    }
    return s;
  };
  std::set<std::string> now = names(current);
  std::set<std::pair<std::string, std::string>> now_grants = grants(current);
  for (const auto& [group, account] : now_grants) out.privileged.push_back({group, account});
  if (previous != nullptr) {
    std::set<std::string> before = names(*previous);
    std::set_difference(now.begin(), now.end(), before.begin(), before.end(),
                        std::back_inserter(out.added));
    std::set_difference(before.begin(), before.end(), now.begin(), now.end(),
                        std::back_inserter(out.removed));
    std::set<std::pair<std::string, std::string>> before_grants = grants(*previous);
    for (const auto& g : now_grants) {
      if (!before_grants.contains(g)) out.new_privileged.push_back({g.first, g.second});
    }
  }
  std::set<std::string> people;
  for (const Person& p : org.people) {
    people.insert(p.id.starts_with("p-") ? p.id.substr(2) : p.id);
    if (size_t at = p.email.find('@'); at != std::string::npos && at > 0) {
      people.insert(p.email.substr(0, at));
    }
  }
  for (const HostAccount& a : current.accounts) {
    if (a.can_log_in && a.uid >= kFirstPersonUid && a.uid != kNobodyUid &&
        !people.contains(a.name)) {
      out.unknown.push_back(a.name);
    }
  }
  return out;
}

}  // namespace sokuo::core
