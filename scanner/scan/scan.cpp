// run_scan: wires the stages together and applies rule selection and severities.
#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>

#include "dbsilo/rule.h"
#include "dbsilo/text.h"
#include "languages/cpp/cpp_extractor.h"
#include "scanner/discover/project_config.h"
#include "scanner/discover/units.h"
#include "scanner/discover/walk.h"
#include "scanner/resolve/resolve.h"
#include "scanner/scan/scan.h"
#include "scanner/scan/changed_files.h"
#include "scanner/scan/source_reader.h"
#include "scanner/scan/suppressions.h"

namespace dbsilo {
namespace {

// Size cap, binary content and changes since the walk: see source_reader.h.
std::optional<std::string> read_file_checked(const std::filesystem::path& root, const std::string& relative, std::vector<Warning>& warnings) {
  return read_source_file(root, relative, warnings);
}

std::vector<std::string> root_ignore_globs(const std::filesystem::path& root, std::vector<Warning>& warnings) {
  for (const char* name : {"dbsilo.yaml", "dbsilo.yml"}) {
    const auto path = root / name;
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) continue;
    std::vector<Warning> ignored;  // reported when the file is extracted with the others
    if (auto bytes = read_file_checked(root, name, ignored)) return read_project_config(*bytes, name, ignored).ignore;
  }
  (void)warnings;
  return {};
}

// C++ build flags: the given compile_commands.json, else one in the root or build/ (never a build run).
std::map<std::string, CompileFlags> compile_flags_of(const ScanOptions& options, std::vector<Warning>& warnings) {
  std::filesystem::path database = options.compile_commands;
  if (database.empty()) {
    for (const auto* candidate : {"compile_commands.json", "build/compile_commands.json"}) {
      std::error_code error;
      if (std::filesystem::is_regular_file(options.root / candidate, error)) {
        database = options.root / candidate;
        break;
      }
    }
  }
  if (database.empty()) return {};
  return read_compile_commands(database, options.root, warnings);
}

// env_file entries may name files of any name; read those the path classifier skipped.
void extract_env_files(const std::filesystem::path& root, const std::set<std::string>& walked, std::vector<FileFacts>& files,
                       std::vector<Warning>& warnings) {
  std::set<std::string> extracted;
  for (const auto& file : files) extracted.insert(file.path);
  std::set<std::pair<std::string, SourceLocation>> wanted;
  for (const auto& file : files) {
    if (!file.compose) continue;
    for (const auto& service : file.compose->services) {
      for (const auto& env_file : service.env_files) wanted.insert(env_file);
    }
  }
  for (const auto& [path, location] : wanted) {
    if (extracted.contains(path)) continue;
    if (!walked.contains(path)) {
      warnings.push_back({location, "env_file '" + path + "' not found inside the scanned root"});
      continue;
    }
    if (auto bytes = read_file_checked(root, path, warnings)) {
      files.push_back(extract_file(path, FileKind::dotenv, *bytes));
      extracted.insert(path);
    }
  }
}

// Helm charts are templates, not YAML: their templates/ folder is not read, and the chart is
// named once so the silence is explained.
std::set<std::string> helm_chart_dirs(const std::vector<std::string>& files) {
  std::set<std::string> charts;
  for (const auto& path : files) {
    const auto slash = path.rfind('/');
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    if (name == "Chart.yaml" || name == "Chart.yml") charts.insert(slash == std::string::npos ? std::string() : path.substr(0, slash));
  }
  return charts;
}

bool in_chart_templates(const std::string& path, const std::set<std::string>& charts) {
  for (const auto& chart : charts) {
    const std::string templates = chart.empty() ? "templates/" : chart + "/templates/";
    if (path.starts_with(templates)) return true;
  }
  return false;
}

// A compose `build:` whose Dockerfile starts FROM postgres runs a postgres: join each
// compose service with the base image of the Dockerfile it builds.
void link_dockerfiles(std::vector<FileFacts>& files) {
  std::map<std::string, std::string> base_image_of;
  for (const auto& file : files) {
    if (file.kind == FileKind::dockerfile) base_image_of[file.path] = file.dockerfile_base_image;
  }
  for (auto& file : files) {
    if (!file.compose) continue;
    for (auto& service : file.compose->services) {
      if (service.build_context.empty() && service.dockerfile.empty()) continue;
      const std::string dockerfile = !service.dockerfile.empty() ? service.dockerfile
                                     : service.build_context.empty() ? std::string("Dockerfile")
                                                                     : service.build_context + "/Dockerfile";
      if (auto found = base_image_of.find(dockerfile); found != base_image_of.end()) service.built_from_image = found->second;
    }
  }
}

// Profile names the tree defines: application-<p>.*, appsettings.<p>.json, on-profile
// expressions, docker-compose.<p>.yml and kustomize overlay folders.
std::set<std::string> profiles_defined(const std::vector<FileFacts>& files) {
  std::set<std::string> profiles;
  for (const auto& file : files) {
    const auto slash = file.path.rfind('/');
    const std::string name = slash == std::string::npos ? file.path : file.path.substr(slash + 1);
    const std::string dir = slash == std::string::npos ? std::string() : file.path.substr(0, slash);
    const std::string stem = name.substr(0, name.rfind('.'));
    for (char separator : {'-', '.'}) {
      if (const auto at = stem.find(separator); at != std::string::npos) {
        profiles.insert(stem.substr(at + 1));
        for (const auto& part : split(stem.substr(at + 1), '.')) profiles.insert(part);
        for (const auto& part : split(stem.substr(at + 1), '-')) profiles.insert(part);
      }
    }
    if (file.kubernetes && file.kubernetes->kustomization) profiles.insert(dir.substr(dir.rfind('/') + 1));
    if (!file.config) continue;
    for (const auto& document : file.config->documents) {
      std::string word;
      for (char c : document.activation + " ") {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') {
          word += c;
        } else {
          if (!word.empty()) profiles.insert(word);
          word.clear();
        }
      }
    }
  }
  return profiles;
}

