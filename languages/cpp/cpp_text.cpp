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

// Last key segments that address a field of a datasource entry (lower case, no '-'/'_').
constexpr std::array<std::string_view, 23> kFieldKeys = {
    "addr",   "address", "connection", "connectionstring", "connstr", "database", "db",  "dbname",
    "dsn",    "host",    "hostname",   "name",             "pass",    "password", "port", "pwd",
    "schema", "server",  "servers",    "uri",              "url",     "user",     "username"};

bool is_identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }


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
