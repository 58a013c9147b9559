// Pull-request workflow end to end: baselines, stable fingerprints, --changed-since on a git repo.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_support.h"

namespace dbsilo {
namespace {

namespace fs = std::filesystem;

// A scratch copy of the example monorepo, removed afterwards.
class ScratchRepo : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("dbsilo-pr-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(root_);
    fs::copy(testing::source_dir() / "examples" / "shop", root_, fs::copy_options::recursive);
  }
  void TearDown() override { fs::remove_all(root_); }

  nlohmann::json scan_json(const std::string& extra = "") {
    const auto result = testing::run_dbsilo("scan " + root_.string() + " --format json " + extra);
    EXPECT_NE(result.exit_code, 2) << result.output;
    return nlohmann::json::parse(result.output);
  }

  void shell(const std::string& command) { ASSERT_EQ(std::system(("cd " + root_.string() + " && " + command + " >/dev/null 2>&1").c_str()), 0) << command; }

  fs::path root_;
};

std::set<std::string> fingerprints(const nlohmann::json& report) {
  std::set<std::string> result;
  for (const auto& finding : report["findings"]) result.insert(finding["fingerprint"].get<std::string>());
  return result;
}

TEST_F(ScratchRepo, BaselineRoundTripLeavesOnlyNewFindings) {
  const std::string baseline = (root_ / "baseline.json").string();
  const std::size_t finding_count = scan_json()["findings"].size();
  ASSERT_GT(finding_count, 0u);
  const auto first = testing::run_dbsilo("scan " + root_.string() + " --write-baseline " + baseline);
  EXPECT_EQ(first.exit_code, 1);
  const auto clean = testing::run_dbsilo("scan " + root_.string() + " --baseline " + baseline);
  EXPECT_EQ(clean.exit_code, 0) << clean.output;
  EXPECT_NE(clean.output.find("0 findings"), std::string::npos);
  EXPECT_NE(clean.output.find(std::to_string(finding_count) + " in baseline"), std::string::npos) << clean.output;

  // A new violation: catalog moves onto the shared server.
  std::ofstream(root_ / "services" / "catalog" / "src" / "main" / "resources" / "application.yml")
      << "spring:\n  datasource:\n    url: jdbc:postgresql://shop-db:5432/catalog\n";
  const auto after = testing::run_dbsilo("scan " + root_.string() + " --format json --baseline " + baseline);
  EXPECT_EQ(after.exit_code, 1);
  const auto report = nlohmann::json::parse(after.output);
  ASSERT_FALSE(report["findings"].empty());
  for (const auto& finding : report["findings"]) {
    const auto services = finding["services"].dump();
    EXPECT_NE(services.find("catalog"), std::string::npos) << "only catalog's new finding should be left: " << finding.dump();
  }
}

TEST_F(ScratchRepo, BadBaselineIsAnError) {
  std::ofstream(root_ / "bad.json") << "[1, 2";
  EXPECT_EQ(testing::run_dbsilo("scan " + root_.string() + " --baseline " + (root_ / "bad.json").string()).exit_code, 2);
  EXPECT_EQ(testing::run_dbsilo("scan " + root_.string() + " --baseline " + (root_ / "missing.json").string()).exit_code, 2);
}

TEST_F(ScratchRepo, FingerprintsSurviveLinesInsertedAbove) {
  const auto before = scan_json();
  for (const char* file : {"services/orders/src/main/resources/application.yml", "services/billing/src/main/resources/application.properties",
                           "docker-compose.yml", "libs/common-data/src/main/resources/common-data.yml"}) {
    const fs::path path = root_ / file;
    const std::string text = testing::read_text(path);
    std::ofstream(path, std::ios::binary) << "# a comment\n# and another one\n\n" << text;
  }
  const auto after = scan_json();
  EXPECT_EQ(fingerprints(before), fingerprints(after));
  ASSERT_EQ(before["findings"].size(), after["findings"].size());
  // The lines did move: the fingerprints are stable, not the positions.
  EXPECT_NE(before["findings"][0]["location"]["line"], after["findings"][0]["location"]["line"]);
}

TEST_F(ScratchRepo, ChangedSinceReportsOnlyFindingsTouchingChangedFiles) {
  shell("git init -q -b main . && git -c user.email=t@t -c user.name=t add -A && git -c user.email=t@t -c user.name=t commit -qm base");
  shell("git checkout -q -b feature");
  EXPECT_EQ(scan_json("--changed-since main")["findings"].size(), 0u);  // nothing changed yet

  const fs::path billing = root_ / "services" / "billing" / "src" / "main" / "resources" / "application.properties";
  std::ofstream(billing, std::ios::app) << "server.port=8081\n";
  const auto report = scan_json("--changed-since main");
  ASSERT_FALSE(report["findings"].empty());
  for (const auto& finding : report["findings"]) {
    bool touches_billing = finding["location"]["path"] == "services/billing/src/main/resources/application.properties";
    for (const auto& related : finding["related"]) touches_billing = touches_billing || related["path"] == "services/billing/src/main/resources/application.properties";
    EXPECT_TRUE(touches_billing) << finding.dump();
  }
  EXPECT_LT(report["findings"].size(), scan_json()["findings"].size());

  // A committed change on the branch counts too, and so does an untracked file.
  shell("git -c user.email=t@t -c user.name=t commit -qam change");
  EXPECT_FALSE(scan_json("--changed-since main")["findings"].empty());
  EXPECT_EQ(testing::run_dbsilo("scan " + root_.string() + " --changed-since no-such-ref").exit_code, 2);
  EXPECT_EQ(testing::run_dbsilo("scan " + root_.string() + " --changed-since=--output=/tmp/x").exit_code, 2);
}

TEST_F(ScratchRepo, SuppressionsAreCountedInTheSummary) {
  const fs::path billing = root_ / "services" / "billing" / "src" / "main" / "resources" / "application.properties";
  std::string text = testing::read_text(billing);
  text.insert(text.find("spring.datasource.url"), "# dbsilo-ignore shared-database-instance: billing moves out in Q3\n");
  std::ofstream(billing, std::ios::binary) << text;
  const auto result = testing::run_dbsilo("scan " + root_.string());
  EXPECT_NE(result.output.find("; 1 suppressed;"), std::string::npos) << result.output;
  EXPECT_EQ(result.output.find("billing (database billing) runs on"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace dbsilo
