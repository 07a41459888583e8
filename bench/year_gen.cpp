// sokuo_year_gen DIR [ENTRIES] [INCIDENTS] [ALERTS]: a new data directory holding a year of use
// of the example company (examples/org.yaml), for the scale benchmarks (docs/performance.md):
//
//   - INCIDENTS incidents (default 2,000) reported through the year, through the same services
//     the API calls, on a clock that walks the year: most go through every state to closing
//     with their records (decisions, contacts, measures, the damage assessment, recovery,
//     findings, prevention, backdoor checks, an access log kept as evidence, the filings their
//     duties need); one in ten is dismissed at triage, and the newest stay open at every state;
//   - a disaster a quarter: declared, a roll call, closed;
//   - ALERTS alerts (default 200,000) with the log lines that fired them, written through the
//     store as detection writes them (a thousand entries per transaction), each raised, seen
//     again a few times and dismissed, so that the journal reaches ENTRIES entries (default
//     1,000,000; checkpoints come on top).
//
// Everything goes through the real SqliteStore, so the rows and the journal are what sokuo
// writes. `sokuo --data DIR serve` then serves that year.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/alert.h"
#include "platform/file_blob_store.h"
#include "store/alert_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace sokuo {
namespace {

using std::chrono::minutes;

struct Counts {
  int64_t entries = 0;
  int64_t incidents = 0;
  int64_t alerts = 0;
};

class Year {
 public:
  Year(store::Store& store, FakeClock& clock, BlobStore& vault)
      : clock_(clock), app_(store, clock, &vault) {}

  Result<void> Organization() {
    std::ifstream in(std::string(SOKUO_SOURCE_DIR) + "/examples/org.yaml");
    std::stringstream text;
    text << in.rdbuf();
    TRY(app_.organization().Import(text.str(), "org.yaml", {"cli:gen"}));
    return {};
  }

  // Incident `n` of `total`, reported at the clock's time: the newest stay in the state their
  // place in the year leaves them.
  Result<void> Incident(int n, int total) {
    static const std::vector<std::string> kSystems = {"core-network", "wan", "dns-dhcp",
                                                      "internet-gw"};
    std::string system = kSystems[static_cast<size_t>(n) % kSystems.size()];
    ASSIGN_OR_RETURN(
        auto reported,
        app_.incidents().Report({.title = Title(n),
                                 .summary = "第" + std::to_string(n) + "報: 利用部門からの報告。" +
                                            system + " で通信の異常を確認。",
                                 .systems = {system},
                                 .restricted = n % 17 == 0},
                                {"p-takahashi"}));
    const std::string key = reported.incident.key;
    int open_from = total - total / 20;  // the newest 5 % are still open
    int stop_at = n > open_from ? (n - open_from) % 8 : 8;
    auto tick = [&] { clock_.Advance(minutes(5)); };
    tick();
    if (n % 10 == 3) {
      TRY(app_.incidents().Triage(key, {.confirmed = false, .reason = "誤検知（計画保守）"},
                                  {"p-fujita"}));
      return {};
    }
    if (stop_at < 1) return {};
    TRY(app_.incidents().Triage(key, {.confirmed = true}, {"p-fujita"}));
    tick();
    if (stop_at < 2) return {};
    TRY(app_.incidents().RequestConvocation(key, {"p-mori"}));
    tick();
    TRY(app_.incidents().RecordConvened(key, FormatRfc3339(clock_.Now()),
                                        {"p-ishikawa", "p-okada", "p-mori"}, {"p-mori"}));
    tick();
    TRY(app_.incidents().Transition(key, core::IncidentState::kConvened, "", {"p-mori"}));
    tick();
    TRY(app_.incidents().Decide(key,
                                {.kind = core::DecisionKind::kPolicy,
                                 .text = "影響範囲を調査し、顧客対応を最優先とする。",
                                 .decided_by = "p-ishikawa"},
                                {"p-mori"}));
    tick();
    TRY(app_.incidents().AddContact(
        key,
        {.audience = core::Audience::kPr, .contact = "pr", .summary = "状況を共有", .by = "p-mori"},
        {"p-mori"}));
    tick();
    if (stop_at < 3) return {};
    TRY(app_.incidents().Transition(key, core::IncidentState::kContaining, "", {"p-mori"}));
    tick();
    TRY(app_.incidents().AddTask(key,
                                 {.kind = core::TaskKind::kIsolateNetwork,
                                  .title = "該当経路を遮断",
                                  .department = "it-dept",
                                  .assignee = "p-nakamura",
                                  .system = system,
                                  .contains = true},
                                 {"p-fujita"}));
    tick();
    TRY(app_.incidents().UpdateTask(
        key, 1, {.status = core::TaskStatus::kDone, .result = "遮断済み"}, {"p-nakamura"}));
    tick();
    if (stop_at < 4) return {};
    TRY(app_.incidents().Transition(key, core::IncidentState::kAssessing, "", {"p-mori"}));
    tick();
    TRY(app_.incidents().Assess(
        key,
        {.kinds = {core::DamageKind::kUnavailability},
         .scope = system + " の一部区間が不通",
         .systems = {system},
         .personal_data = {{.system = system, .leaked = core::Likelihood::kNo}}},
        {"p-fujita"}));
    tick();
    if (stop_at < 5) return {};
    TRY(app_.incidents().Transition(key, core::IncidentState::kRecovering, "", {"p-mori"}));
    tick();
    TRY(app_.incidents().Recover(
        key, {.system = system, .status = core::RecoveryStatus::kRestoring}, {"p-kato"}));
    tick();
    TRY(app_.incidents().Recover(key, {.system = system, .status = core::RecoveryStatus::kRestored},
                                 {"p-kato"}));
    tick();
    if (stop_at < 6) return {};
    TRY(app_.incidents().Transition(key, core::IncidentState::kReviewing, "", {"p-mori"}));
    tick();
    TRY(app_.incidents().AddFinding(key,
                                    {.kind = core::FindingKind::kTechnical,
                                     .text = "設定変更の確認手順がない",
                                     .system = system},
                                    {"p-fujita"}));
    tick();
    TRY(app_.incidents().AddPrevention(
        key, {.text = "変更手順に二重確認を追加", .owner = "p-mori", .due = "2027-03-31"},
        {"p-mori"}));
    tick();
    for (const auto& [item, name] : core::kBackdoorItems.entries) {
      TRY(app_.incidents().CheckBackdoor(
          key, {.system = system, .item = item, .result = core::CheckResult::kClean}, {"p-ogawa"}));
      tick();
    }
    TRY(app_.incidents().AddEvidence(key,
                                     {.name = "access.log",
                                      .kind = core::EvidenceKind::kAccessLog,
                                      .system = system,
                                      .content = BytesSource(AccessLog(n))},
                                     {"p-fujita"}));
    tick();
    if (stop_at < 7) return {};
    ASSIGN_OR_RETURN(auto view, app_.incidents().Get(key, {"p-mori"}));
    for (const core::ObligationClock& c : view.obligations) {
      if (c.filing) continue;
      TRY(app_.incidents().File(key, {.obligation = c.obligation, .reference = "R-" + key},
                                {"p-mori"}));
      tick();
    }
    TRY(app_.incidents().Transition(key, core::IncidentState::kClosed, "", {"p-ishikawa"}));
    return {};
  }

