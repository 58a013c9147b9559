// Tables of JDBC subprotocols, URI schemes, transports and parameter names the readers consult.
#include <algorithm>
#include <array>

#include "dbsilo/text.h"
#include "languages/datastore/connection_parts.h"

namespace dbsilo::connection_parts {
namespace {

using Shape = JdbcShape;

// Sorted by prefix. The longest matching prefix wins, so "mysql:loadbalance:" beats "mysql:".
constexpr std::array jdbc_subprotocols{
    JdbcSubprotocol{"aws-wrapper:", Engine::unknown, Shape::wrapper, false},  // AWS Advanced JDBC Wrapper
    JdbcSubprotocol{"db2:", Engine::db2, Shape::db2, false},
    JdbcSubprotocol{"derby:", Engine::derby, Shape::embedded_or_server, false},
    JdbcSubprotocol{"h2:", Engine::h2, Shape::embedded_or_server, false},
    JdbcSubprotocol{"hsqldb:", Engine::hsqldb, Shape::embedded_or_server, false},
    JdbcSubprotocol{"jtds:sqlserver:", Engine::sqlserver, Shape::jtds, false},
    JdbcSubprotocol{"log4jdbc:", Engine::unknown, Shape::wrapper, false},
    JdbcSubprotocol{"mariadb:", Engine::mariadb, Shape::network_url, false},
    JdbcSubprotocol{"mariadb:aurora:", Engine::mariadb, Shape::network_url, false},
    JdbcSubprotocol{"mariadb:failover:", Engine::mariadb, Shape::network_url, false},
    JdbcSubprotocol{"mariadb:loadbalance:", Engine::mariadb, Shape::network_url, false},
    JdbcSubprotocol{"mariadb:replication:", Engine::mariadb, Shape::network_url, false},
    JdbcSubprotocol{"mariadb:sequential:", Engine::mariadb, Shape::network_url, false},
    JdbcSubprotocol{"mysql+srv:", Engine::mysql, Shape::network_url, true},
    JdbcSubprotocol{"mysql+srv:loadbalance:", Engine::mysql, Shape::network_url, true},
    JdbcSubprotocol{"mysql+srv:replication:", Engine::mysql, Shape::network_url, true},
    JdbcSubprotocol{"mysql:", Engine::mysql, Shape::network_url, false},
    JdbcSubprotocol{"mysql:aws:", Engine::mysql, Shape::network_url, false},  // AWS JDBC Driver for MySQL
    JdbcSubprotocol{"mysql:loadbalance:", Engine::mysql, Shape::network_url, false},
    JdbcSubprotocol{"mysql:replication:", Engine::mysql, Shape::network_url, false},
    JdbcSubprotocol{"oracle:oci8:", Engine::oracle, Shape::oracle, false},
    JdbcSubprotocol{"oracle:oci:", Engine::oracle, Shape::oracle, false},
    JdbcSubprotocol{"oracle:thin:", Engine::oracle, Shape::oracle, false},
    JdbcSubprotocol{"otel:", Engine::unknown, Shape::wrapper, false},  // OpenTelemetry JDBC instrumentation
    JdbcSubprotocol{"p6spy:", Engine::unknown, Shape::wrapper, false},
    JdbcSubprotocol{"pgsql:", Engine::postgres, Shape::network_url, false},  // pgjdbc-ng
    JdbcSubprotocol{"postgresql:", Engine::postgres, Shape::postgres, false},
    JdbcSubprotocol{"sqlite:", Engine::sqlite, Shape::sqlite, false},
    JdbcSubprotocol{"sqlserver:", Engine::sqlserver, Shape::sqlserver, false},
    JdbcSubprotocol{"tc:", Engine::unknown, Shape::testcontainers, false},  // engine comes from the image
};
static_assert(std::ranges::is_sorted(jdbc_subprotocols, {}, &JdbcSubprotocol::prefix));

using Path = UriPath;

// Sorted by scheme. SQLAlchemy-style "postgresql+psycopg2" falls back to the part before '+'.
constexpr std::array uri_schemes{
    UriScheme{"cassandra", Engine::cassandra, 0, Path::database, false, false, false},
    UriScheme{"mariadb", Engine::mariadb, 0, Path::database, false, false, false},
    UriScheme{"memcache", Engine::memcached, 0, Path::database, false, false, false},
    UriScheme{"memcached", Engine::memcached, 0, Path::database, false, false, false},
    UriScheme{"mongodb", Engine::mongodb, 0, Path::database, false, false, false},
    UriScheme{"mongodb+srv", Engine::mongodb, 0, Path::database, true, false, false},
    UriScheme{"mssql", Engine::sqlserver, 0, Path::database, false, false, false},
    UriScheme{"mysql", Engine::mysql, 0, Path::database, false, false, false},
    UriScheme{"oracle", Engine::oracle, 0, Path::database, false, false, false},
    UriScheme{"postgres", Engine::postgres, 0, Path::database, false, false, true},
    UriScheme{"postgresql", Engine::postgres, 0, Path::database, false, false, true},
    UriScheme{"redis", Engine::redis, 0, Path::database, false, true, false},
    UriScheme{"redis-sentinel", Engine::redis, 26379, Path::database, false, true, false},  // Lettuce
    UriScheme{"rediss", Engine::redis, 0, Path::database, false, true, false},
    UriScheme{"rediss-sentinel", Engine::redis, 26379, Path::database, false, true, false},
    UriScheme{"sqlserver", Engine::sqlserver, 0, Path::sqlserver_instance, false, false, false},  // go-mssqldb
};
static_assert(std::ranges::is_sorted(uri_schemes, {}, &UriScheme::scheme));

// Transports of the engines that run both in-process and as a server. In-process prefixes are
// stripped from the database name; a body matching none is an in-process file path.
constexpr std::array transports{
    Transport{Engine::h2, "tcp://", true, 9092},
    Transport{Engine::h2, "ssl://", true, 9092},
    Transport{Engine::h2, "mem:", false, 0},
    Transport{Engine::h2, "file:", false, 0},
    Transport{Engine::hsqldb, "hsql://", true, 9001},
    Transport{Engine::hsqldb, "hsqls://", true, 554},  // HyperSQL's documented defaults per protocol
    Transport{Engine::hsqldb, "http://", true, 80},
    Transport{Engine::hsqldb, "https://", true, 443},
    Transport{Engine::hsqldb, "mem:", false, 0},
    Transport{Engine::hsqldb, "file:", false, 0},
    Transport{Engine::hsqldb, "res:", false, 0},
    Transport{Engine::derby, "//", true, 1527},
    Transport{Engine::derby, "memory:", false, 0},
    Transport{Engine::derby, "directory:", false, 0},
    Transport{Engine::derby, "classpath:", false, 0},
    Transport{Engine::derby, "jar:", false, 0},
};

struct NamedRole {
  std::string_view key;  // lower case
  ParameterRole role;
};

using Role = ParameterRole;

// Sorted by key. Keys not listed (sslmode, authSource, TC_INITSCRIPT, trustStorePassword, ...)
// are ignored, and so are never stored: secrets under other names cannot leak through here.
constexpr std::array parameter_roles{
    NamedRole{"currentschema", Role::schema},  // pgjdbc, db2
    NamedRole{"database", Role::database},     // SQL Server, go-mssqldb, Lettuce
    NamedRole{"databasename", Role::database}, // SQL Server, Derby
    NamedRole{"dbname", Role::database},       // libpq
    NamedRole{"failoverpartner", Role::failover_partner},
    NamedRole{"host", Role::host},
    NamedRole{"hostaddr", Role::hostaddr},
    NamedRole{"instance", Role::instance},     // jTDS
    NamedRole{"instancename", Role::instance}, // SQL Server
    NamedRole{"options", Role::postgres_options},
    NamedRole{"password", Role::password},
    NamedRole{"port", Role::port},
    NamedRole{"portnumber", Role::port},
    NamedRole{"pwd", Role::password},
    NamedRole{"schema", Role::schema},         // h2 SCHEMA=
    NamedRole{"search_path", Role::schema},    // pgx passes it as a run-time parameter
    NamedRole{"servername", Role::host},
    NamedRole{"service", Role::service},
    NamedRole{"uid", Role::user},
    NamedRole{"user", Role::user},
    NamedRole{"username", Role::user},
};
static_assert(std::ranges::is_sorted(parameter_roles, {}, &NamedRole::key));

// Sorted. Every keyword libpq accepts (PostgreSQL 12-18); anything else makes the text not libpq.
constexpr auto libpq_keywords = std::to_array<std::string_view>({
    "application_name", "channel_binding", "client_encoding", "connect_timeout", "dbname",
    "fallback_application_name", "gssdelegation", "gssencmode", "gsslib", "host", "hostaddr",
    "keepalives", "keepalives_count", "keepalives_idle", "keepalives_interval", "krbsrvname",
    "load_balance_hosts", "max_protocol_version", "min_protocol_version", "oauth_client_id",
    "oauth_client_secret", "oauth_issuer", "oauth_scope", "options", "passfile", "password", "port",
    "replication", "require_auth", "requirepeer", "requiressl", "scram_client_key",
    "scram_server_key", "service", "servicefile", "ssl_max_protocol_version",
    "ssl_min_protocol_version", "sslcert", "sslcertmode", "sslcompression", "sslcrl", "sslcrldir",
    "sslkey", "sslkeylogfile", "sslmode", "sslnegotiation", "sslpassword", "sslrootcert", "sslsni",
    "target_session_attrs", "tcp_user_timeout", "user",
});
static_assert(std::ranges::is_sorted(libpq_keywords));

}  // namespace

const JdbcSubprotocol* find_jdbc_subprotocol(std::string_view after_jdbc) {
  const JdbcSubprotocol* longest = nullptr;
  for (const JdbcSubprotocol& candidate : jdbc_subprotocols) {
    if (!starts_with_icase(after_jdbc, candidate.prefix)) continue;
    if (!longest || candidate.prefix.size() > longest->prefix.size()) longest = &candidate;
  }
  return longest;
}

const UriScheme* find_uri_scheme(std::string_view scheme) {
  const std::string lowered = to_lower(scheme);
  const auto found = std::ranges::lower_bound(uri_schemes, std::string_view(lowered), {}, &UriScheme::scheme);
  return found != uri_schemes.end() && found->scheme == lowered ? &*found : nullptr;
}

const Transport* find_transport(Engine engine, std::string_view body) {
  const auto found = std::ranges::find_if(transports, [&](const Transport& transport) {
    return transport.engine == engine && starts_with_icase(body, transport.prefix);
  });
  return found == transports.end() ? nullptr : &*found;
}

ParameterRole parameter_role(std::string_view key) {
  const std::string lowered = to_lower(trim(key));
  const auto found = std::ranges::lower_bound(parameter_roles, std::string_view(lowered), {}, &NamedRole::key);
  return found != parameter_roles.end() && found->key == lowered ? found->role : Role::ignored;
}

bool is_libpq_keyword(std::string_view key) { return std::ranges::binary_search(libpq_keywords, key); }

}  // namespace dbsilo::connection_parts
