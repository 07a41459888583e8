// The CLI adapter: one function per command. Each decodes its arguments, calls one app/ use
// case and prints the result, as JSON on stdout with --json (same shapes as the API) or as text
// for a person. Errors go back to main/, which prints them and exits with the table's code.
// Argument parsing itself (CLI11) lives in main/, in one translation unit.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "app/app.h"
#include "base/error.h"

namespace sokuo::cli {

struct Output {
  bool json = false;
  std::ostream& out;  // results
  std::ostream& err;  // messages for a person
};

// The actor for journal entries: `as` must name a person of the organization; empty means the
// local operator, recorded as "cli:<os user>".
[[nodiscard]] Result<app::Actor> ResolveActor(app::App& app, const std::string& as);

[[nodiscard]] Result<void> OrgValidate(const std::string& file, Output& o);
[[nodiscard]] Result<void> OrgImport(app::App& app, const std::string& file,
                                     const app::Actor& actor, Output& o);
// Imports text that did not come from a file (the built-in example).
[[nodiscard]] Result<void> OrgImportText(app::App& app, const std::string& text,
                                         const std::string& name, const app::Actor& actor,
                                         Output& o);
[[nodiscard]] Result<void> OrgExport(app::App& app, const std::string& file, Output& o);
[[nodiscard]] Result<void> OrgShow(app::App& app, Output& o);

[[nodiscard]] Result<void> JournalVerify(app::App& app, Output& o);
[[nodiscard]] Result<void> JournalHead(app::App& app, Output& o);
[[nodiscard]] Result<void> JournalList(app::App& app, int64_t after, size_t limit,
                                       const std::string& subject, Output& o);

// What `serve` prints once it listens: the URL on a line of its own ("listening on URL") for
// people and scripts, or one JSON object with --json.
void ServeBanner(const std::string& company, const std::string& url, const std::string& version,
                 Output& o);
void Version(const std::string& version, Output& o);

// Prints an error the way the CLI contract says: a problem document on stdout with --json, and
// always a readable message on stderr. Returns the exit code.
int ReportError(const Error& error, Output& o);

}  // namespace sokuo::cli
