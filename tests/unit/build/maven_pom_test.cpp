// Unit tests for read_maven_pom: a multi-module parent and its children.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "languages/build/build_manifests.h"

namespace dbsilo {
namespace {

using ::testing::ElementsAre;

constexpr const char* kParentPom = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.shop</groupId>
  <artifactId>shop-parent</artifactId>
  <packaging>pom</packaging>
  <modules>
    <module>services/orders</module>
    <module>./common/</module>
    <module>services/billing/pom.xml</module>
    <module>../outside</module>
  </modules>
  <profiles>
    <profile>
      <id>tools</id>
      <modules><module>tools</module><module>common</module></modules>
    </profile>
  </profiles>
  <dependencyManagement>
    <dependencies>
      <dependency><groupId>com.shop</groupId><artifactId>common</artifactId></dependency>
    </dependencies>
  </dependencyManagement>
  <build>
    <pluginManagement>
      <plugins>
        <plugin><artifactId>spring-boot-maven-plugin</artifactId></plugin>
      </plugins>
    </pluginManagement>
  </build>
</project>
)xml";

constexpr const char* kOrdersPom = R"xml(<project>
  <parent>
    <groupId>com.shop</groupId>
    <artifactId>shop-parent</artifactId>
  </parent>
  <artifactId>orders</artifactId>
  <dependencies>
    <dependency>
      <groupId>com.shop</groupId>
      <artifactId>common</artifactId>
    </dependency>
    <dependency>
      <groupId>com.shop</groupId>
      <artifactId>test-support</artifactId>
      <scope>test</scope>
    </dependency>
    <dependency>
      <groupId>org.postgresql</groupId>
    </dependency>
    <dependency><artifactId>billing-api</artifactId><scope>runtime</scope></dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.springframework.boot</groupId>
        <artifactId>spring-boot-maven-plugin</artifactId>
      </plugin>
    </plugins>
  </build>
</project>
)xml";

TEST(MavenPom, ParentWithModulesIsAnAggregator) {
  std::vector<Warning> warnings;
  const auto units = read_maven_pom(kParentPom, "pom.xml", warnings);
  ASSERT_EQ(units.size(), 1u);
  const BuildUnitFact& parent = units[0];
  EXPECT_EQ(parent.name, "shop-parent");
  EXPECT_EQ(parent.kind, BuildUnitKind::aggregator);
  EXPECT_EQ(parent.build_system, "maven");
  EXPECT_EQ(parent.root, "");
  EXPECT_THAT(parent.aliases, ElementsAre("com.shop:shop-parent"));
  // "./common/" normalized, a pom path means its directory, profile modules count, no duplicates.
  EXPECT_THAT(parent.modules, ElementsAre("services/orders", "common", "services/billing", "tools"));
  EXPECT_TRUE(parent.dependencies.empty());  // dependencyManagement only pins versions
  EXPECT_FALSE(parent.deployable);           // pluginManagement does not apply the plugin
  EXPECT_EQ(parent.location, (SourceLocation{"pom.xml", 5, 3}));
  ASSERT_EQ(warnings.size(), 1u);  // ../outside leaves the scanned root
  EXPECT_EQ(warnings[0].location.line, 11);
  EXPECT_EQ(warnings[0].message.find("outside"), std::string::npos);
}

TEST(MavenPom, ChildInheritsGroupAndListsRuntimeDependenciesWithLines) {
  std::vector<Warning> warnings;
  const auto units = read_maven_pom(kOrdersPom, "services/orders/pom.xml", warnings);
  ASSERT_EQ(units.size(), 1u);
  const BuildUnitFact& orders = units[0];
  EXPECT_EQ(orders.name, "orders");
  EXPECT_EQ(orders.kind, BuildUnitKind::module);
  EXPECT_EQ(orders.root, "services/orders");
  EXPECT_THAT(orders.aliases, ElementsAre("com.shop:orders"));
  EXPECT_TRUE(orders.deployable);
  EXPECT_EQ(orders.location, (SourceLocation{"services/orders/pom.xml", 6, 3}));
  ASSERT_EQ(orders.dependencies.size(), 2u);  // test scope skipped, no-artifactId reported
  EXPECT_EQ(orders.dependencies[0].name, "common");
  EXPECT_EQ(orders.dependencies[0].location, (SourceLocation{"services/orders/pom.xml", 10, 7}));
  EXPECT_EQ(orders.dependencies[1].name, "billing-api");
  EXPECT_EQ(orders.dependencies[1].location.line, 20);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].location.line, 17);
  EXPECT_EQ(warnings[0].message, "Maven dependency without artifactId");
}

