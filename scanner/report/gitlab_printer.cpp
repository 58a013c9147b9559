// GitLab printer: a Code Quality report (a JSON array of Code Climate issues) for merge-request widgets.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <ostream>
#include <set>

#include "scanner/report/fingerprints.h"
#include "scanner/report/printer.h"

namespace dbsilo {
namespace {

using ordered_json = nlohmann::ordered_json;

// Input warnings are reported under this pseudo check name, as the fixture expectations do.
constexpr std::string_view kInputWarningCheck = "input-warning";

// GitLab's scale is info < minor < major < critical < blocker; blocker and critical are left
// to tools that find broken builds or security holes.
std::string_view gitlab_severity(Severity severity) {
  switch (severity) {
    case Severity::error: return "major";
    case Severity::warning: return "minor";
    case Severity::note: return "info";
  }
  return "minor";
}


// Code Quality has no "whole file": such a location points at line 1.
ordered_json location_json(const SourceLocation& location) {
  return ordered_json{{"path", location.path.empty() ? "." : location.path}, {"lines", ordered_json{{"begin", location.line > 0 ? location.line : 1}}}};
}

std::string location_text(const SourceLocation& location) {
  std::string text = location.path.empty() ? "." : location.path;
  if (location.line > 0) text += ":" + std::to_string(location.line);
  if (location.line > 0 && location.column > 0) text += ":" + std::to_string(location.column);
  return text;
}

// Markdown for the issue's detail view: services, the other side(s), and the fix.
std::string body_of(const Finding& finding) {
  std::string body;
  if (!finding.services.empty()) {
    body += "Services:";
    for (std::size_t i = 0; i < finding.services.size(); ++i) body += (i == 0 ? " " : ", ") + finding.services[i];
    body += "\n\n";
  }
  if (!finding.related.empty()) {
    body += "Related:\n";
    for (const auto& related : finding.related) body += "- `" + location_text(related.location) + "`: " + related.message + "\n";
    body += "\n";
  }
  if (!finding.fix.empty()) body += "Fix: " + finding.fix + "\n";
  while (body.ends_with("\n")) body.pop_back();
  return body;
}

class GitlabPrinter final : public Printer {
 public:
  explicit GitlabPrinter(std::ostream& out) : out_(out) {}

  void begin(const ReportContext&) override {}

  void finding(const Finding& finding) override {
    std::string description = finding.message;
    if (!finding.profile.empty()) description += " [profile " + finding.profile + "]";
    const std::string fingerprint =
        finding.fingerprint.empty() ? hash_hex(finding.rule + "\n" + finding.location.path + "\n" + finding.message) : finding.fingerprint;
    ordered_json issue{{"type", "issue"},
                       {"check_name", finding.rule},
                       {"description", description},
                       {"categories", ordered_json::array({"Bug Risk"})},
                       {"severity", gitlab_severity(finding.severity)},
                       {"fingerprint", fingerprints_.claim(fingerprint)},
                       {"location", location_json(finding.location)}};
    if (const std::string body = body_of(finding); !body.empty()) issue["content"] = ordered_json{{"body", body}};
    if (!finding.related.empty()) {
      ordered_json others = ordered_json::array();
      for (const auto& related : finding.related) others.push_back(location_json(related.location));
      issue["other_locations"] = others;
    }
    issues_.push_back(issue);
  }

  void finish(const ReportSummary& summary) override {
    for (const auto& warning : summary.warnings) {
      // No line in the fingerprint: the warning keeps its identity when lines move.
      const std::string fingerprint = hash_hex(std::string(kInputWarningCheck) + "\n" + warning.location.path + "\n" + warning.message);
      issues_.push_back(ordered_json{{"type", "issue"},
                                     {"check_name", kInputWarningCheck},
                                     {"description", "input warning: " + warning.message},
                                     {"categories", ordered_json::array({"Bug Risk"})},
                                     {"severity", "info"},
                                     {"fingerprint", fingerprints_.claim(fingerprint)},
                                     {"location", location_json(warning.location)}});
    }
    // Invalid UTF-8 from scanned files is replaced rather than aborting the report.
    out_ << issues_.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }

 private:
  std::ostream& out_;
  ordered_json issues_ = ordered_json::array();
  UniqueFingerprints fingerprints_;
};

}  // namespace

std::unique_ptr<Printer> make_gitlab_printer(std::ostream& out) { return std::make_unique<GitlabPrinter>(out); }

}  // namespace dbsilo
