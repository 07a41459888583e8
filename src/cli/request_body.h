// What the writing commands of every area share: a request body built from flags (the API's
// JSON, so the CLI and the API decode the same way), `--from FILE` in its place, and times typed
// on the organization's clock.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "cli/commands.h"

namespace sokuo::cli {

// A JSON body from flags: only the flags that were given.
class Body {
 public:
  using Json = nlohmann::json;
  Body& Text(const char* key, const std::string& v) {
    if (!v.empty()) j_[key] = v;
    return *this;
  }
  Body& Texts(const char* key, const std::vector<std::string>& v) {
    if (!v.empty()) j_[key] = v;
    return *this;
  }
  Body& Flag(const char* key, bool v) {
    if (v) j_[key] = true;
    return *this;
  }
  Body& Int(const char* key, int v) {
    if (v != 0) j_[key] = v;
    return *this;
  }
  // A count where zero means something: negative is "not given".
  Body& Count(const char* key, int v) {
    if (v >= 0) j_[key] = v;
    return *this;
  }
  Body& Raw(const char* key, Json v) {
    j_[key] = std::move(v);
    return *this;
  }
  Json json() const { return j_; }

 private:
  Json j_ = Json::object();
};

// `--from FILE` (`from` not empty) replaces the flags with a body read from FILE ('-' for stdin).
[[nodiscard]] Result<nlohmann::json> BodyOr(const std::string& from, const Body& body);

// A time flag as the API takes it: RFC 3339 as given, or the organization's local
// "YYYY-MM-DD HH:MM" turned into RFC 3339; empty stays empty (now, or unset).
[[nodiscard]] Result<std::string> TimeFlag(app::App& app, const std::string& text,
                                           const char* flag);

// `--at`: when it happened.
void AtFlag(CLI::App& c, std::string& at, const char* what);

// Decodes a body with the API's decoder.
template <class In>
Result<In> Decode(Result<nlohmann::json> body, Result<In> (*decode)(const nlohmann::json&)) {
  if (!body) return Fail(std::move(body).error());
  return decode(*body);
}

// A committee decision (G3.1) and a contact (G4.3.2) are recorded alike in an incident and in a
// disaster: the same flags and the same request body, for any area's `Flags` with the members
// these name.
template <class Flags>
void DecisionOptions(CLI::App& c, Flags& f) {
  c.add_option("--kind", f.kind, "policy, approval, instruction, press, agency_contact, other")
      ->required();
  c.add_option("--text", f.text, "The decision")->required();
  c.add_option("--by", f.by, "The committee member who decided")->required();
  AtFlag(c, f.at, "When it was decided");
  c.add_option("--department", f.departments, "An instructed department (repeat)");
}
template <class Flags>
Body DecisionBody(const Flags& f, const std::string& at) {
  Body b;
  b.Text("kind", f.kind).Text("text", f.text).Text("decided_by", f.by).Text("decided_at", at);
  b.Texts("departments", f.departments);
  return b;
}
template <class Flags>
void ContactOptions(CLI::App& c, Flags& f) {
  c.add_option("--audience", f.audience,
               "internal, pr, customer, partner, police, csirt, ipa, regulator, authority, "
               "vendor, insurer, press, individuals")
      ->required();
  c.add_option("--contact", f.contact,
               "External contact id, department id, or for individuals who they are")
      ->required();
  c.add_option("--summary", f.summary, "What was said")->required();
  c.add_option("--channel", f.channel,
               "phone, email, web, fax, post, other (a letter is post, a web notice web)");
  c.add_option("--persons", f.persons, "Notice to individuals: how many were notified")
      ->check(CLI::NonNegativeNumber);
  c.add_option("--by", f.by, "Who made the contact (default: you)");
  AtFlag(c, f.at, "When the contact was made");
  c.add_option("--approved-by", f.approved_by, "The committee decision that approved it");
  c.add_option("--follow-up", f.follow_up, "Follow-up due (YYYY-MM-DD)");
}
template <class Flags>
Body ContactBody(const Flags& f, const std::string& at) {
  Body b;
  b.Text("audience", f.audience).Text("contact", f.contact).Text("channel", f.channel);
  b.Text("summary", f.summary).Text("at", at).Text("by", f.by).Int("approved_by", f.approved_by);
  b.Text("follow_up_due", f.follow_up).Count("persons", f.persons);
  return b;
}

// "(20 of 57 shown; more with --offset 20)" under a list page that is not the last.
template <class T>
void PrintPageMore(const app::Page<T>& page, Output& o) {
  if (!page.next_cursor.empty()) {
    o.out << Render(Msg("cli.page_more_cursor", {{"shown", std::to_string(page.items.size())},
                                                 {"total", std::to_string(page.total)},
                                                 {"cursor", page.next_cursor}}),
                    o.lang)
          << "\n";
    return;
  }
  if (page.offset + page.items.size() >= page.total) return;
  o.out << Render(Msg("cli.page_more", {{"shown", std::to_string(page.items.size())},
                                        {"total", std::to_string(page.total)},
                                        {"next", std::to_string(page.offset + page.items.size())}}),
                  o.lang)
        << "\n";
}

// A command of an area whose commands share one set of flags (`Flags`): `options` declares the
// command's flags, `run` is its function. Writes resolve the acting person (--as); reads do not
// need one. `footer`, if any, ends the command's help.
template <class Flags>
using AreaRun = std::function<Result<void>(app::App&, const Flags&, const app::Actor&, Output&)>;
template <class Flags>
using AreaOptions = std::function<void(CLI::App&, Flags&)>;

template <class Flags>
Command AreaCommand(const char* path, const char* summary, bool writes,
                    const AreaOptions<Flags>& options, const AreaRun<Flags>& run,
                    const char* footer = nullptr) {
  return {path, summary,
          [writes, options, run, footer](CLI::App& c, Runtime& env,
                                         std::function<Result<void>()>& action) {
            auto flags = std::make_shared<Flags>();
            options(c, *flags);
            if (footer != nullptr) c.footer(footer);
            action = [&env, writes, run, flags]() -> Result<void> {
              ASSIGN_OR_RETURN(app::App * app, env.App());
              app::Actor actor;
              if (writes) {
                ASSIGN_OR_RETURN(actor, env.Actor());
              }
              return run(*app, *flags, actor, env.out());
            };
          }};
}

// A read command's function, which needs no acting person.
template <class Flags, class Fn>
AreaRun<Flags> ReadOnly(Fn fn) {
  return [fn](app::App& a, const Flags& f, const app::Actor&, Output& o) { return fn(a, f, o); };
}

}  // namespace sokuo::cli
