// `sokuo journal …`: the tamper-evident work record (G4.4.3) from the terminal.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <memory>
#include <optional>

#include "api/codec.h"
#include "cli/commands.h"

namespace sokuo::cli {
namespace {

using api::Json;

Result<void> JournalVerify(app::App& app, std::optional<int64_t> from, Output& o) {
  ASSIGN_OR_RETURN(store::VerifyReport report, app.journal().Verify(app::Actor{"cli"}, from));
  if (o.json) PrintJson(o, api::ToJson(report));
  if (!report.ok()) {
    // Only evidence files that no longer match their records, or the journal itself.
    bool evidence_only =
        std::all_of(report.problems.begin(), report.problems.end(),
                    [](const Message& m) { return m.code.starts_with("journal.evidence_"); });
    Message why = evidence_only ? Msg("cli.evidence_verify_failed",
                                      {{"count", std::to_string(report.problems.size())}})
                                : Msg("cli.journal_verify_failed",
                                      {{"seq", std::to_string(report.first_bad_seq.value_or(0))}});
    Error e = Fail(ErrorCode::kIntegrity, std::move(why)).value();
    for (const auto& p : report.problems) e.details.push_back(MakeDetail("", p));
    if (!o.json) {
      for (const auto& p : report.problems) {
        o.out << Render(Msg("cli.journal_problem", {{"problem", Render(p, o.lang)}}), o.lang)
              << "\n";
      }
    }
    return Fail(std::move(e));
  }
  if (!o.json) {
    std::string entries = Counted(static_cast<size_t>(report.entries), Msg("count.entry"),
                                  Msg("count.entries"), o.lang);
    if (report.from_checkpoint) {
      o.out << Render(Msg("cli.journal_verified_from",
                          {{"entries", entries},
                           {"checkpoint", std::to_string(*report.from_checkpoint)},
                           {"seq", std::to_string(report.head.seq)},
                           {"hash", report.head.hash}}),
                      o.lang)
            << "\n";
    } else {
      o.out << Render(Msg("cli.journal_verified", {{"entries", entries},
                                                   {"seq", std::to_string(report.head.seq)},
                                                   {"hash", report.head.hash}}),
                      o.lang)
            << "\n";
    }
    if (report.evidence_files > 0) {
      std::string files = Counted(static_cast<size_t>(report.evidence_files),
                                  Msg("count.evidence_file"), Msg("count.evidence_files"), o.lang);
      o.out << Render(Msg("cli.evidence_verified", {{"files", files}}), o.lang) << "\n";
    }
  }
  return {};
}

Result<void> JournalHead(app::App& app, Output& o) {
  ASSIGN_OR_RETURN(store::JournalHead head, app.journal().Head());
  if (o.json) {
    PrintJson(o, api::ToJson(head));
  } else {
    o.out << head.seq << " " << head.hash << "\n";
  }
  return {};
}

Result<void> JournalList(app::App& app, int64_t after, size_t limit, const std::string& subject,
                         Output& o) {
  // The operator's tool reads the whole journal (docs/security.md, "The command line").
  ASSIGN_OR_RETURN(app::JournalPage page,
                   app.journal().Read({.after_seq = after, .limit = limit, .subject = subject},
                                      app::Actor{"cli"}));
  const std::vector<store::JournalEntry>& entries = page.entries;
  if (o.json) {
    Json items = Json::array();
    for (const auto& e : entries) items.push_back(api::ToJson(e));
    PrintJson(o, {{"items", items}});
    return {};
  }
  if (entries.empty()) {
    o.out << Render(after > 0 ? Msg("cli.no_journal_entries_after") : Msg("cli.no_journal_entries"),
                    o.lang)
          << "\n";
  }
  // When each entry was written, on the organization's clock.
  ASSIGN_OR_RETURN(Calendar calendar, OrgCalendar(app));
  for (const auto& e : entries) {
    o.out << e.seq << "  " << calendar.FormatLocal(std::string_view(e.at)) << "  " << e.actor
          << "  " << e.action << "  " << e.subject << "\n";
  }
  return {};
}

}  // namespace

std::vector<Command> JournalCommands() {
  return {
      {"journal", "The tamper-evident work record: verify, head, list", nullptr},
      {"journal verify", "Recompute the hash chain and check every journaled table against it",
       [](CLI::App& c, Runtime& env, Action& run) {
         auto from = std::make_shared<int64_t>(0);
         auto* option = c.add_option(
             "--from", *from,
             "Start at the newest checkpoint at or before SEQ (one every 1000 entries) instead of "
             "the first entry: checks that checkpoint's hash, the chain after it, every row the "
             "later entries changed, and all other rows against the checkpoint's state digest. "
             "It cannot see an entry before the checkpoint that was altered, nor a rewrite of "
             "the chain from the checkpoint on unless you compare the head with one written "
             "down elsewhere; run the full verification too, e.g. weekly");
         option->type_name("SEQ")->check(CLI::PositiveNumber);
         run = [&env, from, option]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App());
           std::optional<int64_t> start;
           if (option->count() > 0) start = *from;
           return JournalVerify(*app, start, env.out());
         };
       }},
      {"journal head", "Print the newest entry's number and hash (write it down elsewhere)",
       [](CLI::App&, Runtime& env, Action& run) {
         run = [&env]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App());
           return JournalHead(*app, env.out());
         };
       }},
      {"journal list", "List journal entries in order",
       [](CLI::App& c, Runtime& env, Action& run) {
         auto after = std::make_shared<int64_t>(0);
         auto limit = std::make_shared<size_t>(100);
         auto subject = std::make_shared<std::string>();
         c.add_option("--after", *after, "Only entries after this sequence number");
         c.add_option("--limit", *limit, "At most this many entries")->check(CLI::Range(1, 500));
         c.add_option("--subject", *subject, "Only entries about this subject (org, INC-...)");
         run = [&env, after, limit, subject]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App());
           return JournalList(*app, *after, *limit, *subject, env.out());
         };
       }},
  };
}

}  // namespace sokuo::cli
