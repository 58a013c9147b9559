// Printers turn findings into text, JSON, ...; they format and know no rule.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/finding.h"
#include "dbsilo/model.h"

namespace dbsilo {

// What a printer may say about a rule: metadata as data, no rule code.
struct RuleDescription {
  std::string id;
  std::string name;
  std::string summary;
  std::string fix;
  Severity default_severity = Severity::warning;
  std::string doc;                // the rule's doc page (markdown)
  std::string help_uri;           // where the doc page is published
  std::vector<std::string> tags;
};

struct ReportContext {
  std::string tool_version;
  std::vector<Unit> units;
  std::vector<DatastoreSummary> datastores;
  std::vector<RuleDescription> rules;
  const Model* model = nullptr;  // the whole model, for printers that draw it (html); must outlive the printer
};

struct ReportSummary {
  std::vector<Warning> warnings;  // bad input, sorted
  std::size_t suppressed = 0;
  std::size_t findings = 0;
  std::size_t baselined = 0;  // findings left out because the --baseline file holds them
};

class Printer {
 public:
  virtual ~Printer() = default;
  virtual void begin(const ReportContext& context) = 0;
  virtual void finding(const Finding& finding) = 0;
  virtual void finish(const ReportSummary& summary) = 0;
};

struct PrinterOptions {
  bool color = false;
};

// Where rule doc pages are published: help links in SARIF, LSP and HTML reports.
inline constexpr std::string_view kRuleDocBaseUrl = "https://github.com/dbsilo/dbsilo/blob/main/rules/";

// "text" or "json"; nullptr for an unknown format.
std::unique_ptr<Printer> make_printer(std::string_view format, std::ostream& out, const PrinterOptions& options);
std::vector<std::string> printer_formats();

}  // namespace dbsilo
