// Resolution: effective configuration per service and profile, datasources, and server identity.
#include "scanner/resolve/resolve.h"

#include <algorithm>
#include <functional>
#include <map>
#include <numeric>
#include <set>

#include "dbsilo/text.h"
#include "languages/config/config_parsers.h"
#include "languages/config/placeholders.h"
#include "languages/datastore/connection_string.h"
#include "scanner/resolve/code_datasources.h"
#include "scanner/resolve/code_model.h"
#include "scanner/resolve/datasource_keys.h"
#include "scanner/resolve/deployment.h"
#include "scanner/resolve/property_sources.h"

namespace dbsilo {
namespace {

// ---- effective properties ---------------------------------------------------------------

struct EffectiveValue {
  std::string key;  // as written
  std::string value;
  bool secret = false;
  std::uint64_t secret_digest = 0;
  SourceLocation location;
  bool shared_file = false;
};

// canonical key -> value in effect
using PropertyMap = std::map<std::string, EffectiveValue>;

struct Evaluation {
  PropertyMap properties;
  std::map<std::string, std::string> environment;  // raw variable name -> value (compose env, env_file)
};

bool document_applies(const ConfigDocument& document, const std::vector<std::string>& active_profiles) {
  return document.activation.empty() || profile_expression_matches(document.activation, active_profiles);
}

void apply_source(const PropertySource& source, const std::vector<std::string>* active_profiles, Evaluation& evaluation) {
  if (source.shadowed) return;
  if (source.file_profile.size() && active_profiles &&
      std::find(active_profiles->begin(), active_profiles->end(), source.file_profile) == active_profiles->end()) {
    return;
  }
  if (source.file_profile.size() && !active_profiles) return;
  for (const auto& document : *source.documents) {
    if (!active_profiles && !document.activation.empty()) continue;
    if (active_profiles && !document_applies(document, *active_profiles)) continue;
    for (const auto& entry : document.entries) {
      EffectiveValue value{entry.key, entry.value, entry.secret, entry.secret_digest, entry.location, source.shared};
      const std::string property_key = source.environment_style ? property_key_from_environment(entry.key) : entry.key;
      evaluation.properties[canonical_property_key(property_key)] = value;
      if (source.environment_style && !entry.secret) evaluation.environment[entry.key] = entry.value;
    }
  }
}

Evaluation evaluate(const std::vector<PropertySource>& sources, const std::vector<std::string>* active_profiles) {
  Evaluation evaluation;
  for (const auto& source : sources) apply_source(source, active_profiles, evaluation);
  return evaluation;
}

// Resolves Spring placeholders against the effective properties, then raw environment names.
class PlaceholderContext {
 public:
  explicit PlaceholderContext(const Evaluation& evaluation) : evaluation_(evaluation) {}

  PlaceholderResult resolve(std::string_view text) const {
    return resolve_spring_placeholders(text, [this](std::string_view name) -> std::optional<std::string> {
      if (auto found = evaluation_.environment.find(std::string(name)); found != evaluation_.environment.end()) return found->second;
      if (auto found = evaluation_.properties.find(canonical_property_key(name)); found != evaluation_.properties.end()) {
        if (found->second.secret) return std::string("\x01secret\x01");  // a secret stays opaque
        return found->second.value;
      }
      return std::nullopt;
    });
  }

