// Deployment scopes: compose projects, their services' environment, and host-name resolution.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dbsilo/facts.h"
#include "dbsilo/model.h"
#include "scanner/discover/units.h"

namespace dbsilo {

// The environment a compose service gives a unit's container under one profile.
struct ServiceEnvironment {
  std::string compose_file;                 // the file declaring the service (base file)
  ConfigDocument environment;               // raw variable names; compose variables substituted
  ConfigDocument system_properties;         // -Dkey=value from JAVA_OPTS / JAVA_TOOL_OPTIONS: property keys
  std::vector<std::pair<std::string, SourceLocation>> env_files;  // path, where it is listed
};

class Deployments {
 public:
  Deployments(const std::vector<FileFacts>& files, const DiscoveredUnits& discovered);

  // Compose files of one project that apply under `profile`: the base file(s) and overrides,
  // plus docker-compose.<profile>.yml variants. nullopt when the unit runs in no compose file.
  std::optional<ServiceEnvironment> environment_of(const std::string& unit, const std::string& profile,
                                                   std::vector<Warning>& warnings) const;

  // Fills server_key, server_label and resolved, and the engine when the host is a compose
  // datastore. Host names resolve inside the unit's scope; FQDNs and public IPs are global.
  void identify_server(const std::string& scope, Datasource& datasource) const;

  // Key of endpoint `index` of a target, for joining replica-set members into one server.
  std::string endpoint_key(const std::string& scope, const ConnectionTarget& target, std::size_t index) const;

  // Database containers of every compose project under the default files (base + override),
  // with the services that use them and the services that can reach them anyway.
  // `profile` adds docker-compose.<profile>.yml variants and the services their `profiles:` start.
  std::vector<DatastoreDeployment> compose_datastores(const std::vector<Datasource>& datasources, const std::string& profile) const;

  // Database workloads of every Kubernetes namespace, and which other workloads their
  // NetworkPolicies (or the lack of one) let in.
  std::vector<DatastoreDeployment> kubernetes_datastores(const std::vector<Datasource>& datasources) const;

 private:
  struct ProjectFile {
    std::string path;
    std::string variant;  // "" for base and override files; "prod" for docker-compose.prod.yml
    bool override_file = false;
    const ComposeFileFacts* facts = nullptr;
  };
  // A connection-pooling proxy container and the servers behind it.
  struct Proxy {
    std::string kind;
    std::vector<ProxyBackend> backends;
  };
  struct Project {
    std::string dir;
    std::vector<ProjectFile> files;  // base, overrides, variants: in merge order
    std::map<std::string, std::string> dotenv;  // variables from the project's .env
    std::set<std::pair<std::string, std::string>> link_aliases;  // (alias, service) from `links: [service:alias]`
    std::map<std::string, Proxy> proxies;                        // compose service -> proxy
  };
  struct ResolvedHost {
    std::string name;  // compose service name, or the host as written
    int port = 0;
    Engine engine = Engine::unknown;
  };

  const Project* project_in(const std::string& scope) const;
  Engine engine_of_service(const Project& project, const std::string& name) const;
  void route_through_proxy(const std::string& scope, const Proxy& proxy, const std::string& proxy_name, int proxy_port,
                           Datasource& datasource) const;
  ResolvedHost resolve_host(const std::string& scope, const std::string& host, int port) const;

  // The Kubernetes objects of one namespace.
  struct KubernetesNamespace {
    std::vector<const KubernetesWorkload*> workloads;
    std::vector<const KubernetesService*> services;
    std::vector<const KubernetesConfigMap*> config_maps;
    std::vector<const KubernetesNetworkPolicy*> policies;
  };
  std::optional<ServiceEnvironment> kubernetes_environment_of(const std::string& unit, const std::string& profile) const;
  // (namespace, service or host name) when `host` is a Kubernetes DNS name seen from `scope`.
  std::optional<std::pair<std::string, std::string>> kubernetes_name(const std::string& scope, const std::string& host) const;
  std::optional<Proxy> kubernetes_proxy(const std::string& name_space, const std::string& workload_name) const;
  ResolvedHost resolve_kubernetes_host(const std::string& name_space, const std::string& name, int port) const;

  std::map<std::string, Project> projects_;  // by directory
  std::map<std::string, KubernetesNamespace> namespaces_;
  std::map<std::string, std::vector<const KubernetesWorkload*>> overlay_patches_;  // overlay folder name -> patched workloads
  std::map<std::string, std::vector<KubernetesWorkloadRef>> workload_bindings_;
  std::map<std::string, std::vector<ComposeServiceRef>> bindings_;
  bool several_scopes_ = false;
};

}  // namespace dbsilo
