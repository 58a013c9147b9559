// The service-map builder: nodes and scopes from the model, and each finding on exactly the edges it concerns.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "scanner/report/graph.h"

namespace dbsilo {
namespace {

Unit unit(const std::string& name, UnitKind kind, const std::string& scope, std::vector<std::string> dependencies = {}) {
  Unit made;
  made.name = name;
  made.kind = kind;
  made.root = "units/" + name;
  made.language = "java";
  made.scope = scope;
  made.dependencies = std::move(dependencies);
  return made;
}

Datasource datasource(const std::string& unit_name, const std::string& server_key, const std::string& database,
                      const SourceLocation& origin, std::optional<SourceLocation> user_origin = std::nullopt) {
  Datasource made;
  made.unit = unit_name;
  made.server_key = server_key;
  made.server_label = "postgres://" + server_key.substr(server_key.find('|') + 1);
  made.database_label = database;
  made.resolved = true;
  made.origin = {"spring.datasource.url", origin, false};
  if (user_origin) made.user_origin = SettingOrigin{"spring.datasource.username", *user_origin, false};
  return made;
}

Finding finding(const std::string& rule, std::vector<std::string> services, const SourceLocation& location,
                std::vector<SourceLocation> related = {}) {
  Finding made;
  made.rule = rule;
  made.message = rule + " between " + services.front();
  made.services = std::move(services);
  made.location = location;
  for (const auto& other : related) made.related.push_back({other, "the other side"});
  return made;
}

const SourceLocation kOrdersUrl{"orders/application.yml", 3, 5};
const SourceLocation kOrdersUser{"orders/application.yml", 4, 5};
const SourceLocation kUsersUrl{"docker-compose.yml", 12, 7};
const SourceLocation kBillingUrl{"billing/application.properties", 2, 1};
const SourceLocation kBillingCacheUrl{"billing/application.properties", 9, 1};
const SourceLocation kLibraryFile{"libs/common/common.yml", 4, 5};

// orders, users and billing share the server "shop-db" of the root scope; billing also uses a
// cache; orders and users depend on the library common; a second scope holds its own "shop-db".
Model shop_model() {
  Model model;
  model.units = {unit("billing", UnitKind::service, "."),
                 unit("common", UnitKind::library, "."),
                 unit("orders", UnitKind::service, ".", {"common"}),
                 unit("reports", UnitKind::service, "apps/reports"),
                 unit("users", UnitKind::service, ".", {"common", "billing"})};
  model.datasources = {datasource("billing", ".|shop-db:5432", "billing", kBillingUrl),
                       datasource("billing", ".|cache:6379", "", kBillingCacheUrl),
                       datasource("orders", ".|shop-db:5432", "shop", kOrdersUrl, kOrdersUser),
                       datasource("reports", "apps/reports|shop-db:5432", "reports", {"apps/reports/app.yml", 1, 1}),
                       datasource("users", ".|shop-db:5432", "shop", kUsersUrl)};
  SharedConfigFile shared;
  shared.path = kLibraryFile.path;
  shared.loaded_by = {"orders", "users"};
  shared.provider = "common";
  model.shared_config_files = {shared};
  return model;
}

std::vector<std::string> flagged_edges(const Graph& graph) {
  std::vector<std::string> ids;
  for (const auto& edge : graph.edges) {
    if (edge.flagged()) ids.push_back(edge.id);
  }
  return ids;
}

std::vector<std::string> rules_of(const Graph& graph, const std::string& edge_id) {
  const GraphEdge* edge = graph.find_edge(edge_id);
  EXPECT_NE(edge, nullptr) << edge_id;
  return edge ? edge->rules : std::vector<std::string>{};
}

TEST(GraphBuilder, DrawsUnitsDatastoresAndTheirEdges) {
  const Graph graph = build_graph(shop_model(), {});
  std::vector<std::string> node_ids;
  for (const auto& node : graph.nodes) node_ids.push_back(node.id);
  EXPECT_EQ(node_ids, (std::vector<std::string>{"service:billing", "service:orders", "service:users", "library:common",
                                                "datastore:.|cache:6379", "datastore:.|shop-db:5432", "service:reports",
                                                "datastore:apps/reports|shop-db:5432"}));
  std::vector<std::string> edge_ids;
  for (const auto& edge : graph.edges) edge_ids.push_back(edge.id + " " + edge.label);
  EXPECT_EQ(edge_ids, (std::vector<std::string>{
                          "service:billing->datastore:.|cache:6379 uses",
                          "service:billing->datastore:.|shop-db:5432 uses billing",
                          "service:orders->datastore:.|shop-db:5432 uses shop",
                          "service:orders->library:common depends on",
                          "service:reports->datastore:apps/reports|shop-db:5432 uses reports",
                          "service:users->datastore:.|shop-db:5432 uses shop",
                          "service:users->library:common depends on",  // users -> billing: a service, no edge
                      }));
  EXPECT_TRUE(flagged_edges(graph).empty());
  EXPECT_EQ(graph.find_node("datastore:.|shop-db:5432")->detail, "databases: billing, shop");
}

TEST(GraphBuilder, GroupsNodesByDeploymentScope) {
  Model model = shop_model();
  // A global host joins its users' scope when they share one, and stands outside every scope otherwise.
  model.datasources.push_back(datasource("reports", "|db.example.com:5432", "a", {"apps/reports/app.yml", 7, 1}));
  model.datasources.push_back(datasource("orders", "|shared.example.com:5432", "b", {"orders/application.yml", 20, 1}));
  model.datasources.push_back(datasource("reports", "|shared.example.com:5432", "b", {"apps/reports/app.yml", 9, 1}));
  const Graph graph = build_graph(model, {});
  ASSERT_EQ(graph.groups.size(), 2u);
  EXPECT_EQ(graph.groups[0].id, ".");
  EXPECT_EQ(graph.groups[0].label, "scope: repository root");
  EXPECT_EQ(graph.groups[1].id, "apps/reports");
  EXPECT_EQ(graph.find_node("service:orders")->group, ".");
  EXPECT_EQ(graph.find_node("service:reports")->group, "apps/reports");
  EXPECT_EQ(graph.find_node("datastore:.|shop-db:5432")->group, ".");
  EXPECT_EQ(graph.find_node("datastore:apps/reports|shop-db:5432")->group, "apps/reports");
  EXPECT_EQ(graph.find_node("datastore:|db.example.com:5432")->group, "apps/reports");
  EXPECT_EQ(graph.find_node("datastore:|shared.example.com:5432")->group, "");
}

TEST(GraphBuilder, RedEdgesExactlyWhereTheFindingsPoint) {
  const std::vector<Finding> findings = {
      // orders and users share a database: both sides' datasource origins are named.
      finding("shared-database", {"users", "orders"}, kUsersUrl, {kOrdersUrl}),
      // billing is on the same server, but this finding names billing without pointing at it: no edge.
      finding("shared-database-instance", {"orders", "billing"}, kOrdersUrl),
      // a login shared by orders and billing, anchored at orders' user and billing's URL.
      finding("shared-connection-pool", {"orders", "billing"}, kOrdersUser, {kBillingUrl}),
  };
  const Graph graph = build_graph(shop_model(), findings);
  EXPECT_EQ(flagged_edges(graph), (std::vector<std::string>{"service:billing->datastore:.|shop-db:5432",
                                                            "service:orders->datastore:.|shop-db:5432",
                                                            "service:users->datastore:.|shop-db:5432"}));
  EXPECT_EQ(rules_of(graph, "service:orders->datastore:.|shop-db:5432"),
            (std::vector<std::string>{"shared-connection-pool", "shared-database", "shared-database-instance"}));
  EXPECT_EQ(rules_of(graph, "service:users->datastore:.|shop-db:5432"), (std::vector<std::string>{"shared-database"}));
  EXPECT_EQ(rules_of(graph, "service:billing->datastore:.|shop-db:5432"), (std::vector<std::string>{"shared-connection-pool"}));
  // The cache is another server of billing's: its origin is not in any finding.
  EXPECT_FALSE(graph.find_edge("service:billing->datastore:.|cache:6379")->flagged());
  EXPECT_EQ(graph.find_edge("service:orders->datastore:.|shop-db:5432")->findings, (std::vector<std::size_t>{0, 1, 2}));
}

TEST(GraphBuilder, AFindingOfAnotherServiceAtTheSameLocationMarksNothing) {
  // The location is orders' datasource, but the finding is about users and billing only.
  const Graph graph = build_graph(shop_model(), {finding("shared-database", {"users", "billing"}, kOrdersUrl)});
  EXPECT_TRUE(flagged_edges(graph).empty());
}

TEST(GraphBuilder, SharedFileFindingsMarkTheServicesEdgesToTheLibraryThatProvidesIt) {
  const std::vector<Finding> findings = {
      finding("shared-datasource-config", {"orders", "users"}, kLibraryFile),
      // shared-database is not a library-file rule: located in the library's file, it marks no library edge.
      finding("shared-database", {"orders", "users"}, kLibraryFile),
      // a file that is not the library's marks no library edge.
      finding("shared-connection-pool", {"orders", "users"}, {"config-server/application.yml", 2, 1}),
  };
  const Graph graph = build_graph(shop_model(), findings);
  EXPECT_EQ(flagged_edges(graph), (std::vector<std::string>{"service:orders->library:common", "service:users->library:common"}));
  EXPECT_EQ(rules_of(graph, "service:orders->library:common"), (std::vector<std::string>{"shared-datasource-config"}));
  EXPECT_EQ(graph.find_node("library:common")->findings, (std::vector<std::size_t>{0, 1}));
}

TEST(GraphBuilder, ARuleTheMapDoesNotPlaceMarksNoEdgeButStaysOnItsServices) {
  const Graph graph = build_graph(shop_model(), {finding("some-future-rule", {"orders", "users"}, kOrdersUrl, {kUsersUrl})});
  EXPECT_TRUE(flagged_edges(graph).empty());
  EXPECT_EQ(graph.find_node("service:orders")->findings, (std::vector<std::size_t>{0}));
  EXPECT_EQ(graph.find_node("service:users")->findings, (std::vector<std::size_t>{0}));
  EXPECT_TRUE(graph.find_node("service:billing")->findings.empty());
}

TEST(GraphBuilder, NodesListTheFindingsOfTheirEdges) {
  const std::vector<Finding> findings = {finding("shared-database", {"users", "orders"}, kUsersUrl, {kOrdersUrl}),
                                         finding("shared-connection-pool", {"orders", "billing"}, kOrdersUser, {kBillingUrl})};
  const Graph graph = build_graph(shop_model(), findings);
  EXPECT_EQ(graph.find_node("datastore:.|shop-db:5432")->findings, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(graph.find_node("service:billing")->findings, (std::vector<std::size_t>{1}));
  EXPECT_TRUE(graph.find_node("datastore:.|cache:6379")->findings.empty());
}

TEST(GraphBuilder, AServerReachedOnlyUnderAProfileSaysSo) {
  Model model = shop_model();
  Datasource staging = datasource("orders", "|staging-db:5432", "shop", {"orders/application-staging.yml", 2, 1});
  staging.profile = "staging";
  model.datasources.push_back(staging);
  const Graph graph = build_graph(model, {});
  EXPECT_EQ(graph.find_edge("service:orders->datastore:|staging-db:5432")->label, "uses shop (profile staging)");
  EXPECT_EQ(graph.find_edge("service:orders->datastore:.|shop-db:5432")->label, "uses shop");
}

TEST(GraphBuilder, OrderDoesNotDependOnTheModelsOrder) {
  const std::vector<Finding> findings = {finding("shared-database", {"users", "orders"}, kUsersUrl, {kOrdersUrl})};
  const Graph expected = build_graph(shop_model(), findings);
  Model shuffled = shop_model();
  std::mt19937 random(7);
  std::shuffle(shuffled.units.begin(), shuffled.units.end(), random);
  std::shuffle(shuffled.datasources.begin(), shuffled.datasources.end(), random);
  const Graph graph = build_graph(shuffled, findings);
  ASSERT_EQ(graph.nodes.size(), expected.nodes.size());
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) EXPECT_EQ(graph.nodes[i].id, expected.nodes[i].id);
  ASSERT_EQ(graph.edges.size(), expected.edges.size());
  for (std::size_t i = 0; i < graph.edges.size(); ++i) {
    EXPECT_EQ(graph.edges[i].id, expected.edges[i].id);
    EXPECT_EQ(graph.edges[i].findings, expected.edges[i].findings);
  }
}

TEST(GraphBuilder, DatasourcesWithoutAServerDrawNothing) {
  Model model;
  model.units = {unit("orders", UnitKind::service, ".")};
  Datasource in_process = datasource("orders", "", "test", {"orders/application.yml", 1, 1});
  in_process.server_label = "h2 (in-process)";
  model.datasources = {in_process};
  const Graph graph = build_graph(model, {});
  EXPECT_EQ(graph.nodes.size(), 1u);
  EXPECT_TRUE(graph.edges.empty());
}

TEST(GraphBuilder, EdgeKindsHaveTheirNames) {
  EXPECT_EQ(graph_edge_kind_name(GraphEdgeKind::uses), "uses");
  EXPECT_EQ(graph_edge_kind_name(GraphEdgeKind::depends_on), "depends on");
  EXPECT_EQ(graph_edge_kind_name(GraphEdgeKind::accesses_table_of), "accesses table of");
  EXPECT_EQ(graph_edge_kind_name(GraphEdgeKind::subscribes_to_events_of), "subscribes to events of");
}

}  // namespace
}  // namespace dbsilo