  Result<void> Disaster(int n) {
    ASSIGN_OR_RETURN(auto declared,
                     app_.disasters().Declare({.kind = n % 2 == 0 ? core::DisasterKind::kEarthquake
                                                                  : core::DisasterKind::kFlood,
                                               .title = "災害訓練 " + std::to_string(n)},
                                              {"p-ishikawa"}));
    for (const char* person : {"p-mori", "p-fujita", "p-nakamura", "p-kato"}) {
      clock_.Advance(minutes(10));
      TRY(app_.disasters().RollCall(declared.disaster.key, {.person = person, .can_work = true},
                                    {person}));
    }
    clock_.Advance(minutes(30));
    TRY(app_.disasters().Close(declared.disaster.key, "訓練のため終了", "", {"p-ishikawa"}));
    return {};
  }

 private:
  static std::string Title(int n) {
    static const std::vector<std::string> kTitles = {
        "不審なログインの報告",    "ランサムウェア感染の疑い",   "メール誤送信",
        "Webサイト改ざんの疑い",   "ネットワーク機器の設定誤り", "Suspicious VPN login",
        "フィッシングメールの受信"};
    return kTitles[static_cast<size_t>(n) % kTitles.size()] + " #" + std::to_string(n);
  }

  static std::string AccessLog(int n) {
    std::string log;
    for (int i = 0; i < 20; ++i) {
      log += "Dec 10 06:55:" + std::to_string(10 + i) + " gw sshd[" + std::to_string(24200 + i) +
             "]: Failed password for root from 198.51.100." + std::to_string((n + i) % 250) +
             " port " + std::to_string(40000 + i) + " ssh2\n";
    }
    return log;
  }

