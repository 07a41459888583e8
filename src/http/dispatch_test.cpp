// Kept answers given on the network thread (Dispatcher::Kept): only what Run made for the same
// caller, target and language at the same journal head, and nothing once any of them changes.
#include <fstream>
#include <memory>
#include <sstream>

#include <gtest/gtest.h>

#include "app/app.h"
#include "base/clock.h"
#include "base/fake_secrets.h"
#include "base/temp_dir.h"
#include "http/dispatch.h"
#include "http/encoding.h"
#include "store/sqlite/sqlite_store.h"

namespace sokuo::http {
namespace {

class KeptTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The head is remembered for a minute: what Kept may answer depends on the head alone.
    store_ = std::move(
        *store::SqliteStore::Open({.path = dir_.File("sokuo.db"), .head_cache_ms = 60'000}));
    app_ = std::make_unique<app::App>(*store_, clock_, nullptr, &hasher_, &random_);
    std::ifstream file(std::string(SOKUO_SOURCE_DIR) + "/examples/org.yaml");
    std::stringstream text;
    text << file.rdbuf();
    ASSERT_TRUE(app_->organization().Import(text.str(), "org.yaml", op_));
    for (const char* person : {"p-fujita", "p-morita"}) {
      ASSERT_TRUE(app_->accounts().Add(person, {}, "a long enough password", op_));
      auto token = app_->accounts().CreateToken(op_, person, "t", app::TokenScope::kRead, 30);
      ASSERT_TRUE(token);
      tokens_[person] = token->token.id;
      secrets_[person] = token->secret;
    }
    // A stand-in for the engine's head: what it was given, so that the test can see it.
    auto render = [](const Outgoing& out) {
      std::string head = std::to_string(out.status);
      for (const auto& [name, value] : out.headers) head += "|" + name + ": " + value;
      return head + "|" + std::to_string(out.Body().size());
    };
    dispatcher_ = std::make_unique<Dispatcher>(*app_, DispatchOptions{.render_head = render});
  }

  Incoming Get(const std::string& target, const std::string& person, const char* lang = "ja") {
    Incoming in{.method = "GET", .target = target, .remote_address = "127.0.0.1"};
    in.headers["authorization"] = "Bearer " + secrets_[person];
    in.headers["accept-language"] = lang;
    return in;
  }
  // What the handler pool does with the request.
  Outgoing Run(const Incoming& in) {
    auto decision = dispatcher_->Admit(in);
    if (auto* refused = std::get_if<Outgoing>(&decision)) return *refused;
    return dispatcher_->Run(std::get<Dispatcher::Admitted>(decision), "");
  }

  FakeClock clock_{*ParseRfc3339("2026-11-26T00:00:00Z")};
  SaltedHasher hasher_;
  CountingRandom random_;
  TempDir dir_{"kept"};
  app::Actor op_{"op"};
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<app::App> app_;
  std::unique_ptr<Dispatcher> dispatcher_;
  std::map<std::string, std::string> tokens_, secrets_;
};

TEST_F(KeptTest, OnlyTheSameCallerTargetAndLanguageAtTheSameHead) {
  Incoming mine = Get("/api/v1/incidents?limit=5", "p-fujita");
  EXPECT_FALSE(dispatcher_->Kept(mine)) << "nothing has been made yet";
  Outgoing made = Run(mine);
  ASSERT_EQ(made.status, 200) << made.Body();
  std::optional<Outgoing> kept = dispatcher_->Kept(mine);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->status, 200);
  EXPECT_EQ(kept->Body(), made.Body());
  EXPECT_EQ(kept->shared_body, made.shared_body) << "the same bytes, not a copy";
  EXPECT_EQ(kept->headers, made.headers);
  // Its head, made once by the engine's renderer for what is sent: the same answer's headers and
  // length.
  ASSERT_TRUE(kept->head);
  EXPECT_EQ(kept->head, made.head) << "the same bytes, not a copy";
  std::string fields;
  for (const auto& [name, value] : kept->headers) fields += "|" + name + ": " + value;
  EXPECT_EQ(*kept->head, "200" + fields + "|" + std::to_string(kept->Body().size()));
  Incoming head = mine;
  head.method = "HEAD";
  EXPECT_TRUE(dispatcher_->Kept(head));

  // Anyone or anything else goes the long way: another person, query, language, a session
  // cookie instead of a token, an unknown query parameter (Admit words the refusal), a write.
  EXPECT_FALSE(dispatcher_->Kept(Get("/api/v1/incidents?limit=5", "p-morita")));
  EXPECT_FALSE(dispatcher_->Kept(Get("/api/v1/incidents?limit=6", "p-fujita")));
  EXPECT_FALSE(dispatcher_->Kept(Get("/api/v1/incidents?limit=5", "p-fujita", "en")));
  EXPECT_FALSE(dispatcher_->Kept(Get("/api/v1/incidents?limit=5&x=1", "p-fujita")));
  Incoming cookie = mine;
  cookie.headers.erase("authorization");
  cookie.headers["cookie"] = "sokuo_session=whatever";
  EXPECT_FALSE(dispatcher_->Kept(cookie));
  Incoming post = mine;
  post.method = "POST";
  EXPECT_FALSE(dispatcher_->Kept(post));
  // A route whose answer is not kept (it depends on more than the journal).
  Incoming health = Get("/api/v1/health", "p-fujita");
  ASSERT_EQ(Run(health).status, 200);
  EXPECT_FALSE(dispatcher_->Kept(health));

  // A journaled change ends every kept answer; the next one is made afresh.
  app::Actor fujita{"p-fujita",
                    app_->accounts().AuthenticateToken(secrets_["p-fujita"])->principal};
  ASSERT_TRUE(app_->incidents().Report({.title = "不審なログイン"}, fujita));
  EXPECT_FALSE(dispatcher_->Kept(mine));
  Outgoing after = Run(mine);
  ASSERT_EQ(after.status, 200);
  EXPECT_NE(after.Body(), made.Body());
  ASSERT_TRUE(dispatcher_->Kept(mine));
  EXPECT_EQ(dispatcher_->Kept(mine)->Body(), after.Body());
}

TEST_F(KeptTest, ARevokedOrExpiredTokenIsNeverAnsweredFromWhatWasKept) {
  Incoming mine = Get("/api/v1/incidents", "p-fujita");
  ASSERT_EQ(Run(mine).status, 200);
  ASSERT_TRUE(dispatcher_->Kept(mine));
  // Thirty days on, the token has expired though nothing was written.
  clock_.Advance(std::chrono::hours(24 * 30) + std::chrono::seconds(1));
  EXPECT_FALSE(dispatcher_->Kept(mine));
  EXPECT_EQ(Run(mine).status, 401);
  clock_.Advance(-(std::chrono::hours(24 * 30) + std::chrono::seconds(1)));

  ASSERT_EQ(Run(mine).status, 200);
  ASSERT_TRUE(dispatcher_->Kept(mine));
  app::Actor fujita{"p-fujita",
                    app_->accounts().AuthenticateToken(secrets_["p-fujita"])->principal};
  ASSERT_TRUE(app_->accounts().RevokeToken(fujita, tokens_["p-fujita"]));
  EXPECT_FALSE(dispatcher_->Kept(mine));
  EXPECT_EQ(Run(mine).status, 401);
}

std::string HeaderOf(const Outgoing& out, const std::string& name) {
  for (const auto& [n, value] : out.headers) {
    if (n == name) return value;
  }
  return "";
}

// A client that accepts gzip gets a large answer's gzip form (made once, on the pool, then kept
// like the answer itself); one that does not gets the text; both are told that it varies.
TEST_F(KeptTest, LargeAnswersAreKeptInTheFormEachClientAccepts) {
  Incoming plain = Get("/api/v1/systems", "p-fujita");
  Incoming packed = plain;
  packed.headers["accept-encoding"] = "gzip, deflate, br";
  Outgoing text = Run(plain);
  ASSERT_EQ(text.status, 200);
  ASSERT_GE(text.Body().size(), kMinCompressed) << "a large answer";
  EXPECT_EQ(HeaderOf(text, "Content-Encoding"), "");
  EXPECT_EQ(HeaderOf(text, "Vary"), "Accept-Encoding");
  ASSERT_TRUE(dispatcher_->Kept(plain));
  EXPECT_FALSE(dispatcher_->Kept(packed)) << "its gzip form is made on the pool, not here";

  Outgoing gzip = Run(packed);
  ASSERT_EQ(gzip.status, 200);
  EXPECT_EQ(HeaderOf(gzip, "Content-Encoding"), "gzip");
  EXPECT_EQ(HeaderOf(gzip, "Vary"), "Accept-Encoding");
  EXPECT_EQ(HeaderOf(gzip, "Content-Type"), HeaderOf(text, "Content-Type"));
  EXPECT_EQ(gzip.Body(), *Gzip(text.Body(), 6)) << "the same answer, compressed";
  EXPECT_LT(gzip.Body().size(), text.Body().size() / 3);
  std::optional<Outgoing> kept = dispatcher_->Kept(packed);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->shared_body, gzip.shared_body) << "compressed once";
  EXPECT_EQ(kept->headers, gzip.headers);
  ASSERT_TRUE(kept->head && gzip.head);
  EXPECT_EQ(*kept->head, *gzip.head) << "each form with its own head";
  EXPECT_NE(kept->head->find("|Content-Encoding: gzip|"), std::string::npos) << *kept->head;
  EXPECT_EQ(kept->head->substr(kept->head->rfind('|')), "|" + std::to_string(gzip.Body().size()));
  kept = dispatcher_->Kept(plain);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->Body(), text.Body());
  EXPECT_EQ(HeaderOf(*kept, "Content-Encoding"), "");
  ASSERT_TRUE(kept->head && text.head);
  EXPECT_EQ(*kept->head, *text.head);
  EXPECT_EQ(kept->head->find("Content-Encoding"), std::string::npos) << *kept->head;

  // Small answers and refusals go as they are, whatever the client accepts.
  Incoming small = Get("/api/v1/health", "p-fujita");
  small.headers["accept-encoding"] = "gzip";
  Outgoing health = Run(small);
  ASSERT_EQ(health.status, 200);
  EXPECT_EQ(HeaderOf(health, "Content-Encoding"), "");
  EXPECT_EQ(HeaderOf(health, "Vary"), "");
  packed.headers["accept-encoding"] = "gzip;q=0";
  EXPECT_EQ(HeaderOf(Run(packed), "Content-Encoding"), "") << "refused by its weight";
}

}  // namespace
}  // namespace sokuo::http
