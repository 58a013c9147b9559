// Kubernetes manifest reader: every object kind, locations, references, secrets, bad input.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "languages/datastore/connection_string.h"
#include "languages/k8s/kubernetes_reader.h"

namespace dbsilo {
namespace {

// Line numbers in the assertions below refer to this text (line 1 = "# orders stack").
constexpr const char* orders_stack = R"(# orders stack
apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
  namespace: shop
spec:
  selector:
    matchLabels: {app: orders}
  template:
    metadata:
      labels:
        app: orders
        tier: backend
    spec:
      initContainers:
        - name: migrate
          image: flyway/flyway:10
          args: ["-url=jdbc:postgresql://orders-db:5432/orders", "migrate"]
      containers:
        - name: app
          image: shop/orders:1.0
          command: ["java"]
          args: ["-Dspring.profiles.active=k8s", "-jar", "app.jar"]
          ports:
            - containerPort: 8080
          env:
            - name: SPRING_DATASOURCE_URL
              value: jdbc:postgresql://orders-db:5432/orders
            - name: DB_PASSWORD
              value: hunter2-literal
            - name: DB_USER
              valueFrom:
                configMapKeyRef: {name: orders-config, key: db.user}
            - name: DB_PASS_REF
              valueFrom:
                secretKeyRef: {name: orders-secret, key: password}
            - name: NODE_IP
              valueFrom:
                fieldRef: {fieldPath: status.hostIP}
          envFrom:
            - configMapRef: {name: orders-env}
            - secretRef: {name: orders-env-secret}
---
apiVersion: v1
kind: Service
metadata:
  name: orders-db
  namespace: shop
spec:
  selector: {app: orders-db}
  ports:
    - port: 5432
      targetPort: 5432
    - port: 80
      targetPort: http
    - port: 9000
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: orders-config
data:
  db.user: orders_app
  db.password: cm-secret-value
  application.yml: |
    spring:
      datasource:
        url: jdbc:postgresql://orders-db/orders
        password: embedded-secret
  application.properties: "spring.jpa.show-sql=true"
binaryData:
  blob: aGVsbG8=
---
apiVersion: v1
kind: Secret
metadata:
  name: orders-secret
type: Opaque
data:
  password: c3VwZXItc2VjcmV0LWI2NA==
stringData:
  username: plain-secret-user
  password: plain-secret-pass
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: orders-db-ingress
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: orders-db}
    matchExpressions:
      - {key: tier, operator: In, values: [db]}
  policyTypes: [Ingress]
  ingress:
    - from:
        - podSelector: {matchLabels: {app: orders}}
        - namespaceSelector: {}
          podSelector: {matchLabels: {role: monitor}}
        - ipBlock: {cidr: 10.0.0.0/8}
      ports:
        - {protocol: TCP, port: 5432}
)";

const KubernetesEnvVar* env_named(const KubernetesContainer& container, std::string_view name) {
  for (const auto& variable : container.env) {
    if (variable.name == name) return &variable;
  }
  return nullptr;
}

