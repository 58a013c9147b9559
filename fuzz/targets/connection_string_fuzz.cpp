// Fuzz target: connection-string recognition (JDBC URLs of every engine, URIs incl. MongoDB
// replica sets and +srv, libpq keywords, ADO.NET keywords) and host canonicalisation.
#include "fuzz/fuzz_support.h"
#include "languages/datastore/connection_string.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = dbsilo::fuzz::as_text(data, size);
  // The dispatcher tries every shape; the direct calls reach parsers past its cheap pre-checks.
  (void)dbsilo::parse_connection_string(text);
  (void)dbsilo::parse_jdbc_url(text);
  (void)dbsilo::parse_connection_uri(text);
  (void)dbsilo::parse_libpq_keywords(text);
  (void)dbsilo::parse_adonet_keywords(text);
  (void)dbsilo::canonical_host(text);
  (void)dbsilo::host_is_unresolved(text);
  return 0;
}
