#include "rule_dir.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace sokuo::detect {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<RuleFileText> ReadRuleDir(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ".yml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<RuleFileText> out;
  for (const fs::path& f : files) out.push_back({f.string(), Slurp(f)});
  return out;
}

}  // namespace sokuo::detect
