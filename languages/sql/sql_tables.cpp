// Table extraction from SQL text: normalisation for libpg_query, a JSON tree walk, a token fallback, JPQL entities.
#include "languages/sql/sql_tables.h"

#include <algorithm>
#include <array>
#include <map>
#include <mutex>
#include <set>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>
#include <pg_query.h>

#include "dbsilo/text.h"
#include "languages/sql/sql_lexer.h"

namespace dbsilo {

namespace {

using sql::SqlToken;
using sql::SqlTokenKind;
using json = nlohmann::json;

// Words after which a name is a table (or, in JPQL, an entity).
constexpr std::array<std::string_view, 7> kTableIntroducers = {"FROM",  "INTO",     "JOIN",  "STRAIGHT_JOIN",
                                                               "TABLE", "TRUNCATE", "UPDATE"};
// Modifiers that may stand between an introducer and the name.
constexpr std::array<std::string_view, 12> kNameModifiers = {"DELAYED", "EXISTS", "FETCH", "HIGH_PRIORITY", "IF",
                                                             "IGNORE", "LOW_PRIORITY", "NOT", "ONLY", "QUICK",
                                                             "TABLE", "TEMPORARY"};
// An introducer right after one of these is no table position (IS DISTINCT FROM, FOR UPDATE,
// ON DUPLICATE KEY UPDATE, ON CONFLICT DO UPDATE).
constexpr std::array<std::string_view, 4> kIntroducerBlockers = {"DISTINCT", "DO", "FOR", "KEY"};
// Words that can never be a table name right after an introducer (MERGE ... THEN UPDATE SET).
// Short on purpose: JPQL entities such as `Order` or `Group` stand there too.
constexpr std::array<std::string_view, 9> kNeverNames = {"AS", "IN", "LATERAL", "ON", "SELECT", "SET", "USING", "VALUES", "WHERE"};
// Words that can never be an alias.
constexpr std::array<std::string_view, 41> kReservedWords = {
    "ALL",     "AND",       "AS",        "BY",       "CROSS",   "DEFAULT",   "DISTINCT",      "DUMPFILE", "EXCEPT",
    "FETCH",   "FOR",       "FROM",      "FULL",     "GROUP",   "HAVING",    "IN",            "INNER",    "INTERSECT",
    "JOIN",    "LATERAL",   "LEFT",      "LIMIT",    "NATURAL", "OFFSET",    "ON",            "OR",       "ORDER",
    "OUTER",   "OUTFILE",   "RETURNING", "RIGHT",    "SELECT",  "SET",       "STRAIGHT_JOIN", "UNION",    "USING",
    "VALUES",  "WHEN",      "WHERE",     "WINDOW",   "WITH"};
// Statement words that make a following TABLE a write target.
constexpr std::array<std::string_view, 6> kTableWriteVerbs = {"ALTER", "CREATE", "DROP", "LOCK", "RENAME", "TRUNCATE"};
// First words of a parenthesised subquery (as opposed to a function call or a column list).
constexpr std::array<std::string_view, 3> kSubqueryStarts = {"SELECT", "VALUES", "WITH"};

// libpg_query statement nodes whose `relation` (or `relations`, `view`) member is written.
constexpr std::array<std::string_view, 11> kWriteStatements = {
    "AlterTableStmt", "CreateStmt", "CreateTrigStmt", "DeleteStmt", "IndexStmt",  "InsertStmt",
    "MergeStmt",      "RenameStmt", "TruncateStmt",   "UpdateStmt", "ViewStmt"};
// DROP object kinds that name tables.
constexpr std::array<std::string_view, 4> kDroppedTableKinds = {"OBJECT_FOREIGN_TABLE", "OBJECT_MATVIEW",
                                                                "OBJECT_TABLE", "OBJECT_VIEW"};
// The parse tree of one statement is far shallower; deeper input is cut off, never a stack overflow.
constexpr int kMaxTreeDepth = 1500;

bool word_in(std::span<const std::string_view> table, const SqlToken& token) {
  return token.kind == SqlTokenKind::word && sql::in_sorted_table(table, sql::to_upper_ascii(token.text));
}

bool is_reserved(const SqlToken& token) { return word_in(kReservedWords, token); }

// ---- normalisation ---------------------------------------------------------------------------

class ParameterNumbering {
 public:
  std::string next_positional() { return "$" + std::to_string(next_++); }
  std::string named(std::string_view name) {
    auto [it, inserted] = numbers_.try_emplace(std::string(name), next_);
    if (inserted) ++next_;
    return "$" + std::to_string(it->second);
  }

