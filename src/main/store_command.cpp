// `sokuo store copy`: everything a store holds into another, empty one, checked on both sides.
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "main/runtime.h"

namespace sokuo {
namespace {

// A location as it may be shown: a URL's password left out.
std::string Shown(const std::string& location) {
  auto scheme = location.find("://");
  auto at = location.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return location;
  auto colon = location.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return location;
  return location.substr(0, colon) + ":***" + location.substr(at);
}

// The verification of one side; kIntegrity with every problem when it does not hold.
Result<store::VerifyReport> Verified(app::App& app, const std::string& side) {
  ASSIGN_OR_RETURN(store::VerifyReport report, app.journal().Verify(app::Actor{"cli"}));
  if (report.ok()) return report;
  Error e = Fail(ErrorCode::kIntegrity,
                 Msg("store.copy_unverified",
                     {{"side", side}, {"count", std::to_string(report.problems.size())}}))
                .value();
  for (const Message& p : report.problems) e.details.push_back(MakeDetail("", p));
  return Fail(std::move(e));
}

Result<void> CopyStore(ProcessRuntime& env, const std::string& from, const std::string& to) {
  cli::Output& o = env.out();
  ASSIGN_OR_RETURN(std::unique_ptr<OpenedStore> source,
                   env.OpenAt(from, cli::Runtime::Open::kExisting));
  ASSIGN_OR_RETURN(std::unique_ptr<OpenedStore> target,
                   env.OpenAt(to, cli::Runtime::Open::kCreate));
  // A source that does not verify is not copied: the copy would carry its damage.
  ASSIGN_OR_RETURN(store::VerifyReport before, Verified(*source->app, Shown(from)));
  ASSIGN_OR_RETURN(app::StoreCopied copied,
                   source->app->journal().CopyTo(*target->store, *target->blobs));
  ASSIGN_OR_RETURN(store::VerifyReport after, Verified(*target->app, Shown(to)));
  if (after.head.seq != before.head.seq || after.head.hash != before.head.hash) {
    return Fail(ErrorCode::kIntegrity,
                Msg("store.copy_heads_differ", {{"from", std::to_string(before.head.seq)},
                                                {"to", std::to_string(after.head.seq)}}));
  }
  if (o.json) {
    cli::PrintJson(o, {{"from", Shown(from)},
                       {"to", Shown(to)},
                       {"entries", copied.records.entries},
                       {"rows", copied.records.rows},
                       {"evidence_files", copied.evidence_files},
                       {"evidence_bytes", copied.evidence_bytes},
                       {"head", {{"seq", after.head.seq}, {"hash", after.head.hash}}}});
    return {};
  }
  o.out << Render(Msg("store.copied", {{"from", Shown(from)},
                                       {"to", Shown(to)},
                                       {"entries", std::to_string(copied.records.entries)},
                                       {"rows", std::to_string(copied.records.rows)},
                                       {"files", std::to_string(copied.evidence_files)},
                                       {"bytes", std::to_string(copied.evidence_bytes)}}),
                  o.lang)
        << "\n"
        << Render(Msg("store.copy_verified",
                      {{"seq", std::to_string(after.head.seq)}, {"hash", after.head.hash}}),
                  o.lang)
        << "\n";
  return {};
}

}  // namespace

std::vector<cli::Command> StoreCommands() {
  return {
      {"store", "Where the records are kept: copy them to another store", nullptr},
      {"store copy",
       "Copy every record and evidence file into an empty store (sqlite:DIR or "
       "postgresql://…), then verify the journal on both sides and compare their heads",
       [](CLI::App& c, cli::Runtime& env, cli::Action& run) {
         auto from = std::make_shared<std::string>();
         auto to = std::make_shared<std::string>();
         c.add_option("--from", *from, "The store to copy: sqlite:DIR or postgresql://…")
             ->required();
         c.add_option("--to", *to, "An empty store: sqlite:DIR (created) or postgresql://…")
             ->required();
         run = [&env, from, to]() -> Result<void> {
           // main() runs every command with its ProcessRuntime.
           return CopyStore(static_cast<ProcessRuntime&>(env), *from, *to);
         };
       }},
  };
}

}  // namespace sokuo
