// Accounts, sessions, tokens and need-to-know, against a real server.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "integration/server.h"

namespace sokuo::testing {
namespace {

using ::testing::HasSubstr;

// The people who play each role (example company). Only administrator and auditor are granted;
// the rest comes from the organization file.
struct Player {
  const char* role;
  const char* person;
  const char* granted;  // --role for `sokuo user add`, or ""
};
constexpr Player kPlayers[] = {
    {"admin", "p-harada", "administrator"},  // manufacturing staff, no other role
    {"committee", "p-ishikawa", ""},         // the committee chair
    {"is", "p-fujita", ""},                  // IS department staff
    {"head", "p-inoue", ""},                 // head of logistics (not on the committee)
    {"member", "p-morita", ""},              // logistics staff
    {"auditor", "p-ishii", "auditor"},       // legal staff
};

// The incidents: reported from logistics ("own" for the logistics head and member) or sales
// ("other"), open or restricted (need-to-know).
struct Case {
  bool own;
  bool restricted;
  std::string key;
};

class SecurityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new SokuoServer;
    server_->Start("security");
    for (const Player& p : kPlayers) {
      std::vector<std::string> extra;
      if (*p.granted) extra = {"--role", p.granted};
      ASSERT_TRUE(server_->EnsureAccount(p.person, extra)) << p.person;
      sessions_[p.role] = server_->LogIn(p.person);
      ASSERT_FALSE(sessions_[p.role].cookie.empty()) << p.person;
    }
    ASSERT_TRUE(server_->EnsureAccount("p-goto"));  // the account the admin routes act on
    for (bool own : {true, false}) {
      for (bool restricted : {false, true}) {
        std::vector<std::string> args{"--as",     own ? "p-okamoto" : "p-takahashi",
                                      "incident", "report",
                                      "--title",  "matrix",
                                      "--system", "order-system"};
        if (restricted) args.push_back("--restricted");
        Outcome o = server_->Cli(args);
        ASSERT_EQ(o.exit_code, 0) << o.err;
        cases_.push_back({own, restricted, o.out.substr(0, o.out.find(' '))});
      }
    }
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(server_->Stop(), 0);
    delete server_;
    server_ = nullptr;
  }

  static inline SokuoServer* server_ = nullptr;
  static inline std::map<std::string, Session> sessions_;
  static inline std::vector<Case> cases_;
};

// Who may see an incident, by the rules of docs/security.md.
bool Sees(const std::string& role, const Case& c) {
  if (role == "committee" || role == "is" || role == "auditor") return true;
  if (role == "admin") return !c.restricted;
  return c.own && !c.restricted;  // head and member of logistics
}

// What each rule allows, written from the guideline's roles rather than from the code.
bool Allows(const std::string& rule, const std::string& role, const Case& c) {
  bool is = role == "is", committee = role == "committee";
  if (rule == "see") return Sees(role, c);
  if (rule == "is") return is;
  if (rule == "responder") return is || committee;
  if (rule == "act") return is || committee || (role == "head" && c.own && !c.restricted);
  return false;
}

