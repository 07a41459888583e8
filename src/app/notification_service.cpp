#include "app/notification_service.h"

#include <unistd.h>

#include <random>
#include <set>

#include <algorithm>

#include "app/notices.h"
#include "core/access.h"
#include "core/incident_rules.h"
#include "store/incident_query.h"
#include "store/incident_rows.h"
#include "store/org_rows.h"

namespace sokuo::app {
namespace {

constexpr int kDefaultMaxAttempts = 8;
constexpr int kDefaultEscalateMinutes = 30;
// Deliveries one tick sends at most, and messages it writes at most (each several deliveries).
constexpr size_t kBatch = 50;

Result<Timestamp> ParseStoredTime(const std::string& text) {
  auto t = ParseRfc3339(text);
  if (!t) return Fail(ErrorCode::kStorage, Msg("notify.bad_time", {{"value", text}}));
  return *t;
}

Message NoDelivery(const std::string& id) { return Msg("notify.not_found", {{"id", id}}); }

nlohmann::json Summary(const store::Delivery& d) {
  nlohmann::json j = {{"delivery", d.id},
                      {"channel", d.channel},
                      {"recipient", d.recipient},
                      {"attempts", d.attempts}};
  if (!d.error.empty()) j["error"] = d.error.code;
  return j;
}

// G4.3.2a: the people asked to convene, in the order of their roles.
bool IsConveningRole(core::RoleKind kind) {
  return kind == core::RoleKind::kSteeringCouncilChair || kind == core::RoleKind::kCommitteeChair ||
         kind == core::RoleKind::kCommitteeMember;
}

// The title and body codes of a reminder's message.
std::pair<std::string, std::string> ReminderCodes(const std::string& kind) {
  if (kind == "incident.task_overdue") {
    return {"notice.task_overdue.title", "notice.task_overdue.body"};
  }
  if (kind == "incident.deadline_near") {
    return {"notice.deadline_near.title", "notice.deadline_near.body"};
  }
  if (kind == "incident.deadline_passed") {
    return {"notice.deadline_passed.title", "notice.deadline_passed.body"};
  }
  return {"notice.follow_up.title", "notice.follow_up.body"};
}

// Writes the deliveries of `message` if they are not yet (WriteDeliveries), journaled; true
// when it wrote them.
Result<bool> WriteMessage(store::Tx& tx, const core::Organization& org, const std::string& message,
                          Timestamp now) {
  ASSIGN_OR_RETURN(std::optional<WrittenMessage> written, WriteDeliveries(tx, org, message));
  if (!written) return false;
  TRY(tx.Append({.at = now,
                 .actor = "system",
                 .action = "notification.write",
                 .subject = written->subject,
                 .body = {{"message", message}, {"deliveries", written->deliveries}}}));
  return true;
}

// Marks `message`, which the sender could not write for `why`, store::kMessageUnwritable,
// journaled with the reason.
Result<void> GiveUpWriting(store::Tx& tx, const std::string& message, const Error& why,
                           Timestamp now) {
  ASSIGN_OR_RETURN(auto messages, store::LoadMessages(tx, "id", message));
  if (messages.empty() || messages.front().status != store::kMessageUnwritten) return {};
  store::OutboxMessage m = std::move(messages.front());
  m.status = std::string(store::kMessageUnwritable);
  TRY(store::SaveMessageStatus(tx, m));
  TRY(tx.Append(
      {.at = now,
       .actor = "system",
       .action = "notification.unwritable",
       .subject = m.subject,
       .body = {
           {"message", message}, {"error", why.msg.code}, {"detail", why.ToString(Lang::kEn)}}}));
  return {};
}

}  // namespace

std::chrono::seconds Backoff(int attempts) {
  int64_t delay = 30;
  for (int i = 1; i < attempts && delay < 3600; ++i) delay *= 2;
  return std::chrono::seconds(std::min<int64_t>(delay, 3600));
}

void NotificationService::SetNotifier(const std::string& channel, Notifier* notifier) {
  std::lock_guard lock(tick_);
  notifiers_[channel] = notifier;
}

Result<TickReport> NotificationService::Tick(Timestamp now,
                                             const std::function<bool()>& keep_going) {
  std::lock_guard lock(tick_);
  TickReport report;
  ASSIGN_OR_RETURN(report.escalated, Escalate(now));
  ASSIGN_OR_RETURN(report.written, WriteDue(now));
  ASSIGN_OR_RETURN(auto org, ctx_.Organization());
  ASSIGN_OR_RETURN(std::vector<store::Delivery> pending,
                   store::LoadDeliveries(ctx_.store(), "status", "pending"));
  std::string due_by = FormatRfc3339(now);
  std::erase_if(pending, [&](const store::Delivery& d) { return d.next_at > due_by; });
  std::sort(pending.begin(), pending.end(), [](const auto& a, const auto& b) {
    return std::tie(a.next_at, a.id) < std::tie(b.next_at, b.id);
  });
  for (const store::Delivery& d : pending) {
    if (report.sent + report.retried + report.failed >= static_cast<int>(kBatch)) break;
    if (keep_going && !keep_going()) break;
    TRY(SendOne(d, *org, now, report));
  }
  if (!reminded_ || now - *reminded_ >= std::chrono::minutes(1)) {
    ASSIGN_OR_RETURN(report.reminded, Remind(now));
    reminded_ = now;
  }
  return report;
}

Result<void> NotificationService::SendOne(const store::Delivery& d, const core::Organization& org,
                                          Timestamp now, TickReport& report) {
  auto sender = notifiers_.find(d.channel);
  if (sender == notifiers_.end() || sender->second == nullptr) {
    ++report.waiting;
    return {};
  }
  ASSIGN_OR_RETURN(bool mine, Claim(d, now));
  if (!mine) return {};
  int max_attempts = org.notifications.max_attempts.value_or(kDefaultMaxAttempts);
  Result<void> outcome = sender->second->Send(d, org.notifications);
  TRY(Record(d, outcome, now, max_attempts));
  if (outcome) {
    ++report.sent;
  } else if (outcome.error().code == ErrorCode::kInvalidInput || d.attempts + 1 >= max_attempts) {
    ++report.failed;
  } else {
    ++report.retried;
  }
  return {};
}

Result<int> NotificationService::WriteDue(Timestamp now) {
  // The oldest only: a backlog of unwritten messages is not read whole every second.
  ASSIGN_OR_RETURN(std::vector<store::OutboxMessage> unwritten,
                   store::OldestMessages(ctx_.store(), store::kMessageUnwritten, kBatch));
  int written = 0;
  for (const store::OutboxMessage& m : unwritten) {
    Result<void> r = ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
      ASSIGN_OR_RETURN(auto org, ctx_.OrganizationIn(tx));
      ASSIGN_OR_RETURN(bool wrote, WriteMessage(tx, *org, m.id, now));
      written += wrote ? 1 : 0;
      return {};
    });
    if (r) continue;
    // A busy database is tried again at the next tick; a message that cannot be written is set
    // aside, so that it does not hold up the ones after it.
    if (r.error().code == ErrorCode::kUnavailable) break;
    TRY(ctx_.store().Write([&](store::Tx& tx) { return GiveUpWriting(tx, m.id, r.error(), now); }));
  }
  return written;
}

