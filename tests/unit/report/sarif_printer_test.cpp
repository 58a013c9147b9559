// SARIF printer: the shape GitHub code scanning ingests, escaping of paths, and the caps at GitHub's limits.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "scanner/report/printer.h"

namespace dbsilo {
namespace {

using nlohmann::json;

RuleDescription rule(const std::string& id, Severity severity) {
  return RuleDescription{id,
                         "Name of " + id,
                         "Summary of " + id + ".",
                         "Fix of " + id + ".",
                         severity,
                         "# " + id + "\n\n**Severity:** x\n\n## Example\n```yaml\nkey: `value`\n```\n",
                         "https://example.test/rules/" + id + ".md",
                         {"database-per-service", "coupling"}};
}

ReportContext context() {
  ReportContext context;
  context.tool_version = "1.2.3";
  context.rules = {rule("shared-database", Severity::error), rule("shared-database-instance", Severity::warning)};
  return context;
}

Finding finding(const std::string& rule_id, Severity severity, const std::string& path, int line, int column, const std::string& fingerprint) {
  Finding finding;
  finding.rule = rule_id;
  finding.severity = severity;
  finding.message = "orders and users share " + path;
  finding.services = {"orders", "users"};
  finding.location = {path, line, column};
  finding.related = {{{"other/side.yml", 4, 5}, "users uses it here"}};
  finding.fix = "Split the data.";
  finding.fingerprint = fingerprint;
  return finding;
}

std::string print(const ReportContext& report_context, const std::vector<Finding>& findings, const std::vector<Warning>& warnings = {}) {
  std::ostringstream out;
  auto printer = make_printer("sarif", out, PrinterOptions{});
  EXPECT_NE(printer, nullptr);
  if (!printer) return {};
  printer->begin(report_context);
  for (const auto& item : findings) printer->finding(item);
  printer->finish(ReportSummary{warnings, 0, findings.size()});
  return out.str();
}

json parse(const std::string& text) { return json::parse(text); }

TEST(SarifPrinter, DescribesTheToolAndEveryRule) {
  const json document = parse(print(context(), {}));
  EXPECT_EQ(document["version"], "2.1.0");
  EXPECT_TRUE(document["$schema"].get<std::string>().ends_with("sarif-schema-2.1.0.json"));
  ASSERT_EQ(document["runs"].size(), 1U);
  const json& run = document["runs"][0];
  const json& driver = run["tool"]["driver"];
  EXPECT_EQ(driver["name"], "dbsilo");
  EXPECT_EQ(driver["version"], "1.2.3");
  EXPECT_EQ(driver["semanticVersion"], "1.2.3");
  EXPECT_EQ(driver["informationUri"], "https://github.com/dbsilo/dbsilo");
  ASSERT_EQ(driver["rules"].size(), 2U);
  const json& first = driver["rules"][0];
  EXPECT_EQ(first["id"], "shared-database");
  EXPECT_EQ(first["name"], "SharedDatabase");
  EXPECT_EQ(driver["rules"][1]["name"], "SharedDatabaseInstance");
  EXPECT_EQ(first["shortDescription"]["text"], "Summary of shared-database.");
  EXPECT_EQ(first["fullDescription"]["text"], "Summary of shared-database. Fix: Fix of shared-database.");
  EXPECT_EQ(first["help"]["markdown"], context().rules[0].doc);
  // help.text is the doc page without markdown marks.
  EXPECT_EQ(first["help"]["text"], "shared-database\n\nSeverity: x\n\nExample\nkey: value\n");
  EXPECT_EQ(first["helpUri"], "https://example.test/rules/shared-database.md");
  EXPECT_EQ(first["defaultConfiguration"]["level"], "error");
  EXPECT_EQ(first["properties"]["tags"], json({"database-per-service", "coupling"}));
  EXPECT_EQ(first["properties"]["precision"], "high");
  EXPECT_EQ(first["properties"]["problem.severity"], "error");
  EXPECT_EQ(driver["rules"][1]["properties"]["problem.severity"], "warning");
  // GitHub wants every descriptor, notification descriptors too, to carry a full description and help.
  ASSERT_EQ(driver["notifications"].size(), 2U);
  for (const auto& descriptor : driver["notifications"]) {
    EXPECT_FALSE(descriptor["fullDescription"]["text"].get<std::string>().empty()) << descriptor;
    EXPECT_FALSE(descriptor["help"]["text"].get<std::string>().empty()) << descriptor;
  }
  EXPECT_EQ(run["columnKind"], "utf16CodeUnits");
  EXPECT_TRUE(run["originalUriBaseIds"].contains("%SRCROOT%"));
  EXPECT_EQ(run["invocations"][0]["executionSuccessful"], true);
  EXPECT_TRUE(run["results"].is_array());
  EXPECT_TRUE(run["results"].empty());
}

TEST(SarifPrinter, ResultCarriesRuleLocationsFingerprintAndProperties) {
  Finding item = finding("shared-database-instance", Severity::note, "services/orders/application.yml", 12, 7, "abc123");
  item.profile = "prod";
  const json document = parse(print(context(), {item}));
  const json& result = document["runs"][0]["results"][0];
  EXPECT_EQ(result["ruleId"], "shared-database-instance");
  EXPECT_EQ(result["ruleIndex"], 1);
  EXPECT_EQ(result["level"], "note");
  EXPECT_EQ(result["message"]["text"], "orders and users share services/orders/application.yml [profile prod]");
  const json& physical = result["locations"][0]["physicalLocation"];
  EXPECT_EQ(physical["artifactLocation"], json({{"uri", "services/orders/application.yml"}, {"uriBaseId", "%SRCROOT%"}}));
  EXPECT_EQ(physical["region"], json({{"startLine", 12}, {"startColumn", 7}}));
  ASSERT_EQ(result["relatedLocations"].size(), 1U);
  const json& related = result["relatedLocations"][0];
  EXPECT_EQ(related["id"], 1);
  EXPECT_EQ(related["physicalLocation"]["artifactLocation"]["uri"], "other/side.yml");
  EXPECT_EQ(related["physicalLocation"]["region"], json({{"startLine", 4}, {"startColumn", 5}}));
  EXPECT_EQ(related["message"]["text"], "users uses it here");
  EXPECT_EQ(result["partialFingerprints"], json({{"dbsiloFingerprint/v1", "abc123"}}));
  EXPECT_EQ(result["properties"]["services"], json({"orders", "users"}));
  EXPECT_EQ(result["properties"]["profile"], "prod");
  EXPECT_EQ(result["properties"]["fix"], "Split the data.");
}

TEST(SarifPrinter, LeavesOutRegionFieldsThatAreZero) {
  const json document = parse(print(context(), {finding("shared-database", Severity::error, "whole-file.yml", 0, 0, "a"),
                                                finding("shared-database", Severity::error, "no-column.yml", 3, 0, "b")}));
  const json& results = document["runs"][0]["results"];
  EXPECT_FALSE(results[0]["locations"][0]["physicalLocation"].contains("region"));
  EXPECT_EQ(results[1]["locations"][0]["physicalLocation"]["region"], json({{"startLine", 3}}));
}

TEST(SarifPrinter, PercentEncodesPathsIntoRelativeUris) {
  const json document = parse(print(context(), {finding("shared-database", Severity::error, "a dir/c:x,100%\n.yml", 1, 1, "a"),
                                                finding("shared-database", Severity::error, "caf\xc3\xa9/x#y?.yml", 1, 1, "b")}));
  const json& results = document["runs"][0]["results"];
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "a%20dir/c%3Ax,100%25%0A.yml");
  EXPECT_EQ(results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "caf%C3%A9/x%23y%3F.yml");
}

TEST(SarifPrinter, InputWarningsAreToolExecutionNotifications) {
  const json document = parse(print(context(), {}, {{{"broken.yml", 3, 0}, "cannot parse YAML: bad indentation"}, {{"", 0, 0}, "root warning"}}));
  const json& notifications = document["runs"][0]["invocations"][0]["toolExecutionNotifications"];
  ASSERT_EQ(notifications.size(), 2U);
  EXPECT_EQ(notifications[0]["level"], "warning");
  EXPECT_EQ(notifications[0]["message"]["text"], "cannot parse YAML: bad indentation");
  EXPECT_EQ(notifications[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "broken.yml");
  EXPECT_EQ(notifications[0]["locations"][0]["physicalLocation"]["region"], json({{"startLine", 3}}));
  EXPECT_EQ(notifications[0]["descriptor"]["id"], "input-warning");
  EXPECT_FALSE(notifications[1].contains("locations"));
  EXPECT_EQ(document["runs"][0]["invocations"][0]["executionSuccessful"], true);
}

TEST(SarifPrinter, RepeatedOrMissingFingerprintsBecomeUnique) {
  const json document = parse(print(context(), {finding("shared-database", Severity::error, "a.yml", 1, 1, "same"),
                                                finding("shared-database", Severity::error, "b.yml", 1, 1, "same"),
                                                finding("shared-database", Severity::error, "c.yml", 9, 1, ""),
                                                finding("shared-database", Severity::error, "c.yml", 20, 1, "")}));
  const json& results = document["runs"][0]["results"];
  EXPECT_EQ(results[0]["partialFingerprints"]["dbsiloFingerprint/v1"], "same");
  EXPECT_EQ(results[1]["partialFingerprints"]["dbsiloFingerprint/v1"], "same-2");
  const std::string missing = results[2]["partialFingerprints"]["dbsiloFingerprint/v1"];
  EXPECT_EQ(missing.size(), 16U);
  // The stand-in holds no line number: the same finding on another line gets the same base.
  EXPECT_EQ(results[3]["partialFingerprints"]["dbsiloFingerprint/v1"], missing + "-2");
}

TEST(SarifPrinter, FindingOfAnUndescribedRuleGetsADescriptor) {
  const json document = parse(print(context(), {finding("made-up-rule", Severity::warning, "a.yml", 1, 1, "x")}));
  const json& run = document["runs"][0];
  ASSERT_EQ(run["tool"]["driver"]["rules"].size(), 3U);
  EXPECT_EQ(run["tool"]["driver"]["rules"][2]["id"], "made-up-rule");
  EXPECT_FALSE(run["tool"]["driver"]["rules"][2]["help"]["text"].get<std::string>().empty());
  EXPECT_EQ(run["results"][0]["ruleIndex"], 2);
}

TEST(SarifPrinter, SameInputPrintsTheSameBytes) {
  std::vector<Finding> findings;
  for (int i = 0; i < 20; ++i) findings.push_back(finding(i % 2 ? "shared-database" : "x-rule", Severity::warning, "f" + std::to_string(i % 3) + ".yml", i, 1, "fp"));
  EXPECT_EQ(print(context(), findings, {{{"w.yml", 1, 1}, "w"}}), print(context(), findings, {{{"w.yml", 1, 1}, "w"}}));
}

TEST(SarifPrinter, CapsResultsAtGithubsLimitKeepingTheMostSevere) {
  std::vector<Finding> findings;
  for (int i = 0; i < 5200; ++i) findings.push_back(finding("shared-database", Severity::note, "notes.yml", i + 1, 1, "n" + std::to_string(i)));
  for (int i = 0; i < 10; ++i) findings.push_back(finding("shared-database", Severity::error, "zz-errors.yml", i + 1, 1, "e" + std::to_string(i)));
  const json document = parse(print(context(), findings));
  const json& run = document["runs"][0];
  ASSERT_EQ(run["results"].size(), 5000U);
  std::size_t errors = 0;
  for (const auto& result : run["results"]) errors += result["level"] == "error" ? 1 : 0;
  EXPECT_EQ(errors, 10U);
  // Kept results stay in report order: the errors (last in the input) come last.
  EXPECT_EQ(run["results"][4999]["level"], "error");
  EXPECT_EQ(run["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"], 1);
  const json& notifications = run["invocations"][0]["toolExecutionNotifications"];
  ASSERT_EQ(notifications.size(), 1U);
  EXPECT_EQ(notifications[0]["level"], "warning");
  EXPECT_EQ(notifications[0]["descriptor"]["id"], "report-cut");
  EXPECT_NE(notifications[0]["message"]["text"].get<std::string>().find("5000 of 5210 results"), std::string::npos)
      << notifications[0]["message"]["text"];
}

TEST(SarifPrinter, NoNotificationAtExactlyTheLimit) {
  std::vector<Finding> findings;
  for (int i = 0; i < 5000; ++i) findings.push_back(finding("shared-database", Severity::note, "notes.yml", i + 1, 1, "n" + std::to_string(i)));
  const json document = parse(print(context(), findings));
  EXPECT_EQ(document["runs"][0]["results"].size(), 5000U);
  EXPECT_TRUE(document["runs"][0]["invocations"][0]["toolExecutionNotifications"].empty());
}

TEST(SarifPrinter, CapsTheDocumentAtTenMegabytes) {
  std::vector<Finding> findings;
  for (int i = 0; i < 3000; ++i) {
    Finding item = finding("shared-database", Severity::warning, "big.yml", i + 1, 1, "b" + std::to_string(i));
    item.message = std::string(4000, 'm');
    findings.push_back(item);
  }
  const std::string text = print(context(), findings);
  EXPECT_LE(text.size(), 10'000'000U);
  // The size estimate is exact but for a small reserve: the cut leaves little room unused.
  EXPECT_GT(text.size(), 9'980'000U);
  const json document = parse(text);
  const std::size_t kept = document["runs"][0]["results"].size();
  EXPECT_GT(kept, 1500U);
  EXPECT_LT(kept, 3000U);
  const std::string notice = document["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"];
  EXPECT_NE(notice.find("10 MB"), std::string::npos) << notice;
}

TEST(SarifPrinter, CapsRelatedLocationsAndTags) {
  Finding item = finding("shared-database", Severity::error, "a.yml", 1, 1, "x");
  item.related.clear();
  for (int i = 0; i < 150; ++i) item.related.push_back({{"r.yml", i + 1, 1}, "other " + std::to_string(i)});
  ReportContext many_tags = context();
  for (int i = 0; i < 15; ++i) many_tags.rules[0].tags.push_back("tag" + std::to_string(i));
  const json document = parse(print(many_tags, {item}));
  const json& run = document["runs"][0];
  EXPECT_EQ(run["results"][0]["relatedLocations"].size(), 99U);  // + the primary location = 100
  EXPECT_EQ(run["results"][0]["relatedLocations"][98]["id"], 99);
  EXPECT_EQ(run["tool"]["driver"]["rules"][0]["properties"]["tags"].size(), 10U);
  EXPECT_EQ(run["invocations"][0]["toolExecutionNotifications"].size(), 2U);
}

TEST(SarifPrinter, InvalidUtf8IsReplacedNotFatal) {
  Finding item = finding("shared-database", Severity::error, "a.yml", 1, 1, "x");
  item.message = "bad \xff byte";
  const json document = parse(print(context(), {item}));
  EXPECT_EQ(document["runs"][0]["results"][0]["message"]["text"], "bad \xef\xbf\xbd byte");
}

}  // namespace
}  // namespace dbsilo
