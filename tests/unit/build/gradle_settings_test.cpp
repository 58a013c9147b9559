// Unit tests for read_gradle_settings: Groovy and Kotlin settings scripts.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "languages/build/build_manifests.h"

namespace dbsilo {
namespace {

using ::testing::ElementsAre;

TEST(GradleSettings, GroovyIncludesWithCommasAcrossLinesAndProjectDirs) {
  const std::string settings = R"groovy(// settings for the shop
rootProject.name = 'shop'

include 'orders', ':billing:api'
include ':inventory',
        ':shipping'   // continues after the comma
/* include ':commented-out' */
include(':payments')
includeBuild 'build-logic'
include 'legacy'
project(':legacy').projectDir = new File(settingsDir, 'old/legacy-service')
project(':payments').projectDir = file("$rootDir/services/payments")
)groovy";
  std::vector<Warning> warnings;
  const auto units = read_gradle_settings(settings, "settings.gradle", warnings);
  ASSERT_EQ(units.size(), 1u);
  const BuildUnitFact& aggregator = units[0];
  EXPECT_EQ(aggregator.kind, BuildUnitKind::aggregator);
  EXPECT_EQ(aggregator.build_system, "gradle");
  EXPECT_EQ(aggregator.name, "shop");
  EXPECT_EQ(aggregator.root, "");
  EXPECT_THAT(aggregator.modules,
              ElementsAre("orders", "billing/api", "inventory", "shipping", "services/payments", "old/legacy-service"));
  EXPECT_EQ(aggregator.location, (SourceLocation{"settings.gradle", 4, 1}));
  EXPECT_TRUE(warnings.empty());
}

TEST(GradleSettings, KotlinIncludesAndProjectDirInASubdirectory) {
  const std::string settings = R"kts(
include(
    ":app",
    ":lib:core", // trailing comment
)
include(":tools")
project(":tools").projectDir = file("../shared/tools")
findProject(":app")?.projectDir = File(rootDir, "application")
)kts";
  std::vector<Warning> warnings;
  const auto units = read_gradle_settings(settings, "backend/settings.gradle.kts", warnings);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].name, "backend");  // no rootProject.name: the directory's name
  EXPECT_EQ(units[0].root, "backend");
  EXPECT_THAT(units[0].modules, ElementsAre("backend/application", "backend/lib/core", "shared/tools"));
  EXPECT_TRUE(warnings.empty());
}

TEST(GradleSettings, IncludeFlatPlacesProjectsBesideTheSettingsDirectory) {
  std::vector<Warning> warnings;
  const auto units = read_gradle_settings("includeFlat 'sibling'\n", "root/settings.gradle", warnings);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_THAT(units[0].modules, ElementsAre("sibling"));
}

TEST(GradleSettings, UnresolvableIncludesAreReportedWithoutValues) {
  const std::string settings =
      "def modules = ['a', 'b']\n"
      "modules.each { include it }\n"
      "include 'c'\n"
      "project(':c').projectDir = file(\"${customRoot}/c\")\n"
      "include ':../../escape'\n";
  std::vector<Warning> warnings;
  const auto units = read_gradle_settings(settings, "settings.gradle", warnings);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_THAT(units[0].modules, ElementsAre("c"));
  ASSERT_EQ(warnings.size(), 3u);
  EXPECT_EQ(warnings[0].location.line, 2);
  EXPECT_EQ(warnings[1].location.line, 4);
  EXPECT_EQ(warnings[2].location.line, 5);
  for (const Warning& warning : warnings) EXPECT_EQ(warning.message.find("customRoot"), std::string::npos);
}

TEST(GradleSettings, EmptySettingsStillYieldsTheAggregator) {
  std::vector<Warning> warnings;
  const auto units = read_gradle_settings("", "settings.gradle", warnings);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].name, "root");
  EXPECT_TRUE(units[0].modules.empty());
  EXPECT_EQ(units[0].location.line, 0);
}

}  // namespace
}  // namespace dbsilo
