// Fuzz target for the Sigma rule reader and compiler: any bytes must give rules or positioned
// problems with a reason, never a crash, a hang or a leak; whatever compiles must then match a
// few decoded lines without trouble.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "detect/decode.h"
#include "detect/engine.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sokuo::detect;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  RuleFile file = ParseRules(text, "fuzz.yml");
  for (const RuleProblem& p : file.problems) {
    if (p.why.code.empty() || p.line < 0 || p.file != "fuzz.yml") std::abort();
  }
  std::vector<RuleProblem> problems;
  EngineOptions options;
  options.placeholders["Admins"] = {"root", "admin"};
  auto set = RuleSet::Compile(std::move(file.rules), options, problems);
  for (const RuleProblem& p : problems) {
    if (p.why.code.empty()) std::abort();
  }
  Matcher matcher(set);
  Decoder decoder({});
  Event event;
  std::vector<Detection> out;
  constexpr std::string_view kLines[] = {
      "Nov 27 03:00:10 web01 sshd[4100]: Failed password for invalid user admin from "
      "203.0.113.7 port 51000 ssh2",
      "Nov 27 03:00:11 web01 sshd[4101]: Accepted password for root from 203.0.113.7 port 51001 "
      "ssh2",
      "Nov 27 03:00:12 web01 sudo:    alice : TTY=pts/0 ; PWD=/tmp ; USER=root ; COMMAND=/bin/sh",
  };
  std::uint64_t n = 0;
  for (std::string_view line : kLines) {
    decoder.Decode(line, event);
    matcher.Match(event, ++n, out);
  }
  for (const Detection& d : out) {
    if (d.rule >= set->rules().size()) std::abort();
  }
  return 0;
}
