// Code connections joined with configuration: which server a C++ service's client really reaches.
#include "scanner/resolve/code_datasources.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "dbsilo/text.h"
#include "languages/config/config_parsers.h"
#include "languages/datastore/connection_string.h"
#include "scanner/discover/units.h"
#include "scanner/resolve/datasource_keys.h"

namespace dbsilo {
namespace {

// Fields of a datasource entry, canonical (lower case, no '-'/'_'), most telling first.
constexpr std::array<std::string_view, 7> kUrlFields = {"url", "uri", "dsn", "connectionstring", "connection", "connstr", "conninfo"};
constexpr std::array<std::string_view, 5> kHostFields = {"host", "hostname", "server", "address", "addr"};
constexpr std::array<std::string_view, 4> kDatabaseFields = {"dbname", "database", "db", "name"};

// One connection to resolve: a fact, with a helper's parameter filled in from its call site.
struct Instance {
  const ConnectionFact* fact;
  std::vector<std::string> config_key;
  std::string environment_variable;
  std::string argument;  // "argument" connections: the literal the call site passes
  SourceLocation location;
};

int port_of(const std::optional<std::string>& text) {
  if (!text) return 0;
  int port = 0;
  for (char c : trim(*text)) {
    if (c < '0' || c > '9') return 0;
    port = port * 10 + (c - '0');
    if (port > 65535) return 0;
  }
  return port;
}

// Settings of configuration files no unit owns, inside the unit's deployment scope.
class SharedEntries {
 public:
  SharedEntries(const Unit& unit, const std::vector<const FileFacts*>& files, const std::vector<Unit>& units) {
    const std::string scope = unit.scope == "." || unit.scope.starts_with("k8s:") ? std::string() : unit.scope;
    for (const FileFacts* file_pointer : files) {
      const FileFacts& file = *file_pointer;
      if (!file.config || (file.kind != FileKind::json_config && file.kind != FileKind::yaml_config)) continue;
      if (!owning_unit(units, file.path).empty() || !path_is_under(file.path, scope)) continue;
      for (const auto& document : file.config->documents) {
        if (!document.activation.empty()) continue;
        for (const auto& entry : document.entries) {
          if (!entry.secret) values_.try_emplace(canonical_property_key(entry.key), entry.value);
        }
      }
    }
  }

  std::optional<std::string> find(const std::string& key) const {
    const auto found = values_.find(canonical_property_key(key));
    return found == values_.end() ? std::nullopt : std::optional<std::string>(found->second);
  }