 private:
  int next_ = 1;
  std::map<std::string, int, std::less<>> numbers_;
};

bool in_table_position(const std::vector<SqlToken>& tokens, std::size_t index) {
  if (index > 0 && (word_in(kTableIntroducers, tokens[index - 1]) || sql::is_punctuation(tokens[index - 1], '.'))) {
    return true;
  }
  return index + 1 < tokens.size() && sql::is_punctuation(tokens[index + 1], '.');
}

// A placeholder glued to a word (`orders_${suffix}`) is part of a name, never a value.
bool glued_to_word(const std::vector<SqlToken>& tokens, std::size_t index) {
  const SqlToken& token = tokens[index];
  if (index > 0 && tokens[index - 1].kind == SqlTokenKind::word &&
      tokens[index - 1].offset + tokens[index - 1].text.size() == token.offset) {
    return true;
  }
  return index + 1 < tokens.size() && tokens[index + 1].kind == SqlTokenKind::word &&
         token.offset + token.text.size() == tokens[index + 1].offset;
}

std::string rewrite_parameter(const std::vector<SqlToken>& tokens, std::size_t index, ParameterNumbering& numbering) {
  const std::string_view text = tokens[index].text;
  const bool name_position = in_table_position(tokens, index) || glued_to_word(tokens, index);
  if (text.starts_with("${") || text == "?") {
    if (name_position) return std::string(kUnresolvedNameMarker);
    return numbering.next_positional();
  }
  if (text.starts_with("?")) return "$" + std::string(text.substr(1));  // ?N: JPQL positional
  if (text.starts_with(":") || text.starts_with("#{")) return numbering.named(text);
  return std::string(text);  // $N already
}

std::string rewrite_token(const std::vector<SqlToken>& tokens, std::size_t index, ParameterNumbering& numbering) {
  const SqlToken& token = tokens[index];
  if (token.kind == SqlTokenKind::quoted_identifier && token.text.front() == '`') {
    std::string quoted = "\"";
    for (const char c : sql::identifier_name(token)) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
  }
  if (token.kind == SqlTokenKind::parameter) return rewrite_parameter(tokens, index, numbering);
  return std::string(token.text);
}

bool is_limit_operand(const SqlToken& token) {
  return token.kind == SqlTokenKind::number || token.kind == SqlTokenKind::parameter;
}

void append_line_breaks(std::string& out, std::string_view skipped) {
  out.append(static_cast<std::size_t>(std::count(skipped.begin(), skipped.end(), '\n')), '\n');
}

// ---- libpg_query tree walk -------------------------------------------------------------------

struct LocatedUse {
  TableUse use;
  long location = 0;
};

class RelationCollector {
 public:
  void collect(const json& tree) {
    const auto statements = tree.find("stmts");
    if (statements == tree.end() || !statements->is_array()) return;
    for (const json& raw_statement : *statements) {
      if (!raw_statement.is_object()) continue;
      statement_location_ = raw_statement.value("stmt_location", 0L);
      const auto statement = raw_statement.find("stmt");
      if (statement != raw_statement.end()) walk(*statement, Role::read, 0);
    }
  }

  std::vector<TableUse> tables() const {
    std::vector<LocatedUse> ordered = uses_;
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const LocatedUse& a, const LocatedUse& b) { return a.location < b.location; });
    std::vector<TableUse> tables;
    for (const LocatedUse& located : ordered) {
      if (located.use.schema.empty() && cte_names_.count(located.use.name)) continue;
      auto same = std::find_if(tables.begin(), tables.end(), [&](const TableUse& known) {
        return known.schema == located.use.schema && known.name == located.use.name;
      });
      if (same == tables.end()) {
        tables.push_back(located.use);
      } else {
        same->write = same->write || located.use.write;
      }
    }
    return tables;
  }

