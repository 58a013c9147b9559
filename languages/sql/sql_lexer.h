// SQL lexing shared by the table extractor and the DDL reader: tokens, statements, lines.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dbsilo::sql {

enum class SqlTokenKind {
  word,               // keyword or unquoted identifier, as written
  quoted_identifier,  // "x", `x` (text keeps the quotes)
  string,             // '...', E'...' body, $tag$...$tag$
  number,
  parameter,          // ?, ?1, $1, :name, ${...}, #{...}
  punctuation,        // one character, or "::"
};

struct SqlToken {
  SqlTokenKind kind = SqlTokenKind::punctuation;
  std::string_view text;
  std::size_t offset = 0;  // into the lexed text
};

// Splits `text` into tokens, skipping whitespace and comments (--, /* */). Unterminated quotes
// and comments run to the end of the text; nothing here can fail.
std::vector<SqlToken> tokenize_sql(std::string_view text);

// One statement of a script: `text` excludes the closing ';'.
struct SqlStatementText {
  std::string_view text;
  std::size_t offset = 0;  // into the whole script
};

// Splits a script at top-level ';' (quotes, dollar quotes and comments respected).
// Statements holding only whitespace and comments are dropped.
std::vector<SqlStatementText> split_sql_statements(std::string_view script);

// 1-based line and column of `offset` in `text`.
int line_at(std::string_view text, std::size_t offset);
int column_at(std::string_view text, std::size_t offset);

// Case-insensitive keyword test for a word token.
bool is_word(const SqlToken& token, std::string_view upper_keyword);
bool is_punctuation(const SqlToken& token, char c);
// Word or quoted identifier.
bool is_identifier(const SqlToken& token);
// The name an identifier token denotes: unquoted words fold to lower case (as PostgreSQL does),
// quoted ones keep their case with the quotes removed.
std::string identifier_name(const SqlToken& token);

// True when `upper_word` (already upper case) is in the sorted table.
bool in_sorted_table(std::span<const std::string_view> sorted_table, std::string_view upper_word);
std::string to_upper_ascii(std::string_view text);

}  // namespace dbsilo::sql
