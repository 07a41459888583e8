#include "app/witness.h"

#include <algorithm>
#include <map>

#include "app/notices.h"
#include "base/text.h"
#include "store/account_rows.h"
#include "store/notification_rows.h"

namespace sokuo::app {
namespace {

// The people emailed: the roles' holders (the auditors by their accounts, the others by the
// organization's roles), then the people named, each once.
Result<std::vector<std::string>> WitnessPeople(store::Tx& tx, const core::Organization& org,
                                               const core::Witnesses& w) {
  std::vector<std::string> people;
  if (!w.email) return people;
  auto add = [&people](const std::string& p) {
    if (!p.empty() && std::find(people.begin(), people.end(), p) == people.end()) {
      people.push_back(p);
    }
  };
  std::vector<std::string> roles = w.roles;
  if (roles.empty()) roles = {"auditor", "committee_chair"};
  for (const std::string& role : roles) {
    if (role == "auditor") {
      ASSIGN_OR_RETURN(std::vector<store::AccountRow> accounts, store::LoadAccounts(tx));
      for (const store::AccountRow& a : accounts) {
        if (!a.disabled &&
            std::find(a.granted.begin(), a.granted.end(), "auditor") != a.granted.end()) {
          add(a.id);
        }
      }
    } else if (auto kind = core::kRoleKinds.Parse(role)) {
      for (const core::RoleAssignment& r : org.roles) {
        if (r.role == *kind) add(r.person);
      }
    }
  }
  for (const std::string& p : w.people) add(p);
  return people;
}

// The words around the receipt in an email or a chat message: comment lines, which
// codec::ReadReceipts skips, so that a saved message body is a receipt file.
std::string WitnessComment(const Message& words, Lang lang) {
  return "# " + Render(words, lang) + "\n";
}

}  // namespace

Result<std::optional<std::string>> QueueWitness(store::Tx& tx, const core::Organization& org,
                                                const store::JournalHead& head,
                                                const std::string& reason, const std::string& actor,
                                                Timestamp now) {
  if (!org.notifications.witnesses) return std::optional<std::string>{};
  const core::Witnesses& w = *org.notifications.witnesses;
  codec::HeadReceipt receipt{.seq = head.seq,
                             .hash = head.hash,
                             .at = FormatRfc3339(now),
                             .org = org.company.name,
                             .reason = reason};
  std::string line = codec::ReceiptLine(receipt);
  Message title = Msg("witness.title", {{"seq", std::to_string(head.seq)}, {"reason", reason}});
  Message words = Msg("witness.body");
  ASSIGN_OR_RETURN(std::string id, store::NextMessageId(tx, kWitnessSubject));
  std::vector<store::Delivery> deliveries;
  ASSIGN_OR_RETURN(std::vector<std::string> people, WitnessPeople(tx, org, w));
  for (const std::string& person : people) {
    ASSIGN_OR_RETURN(std::string chosen, store::LoadLanguage(tx, person));
    Lang lang = ParseLang(chosen).value_or(Lang::kJa);
    store::Delivery d = EmailDelivery(org, person);
    d.id = id + "/email/" + person;
    d.lang = lang == Lang::kEn ? "en" : "ja";
    d.title = Render(title, lang);
    d.body = WitnessComment(words, lang) + line + "\n";
    deliveries.push_back(std::move(d));
  }
  // Each once, though the organization names one twice.
  for (const std::string& hook : Distinct(w.webhooks)) {
    store::Delivery d{.channel = "webhook", .recipient = hook, .lang = "ja"};
    d.id = id + "/webhook/" + hook;
    d.title = Render(title, Lang::kJa) + " / " + Render(title, Lang::kEn);
    d.body = WitnessComment(words, Lang::kJa) + WitnessComment(words, Lang::kEn) + line + "\n";
    deliveries.push_back(std::move(d));
  }
  if (!w.file.empty()) {
    // The file's path is read from the organization when it is written (notify/file_notifier.h).
    store::Delivery d{.channel = "file", .recipient = "witness", .lang = "ja"};
    d.title = Render(title, Lang::kJa);
    d.body = line;
    deliveries.push_back(std::move(d));
  }
  std::vector<std::string> recipients = people;
  store::OutboxMessage m{.id = id,
                         .created_at = receipt.at,
                         .kind = std::string(codec::kReceiptMark),
                         .subject = kWitnessSubject,
                         .recipients = std::move(recipients),
                         .title = Render(title, Lang::kJa) + " / " + Render(title, Lang::kEn),
                         .body = line};
  TRY(store::Enqueue(tx, m, std::move(deliveries)));
  TRY(tx.Append(
      {.at = now,
       .actor = actor,
       .action = "journal.witness",
       .subject = kWitnessSubject,
       .body = {{"seq", head.seq}, {"hash", head.hash}, {"reason", reason}, {"message", id}}}));
  return std::optional<std::string>{id};
}

Result<ReceiptCheck> CheckReceipts(store::Store& store,
                                   const std::vector<codec::HeadReceipt>& receipts) {
  ReceiptCheck check;
  // One look per distinct receipt, in journal order; the same head kept twice is one.
  std::map<std::pair<int64_t, std::string>, const codec::HeadReceipt*> distinct;
  for (const codec::HeadReceipt& r : receipts) distinct.emplace(std::pair{r.seq, r.hash}, &r);
  ASSIGN_OR_RETURN(store::JournalHead head, store.Head());
  for (const auto& [key, r] : distinct) {
    ++check.receipts;
    if (!check.newest || r->seq >= check.newest->seq) check.newest = *r;
    ASSIGN_OR_RETURN(std::vector<store::JournalEntry> found,
                     store.ReadJournal({.after_seq = r->seq - 1, .limit = 1}));
    MessageParams params{{"seq", std::to_string(r->seq)}, {"at", r->at}, {"reason", r->reason}};
    if (found.empty() || found.front().seq != r->seq) {
      params.emplace_back("head", std::to_string(head.seq));
      check.problems.push_back(Msg("journal.witness_truncated", std::move(params)));
    } else if (found.front().hash != r->hash) {
      params.emplace_back("sent", r->hash);
      params.emplace_back("found", found.front().hash);
      check.problems.push_back(Msg("journal.witness_rewritten", std::move(params)));
    }
  }
  return check;
}

}  // namespace sokuo::app
