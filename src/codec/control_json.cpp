#include "codec/control_json.h"

namespace sokuo::codec {

Json ToJson(const core::ControlOccurrence& x) {
  Json j = {{"id", x.id},
            {"control", x.control},
            {"starts_at", x.starts_at},
            {"due_at", x.due_at},
            {"done", x.done}};
  if (x.done) j["result"] = Name(core::kControlResults, x.result);
  Put(j, "note", x.note);
  Put(j, "evidence", x.evidence);
  Put(j, "done_at", x.done_at);
  Put(j, "done_by", x.done_by);
  Put(j, "recorded_at", x.recorded_at);
  Put(j, "escalated_at", x.escalated_at);
  Put(j, "incident", x.incident);
  return j;
}

void Read(JsonReader& r, core::ControlOccurrence& x) {
  if (!r.Object({"id", "control", "starts_at", "due_at", "done", "result", "note", "evidence",
                 "done_at", "done_by", "recorded_at", "escalated_at", "incident"})) {
    return;
  }
  r.Text("id", x.id, true);
  r.Text("control", x.control, true);
  r.Text("starts_at", x.starts_at, true);
  r.Text("due_at", x.due_at, true);
  r.Bool("done", x.done);
  r.Enum("result", core::kControlResults, x.result);
  r.Text("note", x.note);
  r.Text("evidence", x.evidence);
  r.Text("done_at", x.done_at);
  r.Text("done_by", x.done_by);
  r.Text("recorded_at", x.recorded_at);
  r.Text("escalated_at", x.escalated_at);
  r.Text("incident", x.incident);
}

}  // namespace sokuo::codec
