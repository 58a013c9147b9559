// Assembles units from build manifests, compose build contexts, Spring layouts and dbsilo.yaml.
#include "scanner/discover/units.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <set>
#include <string_view>
#include <unordered_map>

#include "dbsilo/text.h"

namespace dbsilo {
namespace {

// Datastore images by repository name (registry and tag stripped), sorted.
struct ImageEngine {
  std::string_view repository;
  Engine engine;
};
constexpr std::array<ImageEngine, 26> kDatastoreImages = {{
    {"bitnami/cassandra", Engine::cassandra},
    {"bitnami/mariadb", Engine::mariadb},
    {"bitnami/memcached", Engine::memcached},
    {"bitnami/mongodb", Engine::mongodb},
    {"bitnami/mysql", Engine::mysql},
    {"bitnami/postgresql", Engine::postgres},
    {"bitnami/redis", Engine::redis},
    {"cassandra", Engine::cassandra},
    {"container-registry.oracle.com/database/express", Engine::oracle},
    {"gvenzl/oracle-free", Engine::oracle},
    {"gvenzl/oracle-xe", Engine::oracle},
    {"ibmcom/db2", Engine::db2},
    {"icr.io/db2_community/db2", Engine::db2},
    {"mariadb", Engine::mariadb},
    {"mcr.microsoft.com/azure-sql-edge", Engine::sqlserver},
    {"mcr.microsoft.com/mssql/server", Engine::sqlserver},
    {"memcached", Engine::memcached},
    {"mongo", Engine::mongodb},
    {"mysql", Engine::mysql},
    {"mysql/mysql-server", Engine::mysql},
    {"postgis/postgis", Engine::postgres},
    {"postgres", Engine::postgres},
    {"redis", Engine::redis},
    {"redis/redis-stack", Engine::redis},
    {"redis/redis-stack-server", Engine::redis},
    {"timescale/timescaledb", Engine::postgres},
}};

// Infrastructure images that never run a monorepo service, sorted.
constexpr std::array<std::string_view, 30> kInfrastructureImages = {
    "apache/kafka",         "bitnami/kafka",          "bitnami/rabbitmq",  "bitnami/zookeeper",   "confluentinc/cp-kafka",
    "confluentinc/cp-zookeeper", "consul",            "docker.elastic.co/elasticsearch/elasticsearch", "docker.elastic.co/kibana/kibana",
    "edoburu/pgbouncer",    "elasticsearch",          "grafana/grafana",   "haproxy",             "hashicorp/consul",
    "jaegertracing/all-in-one", "kibana",             "mailhog/mailhog",   "nginx",               "openzipkin/zipkin",
    "prom/prometheus",      "proxysql/proxysql",      "rabbitmq",          "traefik",             "vault",
    "wurstmeister/kafka",   "wurstmeister/zookeeper", "zipkin",            "zookeeper",           "bitnami/pgbouncer",
    "pgbouncer/pgbouncer",
};

// Words in an image's own name that give away a database engine, most specific first.
constexpr std::array<std::pair<std::string_view, Engine>, 10> kDatastoreImageKeywords = {{
    {"postgis", Engine::postgres},
    {"postgres", Engine::postgres},
    {"mariadb", Engine::mariadb},
    {"mysql", Engine::mysql},
    {"mssql", Engine::sqlserver},
    {"mongo", Engine::mongodb},
    {"redis", Engine::redis},
    {"memcached", Engine::memcached},
    {"cassandra", Engine::cassandra},
    {"oracle-xe", Engine::oracle},
}};

// Words in an image's own name that mark infrastructure (brokers, proxies, telemetry, admin UIs), sorted.
constexpr std::array<std::string_view, 31> kInfrastructureImageKeywords = {
    "adminer",   "alertmanager", "consul",     "dynamodb",   "elasticsearch", "envoy",    "fluentd",   "grafana",
    "haproxy",   "jaeger",       "kafdrop",    "kafka",      "kibana",        "localstack", "logstash", "mailhog",
    "mcrouter",  "minio",        "nginx",      "nutcracker", "odyssey",       "pgadmin",  "pgbouncer", "pgpool",
    "phpmyadmin", "prometheus",  "proxysql",   "rabbitmq",   "traefik",       "twemproxy", "zookeeper",
};

std::string image_repository(std::string_view image) {
  std::string repository = to_lower(trim(image));
  if (const auto at = repository.find('@'); at != std::string::npos) repository.resize(at);
  // A tag follows the last ':' after the last '/' (a registry may carry a port: host:5000/x).
  const auto slash = repository.rfind('/');
  if (const auto colon = repository.rfind(':'); colon != std::string::npos && (slash == std::string::npos || colon > slash)) {
    repository.resize(colon);
  }
  for (std::string_view registry : {"docker.io/", "index.docker.io/", "registry.hub.docker.com/"}) {
    if (repository.starts_with(registry)) repository.erase(0, registry.size());
  }
  if (repository.starts_with("library/")) repository.erase(0, 8);
  return repository;
}

// The last path segment of a repository: "sqshq/piggymetrics-mongodb" -> "piggymetrics-mongodb".
std::string image_name(const std::string& repository) {
  const auto slash = repository.rfind('/');
  return slash == std::string::npos ? repository : repository.substr(slash + 1);
}



// Words that name what kind of program something is rather than which one, sorted.
constexpr std::array<std::string_view, 7> kProgramWords = {"api", "app", "microservice", "ms", "server", "service", "svc"};

// The distinguishing part of a program name: "billing-service" and "billing_svc" -> "billing".
std::string program_key(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  for (char c : to_lower(name)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  while (words.size() > 1 && std::find(kProgramWords.begin(), kProgramWords.end(), words.back()) != kProgramWords.end()) words.pop_back();
  std::string key;
  for (const auto& part : words) key += part;
  return key;
}

// A compose service and a build unit are the same program when their names agree up to
// separators and kind words, or one ends with the other ("petclinic-customers-service" /
// "customers-service").
bool names_match(std::string_view unit_name, std::string_view compose_name) {
  const std::string unit_key = program_key(unit_name);
  const std::string compose_key = program_key(compose_name);
  if (unit_key.empty() || compose_key.empty()) return false;
  if (unit_key == compose_key) return true;
  const auto ends_with_word = [](std::string_view longer, std::string_view shorter) {
    return shorter.size() >= 4 && longer.size() > shorter.size() && longer.ends_with(shorter);
  };
  return ends_with_word(unit_key, compose_key) || ends_with_word(compose_key, unit_key);
}

struct UnitDraft {
  Unit unit;
  std::vector<std::string> aliases;
  std::vector<BuildDependency> raw_dependencies;
  bool deployable = false;
};

bool is_test_path(std::string_view path) {
  return path.find("src/test/") != std::string_view::npos || path.starts_with("src/test") ||
         path.find("/src/it/") != std::string_view::npos;
}

std::string language_of(std::string_view build_system) {
  if (build_system == "maven" || build_system == "gradle") return "java";
  if (build_system == "cmake") return "cpp";
  if (build_system == "npm") return "javascript";
  return "";
}

void add_unique_name(std::vector<UnitDraft>& drafts, UnitDraft draft) {
  std::set<std::string> taken;
  for (const auto& existing : drafts) taken.insert(existing.unit.name);
  if (taken.contains(draft.unit.name)) {
    // Two manifests may declare the same name (e.g. a CMake target and an npm package): keep
    // both, told apart by their folder, so ownership stays unambiguous.
    std::string qualified = draft.unit.name + "@" + (draft.unit.root.empty() ? "." : draft.unit.root);
    draft.unit.name = qualified;
  }
  drafts.push_back(std::move(draft));
}

std::vector<UnitDraft> drafts_from_overrides(const std::vector<FileFacts>& files, bool& overridden) {
  std::vector<UnitDraft> drafts;
  overridden = false;
  for (const auto& file : files) {
    if (!file.project_config) continue;
    const std::string base = directory_of(file.path);
    auto add = [&](const UnitOverride& declared, UnitKind kind) {
      overridden = true;
      UnitDraft draft;
      draft.unit.name = declared.name;
      draft.unit.kind = kind;
      std::string path = declared.paths.front();
      while (path.ends_with("/") || path.ends_with("/**")) path.resize(path.ends_with("/**") ? path.size() - 3 : path.size() - 1);
      draft.unit.root = base.empty() ? path : (path.empty() || path == "." ? base : base + "/" + path);
      if (draft.unit.root == ".") draft.unit.root.clear();
      draft.unit.build_system = "dbsilo.yaml";
      draft.unit.location = declared.location;
      add_unique_name(drafts, std::move(draft));
    };
    for (const auto& service : file.project_config->services) add(service, UnitKind::service);
    for (const auto& library : file.project_config->libraries) add(library, UnitKind::library);
  }
  return drafts;
}

// Gradle names projects by their path from the settings file (":services:orders"), so a
// module gets that path as an alias for `project(':services:orders')` dependencies.
std::vector<std::string> gradle_project_paths(const std::vector<FileFacts>& files, const std::string& module_root) {
  std::vector<std::string> paths;
  for (const auto& file : files) {
    for (const auto& fact : file.build_units) {
      if (fact.build_system != "gradle" || fact.kind != BuildUnitKind::aggregator) continue;
      if (std::find(fact.modules.begin(), fact.modules.end(), module_root) == fact.modules.end()) continue;
      std::string relative = fact.root.empty() ? module_root : module_root.substr(std::min(module_root.size(), fact.root.size() + 1));
      std::replace(relative.begin(), relative.end(), '/', ':');
      paths.push_back(":" + relative);
    }
  }
  return paths;
}

bool is_gradle_multi_project_root(const std::vector<FileFacts>& files, const std::string& root) {
  for (const auto& file : files) {
    for (const auto& fact : file.build_units) {
      if (fact.build_system == "gradle" && fact.kind == BuildUnitKind::aggregator && fact.root == root && !fact.modules.empty()) return true;
    }
  }
  return false;
}

std::vector<UnitDraft> drafts_from_manifests(const std::vector<FileFacts>& files) {
  std::vector<UnitDraft> drafts;
  std::set<std::string> roots_taken;
  for (const auto& file : files) {
    if (is_test_path(file.path)) continue;
    for (const auto& fact : file.build_units) {
      if (fact.kind == BuildUnitKind::aggregator) continue;
      // Gradle's buildSrc holds build logic; the root project of a multi-project build only aggregates.
      if (fact.build_system == "gradle" && (fact.root == "buildSrc" || fact.root.ends_with("/buildSrc") || is_gradle_multi_project_root(files, fact.root))) {
        continue;
      }
      // One unit per folder for JVM/npm manifests: a pom.xml and a build.gradle side by side describe one module.
      const std::string root_key = fact.build_system == "cmake" ? fact.root + "#" + fact.name : fact.root;
      if (fact.build_system != "cmake" && roots_taken.contains(fact.root)) continue;
      roots_taken.insert(root_key);
      if (fact.build_system != "cmake") roots_taken.insert(fact.root);
      UnitDraft draft;
      draft.unit.name = fact.name.empty() ? file_name_of(fact.root) : fact.name;
      if (draft.unit.name.empty()) draft.unit.name = "root";
      draft.unit.root = fact.root;
      draft.unit.build_system = fact.build_system;
      draft.unit.language = language_of(fact.build_system);
      draft.unit.location = fact.location;
      draft.aliases = fact.aliases;
      if (fact.build_system == "gradle") {
        for (auto& path : gradle_project_paths(files, fact.root)) draft.aliases.push_back(std::move(path));
      }
      draft.raw_dependencies = fact.dependencies;
      draft.deployable = fact.deployable || fact.kind == BuildUnitKind::executable;
      if (fact.kind == BuildUnitKind::library) draft.unit.kind = UnitKind::library;
      add_unique_name(drafts, std::move(draft));
    }
  }
  return drafts;
}

// A Spring Boot module without a manifest we understand still has src/main/resources/application.*.
void add_spring_layout_units(const std::vector<FileFacts>& files, std::vector<UnitDraft>& drafts) {
  for (const auto& file : files) {
    const auto marker = file.path.find("src/main/resources/");
    if (marker == std::string::npos) continue;
    const std::string name = file_name_of(file.path);
    if (!(name.starts_with("application") || name.starts_with("bootstrap"))) continue;
    std::string root = file.path.substr(0, marker);
    if (root.ends_with("/")) root.pop_back();
    const bool known = std::any_of(drafts.begin(), drafts.end(), [&](const UnitDraft& draft) { return draft.unit.root == root; });
    if (known) continue;
    UnitDraft draft;
    draft.unit.name = root.empty() ? "application" : file_name_of(root);
    draft.unit.root = root;
    draft.unit.build_system = "spring";
    draft.unit.language = "java";
    draft.unit.location = {file.path, 0, 0};
    draft.deployable = true;
    add_unique_name(drafts, std::move(draft));
  }
}

// Compose files in merge order: base files, then overrides, then variants, so an override
// that only adds ports never decides what a service is.
std::vector<const FileFacts*> compose_files_in_merge_order(const std::vector<FileFacts>& files) {
  std::vector<std::pair<int, const FileFacts*>> ranked;
  for (const auto& file : files) {
    if (!file.compose) continue;
    const std::string name = to_lower(file_name_of(file.path));
    const bool base = name == "compose.yaml" || name == "compose.yml" || name == "docker-compose.yml" || name == "docker-compose.yaml";
    ranked.emplace_back(base ? 0 : name.find("override") != std::string::npos ? 1 : 2, &file);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const FileFacts*> ordered;
  for (const auto& [rank, file] : ranked) ordered.push_back(file);
  return ordered;
}

bool runs_datastore_or_infrastructure(const ComposeService& service) {
  for (const auto& image : {service.image, service.built_from_image}) {
    if (engine_of_image(image) != Engine::unknown || is_infrastructure_image(image)) return true;
  }
  return false;
}

UnitDraft* unit_built_by(const ComposeService& service, std::vector<UnitDraft>& drafts) {
  // The Dockerfile's folder says more than the context: eShop-style repos build every
  // service with context "." and a per-service Dockerfile.
  std::vector<std::string> candidate_roots;
  if (!service.dockerfile.empty()) candidate_roots.push_back(directory_of(service.dockerfile));
  candidate_roots.push_back(service.build_context);
  for (const auto& root : candidate_roots) {
    for (auto& draft : drafts) {
      if (draft.unit.has_source && draft.unit.root == root) return &draft;
    }
  }
  return nullptr;
}

UnitDraft* unit_named_like(const ComposeService& service, std::vector<UnitDraft>& drafts) {
  for (auto& draft : drafts) {
    if (names_match(draft.unit.name, service.name) || (!draft.unit.root.empty() && names_match(file_name_of(draft.unit.root), service.name))) {
      return &draft;
    }
  }
  // `backend: image: registry:5000/service-content` runs the program built as service-content.
  const std::string image = service.image.find("${") == std::string::npos ? image_name(image_repository(service.image)) : std::string();
  for (auto& draft : drafts) {
    if (!image.empty() && draft.unit.has_source && draft.unit.build_system != "compose" && names_match(draft.unit.name, image)) return &draft;
  }
  return nullptr;
}

// Binds compose services to units (by build context, then by name); unknown programs with a
// build context or an image become units of their own. A service with neither (a partial
// definition in an override file) is only bound, never created.
void bind_compose_services(const std::vector<FileFacts>& files, std::vector<UnitDraft>& drafts,
                           std::map<std::string, std::vector<ComposeServiceRef>>& bindings) {
  // A service that any file of its project runs as a database (a dev file building FROM
  // mongo, say) is a database in every file.
  std::set<std::pair<std::string, std::string>> datastores;  // (project dir, service)
  for (const FileFacts* file : compose_files_in_merge_order(files)) {
    for (const auto& service : file->compose->services) {
      if (runs_datastore_or_infrastructure(service)) datastores.insert({file->compose->project_dir, service.name});
    }
  }
  std::set<std::pair<std::string, std::string>> bound_names;  // (project dir, service)
  for (const FileFacts* file : compose_files_in_merge_order(files)) {
    for (const auto& service : file->compose->services) {
      if (datastores.contains({file->compose->project_dir, service.name})) continue;
      const ComposeServiceRef ref{file->path, service.name};
      const bool has_build = !service.build_context.empty() || !service.dockerfile.empty();
      UnitDraft* bound = has_build ? unit_built_by(service, drafts) : nullptr;
      if (!bound) bound = unit_named_like(service, drafts);
      if (!bound && bound_names.contains({file->compose->project_dir, service.name})) continue;  // already known from the base file
      if (!bound && !has_build && service.image.empty()) continue;
      if (!bound) {
        UnitDraft draft;
        draft.unit.name = service.name;
        const std::string dockerfile_dir = directory_of(service.dockerfile);
        draft.unit.root = !dockerfile_dir.empty() && path_is_under(dockerfile_dir, service.build_context) ? dockerfile_dir
                          : has_build                                                                   ? service.build_context
                                                                                                        : file->compose->project_dir;
        draft.unit.has_source = has_build;
        draft.unit.build_system = "compose";
        draft.unit.location = service.location;
        draft.deployable = true;
        add_unique_name(drafts, std::move(draft));
        bound = &drafts.back();
      }
      bound->deployable = true;
      bound_names.insert({file->compose->project_dir, service.name});
      auto& refs = bindings[bound->unit.name];
      if (std::find(refs.begin(), refs.end(), ref) == refs.end()) refs.push_back(ref);
    }
  }
}

// Kubernetes workloads bind to units by name (workload or image); a workload of a program we
// have no source for becomes a unit of its own. Databases, proxies and infrastructure do not.
void bind_kubernetes_workloads(const std::vector<FileFacts>& files, std::vector<UnitDraft>& drafts,
                               std::map<std::string, std::vector<KubernetesWorkloadRef>>& bindings) {
  const std::set<std::string> overlays = kustomize_overlay_dirs(files);
  for (const auto& file : files) {
    if (!file.kubernetes || overlays.contains(directory_of(file.path))) continue;
    for (const auto& workload : file.kubernetes->workloads) {
      const bool datastore_or_infrastructure = std::any_of(workload.containers.begin(), workload.containers.end(), [](const KubernetesContainer& container) {
        return engine_of_image(container.image) != Engine::unknown || is_infrastructure_image(container.image);
      });
      if (datastore_or_infrastructure || workload.containers.empty()) continue;
      ComposeService as_service;  // reuse the compose name matching
      as_service.name = workload.name;
      UnitDraft* bound = unit_named_like(as_service, drafts);
      for (const auto& container : workload.containers) {
        if (bound) break;
        as_service.name = image_name(image_repository(container.image));
        bound = unit_named_like(as_service, drafts);
      }
      if (!bound) {
        UnitDraft draft;
        draft.unit.name = workload.name;
        draft.unit.root = directory_of(file.path);
        draft.unit.has_source = false;
        draft.unit.build_system = "kubernetes";
        draft.unit.location = workload.location;
        draft.deployable = true;
        add_unique_name(drafts, std::move(draft));
        bound = &drafts.back();
      }
      bound->deployable = true;
      const KubernetesWorkloadRef ref{file.path, workload.name, namespace_of(workload.name_space)};
      auto& refs = bindings[bound->unit.name];
      if (std::find(refs.begin(), refs.end(), ref) == refs.end()) refs.push_back(ref);
    }
  }
}

void resolve_dependencies(std::vector<UnitDraft>& drafts) {
  // A dependency names a unit of the same build system: an npm package called "mongodb" is
  // the driver, not the compose container of that name.
  std::map<std::pair<std::string, std::string>, std::string> unit_by_alias;
  for (const auto& draft : drafts) {
    unit_by_alias.emplace(std::make_pair(draft.unit.build_system, draft.unit.name), draft.unit.name);
    for (const auto& alias : draft.aliases) unit_by_alias.emplace(std::make_pair(draft.unit.build_system, alias), draft.unit.name);
  }
  for (auto& draft : drafts) {
    for (const auto& dependency : draft.raw_dependencies) {
      auto found = unit_by_alias.find({draft.unit.build_system, dependency.name});
      if (found == unit_by_alias.end() || found->second == draft.unit.name) continue;
      if (!draft.unit.dependency_locations.contains(found->second)) {
        draft.unit.dependencies.push_back(found->second);
        draft.unit.dependency_locations[found->second] = dependency.location;
      }
    }
    std::sort(draft.unit.dependencies.begin(), draft.unit.dependencies.end());
  }
}

// The header a quoted #include names: next to the including file first, else the one file of
// that name whose path ends with the written path (as an -I folder would find it).
std::string included_header(const std::string& includer, const std::string& written, const std::vector<std::string_view>& paths,
                            const std::unordered_map<std::string_view, std::vector<std::string_view>>& paths_by_name) {
  const std::string dir = directory_of(includer);
  const std::string beside = std::filesystem::path(dir.empty() ? written : dir + "/" + written).lexically_normal().generic_string();
  if (std::binary_search(paths.begin(), paths.end(), std::string_view(beside))) return beside;
  const auto named = paths_by_name.find(file_name_of(written));
  if (named == paths_by_name.end()) return "";
  std::string found;
  for (const std::string_view path : named->second) {
    if (path != written && !path.ends_with("/" + written)) continue;
    if (!found.empty()) return "";  // ambiguous: two headers of that path
    found = path;
  }
  return found;
}

// Headers outside every unit that two or more units include are a header-only library: its
// folder (cut before an include/ or inc/ segment) becomes a unit the includers depend on.
void add_shared_header_units(const std::vector<FileFacts>& files, std::vector<UnitDraft>& drafts) {
  if (std::none_of(files.begin(), files.end(), [](const FileFacts& file) { return !file.includes.empty(); })) return;
  // Views into `files`: the editor runs this on every edit, over every file of the tree.
  std::vector<std::string_view> paths;  // sorted
  std::unordered_map<std::string_view, std::vector<std::string_view>> paths_by_name;
  paths.reserve(files.size());
  for (const auto& file : files) {
    const std::string_view path = file.path;
    paths.push_back(path);
    const auto slash = path.rfind('/');
    paths_by_name[slash == std::string_view::npos ? path : path.substr(slash + 1)].push_back(path);
  }
  if (!std::is_sorted(paths.begin(), paths.end())) std::sort(paths.begin(), paths.end());
  const auto owner_of = [&](const std::string& path) -> std::string {
    const UnitDraft* owner = nullptr;
    for (const auto& draft : drafts) {
      if (!draft.unit.has_source || !path_is_under(path, draft.unit.root)) continue;
      if (!owner || draft.unit.root.size() > owner->unit.root.size()) owner = &draft;
    }
    return owner ? owner->unit.name : std::string();
  };
  std::map<std::string, std::map<std::string, SourceLocation>> includers;  // library folder -> unit -> first include
  for (const auto& file : files) {
    if (file.includes.empty()) continue;
    const std::string includer = owner_of(file.path);
    if (includer.empty()) continue;
    for (const auto& include : file.includes) {
      const std::string header = included_header(file.path, include.path, paths, paths_by_name);
      if (header.empty() || !owner_of(header).empty()) continue;
      std::string root = directory_of(header);
      for (const std::string segment : {"include", "inc"}) {
        if (root == segment || root.ends_with("/" + segment)) root = directory_of(root);
        if (const auto inner = root.find("/" + segment + "/"); inner != std::string::npos) root = root.substr(0, inner);
      }
      if (!root.empty()) includers[root].emplace(includer, include.location);
    }
  }
  for (const auto& [root, users] : includers) {
    if (users.size() < 2) continue;
    UnitDraft draft;
    draft.unit.name = file_name_of(root);
    draft.unit.root = root;
    draft.unit.kind = UnitKind::library;
    draft.unit.language = "cpp";
    draft.unit.build_system = "cpp-headers";
    draft.unit.location = users.begin()->second;
    add_unique_name(drafts, std::move(draft));
    const std::string name = drafts.back().unit.name;
    for (auto& user : drafts) {
      const auto location = users.find(user.unit.name);
      if (location == users.end() || user.unit.dependency_locations.contains(name)) continue;
      user.unit.dependencies.push_back(name);
      user.unit.dependency_locations[name] = location->second;
      std::sort(user.unit.dependencies.begin(), user.unit.dependencies.end());
    }
  }
}

// Modules for tests, contracts and docs that nothing runs: words in their names, sorted.
constexpr std::array<std::string_view, 10> kSupportModuleWords = {"benchmark", "benchmarks", "contracts", "docs", "e2e", "it",
                                                                  "test", "testing", "tests", "testutil"};

bool is_support_module(std::string_view name) {
  std::string word;
  std::vector<std::string> words;
  for (char c : to_lower(name)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      word += c;
    } else {
      if (!word.empty()) words.push_back(word);
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(word);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string joined = i + 1 < words.size() ? words[i] + words[i + 1] : words[i];
    for (const auto support : kSupportModuleWords) {
      if (words[i] == support || joined == support) return true;
    }
  }
  return false;
}

// A unit that two or more services depend on is a library; so is one that a single service
// depends on and that shows no sign of running on its own.
void classify(std::vector<UnitDraft>& drafts, bool overridden) {
  std::map<std::string, std::set<std::string>> dependents;
  for (const auto& draft : drafts) {
    for (const auto& dependency : draft.unit.dependencies) dependents[dependency].insert(draft.unit.name);
  }
  if (!overridden) {
    std::erase_if(drafts, [&](const UnitDraft& draft) { return !draft.deployable && dependents[draft.unit.name].empty() && is_support_module(draft.unit.name); });
    for (auto& draft : drafts) {
      const std::size_t count = dependents[draft.unit.name].size();
      if (count >= 2 || (count == 1 && !draft.deployable)) draft.unit.kind = UnitKind::library;
      if (count == 0 && draft.deployable) draft.unit.kind = UnitKind::service;
    }
  }
  // used_by: the services reaching the library through any chain of dependencies.
  std::map<std::string, const UnitDraft*> by_name;
  for (const auto& draft : drafts) by_name[draft.unit.name] = &draft;
  std::map<std::string, std::set<std::string>> users;
  for (const auto& draft : drafts) {
    if (draft.unit.kind != UnitKind::service) continue;
    std::vector<std::string> pending = draft.unit.dependencies;
    std::set<std::string> seen;
    while (!pending.empty()) {
      const std::string next = pending.back();
      pending.pop_back();
      if (!seen.insert(next).second) continue;
      users[next].insert(draft.unit.name);
      if (auto found = by_name.find(next); found != by_name.end()) {
        for (const auto& deeper : found->second->unit.dependencies) pending.push_back(deeper);
      }
    }
  }
  for (auto& draft : drafts) {
    if (draft.unit.kind != UnitKind::library) continue;
    const auto& found = users[draft.unit.name];
    draft.unit.used_by.assign(found.begin(), found.end());
  }
}

// The deployment scope of a unit: the compose project that runs it, else the deepest folder
// with a compose file or dbsilo.yaml around it, else the outermost aggregator manifest's
// folder around it, else the root. Two applications side by side get different scopes.
void assign_scopes(const std::vector<FileFacts>& files, std::vector<UnitDraft>& drafts,
                   const std::map<std::string, std::vector<ComposeServiceRef>>& bindings,
                   const std::map<std::string, std::vector<KubernetesWorkloadRef>>& workloads) {
  std::set<std::string> application_dirs;
  std::set<std::string> aggregator_dirs;
  for (const auto& file : files) {
    if (is_test_path(file.path)) continue;
    if (file.compose || file.kind == FileKind::project_config) application_dirs.insert(directory_of(file.path));
    for (const auto& fact : file.build_units) {
      if (fact.kind == BuildUnitKind::aggregator) aggregator_dirs.insert(fact.root);
    }
  }
  for (auto& draft : drafts) {
    std::string scope;
    bool found = false;
    if (auto binding = bindings.find(draft.unit.name); binding != bindings.end() && !binding->second.empty()) {
      scope = directory_of(binding->second.front().file);
      found = true;
    } else if (auto running = workloads.find(draft.unit.name); running != workloads.end() && !running->second.empty()) {
      // Deployed only on Kubernetes: its host names resolve in its namespace.
      draft.unit.scope = std::string(kKubernetesScopePrefix) + running->second.front().name_space;
      continue;
    }
    if (!found) {
      for (const auto& dir : application_dirs) {
        if (path_is_under(draft.unit.root, dir) && (!found || dir.size() > scope.size())) {
          scope = dir;
          found = true;
        }
      }
    }
    if (!found) {
      for (const auto& dir : aggregator_dirs) {
        if (path_is_under(draft.unit.root, dir) && (!found || dir.size() < scope.size())) {
          scope = dir;
          found = true;
        }
      }
    }
    draft.unit.scope = scope.empty() ? "." : scope;
  }
}

}  // namespace

std::set<std::string> kustomize_overlay_dirs(const std::vector<FileFacts>& files) {
  std::set<std::string> overlays;
  for (const auto& file : files) {
    if (!file.kubernetes || !file.kubernetes->kustomization) continue;
    const std::string dir = directory_of(file.path);
    // A Component is optional by design: like an overlay, it applies only under its profile.
    if (file.kubernetes->kustomization->component) overlays.insert(dir);
    for (const auto& resource : file.kubernetes->kustomization->resources) {
      if (!path_is_under(resource, dir)) overlays.insert(dir);
    }
  }
  return overlays;
}

std::string namespace_of(const std::string& declared) { return declared.empty() ? std::string("default") : declared; }

bool path_is_under(std::string_view path, std::string_view directory) {
  if (directory.empty()) return true;
  return path == directory || (path.size() > directory.size() && path.starts_with(directory) && path[directory.size()] == '/');
}

std::string owning_unit(const std::vector<Unit>& units, std::string_view path) {
  const Unit* owner = nullptr;
  for (const auto& unit : units) {
    if (!unit.has_source || !path_is_under(path, unit.root)) continue;
    if (!owner || unit.root.size() > owner->root.size()) owner = &unit;
  }
  return owner ? owner->name : std::string();
}


Engine engine_of_image(std::string_view image) {
  const std::string repository = image_repository(image);
  if (repository.empty() || repository.find("${") != std::string::npos) return Engine::unknown;
  const auto found = std::lower_bound(kDatastoreImages.begin(), kDatastoreImages.end(), repository,
                                      [](const ImageEngine& entry, const std::string& key) { return entry.repository < key; });
  if (found != kDatastoreImages.end() && found->repository == repository) return found->engine;
  // Project images built on a database ("eventuate-mysql8", "piggymetrics-mongodb") say so in their name.
  const std::string name = image_name(repository);
  for (const auto& [keyword, engine] : kDatastoreImageKeywords) {
    if (name.find(keyword) != std::string::npos) return engine;
  }
  return Engine::unknown;
}

// Words in a proxy image's name and the proxy they run, sorted by word.
constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kProxyImageKeywords = {{
    {"mcrouter", "mcrouter"},
    {"nutcracker", "twemproxy"},
    {"odyssey", "odyssey"},
    {"pgbouncer", "pgbouncer"},
    {"pgpool", "pgpool"},
    {"proxysql", "proxysql"},
    {"twemproxy", "twemproxy"},
}};

std::string proxy_kind_of_image(std::string_view image) {
  const std::string repository = image_repository(image);
  if (repository.empty() || repository.find("${") != std::string::npos) return {};
  const std::string name = image_name(repository);
  for (const auto& [keyword, kind] : kProxyImageKeywords) {
    if (name.find(keyword) != std::string::npos) return std::string(kind);
  }
  return {};
}

bool is_infrastructure_image(std::string_view image) {
  const std::string repository = image_repository(image);
  if (repository.empty() || repository.find("${") != std::string::npos) return false;
  if (std::find(kInfrastructureImages.begin(), kInfrastructureImages.end(), repository) != kInfrastructureImages.end()) return true;
  const std::string name = image_name(repository);
  return std::any_of(kInfrastructureImageKeywords.begin(), kInfrastructureImageKeywords.end(),
                     [&](std::string_view keyword) { return name.find(keyword) != std::string::npos; });
}

DiscoveredUnits discover_units(const std::vector<FileFacts>& files) {
  DiscoveredUnits discovered;
  bool overridden = false;
  std::vector<UnitDraft> drafts = drafts_from_overrides(files, overridden);
  if (!overridden) {
    drafts = drafts_from_manifests(files);
    add_spring_layout_units(files, drafts);
  }
  bind_compose_services(files, drafts, discovered.compose_services);
  bind_kubernetes_workloads(files, drafts, discovered.kubernetes_workloads);
  resolve_dependencies(drafts);
  if (!overridden) add_shared_header_units(files, drafts);
  classify(drafts, overridden);
  assign_scopes(files, drafts, discovered.compose_services, discovered.kubernetes_workloads);
  for (auto& draft : drafts) discovered.units.push_back(std::move(draft.unit));
  std::sort(discovered.units.begin(), discovered.units.end(), [](const Unit& a, const Unit& b) { return a.name < b.name; });
  for (auto& [unit, refs] : discovered.compose_services) std::sort(refs.begin(), refs.end());
  return discovered;
}

std::vector<std::string> transitive_dependencies(const Unit& unit, const std::vector<Unit>& units) {
  std::vector<std::string> result;
  std::vector<std::string> pending(unit.dependencies.rbegin(), unit.dependencies.rend());
  std::set<std::string> seen;
  while (!pending.empty()) {
    const std::string next = pending.back();
    pending.pop_back();
    if (!seen.insert(next).second) continue;
    result.push_back(next);
    for (const auto& candidate : units) {
      if (candidate.name == next) pending.insert(pending.end(), candidate.dependencies.rbegin(), candidate.dependencies.rend());
    }
  }
  std::sort(result.begin(), result.end());
  return result;
}

}  // namespace dbsilo