std::vector<DatastoreSummary> summarize_datastores(const Model& model) {
  std::map<std::pair<std::string, std::string>, DatastoreSummary> grouped;
  for (const auto& datasource : model.datasources) {
    if (datasource.server_key.empty()) continue;
    DatastoreSummary& summary = grouped[{datasource.server_key, datasource.database_label}];
    if (summary.id.empty()) {
      summary.id = datasource.server_label + (datasource.database_label.empty() ? "" : "/" + datasource.database_label);
      summary.engine = std::string(engine_name(datasource.target.engine));
      summary.host = datasource.target.endpoints.front().host;
      summary.port = datasource.target.endpoints.front().port ? datasource.target.endpoints.front().port : default_port(datasource.target.engine);
      summary.database = datasource.database_label;
    }
    if (std::find(summary.used_by.begin(), summary.used_by.end(), datasource.unit) == summary.used_by.end()) summary.used_by.push_back(datasource.unit);
    if (std::find(summary.origins.begin(), summary.origins.end(), datasource.origin.location) == summary.origins.end()) {
      summary.origins.push_back(datasource.origin.location);
    }
  }
  std::vector<DatastoreSummary> summaries;
  for (auto& [key, summary] : grouped) {
    std::sort(summary.used_by.begin(), summary.used_by.end());
    std::sort(summary.origins.begin(), summary.origins.end());
    summaries.push_back(std::move(summary));
  }
  std::sort(summaries.begin(), summaries.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return summaries;
}

std::map<std::string, std::string> rule_levels_of(const std::vector<FileFacts>& files) {
  for (const auto& file : files) {
    if (file.project_config && (file.path == "dbsilo.yaml" || file.path == "dbsilo.yml")) return file.project_config->rule_levels;
  }
  return {};
}

bool rule_selected(std::string_view id, const ScanOptions& options, const std::map<std::string, std::string>& levels) {
  const std::string rule_id(id);
  if (!options.enabled_rules.empty()) {
    return std::find(options.enabled_rules.begin(), options.enabled_rules.end(), rule_id) != options.enabled_rules.end();
  }
  if (std::find(options.disabled_rules.begin(), options.disabled_rules.end(), rule_id) != options.disabled_rules.end()) return false;
  auto level = levels.find(rule_id);
  return level == levels.end() || level->second != "off";
}

Severity severity_of(const RuleInfo& info, const std::map<std::string, std::string>& levels) {
  auto level = levels.find(std::string(info.id));
  if (level == levels.end()) return info.default_severity;
  if (level->second == "error") return Severity::error;
  if (level->second == "note") return Severity::note;
  return Severity::warning;
}

// A finding also seen in the default evaluation is not repeated for a profile.
std::vector<Finding> without_profile_repeats(std::vector<Finding> findings, const std::vector<std::string>& profiles) {
  const auto profile_rank = [&profiles](const std::string& profile) {
    return std::find(profiles.begin(), profiles.end(), profile) - profiles.begin();
  };
  std::stable_sort(findings.begin(), findings.end(), [&](const Finding& a, const Finding& b) { return profile_rank(a.profile) < profile_rank(b.profile); });
  std::set<std::string> seen;
  std::vector<Finding> kept;
  for (auto& finding : findings) {
    if (!seen.insert(finding.fingerprint).second) continue;
    kept.push_back(std::move(finding));
  }
  return kept;
}

}  // namespace

