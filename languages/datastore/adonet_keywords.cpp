// ADO.NET-style "Key=Value;..." connection strings (SQL Server, Npgsql, MySqlConnector).
#include <algorithm>
#include <array>

#include "dbsilo/text.h"
#include "languages/datastore/connection_parts.h"
#include "languages/datastore/connection_string.h"

namespace dbsilo {
namespace {

enum class AdoRole { host, port, database, user, password, postgres_hint, sqlserver_hint, mysql_hint };

struct AdoKeyword {
  std::string_view key;  // lower case, spaces and '_' removed
  AdoRole role;
};

// Sorted by key. Hints say which driver family writes that keyword.
constexpr std::array<AdoKeyword, 24> kAdoKeywords = {{
    {"addr", AdoRole::host},
    {"address", AdoRole::host},
    {"allowuservariables", AdoRole::mysql_hint},
    {"applicationintent", AdoRole::sqlserver_hint},
    {"database", AdoRole::database},
    {"datasource", AdoRole::host},
    {"encrypt", AdoRole::sqlserver_hint},
    {"host", AdoRole::host},
    {"includeerrordetail", AdoRole::postgres_hint},
    {"initialcatalog", AdoRole::database},
    {"integratedsecurity", AdoRole::sqlserver_hint},
    {"multipleactiveresultsets", AdoRole::sqlserver_hint},
    {"networkaddress", AdoRole::host},
    {"password", AdoRole::password},
    {"port", AdoRole::port},
    {"pwd", AdoRole::password},
    {"searchpath", AdoRole::postgres_hint},
    {"server", AdoRole::host},
    {"trustedconnection", AdoRole::sqlserver_hint},
    {"trustservercertificate", AdoRole::sqlserver_hint},
    {"uid", AdoRole::user},
    {"user", AdoRole::user},
    {"userid", AdoRole::user},
    {"username", AdoRole::user},
}};

std::string normalized_key(std::string_view key) {
  std::string normalized;
  for (char c : to_lower(trim(key))) {
    if (c != ' ' && c != '_') normalized += c;
  }
  return normalized;
}

const AdoKeyword* find_keyword(std::string_view normalized) {
  const auto found = std::lower_bound(kAdoKeywords.begin(), kAdoKeywords.end(), normalized,
                                      [](const AdoKeyword& entry, std::string_view key) { return entry.key < key; });
  return found != kAdoKeywords.end() && found->key == normalized ? &*found : nullptr;
}

bool plausible_key(std::string_view key) {
  const std::string_view trimmed = trim(key);
  return !trimmed.empty() && trimmed.size() <= 40 &&
         std::all_of(trimmed.begin(), trimmed.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '_'; });
}

// "tcp:sqldata,1433", "sqldata\\SQLEXPRESS", "(localdb)\\MSSQLLocalDB", ".", "(local)".
void read_server(std::string_view value, std::string& host, int& port) {
  std::string text(trim(value));
  for (std::string_view prefix : {"tcp:", "np:", "lpc:"}) {
    if (starts_with_icase(text, prefix)) text.erase(0, prefix.size());
  }
  if (const auto comma = text.rfind(','); comma != std::string::npos) {
    if (auto parsed = connection_parts::parse_port(trim(std::string_view(text).substr(comma + 1)))) port = *parsed;
    text.resize(comma);
  }
  const std::string lowered = to_lower(text);
  if (lowered == "." || lowered == "(local)" || lowered.starts_with("(localdb)")) {
    host = "localhost";
    return;
  }
  if (const auto backslash = text.find('\\'); backslash != std::string::npos) {
    host = canonical_host(text.substr(0, backslash)) + "\\" + text.substr(backslash + 1);
    return;
  }
  if (const auto colon = text.rfind(':'); colon != std::string::npos && text.find("${") == std::string::npos && port == 0) {
    if (auto parsed = connection_parts::parse_port(std::string_view(text).substr(colon + 1))) {
      port = *parsed;
      text.resize(colon);
    }
  }
  host = host_is_unresolved(text) ? text : canonical_host(text);
}

}  // namespace

std::optional<ConnectionTarget> parse_adonet_keywords(std::string_view text) {
  text = connection_parts::usable_text(text);
  if (text.find(';') == std::string_view::npos && text.find('=') == std::string_view::npos) return std::nullopt;
  std::string host;
  int port = 0;
  ConnectionTarget target;
  int postgres_hints = 0;
  int sqlserver_hints = 0;
  int mysql_hints = 0;
  bool has_database_or_user = false;
  for (const auto piece : connection_parts::split_braced_properties(text)) {
    if (trim(piece).empty()) continue;
    const auto equals = piece.find('=');
    if (equals == std::string_view::npos || !plausible_key(piece.substr(0, equals))) return std::nullopt;
    const std::string key = normalized_key(piece.substr(0, equals));
    const std::string_view value = connection_parts::strip_enclosing(trim(piece.substr(equals + 1)), '{', '}');
    const AdoKeyword* keyword = find_keyword(key);
    if (!keyword) continue;  // Pooling, Timeout, ...: many more keywords exist; they say nothing here
    switch (keyword->role) {
      case AdoRole::host: read_server(value, host, port); if (key == "host") ++postgres_hints; break;
      case AdoRole::port: if (auto parsed = connection_parts::parse_port(value)) port = *parsed; break;
      case AdoRole::database: target.database = std::string(value); has_database_or_user = true; if (key == "initialcatalog") ++sqlserver_hints; break;
      case AdoRole::user:
        target.user = std::string(value);
        has_database_or_user = true;
        if (key == "username") ++postgres_hints;
        if (key == "userid") ++sqlserver_hints;
        if (key == "uid") ++mysql_hints;
        break;
      case AdoRole::password: connection_parts::set_password(target, value); break;
      case AdoRole::postgres_hint: ++postgres_hints; break;
      case AdoRole::sqlserver_hint: ++sqlserver_hints; break;
      case AdoRole::mysql_hint: ++mysql_hints; break;
    }
  }
  if (host.empty() || !has_database_or_user) return std::nullopt;
  // Npgsql writes Host/Username, MySqlConnector Uid; .NET's SQL Server client is the default.
  Engine engine = Engine::sqlserver;
  if (postgres_hints > sqlserver_hints && postgres_hints >= mysql_hints) engine = Engine::postgres;
  else if (mysql_hints > sqlserver_hints) engine = Engine::mysql;
  if (port == 5432 && sqlserver_hints == 0) engine = Engine::postgres;
  if (port == 3306 && sqlserver_hints == 0) engine = Engine::mysql;
  target.engine = engine;
  target.endpoints.push_back({host, port ? port : default_port(engine)});
  return target;
}

}  // namespace dbsilo
