// The command line as a user meets it: exit codes, explain, colour, output files, determinism.
#include <gtest/gtest.h>

#include "cli_support.h"

namespace dbsilo {
namespace {

using testing::run_dbsilo;

std::string example() { return (testing::source_dir() / "examples" / "shop").string(); }

TEST(Cli, FindingsExitOneAndCleanTreeExitsZero) {
  EXPECT_EQ(run_dbsilo("scan " + example()).exit_code, 1);
  const auto clean = std::filesystem::temp_directory_path() / "dbsilo-cli-clean";
  std::filesystem::create_directories(clean);
  const auto result = run_dbsilo("scan " + clean.string());
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("0 findings"), std::string::npos) << result.output;
  std::filesystem::remove_all(clean);
}

TEST(Cli, FailOnControlsTheExitCode) {
  EXPECT_EQ(run_dbsilo("scan " + example() + " --fail-on never").exit_code, 0);
  EXPECT_EQ(run_dbsilo("scan " + example() + " --fail-on error").exit_code, 1);  // shared-database is an error
  EXPECT_EQ(run_dbsilo("scan " + example() + " --fail-on error --disable shared-database --disable foreign-table-access").exit_code, 0);
}

TEST(Cli, UsageAndInputErrorsExitTwo) {
  EXPECT_EQ(run_dbsilo("scan /nonexistent/dbsilo/path").exit_code, 2);
  EXPECT_EQ(run_dbsilo("scan " + example() + " --format yaml").exit_code, 2);
  EXPECT_EQ(run_dbsilo("scan " + example() + " --enable no-such-rule").exit_code, 2);
  EXPECT_EQ(run_dbsilo("frobnicate").exit_code, 2);
  EXPECT_EQ(run_dbsilo("").exit_code, 2);
}

TEST(Cli, ExplainPrintsTheRuleDocAndListsRules) {
  const auto doc = run_dbsilo("explain shared-database-instance");
  EXPECT_EQ(doc.exit_code, 0);
  EXPECT_EQ(doc.output.rfind("# shared-database-instance", 0), 0u) << doc.output;
  const auto list = run_dbsilo("explain");
  EXPECT_EQ(list.exit_code, 0);
  for (const char* id : {"shared-connection-pool", "shared-database", "shared-database-instance", "shared-datasource-config"}) {
    EXPECT_NE(list.output.find(id), std::string::npos) << id;
  }
  EXPECT_EQ(run_dbsilo("explain no-such-rule").exit_code, 2);
}

TEST(Cli, EnableRunsOnlyTheNamedRules) {
  const auto result = run_dbsilo("scan " + example() + " --enable shared-datasource-config");
  EXPECT_NE(result.output.find("[shared-datasource-config]"), std::string::npos);
  EXPECT_EQ(result.output.find("[shared-database]"), std::string::npos);
}

TEST(Cli, ColourOnlyWhenAskedAndNeverWithNoColor) {
  EXPECT_EQ(run_dbsilo("scan " + example()).output.find("\x1b["), std::string::npos);  // a pipe is not a TTY
  EXPECT_NE(run_dbsilo("scan " + example() + " --color always").output.find("\x1b["), std::string::npos);
  EXPECT_EQ(run_dbsilo("scan " + example() + " --color never").output.find("\x1b["), std::string::npos);
}

TEST(Cli, OutputFileGetsTheReport) {
  const auto path = std::filesystem::temp_directory_path() / "dbsilo-cli-output.json";
  std::filesystem::remove(path);
  const auto result = run_dbsilo("scan " + example() + " --format json --output " + path.string());
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(result.output.empty()) << result.output;
  EXPECT_NE(testing::read_text(path).find("\"version\": 1"), std::string::npos);
  std::filesystem::remove(path);
}

TEST(Cli, SameInputGivesByteIdenticalOutput) {
  for (const char* format : {"text", "json"}) {
    const auto first = run_dbsilo("scan " + example() + " --format " + format);
    const auto second = run_dbsilo("scan " + example() + " --format " + format);
    EXPECT_EQ(first.output, second.output) << format;
    EXPECT_FALSE(first.output.empty());
  }
}

}  // namespace
}  // namespace dbsilo

namespace dbsilo {
namespace {

TEST(Cli, UnknownProfileIsAWarningNotSilence) {
  const auto result = testing::run_dbsilo("scan " + (testing::source_dir() / "examples" / "shop").string() + " --profile no-such-profile");
  EXPECT_NE(result.output.find("--profile no-such-profile matches no"), std::string::npos) << result.output;
  const auto known = testing::run_dbsilo("scan " + (testing::source_dir() / "examples" / "shop-k8s").string() + " --profile prod");
  EXPECT_EQ(known.output.find("matches no"), std::string::npos) << known.output;
}

}  // namespace
}  // namespace dbsilo
