// Reads scheme://[user:pass@]hosts[/path][?query] connection URIs of the catalogued schemes.
#include <algorithm>
#include <cctype>

#include "dbsilo/text.h"
#include "languages/datastore/connection_parts.h"
#include "languages/datastore/connection_string.h"

namespace dbsilo {
namespace {

using namespace connection_parts;
constexpr auto npos = std::string_view::npos;

// RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
bool is_scheme(std::string_view text) {
  const auto is_scheme_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
  };
  return !text.empty() && std::isalpha(static_cast<unsigned char>(text.front())) && std::ranges::all_of(text, is_scheme_char);
}

// The catalogued scheme, or for SQLAlchemy's "dialect+driver" ("postgresql+psycopg2") its dialect.
const UriScheme* scheme_of(std::string_view text) {
  if (!is_scheme(text)) return nullptr;
  if (const UriScheme* scheme = find_uri_scheme(text)) return scheme;
  const std::size_t plus = text.find('+');
  return plus == npos ? nullptr : find_uri_scheme(text.substr(0, plus));
}

void read_path(TargetDraft& draft, const UriScheme& scheme, std::string_view path) {
  std::string decoded = percent_decode(path);
  if (decoded.empty()) return;
  if (scheme.path == UriPath::sqlserver_instance) {
    draft.parameter_instance = std::move(decoded);  // go-mssqldb: sqlserver://host/instance
  } else {
    draft.target.database = std::move(decoded);
  }
}

std::optional<ConnectionTarget> read_uri(const UriScheme& scheme, std::string_view after_slashes) {
  TargetDraft draft = start_draft(scheme.engine, scheme.port_when_missing);
  draft.target.dns_seed_list = scheme.dns_seed_list;
  // "sqlserver://host;databaseName=x": the JDBC property layout written without "jdbc:".
  if (scheme.engine == Engine::sqlserver && find_top_level(after_slashes, ";", nesting::braces) != npos) {
    read_sqlserver_properties_url(draft, after_slashes);
    return finish_draft(std::move(draft));
  }
  const UrlParts parts = split_url(after_slashes);
  apply_userinfo(draft, parts.userinfo, true, scheme.lone_userinfo_is_password);
  add_host_list(draft, parts.hosts, true);
  if (parts.has_path) read_path(draft, scheme, parts.path);
  apply_parameter_list(draft, parts.query, '&', {.percent_encoded = true});
  const bool has_host = !draft.addresses.empty() || !draft.parameter_hosts.empty();
  if (!has_host && !scheme.hostless_means_local) return std::nullopt;
  // A DNS seed list names exactly one SRV record; drivers reject anything else.
  if (scheme.dns_seed_list && draft.addresses.size() != 1) return std::nullopt;
  return finish_draft(std::move(draft));
}

}  // namespace

std::optional<ConnectionTarget> parse_connection_uri(std::string_view text) {
  text = usable_text(text);
  const std::size_t separator = text.find("://");
  if (separator == npos) return std::nullopt;
  const UriScheme* scheme = scheme_of(text.substr(0, separator));
  if (!scheme) return std::nullopt;
  return read_uri(*scheme, text.substr(separator + 3));
}

}  // namespace dbsilo
