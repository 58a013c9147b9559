// SARIF printer: SARIF 2.1.0 as GitHub code scanning ingests it, cut to fit GitHub's upload limits.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <ostream>
#include <set>

#include "scanner/report/fingerprints.h"
#include "scanner/report/printer.h"

namespace dbsilo {
namespace {

using ordered_json = nlohmann::ordered_json;

// GitHub code scanning limits, from docs.github.com "SARIF results exceed one or more limits"
// and "SARIF results file is too large". Past a display limit GitHub silently drops entries;
// past a hard limit it rejects the whole upload. We cut at the display limits (which are below
// the hard ones) ourselves, keeping the most severe findings, and say so in a notification.
constexpr std::size_t kMaxResults = 5000;              // results shown per run (25,000 rejected)
constexpr std::size_t kMaxLocationsPerResult = 100;    // locations shown per result (1,000 rejected)
constexpr std::size_t kMaxTagsPerRule = 10;            // tags shown per rule (20 rejected)
// Uploads above 10 MB are rejected. The limit applies to the gzip-compressed upload; holding the
// uncompressed document to it is stricter and needs no compressor here.
constexpr std::size_t kMaxDocumentBytes = 10'000'000;
// Room kept for the "report cut" notifications, which are only known once the cut is made.
constexpr std::size_t kNotificationReserve = 4096;

constexpr std::string_view kSchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr std::string_view kSourceRoot = "%SRCROOT%";
constexpr std::string_view kFingerprintKey = "dbsiloFingerprint/v1";
// Results sit at depth 4 (document, runs, run, results); dump(2) indents each of their lines by 8.
constexpr std::size_t kResultIndent = 8;

// Notification descriptors (driver.notifications), referenced by index from each notification.
constexpr std::size_t kInputWarningDescriptor = 0;
constexpr std::size_t kReportCutDescriptor = 1;

std::string dump(const ordered_json& value, int indent = 2) {
  // Invalid UTF-8 from scanned files is replaced rather than aborting the report.
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

// "shared-database-instance" -> "SharedDatabaseInstance": SARIF wants rule names as identifiers.
std::string pascal_case(std::string_view id) {
  std::string name;
  bool start_of_word = true;
  for (const char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      start_of_word = true;
      continue;
    }
    name += start_of_word ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    start_of_word = false;
  }
  return name;
}

// A repo-relative path as a relative URI reference: anything outside the unreserved characters,
// '/' and the harmless sub-delimiters is percent-encoded (':' too, or "c:x" would read as a scheme).
std::string relative_uri(std::string_view path) {
  static constexpr std::string_view kKept = "-._~/!$&'()*+,;=@";
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string uri;
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) && byte < 0x80) {
      uri += c;
    } else if (kKept.find(c) != std::string_view::npos) {
      uri += c;
    } else {
      uri += '%';
      uri += kHex[byte >> 4];
      uri += kHex[byte & 0x0F];
    }
  }
  return uri.empty() ? "." : uri;
}

// The doc page as plain text for help.text: headings, emphasis, code spans and fences unmarked.
std::string plain_text(std::string_view markdown) {
  std::string text;
  std::size_t start = 0;
  while (start <= markdown.size()) {
    std::size_t end = markdown.find('\n', start);
    if (end == std::string_view::npos) end = markdown.size();
    std::string_view line = markdown.substr(start, end - start);
    start = end + 1;
    if (line.starts_with("```")) continue;
    if (line.starts_with("#")) {
      line.remove_prefix(std::min(line.find_first_not_of('#'), line.size()));
      if (line.starts_with(" ")) line.remove_prefix(1);
    }
    std::string plain(line);
    for (const std::string_view mark : {"**", "`"}) {
      for (std::size_t at = plain.find(mark); at != std::string::npos; at = plain.find(mark, at)) plain.erase(at, mark.size());
    }
    text += plain;
    text += '\n';
  }
  while (text.ends_with("\n\n")) text.pop_back();
  while (!text.empty() && text.front() == '\n') text.erase(0, 1);
  return text;
}

