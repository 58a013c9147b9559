// GitHub printer: one Actions workflow command per finding (::error/::warning/::notice), which the runner turns into annotations.
#include <map>
#include <ostream>

#include "scanner/report/printer.h"

namespace dbsilo {
namespace {

// GitHub Actions shows at most 10 annotations of each level per step (actions/toolkit,
// docs/problem-matchers.md, "Limitations"); later commands stay in the log only.
constexpr std::size_t kAnnotationsShownPerLevel = 10;

// Workflow-command data: '%', CR and LF are escaped so a message stays on its one command line.
std::string escape_data(std::string_view text) {
  std::string escaped;
  for (const char c : text) {
    switch (c) {
      case '%': escaped += "%25"; break;
      case '\r': escaped += "%0D"; break;
      case '\n': escaped += "%0A"; break;
      default: escaped += c;
    }
  }
  return escaped;
}

// Property values also escape ':' and ',', which separate the command's properties.
std::string escape_property(std::string_view text) {
  std::string escaped;
  for (const char c : escape_data(text)) {
    switch (c) {
      case ':': escaped += "%3A"; break;
      case ',': escaped += "%2C"; break;
      default: escaped += c;
    }
  }
  return escaped;
}

std::string_view command_for(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "notice";
  }
  return "warning";
}

std::string location_text(const SourceLocation& location) {
  std::string text = location.path.empty() ? "." : location.path;
  if (location.line > 0) text += ":" + std::to_string(location.line);
  if (location.line > 0 && location.column > 0) text += ":" + std::to_string(location.column);
  return text;
}

// file=...,line=...,col=...,endLine=...,title=...: a 0 line or column means "not known" and is left out.
std::string properties_of(const SourceLocation& location, std::string_view title) {
  std::string properties;
  const auto add = [&properties](std::string_view key, std::string_view value) {
    if (!properties.empty()) properties += ',';
    properties += std::string(key) + "=" + escape_property(value);
  };
  if (!location.path.empty()) add("file", location.path);
  if (!location.path.empty() && location.line > 0) {
    add("line", std::to_string(location.line));
    if (location.column > 0) add("col", std::to_string(location.column));
    add("endLine", std::to_string(location.line));
  }
  if (!title.empty()) add("title", title);
  return properties;
}

std::string plural(std::size_t count, std::string_view one) {
  return std::to_string(count) + " " + std::string(one) + (count == 1 ? "" : "s");
}

class GithubPrinter final : public Printer {
 public:
  explicit GithubPrinter(std::ostream& out) : out_(out) {}

  void begin(const ReportContext&) override {}

  void finding(const Finding& finding) override {
    ++per_level_[command_for(finding.severity)];
    ++finding_counts_[finding.severity];
    std::string data = finding.message;
    if (!finding.profile.empty()) data += " [profile " + finding.profile + "]";
    for (const auto& related : finding.related) data += "\nrelated: " + location_text(related.location) + ": " + related.message;
    if (!finding.fix.empty()) data += "\nfix: " + finding.fix;
    write(command_for(finding.severity), properties_of(finding.location, "dbsilo " + finding.rule), data);
  }

  void finish(const ReportSummary& summary) override {
    for (const auto& warning : summary.warnings) {
      ++per_level_["warning"];
      write("warning", properties_of(warning.location, "dbsilo input warning"), warning.message);
    }
    out_ << "dbsilo: " << plural(summary.findings, "finding") << " (" << plural(findings_at(Severity::error), "error") << ", "
         << plural(findings_at(Severity::warning), "warning") << ", " << plural(findings_at(Severity::note), "note") << "); "
         << summary.suppressed << " suppressed; " << plural(summary.warnings.size(), "input warning");
    bool over_limit = false;
    for (const auto& [level, count] : per_level_) over_limit = over_limit || count > kAnnotationsShownPerLevel;
    if (over_limit) {
      out_ << "; GitHub shows at most " << kAnnotationsShownPerLevel << " annotations of each level per step, the rest are only in this log";
    }
    out_ << "\n";
  }

 private:
  std::size_t findings_at(Severity severity) const { return finding_counts_.contains(severity) ? finding_counts_.at(severity) : 0; }

  void write(std::string_view command, const std::string& properties, std::string_view data) {
    out_ << "::" << command;
    if (!properties.empty()) out_ << " " << properties;
    out_ << "::" << escape_data(data) << "\n";
  }

  std::ostream& out_;
  std::map<std::string_view, std::size_t> per_level_;  // commands written per level, input warnings included
  std::map<Severity, std::size_t> finding_counts_;
};

}  // namespace

std::unique_ptr<Printer> make_github_printer(std::ostream& out) { return std::make_unique<GithubPrinter>(out); }

}  // namespace dbsilo
