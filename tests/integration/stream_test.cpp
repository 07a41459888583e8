// Responses that are not one JSON document: HEAD, a method a path does not accept, and the
// event stream that pages will use to refresh themselves (GET /api/v1/events).
#include <chrono>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "integration/postgres.h"
#include "integration/raw.h"
#include "integration/server.h"

namespace sokuo::testing {
namespace {

using std::chrono::milliseconds;
using ::testing::HasSubstr;
using ::testing::Not;

class StreamTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new SokuoServer();
    server_->Start("stream");
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(server_->Stop(), 0);
    delete server_;
  }

  // The response head and what followed it, for a request sent as is.
  static std::string Exchange(const std::string& request) {
    Raw r(server_->port());
    EXPECT_TRUE(r.Send(request));
    return r.Receive();
  }
  // Opens GET /api/v1/events as `person` and returns once the response head has arrived.
  static std::string OpenEvents(Raw& r, const std::string& person,
                                const std::string& extra_headers = "") {
    EXPECT_TRUE(r.Send("GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                       server_->TokenFor(person) + "\r\n" + extra_headers + "\r\n"));
    return r.ReceiveUntil("\r\n\r\n", milliseconds(5000));
  }
  static std::string Report(const std::string& person, const std::string& title) {
    Reply r = server_->Send("POST", "/api/v1/incidents", {{"title", title}}, person);
    EXPECT_EQ(r.status, 201) << r.body.dump();
    return r.body.value("key", "");
  }

  static inline SokuoServer* server_ = nullptr;
};

TEST_F(StreamTest, HeadAnswersAsGetWouldWithoutTheBody) {
  std::string get = Exchange("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::string head =
      Exchange("HEAD /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  ASSERT_THAT(get, HasSubstr("HTTP/1.1 200"));
  size_t body = get.size() - (get.find("\r\n\r\n") + 4);
  EXPECT_THAT(head, HasSubstr("HTTP/1.1 200"));
  EXPECT_THAT(head, HasSubstr("Content-Length: " + std::to_string(body) + "\r\n"));
  EXPECT_EQ(head.size(), head.find("\r\n\r\n") + 4) << "a HEAD response has no body";

  std::string page =
      Exchange("HEAD /no-such-page HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_THAT(page, HasSubstr("HTTP/1.1 404"));
  EXPECT_EQ(page.size(), page.find("\r\n\r\n") + 4);
}

TEST_F(StreamTest, AMethodThePathDoesNotAcceptIs405WithTheOnesItDoes) {
  std::string r = Exchange(
      "DELETE /api/v1/health HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\n"
      "Connection: close\r\n\r\n");
  EXPECT_THAT(r, HasSubstr("HTTP/1.1 405"));
  EXPECT_THAT(r, HasSubstr("Allow: GET, HEAD\r\n"));
  EXPECT_THAT(r, HasSubstr("does not accept DELETE"));
  std::string nothing =
      Exchange("DELETE /api/v1/nothing-here HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_THAT(nothing, HasSubstr("HTTP/1.1 404"));
}

TEST_F(StreamTest, EventsNameTheChangesTheReaderMaySeeAndNoOthers) {
  // p-inoue (logistics) may see the incidents of logistics, not those of customer support.
  Raw stream(server_->port());
  std::string head = OpenEvents(stream, "p-inoue");
  ASSERT_THAT(head, HasSubstr("HTTP/1.1 200"));
  EXPECT_THAT(head, HasSubstr("Content-Type: text/event-stream"));
  EXPECT_THAT(head, HasSubstr("Transfer-Encoding: chunked"));

  std::string hidden = Report("p-yamada", "顧客サポートの端末が不審な通信");
  std::string own = Report("p-inoue", "物流の端末に身代金要求の画面");
  ASSERT_FALSE(hidden.empty());
  ASSERT_FALSE(own.empty());
  std::string events = stream.ReceiveUntil("\"subject\":\"" + own + "\"", milliseconds(8000));
  EXPECT_THAT(events, HasSubstr("event: change\ndata: {"));
  EXPECT_THAT(events, HasSubstr("\"subject\":\"" + own + "\""));
  EXPECT_THAT(events, Not(HasSubstr(hidden)));
  EXPECT_THAT(events, Not(HasSubstr("changes"))) << "no row images";
}

TEST_F(StreamTest, AReconnectingBrowserGetsWhatItMissed) {
  Reply head = server_->Send("GET", "/api/v1/journal/head", nullptr, "p-mori");
  ASSERT_EQ(head.status, 200);
  int64_t seq = head.body["seq"];
  std::string missed = Report("p-fujita", "停電後に基幹サーバーが起動しない");
  Raw stream(server_->port());
  // What was missed may come in the same read as the response head.
  std::string seen =
      OpenEvents(stream, "p-fujita", "Last-Event-ID: " + std::to_string(seq) + "\r\n");
  if (seen.find(missed) == std::string::npos)
    seen += stream.ReceiveUntil(missed, milliseconds(5000));
  EXPECT_THAT(seen, HasSubstr(missed));
}

TEST_F(StreamTest, LockingTheAccountEndsItsStream) {
  Raw stream(server_->port());
  ASSERT_THAT(OpenEvents(stream, "p-okamoto"), HasSubstr("HTTP/1.1 200"));
  ASSERT_EQ(server_->Cli({"user", "lock", "p-okamoto"}).exit_code, 0);
  // The last chunk, then the server closes the connection.
  EXPECT_THAT(stream.ReceiveUntil("0\r\n\r\n", milliseconds(5000)), HasSubstr("0\r\n\r\n"));
  EXPECT_TRUE(stream.Closed());
}

TEST_F(StreamTest, AnonymousCallersGetNoStream) {
  std::string r = Exchange("GET /api/v1/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_THAT(r, HasSubstr("HTTP/1.1 401"));
}

// Live updates are told, not found by looking: with the look for unannounced writes an hour
// apart, a report reaches the stream at once; on PostgreSQL, a report through one server
// reaches a stream on another (LISTEN/NOTIFY).
class LiveTest : public ::testing::Test {
 protected:
  static constexpr const char* kRarePoll = "3600";

  // Opens the event stream on `r` with `token`; returns its first bytes (the head).
  static std::string Open(Raw& r, const std::string& token) {
    EXPECT_TRUE(r.Send("GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                       "\r\n\r\n"));
    return r.ReceiveUntil("\r\n\r\n", milliseconds(5000));
  }
  static std::string Report(SokuoServer& server, const std::string& token,
                            const std::string& title) {
    Reply r = server.SendWith("POST", "/api/v1/incidents", Json{{"title", title}}.dump(),
                              "application/json", {{"Authorization", "Bearer " + token}});
    EXPECT_EQ(r.status, 201) << r.body.dump();
    return r.body.value("key", "");
  }
};

TEST_F(LiveTest, AWriteReachesTheStreamAtOnce) {
  SokuoServer server;
  ASSERT_NO_FATAL_FAILURE(server.Start("live", {"--event-poll", kRarePoll}));
  std::string token = server.TokenFor("p-fujita");
  Raw stream(server.port());
  ASSERT_THAT(Open(stream, token), HasSubstr("HTTP/1.1 200"));
  std::string key = Report(server, token, "基幹サーバーの応答が遅い");
  ASSERT_FALSE(key.empty());
  EXPECT_THAT(stream.ReceiveUntil(key, milliseconds(5000)), HasSubstr(key));
  EXPECT_EQ(server.Stop(), 0);
}

class PostgresLiveTest : public LiveTest {};

TEST_F(PostgresLiveTest, AWriteThroughOneServerReachesTheStreamsOfAnother) {
  PostgresSchema pg;
  std::string why;
  if (!pg.Create(why)) GTEST_SKIP() << why;
  SokuoServer a, b;
  a.SetStore(pg.Url());
  ASSERT_NO_FATAL_FAILURE(a.Start("live-a", {"--event-poll", kRarePoll}));
  b.SetStore(pg.Url());
  ASSERT_NO_FATAL_FAILURE(b.Attach("live-b", {"--event-poll", kRarePoll}));
  std::string token = a.TokenFor("p-fujita");
  Raw stream(b.port());
  ASSERT_THAT(Open(stream, token), HasSubstr("HTTP/1.1 200"));
  // b begins to listen as it starts serving; a report made before that is found by the next.
  std::string seen, key;
  for (int i = 0; i < 5 && (key.empty() || seen.find(key) == std::string::npos); ++i) {
    key = Report(a, token, "本社のファイルサーバーに接続できない " + std::to_string(i));
    ASSERT_FALSE(key.empty());
    seen += stream.ReceiveUntil(key, milliseconds(3000));
  }
  EXPECT_THAT(seen, HasSubstr("\"subject\":\"" + key + "\""));
  EXPECT_EQ(a.Stop(), 0);
  EXPECT_EQ(b.Stop(), 0);
}

}  // namespace
}  // namespace sokuo::testing
