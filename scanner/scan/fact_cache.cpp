// Fact serialization, the content-addressed fact cache and its integrity checks.
#include "scanner/scan/fact_cache.h"

#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>
#include <sstream>
#include <thread>

#include "dbsilo/text.h"
#include "scanner/scan/binary_archive.h"
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

// One field list per struct gives both encodings: JSON for shard files (strict:
// NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE throws on a missing key, so a file written by a different
// layout never loads half-filled) and the binary one of the fact cache (binary_archive.h). Enums
// travel as their numbers (the schema version guards their order).
#define DBSILO_VISIT_FIELD(name) archive.field(value.name);
#define DBSILO_FACT_FIELDS(Type, ...)                                                 \
  NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Type, __VA_ARGS__)                               \
  template <typename Archive>                                                         \
  [[maybe_unused]] void visit_fields(Archive& archive, const Type& value) {            \
    NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(DBSILO_VISIT_FIELD, __VA_ARGS__))        \
  }                                                                                   \
  template <typename Archive>                                                         \
  [[maybe_unused]] void visit_fields(Archive& archive, Type& value) {                 \
    NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(DBSILO_VISIT_FIELD, __VA_ARGS__))        \
  }
DBSILO_FACT_FIELDS(SourceLocation, path, line, column)
DBSILO_FACT_FIELDS(Warning, location, message)
DBSILO_FACT_FIELDS(Endpoint, host, port)
DBSILO_FACT_FIELDS(ConnectionTarget, engine, endpoints, database, schema, user, password_digest, in_process, dns_seed_list)
DBSILO_FACT_FIELDS(ConfigEntry, key, value, location, secret, secret_digest)
DBSILO_FACT_FIELDS(ConfigDocument, activation, entries)
DBSILO_FACT_FIELDS(ConfigFileFacts, documents)
DBSILO_FACT_FIELDS(BuildDependency, name, location)
DBSILO_FACT_FIELDS(BuildUnitFact, name, aliases, root, build_system, kind, deployable, dependencies, modules, location)
DBSILO_FACT_FIELDS(ComposeEnvironmentEntry, name, value, secret, secret_digest, has_value, location)
DBSILO_FACT_FIELDS(ComposePort, host_ip, host_port, container_port, location)
DBSILO_FACT_FIELDS(ComposeService, name, image, build_context, dockerfile, container_name, hostname, profiles, networks,
                                   network_mode, network_mode_location, network_aliases, environment, env_files, ports, depends_on, links,
                                   link_aliases, built_from_image, location)
DBSILO_FACT_FIELDS(ComposeFileFacts, project_dir, project_name, services, networks, network_names)
DBSILO_FACT_FIELDS(KubernetesEnvVar, name, value, secret, secret_digest, from_kind, from_name, from_key, location)
DBSILO_FACT_FIELDS(KubernetesContainer, name, image, env, env_from, ports, host_ports, args)
DBSILO_FACT_FIELDS(KubernetesWorkload, kind, name, name_space, labels, host_network, host_network_location, containers, location)
DBSILO_FACT_FIELDS(KubernetesService, name, name_space, type, external_name, selector, ports, location)
DBSILO_FACT_FIELDS(KubernetesConfigMap, name, name_space, data, location)
DBSILO_FACT_FIELDS(KubernetesSecret, name, name_space, keys, location)
DBSILO_FACT_FIELDS(NetworkPolicyPeer, has_pod_selector, pod_selector, has_namespace_selector, namespace_selector, ip_block)
DBSILO_FACT_FIELDS(NetworkPolicyIngressRule, from, ports)
DBSILO_FACT_FIELDS(KubernetesNetworkPolicy, name, name_space, pod_selector, restricts_ingress, ingress, location)
DBSILO_FACT_FIELDS(KustomizationFacts, resources, patches, name_space, name_prefix, name_suffix, component, location)
DBSILO_FACT_FIELDS(KubernetesFileFacts, workloads, services, config_maps, secrets, network_policies, kustomization)
DBSILO_FACT_FIELDS(ProxyBackend, database, host, port, server_database, location)
DBSILO_FACT_FIELDS(ProxyFacts, kind, listen_port, backends, location)
DBSILO_FACT_FIELDS(EntityMappingFact, class_name, qualified_name, entity_name, store_kind, name, schema, secondary_tables, columns,
                                   origin, location)
