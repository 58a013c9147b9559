// JSON printer: the versioned contract of design.md, fields and arrays in a fixed order.
#include <nlohmann/json.hpp>

#include <ostream>

#include "scanner/report/printer.h"

namespace dbsilo {
namespace {

using ordered_json = nlohmann::ordered_json;

ordered_json location_json(const SourceLocation& location) {
  return ordered_json{{"path", location.path}, {"line", location.line}, {"column", location.column}};
}

class JsonPrinter final : public Printer {
 public:
  explicit JsonPrinter(std::ostream& out) : out_(out) {}

  void begin(const ReportContext& context) override {
    document_["version"] = 1;
    document_["tool"] = ordered_json{{"name", "dbsilo"}, {"version", context.tool_version}};
    ordered_json units = ordered_json::array();
    for (const auto& unit : context.units) {
      units.push_back(ordered_json{{"name", unit.name},
                                   {"kind", unit.kind == UnitKind::service ? "service" : "library"},
                                   {"root", unit.root.empty() ? "." : unit.root},
                                   {"language", unit.language},
                                   {"used_by", unit.used_by},
                                   {"scope", unit.scope},
                                   {"build_system", unit.build_system}});
    }
    document_["units"] = units;
    ordered_json datastores = ordered_json::array();
    for (const auto& datastore : context.datastores) {
      ordered_json origins = ordered_json::array();
      for (const auto& origin : datastore.origins) origins.push_back(ordered_json{{"path", origin.path}, {"line", origin.line}});
      datastores.push_back(ordered_json{{"id", datastore.id},
                                        {"engine", datastore.engine},
                                        {"host", datastore.host},
                                        {"port", datastore.port},
                                        {"database", datastore.database},
                                        {"used_by", datastore.used_by},
                                        {"origins", origins}});
    }
    document_["datastores"] = datastores;
    document_["findings"] = ordered_json::array();
  }

  void finding(const Finding& finding) override {
    ordered_json related = ordered_json::array();
    for (const auto& item : finding.related) {
      ordered_json entry = location_json(item.location);
      entry["message"] = item.message;
      related.push_back(entry);
    }
    document_["findings"].push_back(ordered_json{{"rule", finding.rule},
                                                 {"severity", severity_name(finding.severity)},
                                                 {"message", finding.message},
                                                 {"services", finding.services},
                                                 {"location", location_json(finding.location)},
                                                 {"related", related},
                                                 {"fingerprint", finding.fingerprint},
                                                 {"profile", finding.profile},
                                                 {"fix", finding.fix}});
  }

  void finish(const ReportSummary& summary) override {
    ordered_json warnings = ordered_json::array();
    for (const auto& warning : summary.warnings) {
      warnings.push_back(ordered_json{{"path", warning.location.path}, {"line", warning.location.line}, {"message", warning.message}});
    }
    document_["warnings"] = warnings;
    document_["suppressed"] = summary.suppressed;
    document_["baselined"] = summary.baselined;
    // Invalid UTF-8 from scanned files is replaced rather than aborting the report.
    out_ << document_.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }

 private:
  std::ostream& out_;
  ordered_json document_;
};

}  // namespace

std::unique_ptr<Printer> make_json_printer(std::ostream& out) { return std::make_unique<JsonPrinter>(out); }

}  // namespace dbsilo
