#include "app/log_stream.h"

#include <algorithm>

namespace sokuo::app {

LoadedRules LoadRules(std::span<const RuleSource> sources, const detect::EngineOptions& options) {
  LoadedRules out;
  std::vector<detect::Rule> rules;
  for (const RuleSource& source : sources) {
    detect::RuleFile file = detect::ParseRules(source.text, source.path);
    for (detect::Rule& r : file.rules) rules.push_back(std::move(r));
    for (detect::RuleProblem& p : file.problems) out.problems.push_back(std::move(p));
    ++out.files;
  }
  out.set = detect::RuleSet::Compile(std::move(rules), options, out.problems);
  std::sort(out.problems.begin(), out.problems.end(),
            [](const detect::RuleProblem& a, const detect::RuleProblem& b) {
              return std::tie(a.file, a.line) < std::tie(b.file, b.line);
            });
  return out;
}

LogStream::LogStream(std::shared_ptr<const detect::RuleSet> rules)
    : rules_(std::move(rules)), matcher_(rules_) {}

void LogStream::Begin(detect::DecodeOptions options, std::optional<Timestamp> latest) {
  decoder_.emplace(std::move(options));
  latest_ = latest;
}

void LogStream::Feed(std::string_view line, std::vector<detect::Detection>& out) {
  if (!decoder_) decoder_.emplace(detect::DecodeOptions{});
  ++lines_;
  if (!decoder_->Decode(line, event_)) ++undecoded_;
  if (latest_ && event_.time && *event_.time > *latest_) event_.time = *latest_;
  matcher_.Match(event_, lines_, out);
}

}  // namespace sokuo::app