 private:
  // What the node being walked is: a write target, a statement whose relation is written, an INTO clause.
  enum class Role { read, write, write_statement, into_clause };

  void walk(const json& node, Role role, int depth) {
    if (depth > kMaxTreeDepth) return;
    if (node.is_array()) {
      for (const json& item : node) walk(item, role == Role::write ? Role::write : Role::read, depth + 1);
      return;
    }
    if (!node.is_object()) return;
    const auto relname = node.find("relname");
    if (relname != node.end() && relname->is_string()) {
      record(node.value("schemaname", ""), relname->get<std::string>(), role == Role::write,
             node.value("location", statement_location_));
      return;
    }
    const auto ctename = node.find("ctename");
    if (ctename != node.end() && ctename->is_string()) cte_names_.insert(ctename->get<std::string>());
    for (const auto& [key, value] : node.items()) {
      Role child_role = Role::read;
      if (role == Role::write && key == "RangeVar") child_role = Role::write;
      if (role == Role::write_statement && (key == "relation" || key == "relations" || key == "view")) {
        child_role = Role::write;
      }
      if (role == Role::into_clause && key == "rel") child_role = Role::write;
      if (key == "intoClause" || key == "into") child_role = Role::into_clause;
      if (sql::in_sorted_table(kWriteStatements, key)) child_role = Role::write_statement;
      if (key == "DropStmt") record_dropped(value);
      walk(value, child_role, depth + 1);
    }
  }

  // DROP TABLE names its tables as lists of strings, not as RangeVars.
  void record_dropped(const json& drop) {
    if (!drop.is_object() || !sql::in_sorted_table(kDroppedTableKinds, drop.value("removeType", ""))) return;
    const auto objects = drop.find("objects");
    if (objects == drop.end() || !objects->is_array()) return;
    for (const json& object : *objects) {
      std::vector<std::string> parts;
      const json* items = nullptr;
      if (object.contains("List") && object["List"].contains("items")) items = &object["List"]["items"];
      if (items == nullptr || !items->is_array()) continue;
      for (const json& item : *items) {
        if (item.contains("String") && item["String"].contains("sval") && item["String"]["sval"].is_string()) {
          parts.push_back(item["String"]["sval"].get<std::string>());
        }
      }
      if (parts.empty()) continue;
      record(parts.size() > 1 ? parts[parts.size() - 2] : "", parts.back(), true, statement_location_);
    }
  }

  void record(std::string schema, std::string name, bool write, long location) {
    uses_.push_back({{std::move(schema), std::move(name), write}, location});
  }

  long statement_location_ = 0;
  std::vector<LocatedUse> uses_;
  std::set<std::string, std::less<>> cte_names_;
};

// ---- token scan ------------------------------------------------------------------------------

// One name after FROM/JOIN/INTO/UPDATE/TABLE: its dotted parts and alias, as tokens.
struct FromItem {
  std::vector<SqlToken> parts;
  const SqlToken* alias = nullptr;
  bool write = false;
};

bool table_verb_before(const std::vector<SqlToken>& tokens, std::size_t index) {
  for (std::size_t back = 1; back <= 3 && back <= index; ++back) {
    if (word_in(kTableWriteVerbs, tokens[index - back])) return true;
  }
  return false;
}

bool introducer_writes(const std::vector<SqlToken>& tokens, std::size_t index) {
  const SqlToken& introducer = tokens[index];
  if (sql::is_word(introducer, "INTO") || sql::is_word(introducer, "UPDATE") || sql::is_word(introducer, "TRUNCATE")) {
    return true;
  }
  if (sql::is_word(introducer, "TABLE")) return table_verb_before(tokens, index);
  if (sql::is_word(introducer, "FROM")) {
    for (std::size_t back = index; back > 0; --back) {  // DELETE [t] FROM: the statement's verb decides
      const SqlToken& earlier = tokens[back - 1];
      if (sql::is_word(earlier, "DELETE")) return true;
      if (sql::is_word(earlier, "SELECT") || sql::is_punctuation(earlier, ';') || sql::is_punctuation(earlier, '(')) {
        return false;
      }
    }
  }
  return false;
}

