// The shipped rules (rules/) against logs kept in tests/golden/detect/rules/<rule file>/: every
// rule of the file fires on fires.log, none on quiet.log, and fires.log gives exactly the
// detections written in `expected` (line, rule, group). SOKUO_UPDATE_GOLDEN=1 rewrites
// `expected` from what the engine gives, for review. Then every SigmaHQ rule beside the
// checkout (../shared/data/sigma) must load.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "detect/decode.h"
#include "detect/engine.h"
#include "rule_dir.h"

namespace sokuo::detect {
namespace {

namespace fs = std::filesystem;

struct Loaded {
  std::shared_ptr<const RuleSet> set;
  std::vector<RuleProblem> problems;
};

Loaded LoadDir(const fs::path& dir) {
  std::vector<Rule> rules;
  Loaded out;
  for (const RuleFileText& f : ReadRuleDir(dir)) {
    RuleFile parsed = ParseRules(f.text, f.path);
    for (Rule& r : parsed.rules) rules.push_back(std::move(r));
    for (RuleProblem& p : parsed.problems) out.problems.push_back(std::move(p));
  }
  out.set = RuleSet::Compile(std::move(rules), {}, out.problems);
  return out;
}

struct Hit {
  std::uint64_t line;
  size_t rule;
  std::string group;
};

std::vector<Hit> Hunt(const std::shared_ptr<const RuleSet>& shared, const fs::path& log) {
  DecodeOptions options;
  options.year = 2026;
  Decoder decoder(options);
  Matcher matcher(shared);
  Event event;
  std::istringstream in(Slurp(log));
  std::string line;
  std::uint64_t n = 0;
  std::vector<Detection> found;
  std::vector<Hit> hits;
  while (std::getline(in, line)) {
    decoder.Decode(line, event);
    found.clear();
    matcher.Match(event, ++n, found);
    for (const Detection& d : found) hits.push_back({d.sequence, d.rule, d.group});
  }
  return hits;
}

std::string Describe(const RuleSet& set, const std::vector<Hit>& hits) {
  std::string out;
  for (const Hit& h : hits) {
    out += std::to_string(h.line) + "\t" + set.rules()[h.rule].title + "\t" + h.group + "\n";
  }
  return out;
}

TEST(DetectGoldenTest, ShippedRulesFireOnTheirLogsAndStayQuietOnOthers) {
  fs::path root = fs::path(SOKUO_SOURCE_DIR);
  Loaded loaded = LoadDir(root / "rules");
  for (const RuleProblem& p : loaded.problems)
    ADD_FAILURE() << p.file << ":" << p.line << " " << p.why;
  const RuleSet& set = *loaded.set;
  fs::path cases = root / "tests/golden/detect/rules";
  std::set<std::string> rule_files;
  for (const Rule& r : set.rules()) rule_files.insert(fs::path(r.file).stem().string());
  for (const std::string& stem : rule_files) {
    SCOPED_TRACE(stem);
    fs::path dir = cases / stem;
    ASSERT_TRUE(fs::exists(dir / "fires.log")) << "every rule file has a log that fires it";
    ASSERT_TRUE(fs::exists(dir / "quiet.log")) << "and one that must not";
    std::vector<Hit> fires = Hunt(loaded.set, dir / "fires.log");
    std::vector<Hit> quiet = Hunt(loaded.set, dir / "quiet.log");
    for (size_t i = 0; i < set.rules().size(); ++i) {
      const Rule& r = set.rules()[i];
      if (fs::path(r.file).stem() != stem || r.level == "informational") continue;
      EXPECT_TRUE(
          std::any_of(fires.begin(), fires.end(), [&](const Hit& h) { return h.rule == i; }))
          << r.title << " does not fire on fires.log";
      EXPECT_FALSE(
          std::any_of(quiet.begin(), quiet.end(), [&](const Hit& h) { return h.rule == i; }))
          << r.title << " fires on quiet.log:\n"
          << Describe(set, quiet);
    }
    std::string got = Describe(set, fires);
    if (std::getenv("SOKUO_UPDATE_GOLDEN") != nullptr) {
      std::ofstream(dir / "expected") << got;
    }
    EXPECT_EQ(got, Slurp(dir / "expected"));
  }
}

TEST(DetectGoldenTest, EverySigmaHqRuleBesideTheCheckoutLoads) {
  fs::path dir = fs::path(SOKUO_SOURCE_DIR) / "../shared/data/sigma/rules";
  if (!fs::exists(dir)) {
    GTEST_SKIP() << "no SigmaHQ rules at " << dir
                 << " (they come with the shared data, not the repo)";
  }
  Loaded loaded = LoadDir(dir);
  for (const RuleProblem& p : loaded.problems)
    ADD_FAILURE() << p.file << ":" << p.line << " " << p.why;
  EXPECT_EQ(loaded.set->rules().size(), 255u);
}

}  // namespace
}  // namespace sokuo::detect
