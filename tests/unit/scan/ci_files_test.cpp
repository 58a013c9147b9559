// The GitHub Action, the example workflow and the pre-commit hook are well-formed and agree with the CLI.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "cli_support.h"

namespace dbsilo {
namespace {

YAML::Node load(const char* relative) { return YAML::LoadFile((testing::source_dir() / relative).string()); }

TEST(CiFiles, ActionIsACompositeActionWithShellsAndKnownInputs) {
  const YAML::Node action = load("action.yml");
  EXPECT_EQ(action["runs"]["using"].as<std::string>(), "composite");
  for (const char* input : {"path", "args", "fail-on", "changed-only", "baseline", "upload-sarif"}) {
    EXPECT_TRUE(action["inputs"][input]) << input;
  }
  bool uploads = false;
  for (const auto& step : action["runs"]["steps"]) {
    if (step["run"]) {
      EXPECT_TRUE(step["shell"]) << "composite run steps need a shell: " << step["name"].as<std::string>();
    }
    if (step["uses"] && step["uses"].as<std::string>().starts_with("github/codeql-action/upload-sarif")) uploads = true;
    // Inputs reach scripts through env, never pasted into the script (no injection).
    if (step["run"]) {
      EXPECT_EQ(step["run"].as<std::string>().find("${{ inputs."), std::string::npos);
    }
  }
  EXPECT_TRUE(uploads);
}

TEST(CiFiles, ActionUsesOnlyOptionsTheCliHas) {
  const auto help = testing::run_dbsilo("scan --help");
  for (const char* option : {"--changed-since", "--baseline", "--fail-on", "--format", "--output"}) {
    EXPECT_NE(help.output.find(option), std::string::npos) << option;
  }
}

TEST(CiFiles, ExampleWorkflowAndPreCommitHookParse) {
  const YAML::Node workflow = load("docs/ci/github-workflow.yml");
  EXPECT_TRUE(workflow["jobs"]["dbsilo"]);
  EXPECT_EQ(workflow["permissions"]["security-events"].as<std::string>(), "write");
  const YAML::Node hooks = load(".pre-commit-hooks.yaml");
  ASSERT_TRUE(hooks.IsSequence());
  EXPECT_EQ(hooks[0]["id"].as<std::string>(), "dbsilo");
  EXPECT_FALSE(hooks[0]["pass_filenames"].as<bool>());
}

}  // namespace
}  // namespace dbsilo
