#include "cli/commands.h"

#include <iostream>
#include <map>

#include "api/codec.h"
#include "orgfile/org_file.h"
#include "platform/files.h"

namespace sokuo::cli {
namespace {

using api::Json;

void PrintJson(Output& o, const Json& j) {
  o.out << j.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

std::string Plural(size_t n, const char* word, const char* plural = nullptr) {
  if (n == 1) return "1 " + std::string(word);
  return std::to_string(n) + " " + (plural != nullptr ? plural : std::string(word) + "s");
}

}  // namespace

Result<app::Actor> ResolveActor(app::App& app, const std::string& as) {
  if (as.empty()) return app::Actor{"cli:" + platform::OsUserName()};
  ASSIGN_OR_RETURN(core::Organization org, app.Organization());
  if (org.FindPerson(as) == nullptr) {
    return Fail(ErrorCode::kUsage, "--as: no person '" + as + "' in the organization");
  }
  return app::Actor{as};
}

Result<void> OrgValidate(const std::string& file, Output& o) {
  ASSIGN_OR_RETURN(std::string text, platform::ReadFile(file, orgfile::kMaxFileBytes));
  ASSIGN_OR_RETURN(core::Organization org, app::App::ValidateOrganization(text, file));
  if (o.json) {
    PrintJson(o, {{"ok", true}, {"file", file}});
  } else {
    o.out << file << ": ok (" << Plural(org.departments.size(), "department") << ", "
          << Plural(org.people.size(), "person", "people") << ", "
          << Plural(org.systems.size(), "system") << ", " << Plural(org.contacts.size(), "contact")
          << ")\n";
  }
  return {};
}

Result<void> OrgImportText(app::App& app, const std::string& text, const std::string& name,
                           const app::Actor& actor, Output& o) {
  ASSIGN_OR_RETURN(app::ImportSummary summary, app.ImportOrganization(text, name, actor));
  if (o.json) {
    PrintJson(o, api::ToJson(summary));
    return {};
  }
  if (!summary.changed()) {
    o.out << name << ": no changes\n";
    return {};
  }
  o.out << name << ": imported (journal entry " << summary.entry_seq << ")\n";
  for (const auto& [table, c] : summary.tables) {
    o.out << "  " << table << ": " << c.added << " added, " << c.updated << " updated, "
          << c.removed << " removed\n";
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
    ASSIGN_OR_RETURN(core::Organization org, app.Organization());
    PrintJson(o, api::ToJson(org));
    return {};
  }
  ASSIGN_OR_RETURN(std::string text, app.ExportOrganization());
  if (to_stdout) {
    o.out << text;
    return {};
  }
  TRY(platform::WriteFileAtomic(file, text));
  if (o.json) {
    PrintJson(o, {{"file", file}, {"bytes", text.size()}});
  } else {
    o.err << "wrote " << file << "\n";
  }
  return {};
}

Result<void> OrgShow(app::App& app, Output& o) {
  ASSIGN_OR_RETURN(core::Organization org, app.Organization());
  if (o.json) {
    PrintJson(o, api::ToJson(org));
    return {};
  }
  if (org.company.name.empty()) {
    o.out << "No organization yet. Import one: sokuo org import examples/org.yaml\n";
    return {};
  }
  o.out << org.company.name;
  if (!org.company.name_en.empty()) o.out << " (" << org.company.name_en << ")";
  o.out << " — " << org.company.time_zone << "\n\n";
  o.out << "Departments (" << org.departments.size() << ")\n";
  for (const auto& d : org.departments) {
    o.out << "  " << d.id << "  " << d.name << "  [" << core::kDepartmentKinds.Name(d.kind) << "]";
    if (const core::Person* head = org.FindPerson(d.head)) o.out << "  head: " << head->name;
    o.out << "\n";
  }
  o.out << "\nEmergency roles\n";
  for (const auto& r : org.roles) {
    const core::Person* p = org.FindPerson(r.person);
    o.out << "  " << core::kRoleKinds.Name(r.role);
    if (!r.department.empty()) o.out << " (" << r.department << ")";
    if (!r.title.empty()) o.out << " " << r.title;
    o.out << ": " << (p != nullptr ? p->name : r.person);
    if (!r.deputies.empty()) {
      o.out << "  deputies:";
      for (const auto& d : r.deputies) o.out << " " << d;
    }
    o.out << "\n";
  }
  o.out << "\nSystems by tier (G5.2.1)\n";
  for (core::Tier tier : {core::Tier::kA, core::Tier::kB, core::Tier::kC}) {
    o.out << "  tier " << core::kTiers.Name(tier) << ":";
    for (const auto& s : org.systems) {
      if (s.tier == tier) o.out << " " << s.id;
    }
    o.out << "\n";
  }
  std::map<std::string, int> kinds;
  for (const auto& c : org.contacts) ++kinds[std::string(core::kContactKinds.Name(c.kind))];
  o.out << "\nExternal contacts (" << org.contacts.size() << "):";
  for (const auto& [kind, n] : kinds) o.out << " " << kind << " " << n;
  o.out << "\n"
        << Plural(org.people.size(), "person", "people") << ", "
        << Plural(org.media.size(), "storage medium", "storage media")
        << " with confidential data\n";
  return {};
}

Result<void> JournalVerify(app::App& app, Output& o) {
  ASSIGN_OR_RETURN(store::VerifyReport report, app.VerifyJournal());
  if (o.json) PrintJson(o, api::ToJson(report));
  if (!report.ok()) {
    Error e{
        ErrorCode::kIntegrity,
        "journal verification failed at entry " + std::to_string(report.first_bad_seq.value_or(0)),
        {},
        {}};
    for (const auto& p : report.problems) e.details.push_back(MakeDetail("", p));
    if (!o.json) {
      for (const auto& p : report.problems) o.out << "FAIL " << Render(p, Lang::kEn) << "\n";
    }
    return Fail(std::move(e));
  }
  if (!o.json) {
    o.out << "ok: " << Plural(static_cast<size_t>(report.entries), "entry", "entries")
          << " verified, head " << report.head.seq << " " << report.head.hash << "\n";
  }
  return {};
}

Result<void> JournalHead(app::App& app, Output& o) {
  ASSIGN_OR_RETURN(store::JournalHead head, app.JournalHead());
  if (o.json) {
    PrintJson(o, api::ToJson(head));
  } else {
    o.out << head.seq << " " << head.hash << "\n";
  }
  return {};
}

Result<void> JournalList(app::App& app, int64_t after, size_t limit, const std::string& subject,
                         Output& o) {
  ASSIGN_OR_RETURN(auto entries,
                   app.Journal({.after_seq = after, .limit = limit, .subject = subject}));
  if (o.json) {
    Json items = Json::array();
    for (const auto& e : entries) items.push_back(api::ToJson(e));
    PrintJson(o, {{"items", items}});
    return {};
  }
  if (entries.empty())
    o.out << "no journal entries" << (after > 0 ? " after that point" : "") << "\n";
  for (const auto& e : entries) {
    o.out << e.seq << "  " << e.at << "  " << e.actor << "  " << e.action << "  " << e.subject
          << "\n";
  }
  return {};
}

void ServeBanner(const std::string& company, const std::string& url, const std::string& version,
                 Output& o) {
  if (o.json) {
    PrintJson(o, {{"url", url}, {"version", version}, {"company", company}});
  } else {
    o.out << "sokuo " << version << " serving "
          << (company.empty() ? "(no organization imported yet)" : company) << "\n"
          << "listening on " << url << "\n"
          << "  health:  " << url << "/api/v1/health\n"
          << "  API:     " << url << "/api/v1/openapi.json\n"
          << "  log in:  POST " << url << "/api/v1/session with your person id and password\n"
          << "           (accounts: sokuo user list; a new password: sokuo user passwd PERSON)\n"
          << "Stop with Ctrl-C.\n";
  }
  o.out.flush();
}

void Version(const std::string& version, Output& o) {
  if (o.json) {
    PrintJson(o, {{"version", version}});
  } else {
    o.out << "sokuo " << version << "\n";
  }
}

int ReportError(const Error& error, Output& o) {
  if (o.json) PrintJson(o, api::ProblemJson(error));
  o.err << "sokuo: " << error.ToString() << "\n";
  return Info(error.code).exit_code;
}

}  // namespace sokuo::cli
