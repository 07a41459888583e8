// A host's virus scan ⇄ JSON (core/virus_scan.h): the journal's row image, the API's body and
// the CLI's --json output.
#pragma once

#include "codec/json_reader.h"
#include "core/virus_scan.h"

namespace sokuo::codec {

Json ToJson(const core::VirusScan& x);
void Read(JsonReader& r, core::VirusScan& x);

}  // namespace sokuo::codec
