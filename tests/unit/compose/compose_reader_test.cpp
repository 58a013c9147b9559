// docker-compose reader: services, build contexts, environment forms, ports, merge keys, bad input.
#include <gtest/gtest.h>

#include "languages/compose/compose_reader.h"

namespace dbsilo {
namespace {

const ComposeService* service_named(const ComposeFileFacts& facts, std::string_view name) {
  for (const auto& service : facts.services) {
    if (service.name == name) return &service;
  }
  return nullptr;
}

TEST(ComposeReader, RecognisesEveryComposeFileName) {
  for (const char* name : {"docker-compose.yml", "docker-compose.yaml", "compose.yaml", "compose.yml", "docker-compose.override.yml",
                           "docker-compose.prod.yaml", "compose.dev.yml"}) {
    EXPECT_TRUE(is_compose_file_name(name)) << name;
  }
  for (const char* name : {"application.yml", "docker-compose.txt", "my-compose.yml", "compose.json"}) {
    EXPECT_FALSE(is_compose_file_name(name)) << name;
  }
}

TEST(ComposeReader, ReadsBuildContextsRelativeToTheFile) {
  std::vector<Warning> warnings;
  const auto facts = read_compose_file(
      "services:\n"
      "  orders:\n"
      "    build: ../services/orders\n"
      "  billing:\n"
      "    build:\n"
      "      context: ./billing\n"
      "      dockerfile: docker/Dockerfile\n"
      "  remote:\n"
      "    build: https://github.com/example/x.git\n",
      "deploy/docker-compose.yml", warnings);
  ASSERT_EQ(facts.services.size(), 3u);
  EXPECT_EQ(facts.project_dir, "deploy");
  EXPECT_EQ(service_named(facts, "orders")->build_context, "services/orders");
  EXPECT_EQ(service_named(facts, "billing")->build_context, "deploy/billing");
  EXPECT_EQ(service_named(facts, "billing")->dockerfile, "deploy/billing/docker/Dockerfile");
  EXPECT_EQ(service_named(facts, "remote")->build_context, "");
  EXPECT_TRUE(warnings.empty());
}

TEST(ComposeReader, PathsLeavingTheRootAreDroppedWithAWarning) {
  std::vector<Warning> warnings;
  const auto facts = read_compose_file("services:\n  a:\n    build: ../outside\n    env_file: /etc/passwd\n", "docker-compose.yml", warnings);
  EXPECT_EQ(facts.services.at(0).build_context, "");
  EXPECT_TRUE(facts.services.at(0).env_files.empty());
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0].location.line, 3);
  EXPECT_NE(warnings[0].message.find("leaves the scanned root"), std::string::npos);
}

TEST(ComposeReader, EnvironmentAsListAndMapWithSecretsDropped) {
  std::vector<Warning> warnings;
  const auto facts = read_compose_file(
      "services:\n"
      "  a:\n"
      "    environment:\n"
      "      - DB_HOST=pg\n"
      "      - FROM_HOST\n"
      "      - DB_PASSWORD=hunter2\n"
      "  b:\n"
      "    environment:\n"
      "      SPRING_DATASOURCE_URL: jdbc:postgresql://pg/b\n"
      "      EMPTY:\n",
      "docker-compose.yml", warnings);
  const auto& a = service_named(facts, "a")->environment;
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0].name, "DB_HOST");
  EXPECT_EQ(a[0].value, "pg");
  EXPECT_EQ(a[0].location.line, 4);
  EXPECT_FALSE(a[1].has_value);
  EXPECT_TRUE(a[2].secret);
  EXPECT_EQ(a[2].value, "");
  EXPECT_NE(a[2].secret_digest, 0u);
  const auto& b = service_named(facts, "b")->environment;
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[0].value, "jdbc:postgresql://pg/b");
  EXPECT_EQ(b[0].location.line, 9);
  EXPECT_FALSE(b[1].has_value);
}