const ConfigEntry* entry_keyed(const KubernetesConfigMap& config_map, std::string_view key) {
  for (const auto& entry : config_map.data) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

// Every string the facts hold (names, values, labels, keys, args, paths, warnings).
std::vector<std::string> all_strings(const KubernetesFileFacts& facts, const std::vector<Warning>& warnings) {
  std::vector<std::string> strings;
  auto add_labels = [&](const LabelSet& labels) {
    for (const auto& [key, value] : labels) {
      strings.push_back(key);
      strings.push_back(value);
    }
  };
  for (const auto& workload : facts.workloads) {
    strings.insert(strings.end(), {workload.kind, workload.name, workload.name_space, workload.location.path});
    add_labels(workload.labels);
    for (const auto& container : workload.containers) {
      strings.insert(strings.end(), {container.name, container.image});
      strings.insert(strings.end(), container.args.begin(), container.args.end());
      for (const auto& [kind, name] : container.env_from) strings.insert(strings.end(), {kind, name});
      for (const auto& variable : container.env) {
        strings.insert(strings.end(), {variable.name, variable.value, variable.from_kind, variable.from_name, variable.from_key});
      }
    }
  }
  for (const auto& service : facts.services) {
    strings.insert(strings.end(), {service.name, service.name_space, service.type, service.external_name});
    add_labels(service.selector);
  }
  for (const auto& config_map : facts.config_maps) {
    strings.insert(strings.end(), {config_map.name, config_map.name_space});
    for (const auto& entry : config_map.data) strings.insert(strings.end(), {entry.key, entry.value, entry.location.path});
  }
  for (const auto& secret : facts.secrets) {
    strings.insert(strings.end(), {secret.name, secret.name_space});
    strings.insert(strings.end(), secret.keys.begin(), secret.keys.end());
  }
  for (const auto& policy : facts.network_policies) {
    strings.insert(strings.end(), {policy.name, policy.name_space});
    add_labels(policy.pod_selector);
    for (const auto& rule : policy.ingress) {
      for (const auto& peer : rule.from) {
        add_labels(peer.pod_selector);
        add_labels(peer.namespace_selector);
        strings.push_back(peer.ip_block);
      }
    }
  }
  for (const auto& warning : warnings) strings.insert(strings.end(), {warning.message, warning.location.path});
  return strings;
}

class OrdersStack : public ::testing::Test {
 protected:
  void SetUp() override { facts = read_kubernetes_manifests(orders_stack, "deploy/k8s/orders.yaml", warnings); }
  std::vector<Warning> warnings;
  KubernetesFileFacts facts;
};

TEST_F(OrdersStack, ReadsEveryDocumentWithoutWarnings) {
  EXPECT_TRUE(warnings.empty()) << warnings.front().message;
  EXPECT_EQ(facts.workloads.size(), 1u);
  EXPECT_EQ(facts.services.size(), 1u);
  EXPECT_EQ(facts.config_maps.size(), 1u);
  EXPECT_EQ(facts.secrets.size(), 1u);
  EXPECT_EQ(facts.network_policies.size(), 1u);
  EXPECT_FALSE(facts.kustomization.has_value());
}

TEST_F(OrdersStack, DeploymentHasItsPodTemplateLabelsAndContainers) {
  ASSERT_EQ(facts.workloads.size(), 1u);
  const KubernetesWorkload& workload = facts.workloads.front();
  EXPECT_EQ(workload.kind, "Deployment");
  EXPECT_EQ(workload.name, "orders");
  EXPECT_EQ(workload.name_space, "shop");
  EXPECT_EQ(workload.labels, (LabelSet{{"app", "orders"}, {"tier", "backend"}}));
  EXPECT_EQ(workload.location, (SourceLocation{"deploy/k8s/orders.yaml", 5, 9}));
  ASSERT_EQ(workload.containers.size(), 2u);
  const KubernetesContainer& app = workload.containers[0];
  EXPECT_EQ(app.name, "app");
  EXPECT_EQ(app.image, "shop/orders:1.0");
  EXPECT_EQ(app.ports, std::vector<int>{8080});
  EXPECT_EQ(app.args, (std::vector<std::string>{"java", "-Dspring.profiles.active=k8s", "-jar", "app.jar"}));
  const KubernetesContainer& migrate = workload.containers[1];
  EXPECT_EQ(migrate.name, "migrate");
  EXPECT_EQ(migrate.image, "flyway/flyway:10");
  EXPECT_EQ(migrate.args, (std::vector<std::string>{"-url=jdbc:postgresql://orders-db:5432/orders", "migrate"}));
}

TEST_F(OrdersStack, EnvLiteralsReferencesAndEnvFrom) {
  ASSERT_FALSE(facts.workloads.empty());
  const KubernetesContainer& app = facts.workloads.front().containers.at(0);
  ASSERT_EQ(app.env.size(), 4u) << "the fieldRef entry is skipped";
  const KubernetesEnvVar* url = env_named(app, "SPRING_DATASOURCE_URL");
  ASSERT_NE(url, nullptr);
  EXPECT_EQ(url->value, "jdbc:postgresql://orders-db:5432/orders");
  EXPECT_EQ(url->from_kind, "");
  EXPECT_FALSE(url->secret);
  EXPECT_EQ(url->location, (SourceLocation{"deploy/k8s/orders.yaml", 28, 21}));

  const KubernetesEnvVar* password = env_named(app, "DB_PASSWORD");
  ASSERT_NE(password, nullptr);
  EXPECT_TRUE(password->secret);
  EXPECT_EQ(password->value, "");
  EXPECT_EQ(password->secret_digest, secret_digest("hunter2-literal"));

  const KubernetesEnvVar* user = env_named(app, "DB_USER");
  ASSERT_NE(user, nullptr);
  EXPECT_EQ(user->from_kind, "ConfigMap");
  EXPECT_EQ(user->from_name, "orders-config");
  EXPECT_EQ(user->from_key, "db.user");
  EXPECT_EQ(user->value, "");
  EXPECT_EQ(user->location.line, 32);

  const KubernetesEnvVar* secret_ref = env_named(app, "DB_PASS_REF");
  ASSERT_NE(secret_ref, nullptr);
  EXPECT_EQ(secret_ref->from_kind, "Secret");
  EXPECT_EQ(secret_ref->from_name, "orders-secret");
  EXPECT_EQ(secret_ref->from_key, "password");
  EXPECT_FALSE(secret_ref->secret) << "a reference holds no literal to redact";
  EXPECT_EQ(env_named(app, "NODE_IP"), nullptr);

  EXPECT_EQ(app.env_from, (std::vector<std::pair<std::string, std::string>>{{"ConfigMap", "orders-env"}, {"Secret", "orders-env-secret"}}));
}

TEST_F(OrdersStack, ServiceSelectorAndPorts) {
  ASSERT_EQ(facts.services.size(), 1u);
  const KubernetesService& service = facts.services.front();
  EXPECT_EQ(service.name, "orders-db");
  EXPECT_EQ(service.name_space, "shop");
  EXPECT_EQ(service.type, "ClusterIP");
  EXPECT_EQ(service.external_name, "");
  EXPECT_EQ(service.selector, (LabelSet{{"app", "orders-db"}}));
  // A named targetPort is 0; a missing one defaults to the port.
  EXPECT_EQ(service.ports, (std::vector<std::pair<int, int>>{{5432, 5432}, {80, 0}, {9000, 9000}}));
  EXPECT_EQ(service.location, (SourceLocation{"deploy/k8s/orders.yaml", 48, 9}));
}

TEST_F(OrdersStack, ConfigMapEntriesRedactedAndEmbeddedFilesFlattened) {
  ASSERT_EQ(facts.config_maps.size(), 1u);
  const KubernetesConfigMap& config_map = facts.config_maps.front();
  EXPECT_EQ(config_map.name, "orders-config");
  EXPECT_EQ(config_map.name_space, "");
  EXPECT_EQ(config_map.location.line, 62);

  const ConfigEntry* user = entry_keyed(config_map, "db.user");
  ASSERT_NE(user, nullptr);
  EXPECT_EQ(user->value, "orders_app");
  EXPECT_EQ(user->location, (SourceLocation{"deploy/k8s/orders.yaml", 64, 3}));

  const ConfigEntry* password = entry_keyed(config_map, "db.password");
  ASSERT_NE(password, nullptr);
  EXPECT_TRUE(password->secret);
  EXPECT_EQ(password->value, "");
  EXPECT_EQ(password->secret_digest, secret_digest("cm-secret-value"));

  // The embedded application.yml: keys of the file, lines pointing into the manifest.
  const ConfigEntry* url = entry_keyed(config_map, "spring.datasource.url");
  ASSERT_NE(url, nullptr);
  EXPECT_EQ(url->value, "jdbc:postgresql://orders-db/orders");
  EXPECT_EQ(url->location, (SourceLocation{"deploy/k8s/orders.yaml", 69, 9}));
  const ConfigEntry* embedded_password = entry_keyed(config_map, "spring.datasource.password");
  ASSERT_NE(embedded_password, nullptr);
  EXPECT_TRUE(embedded_password->secret);
  EXPECT_EQ(embedded_password->location.line, 70);

  // A quoted one-line file cannot be mapped line by line: it points at its value.
  const ConfigEntry* show_sql = entry_keyed(config_map, "spring.jpa.show-sql");
  ASSERT_NE(show_sql, nullptr);
  EXPECT_EQ(show_sql->value, "true");
  EXPECT_EQ(show_sql->location, (SourceLocation{"deploy/k8s/orders.yaml", 71, 27}));

  const ConfigEntry* whole_file = entry_keyed(config_map, "application.yml");
  ASSERT_NE(whole_file, nullptr) << "the file's own entry stays";
  EXPECT_EQ(whole_file->value, "") << "its text may hold secrets";
  EXPECT_EQ(whole_file->location.line, 66);
  EXPECT_EQ(entry_keyed(config_map, "blob"), nullptr) << "binaryData is skipped";
}

TEST_F(OrdersStack, SecretKeepsKeyNamesOnly) {
  ASSERT_EQ(facts.secrets.size(), 1u);
  const KubernetesSecret& secret = facts.secrets.front();
  EXPECT_EQ(secret.name, "orders-secret");
  EXPECT_EQ(secret.keys, (std::vector<std::string>{"password", "username"}));
  EXPECT_EQ(secret.location.line, 78);
}

TEST_F(OrdersStack, NoSecretValueAppearsAnywhere) {
  const std::vector<std::string> strings = all_strings(facts, warnings);
  ASSERT_GT(strings.size(), 50u);
  for (const char* secret : {"c3VwZXItc2VjcmV0LWI2NA==", "plain-secret-user", "plain-secret-pass", "hunter2-literal",
                             "cm-secret-value", "embedded-secret"}) {
    for (const std::string& text : strings) EXPECT_EQ(text.find(secret), std::string::npos) << secret << " leaked in " << text;
  }
}

TEST_F(OrdersStack, NetworkPolicySelectorsRulesAndPorts) {
  ASSERT_EQ(facts.network_policies.size(), 1u);
  const KubernetesNetworkPolicy& policy = facts.network_policies.front();
  EXPECT_EQ(policy.name, "orders-db-ingress");
  EXPECT_EQ(policy.name_space, "shop");
  EXPECT_EQ(policy.location.line, 89);
  EXPECT_EQ(policy.pod_selector, (LabelSet{{"app", "orders-db"}, {"tier", "db"}})) << "In with one value is a label";
  EXPECT_TRUE(policy.restricts_ingress);
  ASSERT_EQ(policy.ingress.size(), 1u);
  const NetworkPolicyIngressRule& rule = policy.ingress.front();
  EXPECT_EQ(rule.ports, std::vector<int>{5432});
  ASSERT_EQ(rule.from.size(), 3u);
  EXPECT_TRUE(rule.from[0].has_pod_selector);
  EXPECT_FALSE(rule.from[0].has_namespace_selector);
  EXPECT_EQ(rule.from[0].pod_selector, (LabelSet{{"app", "orders"}}));
  EXPECT_TRUE(rule.from[1].has_namespace_selector);
  EXPECT_TRUE(rule.from[1].namespace_selector.empty()) << "{} = every namespace";
  EXPECT_EQ(rule.from[1].pod_selector, (LabelSet{{"role", "monitor"}}));
  EXPECT_FALSE(rule.from[2].has_pod_selector);
  EXPECT_EQ(rule.from[2].ip_block, "10.0.0.0/8");
}

TEST(KubernetesReader, PolicyTypesFollowTheApiDefaults) {
  std::vector<Warning> warnings;
  const auto facts = read_kubernetes_manifests(
      "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all}\nspec:\n  podSelector: {}\n"
      "---\n"
      "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: egress-only}\nspec:\n  podSelector: {}\n"
      "  policyTypes: [Egress]\n  ingress: [{}]\n  egress: [{}]\n"
      "---\n"
      "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: open}\nspec:\n  podSelector: {}\n"
      "  ingress:\n    - ports: [{port: db}]\n",
      "np.yaml", warnings);
  ASSERT_EQ(facts.network_policies.size(), 3u);
  // No policyTypes: every policy affects Ingress; with no rules, it denies all ingress.
  EXPECT_TRUE(facts.network_policies[0].restricts_ingress);
  EXPECT_TRUE(facts.network_policies[0].ingress.empty());
  EXPECT_TRUE(facts.network_policies[0].pod_selector.empty());
  // policyTypes: [Egress] ignores the ingress section.
  EXPECT_FALSE(facts.network_policies[1].restricts_ingress);
  EXPECT_TRUE(facts.network_policies[1].ingress.empty());
  // A rule with no `from` admits everyone; a named port counts as every port.
  EXPECT_TRUE(facts.network_policies[2].restricts_ingress);
  ASSERT_EQ(facts.network_policies[2].ingress.size(), 1u);
  EXPECT_TRUE(facts.network_policies[2].ingress[0].from.empty());
  EXPECT_TRUE(facts.network_policies[2].ingress[0].ports.empty());
  EXPECT_TRUE(warnings.empty());
}

TEST(KubernetesReader, UnsupportedSelectorExpressionsWarnAndAreDropped) {
  std::vector<Warning> warnings;
  const auto facts = read_kubernetes_manifests(
      "apiVersion: networking.k8s.io/v1\n"
      "kind: NetworkPolicy\n"
      "metadata: {name: db}\n"
      "spec:\n"
      "  podSelector:\n"
      "    matchLabels: {app: db}\n"
      "    matchExpressions:\n"
      "      - {key: env, operator: NotIn, values: [dev]}\n",
      "np.yaml", warnings);
  ASSERT_EQ(facts.network_policies.size(), 1u);
  EXPECT_EQ(facts.network_policies[0].pod_selector, (LabelSet{{"app", "db"}}));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].location.line, 8);
  EXPECT_NE(warnings[0].message.find("'env'"), std::string::npos);
}

