// Unit discovery: services vs libraries, compose binding, scopes, image tables.
#include <gtest/gtest.h>

#include "scanner/discover/units.h"

namespace dbsilo {
namespace {

BuildUnitFact module(std::string name, std::string root, std::vector<std::string> dependencies, bool deployable) {
  BuildUnitFact fact;
  fact.name = std::move(name);
  fact.root = std::move(root);
  fact.build_system = "maven";
  fact.deployable = deployable;
  for (auto& dependency : dependencies) fact.dependencies.push_back({std::move(dependency), {"x/pom.xml", 3, 5}});
  return fact;
}

FileFacts manifest(std::string path, BuildUnitFact fact) {
  FileFacts file;
  file.path = std::move(path);
  file.kind = FileKind::maven_pom;
  file.build_units.push_back(std::move(fact));
  return file;
}

const Unit& unit_named(const DiscoveredUnits& discovered, std::string_view name) {
  for (const auto& unit : discovered.units) {
    if (unit.name == name) return unit;
  }
  throw std::runtime_error("no unit " + std::string(name));
}

TEST(Units, LibraryUsedByTwoServicesAndTransitiveUsers) {
  const std::vector<FileFacts> files = {
      manifest("core/pom.xml", module("core", "core", {}, false)),
      manifest("data/pom.xml", module("data", "data", {"core"}, false)),
      manifest("orders/pom.xml", module("orders", "orders", {"data"}, true)),
      manifest("billing/pom.xml", module("billing", "billing", {"data"}, true)),
  };
  const auto discovered = discover_units(files);
  EXPECT_EQ(unit_named(discovered, "data").kind, UnitKind::library);
  EXPECT_EQ(unit_named(discovered, "core").kind, UnitKind::library);
  EXPECT_EQ(unit_named(discovered, "core").used_by, (std::vector<std::string>{"billing", "orders"}));
  EXPECT_EQ(unit_named(discovered, "orders").kind, UnitKind::service);
  EXPECT_EQ(unit_named(discovered, "orders").dependency_locations.at("data").line, 3);
}

TEST(Units, DeployableModuleWithNoDependentsIsAService) {
  const auto discovered = discover_units({manifest("a/pom.xml", module("a", "a", {}, true)), manifest("b/pom.xml", module("b", "b", {}, false))});
  EXPECT_EQ(unit_named(discovered, "a").kind, UnitKind::service);
  EXPECT_EQ(unit_named(discovered, "b").kind, UnitKind::service);  // nobody depends on it: not a library
}

TEST(Units, ComposeServicesBindByBuildContextThenByName) {
  FileFacts compose;
  compose.path = "deploy/docker-compose.yml";
  compose.kind = FileKind::compose;
  compose.compose = ComposeFileFacts{};
  compose.compose->project_dir = "deploy";
  ComposeService by_context;
  by_context.name = "api";
  by_context.build_context = "services/orders";
  ComposeService by_name;
  by_name.name = "billing-service";
  by_name.image = "example/billing-service:1.2";
  ComposeService datastore;
  datastore.name = "db";
  datastore.image = "postgres:16";
  ComposeService stranger;
  stranger.name = "gateway";
  stranger.image = "example/gateway";
  compose.compose->services = {by_context, by_name, datastore, stranger};
  const auto discovered = discover_units({manifest("services/orders/pom.xml", module("orders", "services/orders", {}, true)),
                                          manifest("services/billing/pom.xml", module("billing", "services/billing", {}, true)), compose});
  EXPECT_EQ(discovered.compose_services.at("orders").front().service, "api");
  EXPECT_EQ(discovered.compose_services.at("billing").front().service, "billing-service");
  EXPECT_EQ(unit_named(discovered, "orders").scope, "deploy");
  EXPECT_FALSE(unit_named(discovered, "gateway").has_source);
  EXPECT_THROW(unit_named(discovered, "db"), std::runtime_error);  // a datastore is not a unit
}

TEST(Units, OwningUnitIsTheDeepestRoot) {
  std::vector<Unit> units(2);
  units[0].name = "outer";
  units[0].root = "apps";
  units[1].name = "inner";
  units[1].root = "apps/inner";
  EXPECT_EQ(owning_unit(units, "apps/inner/src/a.yml"), "inner");
  EXPECT_EQ(owning_unit(units, "apps/other/a.yml"), "outer");
  EXPECT_EQ(owning_unit(units, "apps-x/a.yml"), "");
  EXPECT_TRUE(path_is_under("a/b", ""));
  EXPECT_FALSE(path_is_under("ab/c", "a"));
}

TEST(Units, ImagesMapToEnginesWhateverTheRegistryAndTag) {
  EXPECT_EQ(engine_of_image("postgres:16-alpine"), Engine::postgres);
  EXPECT_EQ(engine_of_image("docker.io/library/mysql:8"), Engine::mysql);
  EXPECT_EQ(engine_of_image("bitnami/mongodb@sha256:abc"), Engine::mongodb);
  EXPECT_EQ(engine_of_image("mcr.microsoft.com/mssql/server:2022-latest"), Engine::sqlserver);
  EXPECT_EQ(engine_of_image("redis"), Engine::redis);
  EXPECT_EQ(engine_of_image("example/orders"), Engine::unknown);
  EXPECT_EQ(engine_of_image(""), Engine::unknown);
  EXPECT_TRUE(is_infrastructure_image("rabbitmq:3-management"));
  EXPECT_FALSE(is_infrastructure_image("example/orders"));
}

}  // namespace
}  // namespace dbsilo

