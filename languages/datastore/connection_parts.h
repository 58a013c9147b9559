// Internal building blocks shared by the JDBC, URI and libpq readers; not part of the public API.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/datastore.h"
#include "dbsilo/text.h"  // iequals

namespace dbsilo::connection_parts {

// ---- Catalogues (connection_catalog.cpp): framework knowledge lives in tables, not in code. ----

// How the text after a JDBC subprotocol is laid out.
enum class JdbcShape {
  postgres,            // //hosts/db?k=v, a bare database name, or "/"
  network_url,         // //[user:pass@]hosts[/db][?k=v&...]
  sqlserver,           // //host[\instance][:port][;k=v]...
  jtds,                // //host[:port][/db][;k=v]...
  oracle,              // [user/pass]@address (EZConnect or DESCRIPTION)
  db2,                 // //host:port/db[:k=v;...] or a catalogued alias
  embedded_or_server,  // h2, hsqldb, derby: a transport prefix decides (see find_transport)
  sqlite,              // a path or :memory:
  testcontainers,      // <image>[:tag]://[host]/db
  wrapper,             // a proxy driver (p6spy, log4jdbc, ...) followed by the real subprotocol
};

struct JdbcSubprotocol {
  std::string_view prefix;  // after "jdbc:", lower case, ends with ':'
  Engine engine;
  JdbcShape shape;
  bool dns_seed_list;       // mysql+srv: the host names a DNS SRV record
};
// The longest catalogued prefix of `after_jdbc` (case-insensitive); nullptr when none.
const JdbcSubprotocol* find_jdbc_subprotocol(std::string_view after_jdbc);

// What the path of a URI names.
enum class UriPath { database, sqlserver_instance };

struct UriScheme {
  std::string_view scheme;         // lower case
  Engine engine;
  int port_when_missing;           // 0: default_port(engine)
  UriPath path;
  bool dns_seed_list;              // mongodb+srv
  bool lone_userinfo_is_password;  // redis://secret@host: Jedis and Lettuce read it as a password
  bool hostless_means_local;       // postgresql:///db: libpq then uses the local Unix socket
};
// Exact (case-insensitive) scheme; nullptr when none.
const UriScheme* find_uri_scheme(std::string_view scheme);

// A transport prefix at the start of an h2/hsqldb/derby JDBC body.
struct Transport {
  Engine engine;
  std::string_view prefix;  // lower case
  bool networked;           // false: the database lives inside the client process
  int port_when_missing;    // networked only
};
// The catalogued transport `body` starts with (case-insensitive); nullptr when none.
const Transport* find_transport(Engine engine, std::string_view body);

// What a key in a query string, a ;k=v property list or a libpq string means.
enum class ParameterRole {
  ignored,
  user,
  password,
  database,
  schema,
  postgres_options,  // libpq "options": may set search_path
  host,              // overrides the address part (libpq host=, SQL Server serverName=)
  hostaddr,          // libpq numeric address: used only when no host name is given
  port,
  instance,          // SQL Server named instance
  failover_partner,  // SQL Server mirror: a second endpoint of the same database
  service,           // libpq service file entry: the host is not in the text
};
ParameterRole parameter_role(std::string_view key);  // case-insensitive

// libpq keywords are case-sensitive and lower case.
bool is_libpq_keyword(std::string_view key);

// ---- Text scanning (connection_text.cpp) ----

// Groups a scan steps over, so separators inside them are not seen.
namespace nesting {
inline constexpr unsigned placeholders = 1;  // ${...}
inline constexpr unsigned braces = 2;        // {...} (SQL Server braced values; also covers ${...})
inline constexpr unsigned parens = 4;        // (...) (MySQL key-value hosts, Oracle DESCRIPTION)
inline constexpr unsigned brackets = 8;      // [...] (IPv6 literals, MySQL host sub-lists)
}  // namespace nesting

// First position of any of `targets` outside the groups in `nesting`; npos when none.
std::size_t find_top_level(std::string_view text, std::string_view targets, unsigned nesting);
// Every position of `target` outside the groups in `nesting`.
std::vector<std::size_t> top_level_positions(std::string_view text, char target, unsigned nesting);
// Pieces between separators that sit outside the groups in `nesting`.
std::vector<std::string_view> split_top_level(std::string_view text, std::string_view separators,
                                              unsigned nesting);

// SQL Server "k=v;k={v;with;semicolons};k={a}}b}": pieces between top-level ';'. A value that
// starts with '{' runs to the '}' not doubled ("}}" stands for '}').
std::vector<std::string_view> split_braced_properties(std::string_view text);

// 1..65535 written in decimal digits only; nullopt otherwise.
std::optional<int> parse_port(std::string_view text);
// %XX sequences decoded; malformed ones are kept as written.
std::string percent_decode(std::string_view text);
// `text` without one pair of enclosing `open`/`close` characters, if it has them.
std::string_view strip_enclosing(std::string_view text, char open, char close);
// Trimmed, without one layer of matching surrounding quotes; empty when too long to be real.
std::string_view usable_text(std::string_view text);

// ---- Assembling a target (target_draft.cpp) ----

// A server address as written: host text, port text ("" = not given), SQL Server instance.
struct RawAddress {
  std::string host;
  std::string port;
  std::string instance;
};

// Everything read so far; finish_draft() turns it into canonical endpoints.
struct TargetDraft {
  ConnectionTarget target;                      // endpoints are filled by finish_draft()
  int port_when_missing = 0;
  std::vector<RawAddress> addresses;            // from the address part of the text
  std::vector<std::string> parameter_hosts;     // host= / serverName=: replace `addresses`
  std::vector<std::string> parameter_hostaddrs; // libpq hostaddr=: used when no host is named
  std::vector<std::string> parameter_ports;     // port=: one for all, or one per host
  std::string parameter_instance;
  std::vector<RawAddress> failover_addresses;
  bool address_unknown = false;                 // libpq service=: no address means "not known"
};

TargetDraft start_draft(Engine engine, int port_when_missing = 0);

// Stores only the digest; an unresolved placeholder is no secret at all, so it is not stored.
void set_password(ConnectionTarget& target, std::string_view secret);

// How a key/value list is written.
struct ParameterSyntax {
  bool percent_encoded = false;  // URL query strings
  bool braced_values = false;    // SQL Server ';' lists: {a;b} holds a separator
};
void apply_parameter(TargetDraft& draft, std::string_view key, std::string_view value);
void apply_parameter_list(TargetDraft& draft, std::string_view list, char separator,
                          ParameterSyntax syntax);

// "user:pass" (or "pass" alone when `lone_part_is_password`).
void apply_userinfo(TargetDraft& draft, std::string_view userinfo, bool percent_encoded,
                    bool lone_part_is_password);

// "host", "host:port", "[v6]:port", "${VAR}:port", "host\instance:port".
RawAddress read_address(std::string_view item);
// Comma-separated addresses, incl. MySQL "address=(host=h)(port=p)", "(host=h,port=p)", "[h1,h2]".
void add_host_list(TargetDraft& draft, std::string_view hosts, bool percent_encoded);

// The parts of "[userinfo@]hosts[/path][?query][#fragment]" (the text after "//").
struct UrlParts {
  std::string_view userinfo;
  std::string_view hosts;
  std::string_view path;  // without its leading '/'
  std::string_view query;
  bool has_path = false;
};
UrlParts split_url(std::string_view after_slashes);

// SQL Server's "host[\instance][:port][;k=v...]" (the text after "//"), shared by JDBC and URIs.
void read_sqlserver_properties_url(TargetDraft& draft, std::string_view after_slashes);

// Canonical endpoints from the addresses, parameters and defaults gathered.
ConnectionTarget finish_draft(TargetDraft draft);

}  // namespace dbsilo::connection_parts
