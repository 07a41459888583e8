#include "notify/file_notifier.h"

#include "platform/files.h"

namespace sokuo::notify {

Result<void> FileNotifier::Send(const store::Delivery& d, const core::Notifications& settings) {
  if (!settings.witnesses || settings.witnesses->file.empty()) {
    return Fail(ErrorCode::kInvalidInput, Msg("notify.no_witness_file"));
  }
  Result<void> written = platform::AppendLine(settings.witnesses->file, d.body);
  if (!written) {
    // Waiting may help: the share comes back, the disk gets room.
    Error e = written.error();
    e.code = ErrorCode::kUnavailable;
    return Fail(std::move(e));
  }
  return {};
}

}  // namespace sokuo::notify
