// Ownership and use of tables/collections from entity mappings, repositories, SQL, DDL and templates.
#include "scanner/resolve/code_model.h"

#include <algorithm>
#include <array>
#include <set>

#include "dbsilo/text.h"
#include "languages/sql/sql_tables.h"
#include "scanner/discover/units.h"

namespace dbsilo {
namespace {

// Engines whose datasources hold tables; the rest hold collections or key spaces.
constexpr std::array<Engine, 10> kTableEngines = {Engine::postgres, Engine::mysql,  Engine::mariadb, Engine::sqlserver, Engine::oracle,
                                                  Engine::db2,      Engine::h2,     Engine::hsqldb,  Engine::sqlite,    Engine::derby};

// Mappings that persist by themselves: an ODB persistent class, a sqlpp11 table struct or a
// Wt::Dbo mapClass is the data-access layer, with no repository in between; a JPA orm.xml
// entity is read by the provider as part of the persistence unit.
constexpr std::array<std::string_view, 4> kSelfPersistingOrigins = {"odb", "orm.xml", "sqlpp11", "wt-dbo"};

bool persists_itself(const EntityMappingFact& entity) {
  return std::find(kSelfPersistingOrigins.begin(), kSelfPersistingOrigins.end(), entity.origin) != kSelfPersistingOrigins.end();
}

bool holds(Engine engine, const std::string& store_kind) {
  const bool table_engine = std::find(kTableEngines.begin(), kTableEngines.end(), engine) != kTableEngines.end() || engine == Engine::cassandra;
  return store_kind == "table" ? table_engine : engine == Engine::mongodb;
}

class CodeResolver {
 public:
  CodeResolver(const std::vector<FileFacts>& files, const std::map<std::string, std::string>& ownership, Model& model, CodeUseCache* cache)
      : files_(files), ownership_(ownership), model_(model), cache_(cache) {
    for (const auto& file : files_) {
      for (const auto& entity : file.entities) entities_.push_back({&entity, owner_of(file.path)});
    }
    if (cache_) start_cached_analysis();
  }

  void run() {
    for (const auto& file : files_) {
      const std::string unit = owner_of(file.path);
      if (unit.empty()) continue;
      const Unit* owner = model_.find_unit(unit);
      if (owner->kind == UnitKind::library) {
        collect_library_contents(file, *owner);
        own_from_library(file, *owner);
        continue;
      }
      own(file, unit);
      use_file(file, unit);
      for (const auto& event : file.events) model_.events.push_back({unit, event.role, event.broker, event.channel, event.location});
    }
    for (const auto& [name, service] : ownership_) {
      model_.store_objects.push_back({"table", to_lower(name), "", service, server_of(service, "table"), {}, "dbsilo.yaml ownership", {"dbsilo.yaml", 0, 0}});
      model_.store_objects.push_back({"collection", name, "", service, server_of(service, "collection"), {}, "dbsilo.yaml ownership", {"dbsilo.yaml", 0, 0}});
    }
    if (cache_) std::erase_if(cache_->entries, [&](const auto& entry) { return entry.second.analysis != cache_->analysis; });
    sort_and_deduplicate();
  }

 private:
  struct KnownEntity {
    const EntityMappingFact* mapping;
    std::string unit;
  };

  std::string owner_of(const std::string& path) const { return owning_unit(model_.units, path); }

  // The server a service's tables (or collections) live on: its one datasource of that kind;
  // "" when it has none or several (then any owner is taken as reachable).
  std::string server_of(const std::string& unit, const std::string& store_kind) const {
    // Asked for every use and object (hundreds of thousands in a big tree), over all datasources.
    const auto remembered = servers_.find({unit, store_kind});
    if (remembered != servers_.end()) return remembered->second;
    std::set<std::string> keys;
    for (const auto& datasource : model_.datasources) {
      if (datasource.unit != unit || !datasource.profile.empty() || !holds(datasource.target.engine, store_kind)) continue;
      // In-process databases belong to the process: nobody else reaches them.
      keys.insert(datasource.target.in_process ? "private:" + unit : datasource.server_key);
    }
    std::string server = keys.size() == 1 ? *keys.begin() : std::string();
    servers_.emplace(std::make_pair(unit, store_kind), server);
    return server;
  }