namespace dbsilo {
namespace {

// Regressions from real repositories (piggymetrics, ftgo): project images built on a
// database, infrastructure by name, and modules nobody runs.
TEST(Units, ProjectImagesNamedAfterADatabaseAreDatastores) {
  EXPECT_EQ(engine_of_image("sqshq/piggymetrics-mongodb"), Engine::mongodb);
  EXPECT_EQ(engine_of_image("eventuateio/eventuate-mysql8:0.1"), Engine::mysql);
  EXPECT_EQ(engine_of_image("${REGISTRY:-eshop}/ordering.api:linux"), Engine::unknown);
  EXPECT_TRUE(is_infrastructure_image("eventuateio/eventuate-kafka:0.3"));
  EXPECT_TRUE(is_infrastructure_image("prom/alertmanager"));
  EXPECT_FALSE(is_infrastructure_image("example/orders-service"));
}

TEST(Units, TestAndContractModulesThatNothingRunsAreNotUnits) {
  const auto discovered = discover_units({manifest("orders/pom.xml", module("orders", "orders", {}, true)),
                                          manifest("e2e/pom.xml", module("shop-end-to-end-tests", "e2e", {}, false)),
                                          manifest("c/pom.xml", module("orders-service-contracts", "c", {}, false)),
                                          manifest("u/pom.xml", module("test-util", "u", {}, false)),
                                          manifest("latest/pom.xml", module("latest-prices", "latest", {}, false))});
  std::vector<std::string> names;
  for (const auto& unit : discovered.units) names.push_back(unit.name);
  EXPECT_EQ(names, (std::vector<std::string>{"latest-prices", "orders"}));
}

TEST(Units, AServiceADevFileBuildsFromADatabaseImageIsADatastoreEverywhere) {
  FileFacts base;
  base.path = "docker-compose.yml";
  base.kind = FileKind::compose;
  base.compose = ComposeFileFacts{};
  ComposeService custom_image;
  custom_image.name = "account-db";
  custom_image.image = "acme/account-store";
  base.compose->services = {custom_image};
  FileFacts dev = base;
  dev.path = "docker-compose.dev.yml";
  ComposeService built;
  built.name = "account-db";
  built.build_context = "db";
  built.built_from_image = "mongo:6";
  dev.compose->services = {built};
  const auto discovered = discover_units({base, dev});
  EXPECT_TRUE(discovered.units.empty());
}

}  // namespace
}  // namespace dbsilo