Result<TickReport> NotificationService::Deliver(const std::string& message, Timestamp now) {
  std::lock_guard lock(tick_);
  TickReport report;
  ASSIGN_OR_RETURN(auto queued, store::LoadMessages(ctx_.store(), "id", message));
  if (!queued.empty() && queued.front().status == store::kMessageUnwritten) {
    TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
      ASSIGN_OR_RETURN(auto org, ctx_.OrganizationIn(tx));
      ASSIGN_OR_RETURN(bool wrote, WriteMessage(tx, *org, message, now));
      report.written += wrote ? 1 : 0;
      return {};
    }));
  }
  ASSIGN_OR_RETURN(auto org, ctx_.Organization());
  ASSIGN_OR_RETURN(std::vector<store::Delivery> deliveries,
                   store::LoadDeliveries(ctx_.store(), "message", message));
  for (const store::Delivery& d : deliveries) {
    if (d.status != store::DeliveryStatus::kPending) continue;
    TRY(SendOne(d, *org, now, report));
  }
  return report;
}

Result<bool> NotificationService::Claim(const store::Delivery& d, Timestamp now) {
  if (sender_id_.empty()) {
    sender_id_ = std::to_string(::getpid()) + "-" + std::to_string(std::random_device()()) +
                 std::to_string(std::random_device()());
  }
  bool mine = false;
  TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(auto rows, store::LoadDeliveries(tx, "id", d.id));
    if (rows.empty() || rows.front().status != store::DeliveryStatus::kPending ||
        rows.front().attempts != d.attempts) {
      return {};
    }
    ASSIGN_OR_RETURN(store::Table claims, tx.ReadWhere("delivery_claims", "id", d.id));
    std::string at = FormatRfc3339(now);
    for (const auto& [id, claim] : claims) {
      if (claim.value("owner", "") != sender_id_ && claim.value("until", "") > at) return {};
    }
    mine = true;
    return tx.PutPrivate(
        "delivery_claims", d.id,
        {{"id", d.id}, {"owner", sender_id_}, {"until", FormatRfc3339(now + kClaimLease)}});
  }));
  return mine;
}

