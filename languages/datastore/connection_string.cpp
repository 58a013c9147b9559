// The connection-string front end: tries each known shape in turn on one piece of text.
#include "languages/datastore/connection_string.h"

#include "languages/datastore/connection_parts.h"

namespace dbsilo {

std::optional<ConnectionTarget> parse_connection_string(std::string_view text) {
  text = connection_parts::usable_text(text);
  if (text.empty()) return std::nullopt;
  // Most specific first: a JDBC URL also reads as a URI-ish text, and both hold '='.
  if (auto target = parse_jdbc_url(text)) return target;
  if (auto target = parse_connection_uri(text)) return target;
  if (auto target = parse_libpq_keywords(text)) return target;
  return parse_adonet_keywords(text);
}

}  // namespace dbsilo
