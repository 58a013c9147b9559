// HTML printer for `scan --format html`: the service map plus a findings table, one page to attach to a CI run.
#include <ostream>

#include "scanner/report/graph.h"

namespace dbsilo {
namespace {

class HtmlPrinter final : public Printer {
 public:
  explicit HtmlPrinter(std::ostream& out) : out_(out) {}

  void begin(const ReportContext& context) override { context_ = context; }

  // The map needs every finding before it can colour an edge, so the page is written at the end.
  void finding(const Finding& finding) override { findings_.push_back(finding); }

  void finish(const ReportSummary& summary) override {
    Model units_only;
    if (!context_.model) units_only.units = context_.units;  // without the model the map has units and no datastores
    const Graph graph = build_graph(context_.model ? *context_.model : units_only, findings_);
    HtmlPageOptions options;
    options.title = "dbsilo report";
    options.tool_version = context_.tool_version;
    options.rules = context_.rules;
    options.findings_table = true;
    options.warnings = summary.warnings;
    options.suppressed = summary.suppressed;
    options.baselined = summary.baselined;
    print_graph_html(graph, options, out_);
  }

 private:
  std::ostream& out_;
  ReportContext context_;
  std::vector<Finding> findings_;
};

}  // namespace

std::unique_ptr<Printer> make_html_printer(std::ostream& out) { return std::make_unique<HtmlPrinter>(out); }

}  // namespace dbsilo
