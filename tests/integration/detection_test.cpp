// Live detection (G4.2.3) end to end: a real `sokuo serve` receives syslog over real UDP and TCP
// sockets on loopback and NDJSON over the API, runs the shipped Sigma rules, keeps alerts, and
// opens an incident with the lines as evidence for the alert whose level says so.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <regex>
#include <string>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/time.h"
#include "integration/raw.h"
#include "integration/server.h"

namespace sokuo::testing {
namespace {

using ::testing::HasSubstr;

// An RFC 5424 line from web01 (a host of the example company's online shop) a minute ago.
std::string Syslog5424(const std::string& app, const std::string& message) {
  std::time_t t = std::time(nullptr) - 60;
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return "<38>1 " + std::string(stamp) + " web01 " + app + " 99 - - " + message;
}

void SendUdp(int port, const std::string& datagram) {
  int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::sendto(fd, datagram.data(), datagram.size(), 0, reinterpret_cast<sockaddr*>(&addr),
           sizeof addr);
  ::close(fd);
}

// The port the server's log says a listener is on ("udp" or "tcp").
int LoggedPort(const std::string& log, const std::string& protocol) {
  std::smatch m;
  std::regex re("\"" + protocol + "\":\"([0-9]+)\"");
  return std::regex_search(log, m, re) ? std::stoi(m[1]) : 0;
}

class DetectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.Start("detect", {"--syslog-udp", "127.0.0.1:0", "--syslog-tcp", "127.0.0.1:0"});
  }
  void TearDown() override { EXPECT_EQ(server_.Stop(), 0); }

