// Fuzz target: the SQL table extractor (normalisation for libpg_query, pg_query parse and the
// token fallback), JPQL entity names, and the DDL reader over whole .sql files.
#include <vector>

#include "fuzz/fuzz_support.h"
#include "languages/sql/ddl_reader.h"
#include "languages/sql/sql_tables.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [selector, text] = dbsilo::fuzz::split_selector(dbsilo::fuzz::as_text(data, size));
  if (selector % 4 == 3) {
    std::vector<dbsilo::Warning> warnings;
    (void)dbsilo::read_sql_ddl(text, "db/migration/V1__init.sql", warnings);
    return 0;
  }
  (void)dbsilo::normalise_sql_for_postgres(text);
  (void)dbsilo::analyse_sql(text);
  if (dbsilo::looks_like_jpql(text)) (void)dbsilo::jpql_entity_names(text);
  return 0;
}
