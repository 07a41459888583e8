// Reading Sigma rule files for the detection tests (golden/detect_golden_test.cpp and
// differential_test.cpp): a file's bytes, and every rule file of a directory tree in a fixed
// order, so that rule indexes and problems come out the same on every machine.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace sokuo::detect {

// The bytes of a file ("" when it cannot be read).
std::string Slurp(const std::filesystem::path& path);

// One rule file: its path, as the rules parsed from it name their file, and its text.
struct RuleFileText {
  std::string path;
  std::string text;
};

// Every `.yml` file under `dir`, recursively, sorted by path.
std::vector<RuleFileText> ReadRuleDir(const std::filesystem::path& dir);

}  // namespace sokuo::detect
