// The file witness (G4.4.3, app/witness.h): a delivery's line appended to the file the
// organization's `notifications.witnesses.file` names — typically on a share mounted from
// another machine, so that the heads sokuo sent are kept where whoever controls sokuo's machine
// cannot reach them. Every failure may pass (a share not mounted, a full disk): the outbox tries
// again, then parks the delivery, and the failure shows with the other messages.
#pragma once

#include "app/notification_service.h"

namespace sokuo::notify {

class FileNotifier final : public app::Notifier {
 public:
  [[nodiscard]] Result<void> Send(const store::Delivery& delivery,
                                  const core::Notifications& settings) override;
};

}  // namespace sokuo::notify
