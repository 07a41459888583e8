#include "platform/pdf.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include "base/temp_dir.h"

extern char** environ;

namespace sokuo::platform {

std::string ChromiumPath() {
  if (const char* given = std::getenv("SOKUO_CHROMIUM"); given != nullptr && *given != '\0') {
    return std::filesystem::exists(given) ? given : "";
  }
  return std::filesystem::exists("/usr/bin/chromium") ? "/usr/bin/chromium" : "";
}

Result<void> PrintToPdf(const std::string& html, const std::string& pdf) {
  std::string chromium = ChromiumPath();
  if (chromium.empty()) return Fail(ErrorCode::kUnavailable, Msg("pdf.no_chromium"));
  std::error_code ec;
  std::string page = "file://";
  for (unsigned char c : std::filesystem::absolute(html, ec).string()) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      page += static_cast<char>(c);
    } else {  // a file URL's path is percent-encoded: '#', '?', '%', spaces, UTF-8 bytes
      static constexpr char kHex[] = "0123456789ABCDEF";
      page += '%';
      page += kHex[c >> 4];
      page += kHex[c & 15];
    }
  }
  std::string out = std::filesystem::absolute(pdf, ec).string();
  std::filesystem::remove(out, ec);  // an old PDF there must not pass for the new one
  TempDir profile("sokuo-pdf");
  std::vector<std::string> args = {
      chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--disable-extensions", "--no-pdf-header-footer",
      // Networking off: a page that asked for anything outside would get nothing.
      "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
      "--user-data-dir=" + profile.path().string(), "--print-to-pdf=" + out, page};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  // A group of its own, so that a timeout ends Chromium's helper processes too.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  pid_t pid = -1;
  int spawned = posix_spawn(&pid, chromium.c_str(), &actions, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (spawned != 0) {
    return Fail(ErrorCode::kIo, Msg("pdf.failed", {{"path", pdf}, {"reason", "spawn"}}));
  }
  int status = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return Fail(ErrorCode::kIo, Msg("pdf.failed", {{"path", pdf}, {"reason", "timeout"}}));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0 && std::filesystem::exists(out, ec) &&
            std::filesystem::file_size(out, ec) > 0;
  if (!ok) {
    return Fail(
        ErrorCode::kIo,
        Msg("pdf.failed",
            {{"path", pdf},
             {"reason", "exit " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status)
                                                                   : 128 + WTERMSIG(status))}}));
  }
  return {};
}

}  // namespace sokuo::platform