Result<void> NotificationService::Record(const store::Delivery& sent, Result<void> outcome,
                                         Timestamp now, int max_attempts) {
  return ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    TRY(tx.RemovePrivate("delivery_claims", "id", sent.id));
    ASSIGN_OR_RETURN(auto rows, store::LoadDeliveries(tx, "id", sent.id));
    // Retried or recorded meanwhile: the newer state stands.
    if (rows.empty() || rows.front().status != store::DeliveryStatus::kPending ||
        rows.front().attempts != sent.attempts) {
      return {};
    }
    store::Delivery d = rows.front();
    d.attempts += 1;
    std::string action;
    if (outcome) {
      d.status = store::DeliveryStatus::kSent;
      d.sent_at = FormatRfc3339(now);
      d.error = {};
      action = "notification.sent";
    } else {
      d.error = outcome.error().msg.empty()
                    ? Msg("notify.failed", {{"detail", outcome.error().message}})
                    : outcome.error().msg;
      if (outcome.error().code == ErrorCode::kInvalidInput || d.attempts >= max_attempts) {
        d.status = store::DeliveryStatus::kFailed;
        action = "notification.failed";
      } else {
        d.next_at = FormatRfc3339(now + Backoff(d.attempts));
        action = "notification.retry";
      }
    }
    TRY(store::SaveDelivery(tx, d));
    TRY(tx.Append({.at = now,
                   .actor = "system",
                   .action = action,
                   .subject = d.subject,
                   .body = Summary(d)}));
    return {};
  });
}

