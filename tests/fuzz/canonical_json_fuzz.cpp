// Fuzz target for the canonical JSON reader that journal verification trusts instead of parsing
// (store/canonical_json.h): any bytes must be read without a crash, a hang or a read outside the
// input. Sound: text it accepts is exactly what CanonicalJson writes for that text's JSON, so a
// hash of the text is the hash of the JSON; a row of that JSON is written back the same by the
// canonical string writer.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "store/canonical_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sokuo::store;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (IsCanonicalJson(text)) {
    if (parsed.is_discarded() || CanonicalJson(parsed) != text) std::abort();
  }
  // Any bytes as a string value: written as dump writes it, and read back as canonical.
  std::string out;
  AppendCanonicalString(out, text);
  if (out != CanonicalJson(nlohmann::json(std::string(text)))) std::abort();
  if (!IsCanonicalJson(out)) std::abort();
  return 0;
}
