// Graphviz DOT printer for the service map: one cluster per deployment scope, flagged edges in red.
#include <ostream>

#include "scanner/report/graph.h"

namespace dbsilo {
namespace {

constexpr std::string_view kFlaggedColor = "#cc0000";
constexpr std::string_view kCleanColor = "#999999";

// A DOT quoted string: backslash and quote escaped, line breaks as DOT's centred "\n".
std::string quoted(std::string_view text) {
  std::string result = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      result += '\\';
      result += c;
    } else if (c == '\n') {
      result += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      result += ' ';  // other control characters have no meaning in a label
    } else {
      result += c;
    }
  }
  return result + "\"";
}

std::string_view shape_of(GraphNodeKind kind) {
  switch (kind) {
    case GraphNodeKind::service: return "shape=box, style=\"rounded,filled\", fillcolor=\"#e8f0fe\"";
    case GraphNodeKind::library: return "shape=component, style=filled, fillcolor=\"#f3f3f3\"";
    case GraphNodeKind::datastore: return "shape=cylinder, style=filled, fillcolor=\"#fff4e0\"";
  }
  return "shape=box";
}

void print_node(const GraphNode& node, std::string_view indent, std::ostream& out) {
  out << indent << quoted(node.id) << " [label=" << quoted(node.label) << ", " << shape_of(node.kind);
  if (!node.detail.empty()) out << ", tooltip=" << quoted(node.detail);
  out << "];\n";
}

std::string joined(const std::vector<std::string>& parts) {
  std::string text;
  for (const auto& part : parts) text += (text.empty() ? "" : ", ") + part;
  return text;
}

}  // namespace

void print_graph_dot(const Graph& graph, std::ostream& out) {
  out << "// dbsilo service map: services, libraries and datastores by deployment scope; red edges carry findings.\n";
  out << "digraph \"dbsilo\" {\n";
  out << "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11];\n";
  out << "  node [fontname=\"Helvetica\", fontsize=11];\n";
  out << "  edge [fontname=\"Helvetica\", fontsize=9];\n";
  for (std::size_t index = 0; index < graph.groups.size(); ++index) {
    const GraphGroup& group = graph.groups[index];
    // Graphviz draws a subgraph as a box only when its name starts with "cluster".
    out << "  subgraph " << quoted("cluster_" + std::to_string(index)) << " {\n";
    out << "    label=" << quoted(group.label) << ";\n";
    out << "    style=\"rounded,dashed\";\n";
    out << "    color=\"#888888\";\n";
    for (const auto& node : graph.nodes) {
      if (node.group == group.id) print_node(node, "    ", out);
    }
    out << "  }\n";
  }
  for (const auto& node : graph.nodes) {
    if (node.group.empty()) print_node(node, "  ", out);
  }
  for (const auto& edge : graph.edges) {
    out << "  " << quoted(edge.from) << " -> " << quoted(edge.to);
    if (edge.flagged()) {
      out << " [label=" << quoted(edge.label + "\n" + joined(edge.rules)) << ", color=" << quoted(kFlaggedColor)
          << ", fontcolor=" << quoted(kFlaggedColor) << ", penwidth=2];\n";
    } else {
      out << " [label=" << quoted(edge.label) << ", color=" << quoted(kCleanColor) << ", fontcolor=\"#666666\"];\n";
    }
  }
  out << "}\n";
}

}  // namespace dbsilo