DBSILO_FACT_FIELDS(RepositoryFact, interface_name, entity_class, store_kind, location)
DBSILO_FACT_FIELDS(SqlTableFact, schema, name, write)
DBSILO_FACT_FIELDS(QueryTextFact, text, language, api, location, sql_tables)
DBSILO_FACT_FIELDS(StoreAccessFact, store_kind, name, entity_class, database, operation, api, location)
DBSILO_FACT_FIELDS(EventFact, role, broker, channel, location)
DBSILO_FACT_FIELDS(GlobalStateFact, name, type, kind, location)
DBSILO_FACT_FIELDS(TableDefinitionFact, name, schema, columns, location)
DBSILO_FACT_FIELDS(ForeignKeyFact, table, referenced_table, referenced_schema, location)
DBSILO_FACT_FIELDS(ConnectionFact, api, engine, source, target, config_key, environment_variable, helper_function, helper_parameter,
                                   location)
DBSILO_FACT_FIELDS(LiteralCallFact, callee, argument, literal, location)
DBSILO_FACT_FIELDS(IncludeFact, path, location)
DBSILO_FACT_FIELDS(SuppressionFact, rules, reason, path, first_line, last_line, fingerprint, location)
DBSILO_FACT_FIELDS(UnitOverride, name, paths, location)
DBSILO_FACT_FIELDS(ProjectConfigFacts, services, libraries, ownership, ignore, rule_levels, suppressions)
DBSILO_FACT_FIELDS(FileFacts, path, kind, config, build_units, compose, project_config, dockerfile_base_image, suppressions,
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
static_assert(sizeof(SqlTableFact) == 72);
static_assert(sizeof(QueryTextFact) == 168);
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

std::uint64_t mix64(std::uint64_t value) {
  value ^= value >> 30;
  value *= 0xbf58476d1ce4e5b9ULL;
  value ^= value >> 27;
  value *= 0x94d049bb133111ebULL;
  value ^= value >> 31;
  return value;
}

// A 128-bit hash of `bytes`: four independent lanes over 32-byte blocks (so the multiplies of one
// block overlap instead of waiting on each other: a few GB/s, where FNV-1a's byte loop managed
// one), each word through a strong finaliser, lanes folded crosswise into two halves. Content keys
// and pack checksums both use it: two different inputs sharing a key is not a practical concern.
std::pair<std::uint64_t, std::uint64_t> lane_hash(std::string_view bytes, std::uint64_t seed) {
  std::uint64_t lanes[4] = {mix64(seed ^ bytes.size()), mix64(seed + 0x9e3779b97f4a7c15ULL), mix64(seed ^ 0xc2b2ae3d27d4eb4fULL),
                            mix64(seed - 0x165667b19e3779f9ULL)};
  std::size_t at = 0;
  for (; at + 32 <= bytes.size(); at += 32) {
    for (int lane = 0; lane < 4; ++lane) {
      std::uint64_t word = 0;
      std::memcpy(&word, bytes.data() + at + 8 * lane, 8);
      lanes[lane] = mix64(lanes[lane] ^ word) + 0x9e3779b97f4a7c15ULL;
    }
  }
  for (int lane = 0; at < bytes.size(); ++lane, at += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes.data() + at, std::min<std::size_t>(8, bytes.size() - at));
    lanes[lane] = mix64(lanes[lane] ^ word ^ (bytes.size() - at));
  }
  return {mix64(lanes[0] ^ mix64(lanes[1] ^ mix64(lanes[2] ^ lanes[3]))), mix64(lanes[3] ^ mix64(lanes[2] + mix64(lanes[1] + lanes[0])))};
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

constexpr std::string_view kPackMagic = "dbsilo-fact-pack\n";

std::int64_t nanoseconds(const struct timespec& time) { return static_cast<std::int64_t>(time.tv_sec) * 1'000'000'000 + time.tv_nsec; }

std::int64_t now_nanoseconds() {
  struct timespec now {};
  ::clock_gettime(CLOCK_REALTIME, &now);
  return nanoseconds(now);
}

// A file whose modification time is this close to the start of the scan that recorded it may
// have changed again within the file system's timestamp granularity without its stamp changing
// (git's "racy" entries): it is read and hashed again instead of trusted.
constexpr std::int64_t kRacyWindowNs = 2'000'000'000;

// 128 bits against damage, at memory speed.
std::string checksum_of(std::string_view bytes) {
  std::string sum(16, '\0');
  const auto [first, second] = lane_hash(bytes, 0x243f6a8885a308d3ULL);
  std::memcpy(sum.data(), &first, 8);
  std::memcpy(sum.data() + 8, &second, 8);
  return sum;
}

}  // namespace

DBSILO_FACT_FIELDS(FileStamp, size, modified_ns, changed_ns, inode, device)

FileStamp stamp_from(const struct stat& info) {
  return FileStamp{static_cast<std::int64_t>(info.st_size), nanoseconds(info.st_mtim), nanoseconds(info.st_ctim), static_cast<std::uint64_t>(info.st_ino),
                   static_cast<std::uint64_t>(info.st_dev)};
}

std::optional<FileStamp> stamp_of(const std::filesystem::path& file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
  return stamp_from(info);
}

std::string encode_cached_file(const std::vector<Warning>& read_warnings, const FileFacts& facts) {
  BinaryWriter writer;
  writer.field(read_warnings);
  writer.field(facts);
  return std::move(writer.bytes());
}

std::optional<CachedFile> decode_cached_file(std::string_view payload, const std::string& relative_path) {
  try {
    BinaryReader reader(payload);
    CachedFile file;
    reader.field(file.read_warnings);
    reader.field(file.facts);
    if (!reader.at_end() || file.facts.path != relative_path) return std::nullopt;
    return file;
  } catch (const BinaryFormatError&) {
    return std::nullopt;
  }
}

std::filesystem::path default_cache_dir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "dbsilo";
  if (const char* home = std::getenv("HOME"); home && *home) return std::filesystem::path(home) / ".cache" / "dbsilo";
  return {};
}

