// Facts: what a front end extracts from one file. They depend only on the file's bytes.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dbsilo/datastore.h"
#include "dbsilo/location.h"

namespace dbsilo {

// ---- configuration (properties, YAML, .env, JSON) ----------------------------------------

// One key = value. Keys are flattened: YAML nesting joined with '.', list items as `key[0]`.
// A value under a secret-looking key (password, secret, token, ...) is never kept: `value`
// is empty, `secret` is true and `secret_digest` lets two secrets be compared.
struct ConfigEntry {
  std::string key;
  std::string value;
  SourceLocation location;  // of the key
  bool secret = false;
  std::uint64_t secret_digest = 0;
};

// One properties file, or one document of a multi-document YAML file.
struct ConfigDocument {
  // Spring profile expression from `spring.config.activate.on-profile` or legacy
  // `spring.profiles`; empty = the document always applies.
  std::string activation;
  std::vector<ConfigEntry> entries;
};

struct ConfigFileFacts {
  std::vector<ConfigDocument> documents;
};

// ---- build manifests (pom.xml, Gradle, CMake, package.json) --------------------------------

struct BuildDependency {
  std::string name;  // as written: artifactId, Gradle project path (":lib"), CMake target, npm package
  SourceLocation location;
};

enum class BuildUnitKind {
  module,       // a Maven/Gradle module or npm package: may be a service or a library
  executable,   // CMake add_executable
  library,      // CMake add_library, or a manifest that says it is a library
  aggregator,   // a parent pom / settings.gradle listing modules: not a unit itself
};

// A unit declared by a build manifest. `root` is the manifest's directory relative to the
// scanned root ("" for the root itself).
struct BuildUnitFact {
  std::string name;
  std::vector<std::string> aliases;  // other names dependencies may use (groupId:artifactId, ":path")
  std::string root;
  std::string build_system;  // "maven", "gradle", "cmake", "npm"
  BuildUnitKind kind = BuildUnitKind::module;
  bool deployable = false;  // evidence it runs on its own (spring-boot plugin, main class, add_executable)
  std::vector<BuildDependency> dependencies;
  std::vector<std::string> modules;  // aggregator: module directories relative to the scanned root
  SourceLocation location;
};

// ---- docker-compose -------------------------------------------------------------------------

struct ComposeEnvironmentEntry {
  std::string name;
  std::string value;  // compose variables (${VAR:-x}) not yet substituted; empty when secret
  bool secret = false;
  std::uint64_t secret_digest = 0;
  bool has_value = true;  // `- NAME` without '=' takes the value from the host: unknown here
  SourceLocation location;
};

struct ComposePort {
  std::string host_ip;     // "" = all interfaces
  std::string host_port;   // "" = not published on the host
  int container_port = 0;
  SourceLocation location;
};

struct ComposeService {
  std::string name;
  std::string image;          // as written, variables not substituted
  std::string build_context;  // relative to the scanned root, "" when none
  std::string dockerfile;     // relative to the scanned root, "" when none/default
  std::string container_name;
  std::string hostname;
  std::vector<std::string> profiles;
  std::vector<std::string> networks;       // [] = the project's default network
  std::string network_mode;                // "host", "service:x", "none", ... ("" = bridge networks)
  SourceLocation network_mode_location;
  std::vector<std::string> network_aliases;
  std::vector<ComposeEnvironmentEntry> environment;
  std::vector<std::pair<std::string, SourceLocation>> env_files;  // relative to the scanned root
  std::vector<ComposePort> ports;
  std::vector<std::string> depends_on;
  std::vector<std::string> links;
  std::vector<std::pair<std::string, std::string>> link_aliases;  // (service, alias) from "service:alias"
  // Base image of the Dockerfile a `build:` uses (final stage FROM), filled in by the scan
  // after every file is read; "" when unknown. Lets a locally built postgres count as one.
  std::string built_from_image;
  SourceLocation location;
};

struct ComposeFileFacts {
  std::string project_dir;  // the compose file's directory, relative to the scanned root
  std::string project_name; // top-level `name:` when given
  std::vector<ComposeService> services;
  std::vector<std::string> networks;  // declared top-level networks
  std::map<std::string, std::string> network_names;  // network key -> Docker name when `name:` is given
};

// ---- Kubernetes manifests -----------------------------------------------------------------

using LabelSet = std::map<std::string, std::string>;

// One env entry of a container: a literal value, or a reference to a ConfigMap/Secret key.
struct KubernetesEnvVar {
  std::string name;
  std::string value;            // literal value; empty when secret or from a reference
  bool secret = false;          // a literal under a secret-looking name: value dropped
  std::uint64_t secret_digest = 0;
  std::string from_kind;        // "ConfigMap" or "Secret" for valueFrom; "" for literals
  std::string from_name;        // the ConfigMap/Secret name
  std::string from_key;         // the key inside it
  SourceLocation location;
};

struct KubernetesContainer {
  std::string name;
  std::string image;
  std::vector<KubernetesEnvVar> env;
  std::vector<std::pair<std::string, std::string>> env_from;  // (kind, name): envFrom configMapRef/secretRef
  std::vector<int> ports;                                     // containerPort values
  std::vector<std::pair<int, SourceLocation>> host_ports;     // hostPort values: reachable on the node's address
  std::vector<std::string> args;                              // command + args, for -D options and proxies' flags
};

// Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob or Pod.
struct KubernetesWorkload {
  std::string kind;
  std::string name;
  std::string name_space;       // "" = not given (the default namespace, or kustomize's)
  LabelSet labels;              // the pod template's labels (what selectors match)
  bool host_network = false;    // hostNetwork: true puts the pod on the node's network (NetworkPolicies do not apply)
  SourceLocation host_network_location;
  std::vector<KubernetesContainer> containers;  // init containers included
  SourceLocation location;      // of metadata.name
};

struct KubernetesService {
  std::string name;
  std::string name_space;
  std::string type;             // ClusterIP, NodePort, LoadBalancer, ExternalName
  std::string external_name;    // for ExternalName services
  LabelSet selector;
  std::vector<std::pair<int, int>> ports;  // (port, targetPort when numeric, else 0)
  SourceLocation location;
};

struct KubernetesConfigMap {
  std::string name;
  std::string name_space;
  std::vector<ConfigEntry> data;  // data and stringData entries; secret-looking keys redacted as in config files
  SourceLocation location;
};

// Only names: a Secret's values are never read into facts.
struct KubernetesSecret {
  std::string name;
  std::string name_space;
  std::vector<std::string> keys;
  SourceLocation location;
};

struct NetworkPolicyPeer {
  bool has_pod_selector = false;
  LabelSet pod_selector;         // empty with has_pod_selector = every pod (of the namespace)
  bool has_namespace_selector = false;
  LabelSet namespace_selector;   // empty with has_namespace_selector = every namespace
  std::string ip_block;          // CIDR, when the peer is an ipBlock
};

struct NetworkPolicyIngressRule {
  std::vector<NetworkPolicyPeer> from;  // empty = from anywhere
  std::vector<int> ports;               // empty = every port
};

struct KubernetesNetworkPolicy {
  std::string name;
  std::string name_space;
  LabelSet pod_selector;                // empty = every pod of the namespace
  bool restricts_ingress = false;       // policyTypes has Ingress, or ingress rules are present
  std::vector<NetworkPolicyIngressRule> ingress;  // empty with restricts_ingress = deny all ingress
  SourceLocation location;
};

// kustomization.yaml: which files and bases make the configuration, and its overrides.
struct KustomizationFacts {
  std::vector<std::string> resources;   // files and directories, relative to the scanned root (bases included)
  std::vector<std::string> patches;     // strategic-merge / patchesStrategicMerge files, relative to the root
  std::string name_space;               // `namespace:`
  std::string name_prefix;
  std::string name_suffix;
  bool component = false;               // `kind: Component`: applies only where a kustomization includes it
  SourceLocation location;
};

struct KubernetesFileFacts {
  std::vector<KubernetesWorkload> workloads;
  std::vector<KubernetesService> services;
  std::vector<KubernetesConfigMap> config_maps;
  std::vector<KubernetesSecret> secrets;
  std::vector<KubernetesNetworkPolicy> network_policies;
  std::optional<KustomizationFacts> kustomization;
};

// ---- connection proxies (pgbouncer, pgpool-II, ProxySQL, Odyssey, mcrouter, twemproxy) ----

// One server (or pool of servers) a proxy forwards to.
struct ProxyBackend {
  std::string database;          // pgbouncer/odyssey database name clients use ("*" = any)
  std::string host;
  int port = 0;
  std::string server_database;   // dbname on the server, when different
  SourceLocation location;
};

struct ProxyFacts {
  std::string kind;              // "pgbouncer", "pgpool", "proxysql", "odyssey", "mcrouter", "twemproxy"
  int listen_port = 0;           // 0 = the kind's default
  std::vector<ProxyBackend> backends;
  SourceLocation location;
};

// ---- code facts (Java now; C++ later): what a service stores, reads, publishes, keeps global --

// A class mapped to a table or collection (JPA @Entity/@Table, @Document, Cassandra @Table,
// hbm.xml, MyBatis result maps). Whether it is persisted is decided later (a repository,
// template or DDL must use it): a DTO with a leftover annotation defines nothing.
struct EntityMappingFact {
  std::string class_name;       // simple name ("Invoice")
  std::string qualified_name;   // "com.shop.billing.Invoice" when the package is known
  std::string entity_name;      // JPQL entity name (@Entity(name=...), else class_name)
  std::string store_kind;       // "table" or "collection"
  std::string name;             // table / collection name (Spring's default naming applied when not given)
  std::string schema;
  std::vector<std::string> secondary_tables;   // @SecondaryTable, @JoinTable, @CollectionTable names
  std::vector<std::string> columns;            // field/column names, for copy detection
  std::string origin;           // "jpa", "mongo", "cassandra", "hbm", "mybatis"
  SourceLocation location;
};

// A Spring Data repository interface (JpaRepository<E, ID>, CrudRepository, MongoRepository, ...).
struct RepositoryFact {
  std::string interface_name;
  std::string entity_class;     // the first type argument, simple name
  std::string store_kind;       // "table" or "collection"
  SourceLocation location;
};

// A query text found in code, with what the surrounding call says about it.
// A table an SQL text uses (languages/sql/sql_tables.h works it out).
struct SqlTableFact {
  std::string schema;  // "" when not written
  std::string name;    // unquoted names folded to lower case, quoted ones as written
  bool write = false;  // target of INSERT/UPDATE/DELETE/MERGE/TRUNCATE/CREATE/ALTER/DROP/SELECT INTO

