// Fuzz target for the organization file loader: any bytes must give an organization or a list of
// positioned problems, never a crash, a hang or a leak; and a parsed organization must survive
// Emit → Parse unchanged.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "orgfile/org_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto org = sokuo::orgfile::Parse(text, "fuzz.yaml");
  if (org) {
    auto again = sokuo::orgfile::Parse(sokuo::orgfile::Emit(*org), "emitted.yaml");
    if (!again || !(*again == *org)) std::abort();
  } else if (org.error().details.empty()) {
    std::abort();  // a refusal must say why
  }
  return 0;
}
