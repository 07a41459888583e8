// `sokuo binder export OUT [--pdf]`: the emergency binder (report/binder.h) on paper, for when
// sokuo itself cannot be reached.
#include <CLI/CLI.hpp>

#include <filesystem>

#include "cli/commands.h"
#include "platform/files.h"
#include "platform/pdf.h"

namespace sokuo::cli {
namespace {

struct BinderFlags {
  std::string out;
  bool pdf = false;
};

Result<void> Export(app::App& app, const BinderFlags& f, Output& o) {
  ASSIGN_OR_RETURN(std::string html, app.organization().Binder(o.lang));
  TRY(platform::WriteFileAtomic(f.out, html));
  o.err << Render(Msg("cli.binder_written", {{"path", f.out}}), o.lang) << "\n";
  if (!f.pdf) return {};
  std::string pdf = std::filesystem::path(f.out).replace_extension(".pdf").string();
  if (pdf == f.out) pdf += ".pdf";  // OUT named .pdf: the HTML stays
  TRY(platform::PrintToPdf(f.out, pdf));
  o.err << Render(Msg("cli.binder_written", {{"path", pdf}}), o.lang) << "\n";
  return {};
}

}  // namespace

std::vector<Command> BinderCommands() {
  return {
      {"binder", "The emergency binder: the plan on paper for when sokuo cannot be reached (G5)",
       nullptr},
      {"binder export",
       "Write the binder as one self-contained HTML file (--pdf: and a PDF beside it): the "
       "committee, the contact tree, outside contacts, systems by tier, damage-survey and "
       "roll-call forms",
       [](CLI::App& c, Runtime& env, Action& run) {
         auto f = std::make_shared<BinderFlags>();
         c.add_option("OUT", f->out, "The HTML file to write, e.g. binder.html")->required();
         c.add_flag("--pdf", f->pdf, "Also print it to PDF (OUT with .pdf), with Chromium");
         run = [&env, f]() -> Result<void> {
           ASSIGN_OR_RETURN(app::App * app, env.App());
           return Export(*app, *f, env.out());
         };
       }},
  };
}

}  // namespace sokuo::cli
