// SQL lexer: one pass over the text, quotes, dollar quotes and comments understood, never failing.
#include "languages/sql/sql_lexer.h"

#include <algorithm>
#include <cctype>

namespace dbsilo::sql {

namespace {

bool is_identifier_start(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return std::isalpha(byte) || c == '_' || byte >= 0x80;
}

bool is_identifier_part(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return std::isalnum(byte) || c == '_' || c == '$' || byte >= 0x80;
}

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// End of a quoted run opened at `start` by `quote`; a doubled quote stays inside, and in
// '...' strings a backslash escapes the next character (MySQL dumps write \' inside values).
std::size_t quoted_end(std::string_view text, std::size_t start, char quote) {
  std::size_t at = start + 1;
  while (at < text.size()) {
    const char c = text[at];
    if (c == '\\' && quote == '\'' && at + 1 < text.size()) {
      at += 2;
      continue;
    }
    if (c == quote) {
      if (at + 1 < text.size() && text[at + 1] == quote) {
        at += 2;
        continue;
      }
      return at + 1;
    }
    ++at;
  }
  return text.size();
}

// `$tag$` or `$$` opening a dollar-quoted string at `start`: its length, or 0 when not one.
std::size_t dollar_tag_length(std::string_view text, std::size_t start) {
  std::size_t at = start + 1;
  if (at < text.size() && text[at] == '$') return 2;
  if (at >= text.size() || !is_identifier_start(text[at])) return 0;
  while (at < text.size() && is_identifier_part(text[at]) && text[at] != '$') ++at;
  return at < text.size() && text[at] == '$' ? at - start + 1 : 0;
}

// Where whitespace and comments starting at `at` end.
std::size_t skip_gap(std::string_view text, std::size_t at) {
  while (at < text.size()) {
    const char c = text[at];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++at;
    } else if (c == '-' && at + 1 < text.size() && text[at + 1] == '-') {
      const std::size_t newline = text.find('\n', at);
      at = newline == std::string_view::npos ? text.size() : newline + 1;
    } else if (c == '/' && at + 1 < text.size() && text[at + 1] == '*') {
      const std::size_t close = text.find("*/", at + 2);
      at = close == std::string_view::npos ? text.size() : close + 2;
    } else {
      break;
    }
  }
  return at;
}

// Lexes the token starting at `at` (not whitespace, not a comment).
SqlToken lex_token(std::string_view text, std::size_t at) {
  const char c = text[at];
  const char next = at + 1 < text.size() ? text[at + 1] : '\0';
  auto token = [&](SqlTokenKind kind, std::size_t end) { return SqlToken{kind, text.substr(at, end - at), at}; };
  if (c == '\'') return token(SqlTokenKind::string, quoted_end(text, at, '\''));
  if (c == '"' || c == '`') return token(SqlTokenKind::quoted_identifier, quoted_end(text, at, c));
  if ((c == 'E' || c == 'e' || c == 'N' || c == 'n' || c == 'X' || c == 'x' || c == 'B' || c == 'b') && next == '\'') {
    return token(SqlTokenKind::string, quoted_end(text, at + 1, '\''));
  }
  if (is_identifier_start(c)) {
    std::size_t end = at + 1;
    while (end < text.size() && is_identifier_part(text[end])) ++end;
    return token(SqlTokenKind::word, end);
  }
  if (is_digit(c) || (c == '.' && is_digit(next))) {
    std::size_t end = at + 1;
    while (end < text.size() && (is_digit(text[end]) || text[end] == '.')) ++end;
    return token(SqlTokenKind::number, end);
  }
  if (c == '$') {
    if (is_digit(next)) {
      std::size_t end = at + 1;
      while (end < text.size() && is_digit(text[end])) ++end;
      return token(SqlTokenKind::parameter, end);
    }
    if (next == '{') {
      const std::size_t close = text.find('}', at);
      return token(SqlTokenKind::parameter, close == std::string_view::npos ? text.size() : close + 1);
    }
    if (const std::size_t tag_length = dollar_tag_length(text, at)) {
      const std::size_t close = text.find(text.substr(at, tag_length), at + tag_length);
      return token(SqlTokenKind::string, close == std::string_view::npos ? text.size() : close + tag_length);
    }
  }
  if (c == '#' && next == '{') {  // MyBatis #{property}
    const std::size_t close = text.find('}', at);
    return token(SqlTokenKind::parameter, close == std::string_view::npos ? text.size() : close + 1);
  }
  if (c == '?') {
    std::size_t end = at + 1;
    while (end < text.size() && is_digit(text[end])) ++end;
    return token(SqlTokenKind::parameter, end);
  }
  if (c == ':') {
    if (next == ':') return token(SqlTokenKind::punctuation, at + 2);
    // `:name` is a parameter unless it continues a name or an array slice (`a[1:n]`).
    const char before = at > 0 ? text[at - 1] : ' ';
    if (is_identifier_start(next) && !is_identifier_part(before) && before != ':' && before != ']') {
      std::size_t end = at + 2;
      while (end < text.size() && is_identifier_part(text[end]) && text[end] != '$') ++end;
      return token(SqlTokenKind::parameter, end);
    }
  }
  return token(SqlTokenKind::punctuation, at + 1);
}

}  // namespace

