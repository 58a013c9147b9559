// Builds the service map from the model and places each finding on the edges and nodes it concerns.
#include "scanner/report/graph.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace dbsilo {
namespace {

// Which edges a rule's findings mark. The one place where the map knows rule ids: a finding of
// a rule not listed here marks no edge, and still shows on the nodes of its services.
struct RuleEdgeMatch {
  std::string_view rule;
  bool datasource_edges;  // service -> datastore, matched by the service's datasource origins on that server
  bool library_edges;     // service -> library, matched by a file the library provides
};
constexpr RuleEdgeMatch kRuleEdgeMatches[] = {
    {"shared-database", true, false},
    {"shared-database-instance", true, false},
    {"shared-connection-pool", true, true},
    {"shared-datasource-config", false, true},
};

const RuleEdgeMatch* edge_match_of(std::string_view rule) {
  for (const auto& match : kRuleEdgeMatches) {
    if (match.rule == rule) return &match;
  }
  return nullptr;
}

std::string unit_node_id(const Unit& unit) {
  return std::string(unit.kind == UnitKind::library ? "library:" : "service:") + unit.name;
}

std::string datastore_node_id(const std::string& server_key) { return "datastore:" + server_key; }

std::string edge_id(const std::string& from, const std::string& to, GraphEdgeKind kind) {
  std::string id = from + "->" + to;
  // uses and depends_on never join the same pair (their targets differ in kind); the kinds to come both join services.
  if (kind == GraphEdgeKind::accesses_table_of) id += "#accesses-table-of";
  if (kind == GraphEdgeKind::subscribes_to_events_of) id += "#subscribes-to-events-of";
  return id;
}

std::string group_label(const std::string& scope) {
  return scope == "." ? "scope: repository root" : "scope: " + scope;
}

std::string join_names(const std::set<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

bool names(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

// All locations a finding points at: its primary one, then the other side's.
std::vector<SourceLocation> locations_of(const Finding& finding) {
  std::vector<SourceLocation> locations{finding.location};
  for (const auto& related : finding.related) locations.push_back(related.location);
  return locations;
}

// What the builder remembers about an edge while matching findings, beyond what the Graph keeps.
struct EdgeEvidence {
  std::string unit;                   // the edge's source unit
  std::set<SourceLocation> origins;   // uses: where that unit's datasources on the server are set
  std::string library;                // depends_on: the library
};

// Issue 3 adds facts for table ownership and access and for event subscriptions; the edges
// "accesses table of" and "subscribes to events of" are drawn here from them. Until then the
// model holds neither, so nothing is added.
void add_table_and_event_edges(const Model&, std::vector<GraphEdge>&, std::vector<EdgeEvidence>&) {}

}  // namespace

std::string_view graph_node_kind_name(GraphNodeKind kind) {
  switch (kind) {
    case GraphNodeKind::service: return "service";
    case GraphNodeKind::library: return "library";
    case GraphNodeKind::datastore: return "datastore";
  }
  return "service";
}

std::string_view graph_edge_kind_name(GraphEdgeKind kind) {
  switch (kind) {
    case GraphEdgeKind::uses: return "uses";
    case GraphEdgeKind::depends_on: return "depends on";
    case GraphEdgeKind::accesses_table_of: return "accesses table of";
    case GraphEdgeKind::subscribes_to_events_of: return "subscribes to events of";
  }
  return "uses";
}

const GraphNode* Graph::find_node(std::string_view id) const {
  for (const auto& node : nodes) {
    if (node.id == id) return &node;
  }
  return nullptr;
}

const GraphEdge* Graph::find_edge(std::string_view id) const {
  for (const auto& edge : edges) {
    if (edge.id == id) return &edge;
  }
  return nullptr;
}

Graph build_graph(const Model& model, const std::vector<Finding>& findings) {
  Graph graph;
  graph.findings = findings;
  std::set<std::string> scopes;

  for (const auto& unit : model.units) {
    GraphNode node;
    node.id = unit_node_id(unit);
    node.kind = unit.kind == UnitKind::library ? GraphNodeKind::library : GraphNodeKind::service;
    node.label = unit.name;
    node.detail = unit.language;
    node.group = unit.scope;
    if (!unit.scope.empty()) scopes.insert(unit.scope);
    graph.nodes.push_back(std::move(node));
  }

  // One datastore node per server, one "uses" edge per unit and server whatever the profile.
  struct ServerInfo {
    std::string label;
    std::set<std::string> databases;
    std::set<std::string> user_scopes;
  };
  struct UsesInfo {
    std::set<std::string> databases;
    std::set<std::string> profiles;
    std::set<SourceLocation> origins;
  };
  std::map<std::string, ServerInfo> servers;
  std::map<std::pair<std::string, std::string>, UsesInfo> uses;  // (unit, server key)
  for (const auto& datasource : model.datasources) {
    if (datasource.server_key.empty()) continue;
    const Unit* unit = model.find_unit(datasource.unit);
    if (!unit) continue;
    ServerInfo& server = servers[datasource.server_key];
    if (server.label.empty()) server.label = datasource.server_label;
    if (!datasource.database_label.empty()) server.databases.insert(datasource.database_label);
    server.user_scopes.insert(unit->scope);
    UsesInfo& use = uses[{datasource.unit, datasource.server_key}];
    if (!datasource.database_label.empty()) use.databases.insert(datasource.database_label);
    use.profiles.insert(datasource.profile);
    use.origins.insert(datasource.origin.location);
    if (datasource.user_origin) use.origins.insert(datasource.user_origin->location);
  }
  for (const auto& [key, server] : servers) {
    GraphNode node;
    node.id = datastore_node_id(key);
    node.kind = GraphNodeKind::datastore;
    node.label = server.label;
    node.detail = server.databases.empty() ? std::string() : "databases: " + join_names(server.databases);
    // A scoped host's key starts with "<scope>|"; a global host ("|host:port") joins its users'
    // scope when they all share one, and stands outside every scope otherwise.
    const std::string key_scope = key.substr(0, key.find('|'));
    if (!key_scope.empty()) {
      node.group = key_scope;
    } else if (server.user_scopes.size() == 1) {
      node.group = *server.user_scopes.begin();
    }
    if (!node.group.empty()) scopes.insert(node.group);
    graph.nodes.push_back(std::move(node));
  }

  std::vector<EdgeEvidence> evidence;  // parallel to graph.edges until they are sorted
  for (const auto& [unit_and_server, use] : uses) {
    const Unit& unit = *model.find_unit(unit_and_server.first);
    GraphEdge edge;
    edge.from = unit_node_id(unit);
    edge.to = datastore_node_id(unit_and_server.second);
    edge.kind = GraphEdgeKind::uses;
    edge.id = edge_id(edge.from, edge.to, edge.kind);
    edge.label = "uses" + (use.databases.empty() ? std::string() : " " + join_names(use.databases));
    // A server reached only under some profiles says so; the default evaluation is the profile "".
    if (!use.profiles.contains("")) edge.label += " (profile " + join_names(use.profiles) + ")";
    graph.edges.push_back(std::move(edge));
    evidence.push_back({unit.name, use.origins, ""});
  }
  for (const auto& unit : model.units) {
    for (const auto& dependency : unit.dependencies) {
      const Unit* target = model.find_unit(dependency);
      if (!target || target->kind != UnitKind::library) continue;
      GraphEdge edge;
      edge.from = unit_node_id(unit);
      edge.to = unit_node_id(*target);
      edge.kind = GraphEdgeKind::depends_on;
      edge.id = edge_id(edge.from, edge.to, edge.kind);
      edge.label = std::string(graph_edge_kind_name(edge.kind));
      graph.edges.push_back(std::move(edge));
      evidence.push_back({unit.name, {}, target->name});
    }
  }
  add_table_and_event_edges(model, graph.edges, evidence);

  // Files each library provides to the services that load them (its resources on their classpath).
  std::map<std::string, std::set<std::string>> files_of_library;
  for (const auto& file : model.shared_config_files) files_of_library[file.provider].insert(file.path);
  const auto library_provides = [&files_of_library](const std::string& library, const std::string& path) {
    auto files = files_of_library.find(library);
    return files != files_of_library.end() && files->second.contains(path);
  };

  for (std::size_t index = 0; index < findings.size(); ++index) {
    const Finding& finding = findings[index];
    const RuleEdgeMatch* match = edge_match_of(finding.rule);
    if (!match) continue;
    const std::vector<SourceLocation> locations = locations_of(finding);
    for (std::size_t e = 0; e < graph.edges.size(); ++e) {
      GraphEdge& edge = graph.edges[e];
      const EdgeEvidence& known = evidence[e];
      if (!names(finding.services, known.unit)) continue;
      bool belongs = false;
      if (edge.kind == GraphEdgeKind::uses && match->datasource_edges) {
        belongs = std::any_of(locations.begin(), locations.end(),
                              [&known](const SourceLocation& location) { return known.origins.contains(location); });
      } else if (edge.kind == GraphEdgeKind::depends_on && match->library_edges) {
        belongs = library_provides(known.library, finding.location.path);
      }
      if (belongs) edge.findings.push_back(index);
    }
  }
  for (auto& edge : graph.edges) {
    std::set<std::string> rules;
    for (const std::size_t index : edge.findings) rules.insert(findings[index].rule);
    edge.rules.assign(rules.begin(), rules.end());
  }

  // A node lists the findings of its edges, those naming it as a service, and those located
  // in a file it provides as a library.
  for (auto& node : graph.nodes) {
    std::set<std::size_t> mine;
    for (const auto& edge : graph.edges) {
      if (edge.from == node.id || edge.to == node.id) mine.insert(edge.findings.begin(), edge.findings.end());
    }
    for (std::size_t index = 0; index < findings.size(); ++index) {
      const bool named = node.kind == GraphNodeKind::service && names(findings[index].services, node.label);
      const bool in_its_file = node.kind == GraphNodeKind::library && library_provides(node.label, findings[index].location.path);
      if (named || in_its_file) mine.insert(index);
    }
    node.findings.assign(mine.begin(), mine.end());
  }

  for (const auto& scope : scopes) graph.groups.push_back({scope, group_label(scope)});
  std::sort(graph.nodes.begin(), graph.nodes.end(), [](const GraphNode& a, const GraphNode& b) {
    return std::tie(a.group, a.kind, a.label, a.id) < std::tie(b.group, b.kind, b.label, b.id);
  });
  std::sort(graph.edges.begin(), graph.edges.end(), [](const GraphEdge& a, const GraphEdge& b) {
    return std::tie(a.from, a.kind, a.to, a.id) < std::tie(b.from, b.kind, b.to, b.id);
  });
  return graph;
}

}  // namespace dbsilo
