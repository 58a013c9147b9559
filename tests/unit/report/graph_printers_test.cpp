// The map printers (DOT, Mermaid, HTML) and `scan --format html`: colours, escaping, and a page that stands alone.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "scanner/report/graph.h"

namespace dbsilo {
namespace {

// Two services on one server, one edge flagged, and names full of characters each format treats as syntax.
Graph tricky_graph() {
  Graph graph;
  graph.groups = {{"apps/\"quoted\"", "scope: apps/\"quoted\""}};
  graph.nodes = {
      {"service:we\"ird\\name", GraphNodeKind::service, "we\"ird\\name [v2] (beta) {x} a|b #1 <i>&", "java", "apps/\"quoted\"", {0}},
      {"service:plain", GraphNodeKind::service, "plain", "", "apps/\"quoted\"", {}},
      {"library:lib", GraphNodeKind::library, "lib", "", "", {}},
      {"datastore:|db:5432", GraphNodeKind::datastore, "postgres://db:5432", "databases: a", "", {0}},
  };
  GraphEdge flagged{"service:we\"ird\\name->datastore:|db:5432", "service:we\"ird\\name", "datastore:|db:5432", GraphEdgeKind::uses,
                    "uses a\"b", {0}, {"shared-database"}};
  GraphEdge clean{"service:plain->datastore:|db:5432", "service:plain", "datastore:|db:5432", GraphEdgeKind::uses, "uses c", {}, {}};
  GraphEdge library{"service:plain->library:lib", "service:plain", "library:lib", GraphEdgeKind::depends_on, "depends on", {}, {}};
  graph.edges = {flagged, clean, library};
  Finding finding;
  finding.rule = "shared-database";
  finding.message = "a message with </script><script>alert(1)</script> and <!-- in it";
  finding.services = {"we\"ird\\name"};
  finding.location = {"x/application.yml", 3, 5};
  finding.related = {{{"y/application.yml", 7, 1}, "the other side"}};
  graph.findings = {finding};
  return graph;
}

std::string dot_of(const Graph& graph) {
  std::ostringstream out;
  print_graph_dot(graph, out);
  return out.str();
}

std::string mermaid_of(const Graph& graph) {
  std::ostringstream out;
  print_graph_mermaid(graph, out);
  return out.str();
}

std::string html_of(const Graph& graph, const HtmlPageOptions& options = {}) {
  std::ostringstream out;
  print_graph_html(graph, options, out);
  return out.str();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t found = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++found;
  return found;
}

bool has_command(const std::string& name) { return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0; }

TEST(GraphDot, FlaggedEdgesRedWithTheirRulesCleanEdgesGrey) {
  const std::string dot = dot_of(tricky_graph());
  EXPECT_NE(dot.find("\"service:we\\\"ird\\\\name\" -> \"datastore:|db:5432\" [label=\"uses a\\\"b\\nshared-database\", color=\"#cc0000\""),
            std::string::npos) << dot;
  EXPECT_NE(dot.find("\"service:plain\" -> \"datastore:|db:5432\" [label=\"uses c\", color=\"#999999\""), std::string::npos) << dot;
  EXPECT_NE(dot.find("\"service:plain\" -> \"library:lib\" [label=\"depends on\", color=\"#999999\""), std::string::npos) << dot;
  EXPECT_EQ(count(dot, "#cc0000"), 2u);  // line and label of the one flagged edge
}

TEST(GraphDot, ClustersPerScopeAndUngroupedNodesOutside) {
  const std::string dot = dot_of(tricky_graph());
  const std::size_t cluster = dot.find("subgraph \"cluster_0\" {");
  const std::size_t cluster_end = dot.find("\n  }\n");
  ASSERT_NE(cluster, std::string::npos) << dot;
  EXPECT_NE(dot.find("label=\"scope: apps/\\\"quoted\\\"\";"), std::string::npos) << dot;
  const std::size_t plain = dot.find("\"service:plain\" [");
  const std::size_t datastore = dot.find("\"datastore:|db:5432\" [");
  EXPECT_TRUE(cluster < plain && plain < cluster_end) << dot;
  EXPECT_GT(datastore, cluster_end) << dot;
  EXPECT_NE(dot.find("shape=cylinder"), std::string::npos);
}

TEST(GraphDot, EscapedLabelsAreValidGraphviz) {
  if (!has_command("dot")) GTEST_SKIP() << "graphviz is not installed (scripts/setup.sh installs it)";
  const auto dir = std::filesystem::temp_directory_path() / ("dbsilo-graph-dot-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "map.dot") << dot_of(tricky_graph());
  const int status = std::system(("dot -Tsvg " + (dir / "map.dot").string() + " -o " + (dir / "map.svg").string() + " 2>" +
                                  (dir / "errors.txt").string()).c_str());
  std::ifstream errors(dir / "errors.txt");
  std::stringstream error_text;
  error_text << errors.rdbuf();
  EXPECT_EQ(status, 0) << error_text.str();
  std::ifstream svg(dir / "map.svg");
  std::stringstream svg_text;
  svg_text << svg.rdbuf();
  // The label survives Graphviz intact: its quote and backslash were escapes, not syntax.
  EXPECT_NE(svg_text.str().find("we&quot;ird\\name [v2]"), std::string::npos) << svg_text.str().substr(0, 3000);
  std::filesystem::remove_all(dir);
}

TEST(GraphMermaid, SubgraphsPerScopeShapesPerKindAndEscapedLabels) {
  const std::string mermaid = mermaid_of(tricky_graph());
  EXPECT_EQ(mermaid.find("flowchart LR\n"), mermaid.find('\n') + 1) << mermaid;  // right after the comment line
  EXPECT_NE(mermaid.find("  subgraph g0[\"scope: apps/#quot;quoted#quot;\"]\n"
                         "    n0[\"we#quot;ird#92;name #91;v2#93; #40;beta#41; #123;x#125; a#124;b #35;1 #lt;i#gt;#amp;\"]\n"
                         "    n1[\"plain\"]\n"
                         "  end\n"),
            std::string::npos)
      << mermaid;
  EXPECT_NE(mermaid.find("  n2[[\"lib\"]]\n"), std::string::npos) << mermaid;
  EXPECT_NE(mermaid.find("  n3[(\"postgres://db:5432\")]\n"), std::string::npos) << mermaid;
}

TEST(GraphMermaid, LinkStyleRedForFlaggedEdgesGreyForClean) {
  const std::string mermaid = mermaid_of(tricky_graph());
  EXPECT_NE(mermaid.find("  n0 -->|\"uses a#quot;b<br/>shared-database\"| n3\n"
                         "  n1 -->|\"uses c\"| n3\n"
                         "  n1 -->|\"depends on\"| n2\n"),
            std::string::npos)
      << mermaid;
  EXPECT_NE(mermaid.find("  linkStyle 1,2 stroke:#999999"), std::string::npos) << mermaid;
  EXPECT_NE(mermaid.find("  linkStyle 0 stroke:#cc0000"), std::string::npos) << mermaid;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Renders each Mermaid text with the pinned mermaid.min.js in headless Chromium (network off)
// and returns the DOM: a <pre id="results"> line per diagram, then the SVGs.
std::string render_with_mermaid(const std::vector<std::string>& diagrams, const std::filesystem::path& scratch) {
  const std::string mermaid_js = read_text(std::filesystem::path(DBSILO_NODE_TOOLS_DIR) / "mermaid" / "mermaid.min.js");
  if (mermaid_js.empty()) return "";
  std::string diagrams_json = nlohmann::json(diagrams).dump();
  for (std::size_t at = diagrams_json.find('<'); at != std::string::npos; at = diagrams_json.find('<', at)) diagrams_json.replace(at, 1, "\\u003c");
  std::ofstream(scratch / "mermaid.html", std::ios::binary)
      << "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><pre id=\"results\"></pre>\n<script>" << mermaid_js
      << "</script>\n<script type=\"application/json\" id=\"diagrams\">" << diagrams_json << "</script>\n"
      << "<script>mermaid.initialize({ startOnLoad: false });\n"
         "(async function () {\n"
         "  var diagrams = JSON.parse(document.getElementById('diagrams').textContent);\n"
         "  var results = [];\n"
         "  for (var i = 0; i < diagrams.length; i++) {\n"
         "    try {\n"
         "      var rendered = await mermaid.render('diagram' + i, diagrams[i]);\n"
         "      var holder = document.createElement('div');\n"
         "      holder.innerHTML = rendered.svg;\n"
         "      document.body.appendChild(holder);\n"
         "      results.push('rendered ' + i);\n"
         "    } catch (error) { results.push('error ' + i + ': ' + error.message); }\n"
         "  }\n"
         "  document.getElementById('results').textContent = results.join('\\n');\n"
         "})();</script></body></html>\n";
  const std::string command = "timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking "
                              "--disable-component-update --disable-sync --no-first-run --user-data-dir=" + (scratch / "profile").string() +
                              " --virtual-time-budget=10000 --dump-dom 'file://" + (scratch / "mermaid.html").string() + "' 2>/dev/null";
  std::string dom;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return dom;
  char buffer[65536];
  std::size_t read = 0;
  while ((read = fread(buffer, 1, sizeof buffer, pipe)) > 0) dom.append(buffer, read);
  pclose(pipe);
  return dom;
}

// The SVG path Mermaid drew for the edge `edge_name` ("L_<from>_<to>_0") of diagram number `diagram`.
std::string mermaid_edge(const std::string& dom, int diagram, const std::string& edge_name) {
  const std::size_t at = dom.find("id=\"diagram" + std::to_string(diagram) + "-" + edge_name + "\"");
  if (at == std::string::npos) return "";
  return dom.substr(at, dom.find("</path>", at) - at);
}

TEST(GraphMermaid, MermaidRendersTheMapWithItsLabelsIntact) {
  if (!has_command("chromium")) GTEST_SKIP() << "chromium is not installed (scripts/setup.sh installs it)";
  const std::string shop = read_text(std::filesystem::path(DBSILO_SOURCE_DIR) / "tests" / "golden" / "shop.mmd");
  ASSERT_FALSE(shop.empty()) << "missing tests/golden/shop.mmd";
  const auto scratch = std::filesystem::temp_directory_path() / ("dbsilo-graph-mermaid-" + std::to_string(::getpid()));
  std::filesystem::create_directories(scratch);
  const std::string dom = render_with_mermaid({mermaid_of(tricky_graph()), shop}, scratch);
  std::filesystem::remove_all(scratch);
  ASSERT_FALSE(dom.empty()) << "no mermaid.min.js in " << DBSILO_NODE_TOOLS_DIR << "/mermaid: run scripts/setup.sh";
  EXPECT_NE(dom.find("<pre id=\"results\">rendered 0\nrendered 1</pre>"), std::string::npos) << dom.substr(0, 2000);
  // Every character that is syntax in Mermaid came back as itself.
  EXPECT_NE(dom.find("<p>we\"ird\\name [v2] (beta) {x} a|b #1 &lt;i&gt;&amp;</p>"), std::string::npos);
  EXPECT_NE(dom.find("<p>scope: apps/\"quoted\"</p>"), std::string::npos);
  EXPECT_NE(dom.find("<p>uses a\"b<br>shared-database</p>"), std::string::npos);
  EXPECT_NE(mermaid_edge(dom, 0, "L_n0_n3_0").find("stroke:#cc0000"), std::string::npos) << mermaid_edge(dom, 0, "L_n0_n3_0");
  EXPECT_NE(mermaid_edge(dom, 0, "L_n1_n3_0").find("stroke:#999999"), std::string::npos) << mermaid_edge(dom, 0, "L_n1_n3_0");
}

TEST(GraphHtml, DataCannotCloseItsScriptElement) {
  const std::string html = html_of(tricky_graph());
  // Exactly three scripts close: the library, the data and the viewer; the finding's text closes none.
  EXPECT_EQ(count(html, "</script>"), 3u);
  EXPECT_EQ(html.find("<script>alert(1)"), std::string::npos);
  EXPECT_EQ(html.find("<!-- in it"), std::string::npos);
  EXPECT_NE(html.find("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"), std::string::npos);
}

TEST(GraphHtml, InlinesCytoscapeAndLoadsNothingFromOutside) {
  const std::string html = html_of(tricky_graph());
  ASSERT_GT(embedded_cytoscape_js().size(), 100000u);
  EXPECT_NE(html.find(embedded_cytoscape_js()), std::string::npos);
  EXPECT_NE(html.find("cytoscape.js " + std::string(embedded_cytoscape_js_version())), std::string::npos);
  EXPECT_EQ(html.find("<script src"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_NE(html.find("Content-Security-Policy\" content=\"default-src 'none'"), std::string::npos);
  EXPECT_NE(html.find("<pre id=\"rendered-summary\" hidden></pre>"), std::string::npos);
}

TEST(GraphHtml, RuleFilterListsTheRulesWithFindings) {
  HtmlPageOptions options;
  options.rules = {RuleDescription{"shared-database", "Shared database", "", "", Severity::error, "", "https://example.test/sd.md", {}},
                   RuleDescription{"unused-rule", "Unused", "", "", Severity::note, "", "", {}}};
  const std::string html = html_of(tricky_graph(), options);
  EXPECT_NE(html.find("<input type=\"checkbox\" name=\"rule\" value=\"shared-database\" checked> shared-database &mdash; Shared database (1)"),
            std::string::npos);
  EXPECT_EQ(html.find("value=\"unused-rule\""), std::string::npos);
}

TEST(GraphHtml, ScanPrinterBuffersFindingsAndDrawsTheModel) {
  Model model;
  Unit orders;
  orders.name = "orders";
  orders.scope = ".";
  Unit users = orders;
  users.name = "users";
  model.units = {orders, users};
  Datasource orders_db;
  orders_db.unit = "orders";
  orders_db.server_key = ".|db:5432";
  orders_db.server_label = "postgres://db:5432";
  orders_db.database_label = "shop";
  orders_db.origin.location = {"orders/app.yml", 2, 1};
  Datasource users_db = orders_db;
  users_db.unit = "users";
  users_db.origin.location = {"users/app.yml", 2, 1};
  model.datasources = {orders_db, users_db};

  Finding finding;
  finding.rule = "shared-database";
  finding.message = "orders & users share <shop>";
  finding.services = {"orders", "users"};
  finding.location = orders_db.origin.location;
  finding.related = {{users_db.origin.location, "users uses it here"}};

  std::ostringstream out;
  auto printer = make_printer("html", out, PrinterOptions{});
  ASSERT_NE(printer, nullptr);
  ReportContext context;
  context.tool_version = "9.9.9";
  context.units = model.units;
  context.model = &model;
  printer->begin(context);
  printer->finding(finding);
  EXPECT_TRUE(out.str().empty());  // nothing before every finding is in
  printer->finish(ReportSummary{{{{"bad.yml", 3, 1}, "broken YAML"}}, 2, 1, 0});
  const std::string html = out.str();
  EXPECT_NE(html.find("<tr data-rule=\"shared-database\">"), std::string::npos);
  EXPECT_NE(html.find("orders &amp; users share &lt;shop&gt;"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"loc\">orders/app.yml:2:1</td>"), std::string::npos);
  EXPECT_NE(html.find("users/app.yml:2:1</span>: users uses it here"), std::string::npos);
  EXPECT_NE(html.find("2 suppressed"), std::string::npos);
  EXPECT_NE(html.find("bad.yml:3:1</span>: broken YAML"), std::string::npos);
  // The map's data has both red edges ('>' escaped like every '<', '>' and '&' in the embedded JSON).
  EXPECT_NE(html.find("{\"id\":\"service:orders-\\u003edatastore:.|db:5432\",\"from\":\"service:orders\",\"to\":\"datastore:.|db:5432\","
                      "\"kind\":\"uses\",\"label\":\"uses shop\",\"findings\":[0]}"),
            std::string::npos);
  EXPECT_NE(html.find("\"id\":\"service:users-\\u003edatastore:.|db:5432\",\"from\":\"service:users\",\"to\":\"datastore:.|db:5432\","
                      "\"kind\":\"uses\",\"label\":\"uses shop\",\"findings\":[0]}"),
            std::string::npos);
}

}  // namespace
}  // namespace dbsilo
