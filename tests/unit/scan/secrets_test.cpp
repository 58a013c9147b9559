// Passwords from any configuration never reach any output format, warnings included.
#include <gtest/gtest.h>

#include "cli_support.h"

namespace dbsilo {
namespace {

// Every password in tests/inputs/secrets starts with this marker.
constexpr std::string_view kSecretMarker = "Pw0-";

std::string input() { return (testing::source_dir() / "tests" / "inputs" / "secrets").string(); }

TEST(Secrets, InputReallyContainsSecrets) {
  // Guards the test itself: if the input lost its secrets, the checks below would prove nothing.
  const std::string compose = testing::read_text(testing::source_dir() / "tests" / "inputs" / "secrets" / "docker-compose.yml");
  EXPECT_NE(compose.find(kSecretMarker), std::string::npos);
  // Every kind of file a secret can sit in: config, compose, k8s, proxies, Java literals and SQL,
  // migrations, Liquibase, Maven, ADO.NET JSON, placeholder defaults and cycles, broken and Latin-1 files.
  std::size_t files_with_secrets = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(input())) {
    if (entry.is_regular_file() && entry.path().filename() != "README.md" &&
        testing::read_text(entry.path()).find(kSecretMarker) != std::string::npos) {
      ++files_with_secrets;
    }
  }
  EXPECT_GE(files_with_secrets, 20u);
}

TEST(Secrets, NeitherReportFileNorConsoleHoldsAPassword) {
  // With -o the report goes to a file and only the summary and warnings to the console: check both.
  const auto report = std::filesystem::temp_directory_path() / "dbsilo-secrets-report.out";
  for (const std::string format : {"text", "json", "sarif", "github", "gitlab", "html"}) {
    const auto console = testing::run_dbsilo("scan " + input() + " --format " + format + " -o " + report.string());
    ASSERT_NE(console.exit_code, 2) << console.output;
    const std::string text = testing::read_text(report);
    EXPECT_GT(text.size(), 200u) << format;
    EXPECT_EQ(text.find(kSecretMarker), std::string::npos) << format << " report file leaked a secret";
    EXPECT_EQ(console.output.find(kSecretMarker), std::string::npos) << format << " console leaked a secret";
  }
  std::filesystem::remove(report);
}

TEST(Secrets, NoFormatPrintsAPassword) {
  for (const std::string format : {"text", "json", "sarif", "github", "gitlab", "html"}) {
    for (const std::string extra : {"", " --include-tests --profile prod", " --color always"}) {
      const auto result = testing::run_dbsilo("scan " + input() + " --format " + format + extra);
      ASSERT_NE(result.exit_code, 2) << result.output;
      EXPECT_GT(result.output.size(), 200u) << "the report should not be empty";
      EXPECT_EQ(result.output.find(kSecretMarker), std::string::npos)
          << format << extra << " leaked a secret:\n" << result.output.substr(result.output.find(kSecretMarker) > 200 ? result.output.find(kSecretMarker) - 200 : 0, 400);
    }
  }
}

TEST(Secrets, NoGraphFormatPrintsAPassword) {
  for (const std::string format : {"dot", "mermaid", "html"}) {
    const auto result = testing::run_dbsilo("graph " + input() + " --format " + format);
    ASSERT_NE(result.exit_code, 2) << result.output;
    EXPECT_GT(result.output.size(), 100u);
    EXPECT_EQ(result.output.find(kSecretMarker), std::string::npos) << format << " leaked a secret";
  }
}

TEST(Secrets, BaselineFileHoldsNoPassword) {
  const auto baseline = std::filesystem::temp_directory_path() / "dbsilo-secrets-baseline.json";
  testing::run_dbsilo("scan " + input() + " --write-baseline " + baseline.string());
  const std::string text = testing::read_text(baseline);
  EXPECT_NE(text.find("fingerprint"), std::string::npos);
  EXPECT_EQ(text.find(kSecretMarker), std::string::npos);
  std::filesystem::remove(baseline);
}

TEST(Secrets, ReportStillUsesTheDatasourcesBehindThePasswords) {
  // Redaction must not cost findings: the datasources with embedded passwords are still resolved.
  const auto result = testing::run_dbsilo("scan " + input() + " --format json");
  EXPECT_NE(result.output.find("\"shared-database\""), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("\"warnings\""), std::string::npos);
  EXPECT_NE(result.output.find("broken/"), std::string::npos) << "broken inputs should produce located warnings";
}

}  // namespace
}  // namespace dbsilo
