// read_package_json: an npm package, its runtime dependencies and its workspaces.
#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "dbsilo/json_error.h"

#include "languages/build/build_manifests.h"
#include "languages/build/manifest_paths.h"

namespace dbsilo {

namespace {

using nlohmann::json;

// Sections whose packages the installed package needs at run time (devDependencies do not
// ship). Sorted.
constexpr std::array<std::string_view, 3> kRuntimeDependencySections{"dependencies", "optionalDependencies", "peerDependencies"};

// Fields that make a package runnable on its own. Sorted.
constexpr std::array<std::string_view, 2> kEntryPointFields{"bin", "main"};

// Where the keys of the top-level object and of the objects directly inside it stand, found
// by one forward scan over the (already validated) JSON text.
class JsonKeyOffsets {
 public:
  explicit JsonKeyOffsets(std::string_view text) { scan(text); }

  std::optional<std::size_t> top_level(std::string_view key) const { return find({std::string(key), {}}); }
  std::optional<std::size_t> nested(std::string_view section, std::string_view key) const {
    return find({std::string(section), std::string(key)});
  }

 private:
  struct Level {
    bool is_object = false;
    bool expecting_key = false;
    std::string key;  // the latest key read at this level
  };

  std::optional<std::size_t> find(const std::pair<std::string, std::string>& key) const {
    const auto found = offsets_.find(key);
    return found == offsets_.end() ? std::nullopt : std::optional<std::size_t>(found->second);
  }

  // The raw string starting at the '"' at `open`; `open` moves onto the closing quote.
  static std::string read_string(std::string_view text, std::size_t& open) {
    std::string raw;
    std::size_t i = open + 1;
    for (; i < text.size() && text[i] != '"'; ++i) {
      if (text[i] == '\\' && i + 1 < text.size()) raw += text[i++];
      raw += text[i];
    }
    open = i;
    return raw;
  }

  void record_key(const std::vector<Level>& levels, const std::string& key, std::size_t offset) {
    if (levels.size() == 1) offsets_.try_emplace({key, std::string()}, offset);
    if (levels.size() == 2 && levels[0].is_object) offsets_.try_emplace({levels[0].key, key}, offset);
  }

  void scan(std::string_view text) {
    std::vector<Level> levels;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '{' || c == '[') {
        levels.push_back({c == '{', c == '{', {}});
      } else if ((c == '}' || c == ']') && !levels.empty()) {
        levels.pop_back();
      } else if (c == ',' && !levels.empty()) {
        levels.back().expecting_key = levels.back().is_object;
      } else if (c == '"') {
        const std::size_t start = i;
        std::string value = read_string(text, i);
        if (levels.empty() || !levels.back().expecting_key) continue;
        levels.back().expecting_key = false;
        record_key(levels, value, start);
        levels.back().key = std::move(value);
      }
    }
  }

  std::map<std::pair<std::string, std::string>, std::size_t> offsets_;
};

std::size_t error_offset(std::string_view text) {
  const std::size_t position = json_error_position(text);
  return position > 0 ? position - 1 : 0;  // the position counts the offending byte
}

class PackageReader {
 public:
  PackageReader(std::string_view text, const json& package, const std::string& path)
      : package_(package), path_(path), lines_(text), keys_(text) {}

  BuildUnitFact package_unit() const {
    BuildUnitFact unit;
    unit.root = manifest::directory_of(path_);
    const auto name = package_.find("name");
    const bool has_name = name != package_.end() && name->is_string() && !name->get<std::string>().empty();
    unit.name = has_name ? name->get<std::string>() : manifest::directory_name(unit.root);
    unit.build_system = "npm";
    unit.kind = BuildUnitKind::module;
    unit.location = location_of_key(keys_.top_level("name"));
    unit.deployable = is_deployable();
    for (std::string_view section : kRuntimeDependencySections) add_dependencies(section, unit.dependencies);
    return unit;
  }