// How GitHub reads `problem.severity`: error, warning or recommendation.
std::string_view problem_severity(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "recommendation";
  }
  return "warning";
}

bool is_semantic_version(std::string_view version) {
  int dots = 0;
  bool digit_before = false;
  for (const char c : version) {
    if (c == '-' || c == '+') return dots == 2 && digit_before;
    if (c == '.') {
      if (!digit_before) return false;
      ++dots;
      digit_before = false;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      digit_before = true;
    } else {
      return false;
    }
  }
  return dots == 2 && digit_before;
}


ordered_json physical_location(const SourceLocation& location) {
  ordered_json physical{{"artifactLocation", ordered_json{{"uri", relative_uri(location.path)}, {"uriBaseId", kSourceRoot}}}};
  // 0 means "whole file" (or "whole line"): such fields are left out, SARIF has no 0.
  if (location.line > 0) {
    ordered_json region{{"startLine", location.line}};
    if (location.column > 0) region["startColumn"] = location.column;
    physical["region"] = region;
  }
  return physical;
}

std::string with_profile(const Finding& finding) {
  return finding.profile.empty() ? finding.message : finding.message + " [profile " + finding.profile + "]";
}

class SarifPrinter final : public Printer {
 public:
  explicit SarifPrinter(std::ostream& out) : out_(out) {}

  void begin(const ReportContext& context) override { context_ = context; }

  void finding(const Finding& finding) override { findings_.push_back(finding); }