Result<int> NotificationService::Escalate(Timestamp now) {
  ASSIGN_OR_RETURN(store::Table requests,
                   ctx_.store().ReadWhere("outbox", "kind", "incident.convocation"));
  // The newest request of each incident.
  std::map<std::string, std::string> newest;  // subject → message id
  for (const auto& [id, row] : requests) newest[row.value("subject", "")] = id;
  int escalated = 0;
  for (const auto& entry : newest) {
    const std::string& key = entry.first;
    const std::string& request = entry.second;
    TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
      ASSIGN_OR_RETURN(auto org, ctx_.OrganizationIn(tx));
      ASSIGN_OR_RETURN(std::optional<core::Incident> incident, store::LoadIncident(tx, key));
      if (!incident || !incident->convocation || !incident->convocation->convened_at.empty() ||
          incident->state == core::IncidentState::kClosed) {
        return {};
      }
      // The request and the escalations after it: one acknowledgement stops them all.
      ASSIGN_OR_RETURN(store::Table messages, tx.ReadWhere("outbox", "subject", key));
      std::vector<std::string> asked;
      std::string last_at;
      int level = 0;
      for (const auto& [id, row] : messages) {
        std::string kind = row.value("kind", "");
        if (id < request || (id != request && kind != "incident.escalation")) continue;
        if (kind == "incident.escalation") ++level;
        last_at = row.value("created_at", "");
        ASSIGN_OR_RETURN(auto stored, store::LoadDeliveries(tx, "message", id));
        std::vector<store::Delivery> deliveries =
            WithImplied(store::MessageFromRow(id, row), std::move(stored));
        // A request queued before deliveries existed was never sent: nobody could answer it.
        if (id == request && deliveries.empty()) return {};
        for (const auto& d : deliveries) {
          if (!d.acknowledged_at.empty()) return {};
          if (d.channel == "email") asked.push_back(d.recipient);
        }
      }
      int minutes = org->notifications.escalate_after_minutes.value_or(kDefaultEscalateMinutes);
      ASSIGN_OR_RETURN(Timestamp last, ParseStoredTime(last_at));
      if (now < last + std::chrono::minutes(minutes)) return {};
      // G4.3.2a: for each role holder asked first, the first of their deputies, in order of
      // succession, not asked yet.
      std::vector<std::string> to;
      const auto& first = incident->convocation->addressees;
      for (const auto& r : org->roles) {
        if (!IsConveningRole(r.role) ||
            std::find(first.begin(), first.end(), r.person) == first.end()) {
          continue;
        }
        for (const std::string& deputy : r.deputies) {
          if (std::find(asked.begin(), asked.end(), deputy) != asked.end()) continue;
          if (std::find(to.begin(), to.end(), deputy) == to.end()) to.push_back(deputy);
          break;
        }
      }
      // Every deputy asked: the next level the organization names, one person at a time.
      for (const std::string& next : org->notifications.escalate_to) {
        if (!to.empty()) break;
        if (std::find(asked.begin(), asked.end(), next) == asked.end()) to.push_back(next);
      }
      if (to.empty()) return {};  // no one left to ask: the request stays open on the page
      ASSIGN_OR_RETURN(Calendar calendar, Calendar::Create(org->company.time_zone));
      TRY(QueueNotice(
          tx, *org,
          {.kind = "incident.escalation",
           .subject = key,
           .to = to,
           .title = Msg("notice.escalation.title", {{"key", key}, {"title", incident->title}}),
           .body = Msg("notice.escalation.body",
                       {{"key", key},
                        {"title", incident->title},
                        {"summary", incident->summary},
                        {"minutes", std::to_string(minutes)},
                        {"requested_at", calendar.FormatLocal(incident->convocation->requested_at)},
                        {"level", std::to_string(level + 1)}}),
           .page = "#/incidents/" + key,
           .incident = &*incident},
          now));
      TRY(tx.Append({.at = now,
                     .actor = "system",
                     .action = "incident.escalate",
                     .subject = key,
                     .body = {{"level", level + 1}, {"to", to}, {"after_minutes", minutes}}}));
      ++escalated;
      return {};
    }));
  }
  return escalated;
}

