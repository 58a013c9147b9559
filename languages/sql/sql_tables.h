// Tables a SQL text uses (libpg_query, with a token fallback) and entity names in JPQL/HQL.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/facts.h"

namespace dbsilo {

using TableUse = SqlTableFact;

struct SqlAnalysis {
  bool parsed = false;  // true when libpg_query accepted the (normalised) text; false = token scan
  std::vector<TableUse> tables;  // first-use order, one entry per (schema, name); write if any use writes
  std::vector<std::string> created_databases;  // CREATE DATABASE x
  std::string used_database;                   // the last `USE x` (MySQL)
};

// Texts larger than this are not analysed (an empty, unparsed analysis comes back).
inline constexpr std::size_t kMaxSqlStatementBytes = 1024u * 1024u;

// Stands where a name could not be known: a `${...}` or `?` placeholder in a table position
// (after FROM, JOIN, INTO, UPDATE, TABLE). Front ends that fold string concatenation may put
// `?` where an unknown expression stood; a table whose name holds the marker is dropped, a
// schema holding it is cleared.
inline constexpr std::string_view kUnresolvedNameMarker = "dbsilo_unresolved";

// Rewrites JDBC/MySQL/JPQL-flavoured SQL so libpg_query accepts it, keeping every line break:
// `x` -> "x"; ? -> $1, $2, ...; ?N -> $N; :name and #{name} -> $n (one number per name);
// ${...} -> $n, or kUnresolvedNameMarker in a table position; MySQL `LIMIT a, b` -> `LIMIT b OFFSET a`;
// a trailing ';' dropped. Text inside quotes and comments, `::` casts and array slices are untouched.
std::string normalise_sql_for_postgres(std::string_view sql);

// Tables `sql` reads and writes. CTE names are not tables; several statements are fine.
SqlAnalysis analyse_sql(std::string_view sql);

// JPQL/HQL shape: a leading FROM, SELECT NEW, `SELECT alias FROM Entity alias`, JOIN FETCH,
// JOIN over a path (`JOIN o.items i`), or positional ?1 parameters.
bool looks_like_jpql(std::string_view query);

// Whether a query fact is JPQL/HQL (its API says so, or an unknown text looks like it).
bool is_jpql(const QueryTextFact& query);

// Sets sql_tables of every query that is not JPQL: the extract stage does this once per file.
void analyse_query_tables(std::vector<QueryTextFact>& queries);

// Entity names after FROM, JOIN, UPDATE and DELETE FROM, as written (case-sensitive class names;
// a fully qualified name gives its simple name). Paths over aliases (`JOIN o.items i`) are skipped.
std::vector<std::string> jpql_entity_names(std::string_view jpql);

}  // namespace dbsilo