TEST(MavenPom, ModulesResolveAgainstThePomDirectory) {
  const std::string pom =
      "<project><groupId>g</groupId><artifactId>a</artifactId><packaging>pom</packaging>\n"
      "<modules><module>b</module><module>../c</module><module>x\\y</module></modules></project>";
  std::vector<Warning> warnings;
  const auto units = read_maven_pom(pom, "a/pom.xml", warnings);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_THAT(units[0].modules, ElementsAre("a/b", "c", "a/x/y"));
  EXPECT_TRUE(warnings.empty());
}

TEST(MavenPom, PomPackagingWithoutModulesIsAPlainModule) {
  std::vector<Warning> warnings;
  const auto units = read_maven_pom("<project><artifactId>bom</artifactId><packaging>pom</packaging></project>", "bom/pom.xml", warnings);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].kind, BuildUnitKind::module);
  EXPECT_TRUE(units[0].aliases.empty());  // no groupId anywhere
  EXPECT_TRUE(warnings.empty());
}

TEST(MavenPom, ModulesUnderJarPackagingAreIgnoredWithAWarning) {
  std::vector<Warning> warnings;
  const auto units = read_maven_pom("<project><artifactId>x</artifactId><modules><module>y</module></modules></project>", "pom.xml", warnings);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].kind, BuildUnitKind::module);
  EXPECT_TRUE(units[0].modules.empty());
  EXPECT_EQ(warnings.size(), 1u);
}

TEST(MavenPom, MainClassOrWarPackagingMakesItDeployable) {
  const std::string shaded = R"xml(<project><artifactId>cli</artifactId><build><plugins><plugin>
      <artifactId>maven-jar-plugin</artifactId>
      <configuration><archive><manifest><mainClass>com.shop.Main</mainClass></manifest></archive></configuration>
    </plugin></plugins></build></project>)xml";
  const std::string plain_jar = R"xml(<project><artifactId>lib</artifactId><build><plugins><plugin>
      <artifactId>maven-compiler-plugin</artifactId><configuration><release>17</release></configuration>
    </plugin></plugins></build></project>)xml";
  std::vector<Warning> warnings;
  EXPECT_TRUE(read_maven_pom(shaded, "cli/pom.xml", warnings).at(0).deployable);
  EXPECT_FALSE(read_maven_pom(plain_jar, "lib/pom.xml", warnings).at(0).deployable);
  EXPECT_TRUE(read_maven_pom("<project><artifactId>web</artifactId><packaging>war</packaging></project>", "web/pom.xml", warnings).at(0).deployable);
  EXPECT_TRUE(warnings.empty());
}

TEST(MavenPom, RejectsDocumentsThatAreNotProjects) {
  std::vector<Warning> warnings;
  EXPECT_TRUE(read_maven_pom("<settings><artifactId>x</artifactId></settings>", "pom.xml", warnings).empty());
  EXPECT_TRUE(read_maven_pom("<project><groupId>g</groupId></project>", "pom.xml", warnings).empty());
  EXPECT_TRUE(read_maven_pom("", "pom.xml", warnings).empty());
  EXPECT_EQ(warnings.size(), 3u);
}

TEST(MavenPom, BrokenPomKeepsWhatParsed) {
  const std::string broken =
      "<project>\n"
      "  <artifactId>orders</artifactId>\n"
      "  <dependencies>\n"
      "    <dependency><artifactId>common</artifactId></dependency>\n"
      "    <dependency attr=\"oops>\n"
      "  </dependencies>\n"
      "</project>\n";
  std::vector<Warning> warnings;
  const auto units = read_maven_pom(broken, "pom.xml", warnings);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].name, "orders");
  ASSERT_FALSE(units[0].dependencies.empty());
  EXPECT_EQ(units[0].dependencies[0].name, "common");
  ASSERT_FALSE(warnings.empty());
  EXPECT_EQ(warnings[0].message, "invalid XML near line 5");
}

}  // namespace
}  // namespace dbsilo
