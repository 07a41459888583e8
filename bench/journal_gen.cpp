// sokuo_journal_gen DIR N: writes a data directory whose journal holds N entries of the shape a
// year of use leaves (docs/performance.md, "Journal verification"): the example organization,
// then incidents reported, their tasks added and done, and alerts with their kept log lines, in
// a repeating cycle of ten entries. Everything goes through the real SqliteStore, a thousand
// entries per transaction (one fsync each), so the rows and the journal are exactly what sokuo
// writes; `sokuo --data DIR journal verify` then measures verification at that size.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/alert.h"
#include "core/incident.h"
#include "core/org_fixture.h"
#include "store/alert_rows.h"
#include "store/incident_rows.h"
#include "store/org_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace sokuo {
namespace {

constexpr int64_t kEntriesPerWrite = 1000;

std::string Stamp(int64_t minute) {
  // One entry a minute from the start of 2026: N = 1,000,000 spans about two years.
  Timestamp t = *ParseRfc3339("2026-01-01T00:00:00Z") + std::chrono::minutes(minute);
  return FormatRfc3339(t);
}

int Generate(const std::string& dir, int64_t total) {
  std::filesystem::create_directories(dir);
  auto opened = store::SqliteStore::Open({.path = dir + "/sokuo.db"});
  if (!opened) {
    std::fprintf(stderr, "%s\n", opened.error().ToString().c_str());
    return 1;
  }
  store::Store& s = **opened;
  auto head = s.Head();
  if (!head || head->seq != 0) {
    std::fprintf(stderr, "%s: not an empty data directory\n", dir.c_str());
    return 1;
  }
  int64_t written = 0;  // entries asked for (checkpoints come on top)
  core::Incident incident;
  core::Alert alert;
  int number = 0;
  auto one = [&](store::Tx& tx) -> Result<void> {
    int64_t step = written % 10;
    Timestamp at = *ParseRfc3339(Stamp(written));
    std::string now = Stamp(written);
    if (written == 0) {
      TRY(store::ReplaceOrganization(tx, core::SmallOrganization()));
      TRY(tx.Append({.at = at, .actor = "cli:gen", .action = "org.import", .subject = "org"}));
      return {};
    }
    if (step == 1) {  // an alert, with the two log lines that fired it
      ++number;
      alert = core::Alert{.key = core::AlertKey(2026, number),
                          .year = 2026,
                          .number = number,
                          .rule_id = "5c3d1b2a-0000-4000-8000-000000000001",
                          .rule_title = "Failed logins from one address",
                          .level = "high",
                          .group = "src_ip=203.0.113." + std::to_string(number % 250),
                          .host = "web1",
                          .first_at = now,
                          .last_at = now,
                          .created_at = now,
                          .detections = 2};
      TRY(store::SaveAlert(tx, alert));
      std::vector<core::AlertLine> lines;
      for (int64_t n = 1; n <= 2; ++n) {
        lines.push_back({.n = n,
                         .at = now,
                         .source = "syslog:udp:192.0.2.10:514",
                         .host = "web1",
                         .text = "sshd[4242]: Failed password for invalid user admin from "
                                 "203.0.113.7 port 52144 ssh2",
                         .matched = true});
      }
      TRY(store::AddAlertLines(tx, alert.key, 0, lines));
      TRY(tx.Append({.at = at, .actor = "system", .action = "alert.raise", .subject = alert.key}));
      return {};
    }
    if (step == 2) {  // the incident it becomes, with its first task
      incident = core::Incident{};
      incident.key = core::IncidentKey(2026, number);
      incident.year = 2026;
      incident.number = number;
      incident.title = "不審なログイン " + std::to_string(number);
      incident.reported_at = now;
      incident.tasks = {{.id = 1, .kind = core::TaskKind::kIsolateNetwork, .title = "遮断"}};
    } else if (step <= 7) {  // tasks added as the response goes on
      int id = static_cast<int>(incident.tasks.size()) + 1;
      incident.tasks.push_back(
          {.id = id, .kind = core::TaskKind::kOther, .title = "対応 " + std::to_string(id)});
    } else {  // tasks done
      incident.tasks[static_cast<size_t>(step - 8)].status = core::TaskStatus::kDone;
    }
    TRY(store::SaveIncident(tx, incident));
    TRY(tx.Append({.at = at,
                   .actor = "p-tanaka",
                   .action = step == 2 ? "incident.report" : "incident.task",
                   .subject = incident.key}));
    return {};
  };
  while (written < total) {
    auto r = s.Write([&](store::Tx& tx) -> Result<void> {
      for (int64_t i = 0; i < kEntriesPerWrite && written < total; ++i) {
        TRY(one(tx));
        ++written;
      }
      return {};
    });
    if (!r) {
      std::fprintf(stderr, "entry %lld: %s\n", static_cast<long long>(written),
                   r.error().ToString().c_str());
      return 1;
    }
  }
  auto last = s.Head();
  std::printf("%lld entries (head %lld)\n", static_cast<long long>(total),
              static_cast<long long>(last ? last->seq : 0));
  return 0;
}

}  // namespace
}  // namespace sokuo

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: sokuo_journal_gen DIR N\n");
    return 2;
  }
  return sokuo::Generate(argv[1], std::atoll(argv[2]));
}
