// Framework knowledge about datasource settings: which keys name a server, a user, a pool.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/datastore.h"

namespace dbsilo {

// A group of properties that together describe one connection, e.g. spring.data.mongodb.*.
// Keys are canonical (lower case, no '-' or '_', see canonical_property_key).
struct ComponentGroup {
  std::string_view prefix;
  Engine engine;
  std::vector<std::string_view> url_keys;
  std::vector<std::string_view> host_keys;
  std::vector<std::string_view> port_keys;
  std::vector<std::string_view> database_keys;
  std::vector<std::string_view> user_keys;
  std::vector<std::string_view> password_keys;
  std::vector<std::string_view> schema_keys;
};

// Spring Boot's groups (spring.datasource, spring.data.mongodb, spring.data.redis, ...).
const std::vector<ComponentGroup>& spring_component_groups();

// Engine hinted by a variable prefix such as "postgres", "mongodb", "redis" ("db" -> unknown).
std::optional<Engine> engine_hint_of_prefix(std::string_view canonical_prefix);

// True when a canonical key's last segment names a host ("host", "hostname", "server", "addr").
// Generic groups like DB_HOST / POSTGRES_HOST / PGHOST are built from these.
bool is_generic_host_key(std::string_view canonical_key, std::string& prefix_out);
std::vector<std::string> generic_port_keys(std::string_view prefix);
std::vector<std::string> generic_database_keys(std::string_view prefix);
std::vector<std::string> generic_user_keys(std::string_view prefix);

// Pool settings: spring.datasource.hikari.*, .tomcat.*, .dbcp2.*, .oracleucp.*, r2dbc pool,
// and generic *.pool.size / maximum-pool-size keys.
bool is_pool_setting_key(std::string_view canonical_key);

// Keys that define a connection (url, host, port, database, username, driver) under a
// datasource prefix; used to find datasource settings in shared files.
bool is_datasource_setting_key(std::string_view canonical_key);

// Engine by the port a generic group uses (5432 -> postgres, ...), when nothing else says.
Engine engine_of_default_port(int port);

}  // namespace dbsilo
