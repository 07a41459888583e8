// The receivers of the notification tests: a real SMTP server (aiosmtpd) and an HTTP webhook
// receiver (notify_sink.py), with the organization file that sends to them.
#pragma once

#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "integration/server.h"

namespace sokuo::testing {

class Sink {
 public:
  // Fails the test (ASSERT) when aiosmtpd is missing or the receivers do not come up.
  void Start(const std::filesystem::path& dir, const std::string& smtp_delay = "0") {
    dir_ = dir;
    std::filesystem::create_directories(dir_);
    process_ = std::make_unique<Process>(
        std::vector<std::string>{
            SOKUO_PYTHON3, std::string(SOKUO_SOURCE_DIR) + "/tests/integration/notify_sink.py",
            dir_.string(), "--smtp-delay", smtp_delay},
        dir_, "sink");
    ASSERT_TRUE(process_->WaitForOutput("ready", std::chrono::seconds(20))) << process_->Err();
    std::smatch m;
    std::string out = process_->Out();
    ASSERT_TRUE(std::regex_search(out, m, std::regex("smtp=(\\d+) http=(\\d+)"))) << out;
    smtp_ = std::stoi(m[1]);
    http_ = std::stoi(m[2]);
  }
  std::vector<std::string> Mails() const {
    std::vector<std::string> out;
    if (!std::filesystem::exists(dir_ / "mail")) return out;
    std::set<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir_ / "mail")) {
      if (e.path().extension() == ".eml") names.insert(e.path().string());
    }
    for (const auto& n : names) out.push_back(Slurp(n));
    return out;
  }
  std::vector<Json> Hooks() const {
    std::vector<Json> out;
    std::istringstream in(Slurp((dir_ / "hooks.jsonl").string()));
    for (std::string line; std::getline(in, line);) out.push_back(Json::parse(line));
    return out;
  }
  // The organization file: the example company, sending through these receivers.
  std::string OrgFile() const {
    std::string path = (dir_ / "org.yaml").string();
    std::ofstream(path) << Slurp(std::string(SOKUO_SOURCE_DIR) + "/examples/org.yaml")
                        << "\nnotifications:\n  link_base: http://sokuo.test\n  email:\n"
                        << "    smtp: smtp://127.0.0.1:" << smtp_ << "\n"
                        << "    from: sokuo@asagino-seiki.example\n    starttls: none\n"
                        << "  webhooks:\n    - id: is-chat\n"
                        << "      url: http://127.0.0.1:" << http_ << "/hook\n"
                        << "      secret_env: SOKUO_TEST_HOOK_SECRET\n"
                        << "      kinds: [incident.reported]\n";
    return path;
  }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<Process> process_;
  int smtp_ = 0, http_ = 0;
};

// Waits until `done` holds, for at most `seconds`.
template <class Done>
bool Eventually(Done done, int seconds = 30) {
  for (int i = 0; i < seconds * 10; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

inline std::string Header(const std::string& mail, const std::string& name) {
  auto at = mail.find("\r\n" + name + ": ");
  if (at == std::string::npos) return "";
  at += name.size() + 4;
  return mail.substr(at, mail.find("\r\n", at) - at);
}

// Once `server` holds no delivery pending (waiting at most `seconds`): every mail `sink` received
// arrived once, by its idempotency key, and those are the email deliveries the servers hold as
// sent. Returns how many mails arrived.
inline size_t ExpectEachMailOnce(SokuoServer& server, const Sink& sink, int seconds) {
  EXPECT_TRUE(Eventually(
      [&] {
        Reply r = server.Send("GET", "/api/v1/notifications?status=pending", nullptr, "p-mori");
        return r.status == 200 && r.body["total"] == 0;
      },
      seconds))
      << "deliveries still pending";
  std::set<std::string> sent;
  for (size_t offset = 0;;) {
    Reply r = server.Send(
        "GET", "/api/v1/notifications?status=sent&limit=100&offset=" + std::to_string(offset),
        nullptr, "p-mori");
    EXPECT_EQ(r.status, 200);
    if (r.status != 200) break;
    for (const Json& d : r.body["items"]) {
      if (d["channel"] == "email") sent.insert(d["id"].get<std::string>());
    }
    if (!r.body.contains("next_offset")) break;
    offset = r.body["next_offset"].get<size_t>();
  }
  std::multiset<std::string> keys;
  for (const std::string& mail : sink.Mails()) keys.insert(Header(mail, "X-Sokuo-Idempotency-Key"));
  std::set<std::string> unique(keys.begin(), keys.end());
  EXPECT_EQ(unique.size(), keys.size()) << "a mail sent twice";
  EXPECT_EQ(unique, sent);
  return keys.size();
}

}  // namespace sokuo::testing
