// Property sources per service: own Spring files, libraries, config-server folders, compose env.
#include "scanner/resolve/property_sources.h"

#include <algorithm>

#include "dbsilo/text.h"
#include "languages/config/config_parsers.h"
#include "languages/datastore/connection_string.h"
#include "scanner/resolve/datasource_keys.h"

namespace dbsilo {
namespace {



// The folder of `path` relative to a unit root, with a trailing '/' ("" when directly in the root).
std::string relative_dir_of(const std::string& path, const std::string& root) {
  std::string dir = directory_of(path);
  if (!root.empty()) dir = dir.size() > root.size() ? dir.substr(root.size() + 1) : std::string();
  return dir.empty() ? std::string() : dir + "/";
}

bool is_config_kind(FileKind kind) {
  return kind == FileKind::properties || kind == FileKind::yaml_config || kind == FileKind::dotenv || kind == FileKind::json_config ||
         kind == FileKind::persistence_xml;
}

// Stem and profile of a Spring config file name: "application-prod.yml" -> {"application", "prod"}.
bool split_spring_name(const std::string& file_name, std::string& stem, std::string& profile) {
  const auto dot = file_name.rfind('.');
  if (dot == std::string::npos) return false;
  const std::string extension = to_lower(file_name.substr(dot + 1));
  if (extension != "properties" && extension != "yml" && extension != "yaml") return false;
  const std::string base = file_name.substr(0, dot);
  const auto dash = base.find('-');
  stem = base.substr(0, dash);
  profile = dash == std::string::npos ? "" : base.substr(dash + 1);
  return true;
}

// A Kubernetes object (apiVersion + kind at the top) is deployment data, never Spring configuration.
bool is_kubernetes_manifest(const FileFacts& file) {
  for (const auto& document : file.config->documents) {
    bool api_version = false;
    bool kind = false;
    for (const auto& entry : document.entries) {
      api_version = api_version || entry.key == "apiVersion";
      kind = kind || entry.key == "kind";
    }
    if (api_version && kind) return true;
  }
  return false;
}

// Spring Boot reads application.* and bootstrap.* from these folders of a module.
constexpr std::string_view kSpringLocations[] = {"", "config/", "src/main/resources/", "src/main/resources/config/"};

}  // namespace

PropertySourceIndex::PropertySourceIndex(const std::vector<FileFacts>& files, const DiscoveredUnits& discovered, const Deployments& deployments)
    : discovered_(discovered), deployments_(deployments) {
  for (const auto& file : files) {
    if (file.config && is_config_kind(file.kind)) config_files_[file.path] = &file;
  }
  // Own Spring files and candidates for config-server folders.
  std::map<std::string, std::vector<std::string>> foreign_named_files;  // dir -> files named after another unit
  std::map<std::string, std::string> owner_of_dir;
  for (const auto& [path, facts] : config_files_) {
    const std::string owner = owning_unit(discovered.units, path);
    const Unit* unit = nullptr;
    for (const auto& candidate : discovered.units) {
      if (candidate.name == owner) unit = &candidate;
    }
    std::string stem;
    std::string profile;
    const bool spring_named = split_spring_name(file_name_of(path), stem, profile);
    bool placed = false;
    if (unit && spring_named && (stem == "application" || stem == "bootstrap")) {
      const std::string folder = relative_dir_of(path, unit->root);
      for (const auto location : kSpringLocations) {
        if (folder == location) {
          const int rank = (stem == "bootstrap" ? 0 : 1) + (location.ends_with("config/") ? 1 : 0);
          const std::string classpath_name = (location.ends_with("config/") ? "config/" : "") + file_name_of(path);
          spring_files_[owner].push_back({path, classpath_name, profile, rank});
          placed = true;
        }
      }
    }
    if (placed) continue;
    if (spring_named && !is_kubernetes_manifest(*facts)) foreign_named_files[directory_of(path)].push_back(path);
    if (!unit) continue;
    const bool java = unit->language == "java";
    // JPA reads persistence.xml from META-INF/ on the classpath.
    const std::string folder = relative_dir_of(path, unit->root);
    if (!java || folder == "src/main/resources/" || (facts->kind == FileKind::persistence_xml && folder == "src/main/resources/META-INF/")) {
      plain_files_[owner].push_back(path);
    }
  }
  // A folder serving "<application>.yml" files to other services is a Spring Cloud Config folder.
  for (const auto& [dir, paths] : foreign_named_files) {
    ConfigServerFolder folder;
    folder.dir = dir;
    const std::string owner = owning_unit(discovered.units, dir + "/x");
    // A folder inside a module serves configuration only if that module is a config server;
    // a folder outside every module (a config repository) needs no more evidence.
    if (!owner.empty() && !has_config_server_settings(owner)) continue;
    for (const auto& unit : discovered.units) {
      if (unit.kind != UnitKind::service || unit.name == owner) continue;
      const std::string application_name = application_name_of(unit);
      for (const auto& path : paths) {
        std::string stem;
        std::string profile;
        split_spring_name(file_name_of(path), stem, profile);
        const std::string base = file_name_of(path).substr(0, file_name_of(path).rfind('.'));
        if (base == application_name || base == unit.name || stem == application_name) folder.clients.insert(unit.name);
      }
    }
    if (folder.clients.empty()) continue;
    for (const auto& unit : discovered.units) {
      if (folder.clients.contains(unit.name)) folder.scope = unit.scope;
    }
    // Every service of the same deployment that asks a config server is a client too.
    for (const auto& unit : discovered.units) {
      if (unit.kind != UnitKind::service || unit.scope != folder.scope || unit.name == owner) continue;
      for (const auto& spring_file : spring_files_[unit.name]) {
        const FileFacts* facts = config_files_[spring_file.path];
        for (const auto& document : facts->config->documents) {
          for (const auto& entry : document.entries) {
            const std::string key = canonical_property_key(entry.key);
            if (key.starts_with("spring.cloud.config.uri") || (key == "spring.config.import" && entry.value.find("configserver") != std::string::npos)) {
              folder.clients.insert(unit.name);
            }
          }
        }
      }
    }
    config_servers_.push_back(std::move(folder));
  }
  for (auto& [unit, list] : spring_files_) {
    std::sort(list.begin(), list.end(), [](const SpringFile& a, const SpringFile& b) {
      return std::make_tuple(!a.profile.empty(), a.rank, a.path) < std::make_tuple(!b.profile.empty(), b.rank, b.path);
    });
  }
  // Count who loads what, to flag shared files.
  std::vector<Warning> ignored;
  for (const auto& unit : discovered.units) {
    if (unit.kind != UnitKind::service) continue;
    std::set<std::string> seen;
    for (const auto& source : collect(unit, "", ignored)) {
      if (!source.file.empty() && seen.insert(source.file).second) ++loader_counts_[source.file];
    }
  }
}

bool PropertySourceIndex::has_config_server_settings(const std::string& unit) const {
  auto found = spring_files_.find(unit);
  if (found == spring_files_.end()) return false;
  for (const auto& spring_file : found->second) {
    auto facts = config_files_.find(spring_file.path);
    if (facts == config_files_.end()) continue;
    for (const auto& document : facts->second->config->documents) {
      for (const auto& entry : document.entries) {
        if (canonical_property_key(entry.key).starts_with("spring.cloud.config.server.")) return true;
      }
    }
  }
  return false;
}

template <typename Visit>
void PropertySourceIndex::for_each_base_entry(const std::string& unit, Visit&& visit) const {
  auto found = spring_files_.find(unit);
  if (found == spring_files_.end()) return;
  for (const auto& spring_file : found->second) {
    if (!spring_file.profile.empty()) continue;
    auto facts = config_files_.find(spring_file.path);
    if (facts == config_files_.end()) continue;
    for (const auto& document : facts->second->config->documents) {
      if (!document.activation.empty()) continue;
      for (const auto& entry : document.entries) visit(entry);
    }
  }
}

std::string PropertySourceIndex::application_name_of(const Unit& unit) const {
  std::string name;
  for_each_base_entry(unit.name, [&](const ConfigEntry& entry) {
    if (name.empty() && canonical_property_key(entry.key) == "spring.application.name" && entry.value.find("${") == std::string::npos) name = entry.value;
  });
  return name.empty() ? unit.name : name;
}

void PropertySourceIndex::add_file(std::vector<PropertySource>& sources, const std::string& path, const std::string& profile,
                                   bool environment_style, const SourceLocation& load_location) const {
  auto found = config_files_.find(path);
  if (found == config_files_.end()) return;
  PropertySource source;
  source.file = path;
  source.file_profile = profile;
  source.documents = std::shared_ptr<const std::vector<ConfigDocument>>(&found->second->config->documents, [](const auto*) {});
  source.environment_style = environment_style || found->second->kind == FileKind::dotenv;
  auto count = loader_counts_.find(path);
  source.shared = count != loader_counts_.end() && count->second >= 2;
  source.load_location = load_location;
  sources.push_back(std::move(source));
}

void PropertySourceIndex::add_classpath_imports(const Unit& unit, std::vector<PropertySource>& sources) const {
  std::vector<std::string> classpath_owners = transitive_dependencies(unit, discovered_.units);
  classpath_owners.push_back(unit.name);
  for_each_base_entry(unit.name, [&](const ConfigEntry& entry) {
    if (!canonical_property_key(entry.key).starts_with("spring.config.import")) return;
    for (const auto& item : split(entry.value, ',')) {
      std::string location(trim(item));
      if (location.starts_with("optional:")) location.erase(0, 9);
      if (!location.starts_with("classpath:")) continue;
      location.erase(0, 10);
      while (location.starts_with("/")) location.erase(0, 1);
      for (const auto& [path, file] : config_files_) {
        const std::string owner = owning_unit(discovered_.units, path);
        if (std::find(classpath_owners.begin(), classpath_owners.end(), owner) == classpath_owners.end()) continue;
        if (path.ends_with("src/main/resources/" + location)) add_file(sources, path, "", false, entry.location);
      }
    }
  });
}

bool PropertySourceIndex::shadows(const std::string& unit, const std::string& classpath_name) const {
  auto found = spring_files_.find(unit);
  if (found == spring_files_.end()) return false;
  return std::any_of(found->second.begin(), found->second.end(), [&](const SpringFile& own) { return own.classpath_name == classpath_name; });
}

std::vector<PropertySource> PropertySourceIndex::collect(const Unit& unit, const std::string& profile, std::vector<Warning>& warnings) const {
  std::vector<PropertySource> sources;
  // 1. Libraries on the classpath: lowest precedence.
  for (const auto& library_name : transitive_dependencies(unit, discovered_.units)) {
    SourceLocation load_location = unit.location;
    if (auto direct = unit.dependency_locations.find(library_name); direct != unit.dependency_locations.end()) load_location = direct->second;
    if (auto found = spring_files_.find(library_name); found != spring_files_.end()) {
      for (const auto& spring_file : found->second) {
        add_file(sources, spring_file.path, spring_file.profile, false, load_location);
        if (!sources.empty() && sources.back().file == spring_file.path) sources.back().shadowed = shadows(unit.name, spring_file.classpath_name);
      }
    }
    // Spring Boot reads a library's other resource files only when imported (see 2b).
    const bool java_library = std::any_of(discovered_.units.begin(), discovered_.units.end(),
                                          [&](const Unit& candidate) { return candidate.name == library_name && candidate.language == "java"; });
    if (auto found = plain_files_.find(library_name); found != plain_files_.end() && !java_library) {
      for (const auto& path : found->second) add_file(sources, path, "", false, load_location);
    }
  }
  // 2. The service's own files.
  if (auto found = plain_files_.find(unit.name); found != plain_files_.end()) {
    // ASP.NET's appsettings.<Environment>.json applies only in that environment, like a profile.
    std::vector<std::pair<std::string, std::string>> by_profile;
    for (const auto& path : found->second) {
      const std::string name = file_name_of(path);
      std::string profile;
      if (to_lower(name).starts_with("appsettings.") && std::count(name.begin(), name.end(), '.') == 2) {
        profile = name.substr(12, name.rfind('.') - 12);
      }
      by_profile.emplace_back(profile, path);
    }
    std::stable_sort(by_profile.begin(), by_profile.end(), [](const auto& a, const auto& b) { return a.first.empty() && !b.first.empty(); });
    for (const auto& [profile, path] : by_profile) add_file(sources, path, profile, false, {path, 0, 0});
  }
  if (auto found = spring_files_.find(unit.name); found != spring_files_.end()) {
    for (const auto& spring_file : found->second) add_file(sources, spring_file.path, spring_file.profile, false, {spring_file.path, 0, 0});
  }
  // 2b. spring.config.import: classpath:x.yml, from the service itself or a library it uses.
  add_classpath_imports(unit, sources);
  // 3. Config-server folders: application.* for every client, then <name>.* for this one.
  const std::string application_name = application_name_of(unit);
  for (const auto& folder : config_servers_) {
    if (!folder.clients.contains(unit.name)) continue;
    std::vector<std::pair<int, PropertySource>> ranked;
    for (auto it = config_files_.lower_bound(folder.dir + "/"); it != config_files_.end() && it->first.starts_with(folder.dir + "/"); ++it) {
      if (directory_of(it->first) != folder.dir) continue;
      std::string stem;
      std::string file_profile;
      if (!split_spring_name(file_name_of(it->first), stem, file_profile)) continue;
      const std::string base = file_name_of(it->first).substr(0, file_name_of(it->first).rfind('.'));
      int rank = -1;
      std::string effective_profile = file_profile;
      if (stem == "application") rank = file_profile.empty() ? 0 : 1;
      if (base == application_name || base == unit.name) {
        rank = 2;
        effective_profile.clear();
      } else {
        // "<application>-<profile>": application names often hold dashes themselves.
        for (const auto& name : {application_name, unit.name}) {
          if (base.size() > name.size() + 1 && base.starts_with(name + "-")) {
            rank = 3;
            effective_profile = base.substr(name.size() + 1);
          }
        }
      }
      if (rank < 0) continue;
      std::vector<PropertySource> one;
      add_file(one, it->first, effective_profile, false, {it->first, 0, 0});
      for (auto& source : one) ranked.emplace_back(rank, std::move(source));
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [rank, source] : ranked) sources.push_back(std::move(source));
  }
  // 4. The container's environment: env_file, then environment (highest precedence).
  if (auto environment = deployments_.environment_of(unit.name, profile, warnings)) {
    for (const auto& [path, location] : environment->env_files) add_file(sources, path, "", true, location);
    PropertySource block;
    block.documents = std::make_shared<const std::vector<ConfigDocument>>(std::vector<ConfigDocument>{environment->environment});
    block.environment_style = true;
    sources.push_back(std::move(block));
    // Java system properties outrank environment variables in Spring's order.
    if (!environment->system_properties.entries.empty()) {
      PropertySource system_properties;
      system_properties.documents =
          std::make_shared<const std::vector<ConfigDocument>>(std::vector<ConfigDocument>{environment->system_properties});
      sources.push_back(std::move(system_properties));
    }
  }
  return sources;
}

std::vector<PropertySource> PropertySourceIndex::sources_for(const Unit& unit, const std::string& profile, std::vector<Warning>& warnings) const {
  return collect(unit, profile, warnings);
}

std::string PropertySourceIndex::provider_of(const std::string& path) const {
  for (const auto& folder : config_servers_) {
    if (directory_of(path) == folder.dir) return "config server";
  }
  const std::string owner = owning_unit(discovered_.units, path);
  for (const auto& unit : discovered_.units) {
    if (unit.name == owner && unit.kind == UnitKind::library) return unit.name;
  }
  auto found = config_files_.find(path);
  if (found != config_files_.end() && found->second->kind == FileKind::dotenv) return "env_file";
  return owner.empty() ? "shared file" : owner;
}

void PropertySourceIndex::settings_in(const std::string& path, std::vector<SettingOrigin>& datasource_settings,
                                      std::vector<SettingOrigin>& pool_settings) const {
  auto found = config_files_.find(path);
  if (found == config_files_.end()) return;
  const bool environment_style = found->second->kind == FileKind::dotenv;
  for (const auto& document : found->second->config->documents) {
    for (const auto& entry : document.entries) {
      const std::string key = canonical_property_key(environment_style ? property_key_from_environment(entry.key) : entry.key);
      const SettingOrigin origin{entry.key, entry.location, true};
      std::string prefix;
      if (is_pool_setting_key(key)) {
        pool_settings.push_back(origin);
      } else if (is_datasource_setting_key(key) || is_generic_host_key(key, prefix) ||
                 (!entry.secret && parse_connection_string(entry.value).has_value())) {
        datasource_settings.push_back(origin);
      }
    }
  }
  const auto by_location = [](const SettingOrigin& a, const SettingOrigin& b) { return a.location < b.location; };
  std::sort(datasource_settings.begin(), datasource_settings.end(), by_location);
  std::sort(pool_settings.begin(), pool_settings.end(), by_location);
}

}  // namespace dbsilo