  // "workspaces": ["packages/*"] or {"packages": ["packages/*"]}.
  std::optional<BuildUnitFact> workspace_unit(const BuildUnitFact& package_unit, std::vector<Warning>& warnings) const {
    const auto workspaces = package_.find("workspaces");
    if (workspaces == package_.end()) return std::nullopt;
    const json* patterns = &*workspaces;
    if (patterns->is_object()) {
      const auto packages = patterns->find("packages");
      if (packages == patterns->end()) return std::nullopt;
      patterns = &*packages;
    }
    BuildUnitFact aggregator;
    aggregator.name = package_unit.name;
    aggregator.root = package_unit.root;
    aggregator.build_system = "npm";
    aggregator.kind = BuildUnitKind::aggregator;
    aggregator.location = location_of_key(keys_.top_level("workspaces"));
    if (!patterns->is_array()) {
      warnings.push_back({aggregator.location, "package.json workspaces is neither a list nor {packages: [...]}"});
      return std::nullopt;
    }
    for (const json& pattern : *patterns) {
      if (!pattern.is_string()) continue;
      if (auto module = workspace_module(aggregator.root, pattern.get<std::string>())) {
        manifest::append_unique(aggregator.modules, std::move(*module));
      } else {
        warnings.push_back({aggregator.location, "package.json workspace path is absolute or leaves the scanned root"});
      }
    }
    return aggregator;
  }

 private:
  SourceLocation location_of_key(std::optional<std::size_t> offset) const {
    return offset ? lines_.location(path_, *offset) : SourceLocation{path_, 0, 0};
  }

  bool is_deployable() const {
    for (std::string_view field : kEntryPointFields) {
      if (package_.contains(field)) return true;
    }
    const auto scripts = package_.find("scripts");
    return scripts != package_.end() && scripts->is_object() && scripts->contains("start");
  }

  // In the order written (nlohmann's objects are sorted by key); a name already listed by an
  // earlier section is not repeated.
  void add_dependencies(std::string_view section, std::vector<BuildDependency>& dependencies) const {
    const auto listed = package_.find(section);
    if (listed == package_.end() || !listed->is_object()) return;
    std::vector<BuildDependency> in_section;
    for (const auto& item : listed->items()) {
      // Not a structured binding: clang 14 (the fuzz/sanitizer build) cannot capture one in a lambda.
      const std::string& name = item.key();
      const bool known = std::any_of(dependencies.begin(), dependencies.end(), [&](const BuildDependency& d) { return d.name == name; });
      if (known) continue;
      const auto offset = keys_.nested(section, name);
      in_section.push_back({name, location_of_key(offset ? offset : keys_.top_level(section))});
    }
    std::stable_sort(in_section.begin(), in_section.end(), [](const BuildDependency& a, const BuildDependency& b) { return a.location < b.location; });
    dependencies.insert(dependencies.end(), in_section.begin(), in_section.end());
  }

  // Globs stay as written; a "!pattern" exclusion keeps its '!' in front of the resolved path.
  static std::optional<std::string> workspace_module(const std::string& root, std::string_view pattern) {
    const bool excluded = pattern.starts_with('!');
    const auto resolved = manifest::resolve_relative(root, excluded ? pattern.substr(1) : pattern);
    if (!resolved) return std::nullopt;
    return excluded ? "!" + *resolved : *resolved;
  }

  const json& package_;
  const std::string& path_;
  manifest::LineIndex lines_;
  JsonKeyOffsets keys_;
};

}  // namespace

std::vector<BuildUnitFact> read_package_json(std::string_view text, const std::string& path, std::vector<Warning>& warnings) {
  const json package = json::parse(text, nullptr, false);
  if (package.is_discarded()) {
    const SourceLocation where = manifest::LineIndex(text).location(path, error_offset(text));
    warnings.push_back({where, "invalid JSON near line " + std::to_string(where.line)});
    return {};
  }
  if (!package.is_object()) {
    warnings.push_back({{path, 0, 0}, "package.json is not a JSON object"});
    return {};
  }
  const PackageReader reader(text, package, path);
  std::vector<BuildUnitFact> units{reader.package_unit()};
  if (auto aggregator = reader.workspace_unit(units.front(), warnings)) units.push_back(std::move(*aggregator));
  return units;
}

}  // namespace dbsilo
