// The messages of Linux authentication and account programs, parsed into a stable event kind
// ("event": ssh.login_failed, pam.auth_failure, sudo.command…) and its details (user, src_ip…):
// what rules count and correlate, so that a rule need not know each program's wording. The
// shapes are those of OpenSSH, Linux-PAM's pam_unix, sudo, util-linux/shadow su, shadow-utils
// (useradd & co), cron/cronie and systemd, as they write them to syslog and the journal.
//
// Parts of these messages are chosen by the remote side: the user name of a failed login, the
// reason of a disconnect. Where such a part comes first, the fixed tail after it is found from
// the right ("… from ADDR port N ssh2"), so that a user name cannot pose as an address.
#include <array>

#include "detect/decode_internal.h"

namespace sokuo::detect::internal {
namespace {

// The programs whose records belong to Sigma's service "auth" (what /var/log/auth.log holds).
constexpr std::array<std::string_view, 21> kAuthPrograms = {
    "sshd",    "sshd-session", "sudo",       "su",       "login",    "useradd",
    "userdel", "usermod",      "groupadd",   "groupdel", "groupmod", "gpasswd",
    "passwd",  "chpasswd",     "chage",      "chsh",     "chfn",     "systemd-logind",
    "polkitd", "pkexec",       "unix_chkpwd"};

bool IsAuthProgram(std::string_view program) {
  for (std::string_view p : kAuthPrograms) {
    if (program == p) return true;
  }
  return false;
}

// The leading digits of s (s keeps the rest).
std::string_view Digits(std::string_view& s) {
  size_t i = 0;
  while (i < s.size() && IsDigit(s[i])) ++i;
  std::string_view digits = s.substr(0, i);
  s.remove_prefix(i);
  return digits;
}

// 'name' at the start of s (s keeps the rest); empty when s does not start with a quoted word.
std::string_view Quoted(std::string_view& s) {
  if (s.empty() || s[0] != '\'') return {};
  size_t close = s.find('\'', 1);
  if (close == std::string_view::npos) return {};
  std::string_view inner = s.substr(1, close - 1);
  s.remove_prefix(close + 1);
  return inner;
}

// s without a trailing " [preauth]" (sshd's mark for records of its unprivileged child).
std::string_view WithoutPreauth(std::string_view s) {
  s = TrimRight(s);
  if (s.ends_with(" [preauth]")) s.remove_suffix(10);
  return s;
}

void AddIfAny(Event& e, std::string_view name, std::string_view value) {
  if (!value.empty()) e.Add(name, value);
}

struct Peer {
  std::string_view user;
  bool invalid_user = false;
  std::string_view address;
  std::string_view port;
  std::string_view tail;  // what follows the port
};

void AddPeer(const Peer& p, Event& e) {
  AddIfAny(e, "user", p.user);
  if (p.invalid_user) e.Add("invalid_user", "true");
  e.Add("src_ip", p.address);
  AddIfAny(e, "src_port", p.port);
}

enum class UserIs { kChosenByPeer, kAccount };

// "USER from ADDR[ port N]…" (after an optional "invalid user " the caller consumed). A user named
// by the peer may hold " from ": the last one is sshd's. An account's name cannot, and then the
// tail after the port (a key, a certificate ID) is what may hold anything, so the first is.
bool ReadUserFrom(std::string_view s, UserIs who, Peer& p) {
  size_t at = who == UserIs::kChosenByPeer ? s.rfind(" from ") : s.find(" from ");
  if (at == std::string_view::npos) return false;
  p.user = s.substr(0, at);
  std::string_view rest = s.substr(at + 6);
  p.address = Word(rest);
  if (p.address.empty()) return false;
  if (Consume(rest, " port ")) {
    p.port = Digits(rest);
    if (p.port.empty()) return false;
  }
  p.tail = rest;
  return true;
}

// "[user X |invalid user X |authenticating user X ]ADDR[ port N]" with a fixed tail, read from
// the right (OpenSSH 7.5+ names the user in disconnect records).
bool ReadUserAddress(std::string_view s, Peer& p) {
  s = WithoutPreauth(s);
  size_t at = s.rfind(" port ");
  if (at != std::string_view::npos && AllDigits(s.substr(at + 6))) {
    p.port = s.substr(at + 6);
    s = s.substr(0, at);
  }
  size_t space = s.rfind(' ');
  p.address = space == std::string_view::npos ? s : s.substr(space + 1);
  if (p.address.empty()) return false;
  if (space != std::string_view::npos) {
    std::string_view who = s.substr(0, space);
    if (Consume(who, "invalid user ")) {
      p.invalid_user = true;
    } else if (!Consume(who, "authenticating user ") && !Consume(who, "user ")) {
      return false;
    }
    p.user = who;
  }
  return true;
}

// What follows "ssh2" in an Accepted/Failed publickey record: ": RSA SHA256:…".
void AddKey(std::string_view tail, Event& e) {
  if (!Consume(tail, " ssh2: ")) return;
  std::string_view type = Word(tail);
  if (type.empty() || !Consume(tail, " ")) return;
  AddIfAny(e, "key_type", type);
  AddIfAny(e, "key_fingerprint", Word(tail));
}

bool Sshd(std::string_view m, Event& e) {
  Consume(m, "error: ");
  bool failed = m.starts_with("Failed ");
  if (failed || m.starts_with("Accepted ")) {
    std::string_view s = m.substr(failed ? 7 : 9);
    std::string_view method = Word(s);
    if (method.empty() || !Consume(s, " for ")) return false;
    Peer p;
    p.invalid_user = Consume(s, "invalid user ");
    if (!ReadUserFrom(s, failed ? UserIs::kChosenByPeer : UserIs::kAccount, p)) return false;
    e.Add("event", failed ? "ssh.login_failed" : "ssh.login_ok");
    e.Add("auth_method", method);
    AddPeer(p, e);
    AddKey(p.tail, e);
    return true;
  }
  if (Consume(m, "Invalid user ")) {
    Peer p;
    if (!ReadUserFrom(m, UserIs::kChosenByPeer, p)) return false;
    e.Add("event", "ssh.invalid_user");
    AddPeer(p, e);
    return true;
  }
  if (Consume(m, "maximum authentication attempts exceeded for ")) {
    Peer p;
    p.invalid_user = Consume(m, "invalid user ");
    if (!ReadUserFrom(m, UserIs::kChosenByPeer, p)) return false;
    e.Add("event", "ssh.max_auth_exceeded");
    AddPeer(p, e);
    return true;
  }
  if (Consume(m, "Disconnecting: Too many authentication failures")) {
    // Before OpenSSH 7.5: "… for USER [preauth]", no address.
    e.Add("event", "ssh.max_auth_exceeded");
    m = WithoutPreauth(m);
    if (Consume(m, " for ")) AddIfAny(e, "user", m);
    return true;
  }
  if (Consume(m, "Disconnecting ")) {
    size_t at = m.rfind(": Too many authentication failures");
    Peer p;
    if (at == std::string_view::npos || !ReadUserAddress(m.substr(0, at), p)) return false;
    e.Add("event", "ssh.max_auth_exceeded");
    AddPeer(p, e);
    return true;
  }
  if (Consume(m, "Received disconnect from ")) {
    // "ADDR port N:11: reason" (OpenSSH 7.5+) or "ADDR: 11: reason"; the reason is the peer's.
    Peer p;
    p.address = Word(m);
    if (Consume(m, " port ")) {
      p.port = Digits(m);
    } else if (p.address.ends_with(':')) {
      p.address.remove_suffix(1);
    }
    if (p.address.empty()) return false;
    e.Add("event", "ssh.disconnect");
    AddPeer(p, e);
    return true;
  }
  if (Consume(m, "Disconnected from ") || Consume(m, "Connection closed by ") ||
      Consume(m, "Connection reset by ")) {
    Peer p;
    if (!ReadUserAddress(m, p)) return false;
    e.Add("event", "ssh.disconnect");
    AddPeer(p, e);
    return true;
  }
  if (Consume(m, "reverse mapping checking getaddrinfo for ")) {
    // "HOST [ADDR] failed - POSSIBLE BREAK-IN ATTEMPT!"; HOST comes from the peer's DNS.
    size_t close = m.rfind("] failed");
    if (close == std::string_view::npos) return false;
    size_t open = m.rfind(" [", close);
    if (open == std::string_view::npos) return false;
    std::string_view address = m.substr(open + 2, close - open - 2);
    if (address.empty()) return false;
    e.Add("event", "ssh.reverse_mapping_failed");
    e.Add("src_ip", address);
    AddIfAny(e, "src_host", m.substr(0, open));
    return true;
  }
  if (Consume(m, "Address ")) {
    // "ADDR maps to HOST, but this does not map back to the address - POSSIBLE BREAK-IN ATTEMPT!"
    std::string_view address = Word(m);
    if (address.empty() || !Consume(m, " maps to ")) return false;
    size_t comma = m.rfind(", but this does not map back");
    if (comma == std::string_view::npos) return false;
    e.Add("event", "ssh.reverse_mapping_failed");
    e.Add("src_ip", address);
    AddIfAny(e, "src_host", m.substr(0, comma));
    return true;
  }
  if (Consume(m, "Did not receive identification string from ")) {
    Peer p;
    p.address = Word(m);
    if (Consume(m, " port ")) p.port = Digits(m);
    if (p.address.empty()) return false;
    e.Add("event", "ssh.no_identification");
    AddPeer(p, e);
    return true;
  }
  return false;
}

// "authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.9  user=root"
void PamAuthFailure(std::string_view service, std::string_view m, std::string_view repeat,
                    Event& e) {
  std::string_view user, rhost, tty, ruser;
  while (!m.empty()) {
    m = TrimLeft(m);
    std::string_view pair = Word(m);
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = pair.substr(0, eq);
    std::string_view value = pair.substr(eq + 1);
    if (key == "user") {
      user = value;
    } else if (key == "rhost") {
      rhost = value;
    } else if (key == "tty") {
      tty = value;
    } else if (key == "ruser") {
      ruser = value;
    }
  }
  e.Add("event", "pam.auth_failure");
  AddIfAny(e, "pam_service", service);
  AddIfAny(e, "user", user);
  AddIfAny(e, "src_ip", rhost);
  AddIfAny(e, "tty", tty);
  AddIfAny(e, "ruser", ruser);
  AddIfAny(e, "repeat", repeat);
}

// A user name in "X(uid=N)" or "X": what precedes the parenthesis.
std::string_view BeforeParen(std::string_view s) {
  size_t open = s.find('(');
  return Trim(open == std::string_view::npos ? s : s.substr(0, open));
}

// The message of a PAM module (after "pam_unix(SERVICE:TYPE): " or under a "sshd(pam_unix)" tag).
void Pam(std::string_view service, std::string_view m, Event& e) {
  auto start = [&](std::string_view kind) {
    e.Add("event", kind);
    AddIfAny(e, "pam_service", service);
  };
  if (Consume(m, "authentication failure;")) {
    PamAuthFailure(service, m, {}, e);
  } else if (m.starts_with("check pass; user unknown")) {
    start("pam.user_unknown");
  } else if (Consume(m, "session opened for user ")) {
    // "X[(uid=N)] by Y(uid=M)": X the account the session is for, Y who opened it.
    std::optional<std::string_view> target = CutAt(m, " by ");
    start("pam.session_opened");
    AddIfAny(e, "user", BeforeParen(target ? *target : m));
    if (target) AddIfAny(e, "by_user", BeforeParen(m));
  } else if (Consume(m, "session closed for user ")) {
    start("pam.session_closed");
    AddIfAny(e, "user", BeforeParen(m));
  } else if (Consume(m, "password changed for ")) {
    start("password.changed");
    AddIfAny(e, "user", Trim(m));
  }
}

// "pam_unix(sshd:auth): …": the module, the service and the message.
bool PamInMessage(std::string_view m, Event& e) {
  size_t open = m.find('(');
  size_t colon = m.find(':', open == std::string_view::npos ? m.size() : open);
  size_t close = m.find("): ", colon == std::string_view::npos ? m.size() : colon);
  if (open == std::string_view::npos || colon == std::string_view::npos ||
      close == std::string_view::npos || open <= 4) {
    return false;
  }
  std::string_view service = m.substr(open + 1, colon - open - 1);
  e.Add("pam_module", m.substr(0, open));
  Pam(service, m.substr(close + 3), e);
  return true;
}

bool Sudo(std::string_view m, Event& e) {
  // "alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/ls -l", where a condition
  // ("3 incorrect password attempts", "user NOT in sudoers") may come before TTY. COMMAND is
  // last and taken whole: the command line itself may hold " ; ".
  m = TrimLeft(m);
  std::optional<std::string_view> user = CutAt(m, " : ");
  if (!user || user->empty() || user->find(' ') != std::string_view::npos) return false;
  std::string_view kind = "sudo.command";
  std::string_view attempts, tty, pwd, target_user, target_group, command;
  bool first = true;
  while (!m.empty()) {
    if (Consume(m, "COMMAND=")) {
      command = m;
      break;
    }
    size_t at = m.find(" ; ");
    std::string_view part = m.substr(0, at);
    m = at == std::string_view::npos ? std::string_view() : m.substr(at + 3);
    if (Consume(part, "TTY=")) {
      tty = part;
    } else if (Consume(part, "PWD=")) {
      pwd = part;
    } else if (Consume(part, "USER=")) {
      target_user = part;
    } else if (Consume(part, "GROUP=")) {
      target_group = part;
    } else if (first) {
      std::string_view count = part;
      attempts = Digits(count);
      if (!attempts.empty() &&
          (count == " incorrect password attempt" || count == " incorrect password attempts")) {
        kind = "sudo.auth_failure";
      } else if (part == "user NOT in sudoers" || part == "command not allowed" ||
                 part.starts_with("user NOT authorized on host")) {
        attempts = {};
        kind = "sudo.not_allowed";
      } else {
        return false;
      }
    }
    first = false;
  }
  if (kind == "sudo.command" && command.empty()) return false;
  e.Add("event", kind);
  e.Add("user", *user);
  AddIfAny(e, "attempts", attempts);
  AddIfAny(e, "tty", tty);
  AddIfAny(e, "pwd", pwd);
  AddIfAny(e, "target_user", target_user);
  AddIfAny(e, "target_group", target_group);
  AddIfAny(e, "command", command);
  return true;
}

bool Su(std::string_view m, Event& e) {
  std::string_view kind;
  if (Consume(m, "Successful su for ")) {
    kind = "su.ok";
  } else if (Consume(m, "FAILED su for ")) {
    kind = "su.failed";
  }
  if (!kind.empty()) {
    // "Successful su for TARGET by USER"
    std::optional<std::string_view> target = CutAt(m, " by ");
    if (!target) return false;
    e.Add("event", kind);
    AddIfAny(e, "target_user", *target);
    AddIfAny(e, "user", Trim(m));
    return true;
  }
  // util-linux: "(to TARGET) USER on TTY", "FAILED SU (to TARGET) USER on TTY".
  kind = Consume(m, "FAILED SU ") ? "su.failed" : "su.ok";
  if (!Consume(m, "(to ")) return false;
  std::optional<std::string_view> target = CutAt(m, ") ");
  if (!target) return false;
  std::optional<std::string_view> user = CutAt(m, " on ");
  e.Add("event", kind);
  AddIfAny(e, "target_user", *target);
  AddIfAny(e, "user", user ? *user : Trim(m));
  if (user) AddIfAny(e, "tty", Trim(m));
  return true;
}

// "name=bob, UID=1001, GID=1001, home=/home/bob, shell=/bin/bash, from=/dev/pts/0"
void ShadowPairs(std::string_view m, Event& e) {
  while (!m.empty()) {
    size_t at = m.find(", ");
    std::string_view pair = m.substr(0, at);
    m = at == std::string_view::npos ? std::string_view() : m.substr(at + 2);
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = pair.substr(0, eq);
    std::string_view value = pair.substr(eq + 1);
    if (key == "UID") {
      AddIfAny(e, "uid", value);
    } else if (key == "GID") {
      AddIfAny(e, "gid", value);
    } else if (key == "home") {
      AddIfAny(e, "home", value);
    } else if (key == "shell") {
      AddIfAny(e, "shell", value);
    }
  }
}

// "name=X" of a shadow-utils record.
std::string_view ShadowName(std::string_view m) {
  if (!Consume(m, "name=")) return {};
  size_t comma = m.find(',');
  return Trim(m.substr(0, comma));
}

// shadow-utils: useradd, userdel, usermod, groupadd, groupdel, groupmod, gpasswd.
bool Shadow(std::string_view m, Event& e) {
  m = TrimRight(m);
  if (Consume(m, "new user: ")) {
    e.Add("event", "user.added");
    AddIfAny(e, "user", ShadowName(m));
    ShadowPairs(m, e);
    return true;
  }
  if (Consume(m, "new group: ")) {
    e.Add("event", "group.added");
    AddIfAny(e, "group", ShadowName(m));
    ShadowPairs(m, e);
    return true;
  }
  bool add = m.starts_with("add '");
  if (add || m.starts_with("delete '")) {
    // "add 'bob' to [shadow ]group 'sudo'", "delete 'bob' from [shadow ]group 'sudo'"
    m.remove_prefix(add ? 4 : 7);
    std::string_view user = Quoted(m);
    if (user.empty() || !Consume(m, add ? " to " : " from ")) return false;
    Consume(m, "shadow ");
    if (!Consume(m, "group ")) return false;
    std::string_view group = Quoted(m);
    if (group.empty()) return false;
    e.Add("event", add ? "group.member_added" : "group.member_removed");
    e.Add("user", user);
    e.Add("group", group);
    return true;
  }
  if (Consume(m, "user ")) {
    // gpasswd: "user bob added by root to group sudo", "user bob removed by root from group sudo"
    std::string_view user = Word(m);
    bool added = Consume(m, " added by ");
    if (!added && !Consume(m, " removed by ")) return false;
    std::string_view by = Word(m);
    if (!Consume(m, added ? " to group " : " from group ") || user.empty() || m.empty()) {
      return false;
    }
    e.Add("event", added ? "group.member_added" : "group.member_removed");
    e.Add("user", user);
    e.Add("group", m);
    AddIfAny(e, "by_user", by);
    return true;
  }
  if (Consume(m, "delete user ")) {
    std::string_view user = Quoted(m);
    if (user.empty()) return false;
    e.Add("event", "user.deleted");
    e.Add("user", user);
    return true;
  }
  if (Consume(m, "group ")) {
    // groupdel writes "group 'x' removed from /etc/group", "… from /etc/gshadow" and then
    // "group 'x' removed": only the last is the deletion, once.
    std::string_view group = Quoted(m);
    if (group.empty() || m != " removed") return false;
    e.Add("event", "group.deleted");
    e.Add("group", group);
    return true;
  }
  // usermod: "change user 'bob' shell from …", "change user name 'bob' to 'robert'",
  // "lock user 'bob' password", "unlock user 'bob' password".
  if (Consume(m, "change user ") || Consume(m, "lock user ") || Consume(m, "unlock user ")) {
    Consume(m, "name ");
    std::string_view user = Quoted(m);
    if (user.empty()) return false;
    e.Add("event", "user.modified");
    e.Add("user", user);
    return true;
  }
  return false;
}

// shadow's passwd: "password for 'bob' changed by 'root'".
bool Passwd(std::string_view m, Event& e) {
  if (!Consume(m, "password for ")) return false;
  std::string_view user = Quoted(m);
  if (user.empty() || !Consume(m, " changed by ")) return false;
  e.Add("event", "password.changed");
  e.Add("user", user);
  AddIfAny(e, "by_user", Quoted(m));
  return true;
}

// cron: "(root) CMD (command)"; crontab: "(root) REPLACE (bob)", "(root) BEGIN EDIT (root)".
bool Cron(std::string_view m, Event& e) {
  if (!Consume(m, "(")) return false;
  std::optional<std::string_view> user = CutAt(m, ") ");
  if (!user || user->empty()) return false;
  std::optional<std::string_view> action = CutAt(m, " (");
  m = TrimRight(m);
  if (!action || !m.ends_with(')')) return false;
  std::string_view argument = m.substr(0, m.size() - 1);
  if (*action == "CMD") {
    e.Add("event", "cron.command");
    e.Add("user", *user);
    AddIfAny(e, "command", Trim(argument));
    return true;
  }
  if (*action == "REPLACE" || *action == "BEGIN EDIT" || *action == "END EDIT" ||
      *action == "DELETE") {
    e.Add("event", "cron.edited");
    e.Add("user", *user);
    AddIfAny(e, "target_user", argument);
    return true;
  }
  return false;
}

// A unit name ("cron.service") at the start of systemd's "Started cron.service - Description.";
// empty when the record names only the description (systemd before 250).
std::string_view UnitName(std::string_view s) {
  static constexpr std::array<std::string_view, 11> kSuffixes = {
      ".service", ".socket", ".timer", ".mount", ".automount", ".target",
      ".slice",   ".scope",  ".path",  ".swap",  ".device"};
  std::string_view word = Word(s);
  if (word.ends_with('.') && s.empty()) word.remove_suffix(1);
  for (std::string_view suffix : kSuffixes) {
    if (word.size() > suffix.size() && word.ends_with(suffix)) return word;
  }
  return {};
}

bool Systemd(std::string_view m, Event& e) {
  m = TrimRight(m);
  std::string_view kind;
  if (Consume(m, "Started ")) {
    kind = "service.started";
  } else if (Consume(m, "Stopped ")) {
    kind = "service.stopped";
  } else if (Consume(m, "Reloaded ")) {
    kind = "service.reloaded";
  } else if (Consume(m, "Failed to start ")) {
    kind = "service.failed";
  } else if (m == "Reloading." || m == "Reloading...") {
    e.Add("event", "service.reloaded");
    return true;
  } else if (Consume(m, "Created slice ")) {
    // A user's slice appears with the first session of that user.
    std::string_view unit = UnitName(m);
    std::string_view uid;
    std::string_view user;
    if (!unit.empty()) {
      std::string_view u = unit;
      if (Consume(u, "user-")) {
        uid = Digits(u);
        if (u != ".slice") uid = {};
      }
    } else if (Consume(m, "User Slice of ")) {
      if (m.ends_with('.')) m.remove_suffix(1);
      if (Consume(m, "UID ")) {
        uid = AllDigits(m) ? m : std::string_view();
      } else {
        user = m;
      }
    }
    if (uid.empty() && user.empty()) return false;
    e.Add("event", "session.new");
    AddIfAny(e, "user", user);
    AddIfAny(e, "uid", uid);
    return true;
  }
  if (kind.empty() || m.empty()) return false;
  e.Add("event", kind);
  AddIfAny(e, "unit", UnitName(m));
  return true;
}

bool Logind(std::string_view m, Event& e) {
  m = TrimRight(m);
  if (Consume(m, "New session ")) {
    // "New session 12 of user bob."
    std::string_view id = Word(m);
    if (id.empty() || !Consume(m, " of user ")) return false;
    if (m.ends_with('.')) m.remove_suffix(1);
    e.Add("event", "session.new");
    AddIfAny(e, "user", m);
    e.Add("session_id", id);
    return true;
  }
  if (Consume(m, "Removed session ")) {
    if (m.ends_with('.')) m.remove_suffix(1);
    if (m.empty()) return false;
    e.Add("event", "session.removed");
    e.Add("session_id", m);
    return true;
  }
  return false;
}

// Adds the event kind and details of `m`, a message of `program` (lower case). True when it is
// a PAM record, which makes any program's record an "auth" one.
bool ParseMessage(std::string_view program, std::string_view pam_module, std::string_view m,
                  Event& e) {
  // rsyslog folds repeats: "message repeated 5 times: [ Failed password for root from …]".
  if (Consume(m, "message repeated ")) {
    std::string_view count = Digits(m);
    if (count.empty() || !Consume(m, " times: [")) return false;
    size_t close = m.rfind(']');
    if (close == std::string_view::npos) return false;
    m = Trim(m.substr(0, close));
    e.Add("repeat", count);
  }
  if (!pam_module.empty()) {
    Pam(program, m, e);
    return true;
  }
  if (m.starts_with("pam_")) return PamInMessage(m, e);
  if (Consume(m, "PAM ")) {
    // "PAM 5 more authentication failures; logname= …": failures PAM did not log one by one.
    std::string_view count = Digits(m);
    if (count.empty() || !Consume(m, " more authentication failure")) return true;
    Consume(m, "s");
    if (Consume(m, ";")) PamAuthFailure(program, m, count, e);
    return true;
  }
  if (program.empty()) return false;
  switch (program[0]) {
    case 'c':
      if (program == "cron" || program == "crond" || program == "crontab") Cron(m, e);
      if (program == "chpasswd") Passwd(m, e);
      break;
    case 'g':
      if (program.starts_with("group") || program == "gpasswd") Shadow(m, e);
      break;
    case 'p':
      if (program == "passwd") Passwd(m, e);
      break;
    case 's':
      if (program == "sshd" || program == "sshd-session") {
        Sshd(m, e);
      } else if (program == "sudo") {
        Sudo(m, e);
      } else if (program == "su") {
        Su(m, e);
      } else if (program == "systemd") {
        Systemd(m, e);
      } else if (program == "systemd-logind") {
        Logind(m, e);
      }
      break;
    case 'u':
      if (program.starts_with("user")) Shadow(m, e);
      break;
    default:
      break;
  }
  return false;
}

}  // namespace

void DecodeLinuxMessage(std::string_view program, std::string_view pam_module,
                        std::string_view message, Event& e) {
  std::string_view service = Lower(program, e);
  bool pam = ParseMessage(service, pam_module, message, e);
  std::string_view stream = pam || IsAuthProgram(service) ? "auth" : "syslog";
  e.product = "linux";
  // The service a rule names: OpenSSH 9.8 logs from sshd-session and sshd-auth, Red Hat's cron
  // daemon is crond; Sigma's taxonomy calls them sshd and cron.
  std::string_view named = service;
  if (named == "sshd-session" || named == "sshd-auth") named = "sshd";
  if (named == "crond") named = "cron";
  if (named.empty()) {
    e.services = {stream, {}};
  } else {
    e.services = {named, stream};
  }
}

}  // namespace sokuo::detect::internal
