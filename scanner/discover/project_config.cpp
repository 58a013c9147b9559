// Reads dbsilo.yaml (see design.md) into ProjectConfigFacts.
#include "scanner/discover/project_config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>

namespace dbsilo {
namespace {

constexpr std::array<std::string_view, 6> kKnownKeys = {"ignore", "libraries", "ownership", "rules", "services", "suppressions"};
constexpr std::array<std::string_view, 4> kRuleLevels = {"error", "note", "off", "warning"};

SourceLocation location_of(const YAML::Node& node, const std::string& path) {
  const YAML::Mark mark = node.Mark();
  return {path, mark.line >= 0 ? mark.line + 1 : 0, mark.column >= 0 ? mark.column + 1 : 0};
}

std::vector<UnitOverride> read_units(const YAML::Node& node, const std::string& path, std::vector<Warning>& warnings) {
  std::vector<UnitOverride> units;
  if (!node.IsSequence()) {
    warnings.push_back({location_of(node, path), "expected a list of {name, paths}"});
    return units;
  }
  for (const auto& item : node) {
    if (!item.IsMap() || !item["name"] || !item["name"].IsScalar()) {
      warnings.push_back({location_of(item, path), "a unit needs a name"});
      continue;
    }
    UnitOverride unit;
    unit.name = item["name"].Scalar();
    unit.location = location_of(item, path);
    const YAML::Node paths = item["paths"] ? item["paths"] : item["path"];
    if (paths && paths.IsScalar()) unit.paths.push_back(paths.Scalar());
    if (paths && paths.IsSequence()) {
      for (const auto& entry : paths) {
        if (entry.IsScalar()) unit.paths.push_back(entry.Scalar());
      }
    }
    if (unit.paths.empty()) {
      warnings.push_back({unit.location, "unit '" + unit.name + "' has no paths"});
      continue;
    }
    units.push_back(std::move(unit));
  }
  return units;
}

// suppressions: [{rule: shared-database, path: "services/orders/**", reason: "..."}, {fingerprint: ..., rule: ..., reason: ...}]
std::vector<SuppressionFact> read_suppressions(const YAML::Node& node, const std::string& path, std::vector<Warning>& warnings) {
  std::vector<SuppressionFact> suppressions;
  if (!node.IsSequence()) {
    warnings.push_back({location_of(node, path), "suppressions must be a list of {rule, path, reason}"});
    return suppressions;
  }
  const std::string base = path.find('/') == std::string::npos ? std::string() : path.substr(0, path.rfind('/') + 1);
  for (const auto& item : node) {
    SuppressionFact suppression;
    suppression.location = location_of(item, path);
    if (!item.IsMap()) {
      warnings.push_back({suppression.location, "a suppression needs rule, reason and path or fingerprint"});
      continue;
    }
    for (const char* key : {"rule", "rules"}) {
      const YAML::Node rules = item[key];
      if (rules && rules.IsScalar()) suppression.rules.push_back(rules.Scalar());
      if (rules && rules.IsSequence()) {
        for (const auto& rule : rules) suppression.rules.push_back(rule.Scalar());
      }
    }
    if (item["reason"] && item["reason"].IsScalar()) suppression.reason = item["reason"].Scalar();
    if (item["path"] && item["path"].IsScalar()) suppression.path = base + item["path"].Scalar();
    if (item["fingerprint"] && item["fingerprint"].IsScalar()) suppression.fingerprint = item["fingerprint"].Scalar();
    if (suppression.rules.empty() || (suppression.path.empty() && suppression.fingerprint.empty())) {
      warnings.push_back({suppression.location, "a suppression needs a rule and a path or fingerprint"});
      continue;
    }
    suppressions.push_back(std::move(suppression));
  }
  return suppressions;
}

}  // namespace

ProjectConfigFacts read_project_config(std::string_view text, const std::string& path, std::vector<Warning>& warnings) {
  ProjectConfigFacts facts;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& error) {
    warnings.push_back({{path, error.mark.line >= 0 ? error.mark.line + 1 : 0, 0}, "invalid dbsilo.yaml: " + error.msg});
    return facts;
  }
  if (!root || root.IsNull()) return facts;
  if (!root.IsMap()) {
    warnings.push_back({{path, 1, 1}, "dbsilo.yaml must be a map"});
    return facts;
  }
  try {
    for (const auto& item : root) {
      const std::string key = item.first.Scalar();
      if (std::find(kKnownKeys.begin(), kKnownKeys.end(), key) == kKnownKeys.end()) {
        warnings.push_back({location_of(item.first, path), "unknown key '" + key + "' in dbsilo.yaml"});
      }
    }
    if (root["services"]) facts.services = read_units(root["services"], path, warnings);
    if (root["libraries"]) facts.libraries = read_units(root["libraries"], path, warnings);
    if (const YAML::Node ownership = root["ownership"]; ownership && ownership.IsMap()) {
      for (const auto& item : ownership) facts.ownership[item.first.Scalar()] = item.second.IsScalar() ? item.second.Scalar() : "";
    }
    if (const YAML::Node ignore = root["ignore"]; ignore && ignore.IsSequence()) {
      for (const auto& item : ignore) {
        if (item.IsScalar()) facts.ignore.push_back(item.Scalar());
      }
    }
    if (root["suppressions"]) facts.suppressions = read_suppressions(root["suppressions"], path, warnings);
    if (const YAML::Node rules = root["rules"]; rules && rules.IsMap()) {
      for (const auto& item : rules) {
        const std::string level = item.second.IsScalar() ? item.second.Scalar() : "";
        if (std::find(kRuleLevels.begin(), kRuleLevels.end(), level) == kRuleLevels.end()) {
          warnings.push_back({location_of(item.second, path), "rule level must be off, note, warning or error"});
          continue;
        }
        facts.rule_levels[item.first.Scalar()] = level;
      }
    }
  } catch (const YAML::Exception& error) {
    warnings.push_back({{path, error.mark.line >= 0 ? error.mark.line + 1 : 0, 0}, "unexpected dbsilo.yaml structure: " + error.msg});
  }
  return facts;
}

}  // namespace dbsilo
