// Network reach of database containers in compose projects: shared networks and published ports.
#include <algorithm>
#include <set>

#include "dbsilo/text.h"
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
