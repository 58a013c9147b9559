// Data tables of datasource property keys (Spring Boot and common environment variables).
#include "scanner/resolve/datasource_keys.h"

#include <algorithm>
#include <array>

#include "dbsilo/text.h"

namespace dbsilo {
namespace {

// Prefix words that say which engine a variable group talks to, sorted.
struct PrefixEngine {
  std::string_view word;
  Engine engine;
};
constexpr std::array<PrefixEngine, 16> kPrefixEngines = {{
    {"cassandra", Engine::cassandra},
    {"db2", Engine::db2},
    {"mariadb", Engine::mariadb},
    {"memcache", Engine::memcached},
    {"memcached", Engine::memcached},
    {"mongo", Engine::mongodb},
    {"mongodb", Engine::mongodb},
    {"mssql", Engine::sqlserver},
    {"mysql", Engine::mysql},
    {"oracle", Engine::oracle},
    {"pg", Engine::postgres},
    {"postgres", Engine::postgres},
    {"postgresql", Engine::postgres},
    {"redis", Engine::redis},
    {"sqlserver", Engine::sqlserver},
    {"valkey", Engine::redis},
}};

// Words that make a variable prefix about a database even without an engine name.
constexpr std::array<std::string_view, 6> kDatabaseWords = {"cache", "database", "datasource", "db", "sql", "store"};

constexpr std::array<std::string_view, 6> kHostSuffixes = {"addr", "address", "host", "hostname", "server", "servers"};

// Pool-related key fragments (canonical): the segment after a datasource prefix.
constexpr std::array<std::string_view, 12> kPoolSegments = {
    "connectionpool", "dbcp2", "hikari", "maxactive", "maxconnections", "maximumpoolsize",
    "maxpoolsize",    "minimumidle", "oracleucp", "pool", "poolsize", "tomcat"};

constexpr std::array<std::string_view, 9> kDatasourceSettingSegments = {
    "database", "driverclassname", "host", "jdbcurl", "port", "uri", "url", "user", "username"};

std::string last_segment(std::string_view key) {
  const auto dot = key.rfind('.');
  return std::string(dot == std::string_view::npos ? key : key.substr(dot + 1));
}

}  // namespace

const std::vector<ComponentGroup>& spring_component_groups() {
  static const std::vector<ComponentGroup> groups = {
      {"spring.data.cassandra", Engine::cassandra, {}, {"contactpoints"}, {"port"}, {"keyspacename"}, {"username"}, {"password"}, {}},
      {"spring.cassandra", Engine::cassandra, {}, {"contactpoints"}, {"port"}, {"keyspacename"}, {"username"}, {"password"}, {}},
      {"spring.data.mongodb", Engine::mongodb, {"uri"}, {"host"}, {"port"}, {"database"}, {"username"}, {"password"}, {}},
      {"spring.data.redis", Engine::redis, {"url"}, {"host"}, {"port"}, {"database"}, {"username"}, {"password"}, {}},
      {"spring.redis", Engine::redis, {"url"}, {"host"}, {"port"}, {"database"}, {"username"}, {"password"}, {}},
      {"spring.datasource", Engine::unknown, {"url", "jdbcurl", "hikari.jdbcurl"}, {}, {}, {}, {"username", "user", "hikari.username"},
       {"password", "hikari.password"}, {"hikari.schema"}},
      // JPA persistence.xml properties (standard, then Hibernate's own).
      {"javax.persistence.jdbc", Engine::unknown, {"url"}, {}, {}, {}, {"user"}, {"password"}, {}},
      {"jakarta.persistence.jdbc", Engine::unknown, {"url"}, {}, {}, {}, {"user"}, {"password"}, {}},
      {"hibernate.connection", Engine::unknown, {"url"}, {}, {}, {}, {"username"}, {"password"}, {}},
      {"spring.r2dbc", Engine::unknown, {"url"}, {}, {}, {}, {"username"}, {"password"}, {}},
      {"spring.flyway", Engine::unknown, {"url"}, {}, {}, {}, {"user"}, {"password"}, {"defaultschema"}},
      {"spring.liquibase", Engine::unknown, {"url"}, {}, {}, {}, {"user"}, {"password"}, {"defaultschema"}},
  };
  return groups;
}

std::optional<Engine> engine_hint_of_prefix(std::string_view canonical_prefix) {
  for (const auto& segment : split(canonical_prefix, '.')) {
    for (const auto& entry : kPrefixEngines) {
      if (segment == entry.word || segment.starts_with(entry.word)) return entry.engine;
    }
  }
  return std::nullopt;
}

bool is_generic_host_key(std::string_view canonical_key, std::string& prefix_out) {
  const std::string last = last_segment(canonical_key);
  std::string prefix;
  std::string host_word;
  if (canonical_key.find('.') != std::string_view::npos) {
    prefix = std::string(canonical_key.substr(0, canonical_key.rfind('.')));
    host_word = last;
  } else {
    // PGHOST / MYSQLHOST: a fused name, the host word at the end.
    for (const auto suffix : kHostSuffixes) {
      if (last.size() > suffix.size() && last.ends_with(suffix)) {
        prefix = last.substr(0, last.size() - suffix.size());
        host_word = std::string(suffix);
        break;
      }
    }
  }
  if (prefix.empty() || std::find(kHostSuffixes.begin(), kHostSuffixes.end(), host_word) == kHostSuffixes.end()) return false;
  bool about_database = engine_hint_of_prefix(prefix).has_value();
  for (const auto& segment : split(prefix, '.')) {
    for (const auto word : kDatabaseWords) {
      if (segment == word || segment.ends_with(word)) about_database = true;
    }
  }
  if (!about_database) return false;
  prefix_out = prefix;
  return true;
}

namespace {
std::vector<std::string> with_prefix(std::string_view prefix, std::initializer_list<std::string_view> words) {
  std::vector<std::string> keys;
  for (const auto word : words) {
    keys.push_back(std::string(prefix) + "." + std::string(word));
    keys.push_back(std::string(prefix) + std::string(word));  // fused: PGPORT
  }
  return keys;
}
}  // namespace

std::vector<std::string> generic_port_keys(std::string_view prefix) { return with_prefix(prefix, {"port"}); }
std::vector<std::string> generic_database_keys(std::string_view prefix) {
  return with_prefix(prefix, {"name", "database", "db", "dbname", "schema", "keyspace"});
}
std::vector<std::string> generic_user_keys(std::string_view prefix) { return with_prefix(prefix, {"user", "username", "login"}); }

bool is_pool_setting_key(std::string_view canonical_key) {
  const auto segments = split(canonical_key, '.');
  const bool datasource_context = canonical_key.starts_with("spring.datasource") || canonical_key.starts_with("spring.r2dbc") ||
                                  canonical_key.find("datasource") != std::string_view::npos ||
                                  canonical_key.find("db") != std::string_view::npos;
  if (!datasource_context) return false;
  for (const auto& segment : segments) {
    for (const auto pool : kPoolSegments) {
      if (segment == pool) return true;
    }
  }
  return false;
}

bool is_datasource_setting_key(std::string_view canonical_key) {
  if (!(canonical_key.starts_with("spring.datasource.") || canonical_key.starts_with("spring.data.mongodb.") ||
        canonical_key.starts_with("spring.data.redis.") || canonical_key.starts_with("spring.redis.") ||
        canonical_key.starts_with("spring.r2dbc.") || canonical_key.starts_with("spring.data.cassandra.") ||
        canonical_key.starts_with("spring.cassandra."))) {
    return false;
  }
  if (is_pool_setting_key(canonical_key)) return false;
  const std::string last = last_segment(canonical_key);
  return std::find(kDatasourceSettingSegments.begin(), kDatasourceSettingSegments.end(), last) != kDatasourceSettingSegments.end() ||
         last == "contactpoints" || last == "keyspacename";
}

Engine engine_of_default_port(int port) {
  switch (port) {
    case 5432: return Engine::postgres;
    case 3306: return Engine::mysql;
    case 27017: return Engine::mongodb;
    case 6379: return Engine::redis;
    case 11211: return Engine::memcached;
    case 9042: return Engine::cassandra;
    case 1433: return Engine::sqlserver;
    case 1521: return Engine::oracle;
    default: return Engine::unknown;
  }
}

}  // namespace dbsilo