TEST(KubernetesReader, CronJobPodTemplateIsUnderTheJobTemplate) {
  std::vector<Warning> warnings;
  const auto facts = read_kubernetes_manifests(
      "apiVersion: batch/v1\n"
      "kind: CronJob\n"
      "metadata:\n"
      "  name: nightly-report\n"
      "spec:\n"
      "  schedule: '0 2 * * *'\n"
      "  jobTemplate:\n"
      "    spec:\n"
      "      template:\n"
      "        metadata: {labels: {app: reports}}\n"
      "        spec:\n"
      "          containers:\n"
      "            - name: report\n"
      "              image: shop/report:2\n"
      "              env: [{name: DB_HOST, value: billing-db}]\n",
      "cron.yaml", warnings);
  ASSERT_EQ(facts.workloads.size(), 1u);
  EXPECT_EQ(facts.workloads[0].kind, "CronJob");
  EXPECT_EQ(facts.workloads[0].name, "nightly-report");
  EXPECT_EQ(facts.workloads[0].labels, (LabelSet{{"app", "reports"}}));
  ASSERT_EQ(facts.workloads[0].containers.size(), 1u);
  ASSERT_EQ(facts.workloads[0].containers[0].env.size(), 1u);
  EXPECT_EQ(facts.workloads[0].containers[0].env[0].value, "billing-db");
  EXPECT_EQ(facts.workloads[0].containers[0].env[0].location.line, 15);
}

