// Suppression comments and annotations: what they cover, and how they are applied.
#include <gtest/gtest.h>

#include "scanner/scan/suppressions.h"

namespace dbsilo {
namespace {

Finding finding_at(std::string rule, std::string path, int line, std::string fingerprint = "fp") {
  Finding finding;
  finding.rule = std::move(rule);
  finding.location = {std::move(path), line, 1};
  finding.fingerprint = std::move(fingerprint);
  return finding;
}

TEST(Suppressions, CommentFormsInEveryLanguage) {
  const std::string text =
      "# dbsilo-ignore shared-database: reason one\n"
      "x = 1  // dbsilo-ignore shared-database, shared-database-instance: two rules\n"
      "-- dbsilo-ignore shared-connection-pool: sql comment\n"
      "<!-- dbsilo-ignore shared-datasource-config: xml comment -->\n"
      "# dbsilo-ignore shared-database\n"
      "# dbsilo is mentioned but nothing is suppressed\n";
  const auto found = find_suppressions(text, "a.yml");
  ASSERT_EQ(found.size(), 5u);
  EXPECT_EQ(found[0].rules, std::vector<std::string>{"shared-database"});
  EXPECT_EQ(found[0].reason, "reason one");
  EXPECT_EQ(found[0].first_line, 1);
  EXPECT_EQ(found[0].last_line, 2);
  EXPECT_EQ(found[1].rules, (std::vector<std::string>{"shared-database", "shared-database-instance"}));
  EXPECT_EQ(found[1].location.column, 8);
  EXPECT_EQ(found[2].reason, "sql comment");
  EXPECT_EQ(found[3].reason, "xml comment");
  EXPECT_EQ(found[4].reason, "");
}

TEST(Suppressions, JavaAnnotationCoversTheFollowingDeclaration) {
  const std::string text =
      "class A {\n"
      "  // until the billing API exists\n"
      "  @SuppressWarnings({\"unchecked\", \"dbsilo:foreign-table-access\"})\n"
      "  String q() {\n"
      "    if (x) { return \"}\"; }\n"
      "    return \"SELECT 1\";\n"
      "  }\n"
      "  @SuppressWarnings(\"dbsilo:shared-database\") // legacy constant\n"
      "  static final String Q = \"SELECT {\";\n"
      "  @SuppressWarnings(\"unchecked\")\n"
      "  void other() {}\n"
      "}\n";
  const auto found = find_suppressions(text, "A.java");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].rules, std::vector<std::string>{"foreign-table-access"});
  EXPECT_EQ(found[0].reason, "until the billing API exists");
  EXPECT_EQ(found[0].first_line, 3);
  EXPECT_EQ(found[0].last_line, 7);
  EXPECT_EQ(found[1].reason, "legacy constant");
  EXPECT_EQ(found[1].first_line, 8);
  EXPECT_EQ(found[1].last_line, 9);
}

TEST(Suppressions, AppliesOnTheLineAndTheNextOnly) {
  const auto suppressions = find_suppressions("# dbsilo-ignore shared-database: accepted\nurl: x\nother: y\n", "a.yml");
  auto outcome = apply_suppressions({finding_at("shared-database", "a.yml", 2), finding_at("shared-database", "a.yml", 3),
                                     finding_at("shared-database-instance", "a.yml", 2), finding_at("shared-database", "b.yml", 2)},
                                    suppressions);
  EXPECT_EQ(outcome.suppressed, 1u);
  ASSERT_EQ(outcome.kept.size(), 3u);
  EXPECT_TRUE(outcome.warnings.empty());
}

TEST(Suppressions, NoReasonMeansNoSuppressionAndAWarning) {
  const auto suppressions = find_suppressions("# dbsilo-ignore shared-database\nurl: x\n", "a.yml");
  auto outcome = apply_suppressions({finding_at("shared-database", "a.yml", 2)}, suppressions);
  EXPECT_EQ(outcome.suppressed, 0u);
  EXPECT_EQ(outcome.kept.size(), 1u);
  ASSERT_EQ(outcome.warnings.size(), 1u);
  EXPECT_NE(outcome.warnings[0].message.find("without a reason"), std::string::npos);
}

TEST(Suppressions, UnusedSuppressionIsReported) {
  const auto suppressions = find_suppressions("# dbsilo-ignore shared-database: nothing here\nurl: x\n", "a.yml");
  auto outcome = apply_suppressions({}, suppressions);
  ASSERT_EQ(outcome.warnings.size(), 1u);
  EXPECT_EQ(outcome.warnings[0].location.line, 1);
  EXPECT_NE(outcome.warnings[0].message.find("matches no finding"), std::string::npos);
}

TEST(Suppressions, ConfigEntriesMatchByGlobOrFingerprint) {
  SuppressionFact by_glob;
  by_glob.rules = {"shared-database"};
  by_glob.reason = "legacy";
  by_glob.path = "legacy/**";
  SuppressionFact by_fingerprint;
  by_fingerprint.rules = {"shared-database-instance"};
  by_fingerprint.reason = "accepted";
  by_fingerprint.fingerprint = "abc";
  auto outcome = apply_suppressions({finding_at("shared-database", "legacy/x/a.yml", 9), finding_at("shared-database", "new/a.yml", 9),
                                     finding_at("shared-database-instance", "new/a.yml", 4, "abc"),
                                     finding_at("shared-database-instance", "new/b.yml", 4, "def")},
                                    {by_glob, by_fingerprint});
  EXPECT_EQ(outcome.suppressed, 2u);
  ASSERT_EQ(outcome.kept.size(), 2u);
  EXPECT_EQ(outcome.kept[0].location.path, "new/a.yml");
  EXPECT_EQ(outcome.kept[1].fingerprint, "def");
}

}  // namespace
}  // namespace dbsilo
