// Email over SMTP (libcurl): one message per delivery, plain text in UTF-8, with the delivery id
// as idempotency key (Message-ID and X-Sokuo-Idempotency-Key). STARTTLS and authentication as
// the organization file's `notifications.email` says.
#pragma once

#include "app/notification_service.h"

namespace sokuo::notify {

class SmtpNotifier final : public app::Notifier {
 public:
  [[nodiscard]] Result<void> Send(const store::Delivery& delivery,
                                  const core::Notifications& settings) override;
};

// The RFC 5322 message of `delivery` (CRLF line ends), dated `date` (RFC 5322 date-time).
std::string MailText(const store::Delivery& delivery, const std::string& from,
                     const std::string& date);

}  // namespace sokuo::notify