Result<int> NotificationService::Remind(Timestamp now) {
  ASSIGN_OR_RETURN(store::Table done, ctx_.store().Read("reminders"));
  int reminded = 0;
  store::IncidentQuery open{.scope = {.everything = true}, .open_only = true};
  auto remind = [&](core::Incident& header) -> Result<void> {
    ASSIGN_OR_RETURN(std::optional<core::Incident> incident,
                     store::LoadIncident(ctx_.store(), header.key));
    if (!incident) return {};
    ASSIGN_OR_RETURN(auto org, ctx_.Organization());
    ASSIGN_OR_RETURN(Calendar calendar, Calendar::Create(org->company.time_zone));
    std::vector<core::Reminder> due = core::RemindersDue(*incident, *org, now, calendar);
    for (const core::Reminder& r : due) {
      std::string id = incident->key + "/" + r.what;
      if (done.count(id) != 0) continue;
      TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
        ASSIGN_OR_RETURN(store::Table again, tx.ReadWhere("reminders", "id", id));
        if (!again.empty()) return {};
        ASSIGN_OR_RETURN(auto current, ctx_.OrganizationIn(tx));
        std::vector<std::string> to = r.to;
        if (to.empty()) return {};
        MessageParams params = r.params;
        params.emplace_back("key", incident->key);
        params.emplace_back("title", incident->title);
        TRY(QueueNotice(tx, *current,
                        {.kind = r.kind,
                         .subject = incident->key,
                         .to = to,
                         .title = Msg(ReminderCodes(r.kind).first, params),
                         .body = Msg(ReminderCodes(r.kind).second, params),
                         .page = "#/incidents/" + incident->key,
                         .incident = &*incident},
                        now));
        TRY(tx.Put("reminders", id,
                   {{"id", id}, {"subject", incident->key}, {"at", FormatRfc3339(now)}}));
        TRY(tx.Append({.at = now,
                       .actor = "system",
                       .action = "incident.remind",
                       .subject = incident->key,
                       .body = {{"reminder", r.what}, {"kind", r.kind}, {"to", to}}}));
        ++reminded;
        return {};
      }));
    }
    return {};
  };
  TRY(store::EachIncident(ctx_.store(), open, remind));
  return reminded;
}

Result<store::Delivery> NotificationService::Acknowledge(const std::string& delivery,
                                                         const Actor& actor) {
  std::optional<store::Delivery> out;
  TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(out, FindDelivery(tx, delivery));
    // Only the person it was sent to can say they saw it; to anyone else it does not exist.
    if (!out || out->channel != "email" || out->recipient != actor.id) {
      return Fail(ErrorCode::kNotFound, NoDelivery(delivery));
    }
    if (!out->acknowledged_at.empty()) return {};  // once is enough
    // Seen before the sender wrote it (on the incident's page): written now, to be acknowledged.
    ASSIGN_OR_RETURN(auto org, ctx_.OrganizationIn(tx));
    ASSIGN_OR_RETURN(bool wrote, WriteMessage(tx, *org, out->message, ctx_.clock().Now()));
    if (wrote) {
      ASSIGN_OR_RETURN(out, FindDelivery(tx, delivery));
      if (!out) return Fail(ErrorCode::kNotFound, NoDelivery(delivery));
    }
    std::string now = FormatRfc3339(ctx_.clock().Now());
    ASSIGN_OR_RETURN(auto stored, store::LoadDeliveries(tx, "message", out->message));
    ASSIGN_OR_RETURN(auto messages, store::LoadMessages(tx, "id", out->message));
    if (!messages.empty()) stored = WithImplied(messages.front(), std::move(stored));
    for (store::Delivery d : stored) {
      if (d.recipient != actor.id || d.channel != "email") continue;
      d.acknowledged_at = now;
      TRY(store::SaveDelivery(tx, d));
    }
    out->acknowledged_at = now;
    TRY(tx.Append({.at = ctx_.clock().Now(),
                   .actor = actor.id,
                   .action = "notification.acknowledge",
                   .subject = out->subject,
                   .body = {{"delivery", out->id}, {"kind", out->kind}}}));
    return {};
  }));
  return *out;
}

