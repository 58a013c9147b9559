// Network reach of database containers in compose projects: shared networks and published ports.
#include <algorithm>
#include <set>

#include "dbsilo/text.h"
#include "scanner/discover/units.h"
#include "languages/config/placeholders.h"
#include "scanner/resolve/deployment.h"

namespace dbsilo {
namespace {

// A compose service as the default files (base + override) define it.
struct MergedService {
  std::string name;
  std::set<std::string> networks;
  std::string network_mode;
  SourceLocation network_mode_location;
  std::vector<ComposePort> ports;
  std::string image;
  std::string built_from_image;
  SourceLocation location;
};

bool is_loopback_address(const std::string& address) {
  return address == "127.0.0.1" || address == "localhost" || address == "::1" || address == "[::1]" || address.starts_with("127.");
}


std::string with_default_network(const std::set<std::string>& networks) {
  return networks.empty() ? "default" : join(std::vector<std::string>(networks.begin(), networks.end()), ", ");
}

}  // namespace

std::vector<DatastoreDeployment> Deployments::compose_datastores(const std::vector<Datasource>& datasources, const std::string& profile) const {
  std::vector<DatastoreDeployment> deployments;
  for (const auto& [dir, project] : projects_) {
    std::map<std::string, MergedService> services;
    for (const auto& file : project.files) {
      if (!file.variant.empty() && file.variant != profile) continue;
      for (const auto& service : file.facts->services) {
        // A service with `profiles:` starts only when one of them is asked for.
        if (!service.profiles.empty() && std::find(service.profiles.begin(), service.profiles.end(), profile) == service.profiles.end()) continue;
        MergedService& merged = services[service.name];
        if (merged.name.empty()) {
          merged.name = service.name;
          merged.location = service.location;
        }
        // Two keys with one `name:` are one Docker network: compare by that name.
        for (const auto& network : service.networks) {
          auto named = file.facts->network_names.find(network);
          merged.networks.insert(named == file.facts->network_names.end() ? network : named->second);
        }
        if (!service.network_mode.empty()) {
          merged.network_mode = service.network_mode;
          merged.network_mode_location = service.network_mode_location;
        }
        merged.ports.insert(merged.ports.end(), service.ports.begin(), service.ports.end());
        if (!service.image.empty()) merged.image = service.image;
        if (!service.built_from_image.empty()) merged.built_from_image = service.built_from_image;
      }
    }
    // compose service -> the unit it runs
    std::map<std::string, std::string> unit_of_service;
    for (const auto& [unit, refs] : bindings_) {
      for (const auto& ref : refs) {
        const auto slash = ref.file.rfind('/');
        const std::string ref_dir = slash == std::string::npos ? std::string() : ref.file.substr(0, slash);
        if (ref_dir == dir) unit_of_service.emplace(ref.service, unit);
      }
    }
    const std::string scope = dir.empty() ? "." : dir;
    // A container that datasources connect to is a database, whatever its image is called.
    const auto engine_used_for = [&](const std::string& name) {
      for (const auto& datasource : datasources) {
        if (datasource.profile == profile && datasource.server_key.starts_with(scope + "|" + name + ":") && datasource.target.engine != Engine::unknown) {
          return datasource.target.engine;
        }
      }
      return Engine::unknown;
    };
    std::set<std::string> databases;
    for (const auto& [name, service] : services) {
      if (engine_of_service(project, name) != Engine::unknown || engine_used_for(name) != Engine::unknown) databases.insert(name);
    }
    for (const auto& [name, database] : services) {
      const Engine engine = engine_of_service(project, name) != Engine::unknown ? engine_of_service(project, name) : engine_used_for(name);
      if (engine == Engine::unknown) continue;
      DatastoreDeployment deployment;
      deployment.name = name;
      deployment.profile = profile;
      deployment.platform = "compose";
      deployment.scope = scope;
      deployment.engine = std::string(engine_name(engine));
      deployment.location = database.location;
      const std::string key_prefix = scope + "|" + name + ":";
      std::set<std::string> owners;
      for (const auto& datasource : datasources) {
        if (datasource.profile == profile && datasource.server_key.starts_with(key_prefix)) {
          owners.insert(datasource.unit);
          deployment.server_label = datasource.server_label;
        }
      }
      deployment.owners.assign(owners.begin(), owners.end());
      // Who shares a network with it: every service on the default network when none is named.
      const std::set<std::string> database_networks = database.networks.empty() ? std::set<std::string>{"default"} : database.networks;
      for (const auto& [other_name, other] : services) {
        auto unit = unit_of_service.find(other_name);
        if (unit == unit_of_service.end() || owners.contains(unit->second) || databases.contains(other_name)) continue;
        const std::set<std::string> other_networks = other.networks.empty() ? std::set<std::string>{"default"} : other.networks;
        std::vector<std::string> shared;
        std::set_intersection(database_networks.begin(), database_networks.end(), other_networks.begin(), other_networks.end(),
                              std::back_inserter(shared));
        if (shared.empty()) continue;
        if (std::none_of(deployment.reachable_from.begin(), deployment.reachable_from.end(), [&](const ReachingService& reach) { return reach.service == unit->second; })) {
          deployment.reachable_from.push_back({unit->second, "compose network " + join(shared, ", "), other.location});
        }
      }
      // Init-captures, not captures of the structured binding: clang 14 (fuzz build) rejects those.
      const auto substitute = [&project = project](const std::string& text) {
        return resolve_compose_variables(text, [&project](std::string_view name) -> std::optional<std::string> {
                 if (auto found = project.dotenv.find(std::string(name)); found != project.dotenv.end()) return found->second;
                 return std::nullopt;
               }).text;
      };
      for (const auto& port : database.ports) {
        const std::string host_ip = substitute(port.host_ip);
        if (is_loopback_address(host_ip)) continue;
        // "5432" alone still publishes: on a random host port, on every interface.
        const std::string host_port = port.host_port.empty() ? std::string("<random>") : substitute(port.host_port);
        deployment.published_ports.push_back({(host_ip.empty() ? std::string("0.0.0.0") : host_ip) + ":" + host_port, port.location});
      }
      if (database.network_mode == "host") {
        deployment.published_ports.push_back({"every host interface (network_mode: host)", database.network_mode_location});
      }
      deployment.fence_hint = "give " + name + " a network of its own (networks: [" + name + "-net]), add that network to " +
                              (owners.empty() ? std::string("its owner") : name_list(deployment.owners)) + " only, and take " + name +
                              " off " + with_default_network(database.networks) + "; the other services keep their networks";
      std::sort(deployment.reachable_from.begin(), deployment.reachable_from.end(),
                [](const ReachingService& a, const ReachingService& b) { return a.service < b.service; });
      deployments.push_back(std::move(deployment));
    }
  }
  return deployments;
}

}  // namespace dbsilo

