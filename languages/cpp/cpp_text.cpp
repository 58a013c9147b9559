// String literals, SQL shape and key shapes for the C++ front end.
#include "languages/cpp/cpp_text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "dbsilo/text.h"

namespace dbsilo::cpp {
namespace {

// Objects of CREATE/ALTER/DROP that make a DDL statement, sorted.
constexpr std::array<std::string_view, 8> kDdlObjects = {"INDEX", "SCHEMA", "SEQUENCE", "TABLE", "TEMP", "TEMPORARY", "UNIQUE", "VIEW"};

// Last key segments that address a field of a datasource entry (lower case, no '-'/'_').
constexpr std::array<std::string_view, 23> kFieldKeys = {
    "addr",   "address", "connection", "connectionstring", "connstr", "database", "db",  "dbname",
    "dsn",    "host",    "hostname",   "name",             "pass",    "password", "port", "pwd",
    "schema", "server",  "servers",    "uri",              "url",     "user",     "username"};

bool is_identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string upper_word_at(std::string_view text, std::size_t& position) {
  while (position < text.size() && !is_identifier_char(text[position])) ++position;
  std::string word;
  while (position < text.size() && is_identifier_char(text[position])) {
    word += static_cast<char>(std::toupper(static_cast<unsigned char>(text[position])));
    ++position;
  }
  return word;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> decode_string_literal(std::string_view token) {
  std::size_t at = 0;
  for (std::string_view prefix : {"u8", "u", "U", "L"}) {
    if (token.substr(0, prefix.size()) == prefix && token.size() > prefix.size() && (token[prefix.size()] == '"' || token[prefix.size()] == 'R')) {
      at = prefix.size();
      break;
    }
  }
  token.remove_prefix(at);
  if (token.starts_with("R\"")) {
    const auto open = token.find('(');
    if (open == std::string_view::npos) return std::nullopt;
    const std::string delimiter(token.substr(2, open - 2));
    const std::string closing = ")" + delimiter + "\"";
    if (!token.ends_with(closing) || token.size() < open + 1 + closing.size()) return std::nullopt;
    return std::string(token.substr(open + 1, token.size() - open - 1 - closing.size()));
  }
  if (token.size() < 2 || token.front() != '"' || token.back() != '"') return std::nullopt;
  const std::string_view body = token.substr(1, token.size() - 2);
  std::string value;
  value.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\' || i + 1 == body.size()) {
      value += body[i];
      continue;
    }
    const char escaped = body[++i];
    switch (escaped) {
      case 'n': value += '\n'; break;
      case 't': value += '\t'; break;
      case 'r': value += '\r'; break;
      case '0': value += '\0'; break;
      case 'x': {
        int code = 0;
        while (i + 1 < body.size() && hex_value(body[i + 1]) >= 0) code = code * 16 + hex_value(body[++i]);
        value += static_cast<char>(code & 0xff);
        break;
      }
      default: value += escaped; break;  // \" \\ \' \? and anything unknown: the character itself
    }
  }
  return value;
}

bool looks_like_sql(std::string_view text) {
  const std::string_view trimmed = trim(text);
  if (trimmed.empty() || !std::isalpha(static_cast<unsigned char>(trimmed.front()))) return false;
  const std::string_view head = trimmed.substr(0, 4096);
  std::size_t position = 0;
  const std::string verb = upper_word_at(head, position);
  if (position >= head.size() || !std::isspace(static_cast<unsigned char>(head[position]))) return false;
  // SQL spells its verb "SELECT" or "select"; "Select a product from the list" is prose.
  const std::string_view written_verb = head.substr(0, verb.size());
  if (written_verb != verb && written_verb != to_lower(verb)) return false;
  std::vector<std::string> words;
  while (position < head.size() && words.size() < 512) {
    std::string word = upper_word_at(head, position);
    if (!word.empty()) words.push_back(std::move(word));
  }
  if (words.empty()) return false;
  const auto has = [&](std::string_view word) { return std::find(words.begin(), words.end(), word) != words.end(); };
  if (verb == "SELECT") return has("FROM");
  if (verb == "INSERT" || verb == "MERGE" || verb == "REPLACE") return words.front() == "INTO";
  if (verb == "UPDATE") return has("SET");
  if (verb == "DELETE") return has("FROM");
  if (verb == "WITH") return has("AS") && (has("SELECT") || has("INSERT") || has("UPDATE") || has("DELETE"));
  if (verb == "CREATE" || verb == "ALTER" || verb == "DROP") {
    return std::binary_search(kDdlObjects.begin(), kDdlObjects.end(), std::string_view(words.front()));
  }
  return false;
}

std::string replace_printf_placeholders(std::string_view text) {
  std::string out;
  int next = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%' || i + 1 == text.size()) {
      out += text[i];
      continue;
    }
    if (text[i + 1] == '%') {
      out += '%';
      ++i;
      continue;
    }
    // %[argnum$][flags][width][.precision][length]conversion
    std::size_t j = i + 1;
    while (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])) || std::string_view("$-+ #.*'").find(text[j]) != std::string_view::npos)) ++j;
    while (j < text.size() && std::string_view("hlLqjzt").find(text[j]) != std::string_view::npos) ++j;
    if (j < text.size() && std::string_view("sdiuxXfFeEgGcp").find(text[j]) != std::string_view::npos) {
      out += "$" + std::to_string(++next);
      i = j;
    } else {
      out += text[i];
    }
  }
  return out;
}

bool is_key_like(std::string_view text) {
  if (text.empty() || text.size() > 128) return false;
  return std::all_of(text.begin(), text.end(), [](char c) { return is_identifier_char(c) || c == '.' || c == '-' || c == ':' || c == '/'; });
}

bool is_datasource_field_key(std::string_view key) {
  std::string canonical;
  for (char c : key) {
    if (c != '-' && c != '_') canonical += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return std::find(kFieldKeys.begin(), kFieldKeys.end(), canonical) != kFieldKeys.end();
}

}  // namespace dbsilo::cpp
