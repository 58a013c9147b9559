// Reads docker-compose files with yaml-cpp into ComposeFileFacts (values never substituted here).
#include "languages/compose/compose_reader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>

#include "dbsilo/text.h"
#include "languages/config/config_parsers.h"
#include "languages/datastore/connection_string.h"

namespace dbsilo {
namespace {

SourceLocation location_of(const YAML::Node& node, const std::string& path) {
  const YAML::Mark mark = node.Mark();
  if (mark.line < 0) return {path, 0, 0};
  return {path, mark.line + 1, mark.column + 1};
}

std::string scalar_of(const YAML::Node& node) {
  if (!node || !node.IsScalar()) return {};
  return node.Scalar();
}

// A map's entries after `<<: *anchor` merge keys are applied (yaml-cpp 0.7 does not apply
// them; compose files use them a lot for x-common-env anchors). Explicit keys win over
// merged ones. The original key nodes are kept so every entry keeps its own line.
class MergedMap {
 public:
  explicit MergedMap(const YAML::Node& node) { add(node, 0); }

  const std::vector<std::pair<YAML::Node, YAML::Node>>& items() const { return items_; }

  YAML::Node operator[](std::string_view key) const {
    for (const auto& [name, value] : items_) {
      if (name.Scalar() == key) return value;
    }
    // An undefined node (as a real map lookup gives), not YAML::Node(), which is a defined null.
    const YAML::Node empty_map(YAML::NodeType::Map);
    return empty_map[std::string(key)];
  }

  bool is_map() const { return is_map_; }

 private:
  void add(const YAML::Node& node, int depth) {
    if (!node || !node.IsMap() || depth > 16) return;  // anchors may nest; a cycle stops here
    is_map_ = true;
    std::vector<YAML::Node> merged_sources;
    for (const auto& item : node) {
      if (!item.first.IsScalar()) continue;
      if (item.first.Scalar() == "<<" && item.first.Tag() != "tag:yaml.org,2002:str") {
        if (item.second.IsSequence()) {
          for (const auto& source : item.second) merged_sources.push_back(source);
        } else {
          merged_sources.push_back(item.second);
        }
        continue;
      }
      if (!contains(item.first.Scalar())) items_.emplace_back(item.first, item.second);
    }
    for (const auto& source : merged_sources) add(source, depth + 1);
  }

  bool contains(const std::string& key) const {
    return std::any_of(items_.begin(), items_.end(), [&](const auto& item) { return item.first.Scalar() == key; });
  }