TEST_F(SecurityTest, AuthorizationMatrixForIncidents) {
  struct Endpoint {
    const char* method;
    const char* path;  // {key} is replaced
    const char* rule;
    Json body;
  };
  const Endpoint endpoints[] = {
      {"GET", "/api/v1/incidents/{key}", "see", nullptr},
      {"GET", "/api/v1/incidents/{key}/timeline", "see", nullptr},
      {"GET", "/api/v1/incidents/{key}/notifications", "see", nullptr},
      {"GET", "/api/v1/incidents/{key}/plan", "see", nullptr},
      {"PATCH", "/api/v1/incidents/{key}", "responder", {{"harm_note", "確認中"}}},
      {"POST", "/api/v1/incidents/{key}/triage", "is", {{"confirmed", true}}},
      {"PUT", "/api/v1/incidents/{key}/priority", "is", {{"priority", "p1"}, {"reason", "r"}}},
      {"POST", "/api/v1/incidents/{key}/convocation", "is", nullptr},
      {"PUT", "/api/v1/incidents/{key}/convocation", "responder", {{"attendees", {"p-ishikawa"}}}},
      {"POST",
       "/api/v1/incidents/{key}/decisions",
       "responder",
       {{"kind", "policy"}, {"text", "t"}, {"decided_by", "p-ishikawa"}}},
      {"POST",
       "/api/v1/incidents/{key}/contacts",
       "act",
       {{"audience", "internal"}, {"contact", "logistics"}, {"summary", "s"}}},
      {"POST", "/api/v1/incidents/{key}/tasks", "act", {{"kind", "other"}, {"title", "t"}}},
      {"PUT", "/api/v1/incidents/{key}/assessment", "act", {{"kinds", {"leak"}}}},
      {"PUT", "/api/v1/incidents/{key}/recovery/order-system", "act", {{"status", "restoring"}}},
      {"POST", "/api/v1/incidents/{key}/findings", "act", {{"kind", "social"}, {"text", "t"}}},
      {"POST", "/api/v1/incidents/{key}/prevention", "act", {{"text", "t"}}},
      {"PUT",
       "/api/v1/incidents/{key}/backdoor-checks/order-system/added_users",
       "act",
       {{"result", "clean"}}},
      {"POST",
       "/api/v1/incidents/{key}/evidence?name=sshd.log&kind=access_log",
       "act",
       {{"log", "Failed password for root"}}},
      {"POST", "/api/v1/incidents/{key}/transitions", "responder", {{"to", "closed"}}},
  };
  int checked = 0;
  for (const Endpoint& e : endpoints) {
    for (const Player& p : kPlayers) {
      for (const Case& c : cases_) {
        std::string path = e.path;
        path.replace(path.find("{key}"), 5, c.key);
        Reply r = server_->SendAs(sessions_[p.role], e.method, path, e.body);
        int expected_denial = Sees(p.role, c) ? 403 : 404;
        bool allowed = Allows(e.rule, p.role, c) && p.role != std::string("auditor");
        if (std::string(e.rule) == "see") allowed = Sees(p.role, c);
        std::string where = std::string(e.method) + " " + e.path + " as " + p.role +
                            (c.own ? " own" : " other") + (c.restricted ? " restricted" : "");
        if (allowed) {
          EXPECT_NE(r.status, 401) << where;
          EXPECT_NE(r.status, 403) << where << ": " << r.body.dump();
          EXPECT_NE(r.status, 404) << where << ": " << r.body.dump();
        } else {
          EXPECT_EQ(r.status, expected_denial) << where << ": " << r.body.dump();
          EXPECT_THAT(r.content_type, HasSubstr("application/problem+json")) << where;
        }
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 19 * 6 * 4);
}

TEST_F(SecurityTest, AuthorizationMatrixForEverythingElse) {
  struct Endpoint {
    const char* method;
    const char* path;
    std::vector<const char*> allowed;  // roles; {"*"} for all
    Json body;
  };
  const Endpoint endpoints[] = {
      {"GET", "/api/v1/company", {"*"}, nullptr},
      {"GET", "/api/v1/departments", {"*"}, nullptr},
      {"GET", "/api/v1/people/p-mori", {"*"}, nullptr},
      {"GET", "/api/v1/contacts?kind=police", {"*"}, nullptr},
      {"GET", "/api/v1/systems/order-system", {"*"}, nullptr},
      {"GET", "/api/v1/media", {"*"}, nullptr},
      // The company's weak spots (G3.3, G5.1): for those who close them and who check them.
      {"GET", "/api/v1/readiness", {"admin", "auditor", "committee", "is"}, nullptr},
      {"GET", "/api/v1/incidents", {"*"}, nullptr},
      {"POST",
       "/api/v1/incidents",
       {"admin", "committee", "is", "head", "member"},
       {{"title", "新しい報告"}}},
      {"GET", "/api/v1/journal", {"admin", "auditor"}, nullptr},
      {"GET", "/api/v1/journal/head", {"admin", "auditor"}, nullptr},
      {"GET", "/api/v1/journal/verify", {"admin", "auditor"}, nullptr},
      {"GET", "/api/v1/evidence/verify", {"admin", "auditor"}, nullptr},
      {"GET", "/api/v1/users", {"admin"}, nullptr},
      {"POST", "/api/v1/users", {"admin"}, {{"person", "p-goto"}}},
      {"PATCH", "/api/v1/users/p-goto", {"admin"}, {{"unlock", true}}},
      {"POST", "/api/v1/users/p-goto/password", {"admin"}, nullptr},
      {"GET", "/api/v1/session", {"*"}, nullptr},
      {"GET", "/api/v1/tokens", {"*"}, nullptr},
      {"POST", "/api/v1/tokens", {"*"}, {{"name", "matrix"}, {"scope", "read"}}},
  };
  for (const Endpoint& e : endpoints) {
    for (const Player& p : kPlayers) {
      bool allowed = e.allowed[0] == std::string("*") ||
                     std::find_if(e.allowed.begin(), e.allowed.end(), [&](const char* r) {
                       return r == std::string(p.role);
                     }) != e.allowed.end();
      Reply r = server_->SendAs(sessions_[p.role], e.method, e.path, e.body);
      std::string where = std::string(e.method) + " " + e.path + " as " + p.role;
      if (allowed) {
        EXPECT_TRUE(r.status == 200 || r.status == 201 || r.status == 409)
            << where << ": " << r.body.dump();
      } else {
        EXPECT_EQ(r.status, 403) << where << ": " << r.body.dump();
      }
    }
  }
  // Lists apply need-to-know too: the logistics member sees only the open logistics incident.
  Reply listed = server_->SendAs(sessions_["member"], "GET", "/api/v1/incidents?limit=500");
  std::vector<std::string> keys;
  for (const auto& i : listed.body["items"]) {
    if (i["title"] == "matrix") keys.push_back(i["key"]);
  }
  EXPECT_EQ(keys, std::vector<std::string>{cases_[0].key});
}

// A disaster concerns the whole company: everyone signed in reads it; who may write what follows
// the guideline's roles (docs/security.md): a department head or the person answers the roll call
// and a department surveys itself; measures, vendors and exemptions are the committee's and the
// IS department's; the auditor and an administrator as such change nothing.
TEST_F(SecurityTest, AuthorizationMatrixForDisasters) {
  Outcome declared = server_->Cli({"--as", "p-mori", "disaster", "declare", "--title", "matrix",
                                   "--kind", "fire", "--department", "logistics"});
  ASSERT_EQ(declared.exit_code, 0) << declared.err;
  const std::string base = "/api/v1/disasters/" + declared.out.substr(0, declared.out.find(' '));
  struct Endpoint {
    const char* method;
    std::string path;
    std::vector<const char*> allowed;  // roles; {"*"} for all
    Json body;
  };
  const std::vector<Endpoint> endpoints = {
      {"GET", "/api/v1/disasters", {"*"}, nullptr},
      {"GET", base, {"*"}, nullptr},
      {"GET", base + "/plan", {"*"}, nullptr},
      {"GET", base + "/notifications", {"*"}, nullptr},
      {"POST",
       "/api/v1/disasters",
       {"committee", "is", "head"},
       {{"kind", "flood"}, {"title", "m"}}},
      {"POST",
       base + "/rollcall",
       {"committee", "is", "head", "member"},
       {{"person", "p-morita"}, {"can_work", true}}},
      {"POST",
       base + "/survey",
       {"committee", "is", "head", "member"},
       {{"entries", {{{"department", "logistics"}, {"item", "power"}, {"status", "ok"}}}}}},
      {"POST",
       base + "/progress",
       {"committee", "is"},
       {{"system", "core-network"}, {"status", "restoring"}}},
      {"POST", base + "/tasks", {"committee", "is"}, {{"kind", "other"}, {"title", "m"}}},
      {"POST", base + "/vendor-requests", {"committee", "is"}, {{"vendor", "netcare"}}},
      {"POST",
       base + "/exemptions",
       {"committee", "is"},
       {{"rule", "r"},
        {"scope", "s"},
        {"reason", "m"},
        {"expires_at", "2099-01-01T00:00:00Z"},
        {"decided_by", "p-ishikawa"}}},
      {"PATCH", base, {"committee", "is"}, {{"summary", "m"}}},
      {"PATCH", base + "/tasks/1", {"committee", "is"}, {{"status", "in_progress"}}},
      {"PATCH",
       base + "/vendor-requests/1",
       {"committee", "is"},
       {{"state", "answered"}, {"answer", "m"}}},
      {"POST",
       base + "/decisions",
       {"committee", "is"},
       {{"kind", "policy"}, {"text", "m"}, {"decided_by", "p-ishikawa"}}},
      // Nobody but IS and the committee answers for an IS engineer (a head's claim of another
      // department: DisasterAppTest.WhoMayNotActChangesNothing); a department does not survey
      // another's system.
      {"POST",
       base + "/rollcall",
       {"committee", "is"},
       {{"person", "p-nakamura"}, {"can_work", true}}},
      {"POST",
       base + "/survey",
       {"committee", "is"},
       {{"entries",
         {{{"department", "logistics"},
           {"item", "systems"},
           {"target", "core-network"},
           {"status", "ok"}}}}}},
  };
  for (const Endpoint& e : endpoints) {
    for (const Player& p : kPlayers) {
      bool allowed = e.allowed[0] == std::string("*") ||
                     std::find_if(e.allowed.begin(), e.allowed.end(), [&](const char* r) {
                       return r == std::string(p.role);
                     }) != e.allowed.end();
      Reply r = server_->SendAs(sessions_[p.role], e.method, e.path, e.body);
      std::string where = std::string(e.method) + " " + e.path + " as " + p.role;
      if (allowed) {
        EXPECT_TRUE(r.status == 200 || r.status == 201) << where << ": " << r.body.dump();
      } else {
        EXPECT_EQ(r.status, 403) << where << ": " << r.body.dump();
      }
    }
  }
}

TEST_F(SecurityTest, NobodyGetsInWithoutCredentials) {
  for (const char* path :
       {"/api/v1/company", "/api/v1/incidents", "/api/v1/journal", "/api/v1/users"}) {
    Reply r = server_->Send("GET", path);
    EXPECT_EQ(r.status, 401) << path;
    EXPECT_THAT(r.content_type, HasSubstr("application/problem+json"));
  }
  EXPECT_EQ(server_->Send("GET", "/api/v1/health").status, 200);
  EXPECT_EQ(server_->Send("GET", "/api/v1/openapi.json").status, 200);
  httplib::Headers forged{{"Cookie", "sokuo_session=0123456789abcdef"}};
  EXPECT_EQ(server_->SendWith("GET", "/api/v1/company", "", "", forged).status, 401);
}

// A stranger learns that the server answers, not which version runs or how far its journal has
// come; every reply forbids framing and foreign content.
TEST_F(SecurityTest, StrangersLearnLittleAndPagesCannotBeFramed) {
  Reply anonymous = server_->Send("GET", "/api/v1/health");
  ASSERT_EQ(anonymous.status, 200);
  EXPECT_EQ(anonymous.body, (Json{{"status", "ok"}, {"read_only", false}}));
  Reply signed_in = server_->Send("GET", "/api/v1/health", nullptr, "p-mori");
  EXPECT_TRUE(signed_in.body.contains("version"));
  EXPECT_TRUE(signed_in.body.contains("journal_seq"));
  for (const Reply& r :
       {anonymous, server_->Send("GET", "/"), server_->Send("GET", "/api/v1/incidents")}) {
    auto header = [&](const char* name) {
      auto it = r.headers.find(name);
      return it == r.headers.end() ? std::string() : it->second;
    };
    EXPECT_EQ(header("X-Frame-Options"), "DENY");
    EXPECT_THAT(header("Content-Security-Policy"), HasSubstr("frame-ancestors 'none'"));
    EXPECT_THAT(header("Content-Security-Policy"), HasSubstr("default-src 'self'"));
  }
}

// A status the HTTP layer chose (a URL too long) is the status the problem reports.
TEST_F(SecurityTest, AProblemReportsTheStatusItWasSentWith) {
  httplib::Client client("127.0.0.1", server_->port());
  auto r = client.Get(("/api/v1/incidents?system=" + std::string(20000, 'a')).c_str());
  ASSERT_TRUE(r);
  EXPECT_GE(r->status, 400);
  Json problem = Json::parse(r->body, nullptr, false);
  ASSERT_TRUE(problem.is_object()) << r->body;
  EXPECT_EQ(problem["status"], r->status);
}

TEST_F(SecurityTest, CookiesAreHttpOnlyStrictAndNeedCsrfForWrites) {
  ASSERT_TRUE(server_->EnsureAccount("p-ueda"));
  Reply login =
      server_->SendWith("POST", "/api/v1/session",
                        Json{{"login", "p-ueda"}, {"password", SokuoServer::kPassword}}.dump(),
                        "application/json", {});
  ASSERT_EQ(login.status, 201);
  ASSERT_EQ(login.set_cookies.size(), 2u);
  EXPECT_THAT(login.set_cookies[0], HasSubstr("HttpOnly"));
  EXPECT_THAT(login.set_cookies[0], HasSubstr("SameSite=Strict"));
  EXPECT_THAT(login.set_cookies[0], ::testing::Not(HasSubstr("Secure")));  // no TLS here
  Session s = server_->LogIn("p-ueda");
  Reply no_csrf = server_->SendAs(s, "POST", "/api/v1/incidents", {{"title", "csrf"}}, false);
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_THAT(no_csrf.body["detail"].get<std::string>(), HasSubstr("X-CSRF-Token"));
  Session wrong = s;
  wrong.csrf = std::string(64, 'a');
  EXPECT_EQ(server_->SendAs(wrong, "POST", "/api/v1/incidents", {{"title", "csrf"}}).status, 403);
  EXPECT_EQ(server_->SendAs(s, "POST", "/api/v1/incidents", {{"title", "csrf"}}).status, 201);
  EXPECT_EQ(server_->SendAs(s, "GET", "/api/v1/company", nullptr, false).status, 200)
      << "reads need no CSRF token";
  EXPECT_EQ(server_->SendAs(s, "DELETE", "/api/v1/session").status, 200);
  EXPECT_EQ(server_->SendAs(s, "GET", "/api/v1/company").status, 401);
  Reply bad = server_->SendWith("POST", "/api/v1/session",
                                Json{{"login", "p-ueda"}, {"password", "wrong"}}.dump(),
                                "application/json", {});
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(bad.body["code"], "auth.bad_login");
}

TEST_F(SecurityTest, TokenScopesAndRevocation) {
  ASSERT_TRUE(server_->EnsureAccount("p-kobayashi"));
  Session s = server_->LogIn("p-kobayashi");
  auto make = [&](const char* scope) {
    Reply r = server_->SendAs(s, "POST", "/api/v1/tokens",
                              {{"name", scope}, {"scope", scope}, {"days", 7}});
    EXPECT_EQ(r.status, 201) << r.body.dump();
    return std::pair{r.body.value("token", ""), r.body.value("id", "")};
  };
  auto bearer = [&](const std::string& token, const char* method, const char* path,
                    const Json& body) {
    return server_->SendWith(method, path, body.is_null() ? "" : body.dump(), "application/json",
                             {{"Authorization", "Bearer " + token}});
  };
  auto [read, read_id] = make("read");
  EXPECT_EQ(bearer(read, "GET", "/api/v1/incidents", nullptr).status, 200);
  EXPECT_EQ(bearer(read, "POST", "/api/v1/incidents", {{"title", "x"}}).status, 403);
  auto [ingest, ingest_id] = make("ingest");
  EXPECT_EQ(bearer(ingest, "POST", "/api/v1/incidents", {{"title", "監視からの通報"}}).status, 201);
  EXPECT_EQ(bearer(ingest, "GET", "/api/v1/incidents", nullptr).status, 403);
  auto [write, write_id] = make("write");
  EXPECT_EQ(bearer(write, "POST", "/api/v1/incidents", {{"title", "x"}}).status, 201);
  EXPECT_EQ(bearer(write, "POST", "/api/v1/tokens", {{"name", "more"}, {"scope", "write"}}).status,
            403)
      << "tokens cannot make tokens";
  Reply listed = server_->SendAs(s, "GET", "/api/v1/tokens");
  EXPECT_EQ(listed.body["items"].size(), 3u);
  EXPECT_FALSE(listed.body["items"][0].contains("token")) << "secrets are shown once";
  EXPECT_EQ(server_->SendAs(s, "DELETE", "/api/v1/tokens/" + read_id).status, 200);
  EXPECT_EQ(bearer(read, "GET", "/api/v1/incidents", nullptr).status, 401);
  EXPECT_EQ(server_->SendAs(sessions_["member"], "DELETE", "/api/v1/tokens/" + write_id).status,
            404)
      << "another person's token";
}

// Nobody can tell from the answer whether a login exists, is disabled, locked or delayed, and
// nobody can lock someone else out: failures only delay the next attempt, for a while.
TEST_F(SecurityTest, RefusedLoginsLookAlikeAndFailuresOnlyDelay) {
  ASSERT_TRUE(server_->EnsureAccount("p-okamoto"));
  ASSERT_TRUE(server_->EnsureAccount("p-kato"));
  ASSERT_EQ(server_->Cli({"user", "disable", "p-kato"}).exit_code, 0);
  auto attempt = [&](const std::string& login, const std::string& password) {
    return server_->SendWith("POST", "/api/v1/session",
                             Json{{"login", login}, {"password", password}}.dump(),
                             "application/json", {});
  };
  Reply wrong = attempt("p-okamoto", "not the password");
  Reply unknown = attempt("p-nobody", SokuoServer::kPassword);
  Reply disabled = attempt("p-kato", SokuoServer::kPassword);
  for (const Reply* r : {&wrong, &unknown, &disabled}) {
    EXPECT_EQ(r->status, 401);
    EXPECT_EQ(r->body, wrong.body);
  }
  for (int i = 0; i < 4; ++i) EXPECT_EQ(attempt("p-okamoto", "not the password").status, 401);
  // Five failures: even the right password now waits, and gets the same answer.
  Reply delayed = attempt("p-okamoto", SokuoServer::kPassword);
  EXPECT_EQ(delayed.status, 401);
  EXPECT_EQ(delayed.body, wrong.body);
  Reply listed = server_->SendAs(sessions_["admin"], "GET", "/api/v1/users");
  for (const auto& a : listed.body["items"]) {
    if (a["person"] != "p-okamoto") continue;
    EXPECT_EQ(a["locked"], false);
    EXPECT_TRUE(a.contains("delayed_until")) << a.dump();
  }
  EXPECT_EQ(
      server_->SendAs(sessions_["member"], "PATCH", "/api/v1/users/p-okamoto", {{"unlock", true}})
          .status,
      403);
  Reply unlocked =
      server_->SendAs(sessions_["admin"], "PATCH", "/api/v1/users/p-okamoto", {{"unlock", true}});
  EXPECT_EQ(unlocked.status, 200);
  EXPECT_FALSE(unlocked.body.contains("delayed_until")) << "an administrator lifts the delay";
  EXPECT_FALSE(server_->LogIn("p-okamoto").cookie.empty());
}

// An administrator's lock stops the account's sessions and API tokens at once.
TEST_F(SecurityTest, AnAdministratorsLockStopsTokensAndSessions) {
  ASSERT_TRUE(server_->EnsureAccount("p-nakamura"));
  Session s = server_->LogIn("p-nakamura");
  ASSERT_FALSE(s.cookie.empty());
  Outcome made = server_->Cli({"user", "token", "p-nakamura", "--name", "ci", "--scope", "read"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  std::string token = made.out.substr(0, made.out.find('\n'));
  auto bearer = [&] {
    return server_->SendWith("GET", "/api/v1/incidents", "", "application/json",
                             {{"Authorization", "Bearer " + token}});
  };
  ASSERT_EQ(bearer().status, 200);
  ASSERT_EQ(server_->SendAs(s, "GET", "/api/v1/session").status, 200);

  Reply locked =
      server_->SendAs(sessions_["admin"], "PATCH", "/api/v1/users/p-nakamura", {{"lock", true}});
  ASSERT_EQ(locked.status, 200) << locked.body.dump();
  EXPECT_EQ(locked.body["locked"], true);
  EXPECT_EQ(bearer().status, 401);
  EXPECT_EQ(server_->SendAs(s, "GET", "/api/v1/session").status, 401);
  EXPECT_TRUE(server_->LogIn("p-nakamura").cookie.empty());
  EXPECT_EQ(server_
                ->SendAs(sessions_["admin"], "PATCH", "/api/v1/users/p-nakamura",
                         {{"lock", true}, {"unlock", true}})
                .status,
            400);

  ASSERT_EQ(server_->Cli({"user", "unlock", "p-nakamura"}).exit_code, 0);
  EXPECT_EQ(bearer().status, 200);
  EXPECT_FALSE(server_->LogIn("p-nakamura").cookie.empty());

  // The operator's CLI locks too.
  Outcome cli = server_->Cli({"user", "lock", "p-nakamura"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_THAT(cli.out, HasSubstr("locked"));
  EXPECT_EQ(bearer().status, 401);
}

TEST_F(SecurityTest, PasswordChangeEndsEverySession) {
  ASSERT_TRUE(server_->EnsureAccount("p-abe"));
  Session first = server_->LogIn("p-abe");
  Session second = server_->LogIn("p-abe");
  Reply changed = server_->SendAs(
      first, "PUT", "/api/v1/session/password",
      {{"old_password", SokuoServer::kPassword}, {"new_password", "another long passphrase"}});
  ASSERT_EQ(changed.status, 200) << changed.body.dump();
  EXPECT_EQ(server_->SendAs(first, "GET", "/api/v1/session").status, 401);
  EXPECT_EQ(server_->SendAs(second, "GET", "/api/v1/session").status, 401);
  EXPECT_FALSE(server_->LogIn("p-abe", "another long passphrase").cookie.empty());
}

TEST_F(SecurityTest, OneTimePasswordMustBeChangedFirst) {
  Reply added =
      server_->SendAs(sessions_["admin"], "POST", "/api/v1/users", {{"person", "p-saito"}});
  ASSERT_EQ(added.status, 201) << added.body.dump();
  std::string one_time = added.body["one_time_password"];
  Session s = server_->LogIn("p-saito", one_time);
  ASSERT_FALSE(s.cookie.empty());
  Reply blocked = server_->SendAs(s, "GET", "/api/v1/incidents");
  EXPECT_EQ(blocked.status, 403);
  EXPECT_THAT(blocked.body["detail"].get<std::string>(), HasSubstr("one-time password"));
  EXPECT_EQ(server_
                ->SendAs(s, "PUT", "/api/v1/session/password",
                         {{"old_password", one_time}, {"new_password", "my own long password"}})
                .status,
            200);
  Session again = server_->LogIn("p-saito", "my own long password");
  EXPECT_EQ(server_->SendAs(again, "GET", "/api/v1/incidents").status, 200);
}

// Need-to-know holds in the journal too: an administrator who gets 404 for a restricted
// incident does not read its rows in the journal, by subject or in the whole list; the auditor
// reads everything. Verification still answers for the whole chain.
TEST_F(SecurityTest, TheJournalKeepsNeedToKnow) {
  const std::string& hidden = cases_[1].key;  // own department, restricted
  const std::string& open = cases_[0].key;
  ASSERT_EQ(server_->SendAs(sessions_["admin"], "GET", "/api/v1/incidents/" + hidden).status, 404);
  auto subjects = [&](const char* role, const std::string& query) {
    Reply r = server_->SendAs(sessions_[role], "GET", "/api/v1/journal?limit=500" + query);
    EXPECT_EQ(r.status, 200) << role << ": " << r.body.dump();
    std::set<std::string> out;
    for (const auto& e : r.body["items"]) out.insert(e["subject"].get<std::string>());
    return out;
  };
  EXPECT_TRUE(subjects("admin", "&subject=" + hidden).empty());
  EXPECT_EQ(subjects("admin", "&subject=" + open), std::set<std::string>{open});
  std::set<std::string> all = subjects("admin", "");
  EXPECT_EQ(all.count(hidden), 0u) << "the whole list leaves the hidden incident out";
  EXPECT_EQ(all.count(open), 1u);
  EXPECT_EQ(all.count("org"), 1u);
  EXPECT_EQ(subjects("auditor", "&subject=" + hidden), std::set<std::string>{hidden});
  Reply verified = server_->SendAs(sessions_["admin"], "GET", "/api/v1/journal/verify");
  EXPECT_EQ(verified.status, 200);
  EXPECT_EQ(verified.body["ok"], true);
  // A page counts the entries it looked at, so an administrator pages past hidden ones.
  Reply page =
      server_->SendAs(sessions_["admin"], "GET", "/api/v1/journal?limit=1&subject=" + hidden);
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(page.body["items"].empty());
}

// Nobody grants or removes roles on their own account, not even an administrator.
TEST_F(SecurityTest, NobodyChangesTheirOwnRoles) {
  ASSERT_TRUE(server_->EnsureAccount("p-maeda", {"--role", "administrator"}));
  Session self = server_->LogIn("p-maeda");
  Reply grant = server_->SendAs(self, "PATCH", "/api/v1/users/p-maeda",
                                {{"roles", {"administrator", "auditor"}}});
  EXPECT_EQ(grant.status, 403) << grant.body.dump();
  EXPECT_EQ(grant.body["code"], "account.own_roles");
  Reply me = server_->SendAs(self, "GET", "/api/v1/session");
  EXPECT_THAT(me.body.dump(), ::testing::Not(HasSubstr("auditor")));
  EXPECT_EQ(
      server_->SendAs(self, "PATCH", "/api/v1/users/p-maeda", {{"roles", Json::array()}}).status,
      403)
      << "nor removes them";
  EXPECT_EQ(server_->SendAs(self, "PATCH", "/api/v1/users/p-goto", {{"roles", {"auditor"}}}).status,
            200)
      << "another administrator's account is another matter";
  EXPECT_EQ(
      server_->SendAs(self, "PATCH", "/api/v1/users/p-goto", {{"roles", Json::array()}}).status,
      200);
}

// A password reset by an administrator cannot take over an account with more power than the
// administrator's own (the committee, the IS department, department heads, the auditor), and
// every reset is journaled about the account and leaves a notice to its owner in the outbox.
TEST_F(SecurityTest, AResetCannotTakeOverAMorePowerfulAccount) {
  ASSERT_TRUE(server_->EnsureAccount("p-okada"));  // committee member, deputy chair
  Reply chair = server_->SendAs(sessions_["admin"], "POST", "/api/v1/users/p-okada/password");
  EXPECT_EQ(chair.status, 403) << chair.body.dump();
  EXPECT_EQ(chair.body["code"], "account.reset_more_powerful");
  EXPECT_FALSE(server_->LogIn("p-okada").cookie.empty()) << "the password is unchanged";
  Reply own = server_->SendAs(sessions_["admin"], "POST", "/api/v1/users/p-harada/password");
  EXPECT_EQ(own.status, 403) << "one's own password is changed with the current one";
  Reply member = server_->SendAs(sessions_["admin"], "POST", "/api/v1/users/p-goto/password");
  ASSERT_TRUE(member.status == 200 || member.status == 201) << member.body.dump();
  Reply journal = server_->SendAs(sessions_["auditor"], "GET",
                                  "/api/v1/journal?limit=500&subject=account:p-goto");
  ASSERT_FALSE(journal.body["items"].empty());
  const Json& last = journal.body["items"].back();
  EXPECT_EQ(last["action"], "account.password.reset");
  EXPECT_EQ(last["actor"], "p-harada");
  EXPECT_THAT(last["body"].dump(), HasSubstr("\"outbox\""));
  EXPECT_THAT(last["body"].dump(), HasSubstr("account.password.reset"));
  Outcome op = server_->Cli(
      {"user", "passwd", "p-okada", "--password-file", (server_->dir() / "password").string()});
  EXPECT_EQ(op.exit_code, 0) << "the operator on the server may: " << op.err;
}

// G3.2, G3.1: who responds is for the IS department and the committee. A reporter corrects the
// report until triage, but does not appoint themselves, and reports for their own department.
TEST_F(SecurityTest, AReporterDoesNotAppointThemselves) {
  Session& member = sessions_["member"];  // p-morita, logistics
  Reply reported = server_->SendAs(member, "POST", "/api/v1/incidents", {{"title", "self"}});
  ASSERT_EQ(reported.status, 201) << reported.body.dump();
  std::string path = "/api/v1/incidents/" + reported.body["key"].get<std::string>();
  Reply lead = server_->SendAs(member, "PATCH", path,
                               {{"participants", {{{"person", "p-morita"}, {"role", "lead"}}}}});
  EXPECT_EQ(lead.status, 403) << lead.body.dump();
  EXPECT_EQ(server_->SendAs(member, "PATCH", path, {{"title", "corrected"}}).status, 200)
      << "the reporter corrects the report until triage";
  ASSERT_EQ(
      server_->SendAs(sessions_["is"], "POST", path + "/triage", {{"confirmed", true}}).status,
      200);
  EXPECT_EQ(server_->SendAs(member, "PATCH", path, {{"title", "mine"}}).status, 403);
  EXPECT_EQ(server_->SendAs(member, "PATCH", path, {{"restricted", true}}).status, 403);
  EXPECT_EQ(
      server_->SendAs(member, "POST", path + "/tasks", {{"kind", "other"}, {"title", "t"}}).status,
      403);
  EXPECT_EQ(server_->SendAs(member, "PUT", path + "/assessment", {{"kinds", {"leak"}}}).status,
            403);
  Reply appointed =
      server_->SendAs(sessions_["is"], "PATCH", path,
                      {{"participants", {{{"person", "p-morita"}, {"role", "responder"}}}}});
  EXPECT_EQ(appointed.status, 200) << appointed.body.dump();
  EXPECT_EQ(
      server_->SendAs(member, "POST", path + "/tasks", {{"kind", "other"}, {"title", "t"}}).status,
      201)
      << "once the IS department appoints them";

  Reply elsewhere = server_->SendAs(member, "POST", "/api/v1/incidents",
                                    {{"title", "for sales"}, {"reporter_department", "sales"}});
  EXPECT_EQ(elsewhere.status, 403) << elsewhere.body.dump();
  EXPECT_EQ(elsewhere.body["code"], "incident.report_for_own_department");
  EXPECT_EQ(server_
                ->SendAs(member, "POST", "/api/v1/incidents",
                         {{"title", "own"}, {"reporter_department", "logistics"}})
                .status,
            201);
  EXPECT_EQ(server_
                ->SendAs(sessions_["is"], "POST", "/api/v1/incidents",
                         {{"title", "on behalf"}, {"reporter_department", "sales"}})
                .status,
            201)
      << "the IS department takes reports for any department";
}

// The auditor changes nothing, whatever other role the same person holds.
TEST_F(SecurityTest, AnAuditorWithAnotherRoleStillChangesNothing) {
  ASSERT_TRUE(server_->EnsureAccount("p-endo", {"--role", "auditor"}));    // IS staff
  ASSERT_TRUE(server_->EnsureAccount("p-kimura", {"--role", "auditor"}));  // head of finance
  ASSERT_TRUE(server_->EnsureAccount("p-fujii", {"--role", "administrator", "--role", "auditor"}));
  Session is = server_->LogIn("p-endo");
  Session head = server_->LogIn("p-kimura");
  Session admin = server_->LogIn("p-fujii");
  Outcome o = server_->Cli({"--as", "p-abe", "incident", "report", "--title", "finance", "--system",
                            "order-system"});  // reported from finance
  ASSERT_EQ(o.exit_code, 0) << o.err;
  std::string path = "/api/v1/incidents/" + o.out.substr(0, o.out.find(' '));
  EXPECT_EQ(server_->SendAs(is, "GET", path).status, 200);
  EXPECT_EQ(server_->SendAs(is, "POST", path + "/triage", {{"confirmed", true}}).status, 403);
  EXPECT_EQ(
      server_->SendAs(head, "POST", path + "/tasks", {{"kind", "other"}, {"title", "t"}}).status,
      403);
  EXPECT_EQ(server_->SendAs(head, "PATCH", path, {{"harm_note", "x"}}).status, 403);
  EXPECT_EQ(server_->SendAs(admin, "PATCH", "/api/v1/users/p-goto", {{"unlock", true}}).status, 403)
      << "an auditor who also administers accounts changes none";
  EXPECT_EQ(server_->SendAs(admin, "GET", "/api/v1/users").status, 200);
}

TEST(ServeTest, RefusesToListenBeyondThisMachineWithoutTls) {
  SokuoServer server;
  server.Start("serve-flags");
  Outcome o = server.Cli({"serve", "--listen", "0.0.0.0:0"});
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_THAT(o.err, HasSubstr("without TLS sokuo listens on this machine only"));
  Outcome half = server.Cli({"serve", "--listen", "127.0.0.1:0", "--tls-cert", "x.pem"});
  EXPECT_EQ(half.exit_code, 2);
  EXPECT_EQ(server.Stop(), 0);
}

// With a certificate the server speaks HTTPS, and its cookies are marked Secure.
TEST(TlsTest, ServesHttpsWithSecureCookies) {
  auto dir = std::filesystem::temp_directory_path() / ("sokuo-cert-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string cert = (dir / "cert.pem").string(), key = (dir / "key.pem").string();
  Outcome made = RunSokuo({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                           "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost"},
                          dir);
  ASSERT_EQ(made.exit_code, 0) << made.err;
  SokuoServer server;
  server.Start("tls", {"--tls-cert", cert, "--tls-key", key});
  ASSERT_TRUE(server.EnsureAccount("p-ueda"));

  httplib::SSLClient client("127.0.0.1", server.port());
  client.enable_server_certificate_verification(false);  // self-signed for the test
  auto health = client.Get("/api/v1/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  auto login = client.Post("/api/v1/session",
                           Json{{"login", "p-ueda"}, {"password", SokuoServer::kPassword}}.dump(),
                           "application/json");
  ASSERT_TRUE(login);
  EXPECT_EQ(login->status, 201);
  std::string cookie = login->get_header_value("Set-Cookie");
  EXPECT_THAT(cookie, HasSubstr("; Secure"));
  EXPECT_THAT(cookie, HasSubstr("HttpOnly"));

  httplib::Client plain("127.0.0.1", server.port());  // plain HTTP to the TLS port fails
  auto refused = plain.Get("/api/v1/health");
  EXPECT_TRUE(!refused || refused->status != 200);
  EXPECT_EQ(server.Stop(), 0);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sokuo::testing
