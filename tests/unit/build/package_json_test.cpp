// Unit tests for read_package_json: packages, dependency lines, workspaces, invalid JSON.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "languages/build/build_manifests.h"

namespace dbsilo {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> dependency_names(const BuildUnitFact& unit) {
  std::vector<std::string> names;
  for (const BuildDependency& dependency : unit.dependencies) names.push_back(dependency.name);
  return names;
}

TEST(PackageJson, RootWithWorkspacesYieldsPackageAndAggregator) {
  const std::string text = R"json({
  "name": "shop",
  "private": true,
  "workspaces": ["packages/*", "services/orders", "./apps/web/", "!packages/old"],
  "devDependencies": { "typescript": "^5.0.0" }
})json";
  std::vector<Warning> warnings;
  const auto units = read_package_json(text, "package.json", warnings);
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].name, "shop");
  EXPECT_EQ(units[0].kind, BuildUnitKind::module);
  EXPECT_EQ(units[0].build_system, "npm");
  EXPECT_TRUE(units[0].dependencies.empty());  // devDependencies do not ship
  EXPECT_FALSE(units[0].deployable);
  EXPECT_EQ(units[0].location, (SourceLocation{"package.json", 2, 3}));
  EXPECT_EQ(units[1].kind, BuildUnitKind::aggregator);
  EXPECT_EQ(units[1].name, "shop");
  EXPECT_THAT(units[1].modules, ElementsAre("packages/*", "services/orders", "apps/web", "!packages/old"));
  EXPECT_EQ(units[1].location.line, 4);
  EXPECT_TRUE(warnings.empty());
}

TEST(PackageJson, ServiceDependenciesWithKeyLines) {
  const std::string text = R"json({
  "name": "@shop/orders",
  "main": "dist/index.js",
  "scripts": { "build": "tsc", "start": "node dist/index.js" },
  "description": "the key \"dependencies\" in a string is not a key",
  "dependencies": {
    "pg": "^8.11.0",
    "@shop/db": "workspace:*"
  },
  "peerDependencies": {"@shop/logging": "file:../logging", "pg": "^8"},
  "devDependencies": {"jest": "^29"}
})json";
  std::vector<Warning> warnings;
  const auto units = read_package_json(text, "services/orders/package.json", warnings);
  ASSERT_EQ(units.size(), 1u);
  const BuildUnitFact& orders = units[0];
  EXPECT_EQ(orders.name, "@shop/orders");
  EXPECT_EQ(orders.root, "services/orders");
  EXPECT_TRUE(orders.deployable);
  // In the order written, a name repeated by peerDependencies listed once.
  EXPECT_THAT(dependency_names(orders), ElementsAre("pg", "@shop/db", "@shop/logging"));
  EXPECT_EQ(orders.dependencies[0].location, (SourceLocation{"services/orders/package.json", 7, 5}));
  EXPECT_EQ(orders.dependencies[1].location.line, 8);
  EXPECT_EQ(orders.dependencies[2].location, (SourceLocation{"services/orders/package.json", 10, 24}));
  EXPECT_TRUE(warnings.empty());
}

TEST(PackageJson, WorkspacesObjectFormAndNameFallback) {
  std::vector<Warning> warnings;
  const auto units = read_package_json(R"({"workspaces": {"packages": ["libs/*"], "nohoist": ["**/x"]}, "bin": {"tool": "cli.js"}})",
                                       "tools/package.json", warnings);
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].name, "tools");
  EXPECT_TRUE(units[0].deployable);  // "bin"
  EXPECT_EQ(units[0].location.line, 0);
  EXPECT_THAT(units[1].modules, ElementsAre("tools/libs/*"));
}

TEST(PackageJson, InvalidJsonGivesAWarningWithTheLine) {
  const std::string text = "{\n  \"name\": \"x\",\n  \"dependencies\": {\n    \"pg\": \"secret-value\"\n    \"a\": 1\n  }\n}\n";
  std::vector<Warning> warnings;
  EXPECT_TRUE(read_package_json(text, "package.json", warnings).empty());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].location.line, 5);
  EXPECT_EQ(warnings[0].message, "invalid JSON near line 5");
  EXPECT_EQ(warnings[0].message.find("secret"), std::string::npos);
}

TEST(PackageJson, NonObjectsAndBadWorkspacesAreReported) {
  std::vector<Warning> warnings;
  EXPECT_TRUE(read_package_json("[1, 2]", "package.json", warnings).empty());
  EXPECT_TRUE(read_package_json("", "package.json", warnings).empty());
  const auto units = read_package_json(R"({"name": "x", "workspaces": "packages/*", "dependencies": ["not", "an", "object"]})", "package.json", warnings);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_TRUE(units[0].dependencies.empty());
  EXPECT_EQ(warnings.size(), 3u);
}

}  // namespace
}  // namespace dbsilo
