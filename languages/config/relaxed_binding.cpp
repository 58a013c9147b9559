// Spring relaxed binding: environment variable names to property keys, and canonical keys.
#include <cctype>
#include <string>
#include <string_view>

#include "dbsilo/text.h"
#include "languages/config/config_parsers.h"

namespace dbsilo {

namespace {

bool is_all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

std::string property_key_from_environment(std::string_view environment_name) {
  std::string property_key;
  for (const std::string& part : split(environment_name, '_')) {
    if (part.empty()) continue;  // `A__B`: Spring skips empty elements
    if (is_all_digits(part)) {
      property_key += '[' + part + ']';  // MY_LIST_0_NAME: numeric parts are list indices
      continue;
    }
    if (!property_key.empty()) property_key += '.';
    property_key += to_lower(part);
  }
  return property_key;
}

std::string canonical_property_key(std::string_view key) {
  std::string canonical;
  int bracket_depth = 0;
  for (char c : key) {
    if (c == '[') ++bracket_depth;
    if (bracket_depth > 0) {
      canonical += c;  // an index or bracketed map key is compared as written
    } else if (c != '-' && c != '_') {
      canonical += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (c == ']' && bracket_depth > 0) --bracket_depth;
  }
  return canonical;
}

}  // namespace dbsilo
