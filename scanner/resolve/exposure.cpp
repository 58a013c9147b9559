// Network reach of database containers in compose projects: shared networks and published ports.
#include <algorithm>
#include <set>

#include "dbsilo/text.h"
#include "scanner/discover/units.h"
#include "scanner/resolve/deployment.h"

namespace dbsilo {
namespace {

// A compose service as the default files (base + override) define it.
struct MergedService {
  std::string name;
  std::set<std::string> networks;
  std::string network_mode;
  std::vector<ComposePort> ports;
  std::string image;
  std::string built_from_image;
  SourceLocation location;
};

bool is_loopback_address(const std::string& address) {
  return address == "127.0.0.1" || address == "localhost" || address == "::1" || address == "[::1]" || address.starts_with("127.");
}

// "a", "a and b", "a, b and c"
std::string name_list_plain(const std::vector<std::string>& names) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += (i + 1 == names.size()) ? " and " : ", ";
    text += names[i];
  }
  return text;
}

std::string with_default_network(const std::set<std::string>& networks) {
  return networks.empty() ? "default" : join(std::vector<std::string>(networks.begin(), networks.end()), ", ");
}

}  // namespace

std::vector<DatastoreDeployment> Deployments::compose_datastores(const std::vector<Datasource>& datasources) const {
  std::vector<DatastoreDeployment> deployments;
  for (const auto& [dir, project] : projects_) {
    std::map<std::string, MergedService> services;
    for (const auto& file : project.files) {
      if (!file.variant.empty()) continue;
      for (const auto& service : file.facts->services) {
        MergedService& merged = services[service.name];
        if (merged.name.empty()) {
          merged.name = service.name;
          merged.location = service.location;
        }
        merged.networks.insert(service.networks.begin(), service.networks.end());
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
    for (const auto& [name, database] : services) {
      const Engine engine = engine_of_service(project, name);
      if (engine == Engine::unknown) continue;
      DatastoreDeployment deployment;
      deployment.name = name;
      deployment.platform = "compose";
      deployment.scope = scope;
      deployment.engine = std::string(engine_name(engine));
      deployment.location = database.location;
      const std::string key_prefix = scope + "|" + name + ":";
      std::set<std::string> owners;
      for (const auto& datasource : datasources) {
        if (datasource.profile.empty() && datasource.server_key.starts_with(key_prefix)) {
          owners.insert(datasource.unit);
          deployment.server_label = datasource.server_label;
        }
      }
      deployment.owners.assign(owners.begin(), owners.end());
      // Who shares a network with it: every service on the default network when none is named.
      const std::set<std::string> database_networks = database.networks.empty() ? std::set<std::string>{"default"} : database.networks;
      for (const auto& [other_name, other] : services) {
        auto unit = unit_of_service.find(other_name);
        if (unit == unit_of_service.end() || owners.contains(unit->second)) continue;
        const std::set<std::string> other_networks = other.networks.empty() ? std::set<std::string>{"default"} : other.networks;
        std::vector<std::string> shared;
        std::set_intersection(database_networks.begin(), database_networks.end(), other_networks.begin(), other_networks.end(),
                              std::back_inserter(shared));
        if (shared.empty()) continue;
        deployment.reachable_from.push_back({unit->second, "compose network " + join(shared, ", "), other.location});
      }
      for (const auto& port : database.ports) {
        if (port.host_port.empty() || is_loopback_address(port.host_ip)) continue;
        deployment.published_ports.push_back({(port.host_ip.empty() ? std::string("0.0.0.0") : port.host_ip) + ":" + port.host_port, port.location});
      }
      deployment.fence_hint = "put " + name + " and only " + (owners.empty() ? std::string("its owner") : name_list_plain(deployment.owners)) +
                              " on a network of their own (networks: [" + name + "-net] on both, and not on " +
                              with_default_network(database.networks) + ")";
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

// Does an ingress rule let pods with these labels (of the same namespace) in?
bool rule_admits(const NetworkPolicyIngressRule& rule, const LabelSet& labels) {
  if (rule.from.empty()) return true;  // no `from`: any source
  for (const auto& peer : rule.from) {
    if (!peer.ip_block.empty() && !peer.has_pod_selector && !peer.has_namespace_selector) continue;  // addresses, not pods
    if (peer.has_namespace_selector && !peer.has_pod_selector) return true;   // whole namespaces
    if (peer.has_pod_selector && selector_selects(peer.pod_selector, labels)) return true;
  }
  return false;
}

}  // namespace

std::vector<DatastoreDeployment> Deployments::kubernetes_datastores(const std::vector<Datasource>& datasources) const {
  std::vector<DatastoreDeployment> deployments;
  for (const auto& [name_space, objects] : namespaces_) {
    // workload name -> unit it runs
    std::map<std::string, std::string> unit_of_workload;
    for (const auto& [unit, refs] : workload_bindings_) {
      for (const auto& ref : refs) {
        if (ref.name_space == name_space) unit_of_workload.emplace(ref.name, unit);
      }
    }
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
      for (const KubernetesNetworkPolicy* policy : objects.policies) {
        if (policy->restricts_ingress && selector_selects(policy->pod_selector, database->labels)) policies.push_back(policy);
      }
      for (const KubernetesWorkload* other : objects.workloads) {
        auto unit = unit_of_workload.find(other->name);
        if (other == database || unit == unit_of_workload.end() || owners.contains(unit->second)) continue;
        std::string via;
        if (policies.empty()) {
          via = "no NetworkPolicy selects " + database->name + " in namespace " + name_space;
        } else {
          for (const KubernetesNetworkPolicy* policy : policies) {
            if (std::any_of(policy->ingress.begin(), policy->ingress.end(), [&](const NetworkPolicyIngressRule& rule) { return rule_admits(rule, other->labels); })) {
              via = "NetworkPolicy " + policy->name + " admits it";
            }
          }
        }
        if (!via.empty()) deployment.reachable_from.push_back({unit->second, via, other->location});
      }
      for (const KubernetesService* service : objects.services) {
        if (service->type != "NodePort" && service->type != "LoadBalancer") continue;
        if (service->selector.empty() || !selector_selects(service->selector, database->labels)) continue;
        deployment.published_ports.push_back({service->type + " service " + service->name, service->location});
      }
      std::string labels;
      for (const auto& [key, value] : database->labels) labels += (labels.empty() ? "" : ", ") + key + ": " + value;
      deployment.fence_hint = "a NetworkPolicy in namespace " + name_space + " with podSelector {" + labels +
                              "}, policyTypes [Ingress] and one ingress rule admitting only the pods of " +
                              (owners.empty() ? std::string("its owner") : name_list_plain(deployment.owners));
      std::sort(deployment.reachable_from.begin(), deployment.reachable_from.end(),
                [](const ReachingService& a, const ReachingService& b) { return a.service < b.service; });
      deployments.push_back(std::move(deployment));
    }
  }
  return deployments;
}

}  // namespace dbsilo