  bool operator==(const SqlTableFact&) const = default;
};

struct QueryTextFact {
  std::string text;             // constant-folded: concatenations, static finals, text blocks, format skeletons
  std::string language;         // "sql", "jpql" (createQuery, @Query without nativeQuery, @NamedQuery), "unknown"
  std::string api;              // "JdbcTemplate.query", "@Query", "EntityManager.createNativeQuery", ... ("" = a bare literal)
  SourceLocation location;
  // The tables of `text` when it is SQL, analysed once at extraction (and so kept in the fact
  // cache: parsing every query again made up a third of a warm scan's analysis). nullopt: JPQL,
  // or facts built by hand; the resolver then analyses `text` itself.
  std::optional<std::vector<SqlTableFact>> sql_tables;

  bool operator==(const QueryTextFact&) const = default;  // CodeUseCache reuses work on equal facts
};

// A direct use of a table or collection by name outside SQL (MongoTemplate, mongoc, client["db"]["coll"]).
struct StoreAccessFact {
  std::string store_kind;       // "table" or "collection"
  std::string name;             // collection/table name, or "" when `entity_class` names it
  std::string entity_class;     // MongoTemplate.find(query, Invoice.class)
  std::string database;         // when the call names one
  std::string operation;        // "read", "write", "create"
  std::string api;
  SourceLocation location;