TEST(KubernetesReader, ListItemsAndPodsAreRead) {
  std::vector<Warning> warnings;
  const auto facts = read_kubernetes_manifests(
      "apiVersion: v1\n"
      "kind: List\n"
      "items:\n"
      "  - apiVersion: v1\n"
      "    kind: Pod\n"
      "    metadata:\n"
      "      name: debug\n"
      "      labels: {app: debug}\n"
      "    spec:\n"
      "      containers: [{name: psql, image: postgres:16}]\n"
      "  - apiVersion: v1\n"
      "    kind: Service\n"
      "    metadata: {name: legacy-db, namespace: data}\n"
      "    spec: {type: ExternalName, externalName: db.example.com}\n"
      "  - not-an-object\n",
      "list.yaml", warnings);
  ASSERT_EQ(facts.workloads.size(), 1u);
  EXPECT_EQ(facts.workloads[0].kind, "Pod");
  EXPECT_EQ(facts.workloads[0].labels, (LabelSet{{"app", "debug"}}));
  EXPECT_EQ(facts.workloads[0].location.line, 7);
  ASSERT_EQ(facts.workloads[0].containers.size(), 1u);
  EXPECT_EQ(facts.workloads[0].containers[0].image, "postgres:16");
  ASSERT_EQ(facts.services.size(), 1u);
  EXPECT_EQ(facts.services[0].type, "ExternalName");
  EXPECT_EQ(facts.services[0].external_name, "db.example.com");
  EXPECT_EQ(facts.services[0].name_space, "data");
  EXPECT_TRUE(warnings.empty());
}

