// Text printer: findings grouped by rule, colour only when asked (a TTY without NO_COLOR).
#include <map>
#include <ostream>

#include "scanner/report/printer.h"

namespace dbsilo {
namespace {

class TextPrinter final : public Printer {
 public:
  TextPrinter(std::ostream& out, const PrinterOptions& options) : out_(out), color_(options.color) {}

  void begin(const ReportContext& context) override { context_ = context; }

  void finding(const Finding& finding) override { by_rule_[finding.rule].push_back(finding); }

  void finish(const ReportSummary& summary) override {
    for (const auto& [rule, findings] : by_rule_) print_group(rule, findings);
    for (const auto& warning : summary.warnings) {
      out_ << paint("1", location_text(warning.location)) << ": " << paint("35", "input warning") << ": " << warning.message << "\n";
    }
    print_summary(summary);
  }

 private:
  std::string paint(std::string_view code, std::string_view text) const {
    if (!color_) return std::string(text);
    return "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m";
  }

  static std::string location_text(const SourceLocation& location) {
    std::string text = location.path.empty() ? "." : location.path;
    if (location.line > 0) text += ":" + std::to_string(location.line);
    if (location.line > 0 && location.column > 0) text += ":" + std::to_string(location.column);
    return text;
  }

  static std::string_view severity_color(Severity severity) {
    switch (severity) {
      case Severity::error: return "31";
      case Severity::warning: return "33";
      case Severity::note: return "36";
    }
    return "0";
  }

  const RuleDescription* describe(const std::string& rule) const {
    for (const auto& description : context_.rules) {
      if (description.id == rule) return &description;
    }
    return nullptr;
  }

  void print_group(const std::string& rule, const std::vector<Finding>& findings) {
    const RuleDescription* description = describe(rule);
    out_ << paint("1", rule) << (description ? " - " + description->name : "") << " (" << findings.size()
         << (findings.size() == 1 ? " finding" : " findings") << ")\n";
    for (const auto& finding : findings) {
      out_ << "  " << paint("1", location_text(finding.location)) << ": "
           << paint(severity_color(finding.severity), severity_name(finding.severity)) << ": " << finding.message;
      if (!finding.profile.empty()) out_ << " [profile " << finding.profile << "]";
      out_ << " [" << rule << "]\n";
      for (const auto& related : finding.related) {
        out_ << "      " << paint("2", "related: ") << location_text(related.location) << ": " << related.message << "\n";
      }
      // The rule's fix is said once under the group; only a finding-specific one is repeated.
      if (!finding.fix.empty() && (!description || finding.fix != description->fix)) {
        out_ << "      " << paint("32", "fix: ") << finding.fix << "\n";
      }
    }
    if (description && !description->fix.empty()) out_ << "  " << paint("32", "fix: ") << description->fix << "\n";
    out_ << "\n";
  }

  void print_summary(const ReportSummary& summary) {
    std::map<Severity, std::size_t> counts;
    for (const auto& [rule, findings] : by_rule_) {
      for (const auto& finding : findings) ++counts[finding.severity];
    }
    std::size_t services = 0;
    std::size_t libraries = 0;
    for (const auto& unit : context_.units) (unit.kind == UnitKind::service ? services : libraries) += 1;
    const auto plural = [](std::size_t n, std::string_view one, std::string_view many = {}) {
      return std::to_string(n) + " " + (n == 1 ? std::string(one) : many.empty() ? std::string(one) + "s" : std::string(many));
    };
    out_ << paint("1", plural(summary.findings, "finding")) << " (" << plural(counts[Severity::error], "error") << ", "
         << plural(counts[Severity::warning], "warning") << ", " << plural(counts[Severity::note], "note") << ") in "
         << plural(services, "service") << ", " << plural(libraries, "library", "libraries") << " and "
         << plural(context_.datastores.size(), "datastore") << "; " << summary.suppressed << " suppressed; "
         << (summary.baselined ? std::to_string(summary.baselined) + " in baseline; " : std::string())
         << plural(summary.warnings.size(), "input warning") << "\n";
  }

  std::ostream& out_;
  bool color_;
  ReportContext context_;
  std::map<std::string, std::vector<Finding>> by_rule_;
};

}  // namespace

std::unique_ptr<Printer> make_text_printer(std::ostream& out, const PrinterOptions& options) {
  return std::make_unique<TextPrinter>(out, options);
}

}  // namespace dbsilo
