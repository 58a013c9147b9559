// The service map as a value: nodes, edges, scope groups and the findings each one carries, built once from the model.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/finding.h"
#include "dbsilo/model.h"
#include "scanner/report/printer.h"

namespace dbsilo {

enum class GraphNodeKind { service, library, datastore };

enum class GraphEdgeKind {
  uses,                       // service -> datastore: the service's datasources resolve to that server
  depends_on,                 // unit -> library: a build dependency
  // Extension point: edge kinds waiting for facts the model does not hold yet (issue 3 adds
  // table ownership, table access and event subscriptions). build_graph draws none of them today;
  // add_table_and_event_edges() in graph.cpp is where they go.
  accesses_table_of,          // service -> service owning a table it reads or writes
  subscribes_to_events_of,    // service -> service whose events it consumes
};

std::string_view graph_node_kind_name(GraphNodeKind kind);  // "service", "library", "datastore"
std::string_view graph_edge_kind_name(GraphEdgeKind kind);  // "uses", "depends on", ...

// A deployment scope: where host names mean one server (Unit::scope).
struct GraphGroup {
  std::string id;     // the scope as the model spells it ("." = the scanned root)
  std::string label;  // printable
};

struct GraphNode {
  std::string id;       // unique and stable: "service:orders", "library:common-data", "datastore:<server key>"
  GraphNodeKind kind = GraphNodeKind::service;
  std::string label;    // unit name or server label
  std::string detail;   // units: the language; datastores: the databases used on it; "" when unknown
  std::string group;    // GraphGroup::id, "" = drawn outside every scope
  std::vector<std::size_t> findings;  // indices into Graph::findings, ascending
};

struct GraphEdge {
  std::string id;       // "<from>-><to>"
  std::string from;     // GraphNode::id
  std::string to;       // GraphNode::id
  GraphEdgeKind kind = GraphEdgeKind::uses;
  std::string label;    // "uses shop", "depends on"
  std::vector<std::size_t> findings;  // indices into Graph::findings, ascending
  std::vector<std::string> rules;     // the rule ids of those findings, sorted, unique

  bool flagged() const { return !findings.empty(); }
};

struct Graph {
  std::vector<GraphGroup> groups;   // sorted by id
  std::vector<GraphNode> nodes;     // by group, kind, label
  std::vector<GraphEdge> edges;     // by from, kind, to
  std::vector<Finding> findings;    // as given (a scan's order)

  const GraphNode* find_node(std::string_view id) const;
  const GraphEdge* find_edge(std::string_view id) const;
};

// Builds the map and decides, in this one place, which edges and nodes each finding belongs to.
Graph build_graph(const Model& model, const std::vector<Finding>& findings);

// Printers: they format a Graph and know no rule.
void print_graph_dot(const Graph& graph, std::ostream& out);
void print_graph_mermaid(const Graph& graph, std::ostream& out);

struct HtmlPageOptions {
  std::string title = "dbsilo service map";
  std::string tool_version;
  std::vector<RuleDescription> rules;  // names and doc links for the rule filter; ids without one still show
  bool findings_table = false;         // `scan --format html`: the map plus every finding in a table
  std::vector<Warning> warnings;       // input warnings, listed under the table
  std::size_t suppressed = 0;
  std::size_t baselined = 0;
};

// One self-contained page: the inlined cytoscape.js, the graph as JSON and the viewer script.
void print_graph_html(const Graph& graph, const HtmlPageOptions& options, std::ostream& out);

// The embedded cytoscape.js (generated at build time by cmake/embed_script.cmake).
std::string_view embedded_cytoscape_js();
std::string_view embedded_cytoscape_js_version();

}  // namespace dbsilo