  bool operator==(const StoreAccessFact&) const = default;  // CodeUseCache reuses work on equal facts
};

// A message a service publishes or subscribes to.
struct EventFact {
  std::string role;             // "publish" or "subscribe"
  std::string broker;           // "kafka", "rabbitmq", "jms", "sqs", "spring", "stream"
  std::string channel;          // topic / queue / exchange / binding / event class
  SourceLocation location;
};

// Mutable state shared by everything in the process: static non-final fields, static final
// mutable collections, mutable singletons, namespace-scope variables, thread_local, ...
struct GlobalStateFact {
  std::string name;             // qualified as far as known ("Cache.ENTRIES")
  std::string type;             // as written
  std::string kind;             // "static-field", "static-collection", "singleton", "global-variable", "thread-local"
  SourceLocation location;
};

// DDL and migrations: tables a file creates, and the foreign keys it declares.
struct TableDefinitionFact {
  std::string name;
  std::string schema;
  std::vector<std::string> columns;
  SourceLocation location;
};

struct ForeignKeyFact {
  std::string table;            // the referencing table
  std::string referenced_table;
  std::string referenced_schema;
  SourceLocation location;

  bool operator==(const ForeignKeyFact&) const = default;  // CodeUseCache reuses work on equal facts
};

// A connection code opens (C++ client libraries). Its server comes from literal arguments
// (`target`, password dropped), or from a configuration entry or environment variable read by a
// literal key, resolved later against the service's configuration and deployment.
struct ConnectionFact {
  std::string api;                          // "pqxx::connection", "mongoc_client_new", "redisConnect", ...
  Engine engine = Engine::unknown;          // what the client library speaks
  // Where the server is written: "literal" (`target`), "config" (`config_key`), "environment"
  // (`environment_variable`), or "argument" (a helper's parameter is the connection string itself).
  std::string source;
  std::optional<ConnectionTarget> target;   // "literal": from literal arguments, password dropped
  std::vector<std::string> config_key;      // config["orders-db"]["url"] -> {"orders-db"}; "" = the helper's parameter
  std::string environment_variable;         // getenv("ORDERS_DB_URL"); "" with a helper = the parameter names it
  std::string helper_function;              // set when parameter `helper_parameter` of this function supplies the key
  int helper_parameter = -1;
  SourceLocation location;
};

// A call passing a key-like string literal: at a connection helper's call site it names the entry.
struct LiteralCallFact {
  std::string callee;           // last name of the called function ("connect_to")
  int argument = 0;
  std::string literal;
  SourceLocation location;
};

// `#include "x.h"` as written (angle-bracket includes are system or third-party headers).
struct IncludeFact {
  std::string path;
  SourceLocation location;
};

// ---- suppressions ---------------------------------------------------------------------------

// "Do not report rule R here, because ...": from a comment, an annotation or dbsilo.yaml.
struct SuppressionFact {
  std::vector<std::string> rules;
  std::string reason;           // required; empty = the suppression is reported and ignored
  std::string path;             // the file it covers (a glob for dbsilo.yaml entries)
  int first_line = 0;           // lines covered (0 = the whole file / every match of the glob)
  int last_line = 0;
  std::string fingerprint;      // dbsilo.yaml: one finding only, when given
  SourceLocation location;      // where the suppression is written
};

// ---- dbsilo.yaml --------------------------------------------------------------------------

struct UnitOverride {
  std::string name;
  std::vector<std::string> paths;  // relative to the dbsilo.yaml's directory
  SourceLocation location;
};

struct ProjectConfigFacts {
  std::vector<UnitOverride> services;
  std::vector<UnitOverride> libraries;
  std::map<std::string, std::string> ownership;  // table or collection -> service
  std::vector<std::string> ignore;               // globs, relative to the dbsilo.yaml's directory
  std::map<std::string, std::string> rule_levels;  // rule id -> off|note|warning|error
  std::vector<SuppressionFact> suppressions;       // `suppressions:` entries, paths relative to the root
};

// ---- per file ----------------------------------------------------------------------------

enum class FileKind {
  other,
  properties,       // *.properties
  yaml_config,      // *.yml / *.yaml that is not compose or dbsilo.yaml
  dotenv,           // .env, *.env
  json_config,      // *.json other than package.json
  compose,          // docker-compose*.yml, compose*.yaml
  maven_pom,        // pom.xml
  gradle_settings,  // settings.gradle(.kts)
  gradle_build,     // build.gradle(.kts)
  cmake_lists,      // CMakeLists.txt
  package_json,     // package.json
  project_config,   // dbsilo.yaml
  dockerfile,       // Dockerfile, *.Dockerfile, Dockerfile.*
  source_text,      // .go, .py, .xml, ...: read for suppressions (and ORM XML) until their front ends exist
  proxy_config,     // pgbouncer.ini, pgpool.conf, proxysql.cnf, odyssey.conf, mcrouter/twemproxy configs
  java_source,      // *.java
  sql_script,       // *.sql: migrations, schema.sql
  liquibase,        // Liquibase changelogs (XML / YAML)
  cpp_source,       // .cpp, .cc, .cxx, .c, .h, .hpp, .hh, .hxx, .ipp
  persistence_xml,  // JPA META-INF/persistence.xml: managed classes and jdbc properties
};

struct FileFacts {
  std::string path;  // relative to the scanned root
  FileKind kind = FileKind::other;
  std::optional<ConfigFileFacts> config;
  std::vector<BuildUnitFact> build_units;
  std::optional<ComposeFileFacts> compose;
  std::optional<ProjectConfigFacts> project_config;
  std::string dockerfile_base_image;  // FROM of the final stage, as written
  std::vector<SuppressionFact> suppressions;  // dbsilo-ignore comments and @SuppressWarnings in the file
  std::optional<KubernetesFileFacts> kubernetes;  // Kubernetes objects and kustomization.yaml
  std::vector<ProxyFacts> proxies;                // connection-proxy configuration files
  std::vector<EntityMappingFact> entities;
  std::vector<RepositoryFact> repositories;
  std::vector<QueryTextFact> queries;
  std::vector<StoreAccessFact> store_accesses;
  std::vector<EventFact> events;
  std::vector<GlobalStateFact> global_state;
  std::vector<TableDefinitionFact> table_definitions;
  std::vector<ForeignKeyFact> foreign_keys;
  std::vector<ConnectionFact> connections;       // C++: connections opened in code
  std::vector<LiteralCallFact> literal_calls;    // C++: candidate call sites of connection helpers
  std::vector<IncludeFact> includes;             // C++: quoted #include paths
  std::vector<Warning> warnings;
};

}  // namespace dbsilo