// Reads `a.b.c [AS] alias` at `at`; returns the index after it, or `at` when no name stands there.
std::size_t read_from_item(const std::vector<SqlToken>& tokens, std::size_t at, FromItem& item) {
  if (at >= tokens.size() || !sql::is_identifier(tokens[at]) || word_in(kNeverNames, tokens[at])) return at;
  item.parts.push_back(tokens[at++]);
  while (at + 1 < tokens.size() && sql::is_punctuation(tokens[at], '.') && sql::is_identifier(tokens[at + 1])) {
    item.parts.push_back(tokens[at + 1]);
    at += 2;
  }
  if (at < tokens.size() && sql::is_word(tokens[at], "AS")) ++at;
  if (at < tokens.size() && sql::is_identifier(tokens[at]) && !is_reserved(tokens[at])) item.alias = &tokens[at++];
  return at;
}

// Every name after a table introducer, outside function-call parentheses (EXTRACT(x FROM y)).
std::vector<FromItem> scan_from_items(const std::vector<SqlToken>& tokens) {
  std::vector<FromItem> items;
  std::vector<bool> paren_is_subquery;  // one entry per open parenthesis
  for (std::size_t index = 0; index < tokens.size(); ++index) {
    const SqlToken& token = tokens[index];
    if (sql::is_punctuation(token, '(')) {
      paren_is_subquery.push_back(index + 1 < tokens.size() && word_in(kSubqueryStarts, tokens[index + 1]));
      continue;
    }
    if (sql::is_punctuation(token, ')')) {
      if (!paren_is_subquery.empty()) paren_is_subquery.pop_back();
      continue;
    }
    if (!word_in(kTableIntroducers, token)) continue;
    if (!paren_is_subquery.empty() && !paren_is_subquery.back()) continue;
    if (index > 0 && word_in(kIntroducerBlockers, tokens[index - 1])) continue;
    const bool write = introducer_writes(tokens, index);
    std::size_t at = index + 1;
    while (at < tokens.size() && word_in(kNameModifiers, tokens[at])) ++at;
    while (true) {
      FromItem item;
      item.write = write;
      const std::size_t after = read_from_item(tokens, at, item);
      if (after == at) break;
      items.push_back(item);
      // FROM a, b / DROP TABLE a, b / UPDATE a, b (MySQL): a list of names.
      if (after >= tokens.size() || !sql::is_punctuation(tokens[after], ',') || sql::is_word(token, "INTO") ||
          sql::is_word(token, "JOIN")) {
        break;
      }
      at = after + 1;
    }
  }
  return items;
}

std::vector<TableUse> scan_tables(const std::vector<SqlToken>& tokens) {
  std::vector<TableUse> tables;
  for (const FromItem& item : scan_from_items(tokens)) {
    TableUse use;
    use.name = sql::identifier_name(item.parts.back());
    if (item.parts.size() > 1) use.schema = sql::identifier_name(item.parts[item.parts.size() - 2]);
    use.write = item.write;
    auto same = std::find_if(tables.begin(), tables.end(),
                             [&](const TableUse& known) { return known.schema == use.schema && known.name == use.name; });
    if (same == tables.end()) {
      tables.push_back(use);
    } else {
      same->write = same->write || use.write;
    }
  }
  return tables;
}

// CREATE DATABASE x and USE x (MySQL): statements pg_query either rejects or does not resolve.
void scan_databases(std::string_view sql_text, SqlAnalysis& analysis) {
  for (const sql::SqlStatementText& statement : sql::split_sql_statements(sql_text)) {
    const std::vector<SqlToken> tokens = sql::tokenize_sql(statement.text);
    if (tokens.size() >= 2 && sql::is_word(tokens[0], "USE") && sql::is_identifier(tokens[1])) {
      analysis.used_database = sql::identifier_name(tokens[1]);
      continue;
    }
    if (tokens.size() < 3 || !sql::is_word(tokens[0], "CREATE") || !sql::is_word(tokens[1], "DATABASE")) continue;
    std::size_t at = 2;
    while (at < tokens.size() && word_in(kNameModifiers, tokens[at])) ++at;
    if (at < tokens.size() && sql::is_identifier(tokens[at])) {
      analysis.created_databases.push_back(sql::identifier_name(tokens[at]));
    }
  }
}

