// GitHub printer: workflow-command lines, their escaping, locations without a line, and the summary.
#include <gtest/gtest.h>

#include <sstream>

#include "scanner/report/printer.h"

namespace dbsilo {
namespace {

Finding finding(Severity severity, const SourceLocation& location) {
  Finding finding;
  finding.rule = "shared-database";
  finding.severity = severity;
  finding.message = "users and orders share db";
  finding.services = {"users", "orders"};
  finding.location = location;
  finding.fingerprint = "f";
  return finding;
}

std::string print(const std::vector<Finding>& findings, const std::vector<Warning>& warnings = {}, std::size_t suppressed = 0) {
  std::ostringstream out;
  auto printer = make_printer("github", out, PrinterOptions{});
  EXPECT_NE(printer, nullptr);
  if (!printer) return {};
  printer->begin(ReportContext{});
  for (const auto& item : findings) printer->finding(item);
  printer->finish(ReportSummary{warnings, suppressed, findings.size()});
  return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(GithubPrinter, OneCommandPerFindingWithRelatedAndFixOnEscapedLines) {
  Finding item = finding(Severity::error, {"docker-compose.yml", 12, 7});
  item.related = {{{"libs/common.yml", 4, 5}, "orders uses the same database here"}};
  item.fix = "Split the data.";
  const auto lines = lines_of(print({item}));
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[0],
            "::error file=docker-compose.yml,line=12,col=7,endLine=12,title=dbsilo shared-database::users and orders share db"
            "%0Arelated: libs/common.yml:4:5: orders uses the same database here%0Afix: Split the data.");
  EXPECT_EQ(lines[1], "dbsilo: 1 finding (1 error, 0 warnings, 0 notes); 0 suppressed; 0 input warnings");
}

TEST(GithubPrinter, SeverityPicksTheCommand) {
  const auto lines = lines_of(print({finding(Severity::warning, {"a.yml", 1, 1}), finding(Severity::note, {"b.yml", 2, 0})}));
  ASSERT_EQ(lines.size(), 3U);
  EXPECT_TRUE(lines[0].starts_with("::warning file=a.yml,line=1,col=1,endLine=1,title=dbsilo shared-database::")) << lines[0];
  // A column of 0 (unknown) is left out.
  EXPECT_EQ(lines[1], "::notice file=b.yml,line=2,endLine=2,title=dbsilo shared-database::users and orders share db");
  EXPECT_EQ(lines[2], "dbsilo: 2 findings (0 errors, 1 warning, 1 note); 0 suppressed; 0 input warnings");
}

TEST(GithubPrinter, FindingWithoutALineAnnotatesTheFile) {
  const auto lines = lines_of(print({finding(Severity::error, {"whole.yml", 0, 0}), finding(Severity::error, {"", 0, 0})}));
  EXPECT_EQ(lines[0], "::error file=whole.yml,title=dbsilo shared-database::users and orders share db");
  EXPECT_EQ(lines[1], "::error title=dbsilo shared-database::users and orders share db");
}

TEST(GithubPrinter, EscapesPropertiesAndData) {
  Finding item = finding(Severity::error, {"dir,1/a:b%c\r\n.yml", 3, 2});
  item.rule = "rule:with,odd%chars";
  item.message = "100% shared\r\nsecond line: a, b";
  item.profile = "prod";
  const auto lines = lines_of(print({item}));
  EXPECT_EQ(lines[0],
            "::error file=dir%2C1/a%3Ab%25c%0D%0A.yml,line=3,col=2,endLine=3,title=dbsilo rule%3Awith%2Codd%25chars"
            "::100%25 shared%0D%0Asecond line: a, b [profile prod]");
  // Nothing a message holds can start a new command line.
  EXPECT_EQ(lines.size(), 2U);
}

TEST(GithubPrinter, InputWarningsAreWarningCommands) {
  const auto lines = lines_of(print({}, {{{"broken.yml", 3, 0}, "cannot parse: 50%\nbad"}, {{"", 0, 0}, "root"}}, 2));
  ASSERT_EQ(lines.size(), 3U);
  EXPECT_EQ(lines[0], "::warning file=broken.yml,line=3,endLine=3,title=dbsilo input warning::cannot parse: 50%25%0Abad");
  EXPECT_EQ(lines[1], "::warning title=dbsilo input warning::root");
  EXPECT_EQ(lines[2], "dbsilo: 0 findings (0 errors, 0 warnings, 0 notes); 2 suppressed; 2 input warnings");
}

TEST(GithubPrinter, SummarySaysWhenGithubWillNotShowEveryAnnotation) {
  std::vector<Finding> findings;
  for (int i = 0; i < 11; ++i) findings.push_back(finding(Severity::error, {"a.yml", i + 1, 1}));
  const auto lines = lines_of(print(findings));
  ASSERT_EQ(lines.size(), 12U);  // every finding is still printed
  EXPECT_EQ(lines[11],
            "dbsilo: 11 findings (11 errors, 0 warnings, 0 notes); 0 suppressed; 0 input warnings; GitHub shows at most 10 annotations of "
            "each level per step, the rest are only in this log");
  findings.pop_back();
  EXPECT_EQ(lines_of(print(findings)).back(), "dbsilo: 10 findings (10 errors, 0 warnings, 0 notes); 0 suppressed; 0 input warnings");
}

TEST(GithubPrinter, SameInputPrintsTheSameBytes) {
  std::vector<Finding> findings;
  for (int i = 0; i < 5; ++i) findings.push_back(finding(Severity::warning, {"a.yml", i, 1}));
  EXPECT_EQ(print(findings, {{{"w", 1, 1}, "x"}}), print(findings, {{{"w", 1, 1}, "x"}}));
}

}  // namespace
}  // namespace dbsilo