std::vector<RuleDescription> describe_rules() {
  std::vector<RuleDescription> descriptions;
  for (const auto& rule : all_rules()) {
    const auto& info = rule->info();
    RuleDescription description{std::string(info.id), std::string(info.name), std::string(info.summary), std::string(info.fix),
                                info.default_severity, std::string(rule_doc(info.id)),
                                std::string(kRuleDocBaseUrl) + std::string(info.id) + ".md", {}};
    for (const auto tag : info.tags) description.tags.emplace_back(tag);
    descriptions.push_back(std::move(description));
  }
  return descriptions;
}

void validate_rule_selection(const ScanOptions& options) {
  for (const auto& id : options.enabled_rules) {
    if (!find_rule(id)) throw std::runtime_error("unknown rule '" + id + "' (see `dbsilo explain`)");
  }
  for (const auto& id : options.disabled_rules) {
    if (!find_rule(id)) throw std::runtime_error("unknown rule '" + id + "' (see `dbsilo explain`)");
  }
}

CollectedFacts collect_facts(const ScanOptions& options) {
  std::error_code error;
  if (!std::filesystem::is_directory(options.root, error)) throw std::runtime_error("not a directory: " + options.root.string());
  CollectedFacts collected;
  WalkOptions walk_options;
  walk_options.ignore_globs = root_ignore_globs(options.root, collected.warnings);
  WalkResult walked = walk_tree(options.root, walk_options);
  collected.warnings.insert(collected.warnings.end(), walked.warnings.begin(), walked.warnings.end());

  auto& files = collected.files;
  const std::set<std::string> charts = helm_chart_dirs(walked.files);
  for (const auto& chart : charts) {
    const std::string chart_file = chart.empty() ? "Chart.yaml" : chart + "/Chart.yaml";
    collected.warnings.push_back({{chart_file, 1, 1},
                                  "Helm chart '" + (chart.empty() ? std::string(".") : chart) +
                                      "' is not rendered: its templates are not read (render it with `helm template` into the tree to scan it)"});
  }
  const auto compile_flags = compile_flags_of(options, collected.warnings);
  for (const auto& path : walked.files) {
    const FileKind kind = classify_file(path, options.include_tests);
    if (kind == FileKind::other || in_chart_templates(path, charts)) continue;
    const auto flags = compile_flags.find(path);
    if (auto bytes = read_file_checked(options.root, path, collected.warnings)) {
      files.push_back(extract_file(path, kind, *bytes, flags == compile_flags.end() ? nullptr : &flags->second, options.java_prefilter));
    }
  }
  extract_env_files(options.root, std::set<std::string>(walked.files.begin(), walked.files.end()), files, collected.warnings);
  std::sort(files.begin(), files.end(), [](const FileFacts& a, const FileFacts& b) { return a.path < b.path; });
  return collected;
}