TEST(KubernetesReader, BrokenDocumentWarnsWithItsLineAndKeepsTheOthers) {
  std::vector<Warning> warnings;
  const auto facts = read_kubernetes_manifests(
      "apiVersion: v1\n"
      "kind: Service\n"
      "metadata: {name: first}\n"
      "---\n"
      "apiVersion: v1\n"
      "kind: ConfigMap\n"
      "metadata: {name: broken\n"
      "data: [\n"
      "---\n"
      "apiVersion: v1\n"
      "kind: Service\n"
      "metadata: {name: third}\n",
      "mixed.yaml", warnings);
  ASSERT_EQ(facts.services.size(), 2u);
  EXPECT_EQ(facts.services[0].name, "first");
  EXPECT_EQ(facts.services[1].name, "third");
  EXPECT_EQ(facts.services[1].location.line, 12);
  EXPECT_TRUE(facts.config_maps.empty());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_GE(warnings[0].location.line, 5);
  EXPECT_LE(warnings[0].location.line, 9);
  EXPECT_EQ(warnings[0].location.path, "mixed.yaml");
}

TEST(KubernetesReader, NonKubernetesYamlGivesNothing) {
  std::vector<Warning> warnings;
  const auto facts = read_kubernetes_manifests("spring:\n  datasource:\n    url: jdbc:h2:mem:x\n---\nkind: Thing\n", "app.yml", warnings);
  EXPECT_TRUE(facts.workloads.empty());
  EXPECT_TRUE(facts.services.empty());
  EXPECT_TRUE(facts.config_maps.empty());
  EXPECT_TRUE(warnings.empty());
}

