// Golden files for the printers: the example monorepo in every output format.
// Regenerate with DBSILO_UPDATE_GOLDEN=1 after an intended change, then review the diff.
#include <gtest/gtest.h>

#include <cstdlib>

#include "cli_support.h"

namespace dbsilo {
namespace {


void check_golden(const std::string& format, const std::string& golden_name) {
  const auto golden_path = testing::source_dir() / "tests" / "golden" / golden_name;
  // The example is scanned from the source root so paths in the output are stable.
  const auto result = testing::run_dbsilo("scan examples/shop --color never --format " + format,
                                          "cd " + testing::source_dir().string() + " &&");
  ASSERT_EQ(result.exit_code, 1) << result.output;
  if (std::getenv("DBSILO_UPDATE_GOLDEN")) {
    std::ofstream(golden_path, std::ios::binary) << result.output;
    GTEST_SKIP() << "updated " << golden_path;
  }
  const std::string expected = testing::read_text(golden_path);
  ASSERT_FALSE(expected.empty()) << "missing golden file " << golden_path << " (run with DBSILO_UPDATE_GOLDEN=1)";
  EXPECT_EQ(expected, result.output) << testing::first_difference(expected, result.output);
}

TEST(Golden, TextReport) { check_golden("text", "shop.txt"); }
TEST(Golden, JsonReport) { check_golden("json", "shop.json"); }
TEST(Golden, SarifReport) { check_golden("sarif", "shop.sarif"); }
TEST(Golden, GithubReport) { check_golden("github", "shop.github.txt"); }
TEST(Golden, GitlabReport) { check_golden("gitlab", "shop.gitlab.json"); }

TEST(Golden, DifferenceReportNamesTheLine) {
  EXPECT_EQ(testing::first_difference("a\nb\n", "a\nc\n"), "---- first difference at line 2 ----\nexpected: b\ngot:      c\n--------------------------------------");
  EXPECT_EQ(testing::first_difference("a\n", "a\n"), "identical");
}

}  // namespace
}  // namespace dbsilo
