// Delivering what app/notices.h queued (G4.3.2): a sender that takes the deliveries that are due,
// hands each to its channel (notify/: SMTP, webhooks) outside any transaction, and records the
// outcome: sent; or retried later with exponential backoff; or, after the organization's
// number of attempts, parked as failed and shown until someone retries it. At least once: a
// process that dies between a send and its record sends again, with the same idempotency key
// (the delivery's id). Several servers over one database (PostgreSQL) send each delivery once:
// a sender first claims it (a private row, `delivery_claims`, written under the store's one
// writer at a time) for kClaimLease; a delivery claimed by another sender is left to it, and a
// claim whose sender died lapses. Also the acknowledgements, and the escalation of a convocation
// request nobody acknowledged.
//
// Time is injected: Tick(now) does everything that is due at `now`, so tests drive it with a
// fake clock and the server calls it every second.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "app/page.h"
#include "store/notification_rows.h"

namespace sokuo::app {

// One channel's sender (notify/ implements them). Called from one thread at a time.
class Notifier {
 public:
  virtual ~Notifier() = default;
  // Sends `delivery` with the organization's settings. An error of kind kInvalid will not get
  // better by waiting (no such address, a refused recipient, a channel not configured): the
  // delivery is parked at once. Any other error is tried again later.
  [[nodiscard]] virtual Result<void> Send(const store::Delivery& delivery,
                                          const core::Notifications& settings) = 0;
};

// How long a claim on a delivery holds: longer than any channel takes to send (SMTP and webhooks
// time out within a minute), short enough that a message claimed by a server that died goes out
// soon through another.
inline constexpr auto kClaimLease = std::chrono::minutes(5);

struct TickReport {
  int written = 0;  // messages whose deliveries were written (app/notices.h, WriteDeliveries)
  int sent = 0;
  int retried = 0;
  int failed = 0;
  int escalated = 0;
  int reminded = 0;
  int waiting = 0;  // due, but no sender for their channel in this process
};

struct DeliveryFilter {
  std::string status;   // pending, sent, failed; empty: any
  std::string subject;  // empty: any
};

class NotificationService {
 public:
  explicit NotificationService(Context& ctx) : ctx_(ctx) {}

  // Names this sender on its claims of deliveries: a server gives a name that is the same after
  // it restarts (its host and data directory), so that what it claimed before dying is its own
  // again at once. Without one, a name of this process's own.
  void SetSender(std::string name) { sender_id_ = std::move(name); }
  // Registers the sender of `channel` ("email", "webhook"); it must outlive the service.
  void SetNotifier(const std::string& channel, Notifier* notifier);

  // Escalates what waited too long, writes the deliveries of the oldest messages queued
  // unwritten (at most 50 messages; one that cannot be written is set aside as
  // store::kMessageUnwritable, journaled), then sends every delivery that is due at `now` while
  // `keep_going` says so (checked between sends: a stopping server does not wait for them all);
  // once a minute, reminds of measures overdue, follow-ups and reporting deadlines.
  [[nodiscard]] Result<TickReport> Tick(Timestamp now,
                                        const std::function<bool()>& keep_going = {});

  // Sends the deliveries of `message` that wait, now, whatever their time: for a command that
  // must not leave its message to a server that may not run (`sokuo journal witness`).
  [[nodiscard]] Result<TickReport> Deliver(const std::string& message, Timestamp now);

  // Records that `actor` saw the message of `delivery` (their own deliveries of it).
  [[nodiscard]] Result<store::Delivery> Acknowledge(const std::string& delivery,
                                                    const Actor& actor);
  // Puts a failed delivery back in the queue, to be sent now (after the channel is fixed).
  [[nodiscard]] Result<store::Delivery> Retry(const std::string& delivery, const Actor& actor);
  // Deliveries, newest first; those about an incident hidden from `actor` are left out.
  [[nodiscard]] Result<Page<store::Delivery>> List(const DeliveryFilter& filter, PageRequest page,
                                                   const Actor& actor);

 private:
  // Sends `d` through its channel's sender and records the outcome, counted in `report`.
  Result<void> SendOne(const store::Delivery& d, const core::Organization& org, Timestamp now,
                       TickReport& report);
  Result<void> Record(const store::Delivery& sent, Result<void> outcome, Timestamp now,
                      int max_attempts);
  Result<int> Escalate(Timestamp now);
  // Writes the deliveries of the messages queued unwritten, oldest first, at most kBatch.
  Result<int> WriteDue(Timestamp now);
  Result<int> Remind(Timestamp now);

  Context& ctx_;
  // Claims `d` for this sender at `now`: false when it was sent, retried or recorded since it
  // was read, or another sender holds it.
  Result<bool> Claim(const store::Delivery& d, Timestamp now);

  std::mutex tick_;        // one Tick at a time in this process
  std::string sender_id_;  // this sender's name on its claims (SetSender, or made on first use)
  std::map<std::string, Notifier*> notifiers_;
  std::optional<Timestamp> reminded_;  // the last reminder scan
};

// The delay before attempt `attempts + 1`: 30 s, doubling, at most one hour.
std::chrono::seconds Backoff(int attempts);

}  // namespace sokuo::app
