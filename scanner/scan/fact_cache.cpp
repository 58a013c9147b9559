// Fact serialization, the content-addressed fact cache and its integrity checks.
#include "scanner/scan/fact_cache.h"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <stdexcept>
#include <sstream>
#include <thread>

#include "dbsilo/text.h"
#include "languages/cpp/cpp_extractor.h"
#include "scanner/scan/scan.h"

#ifndef DBSILO_VERSION
#define DBSILO_VERSION "dev"
#endif

namespace nlohmann {
// nlohmann_json 3.11 has no std::optional support: null stands for "absent".
template <typename T>
struct adl_serializer<std::optional<T>> {
  static void to_json(json& out, const std::optional<T>& value) {
    if (value) {
      out = *value;
    } else {
      out = nullptr;
    }
  }
  static void from_json(const json& in, std::optional<T>& value) {
    if (in.is_null()) {
      value.reset();
    } else {
      value = in.get<T>();
    }
  }
};
}  // namespace nlohmann

namespace dbsilo {

// Strict: NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE throws on a missing key, so an entry written by a
// different layout never loads half-filled. Enums travel as their numbers (the schema version
// guards their order).
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SourceLocation, path, line, column)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Warning, location, message)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Endpoint, host, port)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ConnectionTarget, engine, endpoints, database, schema, user, password_digest, in_process, dns_seed_list)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ConfigEntry, key, value, location, secret, secret_digest)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ConfigDocument, activation, entries)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ConfigFileFacts, documents)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(BuildDependency, name, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(BuildUnitFact, name, aliases, root, build_system, kind, deployable, dependencies, modules, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ComposeEnvironmentEntry, name, value, secret, secret_digest, has_value, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ComposePort, host_ip, host_port, container_port, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ComposeService, name, image, build_context, dockerfile, container_name, hostname, profiles, networks,
                                   network_mode, network_mode_location, network_aliases, environment, env_files, ports, depends_on, links,
                                   link_aliases, built_from_image, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ComposeFileFacts, project_dir, project_name, services, networks, network_names)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(KubernetesEnvVar, name, value, secret, secret_digest, from_kind, from_name, from_key, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(KubernetesContainer, name, image, env, env_from, ports, host_ports, args)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(KubernetesWorkload, kind, name, name_space, labels, host_network, host_network_location, containers, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(KubernetesService, name, name_space, type, external_name, selector, ports, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(KubernetesConfigMap, name, name_space, data, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(KubernetesSecret, name, name_space, keys, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(NetworkPolicyPeer, has_pod_selector, pod_selector, has_namespace_selector, namespace_selector, ip_block)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(NetworkPolicyIngressRule, from, ports)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(KubernetesNetworkPolicy, name, name_space, pod_selector, restricts_ingress, ingress, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(KustomizationFacts, resources, patches, name_space, name_prefix, name_suffix, component, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(KubernetesFileFacts, workloads, services, config_maps, secrets, network_policies, kustomization)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ProxyBackend, database, host, port, server_database, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ProxyFacts, kind, listen_port, backends, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(EntityMappingFact, class_name, qualified_name, entity_name, store_kind, name, schema, secondary_tables, columns,
                                   origin, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(RepositoryFact, interface_name, entity_class, store_kind, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(QueryTextFact, text, language, api, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(StoreAccessFact, store_kind, name, entity_class, database, operation, api, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(EventFact, role, broker, channel, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(GlobalStateFact, name, type, kind, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(TableDefinitionFact, name, schema, columns, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ForeignKeyFact, table, referenced_table, referenced_schema, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ConnectionFact, api, engine, source, target, config_key, environment_variable, helper_function, helper_parameter,
                                   location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(LiteralCallFact, callee, argument, literal, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(IncludeFact, path, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SuppressionFact, rules, reason, path, first_line, last_line, fingerprint, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(UnitOverride, name, paths, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ProjectConfigFacts, services, libraries, ownership, ignore, rule_levels, suppressions)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(FileFacts, path, kind, config, build_units, compose, project_config, dockerfile_base_image, suppressions,
                                   kubernetes, proxies, entities, repositories, queries, store_accesses, events, global_state,
                                   table_definitions, foreign_keys, connections, literal_calls, includes, warnings)

// A field added to a fact struct but not to the lists above would silently vanish from cached
// facts. The sizes of the mapped structs are pinned on the one ABI CI builds (x86-64 libstdc++):
// when this fires, serialize the new field above and bump kFactSchemaVersion, then update the size.
#if defined(__x86_64__) && defined(__GLIBCXX__) && !defined(_GLIBCXX_DEBUG)
static_assert(sizeof(SourceLocation) == 40);
static_assert(sizeof(Warning) == 72);
static_assert(sizeof(Endpoint) == 40);
static_assert(sizeof(ConnectionTarget) == 152);
static_assert(sizeof(ConfigEntry) == 120);
static_assert(sizeof(ConfigDocument) == 56);
static_assert(sizeof(ConfigFileFacts) == 24);
static_assert(sizeof(BuildDependency) == 72);
static_assert(sizeof(BuildUnitFact) == 216);
static_assert(sizeof(ComposeEnvironmentEntry) == 128);
static_assert(sizeof(ComposePort) == 112);
static_assert(sizeof(ComposeService) == 552);
static_assert(sizeof(ComposeFileFacts) == 160);
static_assert(sizeof(KubernetesEnvVar) == 216);
static_assert(sizeof(KubernetesContainer) == 184);
static_assert(sizeof(KubernetesWorkload) == 256);
static_assert(sizeof(KubernetesService) == 240);
static_assert(sizeof(KubernetesConfigMap) == 128);
static_assert(sizeof(KubernetesSecret) == 128);
static_assert(sizeof(NetworkPolicyPeer) == 144);
static_assert(sizeof(NetworkPolicyIngressRule) == 48);
static_assert(sizeof(KubernetesNetworkPolicy) == 184);
static_assert(sizeof(KustomizationFacts) == 192);
static_assert(sizeof(KubernetesFileFacts) == 320);
static_assert(sizeof(ProxyBackend) == 144);
static_assert(sizeof(ProxyFacts) == 104);
static_assert(sizeof(EntityMappingFact) == 312);
static_assert(sizeof(RepositoryFact) == 136);
static_assert(sizeof(QueryTextFact) == 136);
static_assert(sizeof(StoreAccessFact) == 232);
static_assert(sizeof(EventFact) == 136);
static_assert(sizeof(GlobalStateFact) == 136);
static_assert(sizeof(TableDefinitionFact) == 128);
static_assert(sizeof(ForeignKeyFact) == 136);
static_assert(sizeof(ConnectionFact) == 368);
static_assert(sizeof(LiteralCallFact) == 112);
static_assert(sizeof(IncludeFact) == 72);
static_assert(sizeof(SuppressionFact) == 168);
static_assert(sizeof(UnitOverride) == 96);
static_assert(sizeof(ProjectConfigFacts) == 192);
static_assert(sizeof(FileFacts) == 1160);
#endif

nlohmann::json facts_to_json(const FileFacts& facts) { return facts; }
FileFacts facts_from_json(const nlohmann::json& json) { return json.get<FileFacts>(); }
nlohmann::json warning_to_json(const Warning& warning) { return warning; }
Warning warning_from_json(const nlohmann::json& json) { return json.get<Warning>(); }

namespace {

// A second 64-bit hash next to FNV-1a, over 8-byte words with a strong finaliser: the pair makes
// a 128-bit key, so two different inputs sharing an entry is not a practical concern.
std::uint64_t mix64(std::uint64_t value) {
  value ^= value >> 30;
  value *= 0xbf58476d1ce4e5b9ULL;
  value ^= value >> 27;
  value *= 0x94d049bb133111ebULL;
  value ^= value >> 31;
  return value;
}

std::uint64_t word_hash(std::string_view bytes, std::uint64_t seed) {
  std::uint64_t hash = mix64(seed ^ bytes.size());
  std::size_t at = 0;
  for (; at + 8 <= bytes.size(); at += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes.data() + at, 8);
    hash = mix64(hash ^ word) + 0x9e3779b97f4a7c15ULL;
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, bytes.data() + at, bytes.size() - at);
  return mix64(hash ^ tail ^ (bytes.size() - at));
}

std::string hex64(std::uint64_t value) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
  return text;
}

// The running dbsilo build: a rebuilt binary (an extractor changed, the version did not) must not
// read facts an older build wrote. Size and modification time of the executable tell builds apart
// without reading it.
const std::string& build_identity() {
  static const std::string identity = [] {
    std::string text = std::string(DBSILO_VERSION) + "/schema" + std::to_string(kFactSchemaVersion);
    struct stat info {};
    if (::stat("/proc/self/exe", &info) == 0) {
      text += "/" + std::to_string(info.st_size) + "/" + std::to_string(info.st_mtim.tv_sec) + "." + std::to_string(info.st_mtim.tv_nsec);
    }
    return text;
  }();
  return identity;
}

constexpr std::string_view kMagic = "dbsilo-facts";

}  // namespace

std::filesystem::path default_cache_dir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "dbsilo";
  if (const char* home = std::getenv("HOME"); home && *home) return std::filesystem::path(home) / ".cache" / "dbsilo";
  return {};
}

FactCache::FactCache(std::filesystem::path dir) : dir_(std::move(dir)) {}

std::string FactCache::key(const std::string& relative_path, FileKind kind, std::string_view bytes, const CompileFlags* flags, bool java_prefilter) {
  // Fields separated by a byte no path or flag holds, so ("a", "bc") and ("ab", "c") differ.
  std::string context = build_identity();
  context += '\x1f' + relative_path + '\x1f' + std::to_string(static_cast<int>(kind)) + '\x1f' + (java_prefilter ? "p" : "-");
  if (flags) {
    context += '\x1f' + flags->file;
    for (const auto& argument : flags->arguments) context += '\x1f' + argument;
  }
  const std::uint64_t context_hash = fnv1a64(context);
  const std::uint64_t first = fnv1a64(bytes, context_hash);
  const std::uint64_t second = word_hash(bytes, mix64(context_hash ^ 0x5bd1e995ULL));
  return hex64(first) + hex64(second);
}

std::filesystem::path FactCache::entry_path(const std::string& key) const {
  return dir_ / ("v" + std::to_string(kFactSchemaVersion)) / key.substr(0, 2) / (key + ".json");
}

std::optional<FileFacts> FactCache::load(const std::string& key, const std::string& relative_path) const {
  std::ifstream in(entry_path(key), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  // Header: "dbsilo-facts <key> <checksum> <payload bytes>\n", then the payload.
  const auto newline = text.find('\n');
  if (newline == std::string::npos) return std::nullopt;
  std::istringstream header(text.substr(0, newline));
  std::string magic, stored_key, checksum;
  std::size_t size = 0;
  if (!(header >> magic >> stored_key >> checksum >> size) || magic != kMagic || stored_key != key) return std::nullopt;
  const std::string_view payload = std::string_view(text).substr(newline + 1);
  if (payload.size() != size || checksum != hex64(fnv1a64(payload)) + hex64(word_hash(payload, 0))) return std::nullopt;
  try {
    FileFacts facts = facts_from_json(nlohmann::json::parse(payload));
    if (facts.path != relative_path) return std::nullopt;
    return facts;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

void FactCache::store(const std::string& key, const FileFacts& facts) const {
  const std::filesystem::path target = entry_path(key);
  std::error_code error;
  std::filesystem::create_directories(target.parent_path(), error);
  if (error) return;
  // Facts holding bytes that are not UTF-8 (a Latin-1 config) cannot be stored as JSON without
  // changing them, and a cached fact must equal an extracted one: such a file is not cached.
  std::string payload;
  try {
    payload = facts_to_json(facts).dump();
  } catch (const nlohmann::json::type_error&) {
    return;
  }
  const std::string header = std::string(kMagic) + " " + key + " " + hex64(fnv1a64(payload)) + hex64(word_hash(payload, 0)) + " " +
                             std::to_string(payload.size()) + "\n";
  // Unique per process and thread: two runs storing the same entry each rename a whole file.
  static std::atomic<unsigned> counter{0};
  const std::filesystem::path temporary =
      target.parent_path() / ("." + key + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter.fetch_add(1)));
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return;
    out << header << payload;
    out.flush();
    if (!out) {
      out.close();
      std::filesystem::remove(temporary, error);
      return;
    }
  }
  std::filesystem::rename(temporary, target, error);
  if (error) std::filesystem::remove(temporary, error);
}

nlohmann::json shard_to_json(const CollectedFacts& collected, unsigned shard_index, unsigned shard_count) {
  nlohmann::json out;
  out["format"] = "dbsilo-facts";
  out["version"] = DBSILO_VERSION;
  out["schema"] = kFactSchemaVersion;
  out["shard"] = shard_index;
  out["shards"] = shard_count;
  out["files"] = nlohmann::json::array();
  for (const auto& file : collected.files) out["files"].push_back(facts_to_json(file));
  out["warnings"] = nlohmann::json::array();
  for (const auto& warning : collected.warnings) out["warnings"].push_back(warning_to_json(warning));
  return out;
}

CollectedFacts merge_shards(const std::vector<std::filesystem::path>& shard_files) {
  if (shard_files.empty()) throw std::runtime_error("--facts: no shard files given");
  CollectedFacts merged;
  std::map<std::string, FileFacts> by_path;  // a file two shards read (an env_file) is kept once
  std::map<unsigned, std::string> seen;      // shard -> file, to name duplicates
  unsigned shard_count = 0;
  for (const auto& path : shard_files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read facts file " + path.string());
    nlohmann::json shard;
    try {
      shard = nlohmann::json::parse(in);
      if (shard.at("format") != "dbsilo-facts") throw std::runtime_error("not a dbsilo facts file");
      if (shard.at("version") != DBSILO_VERSION || shard.at("schema") != kFactSchemaVersion) {
        throw std::runtime_error("written by dbsilo " + shard.at("version").dump() + " (schema " + shard.at("schema").dump() + "), this is dbsilo " +
                                 DBSILO_VERSION + " (schema " + std::to_string(kFactSchemaVersion) + ")");
      }
      const unsigned count = shard.at("shards").get<unsigned>();
      const unsigned index = shard.at("shard").get<unsigned>();
      if (shard_count != 0 && count != shard_count) throw std::runtime_error("is one of " + std::to_string(count) + " shards, another file of " + std::to_string(shard_count));
      shard_count = count;
      if (index < 1 || index > count) throw std::runtime_error("bad shard number");
      if (const auto [at, inserted] = seen.emplace(index, path.string()); !inserted) {
        throw std::runtime_error("repeats shard " + std::to_string(index) + " of " + at->second);
      }
      for (const auto& file : shard.at("files")) {
        FileFacts facts = facts_from_json(file);
        by_path.try_emplace(facts.path, std::move(facts));
      }
      for (const auto& warning : shard.at("warnings")) merged.warnings.push_back(warning_from_json(warning));
    } catch (const std::exception& error) {
      throw std::runtime_error("facts file " + path.string() + ": " + error.what());
    }
  }
  for (unsigned index = 1; index <= shard_count; ++index) {
    if (!seen.contains(index)) throw std::runtime_error("--facts: shard " + std::to_string(index) + "/" + std::to_string(shard_count) + " is missing");
  }
  for (auto& [path, facts] : by_path) merged.files.push_back(std::move(facts));
  return merged;
}

}  // namespace dbsilo
