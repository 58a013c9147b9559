// Compose projects as deployment scopes: environment per service, hosts resolved to containers.
#include "scanner/resolve/deployment.h"

#include <algorithm>
#include <set>

#include "dbsilo/text.h"
#include "languages/compose/compose_reader.h"
#include "languages/config/config_parsers.h"
#include "languages/config/placeholders.h"
#include "languages/datastore/connection_string.h"
#include "scanner/discover/units.h"

namespace dbsilo {
namespace {



// "docker-compose.prod.yml" -> "prod"; base names -> ""; "docker-compose.override.yml" -> "override".
std::string variant_of(const std::string& file_name) {
  std::string stem = to_lower(file_name);
  stem = stem.substr(0, stem.rfind('.'));
  for (std::string_view base : {"docker-compose", "compose"}) {
    if (stem == base) return "";
    if (stem.starts_with(std::string(base) + ".") || stem.starts_with(std::string(base) + "-") || stem.starts_with(std::string(base) + "_")) {
      return stem.substr(base.size() + 1);
    }
  }
  return stem;
}

bool is_ip_address(std::string_view host) {
  if (host.find(':') != std::string_view::npos) return true;  // IPv6
  return !host.empty() && std::all_of(host.begin(), host.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

// A host that names one machine only inside its deployment: loopback or a single-label name.
bool is_scoped_host(std::string_view host) { return host == "localhost" || (host.find('.') == std::string_view::npos && !is_ip_address(host)); }

// Variables the JVM (or its launch scripts) read options from, sorted.
constexpr std::string_view kJavaOptionVariables[] = {"CATALINA_OPTS", "JAVA_OPTIONS", "JAVA_OPTS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS",
                                                     "_JAVA_OPTIONS"};

// "-Xmx1g -Dspring.datasource.url=jdbc:... -Dx='a b'": the -D system properties.
void add_system_properties(const ConfigEntry& entry, ConfigDocument& properties) {
  if (std::find(std::begin(kJavaOptionVariables), std::end(kJavaOptionVariables), entry.key) == std::end(kJavaOptionVariables)) return;
  std::string token;
  char quote = 0;
  auto flush = [&]() {
    if (token.starts_with("-D") && token.find('=') != std::string::npos) {
      ConfigEntry property;
      property.key = token.substr(2, token.find('=') - 2);
      property.value = token.substr(token.find('=') + 1);
      property.location = entry.location;
      if (is_secret_key(property.key)) {
        property.secret = true;
        property.secret_digest = secret_digest(property.value);
        property.value.clear();
      }
      properties.entries.push_back(std::move(property));
    }
    token.clear();
  };
  for (char c : entry.value) {
    if (quote) {
      if (c == quote) quote = 0; else token += c;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == ' ' || c == '\t') {
      flush();
    } else {
      token += c;
    }
  }
  flush();
}

// A proxy's environment as name -> (value, location), whatever platform declares it.
using ProxyEnvironment = std::map<std::string, std::pair<std::string, SourceLocation>>;

void add_environment_backends(const ProxyEnvironment& environment, const SourceLocation& fallback, std::vector<ProxyBackend>& backends);

// Proxy images take their backend from variables: edoburu/pgbouncer (DATABASE_URL, DB_HOST,
// DB_PORT), bitnami/pgbouncer (POSTGRESQL_HOST, POSTGRESQL_PORT_NUMBER), bitnami/pgpool
// (PGPOOL_BACKEND_NODES="0:pg-0:5432,1:pg-1:5432").
void add_environment_backends(const ComposeService& service, const std::map<std::string, std::string>& dotenv, std::vector<ProxyBackend>& backends) {
  ProxyEnvironment environment;
  for (const auto& entry : service.environment) {
    if (entry.secret) continue;
    environment[entry.name] = {resolve_compose_variables(entry.value, [&](std::string_view variable) -> std::optional<std::string> {
                                 if (auto hit = dotenv.find(std::string(variable)); hit != dotenv.end()) return hit->second;
                                 return std::nullopt;
                               }).text,
                               entry.location};
  }
  add_environment_backends(environment, service.location, backends);
}

void add_environment_backends(const ProxyEnvironment& environment, const SourceLocation& fallback, std::vector<ProxyBackend>& backends) {
  const auto value_of = [&](const char* name) -> std::string {
    auto found = environment.find(name);
    return found == environment.end() ? std::string() : found->second.first;
  };
  const auto location_of = [&](const char* name) {
    auto found = environment.find(name);
    return found == environment.end() ? fallback : found->second.second;
  };
  if (auto target = parse_connection_string(value_of("DATABASE_URL")); target && !target->endpoints.empty()) {
    backends.push_back({"*", target->endpoints.front().host, target->endpoints.front().port, target->database, location_of("DATABASE_URL")});
  }
  for (const auto& [host_key, port_key] : {std::pair{"DB_HOST", "DB_PORT"}, std::pair{"POSTGRESQL_HOST", "POSTGRESQL_PORT_NUMBER"}}) {
    const std::string host = value_of(host_key);
    if (!host.empty()) backends.push_back({"*", canonical_host(host), std::atoi(value_of(port_key).c_str()), "", location_of(host_key)});
  }
  for (const auto& node : split(value_of("PGPOOL_BACKEND_NODES"), ',')) {
    const auto parts = split(node, ':');
    if (parts.size() >= 2) backends.push_back({"*", canonical_host(parts[1]), parts.size() >= 3 ? std::atoi(parts[2].c_str()) : 0, "", location_of("PGPOOL_BACKEND_NODES")});
  }
}

int effective_port(const ConnectionTarget& target, std::size_t index) {
  const int port = target.endpoints[index].port;
  return port ? port : default_port(target.engine);
}

}  // namespace

Deployments::Deployments(const std::vector<FileFacts>& files, const DiscoveredUnits& discovered)
    : workload_bindings_(discovered.kubernetes_workloads), bindings_(discovered.compose_services) {
  const std::set<std::string> overlays = kustomize_overlay_dirs(files);
  for (const auto& file : files) {
    if (!file.kubernetes) continue;
    if (overlays.contains(directory_of(file.path))) {
      for (const auto& workload : file.kubernetes->workloads) overlay_patches_[file_name_of(directory_of(file.path))].push_back(&workload);
      continue;
    }
    for (const auto& workload : file.kubernetes->workloads) namespaces_[namespace_of(workload.name_space)].workloads.push_back(&workload);
    for (const auto& service : file.kubernetes->services) namespaces_[namespace_of(service.name_space)].services.push_back(&service);
    for (const auto& config_map : file.kubernetes->config_maps) namespaces_[namespace_of(config_map.name_space)].config_maps.push_back(&config_map);
    for (const auto& policy : file.kubernetes->network_policies) namespaces_[namespace_of(policy.name_space)].policies.push_back(&policy);
  }
  std::map<std::string, const FileFacts*> dotenv_by_dir;
  for (const auto& file : files) {
    if (file.kind == FileKind::dotenv && file_name_of(file.path) == ".env") dotenv_by_dir[directory_of(file.path)] = &file;
    if (!file.compose) continue;
    ProjectFile project_file;
    project_file.path = file.path;
    project_file.facts = &*file.compose;
    // Compose reads docker-compose.yml + docker-compose.override.yml by default; any other
    // file ("tests.override", "prod", "override.windows") is a variant applied with -f, which
    // dbsilo evaluates under --profile <variant>.
    std::vector<std::string> variant_words;
    for (const auto& word : split(variant_of(file_name_of(file.path)), '.')) {
      if (word == "override") {
        project_file.override_file = true;
      } else if (!word.empty()) {
        variant_words.push_back(word);
      }
    }
    project_file.variant = join(variant_words, ".");
    Project& project = projects_[directory_of(file.path)];
    project.dir = directory_of(file.path);
    project.files.push_back(project_file);
  }
  for (auto& [dir, project] : projects_) {
    for (const auto& file : project.files) {
      for (const auto& service : file.facts->services) {
        for (const auto& [target, alias] : service.link_aliases) project.link_aliases.insert({to_lower(alias), target});
      }
    }
    // With no base file in the folder, every variant is the project's base.
    const bool has_base = std::any_of(project.files.begin(), project.files.end(),
                                      [](const ProjectFile& f) { return f.variant.empty(); });
    if (!has_base) {
      for (auto& file : project.files) file.variant.clear();
    }
    std::stable_sort(project.files.begin(), project.files.end(), [](const ProjectFile& a, const ProjectFile& b) {
      const auto rank = [](const ProjectFile& f) { return (f.variant.empty() ? 0 : 2) + (f.override_file ? 1 : 0); };
      return std::make_pair(rank(a), a.path) < std::make_pair(rank(b), b.path);
    });
    if (auto found = dotenv_by_dir.find(dir); found != dotenv_by_dir.end() && found->second->config) {
      for (const auto& document : found->second->config->documents) {
        for (const auto& entry : document.entries) {
          if (!entry.secret) project.dotenv[entry.key] = entry.value;
        }
      }
    }
  }
  // Proxies: compose services running a pooling proxy, with backends from their environment
  // and from proxy configuration files inside the project's folder.
  for (auto& [dir, project] : projects_) {
    for (const auto& file : project.files) {
      if (!file.variant.empty()) continue;
      for (const auto& service : file.facts->services) {
        std::string kind = proxy_kind_of_image(service.image);
        if (kind.empty()) kind = proxy_kind_of_image(service.built_from_image);
        if (kind.empty()) continue;
        Proxy& proxy = project.proxies[service.name];
        proxy.kind = kind;
        add_environment_backends(service, project.dotenv, proxy.backends);
      }
    }
    for (const auto& file : files) {
      for (const auto& proxy_facts : file.proxies) {
        if (!dir.empty() && !file.path.starts_with(dir + "/")) continue;
        for (auto& [name, proxy] : project.proxies) {
          if (proxy.kind == proxy_facts.kind) proxy.backends.insert(proxy.backends.end(), proxy_facts.backends.begin(), proxy_facts.backends.end());
        }
      }
    }
  }
  std::set<std::string> scopes;
  for (const auto& unit : discovered.units) scopes.insert(unit.scope);
  several_scopes_ = scopes.size() > 1;
}

const Deployments::Project* Deployments::project_in(const std::string& scope) const {
  auto found = projects_.find(scope == "." ? std::string() : scope);
  return found == projects_.end() ? nullptr : &found->second;
}

std::optional<ServiceEnvironment> Deployments::environment_of(const std::string& unit, const std::string& profile,
                                                              std::vector<Warning>& warnings) const {
  auto binding = bindings_.find(unit);
  if (binding == bindings_.end() || binding->second.empty()) return kubernetes_environment_of(unit, profile);
  // The unit may run as several compose services (a test variant building the same
  // Dockerfile, say): use the one declared in a file that applies under this profile.
  const ComposeServiceRef* chosen = nullptr;
  for (const auto& candidate : binding->second) {
    auto project_it = projects_.find(directory_of(candidate.file));
    if (project_it == projects_.end()) continue;
    for (const auto& file : project_it->second.files) {
      const bool applies = file.variant.empty() || file.variant == profile;
      if (file.path == candidate.file && applies && (!chosen || file.variant.empty())) chosen = &candidate;
    }
    if (chosen) break;
  }
  if (!chosen) return std::nullopt;
  const ComposeServiceRef& ref = *chosen;
  const Project& project = projects_.at(directory_of(ref.file));
  ServiceEnvironment result;
  result.compose_file = ref.file;
  std::map<std::string, ConfigEntry> merged;  // later files override earlier ones by name
  std::vector<std::string> order;
  const auto lookup = [&project](std::string_view name) -> std::optional<std::string> {
    if (auto found = project.dotenv.find(std::string(name)); found != project.dotenv.end()) return found->second;
    return std::nullopt;  // the host's environment is not ours to read
  };
  for (const auto& file : project.files) {
    if (!file.variant.empty() && file.variant != profile) continue;
    for (const auto& service : file.facts->services) {
      if (service.name != ref.service) continue;
      for (const auto& entry : service.environment) {
        if (!entry.has_value) continue;
        ConfigEntry config_entry;
        config_entry.key = entry.name;
        config_entry.location = entry.location;
        config_entry.secret = entry.secret;
        config_entry.secret_digest = entry.secret_digest;
        if (!entry.secret) {
          const PlaceholderResult substituted = resolve_compose_variables(entry.value, lookup);
          if (substituted.cycle) warnings.push_back({entry.location, "variable cycle in '" + entry.name + "'; left unresolved"});
          config_entry.value = substituted.text;
        }
        if (!merged.contains(entry.name)) order.push_back(entry.name);
        merged[entry.name] = config_entry;
      }
      for (const auto& env_file : service.env_files) {
        if (std::find(result.env_files.begin(), result.env_files.end(), env_file) == result.env_files.end()) result.env_files.push_back(env_file);
      }
    }
  }
  for (const auto& name : order) {
    result.environment.entries.push_back(merged[name]);
    add_system_properties(merged[name], result.system_properties);
  }
  return result;
}

namespace {

bool labels_match(const LabelSet& selector, const LabelSet& labels) {
  if (selector.empty()) return false;  // an empty Service selector selects nothing it manages
  return std::all_of(selector.begin(), selector.end(), [&](const auto& label) {
    auto found = labels.find(label.first);
    return found != labels.end() && found->second == label.second;
  });
}

Engine engine_of_workload(const KubernetesWorkload& workload) {
  for (const auto& container : workload.containers) {
    if (const Engine engine = engine_of_image(container.image); engine != Engine::unknown) return engine;
  }
  return Engine::unknown;
}

}  // namespace

std::optional<std::pair<std::string, std::string>> Deployments::kubernetes_name(const std::string& scope, const std::string& host) const {
  const bool in_kubernetes = scope.starts_with(kKubernetesScopePrefix);
  const std::string own_namespace = in_kubernetes ? scope.substr(kKubernetesScopePrefix.size()) : std::string();
  std::string name = host;
  for (std::string_view suffix : {".svc.cluster.local", ".svc"}) {
    if (name.ends_with(suffix)) {
      name.resize(name.size() - suffix.size());
      const auto dot = name.find('.');
      if (dot == std::string::npos) return in_kubernetes ? std::optional(std::pair(own_namespace, name)) : std::nullopt;
      return std::pair(name.substr(dot + 1), name.substr(0, dot));
    }
  }
  if (!in_kubernetes || host == "localhost") return std::nullopt;
  const auto dot = name.find('.');
  if (dot == std::string::npos) return std::pair(own_namespace, name);
  // "orders-db.shop": a service in another namespace, when that namespace is known.
  if (name.find('.', dot + 1) == std::string::npos && namespaces_.contains(name.substr(dot + 1))) return std::pair(name.substr(dot + 1), name.substr(0, dot));
  return std::nullopt;
}

// A Service name leads to the workload its selector picks; the workload's image tells the engine.
Deployments::ResolvedHost Deployments::resolve_kubernetes_host(const std::string& name_space, const std::string& name, int port) const {
  ResolvedHost resolved{name, port, Engine::unknown};
  auto found = namespaces_.find(name_space);
  if (found == namespaces_.end()) return resolved;
  for (const KubernetesService* service : found->second.services) {
    if (service->name != name) continue;
    for (const KubernetesWorkload* workload : found->second.workloads) {
      if (labels_match(service->selector, workload->labels)) return {workload->name, port, engine_of_workload(*workload)};
    }
  }
  for (const KubernetesWorkload* workload : found->second.workloads) {
    if (workload->name == name) return {workload->name, port, engine_of_workload(*workload)};
  }
  return resolved;
}

// A pooling proxy running as a workload, with backends from its environment.
std::optional<Deployments::Proxy> Deployments::kubernetes_proxy(const std::string& name_space, const std::string& workload_name) const {
  auto space = namespaces_.find(name_space);
  if (space == namespaces_.end()) return std::nullopt;
  for (const KubernetesWorkload* workload : space->second.workloads) {
    if (workload->name != workload_name) continue;
    for (const auto& container : workload->containers) {
      const std::string kind = proxy_kind_of_image(container.image);
      if (kind.empty()) continue;
      Proxy proxy;
      proxy.kind = kind;
      ProxyEnvironment environment;
      for (const auto& variable : container.env) {
        if (variable.from_kind.empty() && !variable.secret) environment[variable.name] = {variable.value, variable.location};
      }
      add_environment_backends(environment, workload->location, proxy.backends);
      return proxy;
    }
  }
  return std::nullopt;
}

std::optional<ServiceEnvironment> Deployments::kubernetes_environment_of(const std::string& unit, const std::string& profile) const {
  auto binding = workload_bindings_.find(unit);
  if (binding == workload_bindings_.end() || binding->second.empty()) return std::nullopt;
  const KubernetesWorkloadRef& ref = binding->second.front();
  auto space = namespaces_.find(ref.name_space);
  if (space == namespaces_.end()) return std::nullopt;
  const KubernetesWorkload* workload = nullptr;
  for (const KubernetesWorkload* candidate : space->second.workloads) {
    if (candidate->name == ref.name && candidate->location.path == ref.file) workload = candidate;
  }
  if (!workload) return std::nullopt;
  const auto config_map_entry = [&](const std::string& map_name, const std::string& key) -> const ConfigEntry* {
    for (const KubernetesConfigMap* config_map : space->second.config_maps) {
      if (config_map->name != map_name) continue;
      for (const auto& entry : config_map->data) {
        if (entry.key == key) return &entry;
      }
    }
    return nullptr;
  };
  ServiceEnvironment result;
  result.compose_file = ref.file;
  // Spring Cloud Kubernetes loads the ConfigMap named after the application as a property
  // source (below the environment): its embedded application.yml/properties keys apply.
  for (const KubernetesConfigMap* config_map : space->second.config_maps) {
    if (config_map->name != workload->name && config_map->name != unit) continue;
    for (const auto& entry : config_map->data) {
      if (entry.key.find('.') != std::string::npos && !entry.key.ends_with(".yml") && !entry.key.ends_with(".yaml") &&
          !entry.key.ends_with(".properties")) {
        result.environment.entries.push_back(entry);
      }
    }
  }
  for (const auto& container : workload->containers) {
    for (const auto& [kind, name] : container.env_from) {
      if (kind != "ConfigMap") continue;  // a Secret's values are never read
      for (const KubernetesConfigMap* config_map : space->second.config_maps) {
        if (config_map->name == name) result.environment.entries.insert(result.environment.entries.end(), config_map->data.begin(), config_map->data.end());
      }
    }
    for (const auto& variable : container.env) {
      ConfigEntry entry;
      entry.key = variable.name;
      entry.location = variable.location;
      if (variable.from_kind == "ConfigMap") {
        const ConfigEntry* source = config_map_entry(variable.from_name, variable.from_key);
        if (!source) continue;
        entry.value = source->value;
        entry.secret = source->secret;
        entry.secret_digest = source->secret_digest;
        entry.location = source->location;  // the value is written there
      } else if (variable.from_kind == "Secret") {
        // Two workloads reading the same Secret key share that credential.
        entry.secret = true;
        entry.secret_digest = secret_digest("k8s-secret:" + ref.name_space + "/" + variable.from_name + "/" + variable.from_key);
      } else {
        entry.value = variable.value;
        entry.secret = variable.secret;
        entry.secret_digest = variable.secret_digest;
      }
      result.environment.entries.push_back(std::move(entry));
    }
  }
  // `--profile prod` applies overlays/prod: its patches replace env entries of this workload.
  if (auto patches = overlay_patches_.find(profile); !profile.empty() && patches != overlay_patches_.end()) {
    for (const KubernetesWorkload* patch : patches->second) {
      if (patch->name != workload->name) continue;
      for (const auto& container : patch->containers) {
        for (const auto& variable : container.env) {
          if (!variable.from_kind.empty()) continue;
          std::erase_if(result.environment.entries, [&](const ConfigEntry& entry) { return entry.key == variable.name; });
          result.environment.entries.push_back({variable.name, variable.value, variable.location, variable.secret, variable.secret_digest});
        }
      }
    }
  }
  return result;
}

// The engine a compose service runs, from any file of its project that says so.
Engine Deployments::engine_of_service(const Project& project, const std::string& name) const {
  for (const auto& file : project.files) {
    for (const auto& service : file.facts->services) {
      if (service.name != name) continue;
      for (const auto& image : {service.image, service.built_from_image}) {
        if (const Engine engine = engine_of_image(image); engine != Engine::unknown) return engine;
      }
    }
  }
  return Engine::unknown;
}

Deployments::ResolvedHost Deployments::resolve_host(const std::string& scope, const std::string& host, int port) const {
  ResolvedHost resolved{host, port, Engine::unknown};
  const Project* project = project_in(scope);
  if (!project) return resolved;
  for (const auto& file : project->files) {
    for (const auto& service : file.facts->services) {
      const Engine engine = engine_of_service(*project, service.name);
      if (host == "localhost") {
        // A database container publishing this port on the host is what "localhost" reaches.
        if (engine == Engine::unknown) continue;
        for (const auto& published : service.ports) {
          if (!published.host_port.empty() && std::atoi(published.host_port.c_str()) == port) {
            return {service.name, published.container_port ? published.container_port : port, engine};
          }
        }
        continue;
      }
      const bool named = to_lower(service.name) == host || to_lower(service.container_name) == host || to_lower(service.hostname) == host ||
                         std::any_of(service.network_aliases.begin(), service.network_aliases.end(),
                                     [&](const std::string& alias) { return to_lower(alias) == host; }) ||
                         project->link_aliases.contains({host, service.name});
      if (named) return {service.name, port, engine_of_service(*project, service.name)};
    }
  }
  return resolved;
}

std::string Deployments::endpoint_key(const std::string& scope, const ConnectionTarget& target, std::size_t index) const {
  const std::string& host = target.endpoints[index].host;
  const int port = effective_port(target, index);
  if (auto kubernetes = kubernetes_name(scope, host)) {
    const ResolvedHost resolved = resolve_kubernetes_host(kubernetes->first, kubernetes->second, port);
    return std::string(kKubernetesScopePrefix) + kubernetes->first + "|" + resolved.name + ":" + std::to_string(resolved.port);
  }
  if (!is_scoped_host(host)) return "|" + host + ":" + std::to_string(port);
  const ResolvedHost resolved = resolve_host(scope, host, port);
  return scope + "|" + resolved.name + ":" + std::to_string(resolved.port);
}

void Deployments::identify_server(const std::string& scope, Datasource& datasource) const {
  ConnectionTarget& target = datasource.target;
  if (target.in_process) {
    datasource.server_label = std::string(engine_name(target.engine)) + " (in-process)";
    return;
  }
  if (target.endpoints.empty() || host_is_unresolved(target.endpoints.front().host)) {
    datasource.server_label = std::string(engine_name(target.engine)) + " (host not resolved)";
    return;
  }
  const std::string& host = target.endpoints.front().host;
  if (auto kubernetes = kubernetes_name(scope, host)) {
    const ResolvedHost resolved = resolve_kubernetes_host(kubernetes->first, kubernetes->second, effective_port(target, 0));
    if (target.engine == Engine::unknown) target.engine = resolved.engine;
    datasource.resolved = true;
    datasource.server_key = endpoint_key(scope, target, 0);
    datasource.server_label = std::string(engine_name(target.engine)) + "://" + resolved.name + ":" + std::to_string(effective_port(target, 0)) +
                              " in namespace " + kubernetes->first;
    if (auto proxy = kubernetes_proxy(kubernetes->first, resolved.name)) {
      route_through_proxy(std::string(kKubernetesScopePrefix) + kubernetes->first, *proxy, resolved.name, effective_port(target, 0), datasource);
    }
    return;
  }
  std::string label_host = host;
  if (is_scoped_host(host)) {
    // A compose datastore tells the engine (and so the default port) a bare DB_HOST lacks.
    const ResolvedHost resolved = resolve_host(scope, host, effective_port(target, 0));
    if (target.engine == Engine::unknown) target.engine = resolved.engine;
    label_host = resolved.name;
  }
  const int port = effective_port(target, 0);
  int label_port = port;
  if (is_scoped_host(host)) label_port = resolve_host(scope, host, port).port;
  datasource.resolved = true;
  datasource.server_key = endpoint_key(scope, target, 0);
  datasource.server_label = std::string(engine_name(target.engine)) + "://" + label_host + ":" + std::to_string(label_port);
  if (is_scoped_host(host) && several_scopes_) datasource.server_label += " in " + scope;
  if (const Project* project = is_scoped_host(host) ? project_in(scope) : nullptr) {
    if (auto proxy = project->proxies.find(label_host); proxy != project->proxies.end()) {
      route_through_proxy(scope, proxy->second, label_host, label_port, datasource);
    }
  }
}

// The datasource talks to a pooling proxy: remember the proxy, and identify the server by the
// backend the proxy forwards this database to (pgbouncer maps database names; "*" = any).
void Deployments::route_through_proxy(const std::string& scope, const Proxy& proxy, const std::string& proxy_name, int proxy_port,
                                      Datasource& datasource) const {
  datasource.proxy_key = datasource.server_key;
  datasource.proxy_label = proxy.kind + "://" + proxy_name + ":" + std::to_string(proxy_port);
  const ProxyBackend* backend = nullptr;
  for (const auto& candidate : proxy.backends) {
    if (candidate.database == datasource.target.database) backend = &candidate;
  }
  for (const auto& candidate : proxy.backends) {
    if (!backend && (candidate.database == "*" || candidate.database.empty())) backend = &candidate;
  }
  if (!backend && proxy.backends.size() == 1) backend = &proxy.backends.front();
  if (!backend || host_is_unresolved(backend->host)) return;  // the server behind it is not known: the proxy stands for it
  ConnectionTarget behind = datasource.target;
  behind.endpoints = {{canonical_host(backend->host), backend->port}};
  if (!backend->server_database.empty()) datasource.target.database = backend->server_database;
  datasource.server_key = endpoint_key(scope, behind, 0);
  const int port = backend->port ? backend->port : default_port(behind.engine);
  std::string backend_name = behind.endpoints.front().host;
  if (is_scoped_host(backend_name)) backend_name = resolve_host(scope, backend_name, port).name;
  datasource.server_label = std::string(engine_name(behind.engine)) + "://" + backend_name + ":" + std::to_string(port) + " via " + proxy_name;
}

}  // namespace dbsilo
