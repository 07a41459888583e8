// Fuzz target for the log decoders: any bytes, split into lines and decoded in each format with
// one reused Event, must give sound events, never a crash, a hang or a read outside the line.
// Sound: every field has a name; every name and value is a view of the line, of the event's
// own storage, NullValue() or static text (inside the program image); a time lies in years
// 1970..9999; a line that did not decode has no fields.
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <string_view>

#include "detect/decode.h"

// The linker marks the start of the loaded image and the end of its initialised data: string
// literals lie between them (weak, so that a linker without them only disables that check).
extern "C" const char __ehdr_start[] __attribute__((weak));
extern "C" const char edata[] __attribute__((weak));

namespace {

using sokuo::detect::Event;

bool Within(std::string_view inner, const char* begin, const char* end) {
  std::less<const char*> before;
  return !before(inner.data(), begin) && !before(end, inner.data() + inner.size());
}

bool Sound(std::string_view text, std::string_view line, const Event& e) {
  if (text.empty()) return true;  // nothing to read: a default view has no data at all
  if (Within(text, line.data(), line.data() + line.size()) || e.Owns(text) ||
      sokuo::detect::IsNull(text)) {
    return true;
  }
  if (__ehdr_start == nullptr || edata == nullptr) return true;
  return Within(text, __ehdr_start, edata);
}

void Check(std::string_view line, bool ok, const Event& e) {
  if (e.raw().data() != line.data() || e.raw().size() != line.size()) std::abort();
  if (!Sound(e.message(), line, e)) std::abort();
  if (!ok && !e.fields().empty()) std::abort();
  for (const sokuo::detect::Field& f : e.fields()) {
    if (f.name.empty() || !Sound(f.name, line, e) || !Sound(f.value, line, e)) std::abort();
  }
  for (std::string_view s : {e.category, e.product, e.services[0], e.services[1]}) {
    if (!Sound(s, line, e)) std::abort();
  }
  if (e.time) {
    std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(*e.time)};
    int year = static_cast<int>(day.year());
    if (year < 1970 || year > 9999) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  // One zone with DST, so that the hour cache and its DST fallback are reached.
  static const std::optional<sokuo::Calendar> zone = [] {
    auto c = sokuo::Calendar::Create("America/New_York");
    return c ? std::optional<sokuo::Calendar>(*c) : std::nullopt;
  }();
  using sokuo::detect::Format;
  for (Format format : {Format::kAuto, Format::kSyslog, Format::kJson, Format::kAccess}) {
    sokuo::detect::Decoder decoder({.format = format, .year = 2026, .zone = zone});
    Event event;
    std::string_view rest = text;
    while (true) {
      size_t nl = rest.find('\n');
      std::string_view line = rest.substr(0, nl);
      Check(line, decoder.Decode(line, event), event);
      if (nl == std::string_view::npos) break;
      rest.remove_prefix(nl + 1);
    }
  }
  return 0;
}
