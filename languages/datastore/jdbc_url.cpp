// Reads JDBC URLs: the subprotocol catalogue picks the layout, one small reader per layout.
#include "dbsilo/text.h"
#include "languages/datastore/connection_parts.h"
#include "languages/datastore/connection_string.h"

namespace dbsilo {
namespace {

using namespace connection_parts;
using Target = std::optional<ConnectionTarget>;
constexpr auto npos = std::string_view::npos;

// "//[user:pass@]hosts[/db][?k=v&...]": pgjdbc, Connector/J and MariaDB all %-decode.
Target read_network_url(const JdbcSubprotocol& subprotocol, std::string_view body) {
  if (!body.starts_with("//")) return std::nullopt;
  TargetDraft draft = start_draft(subprotocol.engine);
  draft.target.dns_seed_list = subprotocol.dns_seed_list;
  const UrlParts parts = split_url(body.substr(2));
  apply_userinfo(draft, parts.userinfo, true, false);
  add_host_list(draft, parts.hosts, true);
  if (parts.has_path) draft.target.database = percent_decode(parts.path);
  apply_parameter_list(draft, parts.query, '&', {.percent_encoded = true});
  return finish_draft(std::move(draft));
}

// pgjdbc also takes "jdbc:postgresql:db" and "jdbc:postgresql:/": the local server.
Target read_postgres(const JdbcSubprotocol& subprotocol, std::string_view body) {
  if (body.starts_with("//")) return read_network_url(subprotocol, body);
  TargetDraft draft = start_draft(Engine::postgres);
  const std::size_t query = find_top_level(body, "?", nesting::placeholders);
  std::string_view database = body.substr(0, query);
  if (database.starts_with('/')) database.remove_prefix(1);
  draft.target.database = percent_decode(database);
  if (query != npos) apply_parameter_list(draft, body.substr(query + 1), '&', {.percent_encoded = true});
  return finish_draft(std::move(draft));
}

// "//host[\instance][:port][;databaseName=x;user=u;password={p}]", host optional (serverName=).
Target read_sqlserver(std::string_view body) {
  if (!body.starts_with("//")) return std::nullopt;
  TargetDraft draft = start_draft(Engine::sqlserver);
  read_sqlserver_properties_url(draft, body.substr(2));
  return finish_draft(std::move(draft));
}

// jTDS: "//host[:port][/database][;instance=x;user=u;password=p]".
Target read_jtds(std::string_view body) {
  if (!body.starts_with("//")) return std::nullopt;
  TargetDraft draft = start_draft(Engine::sqlserver);
  const std::string_view url = body.substr(2);
  const std::size_t semicolon = find_top_level(url, ";", nesting::placeholders);
  const UrlParts parts = split_url(url.substr(0, semicolon));
  add_host_list(draft, parts.hosts, false);
  if (parts.has_path) draft.target.database = parts.path;
  if (semicolon != npos) apply_parameter_list(draft, url.substr(semicolon + 1), ';', {});
  return finish_draft(std::move(draft));
}

// Oracle "(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=h)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=s)))":
// every ADDRESS gives an endpoint, in any key order; the first SERVICE_NAME or SID names the database.
void read_oracle_description(TargetDraft& draft, std::string_view description) {
  std::vector<RawAddress> addresses;
  std::size_t at = 0;
  while ((at = description.find('(', at)) != npos) {
    ++at;
    const std::size_t equals = description.find_first_of("=()", at);
    if (equals == npos) break;
    if (description[equals] != '=') {
      at = equals;
      continue;
    }
    const std::string key = to_lower(trim(description.substr(at, equals - at)));
    const std::size_t value_start = description.find_first_not_of(" \t\r\n", equals + 1);
    if (value_start == npos) break;
    if (description[value_start] == '(') {  // a group such as ADDRESS=( ... ): its keys follow
      if (key == "address") addresses.emplace_back();
      at = value_start;
      continue;
    }
    const std::size_t value_end = description.find_first_of("()", value_start);
    const std::string value(trim(description.substr(value_start, value_end == npos ? npos : value_end - value_start)));
    if ((key == "host" || key == "port") && addresses.empty()) addresses.emplace_back();
    if (key == "host") addresses.back().host = value;
    if (key == "port") addresses.back().port = value;
    if ((key == "service_name" || key == "sid") && draft.target.database.empty()) draft.target.database = value;
    at = value_start;
  }
  for (RawAddress& address : addresses) {
    if (!address.host.empty()) draft.addresses.push_back(std::move(address));
  }
  // Nothing but IPC addresses (or garbage): no TCP server is named, so none is claimed.
  if (draft.addresses.empty()) draft.address_unknown = true;
}

// EZConnect: "[//]host[:port][/service][:server][?k=v]", "host:port:SID", "tcps://h1,h2:port/svc".
void read_oracle_ezconnect(TargetDraft& draft, std::string_view address) {
  for (const std::string_view scheme : {"tcps://", "tcp://", "//"}) {
    if (starts_with_icase(address, scheme)) address.remove_prefix(scheme.size());
  }
  address = address.substr(0, find_top_level(address, "?", nesting::placeholders));
  const unsigned groups = nesting::placeholders | nesting::brackets;
  std::string_view hosts = address;
  if (const std::size_t slash = find_top_level(address, "/", groups); slash != npos) {
    hosts = address.substr(0, slash);
    const std::string_view service = address.substr(slash + 1);
    draft.target.database = service.substr(0, find_top_level(service, ":/", groups));
  } else if (const std::vector<std::size_t> colons = top_level_positions(address, ':', groups); colons.size() >= 2) {
    hosts = address.substr(0, colons.back());  // host:port:SID
    draft.target.database = address.substr(colons.back() + 1);
  }
  add_host_list(draft, hosts, false);
}

// "[user/password]@address"; a quoted password may hold '@' or '/'.
Target read_oracle(std::string_view body) {
  const std::vector<std::size_t> ats = top_level_positions(body, '@', nesting::placeholders | nesting::parens);
  if (ats.empty()) return std::nullopt;
  TargetDraft draft = start_draft(Engine::oracle);
  const std::string_view credentials = body.substr(0, ats.back());
  if (!credentials.empty()) {
    const std::size_t slash = find_top_level(credentials, "/", nesting::placeholders);
    draft.target.user = strip_enclosing(trim(credentials.substr(0, slash)), '"', '"');
    if (slash != npos) set_password(draft.target, strip_enclosing(trim(credentials.substr(slash + 1)), '"', '"'));
  }
  const std::string_view address = trim(body.substr(ats.back() + 1));
  if (address.empty()) return std::nullopt;
  if (address.starts_with('(')) {
    read_oracle_description(draft, address);
  } else {
    read_oracle_ezconnect(draft, address);
  }
  return finish_draft(std::move(draft));
}

// "//host:port/db[:k=v;k=v;]" or a database alias catalogued on the client ("jdbc:db2:SAMPLE").
Target read_db2(std::string_view body) {
  TargetDraft draft = start_draft(Engine::db2);
  std::string_view database_and_properties = body;
  if (body.starts_with("//")) {
    const UrlParts parts = split_url(body.substr(2));
    add_host_list(draft, parts.hosts, false);
    database_and_properties = parts.path;
  } else {
    draft.address_unknown = true;  // the catalogue entry, not the text, says where the server is
  }
  const std::size_t colon = find_top_level(database_and_properties, ":", nesting::placeholders);
  draft.target.database = database_and_properties.substr(0, colon);
  if (colon != npos) apply_parameter_list(draft, database_and_properties.substr(colon + 1), ';', {});
  if (draft.address_unknown && draft.target.database.empty()) return std::nullopt;
  return finish_draft(std::move(draft));
}

// h2, hsqldb, derby: a catalogued transport says server or in-process; ";k=v" settings follow.
Target read_embedded_or_server(const JdbcSubprotocol& subprotocol, std::string_view body) {
  const Transport* transport = find_transport(subprotocol.engine, body);
  const std::size_t semicolon = find_top_level(body, ";", nesting::placeholders);
  std::string_view location = body.substr(0, semicolon);
  if (!transport && location.empty()) return std::nullopt;
  TargetDraft draft = start_draft(subprotocol.engine, transport ? transport->port_when_missing : 0);
  if (transport) location.remove_prefix(transport->prefix.size());
  if (transport && transport->networked) {
    const std::size_t slash = find_top_level(location, "/", nesting::placeholders | nesting::brackets);
    add_host_list(draft, location.substr(0, slash), false);
    if (slash != npos) draft.target.database = location.substr(slash + 1);
  } else {
    draft.target.in_process = true;
    draft.target.database = location;
  }
  if (semicolon != npos) apply_parameter_list(draft, body.substr(semicolon + 1), ';', {});
  return finish_draft(std::move(draft));
}

// "jdbc:sqlite:path", "jdbc:sqlite::memory:", "jdbc:sqlite:" (in memory too).
Target read_sqlite(std::string_view body) {
  TargetDraft draft = start_draft(Engine::sqlite);
  draft.target.in_process = true;
  const std::string_view path = body.substr(0, find_top_level(body, "?", nesting::placeholders));
  draft.target.database = path.empty() ? ":memory:" : path;
  return finish_draft(std::move(draft));
}

// "jdbc:tc:postgresql:15:///db?TC_INITSCRIPT=...": a throw-away container the test starts, so
// private to that process; the host part, if any, is ignored by Testcontainers.
Target read_testcontainers(std::string_view body) {
  const std::optional<Engine> engine = engine_from_name(body.substr(0, body.find_first_of(":/")));
  const std::size_t slashes = body.find("//");
  if (!engine || slashes == npos) return std::nullopt;
  TargetDraft draft = start_draft(*engine);
  draft.target.in_process = true;
  const UrlParts parts = split_url(body.substr(slashes + 2));
  draft.target.database = percent_decode(parts.path.substr(0, parts.path.find(';')));
  apply_parameter_list(draft, parts.query, '&', {.percent_encoded = true});
  return finish_draft(std::move(draft));
}

Target read_after_jdbc(std::string_view after_jdbc, bool inside_wrapper) {
  const JdbcSubprotocol* subprotocol = find_jdbc_subprotocol(after_jdbc);
  if (!subprotocol) return std::nullopt;
  const std::string_view body = after_jdbc.substr(subprotocol->prefix.size());
  switch (subprotocol->shape) {
    case JdbcShape::postgres: return read_postgres(*subprotocol, body);
    case JdbcShape::network_url: return read_network_url(*subprotocol, body);
    case JdbcShape::sqlserver: return read_sqlserver(body);
    case JdbcShape::jtds: return read_jtds(body);
    case JdbcShape::oracle: return read_oracle(body);
    case JdbcShape::db2: return read_db2(body);
    case JdbcShape::embedded_or_server: return read_embedded_or_server(*subprotocol, body);
    case JdbcShape::sqlite: return read_sqlite(body);
    case JdbcShape::testcontainers: return read_testcontainers(body);
    // "jdbc:p6spy:mysql://...": the real driver's URL follows; one level is all a proxy adds.
    case JdbcShape::wrapper: return inside_wrapper ? std::nullopt : read_after_jdbc(body, true);
  }
  return std::nullopt;
}

}  // namespace

std::optional<ConnectionTarget> parse_jdbc_url(std::string_view text) {
  text = usable_text(text);
  if (!starts_with_icase(text, "jdbc:")) return std::nullopt;
  return read_after_jdbc(text.substr(5), false);
}

}  // namespace dbsilo
