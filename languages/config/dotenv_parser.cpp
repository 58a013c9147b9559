// .env front end: KEY=value lines as docker compose reads them (quotes, export, comments).
#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/text.h"
#include "languages/config/config_parsers.h"
#include "languages/config/config_support.h"

namespace dbsilo {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string_view without_carriage_return(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::size_t leading_blank_count(std::string_view text) {
  std::size_t count = 0;
  while (count < text.size() && is_blank(text[count])) ++count;
  return count;
}

// `export KEY=v` is shell syntax that .env files often copy; the word itself is not part of the key.
std::size_t export_prefix_length(std::string_view content) {
  constexpr std::string_view export_word = "export";
  if (content.substr(0, export_word.size()) != export_word) return 0;
  const std::string_view rest = content.substr(export_word.size());
  if (rest.empty() || !is_blank(rest.front())) return 0;
  return export_word.size() + leading_blank_count(rest);
}

bool is_valid_variable_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (is_blank(c) || c == '"' || c == '\'') return false;
  }
  return true;
}

// Reads lines on demand: quoted values may span several of them.
class DotenvLines {
 public:
  explicit DotenvLines(std::string_view text) : lines_(split(text, '\n')) {}

  bool at_end() const { return next_ >= lines_.size(); }
  int next_line_number() const { return static_cast<int>(next_) + 1; }
  std::string_view read() { return without_carriage_return(lines_[next_++]); }

 private:
  std::vector<std::string> lines_;
  std::size_t next_ = 0;
};

// A value as read; `closed` is false when its opening quote never closes.
struct DotenvValue {
  std::string text;
  bool closed = true;
};

// Single quotes: everything up to the closing quote is literal.
DotenvValue read_single_quoted(std::string_view first_rest, DotenvLines& lines) {
  std::string value;
  std::string_view rest = first_rest;
  while (true) {
    const std::size_t closing = rest.find('\'');
    if (closing != std::string_view::npos) return {value + std::string(rest.substr(0, closing))};
    value += rest;
    if (lines.at_end()) return {value, false};
    value += '\n';
    rest = lines.read();
  }
}

// Double quotes: \n, \r, \t, \" and \\ are escapes; other backslashes stay (`\$` is for the
// variable resolver to see).
DotenvValue read_double_quoted(std::string_view first_rest, DotenvLines& lines) {
  std::string value;
  std::string_view rest = first_rest;
  while (true) {
    for (std::size_t i = 0; i < rest.size(); ++i) {
      const char c = rest[i];
      if (c == '"') return {value};
      if (c != '\\' || i + 1 >= rest.size()) {
        value += c;
        continue;
      }
      const char escaped = rest[++i];
      switch (escaped) {
        case 'n': value += '\n'; break;
        case 'r': value += '\r'; break;
        case 't': value += '\t'; break;
        case '"': value += '"'; break;
        case '\\': value += '\\'; break;
        default: value += '\\'; value += escaped;
      }
    }
    if (lines.at_end()) return {value, false};
    value += '\n';
    rest = lines.read();
  }
}

// Unquoted: a '#' after a blank starts a comment; blanks around the value are dropped.
std::string read_unquoted(std::string_view raw_value) {
  for (std::size_t i = 0; i < raw_value.size(); ++i) {
    if (raw_value[i] == '#' && (i == 0 || is_blank(raw_value[i - 1]))) {
      raw_value = raw_value.substr(0, i);
      break;
    }
  }
  return std::string(trim(raw_value));
}

// The value after '=', reading further lines while a quote is open.
DotenvValue read_value(std::string_view raw_value, DotenvLines& lines) {
  const std::string_view value_start = raw_value.substr(leading_blank_count(raw_value));
  if (!value_start.empty() && value_start.front() == '\'') return read_single_quoted(value_start.substr(1), lines);
  if (!value_start.empty() && value_start.front() == '"') return read_double_quoted(value_start.substr(1), lines);
  return {read_unquoted(raw_value)};
}

}  // namespace

ConfigFileFacts parse_dotenv(std::string_view text, const std::string& path, std::vector<Warning>& warnings) {
  ConfigFileFacts facts;
  ConfigDocument& document = facts.documents.emplace_back();
  DotenvLines lines(config_support::without_byte_order_mark(text));
  while (!lines.at_end()) {
    const int line_number = lines.next_line_number();
    const std::string_view line = lines.read();
    std::size_t key_start = leading_blank_count(line);
    if (key_start == line.size() || line[key_start] == '#') continue;  // blank or comment
    key_start += export_prefix_length(line.substr(key_start));

    const SourceLocation location{path, line_number, static_cast<int>(key_start) + 1};
    const std::size_t equals = line.find('=', key_start);
    if (equals == std::string_view::npos) {
      warnings.push_back({location, "no '=' on this .env line: ignored"});  // the line may be a secret
      continue;
    }
    const std::string key(trim(line.substr(key_start, equals - key_start)));
    if (!is_valid_variable_name(key)) {
      warnings.push_back({location, "invalid variable name on this .env line: ignored"});
      continue;
    }
    DotenvValue value = read_value(line.substr(equals + 1), lines);
    if (!value.closed) {
      warnings.push_back({location, "unterminated quoted value of '" + key + "': read to the end of the file"});
    }
    document.entries.push_back({key, std::move(value.text), location});
  }
  config_support::redact_secret_values(facts);
  return facts;
}

}  // namespace dbsilo