 private:
  const Evaluation& evaluation_;
};

std::vector<std::string> active_profiles_of(const Evaluation& base, const PlaceholderContext& context, const std::string& requested) {
  std::vector<std::string> active;
  for (const auto key : {"spring.profiles.active", "spring.profiles.include"}) {
    auto found = base.properties.find(key);
    if (found == base.properties.end()) continue;
    for (const auto& name : split(context.resolve(found->second.value).text, ',')) {
      const std::string trimmed(trim(name));
      if (!trimmed.empty() && trimmed.find("${") == std::string::npos) active.push_back(trimmed);
    }
  }
  if (active.empty()) active.push_back("default");
  if (!requested.empty() && std::find(active.begin(), active.end(), requested) == active.end()) active.push_back(requested);
  return active;
}

// ---- datasources from properties ----------------------------------------------------------

struct DatasourceDraft {
  std::string definition;
  int evidence = 0;
  ConnectionTarget target;
  SettingOrigin origin;
  std::optional<SettingOrigin> user_origin;
  std::vector<SettingOrigin> pool_settings;
};

SettingOrigin origin_of(const EffectiveValue& value) { return {value.key, value.location, value.shared_file}; }

const EffectiveValue* first_present(const PropertyMap& properties, std::string_view prefix, const std::vector<std::string_view>& suffixes) {
  for (const auto suffix : suffixes) {
    auto found = properties.find(std::string(prefix) + "." + std::string(suffix));
    if (found != properties.end() && (found->second.secret || !found->second.value.empty())) return &found->second;
  }
  return nullptr;
}

const EffectiveValue* first_present(const PropertyMap& properties, const std::vector<std::string>& keys) {
  for (const auto& key : keys) {
    auto found = properties.find(key);
    if (found != properties.end() && !found->second.value.empty()) return &found->second;
  }
  return nullptr;
}

// r2dbc:postgresql://..., r2dbc:pool:mysql://... are URIs once the driver prefix is gone.
std::string without_r2dbc_prefix(std::string text) {
  if (!starts_with_icase(text, "r2dbc:")) return text;
  text.erase(0, 6);
  if (starts_with_icase(text, "pool:")) text.erase(0, 5);
  if (starts_with_icase(text, "proxy:")) text.erase(0, 6);
  return text;
}

int parse_port(std::string_view text) {
  int port = 0;
  for (char c : trim(text)) {
    if (c < '0' || c > '9') return 0;
    port = port * 10 + (c - '0');
    if (port > 65535) return 0;
  }
  return port;
}

// "h1:9042,h2" or list entries key[0], key[1]: endpoints of a contact-point style setting.
std::vector<Endpoint> endpoints_of(const PropertyMap& properties, const std::string& key, const PlaceholderContext& context,
                                   int default_port_value) {
  std::vector<std::string> values;
  if (auto found = properties.find(key); found != properties.end()) values.push_back(found->second.value);
  for (int index = 0; index < 64; ++index) {
    auto found = properties.find(key + "[" + std::to_string(index) + "]");
    if (found == properties.end()) break;
    values.push_back(found->second.value);
  }
  std::vector<Endpoint> endpoints;
  for (const auto& value : values) {
    for (const auto& item : split(context.resolve(value).text, ',')) {
      std::string text(trim(item));
      if (text.empty()) continue;
      Endpoint endpoint;
      const auto colon = text.rfind(':');
      if (colon != std::string::npos && text.find("${") == std::string::npos && parse_port(text.substr(colon + 1)) > 0) {
        endpoint.port = parse_port(text.substr(colon + 1));
        text.resize(colon);
      }
      endpoint.host = canonical_host(text);
      if (endpoint.port == 0) endpoint.port = default_port_value;
      endpoints.push_back(endpoint);
    }
  }
  return endpoints;
}

void fill_user(DatasourceDraft& draft, const EffectiveValue* user, const EffectiveValue* password, const PlaceholderContext& context) {
  if (user && draft.target.user.empty()) {
    draft.target.user = context.resolve(user->value).text;
    draft.user_origin = origin_of(*user);
  } else if (user) {
    draft.user_origin = origin_of(*user);
  }
  if (password && password->secret && !draft.target.password_digest) draft.target.password_digest = password->secret_digest;
}

std::optional<DatasourceDraft> draft_from_url(const EffectiveValue& url, const PlaceholderContext& context, std::string definition,
                                              std::vector<Warning>& warnings) {
  const PlaceholderResult resolved = context.resolve(url.value);
  if (resolved.cycle) warnings.push_back({url.location, "placeholder cycle in '" + url.key + "'; left unresolved"});
  auto target = parse_connection_string(without_r2dbc_prefix(resolved.text));
  if (!target) return std::nullopt;
  DatasourceDraft draft;
  draft.definition = std::move(definition);
  draft.target = std::move(*target);
  draft.origin = origin_of(url);
  return draft;
}

void add_pool_settings(const PropertyMap& properties, std::string_view prefix, DatasourceDraft& draft) {
  const std::string with_dot = std::string(prefix) + ".";
  for (auto it = properties.lower_bound(with_dot); it != properties.end() && it->first.starts_with(with_dot); ++it) {
    if (is_pool_setting_key(it->first)) draft.pool_settings.push_back(origin_of(it->second));
  }
}

std::vector<DatasourceDraft> datasources_of(const Evaluation& evaluation, const PlaceholderContext& context, std::vector<Warning>& warnings) {
  const PropertyMap& properties = evaluation.properties;
  std::vector<DatasourceDraft> drafts;
  std::set<std::string> consumed;

  auto consume_prefix = [&](std::string_view prefix) {
    const std::string with_dot = std::string(prefix) + ".";
    for (auto it = properties.lower_bound(with_dot); it != properties.end() && it->first.starts_with(with_dot); ++it) consumed.insert(it->first);
  };

  for (const auto& group : spring_component_groups()) {
    std::optional<DatasourceDraft> draft;
    if (const EffectiveValue* url = first_present(properties, group.prefix, group.url_keys)) {
      draft = draft_from_url(*url, context, std::string(group.prefix), warnings);
    } else if (const EffectiveValue* host = first_present(properties, group.prefix, group.host_keys)) {
      DatasourceDraft components;
      components.definition = std::string(group.prefix);
      components.target.engine = group.engine;
      const EffectiveValue* port = first_present(properties, group.prefix, group.port_keys);
      const int port_value = port ? parse_port(context.resolve(port->value).text) : 0;
      const std::string host_key = std::string(group.prefix) + "." + std::string(group.host_keys.front());
      components.target.endpoints = endpoints_of(properties, host_key, context, port_value ? port_value : default_port(group.engine));
      if (const EffectiveValue* database = first_present(properties, group.prefix, group.database_keys)) {
        components.target.database = context.resolve(database->value).text;
      }
      components.origin = origin_of(*host);
      draft = components;
    }
    if (!draft) continue;
    if (draft->target.engine == Engine::unknown) draft->target.engine = group.engine;
    fill_user(*draft, first_present(properties, group.prefix, group.user_keys), first_present(properties, group.prefix, group.password_keys),
              context);
    if (const EffectiveValue* schema = first_present(properties, group.prefix, group.schema_keys); schema && draft->target.schema.empty()) {
      draft->target.schema = context.resolve(schema->value).text;
    }
    if (group.prefix == "spring.datasource" && draft->target.schema.empty()) {
      if (auto found = properties.find("spring.jpa.properties.hibernate.defaultschema"); found != properties.end()) {
        draft->target.schema = context.resolve(found->second.value).text;
      }
    }
    add_pool_settings(properties, group.prefix, *draft);
    consume_prefix(group.prefix);
    drafts.push_back(std::move(*draft));
  }

  // Connection strings recognised by their shape under any other key.
  for (const auto& [canonical, value] : properties) {
    if (consumed.contains(canonical) || value.secret || value.value.empty()) continue;
    // Every value is tried here; a cycle matters only in a value that turns out to be a URL.
    std::vector<Warning> quiet;
    auto draft = draft_from_url(value, context, value.key, quiet);
    if (!draft) continue;
    draft->evidence = 1;
    const std::string prefix = canonical.find('.') == std::string::npos ? std::string() : canonical.substr(0, canonical.rfind('.'));
    if (!prefix.empty()) {
      fill_user(*draft, first_present(properties, generic_user_keys(prefix)), nullptr, context);
      add_pool_settings(properties, prefix, *draft);
    }
    consumed.insert(canonical);
    drafts.push_back(std::move(*draft));
  }

  // Host/port variable groups: DB_HOST + DB_PORT + DB_NAME, PGHOST, MONGO_HOST, ...
  for (const auto& [canonical, value] : properties) {
    std::string prefix;
    if (consumed.contains(canonical) || value.value.empty() || !is_generic_host_key(canonical, prefix)) continue;
    const std::string host_text = context.resolve(value.value).text;
    if (host_text.find("://") != std::string::npos) continue;
    DatasourceDraft draft;
    draft.definition = value.key;
    draft.evidence = 2;
    draft.target.engine = engine_hint_of_prefix(prefix).value_or(Engine::unknown);
    const EffectiveValue* port = first_present(properties, generic_port_keys(prefix));
    draft.target.endpoints = endpoints_of(properties, canonical, context, port ? parse_port(context.resolve(port->value).text) : 0);
    if (const EffectiveValue* database = first_present(properties, generic_database_keys(prefix))) {
      draft.target.database = context.resolve(database->value).text;
    }
    // A bare DATABASE_HOST + DATABASE_PORT=5432 still says which engine it speaks.
    if (draft.target.engine == Engine::unknown && !draft.target.endpoints.empty()) {
      draft.target.engine = engine_of_default_port(draft.target.endpoints.front().port);
    }
    draft.origin = origin_of(value);
    fill_user(draft, first_present(properties, generic_user_keys(prefix)), nullptr, context);
    consumed.insert(canonical);
    drafts.push_back(std::move(draft));
  }
  return drafts;
}

// Spring Cloud Stream: spring.cloud.stream.bindings.<name>.destination = topic. Functional
// bindings end in -in-<n> / -out-<n>; the legacy ones are named input/output.
void add_stream_bindings(const std::string& unit, const Evaluation& evaluation, const PlaceholderContext& context, std::vector<EventUse>& events) {
  const std::string prefix = "spring.cloud.stream.bindings.";
  for (auto it = evaluation.properties.lower_bound(prefix); it != evaluation.properties.end() && it->first.starts_with(prefix); ++it) {
    if (!it->first.ends_with(".destination")) continue;
    const std::string binding = it->first.substr(prefix.size(), it->first.size() - prefix.size() - std::string(".destination").size());
    const bool input = binding.find("-in-") != std::string::npos || binding.find("in0") != std::string::npos || binding == "input" ||
                       binding.ends_with("input") || binding.find("-in") != std::string::npos;
    for (const auto& destination : split(context.resolve(it->second.value).text, ',')) {
      const std::string channel(trim(destination));
      if (!channel.empty()) events.push_back({unit, input ? "subscribe" : "publish", "stream", channel, it->second.location});
    }
  }
}

// ---- server identity ------------------------------------------------------------------------

// Union-find over endpoint keys: datasources listing overlapping hosts reach one server.
class EndpointSets {
 public:
  std::string find(const std::string& key) {
    auto [it, inserted] = parent_.try_emplace(key, key);
    if (it->second == key) return key;
    std::string root = find(it->second);
    parent_[key] = root;
    return root;
  }
  void unite(const std::string& a, const std::string& b) {
    std::string root_a = find(a);
    std::string root_b = find(b);
    if (root_a == root_b) return;
    // The smaller key becomes the root so the result does not depend on input order.
    if (root_b < root_a) std::swap(root_a, root_b);
    parent_[root_b] = root_a;
  }

