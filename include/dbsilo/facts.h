// Facts: what a front end extracts from one file. They depend only on the file's bytes.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

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
  source_text,      // .java, .cpp, .sql, .xml, ...: read for suppressions until their front ends exist
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
  std::vector<Warning> warnings;
};

}  // namespace dbsilo