ScanResult analyze_facts(std::vector<FileFacts> files, std::vector<Warning> collection_warnings, const ScanOptions& options) {
  validate_rule_selection(options);
  ScanResult result;
  result.warnings = std::move(collection_warnings);
  std::sort(files.begin(), files.end(), [](const FileFacts& a, const FileFacts& b) { return a.path < b.path; });
  link_dockerfiles(files);
  for (const auto& file : files) result.warnings.insert(result.warnings.end(), file.warnings.begin(), file.warnings.end());
  const std::set<std::string> defined = profiles_defined(files);
  for (const auto& profile : options.profiles) {
    if (!defined.contains(profile)) {
      result.warnings.push_back({{"", 0, 0}, "--profile " + profile +
                                                 " matches no Spring profile, compose variant or kustomize overlay in the scanned tree"});
    }
  }
  DiscoveredUnits discovered = discover_units(files);
  result.warnings.insert(result.warnings.end(), discovered.warnings.begin(), discovered.warnings.end());
  ResolveOptions resolve_options;
  resolve_options.profiles = options.profiles;
  for (const auto& file : files) {
    if (file.project_config && (file.path == "dbsilo.yaml" || file.path == "dbsilo.yml")) resolve_options.ownership = file.project_config->ownership;
  }
  result.model = resolve_model(files, discovered, resolve_options, result.warnings);
  result.datastores = summarize_datastores(result.model);

  const auto levels = rule_levels_of(files);
  std::vector<Finding> findings;
  for (const auto& rule : all_rules()) {
    if (!rule_selected(rule->info().id, options, levels)) continue;
    std::vector<Finding> produced;
    rule->check(result.model, produced);
    for (auto& finding : produced) {
      finding.rule = std::string(rule->info().id);
      finding.severity = severity_of(rule->info(), levels);
      if (finding.fix.empty()) finding.fix = std::string(rule->info().fix);
      findings.push_back(std::move(finding));
    }
  }
  findings = without_profile_repeats(std::move(findings), result.model.profiles);

  // Suppressions of rules that did not run are neither applied nor reported as unused.
  std::vector<SuppressionFact> suppressions;
  for (const auto& file : files) {
    suppressions.insert(suppressions.end(), file.suppressions.begin(), file.suppressions.end());
    if (file.project_config && (file.path == "dbsilo.yaml" || file.path == "dbsilo.yml")) {
      suppressions.insert(suppressions.end(), file.project_config->suppressions.begin(), file.project_config->suppressions.end());
    }
  }
  std::erase_if(suppressions, [&](const SuppressionFact& suppression) {
    return std::all_of(suppression.rules.begin(), suppression.rules.end(),
                       [&](const std::string& rule) { return find_rule(rule) && !rule_selected(rule, options, levels); });
  });
  SuppressionOutcome outcome = apply_suppressions(std::move(findings), suppressions);
  result.findings = std::move(outcome.kept);
  result.suppressed = outcome.suppressed;
  result.warnings.insert(result.warnings.end(), outcome.warnings.begin(), outcome.warnings.end());

  if (!options.changed_since.empty()) {
    std::string error;
    const auto changed = changed_files_since(options.root, options.changed_since, error);
    if (!changed) throw std::runtime_error(error);
    keep_findings_in_changed_files(result.findings, *changed);
  }
  std::sort(result.findings.begin(), result.findings.end(), finding_order);
  std::sort(result.warnings.begin(), result.warnings.end());
  result.warnings.erase(std::unique(result.warnings.begin(), result.warnings.end()), result.warnings.end());
  return result;
}

ScanResult run_scan(const ScanOptions& options) {
  validate_rule_selection(options);
  CollectedFacts collected = collect_facts(options);
  return analyze_facts(std::move(collected.files), std::move(collected.warnings), options);
}

}  // namespace dbsilo
