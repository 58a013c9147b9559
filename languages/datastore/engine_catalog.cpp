// The engine catalogue: name, aliases and default port of every datastore dbsilo recognises.
#include <algorithm>
#include <array>

#include "dbsilo/datastore.h"
#include "dbsilo/text.h"

namespace dbsilo {
namespace {

struct EngineFacts {
  std::string_view name;
  Engine engine;
  int default_port;                          // 0: in-process only, no listener to reach
  std::array<std::string_view, 8> aliases;   // unused slots stay empty
};

// Sorted by name. A port here is what a client assumes when the connection string has none.
// Testcontainers module names (postgis, timescaledb, pgvector, oracle-xe, ...) are aliases too,
// so `jdbc:tc:<module>:` resolves through engine_from_name.
constexpr std::array engine_catalog{
    EngineFacts{"cassandra", Engine::cassandra, 9042, {"cql", "scylla", "scylladb"}},
    EngineFacts{"db2", Engine::db2, 50000, {"ibm-db2", "ibmdb2"}},
    EngineFacts{"derby", Engine::derby, 1527, {"apache-derby", "javadb"}},
    EngineFacts{"h2", Engine::h2, 9092, {"h2database"}},
    EngineFacts{"hsqldb", Engine::hsqldb, 9001, {"hsql", "hypersql"}},
    EngineFacts{"mariadb", Engine::mariadb, 3306, {"maria"}},
    EngineFacts{"memcached", Engine::memcached, 11211, {"memcache"}},
    EngineFacts{"mongodb", Engine::mongodb, 27017, {"mongo"}},
    EngineFacts{"mysql", Engine::mysql, 3306, {}},
    EngineFacts{"oracle", Engine::oracle, 1521, {"oracledb", "ora", "oracle-xe", "oracle-free"}},
    EngineFacts{"postgres",
                Engine::postgres,
                5432,
                {"postgresql", "pg", "pgsql", "psql", "postgis", "timescaledb", "pgvector"}},
    EngineFacts{"redis", Engine::redis, 6379, {}},
    EngineFacts{"sqlite", Engine::sqlite, 0, {"sqlite3"}},
    EngineFacts{"sqlserver", Engine::sqlserver, 1433, {"mssql", "sql-server", "mssqlserver", "azure-sql-edge"}},
};
static_assert(std::ranges::is_sorted(engine_catalog, {}, &EngineFacts::name));

const EngineFacts* facts_of(Engine engine) {
  const auto found = std::ranges::find(engine_catalog, engine, &EngineFacts::engine);
  return found == engine_catalog.end() ? nullptr : &*found;
}

bool is_spelled(const EngineFacts& facts, std::string_view lowered) {
  if (facts.name == lowered) return true;
  return std::ranges::any_of(facts.aliases, [&](std::string_view alias) { return !alias.empty() && alias == lowered; });
}

}  // namespace

std::string_view engine_name(Engine engine) {
  const EngineFacts* facts = facts_of(engine);
  return facts ? facts->name : std::string_view("unknown");
}

std::optional<Engine> engine_from_name(std::string_view name) {
  const std::string lowered = to_lower(trim(name));
  if (lowered.empty()) return std::nullopt;
  const auto found = std::ranges::find_if(engine_catalog, [&](const EngineFacts& facts) { return is_spelled(facts, lowered); });
  if (found == engine_catalog.end()) return std::nullopt;
  return found->engine;
}

int default_port(Engine engine) {
  const EngineFacts* facts = facts_of(engine);
  return facts ? facts->default_port : 0;
}

}  // namespace dbsilo
