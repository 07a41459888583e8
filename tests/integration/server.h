// A real `sokuo serve` on port 0 with its own temporary data directory holding the example
// company, and a small JSON client for it.
#pragma once

#include <httplib.h>

#include <cstdlib>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "integration/openapi_check.h"
#include "integration/process.h"

namespace sokuo::testing {

using Json = nlohmann::json;

struct Reply {
  int status = 0;
  std::string content_type;
  Json body;
  std::vector<std::string> set_cookies;
  httplib::Headers headers;
};

// A logged-in browser: the session cookie and the CSRF token.
struct Session {
  std::string cookie;  // "sokuo_session=…"
  std::string csrf;
};

class SokuoServer {
 public:
  // Fails the current test (ASSERT) when the server does not come up.
  // Every account of a test server has this password (tests hash with libsodium's minimum cost).
  static constexpr const char* kPassword = "correct horse battery staple";

  void Start(const std::string& name, std::vector<std::string> serve_flags = {},
             const std::string& org = std::string(SOKUO_SOURCE_DIR) + "/examples/org.yaml") {
    ::setenv("SOKUO_PASSWORD_COST", "min", 1);
    Prepare(name);
    Outcome init = RunSokuo({SOKUO_BINARY, "--data", data_, "init", "--org", org, "--admin",
                             "p-mori", "--admin-password-file", password_file_},
                            dir_);
    ASSERT_EQ(init.exit_code, 0) << init.err;
    Serve(std::move(serve_flags));
  }
  // Keeps the records at `store` (a PostgreSQL URL) rather than in the data directory: Start
  // initializes that database; Attach serves one another server initialized.
  void SetStore(std::string store) { store_ = std::move(store); }
  // A server of its own data directory over the database of SetStore, without init.
  void Attach(const std::string& name, std::vector<std::string> serve_flags = {}) {
    Prepare(name);
    Serve(std::move(serve_flags));
  }
  // Starts `sokuo serve` on the data directory Start made (again, after Kill).
  void Serve(std::vector<std::string> serve_flags = {}) {
    std::vector<std::string> args{SOKUO_BINARY, "--data",   data_,
                                  "serve",      "--listen", "127.0.0.1:0"};
    args.insert(args.end(), serve_flags.begin(), serve_flags.end());
    process_ = std::make_unique<Process>(args, dir_, "serve");
    ASSERT_TRUE(process_->WaitForOutput("Ctrl-C", std::chrono::seconds(20))) << process_->Err();
    std::string out = process_->Out();
    const std::string prefix = "://127.0.0.1:";
    auto at = out.find(prefix, out.find("listening on"));
    ASSERT_NE(at, std::string::npos) << out;
    port_ = std::stoi(out.substr(at + prefix.size()));
    // Responses are checked against the document the server serves (the organization schemas
    // are generated into it), kept beside the data directory. (Over TLS nothing is checked: the
    // harness's client speaks plain HTTP.)
    if (out.find("https://", out.find("listening on")) != std::string::npos) return;
    httplib::Client client("127.0.0.1", port_);
    auto document = client.Get("/api/v1/openapi.json");
    ASSERT_TRUE(document && document->status == 200) << "no OpenAPI document";
    openapi_ = (dir_ / "openapi.json").string();
    std::ofstream(openapi_) << document->body;
  }
  // Ends the server as a power cut would (SIGKILL), keeping its data for Serve.
  void Kill() {
    if (!process_) return;
    process_->Signal(SIGKILL);
    process_->Wait();
    process_.reset();
  }
  // Returns the server's exit code after SIGTERM.
  int Stop() {
    int code = -1;
    if (process_) {
      process_->Signal(SIGTERM);
      code = process_->Wait();
      process_.reset();
    }
    std::filesystem::remove_all(dir_);
    return code;
  }
  std::string Errors() const { return process_ ? process_->Err() : ""; }
  // A fresh temporary directory with the password file, and the data directory's file `store`
  // naming the database of SetStore for every command.
  void Prepare(const std::string& name) {
    dir_ = std::filesystem::temp_directory_path() /
           ("sokuo-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    data_ = (dir_ / "data").string();
    password_file_ = (dir_ / "password").string();
    std::ofstream(password_file_) << kPassword << "\n";
    if (store_.empty()) return;
    std::filesystem::create_directories(data_);
    std::ofstream(data_ + "/store") << store_ << "\n";
  }

  // Runs the sokuo CLI on the server's data directory (the operator's tool).
  Outcome Cli(std::vector<std::string> args) {
    args.insert(args.begin(), {SOKUO_BINARY, "--data", data_});
    return RunSokuo(args, dir_);
  }

  // Gives `person` an account (password kPassword) if they have none.
  bool EnsureAccount(const std::string& person, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"user", "add", person, "--password-file", password_file_};
    args.insert(args.end(), extra.begin(), extra.end());
    int code = Cli(args).exit_code;
    return code == 0 || code == 4;  // 4: the account exists already
  }