void drop_unresolved_names(std::vector<TableUse>& tables) {
  std::erase_if(tables, [](const TableUse& use) { return use.name.find(kUnresolvedNameMarker) != std::string::npos; });
  for (TableUse& use : tables) {
    if (use.schema.find(kUnresolvedNameMarker) != std::string::npos) use.schema.clear();
  }
}

// ---- JPQL --------------------------------------------------------------------------------------

std::set<std::string_view> declared_aliases(const std::vector<FromItem>& items) {
  std::set<std::string_view> aliases;
  for (const FromItem& item : items) {
    if (item.alias != nullptr) aliases.insert(item.alias->text);
  }
  return aliases;
}

bool is_alias_path(const FromItem& item, const std::set<std::string_view>& aliases) {
  return item.parts.size() > 1 && aliases.count(item.parts.front().text) > 0;
}

}  // namespace

namespace {

// Words PostgreSQL reserves that MySQL (and real schemas) use as table names, sorted.
constexpr std::array<std::string_view, 3> kPostgresOnlyReserved = {"current_user", "session_user", "user"};

bool is_postgres_only_reserved(const SqlToken& token) {
  if (token.kind != SqlTokenKind::word) return false;
  const std::string lowered = to_lower(token.text);
  return std::binary_search(kPostgresOnlyReserved.begin(), kPostgresOnlyReserved.end(), lowered);
}

bool is_table_introducer(const SqlToken& token) {
  for (const char* keyword : {"FROM", "JOIN", "INTO", "UPDATE", "TABLE"}) {
    if (sql::is_word(token, keyword)) return true;
  }
  return false;
}

}  // namespace

std::string normalise_sql_for_postgres(std::string_view sql_text) {
  const std::vector<SqlToken> tokens = sql::tokenize_sql(sql_text);
  std::size_t kept = tokens.size();
  while (kept > 0 && sql::is_punctuation(tokens[kept - 1], ';')) --kept;
  ParameterNumbering numbering;
  std::string out;
  out.reserve(sql_text.size() + 16);
  std::size_t copied_to = 0;
  for (std::size_t index = 0; index < kept; ++index) {
    const SqlToken& token = tokens[index];
    out.append(sql_text.substr(copied_to, token.offset - copied_to));  // whitespace and comments as written
    copied_to = token.offset + token.text.size();
    // MySQL `LIMIT offset, count`: the offset's parameter keeps its number, it only moves.
    if (sql::is_word(token, "LIMIT") && index + 3 < kept && is_limit_operand(tokens[index + 1]) &&
        sql::is_punctuation(tokens[index + 2], ',') && is_limit_operand(tokens[index + 3])) {
      const std::string offset_text = rewrite_token(tokens, index + 1, numbering);
      const std::string count_text = rewrite_token(tokens, index + 3, numbering);
      out += std::string(token.text) + " " + count_text + " OFFSET " + offset_text;
      const SqlToken& last = tokens[index + 3];
      append_line_breaks(out, sql_text.substr(copied_to, last.offset - copied_to));
      copied_to = last.offset + last.text.size();
      index += 3;
      continue;
    }
    // MySQL lets `user` name a table; PostgreSQL reads it as CURRENT_USER unless quoted.
    if (index > 0 && is_table_introducer(tokens[index - 1]) && is_postgres_only_reserved(token)) {
      out += "\"" + to_lower(token.text) + "\"";
      continue;
    }
    out += rewrite_token(tokens, index, numbering);
  }
  append_line_breaks(out, sql_text.substr(std::min(copied_to, sql_text.size())));  // the dropped ';' and what follows it
  return out;
}

