// `sokuo incident …`: the incident path from the terminal. Each command turns its flags into the
// same JSON body the HTTP API takes and decodes it with the same strict decoder (api/), so the
// CLI and the API accept and refuse exactly the same things. `--from FILE` ('-' for stdin) gives
// the body directly, for records with many fields such as the damage assessment.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"
#include "cli/commands.h"

namespace sokuo::cli {

// The flags of all incident commands; each command reads the ones it declares.
struct IncidentFlags {
  std::string key, title, summary, harm, harm_note, detection, tlp, category, reason;
  std::string kind, text, by, at, audience, contact, channel, follow_up;
  std::string department, assignee, system, due, status, result, revert_reason;
  std::string scope, route, method, attacker, first_seen, last_seen, note;
  std::string finding, prevention, owner, backdoor, file, name, state, priority, from;
  std::vector<std::string> systems, departments, attendees, kinds;
  bool restricted = false, dismiss = false, held = false, open = false, spread_outside = false;
  int approved_by = 0, id = 0;
  size_t limit = 50, offset = 0;
};

[[nodiscard]] Result<void> IncidentReport(app::App& app, const IncidentFlags& f,
                                          const app::Actor& actor, Output& o);
[[nodiscard]] Result<void> IncidentList(app::App& app, const IncidentFlags& f, Output& o);
[[nodiscard]] Result<void> IncidentShow(app::App& app, const IncidentFlags& f, Output& o);
[[nodiscard]] Result<void> IncidentUpdate(app::App& app, const IncidentFlags& f,
                                          const app::Actor& actor, Output& o);
[[nodiscard]] Result<void> IncidentTriage(app::App& app, const IncidentFlags& f,
                                          const app::Actor& actor, Output& o);
[[nodiscard]] Result<void> IncidentPriority(app::App& app, const IncidentFlags& f,
                                            const app::Actor& actor, Output& o);
[[nodiscard]] Result<void> IncidentConvene(app::App& app, const IncidentFlags& f,
                                           const app::Actor& actor, Output& o);
[[nodiscard]] Result<void> IncidentDecide(app::App& app, const IncidentFlags& f,
                                          const app::Actor& actor, Output& o);
[[nodiscard]] Result<void> IncidentContact(app::App& app, const IncidentFlags& f,
                                           const app::Actor& actor, Output& o);
[[nodiscard]] Result<void> IncidentTask(app::App& app, const IncidentFlags& f,
                                        const app::Actor& actor, Output& o);
[[nodiscard]] Result<void> IncidentAssess(app::App& app, const IncidentFlags& f,
                                          const app::Actor& actor, Output& o);
[[nodiscard]] Result<void> IncidentRecover(app::App& app, const IncidentFlags& f,
                                           const app::Actor& actor, Output& o);
[[nodiscard]] Result<void> IncidentReview(app::App& app, const IncidentFlags& f,
                                          const app::Actor& actor, Output& o);
[[nodiscard]] Result<void> IncidentEvidence(app::App& app, const IncidentFlags& f,
                                            const app::Actor& actor, Output& o);
[[nodiscard]] Result<void> IncidentTransition(app::App& app, const IncidentFlags& f,
                                              const app::Actor& actor, Output& o);
[[nodiscard]] Result<void> IncidentTimeline(app::App& app, const IncidentFlags& f, Output& o);

}  // namespace sokuo::cli