std::vector<SqlToken> tokenize_sql(std::string_view text) {
  std::vector<SqlToken> tokens;
  std::size_t at = skip_gap(text, 0);
  while (at < text.size()) {
    const SqlToken token = lex_token(text, at);
    tokens.push_back(token);
    at = skip_gap(text, token.offset + std::max<std::size_t>(token.text.size(), 1));
  }
  return tokens;
}

std::vector<SqlStatementText> split_sql_statements(std::string_view script) {
  std::vector<SqlStatementText> statements;
  std::size_t statement_start = 0;
  bool has_token = false;
  auto close_statement = [&](std::size_t end) {
    if (has_token) statements.push_back({script.substr(statement_start, end - statement_start), statement_start});
    has_token = false;
  };
  std::size_t at = skip_gap(script, 0);
  while (at < script.size()) {
    const SqlToken token = lex_token(script, at);
    if (token.kind == SqlTokenKind::punctuation && token.text == ";") {
      close_statement(token.offset);
      statement_start = token.offset + 1;
    } else {
      has_token = true;
    }
    at = skip_gap(script, token.offset + std::max<std::size_t>(token.text.size(), 1));
  }
  close_statement(script.size());
  return statements;
}

int line_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

int column_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const std::size_t newline = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  return static_cast<int>(newline == std::string_view::npos ? offset + 1 : offset - newline);
}

std::string to_upper_ascii(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper;
}

bool is_word(const SqlToken& token, std::string_view upper_keyword) {
  if (token.kind != SqlTokenKind::word || token.text.size() != upper_keyword.size()) return false;
  for (std::size_t i = 0; i < upper_keyword.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(token.text[i])) != upper_keyword[i]) return false;
  }
  return true;
}

bool is_punctuation(const SqlToken& token, char c) {
  return token.kind == SqlTokenKind::punctuation && token.text.size() == 1 && token.text[0] == c;
}

bool is_identifier(const SqlToken& token) {
  return token.kind == SqlTokenKind::word || token.kind == SqlTokenKind::quoted_identifier;
}

std::string identifier_name(const SqlToken& token) {
  if (token.kind != SqlTokenKind::quoted_identifier) {
    std::string lower(token.text);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower;
  }
  const char quote = token.text.front();
  std::string_view inner = token.text.substr(1);
  if (!inner.empty() && inner.back() == quote) inner.remove_suffix(1);
  std::string name;
  for (std::size_t i = 0; i < inner.size(); ++i) {
    name += inner[i];
    if (inner[i] == quote && i + 1 < inner.size() && inner[i + 1] == quote) ++i;
  }
  return name;
}

bool in_sorted_table(std::span<const std::string_view> sorted_table, std::string_view upper_word) {
  return std::binary_search(sorted_table.begin(), sorted_table.end(), upper_word);
}

}  // namespace dbsilo::sql
