// Key joining, offset-to-line conversion and secret redaction shared by the config front ends.
#include "languages/config/config_support.h"

#include <algorithm>

#include "languages/config/config_parsers.h"
#include "languages/datastore/connection_string.h"

namespace dbsilo::config_support {

namespace {

bool is_bracketed(std::string_view key) {
  return key.size() >= 2 && key.front() == '[' && key.back() == ']';
}

}  // namespace

std::string join_key(std::string_view parent, std::string_view child) {
  const std::string_view bare_child = is_bracketed(child) ? child.substr(1, child.size() - 2) : child;
  if (parent.empty()) return std::string(bare_child);
  std::string joined(parent);
  joined += '.';
  joined += bare_child;
  return joined;
}

std::string index_key(std::string_view parent, std::size_t index) {
  std::string indexed(parent);
  indexed += '[';
  indexed += std::to_string(index);
  indexed += ']';
  return indexed;
}

void redact_secret_values(ConfigFileFacts& facts) {
  for (ConfigDocument& document : facts.documents) {
    for (ConfigEntry& entry : document.entries) {
      if (!is_secret_key(entry.key)) continue;
      entry.secret = true;
      entry.secret_digest = secret_digest(entry.value);
      // Overwrite before clearing so the secret's bytes do not linger in the buffer.
      std::fill(entry.value.begin(), entry.value.end(), '\0');
      entry.value.clear();
    }
  }
}

int line_of_offset(std::string_view text, std::size_t offset) {
  const std::size_t end = std::min(offset, text.size());
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
}

int column_of_offset(std::string_view text, std::size_t offset) {
  const std::size_t end = std::min(offset, text.size());
  const std::size_t previous_newline = end == 0 ? std::string_view::npos : text.rfind('\n', end - 1);
  const std::size_t line_start = previous_newline == std::string_view::npos ? 0 : previous_newline + 1;
  return static_cast<int>(end - line_start) + 1;
}

std::string_view without_byte_order_mark(std::string_view text) {
  constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";
  if (text.substr(0, byte_order_mark.size()) == byte_order_mark) text.remove_prefix(byte_order_mark.size());
  return text;
}

}  // namespace dbsilo::config_support
