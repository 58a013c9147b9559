#include "scanner/scan/nesting.h"

#include <string>

namespace dbsilo {

namespace {

// Index just past a quoted literal opened at `open` (the quote itself), honouring backslash
// escapes; a literal left open runs to the end of its line, as both compilers treat it.
std::size_t skip_quoted(std::string_view source, std::size_t open) {
  const char quote = source[open];
  std::size_t at = open + 1;
  while (at < source.size()) {
    const char c = source[at];
    if (c == '\\') {
      at += 2;
      continue;
    }
    if (c == quote) return at + 1;
    if (c == '\n') return at;
    ++at;
  }
  return source.size();
}

// Java text block: """ ... """.
std::size_t skip_text_block(std::string_view source, std::size_t open) {
  std::size_t at = open + 3;
  while (at < source.size()) {
    if (source[at] == '\\') {
      at += 2;
      continue;
    }
    if (source.compare(at, 3, R"(""")") == 0) return at + 3;
    ++at;
  }
  return source.size();
}

// C++ raw string R"delim( ... )delim"; `quote` indexes its opening quote.
std::size_t skip_raw_string(std::string_view source, std::size_t quote) {
  const std::size_t paren = source.find('(', quote + 1);
  if (paren == std::string_view::npos || paren - quote - 1 > 16) return skip_quoted(source, quote);
  std::string closing = ")";
  closing += source.substr(quote + 1, paren - quote - 1);
  closing += '"';
  const std::size_t end = source.find(closing, paren + 1);
  return end == std::string_view::npos ? source.size() : end + closing.size();
}

bool is_identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

std::optional<NestingPosition> find_nesting_deeper_than(std::string_view source, std::size_t limit) {
  // Nesting deeper than `limit` needs more than `limit` opening brackets: most files have fewer,
  // and this count (a loop the compiler vectorises) settles them without the scan below.
  std::size_t opening = 0;
  for (const char c : source) opening += static_cast<std::size_t>((c == '(') | (c == '[') | (c == '{'));
  if (opening <= limit) return std::nullopt;
  std::size_t depth = 0;
  std::size_t at = 0;
  while (at < source.size()) {
    const char c = source[at];
    switch (c) {
      case '(':
      case '[':
      case '{':
        if (++depth > limit) {
          NestingPosition position;
          const std::string_view before = source.substr(0, at);
          const std::size_t line_start = before.rfind('\n');
          for (char b : before) position.line += b == '\n' ? 1 : 0;
          position.column = static_cast<int>(at - (line_start == std::string_view::npos ? 0 : line_start + 1)) + 1;
          return position;
        }
        ++at;
        break;
      case ')':
      case ']':
      case '}':
        if (depth > 0) --depth;
        ++at;
        break;
      case '/':
        if (at + 1 < source.size() && source[at + 1] == '/') {
          const std::size_t end = source.find('\n', at);
          at = end == std::string_view::npos ? source.size() : end;
        } else if (at + 1 < source.size() && source[at + 1] == '*') {
          const std::size_t end = source.find("*/", at + 2);
          at = end == std::string_view::npos ? source.size() : end + 2;
        } else {
          ++at;
        }
        break;
      case '"':
        if (source.compare(at, 3, R"(""")") == 0) {
          at = skip_text_block(source, at);
        } else if (at > 0 && source[at - 1] == 'R' && (at < 2 || !is_identifier_char(source[at - 2]) || source[at - 2] == 'u' ||
                                                         source[at - 2] == 'U' || source[at - 2] == 'L' || source[at - 2] == '8')) {
          at = skip_raw_string(source, at);
        } else {
          at = skip_quoted(source, at);
        }
        break;
      case '\'':
        // A C++14 digit separator (1'000'000) is not a character literal.
        if (at > 0 && source[at - 1] >= '0' && source[at - 1] <= '9' && at + 1 < source.size() && is_identifier_char(source[at + 1])) {
          ++at;
        } else {
          at = skip_quoted(source, at);
        }
        break;
      default: ++at; break;
    }
  }
  return std::nullopt;
}

}  // namespace dbsilo