  // Entity lookup: the unit's own mappings first, then its libraries', then anyone's.
  const EntityMappingFact* find_entity(const std::string& unit, const std::string& name, bool by_entity_name) const {
    ++entity_lookups_;
    const Unit* owner = model_.find_unit(unit);
    const auto matches = [&](const KnownEntity& known) {
      return by_entity_name ? known.mapping->entity_name == name : known.mapping->class_name == name;
    };
    for (const auto& known : entities_) {
      if (known.unit == unit && matches(known)) return known.mapping;
    }
    for (const auto& known : entities_) {
      if (owner && std::find(owner->dependencies.begin(), owner->dependencies.end(), known.unit) != owner->dependencies.end() && matches(known)) {
        return known.mapping;
      }
    }
    for (const auto& known : entities_) {
      if (matches(known)) return known.mapping;
    }
    return nullptr;
  }

  void add_owned(const std::string& unit, const EntityMappingFact& mapping, const std::string& evidence) {
    const std::string name = mapping.store_kind == "table" ? to_lower(mapping.name) : mapping.name;
    model_.store_objects.push_back({mapping.store_kind, name, to_lower(mapping.schema), unit, server_of(unit, mapping.store_kind), mapping.columns, evidence,
                                    mapping.location});
    for (const auto& secondary : mapping.secondary_tables) {
      model_.store_objects.push_back({"table", to_lower(secondary), to_lower(mapping.schema), unit, server_of(unit, "table"), {}, evidence, mapping.location});
    }
  }

  // A service owns what it persists: entities behind its repositories, collections it
  // creates, tables its migrations create.
  void own(const FileFacts& file, const std::string& unit) {
    for (const auto& entity : file.entities) {
      if (persists_itself(entity)) add_owned(unit, entity, entity.origin + " mapping " + entity.class_name);
    }
    for (const auto& repository : file.repositories) {
      if (const EntityMappingFact* mapping = find_entity(unit, repository.entity_class, false)) {
        add_owned(unit, *mapping, "entity " + mapping->class_name + " persisted by " + repository.interface_name);
      }
    }
    for (const auto& access : file.store_accesses) {
      if (access.operation != "create" || access.name.empty()) continue;
      model_.store_objects.push_back({access.store_kind, access.name, "", unit, server_of(unit, access.store_kind), {}, "created by " + access.api, access.location});
    }
    for (const auto& table : file.table_definitions) {
      model_.store_objects.push_back({"table", to_lower(table.name), to_lower(table.schema), unit, server_of(unit, "table"), table.columns,
                                      "CREATE TABLE in " + file.path, table.location});
    }
  }

  // Tables a library's migrations create, or entities its repositories persist, belong to
  // every service using it (shared-data-library reports the library itself).
  void own_from_library(const FileFacts& file, const Unit& library) {
    for (const auto& service : library.used_by) {
      for (const auto& entity : file.entities) {
        if (persists_itself(entity)) add_owned(service, entity, entity.origin + " mapping " + entity.class_name + " in " + library.name);
      }
      for (const auto& table : file.table_definitions) {
        model_.store_objects.push_back({"table", to_lower(table.name), to_lower(table.schema), service, server_of(service, "table"), table.columns,
                                        "CREATE TABLE in " + library.name, table.location});
      }
      for (const auto& repository : file.repositories) {
        if (const EntityMappingFact* mapping = find_entity(library.name, repository.entity_class, false)) {
          add_owned(service, *mapping, "entity " + mapping->class_name + " persisted by " + repository.interface_name + " in " + library.name);
        }
      }
    }
  }

  void use(const FileFacts& file, const std::string& unit) {
    for (const auto& query : file.queries) {
      const bool jpql = is_jpql(query);
      const std::string how = (jpql ? "JPQL" : "SQL") + (query.api.empty() ? std::string(" string") : " in " + query.api);
      if (jpql) {
        for (const auto& entity_name : jpql_entity_names(query.text)) {
          const EntityMappingFact* mapping = find_entity(unit, entity_name, true);
          if (!mapping) continue;
          add_use(unit, mapping->store_kind, mapping->name, mapping->schema, is_jpql_write(query.text) ? "write" : "read", how + " on " + entity_name, query.location);
        }
        continue;
      }
      const std::vector<SqlTableFact> tables = query.sql_tables ? *query.sql_tables : analyse_sql(query.text).tables;
      for (const auto& table : tables) add_use(unit, "table", table.name, table.schema, table.write ? "write" : "read", how, query.location);
    }
    for (const auto& access : file.store_accesses) {
      std::string name = access.name;
      if (name.empty() && !access.entity_class.empty()) {
        if (const EntityMappingFact* mapping = find_entity(unit, access.entity_class, false)) name = mapping->name;
      }
      if (name.empty() || access.operation == "create") continue;
      add_use(unit, access.store_kind, name, "", access.operation, access.api, access.location);
    }
    for (const auto& key : file.foreign_keys) {
      add_use(unit, "table", key.referenced_table, key.referenced_schema, "reference", "foreign key from " + key.table, key.location);
    }
  }

