// Queuing a notification (G4.3.2): one message for the record, in the transaction of the change
// that causes it, and one delivery per recipient and channel, each in the recipient's language,
// written by the sender (notification_service.h) when it comes to the message (when the
// organization sends no email, the message alone stands for its emails). The sender takes it
// from there.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/message.h"
#include "core/incident.h"
#include "core/organization.h"
#include "store/notification_rows.h"
#include "store/store.h"

namespace sokuo::app {

struct Notice {
  std::string kind;             // core/notice.h
  std::string subject;          // incident key, or "account:<person>"
  std::vector<std::string> to;  // person ids
  Message title;                // rendered per recipient
  Message body;                 // rendered per recipient
  std::string page;             // the web page it is about, e.g. "#/incidents/INC-2026-0001"
  // Need-to-know: the incident the message is about, if any. A recipient it is hidden from
  // (core::CanSee), and every webhook's channel when it is restricted, is told only that there
  // is news, not what.
  const core::Incident* incident = nullptr;
};

// Queues `notice`: an email to every recipient, and a message to every webhook that takes its
// kind. When the organization sends email, the message is queued with its texts as message codes
// (store::kMessageUnwritten) and the sender writes its deliveries later (WriteDeliveries); until
// then it implies each recipient's email, pending. An email that cannot be sent is a delivery
// failed at once with its reason, so the gap shows: for a person without an address, a row;
// when the organization sends no email at all, the message says so once
// (store::kMessageNoEmail) and implies each recipient's failed email (ImpliedDeliveries), which
// becomes a row when the person acknowledges it; webhooks are then written at once.
// Returns the message's id.
[[nodiscard]] Result<std::string> QueueNotice(store::Tx& tx, const core::Organization& org,
                                              const Notice& notice, Timestamp now);

// Writes the deliveries of `message` if it is store::kMessageUnwritten, each in the recipient's
// language and with need-to-know as they are now, with the organization's channels as they are
// now, and marks it store::kMessageQueued (store::kMessageNoEmail when the organization no
// longer sends email). Returns what it wrote; nullopt for a message that was not unwritten (or
// is not). Fails, writing nothing, when its texts or its incident cannot be read. The caller
// journals the change.
struct WrittenMessage {
  std::string subject;
  size_t deliveries = 0;
};
[[nodiscard]] Result<std::optional<WrittenMessage>> WriteDeliveries(store::Tx& tx,
                                                                    const core::Organization& org,
                                                                    const std::string& message);

// An email delivery of a message to `person`, without its id, text or language: failed at once,
// with the reason, when the organization sends no email or has no address for them, so the gap
// shows.
store::Delivery EmailDelivery(const core::Organization& org, const std::string& person);

// The emails `message` implies without rows: each recipient's, failed at once with
// notify.no_email, when it was queued while the organization sent no email (notify.unwritable
// when the sender could not write it, store::kMessageUnwritable); pending while its deliveries
// are not written (store::kMessageUnwritten); none otherwise. Their title names only
// the subject (notice.unsent.title, notice.unwritten.title): whether a recipient may see more is
// not known here.
std::vector<store::Delivery> ImpliedDeliveries(const store::OutboxMessage& message);
// `stored` (deliveries of `message`) with the implied ones that have no row, by id.
std::vector<store::Delivery> WithImplied(const store::OutboxMessage& message,
                                         std::vector<store::Delivery> stored);
// Whether `d` can be sent again (NotificationService::Retry): it failed and has a text to send,
// which an email implied by a message queued without email settings has not.
bool Retryable(const store::Delivery& d);
// The delivery `id`: its row, or the email its message implies; nullopt when neither is.
[[nodiscard]] Result<std::optional<store::Delivery>> FindDelivery(store::Tx& tx,
                                                                  const std::string& id);

// A message and how it fared with each recipient.
struct NoticeView {
  store::OutboxMessage message;
  std::vector<store::Delivery> deliveries;
};
// The messages queued about `subject` (an incident or disaster key), each with its deliveries.
[[nodiscard]] Result<std::vector<NoticeView>> NoticesAbout(store::Store& store,
                                                           const std::string& subject);

// The web address of `page` ("" when the organization gives no link_base).
std::string LinkTo(const core::Organization& org, const std::string& page);
// The page that records the acknowledgement of `delivery`.
std::string AcknowledgePage(const std::string& delivery);

}  // namespace sokuo::app
