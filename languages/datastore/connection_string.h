// Recognises connection strings by their shape and says which server and database they reach.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "dbsilo/datastore.h"

namespace dbsilo {

// Any shape below; nullopt when `text` is not a connection string. Leading/trailing blanks are
// ignored. Placeholders left in the text (`${DB_HOST}`) are kept verbatim in the host/database.
std::optional<ConnectionTarget> parse_connection_string(std::string_view text);

// jdbc:postgresql, mysql (incl. loadbalance/replication), mariadb, sqlserver (host\instance, ;k=v),
// oracle thin (@host:port:SID, @//host:port/service, @(DESCRIPTION=...), user/pass@...), db2,
// h2 (mem, file, ~/, ./, tcp, ssl), hsqldb (mem, file, res, hsql, hsqls, http), sqlite (incl.
// :memory:), derby (embedded, memory, //host), tc: (Testcontainers: in-process, private).
std::optional<ConnectionTarget> parse_jdbc_url(std::string_view text);

// postgres://, postgresql://, mysql://, mariadb://, mongodb:// (several hosts), mongodb+srv://,
// redis://, rediss://, memcached://, cassandra://, sqlserver://, oracle://.
std::optional<ConnectionTarget> parse_connection_uri(std::string_view text);

// libpq keyword/value strings: `host=db port=5432 dbname=orders user=app password='x y'`.
// Needs at least one of host/hostaddr/dbname/service and only known libpq keywords.
std::optional<ConnectionTarget> parse_libpq_keywords(std::string_view text);

// ADO.NET keyword strings: "Server=tcp:sqldata,1433;Database=Orders;User Id=sa;Password=...",
// "Data Source=...;Initial Catalog=...", Npgsql "Host=...;Port=...;Username=...", MySqlConnector
// "Server=...;Uid=...". Needs a server key and a database or user key.
std::optional<ConnectionTarget> parse_adonet_keywords(std::string_view text);

// Lower-cased host with IPv6 brackets removed; every loopback spelling (localhost, 127.x.x.x,
// ::1, 0:0:0:0:0:0:0:1, localhost.localdomain) becomes "localhost".
std::string canonical_host(std::string_view host);

// True when the host is still a placeholder (${...}, $VAR) or empty: the server is unknown.
bool host_is_unresolved(std::string_view host);

// Digest of a secret for equality tests only; never printed.
std::uint64_t secret_digest(std::string_view secret);

}  // namespace dbsilo