  // The alerts, once `count` of them are there and none of level `critical` is still open (the
  // rules run within about a second; the policy acts on what they stored just after).
  Json AlertsOnce(size_t count) {
    Reply r;
    for (int i = 0; i < 100; ++i) {
      r = server_.Send("GET", "/api/v1/alerts?limit=50", nullptr, "p-mori");
      bool settled = r.status == 200 && r.body["items"].size() >= count;
      for (const Json& a : r.body.value("items", Json::array())) {
        if (a["level"] == "critical" && a["state"] == "open") settled = false;
      }
      if (settled) return r.body["items"];
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "fewer than " << count << " alerts: " << r.body.dump();
    return Json::array();
  }
  static const Json* Titled(const Json& alerts, const std::string& title) {
    for (const Json& a : alerts) {
      if (a["rule"]["title"] == title) return &a;
    }
    return nullptr;
  }

  SokuoServer server_;
};

TEST_F(DetectionTest, SyslogOverUdpAndTcpAndNdjsonOverTheApiBecomeAlertsAndAnIncident) {
  int udp = LoggedPort(server_.Errors(), "udp");
  int tcp = LoggedPort(server_.Errors(), "tcp");
  ASSERT_NE(udp, 0) << server_.Errors();
  ASSERT_NE(tcp, 0) << server_.Errors();

  // UDP: one datagram, one message.
  SendUdp(udp, Syslog5424("useradd",
                          "new user: name=backdoor, UID=1001, GID=1001, "
                          "home=/home/backdoor, shell=/bin/bash"));
  // TCP: octet counting (RFC 6587), several messages in one write.
  std::string stream;
  for (int i = 0; i < 12; ++i) {
    std::string m = Syslog5424("sshd",
                               "Failed password for invalid user admin from 203.0.113.7 "
                               "port " +
                                   std::to_string(4000 + i) + " ssh2");
    stream += std::to_string(m.size()) + " " + m;
  }
  {
    Raw r(tcp);
    ASSERT_TRUE(r.connected());
    ASSERT_TRUE(r.Send(stream));
  }
  // The API: NDJSON as journalctl -o json writes it.
  std::time_t now = std::time(nullptr) - 30;
  Json journald = {{"__REALTIME_TIMESTAMP", std::to_string(now) + "000000"},
                   {"_HOSTNAME", "web01"},
                   {"SYSLOG_IDENTIFIER", "sshd"},
                   {"MESSAGE", "Accepted password for alice from 203.0.113.7 port 4712 ssh2"}};
  Reply in = server_.SendRaw("POST", "/api/v1/ingest", journald.dump() + "\n",
                             "application/x-ndjson", "p-mori");
  ASSERT_EQ(in.status, 202) << in.body.dump();
  EXPECT_EQ(in.body["accepted"], 1);

  Json alerts = AlertsOnce(3);
  const Json* account = Titled(alerts, "New local user or group");
  const Json* brute = Titled(alerts, "SSH brute force from one address");
  const Json* login = Titled(alerts, "SSH login after a brute force from the same address");
  ASSERT_NE(account, nullptr) << alerts.dump();
  ASSERT_NE(brute, nullptr) << alerts.dump();
  ASSERT_NE(login, nullptr) << alerts.dump();
  EXPECT_EQ((*account)["state"], "open");
  EXPECT_EQ((*account)["host"], "web01");
  EXPECT_EQ((*account)["rule"]["author"], "sokuo");
  EXPECT_EQ((*brute)["group"], "src_ip=203.0.113.7");
  // Critical: the policy opened an incident with the lines as evidence.
  ASSERT_EQ((*login)["state"], "incident") << login->dump();
  std::string incident = (*login)["incident"];
  Reply i = server_.Send("GET", "/api/v1/incidents/" + incident, nullptr, "p-mori");
  ASSERT_EQ(i.status, 200);
  EXPECT_EQ(i.body["detection"], "alert");
  EXPECT_THAT(i.body["systems"].dump(), HasSubstr("ec-site"));
  ASSERT_EQ(i.body["evidence"].size(), 1u) << i.body.dump();
  Reply file = server_.Send("GET",
                            "/api/v1/incidents/" + incident + "/evidence/" +
                                std::to_string(i.body["evidence"][0]["id"].get<int>()) + "/content",
                            nullptr, "p-mori");
  EXPECT_EQ(file.status, 200);

  Reply one =
      server_.Send("GET", "/api/v1/alerts/" + std::string((*login)["key"]), nullptr, "p-mori");
  ASSERT_EQ(one.status, 200);
  EXPECT_THAT(one.body["lines"].dump(), HasSubstr("Accepted password for alice"));

  // The IS department dismisses the alert it does not need, saying why.
  std::string key = (*account)["key"];
  Reply empty =
      server_.Send("POST", "/api/v1/alerts/" + key + "/dismiss", {{"reason", ""}}, "p-mori");
  EXPECT_EQ(empty.status, 400);
  Reply dismissed = server_.Send("POST", "/api/v1/alerts/" + key + "/dismiss",
                                 {{"reason", "the shop's batch account"}}, "p-mori");
  ASSERT_EQ(dismissed.status, 200) << dismissed.body.dump();
  EXPECT_EQ(dismissed.body["state"], "dismissed");
  EXPECT_EQ(
      server_.Send("POST", "/api/v1/alerts/" + key + "/dismiss", {{"reason", "again"}}, "p-mori")
          .status,
      409);

  Reply counters = server_.Send("GET", "/api/v1/ingest/counters", nullptr, "p-mori");
  ASSERT_EQ(counters.status, 200);
  EXPECT_EQ(counters.body["received"], 14);
  EXPECT_EQ(counters.body["rejected"], 0);
  Reply rules = server_.Send("GET", "/api/v1/rules", nullptr, "p-mori");
  ASSERT_EQ(rules.status, 200);
  EXPECT_GE(rules.body["rules"].size(), 10u);
  EXPECT_TRUE(rules.body["problems"].empty());

  // Someone outside the IS department and the committee sees no alerts and feeds no lines.
  EXPECT_EQ(server_.Send("GET", "/api/v1/alerts", nullptr, "p-sasaki").status, 403);
  EXPECT_EQ(
      server_.SendRaw("POST", "/api/v1/ingest", "{}\n", "application/x-ndjson", "p-sasaki").status,
      403);
  EXPECT_EQ(
      server_.SendRaw("POST", "/api/v1/ingest?format=xml", "{}\n", "application/x-ndjson", "p-mori")
          .status,
      400);
}

// A host's clamscan output over the API (G4.1.4, G4.2.5): kept as the host's scan, and its
// infection raises the shipped rule's alert in the running server.
TEST_F(DetectionTest, AVirusScanOverTheApiIsKeptAndItsInfectionIsAnAlert) {
  std::string output =
      "/srv/www/upload/invoice.exe: Win.Trojan.Agent-123 FOUND\n\n"
      "----------- SCAN SUMMARY -----------\nKnown viruses: 8697412\nEngine version: 1.4.6\n"
      "Scanned directories: 1\nScanned files: 40\nInfected files: 1\n"
      "Data scanned: 0.10 MB\nData read: 0.10 MB (ratio 1.00:1)\nTime: 0.051 sec (0 m 0 s)\n";
  Reply sent =
      server_.SendRaw("POST", "/api/v1/virus-scans?host=web01", output, "text/plain", "p-mori");
  ASSERT_EQ(sent.status, 201) << sent.body.dump();
  EXPECT_EQ(sent.body["scan"]["id"], "web01/000001");
  EXPECT_EQ(sent.body["scan"]["infected_files"], 1);
  EXPECT_EQ(sent.body["scan"]["complete"], true);
  EXPECT_EQ(sent.body["alert_lines"], 1);
  EXPECT_TRUE(sent.body["completed"].empty());  // the other hosts have not scanned

  Json alerts = AlertsOnce(1);
  const Json* found = Titled(alerts, "ClamAV found malware");
  ASSERT_NE(found, nullptr) << alerts.dump();
  EXPECT_EQ((*found)["host"], "web01");

  Reply day = server_.Send("GET", "/api/v1/virus-scans", nullptr, "p-mori");
  ASSERT_EQ(day.status, 200) << day.body.dump();
  EXPECT_EQ(day.body["hosts"].size(), 6u);
  EXPECT_EQ(day.body["missing"].size(), 5u);
  EXPECT_EQ(
      server_.SendRaw("POST", "/api/v1/virus-scans?host=web09", output, "text/plain", "p-mori")
          .status,
      404);
  EXPECT_EQ(
      server_.SendRaw("POST", "/api/v1/virus-scans?host=web01", "hello\n", "text/plain", "p-mori")
          .status,
      400);
  EXPECT_EQ(
      server_.SendRaw("POST", "/api/v1/virus-scans?host=web01", output, "text/plain", "p-sasaki")
          .status,
      403);

  // The day's occurrence is found by a range written in any offset: Tokyo's midnight is the
  // instant the occurrence starts at, though its text sorts after the stored UTC text.
  Reply listed =
      server_.Send("GET", "/api/v1/control-occurrences?control=virus-scan", nullptr, "p-mori");
  ASSERT_EQ(listed.status, 200);
  ASSERT_FALSE(listed.body["items"].empty());
  std::string start = listed.body["items"][0]["starts_at"];
  std::string tokyo = FormatRfc3339(*ParseRfc3339(start) + std::chrono::hours(9));
  tokyo.replace(tokyo.size() - 1, 1, "%2B09:00");
  Reply from = server_.Send("GET", "/api/v1/control-occurrences?control=virus-scan&from=" + tokyo,
                            nullptr, "p-mori");
  ASSERT_EQ(from.status, 200);
  ASSERT_FALSE(from.body["items"].empty());
  EXPECT_EQ(from.body["items"].back()["starts_at"], start);
  EXPECT_EQ(
      server_.Send("GET", "/api/v1/control-occurrences?from=yesterday", nullptr, "p-mori").status,
      400);
}

}  // namespace
}  // namespace sokuo::testing