  FakeClock& clock_;
  app::App app_;
};

// Alerts as detection writes them: raised with the two lines that fired, seen again `seen`
// times, then dismissed; `per_write` entries a transaction.
Result<void> Alerts(store::Store& store, int64_t alerts, int64_t entries_left, Timestamp from,
                    Timestamp to) {
  if (alerts <= 0) return {};
  int64_t per_alert = std::max<int64_t>(2, entries_left / alerts);
  int64_t extra = std::max<int64_t>(0, entries_left - per_alert * alerts);
  auto span = std::chrono::duration_cast<std::chrono::seconds>(to - from);
  int64_t written = 0;
  int64_t number = 0;
  constexpr int64_t kPerWrite = 1000;
  core::Alert alert;
  int64_t seen = 0;
  int64_t planned = 0;
  while (number < alerts || seen < planned) {
    TRY(store.Write([&](store::Tx& tx) -> Result<void> {
      for (int64_t w = 0; w < kPerWrite && (number < alerts || seen < planned); ++w, ++written) {
        if (seen >= planned) {  // the next alert
          ++number;
          Timestamp at = from + span * number / (alerts + 1);
          std::string now = FormatRfc3339(at);
          alert = core::Alert{.key = core::AlertKey(2026, static_cast<int>(number)),
                              .year = 2026,
                              .number = static_cast<int>(number),
                              .rule_id = "5c3d1b2a-0000-4000-8000-000000000001",
                              .rule_title = "Failed logins from one address",
                              .level = number % 5 == 0 ? "high" : "medium",
                              .group = "src_ip=203.0.113." + std::to_string(number % 250),
                              .host = "web" + std::to_string(number % 4 + 1),
                              .first_at = now,
                              .last_at = now,
                              .created_at = now,
                              .detections = 2};
          planned = per_alert - 1 + (number <= extra ? 1 : 0);
          seen = 0;
          TRY(store::SaveAlert(tx, alert));
          std::vector<core::AlertLine> lines;
          for (int64_t k = 1; k <= 2; ++k) {
            lines.push_back({.n = number * 2 + k,
                             .at = now,
                             .source = "syslog:udp:192.0.2.10:514",
                             .host = alert.host,
                             .text = "sshd[4242]: Failed password for invalid user admin from "
                                     "203.0.113." +
                                     std::to_string(number % 250) + " port 52144 ssh2",
                             .matched = true});
          }
          TRY(store::AddAlertLines(tx, alert.key, 0, lines));
          TRY(tx.Append(
              {.at = at, .actor = "system", .action = "alert.raise", .subject = alert.key}));
          continue;
        }
        ++seen;
        Timestamp at = *ParseRfc3339(alert.last_at) + minutes(1);
        alert.last_at = FormatRfc3339(at);
        if (seen < planned) {
          alert.detections += 1;
          TRY(store::SaveAlert(tx, alert));
          TRY(tx.Append(
              {.at = at, .actor = "system", .action = "alert.detect", .subject = alert.key}));
        } else {
          alert.state = core::AlertState::kDismissed;
          alert.reason = "既知の監視スキャン";
          alert.decided_by = "p-fujita";
          alert.decided_at = alert.last_at;
          TRY(store::SaveAlert(tx, alert));
          TRY(tx.Append(
              {.at = at, .actor = "p-fujita", .action = "alert.dismiss", .subject = alert.key}));
        }
      }
      return {};
    }));
  }
  return {};
}

int Generate(const std::string& dir, int64_t entries, int incidents, int64_t alerts) {
  std::filesystem::create_directories(dir + "/evidence");
  auto opened = store::SqliteStore::Open({.path = dir + "/sokuo.db"});
  if (!opened) {
    std::fprintf(stderr, "%s\n", opened.error().ToString().c_str());
    return 1;
  }
  store::Store& s = **opened;
  if (auto head = s.Head(); !head || head->seq != 0) {
    std::fprintf(stderr, "%s: not an empty data directory\n", dir.c_str());
    return 1;
  }
  platform::FileBlobStore vault(dir + "/evidence");
  const Timestamp start = *ParseRfc3339("2025-12-01T00:00:00Z");
  const Timestamp end = *ParseRfc3339("2026-11-25T00:00:00Z");
  FakeClock clock(start);
  Year year(s, clock, vault);
  auto fail = [](const char* what, int n, const Error& e) {
    std::fprintf(stderr, "%s %d: %s\n", what, n, e.ToString().c_str());
    return 1;
  };
  if (auto r = year.Organization(); !r) return fail("organization", 0, r.error());
  auto slot = (end - start) / (incidents + 1);
  for (int n = 1; n <= incidents; ++n) {
    clock.Set(start + slot * n);
    if (auto r = year.Incident(n, incidents); !r) return fail("incident", n, r.error());
    if (n % (incidents / 4 + 1) == 0) {
      if (auto r = year.Disaster(n); !r) return fail("disaster", n, r.error());
    }
  }
  auto head = s.Head();
  int64_t left = entries - (head ? head->seq : 0);
  if (auto r = Alerts(s, alerts, left, start, end); !r) return fail("alerts", 0, r.error());
  head = s.Head();
  std::printf("%d incidents, %lld alerts, journal head %lld\n", incidents,
              static_cast<long long>(alerts), static_cast<long long>(head ? head->seq : 0));
  return 0;
}

}  // namespace
}  // namespace sokuo

int main(int argc, char** argv) {
  if (argc < 2 || argc > 5) {
    std::fprintf(stderr, "usage: sokuo_year_gen DIR [ENTRIES] [INCIDENTS] [ALERTS]\n");
    return 2;
  }
  int64_t entries = argc > 2 ? std::atoll(argv[2]) : 1000000;
  int incidents = argc > 3 ? std::atoi(argv[3]) : 2000;
  int64_t alerts = argc > 4 ? std::atoll(argv[4]) : 200000;
  if (entries <= 0 || incidents <= 0 || alerts < 0) {
    std::fprintf(stderr, "usage: sokuo_year_gen DIR [ENTRIES] [INCIDENTS] [ALERTS]\n");
    return 2;
  }
  return sokuo::Generate(argv[1], entries, incidents, alerts);
}
