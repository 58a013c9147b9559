// Java text helpers: literal decoding (escapes, text blocks), format skeletons, naming, SQL shape.
#include "languages/java/java_text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <vector>

#include "dbsilo/text.h"

namespace dbsilo::java {

namespace {

bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }
bool is_octal(char c) { return c >= '0' && c <= '7'; }

// Interprets the escape sequences of a literal's body (JLS 3.10.7), including the text-block
// ones: `\s` (a space) and a backslash before a line end (the line continues).
std::string unescape(std::string_view body) {
  std::string out;
  out.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (c != '\\' || i + 1 >= body.size()) {
      out += c;
      continue;
    }
    const char escaped = body[++i];
    switch (escaped) {
      case 'b': out += '\b'; break;
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'f': out += '\f'; break;
      case 'r': out += '\r'; break;
      case 's': out += ' '; break;
      case '\n': break;
      case '\r':
        if (i + 1 < body.size() && body[i + 1] == '\n') ++i;
        break;
      case 'u': {
        std::size_t j = i;
        while (j + 1 < body.size() && body[j + 1] == 'u') ++j;
        if (j + 4 < body.size() && is_hex(body[j + 1]) && is_hex(body[j + 2]) && is_hex(body[j + 3]) && is_hex(body[j + 4])) {
          const std::uint32_t code = static_cast<std::uint32_t>(std::stoul(std::string(body.substr(j + 1, 4)), nullptr, 16));
          append_utf8(out, code);
          i = j + 4;
        } else {
          out += "\\u";
        }
        break;
      }
      default:
        if (is_octal(escaped)) {
          // Up to three octal digits, the first at most 3 when there are three (max \377).
          std::uint32_t value = static_cast<std::uint32_t>(escaped - '0');
          const std::size_t max_digits = escaped <= '3' ? 3 : 2;
          std::size_t digits = 1;
          while (digits < max_digits && i + 1 < body.size() && is_octal(body[i + 1])) {
            value = value * 8 + static_cast<std::uint32_t>(body[++i] - '0');
            ++digits;
          }
          append_utf8(out, value);
        } else {
          out += escaped;
        }
    }
  }
  return out;
}

bool is_blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t' || c == '\f'; });
}

std::size_t indentation(std::string_view line) {
  std::size_t count = 0;
  while (count < line.size() && (line[count] == ' ' || line[count] == '\t' || line[count] == '\f')) ++count;
  return count;
}

// Text block content (JLS 3.10.6): drop the opening line, strip the common (incidental)
// indentation, counting the closing delimiter's line, and trailing spaces; then escapes.
std::string text_block_value(std::string_view raw) {
  std::string_view body = raw.substr(3);
  if (body.size() >= 3 && body.substr(body.size() - 3) == "\"\"\"") body.remove_suffix(3);
  const std::size_t first_line_end = body.find('\n');
  if (first_line_end == std::string_view::npos) return unescape(trim(body));
  body.remove_prefix(first_line_end + 1);

  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = body.find('\n', start);
    std::string_view line = body.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  const bool closing_on_own_line = is_blank(lines.back());
  std::size_t common = std::string_view::npos;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const bool last = i + 1 == lines.size();
    if (is_blank(lines[i]) && !last) continue;
    common = std::min(common, last && closing_on_own_line ? lines[i].size() : indentation(lines[i]));
  }
  if (common == std::string_view::npos) common = 0;

  std::string stripped;
  const std::size_t content_lines = closing_on_own_line ? lines.size() - 1 : lines.size();
  for (std::size_t i = 0; i < content_lines; ++i) {
    std::string_view line = is_blank(lines[i]) ? std::string_view{} : lines[i].substr(std::min(common, lines[i].size()));
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\f')) line.remove_suffix(1);
    stripped.append(line);
    if (i + 1 < content_lines || closing_on_own_line) stripped += '\n';
  }
  return unescape(stripped);
}



}  // namespace

std::string decode_string_literal(std::string_view raw) {
  if (raw.size() >= 6 && raw.substr(0, 3) == "\"\"\"") return text_block_value(raw);
  if (raw.size() >= 2 && raw.front() == '"') {
    std::string_view body = raw.substr(1);
    if (!body.empty() && body.back() == '"') body.remove_suffix(1);
    return unescape(body);
  }
  return std::string(raw);
}

std::string format_skeleton(std::string_view format) {
  std::string out;
  out.reserve(format.size());
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%' || i + 1 >= format.size()) {
      out += format[i];
      continue;
    }
    if (format[i + 1] == '%') { out += '%'; ++i; continue; }
    if (format[i + 1] == 'n') { out += '\n'; ++i; continue; }
    // %[index$][flags][width][.precision]conversion; t/T take one more letter (dates).
    std::size_t j = i + 1;
    while (j < format.size() && std::string_view("0123456789$-#+ ,(<.").find(format[j]) != std::string_view::npos) ++j;
    if (j < format.size() && std::isalpha(static_cast<unsigned char>(format[j]))) {
      if ((format[j] == 't' || format[j] == 'T') && j + 1 < format.size()) ++j;
      out += '?';
      i = j;
    } else {
      out += '%';
    }
  }
  return out;
}

std::string spring_physical_name(std::string_view name) {
  std::string builder(name);
  std::replace(builder.begin(), builder.end(), '.', '_');
  const auto lower_or_digit = [](char c) { return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)); };
  for (std::size_t i = 1; i + 1 < builder.size(); ++i) {
    if (lower_or_digit(builder[i - 1]) && std::isupper(static_cast<unsigned char>(builder[i])) && lower_or_digit(builder[i + 1])) {
      builder.insert(i, 1, '_');
      ++i;
    }
  }
  return to_lower(builder);
}

std::string lower_first(std::string_view name) {
  std::string out(name);
  if (!out.empty()) out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  return out;
}


}  // namespace dbsilo::java
