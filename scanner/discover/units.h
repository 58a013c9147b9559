// Finds the units of a monorepo (services and shared libraries) from manifests, compose and dbsilo.yaml.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/facts.h"
#include "dbsilo/model.h"

namespace dbsilo {

// A compose service, named by the file that declares it.
struct ComposeServiceRef {
  std::string file;     // compose file path
  std::string service;  // service name in that file

  auto operator<=>(const ComposeServiceRef&) const = default;
};

// A Kubernetes workload, named by the manifest that declares it.
struct KubernetesWorkloadRef {
  std::string file;
  std::string name;
  std::string name_space;  // "default" when the manifest names none

  auto operator<=>(const KubernetesWorkloadRef&) const = default;
};

// Scope of units deployed on Kubernetes: "k8s:<namespace>".
inline constexpr std::string_view kKubernetesScopePrefix = "k8s:";

// Folders of kustomize overlays and components: a kustomization whose resources reach outside
// its own folder (`resources: [../../base]`), or one of `kind: Component`. Their files patch a base; they are evaluated only under
// `--profile <folder name>`, never as manifests of their own.
std::set<std::string> kustomize_overlay_dirs(const std::vector<FileFacts>& files);

// The namespace a workload runs in: its own, else "default".
std::string namespace_of(const std::string& declared);

struct DiscoveredUnits {
  std::vector<Unit> units;  // sorted by name, names unique
  std::map<std::string, std::vector<ComposeServiceRef>> compose_services;  // unit -> compose services running it
  std::map<std::string, std::vector<KubernetesWorkloadRef>> kubernetes_workloads;  // unit -> workloads running it
  std::vector<Warning> warnings;
};

// `files` are every extracted file's facts (manifests, compose files, dbsilo.yaml, configs).
DiscoveredUnits discover_units(const std::vector<FileFacts>& files);

// The unit owning `path`: the unit with the deepest root containing it ("" when none).
// Only units with sources own files.
std::string owning_unit(const std::vector<Unit>& units, std::string_view path);

// Every unit `unit` depends on, directly or through others: each once, sorted by name.
std::vector<std::string> transitive_dependencies(const Unit& unit, const std::vector<Unit>& units);

// True when `path` lies under `directory` ("" contains everything).
bool path_is_under(std::string_view path, std::string_view directory);

// Datastore images (postgres, mysql, mongo, redis, ...): the engine a compose image runs, or
// Engine::unknown. Matches the repository name without registry and tag.
Engine engine_of_image(std::string_view image);

// Connection-pooling proxies by image: "pgbouncer", "pgpool", "proxysql", "odyssey",
// "mcrouter", "twemproxy"; "" when the image is none of them.
std::string proxy_kind_of_image(std::string_view image);

// Images of infrastructure that is neither a datastore nor a service of the monorepo
// (brokers, proxies, monitoring): such compose services never become units.
bool is_infrastructure_image(std::string_view image);

}  // namespace dbsilo
