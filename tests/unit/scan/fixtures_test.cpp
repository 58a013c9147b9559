// Scans every fixture monorepo and compares findings with its inline expectations, both ways.
#include <gtest/gtest.h>

#include <sstream>

#include "dbsilo/rule.h"
#include "fixture_expectations.h"
#include "scanner/scan/scan.h"

namespace dbsilo {
namespace {

const std::filesystem::path kFixtures = std::filesystem::path(DBSILO_SOURCE_DIR) / "tests" / "fixtures";

std::string describe(const std::set<testing::ExpectedFinding>& items) {
  std::ostringstream text;
  for (const auto& [path, line, rule] : items) text << "    " << path << ":" << line << ": " << rule << "\n";
  return text.str();
}

class FixtureCase : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(FixtureCase, FindingsMatchInlineExpectations) {
  const std::filesystem::path root = GetParam();
  ScanOptions options;
  options.root = root;
  options.profiles = testing::read_profiles(root);
  const ScanResult result = run_scan(options);
  const auto expectations = testing::read_expectations(root);
  auto actual = testing::actual_findings(result.findings);
  // Input warnings are expected like findings, under the pseudo rule id `input-warning`.
  for (const auto& warning : result.warnings) actual.insert({warning.location.path, warning.location.line, "input-warning"});

  std::set<testing::ExpectedFinding> missing;
  std::set<testing::ExpectedFinding> unexpected;
  std::set_difference(expectations.expected.begin(), expectations.expected.end(), actual.begin(), actual.end(),
                      std::inserter(missing, missing.end()));
  std::set_difference(actual.begin(), actual.end(), expectations.expected.begin(), expectations.expected.end(),
                      std::inserter(unexpected, unexpected.end()));
  std::set<testing::ExpectedFinding> forbidden_hits;
  std::set_intersection(actual.begin(), actual.end(), expectations.forbidden.begin(), expectations.forbidden.end(),
                        std::inserter(forbidden_hits, forbidden_hits.end()));
  std::ostringstream messages;
  for (const auto& finding : result.findings) {
    messages << "    " << finding.location.path << ":" << finding.location.line << ": [" << finding.rule << "] " << finding.message << "\n";
  }
  for (const auto& warning : result.warnings) {
    messages << "    " << warning.location.path << ":" << warning.location.line << ": [input-warning] " << warning.message << "\n";
  }
  EXPECT_TRUE(missing.empty()) << "expected but not reported:\n" << describe(missing) << "  reported:\n" << messages.str();
  EXPECT_TRUE(unexpected.empty()) << "reported but not expected:\n" << describe(unexpected) << "  reported:\n" << messages.str();
  EXPECT_TRUE(forbidden_hits.empty()) << "reported on an `ok:` line:\n" << describe(forbidden_hits);
}

// The Java pre-filter skips files that cannot hold a fact; with it off every file is parsed.
// Both must give the same findings and the same warnings, except syntax errors in skipped files.
TEST_P(FixtureCase, JavaPrefilterLosesNothing) {
  ScanOptions options;
  options.root = GetParam();
  options.profiles = testing::read_profiles(options.root);
  const ScanResult filtered = run_scan(options);
  options.java_prefilter = false;
  const ScanResult parsed = run_scan(options);
  const auto describe_findings = [](const ScanResult& result) {
    std::ostringstream text;
    for (const auto& finding : result.findings) {
      text << finding.location.path << ":" << finding.location.line << ":" << finding.location.column << " [" << finding.rule << "] "
           << finding.message << " fp=" << finding.fingerprint << "\n";
      for (const auto& related : finding.related) text << "  related " << related.location.path << ":" << related.location.line << "\n";
    }
    for (const auto& warning : result.warnings) {
      if (warning.message.find("Java syntax error") != std::string::npos) continue;
      text << "warning " << warning.location.path << ":" << warning.location.line << " " << warning.message << "\n";
    }
    return text.str();
  };
  EXPECT_EQ(describe_findings(filtered), describe_findings(parsed));
  EXPECT_EQ(filtered.model.units.size(), parsed.model.units.size());
}

std::string case_name(const ::testing::TestParamInfo<std::filesystem::path>& info) {
  std::string name = std::filesystem::relative(info.param, kFixtures).generic_string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, FixtureCase, ::testing::ValuesIn(testing::fixture_cases(kFixtures)), case_name);

// The harness itself must be able to fail: a case with a wrong expectation is caught.
TEST(FixtureHarness, ReadsExpectationsOnTheLineBeforeTheCode) {
  const auto root = std::filesystem::temp_directory_path() / "dbsilo-harness-check";
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root);
  {
    std::ofstream out(root / "a.yml");
    out << "# expect: shared-database, shared-connection-pool\n# ok: shared-database-instance\nkey: value\n";
  }
  const auto expectations = testing::read_expectations(root);
  EXPECT_EQ(expectations.expected, (std::set<testing::ExpectedFinding>{{"a.yml", 3, "shared-connection-pool"}, {"a.yml", 3, "shared-database"}}));
  EXPECT_EQ(expectations.forbidden, (std::set<testing::ExpectedFinding>{{"a.yml", 3, "shared-database-instance"}}));
  std::filesystem::remove_all(root);
}

// At least 40 expectations across the fixtures, and every rule has its doc and fixture folder.
TEST(FixtureHarness, EveryRuleHasDocAndFixturesAndTheSuiteHasEnoughExpectations) {
  std::size_t expectation_count = 0;
  for (const auto& root : testing::fixture_cases(kFixtures)) {
    const auto expectations = testing::read_expectations(root);
    expectation_count += expectations.expected.size() + expectations.forbidden.size();
  }
  EXPECT_GE(expectation_count, 40u);
  for (const auto& rule : all_rules()) {
    const std::string id(rule->info().id);
    EXPECT_FALSE(rule_doc(id).empty()) << id << " has no rules/" << id << ".md";
    EXPECT_TRUE(std::filesystem::is_directory(kFixtures / "rules" / id)) << id << " has no tests/fixtures/rules/" << id << "/";
  }
}

}  // namespace
}  // namespace dbsilo
