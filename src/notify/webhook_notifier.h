// Webhooks (libcurl): an HTTP POST of JSON in the webhook's format. Slack: {"text": …}.
// Microsoft Teams: a MessageCard with an "open" action. Generic JSON: the delivery's fields,
// signed when the webhook names a key: X-Sokuo-Timestamp (Unix seconds) and
// X-Sokuo-Signature: sha256=<hex HMAC-SHA256(key, timestamp + "." + body)>. Every request carries
// X-Sokuo-Idempotency-Key. A 2xx answer is delivered; 408, 429 and 5xx are tried again; any other
// answer will not get better.
#pragma once

#include "app/notification_service.h"

namespace sokuo::notify {

class WebhookNotifier final : public app::Notifier {
 public:
  [[nodiscard]] Result<void> Send(const store::Delivery& delivery,
                                  const core::Notifications& settings) override;
};

// The request body of `delivery` in `format`.
std::string WebhookBody(const store::Delivery& delivery, core::WebhookFormat format);

}  // namespace sokuo::notify
