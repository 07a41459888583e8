// Notifications ⇄ rows. A message (`outbox`) is what happened and to whom it was addressed; a
// delivery (`deliveries`) is that message on its way to one recipient over one channel, in the
// recipient's language, with its attempts, outcome and acknowledgement. The message is written
// in the transaction of the change that causes it, with its texts (`outbox_texts`) when the
// deliveries are written later by the sender (kMessageUnwritten); all three are journaled, so
// what was sent, when, and who saw it is part of the record.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace sokuo::store {

// What a message's rows say of its emails.
inline constexpr std::string_view kMessageQueued = "queued";  // every delivery is a row
// The organization sent no email when the message was queued: each recipient's email is a
// delivery that failed at once (notify.no_email), stored as a row only once acknowledged
// (app/notices.h, ImpliedDeliveries).
inline constexpr std::string_view kMessageNoEmail = "no_email";
// The organization sends email: the message's deliveries are not rows yet. The sender writes
// them from the message's texts (MessageTexts) when it comes to the message, in each recipient's
// language as it is then (app/notices.h, WriteDeliveries); until then each recipient's email is
// a pending delivery the message implies.
inline constexpr std::string_view kMessageUnwritten = "unwritten";
// The sender could not write the message's deliveries (its texts or its incident unreadable; the
// reason is in the journal, notification.unwritable): each recipient's email is a delivery
// failed at once (notify.unwritable), as for kMessageNoEmail, so one broken message neither
// holds up the others nor goes unseen.
inline constexpr std::string_view kMessageUnwritable = "unwritable";

// One notification as it was queued.
struct OutboxMessage {
  std::string id;  // "INC-2026-0001/000001": set by Enqueue, numbering a subject's messages
  std::string created_at;
  std::string kind;                     // core/notice.h
  std::string subject;                  // the incident key, or the account
  std::vector<std::string> recipients;  // person ids
  std::string title;                    // in both languages, for lists
  std::string body;                     // in Japanese; empty when its texts (MessageTexts) hold it
  std::string status = std::string(kMessageQueued);  // kMessage*
};

// What a message of kMessageUnwritten says, kept to be written for each recipient later
// (`outbox_texts`, journaled, one row per message).
struct MessageTexts {
  std::string id;  // the message's
  Message title;
  Message body;
  std::string page;      // the web page it is about, e.g. "#/incidents/INC-2026-0001"
  std::string incident;  // need-to-know: the key of the incident it is about, if any
};

enum class DeliveryStatus { kPending, kSent, kFailed };

struct Delivery {
  std::string id;       // "<message id>/<channel>/<recipient>": also the idempotency key
  std::string message;  // the outbox message
  std::string subject;
  std::string kind;
  std::string channel;    // "email" or "webhook"
  std::string recipient;  // person id, or webhook id
  std::string address;    // email address; empty for webhooks (the organization has the URL)
  std::string lang;       // "ja" or "en"
  std::string title;
  std::string body;
  std::string link;  // the incident's page, when the organization gives its web address
  DeliveryStatus status = DeliveryStatus::kPending;
  int attempts = 0;
  std::string next_at;  // RFC 3339 UTC: not before
  Message error;        // the last attempt's failure, if any
  std::string sent_at;
  std::string acknowledged_at;
  friend bool operator==(const Delivery&, const Delivery&) = default;
};

std::string_view DeliveryStatusName(DeliveryStatus status);

// The id the next message about `subject` gets: "INC-2026-0001/000001", counting up (messages
// are never removed).
[[nodiscard]] Result<std::string> NextMessageId(Tx& tx, const std::string& subject);

// Queues `message` and its deliveries, numbering the message and naming the deliveries when
// their ids are empty; each delivery is new (two with one id refuse the write: the caller tells
// a recipient once). Returns the message's id.
[[nodiscard]] Result<std::string> Enqueue(Tx& tx, const OutboxMessage& message,
                                          std::vector<Delivery> deliveries);
// Adds the texts of the message `texts.id`, queued in this transaction.
[[nodiscard]] Result<void> AddTexts(Tx& tx, const MessageTexts& texts);
// The texts of the message `id`; nullopt when it has none.
[[nodiscard]] Result<std::optional<MessageTexts>> LoadTexts(Tx& tx, const std::string& id);
// Records `message.status` (kMessageQueued once the sender wrote its deliveries).
[[nodiscard]] Result<void> SaveMessageStatus(Tx& tx, const OutboxMessage& message);
// The messages whose `column` (subject, status, id) equals `value`, in the order they were
// queued (by id: a subject's messages are numbered in order).
template <class Source>
[[nodiscard]] Result<std::vector<OutboxMessage>> LoadMessages(Source& source,
                                                              const std::string& column,
                                                              const std::string& value);
// The `limit` messages of `status` queued first (by created_at, then id).
[[nodiscard]] Result<std::vector<OutboxMessage>> OldestMessages(Store& store,
                                                                std::string_view status,
                                                                size_t limit);
// The messages about `subject`, in the order they were queued.
[[nodiscard]] Result<std::vector<OutboxMessage>> Outbox(Store& store, const std::string& subject);
// The message of `row`, the outbox row `id`.
OutboxMessage MessageFromRow(const std::string& id, const Row& row);

// The deliveries whose `column` (status, subject, message, id) equals `value`, by id; every
// delivery when `column` is empty.
template <class Source>
[[nodiscard]] Result<std::vector<Delivery>> LoadDeliveries(Source& source,
                                                           const std::string& column,
                                                           const std::string& value);
// Adds the deliveries of `message`, each a new one (kConflict when its id is taken), naming each
// whose id is empty "<message>/<channel>/<recipient>", due when the message was queued unless
// it says otherwise.
[[nodiscard]] Result<void> AddDeliveries(Tx& tx, const OutboxMessage& message,
                                         std::vector<Delivery> deliveries);
[[nodiscard]] Result<void> SaveDelivery(Tx& tx, const Delivery& delivery);

}  // namespace sokuo::store