FactCache::FactCache(std::filesystem::path dir, const std::string& tree_identity)
    : dir_(std::move(dir)), tree_identity_(tree_identity), started_ns_(now_nanoseconds()) {
  load();
}

std::string FactCache::key(const std::string& relative_path, FileKind kind, std::string_view bytes, const CompileFlags* flags, bool java_prefilter) {
  const std::uint64_t context_hash = context_of(relative_path, kind, flags, java_prefilter);
  const auto [first, second] = lane_hash(bytes, context_hash);
  return hex64(first) + hex64(second);
}

std::uint64_t FactCache::context_of(const std::string& relative_path, FileKind kind, const CompileFlags* flags, bool java_prefilter) {
  // Fields separated by a byte no path or flag holds, so ("a", "bc") and ("ab", "c") differ.
  std::string context = build_identity();
  context += '\x1f' + relative_path + '\x1f' + std::to_string(static_cast<int>(kind)) + '\x1f' + (java_prefilter ? "p" : "-");
  if (flags) {
    context += '\x1f' + flags->file;
    for (const auto& argument : flags->arguments) context += '\x1f' + argument;
  }
  return fnv1a64(context);
}

std::filesystem::path FactCache::pack_path() const {
  return dir_ / ("v" + std::to_string(kFactSchemaVersion)) / "trees" / (hex64(lane_hash(tree_identity_, 7).first) + hex64(lane_hash(tree_identity_, 7).second) + ".pack");
}

