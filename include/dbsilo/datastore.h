// What a connection string or a group of datasource properties says about the server it reaches.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dbsilo {

enum class Engine {
  unknown,
  postgres,
  mysql,
  mariadb,
  sqlserver,
  oracle,
  db2,
  h2,
  hsqldb,
  sqlite,
  derby,
  mongodb,
  redis,
  memcached,
  cassandra,
};

// "postgres", "mysql", ...; "unknown" for Engine::unknown.
std::string_view engine_name(Engine engine);
// Accepts engine names and common aliases ("postgresql", "pg", "mongo", "mssql", ...).
std::optional<Engine> engine_from_name(std::string_view name);
// The port a client uses when none is given; 0 when the engine has none (in-process engines).
int default_port(Engine engine);

// One network address of a server. `host` is canonical (see canonical_host); port 0 = not known.
struct Endpoint {
  std::string host;
  int port = 0;

  auto operator<=>(const Endpoint&) const = default;
  bool operator==(const Endpoint&) const = default;
};

// The server and database a datasource points at. Never holds a password: only a digest,
// used to tell "same credentials" apart and never printed anywhere.
struct ConnectionTarget {
  Engine engine = Engine::unknown;
  std::vector<Endpoint> endpoints;  // several for replica sets / fail-over lists; empty when in-process
  std::string database;             // database, keyspace, Oracle SID/service, Redis db index
  std::string schema;               // e.g. PostgreSQL currentSchema; empty when not given
  std::string user;
  std::optional<std::uint64_t> password_digest;
  bool in_process = false;          // h2 mem/file, hsqldb mem/file, sqlite, derby embedded, :memory:
  bool dns_seed_list = false;       // mongodb+srv: the host names a DNS SRV record, not a server

  bool operator==(const ConnectionTarget&) const = default;
};

}  // namespace dbsilo
