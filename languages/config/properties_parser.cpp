// Java .properties front end: follows java.util.Properties.load line by line.
#include "dbsilo/text.h"
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "languages/config/config_parsers.h"
#include "languages/config/config_support.h"

namespace dbsilo {

namespace {

// One key/value line after backslash continuations are joined.
struct LogicalLine {
  std::string text;
  int line = 0;    // where the logical line starts
  int column = 0;  // of its first non-blank character
};

bool is_properties_blank(char c) { return c == ' ' || c == '\t' || c == '\f'; }

// Splits text into natural lines on "\n", "\r" or "\r\n", remembering each one's number.
class NaturalLineReader {
 public:
  explicit NaturalLineReader(std::string_view text) : text_(text) {}

  bool at_end() const { return position_ >= text_.size(); }
  int next_line_number() const { return line_number_; }

  std::string_view read() {
    const std::size_t start = position_;
    while (position_ < text_.size() && text_[position_] != '\n' && text_[position_] != '\r') ++position_;
    const std::string_view line = text_.substr(start, position_ - start);
    if (position_ < text_.size()) {
      const bool carriage_return = text_[position_] == '\r';
      ++position_;
      if (carriage_return && position_ < text_.size() && text_[position_] == '\n') ++position_;  // "\r\n"
    }
    ++line_number_;
    return line;
  }

 private:
  std::string_view text_;
  std::size_t position_ = 0;
  int line_number_ = 1;
};

std::size_t leading_blank_count(std::string_view line) {
  std::size_t count = 0;
  while (count < line.size() && is_properties_blank(line[count])) ++count;
  return count;
}

// A line continues on the next one when it ends with an odd number of backslashes.
bool ends_with_continuation(std::string_view line) {
  std::size_t backslashes = 0;
  while (backslashes < line.size() && line[line.size() - 1 - backslashes] == '\\') ++backslashes;
  return backslashes % 2 == 1;
}

std::vector<LogicalLine> read_logical_lines(std::string_view text) {
  std::vector<LogicalLine> logical_lines;
  NaturalLineReader reader(text);
  while (!reader.at_end()) {
    const int line_number = reader.next_line_number();
    const std::string_view natural = reader.read();
    const std::size_t indent = leading_blank_count(natural);
    const std::string_view content = natural.substr(indent);
    if (content.empty() || content.front() == '#' || content.front() == '!') continue;  // blank or comment

    LogicalLine logical{std::string(content), line_number, static_cast<int>(indent) + 1};
    while (ends_with_continuation(logical.text)) {
      logical.text.pop_back();        // the continuation backslash itself is not content
      if (reader.at_end()) break;     // a trailing backslash at end of file is dropped
      const std::string_view continued = reader.read();
      logical.text += continued.substr(leading_blank_count(continued));  // Java drops the indent
    }
    logical_lines.push_back(std::move(logical));
  }
  return logical_lines;
}

// Where the key ends and the value starts, following java.util.Properties.load0.
struct KeyValueSplit {
  std::size_t key_length = 0;
  std::size_t value_start = 0;
};

KeyValueSplit split_key_value(std::string_view line) {
  KeyValueSplit split{line.size(), line.size()};
  bool has_separator = false;
  bool preceding_backslash = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (!preceding_backslash && (c == '=' || c == ':')) {
      split = {i, i + 1};
      has_separator = true;
      break;
    }
    if (!preceding_backslash && is_properties_blank(c)) {
      split = {i, i + 1};
      break;
    }
    preceding_backslash = c == '\\' ? !preceding_backslash : false;
  }
  // After a blank separator, blanks and at most one '=' or ':' still belong to the separator.
  while (split.value_start < line.size()) {
    const char c = line[split.value_start];
    if (!is_properties_blank(c)) {
      if (has_separator || (c != '=' && c != ':')) break;
      has_separator = true;
    }
    ++split.value_start;
  }
  return split;
}


// The UTF-16 unit of `\uXXXX` starting at `text[at]` (the backslash), or nullopt when malformed.
std::optional<char32_t> read_unicode_escape(std::string_view text, std::size_t at) {
  if (at + 6 > text.size() || text[at] != '\\' || text[at + 1] != 'u') return std::nullopt;
  char32_t unit = 0;
  for (std::size_t i = at + 2; i < at + 6; ++i) {
    const char c = text[i];
    unit <<= 4;
    if (c >= '0' && c <= '9') unit |= static_cast<char32_t>(c - '0');
    else if (c >= 'a' && c <= 'f') unit |= static_cast<char32_t>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') unit |= static_cast<char32_t>(c - 'A' + 10);
    else return std::nullopt;
  }
  return unit;
}

bool is_high_surrogate(char32_t unit) { return unit >= 0xD800 && unit <= 0xDBFF; }
bool is_low_surrogate(char32_t unit) { return unit >= 0xDC00 && unit <= 0xDFFF; }

// Decodes escapes (java.util.Properties.loadConvert). `malformed` is set on a bad \uXXXX,
// which is then kept as written.
std::string unescape(std::string_view text, bool& malformed) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    if (i + 1 >= text.size()) break;  // a lone trailing backslash escapes nothing
    const char escaped = text[i + 1];
    if (escaped != 'u') {
      switch (escaped) {
        case 't': out += '\t'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 'f': out += '\f'; break;
        default: out += escaped;  // \\, \=, \:, \ , \#, and any other char stand for themselves
      }
      ++i;
      continue;
    }
    const std::optional<char32_t> unit = read_unicode_escape(text, i);
    if (!unit) {
      malformed = true;
      out += '\\';
      continue;  // the 'u' and what follows are copied as plain text
    }
    i += 5;
    if (is_high_surrogate(*unit)) {
      const std::optional<char32_t> low = read_unicode_escape(text, i + 1);
      if (low && is_low_surrogate(*low)) {
        append_utf8(out, 0x10000 + ((*unit - 0xD800) << 10) + (*low - 0xDC00));
        i += 6;
        continue;
      }
    }
    append_utf8(out, is_high_surrogate(*unit) || is_low_surrogate(*unit) ? U'\uFFFD' : *unit);
  }
  return out;
}

ConfigEntry entry_from_line(const LogicalLine& logical, const std::string& path, std::vector<Warning>& warnings) {
  const KeyValueSplit split = split_key_value(logical.text);
  const std::string_view line_text = logical.text;
  ConfigEntry entry;
  entry.location = {path, logical.line, logical.column};
  bool malformed_key = false;
  bool malformed_value = false;
  entry.key = unescape(line_text.substr(0, split.key_length), malformed_key);
  entry.value = unescape(line_text.substr(split.value_start), malformed_value);
  if (malformed_key) warnings.push_back({entry.location, "malformed \\uXXXX escape in a key"});
  if (malformed_value) {
    warnings.push_back({entry.location, "malformed \\uXXXX escape in the value of '" + entry.key + "'"});
  }
  return entry;
}

}  // namespace

ConfigFileFacts parse_properties(std::string_view text, const std::string& path, std::vector<Warning>& warnings) {
  ConfigFileFacts facts;
  ConfigDocument& document = facts.documents.emplace_back();
  for (const LogicalLine& logical : read_logical_lines(config_support::without_byte_order_mark(text))) {
    document.entries.push_back(entry_from_line(logical, path, warnings));
  }
  config_support::redact_secret_values(facts);
  return facts;
}

}  // namespace dbsilo
