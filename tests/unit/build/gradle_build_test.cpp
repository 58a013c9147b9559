// Unit tests for read_gradle_build: project dependencies and deployability, Groovy and Kotlin.
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

TEST(GradleBuild, GroovyServiceWithProjectDependencies) {
  const std::string build = R"groovy(plugins {
    id 'java'
    id 'org.springframework.boot' version '3.2.0'
}

dependencies {
    implementation project(':common')
    api project(path: ':billing:api', configuration: 'default')
    runtimeOnly(project(':drivers'))
    implementation platform(project(':bom'))
    implementation 'org.postgresql:postgresql:42.7.1'
    // implementation project(':commented')
    testImplementation project(':test-support')
    testRuntimeOnly project(':test-runtime')
    integrationTestImplementation project(':it-support')
    compile project(':legacy'),
            project(':legacy-extra')
}
)groovy";
  std::vector<Warning> warnings;
  const auto units = read_gradle_build(build, "services/orders/build.gradle", warnings);
  ASSERT_EQ(units.size(), 1u);
  const BuildUnitFact& orders = units[0];
  EXPECT_EQ(orders.name, "orders");
  EXPECT_EQ(orders.root, "services/orders");
  EXPECT_EQ(orders.kind, BuildUnitKind::module);
  EXPECT_EQ(orders.build_system, "gradle");
  EXPECT_THAT(orders.aliases, ElementsAre(":orders"));
  EXPECT_TRUE(orders.deployable);
  EXPECT_THAT(dependency_names(orders), ElementsAre(":common", ":billing:api", ":drivers", ":bom", ":legacy", ":legacy-extra"));
  ASSERT_EQ(orders.dependencies.size(), 6u);
  EXPECT_EQ(orders.dependencies[0].location, (SourceLocation{"services/orders/build.gradle", 7, 20}));
  EXPECT_EQ(orders.dependencies[5].location.line, 17);
  EXPECT_TRUE(warnings.empty());
}

TEST(GradleBuild, KotlinDslDependenciesAndApplicationPlugin) {
  const std::string build = R"kts(
plugins {
    kotlin("jvm") version "1.9.0"
    application
}

dependencies {
    implementation(project(":core"))
    api(project(path = ":shared:model"))
    "implementation"(project(":strings"))
    testImplementation(testFixtures(project(":core")))
    androidTestImplementation(project(":ui-test"))
}

application {
    mainClass.set("com.shop.MainKt")
}
)kts";
  std::vector<Warning> warnings;
  const auto units = read_gradle_build(build, "cli/build.gradle.kts", warnings);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_TRUE(units[0].deployable);
  EXPECT_THAT(dependency_names(units[0]), ElementsAre(":core", ":shared:model", ":strings"));
  EXPECT_EQ(units[0].dependencies[1].location.line, 9);
  EXPECT_TRUE(warnings.empty());
}

TEST(GradleBuild, KotlinSpringPluginAloneIsNotDeployable) {
  const std::string build =
      "plugins {\n"
      "    kotlin(\"plugin.spring\") version \"1.9.0\"\n"
      "    id(\"io.spring.dependency-management\") version \"1.1.0\"\n"
      "    `java-library`\n"
      "}\n";
  std::vector<Warning> warnings;
  const auto units = read_gradle_build(build, "lib/build.gradle.kts", warnings);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_FALSE(units[0].deployable);
}

TEST(GradleBuild, BootPluginDeclaredButNotAppliedOrBootJarDisabled) {
  std::vector<Warning> warnings;
  const std::string root_build = "plugins {\n  id 'org.springframework.boot' version '3.2.0' apply false\n}\n";
  EXPECT_FALSE(read_gradle_build(root_build, "build.gradle", warnings).at(0).deployable);

  const std::string library =
      "apply plugin: 'org.springframework.boot'\n"
      "bootJar {\n    enabled = false\n}\n"
      "jar { enabled = true }\n";
  EXPECT_FALSE(read_gradle_build(library, "lib/build.gradle", warnings).at(0).deployable);

  const std::string kotlin_library =
      "plugins { id(\"org.springframework.boot\") }\n"
      "tasks.named<BootJar>(\"bootJar\") { isEnabled = false }\n";
  EXPECT_FALSE(read_gradle_build(kotlin_library, "lib/build.gradle.kts", warnings).at(0).deployable);

  const std::string service = "apply(plugin = \"org.springframework.boot\")\nbootJar { archiveFileName = 'app.jar' }\n";
  EXPECT_TRUE(read_gradle_build(service, "svc/build.gradle.kts", warnings).at(0).deployable);

  const std::string catalog = "plugins {\n  alias(libs.plugins.spring.boot)\n}\n";
  EXPECT_TRUE(read_gradle_build(catalog, "svc/build.gradle.kts", warnings).at(0).deployable);
  EXPECT_TRUE(warnings.empty());
}

TEST(GradleBuild, ProjectReferencesOutsideOwnDependenciesAreIgnored) {
  const std::string root_build = R"groovy(
subprojects {
    dependencies { implementation project(':everyone') }
}
project(':app') {
    dependencies { implementation project(':app-only') }
}
buildscript {
    dependencies { classpath project(':plugin') }
}
evaluationDependsOn(project(':x').path)
dependencies {
    implementation project(':mine')
    implementation project(someVariable)
}
)groovy";
  std::vector<Warning> warnings;
  const auto units = read_gradle_build(root_build, "build.gradle", warnings);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].name, "root");
  EXPECT_THAT(units[0].aliases, ElementsAre(":"));
  EXPECT_FALSE(units[0].deployable);
  EXPECT_THAT(dependency_names(units[0]), ElementsAre(":mine"));
  ASSERT_EQ(warnings.size(), 1u);  // project(someVariable)
  EXPECT_EQ(warnings[0].location.line, 14);
}

TEST(GradleBuild, StringsAndCommentsDoNotConfuseTheReader) {
  const std::string build =
      "/* dependencies { implementation project(':in-comment') } */\n"
      "def note = \"implementation project(':in-string') // not a comment\"\n"
      "dependencies {\n"
      "  implementation project(\"\"\":triple\"\"\")  // https://example.com/x\n"
      "  implementation project(':escaped\\'quote')\n"
      "}\n";
  std::vector<Warning> warnings;
  const auto units = read_gradle_build(build, "x/build.gradle", warnings);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_THAT(dependency_names(units[0]), ElementsAre(":triple", ":escaped'quote"));
  EXPECT_EQ(units[0].dependencies[0].location.line, 4);
}

TEST(GradleBuild, GarbageNeverCrashes) {
  std::vector<Warning> warnings;
  const std::string garbage = "dependencies { implementation project( ((( }}} ]] \"unterminated\n'x project(";
  const auto units = read_gradle_build(garbage, "g/build.gradle", warnings);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_TRUE(units[0].dependencies.empty());
}

}  // namespace
}  // namespace dbsilo
