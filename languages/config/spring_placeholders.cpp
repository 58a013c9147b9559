// Spring `${name:default}` placeholder resolution with cycle detection and work limits.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "languages/config/placeholders.h"

namespace dbsilo {

namespace {

constexpr int max_resolution_depth = 32;
// Total bytes the resolver may produce, over every nesting level: stops exponential
// expansions (a=${b}${b}, b=${c}${c}, ...) long before they hurt.
constexpr std::size_t max_expanded_bytes = 1 << 20;
// Placeholders looked up per call: the same guard for values that expand to nothing.
constexpr std::size_t max_lookups = 100000;

// Offset of the '}' closing a placeholder whose inner text starts at `start`; npos when none.
// Plain '{' nests too, as in Spring, so `${a:{x}}` has the default "{x}".
std::size_t matching_close(std::string_view text, std::size_t start) {
  int open = 1;
  for (std::size_t i = start; i < text.size(); ++i) {
    if (text[i] == '{') ++open;
    if (text[i] == '}' && --open == 0) return i;
  }
  return std::string_view::npos;
}

// Offset of the first ':' outside nested placeholders: the name/default separator.
std::size_t default_separator(std::string_view inner) {
  int nested = 0;
  for (std::size_t i = 0; i < inner.size(); ++i) {
    if (inner[i] == '{') ++nested;
    if (inner[i] == '}' && nested > 0) --nested;
    if (inner[i] == ':' && nested == 0) return i;
  }
  return std::string_view::npos;
}

class SpringPlaceholderResolver {
 public:
  explicit SpringPlaceholderResolver(const PlaceholderLookup& lookup) : lookup_(lookup) {}

  PlaceholderResult resolve(std::string_view text) {
    PlaceholderResult result;
    result.text = resolve_text(text, 0);
    result.complete = complete_;
    result.cycle = cycle_;
    return result;
  }

 private:
  std::string resolve_text(std::string_view text, int depth) {
    std::string resolved;
    std::size_t i = 0;
    while (i < text.size()) {
      if (exhausted_) {
        resolved += text.substr(i);  // keep the rest as written: bounded by the input sizes
        break;
      }
      if (text.substr(i, 3) == "\\${") {  // an escaped placeholder is literal text
        append(resolved, "${");
        i += 3;
      } else if (text.substr(i, 2) == "${") {
        const std::size_t close = matching_close(text, i + 2);
        if (close == std::string_view::npos) {  // unterminated: not a placeholder
          complete_ = false;
          append(resolved, text.substr(i));
          break;
        }
        const std::string_view inner = text.substr(i + 2, close - i - 2);
        const std::optional<std::string> value = resolve_placeholder(inner, depth);
        append(resolved, value ? std::string_view(*value) : text.substr(i, close + 1 - i));
        i = close + 1;
      } else {
        append(resolved, text.substr(i, 1));
        ++i;
      }
    }
    return resolved;
  }

  // The placeholder's value, or nullopt to keep it verbatim (no value, cycle, or a limit hit).
  std::optional<std::string> resolve_placeholder(std::string_view inner, int depth) {
    if (depth >= max_resolution_depth || lookups_left_ == 0) {
      complete_ = false;
      exhausted_ = exhausted_ || lookups_left_ == 0;
      return std::nullopt;
    }
    --lookups_left_;
    const std::size_t separator = default_separator(inner);
    const std::string name = resolve_text(inner.substr(0, separator), depth + 1);  // ${${prefix}.url}
    if (std::find(names_being_resolved_.begin(), names_being_resolved_.end(), name) != names_being_resolved_.end()) {
      cycle_ = true;
      complete_ = false;
      return std::nullopt;
    }
    if (const std::optional<std::string> value = lookup_(name)) {
      names_being_resolved_.push_back(name);
      std::string resolved = resolve_text(*value, depth + 1);  // values may hold placeholders too
      names_being_resolved_.pop_back();
      return resolved;
    }
    if (separator != std::string_view::npos) return resolve_text(inner.substr(separator + 1), depth + 1);
    complete_ = false;
    return std::nullopt;
  }

  void append(std::string& resolved, std::string_view piece) {
    if (piece.size() > expanded_bytes_left_) {
      exhausted_ = true;
      complete_ = false;
      expanded_bytes_left_ = 0;
    } else {
      expanded_bytes_left_ -= piece.size();
    }
    resolved += piece;
  }

  const PlaceholderLookup& lookup_;
  std::vector<std::string> names_being_resolved_;
  std::size_t expanded_bytes_left_ = max_expanded_bytes;
  std::size_t lookups_left_ = max_lookups;
  bool exhausted_ = false;
  bool complete_ = true;
  bool cycle_ = false;
};

}  // namespace

PlaceholderResult resolve_spring_placeholders(std::string_view text, const PlaceholderLookup& lookup) {
  return SpringPlaceholderResolver(lookup).resolve(text);
}

}  // namespace dbsilo