  static bool is_jpql_write(const std::string& text) {
    const std::string lowered = to_lower(trim(text));
    return lowered.starts_with("update") || lowered.starts_with("delete") || lowered.starts_with("insert");
  }

  void add_use(const std::string& unit, const std::string& store_kind, const std::string& name, const std::string& schema, const std::string& operation,
               const std::string& how, const SourceLocation& location) {
    if (name.empty()) return;
    std::string server = server_of(unit, store_kind);
    if (cache_ && std::find_if(servers_asked_.begin(), servers_asked_.end(), [&](const auto& asked) { return asked.first == store_kind; }) == servers_asked_.end()) {
      servers_asked_.emplace_back(store_kind, server);
    }
    file_uses_.push_back({unit, store_kind, store_kind == "table" ? to_lower(name) : name, to_lower(schema), operation, how, std::move(server),
                          location});
  }

  void collect_library_contents(const FileFacts& file, const Unit& library) {
    for (const auto& entity : file.entities) {
      model_.library_data_definitions.push_back({library.name, "entity " + entity.class_name + " (" + entity.store_kind + " " + entity.name + ")", entity.location});
    }
    for (const auto& repository : file.repositories) {
      model_.library_data_definitions.push_back({library.name, "repository " + repository.interface_name, repository.location});
    }
    if (std::any_of(file.queries.begin(), file.queries.end(), [](const QueryTextFact& query) { return !query.api.empty(); })) {
      const auto& first = *std::find_if(file.queries.begin(), file.queries.end(), [](const QueryTextFact& query) { return !query.api.empty(); });
      model_.library_data_definitions.push_back({library.name, "data-access code (" + first.api + ") in " + file.path, first.location});
    }
    for (const auto& connection : file.connections) {
      model_.library_data_definitions.push_back({library.name, "connection wiring (" + connection.api + ") in " + file.path, connection.location});
    }
    for (const auto& access : file.store_accesses) {
      if (access.api.empty()) continue;
      model_.library_data_definitions.push_back({library.name, "data-access code (" + access.api + ") in " + file.path, access.location});
      break;
    }
    for (const auto& state : file.global_state) {
      // A header's declaration and a source file's definition are one variable.
      const bool known = std::any_of(model_.library_global_state.begin(), model_.library_global_state.end(),
                                     [&](const LibraryGlobalState& seen) { return seen.library == library.name && seen.name == state.name; });
      if (!known) model_.library_global_state.push_back({library.name, state.name, state.type, state.kind, state.location});
    }
  }

  void sort_and_deduplicate() {
    auto& objects = model_.store_objects;
    std::sort(objects.begin(), objects.end(), [](const StoreObject& a, const StoreObject& b) {
      return std::tie(a.store_kind, a.name, a.owner, a.location, a.evidence) < std::tie(b.store_kind, b.name, b.owner, b.location, b.evidence);
    });
    objects.erase(std::unique(objects.begin(), objects.end(), [](const StoreObject& a, const StoreObject& b) {
                    return a.store_kind == b.store_kind && a.name == b.name && a.owner == b.owner && a.schema == b.schema;
                  }),
                  objects.end());
    auto& uses = model_.store_uses;
    std::size_t count = 0;
    for (const auto& block : model_.store_use_blocks) count += block->size();
    uses.reserve(count);
    for (const auto& block : model_.store_use_blocks) {
      for (const auto& use : *block) uses.push_back(&use);
    }
    // Each file's block is already in order (use_file), so with files in path order the whole
    // list usually is too, which the blocks' ends show; a use located in another file falls back
    // to sorting everything. Stable sorts: of two uses equal by this order, unique keeps the first
    // added, the same with or without the cache.
    const auto& blocks = model_.store_use_blocks;
    const bool blocks_in_order = std::adjacent_find(blocks.begin(), blocks.end(), [](const auto& before, const auto& after) {
                                   return use_order(after->front(), before->back());
                                 }) == blocks.end();
    const auto by_use_order = [](const StoreUse* a, const StoreUse* b) { return use_order(*a, *b); };
    if (!blocks_in_order) std::stable_sort(uses.begin(), uses.end(), by_use_order);
    uses.erase(std::unique(uses.begin(), uses.end(), [](const StoreUse* a, const StoreUse* b) {
                 return a->location == b->location && a->unit == b->unit && a->name == b->name && a->operation == b->operation;
               }),
               uses.end());
    std::sort(model_.events.begin(), model_.events.end(), [](const EventUse& a, const EventUse& b) {
      return std::tie(a.unit, a.role, a.channel, a.location) < std::tie(b.unit, b.role, b.channel, b.location);
    });
    std::sort(model_.library_data_definitions.begin(), model_.library_data_definitions.end(),
              [](const auto& a, const auto& b) { return std::tie(a.library, a.location, a.what) < std::tie(b.library, b.location, b.what); });
    std::sort(model_.library_global_state.begin(), model_.library_global_state.end(),
              [](const auto& a, const auto& b) { return std::tie(a.library, a.location, a.name) < std::tie(b.library, b.location, b.name); });
  }

