// The resolved model: units, deployment scopes and datasources joined across files. Rules read it.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dbsilo/datastore.h"
#include "dbsilo/location.h"

namespace dbsilo {

enum class UnitKind { service, library };

// A service or a shared library. `root` is relative to the scanned root ("" = the root itself).
struct Unit {
  std::string name;
  UnitKind kind = UnitKind::service;
  std::string root;
  bool has_source = true;       // false for a compose service known only by its image
  std::string language;         // "java", "cpp", "javascript", "" when not known
  std::string build_system;     // "maven", "gradle", "cmake", "npm", "compose", "dbsilo.yaml", "spring"
  std::string scope;            // deployment scope: where its host names mean one server ("." = root)
  std::vector<std::string> dependencies;  // unit names this unit depends on (direct)
  std::map<std::string, SourceLocation> dependency_locations;  // unit name -> where the dependency is declared
  std::vector<std::string> used_by;       // libraries: the services depending on it (transitively), sorted
  SourceLocation location;                // the manifest (or compose service) that declares it
};

// Where one datasource setting came from.
struct SettingOrigin {
  std::string key;          // the property or variable as written (never its value)
  SourceLocation location;
  bool shared_file = false; // the file is loaded by more than one service
};

// One datasource a service uses under one profile evaluation, resolved to a server.
struct Datasource {
  std::string unit;
  std::string profile;             // "" = the default evaluation
  std::string definition;          // property prefix or variable group ("spring.datasource", "env DATABASE_URL")
  // How the datasource was recognised: 0 = a known framework key group (spring.datasource.*),
  // 1 = a connection string by its shape under another key, 2 = a host/port variable group.
  int evidence = 0;
  ConnectionTarget target;
  bool resolved = false;           // host and port known (placeholders resolved)
  std::string server_key;          // identity of the server: equal keys = one server; "" when private/unresolved
  std::string server_label;        // printable "postgres://orders-db:5432" (no credentials)
  std::string proxy_key;           // the pooling proxy in between (pgbouncer, ProxySQL, ...); "" when direct
  std::string proxy_label;         // printable "pgbouncer://pool:6432"
  std::string database_label;      // printable database (and schema) or ""
  SettingOrigin origin;            // where the URL / host was set
  std::optional<SettingOrigin> user_origin;
  std::vector<SettingOrigin> pool_settings;  // connection-pool keys in effect (hikari, tomcat, dbcp2, ...)
};

// A configuration file that several services load (a library's resources, a Spring Cloud
// Config server's application.yml, a compose env_file), and the datasource/pool keys it sets.
struct SharedConfigFile {
  std::string path;
  std::vector<std::string> loaded_by;                      // services, sorted
  std::vector<std::string> shadowed_for;                   // of those, the ones whose own file of that name hides it today
  std::map<std::string, SourceLocation> load_locations;   // service -> where it pulls the file in
  std::vector<SettingOrigin> datasource_settings;          // connection keys (url, host, username, ...)
  std::vector<SettingOrigin> pool_settings;                // pool keys
  std::string provider;                                    // library unit or "config server" or "env_file"
};

// A server as printed in reports, with the units that use it.
struct DatastoreSummary {
  std::string id;
  std::string engine;
  std::string host;
  int port = 0;
  std::string database;
  std::vector<std::string> used_by;
  std::vector<SourceLocation> origins;
};

// A database container or pod, who uses it and who else can reach it over the network.
struct ReachingService {
  std::string service;        // a unit
  std::string via;            // how: "compose network default", "no NetworkPolicy in namespace shop"
  SourceLocation location;    // where that service is declared (compose service, workload)
};

struct PublishedPort {
  std::string address;        // "0.0.0.0:5432" as the host sees it
  SourceLocation location;
};

struct DatastoreDeployment {
  std::string name;           // compose service or Kubernetes workload name
  std::string platform;       // "compose" or "kubernetes"
  std::string scope;          // compose project folder or Kubernetes namespace
  std::string engine;
  std::string server_label;   // as in Datasource::server_label
  SourceLocation location;
  std::vector<std::string> owners;            // services whose datasources use it, sorted
  std::vector<ReachingService> reachable_from;  // services that do not use it but can connect, sorted
  std::vector<PublishedPort> published_ports;   // reachable from outside the deployment
  std::string fence_hint;     // how to fence it on this platform
  std::string profile;        // "" = the default evaluation
};

// A table or collection a service owns: it persists it (repository, template, DDL, migration)
// or dbsilo.yaml says so.
struct StoreObject {
  std::string store_kind;          // "table" or "collection"
  std::string name;                // lower case for tables (SQL folds unquoted names)
  std::string schema;
  std::string owner;               // unit
  std::string server_key;          // the owner's server for this kind of store; "" = not resolved
  std::vector<std::string> columns;
  std::string evidence;            // "entity Invoice persisted by InvoiceRepository", "CREATE TABLE", "dbsilo.yaml"
  SourceLocation location;
};

// A service's code using a table or collection.
struct StoreUse {
  std::string unit;
  std::string store_kind;
  std::string name;
  std::string schema;
  std::string operation;           // "read", "write", "reference" (a foreign key)
  std::string how;                 // "SQL in JdbcTemplate.query", "JPQL", "repository InvoiceRepository", ...
  std::string server_key;          // the server it goes through; "" = not resolved
  SourceLocation location;
};

struct EventUse {
  std::string unit;
  std::string role;                // "publish" or "subscribe"
  std::string broker;
  std::string channel;
  SourceLocation location;
};

// What a library carries that ties services together.
struct LibraryDataDefinition {
  std::string library;
  std::string what;                // "entity Invoice (table invoices)", "repository InvoiceRepository", "DAO InvoiceDao"
  SourceLocation location;
};

struct LibraryGlobalState {
  std::string library;
  std::string name;
  std::string type;
  std::string kind;
  SourceLocation location;
};

struct Model {
  std::vector<Unit> units;                 // sorted by name
  std::vector<Datasource> datasources;     // sorted by unit, profile, origin
  std::vector<SharedConfigFile> shared_config_files;  // sorted by path
  std::vector<std::string> profiles;       // evaluated profiles: "" first, then --profile names
  std::vector<DatastoreDeployment> deployments;  // database containers/pods, sorted by scope and name
  std::vector<StoreObject> store_objects;        // sorted by kind, name, owner
  // Every use, sorted by location, deduplicated. The uses themselves live in per-file blocks
  // shared with the language server's cache (an edit re-derives one file's block, not 200,000
  // uses); a copy of the Model shares them, so the pointers stay valid as long as it lives.
  std::vector<const StoreUse*> store_uses;
  std::vector<std::shared_ptr<const std::vector<StoreUse>>> store_use_blocks;
  std::vector<EventUse> events;
  std::vector<LibraryDataDefinition> library_data_definitions;
  std::vector<LibraryGlobalState> library_global_state;

  const Unit* find_unit(const std::string& name) const {
    for (const auto& unit : units) {
      if (unit.name == name) return &unit;
    }
    return nullptr;
  }
};

}  // namespace dbsilo