TEST(ComposeReader, PortsNetworksAndAliases) {
  std::vector<Warning> warnings;
  const auto facts = read_compose_file(
      "services:\n"
      "  db:\n"
      "    image: postgres:16\n"
      "    ports: [\"5433:5432\", \"127.0.0.1:6000:6000/tcp\", \"9000\", {target: 80, published: \"8080\", host_ip: 0.0.0.0}]\n"
      "    networks:\n"
      "      backend:\n"
      "        aliases: [pg, database]\n"
      "networks:\n"
      "  backend: {}\n",
      "docker-compose.yml", warnings);
  const auto* db = service_named(facts, "db");
  ASSERT_NE(db, nullptr);
  ASSERT_EQ(db->ports.size(), 4u);
  EXPECT_EQ(db->ports[0].host_port, "5433");
  EXPECT_EQ(db->ports[0].container_port, 5432);
  EXPECT_EQ(db->ports[1].host_ip, "127.0.0.1");
  EXPECT_EQ(db->ports[1].container_port, 6000);
  EXPECT_EQ(db->ports[2].host_port, "");
  EXPECT_EQ(db->ports[3].host_port, "8080");
  EXPECT_EQ(db->networks, std::vector<std::string>{"backend"});
  EXPECT_EQ(db->network_aliases, (std::vector<std::string>{"pg", "database"}));
  EXPECT_EQ(facts.networks, std::vector<std::string>{"backend"});
}

TEST(ComposeReader, MergeKeysBringAnchoredEnvironment) {
  std::vector<Warning> warnings;
  const auto facts = read_compose_file(
      "x-common: &common\n"
      "  environment:\n"
      "    DB_HOST: shared-db\n"
      "services:\n"
      "  a:\n"
      "    <<: *common\n"
      "    image: example/a\n",
      "docker-compose.yml", warnings);
  const auto* a = service_named(facts, "a");
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->environment.size(), 1u);
  EXPECT_EQ(a->environment[0].value, "shared-db");
  EXPECT_EQ(a->image, "example/a");
}

TEST(ComposeReader, BrokenYamlGivesALocatedWarningAndNoCrash) {
  std::vector<Warning> warnings;
  const auto facts = read_compose_file("services:\n  a:\n    image: x\n   bad: [\n", "docker-compose.yml", warnings);
  EXPECT_TRUE(facts.services.empty());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_GT(warnings[0].location.line, 0);
  for (const char* garbage : {"\x01\x02\x03", "services: [1, 2", "services:\n  - a\n  - b\n", "services:\n  a: 5\n", ""}) {
    std::vector<Warning> ignored;
    EXPECT_NO_THROW(read_compose_file(garbage, "docker-compose.yml", ignored));
  }
}

TEST(ComposeReader, JoinRelativePathNormalises) {
  bool escaped = false;
  EXPECT_EQ(join_relative_path("a/b", "../c/./d", escaped), "a/c/d");
  EXPECT_FALSE(escaped);
  EXPECT_EQ(join_relative_path("", "../x", escaped), "");
  EXPECT_TRUE(escaped);
  EXPECT_EQ(join_relative_path("a", ".", escaped), "a");
  EXPECT_FALSE(escaped);
}

}  // namespace
}  // namespace dbsilo

namespace dbsilo {
namespace {

// Regression (eShopOnContainers): an image-only service must not get a build context.
TEST(ComposeReader, ImageOnlyServiceHasNoBuildContext) {
  std::vector<Warning> warnings;
  const auto facts = read_compose_file("services:\n  seq:\n    image: datalust/seq\n  x:\n    <<: {}\n    image: y\n", "src/docker-compose.yml", warnings);
  ASSERT_EQ(facts.services.size(), 2u);
  EXPECT_EQ(facts.services[0].build_context, "");
  EXPECT_EQ(facts.services[1].build_context, "");
  EXPECT_TRUE(facts.services[0].env_files.empty());
}

}  // namespace
}  // namespace dbsilo
