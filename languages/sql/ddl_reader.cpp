// SQL DDL reader: statements split by the lexer, read through libpg_query, MySQL DDL through tokens.
#include "languages/sql/ddl_reader.h"

#include <array>
#include <cctype>

#include <nlohmann/json.hpp>
#include <pg_query.h>

#include "languages/sql/sql_lexer.h"
#include "languages/sql/sql_tables.h"

namespace dbsilo {

namespace {

using sql::SqlToken;
using sql::SqlTokenKind;
using json = nlohmann::json;

// First words of the statements that can define something; others (INSERT, SELECT...) are skipped unparsed.
constexpr std::array<std::string_view, 3> kDefiningVerbs = {"ALTER", "CREATE", "USE"};
// Words between CREATE and TABLE.
constexpr std::array<std::string_view, 8> kCreateTableModifiers = {"GLOBAL", "LOCAL", "OR",       "REPLACE",
                                                                   "TEMP",   "TEMPORARY", "UNLOGGED", "VOLATILE"};
// Words between TABLE/DATABASE and the name.
constexpr std::array<std::string_view, 4> kIfExistsWords = {"EXISTS", "IF", "NOT", "ONLY"};
// First words of a CREATE TABLE element that is a constraint or an index, not a column.
constexpr std::array<std::string_view, 12> kTableConstraintStarts = {
    "CHECK", "CONSTRAINT", "EXCLUDE", "FOREIGN", "FULLTEXT", "INDEX", "KEY",
    "LIKE",  "PERIOD",     "PRIMARY", "SPATIAL", "UNIQUE"};

bool word_in(std::span<const std::string_view> table, const SqlToken& token) {
  return token.kind == SqlTokenKind::word && sql::in_sorted_table(table, sql::to_upper_ascii(token.text));
}

std::string json_string(const json& object, const char* key) {
  if (!object.is_object()) return "";
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

// The Constraint object of a {"Constraint": {...}} node, when it is a foreign key.
const json* foreign_key_constraint(const json& node) {
  if (!node.is_object()) return nullptr;
  const auto constraint = node.find("Constraint");
  if (constraint == node.end() || json_string(*constraint, "contype") != "CONSTR_FOREIGN") return nullptr;
  const auto pktable = constraint->find("pktable");
  return pktable != constraint->end() && pktable->is_object() ? &*pktable : nullptr;
}

// A dotted name at `at`: (schema, name) and the index after it; name is empty when none stands there.
struct QualifiedName {
  std::string schema;
  std::string name;
  std::size_t end = 0;
};

QualifiedName read_qualified_name(const std::vector<SqlToken>& tokens, std::size_t at) {
  QualifiedName qualified;
  qualified.end = at;
  std::vector<std::string> parts;
  while (at < tokens.size() && sql::is_identifier(tokens[at])) {
    parts.push_back(sql::identifier_name(tokens[at]));
    ++at;
    if (at + 1 < tokens.size() && sql::is_punctuation(tokens[at], '.') && sql::is_identifier(tokens[at + 1])) {
      ++at;
      continue;
    }
    break;
  }
  if (parts.empty()) return qualified;
  qualified.name = parts.back();
  if (parts.size() > 1) qualified.schema = parts[parts.size() - 2];
  qualified.end = at;
  return qualified;
}

class SqlDdlReader {
 public:
  SqlDdlReader(std::string_view script, const std::string& path, std::vector<Warning>& warnings)
      : script_(script), path_(path), warnings_(warnings) {}

  DdlFacts read() {
    for (const sql::SqlStatementText& statement : sql::split_sql_statements(script_)) read_statement(statement);
    return std::move(facts_);
  }

 private:
  void read_statement(const sql::SqlStatementText& statement) {
    if (statement.text.size() > kMaxSqlStatementBytes) {
      warnings_.push_back({location_at(statement.offset), "SQL statement of " + std::to_string(statement.text.size()) +
                                                              " bytes skipped: statements over 1 MB are not read"});
      return;
    }
    const std::vector<SqlToken> tokens = sql::tokenize_sql(statement.text);
    if (tokens.empty() || !word_in(kDefiningVerbs, tokens[0])) return;
    statement_ = statement;
    verb_offset_ = statement.offset + tokens[0].offset;
    if (sql::is_word(tokens[0], "USE")) {
      if (tokens.size() > 1 && sql::is_identifier(tokens[1])) current_database_ = sql::identifier_name(tokens[1]);
      return;
    }
    if (!read_with_pg_query(statement.text)) read_with_tokens(tokens);
  }

  // ---- libpg_query ----

  bool read_with_pg_query(std::string_view statement_text) {
    const std::string normalised = normalise_sql_for_postgres(statement_text);
    PgQueryParseResult result = pg_query_parse(normalised.c_str());
    bool parsed = false;
    if (result.error == nullptr && result.parse_tree != nullptr) {
      const json tree = json::parse(result.parse_tree, nullptr, false);
      if (!tree.is_discarded() && tree.contains("stmts") && tree["stmts"].is_array()) {
        parsed = true;
        for (const json& raw_statement : tree["stmts"]) {
          if (raw_statement.is_object() && raw_statement.contains("stmt")) read_parsed(raw_statement["stmt"], normalised);
        }
      }
    }
    pg_query_free_parse_result(result);
    return parsed;
  }

  void read_parsed(const json& statement, const std::string& normalised) {
    if (!statement.is_object()) return;
    if (const auto create = statement.find("CreateStmt"); create != statement.end()) {
      read_create_statement(*create, normalised);
    } else if (const auto alter = statement.find("AlterTableStmt"); alter != statement.end()) {
      read_alter_statement(*alter, normalised);
    } else if (const auto create_as = statement.find("CreateTableAsStmt"); create_as != statement.end()) {
      if (json_string(*create_as, "objtype") == "OBJECT_TABLE" && create_as->contains("into")) {
        const json& into = (*create_as)["into"];
        if (into.contains("rel")) add_table(json_string(into["rel"], "schemaname"), json_string(into["rel"], "relname"), {});
      }
    } else if (const auto create_database = statement.find("CreatedbStmt"); create_database != statement.end()) {
      const std::string name = json_string(*create_database, "dbname");
      if (!name.empty()) facts_.databases.push_back(name);
    }
  }

  void read_create_statement(const json& create, const std::string& normalised) {
    const json relation = create.value("relation", json::object());
    const std::string table = json_string(relation, "relname");
    if (table.empty()) return;
    std::vector<std::string> columns;
    const json elements = create.value("tableElts", json::array());
    for (const json& element : elements) {
      if (element.contains("ColumnDef")) {
        const json& column = element["ColumnDef"];
        columns.push_back(json_string(column, "colname"));
        for (const json& constraint : column.value("constraints", json::array())) {
          if (const json* referenced = foreign_key_constraint(constraint)) add_parsed_foreign_key(table, *referenced, normalised);
        }
      } else if (const json* referenced = foreign_key_constraint(element)) {
        add_parsed_foreign_key(table, *referenced, normalised);
      }
    }
    add_table(json_string(relation, "schemaname"), table, std::move(columns));
  }

  void read_alter_statement(const json& alter, const std::string& normalised) {
    const std::string table = json_string(alter.value("relation", json::object()), "relname");
    if (table.empty()) return;
    for (const json& command : alter.value("cmds", json::array())) {
      if (!command.contains("AlterTableCmd")) continue;
      const json definition = command["AlterTableCmd"].value("def", json::object());
      if (const json* referenced = foreign_key_constraint(definition)) add_parsed_foreign_key(table, *referenced, normalised);
      if (definition.contains("ColumnDef")) {  // ADD COLUMN x int REFERENCES y
        for (const json& constraint : definition["ColumnDef"].value("constraints", json::array())) {
          if (const json* referenced = foreign_key_constraint(constraint)) add_parsed_foreign_key(table, *referenced, normalised);
        }
      }
    }
  }

  void add_parsed_foreign_key(const std::string& table, const json& referenced, const std::string& normalised) {
    const long location = referenced.value("location", 0L);
    // Normalising keeps every line break, so a line in the normalised statement is a line in the script.
    const std::size_t in_statement = location < 0 ? 0 : static_cast<std::size_t>(location);
    const int line = sql::line_at(script_, statement_.offset) + sql::line_at(normalised, in_statement) - 1;
    const int column = sql::column_at(normalised, in_statement) +
                       (sql::line_at(normalised, in_statement) == 1 ? sql::column_at(script_, statement_.offset) - 1 : 0);
    add_foreign_key(table, json_string(referenced, "schemaname"), json_string(referenced, "relname"), {path_, line, column});
  }

  // ---- token reader (MySQL DDL and anything else libpg_query rejects) ----

  void read_with_tokens(const std::vector<SqlToken>& tokens) {
    std::size_t at = 1;
    if (sql::is_word(tokens[0], "CREATE")) {
      while (at < tokens.size() && word_in(kCreateTableModifiers, tokens[at])) ++at;
      if (at < tokens.size() && sql::is_word(tokens[at], "DATABASE")) {
        const QualifiedName database = read_qualified_name(tokens, skip_if_exists(tokens, at + 1));
        if (!database.name.empty()) facts_.databases.push_back(database.name);
        return;
      }
      if (at >= tokens.size() || !sql::is_word(tokens[at], "TABLE")) return;
      const QualifiedName table = read_qualified_name(tokens, skip_if_exists(tokens, at + 1));
      if (table.name.empty()) return;
      add_table(table.schema, table.name, read_table_elements(tokens, table.end, table.name));
      return;
    }
    // ALTER TABLE [ONLY] [IF EXISTS] name ... REFERENCES other
    if (at >= tokens.size() || !sql::is_word(tokens[at], "TABLE")) return;
    const QualifiedName table = read_qualified_name(tokens, skip_if_exists(tokens, at + 1));
    if (table.name.empty()) return;
    for (std::size_t index = table.end; index < tokens.size(); ++index) {
      if (sql::is_word(tokens[index], "REFERENCES")) add_token_foreign_key(table.name, tokens, index);
    }
  }

  static std::size_t skip_if_exists(const std::vector<SqlToken>& tokens, std::size_t at) {
    while (at < tokens.size() && word_in(kIfExistsWords, tokens[at])) ++at;
    return at;
  }

  // Columns of `(element, element, ...)` at `at`, with the foreign keys found inside.
  std::vector<std::string> read_table_elements(const std::vector<SqlToken>& tokens, std::size_t at, const std::string& table) {
    std::vector<std::string> columns;
    if (at >= tokens.size() || !sql::is_punctuation(tokens[at], '(')) return columns;
    int depth = 0;
    bool element_start = true;
    for (std::size_t index = at; index < tokens.size(); ++index) {
      const SqlToken& token = tokens[index];
      if (sql::is_punctuation(token, '(')) {
        ++depth;
        element_start = depth == 1;
        continue;
      }
      if (sql::is_punctuation(token, ')')) {
        if (--depth == 0) break;
        continue;
      }
      if (depth == 1 && sql::is_punctuation(token, ',')) {
        element_start = true;
        continue;
      }
      if (sql::is_word(token, "REFERENCES")) add_token_foreign_key(table, tokens, index);
      if (element_start && depth == 1) {
        element_start = false;
        if (sql::is_identifier(token) && !(token.kind == SqlTokenKind::word && word_in(kTableConstraintStarts, token))) {
          columns.push_back(sql::identifier_name(token));
        }
      }
    }
    return columns;
  }

  void add_token_foreign_key(const std::string& table, const std::vector<SqlToken>& tokens, std::size_t references_index) {
    const QualifiedName referenced = read_qualified_name(tokens, references_index + 1);
    if (referenced.name.empty()) return;
    add_foreign_key(table, referenced.schema, referenced.name,
                    location_at(statement_.offset + tokens[references_index].offset));
  }

  // ---- facts ----

  void add_table(const std::string& schema, const std::string& name, std::vector<std::string> columns) {
    TableDefinitionFact table;
    table.name = name;
    table.schema = schema.empty() ? current_database_ : schema;
    table.columns = std::move(columns);
    table.location = location_at(verb_offset_);
    facts_.tables.push_back(std::move(table));
  }

  void add_foreign_key(const std::string& table, const std::string& referenced_schema, const std::string& referenced_table,
                       SourceLocation location) {
    if (referenced_table.empty()) return;
    ForeignKeyFact foreign_key;
    foreign_key.table = table;
    foreign_key.referenced_table = referenced_table;
    foreign_key.referenced_schema = referenced_schema.empty() ? current_database_ : referenced_schema;
    foreign_key.location = std::move(location);
    facts_.foreign_keys.push_back(std::move(foreign_key));
  }

  SourceLocation location_at(std::size_t offset) const {
    return {path_, sql::line_at(script_, offset), sql::column_at(script_, offset)};
  }

  std::string_view script_;
  const std::string& path_;
  std::vector<Warning>& warnings_;
  DdlFacts facts_;
  std::string current_database_;  // from the last `USE x`
  sql::SqlStatementText statement_;
  std::size_t verb_offset_ = 0;
};

}  // namespace

DdlFacts read_sql_ddl(std::string_view text, const std::string& path, std::vector<Warning>& warnings) {
  if (text.size() > kMaxDdlFileBytes) {
    warnings.push_back({{path, 0, 0}, "SQL file of " + std::to_string(text.size()) + " bytes not read: over the 64 MB limit"});
    return {};
  }
  return SqlDdlReader(text, path, warnings).read();
}

bool is_sql_migration_path(std::string_view path) {
  if (path.size() < 4) return false;
  std::string extension(path.substr(path.size() - 4));
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return extension == ".sql";
}

}  // namespace dbsilo
