// `dbsilo graph`: scans like `scan`, then prints the service map (services, libraries, datastores, red edges for findings).
#include "scanner/cli/graph_command.h"

#include <fstream>
#include <iostream>

#include "scanner/cli/extraction_flags.h"
#include "scanner/report/graph.h"
#include "scanner/cli/output.h"
#include "scanner/scan/scan.h"

namespace dbsilo {
namespace {

constexpr int kExitWritten = 0;
constexpr int kExitError = 2;

struct GraphCommand {
  std::string path = ".";
  std::string format = "dot";
  std::string output;
  std::vector<std::string> profiles;
  bool include_tests = false;
  ExtractionFlags extraction;
};

// CLI11 keeps pointers to these fields until the command line is parsed and run.
GraphCommand& graph_command() {
  static GraphCommand command;
  return command;
}

}  // namespace

CLI::App* add_graph_subcommand(CLI::App& app) {
  GraphCommand& command = graph_command();
  CLI::App* graph_app = app.add_subcommand("graph", "print the service map: services, libraries and datastores, edges with findings in red");
  graph_app->add_option("path", command.path, "the repository root to scan (default: .)");
  graph_app->add_option("--format,-f", command.format, "dot (Graphviz), mermaid, or html (one self-contained page)")
      ->check(CLI::IsMember({"dot", "mermaid", "html"}));
  graph_app->add_option("--output,-o", command.output, "write the map to FILE instead of standard output");
  graph_app->add_option("--profile", command.profiles, "also evaluate this Spring profile / compose variant (repeatable)");
  graph_app->add_flag("--include-tests", command.include_tests, "also read test-only sources (src/test/**)");
  add_extraction_flags(graph_app, command.extraction);
  return graph_app;
}

int run_graph_subcommand() {
  const GraphCommand& command = graph_command();
  ScanOptions options;
  options.root = command.path;
  options.profiles = command.profiles;
  options.include_tests = command.include_tests;
  apply_extraction_flags(command.extraction, options);
  ScanResult result;
  try {
    result = run_scan(options);
  } catch (const std::exception& error) {
    std::cerr << "dbsilo: " << error.what() << "\n";
    return kExitError;
  }
  std::ofstream file_output;
  std::ostream* report_output = dbsilo::open_report_output(command.output, file_output);
  if (report_output == nullptr) return kExitError;
  std::ostream& out = *report_output;
  const Graph graph = build_graph(result.model, result.findings);
  if (command.format == "mermaid") {
    print_graph_mermaid(graph, out);
  } else if (command.format == "html") {
    HtmlPageOptions page;
    page.tool_version = DBSILO_VERSION;
    page.rules = describe_rules();
    page.warnings = result.warnings;
    page.suppressed = result.suppressed;
    print_graph_html(graph, page, out);
  } else {
    print_graph_dot(graph, out);
  }
  out.flush();
  if (!out) {
    std::cerr << "dbsilo: cannot write " << (command.output.empty() ? std::string("standard output") : command.output) << "\n";
    return kExitError;
  }
  return kExitWritten;
}

}  // namespace dbsilo
