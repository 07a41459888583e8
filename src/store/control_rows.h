// The occurrences of routine controls ⇄ rows (G4.1, G4.2): one row in `control_occurrences`
// each, keyed "<control>/<starts_at>", with the occurrence's JSON in `data` and the columns the
// scheduler and the lists look up (the control, its start as seconds, whether it is done).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/control.h"
#include "store/store.h"

namespace sokuo::store {

[[nodiscard]] Result<void> SaveOccurrence(Tx& tx, const core::ControlOccurrence& o);
[[nodiscard]] Result<std::optional<core::ControlOccurrence>> LoadOccurrence(Tx& tx,
                                                                            const std::string& id);
[[nodiscard]] Result<std::optional<core::ControlOccurrence>> LoadOccurrence(Store& store,
                                                                            const std::string& id);
// Every occurrence (of one control when `control` is given), oldest start first.
[[nodiscard]] Result<std::vector<core::ControlOccurrence>> LoadOccurrences(
    Store& store, const std::string& control = {});
// The occurrences not yet done, oldest start first.
[[nodiscard]] Result<std::vector<core::ControlOccurrence>> LoadOpenOccurrences(Tx& tx);
// The start of the latest occurrence of `control`; nullopt when none was made yet.
[[nodiscard]] Result<std::optional<Timestamp>> LatestStart(Tx& tx, const std::string& control);

}  // namespace sokuo::store