  static bool use_order(const StoreUse& a, const StoreUse& b) {
    return std::tie(a.location, a.unit, a.name, a.operation) < std::tie(b.location, b.unit, b.name, b.operation);
  }

  // What entity lookups can depend on: every known entity (in lookup order, with the fields
  // use() reads) and every unit's dependencies. Equal to the last analysis's: entries that
  // looked entities up stay valid.
  void start_cached_analysis() {
    std::string context;
    const auto field = [&context](const std::string& text) {
      context += text;
      context += '\0';
    };
    for (const auto& known : entities_) {
      for (const auto* text : {&known.unit, &known.mapping->class_name, &known.mapping->entity_name, &known.mapping->store_kind, &known.mapping->name,
                               &known.mapping->schema}) {
        field(*text);
      }
      context += '\n';
    }
    for (const auto& unit : model_.units) {
      field(unit.name);
      for (const auto& dependency : unit.dependencies) field(dependency);
      context += '\n';
    }
    entities_unchanged_ = context == cache_->entity_context;
    cache_->entity_context = std::move(context);
    ++cache_->analysis;
    cache_->reused = 0;
    cache_->computed = 0;
  }

  bool reusable(const CodeUseCache::Entry& entry, const FileFacts& file, const std::string& unit) const {
    if (entry.analysis == 0 || entry.unit != unit || (entry.looked_up_entities && !entities_unchanged_)) return false;
    for (const auto& [store_kind, server] : entry.servers) {
      if (server_of(unit, store_kind) != server) return false;
    }
    return entry.queries == file.queries && entry.store_accesses == file.store_accesses && entry.foreign_keys == file.foreign_keys;
  }

  // use() on one service file, its uses sorted; with a cache, taken from the last analysis when
  // nothing it depends on changed.
  void use_file(const FileFacts& file, const std::string& unit) {
    CodeUseCache::Entry* entry = nullptr;
    if (cache_) {
      entry = &cache_->entries[file.path];
      if (reusable(*entry, file, unit)) {
        if (!entry->uses->empty()) model_.store_use_blocks.push_back(entry->uses);
        entry->analysis = cache_->analysis;
        ++cache_->reused;
        return;
      }
    }
    entity_lookups_ = 0;
    servers_asked_.clear();
    file_uses_.clear();
    use(file, unit);
    std::stable_sort(file_uses_.begin(), file_uses_.end(), use_order);
    auto uses = std::make_shared<const std::vector<StoreUse>>(std::move(file_uses_));
    file_uses_ = {};
    if (!uses->empty()) model_.store_use_blocks.push_back(uses);
    if (!entry) return;
    *entry = {unit, file.queries, file.store_accesses, file.foreign_keys, servers_asked_, entity_lookups_ > 0, std::move(uses), cache_->analysis};
    ++cache_->computed;
  }

  const std::vector<FileFacts>& files_;
  const std::map<std::string, std::string>& ownership_;
  Model& model_;
  CodeUseCache* cache_;
  std::vector<KnownEntity> entities_;
  mutable std::map<std::pair<std::string, std::string>, std::string> servers_;  // server_of, by (unit, store kind)
  mutable std::size_t entity_lookups_ = 0;                                       // by find_entity, in the current use_file
  std::vector<std::pair<std::string, std::string>> servers_asked_;               // by add_use, in the current use_file
  std::vector<StoreUse> file_uses_;                                              // by add_use, in the current use_file
  bool entities_unchanged_ = false;
};

}  // namespace

void resolve_code(const std::vector<FileFacts>& files, const std::map<std::string, std::string>& ownership, Model& model,
                  CodeUseCache* cache) {
  CodeResolver(files, ownership, model, cache).run();
}

}  // namespace dbsilo
