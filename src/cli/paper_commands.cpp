// What sokuo prints for paper and for people outside it: `sokuo binder export OUT [--pdf]` (the
// emergency binder, report/binder.h, for when sokuo itself cannot be reached), `sokuo incident
// print KEY OUT [--pdf]` (the incident report, report/incident_report.h), `sokuo disaster print
// KEY OUT [--pdf]` (report/disaster_report.h) and `sokuo incident form KEY AGENCY` (the facts an
// agency's form asks for, report/agency_form.h).
#include <CLI/CLI.hpp>

#include <filesystem>

#include "cli/commands.h"
#include "cli/request_body.h"
#include "platform/files.h"
#include "platform/pdf.h"

namespace sokuo::cli {
namespace {

struct PaperFlags {
  std::string key, out, agency;
  bool pdf = false;
};

// Writes `html` to OUT and, with --pdf, prints it beside (OUT with .pdf).
Result<void> WriteDocument(const std::string& html, const PaperFlags& f, Output& o) {
  TRY(platform::WriteFileAtomic(f.out, html));
  o.err << Render(Msg("cli.document_written", {{"path", f.out}}), o.lang) << "\n";
  if (!f.pdf) return {};
  std::string pdf = std::filesystem::path(f.out).replace_extension(".pdf").string();
  if (pdf == f.out) pdf += ".pdf";  // OUT named .pdf: the HTML stays
  TRY(platform::PrintToPdf(f.out, pdf));
  o.err << Render(Msg("cli.document_written", {{"path", pdf}}), o.lang) << "\n";
  return {};
}

Result<void> ExportBinder(app::App& app, const PaperFlags& f, Output& o) {
  ASSIGN_OR_RETURN(std::string html, app.organization().Binder(o.lang));
  return WriteDocument(html, f, o);
}

Result<void> PrintIncidentReport(app::App& app, const PaperFlags& f, Output& o) {
  ASSIGN_OR_RETURN(std::string html, app.incidents().ReportHtml(f.key, kOperator, o.lang));
  return WriteDocument(html, f, o);
}

Result<void> PrintDisasterReport(app::App& app, const PaperFlags& f, Output& o) {
  ASSIGN_OR_RETURN(std::string html, app.disasters().ReportHtml(f.key, kOperator, o.lang));
  return WriteDocument(html, f, o);
}

// "label: value" per field, "(not in the record …)" for an empty one; --json: the fields.
Result<void> PrintForm(app::App& app, const PaperFlags& f, Output& o) {
  auto agency = report::kAgencies.Parse(f.agency);
  if (!agency) return Fail(ErrorCode::kUsage, BadChoice(f.agency, report::kAgencies), "AGENCY");
  ASSIGN_OR_RETURN(std::vector<report::FormField> fields,
                   app.incidents().AgencyForm(f.key, *agency, kOperator, o.lang));
  if (o.json) {
    nlohmann::json items = nlohmann::json::array();
    for (const report::FormField& x : fields) {
      items.push_back({{"code", x.code}, {"label", x.label}, {"value", x.value}});
    }
    PrintJson(o, {{"key", f.key}, {"agency", f.agency}, {"fields", items}});
    return {};
  }
  size_t empty = 0;
  for (const report::FormField& x : fields) {
    std::string value = x.value;
    if (value.empty()) {
      ++empty;
      value = Render(Msg("report.empty"), o.lang);
    }
    // Later lines of a value are indented under its label.
    for (size_t at = value.find('\n'); at != std::string::npos; at = value.find('\n', at + 3)) {
      value.replace(at, 1, "\n  ");
    }
    o.out << x.label << ": " << value << "\n";
  }
  o.err << Render(Msg("cli.form_empty",
                      {{"empty", std::to_string(empty)}, {"all", std::to_string(fields.size())}}),
                  o.lang)
        << "\n";
  return {};
}

void DocumentOptions(CLI::App& c, PaperFlags& f, const char* example) {
  c.add_option("OUT", f.out, std::string("The HTML file to write, e.g. ") + example)->required();
  c.add_flag("--pdf", f.pdf, "Also print it to PDF (OUT with .pdf), with Chromium");
}

}  // namespace

std::vector<Command> PaperCommands() {
  return {
      {"binder", "The emergency binder: the plan on paper for when sokuo cannot be reached (G5)",
       nullptr},
      AreaCommand<PaperFlags>(
          "binder export",
          "Write the binder as one self-contained HTML file (--pdf: and a PDF beside it): the "
          "committee, the contact tree, outside contacts, systems by tier, damage-survey and "
          "roll-call forms",
          false, [](CLI::App& c, PaperFlags& f) { DocumentOptions(c, f, "binder.html"); },
          ReadOnly<PaperFlags>(ExportBinder)),
      AreaCommand<PaperFlags>(
          "incident print",
          "Write the incident report as one self-contained HTML file (--pdf: and a PDF): "
          "summary, course of events, decisions, contacts with their approval, duties, damage, "
          "recovery, review, evidence with hashes, and the agencies' forms",
          false,
          [](CLI::App& c, PaperFlags& f) {
            c.add_option("KEY", f.key, "Incident key, e.g. INC-2026-0001")->required();
            DocumentOptions(c, f, "INC-2026-0001.html");
          },
          ReadOnly<PaperFlags>(PrintIncidentReport)),
      AreaCommand<PaperFlags>(
          "disaster print",
          "Write the disaster report as one self-contained HTML file (--pdf: and a PDF): the "
          "damage survey, each system back against its RTO, exemptions, vendor help, decisions "
          "and contacts",
          false,
          [](CLI::App& c, PaperFlags& f) {
            c.add_option("KEY", f.key, "Disaster key, e.g. DIS-2026-0001")->required();
            DocumentOptions(c, f, "DIS-2026-0001.html");
          },
          ReadOnly<PaperFlags>(PrintDisasterReport)),
      AreaCommand<PaperFlags>(
          "incident form",
          "The facts a report to an agency asks for, in the order of its form, with the fields "
          "the record cannot fill yet (G4.3.2c)",
          false,
          [](CLI::App& c, PaperFlags& f) {
            c.add_option("KEY", f.key, "Incident key, e.g. INC-2026-0001")->required();
            c.add_option("AGENCY", f.agency, "ppc (the personal-data regulator), ipa or jpcert")
                ->required();
          },
          ReadOnly<PaperFlags>(PrintForm)),
  };
}

}  // namespace sokuo::cli
