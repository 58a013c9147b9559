// JSON configuration front end (nlohmann): flattened like YAML, key lines found by a token scan.
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dbsilo/json_error.h"
#include "languages/config/config_parsers.h"
#include "languages/config/config_support.h"

namespace dbsilo {

namespace {

constexpr int max_nesting_depth = 256;

// A `"name"` string token that is followed by ':' in the source, i.e. an object key.
struct JsonKeyToken {
  std::string_view raw;  // with its quotes and escapes, as written
  std::size_t offset = 0;
};

// Offset just past the string token starting at `open_quote`.
std::size_t end_of_string_token(std::string_view text, std::size_t open_quote) {
  std::size_t i = open_quote + 1;
  while (i < text.size() && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
  return std::min(i + 1, text.size());
}

// Offset just past a `//` or `/* */` comment starting at `start` (comments are accepted, as
// many JSON config dialects allow them).
std::size_t end_of_comment(std::string_view text, std::size_t start) {
  if (text[start + 1] == '/') {
    const std::size_t newline = text.find('\n', start);
    return newline == std::string_view::npos ? text.size() : newline;
  }
  const std::size_t close = text.find("*/", start + 2);
  return close == std::string_view::npos ? text.size() : close + 2;
}

bool starts_comment(std::string_view text, std::size_t at) {
  return text[at] == '/' && at + 1 < text.size() && (text[at + 1] == '/' || text[at + 1] == '*');
}

std::size_t skip_blanks_and_comments(std::string_view text, std::size_t at) {
  while (at < text.size()) {
    const char c = text[at];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++at;
    } else if (starts_comment(text, at)) {
      at = end_of_comment(text, at);
    } else {
      break;
    }
  }
  return at;
}

// Every object key of the text, in source order. nlohmann keeps no positions; since
// ordered_json iterates keys in source order too, both sequences can be walked together.
std::vector<JsonKeyToken> scan_key_tokens(std::string_view text) {
  std::vector<JsonKeyToken> keys;
  std::size_t at = 0;
  while (at < text.size()) {
    if (text[at] == '"') {
      const std::size_t end = end_of_string_token(text, at);
      const std::size_t after = skip_blanks_and_comments(text, end);
      if (after < text.size() && text[after] == ':') keys.push_back({text.substr(at, end - at), at});
      at = end;
    } else if (starts_comment(text, at)) {
      at = end_of_comment(text, at);
    } else {
      ++at;
    }
  }
  return keys;
}

std::string decoded_key(std::string_view raw) {
  if (raw.size() >= 2 && raw.find('\\') == std::string_view::npos) return std::string(raw.substr(1, raw.size() - 2));
  const nlohmann::json decoded = nlohmann::json::parse(raw, nullptr, false);
  return decoded.is_string() ? decoded.get<std::string>() : std::string(raw);
}

// Turns increasing byte offsets into lines and columns without rescanning from the start.
class OffsetLocator {
 public:
  OffsetLocator(std::string_view text, const std::string& path) : text_(text), path_(path) {}

  SourceLocation locate(std::size_t offset) {
    for (; scanned_ < offset && scanned_ < text_.size(); ++scanned_) {
      if (text_[scanned_] != '\n') continue;
      ++line_;
      line_start_ = scanned_ + 1;
    }
    return {path_, line_, static_cast<int>(offset - line_start_) + 1};
  }

 private:
  std::string_view text_;
  const std::string& path_;
  std::size_t scanned_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
};

class JsonFlattener {
 public:
  JsonFlattener(std::string_view text, const std::string& path, std::vector<Warning>& warnings)
      : key_tokens_(scan_key_tokens(text)), locator_(text, path), warnings_(warnings) {
    last_location_ = {path, 1, 1};
  }

  std::vector<ConfigEntry> flatten(const nlohmann::ordered_json& root) {
    if (root.is_object() || root.is_array()) flatten_value(root, "", last_location_, 0);
    return std::move(entries_);
  }

 private:
  void flatten_value(const nlohmann::ordered_json& value, const std::string& key, const SourceLocation& location,
                     int depth) {
    if (depth > max_nesting_depth) {
      if (!nesting_warned_) warnings_.push_back({location, "JSON nested deeper than 256 levels under '" + key + "': skipped"});
      nesting_warned_ = true;
      return;
    }
    if (value.is_object()) {
      for (const auto& [member_key, member_value] : value.items()) {
        const SourceLocation member_location = locate_key(member_key);
        flatten_value(member_value, config_support::join_key(key, member_key), member_location, depth + 1);
      }
    } else if (value.is_array()) {
      if (value.empty()) entries_.push_back({key, "", location});
      for (std::size_t index = 0; index < value.size(); ++index) {
        flatten_value(value[index], config_support::index_key(key, index), location, depth + 1);
      }
    } else {
      entries_.push_back({key, scalar_text(value), location});
    }
  }

  static std::string scalar_text(const nlohmann::ordered_json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_null()) return "";
    return value.dump();  // numbers and booleans as JSON writes them
  }

  // The next key token with this name. A duplicate key's earlier token is skipped over;
  // a token that cannot be found (should not happen) reuses the previous location.
  SourceLocation locate_key(const std::string& name) {
    for (std::size_t i = next_token_; i < key_tokens_.size(); ++i) {
      if (decoded_key(key_tokens_[i].raw) != name) continue;
      next_token_ = i + 1;
      last_location_ = locator_.locate(key_tokens_[i].offset);
      return last_location_;
    }
    return last_location_;
  }

  std::vector<JsonKeyToken> key_tokens_;
  std::size_t next_token_ = 0;
  OffsetLocator locator_;
  SourceLocation last_location_;
  std::vector<Warning>& warnings_;
  std::vector<ConfigEntry> entries_;
  bool nesting_warned_ = false;
};


void warn_about_syntax_error(std::string_view text, const std::string& path, std::vector<Warning>& warnings) {
  const std::size_t position = json_error_position(text, true);
  const std::size_t offset = position > 0 ? position - 1 : 0;
  const SourceLocation location{path, config_support::line_of_offset(text, offset),
                                config_support::column_of_offset(text, offset)};
  const bool at_end = position >= text.size();
  warnings.push_back({location, at_end ? "invalid JSON: unexpected end of input" : "invalid JSON: syntax error"});
}

}  // namespace

ConfigFileFacts parse_json_config(std::string_view text, const std::string& path, std::vector<Warning>& warnings) {
  ConfigFileFacts facts;
  const nlohmann::ordered_json root = nlohmann::ordered_json::parse(text, nullptr, false, true);
  if (root.is_discarded()) {
    warn_about_syntax_error(text, path, warnings);
    return facts;
  }
  ConfigDocument& document = facts.documents.emplace_back();
  document.entries = JsonFlattener(text, path, warnings).flatten(root);
  config_support::redact_secret_values(facts);
  return facts;
}

}  // namespace dbsilo
