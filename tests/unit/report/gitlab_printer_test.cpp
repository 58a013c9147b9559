// GitLab printer: Code Quality issues, severity mapping, unique fingerprints and locations without a line.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <sstream>

#include "scanner/report/printer.h"

namespace dbsilo {
namespace {

using nlohmann::json;

Finding finding(Severity severity, const SourceLocation& location, const std::string& fingerprint) {
  Finding finding;
  finding.rule = "shared-database";
  finding.severity = severity;
  finding.message = "users and orders share db";
  finding.services = {"users", "orders"};
  finding.location = location;
  finding.fingerprint = fingerprint;
  return finding;
}

std::string print(const std::vector<Finding>& findings, const std::vector<Warning>& warnings = {}) {
  std::ostringstream out;
  auto printer = make_printer("gitlab", out, PrinterOptions{});
  EXPECT_NE(printer, nullptr);
  if (!printer) return {};
  printer->begin(ReportContext{});
  for (const auto& item : findings) printer->finding(item);
  printer->finish(ReportSummary{warnings, 0, findings.size()});
  return out.str();
}

TEST(GitlabPrinter, NoFindingsIsAnEmptyArray) { EXPECT_EQ(print({}), "[]\n"); }

TEST(GitlabPrinter, IssueHasTheRequiredFields) {
  Finding item = finding(Severity::error, {"docker-compose.yml", 12, 7}, "8885a1fce2b8c482");
  item.related = {{{"libs/common.yml", 4, 5}, "orders uses the same database here"}};
  item.fix = "Split the data.";
  item.profile = "prod";
  const json issues = json::parse(print({item}));
  ASSERT_EQ(issues.size(), 1U);
  const json& issue = issues[0];
  EXPECT_EQ(issue["type"], "issue");
  EXPECT_EQ(issue["check_name"], "shared-database");
  EXPECT_EQ(issue["description"], "users and orders share db [profile prod]");
  EXPECT_EQ(issue["categories"], json({"Bug Risk"}));
  EXPECT_EQ(issue["severity"], "major");
  EXPECT_EQ(issue["fingerprint"], "8885a1fce2b8c482");
  EXPECT_EQ(issue["location"], json({{"path", "docker-compose.yml"}, {"lines", {{"begin", 12}}}}));
  EXPECT_EQ(issue["content"]["body"],
            "Services: users, orders\n\nRelated:\n- `libs/common.yml:4:5`: orders uses the same database here\n\nFix: Split the data.");
  EXPECT_EQ(issue["other_locations"][0], json({{"path", "libs/common.yml"}, {"lines", {{"begin", 4}}}}));
}

TEST(GitlabPrinter, SeverityMapping) {
  const json issues = json::parse(print({finding(Severity::error, {"a", 1, 1}, "1"), finding(Severity::warning, {"a", 2, 1}, "2"),
                                         finding(Severity::note, {"a", 3, 1}, "3")}));
  EXPECT_EQ(issues[0]["severity"], "major");
  EXPECT_EQ(issues[1]["severity"], "minor");
  EXPECT_EQ(issues[2]["severity"], "info");
}

TEST(GitlabPrinter, FindingWithoutALinePointsAtLineOne) {
  const json issues = json::parse(print({finding(Severity::error, {"whole.yml", 0, 0}, "x")}));
  EXPECT_EQ(issues[0]["location"]["lines"]["begin"], 1);
}

TEST(GitlabPrinter, FingerprintsAreUniqueAndDeterministic) {
  std::vector<Finding> findings = {finding(Severity::error, {"a", 1, 1}, "same"), finding(Severity::error, {"b", 1, 1}, "same"),
                                   finding(Severity::error, {"c", 1, 1}, "same-2"), finding(Severity::error, {"d", 1, 1}, "")};
  const std::string text = print(findings, {{{"w.yml", 2, 0}, "bad input"}, {{"w.yml", 2, 0}, "bad input"}});
  EXPECT_EQ(text, print(findings, {{{"w.yml", 2, 0}, "bad input"}, {{"w.yml", 2, 0}, "bad input"}}));
  const json issues = json::parse(text);
  ASSERT_EQ(issues.size(), 6U);
  std::set<std::string> fingerprints;
  for (const auto& issue : issues) {
    EXPECT_FALSE(issue["fingerprint"].get<std::string>().empty());
    fingerprints.insert(issue["fingerprint"]);
  }
  EXPECT_EQ(fingerprints.size(), issues.size());
  EXPECT_EQ(issues[0]["fingerprint"], "same");
  EXPECT_EQ(issues[1]["fingerprint"], "same-2");
  EXPECT_EQ(issues[2]["fingerprint"], "same-2-2");  // its own "same-2" was taken by the repeat before it
}

TEST(GitlabPrinter, InputWarningsAreInfoIssues) {
  const json issues = json::parse(print({}, {{{"broken.yml", 3, 0}, "cannot parse YAML"}}));
  ASSERT_EQ(issues.size(), 1U);
  EXPECT_EQ(issues[0]["check_name"], "input-warning");
  EXPECT_EQ(issues[0]["severity"], "info");
  EXPECT_EQ(issues[0]["description"], "input warning: cannot parse YAML");
  EXPECT_EQ(issues[0]["location"], json({{"path", "broken.yml"}, {"lines", {{"begin", 3}}}}));
}

TEST(GitlabPrinter, EscapesJsonSpecialCharacters) {
  Finding item = finding(Severity::error, {"dir,1/a:b%c\".yml", 3, 2}, "x");
  item.message = "100% \"quoted\"\r\nnext";
  const std::string text = print({item});
  const json issues = json::parse(text);
  EXPECT_EQ(issues[0]["description"], "100% \"quoted\"\r\nnext");
  EXPECT_EQ(issues[0]["location"]["path"], "dir,1/a:b%c\".yml");
}

}  // namespace
}  // namespace dbsilo