  std::vector<std::pair<YAML::Node, YAML::Node>> items_;
  bool is_map_ = false;
};


ComposeEnvironmentEntry environment_entry(std::string name, std::optional<std::string> value, SourceLocation location) {
  ComposeEnvironmentEntry entry;
  entry.name = std::move(name);
  entry.location = std::move(location);
  entry.has_value = value.has_value();
  if (value && is_secret_key(entry.name)) {
    entry.secret = true;
    entry.secret_digest = secret_digest(*value);
  } else if (value) {
    entry.value = std::move(*value);
  }
  return entry;
}

void read_environment(const YAML::Node& environment, const std::string& path, ComposeService& service) {
  if (environment.IsMap()) {
    const MergedMap merged(environment);
    for (const auto& item : merged.items()) {
      std::optional<std::string> value;
      if (item.second && !item.second.IsNull()) value = scalar_of(item.second);
      service.environment.push_back(environment_entry(item.first.Scalar(), value, location_of(item.first, path)));
    }
  } else if (environment.IsSequence()) {
    for (const auto& item : environment) {
      const std::string text = scalar_of(item);
      const auto equals = text.find('=');
      std::optional<std::string> value;
      if (equals != std::string::npos) value = text.substr(equals + 1);
      service.environment.push_back(
          environment_entry(std::string(trim(text.substr(0, equals))), value, location_of(item, path)));
    }
  }
}

void read_string_list(const YAML::Node& node, std::vector<std::string>& out) {
  if (!node) return;
  if (node.IsScalar()) {
    out.push_back(node.Scalar());
  } else if (node.IsSequence()) {
    for (const auto& item : node) out.push_back(scalar_of(item));
  } else if (node.IsMap()) {  // depends_on / networks in long form: the keys are the names
    for (const auto& item : node) out.push_back(item.first.Scalar());
  }
}

void read_build(const YAML::Node& build, const std::string& path, ComposeService& service, std::vector<Warning>& warnings) {
  if (!build) return;
  std::string context;
  std::string dockerfile;
  if (build.IsScalar()) {
    context = build.Scalar();
  } else if (build.IsMap()) {
    context = build["context"] ? scalar_of(build["context"]) : ".";
    dockerfile = scalar_of(build["dockerfile"]);
  }
  if (context.find("://") != std::string::npos || starts_with_icase(context, "git@")) return;  // remote context
  bool escaped = false;
  const std::string base = directory_of(path);
  std::string joined = join_relative_path(base, context, escaped);
  if (escaped) {
    warnings.push_back({location_of(build, path), "build context of service '" + service.name + "' leaves the scanned root; not read"});
    return;
  }
  service.build_context = joined;
  if (!dockerfile.empty()) {
    std::string dockerfile_path = join_relative_path(joined, dockerfile, escaped);
    if (!escaped) service.dockerfile = dockerfile_path;
  }
}

void read_env_files(const YAML::Node& node, const std::string& path, ComposeService& service, std::vector<Warning>& warnings) {
  if (!node) return;
  std::vector<std::pair<std::string, SourceLocation>> declared;
  auto add = [&](const YAML::Node& item) {
    if (item.IsScalar()) declared.emplace_back(item.Scalar(), location_of(item, path));
    if (item.IsMap() && item["path"]) declared.emplace_back(scalar_of(item["path"]), location_of(item, path));
  };
  if (node.IsSequence()) {
    for (const auto& item : node) add(item);
  } else {
    add(node);
  }
  for (auto& [file, location] : declared) {
    bool escaped = false;
    std::string joined = join_relative_path(directory_of(path), file, escaped);
    if (escaped) {
      warnings.push_back({location, "env_file of service '" + service.name + "' leaves the scanned root; not read"});
      continue;
    }
    service.env_files.emplace_back(joined, location);
  }
}

// "8080:80", "127.0.0.1:5432:5432", "5432", "5432/tcp", long form {target, published, host_ip}.
void read_ports(const YAML::Node& node, const std::string& path, ComposeService& service) {
  if (!node || !node.IsSequence()) return;
  for (const auto& item : node) {
    ComposePort port;
    port.location = location_of(item, path);
    if (item.IsMap()) {
      port.container_port = std::atoi(scalar_of(item["target"]).c_str());
      port.host_port = scalar_of(item["published"]);
      port.host_ip = scalar_of(item["host_ip"]);
    } else {
      std::string text = scalar_of(item);
      if (const auto slash = text.find('/'); slash != std::string::npos) text.resize(slash);
      // IPv6 host addresses are bracketed: split on the last two ':' outside brackets.
      std::vector<std::string> parts;
      std::string current;
      int bracket_depth = 0;
      for (char c : text) {
        // ${VAR:-127.0.0.1} holds a ':' that separates nothing; so does an IPv6 [::1].
        if (c == '[' || c == '{') ++bracket_depth;
        if (c == ']' || c == '}') --bracket_depth;
        if (c == ':' && bracket_depth == 0) {
          parts.push_back(current);
          current.clear();
        } else {
          current += c;
        }
      }
      parts.push_back(current);
      port.container_port = std::atoi(parts.back().c_str());
      if (parts.size() >= 2) port.host_port = parts[parts.size() - 2];
      if (parts.size() >= 3) port.host_ip = parts[parts.size() - 3];
    }
    service.ports.push_back(port);
  }
}

void read_networks(const YAML::Node& node, ComposeService& service) {
  if (!node) return;
  if (node.IsSequence()) {
    for (const auto& item : node) service.networks.push_back(scalar_of(item));
  } else if (node.IsMap()) {
    for (const auto& item : node) {
      service.networks.push_back(item.first.Scalar());
      if (item.second.IsMap()) read_string_list(item.second["aliases"], service.network_aliases);
    }
  }
}

ComposeService read_service(const std::string& name, const YAML::Node& raw, const YAML::Node& key, const std::string& path,
                            std::vector<Warning>& warnings) {
  ComposeService service;
  service.name = name;
  service.location = location_of(key, path);
  const MergedMap node(raw);
  if (!node.is_map()) return service;
  service.image = scalar_of(node["image"]);
  service.container_name = scalar_of(node["container_name"]);
  service.hostname = scalar_of(node["hostname"]);
  read_build(node["build"], path, service, warnings);
  read_string_list(node["profiles"], service.profiles);
  read_networks(node["networks"], service);
  service.network_mode = scalar_of(node["network_mode"]);
  if (!service.network_mode.empty()) service.network_mode_location = location_of(node["network_mode"], path);
  if (node["environment"]) read_environment(node["environment"], path, service);
  read_env_files(node["env_file"], path, service, warnings);
  read_ports(node["ports"], path, service);
  read_string_list(node["depends_on"], service.depends_on);
  // links: "db" or "postgres:db" (service:alias): the alias is a host name for the service.
  std::vector<std::string> links;
  read_string_list(node["links"], links);
  for (const auto& link : links) {
    const auto colon = link.find(':');
    service.links.push_back(link.substr(0, colon));
    if (colon != std::string::npos) service.link_aliases.emplace_back(link.substr(0, colon), link.substr(colon + 1));
  }
  return service;
}

}  // namespace

bool is_compose_file_name(std::string_view file_name) {
  const std::string name = to_lower(file_name);
  const bool yaml = name.ends_with(".yml") || name.ends_with(".yaml");
  return yaml && (name.starts_with("docker-compose") || name.starts_with("compose.") || name == "compose.yml" ||
                  name == "compose.yaml");
}

std::string join_relative_path(std::string_view base_dir, std::string_view relative, bool& escaped) {
  escaped = false;
  if (!relative.empty() && relative.front() == '/') {
    escaped = true;  // absolute host paths are outside what we scan
    return {};
  }
  std::vector<std::string> parts;
  for (const auto& segment : split(base_dir, '/')) {
    if (!segment.empty() && segment != ".") parts.push_back(segment);
  }
  for (const auto& segment : split(relative, '/')) {
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (parts.empty()) {
        escaped = true;
        return {};
      }
      parts.pop_back();
    } else {
      parts.push_back(segment);
    }
  }
  return join(parts, "/");
}

