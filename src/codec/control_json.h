// A routine control's occurrence ⇄ JSON (core/control.h): the journal's row image, the API's
// body and the CLI's --json output.
#pragma once

#include "codec/json_reader.h"
#include "core/control.h"

namespace sokuo::codec {

Json ToJson(const core::ControlOccurrence& x);
void Read(JsonReader& r, core::ControlOccurrence& x);

}  // namespace sokuo::codec
