// `sokuo org …`: the organization as code (G3, G5.1, G5.2.1) from the terminal.
#include <CLI/CLI.hpp>

#include <map>

#include "api/codec.h"
#include "cli/commands.h"
#include "orgfile/org_file.h"
#include "platform/files.h"

namespace sokuo::cli {

using api::Json;

Result<void> OrgValidate(const std::string& file, Output& o) {
  ASSIGN_OR_RETURN(std::string text, platform::ReadFile(file, orgfile::kMaxFileBytes));
  ASSIGN_OR_RETURN(core::Organization org, app::OrganizationService::Validate(text, file));
  if (o.json) {
    PrintJson(o, {{"ok", true}, {"file", file}});
  } else {
    Lang lang = o.lang;
    std::string departments =
        Counted(org.departments.size(), Msg("count.department"), Msg("count.departments"), lang);
    std::string people = Counted(org.people.size(), Msg("count.person"), Msg("count.people"), lang);
    std::string systems =
        Counted(org.systems.size(), Msg("count.system"), Msg("count.systems"), lang);
    std::string contacts =
        Counted(org.contacts.size(), Msg("count.contact"), Msg("count.contacts"), lang);
    o.out << Render(Msg("cli.org_valid", {{"file", file},
                                          {"departments", departments},
                                          {"people", people},
                                          {"systems", systems},
                                          {"contacts", contacts}}),
                    lang)
          << "\n";
  }
  return {};
}

Result<void> OrgImportText(app::App& app, const std::string& text, const std::string& name,
                           const app::Actor& actor, Output& o) {
  ASSIGN_OR_RETURN(app::ImportSummary summary, app.organization().Import(text, name, actor));
  if (o.json) {
    PrintJson(o, api::ToJson(summary));
    return {};
  }
  if (!summary.changed()) {
    o.out << Render(Msg("cli.org_no_changes", {{"name", name}}), o.lang) << "\n";
    return {};
  }
  o.out << Render(Msg("cli.org_imported",
                      {{"name", name}, {"seq", std::to_string(summary.entry_seq)}}),
                  o.lang)
        << "\n";
  for (const auto& [table, c] : summary.tables) {
    o.out << "  "
          << Render(Msg("cli.org_table_changes", {{"table", table},
                                                  {"added", std::to_string(c.added)},
                                                  {"updated", std::to_string(c.updated)},
                                                  {"removed", std::to_string(c.removed)}}),
                    o.lang)
          << "\n";
  }
  return {};
}

Result<void> OrgImport(app::App& app, const std::string& file, const app::Actor& actor, Output& o) {
  ASSIGN_OR_RETURN(std::string text, platform::ReadFile(file, orgfile::kMaxFileBytes));
  return OrgImportText(app, text, file, actor, o);
}

Result<void> OrgExport(app::App& app, const std::string& file, Output& o) {
  bool to_stdout = file.empty() || file == "-";
  if (to_stdout && o.json) {  // machine-readable: the organization in the API's shape
    ASSIGN_OR_RETURN(auto snapshot, app.organization().Current());
    const core::Organization& org = *snapshot;
    PrintJson(o, api::ToJson(org));
    return {};
  }
  ASSIGN_OR_RETURN(std::string text, app.organization().Export());
  if (to_stdout) {
    o.out << text;
    return {};
  }
  TRY(platform::WriteFileAtomic(file, text));
  if (o.json) {
    PrintJson(o, {{"file", file}, {"bytes", text.size()}});
  } else {
    o.err << Render(Msg("cli.wrote", {{"file", file}}), o.lang) << "\n";
  }
  return {};
}

Result<void> OrgShow(app::App& app, Output& o) {
  ASSIGN_OR_RETURN(auto snapshot, app.organization().Current());
  const core::Organization& org = *snapshot;
  if (o.json) {
    PrintJson(o, api::ToJson(org));
    return {};
  }
  if (org.company.name.empty()) {
    o.out << Render(Msg("cli.no_org_yet"), o.lang) << "\n";
    return {};
  }
  o.out << org.company.name;
  if (!org.company.name_en.empty()) o.out << " (" << org.company.name_en << ")";
  o.out << " — " << org.company.time_zone << "\n\n";
  auto t = [&o](const Message& m) { return Render(m, o.lang); };
  o.out << t(Msg("cli.org_departments", {{"count", std::to_string(org.departments.size())}}))
        << "\n";
  for (const auto& d : org.departments) {
    o.out << "  " << d.id << "  " << d.name << "  [" << core::kDepartmentKinds.Name(d.kind) << "]";
    if (const core::Person* head = org.FindPerson(d.head)) {
      o.out << "  " << t(Msg("cli.org_head", {{"name", head->name}}));
    }
    o.out << "\n";
  }
  o.out << "\n" << t(Msg("cli.org_roles")) << "\n";
  for (const auto& r : org.roles) {
    const core::Person* p = org.FindPerson(r.person);
    o.out << "  " << core::kRoleKinds.Name(r.role);
    if (!r.department.empty()) o.out << " (" << r.department << ")";
    if (!r.title.empty()) o.out << " " << r.title;
    o.out << ": " << (p != nullptr ? p->name : r.person);
    if (!r.deputies.empty()) {
      o.out << "  " << t(Msg("cli.org_deputies"));
      for (const auto& d : r.deputies) o.out << " " << d;
    }
    o.out << "\n";
  }
  o.out << "\n" << t(Msg("cli.org_tiers")) << "\n";
  for (core::Tier tier : {core::Tier::kA, core::Tier::kB, core::Tier::kC}) {
    o.out << "  " << t(Msg("cli.org_tier", {{"tier", std::string(core::kTiers.Name(tier))}}));
    for (const auto& s : org.systems) {
      if (s.tier == tier) o.out << " " << s.id;
    }
    o.out << "\n";
  }
  std::map<std::string, int> kinds;
  for (const auto& c : org.contacts) ++kinds[std::string(core::kContactKinds.Name(c.kind))];
  o.out << "\n" << t(Msg("cli.org_contacts", {{"count", std::to_string(org.contacts.size())}}));
  for (const auto& [kind, n] : kinds) o.out << " " << kind << " " << n;
  std::string people = Counted(org.people.size(), Msg("count.person"), Msg("count.people"), o.lang);
  std::string media = Counted(org.media.size(), Msg("count.medium"), Msg("count.media"), o.lang);
  o.out << "\n" << t(Msg("cli.org_people_media", {{"people", people}, {"media", media}})) << "\n";
  return {};
}

std::vector<Command> OrgCommands() {
  return {
      {"org", "The organization as code: validate, import, export, show", nullptr},
      {"org validate", "Check an organization file and list every problem with its position",
       [](CLI::App& c, Runtime& env, Action& run) {
         auto file = std::make_shared<std::string>();
         c.add_option("FILE", *file, "Organization file (YAML)")->required();
         run = [&env, file] { return OrgValidate(*file, env.out()); };
       }},
      {"org import", "Import an organization file; nothing is written unless it is all valid",
       [](CLI::App& c, Runtime& env, Action& run) {
         auto file = std::make_shared<std::string>();
         c.add_option("FILE", *file, "Organization file (YAML)")->required();
         run = [&env, file]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App());
           ASSIGN_OR_RETURN(app::Actor actor, env.Actor());
           return OrgImport(*app, *file, actor, env.out());
         };
       }},
      {"org export", "Write the organization as YAML (to FILE, or to stdout)",
       [](CLI::App& c, Runtime& env, Action& run) {
         auto file = std::make_shared<std::string>();
         c.add_option("FILE", *file, "Where to write; '-' or nothing for stdout");
         run = [&env, file]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App());
           return OrgExport(*app, *file, env.out());
         };
       }},
      {"org show", "Summarize the organization: departments, roles, systems by tier",
       [](CLI::App&, Runtime& env, Action& run) {
         run = [&env]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App());
           return OrgShow(*app, env.out());
         };
       }},
  };
}

}  // namespace sokuo::cli