// Layout: magic, schema, build identity, tree identity, the start time of the scan that wrote
// it, the records (path, context, stamp, key, payload), then a checksum of everything before it.
// Anything that does not check out leaves the cache empty: every file is then read again.
void FactCache::load() {
  {
    std::ifstream in(pack_path(), std::ios::binary | std::ios::ate);
    if (!in) return;
    const std::streamoff size = in.tellg();
    if (size <= 0) return;
    pack_.resize(static_cast<std::size_t>(size));
    in.seekg(0);
    if (!in.read(pack_.data(), size)) {
      pack_.clear();
      return;
    }
  }
  try {
    if (pack_.size() < kPackMagic.size() + 16 || !std::string_view(pack_).starts_with(kPackMagic)) throw BinaryFormatError("not a pack");
    const std::string_view body = std::string_view(pack_).substr(0, pack_.size() - 16);
    if (checksum_of(body) != std::string_view(pack_).substr(pack_.size() - 16)) throw BinaryFormatError("checksum");
    BinaryReader reader(body.substr(kPackMagic.size()));
    int schema = 0;
    reader.field(schema);
    const std::string_view build = reader.text();
    const std::string_view tree = reader.text();
    if (schema != kFactSchemaVersion || build != build_identity() || tree != tree_identity_) throw BinaryFormatError("another build or tree");
    reader.field(written_from_ns_);
    const std::size_t count = reader.count();
    std::vector<Record> records(count);
    for (auto& record : records) {
      record.path = reader.text();
      reader.field(record.context);
      reader.field(record.stamp);
      record.key = reader.text();
      record.payload = reader.text();
    }
    if (!reader.at_end()) throw BinaryFormatError("trailing bytes");
    records_ = std::move(records);
  } catch (const BinaryFormatError&) {
    records_.clear();
    pack_.clear();
    return;
  }
  // Records are written in walk order, which is path order: looked up by binary search. A
  // pack from an older layout that is not sorted is simply not used.
  if (!std::is_sorted(records_.begin(), records_.end(), [](const Record& a, const Record& b) { return a.path < b.path; })) records_.clear();
}

const FactCache::Record* FactCache::record_of(const std::string& relative_path) const {
  const auto found = std::lower_bound(records_.begin(), records_.end(), std::string_view(relative_path),
                                      [](const Record& record, std::string_view path) { return record.path < path; });
  return found == records_.end() || found->path != relative_path ? nullptr : &*found;
}

const FactCache::Record* FactCache::trusted(const std::string& relative_path, const FileStamp& stamp, std::uint64_t context) const {
  const Record* found = record_of(relative_path);
  if (found == nullptr) return nullptr;
  const Record& record = *found;
  if (record.context != context || !(record.stamp == stamp)) return nullptr;
  if (stamp.modified_ns >= written_from_ns_ - kRacyWindowNs || stamp.changed_ns >= written_from_ns_ - kRacyWindowNs) return nullptr;
  return &record;
}

const FactCache::Record* FactCache::with_key(const std::string& key) const {
  // Only files whose stamp moved look records up by key: the index is built on the first such
  // lookup, by whichever worker gets there first.
  std::call_once(by_key_built_, [this] {
    for (std::size_t index = 0; index < records_.size(); ++index) by_key_.emplace(records_[index].key, index);
  });
  const auto found = by_key_.find(std::string_view(key));
  return found == by_key_.end() ? nullptr : &records_[found->second];
}

void FactCache::save(const std::vector<Record>& records) const {
  const std::filesystem::path target = pack_path();
  std::error_code error;
  std::filesystem::create_directories(target.parent_path(), error);
  if (error) return;
  BinaryWriter writer;
  // One allocation: the pack is mostly payload bytes, and growing by doubling copied it twice.
  std::size_t size = 256 + build_identity().size() + tree_identity_.size();
  for (const auto& record : records) size += record.path.size() + record.key.size() + record.payload.size() + sizeof(record.context) + sizeof(record.stamp) + 16;
  writer.bytes().reserve(size);
  writer.bytes() += kPackMagic;
  writer.field(kFactSchemaVersion);
  writer.text(build_identity());
  writer.text(tree_identity_);
  writer.field(started_ns_);
  writer.varint(records.size());
  for (const auto& record : records) {
    writer.text(record.path);
    writer.field(record.context);
    writer.field(record.stamp);
    writer.text(record.key);
    writer.text(record.payload);
  }
  writer.bytes() += checksum_of(writer.bytes());
  // Unique per process and call: concurrent runs each rename a whole pack into place, and a
  // reader sees one of them, never a mix.
  static std::atomic<unsigned> counter{0};
  const std::filesystem::path temporary =
      target.parent_path() / ("." + target.filename().string() + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter.fetch_add(1)));
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return;
    out << writer.bytes();
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