ComposeFileFacts read_compose_file(std::string_view text, const std::string& path, std::vector<Warning>& warnings) {
  ComposeFileFacts facts;
  facts.project_dir = directory_of(path);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& error) {
    warnings.push_back({{path, error.mark.line >= 0 ? error.mark.line + 1 : 0, error.mark.column >= 0 ? error.mark.column + 1 : 0},
                        "invalid compose YAML: " + error.msg});
    return facts;
  }
  try {
    if (!root.IsMap()) return facts;
    facts.project_name = scalar_of(root["name"]);
    if (root["networks"] && root["networks"].IsMap()) {
      for (const auto& item : root["networks"]) {
        facts.networks.push_back(item.first.Scalar());
        if (item.second.IsMap() && item.second["name"] && item.second["name"].IsScalar()) {
          facts.network_names[item.first.Scalar()] = item.second["name"].Scalar();
        }
      }
    }
    const YAML::Node services = root["services"];
    if (!services || !services.IsMap()) return facts;
    for (const auto& item : services) {
      facts.services.push_back(read_service(item.first.Scalar(), item.second, item.first, path, warnings));
    }
  } catch (const YAML::Exception& error) {
    warnings.push_back({{path, error.mark.line >= 0 ? error.mark.line + 1 : 0, 0}, "unexpected compose structure: " + error.msg});
  }
  return facts;
}

}  // namespace dbsilo