 private:
  std::map<std::string, std::string> values_;
};

std::optional<ConnectionTarget> target_of_text(const std::string& text, Engine engine) {
  auto target = parse_connection_string(text);
  if (!target) {
    // A bare host name for a client that knows its engine (and its default port).
    if (engine == Engine::unknown || text.empty() || text.find_first_of(" =/;") != std::string::npos || host_is_unresolved(text)) return std::nullopt;
    ConnectionTarget host_only;
    host_only.engine = engine;
    const auto colon = text.rfind(':');
    const int port = colon == std::string::npos ? 0 : port_of(text.substr(colon + 1));
    host_only.endpoints.push_back({canonical_host(port ? text.substr(0, colon) : text), port ? port : default_port(engine)});
    return host_only;
  }
  if (target->engine == Engine::unknown) target->engine = engine;
  return target;
}

// The entry config[key...]: a connection string under it (or as its value), else host/port/database fields.
std::optional<ConnectionTarget> target_of_entry(const std::vector<std::string>& key, Engine engine, const SettingLookup& lookup) {
  const std::string prefix = join(key, ".");
  if (auto value = lookup(prefix)) {
    if (auto target = target_of_text(*value, Engine::unknown)) return target;
  }
  for (const auto field : kUrlFields) {
    if (auto value = lookup(prefix + "." + std::string(field))) {
      if (auto target = target_of_text(*value, engine)) return target;
    }
  }
  for (const auto field : kHostFields) {
    auto host = lookup(prefix + "." + std::string(field));
    if (!host || host->empty() || host_is_unresolved(*host)) continue;
    ConnectionTarget target;
    target.engine = engine;
    const int port = port_of(lookup(prefix + ".port"));
    target.endpoints.push_back({canonical_host(*host), port ? port : default_port(engine)});
    if (target.engine == Engine::unknown && port) target.engine = engine_of_default_port(port);
    for (const auto database_field : kDatabaseFields) {
      if (auto database = lookup(prefix + "." + std::string(database_field))) {
        target.database = *database;
        break;
      }
    }
    if (auto user = lookup(prefix + ".user")) target.user = *user;
    return target;
  }
  return std::nullopt;
}

std::string quoted_key(const std::vector<std::string>& key) {
  std::string text = "config";
  for (const auto& part : key) text += "[\"" + part + "\"]";
  return text;
}

}  // namespace

std::vector<const FileFacts*> code_datasource_files(const std::vector<FileFacts>& files) {
  std::vector<const FileFacts*> relevant;
  for (const auto& file : files) {
    const bool config = file.config && (file.kind == FileKind::json_config || file.kind == FileKind::yaml_config);
    if (!file.connections.empty() || !file.literal_calls.empty() || config) relevant.push_back(&file);
  }
  return relevant;
}

std::vector<Datasource> code_datasources(const Unit& unit, const std::string& profile, const std::vector<const FileFacts*>& files,
                                         const std::vector<Unit>& units, const SettingLookup& property, const SettingLookup& variable,
                                         std::vector<std::string>& read_config_keys) {
  std::vector<std::string> reach = transitive_dependencies(unit, units);
  reach.push_back(unit.name);
  std::map<std::string, std::vector<const ConnectionFact*>> helpers;  // function -> connections keyed by its parameter
  std::vector<Instance> instances;
  for (const FileFacts* file_pointer : files) {
    const FileFacts& file = *file_pointer;
    if (file.connections.empty()) continue;  // most files: no ownership lookup
    const std::string owner = owning_unit(units, file.path);
    for (const auto& fact : file.connections) {
      if (!fact.helper_function.empty()) {
        helpers[fact.helper_function].push_back(&fact);
      } else if (std::find(reach.begin(), reach.end(), owner) != reach.end()) {
        instances.push_back({&fact, fact.config_key, fact.environment_variable, "", fact.location});
      }
    }
  }
  for (const FileFacts* file_pointer : files) {
    const FileFacts& file = *file_pointer;
    if (file.literal_calls.empty() || helpers.empty() || owning_unit(units, file.path) != unit.name) continue;
    for (const auto& call : file.literal_calls) {
      const auto found = helpers.find(call.callee);
      if (found == helpers.end()) continue;
      for (const ConnectionFact* fact : found->second) {
        if (fact->helper_parameter != call.argument) continue;
        Instance instance{fact, fact->config_key, fact->environment_variable, "", call.location};
        for (auto& part : instance.config_key) {
          if (part.empty()) part = call.literal;
        }
        if (fact->source == "environment") instance.environment_variable = call.literal;
        if (fact->source == "argument") instance.argument = call.literal;
        instances.push_back(std::move(instance));
      }
    }
  }

  if (instances.empty()) return {};
  const SharedEntries shared(unit, files, units);
  const SettingLookup in_config = [&](const std::string& key) -> std::optional<std::string> {
    if (auto value = property(key)) return value;
    return shared.find(key);
  };
  std::vector<Datasource> datasources;
  for (const auto& instance : instances) {
    const ConnectionFact& fact = *instance.fact;
    std::optional<ConnectionTarget> target;
    std::string definition;
    if (fact.source == "literal") {
      target = fact.target;
      definition = fact.api;
    } else if (fact.source == "argument") {
      target = target_of_text(instance.argument, fact.engine);
      definition = fact.api + " via " + fact.helper_function + "()";
    } else if (fact.source == "environment") {
      if (auto value = variable(instance.environment_variable)) target = target_of_text(*value, fact.engine);
      definition = "getenv(\"" + instance.environment_variable + "\") for " + fact.api;
    } else if (fact.source == "config") {
      read_config_keys.push_back(canonical_property_key(join(instance.config_key, ".")));
      target = target_of_entry(instance.config_key, fact.engine, in_config);
      definition = quoted_key(instance.config_key) + " for " + fact.api;
    }
    if (!target) continue;
    if (target->engine == Engine::unknown) target->engine = fact.engine;
    Datasource datasource;
    datasource.unit = unit.name;
    datasource.profile = profile;
    datasource.definition = definition;
    datasource.evidence = 0;  // the code says it connects: as strong as a framework key
    datasource.target = std::move(*target);
    datasource.origin = {definition, instance.location, false};
    datasources.push_back(std::move(datasource));
  }
  return datasources;
}

}  // namespace dbsilo
