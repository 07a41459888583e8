// `sokuo journal …`: the tamper-evident work record (G4.4.3) from the terminal.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <memory>
#include <optional>

#include "api/codec.h"
#include "app/witness.h"
#include "cli/commands.h"
#include "codec/head_receipt.h"
#include "platform/files.h"
#include "store/notification_rows.h"

namespace sokuo::cli {
namespace {

using api::Json;

// A file of receipts is a few hundred lines a year; a saved mailbox of them is still small.
constexpr size_t kMaxReceiptFile = 64 << 20;

// The problems of a verification, one line each, and the error that makes the exit code 5.
Error IntegrityFailure(Message why, const std::vector<Message>& problems, Output& o) {
  Error e = Fail(ErrorCode::kIntegrity, std::move(why)).value();
  for (const auto& p : problems) e.details.push_back(MakeDetail("", p));
  if (!o.json) {
    for (const auto& p : problems) {
      o.out << Render(Msg("cli.journal_problem", {{"problem", Render(p, o.lang)}}), o.lang) << "\n";
    }
  }
  return e;
}

void PrintVerified(const store::VerifyReport& report, Output& o) {
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

// `against`: files of head receipts the witnesses kept (codec/head_receipt.h), each read whole
// before anything is checked; none: the journal alone.
Result<void> JournalVerify(app::App& app, std::optional<int64_t> from,
                           const std::vector<std::string>& against, Output& o) {
  std::optional<std::vector<codec::HeadReceipt>> receipts;
  for (const std::string& file : against) {
    ASSIGN_OR_RETURN(std::string text, platform::ReadFile(file, kMaxReceiptFile));
    ASSIGN_OR_RETURN(std::vector<codec::HeadReceipt> read, codec::ReadReceipts(text, file));
    if (!receipts) receipts.emplace();
    receipts->insert(receipts->end(), read.begin(), read.end());
  }
  ASSIGN_OR_RETURN(store::VerifyReport report, app.journal().Verify(app::Actor{"cli"}, from));
  std::optional<app::ReceiptCheck> check;
  if (receipts) {
    ASSIGN_OR_RETURN(check, app.journal().CheckReceipts(*receipts));
  }
  if (o.json) {
    Json j = api::ToJson(report);
    if (check) j["witnesses"] = api::ToJson(*check);
    PrintJson(o, j);
  }
  // How many receipts were checked and the newest, whatever was found.
  auto print_checked = [&] {
    if (o.json || !check || !check->newest) return;
    const codec::HeadReceipt& n = *check->newest;
    o.out << Render(Msg("cli.witness_checked", {{"count", std::to_string(check->receipts)},
                                                {"seq", std::to_string(n.seq)},
                                                {"hash", n.hash},
                                                {"at", n.at},
                                                {"reason", n.reason}}),
                    o.lang)
          << "\n";
  };
  if (!report.ok()) {
    // Only evidence files that no longer match their records, or the journal itself.
    bool evidence_only =
        std::all_of(report.problems.begin(), report.problems.end(),
                    [](const Message& m) { return m.code.starts_with("journal.evidence_"); });
    Message why = evidence_only ? Msg("cli.evidence_verify_failed",
                                      {{"count", std::to_string(report.problems.size())}})
                                : Msg("cli.journal_verify_failed",
                                      {{"seq", std::to_string(report.first_bad_seq.value_or(0))}});
    std::vector<Message> problems = report.problems;
    if (check) problems.insert(problems.end(), check->problems.begin(), check->problems.end());
    Error failed = IntegrityFailure(std::move(why), problems, o);
    print_checked();
    return Fail(std::move(failed));
  }
  if (check && !check->ok()) {
    Error failed = IntegrityFailure(
        Msg("cli.witness_failed", {{"count", std::to_string(check->problems.size())}}),
        check->problems, o);
    print_checked();
    return Fail(std::move(failed));
  }
  if (!o.json) PrintVerified(report, o);
  print_checked();
  return {};
}

Result<void> JournalWitness(app::App& app, const app::Actor& actor, Output& o) {
  ASSIGN_OR_RETURN(std::string message, app.journal().Witness(actor));
  // Sent now: a command cannot count on a server to deliver it.
  TRY(app.notifications().Deliver(message, app.context().clock().Now()));
  ASSIGN_OR_RETURN(std::vector<store::Delivery> deliveries,
                   store::LoadDeliveries(app.context().store(), "message", message));
  ASSIGN_OR_RETURN(std::vector<store::OutboxMessage> sent,
                   store::Outbox(app.context().store(), app::kWitnessSubject));
  std::string line;
  for (const auto& m : sent) {
    if (m.id == message) line = m.body;
  }
  if (o.json) {
    Json items = Json::array();
    for (const auto& d : deliveries) items.push_back(api::ToJson(d, o.lang));
    PrintJson(o, {{"message", message},
                  {"receipt", Json::parse(line, nullptr, false)},
                  {"deliveries", items}});
    return {};
  }
  o.out << line << "\n";
  for (const auto& d : deliveries) {
    std::string status(store::DeliveryStatusName(d.status));
    if (!d.error.empty()) status += " (" + Render(d.error, o.lang) + ")";
    o.err << Render(Msg("cli.witness_delivery",
                        {{"channel", d.channel}, {"recipient", d.recipient}, {"status", status}}),
                    o.lang)
          << "\n";
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
      {"journal", "The tamper-evident work record: verify, head, witness, list", nullptr},
      {"journal verify", "Recompute the hash chain and check every journaled table against it",
       [](CLI::App& c, Runtime& env, Action& run) {
         auto from = std::make_shared<int64_t>(0);
         auto against = std::make_shared<std::vector<std::string>>();
         Repeatable(c.add_option("--against", *against,
                                 "Also check the journal against the heads sokuo sent to its "
                                 "witnesses: a file of receipts, one per line (the witness file, "
                                 "or a saved email or webhook body; repeatable). A head no longer "
                                 "in the journal is a truncation, another hash a rewrite (exit "
                                 "code 5)"))
             ->type_name("FILE");
         auto* option = c.add_option(
             "--from", *from,
             "Start at the newest checkpoint at or before SEQ (one every 1000 entries) instead of "
             "the first entry: checks that checkpoint's hash, the chain after it, every row the "
             "later entries changed, and all other rows against the checkpoint's state digest. "
             "It cannot see an entry before the checkpoint that was altered, nor a rewrite of "
             "the chain from the checkpoint on unless you compare the head with one written "
             "down elsewhere; run the full verification too, e.g. weekly");
         option->type_name("SEQ")->check(CLI::PositiveNumber);
         run = [&env, from, option, against]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App());
           std::optional<int64_t> start;
           if (option->count() > 0) start = *from;
           return JournalVerify(*app, start, *against, env.out());
         };
       }},
      {"journal witness",
       "Send the journal head to the witnesses now (notifications.witnesses; exit code 4 when "
       "none are configured) and print the receipt",
       [](CLI::App&, Runtime& env, Action& run) {
         run = [&env]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App());
           ASSIGN_OR_RETURN(app::Actor actor, env.Actor());
           return JournalWitness(*app, actor, env.out());
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