  // A write-scope API token of `person`, made once; empty when the person cannot have one.
  std::string TokenFor(const std::string& person) {
    if (auto it = tokens_.find(person); it != tokens_.end()) return it->second;
    std::string token;
    if (EnsureAccount(person)) {
      Outcome o = Cli({"user", "token", person, "--name", "test", "--scope", "write"});
      if (o.exit_code == 0) token = o.out.substr(0, o.out.find('\n'));
    }
    tokens_[person] = token;
    return token;
  }

  Reply Send(const std::string& method, const std::string& path, const Json& body = nullptr,
             const std::string& person = "") {
    std::string text = body.is_null() ? "" : body.dump();
    return SendRaw(method, path, text, "application/json", person);
  }
  Reply SendRaw(const std::string& method, const std::string& path, const std::string& body,
                const std::string& content_type, const std::string& person) {
    httplib::Headers headers;
    if (!person.empty()) {
      std::string token = TokenFor(person);
      headers.emplace("Authorization", "Bearer " + (token.empty() ? "sokuo_none_none" : token));
    }
    return SendWith(method, path, body, content_type, headers);
  }

  // As a browser: the session cookie, and the CSRF header unless `csrf` is false.
  Reply SendAs(const Session& s, const std::string& method, const std::string& path,
               const Json& body = nullptr, bool csrf = true) {
    httplib::Headers headers{{"Cookie", s.cookie}};
    if (csrf) headers.emplace("X-CSRF-Token", s.csrf);
    return SendWith(method, path, body.is_null() ? "" : body.dump(), "application/json", headers);
  }

  // Logs in with the password; an empty session when it fails.
  Session LogIn(const std::string& person, const std::string& password = kPassword) {
    Reply r =
        SendWith("POST", "/api/v1/session", Json{{"login", person}, {"password", password}}.dump(),
                 "application/json", {});
    Session s;
    if (r.status != 201) return s;
    for (const std::string& c : r.set_cookies) {
      if (c.rfind("sokuo_session=", 0) == 0) s.cookie = c.substr(0, c.find(';'));
    }
    s.csrf = r.body.value("csrf_token", "");
    return s;
  }

  // Tests compare English messages: a request that names no language asks for English (the
  // server's own default is Japanese).
  Reply SendWith(const std::string& method, const std::string& path, const std::string& body,
                 const std::string& content_type, httplib::Headers headers) {
    if (headers.find("Accept-Language") == headers.end()) headers.emplace("Accept-Language", "en");
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(30, 0);
    auto call = [&]() -> httplib::Result {
      if (method == "POST") return client.Post(path.c_str(), headers, body, content_type.c_str());
      if (method == "PUT") return client.Put(path.c_str(), headers, body, content_type.c_str());
      if (method == "PATCH") return client.Patch(path.c_str(), headers, body, content_type.c_str());
      if (method == "DELETE") return client.Delete(path.c_str(), headers);
      return client.Get(path.c_str(), headers);
    };
    httplib::Result res = call();
    if (!res) return {};
    CheckAgainstOpenApi(method, path, *res);
    Reply reply{res->status,
                res->get_header_value("Content-Type"),
                Json::parse(res->body, nullptr, false),
                {},
                res->headers};
    auto range = res->headers.equal_range("Set-Cookie");
    for (auto it = range.first; it != range.second; ++it) reply.set_cookies.push_back(it->second);
    return reply;
  }
  Reply Get(const std::string& path) { return Send("GET", path); }

  // Every response to /api/ must be described by the served OpenAPI document (src/api/openapi.json
  // with the generated organization schemas): its operation, status and media type, and its JSON
  // body must match the schema. A mismatch fails the test that sent it.
  void CheckAgainstOpenApi(const std::string& method, const std::string& path,
                           const httplib::Response& res) {
    if (path.rfind("/api/", 0) != 0 || openapi_.empty())
      return;  // the web UI's paths are not the API's
    OpenApiCheck::Verdict v = OpenApiCheck::For(openapi_).Check(
        method, path, res.status, res.get_header_value("Content-Type"), res.body);
    for (const auto& m : v.mismatches) {
      ADD_FAILURE() << "openapi.json does not describe the response to " << method << " " << path
                    << (v.operation.empty() ? "" : " (" + v.operation + ")") << " -> " << res.status
                    << " " << res.get_header_value("Content-Type") << " at '" << m.pointer
                    << "': " << m.message;
    }
  }

  const std::string& data() const { return data_; }
  const std::filesystem::path& dir() const { return dir_; }
  int port() const { return port_; }

 private:
  std::filesystem::path dir_;
  std::string data_;
  std::string password_file_;
  std::string store_;    // SetStore
  std::string openapi_;  // the served OpenAPI document, as a file for the checker
  std::unique_ptr<Process> process_;
  int port_ = 0;
  std::map<std::string, std::string> tokens_;
};

}  // namespace sokuo::testing