Result<store::Delivery> NotificationService::Retry(const std::string& delivery,
                                                   const Actor& actor) {
  std::optional<store::Delivery> out;
  TRY(ctx_.store().Write([&](store::Tx& tx) -> Result<void> {
    ASSIGN_OR_RETURN(std::optional<store::Delivery> found, FindDelivery(tx, delivery));
    if (!found) return Fail(ErrorCode::kNotFound, NoDelivery(delivery));
    store::Delivery d = std::move(*found);
    if (d.status != store::DeliveryStatus::kFailed) {
      return Fail(ErrorCode::kConflict, Msg("notify.not_failed", {{"id", delivery}}));
    }
    if (!Retryable(d)) {
      return Fail(ErrorCode::kConflict, Msg("notify.never_queued", {{"id", delivery}}));
    }
    if (d.channel == "email") {
      // The address as the organization has it now: a wrong one may have been corrected.
      ASSIGN_OR_RETURN(auto org, ctx_.OrganizationIn(tx));
      const core::Person* p = org->FindPerson(d.recipient);
      if (p == nullptr || p->email.empty()) {
        return Fail(ErrorCode::kConflict, Msg("notify.no_address", {{"person", d.recipient}}));
      }
      d.address = p->email;
    }
    d.status = store::DeliveryStatus::kPending;
    d.attempts = 0;
    d.next_at = FormatRfc3339(ctx_.clock().Now());
    TRY(store::SaveDelivery(tx, d));
    TRY(tx.Append({.at = ctx_.clock().Now(),
                   .actor = actor.id,
                   .action = "notification.requeue",
                   .subject = d.subject,
                   .body = {{"delivery", d.id}}}));
    out = std::move(d);
    return {};
  }));
  return *out;
}

Result<Page<store::Delivery>> NotificationService::List(const DeliveryFilter& filter,
                                                        PageRequest page, const Actor& actor) {
  // The subject's deliveries, or those of one status, or all.
  std::string column = !filter.subject.empty() ? "subject" : !filter.status.empty() ? "status" : "";
  std::string value = !filter.subject.empty() ? filter.subject : filter.status;
  ASSIGN_OR_RETURN(std::vector<store::Delivery> all,
                   store::LoadDeliveries(ctx_.store(), column, value));
  // With the emails messages imply: failed at once when queued without email settings or when
  // the sender could not write them, pending while it has not.
  std::set<std::string> stored;
  for (const auto& d : all) stored.insert(d.id);
  for (auto [implied, as] :
       {std::pair{store::kMessageNoEmail, store::DeliveryStatus::kFailed},
        std::pair{store::kMessageUnwritable, store::DeliveryStatus::kFailed},
        std::pair{store::kMessageUnwritten, store::DeliveryStatus::kPending}}) {
    if (!filter.status.empty() && filter.status != DeliveryStatusName(as)) continue;
    ASSIGN_OR_RETURN(std::vector<store::OutboxMessage> messages,
                     store::LoadMessages(ctx_.store(), "status", std::string(implied)));
    for (const auto& m : messages) {
      if (!filter.subject.empty() && m.subject != filter.subject) continue;
      for (store::Delivery& d : ImpliedDeliveries(m)) {
        if (stored.count(d.id) == 0) all.push_back(std::move(d));
      }
    }
  }
  // Newest first, as far as the queue knows: by when each is (or was last) due.
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return std::tie(a.next_at, a.id) > std::tie(b.next_at, b.id);
  });
  // Need-to-know holds here too: an administrator does not read a restricted incident's titles.
  ASSIGN_OR_RETURN(auto org, ctx_.Organization());
  std::map<std::string, bool> visible;  // subject → may the actor see it
  for (const auto& d : all) {
    if (visible.count(d.subject) != 0 || d.subject.rfind("INC-", 0) != 0) continue;
    ASSIGN_OR_RETURN(auto incident, store::LoadIncident(ctx_.store(), d.subject));
    visible[d.subject] = !incident || core::CanSee(actor.principal, *incident, *org);
  }
  return Paginate(std::move(all), std::move(page), [&](const store::Delivery& d) {
    auto it = visible.find(d.subject);
    if (it != visible.end() && !it->second) return false;
    return filter.status.empty() || DeliveryStatusName(d.status) == filter.status;
  });
}

}  // namespace sokuo::app
