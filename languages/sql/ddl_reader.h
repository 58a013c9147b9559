// DDL and migration readers: CREATE TABLE, foreign keys and databases from .sql files and Liquibase changelogs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/facts.h"
#include "dbsilo/location.h"

namespace dbsilo {

struct DdlFacts {
  std::vector<TableDefinitionFact> tables;
  std::vector<ForeignKeyFact> foreign_keys;
  std::vector<std::string> databases;  // CREATE DATABASE names, in file order
};

// Statements larger than this are skipped with a warning; whole files larger than this are not read.
inline constexpr std::size_t kMaxDdlFileBytes = 64u * 1024u * 1024u;

// A SQL script (Flyway db/migration/V1__x.sql, schema.sql, ...). Each statement goes through
// libpg_query first and through a token reader when that fails (MySQL DDL: ENGINE=, AUTO_INCREMENT,
// KEY lines). Function bodies in dollar quotes are one statement and define nothing.
// `USE db` (MySQL, where a database is a schema) becomes the schema of later tables and referenced
// tables written without one. Locations: the CREATE keyword of a table, the referenced name of a key.
DdlFacts read_sql_ddl(std::string_view text, const std::string& path, std::vector<Warning>& warnings);

// *.sql files: migrations, schema.sql, data.sql, changelog folders.
bool is_sql_migration_path(std::string_view path);

// A Liquibase changelog in XML, YAML or JSON: createTable, addForeignKeyConstraint, column
// `references`, and `sql` changes (read as SQL DDL).
DdlFacts read_liquibase_changelog(std::string_view text, const std::string& path, std::vector<Warning>& warnings);

// An .xml/.yaml/.yml/.json file named like a changelog or holding `databaseChangeLog`.
bool is_liquibase_changelog(std::string_view path, std::string_view text);

}  // namespace dbsilo
