// kustomization.yaml reader: base and overlay paths, patches, name overrides, remote and escaping targets.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "languages/k8s/kubernetes_reader.h"

namespace dbsilo {
namespace {

TEST(Kustomization, RecognisesTheNamesKustomizeAccepts) {
  for (const char* name : {"kustomization.yaml", "kustomization.yml", "Kustomization", "deploy/base/kustomization.yaml"}) {
    EXPECT_TRUE(is_kustomization_name(name)) << name;
  }
  for (const char* name : {"kustomization.json", "Kustomization.yaml", "my-kustomization.yaml", "kustomize.yaml"}) {
    EXPECT_FALSE(is_kustomization_name(name)) << name;
  }
}

TEST(Kustomization, BaseListsItsFilesRelativeToTheRoot) {
  std::vector<Warning> warnings;
  const KustomizationFacts facts = read_kustomization(
      "apiVersion: kustomize.config.k8s.io/v1beta1\n"
      "kind: Kustomization\n"
      "resources:\n"
      "  - deployment.yaml\n"
      "  - ./service.yaml\n"
      "  - db/\n",
      "deploy/base/kustomization.yaml", warnings);
  EXPECT_EQ(facts.resources, (std::vector<std::string>{"deploy/base/deployment.yaml", "deploy/base/service.yaml", "deploy/base/db"}));
  EXPECT_TRUE(facts.patches.empty());
  EXPECT_EQ(facts.name_space, "");
  EXPECT_EQ(facts.location.path, "deploy/base/kustomization.yaml");
  EXPECT_TRUE(warnings.empty());
}

TEST(Kustomization, OverlayResolvesBasesPatchesAndOverrides) {
  std::vector<Warning> warnings;
  const KustomizationFacts facts = read_kustomization(
      "namespace: prod\n"
      "namePrefix: prod-\n"
      "nameSuffix: -v2\n"
      "bases:\n"
      "  - ../../base\n"
      "resources:\n"
      "  - ../../base\n"
      "  - extra/configmap.yaml\n"
      "  - github.com/example/platform//postgres?ref=v1.2.0\n"
      "  - https://example.com/manifests/redis.yaml\n"
      "  - ../../../../outside\n"
      "components:\n"
      "  - ../../components/monitoring\n"
      "patchesStrategicMerge:\n"
      "  - replicas.yaml\n"
      "  - |-\n"
      "    apiVersion: apps/v1\n"
      "    kind: Deployment\n"
      "patches:\n"
      "  - path: db-url.yaml\n"
      "    target: {kind: Deployment}\n"
      "  - patch: |-\n"
      "      - op: replace\n"
      "        path: /spec/replicas\n"
      "        value: 3\n",
      "deploy/overlays/prod/kustomization.yaml", warnings);
  EXPECT_EQ(facts.name_space, "prod");
  EXPECT_EQ(facts.name_prefix, "prod-");
  EXPECT_EQ(facts.name_suffix, "-v2");
  // bases, components and resources all count; a base listed twice appears once.
  EXPECT_EQ(facts.resources, (std::vector<std::string>{"deploy/base", "deploy/components/monitoring",
                                                       "deploy/overlays/prod/extra/configmap.yaml"}));
  EXPECT_EQ(facts.patches, (std::vector<std::string>{"deploy/overlays/prod/replicas.yaml", "deploy/overlays/prod/db-url.yaml"}));
  ASSERT_EQ(warnings.size(), 3u);
  EXPECT_EQ(warnings[0].location.line, 9);
  EXPECT_NE(warnings[0].message.find("remote"), std::string::npos);
  EXPECT_EQ(warnings[1].location.line, 10);
  EXPECT_EQ(warnings[2].location.line, 11);
  EXPECT_NE(warnings[2].message.find("leaves the scanned root"), std::string::npos);
}

TEST(Kustomization, BrokenYamlWarnsOnceWithItsLine) {
  std::vector<Warning> warnings;
  const KustomizationFacts facts = read_kustomization("resources:\n  - a.yaml\n  - [b\n", "kustomization.yaml", warnings);
  EXPECT_TRUE(facts.resources.empty());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_GE(warnings[0].location.line, 3);
}

TEST(Kustomization, FileAtTheRootCannotReachAbove) {
  std::vector<Warning> warnings;
  const KustomizationFacts facts = read_kustomization("resources: [../x, /etc/k8s, app.yaml]\n", "kustomization.yml", warnings);
  EXPECT_EQ(facts.resources, std::vector<std::string>{"app.yaml"});
  EXPECT_EQ(warnings.size(), 2u);
}

}  // namespace
}  // namespace dbsilo