namespace dbsilo {
namespace {

bool selector_selects(const LabelSet& selector, const LabelSet& labels) {
  // An empty podSelector selects every pod of the namespace.
  return std::all_of(selector.begin(), selector.end(), [&](const auto& label) {
    auto found = labels.find(label.first);
    return found != labels.end() && found->second == label.second;
  });
}

// Namespaces carry the label kubernetes.io/metadata.name; other namespace labels are not in
// the manifests we read, so a selector on them is taken to match nothing we know.
bool namespace_selected(const LabelSet& selector, const std::string& name_space) {
  for (const auto& [key, value] : selector) {
    if (key != "kubernetes.io/metadata.name" || value != name_space) return false;
  }
  return true;
}

// Does an ingress rule of a policy in `policy_namespace` let a pod with `labels` in `pod_namespace` in?
bool rule_admits(const NetworkPolicyIngressRule& rule, const LabelSet& labels, const std::string& pod_namespace, const std::string& policy_namespace) {
  if (rule.from.empty()) return true;  // no `from`: any source
  for (const auto& peer : rule.from) {
    if (!peer.ip_block.empty() && !peer.has_pod_selector && !peer.has_namespace_selector) continue;  // addresses, not pods
    const bool namespace_ok = peer.has_namespace_selector ? namespace_selected(peer.namespace_selector, pod_namespace) : pod_namespace == policy_namespace;
    const bool pod_ok = !peer.has_pod_selector || selector_selects(peer.pod_selector, labels);
    if (namespace_ok && pod_ok) return true;
  }
  return false;
}

}  // namespace

std::vector<DatastoreDeployment> Deployments::kubernetes_datastores(const std::vector<Datasource>& datasources) const {
  std::vector<DatastoreDeployment> deployments;
  std::map<std::pair<std::string, std::string>, std::string> unit_of_workload_anywhere;  // (namespace, workload) -> unit
  for (const auto& [unit, refs] : workload_bindings_) {
    for (const auto& ref : refs) unit_of_workload_anywhere.emplace(std::make_pair(ref.name_space, ref.name), unit);
  }
  for (const auto& [name_space, objects] : namespaces_) {
    const std::string scope = std::string(kKubernetesScopePrefix) + name_space;
    for (const KubernetesWorkload* database : objects.workloads) {
      Engine engine = Engine::unknown;
      for (const auto& container : database->containers) {
        if (engine == Engine::unknown) engine = engine_of_image(container.image);
      }
      if (engine == Engine::unknown) continue;
      DatastoreDeployment deployment;
      deployment.name = database->name;
      deployment.platform = "kubernetes";
      deployment.scope = name_space;
      deployment.engine = std::string(engine_name(engine));
      deployment.location = database->location;
      std::set<std::string> owners;
      for (const auto& datasource : datasources) {
        if (datasource.profile.empty() && datasource.server_key.starts_with(scope + "|" + database->name + ":")) {
          owners.insert(datasource.unit);
          deployment.server_label = datasource.server_label;
        }
      }
      deployment.owners.assign(owners.begin(), owners.end());
      std::vector<const KubernetesNetworkPolicy*> policies;
      bool selected_for_egress_only = false;
      std::string egress_only_policy;
      for (const KubernetesNetworkPolicy* policy : objects.policies) {
        // NetworkPolicies do not apply to pods on the node's network.
        if (database->host_network || !selector_selects(policy->pod_selector, database->labels)) continue;
        if (policy->restricts_ingress) {
          policies.push_back(policy);
        } else {
          selected_for_egress_only = true;
          egress_only_policy = policy->name;
        }
      }
      // An ipBlock of 0.0.0.0/0 (or ::/0) lets the whole world in, whatever else the policy says.
      for (const KubernetesNetworkPolicy* policy : policies) {
        for (const auto& rule : policy->ingress) {
          for (const auto& peer : rule.from) {
            const std::string address = "NetworkPolicy " + policy->name + " admitting " + peer.ip_block;
            const bool listed = std::any_of(deployment.published_ports.begin(), deployment.published_ports.end(),
                                            [&](const PublishedPort& port) { return port.address == address; });
            if ((peer.ip_block == "0.0.0.0/0" || peer.ip_block == "::/0") && !listed) deployment.published_ports.push_back({address, database->location});
          }
        }
      }
      // Pods of every namespace can connect unless a policy says otherwise.
      for (const auto& [other_namespace, other_objects] : namespaces_) {
        for (const KubernetesWorkload* other : other_objects.workloads) {
          auto unit = unit_of_workload_anywhere.find({other_namespace, other->name});
          if (other == database || unit == unit_of_workload_anywhere.end() || owners.contains(unit->second)) continue;
          std::string via;
          if (policies.empty()) {
            via = database->host_network        ? std::string("hostNetwork: NetworkPolicies do not apply")
                  : selected_for_egress_only ? "NetworkPolicy " + egress_only_policy + " selects " + database->name + " for Egress only"
                                             : "no NetworkPolicy selects " + database->name + " in namespace " + name_space;
          } else {
            for (const KubernetesNetworkPolicy* policy : policies) {
              if (std::any_of(policy->ingress.begin(), policy->ingress.end(),
                              [&, &other_namespace = other_namespace, &name_space = name_space](const NetworkPolicyIngressRule& rule) {
                                return rule_admits(rule, other->labels, other_namespace, name_space);
                              })) {
                via = "NetworkPolicy " + policy->name + " admits it";
              }
            }
          }
          const bool listed = std::any_of(deployment.reachable_from.begin(), deployment.reachable_from.end(),
                                          [&](const ReachingService& reach) { return reach.service == unit->second; });
          if (!via.empty() && !listed) deployment.reachable_from.push_back({unit->second, via, other->location});
        }
      }
      // hostPort and hostNetwork bypass Services and NetworkPolicies: the node's address reaches the pod.
      for (const auto& container : database->containers) {
        for (const auto& [host_port, location] : container.host_ports) {
          deployment.published_ports.push_back({"hostPort " + std::to_string(host_port) + " on every node running it", location});
        }
      }
      if (database->host_network) deployment.published_ports.push_back({"the node's network (hostNetwork: true)", database->host_network_location});
      for (const KubernetesService* service : objects.services) {
        if (service->type != "NodePort" && service->type != "LoadBalancer") continue;
        if (service->selector.empty() || !selector_selects(service->selector, database->labels)) continue;
        deployment.published_ports.push_back({service->type + " service " + service->name, service->location});
      }
      std::string labels;
      for (const auto& [key, value] : database->labels) labels += (labels.empty() ? "" : ", ") + key + ": " + value;
      deployment.fence_hint = "a NetworkPolicy in namespace " + name_space + " with podSelector {" + labels +
                              "}, policyTypes [Ingress] and one ingress rule admitting only the pods of " +
                              (owners.empty() ? std::string("its owner") : name_list(deployment.owners));
      std::sort(deployment.reachable_from.begin(), deployment.reachable_from.end(),
                [](const ReachingService& a, const ReachingService& b) { return a.service < b.service; });
      deployments.push_back(std::move(deployment));
    }
  }
  return deployments;
}

}  // namespace dbsilo
