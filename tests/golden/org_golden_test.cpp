// Golden cases for the organization file: tests/golden/org/NAME.yaml is parsed and its problems
// compared with NAME.expected, one "NAME.yaml:LINE:COL: message" per line ("ok" for a valid file).
// Adding a case needs no C++.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "orgfile/org_file.h"

namespace sokuo {
namespace {

std::string Read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(OrgGoldenTest, EveryCaseGivesItsExpectedProblems) {
  std::filesystem::path dir = std::filesystem::path(SOKUO_SOURCE_DIR) / "tests/golden/org";
  int cases = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    ++cases;
    std::string name = entry.path().filename().string();
    auto result = orgfile::Parse(Read(entry.path()), name);
    std::string actual;
    if (result) {
      actual = "ok\n";
    } else {
      for (const Detail& d : result.error().details) actual += d.where + ": " + d.message + "\n";
    }
    std::filesystem::path expected_path = entry.path();
    expected_path.replace_extension(".expected");
    if (std::getenv("SOKUO_UPDATE_GOLDEN") != nullptr) {
      std::ofstream(expected_path) << actual;
      continue;
    }
    ASSERT_TRUE(std::filesystem::exists(expected_path)) << expected_path;
    EXPECT_EQ(actual, Read(expected_path)) << name;
  }
  EXPECT_GE(cases, 8);
}

}  // namespace
}  // namespace sokuo
