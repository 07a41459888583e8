#include "codec/virus_scan_json.h"

namespace sokuo::codec {
namespace {

void ReadVirusScanInfection(JsonReader& r, core::VirusScanInfection& x) {
  if (!r.Object({"path", "signature"})) return;
  r.Text("path", x.path, true);
  r.Text("signature", x.signature, true);
}

}  // namespace

Json ToJson(const core::VirusScan& x) {
  Json infections = Json::array();
  for (const core::VirusScanInfection& i : x.infections) {
    infections.push_back({{"path", i.path}, {"signature", i.signature}});
  }
  Json j = {{"id", x.id},
            {"host", x.host},
            {"started_at", x.started_at},
            {"finished_at", x.finished_at},
            {"scanned_files", x.scanned_files},
            {"infected_files", x.infected_files},
            {"errors", x.errors},
            {"complete", x.complete},
            {"infections", infections},
            {"received_at", x.received_at}};
  Put(j, "engine_version", x.engine_version);
  Put(j, "received_by", x.received_by);
  return j;
}

void Read(JsonReader& r, core::VirusScan& x) {
  if (!r.Object({"id", "host", "started_at", "finished_at", "scanned_files", "infected_files",
                 "errors", "complete", "infections", "engine_version", "received_at",
                 "received_by"})) {
    return;
  }
  r.Text("id", x.id, true);
  r.Text("host", x.host, true);
  r.Text("started_at", x.started_at, true);
  r.Text("finished_at", x.finished_at, true);
  r.Int64("scanned_files", x.scanned_files);
  r.Int64("infected_files", x.infected_files);
  r.Int64("errors", x.errors);
  r.Bool("complete", x.complete);
  r.List<core::VirusScanInfection>("infections", x.infections, ReadVirusScanInfection);
  r.Text("engine_version", x.engine_version);
  r.Text("received_at", x.received_at, true);
  r.Text("received_by", x.received_by);
}

}  // namespace sokuo::codec
