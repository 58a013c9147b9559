// Compose / .env variable interpolation: $NAME, ${NAME}, ${NAME:-default} and their kin.
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

#include "languages/config/placeholders.h"

namespace dbsilo {

namespace {

constexpr int max_nesting_depth = 32;

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::size_t name_length(std::string_view text, std::size_t start) {
  if (start >= text.size() || !is_name_start(text[start])) return 0;
  std::size_t end = start + 1;
  while (end < text.size() && is_name_char(text[end])) ++end;
  return end - start;
}

// Offset of the '}' closing a `${` whose content starts at `start`; npos when unterminated.
std::size_t matching_close(std::string_view text, std::size_t start) {
  int open = 1;
  for (std::size_t i = start; i < text.size(); ++i) {
    if (text[i] == '{') ++open;
    if (text[i] == '}' && --open == 0) return i;
  }
  return std::string_view::npos;
}

// The operator after a braced name: "", ":-", "-", ":?", "?", ":+", "+"; nullopt when invalid.
std::optional<std::string_view> read_operator(std::string_view after_name) {
  if (after_name.empty()) return std::string_view();
  const std::string_view two = after_name.substr(0, 2);
  if (two == ":-" || two == ":?" || two == ":+") return two;
  const char first = after_name.front();
  if (first == '-' || first == '?' || first == '+') return after_name.substr(0, 1);
  return std::nullopt;
}

// Looked-up values are used as they are: compose does not interpolate a variable's own value.
class ComposeVariableResolver {
 public:
  explicit ComposeVariableResolver(const PlaceholderLookup& lookup) : lookup_(lookup) {}

  PlaceholderResult resolve(std::string_view text) {
    PlaceholderResult result;
    result.text = resolve_text(text, 0);
    result.complete = complete_;
    return result;
  }

 private:
  std::string resolve_text(std::string_view text, int depth) {
    std::string resolved;
    std::size_t i = 0;
    while (i < text.size()) {
      if (text[i] != '$') {
        resolved += text[i++];
      } else if (i + 1 < text.size() && text[i + 1] == '$') {
        resolved += '$';  // `$$` escapes a dollar
        i += 2;
      } else if (i + 1 < text.size() && text[i + 1] == '{') {
        i = resolve_braced(text, i, depth, resolved);
      } else if (const std::size_t length = name_length(text, i + 1); length > 0) {
        resolve_bare(text.substr(i, length + 1), resolved);
        i += length + 1;
      } else {
        resolved += text[i++];  // a lone '$' is literal
      }
    }
    return resolved;
  }

  void resolve_bare(std::string_view variable, std::string& resolved) {
    if (const std::optional<std::string> value = lookup_(variable.substr(1))) {
      resolved += *value;
    } else {
      keep_verbatim(variable, resolved);
    }
  }

  // Resolves `${...}` starting at `dollar`; returns the offset after it.
  std::size_t resolve_braced(std::string_view text, std::size_t dollar, int depth, std::string& resolved) {
    const std::size_t close = matching_close(text, dollar + 2);
    if (close == std::string_view::npos) {
      keep_verbatim(text.substr(dollar), resolved);
      return text.size();
    }
    const std::string_view whole = text.substr(dollar, close + 1 - dollar);
    const std::string_view inner = text.substr(dollar + 2, close - dollar - 2);
    const std::size_t length = name_length(inner, 0);
    const std::optional<std::string_view> operation = length == 0 ? std::nullopt : read_operator(inner.substr(length));
    if (!operation || depth >= max_nesting_depth) {
      keep_verbatim(whole, resolved);  // `${}`, `${1x}`, `${A%b}`: not a variable compose accepts
      return close + 1;
    }
    const std::string_view argument = inner.substr(length + operation->size());
    const std::optional<std::string> value = lookup_(inner.substr(0, length));
    const bool is_set = value.has_value();
    const bool is_set_and_not_empty = is_set && !value->empty();
    const bool test_empty = operation->size() == 2;  // the ':' forms treat "" like unset
    const bool present = test_empty ? is_set_and_not_empty : is_set;
    const char kind = operation->empty() ? '\0' : operation->back();

    if (kind == '\0' || kind == '?') {
      // Plain or required: the value, else the placeholder stays (compose would fail with `err`).
      if (kind == '\0' ? is_set : present) resolved += *value;
      else keep_verbatim(whole, resolved);
    } else if (kind == '-') {
      resolved += present ? *value : resolve_text(argument, depth + 1);
    } else if (kind == '+' && present) {
      resolved += resolve_text(argument, depth + 1);
    }
    return close + 1;
  }

  void keep_verbatim(std::string_view placeholder, std::string& resolved) {
    complete_ = false;
    resolved += placeholder;
  }

  const PlaceholderLookup& lookup_;
  bool complete_ = true;
};

}  // namespace

PlaceholderResult resolve_compose_variables(std::string_view text, const PlaceholderLookup& lookup) {
  return ComposeVariableResolver(lookup).resolve(text);
}

}  // namespace dbsilo
