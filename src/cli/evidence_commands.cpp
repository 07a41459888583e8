// `sokuo evidence …`: the evidence of an incident from the terminal (G4.4.3): files kept by
// SHA-256, read back verified, their chain of custody, the legal hold and disposal.
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <filesystem>

#include "api/codec.h"
#include "api/incident_codec.h"
#include "base/sha256.h"
#include "cli/commands.h"
#include "cli/incident_print.h"
#include "cli/request_body.h"
#include "platform/archive.h"
#include "platform/files.h"

namespace sokuo::cli {
namespace {

struct EvidenceFlags {
  std::string key, kind, name, system, collected_by, collected_at, source, method, note;
  std::string out, to, purpose, at, reason;
  std::vector<std::string> files;
  std::vector<int> ids;
  int id = 0;
  bool force = false;
};

using F = EvidenceFlags;
using api::Json;

// Reads are the operator's (kOperator, commands.h); a reading of a file is on its chain of
// custody under whoever reads it.

Result<core::Evidence> Last(const Result<app::IncidentView>& r) {
  if (!r) return Fail(r.error());
  return r->incident.evidence.back();
}

std::string Line(const core::Evidence& e) {
  return std::to_string(e.id) + ". [" + std::string(core::kEvidenceKinds.Name(e.kind)) + "] " +
         e.name + "  " + std::to_string(e.bytes) + " B  sha256:" + e.sha256;
}

Result<void> Add(app::App& app, const F& f, const app::Actor& actor, Output& o) {
  if (!f.name.empty() && f.files.size() > 1) {
    return Fail(ErrorCode::kUsage, Msg("cli.evidence_one_name"), "--name");
  }
  core::EvidenceKind kind = core::EvidenceKind::kOther;
  if (!f.kind.empty()) {
    auto k = core::kEvidenceKinds.Parse(f.kind);
    if (!k) return Fail(ErrorCode::kUsage, BadChoice(f.kind, core::kEvidenceKinds), "--kind");
    kind = *k;
  }
  ASSIGN_OR_RETURN(std::string collected_at, TimeFlag(app, f.collected_at, "--collected-at"));
  // --source HOST[:PATH]
  std::string host = f.source, path;
  if (auto colon = f.source.find(':'); colon != std::string::npos) {
    host = f.source.substr(0, colon);
    path = f.source.substr(colon + 1);
  }
  Json added = Json::array();
  for (const std::string& file : f.files) {
    std::string name = f.name.empty() ? std::filesystem::path(file).filename().string() : f.name;
    ASSIGN_OR_RETURN(core::Evidence e,
                     Last(app.incidents().AddEvidence(f.key,
                                                      {.name = name,
                                                       .kind = kind,
                                                       .system = f.system,
                                                       .collected_by = f.collected_by,
                                                       .collected_at = collected_at,
                                                       .source_host = host,
                                                       .source_path = path,
                                                       .method = f.method,
                                                       .note = f.note,
                                                       .content = platform::ReadPieces(file)},
                                                      actor)));
    if (o.json) {
      added.push_back(codec::ToJson(e));
    } else {
      o.out << Render(Msg("cli.evidence_added", {{"key", f.key}, {"line", Line(e)}}), o.lang)
            << "\n";
    }
  }
  if (o.json) PrintJson(o, added);
  return {};
}

Result<void> List(app::App& app, const F& f, Output& o) {
  ASSIGN_OR_RETURN(app::IncidentView v, app.incidents().Get(f.key, kOperator));
  const auto& all = v.incident.evidence;
  if (o.json) {
    Json j = Json::array();
    for (const auto& e : all) j.push_back(codec::ToJson(e));
    PrintJson(o, j);
    return {};
  }
  if (all.empty()) {
    o.out << Render(Msg("cli.no_evidence", {{"key", f.key}}), o.lang) << "\n";
    return {};
  }
  ASSIGN_OR_RETURN(Calendar calendar, OrgCalendar(app));
  for (const auto& e : all) {
    o.out << Line(e) << "\n";
    Message about = Msg("cli.evidence_collected",
                        {{"at", e.collected_at.empty() ? "" : calendar.FormatLocal(e.collected_at)},
                         {"by", e.collected_by},
                         {"source", EvidenceSource(e)}});
    o.out << "   " << Render(about, o.lang) << "\n";
    if (e.Disposed()) {
      o.out << "   "
            << Render(
                   Msg("cli.evidence_disposed_at", {{"at", calendar.FormatLocal(e.disposed_at)}}),
                   o.lang)
            << "\n";
    } else if (std::string holder = e.HeldBy(); !holder.empty()) {
      o.out << "   " << Render(Msg("cli.evidence_held_by", {{"to", holder}}), o.lang) << "\n";
    }
  }
  if (v.incident.legal_hold) {
    o.out << Render(Msg("cli.legal_hold", {{"reason", v.incident.legal_hold->reason}}), o.lang)
          << "\n";
  }
  return {};
}

// KEY-ID-NAME in the current directory.
std::string DefaultName(const std::string& key, const core::Evidence& e) {
  return key + "-" + std::to_string(e.id) + "-" + e.FileName();
}

// Writes the file to --out (default: KEY-ID-NAME, in the current directory), hashing on the way:
// what lands on disk is what was taken in, or nothing lands.
Result<void> Get(app::App& app, const F& f, const app::Actor& actor, Output& o) {
  // Where it goes is settled before it is read: a reading refused here is not on record.
  std::string out = f.out;
  if (out.empty()) {
    ASSIGN_OR_RETURN(app::IncidentView v, app.incidents().Get(f.key, actor));
    for (const core::Evidence& e : v.incident.evidence) {
      if (e.id == f.id) out = DefaultName(f.key, e);
    }
  }
  bool to_stdout = out == "-";
  if (!to_stdout && !out.empty() && !f.force && platform::Exists(out)) {
    return Fail(ErrorCode::kConflict, Msg("cli.file_exists", {{"path", out}}), "--out");
  }
  // Written out of sokuo: an export on the file's chain of custody.
  ASSIGN_OR_RETURN(app::EvidenceDownload file,
                   app.incidents().Evidence(
                       f.key, f.id, actor, f.purpose,
                       to_stdout ? core::CustodyAction::kViewed : core::CustodyAction::kExported));
  Sha256 hash;
  std::string copy;  // for a file: written whole below, atomically
  uint64_t offset = 0;
  constexpr size_t kPiece = size_t{1} << 20;
  std::string tmp = out + ".part." + std::to_string(::getpid());
  ByteSource pieces = [&](size_t max) -> Result<std::string> {
    if (offset >= file.length) return std::string();
    ASSIGN_OR_RETURN(std::string piece, file.read(offset, std::min<size_t>(max, kPiece)));
    if (piece.empty()) {
      return Fail(ErrorCode::kIntegrity,
                  Msg("blob.hash_mismatch", {{"sha256", file.evidence.sha256}}));
    }
    offset += piece.size();
    hash.Update(piece);
    return piece;
  };
  if (to_stdout) {
    while (true) {
      ASSIGN_OR_RETURN(std::string piece, pieces(kPiece));
      if (piece.empty()) break;
      o.out.write(piece.data(), static_cast<std::streamsize>(piece.size()));
    }
    o.out.flush();
  } else {
    TRY(platform::WriteFileFrom(tmp, pieces));
  }
  if (hash.HexDigest() != file.evidence.sha256) {
    if (!to_stdout) std::filesystem::remove(tmp);
    return Fail(ErrorCode::kIntegrity,
                Msg("blob.hash_mismatch", {{"sha256", file.evidence.sha256}}));
  }
  if (!to_stdout) {
    std::error_code ec;
    std::filesystem::rename(tmp, out, ec);
    if (ec) {
      std::filesystem::remove(tmp);
      return Fail(ErrorCode::kIo,
                  Msg("file.cannot_rename", {{"path", out}, {"reason", ec.message()}}));
    }
    o.err << Render(Msg("cli.evidence_saved", {{"path", out},
                                               {"bytes", std::to_string(file.length)},
                                               {"sha256", file.evidence.sha256}}),
                    o.lang)
          << "\n";
  }
  return {};
}

const char* StateCode(app::EvidenceState state) {
  switch (state) {
    case app::EvidenceState::kOk:
      return "cli.evidence_state.ok";
    case app::EvidenceState::kChanged:
      return "cli.evidence_state.changed";
    case app::EvidenceState::kUnreadable:
      return "cli.evidence_state.unreadable";
    case app::EvidenceState::kDisposed:
      return "cli.evidence_state.disposed";
  }
  return "cli.evidence_state.ok";
}

Result<void> Verify(app::App& app, const F& f, Output& o) {
  ASSIGN_OR_RETURN(std::vector<app::EvidenceCheck> checks,
                   app.incidents().VerifyEvidence(f.key, kOperator));
  size_t bad = 0, kept = 0;
  for (const auto& c : checks) {
    if (c.state == app::EvidenceState::kChanged || c.state == app::EvidenceState::kUnreadable) {
      ++bad;
    } else if (c.state == app::EvidenceState::kOk) {
      ++kept;
    }
  }
  if (o.json) {
    Json j = Json::array();
    for (const auto& c : checks) j.push_back(api::ToJson(c));
    PrintJson(o, {{"ok", bad == 0}, {"files", j}});
  } else {
    for (const auto& c : checks) {
      if (c.state == app::EvidenceState::kOk) continue;
      o.out << c.key << " " << Line(c.evidence) << "  " << Render(Msg(StateCode(c.state)), o.lang)
            << "\n";
    }
  }
  if (bad > 0) {
    return Fail(ErrorCode::kIntegrity,
                Msg("cli.evidence_verify_failed", {{"count", std::to_string(bad)}}));
  }
  if (!o.json) {
    std::string files =
        Counted(kept, Msg("count.evidence_file"), Msg("count.evidence_files"), o.lang);
    o.err << Render(Msg("cli.evidence_verified", {{"files", files}}), o.lang) << "\n";
  }
  return {};
}

Result<void> PrintEvidenceResult(const Result<app::IncidentView>& r, const F& f, const char* code,
                                 Output& o) {
  if (!r) return Fail(r.error());
  if (o.json) {
    PrintJson(o, api::ToJson(*r, o.lang));
    return {};
  }
  o.out << Render(Msg(code, {{"key", f.key}, {"id", std::to_string(f.id)}}), o.lang) << "\n";
  return {};
}

Result<void> Custody(app::App& app, const F& f, core::CustodyAction action, const app::Actor& actor,
                     Output& o) {
  ASSIGN_OR_RETURN(std::string at, TimeFlag(app, f.at, "--at"));
  auto r = app.incidents().RecordCustody(
      f.key, f.id, {.action = action, .to = f.to, .at = at, .purpose = f.purpose}, actor);
  return PrintEvidenceResult(r, f,
                             action == core::CustodyAction::kHandedOver ? "cli.evidence_handed_over"
                                                                        : "cli.evidence_returned",
                             o);
}

Command EvidenceCommand(const char* path, const char* summary, bool writes,
                        const AreaOptions<F>& options, const AreaRun<F>& run) {
  return AreaCommand<F>(path, summary, writes, options, run);
}

void EvidenceKeyArg(CLI::App& c, F& f) {
  c.add_option("KEY", f.key, "Incident key, e.g. INC-2026-0001")->required();
}
void KeyId(CLI::App& c, F& f) {
  EvidenceKeyArg(c, f);
  c.add_option("ID", f.id, "Evidence number within the incident")->required();
}

// G4.3.2c: one ZIP for a public agency: report.html, manifest.json and the chosen files, each
// checked against its SHA-256 on the way into the archive.
Result<void> Export(app::App& app, const F& f, const app::Actor& actor, Output& o) {
  if (platform::Exists(f.out)) {
    return Fail(ErrorCode::kConflict, Msg("cli.file_exists", {{"path", f.out}}), "OUT");
  }
  ASSIGN_OR_RETURN(app::EvidenceExport bundle,
                   app.incidents().ExportEvidence(f.key, f.ids, f.to, actor, o.lang));
  std::vector<platform::ArchiveEntry> entries;
  entries.push_back({"manifest.json", bundle.manifest.size(), BytesSource(bundle.manifest), ""});
  entries.push_back(
      {"report.html", bundle.report_html.size(), BytesSource(bundle.report_html), ""});
  for (auto& [path, file] : bundle.files) {
    auto offset = std::make_shared<uint64_t>(0);
    entries.push_back({path, file.length,
                       [offset, read = file.read](size_t max) -> Result<std::string> {
                         ASSIGN_OR_RETURN(std::string piece, read(*offset, max));
                         *offset += piece.size();
                         return piece;
                       },
                       file.evidence.sha256});
  }
  TRY(platform::WriteZip(f.out, entries));
  o.err << Render(
               Msg("cli.evidence_exported",
                   {{"path", f.out}, {"files", std::to_string(bundle.files.size())}, {"to", f.to}}),
               o.lang)
        << "\n";
  return {};
}

}  // namespace

std::vector<Command> EvidenceCommands() {
  return {
      {"evidence",
       "Evidence of an incident (G4.4.3): files kept by SHA-256, their chain of custody, the "
       "legal hold",
       nullptr},
      EvidenceCommand(
          "evidence add",
          "Keep files with an incident (read through once, SHA-256 at intake, the same bytes "
          "kept once)",
          true,
          [](CLI::App& c, F& f) {
            EvidenceKeyArg(c, f);
            c.add_option("FILE", f.files, "The files")->required();
            c.add_option("--kind", f.kind, "access_log, screenshot, report, other");
            c.add_option("--name", f.name, "Name (default: the file name; one file only)");
            c.add_option("--system", f.system, "The system it comes from");
            c.add_option(
                "--source", f.source,
                "Where it was collected: HOST or HOST:PATH (e.g. web01:/var/log/auth.log)");
            c.add_option("--collected-by", f.collected_by, "Who collected it (default: you)");
            c.add_option(
                "--collected-at", f.collected_at,
                "When it was collected: RFC 3339, or YYYY-MM-DD HH:MM local (default: now)");
            c.add_option("--method", f.method, "How: the tool or command used");
            c.add_option("--note", f.note, "What it is");
          },
          Add),
      EvidenceCommand(
          "evidence list", "An incident's evidence: hashes, where from, who holds it", false,
          [](CLI::App& c, F& f) { EvidenceKeyArg(c, f); }, ReadOnly<F>(List)),
      EvidenceCommand(
          "evidence get",
          "Write an evidence file out, checked against its SHA-256 (the reading is recorded)", true,
          [](CLI::App& c, F& f) {
            KeyId(c, f);
            c.add_option("-o,--out", f.out,
                         "Where to write it (default: KEY-ID-NAME here; - stdout)");
            c.add_option("--purpose", f.purpose, "Why it is read (kept on its chain of custody)");
            c.add_flag("--force", f.force, "Replace an existing file");
          },
          Get),
      EvidenceCommand(
          "evidence export",
          "One ZIP for a public agency: the incident report, a manifest (each file's size, "
          "SHA-256 and custody, the journal head) and the evidence files (G4.3.2c)",
          true,
          [](CLI::App& c, F& f) {
            EvidenceKeyArg(c, f);
            c.add_option("OUT", f.out, "The ZIP file to write (must not exist)")->required();
            c.add_option("--to", f.to, "Who receives it (e.g. IPA, a police station)")->required();
            c.add_option("--id", f.ids, "Only these evidence ids (default: every file kept)");
          },
          Export),
      EvidenceCommand(
          "evidence verify",
          "Read every stored evidence file (of KEY, or of all incidents) through and check it "
          "against its SHA-256 and size; exit 5 when one changed or is gone",
          false,
          [](CLI::App& c, F& f) { c.add_option("KEY", f.key, "Incident key (default: all)"); },
          ReadOnly<F>(Verify)),
      EvidenceCommand(
          "evidence hand-over", "Record that evidence was handed to someone outside sokuo", true,
          [](CLI::App& c, F& f) {
            KeyId(c, f);
            c.add_option("--to", f.to, "Who receives it (name, organization)")->required();
            c.add_option("--purpose", f.purpose, "Why (e.g. analysis by the police)");
            AtFlag(c, f.at, "When it was handed over");
          },
          [](app::App& app, const F& f, const app::Actor& actor, Output& o) {
            return Custody(app, f, core::CustodyAction::kHandedOver, actor, o);
          }),
      EvidenceCommand(
          "evidence return", "Record that handed-over evidence came back", true,
          [](CLI::App& c, F& f) {
            KeyId(c, f);
            c.add_option("--purpose", f.purpose, "A note on the return");
            AtFlag(c, f.at, "When it came back");
          },
          [](app::App& app, const F& f, const app::Actor& actor, Output& o) {
            return Custody(app, f, core::CustodyAction::kReturned, actor, o);
          }),
      EvidenceCommand(
          "evidence hold", "Place a legal hold: no evidence of the incident is disposed of", true,
          [](CLI::App& c, F& f) {
            EvidenceKeyArg(c, f);
            c.add_option("--reason", f.reason, "Why (e.g. a police investigation)")->required();
          },
          [](app::App& app, const F& f, const app::Actor& actor, Output& o) {
            return PrintEvidenceResult(app.incidents().SetLegalHold(f.key, true, f.reason, actor),
                                       f, "cli.legal_hold_placed", o);
          }),
      EvidenceCommand(
          "evidence release", "Lift the legal hold", true,
          [](CLI::App& c, F& f) {
            EvidenceKeyArg(c, f);
            c.add_option("--reason", f.reason, "Why it ends")->required();
          },
          [](app::App& app, const F& f, const app::Actor& actor, Output& o) {
            return PrintEvidenceResult(app.incidents().SetLegalHold(f.key, false, f.reason, actor),
                                       f, "cli.legal_hold_lifted", o);
          }),
      EvidenceCommand(
          "evidence dispose",
          "Dispose of an evidence file of a closed incident without a legal hold (its record "
          "and hash stay)",
          true,
          [](CLI::App& c, F& f) {
            KeyId(c, f);
            c.add_option("--reason", f.reason, "Why (e.g. the retention period ended)")->required();
          },
          [](app::App& app, const F& f, const app::Actor& actor, Output& o) {
            return PrintEvidenceResult(
                app.incidents().DisposeEvidence(f.key, f.id, f.reason, actor), f,
                "cli.evidence_disposed", o);
          }),
  };
}

}  // namespace sokuo::cli
