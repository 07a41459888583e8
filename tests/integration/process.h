// Runs the real sokuo binary for integration tests: to completion (Run) or in the background
// (Spawn), with stdout and stderr captured in files.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace sokuo::testing {

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class Process {
 public:
  // Starts `args` (args[0] is the program) with stdout/stderr going to files in `dir`.
  Process(const std::vector<std::string>& args, const std::filesystem::path& dir,
          const std::string& name)
      : out_path_((dir / (name + ".out")).string()), err_path_((dir / (name + ".err")).string()) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    posix_spawn_file_actions_addopen(&actions, 2, err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
  }
  ~Process() {
    if (pid_ > 0 && !done_) {
      ::kill(pid_, SIGKILL);
      Wait();
    }
  }

  bool started() const { return pid_ > 0; }
  void Signal(int sig) { ::kill(pid_, sig); }
  int Wait() {
    int status = 0;
    if (pid_ > 0 && !done_) {
      ::waitpid(pid_, &status, 0);
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      done_ = true;
    }
    return exit_code_;
  }
  // Waits (at most `timeout`) for stdout to contain `text`.
  bool WaitForOutput(const std::string& text, std::chrono::seconds timeout) {
    auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
      if (Out().find(text) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }
  std::string Out() const { return Slurp(out_path_); }
  std::string Err() const { return Slurp(err_path_); }

 private:
  std::string out_path_, err_path_;
  pid_t pid_ = -1;
  bool done_ = false;
  int exit_code_ = -1;
};

inline Outcome RunSokuo(const std::vector<std::string>& args, const std::filesystem::path& dir) {
  // Tests compare English messages; a test of Japanese passes --lang ja.
  ::setenv("SOKUO_LANG", "en", 0);
  static int counter = 0;
  Process p(args, dir, "run" + std::to_string(++counter));
  Outcome o;
  o.exit_code = p.started() ? p.Wait() : -1;
  o.out = p.Out();
  o.err = p.Err();
  return o;
}

}  // namespace sokuo::testing
