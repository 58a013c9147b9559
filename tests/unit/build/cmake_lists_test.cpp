// Unit tests for read_cmake_lists and the CMake command tokenizer underneath it.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "languages/build/build_manifests.h"
#include "languages/build/cmake_lexer.h"

namespace dbsilo {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> dependency_names(const BuildUnitFact& unit) {
  std::vector<std::string> names;
  for (const BuildDependency& dependency : unit.dependencies) names.push_back(dependency.name);
  return names;
}

constexpr const char* kServiceLists = R"cmake(# Orders service
cmake_minimum_required(VERSION 3.20)
project(orders LANGUAGES CXX)

#[[ a bracket comment hiding a target:
add_executable(hidden main.cpp)
]]
#[==[ add_library(also_hidden x.cpp) ]==]

find_package(PostgreSQL REQUIRED)
add_library(PostgreSQL::PostgreSQL UNKNOWN IMPORTED)
add_library(orders::core ALIAS orders_core)

ADD_LIBRARY(orders_core STATIC
  src/repository.cpp   # trailing comment
  src/model.cpp)
add_library(orders_headers INTERFACE)
Add_Executable(orders-service src/main.cpp [=[src/odd name].cpp]=])

target_link_libraries(orders-service
  PRIVATE
    orders_core
    # orders_disabled
    ${EXTRA_LIBS}
  PUBLIC "orders_headers" PostgreSQL::PostgreSQL;pthread
  -Wl,--as-needed)
target_link_libraries(orders_core PUBLIC shared_db)
target_link_libraries(defined_elsewhere PRIVATE orders_core)

add_subdirectory(tools)
add_subdirectory(${CMAKE_CURRENT_SOURCE_DIR}/tests EXCLUDE_FROM_ALL)
add_subdirectory(../../../outside)
)cmake";

TEST(CMakeLists, TargetsLinksAndSubdirectories) {
  std::vector<Warning> warnings;
  const auto units = read_cmake_lists(kServiceLists, "services/orders/CMakeLists.txt", warnings);
  ASSERT_EQ(units.size(), 4u);

  const BuildUnitFact& core = units[0];
  EXPECT_EQ(core.name, "orders_core");
  EXPECT_EQ(core.kind, BuildUnitKind::library);
  EXPECT_FALSE(core.deployable);
  EXPECT_EQ(core.root, "services/orders");
  EXPECT_EQ(core.build_system, "cmake");
  EXPECT_EQ(core.location, (SourceLocation{"services/orders/CMakeLists.txt", 14, 13}));
  EXPECT_THAT(dependency_names(core), ElementsAre("shared_db"));

  EXPECT_EQ(units[1].name, "orders_headers");
  EXPECT_EQ(units[1].kind, BuildUnitKind::library);

  const BuildUnitFact& service = units[2];
  EXPECT_EQ(service.name, "orders-service");
  EXPECT_EQ(service.kind, BuildUnitKind::executable);
  EXPECT_TRUE(service.deployable);
  EXPECT_THAT(dependency_names(service), ElementsAre("orders_core", "${EXTRA_LIBS}", "orders_headers", "PostgreSQL::PostgreSQL", "pthread"));
  EXPECT_EQ(service.dependencies[0].location, (SourceLocation{"services/orders/CMakeLists.txt", 22, 5}));
  EXPECT_EQ(service.dependencies[1].location.line, 24);
  EXPECT_EQ(service.dependencies[2].location.line, 25);

  const BuildUnitFact& aggregator = units[3];
  EXPECT_EQ(aggregator.kind, BuildUnitKind::aggregator);
  EXPECT_EQ(aggregator.name, "orders");  // from project()
  EXPECT_THAT(aggregator.modules, ElementsAre("services/orders/tools", "services/orders/tests"));
  EXPECT_EQ(aggregator.location.line, 30);

  ASSERT_EQ(warnings.size(), 1u);  // ../../../outside leaves the scanned root
  EXPECT_EQ(warnings[0].location.line, 32);
}

TEST(CMakeLists, ImportedAndAliasTargetsAreSkipped) {
  std::vector<Warning> warnings;
  const auto units = read_cmake_lists(
      "add_library(ext SHARED IMPORTED GLOBAL)\nadd_executable(tool IMPORTED)\nadd_library(a::b ALIAS real)\n", "CMakeLists.txt", warnings);
  EXPECT_TRUE(units.empty());
  EXPECT_TRUE(warnings.empty());
}

TEST(CMakeLists, TokenizerHandlesQuotesBracketsEscapesAndNestedParentheses) {
  std::vector<Warning> warnings;
  const auto commands = cmake::parse_commands(
      "SET(x \"a \\\"quoted\\\" ${v}\\\n b\" [[\nraw ${kept} ]] un\\ quoted a;b\\;c)\n"
      "if((A OR B) AND C)\nendif()\n",
      "CMakeLists.txt", warnings);
  ASSERT_EQ(commands.size(), 3u);
  EXPECT_EQ(commands[0].name, "set");
  ASSERT_EQ(commands[0].arguments.size(), 6u);
  EXPECT_EQ(commands[0].arguments[1].value, "a \"quoted\" ${v} b");
  EXPECT_TRUE(commands[0].arguments[1].quoted);
  EXPECT_EQ(commands[0].arguments[2].value, "raw ${kept} ");
  EXPECT_EQ(commands[0].arguments[3].value, "un quoted");
  EXPECT_EQ(commands[0].arguments[4].value, "a");
  EXPECT_EQ(commands[0].arguments[5].value, "b;c");
  EXPECT_EQ(commands[1].name, "if");
  EXPECT_EQ(commands[1].arguments.size(), 5u);  // A OR B AND C: the parentheses are structure
  EXPECT_EQ(commands[1].line, 4);
  EXPECT_TRUE(warnings.empty());
}

TEST(CMakeLists, SyntaxErrorsGiveOneWarningAndKeepEarlierTargets) {
  std::vector<Warning> warnings;
  const auto units = read_cmake_lists("add_executable(app main.cpp)\n= stray\nadd_library(lib \"open\n", "x/CMakeLists.txt", warnings);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].name, "app");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].location.line, 2);

  warnings.clear();
  EXPECT_TRUE(read_cmake_lists("#[[ never closed\nadd_executable(app a.cpp)\n", "CMakeLists.txt", warnings).empty());
  EXPECT_EQ(warnings.size(), 1u);

  warnings.clear();
  EXPECT_TRUE(read_cmake_lists("add_executable(app\n  main.cpp\n", "CMakeLists.txt", warnings).empty());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].location.line, 1);
}

TEST(CMakeLists, RootWithoutProjectNamesTheAggregatorRoot) {
  std::vector<Warning> warnings;
  const auto units = read_cmake_lists("add_subdirectory(services/orders)\nadd_subdirectory(./libs/db/)\n", "CMakeLists.txt", warnings);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].name, "root");
  EXPECT_EQ(units[0].root, "");
  EXPECT_THAT(units[0].modules, ElementsAre("services/orders", "libs/db"));
}

}  // namespace
}  // namespace dbsilo