 private:
  std::map<std::string, std::string> parent_;
};


// A service's DB_HOST variable and its spring.datasource.url often name the same server:
// keep the best-recognised datasource per service, profile and server.
void drop_weaker_duplicates(std::vector<Datasource>& datasources) {
  std::map<std::tuple<std::string, std::string, std::string>, int> strongest;
  for (const auto& datasource : datasources) {
    if (datasource.server_key.empty()) continue;
    auto key = std::make_tuple(datasource.unit, datasource.profile, datasource.server_key);
    auto [it, inserted] = strongest.emplace(key, datasource.evidence);
    if (!inserted) it->second = std::min(it->second, datasource.evidence);
  }
  std::erase_if(datasources, [&](const Datasource& datasource) {
    if (datasource.server_key.empty()) return false;
    return datasource.evidence > strongest[std::make_tuple(datasource.unit, datasource.profile, datasource.server_key)];
  });
}

}  // namespace

Model resolve_model(const std::vector<FileFacts>& files, const DiscoveredUnits& discovered, const ResolveOptions& options,
                    std::vector<Warning>& warnings) {
  Model model;
  model.units = discovered.units;
  model.profiles.push_back("");
  for (const auto& profile : options.profiles) {
    if (std::find(model.profiles.begin(), model.profiles.end(), profile) == model.profiles.end()) model.profiles.push_back(profile);
  }

  PhaseClock clock(options.timings, "resolve: ");
  const Deployments deployments(files, discovered);
  const PropertySourceIndex source_index(files, discovered, deployments);
  clock.lap("deployments and property sources");
  std::map<std::string, std::map<std::string, SourceLocation>> loads_by_file;  // shared-file detection
  std::map<std::string, std::set<std::string>> shadowed_for;                   // file -> services that carry it unused
  EndpointSets endpoint_sets;
  const std::vector<const FileFacts*> code_files = code_datasource_files(files);
  std::set<std::string> json_or_yaml_configs;
  for (const auto& file : files) {
    if (file.kind == FileKind::json_config || file.kind == FileKind::yaml_config) json_or_yaml_configs.insert(file.path);
  }

  for (const auto& unit : model.units) {
    if (unit.kind != UnitKind::service) continue;
    for (const auto& profile : model.profiles) {
      const std::vector<PropertySource> sources = source_index.sources_for(unit, profile, warnings);
      for (const auto& source : sources) {
        if (source.file.empty()) continue;
        loads_by_file[source.file].emplace(unit.name, source.load_location);
        if (source.shadowed) shadowed_for[source.file].insert(unit.name);
      }
      const Evaluation base = evaluate(sources, nullptr);
      const std::vector<std::string> active = active_profiles_of(base, PlaceholderContext(base), profile);
      const Evaluation effective = evaluate(sources, &active);
      const PlaceholderContext context(effective);
      if (profile.empty()) add_stream_bindings(unit.name, effective, context, model.events);
      std::vector<DatasourceDraft> drafts = datasources_of(effective, context, warnings);
      // C++ clients: connection strings in code, and config entries / variables read by a literal key.
      const SettingLookup property = [&](const std::string& key) -> std::optional<std::string> {
        const auto found = effective.properties.find(canonical_property_key(key));
        if (found == effective.properties.end() || found->second.secret) return std::nullopt;
        return context.resolve(found->second.value).text;
      };
      const SettingLookup variable = [&](const std::string& name) -> std::optional<std::string> {
        if (auto found = effective.environment.find(name); found != effective.environment.end()) return context.resolve(found->second).text;
        return property(name);
      };
      std::vector<std::string> read_config_keys;
      for (auto& code : code_datasources(unit, profile, code_files, model.units, property, variable, read_config_keys)) {
        drafts.push_back({code.definition, code.evidence, std::move(code.target), code.origin, std::nullopt, {}});
      }
      // Code that reads its datasource by key says which entry of a JSON/YAML config it uses:
      // the file's other entries (a gateway's list of every database) are not this service's.
      if (!read_config_keys.empty()) {
        std::erase_if(drafts, [&](const DatasourceDraft& draft) {
          if (draft.evidence == 0 || !json_or_yaml_configs.contains(draft.origin.location.path)) return false;
          const std::string key = canonical_property_key(draft.origin.key);
          return std::none_of(read_config_keys.begin(), read_config_keys.end(), [&](const std::string& read) { return key.starts_with(read + "."); });
        });
      }
      for (auto& draft : drafts) {
        Datasource datasource;
        datasource.unit = unit.name;
        datasource.profile = profile;
        datasource.definition = draft.definition;
        datasource.evidence = draft.evidence;
        datasource.target = std::move(draft.target);
        datasource.origin = draft.origin;
        datasource.user_origin = draft.user_origin;
        datasource.pool_settings = draft.pool_settings;
        deployments.identify_server(unit.scope, datasource);
        for (std::size_t i = 1; i < datasource.target.endpoints.size() && !datasource.server_key.empty(); ++i) {
          endpoint_sets.unite(datasource.server_key, deployments.endpoint_key(unit.scope, datasource.target, i));
        }
        model.datasources.push_back(std::move(datasource));
      }
    }
  }

  for (auto& datasource : model.datasources) {
    if (!datasource.server_key.empty()) datasource.server_key = endpoint_sets.find(datasource.server_key);
  }
  drop_weaker_duplicates(model.datasources);
  clock.lap("datasources");
  for (auto& datasource : model.datasources) {
    datasource.database_label = datasource.target.database;
    if (!datasource.target.schema.empty()) datasource.database_label += (datasource.database_label.empty() ? "" : ".") + datasource.target.schema;
  }
  std::sort(model.datasources.begin(), model.datasources.end(), [](const Datasource& a, const Datasource& b) {
    return std::tie(a.unit, a.profile, a.origin.location, a.definition) < std::tie(b.unit, b.profile, b.origin.location, b.definition);
  });

  for (const auto& profile : model.profiles) {
    for (auto& deployment : deployments.compose_datastores(model.datasources, profile)) model.deployments.push_back(std::move(deployment));
  }
  // A compose-only "service" that turned out to be a database (datasources connect to it) is no unit.
  std::erase_if(model.units, [&](const Unit& unit) {
    if (unit.has_source || unit.build_system != "compose") return false;
    const bool is_database = std::any_of(model.deployments.begin(), model.deployments.end(), [&](const DatastoreDeployment& deployment) {
      return deployment.platform == "compose" && deployment.name == unit.name && deployment.profile.empty();
    });
    const bool has_datasources = std::any_of(model.datasources.begin(), model.datasources.end(), [&](const Datasource& datasource) { return datasource.unit == unit.name; });
    return is_database && !has_datasources;
  });
  for (auto& deployment : deployments.kubernetes_datastores(model.datasources)) model.deployments.push_back(std::move(deployment));
  clock.lap("deployments");
  resolve_code(files, options.ownership, model, options.code_cache);
  clock.lap("code");

  for (const auto& [path, loads] : loads_by_file) {
    if (loads.size() < 2) continue;
    SharedConfigFile shared;
    shared.path = path;
    for (const auto& [service, location] : loads) {
      shared.loaded_by.push_back(service);
      shared.load_locations[service] = location;
    }
    shared.provider = source_index.provider_of(path);
    shared.shadowed_for.assign(shadowed_for[path].begin(), shadowed_for[path].end());
    source_index.settings_in(path, shared.datasource_settings, shared.pool_settings);
    model.shared_config_files.push_back(std::move(shared));
  }
  return model;
}

}  // namespace dbsilo