namespace {

SqlAnalysis analyse_sql_uncached(std::string_view sql_text) {
  SqlAnalysis analysis;
  if (sql_text.size() > kMaxSqlStatementBytes) return analysis;
  scan_databases(sql_text, analysis);
  const std::string normalised = normalise_sql_for_postgres(sql_text);
  PgQueryParseResult result = pg_query_parse(normalised.c_str());
  if (result.error == nullptr && result.parse_tree != nullptr) {
    // A tree libpg_query produced is valid JSON; the guard only keeps a surprise from escaping.
    const json tree = json::parse(result.parse_tree, nullptr, false);
    if (!tree.is_discarded()) {
      RelationCollector collector;
      collector.collect(tree);
      analysis.tables = collector.tables();
      analysis.parsed = true;
    }
  }
  pg_query_free_parse_result(result);
  if (!analysis.parsed) analysis.tables = scan_tables(sql::tokenize_sql(normalised));
  drop_unresolved_names(analysis.tables);
  return analysis;
}

}  // namespace

SqlAnalysis analyse_sql(std::string_view sql_text) {
  // The analysis depends only on the text, and the language server reanalyses every query of the
  // repository on each edit: parsing (libpg_query plus its JSON tree) is most of that work, so
  // results are remembered. Bounded, and shared by the threads that may call it.
  static std::mutex mutex;
  static std::unordered_map<std::string, SqlAnalysis> analysed;
  constexpr std::size_t kMaxRemembered = 1u << 18;
  {
    std::lock_guard lock(mutex);
    if (const auto found = analysed.find(std::string(sql_text)); found != analysed.end()) return found->second;
  }
  SqlAnalysis analysis = analyse_sql_uncached(sql_text);
  std::lock_guard lock(mutex);
  if (analysed.size() >= kMaxRemembered) analysed.clear();
  analysed.emplace(std::string(sql_text), analysis);
  return analysis;
}

bool looks_like_jpql(std::string_view query) {
  if (query.size() > kMaxSqlStatementBytes) return false;
  const std::vector<SqlToken> tokens = sql::tokenize_sql(query);
  if (tokens.empty()) return false;
  if (sql::is_word(tokens[0], "FROM")) return true;  // HQL may omit SELECT
  const std::vector<FromItem> items = scan_from_items(tokens);
  const std::set<std::string_view> aliases = declared_aliases(items);
  for (std::size_t index = 0; index < tokens.size(); ++index) {
    const SqlToken& token = tokens[index];
    if (token.kind == SqlTokenKind::parameter && token.text.size() > 1 && token.text[0] == '?') return true;  // ?1
    if (index + 1 >= tokens.size()) continue;
    const SqlToken& next = tokens[index + 1];
    if (sql::is_word(token, "SELECT")) {
      std::size_t item = index + 1;
      if (sql::is_word(tokens[item], "DISTINCT") && item + 1 < tokens.size()) ++item;
      if (sql::is_word(tokens[item], "NEW")) return true;
      // SELECT u FROM User u: SQL selects columns, JPQL may select the entity itself.
      if (item + 1 < tokens.size() && tokens[item].kind == SqlTokenKind::word && aliases.count(tokens[item].text) &&
          (sql::is_word(tokens[item + 1], "FROM") || sql::is_punctuation(tokens[item + 1], ','))) {
        return true;
      }
    }
    if (sql::is_word(token, "JOIN") && sql::is_word(next, "FETCH")) return true;
  }
  return std::any_of(items.begin(), items.end(), [&](const FromItem& item) { return is_alias_path(item, aliases); });
}

std::vector<std::string> jpql_entity_names(std::string_view jpql) {
  std::vector<std::string> names;
  if (jpql.size() > kMaxSqlStatementBytes) return names;
  const std::vector<SqlToken> tokens = sql::tokenize_sql(jpql);
  const std::vector<FromItem> items = scan_from_items(tokens);
  const std::set<std::string_view> aliases = declared_aliases(items);
  for (const FromItem& item : items) {
    if (is_alias_path(item, aliases) || item.parts.back().kind != SqlTokenKind::word) continue;
    const std::string name(item.parts.back().text);
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  return names;
}

bool is_jpql(const QueryTextFact& query) {
  return query.language == "jpql" || (query.language != "sql" && looks_like_jpql(query.text));
}

void analyse_query_tables(std::vector<QueryTextFact>& queries) {
  for (auto& query : queries) {
    if (!is_jpql(query)) query.sql_tables = analyse_sql(query.text).tables;
  }
}

}  // namespace dbsilo