TEST(KubernetesReader, LooksLikeKubernetesNeedsBothKeysInOneDocument) {
  EXPECT_TRUE(looks_like_kubernetes("apiVersion: v1\nkind: Service\n"));
  EXPECT_TRUE(looks_like_kubernetes("\xEF\xBB\xBF# c\nkind: Pod\napiVersion: v1\n"));
  EXPECT_TRUE(looks_like_kubernetes("a: 1\n---\napiVersion: apps/v1\nkind: Deployment\n"));
  EXPECT_FALSE(looks_like_kubernetes("apiVersion: v1\n---\nkind: Service\n"));
  EXPECT_FALSE(looks_like_kubernetes("spec:\n  apiVersion: v1\n  kind: Service\n"));
  EXPECT_FALSE(looks_like_kubernetes("services:\n  db:\n    image: postgres\n"));
  EXPECT_FALSE(looks_like_kubernetes(""));
}

TEST(KubernetesReader, GarbageNeverThrows) {
  const std::vector<std::string> inputs = {
      std::string("\0\xff\xfe\x01garbage\n---\n\x80\x81", 14),
      "apiVersion: v1\nkind: Deployment\nspec: 5\n",
      "apiVersion: v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers: {a: b}\n",
      "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - env: [1, [2], {name: [x]}]\n      ports: [{containerPort: abc}]\n",
      "apiVersion: v1\nkind: ConfigMap\ndata:\n  app.yml: |\n    a: [\n  b.properties: [1, 2]\n",
      "apiVersion: v1\nkind: Secret\ndata: [a, b]\nstringData: x\n",
      "apiVersion: v1\nkind: List\nitems: &a [*a]\n",
      "apiVersion: v1\nkind: NetworkPolicy\nspec:\n  podSelector: [x]\n  ingress: [{from: [{podSelector: 3}]}, 7]\n",
      "apiVersion: v1\nkind: Service\nspec: {ports: [{port: 99999999999999}]}\n",
      "{{ .Values.name }}\napiVersion: v1\nkind: {{ .Values.kind }}\n",
      std::string(2000, '[') + "\n",
      "kind: [\napiVersion: {\n",
  };
  for (const std::string& input : inputs) {
    std::vector<Warning> warnings;
    EXPECT_NO_THROW(read_kubernetes_manifests(input, "g.yaml", warnings)) << input.substr(0, 40);
    EXPECT_NO_THROW(read_kustomization(input, "k/kustomization.yaml", warnings)) << input.substr(0, 40);
    EXPECT_NO_THROW(looks_like_kubernetes(input));
  }
}

}  // namespace
}  // namespace dbsilo
