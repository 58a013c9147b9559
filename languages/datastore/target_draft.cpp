// Assembles a ConnectionTarget from what a reader finds: addresses, parameters and credentials.
#include <algorithm>

#include "dbsilo/text.h"
#include "languages/datastore/connection_parts.h"
#include "languages/datastore/connection_string.h"

namespace dbsilo::connection_parts {
namespace {

constexpr auto npos = std::string_view::npos;

std::string decoded_if(std::string_view text, bool percent_encoded) {
  return percent_encoded ? percent_decode(text) : std::string(text);
}

std::vector<std::string> comma_list(std::string_view value) {
  std::vector<std::string> items;
  for (const std::string_view item : split_top_level(value, ",", nesting::placeholders)) items.emplace_back(trim(item));
  return items;
}

// The first entry of a search path: where an unqualified CREATE TABLE lands, so the schema the
// service owns. Double-quoted identifiers lose their quotes; "$user" is kept as written.
std::string first_schema(std::string_view search_path) {
  const std::vector<std::string_view> entries = split_top_level(search_path, ",", nesting::placeholders);
  return std::string(strip_enclosing(trim(entries.front()), '"', '"'));
}

// libpq "options" such as "-c search_path=s", "-csearch_path=s" or "--search_path=s".
std::optional<std::string> search_path_in_options(std::string_view options) {
  const std::size_t key = to_lower(options).find("search_path");
  if (key == npos) return std::nullopt;
  std::string_view rest = trim(options.substr(key + std::string_view("search_path").size()));
  if (!rest.starts_with('=')) return std::nullopt;
  rest = trim(rest.substr(1));
  const std::string_view value = rest.substr(0, rest.find_first_of(" \t"));
  if (value.empty()) return std::nullopt;
  return first_schema(value);
}

// SQL Server braces a value to let it hold ';' ("{a;b}"); "}}" inside stands for '}'.
std::string unbrace(std::string_view value) {
  if (value.size() < 2 || value.front() != '{' || value.back() != '}') return std::string(value);
  const std::string_view inner = value.substr(1, value.size() - 2);
  std::string plain;
  for (std::size_t at = 0; at < inner.size(); ++at) {
    plain += inner[at];
    if (inner[at] == '}' && at + 1 < inner.size() && inner[at + 1] == '}') ++at;
  }
  return plain;
}

// "host" or "host:port" or "[v6]:port"; no instance. A bare IPv6 literal has several top-level
// colons and then has no port.
RawAddress read_host_port(std::string_view item) {
  item = trim(item);
  if (item.starts_with('[')) {
    const std::size_t close = item.find(']');
    if (close != npos) {
      const std::string_view after = item.substr(close + 1);
      return {std::string(item.substr(1, close - 1)), after.starts_with(':') ? std::string(after.substr(1)) : "", ""};
    }
  }
  const std::vector<std::size_t> colons = top_level_positions(item, ':', nesting::placeholders);
  if (colons.size() != 1) return {std::string(item), "", ""};
  return {std::string(item.substr(0, colons.front())), std::string(item.substr(colons.front() + 1)), ""};
}

// "[h1:3306,h2]" and "[(host=h1),(host=h2)]" group hosts; an IPv6 literal has neither ',' nor '('.
bool is_host_sublist(std::string_view item) {
  if (!item.starts_with('[')) return false;
  const std::size_t close = item.rfind(']');
  return close != npos && item.substr(1, close - 1).find_first_of(",(") != npos;
}

// MySQL "address=(host=h)(port=p)(user=u)" and "(host=h,port=p)": one address and the settings
// that go with it.
void add_key_value_address(TargetDraft& draft, std::string_view groups, bool percent_encoded) {
  RawAddress address;
  for (const std::string_view pair : split_top_level(groups, "(),", nesting::placeholders)) {
    const std::size_t equals = pair.find('=');
    if (equals == npos) continue;
    const std::string_view key = trim(pair.substr(0, equals));
    std::string value = decoded_if(trim(pair.substr(equals + 1)), percent_encoded);
    if (iequals(key, "host")) {
      address.host = std::move(value);
    } else if (iequals(key, "port")) {
      address.port = std::move(value);
    } else {
      apply_parameter(draft, key, value);
    }
  }
  draft.addresses.push_back(std::move(address));
}

void add_host_item(TargetDraft& draft, std::string_view item, bool percent_encoded, bool allow_sublist) {
  item = trim(item);
  if (starts_with_icase(item, "address=")) return add_key_value_address(draft, item.substr(8), percent_encoded);
  if (item.starts_with('(')) return add_key_value_address(draft, item, percent_encoded);
  if (allow_sublist && is_host_sublist(item)) {
    const std::string_view inner = item.substr(1, item.rfind(']') - 1);
    for (const std::string_view piece : split_top_level(inner, ",", nesting::placeholders | nesting::parens | nesting::brackets)) {
      add_host_item(draft, piece, percent_encoded, false);
    }
    return;
  }
  RawAddress address = read_address(item);
  if (percent_encoded) address.host = percent_decode(address.host);
  draft.addresses.push_back(std::move(address));
}

// Where the userinfo ends: the last '@' before the host list. Drivers need '/', '?' and '#' in a
// password %-encoded; when they are not, the first '@' (with no '=' before it, so it is not inside
// a query value) still ends the userinfo, so no piece of the password becomes a database name.
std::size_t userinfo_end(std::string_view after_slashes) {
  const std::size_t authority_end = find_top_level(after_slashes, "/?#", nesting::placeholders);
  const std::size_t last_in_authority = after_slashes.substr(0, authority_end).rfind('@');
  if (last_in_authority != npos) return last_in_authority;
  const std::size_t first = after_slashes.find('@');
  if (first == npos || after_slashes.substr(0, first).find('=') != npos) return npos;
  return first;
}

std::string lowered_unless_placeholder(std::string_view text) {
  return text.find("${") != npos ? std::string(text) : to_lower(text);
}

// libpq and SQL Server let host= / serverName= replace the address part. A numeric hostaddr is
// only the fallback: a name identifies a server across repositories better than an address.
std::vector<RawAddress> chosen_addresses(const TargetDraft& draft) {
  std::vector<RawAddress> addresses = draft.addresses;
  const std::vector<std::string>* named = nullptr;
  if (!draft.parameter_hosts.empty()) {
    named = &draft.parameter_hosts;
  } else if (addresses.empty() && !draft.parameter_hostaddrs.empty()) {
    named = &draft.parameter_hostaddrs;
  }
  if (named) {
    addresses.clear();
    for (const std::string& host : *named) addresses.push_back(read_address(host));
  }
  for (RawAddress& address : addresses) {
    if (address.instance.empty()) address.instance = draft.parameter_instance;
  }
  return addresses;
}

// libpq: one port for every host, or one per host in the same order.
void apply_ports(std::vector<RawAddress>& addresses, const std::vector<std::string>& ports) {
  if (ports.empty()) return;
  for (std::size_t index = 0; index < addresses.size(); ++index) {
    const std::string& port = ports.size() == 1 ? ports.front() : index < ports.size() ? ports[index] : std::string();
    if (!port.empty()) addresses[index].port = port;
  }
}

Endpoint endpoint_of(const RawAddress& address, const TargetDraft& draft) {
  std::string host = canonical_host(address.host);
  if (host.empty()) host = "localhost";  // every client defaults to the local machine
  if (draft.target.dns_seed_list) return {host, 0};  // the SRV records carry the ports
  const std::optional<int> port = parse_port(address.port);
  // A named instance without a port is found through SQL Browser at run time, so its port is not
  // known; the instance stays in the host to keep two instances of one machine apart. With a port
  // the driver ignores the instance, and so do we.
  if (!port && !address.instance.empty()) return {host + "\\" + lowered_unless_placeholder(address.instance), 0};
  return {host, port.value_or(draft.port_when_missing)};
}

}  // namespace

TargetDraft start_draft(Engine engine, int port_when_missing) {
  TargetDraft draft;
  draft.target.engine = engine;
  draft.port_when_missing = port_when_missing != 0 ? port_when_missing : default_port(engine);
  return draft;
}

void set_password(ConnectionTarget& target, std::string_view secret) {
  if (secret.empty() || secret.find("${") != npos) return;
  target.password_digest = secret_digest(secret);
}

void apply_parameter(TargetDraft& draft, std::string_view key, std::string_view value) {
  value = trim(value);
  if (value.empty()) return;
  ConnectionTarget& target = draft.target;
  switch (parameter_role(key)) {
    case ParameterRole::ignored: return;
    case ParameterRole::user: target.user = value; return;
    case ParameterRole::password: set_password(target, value); return;
    case ParameterRole::database: target.database = value; return;
    case ParameterRole::schema: target.schema = first_schema(value); return;
    case ParameterRole::postgres_options:
      // An explicit currentSchema wins over a search_path buried in the options.
      if (const auto schema = search_path_in_options(value); schema && target.schema.empty()) target.schema = *schema;
      return;
    case ParameterRole::host: draft.parameter_hosts = comma_list(value); return;
    case ParameterRole::hostaddr: draft.parameter_hostaddrs = comma_list(value); return;
    case ParameterRole::port: draft.parameter_ports = comma_list(value); return;
    case ParameterRole::instance: draft.parameter_instance = value; return;
    case ParameterRole::failover_partner: draft.failover_addresses.push_back(read_address(value)); return;
    case ParameterRole::service: draft.address_unknown = true; return;
  }
}

void apply_parameter_list(TargetDraft& draft, std::string_view list, char separator, ParameterSyntax syntax) {
  const std::vector<std::string_view> pairs = syntax.braced_values
                                                  ? split_braced_properties(list)
                                                  : split_top_level(list, std::string_view(&separator, 1), nesting::placeholders);
  for (const std::string_view pair : pairs) {
    const std::size_t equals = pair.find('=');
    if (equals == npos) continue;
    const std::string key = decoded_if(pair.substr(0, equals), syntax.percent_encoded);
    std::string value = decoded_if(pair.substr(equals + 1), syntax.percent_encoded);
    if (syntax.braced_values) value = unbrace(trim(value));
    apply_parameter(draft, key, value);
  }
}

void apply_userinfo(TargetDraft& draft, std::string_view userinfo, bool percent_encoded, bool lone_part_is_password) {
  if (userinfo.empty()) return;
  std::size_t colon = find_top_level(userinfo, ":", nesting::placeholders);
  // An unclosed "${" must not hide the separator: the password would then be read as the user.
  if (colon == npos) colon = userinfo.find(':');
  if (colon == npos) {
    if (lone_part_is_password) {
      set_password(draft.target, decoded_if(userinfo, percent_encoded));
    } else {
      draft.target.user = decoded_if(userinfo, percent_encoded);
    }
    return;
  }
  draft.target.user = decoded_if(userinfo.substr(0, colon), percent_encoded);
  set_password(draft.target, decoded_if(userinfo.substr(colon + 1), percent_encoded));
}

RawAddress read_address(std::string_view item) {
  item = trim(item);
  const std::size_t backslash = find_top_level(item, "\\", nesting::placeholders | nesting::brackets);
  if (backslash == npos) return read_host_port(item);
  // SQL Server "host\instance:port": the instance and port read like a host and port.
  RawAddress address = read_host_port(item.substr(0, backslash));
  const RawAddress instance_and_port = read_host_port(item.substr(backslash + 1));
  address.instance = instance_and_port.host;
  if (address.port.empty()) address.port = instance_and_port.port;
  return address;
}

void add_host_list(TargetDraft& draft, std::string_view hosts, bool percent_encoded) {
  if (trim(hosts).empty()) return;
  for (const std::string_view item : split_top_level(hosts, ",", nesting::placeholders | nesting::parens | nesting::brackets)) {
    add_host_item(draft, item, percent_encoded, true);
  }
}

UrlParts split_url(std::string_view after_slashes) {
  UrlParts parts;
  std::string_view rest = after_slashes;
  if (const std::size_t at = userinfo_end(after_slashes); at != npos) {
    parts.userinfo = after_slashes.substr(0, at);
    rest = after_slashes.substr(at + 1);
  }
  const std::size_t hosts_end = find_top_level(rest, "/?#", nesting::placeholders);
  parts.hosts = rest.substr(0, hosts_end);
  if (hosts_end == npos) return parts;
  rest = rest.substr(hosts_end);
  rest = rest.substr(0, find_top_level(rest, "#", nesting::placeholders));
  if (const std::size_t query = find_top_level(rest, "?", nesting::placeholders); query != npos) {
    parts.query = rest.substr(query + 1);
    rest = rest.substr(0, query);
  }
  if (rest.starts_with('/')) {
    parts.has_path = true;
    parts.path = rest.substr(1);
  }
  return parts;
}

void read_sqlserver_properties_url(TargetDraft& draft, std::string_view after_slashes) {
  const std::size_t semicolon = find_top_level(after_slashes, ";", nesting::braces);
  std::string_view address = trim(after_slashes.substr(0, semicolon));
  if (const std::size_t at = address.rfind('@'); at != npos) {
    apply_userinfo(draft, address.substr(0, at), false, false);
    address = address.substr(at + 1);
  }
  if (!address.empty()) draft.addresses.push_back(read_address(address));
  if (semicolon != npos) apply_parameter_list(draft, after_slashes.substr(semicolon + 1), ';', {false, true});
}

ConnectionTarget finish_draft(TargetDraft draft) {
  if (draft.target.in_process) {
    draft.target.endpoints.clear();
    return std::move(draft.target);
  }
  std::vector<RawAddress> addresses = chosen_addresses(draft);
  apply_ports(addresses, draft.parameter_ports);
  addresses.insert(addresses.end(), draft.failover_addresses.begin(), draft.failover_addresses.end());
  if (addresses.empty() && !draft.address_unknown) addresses.emplace_back();
  for (const RawAddress& address : addresses) {
    Endpoint endpoint = endpoint_of(address, draft);
    if (std::ranges::find(draft.target.endpoints, endpoint) == draft.target.endpoints.end()) {
      draft.target.endpoints.push_back(std::move(endpoint));
    }
  }
  return std::move(draft.target);
}

}  // namespace dbsilo::connection_parts
