// Mermaid printer for the service map: `flowchart LR`, a subgraph per deployment scope, flagged edges in red.
#include <map>
#include <ostream>

#include "scanner/report/graph.h"

namespace dbsilo {
namespace {

// Mermaid label text inside double quotes: every character that Mermaid reads as syntax
// (quotes, brackets, the pipes around edge labels, '#' that starts an entity, a backslash) becomes an entity code.
std::string label_text(std::string_view text) {
  std::string result;
  for (const char c : text) {
    switch (c) {
      case '"': result += "#quot;"; break;
      case '#': result += "#35;"; break;
      case '&': result += "#amp;"; break;
      case '<': result += "#lt;"; break;
      case '>': result += "#gt;"; break;
      case '[': result += "#91;"; break;
      case ']': result += "#93;"; break;
      case '(': result += "#40;"; break;
      case ')': result += "#41;"; break;
      case '{': result += "#123;"; break;
      case '}': result += "#125;"; break;
      case '|': result += "#124;"; break;
      case '`': result += "#96;"; break;
      case '\\': result += "#92;"; break;  // else Mermaid reads backslash-n in a label as a line break
      case '\n': result += "<br/>"; break;
      default: result += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
    }
  }
  return result;
}

std::string node_text(const GraphNode& node, const std::string& mermaid_id) {
  const std::string label = "\"" + label_text(node.label) + "\"";
  switch (node.kind) {
    case GraphNodeKind::service: return mermaid_id + "[" + label + "]";
    case GraphNodeKind::library: return mermaid_id + "[[" + label + "]]";
    case GraphNodeKind::datastore: return mermaid_id + "[(" + label + ")]";
  }
  return mermaid_id + "[" + label + "]";
}

std::string index_list(const std::vector<std::size_t>& indices, std::string_view prefix = "") {
  std::string text;
  for (const std::size_t index : indices) text += (text.empty() ? "" : ",") + std::string(prefix) + std::to_string(index);
  return text;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string text;
  for (const auto& part : parts) text += (text.empty() ? "" : ", ") + part;
  return text;
}

}  // namespace

void print_graph_mermaid(const Graph& graph, std::ostream& out) {
  // Mermaid ids must be plain words: nodes are n<index>, scopes g<index>, in the graph's order.
  std::map<std::string, std::string> mermaid_id;
  for (std::size_t index = 0; index < graph.nodes.size(); ++index) mermaid_id[graph.nodes[index].id] = "n" + std::to_string(index);

  out << "%% dbsilo service map: services, libraries and datastores by deployment scope; red edges carry findings.\n";
  out << "flowchart LR\n";
  for (std::size_t index = 0; index < graph.groups.size(); ++index) {
    const GraphGroup& group = graph.groups[index];
    out << "  subgraph g" << index << "[\"" << label_text(group.label) << "\"]\n";
    for (const auto& node : graph.nodes) {
      if (node.group == group.id) out << "    " << node_text(node, mermaid_id[node.id]) << "\n";
    }
    out << "  end\n";
  }
  for (const auto& node : graph.nodes) {
    if (node.group.empty()) out << "  " << node_text(node, mermaid_id[node.id]) << "\n";
  }

  std::vector<std::size_t> flagged;
  std::vector<std::size_t> clean;
  for (std::size_t index = 0; index < graph.edges.size(); ++index) {
    const GraphEdge& edge = graph.edges[index];
    std::string label = label_text(edge.label);
    if (edge.flagged()) label += "<br/>" + label_text(joined(edge.rules));
    out << "  " << mermaid_id[edge.from] << " -->|\"" << label << "\"| " << mermaid_id[edge.to] << "\n";
    (edge.flagged() ? flagged : clean).push_back(index);
  }

  std::map<GraphNodeKind, std::vector<std::size_t>> nodes_of_kind;
  for (std::size_t index = 0; index < graph.nodes.size(); ++index) nodes_of_kind[graph.nodes[index].kind].push_back(index);
  out << "  classDef service fill:#e8f0fe,stroke:#4a6fa5\n";
  out << "  classDef library fill:#f3f3f3,stroke:#777777\n";
  out << "  classDef datastore fill:#fff4e0,stroke:#b07a1e\n";
  for (const auto& [kind, indices] : nodes_of_kind) {
    out << "  class " << index_list(indices, "n") << " " << graph_node_kind_name(kind) << "\n";
  }
  // linkStyle numbers edges in the order they were written above.
  if (!clean.empty()) out << "  linkStyle " << index_list(clean) << " stroke:#999999,color:#666666\n";
  if (!flagged.empty()) out << "  linkStyle " << index_list(flagged) << " stroke:#cc0000,stroke-width:2px,color:#cc0000\n";
}

}  // namespace dbsilo
