// UTF-8 bytes vs UTF-16 units: LSP counts characters in UTF-16, dbsilo's facts count bytes.
#include "scanner/lsp/positions.h"

#include <algorithm>

#include "dbsilo/text.h"  // hex_value

namespace dbsilo::lsp {
namespace {

// Length of the UTF-8 sequence that starts with `lead`, or 1 for a byte that cannot start one.
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

// A whole, well-formed sequence of `length` bytes at `at`.
bool complete_sequence(std::string_view text, std::size_t at, std::size_t length) {
  if (at + length > text.size()) return false;
  for (std::size_t i = 1; i < length; ++i) {
    if ((static_cast<unsigned char>(text[at + i]) & 0xC0) != 0x80) return false;
  }
  return true;
}

// One step through the text: bytes of the character at `at` and the UTF-16 units it takes.
std::pair<std::size_t, int> character_at(std::string_view text, std::size_t at) {
  const std::size_t length = sequence_length(static_cast<unsigned char>(text[at]));
  if (length == 1 || !complete_sequence(text, at, length)) return {1, 1};
  return {length, length == 4 ? 2 : 1};  // code points above U+FFFF are surrogate pairs
}

std::size_t line_start(std::string_view text, int line_index) {
  std::size_t start = 0;
  for (int line = 0; line < line_index; ++line) {
    const auto newline = text.find('\n', start);
    if (newline == std::string_view::npos) return text.size();
    start = newline + 1;
  }
  return start;
}

bool unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~' ||
         c == '/';
}

}  // namespace

std::string_view line_text(std::string_view text, int line_index) {
  if (line_index < 0) return {};
  const std::size_t start = line_start(text, line_index);
  if (start >= text.size()) return {};
  std::size_t end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  std::string_view line = text.substr(start, end - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

int utf16_length(std::string_view line, std::size_t byte_count) {
  byte_count = std::min(byte_count, line.size());
  int units = 0;
  for (std::size_t at = 0; at < byte_count;) {
    const auto [bytes, character_units] = character_at(line, at);
    at += bytes;
    units += character_units;
  }
  return units;
}

std::size_t byte_offset(std::string_view text, int line_index, int utf16_character) {
  if (line_index < 0) return 0;
  const std::size_t start = line_start(text, line_index);
  std::size_t end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  std::size_t at = start;
  int units = 0;
  while (at < end && units < utf16_character) {
    const auto [bytes, character_units] = character_at(text, at);
    if (units + character_units > utf16_character) break;  // a position inside a surrogate pair: before it
    at += bytes;
    units += character_units;
  }
  return std::min(at, end);
}

void replace_range(std::string& text, int start_line, int start_character, int end_line, int end_character, std::string_view replacement) {
  std::size_t start = byte_offset(text, start_line, start_character);
  std::size_t end = byte_offset(text, end_line, end_character);
  if (end < start) std::swap(start, end);
  text.replace(start, end - start, replacement);
}

std::string path_to_uri(const std::string& absolute_path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string uri = "file://";
  for (unsigned char c : absolute_path) {
    if (unreserved(static_cast<char>(c))) {
      uri += static_cast<char>(c);
    } else {
      uri += '%';
      uri += kHex[c >> 4];
      uri += kHex[c & 0xF];
    }
  }
  return uri;
}

std::string uri_to_path(std::string_view uri) {
  constexpr std::string_view kScheme = "file://";
  if (uri.size() < kScheme.size() || !std::equal(kScheme.begin(), kScheme.end(), uri.begin(), [](char a, char b) {
        return a == (b >= 'A' && b <= 'Z' ? static_cast<char>(b - 'A' + 'a') : b);
      })) {
    return {};
  }
  std::string_view rest = uri.substr(kScheme.size());
  // file://host/path: only the local host (empty or "localhost") names a path here.
  const auto slash = rest.find('/');
  if (slash == std::string_view::npos) return {};
  const std::string_view host = rest.substr(0, slash);
  if (!host.empty() && host != "localhost") return {};
  rest = rest.substr(slash);
  if (const auto query = rest.find_first_of("?#"); query != std::string_view::npos) rest = rest.substr(0, query);
  std::string path;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '%' && i + 2 < rest.size() && hex_value(rest[i + 1]) >= 0 && hex_value(rest[i + 2]) >= 0) {
      const char decoded = static_cast<char>(hex_value(rest[i + 1]) * 16 + hex_value(rest[i + 2]));
      if (decoded == '\0') return {};  // a NUL cannot be in a path
      path += decoded;
      i += 2;
    } else {
      path += rest[i];
    }
  }
  return path;
}

}  // namespace dbsilo::lsp
