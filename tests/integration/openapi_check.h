// Checks HTTP responses against an OpenAPI document: the operation for (method, path), the
// response for the status, the media type, and the body against its JSON Schema. The schema
// work is done by Debian's python3-jsonschema (Draft 2020-12, the dialect of OpenAPI 3.1) in one
// long-lived `openapi_check.py` process per document, spoken to over pipes, one JSON line each
// way.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

extern char** environ;

namespace sokuo::testing {

class OpenApiCheck {
 public:
  struct Mismatch {
    std::string pointer;  // JSON pointer into the body ("" for the whole response)
    std::string message;
  };
  struct Verdict {
    std::string operation;  // "GET /api/v1/incidents/{key}", empty when no path matched
    std::vector<Mismatch> mismatches;
  };

  explicit OpenApiCheck(const std::string& document) {
    ::signal(SIGPIPE, SIG_IGN);  // a checker that died is reported, not fatal
    int to_child[2], from_child[2];
    if (::pipe2(to_child, O_CLOEXEC) != 0) return;
    if (::pipe2(from_child, O_CLOEXEC) != 0) {
      ::close(to_child[0]);
      ::close(to_child[1]);
      return;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, to_child[0], 0);
    posix_spawn_file_actions_adddup2(&actions, from_child[1], 1);
    posix_spawn_file_actions_addclose(&actions, to_child[1]);
    posix_spawn_file_actions_addclose(&actions, from_child[0]);
    std::string script = std::string(SOKUO_SOURCE_DIR) + "/tests/integration/openapi_check.py";
    std::vector<std::string> args{SOKUO_PYTHON3, script, document};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
    ::close(to_child[0]);
    ::close(from_child[1]);
    // The pipes are close-on-exec, so neither the server nor another checker holds them open.
    in_ = ::fdopen(to_child[1], "w");
    out_ = ::fdopen(from_child[0], "r");
  }
  ~OpenApiCheck() {
    if (in_) std::fclose(in_);  // EOF: the checker ends
    if (out_) std::fclose(out_);
    if (pid_ > 0) ::waitpid(pid_, nullptr, 0);
  }
  OpenApiCheck(const OpenApiCheck&) = delete;
  OpenApiCheck& operator=(const OpenApiCheck&) = delete;

  // One checker per document for the whole test program (starting Python costs ~0.2 s).
  static OpenApiCheck& For(const std::string& document) {
    static std::map<std::string, std::unique_ptr<OpenApiCheck>> checkers;
    auto& c = checkers[document];
    if (!c) c = std::make_unique<OpenApiCheck>(document);
    return *c;
  }

  Verdict Check(const std::string& method, const std::string& path, int status,
                const std::string& content_type, const std::string& body) {
    Verdict verdict;
    auto broken = [&](const std::string& why) {
      verdict.mismatches.push_back({"", "the OpenAPI checker " + why + " (" + SOKUO_PYTHON3 +
                                            " with python3-jsonschema: run scripts/bootstrap)"});
      return verdict;
    };
    if (pid_ <= 0 || !in_ || !out_) return broken("did not start");
    nlohmann::json request = {{"method", method},
                              {"path", path},
                              {"status", status},
                              {"content_type", content_type},
                              {"body", body}};
    std::string line = request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    line += '\n';
    if (std::fwrite(line.data(), 1, line.size(), in_) != line.size() || std::fflush(in_) != 0) {
      return broken("does not read");
    }
    std::string answer;
    for (int c = std::fgetc(out_); c != EOF && c != '\n'; c = std::fgetc(out_)) {
      answer.push_back(static_cast<char>(c));
    }
    auto j = nlohmann::json::parse(answer, nullptr, false);
    if (!j.is_object()) return broken("did not answer");
    if (j["operation"].is_string()) verdict.operation = j["operation"];
    for (const auto& m : j["errors"]) {
      verdict.mismatches.push_back({m.value("pointer", ""), m.value("message", "")});
    }
    return verdict;
  }

 private:
  pid_t pid_ = -1;
  FILE* in_ = nullptr;
  FILE* out_ = nullptr;
};

}  // namespace sokuo::testing