  void finish(const ReportSummary& summary) override {
    std::vector<std::string> cuts;
    ordered_json rules = rule_descriptors(cuts);
    ordered_json results = result_objects(rules, cuts);

    ordered_json notifications = ordered_json::array();
    for (const auto& warning : summary.warnings) {
      ordered_json notification{{"level", "warning"}, {"message", ordered_json{{"text", warning.message}}}};
      if (!warning.location.path.empty()) {
        notification["locations"] = ordered_json::array({ordered_json{{"physicalLocation", physical_location(warning.location)}}});
      }
      notification["descriptor"] = ordered_json{{"id", "input-warning"}, {"index", kInputWarningDescriptor}};
      notifications.push_back(notification);
    }

    ordered_json document = skeleton(rules, notifications, summary);
    const std::size_t fixed_bytes = dump(document).size() + kNotificationReserve;
    const std::vector<bool> kept = keep_within_limits(results, fixed_bytes, cuts);

    ordered_json& run = document["runs"][0];
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (kept[i]) run["results"].push_back(std::move(results[i]));
    }
    for (const auto& cut : cuts) {
      run["invocations"][0]["toolExecutionNotifications"].push_back(
          ordered_json{{"level", "warning"},
                       {"message", ordered_json{{"text", cut}}},
                       {"descriptor", ordered_json{{"id", "report-cut"}, {"index", kReportCutDescriptor}}}});
    }
    out_ << dump(document) << "\n";
  }

 private:
  ordered_json rule_descriptors(std::vector<std::string>& cuts) {
    ordered_json rules = ordered_json::array();
    std::size_t rules_with_cut_tags = 0;
    for (const auto& rule : context_.rules) {
      rule_index_[rule.id] = rules.size();
      std::vector<std::string> tags = rule.tags;
      if (tags.size() > kMaxTagsPerRule) {
        tags.resize(kMaxTagsPerRule);
        ++rules_with_cut_tags;
      }
      std::string full_description = rule.summary;
      if (!rule.fix.empty()) full_description += (full_description.empty() ? "" : " ") + std::string("Fix: ") + rule.fix;
      // GitHub shows help on every alert: a rule without a doc page still gets its summary and fix.
      const std::string help_markdown = rule.doc.empty() ? full_description : rule.doc;
      ordered_json descriptor{{"id", rule.id},
                              {"name", pascal_case(rule.id)},
                              {"shortDescription", ordered_json{{"text", rule.summary.empty() ? rule.name : rule.summary}}},
                              {"fullDescription", ordered_json{{"text", full_description.empty() ? rule.name : full_description}}},
                              {"help", ordered_json{{"text", plain_text(help_markdown)}, {"markdown", help_markdown}}}};
      if (!rule.help_uri.empty()) descriptor["helpUri"] = rule.help_uri;
      descriptor["defaultConfiguration"] = ordered_json{{"level", severity_name(rule.default_severity)}};
      // Findings are derived from configuration the scan read, not guessed: "high" precision.
      descriptor["properties"] = ordered_json{{"tags", tags}, {"precision", "high"}, {"problem.severity", problem_severity(rule.default_severity)}};
      rules.push_back(descriptor);
    }
    if (rules_with_cut_tags > 0) {
      cuts.push_back("tags of " + std::to_string(rules_with_cut_tags) + " rule(s) cut to the first " + std::to_string(kMaxTagsPerRule) +
                     ", the most GitHub code scanning shows per rule");
    }
    return rules;
  }

  // A finding whose rule the context does not describe still gets a descriptor, so every
  // result has a ruleIndex and help text.
  std::size_t rule_index(const Finding& finding, ordered_json& rules) {
    if (const auto known = rule_index_.find(finding.rule); known != rule_index_.end()) return known->second;
    const std::size_t index = rules.size();
    rule_index_[finding.rule] = index;
    const std::string text = "dbsilo rule " + finding.rule + " (no description available)";
    rules.push_back(ordered_json{{"id", finding.rule},
                                 {"name", pascal_case(finding.rule)},
                                 {"shortDescription", ordered_json{{"text", text}}},
                                 {"fullDescription", ordered_json{{"text", text}}},
                                 {"help", ordered_json{{"text", text}, {"markdown", text}}},
                                 {"defaultConfiguration", ordered_json{{"level", severity_name(finding.severity)}}},
                                 {"properties", ordered_json{{"tags", ordered_json::array()},
                                                             {"precision", "high"},
                                                             {"problem.severity", problem_severity(finding.severity)}}}});
    return index;
  }

  ordered_json result_objects(ordered_json& rules, std::vector<std::string>& cuts) {
    ordered_json results = ordered_json::array();
    UniqueFingerprints fingerprints;
    std::size_t results_with_cut_locations = 0;
    for (const auto& finding : findings_) {
      ordered_json result{{"ruleId", finding.rule},
                          {"ruleIndex", rule_index(finding, rules)},
                          {"level", severity_name(finding.severity)},
                          {"message", ordered_json{{"text", with_profile(finding)}}},
                          {"locations", ordered_json::array({ordered_json{{"physicalLocation", physical_location(finding.location)}}})}};
      ordered_json related = ordered_json::array();
      for (const auto& item : finding.related) {
        if (related.size() + 1 >= kMaxLocationsPerResult) {  // + 1: the primary location counts too
          ++results_with_cut_locations;
          break;
        }
        ordered_json location{{"id", related.size() + 1}};
        if (!item.location.path.empty()) location["physicalLocation"] = physical_location(item.location);
        location["message"] = ordered_json{{"text", item.message}};
        related.push_back(location);
      }
      if (!related.empty()) result["relatedLocations"] = related;
      const std::string fingerprint =
          finding.fingerprint.empty() ? hash_hex(finding.rule + "\n" + finding.location.path + "\n" + finding.message) : finding.fingerprint;
      result["partialFingerprints"] = ordered_json{{kFingerprintKey, fingerprints.claim(fingerprint)}};
      result["properties"] = ordered_json{{"services", finding.services}, {"profile", finding.profile}, {"fix", finding.fix}};
      results.push_back(result);
    }
    if (results_with_cut_locations > 0) {
      cuts.push_back("related locations of " + std::to_string(results_with_cut_locations) + " result(s) cut to the first " +
                     std::to_string(kMaxLocationsPerResult - 1) + ", so that with the primary location each shows at most " +
                     std::to_string(kMaxLocationsPerResult) + " locations, the most GitHub code scanning shows");
    }
    return results;
  }

  ordered_json skeleton(const ordered_json& rules, const ordered_json& notifications, const ReportSummary& summary) const {
    // The project page: the rule doc base URL up to "/blob/".
    const std::string_view docs = kRuleDocBaseUrl;
    const std::string information_uri(docs.substr(0, docs.find("/blob/")));
    ordered_json driver{{"name", "dbsilo"}, {"version", context_.tool_version}};
    if (is_semantic_version(context_.tool_version)) driver["semanticVersion"] = context_.tool_version;
    driver["informationUri"] = information_uri;
    // GitHub wants fullDescription and help on every descriptor, notifications' included (GH2012).
    const auto notification_descriptor = [](std::string_view id, std::string_view name, std::string_view text) {
      return ordered_json{{"id", id},
                          {"name", name},
                          {"shortDescription", ordered_json{{"text", text}}},
                          {"fullDescription", ordered_json{{"text", text}}},
                          {"help", ordered_json{{"text", text}}}};
    };
    driver["notifications"] = ordered_json::array(
        {notification_descriptor("input-warning", "InputWarning", "Bad or surprising input: reported with its location, and the scan went on."),
         notification_descriptor("report-cut", "ReportCut", "The report was cut to stay within GitHub code scanning's upload limits.")});
    driver["rules"] = rules;
    ordered_json run{{"tool", ordered_json{{"driver", driver}}},
                     {"invocations", ordered_json::array({ordered_json{{"executionSuccessful", true}, {"toolExecutionNotifications", notifications}}})},
                     {"originalUriBaseIds",
                      ordered_json{{kSourceRoot, ordered_json{{"description", ordered_json{{"text", "The root of the scanned repository."}}}}}}},
                     {"columnKind", "utf16CodeUnits"},
                     {"results", ordered_json::array()},
                     {"properties", ordered_json{{"suppressed", summary.suppressed}}}};
    return ordered_json{{"$schema", kSchemaUri}, {"version", "2.1.0"}, {"runs", ordered_json::array({run})}};
  }

  // Which results fit GitHub's result-count and file-size limits: the most severe first (in
  // report order within a severity), stopping at the first that does not fit.
  std::vector<bool> keep_within_limits(const ordered_json& results, std::size_t fixed_bytes, std::vector<std::string>& cuts) const {
    std::vector<std::size_t> by_priority(results.size());
    for (std::size_t i = 0; i < by_priority.size(); ++i) by_priority[i] = i;
    std::stable_sort(by_priority.begin(), by_priority.end(),
                     [this](std::size_t a, std::size_t b) { return findings_[a].severity > findings_[b].severity; });
    std::vector<bool> kept(results.size(), false);
    std::size_t bytes = fixed_bytes;
    std::size_t count = 0;
    bool over_size = false;
    for (const std::size_t index : by_priority) {
      if (count == kMaxResults) break;
      const std::string text = dump(results[index]);
      const std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
      const std::size_t size = text.size() + kResultIndent * lines + 2;  // + 2: ",\n" between results
      if (bytes + size > kMaxDocumentBytes) {
        over_size = true;
        break;
      }
      bytes += size;
      kept[index] = true;
      ++count;
    }
    if (count < results.size()) {
      const std::string reason = over_size ? "the " + std::to_string(kMaxDocumentBytes / 1'000'000) + " MB GitHub code scanning accepts per upload"
                                           : "the " + std::to_string(kMaxResults) + " results GitHub code scanning shows per run";
      cuts.push_back("report cut to " + std::to_string(count) + " of " + std::to_string(results.size()) +
                     " results, the most severe first, to stay within " + reason + "; the text or JSON report has them all");
    }
    return kept;
  }

  std::ostream& out_;
  ReportContext context_;
  std::vector<Finding> findings_;
  std::map<std::string, std::size_t> rule_index_;
};

}  // namespace

std::unique_ptr<Printer> make_sarif_printer(std::ostream& out) { return std::make_unique<SarifPrinter>(out); }

}  // namespace dbsilo
